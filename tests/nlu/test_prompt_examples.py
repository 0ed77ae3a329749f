"""Every example answer the skill's prompts suggest is understood by every locale's model, with the
meaning the prompt implies: a yes to a yes/no question when it says [yes], an answer of the
question's kind when it says [my eyelid] or [a few days ago] (issue 20). New prompts are covered by
construction: the examples are read from the prompt tables."""

import pytest

from tests.nlu.examples import Example, examples, problem
from tests.nlu.ids import LOCALES

EXAMPLES = examples()
CASES = [(e, locale) for e in EXAMPLES for locale in (LOCALES if e.locale == "en" else (e.locale,))]


def test_the_prompt_tables_suggest_examples_for_every_question_and_offer() -> None:
    asked = {e.question for e in EXAMPLES}
    assert {"emergency", "areas", "symptoms", "onset", "frequency", "medicines", "triggers", "offer"} <= asked


@pytest.mark.parametrize(("example", "locale"), CASES, ids=[f"{loc}-{e.key}-{e.text}" for e, loc in CASES])
def test_every_example_answer_is_understood_as_its_prompt_means_it(example: Example, locale: str) -> None:
    assert problem(example, locale) is None, problem(example, locale)


def test_a_misheard_example_is_reported() -> None:
    wrong = Example("en", "questions.areas.help", "areas", "the weather in paris")
    assert problem(wrong, "en-US") is not None
    assert problem(Example("en", "questions.emergency.reprompt", "emergency", "no"), "en-US") is None
    assert problem(Example("en", "offers.reminder.reprompt", "offer", "yes"), "en-US") is None
