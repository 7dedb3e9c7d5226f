"""Document-family knowledge applied to lines before the layout is decided.

Some lines are what they are wherever they stand: a score or rating line, a framework boilerplate
heading ("The local authority commitment"), a salutation, a closing, a date line, a copyright or
navigation line, a labelled contact line, a table row. They are fixed first (each its own block,
with the rule that fixed it), so the layout stage never joins them to a neighbour, and an address
or signature (a run of short lines with a postcode, a PO box or contact details in it) becomes one
boilerplate block, and so does the quoted message of an e-mail reply. The data lives in :mod:`..lang`.
"""
from __future__ import annotations

from ..lang import framework, furniture
from .inline import plain
from .lines import Line

TERMINAL = (".", "!", "?", ";")
#: An address block is at most this many lines around its address lines.
ADDRESS_MAX_LINES = 10


def fix_anchors(lines: list[Line], canonical: bool = False) -> list[dict]:
    """Fix the role and kind of the lines that are known by what they say; return the metadata
    (score and rating lines) found, in order."""
    metadata: list[dict] = []
    for ln in lines:
        if ln.role in ("table", "skip"):
            continue
        if ln.tab:
            ln.role, ln.kind, ln.rule = "table", "table", "text:tab-separated"
            continue
        if len(ln.text) > 300:
            continue
        body = ln.text[ln.body - ln.lead :] if ln.marker else ln.text
        t = plain(body.lstrip("#").strip()) if body[:1] == "#" else plain(body)
        t = t.strip(" *_")
        score = framework.score_line(t)
        if score:
            ln.role, ln.kind, ln.rule = ("heading" if ln.role == "heading" else "para"), "boilerplate", f"framework:{score[0]}-line"
            metadata.append({"kind": score[0], "value": score[1], "text": t, "line": ln.n + 1, "start": ln.lead, "end": ln.end,
                             "section": "", "section_path": []})
            continue
        if framework.BOILERPLATE_HEADING.match(t):
            ln.role, ln.kind, ln.rule = "heading", "heading", "framework:boilerplate-heading"
            continue
        kind = furniture.furniture_kind(t)
        if kind and (kind != "contact" or furniture.CONTACT_LABEL.match(t) or furniture.URL_LINE.match(t)):
            ln.role = "para" if ln.role in ("", "cont", "para", "heading") else ln.role
            ln.kind, ln.rule = "boilerplate", f"furniture:{kind}"
    _addresses(lines, canonical)
    if not canonical:
        _quoted_replies(lines)
    return metadata


def _quoted_replies(lines: list[Line]) -> None:
    """A run of lines quoted with ">" is an earlier e-mail, not the report, when a reply header is
    in it or right above it ("On 3 May, Jo wrote:", "> From: ..."); the header line above goes
    with it. A ">" run without one (a quotation set off in a text) is left alone."""
    i, n = 0, len(lines)
    while i < n:
        if not furniture.QUOTED_LINE.match(lines[i].text):
            i += 1
            continue
        j = i
        while j < n and furniture.QUOTED_LINE.match(lines[j].text):
            j += 1
        a = i - 1 if i > 0 and furniture.REPLY_HEADER.match(lines[i - 1].text) else i
        if a < i or any(furniture.REPLY_HEADER.match(ln.text.lstrip("> ")) for ln in lines[i:j]):
            for k, ln in enumerate(lines[a:j]):
                ln.kind, ln.rule = "boilerplate", "furniture:quoted-reply"
                ln.role = "para" if k == 0 else "cont"
        i = j


def _short(ln: Line) -> bool:
    return (
        ln.role not in ("table", "skip", "heading")
        and not ln.tab
        and len(ln.text) <= 120
        and len(ln.text.split()) <= furniture.ADDRESS_MAX_WORDS
        and not ln.text.endswith(TERMINAL)
    )


def _addresses(lines: list[Line], canonical: bool) -> None:
    """Runs of short lines with an address line in them become one boilerplate block."""
    i, n = 0, len(lines)
    while i < n:
        if not _short(lines[i]):
            i += 1
            continue
        j = i + 1
        while j < n and _short(lines[j]) and (canonical or not lines[j].blank_before) and lines[j].n <= lines[j - 1].n + (2 if canonical else 1):
            j += 1
        run = lines[i:j]
        addr = [k for k, ln in enumerate(run) if furniture.is_address_line(plain(ln.text))]
        if len(run) >= furniture.ADDRESS_MIN_LINES and addr:
            a = max(0, addr[0] - (ADDRESS_MAX_LINES - 4))
            b = min(len(run), addr[-1] + 4)
            for k, ln in enumerate(run[a:b]):
                ln.kind, ln.rule = "boilerplate", "furniture:address"
                ln.role = "para" if k == 0 else "cont"
        i = j
