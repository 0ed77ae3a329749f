"""Which key a person's record is stored under.

The key is the SHA-256 of the Alexa userId, not the userId itself: the store then never holds
Amazon's identifier, and an operator who is given a userId can still find (and delete) the
record by hashing it (`python -m muscle_twitch.persistence key USER_ID`). This is
pseudonymisation, not anonymisation: whoever knows a userId can compute its key.
"""

import hashlib

from ask_sdk_model import RequestEnvelope

from muscle_twitch.persistence.errors import MissingUserId


def key_for_user_id(user_id: str) -> str:
    return hashlib.sha256(user_id.encode("utf-8")).hexdigest()


def user_id_of(request_envelope: RequestEnvelope) -> str:
    """The Alexa userId from context.System (always sent) or, failing that, the session."""
    context = request_envelope.context
    system = context.system if context is not None else None
    user = system.user if system is not None else None
    if user is None and request_envelope.session is not None:
        user = request_envelope.session.user
    user_id = user.user_id if user is not None else None
    if not isinstance(user_id, str) or not user_id:
        raise MissingUserId("request has no user id")
    return user_id


def user_key(request_envelope: RequestEnvelope) -> str:
    return key_for_user_id(user_id_of(request_envelope))
