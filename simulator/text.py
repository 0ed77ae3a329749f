"""Turn typed text into comparable word keys.

Matching is case-insensitive and ignores punctuation, so "My eyelid!" and "my eyelid" are
the same utterance. Apostrophes are dropped inside words ("don't" == "dont") because people
type both. Decimal numbers keep their point ("1.5"), hyphenated words split ("twenty-one").
"""

import re
from dataclasses import dataclass

_WORD = re.compile(r"\d+(?:st|nd|rd|th)\b|\d+(?:\.\d+)?|[^\W_]+(?:['\u2019][^\W_]+)*")


@dataclass(frozen=True)
class Words:
    """An utterance as word keys (for matching) and display forms (for slot values)."""

    keys: tuple[str, ...]
    display: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.keys)

    def slice(self, start: int, end: int) -> "Words":
        return Words(self.keys[start:end], self.display[start:end])

    def text(self) -> str:
        return " ".join(self.display)


def words(text: str) -> Words:
    display = tuple(m.group().lower().replace("\u2019", "'") for m in _WORD.finditer(text))
    return Words(tuple(d.replace("'", "") for d in display), display)


def keys(text: str) -> tuple[str, ...]:
    return words(text).keys
