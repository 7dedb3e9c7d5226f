"""Inline markup removed and whitespace folded, with a map from every cleaned character back to its
offset in the source text.

Removed: Markdown bold and italic markers, link targets (``[text](target)`` keeps ``text``),
autolinks (``<https://...>``), and HTML tags whose name is an HTML element (``<sup>``, ``<b>``;
``<id>`` or ``<name>`` in plain text are text and stay). Whitespace runs become one space; a word
hyphenated at the end of a line ("well-" / "organised") is joined without a space, keeping the
hyphen. Everything else is copied as it is. The work is done by regular expressions over runs of
text, not character by character, so it is linear in the text and fast.
"""
from __future__ import annotations

import re

from .blocks import OffsetMap

#: The element names of HTML (the WHATWG list, with the obsolete presentational ones). A tag with
#: any other name ("<id>", "<council name>") is text, not markup.
HTML_ELEMENTS = (
    "a abbr acronym address area article aside audio b base bdi bdo big blockquote body br button canvas caption "
    "center cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption "
    "figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend "
    "li link main map mark menu meta meter nav noscript object ol optgroup option output p param picture pre "
    "progress q rp rt ruby s samp script search section select small source span strike strong style sub summary "
    "sup table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr"
).split()

INLINE_MARKUP = re.compile(
    r"(?=[*_<\[\]])(?:"  # (a look-ahead on the first character makes the scan fast)
    r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"  # bold and italic markers
    r"|</?(?:" + "|".join(sorted(HTML_ELEMENTS, key=len, reverse=True)) + r")(?![\w-])[^<>]{0,200}>"  # HTML tags
    r"|<(?:https?|ftp|mailto):[^<>\s]{1,2000}>"  # Markdown autolinks
    r"|\[(?=[^\]\n]{1,500}\]\()|\]\([^()\s]{0,2000}\))",  # Markdown links: the brackets and the target
    re.I,
)
#: Whitespace that is not a single plain space (a run, a newline, a tab, a no-break space).
_ODD_SPACE = re.compile(r"[^\S ]\s*| \s+")
_LEAD_SPACE = re.compile(r"\s*")
_MARKUP_CHAR = re.compile(r"[*_<\[\]]")


def clean_inline(text: str, base: int = 0, markup: bool = True) -> tuple[str, OffsetMap]:
    """Remove inline markup (``markup=False``: only fold whitespace) from ``text``.

    Returns the cleaned text and an :class:`OffsetMap` giving, for each of its characters, the
    offset in the source (``base`` + its index in ``text``).
    """
    if not (markup and _MARKUP_CHAR.search(text)) and not _ODD_SPACE.search(text) and text[:1] != " " and text[-1:] != " ":
        omap = OffsetMap()
        omap.add(base, len(text))
        return text, omap  # nothing to clean: the common case, one run
    out: list[str] = []
    omap = OffsetMap()
    state = [True, 0]  # [last char emitted was a space (or nothing yet), length emitted]
    pos = 0
    if markup:
        for m in INLINE_MARKUP.finditer(text):
            _copy(text, pos, m.start(), base, out, omap, state)
            pos = m.end()
    _copy(text, pos, len(text), base, out, omap, state)
    cleaned = "".join(out)
    if cleaned.endswith(" "):
        cleaned = cleaned[:-1]  # whitespace is folded, so at most one trailing space
        omap.truncate(len(cleaned))
    return cleaned, omap


def _copy(text: str, a: int, b: int, base: int, out: list, omap: OffsetMap, state: list) -> None:
    if a >= b:
        return
    if state[0]:
        a = _LEAD_SPACE.match(text, a, b).end()
    for m in _ODD_SPACE.finditer(text, a, b):
        s, e = m.start(), m.end()
        if s > a:
            out.append(text[a:s])
            omap.add(base + a, s - a)
            state[0] = text[s - 1] == " "
        if not state[0]:
            if "\n" in text[s:e] and s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha() and e < len(text) and text[e].islower():
                pass  # "well-\norganised": joined, the hyphen kept
            else:
                out.append(" ")
                omap.add(base + s)
                state[0] = True
        a = e
    if a < b:
        out.append(text[a:b])
        omap.add(base + a, b - a)
        state[0] = text[b - 1] == " "


def plain(text: str) -> str:
    """The cleaned form of a snippet (used to compare sentences with a report's text)."""
    if not _MARKUP_CHAR.search(text) and not _ODD_SPACE.search(text):
        return text.strip(" ")
    return clean_inline(text)[0]
