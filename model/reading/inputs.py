"""Reading reports: plain text, Markdown, HTML and PDF (text layer), from files, folders, globs or stdin.

Every reader returns a :class:`Report`: an id, the path it came from and the text that the
structure parser and the sentence offsets refer to. HTML and PDF are first turned into plain,
Markdown-like text (headings as ``#`` lines, list items as ``- `` lines, table rows tab-separated),
so one structure parser serves every format; offsets then point into that extracted text.
"""
from __future__ import annotations

import glob
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ...errors import ReadError
from .decode import decode_bytes
from .html import html_to_text
from .pdf import pdf_to_text
from ...schema import HTML_SUFFIXES, MAX_REPORT_BYTES, PDF_SUFFIXES, REPORT_SUFFIXES


#: Documentation files that sit beside reports in a folder and are not reports themselves
#: (data/reports/SOURCES.md, a README.md). Named explicitly, they are read like any file.
FOLDER_DOCS = frozenset({"README", "SOURCES", "LICENSE", "CHANGELOG", "CONTRIBUTING"})


@dataclass
class Report:
    """One report as read: its id, where it came from and the text every later offset refers to.

    ``canonical`` is true when a structured reader (HTML, DOCX, PDF) wrote ``text`` as canonical
    block text (the reading contract of issue 10): the structure parser then trusts its markers.
    ``metadata`` holds what the report says about itself that is not prose (score and rating lines,
    filled by the structure stage).
    """

    id: str
    text: str
    path: str
    warnings: list[str] = field(default_factory=list)
    canonical: bool = False
    metadata: dict = field(default_factory=dict)


def report_id_for(path: str | Path) -> str:
    """A stable id for a report file: its file name without the extension."""
    return Path(path).stem


def read_bytes(data: bytes, path: str, suffix: str, report_id: str | None = None) -> Report:
    suffix = suffix.lower()
    warns: list[str] = []
    if suffix in PDF_SUFFIXES:
        text = pdf_to_text(data, path)
    else:
        text, warns = decode_bytes(data, path)
        if suffix in HTML_SUFFIXES:
            text = html_to_text(text)
    if not text.strip():
        raise ReadError("empty report (no text)", path)
    return Report(id=report_id or report_id_for(path), text=text, path=path, warnings=warns)


def read_report(path: str | Path) -> Report:
    """Read one report file; raises :class:`ReadError` with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise ReadError("no such file", path)
    if path.is_dir():
        raise ReadError("is a folder; pass it as an input to read the reports inside", path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ReadError(
            f"unknown report type {suffix or '(no extension)'!r}; expected one of "
            + ", ".join(sorted(REPORT_SUFFIXES)),
            path,
        )
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        raise ReadError(
            f"file is {size / 2**20:.0f} MiB, larger than the {MAX_REPORT_BYTES / 2**20:.0f} MiB limit for one report", path
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", path) from None
    return read_bytes(data, str(path), suffix)


def read_stdin(stream=None) -> Report:
    stream = stream or sys.stdin.buffer
    data = stream.read(MAX_REPORT_BYTES + 1)
    if len(data) > MAX_REPORT_BYTES:
        raise ReadError("standard input is larger than the limit for one report", "-")
    suffix = ".html" if data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<" else ".txt"
    return read_bytes(data, "-", suffix, report_id="stdin")


def expand_inputs(inputs: Iterable[str]) -> tuple[list[str], list[ReadError]]:
    """Expand folders and globs into report paths (sorted); '-' stays as stdin.

    Returns the paths and the errors for inputs that matched nothing.
    """
    paths: list[str] = []
    errors: list[ReadError] = []
    for item in inputs:
        if item == "-":
            paths.append("-")
            continue
        p = Path(item)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES and f.stem.upper() not in FOLDER_DOCS
            )
            if not found:
                errors.append(ReadError("folder has no reports (" + ", ".join(sorted(REPORT_SUFFIXES)) + ")", p))
            paths.extend(found)
        elif not p.exists() and any(ch in item for ch in "*?["):
            found = sorted(f for f in glob.glob(item, recursive=True) if Path(f).is_file())
            if not found:
                errors.append(ReadError("pattern matched no files", item))
            paths.extend(found)
        else:
            paths.append(item)
    return paths, errors


def iter_reports(inputs: Iterable[str]) -> Iterator[Report | ReadError]:
    """Yield each readable report, or the error for an input that could not be read; never stops early."""
    paths, errors = expand_inputs(inputs)
    yield from errors
    for path in paths:
        try:
            yield read_stdin() if path == "-" else read_report(path)
        except ReadError as exc:
            yield exc

