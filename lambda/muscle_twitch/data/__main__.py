"""`python -m muscle_twitch.data`: compile the TOML data files to the JSON the skill reads, then
check the compiled tables with every check, including the one a cold start skips (no phrase
belongs to two terms; see core.knowledge.load_knowledge)."""

import sys

from muscle_twitch.core.knowledge import KnowledgeError, parse_knowledge
from muscle_twitch.data import compile_all, load

for name in compile_all():
    print(f"wrote muscle_twitch/data/{name}")
try:
    parse_knowledge(load("knowledge"), load("questions"))
except KnowledgeError as error:
    sys.exit(f"error: the compiled tables do not pass their checks: {error}")
