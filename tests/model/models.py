"""The generated interaction models, one per locale, for the model tests."""

import json
from pathlib import Path
from typing import Any

from interaction_models import build_model

ROOT = Path(__file__).resolve().parents[2]
LOCALES = tuple(build_model.locales())
MANIFEST = json.loads((ROOT / "skill-package" / "skill.json").read_text("utf-8"))["manifest"]


def model_file(locale: str) -> Path:
    return build_model.OUTPUT / f"{locale}.json"


_FILES: dict[str, dict[str, Any]] = {
    locale: json.loads(model_file(locale).read_text("utf-8"))["interactionModel"] for locale in LOCALES
}
MODELS: dict[str, dict[str, Any]] = {locale: model["languageModel"] for locale, model in _FILES.items()}
DIALOGS: dict[str, dict[str, Any]] = {locale: model["dialog"] for locale, model in _FILES.items()}
PROMPTS: dict[str, list[dict[str, Any]]] = {locale: model["prompts"] for locale, model in _FILES.items()}


def intents(locale: str) -> dict[str, dict[str, Any]]:
    return {intent["name"]: intent for intent in MODELS[locale]["intents"]}


def samples(locale: str) -> list[tuple[str, str]]:
    return [(intent["name"], s) for intent in MODELS[locale]["intents"] for s in intent.get("samples", [])]
