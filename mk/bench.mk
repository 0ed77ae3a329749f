# Benchmarks (docs/benchmarks.md): the skill as sam builds it against an ask-sdk-core hello-world.
# BENCH_ARGS passes options through, e.g. `make bench BENCH_ARGS="--runs 60 --repetitions 600"`.
.PHONY: bench

# Every package is built and run with the Lambda runtime's Python (LAMBDA_PY and the one-line
# message without it: mk/deploy.mk), as lambda/Makefile, which builds ours, requires.
bench: $(STAMP) ## cold start and warm turns against a hello-world skill (needs python3.12)
	$(need_lambda_python)
	$(PY) -m benchmarks --python $(LAMBDA_PY) $(BENCH_ARGS)
