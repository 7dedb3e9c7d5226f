"""A report's text as lines, with their offsets and the facts every later stage looks at.

Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (as a Markdown parser counts them; other Unicode line
separators stay inside a line as spaces). Leading and trailing white space (including a no-break
space, a byte-order mark, a form feed) is not part of a line's text.
"""
from __future__ import annotations

import re

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE = " \t\u00a0\ufeff\f\v\u2028\u2029\u3000\u2007\u202f"

#: A list marker at the start of a line: a bullet ("-", "*", "+", "\u2022", "\u25aa", "\u2013"), a number or letter
#: ("1.", "2)", "(a)", "iv."), or a bullet followed by a number ("- 1. ...").
LIST_MARKER = re.compile(
    r"^(?:[-*+\u2022\u25aa\u25cf\u25e6\u2043\u2219\u00b7\u2013\u2014\u27a2\u2192\u25a0\u25a1]\s+(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)?"
    r"|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)"
)
_BULLETS = "-*+"
_DASHES = "\u2013\u2014"


class Line:
    """One line of the source text."""

    __slots__ = ("n", "start", "end", "lead", "text", "indent", "blank_before", "hard_break", "marker", "body",
                 "tab", "role", "kind", "rule", "level", "depth")

    def __init__(self, n: int, start: int, end: int, lead: int, text: str, indent: int, blank_before: bool, hard_break: bool):
        self.n = n  # 0-based line number
        self.start = start  # offset of the line's first character
        self.end = lead + len(text)  # offset after its last non-space character
        self.lead = lead  # offset of its first non-space character
        self.text = text  # the line without its leading and trailing white space
        self.indent = indent  # columns of leading white space (a tab counts 4)
        self.blank_before = blank_before  # a blank line (or the start of the text) comes before it
        self.hard_break = hard_break  # ends in two spaces or a backslash (a Markdown hard break)
        m = LIST_MARKER.match(text)
        self.marker = m.group(0).strip() if m else ""
        self.body = lead + (m.end() if m else 0)  # offset where the text after the marker starts
        self.tab = False  # a table cell separator in the line (set by split_lines: a leading tab counts)
        # set by the layout stage
        self.role = ""  # heading, para, item, cont, table, skip
        self.kind = ""
        self.rule = ""
        self.level = 0
        self.depth = 0

    @property
    def marker_kind(self) -> str:
        """"bullet", "dash" (an en or em dash), "number" or ""."""
        if not self.marker:
            return ""
        c = self.marker[0]
        if c in _BULLETS or c not in _DASHES and not c.isalnum() and c != "(":
            return "bullet"
        if c in _DASHES:
            return "dash"
        return "number"

    def __repr__(self) -> str:
        return f"Line({self.n + 1}, {self.role or '?'}, {self.text[:40]!r})"


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, each knowing whether a blank line came before it."""
    lines: list[Line] = []
    pos = 0
    n = 0
    blank = True
    n_text = len(text)
    for m in LINE_BREAK.finditer(text):
        _add(text, pos, m.start(), n, blank, lines)
        blank = not lines or lines[-1].n != n
        pos = m.end()
        n += 1
    if pos < n_text:
        _add(text, pos, n_text, n, blank, lines)
    return lines


def _add(text: str, a: int, b: int, n: int, blank: bool, lines: list[Line]) -> None:
    raw = text[a:b]
    stripped = raw.lstrip(_SPACE)
    if not stripped.strip(_SPACE):
        return
    lead = a + len(raw) - len(stripped)
    body = stripped.rstrip(_SPACE)
    prefix = raw[: len(raw) - len(stripped)]
    indent = len(prefix) + 3 * prefix.count("\t")
    hard = raw.endswith("  ") or raw.endswith("\\")
    ln = Line(n, a, lead + len(body), lead, body, indent, blank, hard)
    ln.tab = "\t" in raw.strip(" ").rstrip()  # a trailing tab separates no cells
    lines.append(ln)
