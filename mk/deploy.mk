# Deployment to AWS (SAM) and its offline proof: docs/deploy.md.
#   make deploy-check   cfn-lint + sam validate + sam build + run the built folder, and the SAM
#                       translation of the template with SnapStart off and on (CI runs it)
#   make deploy-build   lint, validate and build only: then `.venv-deploy/bin/sam deploy --guided`
# aws-sam-cli and cfn-lint live in their own venv: aws-sam-cli pins its own boto3.

DEPLOY_VENV ?= .venv-deploy
DEPLOY_STAMP := $(DEPLOY_VENV)/.installed
SAM := $(DEPLOY_VENV)/bin/sam
CFN_LINT := $(DEPLOY_VENV)/bin/cfn-lint
# The Lambda's Python version comes from the template; sam build needs that interpreter on PATH.
LAMBDA_PYTHON_VERSION := $(shell sed -n 's/^ *Runtime: *python//p' template.yaml)
LAMBDA_PYTHON ?= $(firstword \
	$(wildcard $(HOME)/.pyenv/versions/$(LAMBDA_PYTHON_VERSION).*/bin/python$(LAMBDA_PYTHON_VERSION)) \
	$(shell command -v python$(LAMBDA_PYTHON_VERSION) 2>/dev/null))
# Offline: no telemetry, and no credential lookups against an instance metadata service.
# LAMBDA_PYTHON reaches lambda/Makefile (sam build runs it), which compiles with it.
SAM_ENV := PATH="$(dir $(LAMBDA_PYTHON)):$$PATH" LAMBDA_PYTHON="$(LAMBDA_PYTHON)" SAM_CLI_TELEMETRY=0 AWS_EC2_METADATA_DISABLED=true
SAM_REGION ?= us-east-1
BUILT_FUNCTION_DIR := .aws-sam/build/SkillFunction

.PHONY: deploy-python deploy-lint deploy-build deploy-check deploy-clean

deploy-python:
	@test -x "$(LAMBDA_PYTHON)" || { echo "deploy: need python$(LAMBDA_PYTHON_VERSION) (the Lambda runtime's version): install it or pass LAMBDA_PYTHON=/path/to/python$(LAMBDA_PYTHON_VERSION)" >&2; exit 1; }

$(DEPLOY_STAMP): deploy/requirements.txt | deploy-python
	$(LAMBDA_PYTHON) -m venv $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/python -m pip install -q --disable-pip-version-check -r deploy/requirements.txt
	touch $@

deploy-lint: $(DEPLOY_STAMP)
	$(CFN_LINT) template.yaml
	$(SAM_ENV) $(SAM) validate --lint --region $(SAM_REGION) --template template.yaml

deploy-build: deploy-lint
	$(SAM_ENV) $(SAM) build --template template.yaml

deploy-check: deploy-build $(STAMP)
	$(PY) deploy/package_size.py $(BUILT_FUNCTION_DIR)
	BUILT_FUNCTION_DIR="$(abspath $(BUILT_FUNCTION_DIR))" LAMBDA_PYTHON="$(LAMBDA_PYTHON)" \
		SAM_TRANSLATOR_PYTHON="$(abspath $(DEPLOY_VENV))/bin/python" $(PY) -m pytest tests/deploy

deploy-clean:
	rm -rf .aws-sam
