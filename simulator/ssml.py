"""What a person hears, as plain text, from the outputSpeech of a response."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")
_TAG = re.compile(r"<[^>]*>")
# Alexa accepts <amazon:effect> and friends without a namespace declaration; XML parsers do not.
_AMAZON_PREFIX = re.compile(r"<(/?)amazon:")


@dataclass(frozen=True)
class Speech:
    text: str
    problem: str | None = None  # set when Alexa would refuse this speech


def speech_text(output_speech: Any) -> Speech | None:
    """Plain text of an outputSpeech object (PlainText or SSML); None when there is none."""
    if not isinstance(output_speech, dict):
        return None
    kind = output_speech.get("type")
    if kind == "PlainText":
        return Speech(_tidy(str(output_speech.get("text", ""))))
    if kind == "SSML":
        return ssml_to_text(str(output_speech.get("ssml", "")))
    return Speech("", f"outputSpeech has unknown type {kind!r}")


def ssml_to_text(ssml: str) -> Speech:
    try:
        root = ET.fromstring(_AMAZON_PREFIX.sub(r"<\1amazon-", ssml))
    except ET.ParseError as error:
        return Speech(_tidy(_TAG.sub(" ", ssml)), f"SSML is not well-formed ({error})")
    problem = None if root.tag == "speak" else "SSML must be wrapped in <speak>"
    return Speech(_tidy("".join(_spoken(root))), problem)


def _spoken(element: ET.Element) -> list[str]:
    tag = element.tag
    parts: list[str] = []
    if tag == "sub":
        parts.append(element.get("alias", element.text or ""))
    elif tag == "audio":
        parts.append(" [sound] ")
    elif tag == "break":
        parts.append(" ")
    else:
        parts.append(element.text or "")
        for child in element:
            parts.extend(_spoken(child))
            parts.append(child.tail or "")
    if tag in ("p", "s"):
        parts.append(" ")
    return parts


def _tidy(text: str) -> str:
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", _SPACES.sub(" ", text)).strip()
