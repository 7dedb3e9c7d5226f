"""Shapes of the shared reports for ``benchmarks/formats.py``.

Every module of this package exposes ``SHAPES: dict[str, Callable[[Source, Path], Rendered]]``: a
function that writes one shared report, in one shape (plain text re-wrapped, a saved web page, a
PDF...), into the given work folder and says which furniture strings it inserted. The driver reads
the file back with ``read_report``, segments it and compares the sentences with the annotations.

:class:`Source` carries the original text and its blocks as the structure parser reads the
original shape (which matches the annotations exactly, so it is the ground truth of each block's
kind); :func:`elements` turns them into neutral :class:`Element` records (kind, plain text, heading
level, list depth and marker) that every renderer starts from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from finding_classifier.model.structure import plain


class ShapeUnavailable(Exception):
    """A shape cannot be rendered on this machine (e.g. no headless Chromium); the driver skips it."""


@dataclass(frozen=True)
class Source:
    id: str
    text: str
    blocks: list  # finding_classifier.model.structure.Block, as parse_blocks reads the original
    path: Path


@dataclass
class Rendered:
    path: Path
    furniture: list[str] = field(default_factory=list)  # strings the shape inserted that are not report text


@dataclass(frozen=True)
class Element:
    """One block of a shared report, in a form any renderer can write out."""

    kind: str  # heading, paragraph, list_item, table, lines (hard-broken lines: an address, a signature)
    text: str  # one line of plain text (inline markup removed); "" for tables
    level: int = 0  # heading level, 1-6 (depth of the heading in the section path)
    depth: int = 0  # list nesting depth
    marker: str = ""  # list marker as written in the original ("-", "*", "1.", "a)")
    rows: tuple[tuple[str, ...], ...] = ()  # table cells (plain text), one tuple per row
    lines: tuple[str, ...] = ()  # kind "lines": its plain lines (an address keeps one line per line)


def elements(source: Source) -> list[Element]:
    """The original's blocks as neutral elements, in reading order."""
    text = source.text
    out: list[Element] = []
    for b in source.blocks:
        raw = text[b.start : b.end]
        if b.kind == "heading":
            title = b.section[-1] if b.section else plain(raw)
            out.append(Element("heading", title, level=max(1, min(6, len(b.section)))))
        elif b.kind == "paragraph":
            out.append(Element("paragraph", b.text))
        elif b.kind == "list_item" or (b.kind == "boilerplate" and _marker(text, b.start)):
            # a topic-only list is boilerplate for the parser but still a list on the page
            out.append(Element("list_item", b.text or plain(raw), depth=b.depth, marker=_marker(text, b.start) or "-"))
        elif b.kind == "table":
            rows = []
            for ln in raw.splitlines():
                if not ln.strip() or set(ln.strip()) <= set("|-: "):
                    continue
                cells = ln.strip().strip("|").split("|") if "\t" not in ln else ln.split("\t")
                rows.append(tuple(plain(c) for c in cells))
            out.append(Element("table", "", rows=tuple(rows)))
        else:  # boilerplate: a score line, framework text, contact details, an address block
            lines = tuple(p for p in (plain(ln) for ln in raw.splitlines()) if p)
            if len(lines) == 1:
                out.append(Element("paragraph", lines[0]))
            elif lines:
                out.append(Element("lines", " ".join(lines), lines=lines))
    return out


def _marker(text: str, start: int) -> str:
    """The list marker written before ``start`` on its line ("-", "1."), or ""."""
    prefix = text[text.rfind("\n", 0, start) + 1 : start].strip()
    return prefix if prefix and len(prefix) <= 6 and not prefix[-1].isalpha() else ""
