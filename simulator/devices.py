"""Devices with a screen the simulator can pretend to be (`--screen DEVICE`).

Sizes and densities are those apl-suggester publishes as each viewport profile's example
device (src/configs/viewportProfiles/*.json); a request carries them the way a real one does:
`context.Viewport` (pixels and dpi, the shape and mode in capitals, the touch and keyboard
inputs) and `context.Viewports` (the same as a typed APL viewport).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The APL runtime version the simulated devices report: the version the skill's documents are
# written in, so a skill that checks it sees a device that renders them.
APL_MAX_VERSION = "2023.3"
_VIDEO_CODECS = ["H_264_42", "H_264_41"]


@dataclass(frozen=True)
class Device:
    name: str  # what --screen takes
    label: str
    shape: str  # "RECTANGLE" or "ROUND", as in the request
    pixel_width: int
    pixel_height: int
    dpi: int
    mode: str  # "HUB" or "TV"
    touch: bool

    @property
    def supported_interfaces(self) -> dict[str, Any]:
        return {"Alexa.Presentation.APL": {"runtime": {"maxVersion": APL_MAX_VERSION}}}

    def viewport(self) -> dict[str, Any]:
        """`context.Viewport` of a request from this device."""
        viewport: dict[str, Any] = {
            "experiences": [{"canRotate": False, "canResize": False}],
            "mode": self.mode,
            "shape": self.shape,
            "pixelWidth": self.pixel_width,
            "pixelHeight": self.pixel_height,
            "dpi": self.dpi,
            "currentPixelWidth": self.pixel_width,
            "currentPixelHeight": self.pixel_height,
        }
        if self.touch:
            viewport["touch"] = ["SINGLE"]
        if self.mode == "TV":
            viewport["keyboard"] = ["DIRECTION"]
        viewport["video"] = {"codecs": list(_VIDEO_CODECS)}
        return viewport

    def viewports(self) -> list[dict[str, Any]]:
        """`context.Viewports`: the typed form of the same screen."""
        current = {
            "mode": self.mode,
            "video": {"codecs": list(_VIDEO_CODECS)},
            "size": {"type": "DISCRETE", "pixelWidth": self.pixel_width, "pixelHeight": self.pixel_height},
        }
        return [
            {
                "type": "APL",
                "id": "main",
                "shape": self.shape,
                "dpi": self.dpi,
                "presentationType": "STANDARD",
                "canRotate": False,
                "configuration": {"current": current},
            }
        ]

    def apl_viewport(self, theme: str) -> dict[str, Any]:
        """The `viewport` an APL document sees: sizes in dp (pixels * 160 / dpi), names in lower case."""
        width = round(self.pixel_width * 160 / self.dpi)
        height = round(self.pixel_height * 160 / self.dpi)
        return {
            "width": width,
            "height": height,
            "pixelWidth": self.pixel_width,
            "pixelHeight": self.pixel_height,
            "shape": self.shape.lower(),
            "dpi": self.dpi,
            "mode": self.mode.lower(),
            "theme": theme,
            "minWidth": width,
            "maxWidth": width,
            "minHeight": height,
            "maxHeight": height,
            "autoWidth": False,
            "autoHeight": False,
        }


DEVICES: dict[str, Device] = {
    device.name: device
    for device in (
        Device("spot", "Echo Spot", "ROUND", 480, 480, 160, "HUB", True),
        Device("show5", "Echo Show 5", "RECTANGLE", 960, 480, 160, "HUB", True),
        Device("show8", "Echo Show 8", "RECTANGLE", 1280, 800, 213, "HUB", True),
        Device("show10", "Echo Show 10", "RECTANGLE", 1280, 800, 160, "HUB", True),
        Device("show15", "Echo Show 15", "RECTANGLE", 1920, 1080, 160, "HUB", True),
        Device("firetv", "Fire TV", "RECTANGLE", 1920, 1080, 320, "TV", False),
    )
}
DEFAULT_DEVICE = "show8"
