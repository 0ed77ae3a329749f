"""The interview: how one turn's evidence folds into the answers, and what happens next.

Stateless like a symptom-checker API: evidence in, next question or result out. The state is an
`Interview` value the shell keeps in session attributes between turns. Which question comes next
is one small policy over the question table (data/questions.toml): the first question, in table
order, that is not answered and whose `ask_when` holds or may hold; optional questions only while
the question budget allows. Each turn runs the rules once (one Assessment), and both the choice of
the next question and the result read it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

from muscle_twitch.core.answers import MAX_ONSET_DAYS, Answers
from muscle_twitch.core.assessment import Assessment, assess
from muscle_twitch.core.conditions import Truth, evaluate, reads
from muscle_twitch.core.knowledge import REPLIES, Knowledge, Question
from muscle_twitch.core.levels import Level
from muscle_twitch.core.outcome import Outcome, build_outcome

# A duration under an hour describes one twitch; a longer one says how long it has been going on.
TWITCH_LENGTH_LIMIT_SECONDS = 3600
# Failed tries at the offer after the result before the skill says goodbye.
OFFER_RETRIES = 1
# No question allows more tries than this (questions.toml's `retries` is checked to 0-3).
MAX_TRIES = 3


class Heard(NamedTuple):
    """One value the person named, resolved to the cause table by the shell."""

    kind: str  # a term kind: body_area, symptom, medicine, ...
    id: str
    words: str | None = None  # how they said it ("left eyelid"), for echoes and the summary


class Topic(NamedTuple):
    """A question the person asked ("is it ALS?"): an answer id of answers.toml."""

    id: str
    key: str = ""  # the person's own word for a disease, or the trigger asked about


class Evidence(NamedTuple):
    """What one utterance carried."""

    terms: tuple[Heard, ...] = ()
    duration_seconds: float | None = None  # a duration, read by the question asked and its size
    twitch_seconds: float | None = None  # a duration said explicitly about one twitch
    onset_days: int | None = None  # days since a date the person named ("since Monday")
    reply: str | None = None  # "yes", "no" (or none of those), "unsure"
    implied: tuple[tuple[str, str], ...] = ()  # yes/no questions the words answered unasked
    subject: str | None = None  # "self", or "other" when a carer answers for someone else
    age: int | None = None  # the patient's age, when said
    confirm: tuple[str, ...] = ()  # questions to ask about words that may carry a red flag
    denied: tuple[str, ...] = ()  # symptoms the person said they do not have
    topics: tuple[Topic, ...] = ()  # the person's own questions
    meta: str | None = None  # help, why, repeat, start_over, stop: said inside an answer
    time_words: str | None = None  # the time as said ("a few days", "since the weekend"), to say back


class Interview(NamedTuple):
    answers: Answers = Answers()
    asking: str | None = None  # the question on the table
    tries: int = 0  # failed tries at that question
    asked: int = 0  # questions asked so far (a question asked again is not counted twice)
    cue: int = -1  # the progress cue said last (questions left), so it is not said twice in a row
    offer: str = ""  # after the result: the offer waiting for a yes or no

    @property
    def in_progress(self) -> bool:
        """A question or an offer is waiting for an answer."""
        return bool(self.asking or self.offer)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"answers": self.answers.to_dict(), "tries": self.tries, "asked": self.asked}
        if self.asking:
            data["asking"] = self.asking
        if self.cue >= 0:
            data["cue"] = self.cue
        if self.offer:
            data["offer"] = self.offer
        return data

    @classmethod
    def from_dict(cls, data: Any, knowledge: Knowledge) -> Interview:
        """Reads session attributes; each field is checked by type and range, and a tampered
        field is dropped while the rest is kept."""
        if not isinstance(data, Mapping):
            return cls()
        asking = data.get("asking")
        offer = data.get("offer")
        return cls(
            answers=Answers.from_dict(data.get("answers"), knowledge),
            asking=asking if knowledge.has_question(asking) else None,
            tries=_small_int(data.get("tries"), MAX_TRIES),
            asked=_small_int(data.get("asked"), len(knowledge.questions) * 2),
            cue=_small_int(data.get("cue"), 1, default=-1),
            offer=offer
            if isinstance(offer, str) and offer and offer in (*knowledge.offers.values(), CHECK_OFFER)
            else "",
        )


def _small_int(value: Any, limit: int, default: int = 0) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= limit:
        return value
    return default


class Ask(NamedTuple):
    question: str
    mode: str  # "ask", "clarify" ("yes" to a list question: which?), "rephrase", "examples"
    variant: int  # which wording to use, for variety
    remaining: int | None  # questions left after this one, when a progress cue is due


class Step(NamedTuple):
    """What one turn decided. `kind`: "ask", "result", "answer" (the person asked a question of
    their own; then the same question or offer follows, or, before any interview, the offer of a
    check), or, after the result, "offer_again", "offer_accepted", "offer_declined"."""

    kind: str
    interview: Interview
    assessment: Assessment
    heard: tuple[str, ...] = ()  # questions this turn answered, for implicit confirmation
    newly_unsure: tuple[str, ...] = ()  # questions that became "not sure" this turn
    moved_on: str | None = None  # the question given up on after repeated misses
    ask: Ask | None = None
    outcome: Outcome | None = None
    topic: Topic | None = None  # the person's own question, answered before what follows


# Before any interview, after answering a question of their own: "shall we do a short check?"
CHECK_OFFER = "check"


def start(knowledge: Knowledge, evidence: Evidence | None = None) -> Step:
    """A new interview, with whatever a one-shot request already said. A request that only asks a
    question ("is eyelid twitching serious?") is answered, then a short check is offered."""
    return advance(Interview(), evidence or Evidence(), knowledge)


def _carries_a_warning_sign(evidence: Evidence, knowledge: Knowledge) -> bool:
    """The words name a sign the safety check asks about, or words that may be one."""
    signs = {sign for q in knowledge.questions if q.part_of for sign in q.yes_adds}
    return bool(evidence.confirm) or any(h.kind == "symptom" and h.id in signs for h in evidence.terms)


def _asked_only(evidence: Evidence) -> bool:
    """The words asked a question and said nothing else the interview can use."""
    return bool(evidence.topics) and evidence._replace(topics=(), subject=None, age=None) == Evidence()


def _topic(evidence: Evidence, interview: Interview) -> Topic | None:
    if not evidence.topics:
        return None
    after_result = not interview.asking and interview.asked > 0
    return topic_in_context(evidence.topics[0], asking=bool(interview.asking), after_result=after_result)


def topic_in_context(topic: Topic, *, asking: bool, after_result: bool) -> Topic:
    """The answer a question asks for where it is asked: "why?" is "why do you ask?" at a question
    and "why that result?" after one; "why do I need a doctor?" asks why the result heard, or,
    before any result, when a doctor is needed."""
    if topic.id == "why":
        return Topic("why_ask") if asking else Topic("why_result")
    if topic.id == "why_advice":
        return Topic("why_result") if after_result else Topic("when_doctor")
    return topic


def advance(interview: Interview, evidence: Evidence, knowledge: Knowledge) -> Step:
    """Folds one turn's evidence in and decides what happens next."""
    if evidence.topics and _carries_a_warning_sign(evidence, knowledge):
        # "My face is drooping, is that bad?": a sign that may be an emergency is triaged first;
        # a general answer ("twitching is usually harmless") before it would be the wrong way round.
        evidence = evidence._replace(topics=())
    topic = _topic(evidence, interview)
    if topic is not None and _asked_only(evidence):
        return answer_question(interview, evidence, topic, knowledge)
    if topic is not None and interview.offer and interview.offer != CHECK_OFFER:
        # "Can coffee cause this?" after the result: answered, and the offer stays, unless the
        # words brought a new warning sign (then the new result).
        step = answer_offer(interview, evidence, knowledge)
        if step.kind == "result":
            return step
        return answer_question(interview, evidence._replace(terms=()), topic, knowledge)
    step = _advance(interview, evidence, knowledge)
    return step._replace(topic=topic) if topic else step


def answer_question(interview: Interview, evidence: Evidence, topic: Topic, knowledge: Knowledge) -> Step:
    """A question of their own, and nothing else: answered, then the same question or offer again,
    without counting a try. Before any interview, the answer ends with the offer of a check."""
    answers = interview.answers.with_facts(subject=evidence.subject, age=evidence.age)
    interview = interview._replace(answers=answers)
    assessment = assess(answers, knowledge)
    # What the answers so far point to (likely causes, tips), for answers that use them.
    outcome = build_outcome(answers, assessment, knowledge)
    if interview.asking:
        ask = Ask(interview.asking, "ask", interview.asked, None)
        return Step("answer", interview, assessment, ask=ask, outcome=outcome, topic=topic)
    if interview.offer:
        return Step("answer", interview, assessment, outcome=outcome, topic=topic)
    return Step("answer", interview._replace(offer=CHECK_OFFER), assessment, outcome=outcome, topic=topic)


def _advance(interview: Interview, evidence: Evidence, knowledge: Knowledge) -> Step:
    if interview.offer == CHECK_OFFER:
        if evidence.reply == "yes" or (evidence.reply is None and _carries_answers(evidence)):
            return advance(Interview(answers=interview.answers), evidence._replace(reply=None), knowledge)
        done = interview._replace(offer="")
        return Step("offer_declined", done, assess(interview.answers, knowledge))
    if interview.offer:
        return answer_offer(interview, evidence, knowledge)
    before = interview.answers
    asking = knowledge.question(interview.asking) if interview.asking else None
    answers = fold(before, evidence, asking, knowledge)
    if asking and evidence.reply in REPLIES:
        if _asks_which(asking, answers, evidence.reply) and interview.tries < asking.retries:
            # "Yes" to "anything else?": ask which. It counts as a try, so it can never loop.
            clarify = interview._replace(answers=answers, tries=interview.tries + 1)
            return Step(
                "ask", clarify, assess(answers, knowledge), ask=Ask(asking.id, "clarify", interview.asked, None)
            )
        answers = apply_reply(answers, asking, evidence.reply, knowledge)
    answers = _implied(answers, evidence, asking, knowledge)
    heard = _changed(before, answers, knowledge)
    assessment = assess(answers, knowledge)
    moved_on = None
    if assessment.level is not Level.EMERGENCY and asking and not answers.answered(asking.id) and not heard:
        if interview.tries < asking.retries:
            tries = interview.tries + 1
            mode = "rephrase" if tries == 1 and asking.retries > 1 else "examples"
            retry = interview._replace(answers=answers, tries=tries)
            return Step("ask", retry, assessment, ask=Ask(asking.id, mode, interview.asked, None))
        # Never loop: after the last try record "not sure" and move on. On a red-flag question
        # that keeps the result on the safe side, as "not sure" is never "no".
        answers = answers.with_unsure(asking.id)
        moved_on = asking.id
        assessment = assess(answers, knowledge)
    newly_unsure = tuple(q.id for q in knowledge.questions if q.id in answers.unsure and q.id not in before.unsure)
    upcoming = [] if assessment.level is Level.EMERGENCY else _upcoming(answers, assessment, interview, knowledge)
    if not upcoming:
        return _result(interview, answers, assessment, knowledge, heard, newly_unsure, moved_on)
    question = upcoming[0]
    same = question == interview.asking
    remaining = len(upcoming) - 1
    # A progress cue only when the count is sure: no follow-up may still join after these.
    sure = not _may_join(upcoming, answers, assessment, knowledge)
    cue = remaining if sure and remaining <= 1 and remaining != interview.cue and not same else None
    next_interview = Interview(
        answers,
        question,
        interview.tries if same else 0,
        interview.asked + (not same),
        interview.cue if cue is None else cue,
    )
    ask = Ask(question, "ask", next_interview.asked, cue)
    return Step("ask", next_interview, assessment, heard, newly_unsure, moved_on, ask)


def answer_offer(interview: Interview, evidence: Evidence, knowledge: Knowledge) -> Step:
    """After the result: the person's answer to the offer. A new warning sign still counts."""
    answers = _implied(fold(interview.answers, evidence, None, knowledge), evidence, None, knowledge)
    assessment = assess(answers, knowledge)
    outcome = build_outcome(answers, assessment, knowledge)
    # Only new facts can change the level; then it is compared with the result already given.
    if answers != interview.answers and assessment.level.rank > assess(interview.answers, knowledge).level.rank:
        heard = _changed(interview.answers, answers, knowledge)
        return _result(interview._replace(offer=""), answers, assessment, knowledge, heard, (), None)
    done = interview._replace(offer="", tries=0)
    if evidence.reply == "yes":
        return Step("offer_accepted", done, assessment, outcome=outcome)
    if evidence.reply == "no" or interview.tries >= OFFER_RETRIES:
        return Step("offer_declined", done, assessment, outcome=outcome)
    return Step("offer_again", interview._replace(tries=interview.tries + 1), assessment, outcome=outcome)


def _result(
    interview: Interview,
    answers: Answers,
    assessment: Assessment,
    knowledge: Knowledge,
    heard: tuple[str, ...],
    newly_unsure: tuple[str, ...],
    moved_on: str | None,
) -> Step:
    outcome = build_outcome(answers, assessment, knowledge)
    final = Interview(answers, None, 0, interview.asked, interview.cue, outcome.offer)
    return Step("result", final, assessment, heard, newly_unsure, moved_on, None, outcome)


def resumed(interview: Interview, knowledge: Knowledge) -> Interview:
    """A stored interview that knows answers but lost its question (a tampered session) carries
    on at the next question rather than starting again."""
    answers = interview.answers
    if interview.in_progress or not (answers.values or answers.unsure):
        return interview
    upcoming = _upcoming(answers, assess(answers, knowledge), interview, knowledge)
    return interview._replace(asking=upcoming[0]) if upcoming else interview


def current(interview: Interview, knowledge: Knowledge) -> Step:
    """What is on the table now, unchanged (for repeat, help and "why"): the question being
    asked, or the result waiting for an answer to its offer. A new interview when neither."""
    if not interview.in_progress:
        return start(knowledge)
    assessment = assess(interview.answers, knowledge)
    if interview.offer == CHECK_OFFER:  # the offer of a check: no result has been given
        return Step("answer", interview, assessment)
    if interview.offer:
        outcome = build_outcome(interview.answers, assessment, knowledge)
        return Step("result", interview, assessment, outcome=outcome)
    assert interview.asking is not None
    return Step("ask", interview, assessment, ask=Ask(interview.asking, "ask", interview.asked, None))


# ---------------------------------------------------------------- which question next


def _askable(question: Question, answers: Answers, assessment: Assessment, knowledge: Knowledge) -> bool:
    """Not answered, and its condition holds or may hold. "May" means a "not sure" to a yes/no,
    a time or a single answer ("did it come on suddenly?" when the start is not known); a list
    answered "not sure" names nothing for a follow-up to ask about, so it counts as naming none."""
    if answers.answered(question.id):
        return False
    truth, _ = evaluate(question.ask_when, answers, knowledge, assessment.level)
    if truth is Truth.MAYBE:
        lists = {q for q in answers.unsure if knowledge.question(q).answer == "terms"}
        if lists:
            named_none = answers.replaced(
                values={**answers.values, **{q: () for q in lists}}, unsure=answers.unsure - lists
            )
            truth, _ = evaluate(question.ask_when, named_none, knowledge, assessment.level)
    return truth >= Truth.MAYBE


def _optional(question: Question, answers: Answers, assessment: Assessment, knowledge: Knowledge) -> bool:
    if isinstance(question.optional, bool):
        return question.optional
    truth, _ = evaluate(question.optional, answers, knowledge, assessment.level)
    return truth >= Truth.MAYBE


def _upcoming(answers: Answers, assessment: Assessment, interview: Interview, knowledge: Knowledge) -> list[str]:
    """The questions still to ask as things stand, in order; optional ones while the budget
    allows (a question still on the table is already counted)."""
    asked = interview.asked - (1 if interview.asking and not answers.answered(interview.asking) else 0)
    askable = [q for q in knowledge.questions if _askable(q, answers, assessment, knowledge)]
    optional = {q.id for q in askable if _optional(q, answers, assessment, knowledge)}
    # The budget only ever drops an optional question, and only the room the needed ones leave is
    # filled with them, in table order; a follow-up an answer makes necessary ("a stomach bug" asks
    # about the lips) is asked even past it.
    room = knowledge.max_questions - asked - sum(q.id not in optional for q in askable)
    upcoming: list[str] = []
    for question in askable:
        if question.id in optional:
            if room <= 0:
                continue
            room -= 1
        upcoming.append(question.id)
    return upcoming


def _may_join(upcoming: list[str], answers: Answers, assessment: Assessment, knowledge: Knowledge) -> bool:
    """Whether a follow-up not counted yet could become askable through an upcoming answer."""
    coming = set(upcoming)
    for question in knowledge.questions:
        if question.id in coming or answers.answered(question.id):
            continue
        truth, _ = evaluate(question.ask_when, answers, knowledge, assessment.level)
        if truth is Truth.UNASKED and reads(question.ask_when, knowledge) & coming:
            return True
    return False


# ---------------------------------------------------------------- folding evidence in
def fold(answers: Answers, evidence: Evidence, asking: Question | None, knowledge: Knowledge) -> Answers:
    """Every fact the person mentioned fills its answer, whatever question was asked. When it
    started, once answered, changes only at its own question: a time said later ("I started it
    last week") is more often about something else."""
    onset = knowledge.question_for_kind["onset"]
    if answers.answered(onset) and not (asking is not None and asking.id == onset):
        evidence = evidence._replace(
            onset_days=None, terms=tuple(h for h in evidence.terms if h.kind != "onset"), time_words=None
        )
        if evidence.duration_seconds is not None and evidence.duration_seconds >= TWITCH_LENGTH_LIMIT_SECONDS:
            evidence = evidence._replace(duration_seconds=None)
    for heard in evidence.terms:
        term = knowledge.terms.get(heard.kind, {}).get(heard.id)
        if term is None:
            continue
        answers = _fold_term(answers, heard.kind, heard.id, heard.words, knowledge)
        also = term.extra.get("also")
        if also:
            other_kind, _, other_id = also.partition(":")
            answers = _fold_term(answers, other_kind, other_id, None, knowledge)
        for target, reply in dict(term.extra.get("implies", {})).items():
            if answers.value(target) is None:
                answers = answers.with_value(target, reply)
    seconds = evidence.duration_seconds
    if seconds is not None and math.isfinite(seconds) and seconds >= 0:
        about_one_twitch = (asking is not None and asking.kind == "twitch_length") or (
            (asking is None or asking.answer != "days") and seconds < TWITCH_LENGTH_LIMIT_SECONDS
        )
        if about_one_twitch:
            answers = _fold_twitch(answers, seconds, knowledge)
        else:
            answers = _fold_days(answers, seconds / 86400, evidence.time_words, knowledge)
    if evidence.twitch_seconds is not None and math.isfinite(evidence.twitch_seconds) and evidence.twitch_seconds >= 0:
        answers = _fold_twitch(answers, evidence.twitch_seconds, knowledge)
    if evidence.onset_days is not None and evidence.onset_days >= 0:
        answers = _fold_days(answers, evidence.onset_days, evidence.time_words, knowledge)
    return answers


def _fold_term(answers: Answers, kind: str, term_id: str, words: str | None, knowledge: Knowledge) -> Answers:
    question_id = knowledge.question_for_kind.get(kind)
    if question_id is None:
        return answers  # a kind no question takes (how a medicine changed): only its `implies` count
    question = knowledge.question(question_id)
    if question.answer == "days":
        return _fold_days(answers, knowledge.terms[kind][term_id].extra["days"], words, knowledge)
    return answers.with_terms(question_id, [(term_id, words)], single=question.answer == "term")


def _fold_days(answers: Answers, days: float, words: str | None, knowledge: Knowledge) -> Answers:
    question_id = knowledge.question_for_kind["onset"]
    whole = min(round(days), MAX_ONSET_DAYS)
    return answers.with_terms(question_id, [(whole, words)], single=True)


def _fold_twitch(answers: Answers, seconds: float, knowledge: Knowledge) -> Answers:
    """The twitch-length term whose range holds `seconds` (the longest one past all ranges)."""
    scale = sorted(knowledge.terms["twitch_length"].values(), key=lambda t: t.extra["max_seconds"])
    term = next((t for t in scale if seconds <= t.extra["max_seconds"]), scale[-1])
    return answers.with_terms(knowledge.question_for_kind["twitch_length"], [(term.id, None)], single=True)


def _carries_answers(evidence: Evidence) -> bool:
    return bool(evidence.terms or evidence.onset_days is not None or evidence.duration_seconds is not None)


def _implied(answers: Answers, evidence: Evidence, asking: Question | None, knowledge: Knowledge) -> Answers:
    """Yes/no questions the words answered without being asked ("it came on suddenly"), and the
    facts around them: who it is about, an age, the signs the words hinted at."""
    for question_id, reply in evidence.implied:
        if asking is not None and question_id == asking.id:
            continue  # the question on the table takes the reply itself
        if not knowledge.has_question(question_id) or answers.value(question_id) is not None:
            continue
        question = knowledge.question(question_id)
        if question.answer == "yes_no" and reply in REPLIES:
            answers = apply_reply(answers, question, reply, knowledge)
    confirm = [q for q in evidence.confirm if knowledge.has_question(q) and not answers.answered(q)]
    return answers.with_facts(flagged=confirm, subject=evidence.subject, age=evidence.age)


def _asks_which(question: Question, answers: Answers, reply: str) -> bool:
    return reply == "yes" and question.yes_asks_which and not answers.value(question.id)


def apply_reply(answers: Answers, question: Question, reply: str, knowledge: Knowledge) -> Answers:
    """A yes, no or "not sure" said to the question on the table."""
    if reply == "unsure":
        return answers.with_unsure(question.id)
    if question.answer == "yes_no":
        answers = answers.with_value(question.id, reply)
        if reply == "yes" and question.yes_adds:
            symptoms = knowledge.question_for_kind["symptom"]
            answers = answers.with_terms(symptoms, [(s, None) for s in question.yes_adds], single=False)
        parent = knowledge.question(question.part_of) if question.part_of else None
        if parent and parent.id in answers.unsure and all(answers.value(p) == "no" for p in parent.parts):
            answers = answers.replaced(values={**answers.values, parent.id: "no"}, unsure=answers.unsure - {parent.id})
        return answers
    if reply == "no" and question.no_is_none and not answers.value(question.id):
        return answers.with_value(question.id, ())
    return answers  # a yes or no that does not answer this question


def _changed(before: Answers, after: Answers, knowledge: Knowledge) -> tuple[str, ...]:
    return tuple(
        q.id
        for q in knowledge.questions
        if after.value(q.id) != before.value(q.id) or (q.id in after.unsure and q.id not in before.unsure)
    )
