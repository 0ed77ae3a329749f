"""What the interview knows so far, as an immutable value that round-trips through session attributes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from muscle_twitch.core.knowledge import Knowledge

# Every question the interview can ask, by id.
QUESTIONS = ("emergency", "areas", "symptoms", "onset", "frequency", "medicines", "triggers", "twitch_length")
# Questions whose answer is a list of term ids, with the term kind each list holds.
LIST_FIELDS = {"areas": "body_area", "symptoms": "symptom", "medicines": "medicine", "triggers": "trigger"}
# Questions whose answer is a single term id.
SCALAR_FIELDS = {"frequency": "frequency", "twitch_length": "twitch_length"}
# Longest onset we keep: anything beyond ten years says nothing more.
MAX_ONSET_DAYS = 3650


@dataclass(frozen=True)
class Answers:
    """None means not known yet; an empty tuple means "none of those"."""

    emergency: str | None = None  # "yes" or "no"
    areas: tuple[str, ...] | None = None
    symptoms: tuple[str, ...] | None = None
    onset_days: int | None = None
    frequency: str | None = None
    medicines: tuple[str, ...] | None = None
    triggers: tuple[str, ...] | None = None
    twitch_length: str | None = None
    unsure: frozenset[str] = field(default_factory=frozenset)  # answered "I don't know"

    def value(self, question: str) -> Any:
        return self.onset_days if question == "onset" else getattr(self, question)

    def answered(self, question: str) -> bool:
        return question in self.unsure or self.value(question) is not None

    def with_value(self, question: str, value: Any) -> Answers:
        name = "onset_days" if question == "onset" else question
        return replace(self, **{name: value}, unsure=self.unsure - {question})

    def with_unsure(self, question: str) -> Answers:
        # "Not sure" never overwrites something the person did tell us.
        if self.value(question) not in (None, ()):
            return self
        return replace(
            self, **{"onset_days" if question == "onset" else question: None}, unsure=self.unsure | {question}
        )

    def with_more(self, question: str, ids: Iterable[str]) -> Answers:
        """Adds ids to a list answer, keeping order and dropping repeats."""
        current = self.value(question) or ()
        merged = tuple(dict.fromkeys((*current, *ids)))
        return self.with_value(question, merged)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for question in QUESTIONS:
            value = self.value(question)
            if value is not None:
                data[question] = list(value) if isinstance(value, tuple) else value
        if self.unsure:
            data["unsure"] = sorted(self.unsure)
        return data

    @classmethod
    def from_dict(cls, data: Any, knowledge: Knowledge) -> Answers:
        """Reads session attributes; anything malformed or unknown is dropped, field by field."""
        if not isinstance(data, Mapping):
            return cls()
        # Built in one go: this runs on every request, so no intermediate Answers values.
        fields: dict[str, Any] = {}
        if data.get("emergency") in ("yes", "no"):
            fields["emergency"] = data["emergency"]
        for question, kind in LIST_FIELDS.items():
            ids = _known_ids(data.get(question), knowledge, kind)
            if ids is not None:
                fields[question] = ids
        for question, kind in SCALAR_FIELDS.items():
            value = data.get(question)
            if isinstance(value, str) and value in knowledge.terms[kind]:
                fields[question] = value
        onset = data.get("onset")
        if isinstance(onset, int) and not isinstance(onset, bool) and 0 <= onset <= MAX_ONSET_DAYS:
            fields["onset_days"] = onset
        unsure: set[str] = set()
        for question in data.get("unsure") if isinstance(data.get("unsure"), list) else ():
            name = "onset_days" if question == "onset" else question
            # As with_unsure: "not sure" never overrides something the person did tell us.
            if isinstance(question, str) and question in QUESTIONS and fields.get(name) in (None, ()):
                fields.pop(name, None)
                unsure.add(question)
        return cls(**fields, unsure=frozenset(unsure))


def _known_ids(value: Any, knowledge: Knowledge, kind: str) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        return None
    ids = tuple(dict.fromkeys(v for v in value if isinstance(v, str) and v in knowledge.terms[kind]))
    # A list that held only junk is "unknown", not "none of those".
    return ids if ids or not value else None
