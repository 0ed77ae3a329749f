# Web service (README "Web service"): the skill behind Flask + flask-ask-sdk under gunicorn.
#   make serve       gunicorn on 127.0.0.1:$(PORT) (PORT=8000 by default); settings from the environment
#   make bench-web   the service against a hello-world skill behind the same server (not part of make test)
# BENCH_WEB_ARGS passes options through, e.g. `make bench-web BENCH_WEB_ARGS="--requests 3000"`.
PORT ?= 8000
.PHONY: serve bench-web

serve: $(STAMP)
	PORT=$(PORT) $(PY) -m gunicorn --config python:webservice.gunicorn_config webservice.wsgi:app

bench-web: $(STAMP)
	$(PY) -m benchmarks.web $(BENCH_WEB_ARGS)
