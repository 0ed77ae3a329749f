"""The statistical recogniser (tests/nlu/statistical.py) on a small model written here, and once on the
project's real en-US model (a smoke test that reads intent names from the model)."""

import copy
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tests.nlu import statistical
from tests.nlu.statistical import FALLBACK, Recogniser, strip_carrier

REAL_MODEL = Path(__file__).resolve().parents[2] / "skill-package" / "interactionModels" / "custom" / "en-US.json"


def _value(value_id: str, *synonyms: str) -> dict:
    return {"id": value_id, "name": {"value": value_id, "synonyms": list(synonyms)}}


MODEL = {
    "interactionModel": {
        "languageModel": {
            "invocationName": "twitch test",
            "intents": [
                {
                    "name": "AreaIntent",
                    "slots": [{"name": "areas", "type": "BODY_PART", "multipleValues": {"enabled": True}}],
                    "samples": [
                        "my {areas} is twitching", "my {areas} keeps twitching", "my {areas} twitches",
                        "it's my {areas}", "it is in my {areas}", "the twitching is in my {areas}", "{areas}",
                        "my {areas}", "in my {areas}", "the {areas}", "my {areas} keeps jumping",
                        "there's a twitch in my {areas}", "my {areas} won't stop twitching", "it's the {areas}",
                        "mostly my {areas}", "my {areas} has been flickering", "i feel it in my {areas}",
                        "a twitch in my {areas}", "it's in the {areas}", "my {areas} is jumping",
                    ],
                },
                {
                    "name": "OnsetIntent",
                    "slots": [{"name": "duration", "type": "AMAZON.DURATION"}],
                    "samples": [
                        "it started {duration} ago", "for {duration}", "about {duration}", "{duration}",
                        "it's been {duration}", "since {duration} ago", "it began {duration} ago",
                        "i noticed it {duration} ago", "around {duration} now", "it's been going on for {duration}",
                        "for the last {duration}", "roughly {duration}", "it kicked off {duration} ago",
                    ],
                },
                {
                    "name": "TriggerIntent",
                    "slots": [{"name": "trigger", "type": "TRIGGER"}],
                    "samples": [
                        "i drink a lot of {trigger}", "i've been {trigger}", "probably {trigger}", "{trigger}",
                        "i've had too much {trigger}", "it's the {trigger}", "i think it's {trigger}",
                        "lots of {trigger}", "i've been doing {trigger}", "maybe {trigger}",
                        "it happens after {trigger}", "loads of {trigger} lately", "i'm always {trigger}",
                    ],
                },
                {"name": "AMAZON.YesIntent", "samples": []},
                {"name": "AMAZON.NoIntent", "samples": []},
                {"name": "AMAZON.HelpIntent", "samples": []},
                {"name": "AMAZON.StopIntent", "samples": []},
                {"name": "AMAZON.CancelIntent", "samples": []},
                {"name": "AMAZON.FallbackIntent", "samples": []},
            ],
            "types": [
                {
                    "name": "BODY_PART",
                    "values": [
                        _value("eyelid", "eye", "eyes", "eyelids", "left eyelid", "right eyelid", "upper eyelid"),
                        _value("back", "lower back", "upper back", "spine"),
                        _value("calf", "calves", "lower leg", "left calf", "right calf"),
                        _value("hand", "hands", "fingers", "thumb", "wrist"),
                        _value("arm", "arms", "forearm", "bicep", "upper arm"),
                        _value("foot", "feet", "toes", "ankle", "big toe"),
                        _value("face", "cheek", "lip", "lips", "chin", "jaw"),
                    ],
                },
                {
                    "name": "TRIGGER",
                    "values": [
                        _value("caffeine", "coffee", "tea", "energy drinks", "cola"),
                        _value("stress", "stressed", "anxiety", "work stress", "worry"),
                        _value("poor_sleep", "not sleeping", "bad sleep", "tired", "night shifts"),
                        _value("exercise", "the gym", "running", "working out", "a workout"),
                    ],
                },
            ],
        },
        "dialog": {
            "intents": [
                {
                    "name": "AreaIntent",
                    "confirmationRequired": False,
                    "prompts": {},
                    "slots": [
                        {
                            "name": "areas",
                            "type": "BODY_PART",
                            "elicitationRequired": True,
                            "confirmationRequired": False,
                            "prompts": {"elicitation": "Elicit.Slot.areas"},
                        }
                    ],
                }
            ],
            "delegationStrategy": "SKILL_RESPONSE",
        },
        "prompts": [
            {"id": "Elicit.Slot.areas", "variations": [{"type": "PlainText", "value": "Where is the twitching?"}]}
        ],
    }
}  # fmt: skip

LINES = (
    "my left eyelid will not stop twitching",
    "i think it started about two weeks ago",
    "honestly i drink way too much coffee",
    "my calves and my left eyelid",
    "my elbow keeps twitching",
    "yeah",
    "nope",
    "stop",
    "what's the weather going to be like on friday",
)


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser.train(MODEL, cache_dir=None)


def _predictions(recogniser: Recogniser) -> list[statistical.Prediction]:
    return [recogniser.predict(line) for line in LINES]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # None of these is a training sentence (a sample or a built-in phrasing): the classifier generalises.
        ("my left eyelid will not stop twitching", "AreaIntent"),
        ("there is some twitching going on in my right calf", "AreaIntent"),
        ("i think it started about two weeks ago", "OnsetIntent"),
        ("it has been like this for three days", "OnsetIntent"),
        ("honestly i drink way too much coffee", "TriggerIntent"),
        ("i have been really stressed at work", "TriggerIntent"),
        ("yes definitely", "AMAZON.YesIntent"),
        ("nope not me", "AMAZON.NoIntent"),
        ("how does this thing work", "AMAZON.HelpIntent"),
        ("please stop now", "AMAZON.StopIntent"),
        ("what's the weather going to be like on friday", FALLBACK),
        ("play me some music by the beatles", FALLBACK),
    ],
)
def test_held_out_paraphrases_get_their_intent(recogniser: Recogniser, text: str, intent: str) -> None:
    prediction = recogniser.predict(text)
    assert prediction.intent == intent, prediction
    assert 0.0 < prediction.confidence <= 1.0


def test_a_multi_word_value_is_one_span_resolved_to_its_id(recogniser: Recogniser) -> None:
    prediction = recogniser.predict("my lower back keeps twitching")
    assert prediction.intent == "AreaIntent"
    assert prediction.slots == {"areas": ["lower back"]}
    assert prediction.resolved == {"areas": ["back"]}


def test_a_multi_value_slot_takes_several_spans(recogniser: Recogniser) -> None:
    prediction = recogniser.predict("my calves and my left eyelid")
    assert prediction.intent == "AreaIntent"
    assert prediction.slots == {"areas": ["calves", "left eyelid"]}
    assert prediction.resolved == {"areas": ["calf", "eyelid"]}


def test_exact_synonyms_resolve_whatever_the_case_and_unknown_words_stay_unresolved(recogniser: Recogniser) -> None:
    assert recogniser.predict("My EYE").resolved == {"areas": ["eyelid"]}
    # Not a value of BODY_PART: tagged from its context, as Alexa passes a word it heard (ER_SUCCESS_NO_MATCH).
    unknown = recogniser.predict("my elbow keeps twitching")
    assert unknown.intent == "AreaIntent"
    assert unknown.slots == {"areas": ["elbow"]}
    assert unknown.resolved == {"areas": [None]}


def test_a_built_in_type_is_tagged_and_never_resolved(recogniser: Recogniser) -> None:
    prediction = recogniser.predict("it started three days ago")
    assert prediction.intent == "OnsetIntent"
    assert prediction.slots == {"duration": ["three days"]}
    assert prediction.resolved == {"duration": [None]}


def test_allowed_intents_restrict_the_choice(recogniser: Recogniser) -> None:
    assert recogniser.predict("yeah").intent == "AMAZON.YesIntent"
    narrowed = recogniser.predict("yeah", allowed_intents={"AreaIntent", "AMAZON.StopIntent"})
    assert narrowed.intent in {"AreaIntent", "AMAZON.StopIntent"}
    assert recogniser.predict("stop", allowed_intents=["AreaIntent", "AMAZON.StopIntent"]).intent == "AMAZON.StopIntent"
    alone = recogniser.predict("stop", allowed_intents="OnsetIntent")  # one name is one intent, not letters
    assert (alone.intent, alone.confidence) == ("OnsetIntent", 1.0)
    with pytest.raises(ValueError, match="NotAnIntent"):
        recogniser.predict("stop", allowed_intents={"NotAnIntent"})


def test_the_dialog_model_names_the_elicited_slots(recogniser: Recogniser) -> None:
    assert recogniser.elicitations == {"AreaIntent": ("areas",)}


def test_eliciting_a_slot_puts_an_untagged_reply_into_it(recogniser: Recogniser) -> None:
    text = "well umm hard to describe really"
    words = statistical.tokens(text)
    assert "areas" not in recogniser.tag("AreaIntent", words)  # the tagger alone finds nothing
    plain = recogniser.predict(text, allowed_intents={"AreaIntent"})
    assert plain.slots == {} and not plain.elicitation_filled
    elicited = recogniser.predict(text, allowed_intents={"AreaIntent"}, elicited_slot="areas")
    assert elicited.intent == "AreaIntent"
    assert elicited.slots == {"areas": [text]}
    assert elicited.resolved == {"areas": [None]}
    assert elicited.elicitation_filled


def test_elicitation_strips_a_leading_carrier_of_the_intents_samples(recogniser: Recogniser) -> None:
    carriers = recogniser.intents["AreaIntent"].carriers["areas"]
    assert {("it's", "my"), ("the", "twitching", "is", "in", "my"), ("my",)} <= carriers
    assert strip_carrier(["it's", "my", "squishy", "bit"], carriers) == ["squishy", "bit"]
    assert strip_carrier(["my"], carriers) == ["my"]  # never to nothing
    assert strip_carrier(["um", "it's", "my", "bit"], carriers) == ["um", "it's", "my", "bit"]  # leading only
    text = "it's the bit near the middle"
    assert "areas" not in recogniser.tag("AreaIntent", statistical.tokens(text))
    elicited = recogniser.predict(text, allowed_intents={"AreaIntent"}, elicited_slot="areas")
    assert elicited.slots == {"areas": ["bit near the middle"]} and elicited.elicitation_filled


def test_an_uncertain_classifier_yields_to_the_elicited_intent(recogniser: Recogniser) -> None:
    vague = ("kind of behind it", "kind of the wobbly part", "sort of the wobbly part", "that floppy bit there")
    uncertain = [
        text
        for text in vague
        if (free := recogniser.predict(text)).confidence < statistical.UNCERTAIN_BELOW and free.intent != "AreaIntent"
    ]
    assert uncertain, "no vague line leaves the classifier uncertain: choose others"
    for text in uncertain:
        elicited = recogniser.predict(text, elicited_slot="areas")
        assert elicited.intent == "AreaIntent"
        assert elicited.slots["areas"] and elicited.resolved["areas"] == [None] * len(elicited.slots["areas"])
    # A confident answer to something else is kept: the skill hears "stop", not a body part.
    assert recogniser.predict("stop", elicited_slot="areas").intent == "AMAZON.StopIntent"


def test_without_a_fallback_intent_an_off_topic_line_goes_to_some_intent() -> None:
    model = copy.deepcopy(MODEL)
    intents = model["interactionModel"]["languageModel"]["intents"]
    intents[:] = [intent for intent in intents if intent["name"] != FALLBACK]
    prediction = Recogniser.train(model, cache_dir=None).predict("what's the weather going to be like on friday")
    assert prediction.intent != FALLBACK


def test_retraining_with_the_same_seed_gives_the_same_predictions(recogniser: Recogniser) -> None:
    again = Recogniser.train(MODEL, cache_dir=None)
    assert again.tagger_models == recogniser.tagger_models
    assert _predictions(again) == _predictions(recogniser)


def test_a_trained_recogniser_is_cached_and_a_corrupted_cache_retrained(tmp_path: Path) -> None:
    first = Recogniser.train(MODEL, cache_dir=tmp_path)
    assert not first.from_cache
    (cached,) = tmp_path.glob("*.pickle")
    assert cached.stem == statistical.cache_key(MODEL, seed=0, samples_per_intent=None)
    second = Recogniser.train(MODEL, cache_dir=tmp_path)
    assert second.from_cache
    assert _predictions(second) == _predictions(first)
    # Another model (here one more synonym) is another entry.
    changed = copy.deepcopy(MODEL)
    changed["interactionModel"]["languageModel"]["types"][0]["values"][0]["name"]["synonyms"].append("eyeball")
    assert not Recogniser.train(changed, cache_dir=tmp_path).from_cache
    assert len(list(tmp_path.glob("*.pickle"))) == 2
    # A truncated file, or a pickle of something else, is retrained and rewritten.
    for broken in (cached.read_bytes()[:100], pickle.dumps({"not": "a recogniser"})):
        cached.write_bytes(broken)
        retrained = Recogniser.train(MODEL, cache_dir=tmp_path)
        assert not retrained.from_cache
        assert _predictions(retrained) == _predictions(first)
        assert Recogniser.train(MODEL, cache_dir=tmp_path).from_cache


def test_the_cache_keeps_only_the_most_recently_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(statistical, "CACHE_ENTRIES", 1)
    Recogniser.train(MODEL, cache_dir=tmp_path, seed=1)
    Recogniser.train(MODEL, cache_dir=tmp_path, seed=2)
    (kept,) = tmp_path.glob("*.pickle")
    assert kept.stem == statistical.cache_key(MODEL, seed=2, samples_per_intent=None)


def test_two_intents_are_enough() -> None:
    model = copy.deepcopy(MODEL)
    language_model = model["interactionModel"]["languageModel"]
    language_model["intents"] = [i for i in language_model["intents"] if i["name"] in ("AreaIntent", "OnsetIntent")]
    recogniser = Recogniser.train(model, cache_dir=None)
    assert recogniser.predict("my eye").intent == "AreaIntent"
    assert recogniser.predict("for about two weeks").slots == {"duration": ["two weeks"]}


def test_the_command_prints_a_prediction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(MODEL), encoding="utf-8")
    assert statistical.main(["--model", str(path), "--no-cache", "--json", "my lower back"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["intent"] == "AreaIntent"
    assert printed["slots"] == {"areas": ["lower back"]} and printed["resolved"] == {"areas": ["back"]}
    elicit = ["--elicit", "areas", "--allow", "AreaIntent"]
    assert statistical.main(["--model", str(path), "--no-cache", *elicit, "zorp"]) == 0
    assert "areas = 'zorp' -> ER_SUCCESS_NO_MATCH" in capsys.readouterr().out


def test_a_recogniser_cached_by_the_command_serves_the_module(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(MODEL), encoding="utf-8")
    command = [sys.executable, "-m", "tests.nlu.statistical", "--model", str(path), "--cache-dir", str(tmp_path)]
    root = Path(__file__).resolve().parents[2]
    subprocess.run([*command, "--json", "my eye"], check=True, cwd=root, capture_output=True)
    assert Recogniser.train(MODEL, cache_dir=tmp_path).from_cache


@pytest.mark.slow
def test_the_real_model_hears_obvious_lines() -> None:
    """Trains on skill-package/interactionModels/custom/en-US.json with 500 sentences an intent (about 4 s
    of CPU, cached in .cache/nlu-statistical/ afterwards; the default 1,500 take about 16 s). The model's
    intents will change: they are found by the slot types they carry, never by name."""
    model = json.loads(REAL_MODEL.read_text(encoding="utf-8"))
    language_model = model["interactionModel"]["languageModel"]
    body_types = {
        t["name"]
        for t in language_model["types"]
        if any(v["name"]["value"] == "eyelid" or "eyelid" in v["name"].get("synonyms", []) for v in t["values"])
    }
    body_intents = {
        intent["name"]
        for intent in language_model["intents"]
        if any(slot["type"] in body_types for slot in intent.get("slots", []))
    }
    assert body_types and body_intents
    recogniser = Recogniser.train(model, samples_per_intent=500)
    heard = recogniser.predict("my left eyelid")
    assert heard.intent in body_intents
    spans = [
        span
        for name, values in heard.slots.items()
        if recogniser.intents[heard.intent].slots[name].type in body_types
        for span in values
    ]
    assert "left eyelid" in spans, heard
    assert recogniser.predict("stop").intent == "AMAZON.StopIntent"
