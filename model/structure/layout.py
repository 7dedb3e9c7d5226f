"""The layout of plain text: which lines continue the block above, and what each block is.

Two engines make the same two decisions from the same named features (:mod:`.features`):

- :class:`StagedRules`: clearly separated rules with named thresholds, tried in order; the first
  that applies decides, and its name is the block's ``rule``;
- :class:`LineModel`: two logistic regressions (boundary: start or continue; kind: heading,
  paragraph or list item) trained on the shared reports' lines and on systematic degradations of
  them (re-wrapped at many widths, one line per block, blank lines removed, markers dropped; see
  ``training/line_layout.py``). Its weights are data (JSON), read without pickle. Its features
  include the staged rules' own decisions, so it learns where to follow them and where not to.

The staged rules are the default (:func:`default_engine`): see ``benchmarks/line_layout.py``.

:func:`decide_layout` runs an engine over the lines the earlier stages left open: a line after a
blank line always starts a block, Markdown's own structure and the anchored lines (:mod:`.anchors`)
are kept as they are.
"""
from __future__ import annotations

import json
import math
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import rules
from .features import (
    BOUNDARY_FEATURES, KIND_FEATURES, BlockView, Context, boundary_features, boundary_row, kind_features, kind_row,
)
from ..lang import framework
from ..lang.headings import is_classifying
from .lines import Line

#: Where ``training/line_layout.py`` writes a trained line model (not shipped: see default_engine).
MODEL_PATH = Path(__file__).with_name("line_model.json")

KINDS = ("heading", "para", "item")


class StagedRules:
    """Today's rules, as separate stages with named thresholds (:mod:`.rules`)."""

    name = "rules"

    def boundary(self, ctx: Context, i: int, in_item: bool, item_col: int, block_lines: int) -> tuple[bool, str]:
        """(continues the block above, rule)."""
        if ctx.lines[i - 1].hard_break:  # (the first two rules, before the features are computed)
            return False, "rules:hard-break"
        if ctx.lines[i].marker_kind in ("bullet", "number"):
            return False, "rules:list-marker"
        return rules.boundary(boundary_features(ctx, i, in_item, item_col, block_lines))

    def kind(self, ctx: Context, blocks: list[BlockView], j: int, prev_kind: str, allowed=KINDS) -> tuple[str, str]:
        kind, rule = rules.kind(kind_features(ctx, blocks, j, prev_kind))
        if kind not in allowed:
            return "para", "rules:paragraph"
        return kind, rule


class LineModel:
    """Two logistic regressions over the named features, weights read from JSON."""

    name = "model"

    def __init__(self, weights: dict):
        self.weights = weights
        b, k = weights["boundary"], weights["kind"]
        if tuple(b["features"]) != BOUNDARY_FEATURES or tuple(k["features"]) != KIND_FEATURES:
            raise ValueError("line model features do not match the code; retrain it (training/line_layout.py)")
        self.b_coef = np.array(b["coef"], dtype=float).reshape(-1)
        self.b_int = float(np.array(b["intercept"], dtype=float).reshape(-1)[0])
        self.k_classes = tuple(k["classes"])
        self.k_coef = np.array(k["coef"], dtype=float)
        self.k_int = np.array(k["intercept"], dtype=float)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "LineModel":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def boundary(self, ctx: Context, i: int, in_item: bool, item_col: int, block_lines: int) -> tuple[bool, str]:
        x = np.array(boundary_row(ctx, i, in_item, item_col, block_lines))
        z = float(x @ self.b_coef + self.b_int)
        p = 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
        cont = p >= 0.5
        return cont, f"line-model:{'continues' if cont else 'starts'} {max(p, 1 - p):.2f} ({_top(x, self.b_coef if cont else -self.b_coef, BOUNDARY_FEATURES)})"

    def kind(self, ctx: Context, blocks: list[BlockView], j: int, prev_kind: str, allowed=KINDS) -> tuple[str, str]:
        x = np.array(kind_row(ctx, blocks, j, prev_kind))
        z = self.k_coef @ x + self.k_int
        for c, name in enumerate(self.k_classes):
            if name not in allowed:
                z[c] = -np.inf
        z = z - z.max()
        p = np.exp(z) / np.exp(z).sum()
        c = int(np.argmax(p))
        rest = np.delete(self.k_coef, c, axis=0).mean(axis=0)
        return self.k_classes[c], f"line-model:{self.k_classes[c]} {p[c]:.2f} ({_top(x, self.k_coef[c] - rest, KIND_FEATURES)})"


def _top(x: np.ndarray, w: np.ndarray, names) -> str:
    """The two features that pushed hardest towards the decision."""
    contrib = x * w
    order = np.argsort(-contrib)[:2]
    return ", ".join(names[k] for k in order if contrib[k] > 0) or "bias"


@lru_cache(maxsize=1)
def default_engine():
    """The engine the parser uses: the staged rules.

    Holding out each shared report in turn (``benchmarks/line_layout.py``), the line model trained
    on the other four reports' degradations read the held-out report no better than the rules
    (equal or slightly better on blank-line and wrapped text, worse on one-line-per-block and
    mixed text), so the simpler engine is the default. ``using(LineModel.load(path))`` reads with
    a trained line model instead.
    """
    return StagedRules()


_USING: list = []


@contextmanager
def using(engine):
    """Parse with ``engine`` instead of the default inside the block (benchmarks, comparisons)."""
    _USING.append(engine)
    try:
        yield engine
    finally:
        _USING.pop()


def current_engine():
    return _USING[-1] if _USING else default_engine()


def _fixed(ln: Line) -> bool:
    """Was the line fixed by what it says (a score line, a salutation, a framework heading)?"""
    return bool(ln.kind) and ln.role != "cont" and (ln.kind == "boilerplate" or ln.rule.startswith("framework:"))


def decide_layout(lines: list[Line], engine, markdown: bool) -> list[tuple[int, int]]:
    """Give every open line a role and every block a kind; return the blocks as line ranges.

    After this, each line's ``role`` is one of heading, para, item, cont, table, skip, and the first
    line of each block carries the block's ``kind`` (heading, paragraph, list_item, table,
    boilerplate) and ``rule``.
    """
    ctx = Context(lines)
    n = len(lines)
    # 1. boundaries
    in_item, item_col, block_lines = False, 0, 0
    for i, ln in enumerate(lines):
        prev = lines[i - 1] if i else None
        if ln.role in ("table", "skip"):
            in_item, block_lines = False, 0
            continue
        if ln.role == "cont" and markdown and ln.marker_kind in ("bullet", "dash") and ln.marker[:1] not in "-*+":
            ln.role, ln.rule = "item", "text:bullet"  # a bullet Markdown does not know ("\u2022 ...")
        after_fixed = prev is not None and (prev.role in ("table", "skip") or _fixed(prev)) and not ln.kind
        if ln.role == "cont" and after_fixed and not (prev.rule == "furniture:address" and ln.rule == "furniture:address"):
            ln.role, ln.rule = "start", "text:after-fixed-line"
        elif not ln.role:
            if prev is None or ln.blank_before:
                ln.role, ln.rule = "start", ("text:blank-line" if prev is not None else "text:first-line")
            elif after_fixed:
                ln.role, ln.rule = "start", "text:after-fixed-line"
            else:
                cont, rule = engine.boundary(ctx, i, in_item, item_col, block_lines)
                ln.role, ln.rule = ("cont" if cont else "start"), rule
        if ln.role == "cont":
            block_lines += 1
        else:
            block_lines = 1
            in_item = bool(ln.marker) or ln.role == "item"
            item_col = ln.indent + (ln.body - ln.lead)
    # 2. blocks as line ranges (consecutive table rows make one table)
    ranges: list[tuple[int, int]] = []
    a = None
    for i, ln in enumerate(lines):
        joins = a is not None and (
            ln.role == "cont" and lines[a].role != "table"
            or ln.role == "table" and lines[a].role == "table" and not ln.blank_before
        )
        if joins:
            continue
        if a is not None:
            ranges.append((a, i))
        a = None if ln.role == "skip" else i
    if a is not None:
        ranges.append((a, n))
    # 3. kinds
    views = [BlockView(ctx, a, b) for a, b in ranges]
    prev_kind = ""
    for j, (a, b) in enumerate(ranges):
        first = lines[a]
        start_rule = first.rule
        if first.role == "table":
            first.kind = "table"
        elif first.kind:  # anchored: boilerplate or a framework heading
            pass
        elif first.role == "heading":
            first.kind = "heading"
        elif first.role == "item" or (first.role in ("start", "para") and first.marker_kind == "bullet"):
            first.kind, first.rule = "list_item", first.rule if first.role == "item" else "text:bullet"
        else:
            allowed = ("heading", "para") if markdown and first.role == "para" and not first.marker else KINDS
            kind, rule = engine.kind(ctx, views, j, prev_kind, allowed)
            first.kind = {"heading": "heading", "para": "paragraph", "item": "list_item"}[kind]
            if not (markdown and first.rule.startswith("markdown:") and kind == "para"):
                first.rule = rule
        # say why the block starts here and why its other lines were joined to it
        why = [] if start_rule == first.rule or not start_rule.startswith(("rules:", "line-model:")) else [f"starts: {start_rule}"]
        joins = sorted({ln.rule for ln in lines[a + 1 : b] if ln.rule.startswith(("rules:", "line-model:"))})
        if joins:
            why.append("joins: " + ", ".join(joins))
        if why:
            first.rule = "; ".join([first.rule] + why)
        prev_kind = {"heading": "heading", "paragraph": "para", "list_item": "item"}.get(first.kind, "")
    if not markdown:
        _items_under_classifying_headings(lines, ranges, views)
    return ranges


#: A title-like line under a classifying heading is one of its items when it has at least this
#: many words (a shorter one, "Safeguarding", "Carers", is the next section's title).
TITLE_ITEM_MIN_WORDS = 4
TITLE_ITEM_RULE = "rules:title-like-item-under-classifying-heading"


def _items_under_classifying_headings(lines: list[Line], ranges: list[tuple[int, int]], views: list[BlockView]) -> None:
    """Under "Strengths" or "Areas for consideration" copied without list markers, the items read
    as short titles ("Well-resourced team with the skills the change needs"). A block read as a
    title by its shape alone (``rules:short-title``) in a section whose heading classifies
    (:func:`..lang.headings.is_classifying`) is a list item when it has at least
    ``TITLE_ITEM_MIN_WORDS`` words, does not classify itself, is not the text of another block
    of the document (a repeated title is a section's: "Commissioning" / "Strengths" /
    "Commissioning" / "Areas for consideration"), is not right above a classifying heading, is not
    set apart by blank lines on both sides, and is not a framework title ("Quality statement: ...")."""
    texts: dict[str, int] = {}
    for v in views:
        key = " ".join(v.text.lower().split())
        texts[key] = texts.get(key, 0) + 1
    section = ""
    for j, (a, _b) in enumerate(ranges):
        first = lines[a]
        if first.kind != "heading":
            continue
        t = views[j].text
        nxt = views[j + 1].text if j + 1 < len(views) and lines[ranges[j + 1][0]].kind == "heading" else ""
        if (
            first.rule.startswith("rules:short-title")
            and is_classifying(section)
            and not is_classifying(t)
            and len(t.split()) >= TITLE_ITEM_MIN_WORDS
            and texts.get(" ".join(t.lower().split()), 0) == 1
            and not (nxt and is_classifying(nxt))
            and not (views[j].blank_before and views[j].blank_after)  # a line set apart is a title
            and framework.title_level(t) is None
        ):
            first.kind, first.role = "list_item", "item"
            first.rule = TITLE_ITEM_RULE + first.rule[len("rules:short-title"):]
            continue
        section = t
