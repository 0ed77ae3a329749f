"""The skill's conversations, written as data, played through the simulator end to end."""

from pathlib import Path

import pytest

from muscle_twitch.core.levels import Level
from simulator.cli import load_handler
from simulator.conversation import Handler
from tests.alexa import level_of
from tests.simulator.conversations import (
    FOLDER,
    LOCALES,
    ConversationSpec,
    SpecError,
    all_specs,
    load_spec,
    run,
)

SPECS = all_specs()


@pytest.fixture(scope="module")
def handler() -> Handler:
    # The Lambda's own entry point (tests/conftest.py turns the skill's local store off).
    return load_handler()


@pytest.mark.parametrize("spec", SPECS, ids=[spec.path.stem for spec in SPECS])
def test_conversation(spec: ConversationSpec, handler: Handler) -> None:
    run(spec, handler)


def test_the_conversations_cover_the_ground(handler: Handler) -> None:
    """Every outcome level in every locale, help, fallback, stop, start over, repeat, "why do
    you ask", "I don't know", and at least one over-answer (several facts in one breath)."""
    levels: dict[str, set[str]] = {locale: set() for locale in LOCALES}
    intents: set[str] = set()
    over_answers = 0
    for spec in SPECS:
        for turn in run(spec, handler):
            level = level_of(turn.speech, spec.locale)
            if level:
                levels[spec.locale].add(level)
            if turn.intent is not None:
                intents.add(turn.intent.intent)
                over_answers += len(turn.intent.slots) >= 2
    for locale, reached in levels.items():
        assert reached == {level.value for level in Level}, (locale, reached)
    required = {
        "AMAZON.HelpIntent",
        "AMAZON.FallbackIntent",
        "AMAZON.StopIntent",
        "AMAZON.StartOverIntent",
        "AMAZON.RepeatIntent",
        "WhyIntent",
        "DontKnowIntent",
    }
    assert required <= intents, required - intents
    assert over_answers >= 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('title = "x"', "at least one [[turns]]"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nlevle = "self_care"', "unknown keys ['levle']"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nlevel = "fine"', "level must be one of"),
        ('title = "x"\n[[turns]]\nreply_contains = ["a"]', "'say' or 'tap' is required"),
        ('title = "x"\n[[turns]]\ntap = 2', "need a device with a screen"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nscreen_contains = ["a"]', "need a device with a screen"),
        ('title = "x"\nscreen = "show9"\n[[turns]]\nsay = "hi"', "screen must be one of"),
        ('title = "x"\nscreen = "show8"\n[[turns]]\nsay = "hi"\ntap = 1', "either says or taps"),
        ('title = "x"\nscreen = "show8"\n[[turns]]\ntap = 0', "the number of an answer"),
        ('title = "x"\nscreen = "show8"\n[[turns]]\ntap = "2"', "the number of an answer"),
        ('title = "x"\ndevice = "show8"\n[[turns]]\nsay = "hi"', "unknown keys ['device']"),
        ('title = "x"\nlocale = "fr-FR"\n[[turns]]\nsay = "hi"', "locale must be one of"),
    ],
)
def test_a_mistyped_conversation_file_is_rejected(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SpecError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_spec(path)


def test_conversation_files_live_next_to_the_tests() -> None:
    assert FOLDER.is_dir() and len(list(FOLDER.glob("*.toml"))) == len(SPECS)
