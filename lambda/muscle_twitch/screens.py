"""Screens for devices with a display (APL): the RenderDocument directive for a view.

The speech layer (speech/views.py, from the same prompts as the speech) describes what to show
as a *view*, a plain JSON-ready dict (the contract is in docs/screens.md). This module picks the
document for the view's kind from data/screens/, turns the view into the document's datasource
and returns the directive as plain dicts, ready for the response's `directives`. It decides
nothing: every word on screen comes from the view, and the documents hold no text of their own.

It imports nothing from the ASK SDK, and reads nothing from disk until a screen is first
rendered, so a device without a screen pays nothing for it.
"""

from __future__ import annotations

import json
import os
from typing import Any, NamedTuple

APL_INTERFACE = "Alexa.Presentation.APL"
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
USER_EVENT = "Alexa.Presentation.APL.UserEvent"
# The documents' APL version: every Echo Show and Fire TV in service renders 2023.3, and
# apl-suggester (tests/screens) validates it.
APL_VERSION = "2023.3"
KINDS = ("question", "emergency", "doctor", "self_care", "answer")
MAX_CHOICES = 6
# Each document binds the datasource of this name: ${payload.screen.title}.
DATASOURCE = "screen"
TOKEN_PREFIX = "muscle-twitch-guide."
OFFER_ANSWERS = ("yes", "no")

_FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "screens")
# kind -> the merged document as compact JSON text. Parsing it again for every directive
# gives each response its own document, so no caller can change what the next one sends.
_documents: dict[str, str] = {}

_TEXT = "text"
_TEXTS = "texts"
_SUMMARY = "summary"
# Every key each kind of view must have, and what it holds.
_RESULT_FIELDS: dict[str, dict[str, str]] = {
    "emergency": {"headline": _TEXT, "number": _TEXT, "action": _TEXT, "reason": _TEXT, "disclaimer": _TEXT},
    "doctor": {
        "headline": _TEXT,
        "timeFrame": _TEXT,
        "reason": _TEXT,
        "summary": _SUMMARY,
        "tips": _TEXTS,
        "safetyNet": _TEXT,
        "disclaimer": _TEXT,
    },
    "self_care": {"headline": _TEXT, "tips": _TEXTS, "safetyNet": _TEXT, "disclaimer": _TEXT},
}
_QUESTION_KEYS = frozenset({"kind", "questionId", "title", "hint", "progress", "choices"})
# An answer to the person's own question: its written text, and the offer waiting, if any.
_ANSWER_TEXTS = ("title", "text", "source", "offer", "disclaimer")
_ANSWER_KEYS = frozenset({"kind", *_ANSWER_TEXTS, "choices"})


class ScreenError(ValueError):
    """A view that breaks the contract: a programming error in whoever built it."""


class Touch(NamedTuple):
    """What a touched answer means, read from a UserEvent's arguments."""

    kind: str  # "answer" or "offer"
    question_id: str | None  # None for an offer
    choice_id: str


def supports_apl(request: dict[str, Any] | str | bytes | None) -> bool:
    """True only when the device says it renders APL: `context.System.device.supportedInterfaces`
    has `Alexa.Presentation.APL`. Takes the request envelope as a dict or as JSON text."""
    interfaces = _path(_envelope(request), "context", "System", "device", "supportedInterfaces")
    return isinstance(interfaces, dict) and isinstance(interfaces.get(APL_INTERFACE), dict)


def viewport_of(request: dict[str, Any] | str | bytes | None) -> dict[str, Any] | None:
    """The device's `context.Viewport`, for `render_directive`, or None when it sent none."""
    viewport = _path(_envelope(request), "context", "Viewport")
    return viewport if isinstance(viewport, dict) else None


def render_directive(view: dict[str, Any], viewport: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `Alexa.Presentation.APL.RenderDocument` directive that shows `view`.

    `viewport` is the request's `context.Viewport` (see `viewport_of`); a device that reports
    no touch input (a Fire TV) gets no "tap" hint. Raises ScreenError for a view that breaks
    the contract.
    """
    kind = _kind_of(view)
    return {
        "type": RENDER_DOCUMENT,
        "token": TOKEN_PREFIX + kind,
        "document": document(kind),
        "datasources": {DATASOURCE: datasource(view, viewport)},
    }


def document(kind: str) -> dict[str, Any]:
    """A fresh copy of the APL document for `kind`, with the shared resources and styles."""
    text = _documents.get(kind)
    if text is None:
        _kind_of({"kind": kind})
        text = _documents[kind] = json.dumps(_merged(kind), separators=(",", ":"), ensure_ascii=False)
    return json.loads(text)


def datasource(view: dict[str, Any], viewport: dict[str, Any] | None = None) -> dict[str, Any]:
    """The document's datasource for `view`: its texts, plus what the document cannot work out
    itself (progress as a percentage, which lists are empty, each answer's event arguments)."""
    kind = _kind_of(view)
    if kind == "question":
        return _question(view, _has_touch(viewport))
    if kind == "answer":
        return _answer(view)
    fields = _RESULT_FIELDS[kind]
    _check_keys(view, {"kind", *fields})
    shown: dict[str, Any] = {}
    for key, shape in fields.items():
        shown[key] = _checked(view[key], shape, f"{kind}.{key}")
    if kind == "doctor":
        shown["hasSummary"] = bool(shown["summary"])
        shown["hasTips"] = bool(shown["tips"])
    return shown


def read_touch(arguments: Any) -> Touch | None:
    """The meaning of a UserEvent's `arguments`, or None for anything the screens never send."""
    if not isinstance(arguments, list) or not all(isinstance(a, str) and a for a in arguments):
        return None
    if len(arguments) == 3 and arguments[0] == "answer":
        return Touch("answer", arguments[1], arguments[2])
    if len(arguments) == 2 and arguments[0] == "offer" and arguments[1] in OFFER_ANSWERS:
        return Touch("offer", None, arguments[1])
    return None


def _kind_of(view: Any) -> str:
    kind = view.get("kind") if isinstance(view, dict) else None
    if kind not in KINDS:
        raise ScreenError(f"a view's kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return kind


def _question(view: dict[str, Any], touch: bool) -> dict[str, Any]:
    _check_keys(view, _QUESTION_KEYS)
    question_id = _checked(view["questionId"], _TEXT, "question.questionId")
    progress = view["progress"]
    if not isinstance(progress, dict) or set(progress) != {"step", "of"}:
        raise ScreenError("question.progress must be {'step': int, 'of': int}")
    step, total = progress["step"], progress["of"]
    if not (_is_int(step) and _is_int(total) and 1 <= step <= total):
        raise ScreenError(f"question.progress must count from 1 to its total, not {step!r} of {total!r}")
    choices = view["choices"]
    if not isinstance(choices, list) or len(choices) > MAX_CHOICES:
        raise ScreenError(f"question.choices must be a list of at most {MAX_CHOICES} answers")
    return {
        "questionId": question_id,
        "title": _checked(view["title"], _TEXT, "question.title"),
        "hint": _checked(view["hint"], _TEXT, "question.hint"),
        "progress": {"step": step, "of": total},
        "progressPercent": round(100 * step / total),
        "touch": touch,
        "choices": [_choice(choice, question_id, number) for number, choice in enumerate(choices, 1)],
    }


def _answer(view: dict[str, Any]) -> dict[str, Any]:
    _check_keys(view, _ANSWER_KEYS)
    shown: dict[str, Any] = {key: _checked(view[key], _TEXT, f"answer.{key}") for key in _ANSWER_TEXTS}
    choices = view["choices"]
    if not isinstance(choices, list) or len(choices) > len(OFFER_ANSWERS):
        raise ScreenError(f"answer.choices must be a list of at most {len(OFFER_ANSWERS)} answers to the offer")
    if choices and not shown["offer"]:
        raise ScreenError("answer.choices answer an offer: the view must say it in answer.offer")
    shown["choices"] = [_choice(choice, None, number) for number, choice in enumerate(choices, 1)]
    shown["hasOffer"] = bool(shown["offer"])
    return shown


def _choice(choice: Any, question_id: str | None, number: int) -> dict[str, Any]:
    """One touchable answer; `question_id` None on an answer screen, whose only touches answer the
    offer waiting."""
    where = f"{'question' if question_id is not None else 'answer'}.choices[{number - 1}]"
    if not isinstance(choice, dict) or set(choice) != {"label", "arguments"}:
        raise ScreenError(f"{where} must be {{'label': str, 'arguments': [...]}}")
    label = _checked(choice["label"], _TEXT, f"{where}.label")
    touch = read_touch(choice["arguments"])
    if touch is None:
        raise ScreenError(
            f"{where}.arguments must be ['answer', questionId, choiceId] or ['offer', 'yes'|'no'], "
            f"not {choice['arguments']!r}"
        )
    if touch.kind == "offer":
        return {"label": label, "kind": "offer", "choiceId": touch.choice_id}
    if question_id is None:
        raise ScreenError(f"{where} can only answer the offer, ['offer', 'yes'|'no'], not {choice['arguments']!r}")
    if touch.question_id != question_id:
        raise ScreenError(f"{where} answers {touch.question_id!r}, but the screen asks {question_id!r}")
    return {"label": label, "kind": "answer", "questionId": question_id, "choiceId": touch.choice_id}


def _checked(value: Any, shape: str, where: str) -> Any:
    if shape == _TEXT and isinstance(value, str):
        return value
    if shape == _TEXTS and isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    if shape == _SUMMARY and isinstance(value, list):
        rows = []
        for row in value:
            if not (isinstance(row, dict) and set(row) == {"label", "value"} and _all_text(row.values())):
                raise ScreenError(f"{where} rows must be {{'label': str, 'value': str}}, not {row!r}")
            rows.append({"label": row["label"], "value": row["value"]})
        return rows
    expected = {_TEXT: "a string", _TEXTS: "a list of strings", _SUMMARY: "a list of rows"}[shape]
    raise ScreenError(f"{where} must be {expected}, not {value!r}")


def _check_keys(view: dict[str, Any], expected: set[str] | frozenset[str]) -> None:
    missing, unknown = expected - set(view), set(view) - expected
    if missing or unknown:
        kind = view.get("kind")
        raise ScreenError(f"a {kind} view lacks {sorted(missing)} and has unknown keys {sorted(unknown)}")


def _has_touch(viewport: dict[str, Any] | None) -> bool:
    # Without a viewport, assume the common case (an Echo Show); a Fire TV lists no touch.
    return viewport is None or bool(viewport.get("touch"))


def _merged(kind: str) -> dict[str, Any]:
    with open(os.path.join(_FOLDER, f"{kind}.json"), encoding="utf-8") as file:
        merged: dict[str, Any] = json.load(file)
    with open(os.path.join(_FOLDER, "common.json"), encoding="utf-8") as file:
        common: dict[str, Any] = json.load(file)
    # The document's own resources come last, so they override the shared ones.
    merged["resources"] = common["resources"] + merged.get("resources", [])
    clashes = set(common["styles"]) & set(merged.get("styles", {}))
    if clashes:
        raise ScreenError(f"data/screens/{kind}.json redefines shared styles {sorted(clashes)}")
    merged["styles"] = {**common["styles"], **merged.get("styles", {})}
    return merged


def _envelope(request: dict[str, Any] | str | bytes | None) -> Any:
    if isinstance(request, str | bytes):
        try:
            return json.loads(request)
        except ValueError:
            return None
    return request


def _path(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _all_text(values: Any) -> bool:
    return all(isinstance(value, str) for value in values)
