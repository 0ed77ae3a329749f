"""`python -m muscle_twitch.data` (run by `make model`): compile the TOML data files and the
language packages to the JSON the skill reads, then check the compiled tables with every check,
and that the language packages name every id of the cause table and only those."""

import sys

from muscle_twitch.core.knowledge import KnowledgeError, parse_knowledge
from muscle_twitch.data import compile_all, load
from muscle_twitch.language import build

for name in compile_all():
    print(f"wrote muscle_twitch/data/{name}")
try:
    knowledge = parse_knowledge(load("knowledge"), load("questions"))
    for name in build.write_all():
        print(f"wrote muscle_twitch/data/{name}")
    build.check_against(knowledge)
except (KnowledgeError, build.LanguageError) as error:
    sys.exit(f"error: the tables do not pass their checks: {error}")
