"""Named features of lines and blocks, shared by the two layout engines (:mod:`.layout`).

Two decisions make the layout of plain text: for each line that follows another without a blank
line, does it *continue* the block above (a wrapped line) or *start* a new one (boundary
features); and for each block, is it a heading, a paragraph or a list item (kind features). The
features are today's rules made explicit: terminal punctuation, length relative to the document's
typical line, whether the next word would have fitted on the line above, title case, list markers,
indentation, function words at the end of a line, the neighbouring lines.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from ..lang.english import ABBREVIATIONS, AUXILIARIES, FUNCTION_WORDS
from . import rules
from .lines import Line

#: Lines on each side that make a line's neighbourhood (its local width and wrapped share).
WINDOW = 4
#: A line at least this share of the local width counts as full.
NEAR_FULL = 0.75
#: A line longer than this was not hard-wrapped: people wrap text at 40 to 100 columns (issue 10),
#: so a longer line is a block of its own (text copied from a browser, one line per block).
LONG_LINE = 110
#: A wrapped line that would have had room for the next line's first word and this many columns
#: more was broken on purpose (wrapping ends a line early only when the next word does not fit;
#: the spare columns allow for text from proportional type). The width is the widest of the two
#: lines before and the one after (a narrower window than ``WINDOW``: the sections of a
#: pasted-together document are wrapped at different widths).
ROOM = 2

_TERMINAL = (".", "!", "?")
_OPENERS = "(\"'\u201c\u2018[\u00ab"


def last_word(text: str) -> str:
    words = text.rsplit(None, 1)  # empty for text of only Unicode whitespace (U+0085, U+2028...)
    w = words[-1] if words else ""
    return w.strip(".,;:!?\"'\u201d\u2019)]*_").lower()


def first_word(text: str) -> str:
    words = text.split(None, 1)
    return words[0] if words else ""


def sentence_end(text: str) -> bool:
    """Does the text end a sentence: a full stop, "!" or "?" (closing quotes and brackets
    aside), the last word not an abbreviation ("e.g.", "approx.", "etc.", "a.m.")?"""
    t = text.rstrip("\"'\u201d\u2019)]*_")
    if t.endswith(("!", "?")):
        return True
    if not t.endswith(".") or t.endswith(".."):
        return False
    w = t.rsplit(None, 1)[-1][:-1].lstrip(_OPENERS).lower()
    return len(w) > 1 and "." not in w and w not in ABBREVIATIONS and w != "etc"


def ends_colon(text: str) -> bool:
    """Does the text end in a colon, perhaps followed by a dash ("... you have instigated: -")?"""
    return text.rstrip(" -\u2013\u2014").endswith(":")


def title_share(text: str) -> float:
    words = [w for w in text.split() if len(w) > 3 and w[:1].isalpha()]
    if not words:
        return 0.0
    return sum(w[0].isupper() for w in words) / len(words)


def has_aux(text: str) -> bool:
    return any(w.lower().strip(",.;:") in AUXILIARIES for w in text.split())


class Context:
    """Per-document measures of the lines: width, local width, wrapped share."""

    def __init__(self, lines: list[Line]):
        n = len(lines)
        self.lines = lines
        width = np.array([ln.indent + len(ln.text) for ln in lines], dtype=float)
        usable = np.array([not ln.tab and ln.role not in ("table", "skip") for ln in lines], dtype=bool)
        followed = np.array([i + 1 < n and not lines[i + 1].blank_before for i in range(n)], dtype=bool)
        self.width = width
        # a line's neighbourhood: up to WINDOW lines each side, within its run of lines without a blank line
        run = np.cumsum([ln.blank_before for ln in lines]) if n else np.zeros(0)
        w = np.where(usable, width, 0.0)
        local = w.copy()
        near_num = np.zeros(n)
        near_den = np.zeros(n)
        idx = np.arange(n)
        cand = usable & followed
        for k in range(-WINDOW, WINDOW + 1):
            src = np.clip(idx + k, 0, max(n - 1, 0))
            same = (idx + k >= 0) & (idx + k < n) & (run[src] == run) if n else np.zeros(0, bool)
            local = np.maximum(local, np.where(same, w[src], 0.0))
        self.local = np.maximum(local, 1.0)
        # the share of the neighbourhood's lines (those with a next line) that are near its width
        for k in range(-WINDOW, WINDOW + 1):
            src = np.clip(idx + k, 0, max(n - 1, 0))
            same = (idx + k >= 0) & (idx + k < n) & (run[src] == run) if n else np.zeros(0, bool)
            c = same & cand[src]
            near_den += c
            near_num += c & (w[src] >= NEAR_FULL * self.local)
        self.wrapped = np.where(near_den > 0, near_num / np.maximum(near_den, 1), 0.0)
        body = [w for w, c in zip(width, cand) if c]
        self.global_width = float(np.quantile(body, 0.9)) if body else 80.0


BOUNDARY_BASE = (
    "fits", "slack", "prev_len", "cur_len", "wrapped", "fits_x_wrapped", "full_x_wrapped", "log_width",
    "prev_terminal", "prev_colon", "prev_semicolon", "prev_comma", "prev_hyphen", "prev_function_word",
    "prev_hard_break", "prev_short_title", "prev_marker",
    "cur_lower", "cur_upper", "cur_digit", "cur_opener", "cur_bullet", "cur_dash", "cur_number",
    "cur_terminal", "cur_words", "cur_short_title",
    "in_item", "indent_more", "indent_less", "hanging", "next_lower", "block_lines",
    "prev_terminal_x_wrapped", "prev_short_title_x_fits", "unwrapped_here", "prev_sentence_end", "prev_roomy",
    "prev_long",
)
#: The line model's boundary features: the base ones, the staged rules' decision, interactions.
BOUNDARY_FEATURES = BOUNDARY_BASE + ("rule_continues", "item_x_hanging", "item_x_indent_more", "item_x_upper")


def _short_title(text: str) -> float:
    words = text.split()
    return float(
        0 < len(words) <= 12 and not text.endswith(_TERMINAL + (",", ";")) and (text[:1].isupper() or text[:1].isdigit())
        and last_word(text) not in FUNCTION_WORDS
    )


def boundary_row(ctx: Context, i: int, in_item: bool, item_body_col: int, block_lines: int) -> list[float]:
    """The line model's boundary features of line ``i``."""
    base = boundary_base(ctx, i, in_item, item_body_col, block_lines)
    f = dict(zip(BOUNDARY_BASE, base))
    return base + [
        float(rules.boundary(f)[0]),
        f["in_item"] * f["hanging"],
        f["in_item"] * f["indent_more"],
        f["in_item"] * f["cur_upper"],
    ]


def boundary_features(ctx: Context, i: int, in_item: bool, item_body_col: int, block_lines: int) -> dict:
    return dict(zip(BOUNDARY_BASE, boundary_base(ctx, i, in_item, item_body_col, block_lines)))


def boundary_base(ctx: Context, i: int, in_item: bool, item_body_col: int, block_lines: int) -> list[float]:
    lines = ctx.lines
    cur, prev = lines[i], lines[i - 1]
    W = ctx.local[i]
    fw = len(first_word(cur.text))
    pw = ctx.width[i - 1]
    fits = float(pw + 1 + fw <= W)
    wrapped = float(ctx.wrapped[i])
    pt = prev.text
    c0 = cur.text[:1]
    nxt = lines[i + 1] if i + 1 < len(lines) and not lines[i + 1].blank_before else None
    prev_terminal = float(pt.rstrip("\"'\u201d\u2019)*_").endswith(_TERMINAL))
    prev_short_title = _short_title(pt)
    mk = cur.marker_kind
    return [
        fits,
        max(0.0, (W - pw) / W),
        pw / W,
        ctx.width[i] / W,
        wrapped,
        fits * wrapped,
        (1 - fits) * wrapped,
        math.log(W),
        prev_terminal,
        float(ends_colon(pt)),
        float(pt.endswith(";")),
        float(pt.endswith(",")),
        float(pt.endswith("-") and len(pt) > 1 and pt[-2].isalpha()),
        float(last_word(pt) in FUNCTION_WORDS and not pt.endswith(_TERMINAL + (":", ";"))),
        float(prev.hard_break),
        prev_short_title,
        float(bool(prev.marker)),
        float(c0.islower()),
        float(c0.isupper()),
        float(c0.isdigit()),
        float(c0 in _OPENERS),
        float(mk == "bullet"),
        float(mk == "dash"),
        float(mk == "number"),
        float(cur.text.endswith(_TERMINAL)),
        math.log1p(len(cur.text.split())),
        _short_title(cur.text),
        float(in_item),
        float(cur.indent > prev.indent),
        float(cur.indent < prev.indent),
        float(in_item and cur.indent > 0 and abs(cur.indent - item_body_col) <= 1),
        float(nxt is not None and nxt.text[:1].islower()),
        math.log1p(block_lines),
        prev_terminal * wrapped,
        prev_short_title * fits,
        float(len(pt) > LONG_LINE or len(cur.text) > LONG_LINE),
        float(sentence_end(pt)),
        float(pw + 1 + fw + ROOM <= _near_width(ctx, i)),
        float(len(pt) > LONG_LINE),
    ]


def _near_width(ctx: Context, i: int) -> float:
    """The widest of lines ``i-2`` to ``i+1`` with no blank line between them and line ``i``."""
    lines = ctx.lines
    w = max(ctx.width[i - 1], ctx.width[i])
    if i >= 2 and not lines[i - 1].blank_before and not lines[i - 2].tab:
        w = max(w, ctx.width[i - 2])
    if i + 1 < len(lines) and not lines[i + 1].blank_before and not lines[i + 1].tab:
        w = max(w, ctx.width[i + 1])
    return w


KIND_BASE = (
    "n_words", "dash_end", "words", "lines", "len", "terminal", "colon", "semicolon", "comma", "function_word_end",
    "first_upper", "first_lower", "first_digit", "first_opener", "title_share", "aux", "question", "all_caps",
    "bullet", "dash", "number", "blank_before", "blank_after", "wrapped",
    "prev_colon", "prev_semicolon", "prev_terminal", "prev_short", "prev_marker", "next_words", "next_terminal", "next_marker",
    "next_lower", "next_short", "prev_heading", "prev_item", "prev_para", "short_run", "prev_comma",
)
#: The line model's kind features: the base ones (but the raw word count) and the rules' decision.
KIND_FEATURES = KIND_BASE[1:] + ("rule_heading", "rule_item")


class BlockView:
    """The facts of one block (lines ``a`` to ``b`` of the context) the kind features look at."""

    __slots__ = ("a", "b", "text", "words", "marker", "blank_before", "blank_after")

    def __init__(self, ctx: Context, a: int, b: int):
        lines = ctx.lines
        first = lines[a]
        body = first.text[len(first.marker):].lstrip() if first.marker else first.text
        self.a, self.b = a, b
        self.text = " ".join([body] + [ln.text for ln in lines[a + 1 : b]]) if b > a + 1 else body
        self.words = len(self.text.split())
        self.marker = first.marker_kind
        self.blank_before = first.blank_before
        self.blank_after = b >= len(lines) or lines[b].blank_before


def _terminal(text: str) -> bool:
    return text.rstrip("\"'\u201d\u2019)*_").endswith(_TERMINAL)


def _short(b: BlockView | None) -> bool:
    return b is not None and b.words <= 12 and not _terminal(b.text)


def kind_row(ctx: Context, blocks: list[BlockView], j: int, prev_kind: str) -> list[float]:
    """The line model's kind features of block ``j``."""
    base = kind_base(ctx, blocks, j, prev_kind)
    decided = rules.kind(dict(zip(KIND_BASE, base)))[0]
    return base[1:] + [float(decided == "heading"), float(decided == "item")]


def kind_features(ctx: Context, blocks: list[BlockView], j: int, prev_kind: str) -> "KindFeatures":
    """The kind features of block ``j`` by name, each computed when it is first read (the staged
    rules read a few of them for most blocks; the line model reads all, through :func:`kind_base`)."""
    return KindFeatures(ctx, blocks, j, prev_kind)


def kind_base(ctx: Context, blocks: list[BlockView], j: int, prev_kind: str) -> list[float]:
    f = KindFeatures(ctx, blocks, j, prev_kind)
    return [f[name] for name in KIND_BASE]


class KindFeatures(Mapping):
    """A read-only mapping from the names of :data:`KIND_BASE` to one block's values, each
    computed by its function in :data:`_KIND` on first access."""

    __slots__ = ("ctx", "b", "t", "prev", "nxt", "prev_kind", "_values")

    def __init__(self, ctx: Context, blocks: list[BlockView], j: int, prev_kind: str):
        self.ctx = ctx
        self.b = blocks[j]
        self.t = self.b.text
        self.prev = blocks[j - 1] if j > 0 else None
        self.nxt = blocks[j + 1] if j + 1 < len(blocks) else None
        self.prev_kind = prev_kind
        self._values: dict[str, float] = {}

    def __getitem__(self, name: str) -> float:
        v = self._values.get(name)
        if v is None:
            v = self._values[name] = _KIND[name](self)
        return v

    def __iter__(self):
        return iter(KIND_BASE)

    def __len__(self) -> int:
        return len(KIND_BASE)


def _all_caps(f: KindFeatures) -> float:
    letters = "".join(filter(str.isalpha, f.t[:200]))
    return float(len(letters) > 3 and all(map(str.isupper, letters)))


#: How each kind feature is computed from a block (``f.b``, its text ``f.t``), its neighbours
#: (``f.prev``, ``f.nxt``, ``None`` at either end) and the kind of the block before.
_KIND = {
    "n_words": lambda f: float(f.b.words),
    "dash_end": lambda f: float(f.t.endswith(("-", "\u2013", "\u2014"))),
    "words": lambda f: math.log1p(f.b.words),
    "lines": lambda f: math.log1p(f.b.b - f.b.a - 1),
    "len": lambda f: min(len(f.t) / f.ctx.local[f.b.a], 5.0),
    "terminal": lambda f: float(_terminal(f.t)),
    "colon": lambda f: float(f.t.endswith(":")),
    "semicolon": lambda f: float(f.t.endswith(";")),
    "comma": lambda f: float(f.t.endswith(",")),
    "function_word_end": lambda f: float(last_word(f.t) in FUNCTION_WORDS),
    "first_upper": lambda f: float(f.t[:1].isupper()),
    "first_lower": lambda f: float(f.t[:1].islower()),
    "first_digit": lambda f: float(f.t[:1].isdigit()),
    "first_opener": lambda f: float(f.t[:1] in _OPENERS),
    "title_share": lambda f: title_share(f.t[:300]),
    "aux": lambda f: float(has_aux(f.t[:300])),
    "question": lambda f: float(f.t.endswith("?")),
    "all_caps": _all_caps,
    "bullet": lambda f: float(f.b.marker == "bullet"),
    "dash": lambda f: float(f.b.marker == "dash"),
    "number": lambda f: float(f.b.marker == "number"),
    "blank_before": lambda f: float(f.b.blank_before),
    "blank_after": lambda f: float(f.b.blank_after),
    "wrapped": lambda f: float(f.ctx.wrapped[f.b.a]),
    "prev_colon": lambda f: float(f.prev is not None and ends_colon(f.prev.text)),
    "prev_semicolon": lambda f: float(f.prev is not None and f.prev.text.endswith(";")),
    "prev_terminal": lambda f: float(f.prev is not None and _terminal(f.prev.text)),
    "prev_short": lambda f: float(_short(f.prev)),
    "prev_marker": lambda f: float(f.prev is not None and bool(f.prev.marker)),
    "next_words": lambda f: math.log1p(f.nxt.words) if f.nxt else 0.0,
    "next_terminal": lambda f: float(f.nxt is not None and _terminal(f.nxt.text)),
    "next_marker": lambda f: float(f.nxt is not None and bool(f.nxt.marker)),
    "next_lower": lambda f: float(f.nxt is not None and f.nxt.text[:1].islower()),
    "next_short": lambda f: float(_short(f.nxt)),
    "prev_heading": lambda f: float(f.prev_kind == "heading"),
    "prev_item": lambda f: float(f.prev_kind == "item"),
    "prev_para": lambda f: float(f.prev_kind == "para"),
    "short_run": lambda f: float(_short(f.prev) and _short(f.nxt)),
    "prev_comma": lambda f: float(f.prev is not None and f.prev.text.endswith(",")),
}
assert tuple(_KIND) == KIND_BASE
