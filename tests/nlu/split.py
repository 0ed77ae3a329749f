"""A fixed random fifth of the corpus, held out while the model is tuned, to check it generalises.

The split is by line (question and text), decided by a salted hash so it never changes when lines
are added elsewhere. While working on the model, look only at the misses of the other four fifths
(`python -m tests.nlu.score --part dev`); the held-out fifth is reported as a figure only.
"""

import hashlib

from tests.nlu.corpus import Utterance

SALT = "muscle-twitch-nlu-holdout-1"
SHARE = 5  # one line in SHARE is held out


def held_out(utterance: Utterance) -> bool:
    digest = hashlib.sha256(f"{SALT}\0{utterance.question}\0{utterance.text}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % SHARE == 0
