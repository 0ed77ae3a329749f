# Web service (docs/web.md): the skill behind Flask under gunicorn, on 127.0.0.1:$(PORT).
#   make serve       Alexa request verification on; needs SKILL_ID=amzn1.ask.skill.<uuid>
#   make serve-dev   verification OFF, for curl on your own machine (a loud warning says so)
#   make bench-web   the service against a hello-world skill behind the same server (not part of make test)
# Both serve targets run gunicorn in the foreground: Ctrl-C, or stopping the PID of make, stops it.
# Settings come from the environment (PORT, WEB_WORKERS, ...; docs/web.md, "Settings").
# BENCH_WEB_ARGS passes options through, e.g. `make bench-web BENCH_WEB_ARGS="--requests 3000"`.
PORT ?= 8000
.PHONY: serve serve-dev bench-web

# In a recipe: a port already in use stops make with one line naming PORT=, where gunicorn would
# retry it five times and then fail in several lines (webservice/serve.py, busy_port).
check_port = $(if $(if $(DRY_RUN),,$(shell PORT=$(PORT) $(PY) -c "from webservice.serve import busy_port; print(busy_port() or '')" 2>/dev/null)),\
	$(error port $(PORT) on 127.0.0.1 is in use: stop what listens there, or pick another, e.g. make $@ PORT=$(shell expr $(PORT) + 1)))

serve: $(STAMP) ## the web service with Alexa's request verification (SKILL_ID=, PORT=)
	$(check_port)
	PORT=$(PORT) exec $(PY) -m webservice.serve

serve-dev: $(STAMP) ## the web service without verification, for curl (PORT=)
	$(check_port)
	PORT=$(PORT) LOCAL_DEV_DISABLE_ALEXA_VERIFICATION=1 exec $(PY) -m webservice.serve

bench-web: $(STAMP) ## the web service against a hello-world behind the same server
	$(PY) -m benchmarks.web $(BENCH_WEB_ARGS)
