"""Why a persistence call failed, in the three ways the fault-tolerant wrapper tells apart."""


class PersistenceError(Exception):
    """Base class; messages never contain a user key or stored values."""


class CorruptedItem(PersistenceError):
    """A stored item exists but cannot be read as this skill's record: overwrite it, don't retry."""


class MissingUserId(PersistenceError):
    """The request carries no Alexa user id, so there is nobody to remember."""
