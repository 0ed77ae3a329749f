"""Scores the natural-speech corpus: each line, in each locale it belongs to, is said while the
skill elicits the slot of the line's question (Dialog.ElicitSlot, as the skill asks every
question), turned by a recogniser into the request Alexa would send, and read by the skill's own
slot reading into evidence, compared with the line's annotated meaning. Three figures:

- exact: the simulator's recogniser, and only what Alexa's entity resolution matched
  (ER_SUCCESS_MATCH) counts: the floor, if the skill had no reader of its own;
- skill: the simulator's recogniser, and the skill's reader reads the slot's words, as the
  deployed skill does: the figure the gates hold;
- statistical: a statistical recogniser trained on the model alone (tests/nlu/statistical.py)
  instead of the simulator, then the skill's reader: an estimate of how Alexa's own learned
  recogniser would route the same lines.

A false red flag is a red-flag value heard (an emergency or same-day symptom, or a yes to a
safety question) in a line that carries none. `python -m tests.nlu.score` prints the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from muscle_twitch.core.answers import Answers
from muscle_twitch.core.interview import Evidence, apply_reply, fold, topic_in_context
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.language.reader import Context
from muscle_twitch.skill.slots import ANSWER_INTENT, REPLY_SLOT, SLOT_OF_KIND, evidence_from, resolved_evidence
from simulator import requests
from simulator.conversation import invoked_request, without_wake_word
from simulator.matcher import CapturedSlot, CapturedValue, IntentMatch, Matcher, Resolution
from simulator.model import load_model, model_path_for
from simulator.text import words
from tests.nlu.corpus import BATCH_DIRS, CORPUS_DIR, OWN_QUESTIONS, Utterance, load
from tests.nlu.ids import LOCALES, RED_FLAG_QUESTIONS, RED_FLAG_SYMPTOMS, SEROTONIN_SIGNS
from tests.nlu.split import held_out

MODES = ("exact", "skill", "statistical")
TODAY = dt.date(2024, 5, 8)
NOW = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)
# Meta requests and the intents that fulfil them (stop and cancel end the skill alike).
META_INTENTS = {
    "help": {"AMAZON.HelpIntent"},
    "why": {"WhyIntent"},
    "repeat": {"AMAZON.RepeatIntent"},
    "start_over": {"AMAZON.StartOverIntent"},
    "stop": {"AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"},
    "cancel": {"AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"},
    "fallback": {"AMAZON.FallbackIntent"},
}
ALL_META = frozenset(i for intents in META_INTENTS.values() for i in intents)
# Evidence kinds as the corpus names them.
LIST_KEYS = {"areas": "body_area", "symptoms": "symptom", "triggers": "trigger", "medicines": "medicine"}
ONE_KEYS = {"frequency": "frequency", "twitch_length": "twitch_length"}


@dataclass(frozen=True)
class Heard:
    intent: str
    evidence: Evidence
    question: str = ""  # the question being answered: the skill reads a duration by it

    def ids(self, kind: str) -> set[str]:
        return {h.id for h in self.evidence.terms if h.kind == kind}

    def _folded(self) -> Answers:
        """The answers the skill's own folding makes of this evidence at this question ("two
        hours" is how long one twitch lasts when that is the question, else how long ago)."""
        knowledge = load_knowledge()
        asking = knowledge.question(self.question) if knowledge.has_question(self.question) else None
        return fold(Answers(), self.evidence, asking, knowledge)

    def onset_days(self) -> int | None:
        days = self._folded().value("onset")
        return int(days) if days is not None else None

    def twitch_length(self) -> str | None:
        value = self._folded().value("twitch_length")
        return str(value) if value is not None else None

    def one(self, kind: str) -> str | None:
        """The one answer the skill records for a single-answer kind ("loads, like constantly":
        the last said), as its folding keeps it."""
        knowledge = load_knowledge()
        value = self._folded().value(knowledge.question_for_kind[kind])
        return str(value) if value is not None else None

    def medicine_new(self) -> bool:
        knowledge = load_knowledge()
        if dict(self.evidence.implied).get("medicine_new") == "yes":
            return True
        for h in self.evidence.terms:
            implies = knowledge.terms.get(h.kind, {}).get(h.id)
            if implies and dict(implies.extra.get("implies", {})).get("medicine_new") == "yes":
                return True
        return False


@cache
def _matcher(locale: str) -> Matcher:
    return Matcher(load_model(model_path_for(locale)))


_IDENTITY = requests.Identity("amzn1.ask.skill.nlu", "amzn1.ask.account.NLU", "amzn1.ask.device.NLU")
# The SDK's serializer, as the skill's entry reads a request (skill/entry.py).
_SERIALIZER = DefaultSerializer()


def elicited(question: str) -> str:
    """The slot of AnswerIntent the skill elicits at `question` (skill/slots.elicited_slot); a
    request said at any question, or the offer after a result, is heard at the reply slot."""
    knowledge = load_knowledge()
    kind = knowledge.question(question).kind if knowledge.has_question(question) else None
    return SLOT_OF_KIND.get(kind or "", REPLY_SLOT)


# Where a person's own question (questions.toml) is said: the question on the table then. Mid-
# interview it is the question on where it twitches; at launch and after a result nothing is asked.
CONTEXT_QUESTION = {"interview": "areas", "launch": "", "result": ""}


def _simulated(text: str, locale: str, question: str) -> IntentMatch:
    matcher = _matcher(locale)
    if not question:  # nothing elicited: Alexa matches the line against the whole model
        match = matcher.match(text, TODAY)
    else:
        match = matcher.match_elicited(text, TODAY, intent=ANSWER_INTENT, slot=elicited(question))
    assert match is not None
    return match


@cache
def _recogniser(locale: str) -> Any:
    from tests.nlu.statistical import Recogniser  # scikit-learn only for this figure

    return Recogniser.train(json.loads(model_path_for(locale).read_text("utf-8")))


def _predicted(text: str, locale: str, question: str) -> IntentMatch:
    """The statistical recogniser's reading as the simulator's match, so both make one request."""
    recogniser = _recogniser(locale)
    prediction = recogniser.predict(text, elicited_slot=elicited(question) if question else None)
    intent = _matcher(locale).model.intent(prediction.intent)
    types = {slot.name: slot.type for slot in intent.slots} if intent else {}
    slots = []
    for name, spans in prediction.slots.items():
        ids = prediction.resolved.get(name, [])
        values = []
        for i, said_words in enumerate(spans):
            value_id = ids[i] if i < len(ids) else None
            custom = not types.get(name, "").startswith("AMAZON.")
            matches = ((Resolution(value_id, value_id),) if value_id else ()) if custom else None
            values.append(CapturedValue(said_words, matches))
        if values:
            slots.append(CapturedSlot(name, tuple(values[:1]), False))
    return IntentMatch(prediction.intent, tuple(slots), None)


# The intent whose handler answers a request the reader found inside an answer ("why do you ask?"):
# the skill sends it to the same handler (skill/handlers/answer.py).
_META_HANDLER = {meta: sorted(intents)[0] for meta, intents in META_INTENTS.items()}


def hear(text: str, locale: str, *, mode: str = "skill", question: str = "") -> Heard:
    """What the skill would get from `text` said in `locale` in answer to `question`, with the
    recogniser and reading of `mode` (one of MODES)."""
    matcher = _matcher(locale)
    # Alexa strips the wake word, and "ask muscle twitch guide if ..." is a one-shot: a new
    # session, nothing elicited, the rest of the line matched against the whole model.
    said, _ = without_wake_word(words(text))
    rest = invoked_request(said, words(matcher.model.invocation_name).keys)
    if rest:
        said, question = rest, ""
    text = said.text()
    match = _predicted(text, locale, question) if mode == "statistical" else _simulated(text, locale, question)
    request = requests.intent_request(match, matcher.model.intent(match.intent), _IDENTITY.skill_id)
    session = requests.SessionInfo("amzn1.echo-api.session.nlu", False, {})
    event = requests.envelope(_IDENTITY, session, request, locale, NOW)
    envelope = _SERIALIZER.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
    slots = getattr(envelope.request.intent, "slots", None)
    knowledge = load_knowledge()
    if mode == "exact":
        evidence = resolved_evidence(match.intent, slots, knowledge)
    else:
        asking = knowledge.question(question) if knowledge.has_question(question) else None
        evidence = evidence_from(match.intent, slots, knowledge, TODAY, locale=locale, context=Context(asking=asking))
    intent = _META_HANDLER[evidence.meta] if evidence.meta else match.intent
    return Heard(intent, evidence, question)


@dataclass
class Verdict:
    utterance: Utterance
    locale: str
    heard: Heard
    problems: list[str] = field(default_factory=list)
    false_red_flag: bool = False
    missed_red_flag: bool = False  # the line states an emergency sign and the skill did not hear it

    @property
    def correct(self) -> bool:
        return not self.problems


def answer_to(question: str, evidence: Evidence) -> Any:
    """What the skill records for `question` when this evidence answers it: its value, or
    "unsure" (the skill's own folding, so "they upped my dose" is a yes to "new or changed?")."""
    knowledge = load_knowledge()
    if not knowledge.has_question(question):
        return evidence.reply
    asking = knowledge.question(question)
    answers = fold(Answers(), evidence, asking, knowledge)
    if evidence.reply:
        answers = apply_reply(answers, asking, evidence.reply, knowledge)
    return "unsure" if question in answers.unsure else answers.value(question)


def judge(utterance: Utterance, locale: str, heard: Heard, annotated: frozenset[str] = frozenset()) -> Verdict:
    """The verdict on one line. `annotated` names the keys its corpus annotates wherever they
    apply ("person", "topic"): a corpus written before them is not held to them."""
    expect = utterance.expect
    verdict = Verdict(utterance, locale, heard)
    problems = verdict.problems
    evidence = heard.evidence
    meta = expect.get("meta")
    if meta:
        if meta == "fallback":
            if heard.intent in ALL_META - META_INTENTS["fallback"] or evidence.terms or evidence.reply:
                problems.append(f"intent {heard.intent} instead of not understood")
        elif heard.intent not in META_INTENTS[str(meta)]:
            problems.append(f"intent {heard.intent} instead of {meta}")
    elif heard.intent in ALL_META - META_INTENTS["fallback"] and not _why_of_a_result(utterance, heard):
        problems.append(f"heard the request {heard.intent}")
    reply = expect.get("reply")
    # The sign a yes/no question asks about ("trouble breathing?"): the corpus leaves it out of a
    # yes ("i can't catch my breath" is reply = "yes" only), and the skill records it for a yes.
    own_signs = _own_signs(utterance.question)
    said_own_sign = bool(own_signs) and own_signs <= heard.ids("symptom")
    # "no thanks bye" is a no and a goodbye: stopping the skill leaves nothing to reply to.
    ends_the_skill = meta in ("stop", "cancel") and heard.intent in META_INTENTS["stop"]
    if reply is not None and not ends_the_skill:
        answered = answer_to(utterance.question, evidence)
        wanted = {"no": ("no", ()), "yes": ("yes",), "unsure": ("unsure",)}[str(reply)]
        # Naming the sign asked about is a yes too: the skill records that sign.
        named_sign = reply == "yes" and (
            said_own_sign or ("symptoms" in expect and heard.ids("symptom") >= set(expect["symptoms"]))  # type: ignore[arg-type]
        )
        # At an open question, "yes, loads more coffee" is answered by the coffee: a yes that the
        # model's carrier ("yes {triggers}") keeps back records nothing the terms do not.
        named_terms = reply == "yes" and bool(_terms_of_the_question(utterance.question, heard))
        if answered not in wanted and evidence.reply != reply and not named_sign and not named_terms:
            problems.append(f"reply {evidence.reply} instead of {reply}")
    for key, kind in LIST_KEYS.items():
        if key == "areas" and utterance.question == OWN_QUESTIONS:
            continue  # WRITERS_BRIEF.md: a question is annotated with its topic and any sign, never a place
        wanted = set(expect.get(key, ()))  # type: ignore[arg-type]
        got = heard.ids(kind)
        if kind == "symptom" and reply == "yes":
            asked = own_signs | _asked_signs(utterance.question)
            got, wanted = got - asked, wanted - asked
        if kind == "symptom":
            got -= _restated(got | (own_signs if reply == "yes" else set()), wanted)
        if got != wanted:
            problems.append(f"{key} {sorted(got)} instead of {sorted(wanted)}")
    for key, kind in ONE_KEYS.items():
        got_one = heard.one(kind)
        if got_one != expect.get(key):
            problems.append(f"{key} {got_one} instead of {expect.get(key)}")
    days = heard.onset_days()
    if "onset_days" in expect:
        low, high = expect["onset_days"]  # type: ignore[misc]
        if days is None or not low <= days <= high:
            problems.append(f"onset {days} days instead of {low}-{high}")
    elif days is not None:
        problems.append(f"an unsaid onset of {days} days")
    # On the "is it new or changed?" question itself, "they upped my dose" is the yes, not an extra.
    new_is_the_answer = utterance.question == "medicine_new" and reply == "yes"
    said_new = expect.get("medicine_new") == "yes"
    if said_new != heard.medicine_new() and not new_is_the_answer:
        problems.append("new or changed medicine " + ("missed" if said_new else "heard, not said"))
    if "topic" in annotated:
        problems += _topic_problems(utterance, heard)
    said_other = expect.get("person") == "other"
    if "person" in annotated and said_other != (evidence.subject == "other"):
        problems.append("someone else " + ("missed" if said_other else "heard, not said"))
    verdict.false_red_flag = _false_red_flag(utterance, heard)
    verdict.missed_red_flag = utterance.red_flag and _red_flag_unheard(utterance, heard)
    return verdict


def _topic_problems(utterance: Utterance, heard: Heard) -> list[str]:
    """The person's own question: the topic the skill answers, with the disease in their words or
    the trigger they asked about. Right after a result "why?" asks why that result."""
    expect = utterance.expect
    topic = heard.evidence.topics[0] if heard.evidence.topics else None
    got = topic.id if topic else None
    if utterance.context == "result" and heard.intent in META_INTENTS["why"]:
        got = "why_result"
    elif topic is not None:
        # As the interview takes it: "why?" after a result asks why that result.
        # An offer is made right after the result: a question there is asked after it.
        after_result = utterance.context == "result" or utterance.question == "offer"
        got = topic_in_context(topic, asking=not after_result, after_result=after_result).id
        got = "why" if got == "why_ask" else got
    wanted = expect.get("topic")
    if wanted is None:
        # "Why do you ask?" mid-question is a request (meta), not a topic of its own.
        return [f"answered a question not asked: {got}"] if got and got != "why" else []
    if got != wanted:
        return [f"topic {got} instead of {wanted}"]
    if "disease" in expect and _bare(topic.key if topic else "") != _bare(str(expect["disease"])):
        return [f"disease {topic.key if topic else ''!r} instead of {expect['disease']!r}"]
    if "trigger" in expect and (topic.key if topic else "") != expect["trigger"]:
        return [f"trigger {topic.key if topic else ''!r} instead of {expect['trigger']!r}"]
    return []


def _bare(words: str) -> str:
    return " ".join(w for w in words.split() if w not in ("a", "an", "the"))


# A red-flag sign and the milder words a person uses for it in the same breath ("my arm's gone
# dead and i can't grip anything" is one sudden weakness; "my mouth feels fizzy and numb" one
# numb mouth). The corpus names the sign once; hearing the milder word beside it adds nothing.
SAME_SIGN = {"sudden_weakness": {"weakness", "numbness"}, "mouth_numbness": {"numbness"}}


def _restated(heard: set[str], wanted: set[str]) -> set[str]:
    """Milder symptoms heard beside the red-flag sign they restate, when that sign was heard."""
    return {mild for sign in heard & SAME_SIGN.keys() for mild in SAME_SIGN[sign]} - wanted


def _terms_of_the_question(question: str, heard: Heard) -> set[str]:
    """What was heard of the kind an open question asks for (triggers at "anything changed?")."""
    knowledge = load_knowledge()
    if not knowledge.has_question(question):
        return set()
    asking = knowledge.question(question)
    return heard.ids(asking.kind) if asking.answer == "terms" and asking.kind else set()


def _why_of_a_result(utterance: Utterance, heard: Heard) -> bool:
    """ "Why?" right after a result asks why that result: the skill's WhyIntent answers it."""
    return (
        utterance.context == "result"
        and heard.intent in META_INTENTS["why"]
        and utterance.expect.get("topic") == "why_result"
    )


# The questions whose yes the corpus annotates with the sign named (WRITERS_BRIEF.md: "emergency and
# medicine_signs also name the sign given"); elsewhere a sign the question asks about is the yes.
SIGNS_NAMED_WITH_YES = frozenset({"emergency", "medicine_signs"})


def _asked_signs(question: str) -> set[str]:
    """The signs a yes/no question asks about ("is the eye red, swollen or sticky?"), which the
    corpus leaves out of a yes as adding nothing beyond the question."""
    knowledge = load_knowledge()
    if question in SIGNS_NAMED_WITH_YES or not knowledge.has_question(question):
        return set()
    return set(knowledge.question(question).no_denies)


def _own_signs(question: str) -> set[str]:
    knowledge = load_knowledge()
    return set(knowledge.question(question).yes_adds) if knowledge.has_question(question) else set()


def _red_flag_unheard(utterance: Utterance, heard: Heard) -> bool:
    """Whether the emergency sign the line states is missing from what the skill heard: a red-flag
    symptom not heard, or a yes to a safety question not taken as yes (nor the sign it asks about
    named). Another word heard beside it is a slot miss, not a missed red flag."""
    said = set(utterance.expect.get("symptoms", ()))  # type: ignore[arg-type]
    own = _own_signs(utterance.question)
    answered = answer_to(utterance.question, heard.evidence)
    said_yes = answered == "yes" or (bool(own) and own <= heard.ids("symptom"))
    after_new_medicine = utterance.question in {"medicine_signs", "medicine_new"} or "medicine_new" in utterance.expect
    signs = said & (RED_FLAG_SYMPTOMS | (SEROTONIN_SIGNS if after_new_medicine else frozenset()))
    # A yes records the sign its question adds ("any tingling round your lips?"): that sign is heard.
    unheard = signs - heard.ids("symptom") - (own if said_yes else set())
    if unheard and not (said_yes and utterance.question in RED_FLAG_QUESTIONS):
        return True
    # The emergency sign itself heard is the yes ("my lips have gone all tingly", to "right now, any...?").
    named = bool(signs) and signs <= heard.ids("symptom")
    return (
        utterance.question in RED_FLAG_QUESTIONS and utterance.expect.get("reply") == "yes" and not (said_yes or named)
    )


def _false_red_flag(utterance: Utterance, heard: Heard) -> bool:
    if utterance.red_flag:
        return False
    said = set(utterance.expect.get("symptoms", ()))  # type: ignore[arg-type]
    if (heard.ids("symptom") & RED_FLAG_SYMPTOMS) - said:
        return True
    return utterance.question in RED_FLAG_QUESTIONS and heard.evidence.reply == "yes"


@dataclass
class Report:
    verdicts: list[Verdict]

    def accuracy(self, verdicts: list[Verdict] | None = None) -> float:
        chosen = self.verdicts if verdicts is None else verdicts
        return sum(v.correct for v in chosen) / len(chosen) if chosen else 1.0

    def by(self, key: str) -> dict[str, list[Verdict]]:
        groups: dict[str, list[Verdict]] = defaultdict(list)
        for v in self.verdicts:
            groups[v.locale if key == "locale" else v.utterance.question].append(v)
        return dict(groups)

    @property
    def false_red_flags(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.false_red_flag]

    @property
    def missed_red_flags(self) -> list[Verdict]:
        """Red-flag lines whose sign was not heard as said (asked again, "not sure", or no)."""
        return [v for v in self.verdicts if v.missed_red_flag]

    @property
    def denied_red_flags(self) -> list[Verdict]:
        """The dangerous misses: a red-flag line the skill took as a no (or none)."""
        return [v for v in self.missed_red_flags if answer_to(v.utterance.question, v.heard.evidence) in ("no", ())]

    def intent_accuracy(self, verdicts: list[Verdict]) -> float:
        intent_problems = ("intent ", "heard the request", "reply ")
        ok = [v for v in verdicts if not any(p.startswith(intent_problems) for p in v.problems)]
        return len(ok) / len(verdicts) if verdicts else 1.0

    def slot_accuracy(self, verdicts: list[Verdict]) -> float:
        slot_problems = (
            "areas",
            "symptoms",
            "triggers",
            "medicines",
            "frequency",
            "twitch_length",
            "onset",
            "an unsaid",
            "new or",
        )
        with_slots = [v for v in verdicts if set(v.utterance.expect) - {"reply", "meta"}]
        ok = [v for v in with_slots if not any(p.startswith(slot_problems) for p in v.problems)]
        return len(ok) / len(with_slots) if with_slots else 1.0


def score(
    *, mode: str = "skill", part: str = "all", locales: tuple[str, ...] = LOCALES, directory: Path = CORPUS_DIR
) -> Report:
    """Every line in every locale it belongs to; `part` "dev" or "holdout" scores only that part
    of the corpus (tests/nlu/split.py); `directory` one of corpus.BATCH_DIRS."""
    verdicts = []
    utterances = load(directory)
    annotated = frozenset(key for key in ("person", "topic") if any(key in u.expect for u in utterances))
    for utterance in utterances:
        if part != "all" and held_out(utterance) != (part == "holdout"):
            continue
        for locale in utterance.locales or LOCALES:
            if locale in locales:
                question = CONTEXT_QUESTION[utterance.context] if utterance.context else utterance.question
                heard = hear(utterance.text, locale, mode=mode, question=question)
                verdicts.append(judge(utterance, locale, heard, annotated))
    return Report(verdicts)


def render(report: Report, *, misses: bool = True) -> str:
    lines = [f"{'question':<16} {'lines':>6} {'intent':>7} {'slots':>7} {'correct':>8}"]
    for question, verdicts in sorted(report.by("question").items()):
        lines.append(
            f"{question:<16} {len(verdicts):>6} {report.intent_accuracy(verdicts):>7.1%} "
            f"{report.slot_accuracy(verdicts):>7.1%} {report.accuracy(verdicts):>8.1%}"
        )
    lines.append("")
    for locale, verdicts in sorted(report.by("locale").items()):
        lines.append(f"{locale:<16} {len(verdicts):>6} {report.accuracy(verdicts):>24.1%}")
    lines += [
        "",
        f"overall {report.accuracy():.1%} of {len(report.verdicts)}",
        f"false red flags: {len(report.false_red_flags)}",
    ]
    lines.append(f"red-flag lines missed: {len(report.missed_red_flags)} (taken as no: {len(report.denied_red_flags)})")
    if misses:
        lines.append("")
        seen: Counter[str] = Counter()
        for v in report.verdicts:
            if v.correct and not v.false_red_flag:
                continue
            key = f"{v.utterance.question}: {v.utterance.text}"
            seen[key] += 1
            if seen[key] > 1:
                continue
            flag = " FALSE RED FLAG" if v.false_red_flag else " MISSED RED FLAG" if v.missed_red_flag else ""
            lines.append(f"  [{v.locale}] {key} -> {v.heard.intent}: {'; '.join(v.problems)}{flag}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Scores the natural-speech corpus (make nlu).")
    parser.add_argument("--quiet", action="store_true", help="figures only, no misses")
    parser.add_argument("--part", choices=("all", "dev", "holdout"), default="all", help="which part of the corpus")
    parser.add_argument("--locale", action="append", choices=LOCALES, help="only this locale (repeatable)")
    parser.add_argument(
        "--mode", action="append", choices=MODES, help="only this figure (repeatable; default: all three)"
    )
    parser.add_argument(
        "--batch",
        choices=sorted(BATCH_DIRS),
        default="main",
        help="which corpus: tests/nlu/corpus (main) or a later batch (tests/nlu/README.md)",
    )
    args = parser.parse_args(argv)
    locales = tuple(args.locale or LOCALES)
    directory = BATCH_DIRS[args.batch]
    modes = args.mode or list(MODES)
    titles = {
        "exact": "Exact (only values Alexa's entity resolution matched, no reader)",
        "skill": "Skill (the simulator's recogniser, then the skill's reader: the gated figure)",
        "statistical": "Statistical (a learned recogniser trained on the model, then the skill's reader)",
    }
    summary = []
    for mode in modes:
        report = score(mode=mode, part=args.part, locales=locales, directory=directory)
        print(f"{titles[mode]}:")
        # The held-out fifth is a figure, never a list of misses to tune against; the misses
        # listed are the gated figure's.
        print(render(report, misses=mode == "skill" and not args.quiet and args.part != "holdout"))
        print()
        summary.append(
            f"{mode:<12} {report.accuracy():>6.1%}  false red flags {len(report.false_red_flags):>3}"
            f"  red-flag lines missed {len(report.missed_red_flags):>3} (taken as no {len(report.denied_red_flags)})"
        )
    print(f"{args.batch} ({len(locales)} locales):")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
