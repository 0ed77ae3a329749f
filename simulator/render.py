"""Print a turn the way a person would take it in: what Alexa says, what she would say if
you stayed silent, the card in the Alexa app, and (with --json) the raw traffic."""

import json
import shutil
import textwrap
from typing import TextIO

from simulator.conversation import Turn

_LABEL = "Alexa: "
_INDENT = " " * len(_LABEL)


def _width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 100))


def _wrap(text: str, first: str, rest: str = _INDENT) -> str:
    return textwrap.fill(text, width=_width(), initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def render_turn(turn: Turn, out: TextIO, *, show_json: bool = False) -> None:
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
    if turn.card is not None:
        title = f'{_INDENT}[{turn.card.kind} card] "{turn.card.title}"'
        print(title, file=out)
        for line in turn.card.text.splitlines() or [""]:
            print(_wrap(line, _INDENT + "  ", _INDENT + "  ") if line else "", file=out)
    for directive in turn.directives:
        print(f"{_INDENT}[directive {directive}: not simulated]", file=out)
    for problem in turn.problems:
        print(_wrap(f"Alexa would refuse this response: {problem}", "  (!) "), file=out)
    if turn.session_ended_by == "skill":
        print(f"{_INDENT}(the skill ended the session)", file=out)
    elif turn.session_ended_by is not None:
        print(f"{_INDENT}(session ended: {turn.session_ended_by})", file=out)
