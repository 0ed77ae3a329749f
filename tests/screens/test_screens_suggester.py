"""Every screen, with every kind of datasource the core can give it, passes Amazon's APL linter
(apl-suggester) with no error and no warning."""

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from muscle_twitch import screens
from simulator.devices import DEVICES
from tests.screens.suggester import HERE, installed_version, require_suggester, validate
from tests.screens.views import VIEWS

# The datasource depends on the device only through touch: one device with it, one without.
DEVICES_SEEN = {"Echo Show 8": DEVICES["show8"], "Fire TV": DEVICES["firetv"]}


def combinations() -> dict[str, dict[str, Any]]:
    items: dict[str, dict[str, Any]] = {}
    for kind in screens.KINDS:
        items[f"{kind} document, no datasource"] = {"document": screens.document(kind), "datasources": {}}
    for view_name, view in VIEWS.items():
        for device_name, device in DEVICES_SEEN.items():
            directive = screens.render_directive(view, device.viewport())
            items[f"{view_name} on {device_name}"] = {
                "document": directive["document"],
                "datasources": directive["datasources"],
            }
    return items


COMBINATIONS = combinations()


@pytest.fixture(scope="module")
def findings() -> dict[str, list[dict[str, str]]]:
    require_suggester()
    return validate(COMBINATIONS)


@pytest.mark.parametrize("name", COMBINATIONS)
def test_apl_suggester_finds_nothing(name: str, findings: dict[str, list[dict[str, str]]]) -> None:
    assert findings[name] == []


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = document
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return change


TITLE = "mainTemplate/item/items/1/item/items/0"
# Mistakes the linter must report, so a clean result above means something.
MISTAKES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "a property Text does not have": (_set(f"{TITLE}/fontColour", "#FFFFFF"), f"/{TITLE}"),
    "a value outside an enumeration": (_set(f"{TITLE}/textAlign", "middle"), f"/{TITLE}/textAlign"),
    "a dimension in points": (_set("resources/7/dimensions/gap", "12pt"), "/resources/7/dimensions/gap"),
    "an unknown component type": (_set(f"{TITLE}/type", "Heading"), f"/{TITLE}/type"),
    "an APL version that does not exist": (_set("version", "2019.1"), "/version"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_linter_reports_a_mistake_where_it_is(mistake: str) -> None:
    require_suggester()
    change, path = MISTAKES[mistake]
    document = screens.document("question")
    change(document)
    found = validate({mistake: {"document": document, "datasources": {}}})[mistake]
    assert path in [finding["path"] for finding in found], found


def test_the_linter_reports_a_datasource_that_is_not_an_object() -> None:
    require_suggester()
    directive = screens.render_directive(VIEWS["question, six answers (body areas)"])
    datasources = copy.deepcopy(directive["datasources"])
    datasources["progress"] = 2
    found = validate({"x": {"document": directive["document"], "datasources": datasources}})["x"]
    assert [finding["path"] for finding in found] == ["Data.progress"]


def test_the_installed_linter_is_the_pinned_one() -> None:
    require_suggester()
    wanted = json.loads((HERE / "package.json").read_text("utf-8"))["devDependencies"]["apl-suggester"]
    locked = json.loads((HERE / "package-lock.json").read_text("utf-8"))["packages"]["node_modules/apl-suggester"]
    assert installed_version() == wanted == locked["version"]


def test_without_apl_suggester_ci_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="CI must validate the screens"):
        require_suggester(tmp_path / "none" / "package.json", ci=True)


def test_without_apl_suggester_a_developer_run_skips_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception, match="make screens-deps"):
        require_suggester(tmp_path / "none" / "package.json", ci=False)
