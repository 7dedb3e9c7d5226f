"""Inline markup: bold and italic markers, HTML tags and link targets removed, whitespace folded,
with a map from every cleaned character back to its offset in the source text."""
from __future__ import annotations

import re

INLINE_MARKUP = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|</?[a-zA-Z][^>]{0,80}>|\[(?=[^\]]+\]\()|\]\([^)]*\)")


def clean_inline(text: str, base: int = 0) -> tuple[str, list[int]]:
    """Remove inline markup (bold/italic markers, HTML tags, link targets) and fold whitespace.

    Returns the cleaned text and, for each of its characters, the offset in the source.
    """
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    space = True
    for m in INLINE_MARKUP.finditer(text):
        _append(text, pos, m.start(), base, out, offs, space)
        space = bool(out) and out[-1] == " "
        pos = m.end()
    _append(text, pos, len(text), base, out, offs, bool(out) and out[-1] == " " or not out)
    while out and out[-1] == " ":
        out.pop()
        offs.pop()
    return "".join(out), offs


def _append(text, a, b, base, out, offs, space):
    for i in range(a, b):
        ch = text[i]
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                offs.append(base + i)
        else:
            out.append(ch)
            offs.append(base + i)


def plain(text: str) -> str:
    """The cleaned form of a snippet (used to compare sentences with a report's text)."""
    return clean_inline(text)[0]
