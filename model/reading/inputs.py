"""Reading reports: plain text, Markdown, HTML, PDF and Word files, from files, folders, globs or stdin.

Every reader returns a :class:`Report`: an id, the path it came from and the text that the
structure parser and the sentence offsets refer to. Plain text and Markdown are read as they are
(``canonical=False``: the structure parser finds their blocks). HTML, PDF and DOCX readers read the
structure their format has (the DOM, the page layout, the paragraph styles) and write it out as
canonical block text (``canonical=True``: ``#`` headings, ``- `` items, tab-separated table rows,
one line per paragraph, blank lines between blocks); offsets then point into that text.

Only regular files are read: a named pipe, a device or a socket is refused by its type before
anything is read from it (a FIFO would block, ``/dev/zero`` never ends), and the size limit is
checked on the opened file and enforced while reading (at most the limit plus one byte is read).
"""
from __future__ import annotations

import glob
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ...errors import ReadError
from ...schema import DOCX_SUFFIXES, HTML_SUFFIXES, MAX_REPORT_BYTES, PDF_SUFFIXES, REPORT_SUFFIXES
from .decode import decode_bytes


#: Documentation files that sit beside reports in a folder and are not reports themselves
#: (data/reports/SOURCES.md, a README.md). A folder input skips them; named explicitly (or by a
#: glob the shell expanded) they are read, with a warning.
FOLDER_DOCS = frozenset({"README", "SOURCES", "LICENSE", "CHANGELOG", "CONTRIBUTING"})


@dataclass(frozen=True)
class Dropped:
    """A part of a document a structured reader left out as not the report, and the rule that said so."""

    rule: str  # "running header or footer", "class/id .govuk-cookie-banner", "block of link text"...
    text: str  # its first characters


@dataclass
class Report:
    """One report as read: its id, where it came from and the text every later offset refers to.

    ``canonical`` is true when a structured reader (HTML, DOCX, PDF) wrote ``text`` as canonical
    block text (the reading contract of issue 10): the structure parser then trusts its markers.
    ``metadata`` holds what the report says about itself that is not prose (score and rating lines,
    filled by the structure stage). ``furniture`` is what a structured reader left out, one
    :class:`Dropped` (rule, text) per part (a cookie banner, a running header, a contents line), so
    that a user can see why a sentence is missing.
    """

    id: str
    text: str
    path: str
    warnings: list[str] = field(default_factory=list)
    canonical: bool = False
    metadata: dict = field(default_factory=dict)
    furniture: list[Dropped] = field(default_factory=list)


def report_id_for(path: str | Path) -> str:
    """A stable id for a report file: its file name without the extension."""
    return Path(path).stem


def _read_html(data: bytes, path: str, dropped: list) -> tuple[str, list[str]]:
    from .html import html_to_text

    text, warns = decode_bytes(data, path)
    out = html_to_text(text, dropped)
    if not out.strip() and text.strip():
        raise ReadError("no report text in the page: it is empty or only site furniture (navigation, banners, forms)", path)
    return out, warns


def _read_pdf(data: bytes, path: str, dropped: list) -> tuple[str, list[str]]:
    from .pdf import pdf_to_text

    return pdf_to_text(data, path, dropped), []


def _read_docx(data: bytes, path: str, dropped: list) -> tuple[str, list[str]]:
    from .docx import docx_to_text

    return docx_to_text(data, path, dropped), []


#: Structured formats: suffixes -> (reader, name used in messages). Each reader returns canonical
#: block text and warnings (and tells what it left out as furniture), or raises ReadError.
_STRUCTURED: list[tuple[frozenset, Callable[[bytes, str, list], tuple[str, list[str]]], str]] = [
    (HTML_SUFFIXES, _read_html, "HTML page"),
    (PDF_SUFFIXES, _read_pdf, "PDF"),
    (DOCX_SUFFIXES, _read_docx, "Word document"),
]


def read_bytes(data: bytes, path: str, suffix: str, report_id: str | None = None) -> Report:
    """A report from the bytes of a file of the given suffix; raises :class:`ReadError`."""
    suffix = suffix.lower()
    furniture: list[Dropped] = []
    for suffixes, reader, what in _STRUCTURED:
        if suffix in suffixes:
            dropped: list[tuple[str, str]] = []
            try:
                text, warns = reader(data, path, dropped)
            except ReadError:
                raise
            except Exception as exc:  # a parsing library failing on malformed input: one line, not a traceback
                raise ReadError(f"cannot read this {what} ({exc.__class__.__name__}: {exc})", path) from None
            canonical = True
            furniture = [Dropped(rule, text_) for rule, text_ in dropped]
            break
    else:
        text, warns = decode_bytes(data, path)
        canonical = False
    if not text.strip():
        raise ReadError("empty report (no text)", path)
    return Report(id=report_id or report_id_for(path), text=text, path=path, warnings=warns, canonical=canonical,
                  furniture=furniture)


_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    """What a non-regular file is ("a named pipe (FIFO)"), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")


def _too_big(size: int) -> str:
    return f"file is {size / 2**20:.0f} MiB, larger than the {MAX_REPORT_BYTES / 2**20:.0f} MiB limit for one report"


def read_file_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_REPORT_BYTES``; raises :class:`ReadError`.

    The file's type is checked before it is opened (following symlinks, so ``zero.txt ->
    /dev/zero`` is a character device), opened without blocking, checked again on the open
    descriptor, and read up to the limit plus one byte.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ReadError("no such file", path) from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", path) from None
    kind = _not_regular(st.st_mode)
    if kind:
        raise ReadError(f"is {kind}, not a regular file; only files are read as reports", path)
    if st.st_size > MAX_REPORT_BYTES:
        raise ReadError(_too_big(st.st_size), path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", path) from None
    with os.fdopen(fd, "rb", buffering=0) as f:
        fst = os.fstat(f.fileno())
        kind = _not_regular(fst.st_mode)
        if kind:  # replaced between the check and the open
            raise ReadError(f"is {kind}, not a regular file; only files are read as reports", path)
        if fst.st_size > MAX_REPORT_BYTES:
            raise ReadError(_too_big(fst.st_size), path)
        chunks, total = [], 0
        try:
            while total <= MAX_REPORT_BYTES:
                chunk = f.read(min(1 << 20, MAX_REPORT_BYTES + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        except OSError as exc:
            raise ReadError(f"cannot read: {exc.strerror}", path) from None
    if total > MAX_REPORT_BYTES:
        raise ReadError(f"file grew past the {MAX_REPORT_BYTES / 2**20:.0f} MiB limit for one report while it was read", path)
    return b"".join(chunks)


def read_report(path: str | Path) -> Report:
    """Read one report file; raises :class:`ReadError` with a one-line reason."""
    path = Path(path)
    if path.is_dir():
        raise ReadError("is a folder; pass it as an input to read the reports inside", path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES and (path.exists() or path.is_symlink()):
        raise ReadError(
            f"unknown report type {suffix or '(no extension)'!r}; expected one of "
            + ", ".join(sorted(REPORT_SUFFIXES)),
            path,
        )
    report = read_bytes(read_file_bytes(path), str(path), suffix)
    if path.stem.upper() in FOLDER_DOCS:
        report.warnings.append(
            f"{path}: looks like documentation ({path.name}), not a report; read anyway "
            "(a folder given as input skips such files)"
        )
    return report


def _sniff(data: bytes) -> str:
    """The suffix standard input is read as, from its first bytes."""
    head = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:8]
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    if head[:1] == b"<":
        return ".html"
    return ".txt"


def read_stdin(stream=None) -> Report:
    stream = stream or sys.stdin.buffer
    data = stream.read(MAX_REPORT_BYTES + 1)
    if len(data) > MAX_REPORT_BYTES:
        raise ReadError("standard input is larger than the limit for one report", "-")
    return read_bytes(data, "-", _sniff(data), report_id="stdin")


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
        except Exception as exc:  # an input nothing foresaw: one line naming it, and on to the next
            from ...errors import unexpected

            err = ReadError(unexpected(exc), path)
            err.__cause__ = exc
            yield err
