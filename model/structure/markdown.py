"""Markdown read with a real parser (markdown-it-py, CommonMark with GFM tables).

:func:`looks_like_markdown` says whether a text uses Markdown's own syntax; :func:`markdown_roles`
gives every line the role Markdown gives it: an ATX or setext heading (with its level), the first
line of a list item (with its depth), a paragraph's first line or a continuation line, a hard-broken
line, a table row, a thematic break or a setext underline. Indented code, fenced code, raw HTML
blocks and block quotes are off: in reports those are text (an indented paragraph, a pasted tag).
Line numbers are markdown-it's token maps, which count lines as :mod:`.lines` does.
"""
from __future__ import annotations

import re

from .lines import Line

ATX = re.compile(r"^#{1,6}(?:\s|$)")
SETEXT_RULE = re.compile(r"^(?:=+|-+)$")
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
BOLD = re.compile(r"\*\*\S")
LINK = re.compile(r"\]\([^)\s]*\)")

_MD = None


def _parser():
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark").enable("table").disable(["code", "fence", "html_block", "blockquote"])
        md.disable("inline")  # only block structure is needed; inline markup is cleaned with offsets by .inline
        _MD = md
    return _MD


def looks_like_markdown(lines: list[Line]) -> bool:
    """Does the text use Markdown's own syntax: an ATX heading, a table rule, or bold or links?"""
    marks = 0
    for i, ln in enumerate(lines):
        t = ln.text
        if ATX.match(t) or (TABLE_RULE.match(t) and "|" in t):
            return True
        if SETEXT_RULE.match(t) and len(t) >= 3 and i and not lines[i].blank_before and not lines[i - 1].marker:
            marks += 1
        if "**" in t and BOLD.search(t):
            marks += 1
        if "](" in t and LINK.search(t):
            marks += 1
        if marks >= 2:
            return True
    return False


def markdown_roles(text: str, lines: list[Line]) -> None:
    """Set ``role``, ``level``, ``depth`` and ``rule`` of every line from Markdown's block structure.

    Roles: ``heading``, ``item`` (first line of a list item), ``para`` (first line of a paragraph,
    or a line after a hard break), ``cont`` (a continuation line), ``table``, ``skip`` (a thematic
    break or a setext underline).
    """
    by_n = {ln.n: ln for ln in lines}
    tokens = _parser().parse(text)
    depth = -1
    item_first: list[int] = []  # first line of each open list item
    for i, tok in enumerate(tokens):
        t = tok.type
        if t == "list_item_open":
            depth += 1
            item_first.append(tok.map[0] if tok.map else -1)
        elif t == "list_item_close":
            depth -= 1
            item_first.pop()
        elif tok.map is None:
            continue
        elif t == "heading_open":
            a, b = tok.map
            level = int(tok.tag[1])
            setext = tok.markup[:1] in ("=", "-")
            last_text = b - 1 if setext else b
            for n in range(a, b):
                ln = by_n.get(n)
                if ln is None:
                    continue
                if setext and n == b - 1:
                    ln.role, ln.rule = "skip", "markdown:setext-underline"
                elif n == a:
                    ln.role, ln.level, ln.depth = "heading", level, max(depth, 0)
                    ln.rule = "markdown:setext-heading" if setext else "markdown:atx-heading"
                elif n < last_text:
                    ln.role, ln.rule = "cont", "markdown:setext-heading"
        elif t == "paragraph_open":
            a, b = tok.map
            in_item = bool(item_first) and item_first[-1] == a
            prev = None
            for n in range(a, b):
                ln = by_n.get(n)
                if ln is None:
                    continue
                if n == a and in_item:
                    ln.role, ln.depth, ln.rule = "item", depth, "markdown:list-item"
                elif n == a:
                    ln.role, ln.depth, ln.rule = "para", max(depth, 0), "markdown:paragraph"
                elif prev is not None and prev.hard_break:
                    ln.role, ln.depth, ln.rule = "para", max(depth, 0), "markdown:hard-break"
                else:
                    ln.role, ln.rule = "cont", "markdown:paragraph"
                prev = ln
        elif t == "table_open":
            a, b = tok.map
            for n in range(a, b):
                if n in by_n:
                    by_n[n].role, by_n[n].rule = "table", "markdown:table"
        elif t == "hr":
            for n in range(*tok.map):
                if n in by_n:
                    by_n[n].role, by_n[n].rule = "skip", "markdown:thematic-break"
    for ln in lines:  # nothing should be left, but a line markdown-it did not place is a paragraph
        if not ln.role:
            ln.role, ln.rule = "para", "markdown:unplaced"
