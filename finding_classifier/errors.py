"""User-facing errors: one line that says what is wrong and where."""
from __future__ import annotations

from pathlib import Path


class FindingError(Exception):
    """An error caused by the user's input, reported as ``path:line: message`` without a traceback."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        return where + self.message


class ReadError(FindingError):
    """A report could not be read."""


class AnnotationError(FindingError):
    """An annotation file breaks the guideline's format."""


class ModelError(FindingError):
    """A model directory is missing, broken or incompatible."""
