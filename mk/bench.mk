# Benchmarks (docs/benchmarks.md): the skill as sam builds it against an ask-sdk-core hello-world.
# BENCH_ARGS passes options through, e.g. `make bench BENCH_ARGS="--runs 60 --repetitions 600"`.
.PHONY: bench

# Every package is built and run with the Lambda runtime's Python (LAMBDA_PYTHON, from
# template.yaml via mk/deploy.mk) when it is installed, else with the venv's.
bench: $(STAMP)
	$(PY) -m benchmarks $(if $(LAMBDA_PYTHON),--python $(LAMBDA_PYTHON)) $(BENCH_ARGS)
