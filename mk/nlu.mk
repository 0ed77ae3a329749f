# The natural-speech corpus (tests/nlu/): how well the skill understands people as they speak.
#   make nlu   per question and per locale: intent and slot accuracy, the misses, false red flags
.PHONY: nlu

nlu: $(STAMP)
	PYTHONPATH=lambda:. $(PY) -m tests.nlu.score
