"""The one exception the simulator turns into a readable message and an exit code."""


class SimulatorError(Exception):
    """A problem the person can fix (bad locale, missing or malformed model, unloadable skill)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
