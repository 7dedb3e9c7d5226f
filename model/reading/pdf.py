"""PDF files to canonical block text, from the page layout.

pdfplumber (on pdfminer.six) gives every character with its font, size and position, and the
drawn shapes of each page. From them:

1. characters become lines (a superscript joins the line it is raised above; a space glyph a
   following character overlaps, as Chromium writes an unbroken soft hyphen, is dropped; a gap of
   more than :data:`WORD_GAP` of the font size is a space where the PDF has no space glyph);
2. ruled tables (pdfplumber's table finder, on the lines and rectangles drawn) become table
   blocks, and their characters leave the text flow;
3. running headers and footers, lines in the top or bottom band of the page repeated at the same
   place on many pages (the same text, or text differing by a number that counts the pages, as
   "Page 2 of 9"), page numbers and the lines of a contents page (dot leaders) are removed;
4. lines become blocks: a new block starts at a vertical gap, a change of font size or weight, a
   bullet (a small shape drawn left of the line, or a bullet glyph), or after a short line that
   ends a sentence; a paragraph cut by a page break is joined to its continuation on the next page;
5. blocks are read: larger type is a heading (level by size, largest first; a title that wraps
   stays one heading), a short block all in bold is a heading below those, bulleted blocks are
   list items (depth by the bullet's indent), the rest paragraphs. End-of-line hyphenation is
   undone where the joined form is a word (:mod:`.dehyphen`).

A password-protected PDF and a PDF without a text layer give one line naming the file.
"""
from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass, field

from ...errors import ReadError
from ..lang.web_furniture import furniture_text
from .canonical import BULLETS, ReadBlock, bold_heading, bullet_item, fold, split_lines, to_canonical
from .dehyphen import HYPHENS, WordEvidence

#: A gap between two characters wider than this share of the font size is a word space.
WORD_GAP = 0.2
#: A line whose (median) size is at least this multiple of the body size is heading type.
HEADING_SIZE_RATIO = 1.12
#: Sizes within this many points are one size (rounding in the PDF, a sub-pixel scale).
SIZE_TOLERANCE = 0.6
#: A vertical gap above a line larger than this share of its font size starts a new block.
PARAGRAPH_GAP = 0.6
#: The top and bottom bands of a page where running headers, footers and page numbers live.
MARGIN_BAND = 0.14
#: A line repeated at the same place on at least this share of the pages (and on two or more) is
#: a running header or footer.
REPEAT_SHARE = 0.4
#: A drawn bullet: at most this share of the line's font size wide and high, ending left of the
#: line's text within this many font sizes.
BULLET_MAX_SIZE = 0.8
BULLET_MAX_DISTANCE = 3.0
#: A line ending a sentence that stops this far short of the column's right edge (a share of the
#: column width) ends its paragraph.
SHORT_LINE = 0.15
#: A block whose every line stops at least this share of the column width short of the right
#: edge is a block of lines (an address, a signature), not a wrapped paragraph.
LINES_SHORT_OF_MARGIN = 0.3

#: A character at most this share of its line's size, raised above the line's baseline by at least
#: :data:`SUPERSCRIPT_RISE` of that size, is set as a superscript ...
SUPERSCRIPT_SIZE = 0.85
SUPERSCRIPT_RISE = 0.2
#: ... and a footnote's text is set at most this share of the body size.
FOOTNOTE_SIZE = 0.92

#: A gap inside a line wider than this many font sizes may be the gutter between two columns ...
COLUMN_GAP = 2.0
#: ... and it is one when the gaps of at least this many lines of the page share an x position,
COLUMN_MIN_LINES = 3
#: and the line parts on each side average at least this many characters (prose, not the cells
#: of a table drawn without rules).
COLUMN_MIN_CHARS = 20

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|demi\b|extrabold|,b$|-b$", re.I)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-\u2013(]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-\u2013)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_NUMBER_MARKER = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+")
_TERMINAL = (".", "!", "?", ":", ";")
#: The marks of a footnote reference: digits, the traditional symbols, and Unicode superscript digits.
_NOTE_MARK = "0123456789*\u2020\u2021\u00a7\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
#: A footnote begins with its mark (and perhaps a full stop), then its text.
_FOOTNOTE_START = re.compile(r"^(?:\d{1,3}\.?|[*\u2020\u2021\u00a7\u00b9\u00b2\u00b3\u2070\u2074-\u2079]{1,3})\s*[^\W\d_]")
#: A line of a table of contents: a title, a dot leader and a page number ("Key findings ..... 4").
_CONTENTS_LINE = re.compile(r"(?:\.{4,}|(?:\s?\.){4,}|\u2026{2,})\s*\d{1,4}$")


@dataclass
class Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    bullet_x: float | None = None  # x of a drawn bullet left of the line
    glyph: str = ""  # a bullet glyph that started the line (removed from text)
    second_x: float = 0.0  # where the line's second word starts (the text after a "1." marker)
    gaps: tuple = ()  # (x where a wide gap starts, x where it ends) inside the line
    column: int = 0  # 0: across the page; 1, 2: the left or right column of a two-column part
    col_left: float | None = None  # the extent of the line's column, when it stands in one
    col_right: float | None = None
    seq: int = 0  # the line's place in reading order on its page
    chars: list | None = field(default=None, repr=False)  # its characters (while the page is read)


@dataclass
class _Block:
    kind: str  # "text" or "table"
    lines: list[Line] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    page: int = 0
    top: float = 0.0


def pdf_to_text(data: bytes, path: str, dropped: list | None = None) -> str:
    """A PDF as canonical block text; ``dropped`` receives (rule, text) for each line left out."""
    return to_canonical(pdf_blocks(data, path, dropped))


def _open(data: bytes, path: str):
    import logging

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)  # their warnings would break the one-line error
    if b"%PDF-" not in data[:1024]:  # readers accept the header anywhere in the first kilobyte
        raise ReadError("is not a PDF file (no %PDF header)", path)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018  (parses the page tree: damaged files fail here)
        return pdf
    except Exception as exc:  # pdfplumber wraps pdfminer's errors in its own exception type
        cause = exc
        while cause.__cause__ is not None or cause.__context__ is not None:
            if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
                break
            cause = cause.__cause__ or cause.__context__
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(exc).lower():
            raise ReadError("is password-protected; open it and save a copy without a password", path) from None
        if isinstance(cause, PDFEncryptionError):
            raise ReadError(f"is encrypted in a way that cannot be read ({cause})", path) from None
        raise ReadError(f"cannot read PDF ({cause.__class__.__name__}: {cause})", path) from None


@dataclass
class _PageData:
    """What the reader needs of one page: characters (pdfplumber's dict keys: text, x0, x1, top,
    bottom, size, fontname; y grows downwards), the ruling edges for the table finder, and the
    drawn shapes that may be bullets. (Kept apart from pdfplumber's page so that another library
    can feed the same layout reading: PDFium was tried, see the commit that added this.)"""

    page_number: int  # 1-based, as pdfplumber numbers pages
    width: float
    height: float
    chars: list[dict]
    edges: list[dict]
    shapes: list[dict]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


def pdf_blocks(data: bytes, path: str, dropped: list | None = None) -> list[ReadBlock]:
    pages = []
    any_text = False
    for pd in _pdfplumber_pages(data, path):
        lines, tables = _page_lines(pd, pd.page_number - 1)
        any_text = any_text or bool(lines) or bool(tables)
        pages.append((pd, lines, tables))
    if not any_text:
        raise ReadError("PDF has no text layer (scanned image?); run OCR first", path)
    why: list[tuple[str, str]] = []
    _drop_running_lines(pages, why)
    blocks = _Reader(pages, why).blocks()
    if dropped is not None:
        dropped.extend(why)
    return blocks


def _pdfplumber_pages(data: bytes, path: str):
    pdf = _open(data, path)
    try:
        for page in pdf.pages:
            # "(cid:12)" is pdfminer's text for a glyph the font maps to no character: not text
            chars = [c for c in page.chars if c.get("upright", True) and c["text"] and not c["text"].startswith("(cid:")]
            yield _PageData(page.page_number, float(page.width), float(page.height), chars, list(page.edges),
                            list(page.curves) + list(page.rects))
            page.flush_cache()
    finally:
        pdf.close()


# ------------------------------------------------------------------------------------ lines
def _is_bold(fontname: str) -> bool:
    base = fontname.split("+", 1)[-1]
    return bool(_BOLD_FONT.search(base))


def _page_lines(page: _PageData, index: int) -> tuple[list[Line], list[_Block]]:
    from pdfplumber.table import TableFinder, TableSettings

    tables = []
    boxes = []
    # A table cut by a page break has no rule where the page cuts it: close it at the ends of its
    # vertical rules, so the cut row is still a row.
    verticals = [e for e in page.edges if e.get("orientation") == "v" and e["bottom"] - e["top"] > 2]
    settings = {}
    if verticals:
        settings["explicit_horizontal_lines"] = sorted({round(min(e["top"] for e in verticals), 1), round(max(e["bottom"] for e in verticals), 1)})
    try:
        found = TableFinder(page, TableSettings.resolve(settings)).tables if page.edges else []
    except Exception:  # a page whose drawing the table finder cannot follow: read it as text
        found = []
    for t in found:
        rows, box = _table_rows(page, t)
        if rows and max(len(r) for r in rows) >= 2:
            boxes.append(box)
            tables.append(_Block("table", rows=rows, page=index, top=t.bbox[1]))
    chars = [c for c in page.chars if not _in_boxes(c, boxes)]
    chars = [c for c in chars if c["x1"] >= 0 and c["x0"] <= page.width and c["bottom"] >= 0 and c["top"] <= page.height]
    lines = _columns(_group_lines(chars, index), index)
    for i, ln in enumerate(lines):
        ln.seq, ln.chars = i, None
    shapes = [o for o in page.shapes if not _obj_in_boxes(o, boxes)]
    _find_bullets(lines, shapes)
    return lines, tables


def _table_rows(page, table) -> tuple[list[list[str]], tuple]:
    """A table's cells, each read like the page's lines (word spaces, hyphenation, superscripts),
    and the box its text takes. Text beside the table's right rule, level with its rows (a column
    the page cut off past the rules), is that row's last cell."""
    x0, top, x1, bottom = table.bbox
    beside = [c for c in page.chars if top - 1 <= (c["top"] + c["bottom"]) / 2 <= bottom + 1 and c["x0"] >= x1 - 1]
    chars = [c for c in page.chars if _in_boxes(c, [table.bbox])]
    rows = []
    right = x1
    for row in table.rows:
        cells = [_cell_text(page, [c for c in chars if _in_boxes(c, [bbox])]) if bbox is not None else "" for bbox in row.cells]
        band = [b for b in row.cells if b is not None]
        if band and beside:
            t, b = min(c[1] for c in band), max(c[3] for c in band)
            extra = [c for c in beside if t - 1 <= (c["top"] + c["bottom"]) / 2 <= b + 1]
            if extra:
                cells.append(_cell_text(page, extra))
                right = max(right, max(c["x1"] for c in extra))
        if any(cells):
            rows.append(cells)
    return rows, (x0, top, right, bottom)


def _cell_text(page, chars: list[dict]) -> str:
    text = ""
    for ln in _group_lines(chars, page.page_number - 1):
        t = ln.text.strip()
        if text and text[-1] in HYPHENS and text[-2:-1].isalnum() and t[:1].isalnum():
            text = text[:-1] + ("" if text[-1] != "-" else "-") + t
        else:
            text = (text + " " + t).strip()
    return fold(text)


def _in_boxes(c, boxes) -> bool:
    mx, my = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return any(x0 - 1 <= mx <= x1 + 1 and t - 1 <= my <= b + 1 for x0, t, x1, b in boxes)


def _obj_in_boxes(o, boxes) -> bool:
    return any(o["x0"] >= x0 - 1 and o["x1"] <= x1 + 1 and o["top"] >= t - 1 and o["bottom"] <= b + 1 for x0, t, x1, b in boxes)


def _group_lines(chars: list[dict], page: int) -> list[Line]:
    """Characters into lines. Taken in order of the middle of their height, a character joins the
    current line when its height overlaps the line's band by at least half (a superscript or a
    smaller word joins the line it sits on; the next line down, below the leading, does not)."""
    if not chars:
        return []
    groups: list[list[dict]] = []
    top = bottom = 0.0
    for c in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        h = max(c["bottom"] - c["top"], 0.1)
        if groups and min(bottom, c["bottom"]) - max(top, c["top"]) >= 0.5 * min(h, bottom - top or h):
            groups[-1].append(c)
            top, bottom = min(top, c["top"]), max(bottom, c["bottom"])
            continue
        groups.append([c])
        top, bottom = c["top"], c["bottom"]
    lines = [ln for ln in (_make_line(g, page) for g in groups) if ln is not None]
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _make_line(g: list[dict], page: int) -> Line | None:
    g.sort(key=lambda c: c["x0"])
    sizes = [c["size"] for c in g if c["text"].strip()]
    size = statistics.median(sizes) if sizes else g[0]["size"]
    g = _without_note_marks(g, size)
    text = _line_text(g)
    if not text.strip():
        return None
    main = [c for c in g if c["text"].strip() and c["size"] >= size - SIZE_TOLERANCE] or g
    bold = sum(_is_bold(c["fontname"]) for c in main) * 2 > len(main)
    x0 = min(c["x0"] for c in g if c["text"].strip())
    line = Line(page, text, x0, max(c["x1"] for c in g), min(c["top"] for c in main),
                max(c["bottom"] for c in main), round(size, 1), bold)
    gaps = [i for i in range(1, len(g)) if g[i - 1]["text"].isspace() and not g[i]["text"].isspace()]
    line.second_x = g[gaps[0]]["x0"] if gaps else x0
    ink = [c for c in g if c["text"].strip()]
    line.gaps = tuple((a["x1"], b["x0"]) for a, b in zip(ink, ink[1:]) if b["x0"] - a["x1"] > COLUMN_GAP * size)
    line.chars = g
    return line


def _without_note_marks(g: list[dict], size: float) -> list[dict]:
    """The line's characters without footnote reference marks: a run of digits or note symbols set
    as a superscript (small and raised) straight after a word or punctuation ("services.3")."""
    base = [c["bottom"] for c in g if c["text"].strip() and c["size"] >= size - SIZE_TOLERANCE]
    if not base:
        return g
    baseline = statistics.median(base)

    def mark(c) -> bool:
        return (c["text"] in _NOTE_MARK and c["size"] <= SUPERSCRIPT_SIZE * size
                and c["bottom"] <= baseline - SUPERSCRIPT_RISE * size)

    out: list[dict] = []
    i = 0
    while i < len(g):
        j = i
        while j < len(g) and mark(g[j]):
            j += 1
        if j > i and out and out[-1]["text"].strip():  # attached to what it follows
            i = j
            continue
        out.extend(g[i : max(j, i + 1)])
        i = max(j, i + 1)
    return out


def _columns(lines: list[Line], page: int) -> list[Line]:
    """A part of the page set in two columns, read left column first, then the right one.

    The gutter is an x position inside a wide gap (:data:`COLUMN_GAP`) of at least
    :data:`COLUMN_MIN_LINES` lines; the part runs from the first to the last of those lines. Each
    of its lines is cut at the gutter; the lines above and below it (a title, a footnote across
    the page) keep their place. Parts whose sides are short (:data:`COLUMN_MIN_CHARS`: the cells of
    a table drawn without rules) are not columns."""
    cands = [ln for ln in lines if ln.gaps]
    if len(cands) < COLUMN_MIN_LINES:
        return lines
    best, support = None, []
    xs = sorted({round((a + b) / 4) * 2 for ln in cands for a, b in ln.gaps})  # the gaps' middles, to 2 points
    for x in xs:
        hits = [m for m in cands if any(ga <= x <= gb for ga, gb in m.gaps)]
        if len(hits) > len(support):
            best, support = x, hits
    if best is None or len(support) < COLUMN_MIN_LINES:
        return lines
    top, bottom = min(m.top for m in support), max(m.bottom for m in support)
    inside = [ln for ln in lines if ln.top >= top - 1 and ln.bottom <= bottom + 1]
    left: list[Line] = []
    right: list[Line] = []
    for ln in inside:
        lc = [c for c in ln.chars if (c["x0"] + c["x1"]) / 2 < best]
        rc = [c for c in ln.chars if (c["x0"] + c["x1"]) / 2 >= best]
        for part, side in ((lc, left), (rc, right)):
            made = _make_line(list(part), page) if part else None
            if made is not None:
                side.append(made)
    if not left or not right or min(sum(len(m.text) for m in side) / len(side) for side in (left, right)) < COLUMN_MIN_CHARS:
        return lines
    for n, side in ((1, left), (2, right)):
        lo, hi = min(m.x0 for m in side), max(m.x1 for m in side)
        for m in side:
            m.column, m.col_left, m.col_right = n, lo, hi
    ids = {id(ln) for ln in inside}
    above = [ln for ln in lines if id(ln) not in ids and ln.bottom <= top + 1]
    below = [ln for ln in lines if id(ln) not in ids and ln.bottom > top + 1]
    return above + sorted(left, key=lambda m: m.top) + sorted(right, key=lambda m: m.top) + below


def _line_text(chars: list[dict]) -> str:
    out: list[str] = []
    prev = None
    for i, c in enumerate(chars):
        t = c["text"]
        if t.isspace():
            nxt = chars[i + 1] if i + 1 < len(chars) else None
            if nxt is not None and nxt["x0"] < c["x0"] + 0.5 * max(c["x1"] - c["x0"], 0.1):
                continue  # a zero-advance space glyph (an unbroken soft hyphen): not a word space
            if out and out[-1] != " ":
                out.append(" ")
            prev = c
            continue
        if prev is not None and not prev["text"].isspace() and out and out[-1] != " ":
            gap = c["x0"] - prev["x1"]
            if gap > WORD_GAP * min(c["size"], prev["size"]):
                out.append(" ")
        out.append(t)
        prev = c
    return "".join(out).strip()


def _find_bullets(lines: list[Line], shapes: list[dict]) -> None:
    for ln in lines:
        glyph = ln.text[:1]
        item = bullet_item(ln.text, dashes=False) if glyph in BULLETS else None
        if item is not None:
            ln.glyph = glyph
            ln.text = item[0]
            ln.bullet_x = ln.x0
            continue
        size = ln.size or 10
        for s in shapes:
            w, h = s["x1"] - s["x0"], s["bottom"] - s["top"]
            if not (0.8 <= w <= BULLET_MAX_SIZE * size and 0.8 <= h <= BULLET_MAX_SIZE * size and 0.5 <= w / h <= 2):
                continue
            mid = (s["top"] + s["bottom"]) / 2
            if ln.top - 1 <= mid <= ln.bottom + 1 and s["x1"] <= ln.x0 + 1 and ln.x0 - s["x1"] <= BULLET_MAX_DISTANCE * size:
                ln.bullet_x = s["x0"]
                break


# ------------------------------------------------------------------------ headers and footers
def _drop_running_lines(pages, why: list) -> None:
    """Remove running headers and footers and page numbers from the pages' lines (in place)."""
    n = len(pages)
    groups: dict[tuple, list[Line]] = {}
    for page, lines, _ in pages:
        for ln in lines:
            if _in_band(ln, page.height):
                groups.setdefault(_running_key(ln), []).append(ln)
    need = max(2, REPEAT_SHARE * n)
    running = {key for key, found in groups.items() if len({ln.page for ln in found}) >= need and _repeats(found)}
    told: set = set()
    for page, lines, _ in pages:
        keep = []
        for ln in lines:
            rule = ""
            if _in_band(ln, page.height) and _running_key(ln) in running:
                rule = "running header or footer"
            elif _in_band(ln, page.height) and _PAGE_NUMBER.match(ln.text.strip()):
                rule = "page number"
            elif _CONTENTS_LINE.search(ln.text):
                rule = "contents line"  # a contents page: not report text
            if not rule:
                keep.append(ln)
            elif (rule, _running_key(ln)[0]) not in told:  # a header is told once, not once per page
                told.add((rule, _running_key(ln)[0]))
                why.append((rule, ln.text[:80]))
        lines[:] = keep


def _repeats(found: list[Line]) -> bool:
    """Lines at one place on several pages are a running header or footer when their text is the
    same on every page, or differs only by a number that counts the pages ("Page 3 of 9")."""
    texts = {fold(ln.text) for ln in found}
    if len(texts) == 1:
        return True
    numbers = [[int(x) for x in re.findall(r"\d+", ln.text)] for ln in found]
    width = min(len(ns) for ns in numbers)
    for i in range(width):
        offsets = {ns[i] - ln.page for ns, ln in zip(numbers, found)}
        if len(offsets) == 1:
            return True
    return False


def _in_band(ln: Line, height: float) -> bool:
    return ln.bottom <= MARGIN_BAND * height or ln.top >= (1 - MARGIN_BAND) * height


def _running_key(ln: Line) -> tuple:
    return (re.sub(r"\d+", "#", fold(ln.text).lower()), round(ln.top / 3))


# ------------------------------------------------------------------------------------ reading
class _Reader:
    def __init__(self, pages, why: list):
        self.pages = pages
        self.why = why
        all_lines = [ln for _, lines, _ in pages for ln in lines]
        self.evidence = WordEvidence(ln.text for ln in all_lines)
        # Where the PDF writes its break hyphens with their own character (U+2010, or a soft hyphen)
        # and never uses it inside a line, that character marks the breaks and "-" is a real hyphen.
        ends = [ln.text[-1:] for ln in all_lines]
        self.marked_breaks = any(e in "\u2010\u00ad" for e in ends if e) and not any(
            "\u2010" in ln.text.rstrip("\u2010") for ln in all_lines)
        weights: dict[float, int] = {}
        for ln in all_lines:
            weights[ln.size] = weights.get(ln.size, 0) + len(ln.text)
        self.body = max(weights, key=weights.get) if weights else 10.0
        heading_sizes = sorted({ln.size for ln in all_lines if ln.size >= self.body * HEADING_SIZE_RATIO}, reverse=True)
        self.levels: list[float] = []  # distinct heading sizes, largest first
        for s in heading_sizes:
            if not self.levels or self.levels[-1] - s > SIZE_TOLERANCE:
                self.levels.append(s)
        bullets = sorted({round(ln.bullet_x) for ln in all_lines if ln.bullet_x is not None})
        self.bullet_depth: list[float] = []
        for x in bullets:
            if not self.bullet_depth or x - self.bullet_depth[-1] > 4:
                self.bullet_depth.append(x)
        self.left = min((ln.x0 for ln in all_lines), default=0)
        self.right = max((ln.x1 for ln in all_lines), default=0)

    def level_of(self, size: float) -> int:
        for i, s in enumerate(self.levels):
            if size >= s - SIZE_TOLERANCE:
                return min(6, i + 1)
        return 0

    def depth_of(self, x: float) -> int:
        for i, s in enumerate(self.bullet_depth):
            if x <= s + 4:
                return i
        return max(0, len(self.bullet_depth) - 1)

    def blocks(self) -> list[ReadBlock]:
        raw: list[_Block] = []
        for page, lines, tables in self.pages:
            items: list[_Block] = []
            cur: _Block | None = None
            prev: Line | None = None
            for ln in lines:
                if cur is None or self._starts_block(prev, ln, cur):
                    cur = _Block("text", [ln], page=ln.page, top=ln.top)
                    items.append(cur)
                else:
                    cur.lines.append(ln)
                prev = ln
            # reading order: lines by their place (columns read one after the other), a table
            # before the first line below its top
            def place(b: _Block) -> float:
                if b.kind != "table":
                    return b.lines[0].seq
                return next((ln.seq - 0.5 for ln in lines if ln.top > b.top and not ln.column), len(lines))

            items = self._without_footnotes(items, lines)
            merged = sorted(items + tables, key=place)
            if raw and merged and self._continues(raw[-1], merged[0]):
                raw[-1].lines.extend(merged[0].lines)
                merged = merged[1:]
            raw.extend(merged)
        return self._read(raw)

    def _without_footnotes(self, items: list[_Block], lines: list[Line]) -> list[_Block]:
        """A page's blocks without its footnotes: a block in small print that starts with a note
        mark ("1 Source: ...", "* Provisional figures"), in the lower half of the page, with no
        line of body or larger print below it."""
        if not items:
            return items
        small = self.body * FOOTNOTE_SIZE
        page_bottom = max(ln.bottom for ln in lines)
        page_top = min(ln.top for ln in lines)
        keep = []
        for b in items:
            first = b.lines[0]
            if (all(ln.size <= small and ln.size < self.body - SIZE_TOLERANCE for ln in b.lines)
                    and _FOOTNOTE_START.match(first.text)
                    and first.top >= (page_top + page_bottom) / 2
                    and not any(ln.top > first.top and ln.size > small for ln in lines)):
                self.why.append(("footnote", self._join(b.lines)[:80]))
                continue
            keep.append(b)
        return keep

    def _style(self, ln: Line) -> tuple:
        return (self.level_of(ln.size), ln.bold and not self.level_of(ln.size))

    def _starts_block(self, prev: Line, ln: Line, cur: _Block) -> bool:
        if ln.bullet_x is not None or _NUMBER_MARKER.match(ln.text) and ln.x0 <= cur.lines[0].x0 + 2:
            return True
        if self._style(prev) != self._style(ln):
            return True
        gap = ln.top - prev.bottom
        if gap > PARAGRAPH_GAP * max(ln.size, prev.size):
            return True
        if gap < -0.5 * ln.size:  # a line above the previous one: another column or a new flow
            # the top of the right column goes on with a sentence the left column left open
            return not (ln.column == 2 and prev.column == 1 and not prev.text.rstrip().endswith(_TERMINAL))
        first = cur.lines[0]
        if first.bullet_x is not None or _NUMBER_MARKER.match(first.text):
            return ln.x0 < _text_x(first) - 2  # an item's wrapped lines hang at its text
        if ln.x0 > prev.x0 + ln.size and len(cur.lines) > 1:
            return True  # a first-line indent
        left, right = self._extent(prev)
        width = right - left
        if prev.text.rstrip().endswith((".", "!", "?")) and width and prev.x1 < right - SHORT_LINE * width and not self.level_of(prev.size):
            return True
        return False

    def _extent(self, ln: Line) -> tuple[float, float]:
        """The left and right edges of the text a line stands in (its column's, or the page's)."""
        if ln.col_left is not None and ln.col_right is not None:
            return ln.col_left, ln.col_right
        return self.left, self.right

    def _continues(self, last: _Block, nxt: _Block) -> bool:
        """Does the first block of a page continue the last block of the page before?"""
        if last.kind != "text" or nxt.kind != "text" or not last.lines or not nxt.lines:
            return False
        a, b = last.lines[-1], nxt.lines[0]
        if self.level_of(a.size) or self.level_of(b.size) or a.bold != b.bold or b.bullet_x is not None:
            return False
        if _NUMBER_MARKER.match(b.text) or abs(a.size - b.size) > SIZE_TOLERANCE:
            return False
        first = last.lines[0]
        if first.bullet_x is not None and b.x0 < _text_x(first) - 2:
            return False
        return not a.text.rstrip().endswith((".", "!", "?")) or b.text[:1].islower()

    def _join(self, lines: list[Line]) -> str:
        """The lines of a block as one line: end-of-line hyphens undone where the joined form is a
        word, kept (without a space) where the hyphen is part of a compound ("7-minute")."""
        out = ""
        for ln in lines:
            t = ln.text.strip()
            if not out:
                out = t
                continue
            hyphen = out[-1]
            if hyphen in HYPHENS and len(out) > 1 and out[-2].isalnum() and t[:1].isalnum():
                left = out[:-1].rsplit(" ", 1)[-1]
                if self.marked_breaks:
                    join = hyphen != "-"
                else:
                    join = out[-2].isalpha() and self.evidence.join(left, hyphen, t.split(" ", 1)[0])
                out = out[:-1] + t if join else out[:-1] + "-" + t
                continue
            out += " " + t
        return out

    def _short_lines(self, b: _Block) -> list[str] | None:
        """The lines of a block whose every line stops well short of the right margin (an address)."""
        if len(b.lines) < 2:
            return None
        for ln in b.lines:
            left, right = self._extent(ln)
            if not right - left or ln.x1 > right - LINES_SHORT_OF_MARGIN * (right - left):
                return None
        return split_lines([ln.text for ln in b.lines])

    def _read(self, raw: list[_Block]) -> list[ReadBlock]:
        out: list[ReadBlock] = []
        for b in raw:
            if b.kind == "table":
                out.append(ReadBlock("table", rows=b.rows))
                continue
            text = fold(self._join(b.lines))
            if text and furniture_text(text):
                self.why.append(("furniture text", text[:80]))
            if not text or furniture_text(text):
                continue
            first = b.lines[0]
            level = self.level_of(statistics.median(ln.size for ln in b.lines))
            if level:
                out.append(ReadBlock("heading", text, level=level))
            elif first.bullet_x is not None:
                out.append(ReadBlock("list_item", text, depth=self.depth_of(first.bullet_x)))
            elif _NUMBER_MARKER.match(text):
                out.append(ReadBlock("list_item", text[_NUMBER_MARKER.match(text).end():], depth=0))
            elif all(ln.bold for ln in b.lines) and bold_heading(text):
                out.append(ReadBlock("heading", text.rstrip(" :"), level=min(6, len(self.levels) + 1)))
            elif self._short_lines(b) is not None:
                out.extend(ReadBlock("paragraph", line) for line in self._short_lines(b))  # an address, a signature
            else:
                out.append(ReadBlock("paragraph", text))
        return out


def _text_x(ln: Line) -> float:
    """Where an item's text starts (after a number marker written as text)."""
    return ln.second_x if _NUMBER_MARKER.match(ln.text) and ln.second_x > ln.x0 else ln.x0
