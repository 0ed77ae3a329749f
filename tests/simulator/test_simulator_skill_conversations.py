"""The skill's conversations, written as data, played through the simulator end to end."""

from pathlib import Path
from typing import Any

import pytest

from muscle_twitch.core.levels import Level
from simulator.cli import load_handler
from simulator.conversation import Handler, Turn
from tests.alexa import level_of
from tests.simulator.conversations import (
    FOLDER,
    LOCALES,
    ConversationSpec,
    SpecError,
    all_specs,
    heard,
    knowledge,
    load_spec,
    prompts,
    question_ids,
    run,
    said_prompt,
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
    """Every outcome level in every locale; help, stop, start over, repeat and "why do you ask";
    a line the skill could not use (said to be missed, then moved on from), "I don't know" heard
    as not sure, a question of the person's own, and at least one over-answer (one line that
    answers the question on the table and another). Measured on what the conversations heard,
    up to any expectation that failed (each conversation's own test reports that)."""
    levels: dict[str, set[str]] = {locale: set() for locale in LOCALES}
    intents: set[str] = set()
    said: set[str] = set()
    over_answers = 0
    for spec in SPECS:
        unsure = [key for key in _UNSURE if prompts(spec.locale).has(key)]
        before: dict[str, Any] = {}
        for turn in heard(spec, handler):
            level = level_of(turn.speech, spec.locale)
            if level:
                levels[spec.locale].add(level)
            if turn.intent is not None:
                intents.add(turn.intent.intent)
            said.update(key for key in _MISSED if said_prompt(turn.speech, key, spec.locale))
            if any(said_prompt(turn.speech, key, spec.locale) for key in unsure):
                said.add("not sure")
            interview = turn.attributes.get("interview") or {}
            over_answers += _over_answer(turn, before, interview)
            before = interview
    for locale, reached in levels.items():
        assert reached == {level.value for level in Level}, (locale, reached)
    required = {
        "AMAZON.HelpIntent",
        "AMAZON.StopIntent",
        "AMAZON.StartOverIntent",
        "AMAZON.RepeatIntent",
        "WhyIntent",
    }
    assert required <= intents, required - intents
    assert any(intent.startswith("Ask") for intent in intents), "no question of the person's own"
    assert said >= {*_MISSED, "not sure"}, said
    assert over_answers >= 1


# A line missed once, twice, then moved on from; "not sure" heard (said back, or its own advice).
_MISSED = ("retry.first", "retry.second", "ack.moved_on")
_UNSURE = ("ack.unsure", *(f"questions.{q}.on_unsure" for q in question_ids()))


def _over_answer(turn: Turn, before: dict[str, Any], after: dict[str, Any]) -> bool:
    """A line in words (not a touch, not a bare yes or no) that answered the question on the table
    and another one (not the question it is a sign of: a no to the last sign answers that too)."""
    asked = before.get("asking")
    if turn.tapped is not None or turn.intent is None or turn.intent.intent.startswith("AMAZON.") or not asked:
        return False
    new = set((after.get("answers") or {}).get("values") or {}) - set((before.get("answers") or {}).get("values") or {})
    return asked in new and bool(new - {asked, knowledge().question(asked).part_of})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('title = "x"', "at least one [[turns]]"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nlevle = "self_care"', "unknown keys ['levle']"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nlevel = "fine"', "level must be one of"),
        ('title = "x"\n[[turns]]\nreply_contains = ["a"]', "'say', 'tap' or 'until' is required"),
        ('title = "x"\n[[turns]]\ntap = 2', "need a device with a screen"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nscreen_contains = ["a"]', "need a device with a screen"),
        ('title = "x"\nscreen = "show9"\n[[turns]]\nsay = "hi"', "screen must be one of"),
        ('title = "x"\nscreen = "show8"\n[[turns]]\nsay = "hi"\ntap = 1', "either says or taps"),
        ('title = "x"\nscreen = "show8"\n[[turns]]\ntap = 0', "the number of an answer"),
        ('title = "x"\nscreen = "show8"\n[[turns]]\ntap = "2"', "the number of an answer"),
        ('title = "x"\ndevice = "show8"\n[[turns]]\nsay = "hi"', "unknown keys ['device']"),
        ('title = "x"\nlocale = "fr-FR"\n[[turns]]\nsay = "hi"', "locale must be one of"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nasks = "symptom"', "'symptom' is no question of questions.toml"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nnever_asks = ["offer:lunch"]', "'offer:lunch' is no question"),
        ('title = "x"\n[[turns]]\nuntil = "the end"', "until: 'the end' is no question"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nuntil = "result"', "says, taps or answers 'until'"),
        ('title = "x"\n[[turns]]\nuntil = "result"\nintent = "WhyIntent"', "belong to one line"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nanswers = { areas = "my calf" }', "'answers' needs 'until'"),
        ('title = "x"\n[[turns]]\nuntil = "result"\nanswers = { area = "my calf" }', "answers: 'area' is no question"),
        ('title = "x"\n[[turns]]\nuntil = "result"\nanswers = { areas = 1 }', "a table of question id"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nsays = ["retry.third"]', "'retry.third' is no prompt"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nsays_not = ["retry"]', "'retry' is no prompt"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nasks_part_of = "areas"', "no question is part_of 'areas'"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nsame_question = "yes"', "same_question must be true or false"),
        ('title = "x"\n[[turns]]\nsay = "hi"\nquestions_at_most = 0', "questions_at_most is a number"),
    ],
)
def test_a_mistyped_conversation_file_is_rejected(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SpecError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_spec(path)


def test_conversation_files_live_next_to_the_tests() -> None:
    assert FOLDER.is_dir() and len(list(FOLDER.glob("*.toml"))) == len(SPECS)


# ---------------------------------------------------------------- the checks bite
# The real skill, with one thing broken in its responses: the conversation must fail, saying why.


def _spec(tmp_path: Path, content: str) -> ConversationSpec:
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    return load_spec(path)


def _speech(response: dict[str, Any]) -> str:
    return str(((response.get("response") or {}).get("outputSpeech") or {}).get("ssml", ""))


def _broken(handler: Handler, change: Any) -> Handler:
    def broken(event: dict[str, Any], context: Any) -> Any:
        return change(event, handler(event, context))

    return broken


def test_an_emergency_result_that_leaves_the_session_open_fails(tmp_path: Path, handler: Handler) -> None:
    def keep_open(event: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
        if "emergency" in _speech(response).lower() and response["response"].get("shouldEndSession"):
            response["response"]["shouldEndSession"] = False
        return response

    spec = _spec(tmp_path, 'title = "x"\n[[turns]]\nsay = "open muscle twitch guide"\n[[turns]]\nsay = "yes"')
    with pytest.raises(AssertionError, match="an emergency result leaves the session open"):
        run(spec, _broken(handler, keep_open))


def test_a_stop_that_does_not_end_the_session_fails(tmp_path: Path, handler: Handler) -> None:
    def keep_open(event: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
        if (event["request"].get("intent") or {}).get("name") == "AMAZON.StopIntent":
            response["response"]["shouldEndSession"] = False
        return response

    spec = _spec(tmp_path, 'title = "x"\n[[turns]]\nsay = "open muscle twitch guide"\n[[turns]]\nsay = "stop"')
    with pytest.raises(AssertionError, match=r"AMAZON\.StopIntent did not end the session"):
        run(spec, _broken(handler, keep_open))


def test_a_third_miss_of_a_question_with_two_retries_fails(tmp_path: Path, handler: Handler) -> None:
    last: dict[str, Any] = {}

    def never_move_on(event: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
        if "move on" in _speech(response).lower():
            return last["missed"]
        if "sorry" in _speech(response).lower():
            last["missed"] = response
        return response

    lines = "".join(f'[[turns]]\nsay = "{line}"\n' for line in ("gribble", "snorkwap", "flurp"))
    spec = _spec(tmp_path, f'title = "x"\n[[turns]]\nsay = "open muscle twitch guide"\n[[turns]]\nsay = "no"\n{lines}')
    with pytest.raises(AssertionError, match=r"areas missed 3 times \(retries 2\)"):
        run(spec, _broken(handler, never_move_on))


def test_a_last_question_followed_by_another_fails(tmp_path: Path, handler: Handler) -> None:
    def too_early(event: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
        speech = response.get("response", {}).get("outputSpeech") or {}
        if "where do you feel" in str(speech.get("ssml", "")).lower():
            speech["ssml"] = speech["ssml"].replace("<speak>", "<speak>Last question. ", 1)
        return response

    spec = _spec(tmp_path, 'title = "x"\n[[turns]]\nsay = "open muscle twitch guide"\n[[turns]]\nuntil = "result"')
    with pytest.raises(AssertionError, match=r"progress\.last was said"):
        run(spec, _broken(handler, too_early))


@pytest.mark.parametrize(
    ("turns", "message"),
    [
        ('until = "result"\nanswers = { leg_clot = "no" }', r"never asked \['leg_clot'\]"),
        ('until = "offer:check"', "the session ended first|nothing is asked"),
        ('say = "no"\nsame_question = true', "emergency was on the table, now areas"),
        ('say = "no"\nnever_asks = ["areas"]', "areas was asked"),
        ('say = "i\'m not sure"\nasks_part_of = "emergency"\nsays = ["retry.first"]', "does not say retry.first"),
        ('say = "yes"\nemergency_number = false', "the emergency number 911 said: True"),
        ('until = "result"\nquestions_at_most = 3', "questions put, more than 3"),
    ],
)
def test_an_expectation_that_does_not_hold_fails(tmp_path: Path, handler: Handler, turns: str, message: str) -> None:
    spec = _spec(tmp_path, f'title = "x"\n[[turns]]\nsay = "open muscle twitch guide"\n[[turns]]\n{turns}')
    with pytest.raises(AssertionError, match=message):
        run(spec, handler)
