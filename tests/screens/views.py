"""Views as the core will hand them to screens.py (the contract in docs/screens.md), one for
each shape a screen has to survive: every kind, 0 to 6 answers, both argument patterns, long
words and long lists, an empty doctor's summary, an answer with and without an offer."""

from typing import Any

LONG = (
    "Besides the twitching, have you noticed anything else, like weakness in an arm or a leg, "
    "numbness or tingling, muscles that look smaller, or trouble swallowing or speaking?"
)
DISCLAIMER = "This is general information, not medical advice. In an emergency, call your local emergency number."


def question(question_id: str, choices: list[tuple[str, list[str]]], title: str = "", step: int = 2) -> dict[str, Any]:
    return {
        "kind": "question",
        "questionId": question_id,
        "title": title or "Where do you feel the twitching?",
        "hint": "Tap an answer or just say it.",
        "progress": {"step": step, "of": 7},
        "choices": [{"label": label, "arguments": arguments} for label, arguments in choices],
    }


def answers(question_id: str, *labels_and_ids: tuple[str, str]) -> list[tuple[str, list[str]]]:
    return [(label, ["answer", question_id, choice_id]) for label, choice_id in labels_and_ids]


YES_NO_UNSURE = answers("safety", ("Yes", "yes"), ("No", "no"), ("Not sure", "unsure"))
AREAS = answers(
    "areas",
    ("Eyelid", "eyelid"),
    ("Calf", "calf"),
    ("Thigh", "thigh"),
    ("Arm or hand", "arm"),
    ("Face", "face"),
    ("Somewhere else", "other"),
)
OFFER = [("Yes, show it", ["offer", "yes"]), ("No, thanks", ["offer", "no"])]

DOCTOR_SUMMARY = [
    {"label": "Where", "value": "Calf, eyelid"},
    {"label": "Since", "value": "About 2 weeks"},
    {"label": "How often", "value": "Several times a day"},
    {"label": "Other symptoms", "value": "Mild weakness in the left calf"},
    {"label": "Medicines", "value": "Prednisone"},
]
TIPS = [
    "Cut down on coffee, tea and energy drinks.",
    "Aim for seven to nine hours of sleep.",
    "Drink water through the day, more when you exercise.",
]


def answer(text: str, offer: str = "", title: str = "Is twitching serious?") -> dict[str, Any]:
    return {
        "kind": "answer",
        "title": title,
        "text": text,
        "source": "Sources: NHS, Twitching eyes and muscles (nhs.uk); MedlinePlus, Muscle twitching",
        "offer": offer,
        "choices": [{"label": label, "arguments": arguments} for label, arguments in (OFFER_YES_NO if offer else [])],
        "disclaimer": DISCLAIMER,
    }


OFFER_YES_NO = [("Yes", ["offer", "yes"]), ("No", ["offer", "no"])]
ANSWER = (
    "Muscle twitching is very common and usually harmless: about 70% of healthy people notice twitches. "
    "See your doctor if it lasts two weeks or more, spreads, or comes with weakness or numbness."
)


def doctor(summary: list[dict[str, str]], tips: list[str]) -> dict[str, Any]:
    return {
        "kind": "doctor",
        "headline": "Book a doctor's appointment",
        "timeFrame": "In the next week or two",
        "reason": "Because it has been going on for two weeks or more, and in more than one place.",
        "summary": summary,
        "tips": tips,
        "safetyNet": "If you notice weakness getting worse or trouble swallowing, see a doctor the same day.",
        "disclaimer": DISCLAIMER,
    }


VIEWS: dict[str, dict[str, Any]] = {
    "question, no answers to touch": question("medicines", [], "Do you take any medicines?", step=6),
    "question, two answers (offer)": question("summary", OFFER, "Shall I show the summary for your doctor?", 7),
    "question, three answers (yes, no, not sure)": question("safety", YES_NO_UNSURE, "Is it hard to breathe?", 1),
    "question, six answers (body areas)": question("areas", AREAS),
    "question, long title and long labels": question(
        "symptoms",
        answers("symptoms", ("Weakness in an arm or a leg, getting worse", "weakness"), ("None of these", "none")),
        LONG,
        step=3,
    ),
    "question, last step": question("onset", answers("onset", ("Days", "days"), ("Weeks", "weeks")), step=7),
    "emergency": {
        "kind": "emergency",
        "headline": "This could be an emergency",
        "number": "911",
        "action": "Call 911 now.",
        "reason": "Trouble breathing with twitching needs help right away.",
        "disclaimer": DISCLAIMER,
    },
    "emergency, long reason and another locale's number": {
        "kind": "emergency",
        "headline": "This could be an emergency",
        "number": "000",
        "action": "Call 000 now.",
        "reason": LONG,
        "disclaimer": DISCLAIMER,
    },
    "doctor, with the summary and tips": doctor(DOCTOR_SUMMARY, TIPS),
    "doctor, summary only": doctor(DOCTOR_SUMMARY, []),
    "doctor, no summary (no consent yet)": doctor([], TIPS),
    "doctor, neither": doctor([], []),
    "self-care, three tips": {
        "kind": "self_care",
        "headline": "This sounds like everyday twitching",
        "tips": TIPS,
        "safetyNet": "See a doctor if it lasts more than two weeks or spreads.",
        "disclaimer": DISCLAIMER,
    },
    "self-care, one long tip": {
        "kind": "self_care",
        "headline": "This sounds like everyday twitching",
        "tips": [LONG],
        "safetyNet": "See a doctor if it lasts more than two weeks or spreads.",
        "disclaimer": DISCLAIMER,
    },
    "answer, with the offer of a check": answer(ANSWER, "Would you like a short check of your twitching?"),
    "answer, no offer waiting": answer(ANSWER),
    "answer, long text, long title and a long offer": answer(
        " ".join([ANSWER] * 4), LONG, title="Could it be a disease of the nerves that control the muscles?"
    ),
}


def texts_shown(view: dict[str, Any], touch: bool = True) -> list[str]:
    """Every text of a view that its screen must show (the hint only on a touch screen)."""
    if view["kind"] == "question":
        shown = [view["title"], *(choice["label"] for choice in view["choices"])]
        return [*shown, view["hint"]] if touch else shown
    shown = [value for key, value in view.items() if key != "kind" and isinstance(value, str) and value]
    shown += [choice["label"] for choice in view.get("choices", [])]
    shown += view.get("tips", [])
    for row in view.get("summary", []):
        shown += [row["label"], row["value"]]
    return shown


# Answers that lead to each result, two sets per level that differ in everything the person said
# (places, times, triggers, medicines, symptoms), for the answer screens' consent tests.
RESULTS: dict[str, dict[str, Any]] = {
    "emergency": {"emergency": "yes"},
    "doctor soon": {"emergency": "no", "areas": ("neck",), "symptoms": ("trouble_swallowing",)},
    "book": {"emergency": "no", "areas": ("calf", "eyelid"), "symptoms": (), "onset": 21},
    "self-care": {"emergency": "no", "areas": ("eyelid",), "symptoms": (), "onset": 2, "triggers": ("caffeine",)},
}
OTHER_RESULTS: dict[str, dict[str, Any]] = {
    "doctor soon": {
        "emergency": "no",
        "areas": ("calf",),
        "symptoms": ("worsening_weakness",),
        "onset": 5,
        "medicines": ("statins",),
    },
    "book": {
        "emergency": "no",
        "areas": ("eyelid",),
        "symptoms": (),
        "onset": 3,
        "medicines": ("corticosteroids",),
        "triggers": ("caffeine",),
    },
    "self-care": {
        "emergency": "no",
        "areas": ("calf",),
        "symptoms": (),
        "onset": 3,
        "frequency": "daily",
        "medicines": (),
        "triggers": ("poor_sleep", "stress"),
    },
}
# What a person's own question is about, where the answer has a key: their disease word, a trigger.
TOPIC_KEYS = {"disease": "als", "trigger_link": "caffeine"}


def answer_step(answer_id: str, values: dict[str, Any] | None, key: str | None = None) -> Any:
    """The core's Step for the person's own question `answer_id`, asked before any interview
    (`values` None: the offer of a check follows) or at the offer after the result `values` give."""
    from muscle_twitch.core.answers import Answers
    from muscle_twitch.core.assessment import assess
    from muscle_twitch.core.interview import Evidence, Interview, Topic, answer_question
    from muscle_twitch.core.knowledge import load_knowledge

    knowledge = load_knowledge()
    answers = Answers(values or {})
    offer = knowledge.offers[assess(answers, knowledge).level.value] if values else ""
    interview = Interview(answers, None, 0, len(answers.values), -1, offer)
    topic = Topic(answer_id, TOPIC_KEYS.get(answer_id, "") if key is None else key)
    return answer_question(interview, Evidence(), topic, knowledge)


def _skill_views() -> dict[str, dict[str, Any]]:
    """The views the skill itself builds: every question's screen, each result's before and
    after the doctor's summary is agreed to, and the answer to every question of their own before
    any interview and at each result's offer (speech/views.py), in en-US and en-GB."""
    from muscle_twitch.core.answers import Answers
    from muscle_twitch.core.assessment import assess
    from muscle_twitch.core.interview import Ask, Interview, Step
    from muscle_twitch.core.knowledge import load_knowledge
    from muscle_twitch.core.outcome import build_outcome
    from muscle_twitch.core.topics import load_answers
    from muscle_twitch.speech import Voice

    knowledge = load_knowledge()
    found: dict[str, dict[str, Any]] = {}
    results = RESULTS
    for locale in ("en-US", "en-GB"):
        voice = Voice(knowledge, locale)
        for question in knowledge.questions:
            interview = Interview(Answers(), question.id, 0, 3)
            step = Step("ask", interview, assess(Answers(), knowledge), ask=Ask(question.id, "ask", 3, None))
            found[f"skill: {question.id} ({locale})"] = voice.screens.question(step)
        for name, values in results.items():
            answers = Answers(values)
            outcome = build_outcome(answers, assess(answers, knowledge), knowledge)
            for consented in (False, True):
                view = voice.screens.result(outcome, answers, consented=consented)
                found[f"skill: {name} result{' after yes' if consented else ''} ({locale})"] = view
        # An emergency result ends the session: there is no offer to ask a question at.
        contexts = {"before any interview": None, **{n: v for n, v in results.items() if n != "emergency"}}
        for answer_id in load_answers():
            for name, values in contexts.items():
                shown = voice.screens.for_step(answer_step(answer_id, values))
                assert shown is not None, (answer_id, name)
                found[f"skill: answer {answer_id}, {name} ({locale})"] = shown
    return found


VIEWS.update(_skill_views())
