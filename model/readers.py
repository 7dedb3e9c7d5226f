"""Reading reports: plain text, Markdown, HTML and PDF (text layer), from files, folders, globs or stdin.

Every reader returns a :class:`Report`: an id, the path it came from and the text that the
structure parser and the sentence offsets refer to. HTML and PDF are first turned into plain,
Markdown-like text (headings as ``#`` lines, list items as ``- `` lines, table rows tab-separated),
so one structure parser serves every format; offsets then point into that extracted text.
"""
from __future__ import annotations

import glob
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ReadError
from ..schema import HTML_SUFFIXES, MAX_REPORT_BYTES, PDF_SUFFIXES, REPORT_SUFFIXES


#: Documentation files that sit beside reports in a folder and are not reports themselves
#: (data/reports/SOURCES.md, a README.md). Named explicitly, they are read like any file.
FOLDER_DOCS = frozenset({"README", "SOURCES", "LICENSE", "CHANGELOG", "CONTRIBUTING"})


@dataclass
class Report:
    id: str
    text: str
    path: str
    warnings: list[str] = field(default_factory=list)


def report_id_for(path: str | Path) -> str:
    """A stable id for a report file: its file name without the extension."""
    return Path(path).stem


def decode_bytes(data: bytes, path: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM); Windows-1252 as a fallback, with a warning."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise ReadError("starts with a UTF-16 mark but is not UTF-16 text", path) from None
    if b"\x00" in data[:8192]:
        raise ReadError("binary file, not a text report", path)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ReadError(f"not UTF-8 or Windows-1252 text (byte {exc.start})", path) from None
        return text, [f"{path}: not valid UTF-8 (byte {exc.start}); read as Windows-1252"]


def html_to_text(html: str) -> str:
    """Turn an HTML page into Markdown-like text that keeps its structure."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "form", "svg"]):
        tag.decompose()
    for tag in soup.find_all("sup"):
        tag.unwrap()
    soup.smooth()  # merge the strings an unwrapped tag leaves apart ("14", "th" -> "14th")
    out: list[str] = []
    prev_kind = ""

    def add_line(kind: str, line: str) -> None:
        """Append a list item or table row, with a blank line where one kind of block gives way to another."""
        nonlocal prev_kind
        if kind != prev_kind and out and out[-1] != "":
            out.append("")
        out.append(line)
        prev_kind = kind

    def text_of(node) -> str:
        return " ".join(node.get_text(" ", strip=True).split())

    body = soup.body or soup
    for node in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "blockquote", "dt", "dd"]):
        # Skip elements nested inside another block element we already emit.
        if node.find_parent(["p", "li", "tr", "blockquote"]) is not None and node.name != "li":
            continue
        if node.name == "li":
            depth = len(node.find_parents(["ul", "ol"])) - 1
            own = node.find_all(string=True, recursive=False)
            parts = []
            for child in node.children:
                if getattr(child, "name", None) in ("ul", "ol"):
                    continue
                parts.append(child.get_text(" ", strip=True) if hasattr(child, "get_text") else str(child).strip())
            text = " ".join(" ".join(parts).split()) if own or parts else ""
            if text:
                add_line("li", "  " * max(depth, 0) + "- " + text)
            continue
        text = text_of(node)
        if not text:
            continue
        if node.name[0] == "h" and node.name[1:].isdigit():
            out.append("")
            out.append("#" * int(node.name[1:]) + " " + text)
            out.append("")
            prev_kind = ""
        elif node.name == "tr":
            cells = [text_of(c) for c in node.find_all(["td", "th"])]
            add_line("tr", "\t".join(cells))
        else:
            out.append("")
            out.append(text)
            out.append("")
            prev_kind = ""
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def pdf_to_text(data: bytes, path: str) -> str:
    """The text layer of a PDF, one paragraph per blank-line separated block."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its own warnings would break the one-line error

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(f"cannot read PDF ({exc.__class__.__name__}: {exc})", path) from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ReadError("PDF has no text layer (scanned image?); run OCR first", path)
    return _unwrap_pdf_lines(text)


def _unwrap_pdf_lines(text: str) -> str:
    """Join the hard-wrapped lines of a PDF's text layer back into paragraphs."""
    from .structure import LIST_MARKER

    lines = text.splitlines()
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            out.append("")
            continue
        prev = out[-1] if out else ""
        starts_item = LIST_MARKER.match(stripped) is not None
        prev_open = prev and not prev.rstrip().endswith((".", ":", "?", "!")) and len(prev.split()) > 6
        if prev and prev_open and not starts_item and (stripped[0].islower() or stripped[0].isdigit() or len(prev) > 60):
            out[-1] = prev.rstrip() + " " + stripped
        else:
            if prev:
                out.append("")
            out.append(stripped)
    return "\n".join(out).strip() + "\n"


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

