# Deployment to AWS (SAM) and its offline proof: docs/deploy.md.
#   make deploy-check   cfn-lint + sam validate + sam build + run the built folder, and the SAM
#                       translation of the template with SnapStart off and on (CI runs it)
#   make deploy-build   lint, validate and build only: then `.venv-deploy/bin/sam deploy --guided`
# aws-sam-cli and cfn-lint live in their own venv: aws-sam-cli pins its own boto3.

DEPLOY_VENV ?= .venv-deploy
DEPLOY_STAMP := $(DEPLOY_VENV)/.installed-$(firstword $(shell cksum < deploy/requirements.txt))
SAM := $(DEPLOY_VENV)/bin/sam
# As for .venv (Makefile): a deploy venv whose python no longer runs is rebuilt.
ifneq ($(wildcard $(DEPLOY_STAMP)),)
ifneq ($(shell $(DEPLOY_VENV)/bin/python -c "" >/dev/null 2>&1 && echo runs),runs)
.PHONY: $(DEPLOY_STAMP)
endif
endif
CFN_LINT := $(DEPLOY_VENV)/bin/cfn-lint
# The Lambda's Python version comes from the template; sam build needs that interpreter on PATH.
LAMBDA_PYTHON_VERSION := $(shell sed -n 's/^ *Runtime: *python//p' template.yaml)
# LAMBDA_PY: LAMBDA_PYTHON if given, else python3.12 from PATH or pyenv, and only one that runs
# and is that version (a pyenv shim can be on PATH and not run: mk/find-python.sh). Looked for
# once, when a recipe first needs it, so other targets do not pay for the search.
LAMBDA_PY = $(eval LAMBDA_PY := $(shell sh mk/find-python.sh \
	$(or $(LAMBDA_PYTHON),python$(LAMBDA_PYTHON_VERSION)) $(LAMBDA_PYTHON_VERSION)))$(LAMBDA_PY)
# In a recipe: stops make with one line when there is no such Python.
no_lambda_python = needs Python $(LAMBDA_PYTHON_VERSION) (the Lambda runtime's version) and finds none that runs: \
	install it (pyenv install $(LAMBDA_PYTHON_VERSION)) or pass LAMBDA_PYTHON=/path/to/python$(LAMBDA_PYTHON_VERSION)
bad_lambda_python = LAMBDA_PYTHON=$(LAMBDA_PYTHON) is not a Python $(LAMBDA_PYTHON_VERSION) that runs: pass the path of one
need_lambda_python = $(if $(DRY_RUN)$(LAMBDA_PY),,$(error $(if $(LAMBDA_PYTHON),$(bad_lambda_python),$(no_lambda_python))))
# Offline: no telemetry, and no credential lookups against an instance metadata service.
# LAMBDA_PYTHON reaches lambda/Makefile (sam build runs it), which compiles with it.
SAM_ENV = PATH="$(dir $(LAMBDA_PY)):$$PATH" LAMBDA_PYTHON="$(LAMBDA_PY)" SAM_CLI_TELEMETRY=0 AWS_EC2_METADATA_DISABLED=true
SAM_REGION ?= us-east-1
BUILT_FUNCTION_DIR := .aws-sam/build/SkillFunction

.PHONY: deploy-python deploy-lint deploy-build deploy-check deploy-clean

deploy-python:
	$(need_lambda_python)
	@:

$(DEPLOY_STAMP): | deploy-python
	$(LAMBDA_PY) -m venv --clear $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/python -m pip install -q --disable-pip-version-check -r deploy/requirements.txt
	touch $@

deploy-lint: $(DEPLOY_STAMP)
	$(CFN_LINT) template.yaml
	$(SAM_ENV) $(SAM) validate --lint --region $(SAM_REGION) --template template.yaml

deploy-build: deploy-lint ## cfn-lint, sam validate, sam build (then sam deploy: docs/deploy.md)
	$(SAM_ENV) $(SAM) build --template template.yaml

deploy-check: deploy-build $(STAMP) ## the offline deployment proof CI runs (needs python3.12)
	$(PY) deploy/package_size.py $(BUILT_FUNCTION_DIR)
	BUILT_FUNCTION_DIR="$(abspath $(BUILT_FUNCTION_DIR))" LAMBDA_PYTHON="$(LAMBDA_PY)" \
		SAM_TRANSLATOR_PYTHON="$(abspath $(DEPLOY_VENV))/bin/python" $(PY) -m pytest tests/deploy

deploy-clean: ## remove .aws-sam
	rm -rf .aws-sam
