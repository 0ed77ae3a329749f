"""Caches keyed on the request's locale hold only the locales the data knows: 4,000 made-up
locales grew a worker to 256 MB. A locale the data does not know hears shared English with the
default care words; a known one keeps its own."""

from muscle_twitch import data
from muscle_twitch.locales import supported_locales
from muscle_twitch.speech.prompts import care_words, known_locales, prompt_table
from tests.alexa import request, send

MADE_UP = 300


def test_made_up_locales_do_not_grow_the_caches() -> None:
    for n in range(MADE_UP):
        assert send(request("launch", locale=f"xx-{n:04d}")).speech.startswith("Welcome to Muscle Twitch Guide.")
    bound = len(known_locales()) + 1  # and "" for every locale the data does not know
    assert prompt_table.cache_info().currsize <= bound
    assert care_words.cache_info().currsize <= bound


def test_the_known_locales_come_from_the_data_and_keep_their_words() -> None:
    table = data.load("locales")
    assert set(supported_locales()) <= known_locales()
    for locale in supported_locales():
        number = table["care"][locale]["emergency"]
        assert f"or {number} in an emergency" in send(request("launch", locale=locale)).speech
    # A locale with an emergency number alone: the number, with the default care words.
    locale, number = next(iter(table["emergency_numbers"].items()))
    assert f"or {number} in an emergency" in send(request("launch", locale=locale)).speech
    assert "your local emergency number" in send(request("launch", locale="xx-YY")).speech
