"""The store listing in skill.json: one entry per English locale, in sync with its sources, with
the certification disclaimer, and example phrases the locale's model understands."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from interaction_models import build_model
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.language.reader import read
from muscle_twitch.locales import supported_locales
from muscle_twitch.skill.handlers.answer import ANSWER_INTENTS
from simulator.matcher import Matcher
from simulator.model import load_model, model_path_for

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((ROOT / "skill-package" / "skill.json").read_text("utf-8"))["manifest"]
LOCALES = build_model.locales()
INVOCATION = "muscle twitch guide"


def test_the_manifest_is_generated_from_the_listing_and_the_locales() -> None:
    assert (ROOT / "skill-package" / "skill.json").read_text("utf-8") == build_model.render_manifest(), (
        "run `make model`"
    )


def test_every_locale_with_a_model_is_listed_and_distributed() -> None:
    assert set(LOCALES) == set(supported_locales())
    assert set(MANIFEST["publishingInformation"]["locales"]) == set(LOCALES)
    assert set(MANIFEST["privacyAndCompliance"]["locales"]) == set(LOCALES)
    countries = sorted(locale.split("-")[1] for locale in LOCALES)
    assert sorted(MANIFEST["publishingInformation"]["distributionCountries"]) == countries


@pytest.mark.parametrize(("locale", "number", "doctor"), [
    ("en-US", "911", "doctor"), ("en-CA", "911", "family doctor"), ("en-GB", "999", "GP"),
    ("en-AU", "000", "GP"), ("en-IN", "112", "doctor"),
])  # fmt: skip
def test_each_description_carries_the_disclaimer_in_the_locales_care_words(
    locale: str, number: str, doctor: str
) -> None:
    description = MANIFEST["publishingInformation"]["locales"][locale]["description"]
    assert "not a substitute for professional medical advice" in description
    assert f"Call your {doctor} for medical advice" in description
    assert f"call your local emergency number ({number})" in description
    assert MANIFEST["privacyAndCompliance"]["locales"][locale]["privacyPolicyUrl"].startswith("https://")


@pytest.mark.parametrize("locale", LOCALES)
def test_example_phrases_are_understood_by_the_locales_model(locale: str) -> None:
    matcher = Matcher(load_model(model_path_for(locale)))
    for phrase in MANIFEST["publishingInformation"]["locales"][locale]["examplePhrases"]:
        text = phrase.lower().rstrip(".?!").removeprefix("alexa, ")
        if re.fullmatch(rf"(open|launch|start) {INVOCATION}", text):
            continue
        match = re.fullmatch(rf"(?:ask|tell) {INVOCATION} (?:to |that )?(.+)", text)
        assert match, phrase
        heard = matcher.match(match.group(1), dt.date(2024, 5, 8))
        assert heard is not None and heard.sample is not None, f"{phrase!r} matches no sample in {locale}"
        assert heard.intent in ANSWER_INTENTS, (phrase, heard.intent)
        # And the skill's reader hears the place the phrase names in the words it carries.
        words = " ".join(v.value for slot in heard.slots for v in slot.values)
        evidence = read(words, load_knowledge(), locale)
        assert any(h.kind == "body_area" for h in evidence.terms), (phrase, words)
