"""The exception tree. Every user-facing failure ends in Abort: message, no traceback, exit 1."""

from __future__ import annotations

from .model import Problem


class ErrdocsError(Exception):
    """Base of every error errdocs raises on purpose."""


class InputError(ErrdocsError):
    """One or more located problems in user or upstream input.

    Args:
        problems: every problem found (collected, not just the first).
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Abort(ErrdocsError):
    """Stop the command: print the message, exit with ``code``."""

    def __init__(self, message: str, code: int = 1):
        self.code = code
        super().__init__(message)
