# Benchmarks (README "Benchmarks"): the skill against an ask-sdk-core hello-world, as ratios.
# BENCH_ARGS passes options through, e.g. `make bench BENCH_ARGS="--runs 60 --bytecode"`.
.PHONY: bench

# Both packages are built and run with the Lambda runtime's Python (LAMBDA_PYTHON, from
# template.yaml via mk/deploy.mk) when it is installed, else with the venv's.
bench: $(STAMP)
	$(PY) -m benchmarks $(if $(LAMBDA_PYTHON),--python $(LAMBDA_PYTHON)) $(BENCH_ARGS)
