"""The one tokenizer: words as said, contractions spelt out, and stems that make the forms of a
word equal on both sides of a comparison (never linguistically right, always consistent)."""

import pytest

from muscle_twitch.language.tokens import stem, tokenize

SAME = [
    ("drooping", "droopy", "drooped", "droops", "droop"),
    ("twitching", "twitches", "twitchy", "twitched", "twitch"),
    ("tingling", "tingly", "tingle", "tingles"),
    ("slurred", "slurring", "slurry", "slur"),
    ("calves", "calf", "calfs"),
    ("eyes", "eye"),
    ("muscles", "muscle"),
    ("dropped", "dropping", "drop"),
    ("weakness", "weak"),
    ("breathing", "breathe", "breath"),
]
APART = [
    ("every", "ever"),
    ("early", "ear"),
    ("butt", "but"),
    ("jumpy", "jumping"),
    ("time", "tims"),
    ("pills", "pill"),
]


@pytest.mark.parametrize("forms", SAME, ids=[f[0] for f in SAME])
def test_the_forms_of_a_word_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(f) for f in forms}) == 1, {f: stem(f) for f in forms}


@pytest.mark.parametrize(("one", "other"), APART)
def test_words_that_must_stay_apart_do(one: str, other: str) -> None:
    assert stem(one) != stem(other)


@pytest.mark.parametrize(
    ("said", "keys"),
    [
        ("I can't breathe", ["i", "can", "not", "breathe"]),
        ("I cannot breathe", ["i", "can", "not", "breathe"]),
        ("it's my husband's face", ["it", "my", "husband", "face"]),
        ("dont know", ["do", "not", "know"]),
        ("I\u2019m not sure", ["i", "am", "not", "sure"]),  # a typographic apostrophe
        ("won't stop", ["will", "not", "stop"]),
    ],
)
def test_contractions_are_spelt_out_however_they_are_typed(said: str, keys: list[str]) -> None:
    assert [t.key for t in tokenize(said)] == keys


def test_every_token_keeps_the_word_as_said() -> None:
    tokens = tokenize("My LEFT eyelid can't stop")
    assert [t.said for t in tokens] == ["my", "left", "eyelid", "can't", "can't", "stop"]
    assert [t.index for t in tokens] == [0, 1, 2, 3, 3, 4]


def test_anything_that_is_not_text_is_no_words() -> None:
    assert tokenize(None) == ()  # type: ignore[arg-type]
    assert tokenize("   ...  ") == ()
