# The README's two commands are `make run` and `make test`; each creates or reuses .venv.
# A bare `make` lists the targets (`make help`).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# The Pythons .venv may be made with: pyproject.toml's requires-python (tests/test_newcomer_docs.py).
SUPPORTED_PYTHONS := 3.11 3.12 3.13
# The marker is named by the requirements' content (cksum is POSIX), so a changed requirement
# names a marker that does not exist yet, whatever the files' times say after a checkout.
STAMP := $(VENV)/.installed-$(firstword $(shell cat requirements-dev.txt lambda/requirements.txt | cksum))

.DEFAULT_GOAL := help
.PHONY: help run test lint model

# A venv whose python no longer runs (the interpreter it was made from was removed or upgraded)
# is rebuilt: its marker counts as out of date.
ifneq ($(wildcard $(STAMP)),)
ifneq ($(shell $(PY) -c "" >/dev/null 2>&1 && echo runs),runs)
.PHONY: $(STAMP)
endif
endif

# Found only when the venv is (re)built: recipe lines are expanded just before they run, and
# $(error) there stops make with one line, before anything is created. `make -n` (DRY_RUN)
# shows the commands without these checks, as it would without running them.
DRY_RUN := $(findstring n,$(firstword -$(MAKEFLAGS)))
PYTHON_FOUND = $(shell sh mk/find-python.sh $(PYTHON))
PYTHON_VERSION = $(if $(PYTHON_FOUND),$(shell $(PYTHON_FOUND) -c 'import sys; print("%d.%d" % sys.version_info[:2])'))
check_python = $(if $(DRY_RUN)$(filter $(SUPPORTED_PYTHONS),$(PYTHON_VERSION)),,$(error needs Python 3.11, 3.12 or 3.13; \
	$(if $(PYTHON_VERSION),found $(PYTHON_VERSION) ($(PYTHON)),$(PYTHON) does not run): \
	install one, or point PYTHON at one, e.g. PYTHON=python3.12 make $(or $(MAKECMDGOALS),help)))

$(STAMP):
	$(check_python)
	$(PYTHON_FOUND) -m venv --clear $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

help: ## this list
	@echo "make TARGET [SETTING=value ...]; the README's two commands are make run and make test."
	@awk -F ':.*## ' '/^[a-z][a-z-]*:.*## / { printf "  make %-14s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo "Settings: PYTHON=python3.12 (makes .venv), LOCALE=en-GB, ARGS=--screen, PORT=8001,"
	@echo "  LAMBDA_PYTHON=/path/to/python3.12 (bench, deploy); more in docs/."

run: $(STAMP) ## talk to the skill in your terminal (LOCALE=, ARGS=)
	@$(PY) -m simulator --locale $(or $(LOCALE),en-US) $(ARGS)

test: $(STAMP) ## ruff and the whole test suite (2-3 minutes)
	$(PY) -m ruff check .
	$(PY) -m pytest -n auto --maxprocesses=8

lint: $(STAMP) ## ruff check and ruff format --check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Compiles the data files (TOML -> the JSON the skill reads), then generates the interaction model.
model: $(STAMP) ## after changing data or model sources: regenerate the JSON and the models
	cd lambda && ../$(PY) -m muscle_twitch.data
	$(PY) interaction_models/build_model.py

# Each feature area keeps its own targets in mk/*.mk (web service, deployment, benchmarks, ...).
-include mk/*.mk
