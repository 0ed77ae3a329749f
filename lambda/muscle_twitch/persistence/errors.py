"""Why a persistence call failed, in the ways the fault-tolerant wrapper tells apart."""


class PersistenceError(Exception):
    """Base class; messages never contain a user key or stored values."""


class CorruptedItem(PersistenceError):
    """A stored item exists but cannot be read as this skill's record: overwrite it, don't retry."""


class MissingUserId(PersistenceError):
    """The request carries no Alexa user id, so there is nobody to remember."""


class DeleteFailed(PersistenceError):
    """The store could not delete a record (unreachable, slow, throttling): the caller must fail
    whatever asked for the deletion, so that it is asked again."""
