"""A screen as text: what an APL RenderDocument shows on a device, read the way a person reads it.

This is not a renderer. It inflates the document's component tree for a device (resources
evaluated for its viewport, `when` conditions, `data` arrays, layouts, `bind`) and keeps what
carries meaning: each Text's words, in document order, and each touchable component (a
TouchWrapper, or a VectorGraphic with onPress) with its label and the SendEvent arguments its
onPress would send. Layout, sizes and colours are ignored.

What the document asks for and the simulator cannot evaluate, and any binding that finds
nothing (a blank on a real screen), is listed in `Screen.problems`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from simulator.apl_expressions import ExpressionError, Scope, evaluate_string, evaluate_value, to_text, truthy
from simulator.devices import Device

# APL's components and commands (APL 2023.3 specification).
COMPONENT_TYPES = frozenset({
    "Container", "EditText", "Frame", "GridSequence", "Image", "Pager", "ScrollView", "Sequence",
    "Text", "TouchWrapper", "VectorGraphic", "Video",
})  # fmt: skip
COMMAND_TYPES = frozenset({
    "AnimateItem", "AutoPage", "ClearFocus", "ControlMedia", "Finish", "Idle", "InsertItem", "Log",
    "OpenURL", "Parallel", "PlayMedia", "Reinflate", "RemoveItem", "Scroll", "ScrollToComponent",
    "ScrollToIndex", "Select", "SendEvent", "Sequential", "SetFocus", "SetPage", "SetState",
    "SetValue", "SpeakItem", "SpeakList",
})  # fmt: skip
_MULTI_CHILD = frozenset({"Container", "GridSequence", "Pager", "Sequence"})
_TOUCHABLE = frozenset({"TouchWrapper", "VectorGraphic"})
_RESOURCE_KINDS = frozenset({
    "boolean", "booleans", "color", "colors", "dimension", "dimensions", "easing", "easings",
    "gradient", "gradients", "number", "numbers", "string", "strings",
})  # fmt: skip
_MARKUP = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Touchable:
    number: int
    label: str
    component_type: str
    component_id: str | None
    events: tuple[tuple[Any, ...], ...]  # the arguments of each SendEvent a press runs

    def source(self) -> dict[str, Any]:
        """The UserEvent's `source`, as a device reports a press."""
        source: dict[str, Any] = {"type": self.component_type, "handler": "Press", "value": False}
        if self.component_id:
            source["id"] = self.component_id
        return source


@dataclass(frozen=True)
class Line:
    text: str
    touchable: int | None = None  # the touchable's number, when the line is one


@dataclass(frozen=True)
class Screen:
    token: str
    version: str
    lines: tuple[Line, ...]
    touchables: tuple[Touchable, ...]
    problems: tuple[str, ...]
    resources: dict[str, Any] = field(default_factory=dict)  # as evaluated for the device

    @property
    def text(self) -> str:
        """Everything on the screen, one line per text or touchable."""
        return "\n".join(line.text for line in self.lines)

    def touchable(self, number: int) -> Touchable | None:
        return next((t for t in self.touchables if t.number == number), None)


@dataclass
class _Inflation:
    layouts: dict[str, Any]
    lines: list[Line] = field(default_factory=list)
    touchables: list[Touchable] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    label_parts: list[str] | None = None  # collecting a touchable's words


def inflate(directive: dict[str, Any], device: Device) -> Screen:
    """The screen a RenderDocument directive shows on `device`."""
    document = directive.get("document")
    token = str(directive.get("token", ""))
    if not isinstance(document, dict) or document.get("type") != "APL":
        return Screen(token, "", (), (), ("the directive has no APL document (a link or another type)",))
    version = str(document.get("version", ""))
    layouts = document.get("layouts") if isinstance(document.get("layouts"), dict) else {}
    state = _Inflation(layouts)
    missing: list[str] = []
    viewport = device.apl_viewport(str(document.get("theme", "dark")))
    resources = _resources(document.get("resources", []), viewport, missing, state)
    scope = Scope({"viewport": viewport, "environment": {"aplVersion": version}}, resources, missing)
    template = document.get("mainTemplate")
    if not isinstance(template, dict):
        state.problems.append("the document has no mainTemplate")
    else:
        datasources = directive.get("datasources") or {}
        names = {}
        for name in template.get("parameters", []):
            if isinstance(datasources, dict) and name in datasources:
                names[name] = datasources[name]
            elif name == "payload":  # the conventional single parameter receives every datasource
                names[name] = datasources
            else:
                state.problems.append(f"mainTemplate parameter {name!r} has no datasource")
        for item in _first_true(_items(template), scope.child(**names), state):
            _component(item, scope.child(**names), state)
    for reference in dict.fromkeys(missing):
        state.problems.append(f"{reference} is not defined (a device shows nothing there)")
    return Screen(token, version, tuple(state.lines), tuple(state.touchables), tuple(state.problems), resources)


def _resources(blocks: Any, viewport: dict[str, Any], missing: list[str], state: _Inflation) -> dict[str, Any]:
    """Resource blocks in order, each applying when its `when` holds; later ones override."""
    resources: dict[str, Any] = {}
    scope = Scope({"viewport": viewport}, resources, missing)
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, dict) or not _holds(block.get("when", True), scope, state):
            continue
        for kind, values in block.items():
            if kind in _RESOURCE_KINDS and isinstance(values, dict):
                for name, value in values.items():
                    resources[name] = _bound(value, scope, state)
    return resources


def _component(spec: Any, scope: Scope, state: _Inflation) -> None:
    if not isinstance(spec, dict):
        state.problems.append(f"a component is not an object: {spec!r}")
        return
    for binding in spec.get("bind", []) if isinstance(spec.get("bind"), list) else []:
        if isinstance(binding, dict) and isinstance(binding.get("name"), str):
            scope = scope.child(**{binding["name"]: _bound(binding.get("value"), scope, state)})
    kind = _bound(spec.get("type"), scope, state)
    if kind in state.layouts:
        _layout(kind, spec, scope, state)
        return
    if kind not in COMPONENT_TYPES:
        state.problems.append(f"unknown component type {kind!r}")
        return
    if _bound(spec.get("display", "normal"), scope, state) in ("none", "invisible"):
        return
    if kind == "Text":
        text = _MARKUP.sub(" ", to_text(_bound(spec.get("text", ""), scope, state)))
        text = " ".join(text.split())
        if text and state.label_parts is not None:
            state.label_parts.append(text)
        elif text:
            state.lines.append(Line(text))
    if kind in _TOUCHABLE and "onPress" in spec:
        _touchable(kind, spec, scope, state)
        return
    _children(kind, spec, scope, state)


def _children(kind: str, spec: dict[str, Any], scope: Scope, state: _Inflation) -> None:
    items = _items(spec)
    if kind not in _MULTI_CHILD:
        for item in _first_true(items, scope, state):
            _component(item, scope, state)
        return
    if "data" in spec:
        data = _bound(spec["data"], scope, state)
        if not isinstance(data, list):
            state.problems.append(f"a {kind}'s data is not a list: {data!r}")
            return
        for index, element in enumerate(data):
            child = scope.child(data=element, index=index, length=len(data))
            for item in _first_true(items, child, state):
                _component(item, child, state)
        return
    for item in items:
        if isinstance(item, dict) and _holds(item.get("when", True), scope, state):
            _component(item, scope, state)


def _touchable(kind: str, spec: dict[str, Any], scope: Scope, state: _Inflation) -> None:
    if state.label_parts is not None:
        state.problems.append("a touchable inside a touchable: the inner one is not numbered")
        _children(kind, spec, scope, state)
        return
    state.label_parts = []
    try:
        _children(kind, spec, scope, state)
        words = state.label_parts
    finally:
        state.label_parts = None
    label = " ".join(words) or to_text(_bound(spec.get("accessibilityLabel", ""), scope, state))
    number = len(state.touchables) + 1
    identifier = _bound(spec.get("id"), scope, state)
    events = tuple(_send_events(spec["onPress"], scope, state))
    state.touchables.append(Touchable(number, label, kind, to_text(identifier) or None, events))
    state.lines.append(Line(f"[{number}] {label}", number))


def _send_events(commands: Any, scope: Scope, state: _Inflation) -> list[tuple[Any, ...]]:
    """The arguments of every SendEvent that a press would run, in order."""
    events: list[tuple[Any, ...]] = []
    for command in commands if isinstance(commands, list) else [commands]:
        if not isinstance(command, dict) or not _holds(command.get("when", True), scope, state):
            continue
        kind = command.get("type")
        if kind == "SendEvent":
            arguments = _bound(command.get("arguments", []), scope, state)
            events.append(tuple(arguments if isinstance(arguments, list) else [arguments]))
        elif kind in ("Sequential", "Parallel"):
            events.extend(_send_events(command.get("commands", []), scope, state))
        elif kind not in COMMAND_TYPES:
            state.problems.append(f"unknown command type {kind!r}")
    return events


def _layout(name: str, spec: dict[str, Any], scope: Scope, state: _Inflation) -> None:
    layout = state.layouts[name]
    names = {}
    for parameter in layout.get("parameters", []):
        key = parameter if isinstance(parameter, str) else parameter.get("name")
        default = None if isinstance(parameter, str) else parameter.get("default")
        names[key] = _bound(spec[key], scope, state) if key in spec else _bound(default, scope, state)
    inner = scope.child(**names)
    for binding in layout.get("bind", []):
        inner = inner.child(**{binding["name"]: _bound(binding.get("value"), inner, state)})
    for item in _first_true(_items(layout), inner, state):
        _component(item, inner, state)


def _items(spec: dict[str, Any]) -> list[Any]:
    items = spec.get("items", spec.get("item", []))
    return items if isinstance(items, list) else [items]


def _first_true(items: list[Any], scope: Scope, state: _Inflation) -> list[Any]:
    """A single-child component (and a template) inflates the first item whose `when` holds."""
    for item in items:
        if isinstance(item, dict) and _holds(item.get("when", True), scope, state):
            return [item]
    return []


def _holds(condition: Any, scope: Scope, state: _Inflation) -> bool:
    return truthy(_bound(condition, scope, state))


def _bound(value: Any, scope: Scope, state: _Inflation) -> Any:
    try:
        if isinstance(value, str):
            return evaluate_string(value, scope)
        return evaluate_value(value, scope)
    except ExpressionError as error:
        state.problems.append(f"the simulator cannot evaluate this: {error}")
        return None
