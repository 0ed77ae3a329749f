"""The manifest declares the APL interface, for every screen the documents are tested on."""

import json
from pathlib import Path
from typing import Any

import pytest

from simulator.devices import DEVICES, Device

MANIFEST = json.loads((Path(__file__).parents[2] / "skill-package" / "skill.json").read_text("utf-8"))["manifest"]
INTERFACES = MANIFEST["apis"]["custom"].get("interfaces", [])
# Alexa requires hubRoundSmall, hubLandscapeMedium, hubLandscapeLarge and tvLandscapeXLarge of
# every APL skill and recommends hubLandscapeSmall (apl-select-the-viewport-profiles-your-skill-supports).
REQUIRED = {
    ("HUB", "ROUND", 100, 599, 100, 599),
    ("HUB", "RECTANGLE", 960, 1279, 600, 959),
    ("HUB", "RECTANGLE", 1280, 1920, 600, 1279),
    ("TV", "RECTANGLE", 960, 960, 540, 540),
    ("HUB", "RECTANGLE", 960, 1279, 100, 599),
}


def supported() -> list[dict[str, Any]]:
    (apl,) = [interface for interface in INTERFACES if interface["type"] == "ALEXA_PRESENTATION_APL"]
    return apl["supportedViewports"]


def test_the_apl_interface_is_declared_once_with_the_required_viewport_profiles() -> None:
    # CAN_FULFILL_INTENT_REQUEST (name-free interaction, tests/skill/test_can_fulfill.py) is the other one.
    assert [interface["type"] for interface in INTERFACES if interface["type"].startswith("ALEXA_PRESENTATION")] == [
        "ALEXA_PRESENTATION_APL"
    ]
    keys = ("mode", "shape", "minWidth", "maxWidth", "minHeight", "maxHeight")
    declared = {tuple(viewport[key] for key in keys) for viewport in supported()}
    assert declared >= REQUIRED
    assert all(set(viewport) == set(keys) for viewport in supported())


@pytest.mark.parametrize("device", DEVICES.values(), ids=lambda device: device.name)
def test_every_device_the_screens_are_tested_on_is_declared(device: Device) -> None:
    seen = device.apl_viewport("dark")
    matches = [
        viewport
        for viewport in supported()
        if viewport["mode"] == device.mode
        and viewport["shape"] == device.shape
        and viewport["minWidth"] <= seen["width"] <= viewport["maxWidth"]
        and viewport["minHeight"] <= seen["height"] <= viewport["maxHeight"]
    ]
    assert matches, f"{device.label} ({seen['width']} x {seen['height']} dp) is in no declared viewport"
