"""`python -m muscle_twitch.data`: compile the TOML data files to the JSON the skill reads."""

from muscle_twitch.data import compile_all

for name in compile_all():
    print(f"wrote muscle_twitch/data/{name}")
