"""Local simulator: hold a whole conversation with the skill from a terminal.

Each typed line is turned into the request Alexa would send, using the project's own
interaction model, and passed to the same `lambda_handler` the Lambda runs.
Run it with `python -m simulator` (or `make run`).
"""

import sys
from pathlib import Path

# The simulator hears words with the skill's own tokenizer and language data
# (lambda/muscle_twitch/language), so the skill's package must be importable.
_LAMBDA_DIR = str(Path(__file__).resolve().parent.parent / "lambda")
if _LAMBDA_DIR not in sys.path:
    sys.path.insert(0, _LAMBDA_DIR)
