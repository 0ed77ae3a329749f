"""Print a turn the way a person would take it in: what Alexa says, what she would say if
you stayed silent, what the screen shows (on a device with one), the card in the Alexa app,
and (with --json) the raw traffic."""

import json
import shutil
import textwrap
from typing import TextIO

from simulator.apl import Screen
from simulator.conversation import Turn

_LABEL = "Alexa: "
_INDENT = " " * len(_LABEL)
_SCREEN = _INDENT + "| "
# How cards are shown: whole, as their first line and a count of the rest, or not at all.
CARD_MODES = ("full", "short", "none")


def _width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 100))


def _wrap(text: str, first: str, rest: str = _INDENT) -> str:
    return textwrap.fill(text, width=_width(), initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def render_turn(turn: Turn, out: TextIO, *, show_json: bool = False, cards: str = "full") -> None:
    if turn.tapped is not None:
        print(f"{_INDENT}(touched [{turn.tapped.number}] {turn.tapped.label})", file=out)
    for note in turn.notes:
        print(_wrap(note, "  (simulator) ", "                "), file=out)
    if show_json:
        for exchange in turn.exchanges:
            print("--> request", file=out)
            print(json.dumps(exchange.request, indent=2), file=out)
            print("<-- response", file=out)
            print(json.dumps(exchange.response, indent=2), file=out)
    if turn.reprompted:
        print(_wrap(turn.speech, "Alexa (reprompt): ", _INDENT), file=out)
    elif turn.speech:
        print(_wrap(turn.speech, _LABEL), file=out)
    elif any(e.request["request"]["type"] != "SessionEndedRequest" for e in turn.exchanges):
        print(f"{_LABEL}(says nothing)", file=out)
    if turn.reprompt and not turn.reprompted:
        print(_wrap(turn.reprompt, f"{_INDENT}if you stay silent: ", _INDENT + "  "), file=out)
    if turn.screen_changed and turn.screen is not None:
        render_screen(turn.screen, out)
    if turn.card is not None and cards != "none":
        title = f'{_INDENT}[{turn.card.kind} card] "{turn.card.title}"'
        print(title, file=out)
        lines = turn.card.text.splitlines() or [""]
        if cards == "short" and len(lines) > 1:
            rest = len(lines) - 1
            lines = [lines[0], f"({rest} more line{'' if rest == 1 else 's'})"]
        for line in lines:
            print(_wrap(line, _INDENT + "  ", _INDENT + "  ") if line else "", file=out)
    if turn.listening_for is not None:
        listening = turn.listening_for
        print(f"{_INDENT}(listening for {listening.slot}: Dialog.ElicitSlot on {listening.intent})", file=out)
    for directive in turn.directives:
        print(f"{_INDENT}[directive {directive}: not simulated]", file=out)
    for problem in turn.problems:
        print(_wrap(f"Alexa would refuse this response: {problem}", "  (!) "), file=out)
    if turn.session_ended_by == "skill":
        print(f"{_INDENT}(the skill ended the session)", file=out)
    elif turn.session_ended_by is not None:
        print(f"{_INDENT}(session ended: {turn.session_ended_by})", file=out)


def render_screen(screen: Screen, out: TextIO) -> None:
    """The screen's texts in order, each touchable numbered, and how to touch one."""
    print(f'{_INDENT}[screen "{screen.token}"]', file=out)
    for line in screen.lines or ():
        print(_wrap(line.text, _SCREEN, _SCREEN + ("    " if line.touchable else "")), file=out)
    count = len(screen.touchables)
    if count == 1:
        print(f'{_INDENT}(to touch it, type "tap 1")', file=out)
    elif count:
        print(f'{_INDENT}(to touch an answer, type "tap" and its number, 1 to {count})', file=out)
