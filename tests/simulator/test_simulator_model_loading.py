"""A bad locale or a missing or malformed model is one readable message, never a traceback."""

import json
from pathlib import Path

import pytest

from simulator.errors import SimulatorError
from simulator.model import load_model, model_path_for
from tests.simulator.conftest import FIXTURES


def _model(intents: list[object], types: list[object] | None = None) -> dict[str, object]:
    language: dict[str, object] = {"invocationName": "garden helper", "intents": intents}
    if types is not None:
        language["types"] = types
    return {"interactionModel": {"languageModel": language}}


MALFORMED: list[tuple[str, str, str]] = [
    ("not json", "{ this is not json", "is not valid JSON: Expecting property name"),
    ("wrong top level", json.dumps({"languageModel": {}}), "the file has no 'interactionModel'"),
    ("a list", json.dumps([]), "the file has no 'interactionModel'"),
    (
        "no invocation",
        json.dumps({"interactionModel": {"languageModel": {"intents": []}}}),
        "languageModel has no 'invocationName'",
    ),
    (
        "intents not a list",
        json.dumps({"interactionModel": {"languageModel": {"invocationName": "x y", "intents": {}}}}),
        "languageModel.intents should be a list",
    ),
    (
        "sample uses an undefined slot",
        json.dumps(_model([{"name": "PlantIntent", "samples": ["my {plant}"]}])),
        "uses {plant}, which the intent does not define",
    ),
    (
        "undefined slot type",
        json.dumps(_model([{"name": "PlantIntent", "slots": [{"name": "plant", "type": "PLANTS"}]}])),
        "has undefined type 'PLANTS'",
    ),
    (
        "duplicate intent",
        json.dumps(_model([{"name": "AMAZON.HelpIntent"}, {"name": "AMAZON.HelpIntent"}])),
        "intent 'AMAZON.HelpIntent' is defined more than once",
    ),
    (
        "type value without a name",
        json.dumps(_model([], [{"name": "PLANTS", "values": [{"id": "X"}]}])),
        "values[0] has no 'name'",
    ),
    (
        "slot sample uses an undefined slot",
        json.dumps(
            _model([{"name": "WhenIntent", "slots": [{"name": "day", "type": "AMAZON.DATE", "samples": ["on {dya}"]}]}])
        ),
        "uses {dya}, which the intent does not define",
    ),
    (
        "dialog intent without a name",
        json.dumps({"interactionModel": {**_model([])["interactionModel"], "dialog": {"intents": [{"slots": []}]}}}),
        "dialog.intents[0] has no 'name'",
    ),
]


@pytest.mark.parametrize(("content", "message"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_malformed_model_is_one_message(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "en-US.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SimulatorError) as raised:
        load_model(path)
    assert message in raised.value.message
    assert str(path.name) in raised.value.message
    assert raised.value.exit_code != 0


def test_missing_model_file(tmp_path: Path) -> None:
    with pytest.raises(SimulatorError, match="does not exist"):
        load_model(tmp_path / "nowhere.json")


@pytest.mark.parametrize("locale", ["english", "en_US", "EN-us", "en-USA", ""])
def test_unknown_locale_form(locale: str) -> None:
    with pytest.raises(SimulatorError, match="Unknown locale"):
        model_path_for(locale, FIXTURES)


def test_locale_without_a_model_names_the_ones_that_exist(tmp_path: Path) -> None:
    (tmp_path / "en-US.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SimulatorError, match="Models exist for: en-US"):
        model_path_for("fr-FR", tmp_path)


def test_no_model_generated_yet_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(SimulatorError, match="make model"):
        model_path_for("en-US", tmp_path / "custom")


def test_the_fixture_model_loads(tmp_path: Path) -> None:
    model = load_model(FIXTURES / "garden-model.json")
    assert model.invocation_name == "garden helper"
    plant = model.intent("PlantIntent")
    assert plant is not None and plant.slot("plant") is not None
    assert plant.slots[0].multiple is True
    assert [v.id for v in model.types["PLANT_TYPE"].values][:2] == ["ROSE", "TOMATO"]
    # the dialog model: which intents it covers, and what people say when a slot is elicited
    assert model.dialog_intents == {"PlantIntent", "WateredIntent"}
    assert plant.slots[0].samples == ("{plant}", "my {plant}", "i grow {plant}", "{plant} mostly")
    assert model.locale is None  # not named for a locale: the shared English language data


def test_a_generated_model_is_named_for_its_locale() -> None:
    assert load_model(model_path_for("en-GB")).locale == "en-GB"


@pytest.mark.parametrize(
    ("content", "message"),
    [("{ this is not json", "is not valid JSON"), (json.dumps({"languageModel": {}}), "is malformed")],
    ids=["not json", "malformed"],
)
def test_a_broken_generated_model_says_to_run_make_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    monkeypatch.setattr("simulator.model.MODELS_DIR", tmp_path)
    (tmp_path / "en-US.json").write_text(content, encoding="utf-8")
    with pytest.raises(SimulatorError) as raised:
        load_model(model_path_for("en-US", tmp_path))
    assert message in raised.value.message
    assert raised.value.message.endswith("It is generated: run `make model` to write it again.")


def test_a_broken_model_of_ones_own_gets_no_make_model_hint(tmp_path: Path) -> None:
    """`make model` writes only the generated models; it cannot repair a file given with --model."""
    path = tmp_path / "mine.json"
    path.write_text("{ this is not json", encoding="utf-8")
    with pytest.raises(SimulatorError) as raised:
        load_model(path)
    assert "make model" not in raised.value.message
