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


#: Set to 1 (or pass ``findings --debug``) to see the traceback of an unexpected error.
DEBUG_ENV = "FINDINGS_DEBUG"


def debug_enabled() -> bool:
    import os

    return os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")


def unexpected(exc: BaseException, what: str | None = None) -> str:
    """One line for an exception that is not a :class:`FindingError` (a bug, or an input nothing
    foresaw): what was being processed, the exception's type and first line, and how to see more."""
    first = (str(exc).strip().splitlines() or [""])[0]
    if len(first) > 200:
        first = first[:199] + "\u2026"
    where = f"{what}: " if what else ""
    return (f"{where}unexpected error ({exc.__class__.__name__}{': ' + first if first else ''}); "
            f"run with --debug or {DEBUG_ENV}=1 to see the traceback")


_PROCESSING: list[str] = []


class processing:
    """``with processing(path):`` names the input being worked on, for the one-line message of an
    unexpected error that escapes to the command line."""

    def __init__(self, what):
        self.what = str(what)

    def __enter__(self):
        _PROCESSING.append(self.what)
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is not None and exc_type is not None and not isinstance(exc, (FindingError, KeyboardInterrupt, SystemExit)):
            if not hasattr(exc, "_finding_input"):
                exc._finding_input = self.what  # the innermost input names the failure
        _PROCESSING.pop()
        return False
