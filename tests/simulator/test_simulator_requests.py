"""Requests carry slots the way Alexa sends them, and the ASK SDK reads them back."""

import datetime as dt
import json
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.utils.request_util import get_simple_slot_values, get_slot_value_v2
from ask_sdk_model import IntentRequest, RequestEnvelope

from simulator import requests
from simulator.matcher import Matcher
from simulator.model import InteractionModel
from tests.simulator.conftest import TODAY

SKILL_ID = "amzn1.ask.skill.test"
AUTHORITY = f"amzn1.er-authority.echo-sdk.{SKILL_ID}.PLANT_TYPE"
NOW = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)


def request_for(model: InteractionModel, matcher: Matcher, line: str) -> dict[str, Any]:
    match = matcher.match(line, TODAY)
    assert match is not None
    return requests.intent_request(match, model.intent(match.intent), SKILL_ID)


def test_single_value_slot_with_entity_resolution(garden_model: InteractionModel, garden_matcher: Matcher) -> None:
    request = request_for(garden_model, garden_matcher, "tell me about tomatoes")
    resolutions = {
        "resolutionsPerAuthority": [
            {
                "authority": AUTHORITY,
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": "tomato", "id": "TOMATO"}}],
            }
        ]
    }
    assert request == {
        "type": "IntentRequest",
        "intent": {
            "name": "AboutIntent",
            "confirmationStatus": "NONE",
            "slots": {
                "plant": {
                    "name": "plant",
                    "confirmationStatus": "NONE",
                    "source": "USER",
                    "value": "tomatoes",
                    "resolutions": resolutions,
                    "slotValue": {
                        "type": "Simple",
                        "value": "tomatoes",
                        "resolutions": resolutions,
                    },
                }
            },
        },
    }


def test_unfilled_slots_are_present_without_a_value_and_built_ins_have_no_resolutions(
    garden_model: InteractionModel, garden_matcher: Matcher
) -> None:
    slots = request_for(garden_model, garden_matcher, "two weeks ago")["intent"]["slots"]
    assert slots["plant"] == {"name": "plant", "confirmationStatus": "NONE"}
    assert slots["since"]["value"] == "P2W"
    assert "resolutions" not in slots["since"]
    assert slots["since"]["slotValue"] == {"type": "Simple", "value": "P2W"}


def test_multi_value_slot_is_a_list_with_per_value_resolutions(
    garden_model: InteractionModel, garden_matcher: Matcher
) -> None:
    slot = request_for(garden_model, garden_matcher, "my roses and my cactus")["intent"]["slots"]["plant"]
    assert "value" not in slot
    values = slot["slotValue"]["values"]
    assert slot["slotValue"]["type"] == "List"
    assert [v["value"] for v in values] == ["roses", "cactus"]
    codes = [v["resolutions"]["resolutionsPerAuthority"][0]["status"]["code"] for v in values]
    assert codes == ["ER_SUCCESS_MATCH", "ER_SUCCESS_NO_MATCH"]
    assert "values" not in values[1]["resolutions"]["resolutionsPerAuthority"][0]


def test_intent_without_slots_has_no_slots_object(garden_model: InteractionModel, garden_matcher: Matcher) -> None:
    request = request_for(garden_model, garden_matcher, "help")
    assert request == {
        "type": "IntentRequest",
        "intent": {"name": "AMAZON.HelpIntent", "confirmationStatus": "NONE"},
    }


def _envelope(request: dict[str, Any], new: bool, attributes: dict[str, Any] | None) -> str:
    identity = requests.Identity.fresh(SKILL_ID)
    session = requests.SessionInfo("amzn1.echo-api.session.x", new, attributes)
    return json.dumps(requests.envelope(identity, session, request, "en-US", NOW))


def test_the_ask_sdk_reads_the_envelope_and_its_slots(garden_model: InteractionModel, garden_matcher: Matcher) -> None:
    request = request_for(garden_model, garden_matcher, "i watered my roses two weeks ago")
    raw = _envelope(request, new=False, attributes={"step": 2})
    envelope = DefaultSerializer().deserialize(raw, RequestEnvelope)
    assert isinstance(envelope.request, IntentRequest)
    assert envelope.session.attributes == {"step": 2}
    assert envelope.request.locale == "en-US"
    assert envelope.request.timestamp is not None
    assert envelope.context.system.application.application_id == SKILL_ID
    slots = envelope.request.intent.slots
    assert slots["since"].value == "P2W"
    authority = slots["plant"].resolutions.resolutions_per_authority[0]
    assert authority.values[0].value.id == "ROSE"


def test_the_ask_sdk_reads_multi_value_slots(garden_model: InteractionModel, garden_matcher: Matcher) -> None:
    request = request_for(garden_model, garden_matcher, "i grow roses, basil and aloe")
    envelope = DefaultSerializer().deserialize(_envelope(request, True, None), RequestEnvelope)
    handler_input = HandlerInput(request_envelope=envelope)
    slot_value = get_slot_value_v2(handler_input, "plant")
    assert [v.value for v in get_simple_slot_values(slot_value)] == ["roses", "basil", "aloe"]


def test_new_session_sends_no_attributes() -> None:
    raw = json.loads(_envelope(requests.launch_request(), new=True, attributes=None))
    assert raw["session"]["new"] is True
    assert "attributes" not in raw["session"]
    assert raw["request"]["type"] == "LaunchRequest"
    assert raw["request"]["timestamp"] == "2024-05-08T12:00:00Z"
