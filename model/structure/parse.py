"""Parse a report's text into blocks: headings, paragraphs, list items, tables and boilerplate.

The stages, each a pure function of what the one before produced:

1. :func:`.lines.split_lines`: the lines, with offsets, indentation and list markers;
2. markers: canonical block text (``canonical=True``, what the HTML, DOCX and PDF readers write)
   is read by its markers only; a Markdown text by a Markdown parser (:mod:`.markdown`);
3. :func:`.anchors.fix_anchors`: lines known by what they say (score lines, framework headings,
   salutations, contact lines, addresses, table rows);
4. :func:`.layout.decide_layout` (plain text and Markdown paragraphs only): which lines continue
   the block above, and whether a block is a heading, a paragraph or a list item;
5. blocks with cleaned text and offsets (:mod:`.inline`);
6. :func:`family_passes`: section paths, framework boilerplate sections, contact details,
   lead-ins, topic-only lists, and score lines kept as metadata.

Every block records the ``rule`` that decided it. Only ``paragraph`` and ``list_item`` blocks reach
the sentence stream.
"""
from __future__ import annotations

import re

from ..lang import framework, furniture
from ..lang.headings import is_classifying
from ..lang.recommendations import IMPERATIVE
from .anchors import fix_anchors
from .blocks import Block, Structure
from .inline import clean_inline, plain
from .layout import current_engine, decide_layout
from .lines import LIST_MARKER, Line, split_lines
from .markdown import looks_like_markdown, markdown_roles
from .features import ends_colon

MD_HEADING = re.compile(r"^(#{1,6})(?:\s+(.*?))?\s*(?:\s#+)?\s*$")
BOLD_LINE = re.compile(r"^\*\*[^*].*[^*]\*\*:?$|^\*\*[^*]\*\*$")
ITALIC_LINE = re.compile(r"^\*[^*].{0,100}[^*.]\*$")
LINK_ONLY = re.compile(r"^\[[^\]]{1,500}\]\([^)]{0,2000}\)[.;,]?$")
CANONICAL_HEADING = re.compile(r"^(#{1,6}) (.*)$")
CANONICAL_ITEM = re.compile(r"^((?:  )*)- (.*)$")

#: Headings without a marked level (bare title lines) stand at this level, below the levels of
#: the framework's themes and quality statements; bold-only lines and label lines below everything.
BARE_TITLE_LEVEL = 3
MINOR_TITLE_LEVEL = 7
#: A topic-only list has items of at most this many words, without figures ...
TOPIC_MAX_WORDS = 8
#: ... and most of its items have at most this many (unless a lead-in introduced it).
TOPIC_SHORT_WORDS = 4
#: A caption above a page's title ("Local authority assessment", "Briefing note") has at most
#: this many words and no sentence punctuation.
CAPTION_MAX_WORDS = 6
#: A table's caption has at most this many words.
TABLE_CAPTION_MAX_WORDS = 10
#: A framework statement names the person or the organisation within its first words.
STATEMENT_PRONOUN = re.compile(r"^(?:\S+\s+){0,3}?(?:I|I'm|I\u2019m|me|my|We|we|our|us)\b")

#: Layout rules that start a block and also decide its kind (so no "starts:" note is added).
LAYOUT_START_RULES = ("rules:lower-case",)

__all__ = ["LIST_MARKER", "parse_blocks", "parse_report", "report_metadata"]


def parse_blocks(text: str, canonical: bool = False, engine=None) -> list[Block]:
    """Split a report into blocks with section paths (see :func:`parse_report`)."""
    return parse_report(text, canonical, engine).blocks


def parse_report(text: str, canonical: bool = False, engine=None) -> Structure:
    """The blocks and metadata of a report's text.

    ``canonical=True`` trusts the markers of canonical block text (``#`` headings, ``- `` items,
    tab-separated rows, one line per paragraph): no heading guessing, no joining of lines. Plain
    text and Markdown are read with the layout ``engine`` (default: :func:`.layout.default_engine`).
    """
    lines = split_lines(text)
    markdown = False
    if canonical:
        _canonical_roles(lines)
    else:
        markdown = looks_like_markdown(lines)
        if markdown:
            markdown_roles(text, lines)
            _markdown_lines(lines)
    metadata = fix_anchors(lines, canonical)
    if canonical:
        ranges = _canonical_ranges(lines)
    else:
        ranges = decide_layout(lines, engine or current_engine(), markdown)
    blocks = [b for b in (_block(text, lines, a, z, canonical) for a, z in ranges) if b is not None]
    family_passes(text, blocks, metadata, canonical)
    return Structure(blocks, metadata, markdown=markdown, canonical=canonical)


# ------------------------------------------------------------------------------------ markers
def _canonical_roles(lines: list[Line]) -> None:
    for ln in lines:
        raw_indent = ln.indent
        if ln.tab:
            ln.role, ln.kind, ln.rule = "table", "table", "canonical:table-row"
            continue
        m = CANONICAL_HEADING.match(ln.text)
        if m and raw_indent == 0:
            ln.role, ln.kind, ln.level, ln.rule = "heading", "heading", len(m.group(1)), "canonical:heading"
            continue
        if ln.text.startswith("- "):
            ln.role, ln.kind, ln.depth, ln.rule = "item", "list_item", raw_indent // 2, "canonical:list-item"
            ln.body = ln.lead + 2
            continue
        ln.role, ln.kind, ln.rule = "para", "paragraph", "canonical:paragraph"
        ln.body = ln.lead


def _canonical_ranges(lines: list[Line]) -> list[tuple[int, int]]:
    ranges = []
    i = 0
    while i < len(lines):
        j = i + 1
        if lines[i].role == "table":
            while j < len(lines) and lines[j].role == "table" and not lines[j].blank_before:
                j += 1
        while j < len(lines) and lines[j].role == "cont":  # an address run (anchors)
            j += 1
        ranges.append((i, j))
        i = j
    return ranges


def _markdown_lines(lines: list[Line]) -> None:
    """Markdown's inline-only conventions for a whole line: a bold-only line is a heading, and so
    is a short italic-only line. A paragraph of short hard-broken lines (an address, a signature,
    a letterhead) is boilerplate."""
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and lines[j].rule == "markdown:hard-break":
            j += 1
        run = lines[i:j]
        if lines[i].role == "para" and len(run) >= 2 and all(len(ln.text.split()) <= furniture.ADDRESS_MAX_WORDS for ln in run):
            for k, ln in enumerate(run):
                ln.role, ln.kind, ln.rule = ("para" if k == 0 else "cont"), "boilerplate", "markdown:hard-broken-lines"
        i = j
    for ln in lines:
        if ln.role != "para":
            continue
        s = ln.text
        if BOLD_LINE.match(s) and "**" not in s[2:-2]:
            ln.role, ln.level, ln.rule = "heading", MINOR_TITLE_LEVEL, "markdown:bold-line"
        elif ITALIC_LINE.match(s) and len(s.split()) <= 12:
            ln.role, ln.level, ln.rule = "heading", MINOR_TITLE_LEVEL, "markdown:italic-line"


# ------------------------------------------------------------------------------------- blocks
def _block(text: str, lines: list[Line], a: int, z: int, canonical: bool) -> Block | None:
    first, last = lines[a], lines[z - 1]
    kind = first.kind or "paragraph"
    b = Block(kind, first.lead, last.end, rule=first.rule, line=first.n + 1, end_line=last.n + 1)
    if kind == "heading":
        raw = text[first.lead : last.end]
        m = MD_HEADING.match(first.text)
        if m:
            raw = (m.group(2) or "") + text[first.end : last.end]
        title = plain(raw).strip(" :*_")
        if not title:
            return None
        b.text = title
        b.level = first.level or _title_level(first, title)
        return b
    if kind in ("paragraph", "list_item"):
        start = first.body if kind == "list_item" else first.lead
        b.start = start
        b.text, b.offsets = clean_inline(text[start : last.end], start, markup=not canonical)
        if kind == "list_item":
            b.depth = first.depth if (first.rule.startswith(("markdown:", "canonical:"))) else first.indent // 2
        if not b.text:
            b.kind = "boilerplate"
        return b
    return b  # table, boilerplate


def _title_level(first: Line, title: str) -> int:
    level = framework.title_level(title)
    if level is not None:
        return level
    if first.rule.startswith(("rules:question", "rules:label")) or title.endswith("?"):
        return MINOR_TITLE_LEVEL
    if first.text.rstrip().endswith(":") and len(title.split()) <= 2:
        return MINOR_TITLE_LEVEL
    return BARE_TITLE_LEVEL


# ------------------------------------------------------------------------------ family passes
def family_passes(text: str, blocks: list[Block], metadata: list[dict], canonical: bool) -> None:
    """Section paths, framework boilerplate, contact details, lead-ins, page-break joins, topic-only
    lists; score lines recorded in ``metadata`` get the section they stand in."""
    stack: list[tuple[int, str]] = []
    in_boilerplate = False
    pending_lead_in = False
    last_prose: Block | None = None
    last_at = -1  # blocks of out after this index stand between last_prose and the next block
    meta_by_start = {m["start"]: m for m in metadata}
    group, prose_since = -1, True  # score lines with no prose or heading between them make a group
    out: list[Block] = []
    for b in blocks:
        if b.start in meta_by_start and b.kind == "boilerplate":
            path = [h for _, h in stack]
            if prose_since:
                group, prose_since = group + 1, False
            meta_by_start[b.start].update(section=path[-1] if path else "", section_path=path, group=group)
        elif b.kind in ("paragraph", "list_item"):
            prose_since = True
        if b.kind == "heading":
            prose_since = True
            while stack and stack[-1][0] >= b.level:
                stack.pop()
            stack.append((b.level, b.text))
            b.section = tuple(h for _, h in stack)
            if not b.rule.startswith(("markdown:", "canonical:", "framework:")) and _furniture(b, b.text, b.text):
                _boiler(b, _furniture(b, b.text, b.text))  # "Dear Peter" or an e-mail address alone is not a title
                stack.pop()
                out.append(b)
                continue
            in_boilerplate = bool(framework.BOILERPLATE_HEADING.match(b.text))
            pending_lead_in = False
            last_prose = None
            out.append(b)
            continue
        b.section = tuple(h for _, h in stack)
        if b.kind not in ("paragraph", "list_item"):
            out.append(b)
            continue
        flat = b.text
        if in_boilerplate:
            if STATEMENT_PRONOUN.match(flat):
                _boiler(b, "framework:statement")
                out.append(b)
                continue
            in_boilerplate = False  # not a framework statement: the boilerplate section has ended
        why = _furniture(b, flat, text[b.start : b.end])
        if why:
            _boiler(b, why)
            out.append(b)
            continue
        # A paragraph that starts in lower case continues the previous one (a page break between).
        if (
            not canonical
            and b.kind == "paragraph"
            and last_prose is not None
            and last_prose.kind == "paragraph"
            and flat[:1].islower()
            and _only_furniture_between(text, last_prose, out[last_at + 1 :], b)
            and not _started_by_layout(b)  # the layout started it here on purpose, without a blank line
            and not ends_colon(last_prose.text)  # a lead-in's first item, not the lead-in's second half
        ):
            hyphen = last_prose.text.endswith("-") and last_prose.text[-2:-1].isalpha()
            joined = last_prose.text + ("" if hyphen else " ") + flat  # "well-" / "organised": joined as plain() joins it
            if not hyphen:
                last_prose.offsets.add(b.start)  # the space stands for the break
            last_prose.offsets.extend(b.offsets)
            last_prose.text = joined
            last_prose.end = b.end
            last_prose.end_line = b.end_line
            last_prose.rule += "; text:page-break-join"
            last_at = len(out) - 1  # what stands between is checked from here on (linear in blocks)
            pending_lead_in = last_prose.text.rstrip(" -\u2013").endswith(":")
            continue
        if b.kind == "paragraph":
            b.lead_in = False
            last_prose, last_at = b, len(out)
            pending_lead_in = flat.rstrip(" -\u2013").endswith(":")
            if framework.STATEMENT_LIST_LEAD_IN.search(flat):
                pending_lead_in = "framework"
        else:
            b.lead_in = bool(pending_lead_in)
            if pending_lead_in == "framework":
                _boiler(b, "framework:statement-list")
                out.append(b)
                continue
            last_prose, last_at = b, len(out)
            if flat.rstrip(" -\u2013").endswith(":"):
                pending_lead_in = True  # items nested under this one are a listed topic set
            elif b.depth == 0 and out and out[-1].kind == "list_item" and out[-1].depth > 0:
                pending_lead_in = False
        out.append(b)
    blocks[:] = out
    _mark_caption_above_title(blocks)
    _mark_table_captions(blocks)
    _mark_topic_lists(blocks)


def _only_furniture_between(text: str, prev: Block, between: list[Block], b: Block) -> bool:
    """Whether nothing but blank lines and the blocks ``between`` (page furniture read as
    boilerplate) stands between ``prev`` and ``b``: a page break, not a heading or a marker that
    made no block of its own (an empty ``#``)."""
    pos = prev.end
    for x in between:
        if x.kind != "boilerplate" or text[pos : x.start].strip():
            return False
        pos = max(pos, x.end)
    return not text[pos : b.start].strip()


def _mark_table_captions(blocks: list[Block]) -> None:
    """A short line without sentence punctuation right above a table that names a measure or
    numbers the table (:data:`..lang.furniture.TABLE_CAPTION`: "% of carers offered an
    assessment", "Table 2 Waiting times by district") is its caption, not a sentence."""
    for b, nxt in zip(blocks, blocks[1:]):
        if b.kind != "paragraph" or nxt.kind != "table":
            continue
        t = b.text.strip()
        if 0 < len(t.split()) <= TABLE_CAPTION_MAX_WORDS and not re.search(r"[.!?:;,]\W*$", t) and furniture.TABLE_CAPTION.match(t):
            _boiler(b, "family:table-caption")


def _mark_caption_above_title(blocks: list[Block]) -> None:
    """A short line standing right above the report's first heading, with no paragraph before it,
    is the caption (kicker) a page prints above its title ("Local authority assessment"), not a
    sentence of the report. Breadcrumbs and other boilerplate may come before it."""
    first = next((i for i, b in enumerate(blocks) if b.kind == "heading"), None)
    if not first:
        return
    b = blocks[first - 1]
    if b.kind != "paragraph" or any(x.kind == "paragraph" for x in blocks[: first - 1]):
        return
    t = b.text.strip()
    if 0 < len(t.split()) <= CAPTION_MAX_WORDS and not re.search(r"[.!?:;,]\W*$", t) and t[:1].isupper():
        _boiler(b, "furniture:caption-above-title")


def _started_by_layout(b: Block) -> bool:
    """Did a layout rule start the block at a line with no blank line before it (the rule that
    decided it says so: "starts: rules:...")?"""
    return "starts: rules:" in b.rule or "starts: line-model:" in b.rule or b.rule.startswith(LAYOUT_START_RULES)


def _boiler(b: Block, rule: str) -> None:
    b.kind = "boilerplate"
    b.rule = rule if not b.rule else f"{rule} (read as {b.rule})"


def _furniture(b: Block, flat: str, raw: str) -> str | None:
    """Why a block that reads as prose is furniture after all (contact details, a link alone, ...)."""
    if len(flat) > 300:
        return None
    kind = furniture.furniture_kind(flat) or furniture.block_furniture_kind(flat)
    if kind:
        return f"furniture:{kind}"
    if framework.score_line(flat):
        return "framework:score-line"
    raw = raw.strip()
    if LINK_ONLY.match(raw):
        return "markdown:link-only"
    if furniture.BOLD_LABEL.match(raw):
        return "furniture:label-value"
    if b.kind != "heading" and framework.title_level(flat) is None and furniture.is_label_value(flat, is_classifying):
        return "furniture:label-value"  # the same field with its bold lost; "Quality statement: Safeguarding" is a title
    return None


def _mark_topic_lists(blocks: list[Block]) -> None:
    """Turn list items that only name a topic into boilerplate ("- Safeguarding", "- Housing;").

    A list is topic-only when its section is not a classifying heading (guideline rule 1), all its
    items are short (at most ``TOPIC_MAX_WORDS`` words) and carry no figures, and either a lead-in
    ending in a colon introduced it or most of its items have at most ``TOPIC_SHORT_WORDS`` words.
    A list whose items open with an imperative verb is a list of recommendations, not topics.
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
        if not is_classifying(items[0].heading):
            short = [_words(b.text) <= TOPIC_SHORT_WORDS for b in items]
            topic_list = all(_words(b.text) <= TOPIC_MAX_WORDS and not re.search(r"\d", b.text) for b in items) and (
                items[0].lead_in or sum(short) * 2 > len(items)
            )
            if topic_list and any(b.text.split()[0].lower() in IMPERATIVE for b in items if b.text.split()):
                topic_list = False  # "- Strengthen the carers' offer" is a recommendation, not a topic
            if topic_list:
                for b in items:
                    _boiler(b, "family:topic-list")
        i = j


def _words(text: str) -> int:
    return len([w for w in re.split(r"\s+", text.strip(" ;.,")) if w and w not in {"and", "or", "&"}])


# ------------------------------------------------------------------------------- description
def read_as(b: Block) -> str:
    """How a block was read, for people: heading, paragraph, list_item, table, boilerplate,
    furniture (contact details, addresses, salutations, links alone) or metadata (score lines)."""
    if b.kind != "boilerplate":
        return b.kind
    rule = b.rule
    if rule.startswith(("framework:score", "framework:rating")):
        return "metadata"
    if rule.startswith(("furniture:", "markdown:link-only", "markdown:hard-broken-lines")):
        return "furniture"
    return "boilerplate"


def block_records(text: str, blocks: list[Block], report_id: str = "") -> list[dict]:
    """One dict per block: where it is (lines, offsets), how it was read, the rule that decided it,
    its section and its text (a heading's title, prose cleaned, other blocks as in the source)."""
    out = []
    for b in blocks:
        shown = b.text if b.kind in ("heading", "paragraph", "list_item") and b.text else " ".join(text[b.start : b.end].split())
        out.append(
            {
                "report": report_id,
                "line": b.line,
                "end_line": b.end_line,
                "start": b.start,
                "end": b.end,
                "read_as": read_as(b),
                "kind": b.kind,
                "rule": b.rule,
                "section": b.heading if b.kind != "heading" else (b.section[-2] if len(b.section) > 1 else ""),
                "text": shown,
            }
        )
    return out


def report_metadata(entries: list[dict]) -> dict[str, str]:
    """A report's score and rating lines as ``{label: value}`` (what ``doc._.metadata`` holds).

    The lines of one group (score lines with no prose or heading between them) fold into one entry
    per kind, keyed by the line's own label, valued by its most telling text: "Indicative score:"
    and "3 - Evidence shows a good standard" give ``{"Indicative score": "3 - Evidence shows a good
    standard"}``; "Overall rating: Good" gives ``{"Overall rating": "Good"}``; "Score: 63%" gives
    ``{"Score": "63%"}``. A label that comes again in a later group is followed by its section:
    ``"Score (Quality statement: Safeguarding)"``.
    """
    out: dict[str, str] = {}
    folded: dict[tuple, list[dict]] = {}
    for m in entries:
        folded.setdefault((m.get("group"), m["kind"]), []).append(m)
    for (_group, kind), group in folded.items():
        labelled = [m for m in group if ":" in m["text"]]
        label = labelled[0]["text"].split(":", 1)[0].strip() if labelled else kind.capitalize()
        phrases = [m["text"] for m in group if ":" not in m["text"]]
        values = [m["value"] or m["text"] for m in labelled if m["value"]]
        value = phrases[0] if phrases else (values[0] if values else group[0]["text"])
        key = label if label not in out else f"{label} ({group[0].get('section') or 'line ' + str(group[0]['line'])})"
        out[key] = value
    return out
