"""`python -m simulator`: talk to the skill from a terminal, or pipe a conversation in."""

import argparse
import contextlib
import importlib
import os
import shutil
import sys
import textwrap
import traceback
from pathlib import Path
from typing import TextIO

from simulator import requests
from simulator.conversation import Conversation, Handler, SkillCrashed, Turn
from simulator.devices import DEFAULT_DEVICE, DEVICES
from simulator.errors import SimulatorError
from simulator.model import REPO_ROOT, check_locale, load_model, model_path_for
from simulator.render import CARD_MODES, render_turn

LAMBDA_DIR = REPO_ROOT / "lambda"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m simulator",
        description=(
            "Talk to the skill as in the Alexa simulator's typing mode. Each line you type "
            "becomes the request Alexa would send; an empty line is silence (or opens the "
            "skill); 'exit' ends the session. With input from a pipe, one utterance per line."
        ),
    )
    parser.add_argument("--locale", default="en-US", help="model locale (default: en-US)")
    parser.add_argument("--model", type=Path, help="interaction model file (default: the locale's generated one)")
    parser.add_argument(
        "--skill-id",
        default=os.environ.get("SKILL_ID") or requests.DEFAULT_SKILL_ID,
        help="applicationId to send (default: $SKILL_ID, else a placeholder)",
    )
    parser.add_argument(
        "--new-user",
        action="store_true",
        help="talk as a first-time user (default: the same local user on every run)",
    )
    parser.add_argument("--json", action="store_true", help="also print each raw request and response")
    parser.add_argument(
        "--screen",
        nargs="?",
        const=DEFAULT_DEVICE,
        choices=list(DEVICES),
        metavar="DEVICE",
        help=(
            f"be a device with a screen ({', '.join(DEVICES)}; default {DEFAULT_DEVICE}): requests carry "
            "the APL interface and viewport, screens are printed as text, and 'tap N' touches answer N"
        ),
    )
    parser.add_argument(
        "--card",
        choices=CARD_MODES,
        default="full",
        help="how to print the Alexa app card: full (the default), short (its first line), none",
    )
    parser.add_argument("--no-cards", dest="card", action="store_const", const="none", help="same as --card=none")
    return parser.parse_args(argv)


def load_handler() -> Handler:
    """The Lambda's own entry point, `lambda/lambda_function.py: lambda_handler`."""
    if str(LAMBDA_DIR) not in sys.path:
        sys.path.insert(0, str(LAMBDA_DIR))
    try:
        module = importlib.import_module("lambda_function")
    except Exception as error:
        where = ""
        frames = traceback.extract_tb(error.__traceback__)
        if frames:
            where = f" (at {frames[-1].filename}:{frames[-1].lineno})"
        raise SimulatorError(
            f"Cannot load the skill from lambda/lambda_function.py: {type(error).__name__}: {error}{where}",
            exit_code=1,
        ) from None
    handler = getattr(module, "lambda_handler", None)
    if not callable(handler):
        raise SimulatorError("lambda/lambda_function.py has no lambda_handler function.", 1)
    return handler


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        check_locale(args.locale)
        path = args.model if args.model is not None else model_path_for(args.locale)
        model = load_model(path)
        handler = load_handler()
    except SimulatorError as error:
        print(f"simulator: {error.message}", file=sys.stderr)
        return error.exit_code
    conversation = Conversation(
        model,
        handler,
        locale=args.locale,
        skill_id=args.skill_id,
        user_id=None if args.new_user else requests.LOCAL_USER_ID,
        screen=DEVICES[args.screen] if args.screen else None,
    )
    show = _Show(args.json, args.card)
    try:
        if sys.stdin.isatty():
            return _interactive(conversation, show)
        return _piped(conversation, sys.stdin, show)
    except SkillCrashed as error:
        print(f"simulator: {error}", file=sys.stderr)
        if error.__cause__ is not None:
            traceback.print_exception(error.__cause__, file=sys.stderr)
        return 1


class _Show:
    """Prints each turn with the options given on the command line."""

    def __init__(self, show_json: bool, cards: str) -> None:
        self.show_json = show_json
        self.cards = cards

    def __call__(self, turn: Turn) -> None:
        render_turn(turn, sys.stdout, show_json=self.show_json, cards=self.cards)
        sys.stdout.flush()


def _piped(conversation: Conversation, lines: TextIO, show: _Show) -> int:
    refused = False
    for raw in lines:
        line = raw.rstrip("\r\n")
        print(f"You: {line}")
        turn = conversation.say(line)
        show(turn)
        refused = refused or bool(turn.problems)
        if turn.exchanges and not conversation.session_open:
            break
    else:
        last = conversation.quit()
        if last is not None:
            print("You: (end of input)")
            show(last)
    return 1 if refused else 0


def _interactive(conversation: Conversation, show: _Show) -> int:
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and in-memory history for input())
    # History stays in memory on purpose: answers are health data and are never written down.
    name = conversation.model.invocation_name
    banner = (
        f"Talking to '{name}' ({conversation.locale}). Type what you would say: "
        f"'open {name}' or an empty line starts it, an empty line in a session is silence, "
        "'exit' ends the session, Ctrl-D quits."
    )
    if conversation.device is not None:
        banner += f" Device with a screen: {conversation.device.label}; 'tap 2' touches answer [2] on it."
    print(textwrap.fill(banner, width=min(shutil.get_terminal_size((100, 24)).columns, 100)))
    while True:
        try:
            line = input("You: ")
        except (EOFError, KeyboardInterrupt):
            print()
            last = conversation.quit()
            if last is not None:
                show(last)
            return 0
        if not conversation.session_open and line.strip().lower() in ("exit", "quit"):
            return 0
        was_open = conversation.session_open
        turn = conversation.say(line)
        show(turn)
        if (was_open or turn.exchanges) and not conversation.session_open:
            print(f"  (no session open: 'open {name}' or an empty line starts one; Ctrl-D quits)")
