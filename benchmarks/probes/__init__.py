"""Scripts run in fresh interpreters by the benchmarks; they import nothing from this repo."""
