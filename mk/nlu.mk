# The natural-speech corpus (tests/nlu/) and the interaction model (docs/nlu.md).
#   make nlu            per question and per locale: intent and slot accuracy, the misses, false red flags
#   make nlu-quick      the same for one locale, figures only (LOCALE=en-GB; default en-US)
#   make replay-files   the conversation tests as `ask dialog --replay` files in build/replay/
.PHONY: nlu nlu-quick replay-files

nlu: $(STAMP) ## how well the model understands the natural-speech corpus
	PYTHONPATH=lambda:. $(PY) -m tests.nlu.score

nlu-quick: $(STAMP) ## the same for one locale, figures only (LOCALE=)
	PYTHONPATH=lambda:. $(PY) -m tests.nlu.score --mode skill --quiet --locale $(or $(LOCALE),en-US)

replay-files: $(STAMP) ## the conversation tests as ask dialog --replay files
	PYTHONPATH=lambda:. $(PY) -m tests.nlu.replay $(if $(SKILL_ID),--skill-id $(SKILL_ID))
