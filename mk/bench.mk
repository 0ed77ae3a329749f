# Benchmarks (README "Benchmarks"): the skill against an ask-sdk-core hello-world, as ratios.
# BENCH_ARGS passes options through, e.g. `make bench BENCH_ARGS="--runs 60 --bytecode"`.
.PHONY: bench

bench: $(STAMP)
	$(PY) -m benchmarks $(BENCH_ARGS)
