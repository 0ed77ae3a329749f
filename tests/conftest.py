"""Shared test set-up: the skill under test remembers nothing between tests unless a test says so."""

import os

# Before any test imports the skill: lambda_handler's default skill must not write a local
# state file, so every test starts as a first-time user. Persistence tests build their own.
os.environ.setdefault("MUSCLE_TWITCH_PERSISTENCE", "off")
