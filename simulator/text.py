"""Turn typed text into comparable words, with the skill's one tokenizer
(lambda/muscle_twitch/language/tokens.py).

Matching is case-insensitive and ignores punctuation, so "My eyelid!" and "my eyelid" are the
same utterance. Contractions are the tokenizer's: "can't", "cannot" and "can not" are all
"can not", "I'm" is "I am", with or without the apostrophe, exactly as the skill's reader hears
them. Decimal numbers keep their point ("1.5"), hyphenated words split ("twenty-one").
"""

from dataclasses import dataclass

from muscle_twitch.language.tokens import tokenize


@dataclass(frozen=True)
class Words:
    """An utterance as tokens: keys (samples and slot values are compared on these), stems (the
    language data's word lists are compared on these) and, for slot values, the words as said."""

    keys: tuple[str, ...]
    stems: tuple[str, ...]
    said: tuple[str, ...]  # per token; both tokens of "can't" say "can't"
    word: tuple[int, ...]  # per token, which word of the line it came from

    def __len__(self) -> int:
        return len(self.keys)

    def boundary(self, position: int) -> bool:
        """Whether `position` falls between two words: a slot never holds half of "haven't"."""
        return position in (0, len(self.keys)) or self.word[position] != self.word[position - 1]

    def slice(self, start: int, end: int) -> "Words":
        return Words(self.keys[start:end], self.stems[start:end], self.said[start:end], self.word[start:end])

    def pick(self, positions: list[int]) -> "Words":
        return Words(
            tuple(self.keys[i] for i in positions),
            tuple(self.stems[i] for i in positions),
            tuple(self.said[i] for i in positions),
            tuple(self.word[i] for i in positions),
        )

    def text(self) -> str:
        """The words as said, each once ("can't", not "can't can't")."""
        shown: list[str] = []
        last = -1
        for said, word in zip(self.said, self.word, strict=True):
            if word != last:
                shown.append(said)
                last = word
        return " ".join(shown)


def words(text: str) -> Words:
    tokens = tokenize(text)
    return Words(
        tuple(t.key for t in tokens),
        tuple(t.stem for t in tokens),
        tuple(t.said for t in tokens),
        tuple(t.index for t in tokens),
    )


def keys(text: str) -> tuple[str, ...]:
    return words(text).keys
