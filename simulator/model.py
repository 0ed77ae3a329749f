"""Load a standard ASK interaction model (skill-package/interactionModels/custom/<locale>.json).

Only what the simulator needs is read: invocation name, intents (slots, samples, and the slot
samples Alexa hears while the skill elicits a slot), custom slot types, and which intents the
dialog model covers. Anything malformed is reported as one SimulatorError naming the file and the
offending entry, never as a traceback.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.builtin_types import converter_for
from simulator.errors import SimulatorError

REPO_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = REPO_ROOT / "skill-package" / "interactionModels" / "custom"
_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
_SLOT_REF = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class SlotTypeValue:
    id: str | None
    name: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class SlotType:
    name: str
    values: tuple[SlotTypeValue, ...]


@dataclass(frozen=True)
class SlotDef:
    name: str
    type: str
    multiple: bool
    samples: tuple[str, ...] = ()  # what people say when this slot is elicited ("my {areas}")


@dataclass(frozen=True)
class IntentDef:
    name: str
    slots: tuple[SlotDef, ...]
    samples: tuple[str, ...]

    def slot(self, name: str) -> SlotDef | None:
        return next((slot for slot in self.slots if slot.name == name), None)


@dataclass(frozen=True)
class InteractionModel:
    invocation_name: str
    intents: tuple[IntentDef, ...]
    types: dict[str, SlotType]
    source: str
    dialog_intents: frozenset[str] = frozenset()  # intents the dialog model lists

    def intent(self, name: str) -> IntentDef | None:
        return next((intent for intent in self.intents if intent.name == name), None)

    @property
    def locale(self) -> str | None:
        """The locale the file is named for (en-US.json), if any: it picks the language data."""
        stem = Path(self.source).stem
        return stem if _LOCALE.match(stem) else None


def check_locale(locale: str) -> None:
    if not _LOCALE.match(locale):
        raise SimulatorError(f"Unknown locale {locale!r}: expected a form like en-US or en-GB.")


def model_path_for(locale: str, models_dir: Path = MODELS_DIR) -> Path:
    """The model file for a locale, or a SimulatorError saying why there is none."""
    check_locale(locale)
    path = models_dir / f"{locale}.json"
    if not path.is_file():
        available = sorted(p.stem for p in models_dir.glob("*.json")) if models_dir.is_dir() else []
        if available:
            hint = f"Models exist for: {', '.join(available)}."
        else:
            hint = "No model has been generated yet: run `make model`."
        raise SimulatorError(f"No interaction model for locale {locale}: {_shown(path)} is missing. {hint}")
    return path


def load_model(path: Path) -> InteractionModel:
    shown = _shown(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SimulatorError(f"Interaction model {shown} does not exist.") from None
    except OSError as error:
        raise SimulatorError(f"Cannot read interaction model {shown}: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise SimulatorError(f"Interaction model {shown} is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise SimulatorError(
            f"Interaction model {shown} is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
            f"{_regenerate_hint(path)}"
        ) from None
    try:
        return _parse(raw, shown)
    except _Malformed as error:
        raise SimulatorError(f"Interaction model {shown} is malformed: {error}.{_regenerate_hint(path)}") from None


def _regenerate_hint(path: Path) -> str:
    """For a generated model file, how to get a good one back; another file is the person's own."""
    try:
        generated = path.resolve().parent == MODELS_DIR.resolve()
    except OSError:
        generated = False
    return " It is generated: run `make model` to write it again." if generated else ""


class _Malformed(Exception):
    pass


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _field(container: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(container, dict) or key not in container:
        raise _Malformed(f"{where} has no {key!r}")
    value = container[key]
    if not isinstance(value, kind):
        raise _Malformed(f"{where}.{key} should be a {kind.__name__}")
    return value


def _optional_list(container: dict[str, Any], key: str, where: str) -> list[Any]:
    value = container.get(key, [])
    if not isinstance(value, list):
        raise _Malformed(f"{where}.{key} should be a list")
    return value


def _parse(raw: Any, shown: str) -> InteractionModel:
    interaction = _field(raw, "interactionModel", dict, "the file")
    language = _field(interaction, "languageModel", dict, "interactionModel")
    where = "languageModel"
    invocation = _field(language, "invocationName", str, where).strip()
    if not invocation:
        raise _Malformed("languageModel.invocationName is empty")
    types = _parse_types(_optional_list(language, "types", where))
    intents = tuple(
        _parse_intent(entry, f"{where}.intents[{index}]", types)
        for index, entry in enumerate(_field(language, "intents", list, where))
    )
    names = [intent.name for intent in intents]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise _Malformed(f"intent {duplicated[0]!r} is defined more than once")
    return InteractionModel(invocation.lower(), intents, types, shown, _dialog_intents(interaction))


def _dialog_intents(interaction: dict[str, Any]) -> frozenset[str]:
    dialog = interaction.get("dialog", {})
    if not isinstance(dialog, dict):
        raise _Malformed("interactionModel.dialog should be an object")
    return frozenset(
        _field(entry, "name", str, f"dialog.intents[{index}]")
        for index, entry in enumerate(_optional_list(dialog, "intents", "dialog"))
    )


def _parse_types(entries: list[Any]) -> dict[str, SlotType]:
    types: dict[str, SlotType] = {}
    for index, entry in enumerate(entries):
        where = f"languageModel.types[{index}]"
        name = _field(entry, "name", str, where)
        values = []
        for value_index, value in enumerate(_field(entry, "values", list, where)):
            value_where = f"{where}({name}).values[{value_index}]"
            names = _field(value, "name", dict, value_where)
            canonical = _field(names, "value", str, f"{value_where}.name")
            synonyms = _optional_list(names, "synonyms", f"{value_where}.name")
            if not all(isinstance(synonym, str) for synonym in synonyms):
                raise _Malformed(f"{value_where}.name.synonyms should hold strings")
            value_id = value.get("id")
            if value_id is not None and not isinstance(value_id, str):
                raise _Malformed(f"{value_where}.id should be a string")
            values.append(SlotTypeValue(value_id, canonical, tuple(synonyms)))
        types[name] = SlotType(name, tuple(values))
    return types


def _parse_intent(entry: Any, where: str, types: dict[str, SlotType]) -> IntentDef:
    name = _field(entry, "name", str, where)
    where = f"{where}({name})"
    slots = []
    for index, slot in enumerate(_optional_list(entry, "slots", where)):
        slot_where = f"{where}.slots[{index}]"
        slot_name = _field(slot, "name", str, slot_where)
        slot_type = _field(slot, "type", str, slot_where)
        if slot_type not in types and converter_for(slot_type) is None:
            raise _Malformed(f"slot {slot_name!r} of intent {name!r} has undefined type {slot_type!r}")
        multiple = slot.get("multipleValues", {})
        enabled = isinstance(multiple, dict) and multiple.get("enabled") is True
        slot_samples = tuple(_optional_list(slot, "samples", slot_where))
        slots.append(SlotDef(slot_name, slot_type, enabled, slot_samples))
    samples = _optional_list(entry, "samples", where)
    defined = {slot.name for slot in slots}
    for sample in [*samples, *(s for slot in slots for s in slot.samples)]:
        if not isinstance(sample, str):
            raise _Malformed(f"{where}.samples should hold strings")
        for reference in _SLOT_REF.findall(sample):
            if reference not in defined:
                raise _Malformed(
                    f"sample {sample!r} of intent {name!r} uses {{{reference}}}, which the intent does not define"
                )
    return IntentDef(name, tuple(slots), tuple(samples))
