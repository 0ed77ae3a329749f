"""The simulator's reading of an APL screen: data-binding expressions, resources for the device's
viewport, and the inflation rules that decide which components a device shows."""

from typing import Any

import pytest

from simulator.apl import inflate
from simulator.apl_expressions import ExpressionError, Scope, evaluate_string
from simulator.devices import DEVICES

SCOPE_NAMES = {
    "payload": {"screen": {"title": "Hi", "step": 2, "of": 7, "items": ["a", "b"], "on": True, "empty": ""}},
    "viewport": {"width": 960, "height": 480, "shape": "rectangle", "mode": "hub"},
}
RESOURCES = {"gap": 16, "profile": "small", "small": "small"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("plain words", "plain words"),
        ("${payload.screen.title}", "Hi"),
        ("${payload.screen.step}", 2),
        ("${payload.screen.on}", True),
        ("Step ${payload.screen.step} of ${payload.screen.of}", "Step 2 of 7"),
        ("${payload.screen.items}", ["a", "b"]),
        ("${payload.screen.items[1]}", "b"),
        ("${payload.screen.items.length}", 2),
        ("${payload.screen['title']}", "Hi"),
        ("${100 * payload.screen.step / payload.screen.of}", 100 * 2 / 7),
        ("${payload.screen.step + 1}", 3),
        ("${'a' + payload.screen.step}", "a2"),
        ("${-payload.screen.step}", -2),
        ("${7 % 4}", 3.0),
        ("${viewport.width < 1280 && viewport.height < 600}", True),
        ("${viewport.width >= 1280 || viewport.shape == 'round'}", False),
        ("${viewport.mode != 'tv'}", True),
        ("${!payload.screen.on}", False),
        ("${payload.screen.empty || 'fallback'}", "fallback"),
        ("${payload.screen.on ? 'yes' : 'no'}", "yes"),
        ("${(1 + 2) * 3}", 9),
        ("${true && null}", None),
        ("@gap", 16),
        ("${@profile == @small}", True),
        ("${@gap * 2}dp", "32dp"),
        ("${1.5}", 1.5),
        ("${2.0 + 1}", 3.0),
        ("${}", ""),
    ],
)
def test_an_expression_has_the_value_apl_gives_it(text: str, value: Any) -> None:
    assert evaluate_string(text, Scope(SCOPE_NAMES, RESOURCES)) == value


@pytest.mark.parametrize(
    ("text", "value", "missing"),
    [
        ("${payload.screen.subtitle}", None, ["payload.screen.subtitle"]),
        ("${nothing}", None, ["nothing"]),
        ("@size", None, ["@size"]),
        ("${payload.screen.items[5]}", None, ["payload.screen.items.5"]),
        # Short-circuit: what is never looked up is never missing.
        ("${payload.screen.on || payload.screen.absent}", True, []),
        ("${false && absent.value}", False, []),
        ("${payload.screen.on ? 'x' : absent}", "x", []),
    ],
)
def test_what_does_not_exist_is_null_and_recorded(text: str, value: Any, missing: list[str]) -> None:
    scope = Scope(SCOPE_NAMES, RESOURCES)
    assert evaluate_string(text, scope) == value
    assert scope.missing == missing


@pytest.mark.parametrize(
    "text",
    ["${Math.min(1, 2)}", "${a ?? b}", "${'${nested}'}", "${payload.screen.", "${1 +}", "${payload.{x}}", "${open"],
)
def test_what_the_simulator_cannot_read_is_an_error_not_a_guess(text: str) -> None:
    with pytest.raises(ExpressionError):
        evaluate_string(text, Scope(SCOPE_NAMES, RESOURCES))


def directive(item: Any, datasources: Any = None, **document: Any) -> dict[str, Any]:
    return {
        "type": "Alexa.Presentation.APL.RenderDocument",
        "token": "t",
        "document": {
            "type": "APL",
            "version": "2023.3",
            "mainTemplate": {"parameters": ["payload"], "item": item},
            **document,
        },
        "datasources": datasources if datasources is not None else {"s": {"title": "Hello", "list": ["x", "y"]}},
    }


def text(value: str, **properties: Any) -> dict[str, Any]:
    return {"type": "Text", "text": value, **properties}


def shown(item: Any, device: str = "show8", **document: Any) -> list[str]:
    screen = inflate(directive(item, **document), DEVICES[device])
    assert screen.problems == ()
    return [line.text for line in screen.lines]


def test_texts_are_read_in_document_order_and_markup_is_dropped() -> None:
    item = {"type": "Container", "items": [text("${payload.s.title}"), text("<b>Bold</b><br>and   plain"), text("")]}
    assert shown(item) == ["Hello", "Bold and plain"]


def test_when_decides_and_single_child_components_take_the_first_that_holds() -> None:
    container = {"type": "Container", "items": [text("one", when="${false}"), text("two"), text("three")]}
    assert shown(container) == ["two", "three"]
    frame = {"type": "Frame", "items": [text("one", when="${false}"), text("two"), text("three")]}
    assert shown(frame) == ["two"]
    assert shown({"type": "Container", "display": "none", "item": text("hidden")}) == []


def test_data_inflates_one_child_per_element_with_data_and_index() -> None:
    item = {
        "type": "Sequence",
        "data": "${payload.s.list}",
        "items": [text("first ${data}", when="${index == 0}"), text("${index}: ${data} of ${length}")],
    }
    assert shown(item) == ["first x", "1: y of 2"]


def test_layouts_bind_their_parameters_and_components_bind_names() -> None:
    layouts = {"Row": {"parameters": ["label", {"name": "suffix", "default": "!"}], "item": text("${label}${suffix}")}}
    item = {
        "type": "Container",
        "bind": [{"name": "greeting", "value": "Hi"}],
        "items": [{"type": "Row", "label": "${greeting} there"}, {"type": "Row", "label": "Bye", "suffix": "."}],
    }
    assert shown(item, layouts=layouts) == ["Hi there!", "Bye."]


def test_a_touchable_is_numbered_with_its_words_and_the_send_events_a_press_runs() -> None:
    press = [
        {"type": "SetValue", "property": "opacity", "value": 0.5},
        {"type": "SendEvent", "arguments": ["pick", "${data}"]},
        {"type": "SendEvent", "when": "${false}", "arguments": ["never"]},
        {"type": "Sequential", "commands": [{"type": "SendEvent", "arguments": ["also", "${index}"]}]},
    ]
    item = {
        "type": "Container",
        "data": "${payload.s.list}",
        "items": [{"type": "TouchWrapper", "id": "b${index}", "onPress": press, "item": text("Choose ${data}")}],
    }
    screen = inflate(directive(item), DEVICES["show8"])
    assert [line.text for line in screen.lines] == ["[1] Choose x", "[2] Choose y"]
    first = screen.touchables[0]
    assert first.events == (("pick", "x"), ("also", 0))
    assert first.source() == {"type": "TouchWrapper", "handler": "Press", "value": False, "id": "b0"}
    assert screen.touchable(2) is not None and screen.touchable(3) is None


def test_a_touchable_without_words_is_labelled_by_its_accessibility_label() -> None:
    item = {
        "type": "TouchWrapper",
        "accessibilityLabel": "Close",
        "onPress": {"type": "Idle"},
        "item": {"type": "Frame"},
    }
    screen = inflate(directive(item), DEVICES["show8"])
    assert [(t.label, t.events) for t in screen.touchables] == [("Close", ())]


def test_resources_follow_the_device_and_later_blocks_override_earlier_ones() -> None:
    resources = [
        {"strings": {"size": "large"}, "dimensions": {"gap": 20}},
        {"when": "${viewport.width < 1280}", "strings": {"size": "medium"}},
        {"when": "${viewport.shape == 'round'}", "strings": {"size": "round"}},
        {"when": "${@size == 'round'}", "dimensions": {"gap": "${@gap / 2}"}},
    ]
    expected = {"show10": ("large", 20), "show8": ("medium", 20), "spot": ("round", 10.0)}
    for device, (size, gap) in expected.items():
        screen = inflate(directive(text("@size"), resources=resources), DEVICES[device])
        assert (screen.resources["size"], screen.resources["gap"]) == (size, gap)
        assert [line.text for line in screen.lines] == [size]


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        (text("${payload.s.subtitle}"), "payload.s.subtitle is not defined"),
        (text("@missing"), "@missing is not defined"),
        ({"type": "AlexaButton"}, "unknown component type 'AlexaButton'"),
        ({"type": "TouchWrapper", "onPress": {"type": "Blink"}, "item": text("x")}, "unknown command type 'Blink'"),
        (text("${Math.max(1, 2)}"), "cannot evaluate"),
        ({"type": "Container", "data": "${payload.s.title}", "item": text("x")}, "data is not a list"),
        (
            {"type": "TouchWrapper", "onPress": [], "item": {"type": "TouchWrapper", "onPress": [], "item": text("x")}},
            "a touchable inside a touchable",
        ),
    ],
)
def test_what_a_device_would_show_blank_or_the_simulator_cannot_read_is_a_problem(item: Any, problem: str) -> None:
    screen = inflate(directive(item), DEVICES["show8"])
    assert any(problem in found for found in screen.problems), screen.problems


def test_a_directive_without_an_apl_document_is_a_problem() -> None:
    link = {
        "type": "Alexa.Presentation.APL.RenderDocument",
        "token": "t",
        "document": {"type": "Link", "src": "doc://x"},
    }
    screen = inflate(link, DEVICES["show8"])
    assert screen.lines == () and screen.problems


@pytest.mark.parametrize(
    ("device", "width", "height", "shape", "mode"),
    [
        ("spot", 480, 480, "round", "hub"),
        ("show5", 960, 480, "rectangle", "hub"),
        ("show8", 962, 601, "rectangle", "hub"),
        ("show10", 1280, 800, "rectangle", "hub"),
        ("show15", 1920, 1080, "rectangle", "hub"),
        ("firetv", 960, 540, "rectangle", "tv"),
    ],
)
def test_a_document_sees_the_device_in_dp(device: str, width: int, height: int, shape: str, mode: str) -> None:
    viewport = DEVICES[device].apl_viewport("dark")
    assert (viewport["width"], viewport["height"], viewport["shape"], viewport["mode"]) == (width, height, shape, mode)
