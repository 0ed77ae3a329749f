# Web service (docs/web.md): the skill behind Flask under gunicorn, on 127.0.0.1:$(PORT).
#   make serve       Alexa request verification on; needs SKILL_ID=amzn1.ask.skill.<uuid>
#   make serve-dev   verification OFF, for curl on your own machine (a loud warning says so)
#   make bench-web   the service against a hello-world skill behind the same server (not part of make test)
# Both serve targets run gunicorn in the foreground: Ctrl-C, or stopping the PID of make, stops it.
# Settings come from the environment (PORT, WEB_WORKERS, ...; docs/web.md, "Settings").
# BENCH_WEB_ARGS passes options through, e.g. `make bench-web BENCH_WEB_ARGS="--requests 3000"`.
PORT ?= 8000
.PHONY: serve serve-dev bench-web

serve: $(STAMP)
	PORT=$(PORT) exec $(PY) -m webservice.serve

serve-dev: $(STAMP)
	PORT=$(PORT) LOCAL_DEV_DISABLE_ALEXA_VERIFICATION=1 exec $(PY) -m webservice.serve

bench-web: $(STAMP)
	$(PY) -m benchmarks.web $(BENCH_WEB_ARGS)
