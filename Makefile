# The README's two commands are `make run` and `make test`; each creates or reuses .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint model

$(STAMP): requirements-dev.txt lambda/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(STAMP)
	@$(PY) -m simulator --locale $(or $(LOCALE),en-US) $(ARGS)

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -n auto --maxprocesses=8

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Compiles the data files (TOML -> the JSON the skill reads), then generates the interaction model.
model: $(STAMP)
	cd lambda && ../$(PY) -m muscle_twitch.data
	$(PY) interaction_models/build_model.py

# Each feature area keeps its own targets in mk/*.mk (web service, deployment, benchmarks, ...).
-include mk/*.mk
