"""What apl-suggester does not check, checked on every document as the skill sends it: only APL
component and command types, touch events only in the contract's patterns, nothing fetched
from the network, every resource defined, and no words of the documents' own."""

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from muscle_twitch import screens
from simulator.apl import COMMAND_TYPES, COMPONENT_TYPES
from tests.screens.suggester import HERE, SCRIPT, require_suggester

FOLDER = Path(screens.__file__).parent / "data" / "screens"
DOCUMENTS = {kind: screens.document(kind) for kind in screens.KINDS}
_BINDING = re.compile(r"\$\{[^}]*\}")
_RESOURCE = re.compile(r"@([A-Za-z_]\w*)")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://|\bwww\.", re.IGNORECASE)
_CHILD_KEYS = ("item", "items", "firstItem", "lastItem")


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)


def components(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    def walk(node: Any) -> Iterator[dict[str, Any]]:
        for child in node if isinstance(node, list) else [node]:
            if isinstance(child, dict):
                yield child
                for key in _CHILD_KEYS:
                    yield from walk(child.get(key, []))

    for key in _CHILD_KEYS:
        yield from walk(document["mainTemplate"].get(key, []))
    for layout in document.get("layouts", {}).values():
        for key in _CHILD_KEYS:
            yield from walk(layout.get(key, []))


def commands(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every command: whatever an event handler (onPress, onMount, ...) runs, nested ones too."""

    def walk(node: Any) -> Iterator[dict[str, Any]]:
        for command in node if isinstance(node, list) else [node]:
            if isinstance(command, dict):
                yield command
                yield from walk(command.get("commands", []))

    holders = [document, *components(document)]
    for holder in holders:
        for key, value in holder.items():
            if key.startswith("on"):
                yield from walk(value)
            elif key in ("handleKeyDown", "handleKeyUp", "handleTick"):
                for handler in value:
                    yield from walk(handler.get("commands", []))


def test_every_kind_has_a_document_and_the_folder_holds_nothing_else() -> None:
    expected = [*(f"{kind}.json" for kind in screens.KINDS), "common.json"]
    assert sorted(path.name for path in FOLDER.iterdir()) == sorted(expected)


@pytest.mark.parametrize("kind", screens.KINDS)
def test_the_document_states_its_apl_version_and_binds_the_datasource(kind: str) -> None:
    document = DOCUMENTS[kind]
    assert (document["type"], document["version"]) == ("APL", screens.APL_VERSION)
    assert document["mainTemplate"]["parameters"] == ["payload"]
    paths = {path for text in strings(document) for path in re.findall(r"payload\.(\w+)", text)}
    assert paths == {screens.DATASOURCE}


@pytest.mark.parametrize("kind", screens.KINDS)
def test_only_apl_component_types(kind: str) -> None:
    layouts = set(DOCUMENTS[kind].get("layouts", {}))
    types = {component.get("type") for component in components(DOCUMENTS[kind])}
    assert types <= COMPONENT_TYPES | layouts, types - COMPONENT_TYPES


@pytest.mark.parametrize("kind", screens.KINDS)
def test_only_apl_command_types(kind: str) -> None:
    user_defined = set(DOCUMENTS[kind].get("commands", {}))
    types = {command.get("type") for command in commands(DOCUMENTS[kind])}
    assert types <= COMMAND_TYPES | user_defined, types - COMMAND_TYPES


def test_the_type_lists_are_the_ones_apl_suggester_knows() -> None:
    require_suggester()
    done = subprocess.run(["node", str(SCRIPT), "--types"], capture_output=True, text=True, cwd=HERE, check=True)
    known = json.loads(done.stdout)
    # ExtensionComponent is apl-suggester's stand-in for components that APL extensions define.
    assert set(known["components"]) - {"ExtensionComponent"} == COMPONENT_TYPES
    assert set(known["commands"]) == COMMAND_TYPES


def _pattern(arguments: list[Any]) -> tuple[str, ...]:
    """'answer' and 'offer' stay literal; a binding becomes '<bound>'."""
    return tuple(a if not _BINDING.fullmatch(str(a)) else "<bound>" for a in arguments)


def test_every_send_event_is_one_the_contract_lists() -> None:
    contract = {("answer", "<bound>", "<bound>"), ("offer", "<bound>")}
    found: dict[str, set[tuple[str, ...]]] = {}
    for kind, document in DOCUMENTS.items():
        for command in commands(document):
            if command.get("type") == "SendEvent":
                found.setdefault(kind, set()).add(_pattern(command["arguments"]))
                # Which pattern applies is decided by the answer's kind, never by position.
                assert command.get("when") in ("${data.kind == 'answer'}", "${data.kind == 'offer'}")
    assert set().union(*found.values()) == contract
    # Result screens have nothing to touch; an answer screen only the offer waiting.
    assert found == {"question": contract, "answer": {("offer", "<bound>")}}


@pytest.mark.parametrize("kind", screens.KINDS)
def test_nothing_is_fetched_from_the_network(kind: str) -> None:
    document = DOCUMENTS[kind]
    assert "import" not in document and "extensions" not in document
    assert not {"Image", "Video"} & {component.get("type") for component in components(document)}
    assert [text for text in strings(document) if _URL.search(text)] == []


@pytest.mark.parametrize("kind", screens.KINDS)
def test_every_resource_and_style_used_is_defined(kind: str) -> None:
    document = DOCUMENTS[kind]
    defined = {name for block in document["resources"] for key, values in block.items() if key != "when"
               if isinstance(values, dict) for name in values}  # fmt: skip
    used = {name for text in strings(document) for name in _RESOURCE.findall(text)}
    assert used - defined == set()
    styles = {component["style"] for component in components(document) if "style" in component}
    assert styles <= set(document["styles"])


@pytest.mark.parametrize("kind", screens.KINDS)
def test_the_documents_hold_no_words_of_their_own(kind: str) -> None:
    """Every word on a screen comes from the datasource, so wording stays in the prompts."""
    texts = [c["text"] for c in components(DOCUMENTS[kind]) if "text" in c]
    assert texts and [t for t in texts if re.search(r"[A-Za-z]", _BINDING.sub("", t))] == []
    labels = [c["accessibilityLabel"] for c in components(DOCUMENTS[kind]) if "accessibilityLabel" in c]
    assert [label for label in labels if _BINDING.sub("", label)] == []


def test_every_profile_name_is_its_own_value() -> None:
    """`${@viewportProfile == @hubRoundSmall}` compares names, so each must hold exactly itself."""
    first = json.loads((FOLDER / "common.json").read_text("utf-8"))["resources"][0]["strings"]
    profiles = {name: value for name, value in first.items() if name != "viewportProfile"}
    assert profiles and all(name == value for name, value in profiles.items())
    assert first["viewportProfile"] in profiles
