"""The reminder holds no symptom, body area, medicine or answer: only the skill and the check-in."""

from __future__ import annotations

import pytest

from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.locales import supported_locales
from muscle_twitch.skill.handlers.reminder_permission import SKILL_NAME, check_in_text
from muscle_twitch.skill.reminders import ReminderText, health_phrases_in, refused_text
from tests.alexa import answer_slot, dialog_intent, interaction_model, slot_type


def cause_table_phrases() -> list[str]:
    """Every term id of the cause table, and every value and synonym the models of every locale
    list for what a person names (places, symptoms, medicines, triggers, times, diseases): all
    but the yes/no words, which name nothing about health."""
    phrases = [t.id for terms in load_knowledge().terms.values() for t in terms.values()]
    for locale in supported_locales():
        replies = slot_type(dialog_intent(locale), answer_slot("", locale), locale)
        for slot_type_ in interaction_model(locale)["languageModel"].get("types", []):
            if slot_type_["name"] == replies:
                continue
            for value in slot_type_["values"]:
                phrases += [value["name"]["value"], *value["name"].get("synonyms", [])]
    return phrases


def test_the_check_in_text_names_no_cause_table_phrase() -> None:
    phrases = cause_table_phrases()
    assert len(phrases) > 100  # the table was read
    assert refused_text(check_in_text().rendered(SKILL_NAME), SKILL_NAME, phrases) == []


def test_the_check_in_text_names_the_skill_so_the_person_knows_how_to_come_back() -> None:
    rendered = check_in_text().rendered(SKILL_NAME)
    assert f"open {SKILL_NAME}" in rendered.spoken
    assert SKILL_NAME in rendered.written
    assert "{skill_name}" not in rendered.spoken + rendered.written


def test_the_spoken_text_does_not_say_the_wake_word() -> None:
    assert "alexa" not in check_in_text().rendered(SKILL_NAME).spoken.lower()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Check your calves", ["calves"]),
        ("How is your LOWER BACK?", ["back", "lower back"]),
        ("Did the coffee help?", ["coffee"]),
        ("Any numbness or tingling?", ["numbness", "numbness or tingling", "tingling"]),
        ("Still taking the prednisone?", ["prednisone"]),
        ("Is it still every day?", ["every day"]),
        ("Time for your check-in", []),
        ("Open Muscle Twitch Guide", []),  # the skill's name is allowed
        ("Backpack", []),  # whole words only
        ("", []),
    ],
)
def test_the_guard_finds_forbidden_phrases_as_whole_words(text: str, found: list[str]) -> None:
    forbidden = ["calves", "back", "lower back", "coffee", "numbness", "tingling", "numbness or tingling"]
    forbidden += ["prednisone", "every day", "my eyelid", ""]
    assert health_phrases_in(text, forbidden, allowed=[SKILL_NAME]) == found


def test_fillers_do_not_hide_a_phrase() -> None:
    assert health_phrases_in("how is the eyelid", ["my eyelid"]) == ["my eyelid"]


@pytest.mark.parametrize(
    "text",
    [
        ReminderText("Is the twitching better?", "Check-in"),
        ReminderText("Check-in", "Twitches: open {skill_name}"),
        ReminderText("Check-in", "Open {skill_name} about your twitch"),
    ],
)
def test_the_skills_subject_is_refused_outside_its_name(text: ReminderText) -> None:
    assert refused_text(text.rendered(SKILL_NAME), SKILL_NAME, []) != []
