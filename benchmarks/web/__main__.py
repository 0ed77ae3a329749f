from benchmarks.web.run import main

main()
