"""The one exception that reaches the command line: a problem the user must fix."""


class PlanopsError(Exception):
    """A fatal, user-facing problem (a missing file, a bad revision).

    Raised by library code only where no finding can carry the problem; the CLI
    prints it as one line and exits with ``exit_code``.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
