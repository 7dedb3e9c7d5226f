"""Parse a report's text into blocks: headings, paragraphs, list items, tables and boilerplate.

The parser works line by line on the text a reader produced and records, for every block, its
character offsets, its section path (the headings above it) and, for prose, a cleaned text
(inline Markdown and HTML tags removed) with a map from each cleaned character back to the
source. Only ``paragraph`` and ``list_item`` blocks reach the sentence stream.
"""
from __future__ import annotations

import re

from ..classification.lexicon import IMPERATIVE, heading_class
from .blocks import Block
from .inline import clean_inline, plain

LIST_MARKER = re.compile(r"^(?:[-*\u2022\u25aa\u2013]\s+(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)?|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
SCORE_LINE = re.compile(
    r"^(?:(?:indicative\s+)?score\s*:?\s*\d?|\d\s*[-\u2013]\s*evidence shows\b.*|(?:overall\s+)?rating\s*:.*)$", re.I
)
COPYRIGHT = re.compile(r"^(?:\u00a9|\(c\)\s|copyright\b)", re.I)
NAVIGATION = re.compile(r"^(?:downloads?|back to top|print this page|skip to (?:main )?content|contents|share this page)$", re.I)
CONTACT = re.compile(
    r"(?:[\w.+-]+@[\w-]+\.[\w.]+|^(?:tel|telephone|phone|email|e-mail|fax|web)\s*[:.]|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b|^https?://\S+$)",
    re.I,
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
SALUTATION = re.compile(r"^(?:dear\s+\S+(?:\s+\S+){0,2},?|yours\s+(?:sincerely|faithfully)[,.]?|kind regards,?|best wishes,?)$", re.I)
CC_LINE = re.compile(r"^(?:cc|c\.c\.)\s", re.I)
DATE_LINE = re.compile(
    r"^\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}$", re.I
)
METADATA = re.compile(r"^\*\*[^*]{1,60}:\*\*")
BOILERPLATE_HEADINGS = re.compile(
    r"^(?:the local authority commitment|what people expect|our commitment|the ics commitment|i statements?|we statements?)\s*:?$",
    re.I,
)
LINK_ONLY = re.compile(r"^\[[^\]]+\]\([^)]*\)[.;,]?$")
TERMINAL = (".", "!", "?", ";", ",", ":")


def _is_heading_line(line: str) -> tuple[bool, int]:
    """Is a one-line paragraph a heading? Returns (is_heading, level)."""
    m = MD_HEADING.match(line)
    if m:
        return True, len(m.group(1))
    s = line.strip()
    if re.fullmatch(r"\*\*[^*].*[^*]\*\*:?|\*\*[^*]\*\*", s) and "**" not in s[2:-2]:
        return True, 7
    if re.fullmatch(r"\*[^*].{0,100}[^*.]\*", s) and len(s.split()) <= 12:
        return True, 7
    words = s.split()
    if not words:
        return False, 0
    if s.endswith(":") and (len(words) <= 2 or BOILERPLATE_HEADINGS.match(s)):
        return True, 7
    if s.endswith("?") and len(words) <= 8 and s[0].isupper():
        return True, 7
    if len(words) <= 15 and not s.endswith(TERMINAL) and not s.endswith(("-", "\u2013")) and (s[0].isupper() or s[0].isdigit()):
        if re.match(r"^theme\s+\d", s, re.I):
            return True, 1
        if re.match(r"^quality statement\s*:", s, re.I):
            return True, 2
        return True, 3
    return False, 0


def _continues(previous: str, line: str) -> bool:
    """Does ``line`` continue the paragraph ``previous`` (a wrapped line) rather than start a block?"""
    last = previous.splitlines()[-1].strip()
    if MD_HEADING.match(last) or MD_HEADING.match(line) or previous.endswith("  "):
        return False
    if re.fullmatch(r"\*\*.*\*\*:?", last):
        return False
    if line[:1].islower():
        return True  # a title line is never followed by a line in lower case
    if len(last) <= 60 and "\n" not in previous and _is_heading_line(last)[0]:
        return False
    return True


def _boilerplate_line(s: str) -> bool:
    t = plain(s).strip()
    return bool(
        SCORE_LINE.match(t)
        or COPYRIGHT.match(t)
        or NAVIGATION.match(t)
        or SALUTATION.match(t)
        or CC_LINE.match(t)
        or DATE_LINE.match(t)
        or METADATA.match(s.strip())
        or (CONTACT.search(t) and len(t.split()) <= 12)
        or LINK_ONLY.match(s.strip())
    )


def parse_blocks(text: str) -> list[Block]:
    """Split a report into blocks with section paths."""
    blocks: list[Block] = []
    # Group lines into runs separated by blank lines, keeping offsets.
    runs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        if line.strip(" \t\u00a0\ufeff") == "":
            if current:
                runs.append(current)
                current = []
        else:
            current.append((pos, line))
        pos += len(raw)
    if current:
        runs.append(current)

    stack: list[tuple[int, str]] = []  # (level, heading text)
    in_boilerplate_section = False
    pending_lead_in = False
    last_prose: Block | None = None

    def section() -> tuple[str, ...]:
        return tuple(h for _, h in stack)

    def push_heading(level: int, title: str) -> None:
        nonlocal in_boilerplate_section
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        in_boilerplate_section = bool(BOILERPLATE_HEADINGS.match(title))

    def add_prose(kind: str, start: int, line_text: str, depth: int = 0) -> Block:
        cleaned, offs = clean_inline(line_text, start)
        b = Block(kind, start, start + len(line_text), section(), cleaned, offs, depth, pending_lead_in)
        blocks.append(b)
        return b

    for run in runs:
        # Tables: any tab-separated line, or Markdown table rows.
        if any("\t" in ln.strip(" ") for _, ln in run) or all(ln.lstrip().startswith("|") for _, ln in run):
            blocks.append(Block("table", run[0][0], run[-1][0] + len(run[-1][1]), section()))
            pending_lead_in = False
            continue
        # Address / signature / contact blocks: several short hard-broken lines.
        if len(run) >= 2 and all(ln.endswith("  ") or ln is run[-1][1] for _, ln in run) and all(
            len(ln.split()) <= 10 for _, ln in run
        ):
            blocks.append(Block("boilerplate", run[0][0], run[-1][0] + len(run[-1][1]), section()))
            continue
        # Split the run into list items and paragraph segments.
        segments: list[tuple[str, int, str, int]] = []  # kind, start, text, depth
        for start, ln in run:
            stripped = ln.lstrip(" \t\u00a0")
            indent = len(ln) - len(stripped)
            m = LIST_MARKER.match(stripped)
            if m and not MD_HEADING.match(stripped):
                body_start = start + indent + m.end()
                segments.append(("list_item", body_start, stripped[m.end():], indent // 2))
            elif segments and segments[-1][0] == "list_item" and indent > 0:
                kind, s0, t0, d0 = segments[-1]
                segments[-1] = (kind, s0, text[s0 : start + len(ln)], d0)
            elif segments and segments[-1][0] == "paragraph" and _continues(segments[-1][2], stripped):
                kind, s0, t0, d0 = segments[-1]
                segments[-1] = (kind, s0, text[s0 : start + len(ln)], d0)
            else:
                segments.append(("paragraph", start + indent, stripped, 0))

        for kind, start, body, depth in segments:
            end = start + len(body)
            flat = " ".join(body.split())
            if kind == "paragraph":
                is_head, level = _is_heading_line(flat) if "\n" not in body else (False, 0)
                if is_head and not _boilerplate_line(flat):
                    title = plain(MD_HEADING.match(flat).group(2) if MD_HEADING.match(flat) else flat).strip(" :*")
                    if not title:
                        continue
                    push_heading(level, title)
                    blocks.append(Block("heading", start, end, section()))
                    pending_lead_in = False
                    last_prose = None
                    continue
                if _boilerplate_line(flat) or in_boilerplate_section:
                    blocks.append(Block("boilerplate", start, end, section()))
                    continue
                # A paragraph that starts in lower case continues the previous one (page break).
                if last_prose is not None and last_prose.kind == "paragraph" and flat[:1].islower():
                    cleaned, offs = clean_inline(body, start)
                    last_prose.text += " " + cleaned
                    last_prose.offsets += [start] + offs
                    last_prose.end = end
                    pending_lead_in = last_prose.text.rstrip(" -\u2013").endswith(":")
                    continue
                pending_lead_in = False
                last_prose = add_prose("paragraph", start, body)
                pending_lead_in = last_prose.text.rstrip(" -\u2013").endswith(":")
            else:
                if LINK_ONLY.match(flat) or in_boilerplate_section or _boilerplate_line(flat):
                    blocks.append(Block("boilerplate", start, end, section()))
                    continue
                item = add_prose("list_item", start, body, depth)
                last_prose = item
                if item.text.rstrip(" -\u2013").endswith(":"):
                    pending_lead_in = True  # items nested under this one are a listed topic set
                elif depth == 0 and blocks[-2:-1] and blocks[-2].kind == "list_item" and blocks[-2].depth > 0:
                    pending_lead_in = False
    _mark_topic_lists(blocks)
    return blocks


def _mark_topic_lists(blocks: list[Block]) -> None:
    """Turn list items that only name a topic into boilerplate ("- Safeguarding", "- Housing;").

    A list is topic-only when its section is not a classifying heading, all its items are short (at
    most eight words) and carry no figures, and either a lead-in ending in a colon introduced it or
    most of its items have at most four words. A short item in a list of findings stays a finding.
    """
    i = 0
    n = len(blocks)
    while i < n:
        if blocks[i].kind != "list_item":
            i += 1
            continue
        j = i
        while j < n and blocks[j].kind == "list_item" and blocks[j].lead_in == blocks[i].lead_in and blocks[j].depth == blocks[i].depth:
            j += 1
        items = blocks[i:j]
        classifying = any(heading_class(items[0].heading))
        if not classifying:
            short = [_words(b.text) <= 4 for b in items]
            topic_list = all(_words(b.text) <= 8 and not re.search(r"\d", b.text) for b in items) and (
                items[0].lead_in or sum(short) * 2 > len(items)
            )
            if topic_list and any(b.text.split()[0].lower() in IMPERATIVE for b in items if b.text.split()):
                topic_list = False  # "- Strengthen the carers' offer" is a recommendation, not a topic
            if topic_list:
                for b in items:
                    b.kind = "boilerplate"
        i = j


def _words(text: str) -> int:
    return len([w for w in re.split(r"\s+", text.strip(" ;.,")) if w and w not in {"and", "or", "&"}])

