"""What the interview knows so far, keyed by question id; an immutable value that round-trips
through session attributes (the only place it is ever kept).

A question's value is "yes"/"no" (yes_no), a tuple of cause-table ids (terms; an empty tuple
means "none of those"), one id (term) or a number of days (days). A question answered "not
sure" is in `unsure` and has no value. `said` keeps the person's own words for each id
("left eyelid", "sertraline"), so the skill can echo them and, with consent, show them to a
doctor. `subject` is "other" when a carer answers for someone else (speech then says "they");
`age` is the patient's age when it was said; `flagged` holds questions the person's words hinted
at ("my breathing ..."), which are then asked plainly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from muscle_twitch.core.knowledge import Knowledge

# Longest onset kept: anything beyond ten years says nothing more.
MAX_ONSET_DAYS = 3650
# The person's words for one value; Alexa's slot values are far shorter.
MAX_SAID_CHARS = 60
MAX_AGE = 120
SUBJECTS = ("other",)


class Answers:
    # `memo`: results of conditions over these answers (core/conditions.evaluate). Answers never
    # change after they are made (every change makes new ones), so what holds of them is kept:
    # a turn asks the same conditions many times (the rules, then each question's condition).
    __slots__ = ("age", "flagged", "memo", "said", "subject", "unsure", "values")

    def __init__(
        self,
        values: Mapping[str, Any] | None = None,
        unsure: Iterable[str] = (),
        said: Mapping[str, Mapping[str, str]] | None = None,
        *,
        flagged: Iterable[str] = (),
        subject: str | None = None,
        age: int | None = None,
    ) -> None:
        # said: question -> str(value) -> the person's words
        self.values: Mapping[str, Any] = dict(values or {})
        self.unsure = frozenset(unsure)
        self.said: Mapping[str, Mapping[str, str]] = {q: dict(w) for q, w in (said or {}).items() if w}
        self.flagged = frozenset(flagged)
        self.subject = subject if subject in SUBJECTS else None
        self.age = age if isinstance(age, int) and not isinstance(age, bool) and 0 < age <= MAX_AGE else None
        self.memo: dict[tuple[int, str | None, str | None], tuple[Any, Any]] = {}

    def replaced(self, **changes: Any) -> Answers:
        fields = {
            "values": self.values,
            "unsure": self.unsure,
            "said": self.said,
            "flagged": self.flagged,
            "subject": self.subject,
            "age": self.age,
        }
        fields.update(changes)
        values, unsure, said = fields.pop("values"), fields.pop("unsure"), fields.pop("said")
        return Answers(values, unsure, said, **fields)

    def with_facts(self, *, flagged: Iterable[str] = (), subject: str | None = None, age: int | None = None) -> Answers:
        """Who it is about, an age, and questions the words hinted at; what is known is kept."""
        return self.replaced(
            flagged=self.flagged | set(flagged),
            subject=self.subject or subject,
            age=age if age is not None else self.age,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Answers):
            return NotImplemented
        mine = (self.values, self.unsure, self.said, self.flagged, self.subject, self.age)
        return mine == (other.values, other.unsure, other.said, other.flagged, other.subject, other.age)

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.values)), self.unsure))

    def __repr__(self) -> str:
        return f"Answers({dict(self.values)!r}, unsure={sorted(self.unsure)!r})"

    def value(self, question: str) -> Any:
        return self.values.get(question)

    def answered(self, question: str) -> bool:
        return question in self.unsure or question in self.values

    def words(self, question: str, value: Any) -> str | None:
        """What the person said for one value of an answer, if their words were heard."""
        return self.said.get(question, {}).get(str(value))

    # ---------------------------------------------------------------- new values
    def with_value(self, question: str, value: Any) -> Answers:
        return self.replaced(values={**self.values, question: value}, unsure=self.unsure - {question})

    def with_terms(self, question: str, heard: Iterable[tuple[Any, str | None]], *, single: bool) -> Answers:
        """Adds values (with the words they were heard as) to a list answer, or sets a single one
        (an id, or a number of days)."""
        heard = list(heard)
        said = dict(self.said.get(question, {}))
        for value, words in heard:
            # Only printable characters are kept (NUL, lone surrogates, U+FFFF were echoed as "").
            printable = "".join(c for c in words or "" if c.isprintable()).strip()[:MAX_SAID_CHARS]
            if printable:
                said[str(value)] = printable
        if single:
            value = heard[-1][0]
            said = {k: w for k, w in said.items() if k == str(value)}
        else:
            value = tuple(dict.fromkeys((*(self.value(question) or ()), *(i for i, _ in heard))))
        return self.replaced(
            values={**self.values, question: value}, unsure=self.unsure - {question}, said={**self.said, question: said}
        )

    def with_unsure(self, question: str) -> Answers:
        # "Not sure" never overwrites something the person did tell us.
        if self.value(question) not in (None, ()):
            return self
        values = {q: v for q, v in self.values.items() if q != question}
        return self.replaced(values=values, unsure=self.unsure | {question})

    # ---------------------------------------------------------------- session attributes
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {q: list(v) if isinstance(v, tuple) else v for q, v in self.values.items()}
        result: dict[str, Any] = {"values": data}
        if self.unsure:
            result["unsure"] = sorted(self.unsure)
        if self.said:
            result["said"] = {q: dict(w) for q, w in self.said.items()}
        if self.flagged:
            result["flagged"] = sorted(self.flagged)
        if self.subject:
            result["subject"] = self.subject
        if self.age is not None:
            result["age"] = self.age
        return result

    @classmethod
    def from_dict(cls, data: Any, knowledge: Knowledge) -> Answers:
        """Reads session attributes; anything malformed or unknown is dropped, field by field."""
        if not isinstance(data, Mapping):
            return cls()
        raw_values = data.get("values")
        values: dict[str, Any] = {}
        for question_id, raw in raw_values.items() if isinstance(raw_values, Mapping) else ():
            if knowledge.has_question(question_id):
                value = _valid_value(knowledge, question_id, raw)
                if value is not None:
                    values[question_id] = value
        unsure = set()
        raw_unsure = data.get("unsure")
        for question_id in raw_unsure if isinstance(raw_unsure, list) else ():
            # As with_unsure: "not sure" never overrides something the person did tell us.
            if knowledge.has_question(question_id) and values.get(question_id) in (None, ()):
                values.pop(question_id, None)
                unsure.add(question_id)
        said: dict[str, dict[str, str]] = {}
        raw_said = data.get("said")
        for question_id, words in raw_said.items() if isinstance(raw_said, Mapping) else ():
            have = values.get(question_id)
            ids = {str(v) for v in (have if isinstance(have, tuple) else (have,))}
            if isinstance(words, Mapping):
                kept = {
                    i: w
                    for i, w in words.items()
                    if i in ids and isinstance(w, str) and 0 < len(w) <= MAX_SAID_CHARS and w.isprintable()
                }
                if kept:
                    said[question_id] = kept
        raw_flagged = data.get("flagged")
        flagged = [q for q in raw_flagged if knowledge.has_question(q)] if isinstance(raw_flagged, list) else []
        return cls(values, unsure, said, flagged=flagged, subject=data.get("subject"), age=data.get("age"))


def _valid_value(knowledge: Knowledge, question_id: str, raw: Any) -> Any:
    question = knowledge.question(question_id)
    if question.answer == "yes_no":
        return raw if raw in ("yes", "no") else None
    if question.answer == "days":
        ok = isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= MAX_ONSET_DAYS
        return raw if ok else None
    known = knowledge.terms[question.kind or ""]
    if question.answer == "term":
        return raw if isinstance(raw, str) and raw in known else None
    if not isinstance(raw, list):
        return None
    ids = tuple(dict.fromkeys(v for v in raw if isinstance(v, str) and v in known))
    # A list that held only junk is "unknown", not "none of those".
    return ids if ids or not raw else None
