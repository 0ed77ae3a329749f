"""The one tokenizer: what a sentence is made of, for the skill's reader, the model builder and the
simulator alike.

A sentence becomes tokens. Each keeps the word as said (for echoes: "my left eyelid"), a key
(contractions spelt out: "can't" is "can" + "not", "it's" is "it") and a stem, so that "drooping",
"droopy", "drooped" and "droops" compare equal, and "calves" is "calf". Phrases of the language
data go through the same function, so a phrase and a sentence are always compared in one form.
The stemmer is deliberately light: it only has to be the same on both sides, never linguistically
right; words it would confuse ("every"/"ever", "early"/"ear") are kept whole.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_WORD = re.compile(r"\d+(?:\.\d+)?(?:st|nd|rd|th)?|[a-z]+(?:'[a-z]+)*")
# Contractions said with or without the apostrophe ("dont" is how some recognisers write it).
_NOT = {"can't": "can", "cant": "can", "cannot": "can", "won't": "will", "wont": "will", "shan't": "shall",
        "ain't": "is", "aint": "is"}  # fmt: skip
_BARE = {
    "dont": ("do", "not"), "didnt": ("did", "not"), "doesnt": ("does", "not"), "isnt": ("is", "not"),
    "arent": ("are", "not"), "wasnt": ("was", "not"), "werent": ("were", "not"), "havent": ("have", "not"),
    "hasnt": ("has", "not"), "hadnt": ("had", "not"), "couldnt": ("could", "not"), "shouldnt": ("should", "not"),
    "wouldnt": ("would", "not"), "im": ("i", "am"), "ive": ("i", "have"), "youre": ("you", "are"),
    "theyre": ("they", "are"), "thats": ("that",), "whats": ("what",), "hes": ("he",), "shes": ("she",),
    "theres": ("there",), "lets": ("let", "us"),
    # "unable to lift his arm" is "can't lift his arm", as the phrases say it
    "unable": ("can", "not"),
}  # fmt: skip
_SUFFIXES = {"n't": ("not",), "'re": ("are",), "'ve": ("have",), "'m": ("am",), "'ll": ("will",), "'d": ("would",)}
# Words the stemmer leaves whole: their stems would meet other words.
_KEEP = frozenset(
    [
     "every", "very", "many", "only", "early", "daily", "weekly", "nearly", "family", "body", "lady", "baby",
     "july", "always", "anyway", "ready", "busy", "easy", "heavy", "lately", "likely", "really", "rarely",
     "hardly", "mostly", "mainly", "fairly", "barely", "ugly", "happy", "sorry", "needles", "pins", "news",
     "less", "unless", "this", "thus", "yes", "his", "hers", "its", "pills", "runs", "jumpy", "time", "times",
     "puffy", "footy", "fitness", "here", "tummy", "handy", "army", "hearty",
    ]
)  # fmt: skip
_IRREGULAR = {
    "calves": "calf", "calfs": "calf", "halves": "half", "feet": "foot", "teeth": "tooth", "children": "child",
    "went": "go", "gone": "go", "goes": "go", "going": "go", "gave": "give", "given": "give", "swollen": "swell",
    "fell": "fall", "fallen": "fall", "shook": "shake", "woke": "wake", "woken": "wake", "got": "get",
    "gotten": "get", "felt": "feel", "kept": "keep", "slept": "sleep", "ran": "run", "took": "take",
    "taken": "take", "began": "begin", "begun": "begin", "came": "come", "said": "say", "told": "tell",
    "thought": "think", "lost": "lose", "worse": "bad", "worst": "bad", "better": "good", "women": "woman",
    "men": "man", "mice": "mouse", "lives": "life", "knives": "knife", "leaves": "leave",
    # "evening" would stem to "even" ("no, it's even").
    "evening": "evening", "evenings": "evening",
}  # fmt: skip
_ENDINGS = ("ingly", "edly", "ness", "ied", "ies", "ing", "ed", "es", "ly", "s", "y", "e")


class Token(NamedTuple):
    said: str  # the word as said, lower case ("can't" for both its tokens)
    key: str  # contractions spelt out: "can", "not"
    stem: str  # the form phrases are compared in
    index: int  # which word of the sentence it came from (for the words as said)


def stem(word: str) -> str:
    """A light, consistent stem: "drooping", "droopy", "drooped" -> "droop"; "calves" -> "calf"."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha() or word in _KEEP:
        return word
    stripped = False
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            if ending == "s" and word.endswith(("ss", "us", "is")):
                continue
            if ending == "ly" and word[-3] in "bgkp":
                ending = "y"  # "tingly", "wobbly", "prickly": the l belongs to the word
            if ending == "ness":
                return stem(word[:-4])
            if ending == "s" and word.endswith("ings"):
                return stem(word[:-1])  # "mornings" as "morning": both "morn"
            word = word[: -len(ending)] + ("y" if ending in ("ied", "ies") else "")
            stripped = True
            break
    if word.endswith("y") and len(word) > 4 and word not in _KEEP:
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if stripped and len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


def _keys(word: str) -> tuple[str, ...]:
    if word in _NOT:
        return (_NOT[word], "not")
    if word in _BARE:
        return _BARE[word]
    if "'" in word:
        base, _, tail = word.partition("'")
        tail = "'" + tail
        if tail in _SUFFIXES:
            return (base, *_SUFFIXES[tail]) if base else _SUFFIXES[tail]
        if word.endswith("n't"):
            return (word[:-3], "not")
        if tail == "'s" or tail == "'":
            return (base,)  # possessive, "is" or "has": the word alone carries the meaning
        return (word.replace("'", ""),)
    return (word,)


def tokenize(text: str) -> tuple[Token, ...]:
    """Every word of `text` as tokens, in order (at most `limit` words are read)."""
    if not isinstance(text, str):
        return ()
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    tokens: list[Token] = []
    for index, match in enumerate(_WORD.finditer(lowered)):
        said = match.group()
        for key in _keys(said):
            if key == "able" and tokens and tokens[-1].key == "not":
                # "not able to lift" is "can't lift", as the phrases say it
                tokens[-1] = Token(tokens[-1].said, "can", "can", tokens[-1].index)
                key = "not"
            tokens.append(Token(said, key, stem(key), index))
    return tuple(tokens)


def stems(text: str) -> tuple[str, ...]:
    return tuple(t.stem for t in tokenize(text))
