"""The one error type the importers raise: its message is shown to the user as is."""
from __future__ import annotations


class DocumentError(Exception):
    """A document could not be read; ``str(error)`` is a clear message in Russian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
