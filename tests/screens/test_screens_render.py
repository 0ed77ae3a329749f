"""screens.py: when a device gets a screen, the directive it gets, the datasource each view
becomes, what the device then shows (read back through the simulator's APL reader), and the
contract it refuses to bend."""

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from muscle_twitch import screens
from simulator.apl import inflate
from simulator.devices import DEVICES
from tests.screens.views import AREAS, VIEWS, question, texts_shown

SHOW = DEVICES["show8"].supported_interfaces


def envelope(interfaces: Any, viewport: Any = None) -> dict[str, Any]:
    context: dict[str, Any] = {"System": {"device": {"deviceId": "d", "supportedInterfaces": interfaces}}}
    if viewport is not None:
        context["Viewport"] = viewport
    return {"version": "1.0", "context": context, "request": {"type": "LaunchRequest"}}


@pytest.mark.parametrize(
    ("request_", "supported"),
    [
        (envelope(SHOW), True),
        (envelope({"Alexa.Presentation.APL": {}}), True),
        (envelope({"AudioPlayer": {}, "Alexa.Presentation.APL": {}}), True),
        (json.dumps(envelope(SHOW)), True),
        (json.dumps(envelope(SHOW)).encode(), True),
        (envelope({}), False),
        (envelope({"AudioPlayer": {}}), False),
        (envelope({"Alexa.Presentation.APLT": {}}), False),  # a character display, not a screen
        (envelope({"Alexa.Presentation.APL": None}), False),
        (envelope(["Alexa.Presentation.APL"]), False),
        ({"context": {"System": {}}}, False),
        ({"request": {"type": "LaunchRequest"}}, False),
        ({}, False),
        (None, False),
        ("{ not json", False),
    ],
    ids=lambda value: None if isinstance(value, bool) else "",
)
def test_only_a_device_that_lists_apl_gets_a_screen(request_: Any, supported: bool) -> None:
    assert screens.supports_apl(request_) is supported


def test_the_viewport_is_read_from_the_request() -> None:
    viewport = DEVICES["spot"].viewport()
    assert screens.viewport_of(envelope(SHOW, viewport)) == viewport
    assert screens.viewport_of(envelope(SHOW)) is None
    assert screens.viewport_of(envelope(SHOW, "round")) is None


@pytest.mark.parametrize("name", VIEWS)
def test_the_directive_carries_the_kinds_document_and_the_views_datasource(name: str) -> None:
    view = VIEWS[name]
    directive = screens.render_directive(view, DEVICES["show8"].viewport())
    assert set(directive) == {"type", "token", "document", "datasources"}
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert directive["token"] == f"muscle-twitch-guide.{view['kind']}"
    assert directive["document"] == screens.document(view["kind"])
    assert list(directive["datasources"]) == ["screen"]
    json.dumps(directive, allow_nan=False)  # plain JSON, nothing else


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("device", DEVICES.values(), ids=lambda device: device.name)
def test_every_device_shows_every_text_and_every_answer_can_be_touched(name: str, device: Any) -> None:
    view = VIEWS[name]
    screen = inflate(screens.render_directive(view, device.viewport()), device)
    assert screen.problems == ()
    shown = [line.text for line in screen.lines]
    for text in texts_shown(view, touch=device.touch):
        assert any(text in line for line in shown), (text, shown)
    expected = [tuple(choice["arguments"]) for choice in view.get("choices", [])]
    assert [touchable.events for touchable in screen.touchables] == [(arguments,) for arguments in expected]
    assert [touchable.label for touchable in screen.touchables] == [c["label"] for c in view.get("choices", [])]


@pytest.mark.parametrize(
    ("device", "profile", "choice_width"),
    [
        ("spot", "hubRoundSmall", "100%"),
        ("show5", "hubLandscapeSmall", "33.33%"),
        ("show8", "hubLandscapeMedium", "33.33%"),
        ("show10", "hubLandscapeLarge", "33.33%"),
        ("show15", "hubLandscapeXLarge", "33.33%"),
        ("firetv", "tvLandscapeXLarge", "33.33%"),
    ],
)
def test_each_device_gets_its_viewport_profile_and_sizes(device: str, profile: str, choice_width: str) -> None:
    screen = inflate(screens.render_directive(VIEWS["question, six answers (body areas)"]), DEVICES[device])
    assert screen.resources["viewportProfile"] == profile
    assert screen.resources["choiceWidth"] == choice_width


def test_text_grows_with_the_screen_and_the_number_dominates_the_emergency_screen() -> None:
    sizes = {}
    for name in ("spot", "show5", "show8", "show10", "show15"):
        resources = inflate(screens.render_directive(VIEWS["emergency"]), DEVICES[name]).resources
        sizes[name] = (resources["textSizeBody"], resources["textSizeTitle"], resources["textSizeNumber"])
        body, title, number = sizes[name]
        assert body < title and number >= 4 * title
    assert [sizes[name][0] for name in ("show5", "show8", "show10", "show15")] == sorted(
        sizes[name][0] for name in ("show5", "show8", "show10", "show15")
    )


def test_the_tap_hint_is_only_for_touch_screens() -> None:
    view = VIEWS["question, six answers (body areas)"]
    assert screens.datasource(view, DEVICES["show8"].viewport())["touch"] is True
    assert screens.datasource(view, DEVICES["firetv"].viewport())["touch"] is False
    assert screens.datasource(view, None)["touch"] is True
    tv = inflate(screens.render_directive(view, DEVICES["firetv"].viewport()), DEVICES["firetv"])
    assert view["hint"] not in tv.text


def test_a_question_becomes_its_datasource() -> None:
    view = question("areas", AREAS[:2], step=2)
    assert screens.datasource(view) == {
        "questionId": "areas",
        "title": "Where do you feel the twitching?",
        "hint": "Tap an answer or just say it.",
        "progress": {"step": 2, "of": 7},
        "progressPercent": 29,
        "touch": True,
        "choices": [
            {"label": "Eyelid", "kind": "answer", "questionId": "areas", "choiceId": "eyelid"},
            {"label": "Calf", "kind": "answer", "questionId": "areas", "choiceId": "calf"},
        ],
    }
    offer = screens.datasource(VIEWS["question, two answers (offer)"])["choices"]
    assert offer == [
        {"label": "Yes, show it", "kind": "offer", "choiceId": "yes"},
        {"label": "No, thanks", "kind": "offer", "choiceId": "no"},
    ]


def test_a_doctor_result_says_which_lists_are_empty() -> None:
    with_both = screens.datasource(VIEWS["doctor, with the summary and tips"])
    assert (with_both["hasSummary"], with_both["hasTips"]) == (True, True)
    neither = screens.datasource(VIEWS["doctor, neither"])
    assert (neither["hasSummary"], neither["hasTips"], neither["summary"]) == (False, False, [])


def _broken(name: str, change: Any) -> dict[str, Any]:
    view = copy.deepcopy(VIEWS[name])
    change(view)
    return view


SIX = "question, six answers (body areas)"
OFFERED = "answer, with the offer of a check"
BROKEN_VIEWS = {
    "no kind": ({"title": "x"}, "kind must be one of"),
    "an unknown kind": ({"kind": "result"}, "kind must be one of"),
    "not a dict": (["question"], "kind must be one of"),
    "a missing key": (_broken("emergency", lambda v: v.pop("number")), "lacks ['number']"),
    "an unknown key": (_broken("emergency", lambda v: v.update(phone="911")), "unknown keys ['phone']"),
    "a misspelled key": (
        _broken("doctor, neither", lambda v: v.update(timeframe=v.pop("timeFrame"))),
        "lacks ['timeFrame'] and has unknown keys ['timeframe']",
    ),
    "a number where text goes": (_broken("emergency", lambda v: v.update(number=911)), "number must be a string"),
    "tips that are not strings": (_broken("self-care, three tips", lambda v: v.update(tips=[1])), "list of strings"),
    "a summary row without a value": (
        _broken("doctor, neither", lambda v: v.update(summary=[{"label": "Where"}])),
        "rows must be",
    ),
    "seven answers": (_broken(SIX, lambda v: v["choices"].append(v["choices"][0])), "at most 6"),
    "progress past the end": (_broken(SIX, lambda v: v.update(progress={"step": 8, "of": 7})), "count from 1"),
    "progress from zero": (_broken(SIX, lambda v: v.update(progress={"step": 0, "of": 7})), "count from 1"),
    "progress as text": (_broken(SIX, lambda v: v.update(progress={"step": "2", "of": 7})), "count from 1"),
    "an answer for another question": (
        _broken(SIX, lambda v: v["choices"][0].update(arguments=["answer", "onset", "days"])),
        "answers 'onset', but the screen asks 'areas'",
    ),
    "arguments outside the contract": (
        _broken(SIX, lambda v: v["choices"][0].update(arguments=["select", "eyelid"])),
        "must be ['answer', questionId, choiceId]",
    ),
    "an offer answered maybe": (
        _broken(SIX, lambda v: v["choices"][0].update(arguments=["offer", "maybe"])),
        "must be ['answer', questionId, choiceId]",
    ),
    "an empty choice id": (
        _broken(SIX, lambda v: v["choices"][0].update(arguments=["answer", "areas", ""])),
        "must be ['answer', questionId, choiceId]",
    ),
    "a choice without a label": (_broken(SIX, lambda v: v["choices"][0].pop("label")), "must be {'label'"),
    "an answer screen answering a question": (
        _broken(OFFERED, lambda v: v["choices"][0].update(arguments=["answer", "areas", "eyelid"])),
        "answer.choices[0] can only answer the offer",
    ),
    "an answer screen with Yes and No but no offer": (
        _broken(OFFERED, lambda v: v.update(offer="")),
        "the view must say it in answer.offer",
    ),
    "an answer screen with three answers to the offer": (
        _broken(OFFERED, lambda v: v["choices"].append(v["choices"][0])),
        "at most 2 answers to the offer",
    ),
    "an answer screen without its sources": (_broken(OFFERED, lambda v: v.pop("source")), "lacks ['source']"),
    "an answer screen whose text is a list": (
        _broken(OFFERED, lambda v: v.update(text=["Twitching is common."])),
        "answer.text must be a string",
    ),
}


@pytest.mark.parametrize("case", BROKEN_VIEWS)
def test_a_view_that_breaks_the_contract_is_refused_with_what_is_wrong(case: str) -> None:
    view, message = BROKEN_VIEWS[case]
    pattern = message.replace("[", r"\[").replace("]", r"\]")
    with pytest.raises(screens.ScreenError, match=pattern):
        screens.render_directive(view)
    with pytest.raises(screens.ScreenError, match=pattern):
        screens.datasource(view)


@pytest.mark.parametrize(
    ("arguments", "touch"),
    [
        (["answer", "areas", "eyelid"], screens.Touch("answer", "areas", "eyelid")),
        (["offer", "yes"], screens.Touch("offer", None, "yes")),
        (["offer", "no"], screens.Touch("offer", None, "no")),
        (["offer", "maybe"], None),
        (["answer", "areas"], None),
        (["answer", "areas", "eyelid", "extra"], None),
        (["answer", "areas", 3], None),
        (["answer", "", "eyelid"], None),
        ([], None),
        ("answer areas eyelid", None),
        (None, None),
    ],
)
def test_a_touch_is_read_only_in_the_patterns_the_screens_send(arguments: Any, touch: Any) -> None:
    assert screens.read_touch(arguments) == touch


def test_there_is_no_document_for_an_unknown_kind() -> None:
    with pytest.raises(screens.ScreenError, match="kind must be one of question, emergency, doctor, self_care, answer"):
        screens.document("result")


def test_every_directive_has_its_own_document() -> None:
    first = screens.render_directive(VIEWS["emergency"])
    first["document"]["mainTemplate"]["item"] = {"type": "Text", "text": "changed"}
    assert screens.render_directive(VIEWS["emergency"])["document"] == screens.document("emergency")
    assert screens.document("emergency")["mainTemplate"]["item"]["type"] == "ScrollView"


# The response, APL directive included, must stay under Alexa's 24 KB; speech, reprompt, card and
# session attributes need the rest. The largest views are measured as Lambda serializes them.
MAX_DIRECTIVE_BYTES = 12 * 1024


@pytest.mark.parametrize("name", VIEWS)
def test_a_directive_leaves_room_in_the_response(name: str) -> None:
    size = len(json.dumps(screens.render_directive(VIEWS[name], DEVICES["show8"].viewport())).encode())
    assert size <= MAX_DIRECTIVE_BYTES


def test_importing_screens_or_asking_about_apl_reads_no_document() -> None:
    """A device without a screen pays nothing: no file read, no SDK import, until a screen is shown."""
    lambda_dir = str(Path(screens.__file__).parents[1])
    probe = (
        f"import builtins, sys\nsys.path.insert(0, {lambda_dir!r})\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "builtins.open = lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k)\n"
        "from muscle_twitch import screens\n"
        "screens.supports_apl({'context': {'System': {'device': {'supportedInterfaces': {}}}}})\n"
        "before = list(opened)\n"
        "screens.render_directive({'kind': 'emergency', 'headline': '', 'number': '911', 'action': '',"
        " 'reason': '', 'disclaimer': ''})\n"
        "screens.render_directive({'kind': 'emergency', 'headline': '', 'number': '999', 'action': '',"
        " 'reason': '', 'disclaimer': ''})\n"
        "print(before, sorted(p.rsplit('/', 1)[-1] for p in opened),"
        " any(m.startswith('ask_sdk') for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-I", "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[] ['common.json', 'emergency.json'] False"
