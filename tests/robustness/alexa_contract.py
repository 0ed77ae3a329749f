"""What every response of the skill must be, checked on the JSON the skill returns.

ask-sdk-model's deserializer is lenient (it accepts `"version": 1` or an empty response), so
the contract checks types and the certification rules on top of it:
- it parses as an ask_sdk_model ResponseEnvelope, version "1.0", at most 24 KB of JSON, whatever
  the request carried (the skill keeps only its own, re-validated session attributes);
- it speaks, in well-formed SSML or plain text of at most 8,000 characters (a response to a
  SessionEndedRequest is never delivered, so only its envelope is checked);
- the session stays open exactly when a question was asked: shouldEndSession is False and a
  reprompt is present, or shouldEndSession is True and there is no reprompt.
"""

import json
import xml.etree.ElementTree as ElementTree
from typing import Any, NoReturn

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import ResponseEnvelope
from ask_sdk_model.ui import PlainTextOutputSpeech, SsmlOutputSpeech

MAX_RESPONSE_BYTES = 24 * 1024
MAX_SPEECH_CHARACTERS = 8000
_serializer = DefaultSerializer()


class ContractViolation(AssertionError):
    pass


def _fail(message: str, response: Any) -> NoReturn:
    shown = json.dumps(response, default=repr)[:600]
    raise ContractViolation(f"{message}\nresponse: {shown}")


def _require(condition: bool, message: str, response: Any) -> None:
    if not condition:
        _fail(message, response)


def spoken_text(speech: Any) -> str:
    """The words of an outputSpeech object (SSML tags removed)."""
    if isinstance(speech, SsmlOutputSpeech):
        return "".join(ElementTree.fromstring(speech.ssml).itertext())
    if isinstance(speech, PlainTextOutputSpeech):
        return speech.text
    return ""


def _check_speech(speech: Any, where: str, response: Any) -> None:
    _require(
        isinstance(speech, SsmlOutputSpeech | PlainTextOutputSpeech),
        f"{where}: outputSpeech must be SSML or PlainText",
        response,
    )
    raw = speech.ssml if isinstance(speech, SsmlOutputSpeech) else speech.text
    _require(isinstance(raw, str), f"{where}: speech must be a string", response)
    _require(len(raw) <= MAX_SPEECH_CHARACTERS, f"{where}: speech over 8,000 characters", response)
    if isinstance(speech, SsmlOutputSpeech):
        _require(
            raw.startswith("<speak>") and raw.endswith("</speak>"),
            f"{where}: SSML must be wrapped in <speak>",
            response,
        )
        try:
            ElementTree.fromstring(raw)
        except ElementTree.ParseError as error:
            _fail(f"{where}: SSML is not well-formed XML ({error})", response)
    _require(bool(spoken_text(speech).strip()), f"{where}: speech says nothing", response)


def check_response(
    response: Any, *, session_ended_request: bool = False, max_bytes: int = MAX_RESPONSE_BYTES
) -> ResponseEnvelope:
    """Raises ContractViolation naming the first broken rule; returns the parsed envelope."""
    _require(isinstance(response, dict), "the handler must return a JSON object", response)
    try:
        text = json.dumps(response, allow_nan=False)
    except (TypeError, ValueError) as error:
        _fail(f"the response is not JSON ({error})", response)
    _require(len(text.encode()) <= max_bytes, f"the response is over {max_bytes} bytes", response)
    try:
        envelope = _serializer.deserialize(text, "ask_sdk_model.ResponseEnvelope")
    except SerializationException as error:
        _fail(f"ask-sdk-model cannot read it ({error})", response)
    _require(isinstance(envelope, ResponseEnvelope), "not a ResponseEnvelope", response)
    _require(response.get("version") == "1.0", 'version must be "1.0"', response)
    attributes = response.get("sessionAttributes")
    _require(
        attributes is None or isinstance(attributes, dict),
        "sessionAttributes must be an object",
        response,
    )
    body = response.get("response")
    _require(isinstance(body, dict), "the response body must be an object", response)
    parsed = envelope.response
    if session_ended_request:
        return envelope
    _check_speech(parsed.output_speech, "outputSpeech", response)
    ends = body.get("shouldEndSession")
    _require(isinstance(ends, bool), "shouldEndSession must be true or false", response)
    if ends:
        _require(parsed.reprompt is None, "a statement that ends the session has a reprompt", response)
    else:
        _require(parsed.reprompt is not None, "an open session without a reprompt", response)
        _check_speech(parsed.reprompt.output_speech, "reprompt", response)
    return envelope


def asks_question(response: dict[str, Any]) -> bool:
    return response["response"].get("shouldEndSession") is False
