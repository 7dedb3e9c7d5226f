"""Inline markup of a report's text as HTML: bold, italic, superscripts, line breaks and link text,
with sentence highlights inserted at character offsets of the source.

The structure stage removes this markup from the sentence text (``model/structure/inline.py``);
here it is rendered instead, so that ``**Report From:**`` shows in bold and ``14<sup>th</sup>`` as
a superscript. Highlights and formatting never cross: a highlight that starts or ends inside bold
text closes and reopens the bold around it. Unpaired markers are dropped; HTML tags other than a few
inline ones are dropped too (nothing in a report can add a script or a style to the page).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?P<strong>\*\*|__)"
    r"|(?P<em>(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))"
    r"|<(?P<close>/?)(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b[^>]{0,80}>"
    r"|(?P<link_open>\[(?=[^\]\n]+\]\())"
    r"|(?P<link_close>\]\((?P<href>[^)\s]*)[^)]*\))"
)
#: HTML tags kept (as the same tag, without attributes) and the tag they become.
_KEPT_TAGS = {"sup": "sup", "sub": "sub", "b": "strong", "strong": "strong", "i": "em", "em": "em", "u": "u"}
_VOID_TAGS = {"br": "<br>"}
_EMPTY = re.compile(r"<(strong|em|sup|sub|u)></\1>")


@dataclass
class Highlight:
    """A span of the source text to wrap in ``open_tag`` ... ``</mark>`` (offsets into the source)."""

    start: int
    end: int
    open_tag: str
    close_tag: str = "</mark>"


def render_inline(source: str, base: int = 0, highlights: list[Highlight] | None = None) -> str:
    """``source`` (the text at offset ``base`` of the report) as HTML, with ``highlights`` inserted."""
    events = _markup_events(source)
    cuts = []  # (offset, order, html): order puts closing highlights before opening ones at one offset
    for h in highlights or []:
        a, b = max(h.start - base, 0), min(h.end - base, len(source))
        if a >= b:
            continue
        cuts.append((a, 1, h.open_tag))
        cuts.append((b, 0, h.close_tag))
    cuts.sort(key=lambda c: (c[0], c[1]))
    out: list[str] = []
    open_fmt: list[str] = []  # open inline tags, outermost first
    in_mark = False
    pos = 0
    ci = 0

    def flush(upto: int):
        nonlocal pos
        if upto > pos:
            out.append(html.escape(source[pos:upto], quote=False))
            pos = upto

    def do_cuts(upto: int):
        """Emit highlight tags at offsets <= upto, closing and reopening formatting around them."""
        nonlocal ci, in_mark
        while ci < len(cuts) and cuts[ci][0] <= upto:
            off, order, tag = cuts[ci]
            flush(off)
            out.extend(f"</{t}>" for t in reversed(open_fmt))
            out.append(tag)
            in_mark = order == 1
            out.extend(f"<{t}>" for t in open_fmt)
            ci += 1

    for start, end, kind, tag in events:
        do_cuts(start)
        flush(start)
        pos = end
        if kind == "toggle":
            if tag in open_fmt:
                i = open_fmt.index(tag)
                out.extend(f"</{t}>" for t in reversed(open_fmt[i:]))
                closed = open_fmt[i + 1 :]
                del open_fmt[i:]
                for t in closed:
                    out.append(f"<{t}>")
                    open_fmt.append(t)
            else:
                out.append(f"<{tag}>")
                open_fmt.append(tag)
        elif kind == "void":
            out.append(tag)
        elif kind == "text":
            out.append(tag)
    do_cuts(len(source))
    flush(len(source))
    out.extend(f"</{t}>" for t in reversed(open_fmt))
    if in_mark:
        out.append("</mark>")
    text = "".join(out)
    while True:  # formatting closed and reopened around a highlight can leave empty pairs
        tidy = _EMPTY.sub("", text)
        if tidy == text:
            return text
        text = tidy


def _markup_events(source: str) -> list[tuple[int, int, str, str]]:
    """Markup tokens as (start, end, kind, html-tag): kind "toggle" (open/close a format), "void"
    (a line break), "drop" (removed) or "text" (an escaped literal)."""
    found = []
    for m in _TOKEN.finditer(source):
        if m.group("strong"):
            found.append([m.start(), m.end(), "pair", "strong", m.group("strong")])
        elif m.group("em"):
            found.append([m.start(), m.end(), "pair", "em", "*"])
        elif m.group("tag") is not None:
            name = m.group("tag").lower()
            if name in _VOID_TAGS and not m.group("close"):
                found.append([m.start(), m.end(), "void", _VOID_TAGS[name], ""])
            elif name in _KEPT_TAGS:
                found.append([m.start(), m.end(), "close" if m.group("close") else "open", _KEPT_TAGS[name], name])
            else:
                found.append([m.start(), m.end(), "drop", "", ""])
        elif m.group("link_open"):
            found.append([m.start(), m.end(), "drop", "", ""])
        else:  # "](target)": the link text stays, its target goes (nothing on the page points outside it)
            found.append([m.start(), m.end(), "drop", "", ""])
    # Pair the markers: a marker without a partner, or a closing tag without an opening one, is dropped.
    events = []
    pending: dict[str, int] = {}
    for i, (a, b, kind, tag, key) in enumerate(found):
        if kind == "pair":
            if key in pending:
                j = pending.pop(key)
                found[j][2] = "toggle"
                found[i][2] = "toggle"
            else:
                pending[key] = i
        elif kind == "open":
            pending.setdefault("<" + key, i)
            found[i][2] = "opentag"
        elif kind == "close":
            j = pending.pop("<" + key, None)
            if j is not None:
                found[j][2] = "toggle"
                found[i][2] = "toggle"
    for a, b, kind, tag, key in found:
        if kind in ("toggle", "void"):
            events.append((a, b, kind, tag))
        else:
            events.append((a, b, "drop", ""))
    return events
