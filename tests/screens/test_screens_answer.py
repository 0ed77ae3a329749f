"""The answer screen: the answer to the person's own question ("is it ALS?", "what can I do?")
shows its card's written text with a title, the disclaimer and, when an offer waits, Yes and No
to touch. Nothing the person said appears on it before their yes (PRIVACY.md): the written
answers are general facts, a text filled with their answers is written in its general words,
and a disease is written only in words the skill knows as one."""

import re
from typing import Any

import pytest

from muscle_twitch import screens
from muscle_twitch.core.interview import answer_question
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.core.topics import load_answers
from muscle_twitch.locales import supported_locales
from muscle_twitch.speech import Voice
from tests.screens.views import ANSWER, OTHER_RESULTS, RESULTS, VIEWS, answer_step

K = load_knowledge()
ANSWERS = sorted(load_answers())
LEVELS = {"self-care": Level.SELF_CARE, "book": Level.BOOK_APPOINTMENT, "doctor soon": Level.DOCTOR_SOON}


@pytest.fixture(scope="module")
def voice() -> Voice:
    return Voice(K, "en-US")


def test_an_answer_view_becomes_its_datasource() -> None:
    shown = screens.datasource(VIEWS["answer, with the offer of a check"])
    assert shown == {
        "title": "Is twitching serious?",
        "text": ANSWER,
        "source": "Sources: NHS, Twitching eyes and muscles (nhs.uk); MedlinePlus, Muscle twitching",
        "offer": "Would you like a short check of your twitching?",
        "disclaimer": VIEWS["answer, no offer waiting"]["disclaimer"],
        "choices": [
            {"label": "Yes", "kind": "offer", "choiceId": "yes"},
            {"label": "No", "kind": "offer", "choiceId": "no"},
        ],
        "hasOffer": True,
    }
    alone = screens.datasource(VIEWS["answer, no offer waiting"])
    assert (alone["hasOffer"], alone["offer"], alone["choices"]) == (False, "", [])
    assert screens.render_directive(VIEWS["answer, no offer waiting"])["token"] == "muscle-twitch-guide.answer"


def test_before_any_interview_the_answer_shows_its_card_and_the_offer_of_a_check(voice: Voice) -> None:
    step = answer_step("disease", None)
    assert step.interview.offer == "check"
    view = voice.screens.for_step(step)
    assert view is not None and view["kind"] == "answer"
    choice = voice.answers.choice(step.topic, step)  # type: ignore[arg-type]
    assert choice is not None
    card = voice.answers.card(choice, step)
    assert card.text == f"{view['text']}\n\n{view['source']}"  # the card's text, word for word
    assert "ALS" in view["text"]  # the disease they asked about, as the locale writes it
    assert view["title"] == voice.prompts.text("screen.answer_title.disease")
    assert view["offer"] == voice.results.offer("check")
    assert [c["arguments"] for c in view["choices"]] == [["offer", "yes"], ["offer", "no"]]
    assert view["disclaimer"] == voice.prompts.text("result.disclaimer")


@pytest.mark.parametrize("name", list(LEVELS))
def test_at_a_results_offer_the_answer_offers_what_the_result_offers(name: str, voice: Voice) -> None:
    step = answer_step("serious", RESULTS[name])
    view = voice.screens.for_step(step)
    assert view is not None and view["kind"] == "answer"
    assert view["offer"] == voice.results.offer(K.offers[LEVELS[name].value])
    assert [c["arguments"] for c in view["choices"]] == [["offer", "yes"], ["offer", "no"]]


def test_with_a_question_on_the_table_the_question_stays_on_screen(voice: Voice) -> None:
    from muscle_twitch.core.answers import Answers
    from muscle_twitch.core.interview import Evidence, Interview, Topic

    interview = Interview(Answers({"emergency": "no"}), "areas", 0, 2)
    step = answer_question(interview, Evidence(), Topic("serious"), K)
    view = voice.screens.for_step(step)
    assert view is not None and (view["kind"], view["questionId"]) == ("question", "areas")


@pytest.mark.parametrize("answer_id", ANSWERS)
@pytest.mark.parametrize("name", list(LEVELS))
def test_what_the_person_said_never_changes_the_answer_screen(answer_id: str, name: str, voice: Voice) -> None:
    """Two people at the same result who said different things (places, times, triggers,
    medicines, symptoms) see the same answer screen: it holds nothing either of them said."""
    first, second = answer_step(answer_id, RESULTS[name]), answer_step(answer_id, OTHER_RESULTS[name])
    assert first.assessment.level is second.assessment.level is LEVELS[name]
    assert voice.screens.for_step(first) == voice.screens.for_step(second)


@pytest.mark.parametrize("answer_id", ANSWERS)
def test_before_any_interview_what_a_one_shot_said_never_reaches_the_answer_screen(
    answer_id: str, voice: Voice
) -> None:
    """ "Tell muscle twitch guide my calf twitches since I started prednisone", then "what can I
    do?": two people whose one-shot requests said different things see the same answer screen.
    (Whether anything they said points to a cause or a tip picks the answer's general words or
    its words for none, as the card does; neither names what they said.)"""
    from muscle_twitch.core.answers import Answers
    from muscle_twitch.core.interview import Evidence, Interview, Topic

    topic = Topic(answer_id, answer_step(answer_id, None).topic.key)  # type: ignore[union-attr]
    views = []
    for said in (OTHER_RESULTS["book"], OTHER_RESULTS["self-care"]):
        step = answer_question(Interview(Answers(said)), Evidence(), topic, K)
        assert step.interview.offer == "check" and step.outcome and step.outcome.causes and step.outcome.tips
        views.append(voice.screens.for_step(step))
    assert views[0] == views[1]


def test_the_spoken_answer_does_use_what_they_said_so_the_screen_test_is_not_empty(voice: Voice) -> None:
    """What can I do? after self-care: the speech names their tips, the screen does not."""
    first, second = (
        answer_step("what_to_do", RESULTS["self-care"]),
        answer_step("what_to_do", OTHER_RESULTS["self-care"]),
    )
    choices = [voice.answers.choice(step.topic, step) for step in (first, second)]  # type: ignore[arg-type]
    spoken = [voice.answers.spoken(c, s) for c, s in zip(choices, (first, second), strict=True) if c]
    assert len(spoken) == 2 and spoken[0] != spoken[1]


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("als", "ALS"),
        ("Parkinson's", "Parkinson's"),
        ("multiple sclerosis", "multiple sclerosis"),
        ("cancer", "cancer"),
        ("a brain tumor in my left calf since I started prednisone", None),
        ("my neighbour's thing", None),
    ],
)
def test_a_disease_is_written_only_in_words_the_skill_knows_as_one(
    said: str, written: str | None, voice: Voice
) -> None:
    view = voice.screens.for_step(answer_step("disease", None, key=said))
    assert view is not None
    if written is None:
        text = view["text"].lower()
        assert [word for word in ("calf", "prednisone", "neighbour") if word in text] == []
        assert "very rarely a sign of that." in text
    else:
        assert f"very rarely a sign of {written}." in view["text"]


@pytest.mark.parametrize("answer_id", ANSWERS)
@pytest.mark.parametrize("name", ["book", "doctor soon"])
def test_after_a_doctor_result_no_answer_screen_says_nothing_is_urgent(answer_id: str, name: str, voice: Voice) -> None:
    """Why? after "see a doctor": its card once fell back to the words for no cause at all,
    "Nothing you told me pointed to anything urgent", because the doctor's reasons are the
    person's own answers. The general words stand in for them instead."""
    view = voice.screens.for_step(answer_step(answer_id, RESULTS[name]))
    assert view is not None
    assert not re.search(r"nothing (you told me|you've mentioned)|doesn't sound urgent", view["text"], re.I)


@pytest.mark.parametrize("locale", supported_locales())
def test_every_answer_has_a_short_title_with_nothing_left_unfilled(locale: str) -> None:
    voice = Voice(K, locale)
    for answer_id in ANSWERS:
        title = voice.prompts.text(f"screen.answer_title.{answer_id}")
        assert title and len(title) <= 40 and "{" not in title, (answer_id, title)


def test_every_answer_screen_the_skill_builds_is_written_for_it() -> None:
    """The skill's answer views (tests/screens/views.py) fill every text and carry Yes and No."""
    built: list[dict[str, Any]] = [view for name, view in VIEWS.items() if name.startswith("skill: answer ")]
    assert len(built) == len(ANSWERS) * 4 * 2
    for view in built:
        assert all(view[key] and "{" not in view[key] for key in ("title", "text", "source", "offer", "disclaimer"))
        assert [c["arguments"] for c in view["choices"]] == [["offer", "yes"], ["offer", "no"]]
