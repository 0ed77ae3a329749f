"""One request's view of the conversation: the interview in session attributes, the locale's
speaker, and how a Reply becomes an ASK Response. Handlers go through this and nothing else."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from muscle_twitch.core.interview import Interview, Step
from muscle_twitch.core.knowledge import Knowledge, load_knowledge
from muscle_twitch.core.levels import Level
from muscle_twitch.skill import profile
from muscle_twitch.speech import Reply, Speaker

INTERVIEW_KEY = "interview"
LAST_REPLY_KEY = "last_reply"
OUTCOME_KEY = "outcome"  # the result level, set when the interview ends (session only)
# Our own replies are far shorter; anything longer in last_reply did not come from us.
MAX_REPLY_CHARS = 2000


def clean_session_attributes(
    attributes: Any, knowledge: Knowledge, interview: Interview | None = None
) -> dict[str, Any]:
    """Only the keys this skill writes, each re-validated: whatever a client or an attacker
    put in the session is dropped instead of being echoed back (Alexa caps responses at 24 KB).
    `interview`: the stored interview, when the caller has already read it."""
    if not isinstance(attributes, dict):
        return {}
    clean: dict[str, Any] = {}
    if INTERVIEW_KEY in attributes:
        interview = interview or Interview.from_dict(attributes[INTERVIEW_KEY], knowledge)
        clean[INTERVIEW_KEY] = interview.to_dict()
    last = attributes.get(LAST_REPLY_KEY)
    if isinstance(last, dict) and all(
        isinstance(last.get(key), str) and len(last[key]) <= MAX_REPLY_CHARS for key in ("speech", "reprompt")
    ):
        clean[LAST_REPLY_KEY] = {"speech": last["speech"], "reprompt": last["reprompt"]}
    if attributes.get(OUTCOME_KEY) in {level.value for level in Level}:
        clean[OUTCOME_KEY] = attributes[OUTCOME_KEY]
    return clean


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


@dataclass
class Turn:
    handler_input: HandlerInput
    knowledge: Knowledge
    speaker: Speaker
    interview: Interview
    in_progress: bool  # the session already holds an interview

    @classmethod
    def of(cls, handler_input: HandlerInput) -> Turn:
        knowledge = load_knowledge()
        interview = handler_input.attributes_manager.request_attributes.get(INTERVIEW_KEY)
        if not isinstance(interview, Interview):  # not read yet by SessionAttributesGuard
            interview = Interview.from_dict(session_attributes(handler_input).get(INTERVIEW_KEY), knowledge)
        return cls(
            handler_input,
            knowledge,
            Speaker(knowledge, _locale(handler_input)),
            interview,
            in_progress=interview.asking is not None,
        )

    @property
    def question(self) -> str:
        """The question on the table (the first one when none has been asked yet)."""
        return self.interview.asking or "emergency"

    def welcome_lead(self) -> str:
        """The spoken introduction and disclaimer: in full the first time, short for returning users."""
        seen = profile.load_profile(self.handler_input)
        profile.remember_visit(self.handler_input, seen)
        return self.speaker.welcome(returning=seen.heard_intro)

    def step_reply(self, step: Step, lead: str = "") -> Response:
        return self.respond(
            self.speaker.step(step, lead=lead),
            step.interview,
            outcome=step.outcome.level.value if step.outcome else None,
        )

    def respond(self, reply: Reply, interview: Interview | None = None, *, outcome: str | None = None) -> Response:
        """Stores the interview (session only) and builds the Response."""
        attributes = session_attributes(self.handler_input)
        attributes[INTERVIEW_KEY] = (interview or self.interview).to_dict()
        attributes[LAST_REPLY_KEY] = {"speech": reply.speech, "reprompt": reply.reprompt}
        if outcome:
            attributes[OUTCOME_KEY] = outcome
        with contextlib.suppress(Exception):  # no session to write to; the reply still goes out
            self.handler_input.attributes_manager.session_attributes = attributes
        return build_response(self.handler_input, reply)


# Speech goes out as SSML, which is XML: these three characters would break it as text.
# (html.escape does the same; importing html costs a cold start more than all escaping.)
_SSML_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _ssml_text(text: str) -> str:
    return text.translate(_SSML_TEXT_ESCAPES)


def build_response(handler_input: HandlerInput, reply: Reply) -> Response:
    builder = handler_input.response_builder
    builder.speak(_ssml_text(reply.speech))
    if reply.reprompt and not reply.end_session:
        builder.ask(_ssml_text(reply.reprompt))
    if reply.card_title and reply.card_text:
        builder.set_card(SimpleCard(title=reply.card_title, content=reply.card_text))
    builder.set_should_end_session(reply.end_session)
    return builder.response
