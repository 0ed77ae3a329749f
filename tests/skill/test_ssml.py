"""Speech is plain text in the core and escaped into SSML at the edge: whatever the text holds,
the SSML is well-formed and a person hears exactly the text."""

import xml.etree.ElementTree as ElementTree

import pytest
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import RequestEnvelope

from muscle_twitch.skill.turn import build_response
from muscle_twitch.speech import Reply

TEXTS = [
    "Fish & chips",
    "less < more > less",
    "&amp; is already an entity name, spoken as written",
    "<speak>not markup</speak>",
    "quotes \" and ' need no escape in text",
    "plain words",
]


@pytest.mark.parametrize("text", TEXTS)
def test_speech_and_reprompt_read_back_as_written(text: str) -> None:
    response = build_response(HandlerInput(request_envelope=RequestEnvelope()), Reply(text, reprompt=text))

    for ssml in (response.output_speech.ssml, response.reprompt.output_speech.ssml):
        assert "".join(ElementTree.fromstring(ssml).itertext()) == text
