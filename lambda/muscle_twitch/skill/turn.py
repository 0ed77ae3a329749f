"""One request's view of the conversation: the interview in session attributes, the locale's
voice, and how a Reply becomes an ASK Response. Handlers go through this and nothing else."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from muscle_twitch.core.interview import Evidence, Interview, Step, current, start
from muscle_twitch.core.knowledge import Knowledge, load_knowledge
from muscle_twitch.language.context import Context
from muscle_twitch.skill import profile
from muscle_twitch.skill.slots import ANSWER_INTENT, elicited_slot
from muscle_twitch.skill.ssml import ssml_text, xml_safe
from muscle_twitch.speech import Reply, Voice

INTERVIEW_KEY = "interview"


def clean_session_attributes(
    attributes: Any, knowledge: Knowledge, interview: Interview | None = None
) -> dict[str, Any]:
    """Only the key this skill writes, re-validated: whatever a client or an attacker put in the
    session is dropped instead of being echoed back (Alexa caps responses at 24 KB).
    `interview`: the stored interview, when the caller has already read it."""
    if not isinstance(attributes, dict) or INTERVIEW_KEY not in attributes:
        return {}
    interview = interview or Interview.from_dict(attributes[INTERVIEW_KEY], knowledge)
    return {INTERVIEW_KEY: interview.to_dict()}


def session_attributes(handler_input: HandlerInput) -> dict[str, Any]:
    """Session attributes, or an empty dict for a request without a session."""
    try:
        attributes = handler_input.attributes_manager.session_attributes
    except Exception:  # the SDK raises for out-of-session requests
        return {}
    return attributes if isinstance(attributes, dict) else {}


def _locale(handler_input: HandlerInput) -> str | None:
    locale = getattr(handler_input.request_envelope.request, "locale", None)
    return locale if isinstance(locale, str) else None


class Turn:
    """One request: its handler input, the tables, the locale's voice and the stored interview."""

    __slots__ = ("handler_input", "interview", "knowledge", "voice")

    def __init__(self, handler_input: HandlerInput, knowledge: Knowledge, voice: Voice, interview: Interview) -> None:
        self.handler_input = handler_input
        self.knowledge = knowledge
        self.voice = voice
        self.interview = interview

    @classmethod
    def of(cls, handler_input: HandlerInput) -> Turn:
        knowledge = load_knowledge()
        interview = handler_input.attributes_manager.request_attributes.get(INTERVIEW_KEY)
        if not isinstance(interview, Interview):  # not read yet by SessionAttributesGuard
            interview = Interview.from_dict(session_attributes(handler_input).get(INTERVIEW_KEY), knowledge)
        voice = Voice(knowledge, _locale(handler_input))
        voice.prompts.about(interview.answers.subject)
        return cls(handler_input, knowledge, voice, interview)

    @property
    def in_progress(self) -> bool:
        return self.interview.in_progress

    def today(self) -> dt.date:
        return profile.request_day(self.handler_input)

    @property
    def locale(self) -> str | None:
        return _locale(self.handler_input)

    def reading_context(self) -> Context:
        """What the reader needs: the question on the table and who it is about."""
        interview = self.interview
        asking = self.knowledge.question(interview.asking) if interview.asking else None
        answers = interview.answers
        subject = answers.subject or ("self" if answers.values else None)
        # Ids given earlier ("serotonergic"), so "I started it last week" can be about them.
        known = frozenset(
            v for value in answers.values.values() for v in (value if isinstance(value, list | tuple) else [value])
        )
        known = frozenset(v for v in known if isinstance(v, str))
        return Context(asking=asking, subject=subject, today=self.today(), known=known)

    def welcome_lead(self) -> str:
        """The spoken introduction and disclaimer: in full the first time, short for returning users."""
        seen = profile.load_profile(self.handler_input)
        profile.remember_visit(self.handler_input, seen)
        return self.voice.welcome(returning=seen.heard_intro)

    def opening(self, evidence: Evidence | None = None, *, lead: str | None = None) -> Response:
        """A new interview, led by the welcome (or `lead`), with anything a one-shot request said."""
        step = start(self.knowledge, evidence)
        return self.step_reply(step, lead=self.welcome_lead() if lead is None else lead)

    def on_the_table(self) -> tuple[Step, str]:
        """What is being asked, for help, why and repeat: the stored interview's question or
        offer, or, when this request opens the session, a new interview led by the welcome."""
        if self.in_progress:
            return current(self.interview, self.knowledge), ""
        return start(self.knowledge), self.welcome_lead()

    def step_reply(self, step: Step, lead: str = "") -> Response:
        if step.kind == "offer_accepted" and step.outcome is not None and step.outcome.offer == "reminder":
            from muscle_twitch.skill.check_ins import set_check_in

            return set_check_in(self.handler_input, step.outcome.watch_days)
        return self.respond(self.voice.step(step, lead=lead), step.interview, step)

    def respond(self, reply: Reply, interview: Interview | None = None, step: Step | None = None) -> Response:
        """Stores the interview (session only) and builds the Response; on a device with a
        screen, `step` is also shown."""
        attributes = {INTERVIEW_KEY: (interview or self.interview).to_dict()}
        with contextlib.suppress(Exception):  # no session to write to; the reply still goes out
            self.handler_input.attributes_manager.session_attributes = attributes
        response = build_response(self.handler_input, reply)
        interview = interview or self.interview
        if reply.reprompt and not reply.end_session:
            # Every question is asked through the dialog model, so Alexa passes the whole answer.
            slot = elicited_slot(interview, self.knowledge)
            self.handler_input.response_builder.add_directive(elicit_directive(slot))
        if step is not None and has_screen(self.handler_input):
            view = self.voice.screens.for_step(step, consented=step.kind == "offer_accepted")
            if view is not None:
                self.handler_input.response_builder.add_directive(screen_directive(self.handler_input, view))
        return response


def elicit_directive(slot: str) -> Any:
    """Dialog.ElicitSlot for one slot of AnswerIntent (the skill speaks the question itself)."""
    from ask_sdk_model import Intent, IntentConfirmationStatus
    from ask_sdk_model.dialog import ElicitSlotDirective

    intent = Intent(name=ANSWER_INTENT, slots={}, confirmation_status=IntentConfirmationStatus.NONE)
    return ElicitSlotDirective(updated_intent=intent, slot_to_elicit=slot)


def has_screen(handler_input: HandlerInput) -> bool:
    """Only a device whose request lists Alexa.Presentation.APL gets screens."""
    try:
        device = handler_input.request_envelope.context.system.device
        return device.supported_interfaces.alexa_presentation_apl is not None
    except AttributeError:
        return False


def screen_directive(handler_input: HandlerInput, view: dict[str, Any]) -> Any:
    """The RenderDocument directive for `view` (the APL model is loaded only for screens)."""
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    from muscle_twitch import screens

    viewport = getattr(handler_input.request_envelope.context, "viewport", None)
    touch = getattr(viewport, "touch", None) if viewport is not None else None
    directive = screens.render_directive(view, None if viewport is None else {"touch": touch or []})
    return RenderDocumentDirective(
        token=directive["token"], document=directive["document"], datasources=directive["datasources"]
    )


def build_response(handler_input: HandlerInput, reply: Reply) -> Response:
    builder = handler_input.response_builder
    builder.speak(ssml_text(reply.speech))
    if reply.reprompt and not reply.end_session:
        builder.ask(ssml_text(reply.reprompt))
    if reply.card:
        builder.set_card(SimpleCard(title=xml_safe(reply.card.title), content=xml_safe(reply.card.text)))
    builder.set_should_end_session(reply.end_session)
    return builder.response
