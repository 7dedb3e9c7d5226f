"""Canonical block text: what the structured readers (HTML, DOCX, PDF) write.

A structured reader reads the structure its format has (DOM, styles, layout) into a list of
:class:`ReadBlock` and :func:`to_canonical` writes them out as the text every later offset refers
to (the reading contract of issue 10):

- blocks are separated by exactly one blank line and a paragraph is one line;
- a heading is ``#`` * level + space + title (level 1-6);
- a list item is ``"  " * depth + "- " + text``, the items of one list on consecutive lines;
- a table is consecutive lines of tab-separated cells, header row first.

The rules every reader shares also live here: whitespace folding (inline elements never add
spaces), a paragraph made only of bold text read as a heading, and a paragraph that starts with a
bullet glyph read as a list item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Characters removed from extracted text: soft hyphen (an invisible break point), zero-width
#: space and joiners, byte-order mark, and the C0 controls other than whitespace.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0e-\x1f\x7f]")

#: Bullet glyphs that make a paragraph a list item when it starts with one and a space
#: (Word's Symbol-font bullet U+F0B7 and Wingdings U+F0A7 included).
BULLETS = "\u2022\u25e6\u25aa\u25ab\u2023\u2043\u25cf\u25cb\u25a0\u25a1\u00b7\u2219\uf0b7\uf0a7\u27a2\u2013"
_BULLET_START = re.compile(f"^[{BULLETS}](?:\\s+|(?=[A-Za-z0-9(]))")

#: A bold-only block is a heading when it has at most this many words, and does not end like a
#: sentence (a full stop after more than a few words): a bold sentence is emphasis, not a title.
BOLD_HEADING_MAX_WORDS = 15
BOLD_SENTENCE_MIN_WORDS = 4
#: A block broken into lines (``<br>``, a Word line break, PDF lines stopping short of the margin)
#: whose every line has at most this many words is a block of lines, an address or a signature,
#: not a paragraph: each line is written as its own one-line paragraph, as the structure parser's
#: address and signature passes expect, instead of being run together.
LINES_MAX_WORDS = 10


def split_lines(segments: list[str]) -> list[str] | None:
    """The lines of a block of short lines, else None: two or more lines of at most
    LINES_MAX_WORDS words, at most one of them ending a sentence (short sentences on their own
    lines are prose), none ending in a hyphen and none after the first starting in lower case
    (those are a paragraph's wrapped lines)."""
    lines = [fold(x) for x in segments]
    lines = [x for x in lines if x]
    if len(lines) < 2 or any(len(x.split()) > LINES_MAX_WORDS for x in lines):
        return None
    if sum(x.endswith((".", "!", "?")) for x in lines) > 1:
        return None
    if any(x.endswith(("-", "\u2010", "\u00ad")) for x in lines[:-1]) or any(x[:1].islower() for x in lines[1:]):
        return None
    return lines


#: List items nested deeper than this are written at this depth (the indent stays bounded).
MAX_LIST_DEPTH = 8


@dataclass
class ReadBlock:
    """One block a structured reader found: kind ``heading``, ``paragraph``, ``list_item`` or ``table``."""

    kind: str
    text: str = ""
    level: int = 0  # heading level 1-6
    depth: int = 0  # list nesting depth (0 = top level)
    rows: list[list[str]] = field(default_factory=list)  # table cells, header row first


def fold(text: str) -> str:
    """Invisible characters removed and every run of whitespace (tabs and newlines too) made one space."""
    return " ".join(_INVISIBLE.sub("", text).split())


#: The nesting depth a bullet glyph shows: CSS's default markers by nesting level (disc, circle,
#: square), which Word's default bullets follow too (its "o" and section sign are font glyphs).
BULLET_DEPTH = {"\u25e6": 1, "\u25cb": 1, "\u25aa": 2, "\u25a0": 2, "\u25ab": 2, "\u25a1": 2, "\uf0a7": 2}


def bullet_item(text: str, dashes: bool = True) -> tuple[str, int] | None:
    """The item text and depth when ``text`` starts with a bullet glyph ("• Reviews were late"), else None.

    ``dashes=False`` leaves out the en dash, for a line that may be a wrapped line of a sentence
    (a PDF line), where a dash at the start is punctuation more often than a bullet.
    """
    m = _BULLET_START.match(text)
    if not m or (not dashes and text[0] == "\u2013"):
        return None
    rest = text[m.end():].strip()
    if text[0] == "\u2013" and not m.group(0).endswith(" "):
        return None  # an en dash glued to a word is punctuation, not a bullet
    return (rest, BULLET_DEPTH.get(text[0], 0)) if rest else None


def bold_heading(text: str) -> bool:
    """May a block whose text is all bold be read as a heading?"""
    words = text.split()
    if not words or len(words) > BOLD_HEADING_MAX_WORDS:
        return False
    return not (text.endswith(".") and len(words) >= BOLD_SENTENCE_MIN_WORDS)


def to_canonical(blocks: list[ReadBlock]) -> str:
    """Canonical block text for ``blocks`` (empty blocks are left out)."""
    out: list[str] = []
    prev = ""
    for b in blocks:
        if b.kind == "table":
            rows = [[fold(c) for c in row] for row in b.rows]
            rows = [r for r in rows if any(r)]
            if not rows:
                continue
            width = max(len(r) for r in rows)
            if width < 2:  # one column: its cells are paragraphs (a line without a tab is no table row)
                for r in rows:
                    _add(out, prev, "paragraph", r[0])
                    prev = "paragraph"
                continue
            if out:
                out.append("")
            out.extend("\t".join(r + [""] * (width - len(r))) for r in rows)
            prev = "table"
            continue
        text = fold(b.text)
        if not text:
            continue
        if b.kind == "heading":
            line = "#" * max(1, min(6, b.level)) + " " + text
        elif b.kind == "list_item":
            line = "  " * min(max(0, b.depth), MAX_LIST_DEPTH) + "- " + text
        else:
            line = text
        _add(out, prev, b.kind, line)
        prev = b.kind
    return "\n".join(out) + "\n" if out else ""


def _add(out: list[str], prev: str, kind: str, line: str) -> None:
    if out and not (kind == "list_item" and prev == "list_item"):
        out.append("")
    out.append(line)
