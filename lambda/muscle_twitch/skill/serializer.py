"""The SDK's DefaultSerializer, with each model type's reading and writing worked out once.

The SDK's serializer rediscovers the models on every call: per field of every request it
re-imports the model class by name, re-parses type strings such as "dict(str, ...Slot)" with a
regex and parses the timestamp with dateutil. That was about half of a warm turn (README,
"Benchmarks"). Here a reader or writer is built once per type and cached for the process.

The results are the SDK's: the same model objects, the same JSON, checked by
tests/skill/test_serializer.py over every fixture and generated envelopes. One difference: a
request timestamp in Alexa's usual form ("2026-11-26T12:00:00Z") becomes a datetime in
`datetime.UTC` rather than dateutil's equal `tzutc()`. Whatever the fast path does not
expect (a value of the wrong type, an unknown discriminator, any other timestamp form, a subclass
of a primitive) goes to the SDK's own serializer, so odd input gets the SDK's result or error.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer

Convert = Callable[[Any], Any]

_PRIMITIVES = frozenset({str, int, float, bool, bytes})
_MODEL_DESCRIPTION = frozenset({"attribute_map", "deserialized_types"})
_LIST_OF = re.compile(r"list\[(.*)\]")  # the SDK's own patterns, so type strings split alike
_DICT_OF = re.compile(r"dict\(([^,]*), (.*)\)")
_ALEXA_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3}|\.\d{6})?Z")


class _Unusual(Exception):
    """The fast path met something it leaves to the SDK's serializer."""


def _unusual(_: Any) -> Any:
    raise _Unusual


class PlannedSerializer(DefaultSerializer):
    def __init__(self) -> None:
        self._readers: dict[Any, Convert] = {}
        self._writers: dict[type, Convert] = {}

    def deserialize(self, payload: str | None, obj_type: Any) -> Any:  # type: ignore[override]
        if payload is None:
            return None
        try:
            return self.reader(obj_type)(json.loads(payload))
        except Exception:  # not JSON, or unusual: the SDK decides, and words any error
            return super().deserialize(payload, obj_type)

    def deserialize_data(self, data: Any, obj_type: Any) -> Any:
        """`deserialize` for JSON that is already parsed, such as a Lambda event: no round trip
        through text. The result shares untyped parts (session attribute values, unknown keys)
        with `data`, as the SDK's would share them with its own parse."""
        try:
            return self.reader(obj_type)(data)
        except Exception:
            return super().deserialize(json.dumps(data), obj_type)

    def serialize(self, obj: Any) -> Any:
        try:
            return self._write(obj)
        except Exception:
            return super().serialize(obj)

    # Reading: JSON data -> model objects.

    def reader(self, obj_type: Any) -> Convert:
        """The function that reads data of `obj_type` (a class or one of the SDK's type strings)."""
        read = self._readers.get(obj_type)
        if read is None:
            read = self._readers[obj_type] = self._plan_reader(obj_type)
        return read

    def _plan_reader(self, obj_type: Any) -> Convert:
        if isinstance(obj_type, str):
            if obj_type.startswith("list["):
                match = _LIST_OF.match(obj_type)
                item_type = match.group(1) if match else ","
                return _unusual if "," in item_type else self._list_reader(item_type.strip())
            if obj_type.startswith("dict("):
                match = _DICT_OF.match(obj_type)
                return self._dict_reader(match.group(2)) if match else _unusual
            native = self.NATIVE_TYPES_MAPPING.get(obj_type)
            return self.reader(native if native is not None else _load_class(obj_type))
        if obj_type is None:
            return _unusual  # a class name that did not import
        if obj_type in _PRIMITIVES:
            return _exactly(obj_type)
        if obj_type is object:
            return _same
        if obj_type is datetime:
            return _read_timestamp
        if obj_type is date:
            return _unusual
        if not isinstance(obj_type, type):
            return _unusual
        if issubclass(obj_type, Enum):
            return obj_type  # calling the enum reads a value; a wrong one raises and falls back
        if not hasattr(obj_type, "deserialized_types"):
            return _same  # the SDK passes data through for classes that are not models
        if hasattr(obj_type, "get_real_child_model"):
            return self._discriminated_reader(obj_type)
        return self._model_reader(obj_type)

    def _discriminated_reader(self, base: type) -> Convert:
        subclass_readers: dict[str, Convert] = {}

        def read(data: Any) -> Any:
            if type(data) is not dict:
                raise _Unusual
            name = base.get_real_child_model(data)  # type: ignore[attr-defined]
            read_subclass = subclass_readers.get(name)
            if read_subclass is None:
                subclass = _load_class(name) if isinstance(name, str) and name else None
                read_subclass = _unusual if subclass is None else self._model_reader(subclass)
                subclass_readers[name] = read_subclass
            return read_subclass(data)

        return read

    def _model_reader(self, model: type) -> Convert:
        field_types: dict[str, str] = model.deserialized_types  # type: ignore[attr-defined]
        keys = _json_keys(model)
        if not keys.keys() <= field_types.keys() or len(set(keys.values())) < len(keys):
            return _unusual  # the SDK would fail looking up a field's type, or fill two from one key
        # Field readers are looked up when a field first occurs, not planned here: models nest
        # recursively, and planning every possible field would import most of ask_sdk_model.
        fields = {key: (name, field_types[name]) for name, key in keys.items()}
        new_instance = _instance_maker(model)
        readers = self._readers

        def read(data: Any) -> Any:
            if type(data) is not dict:
                raise _Unusual
            instance = new_instance()
            extra_keys = []
            for key, value in data.items():
                field = fields.get(key)
                if field is None:
                    extra_keys.append(key)
                    continue
                name, field_type = field
                if value is not None:
                    value = (readers.get(field_type) or self.reader(field_type))(value)
                setattr(instance, name, value)
            for key in extra_keys:  # like the SDK, keep fields this model lacks, after its own
                setattr(instance, key, data[key])
            return instance

        return read

    def _list_reader(self, item_type: str) -> Convert:
        readers = self._readers

        def read(data: Any) -> Any:
            if type(data) is not list:
                raise _Unusual
            read_item = readers.get(item_type) or self.reader(item_type)
            return [None if item is None else read_item(item) for item in data]

        return read

    def _dict_reader(self, value_type: str) -> Convert:
        readers = self._readers

        def read(data: Any) -> Any:
            if type(data) is not dict:
                raise _Unusual
            read_value = readers.get(value_type) or self.reader(value_type)
            return {key: None if value is None else read_value(value) for key, value in data.items()}

        return read

    # Writing: model objects -> JSON data.

    def _write(self, obj: Any) -> Any:
        kind = type(obj)
        if obj is None or kind in _PRIMITIVES:
            return obj
        if kind is dict:
            return {key: self._write(value) for key, value in obj.items()}
        if kind is list:
            return [self._write(item) for item in obj]
        write = self._writers.get(kind)
        if write is None:
            write = self._writers[kind] = self._plan_writer(kind)
        return write(obj)

    def _plan_writer(self, kind: type) -> Convert:
        if issubclass(kind, Enum) and not issubclass(kind, tuple(_PRIMITIVES)):
            return _enum_value
        if not hasattr(kind, "deserialized_types") or issubclass(kind, (dict, list, tuple, date)):
            return _unusual
        keys = _json_keys(kind)
        # In deserialized_types order, as the SDK writes them: byte-identical JSON.
        fields = [(name, keys[name]) for name in kind.deserialized_types]  # type: ignore[attr-defined]

        def write(obj: Any) -> dict[str, Any]:
            if _MODEL_DESCRIPTION & vars(obj).keys():
                raise _Unusual  # the SDK would describe this one object by its own attributes
            written = {}
            for name, key in fields:
                value = getattr(obj, name)
                if value is not None:
                    written[key] = self._write(value)
            return written

        return write


def _json_keys(model: type) -> dict[str, str]:
    """Field name -> JSON key, as the SDK works it out (attribute_map, else the field's own name)."""
    keys = dict(getattr(model, "attribute_map", {}))
    for name in model.deserialized_types:  # type: ignore[attr-defined]
        keys.setdefault(name, name)
    return keys


def _instance_maker(model: type) -> Callable[[], Any]:
    """`model()`, or a copy of its defaults when those are all immutable: the same object,
    without running the model's long keyword __init__ chain for every request."""
    defaults = vars(model())
    if not all(value is None or type(value) in _PRIMITIVES or isinstance(value, Enum) for value in defaults.values()):
        return model

    def new_instance() -> Any:
        instance = object.__new__(model)
        instance.__dict__.update(defaults)
        return instance

    return new_instance


def _load_class(dotted_name: str) -> type | None:
    module_name, _, class_name = dotted_name.rpartition(".")
    try:
        return getattr(importlib.import_module(module_name), class_name) if module_name else None
    except (ImportError, AttributeError, ValueError):
        return None


def _exactly(kind: type) -> Convert:
    def read(data: Any) -> Any:
        if type(data) is not kind:
            raise _Unusual  # the SDK converts (str(5), int("5")) or fails; let it
        return data

    return read


def _same(data: Any) -> Any:
    return data


def _enum_value(member: Enum) -> Any:
    return member.value


def _read_timestamp(data: Any) -> datetime:
    if type(data) is not str or not _ALEXA_TIMESTAMP.fullmatch(data):
        raise _Unusual
    return datetime.fromisoformat(data[:-1]).replace(tzinfo=UTC)
