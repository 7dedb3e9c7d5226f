"""Train the structure stage's line model (written to ``model/structure/line_model.json`` unless
``-o`` says otherwise; the parser reads with it only when asked, ``layout.using(LineModel.load())``:
the staged rules are the default, see ``benchmarks/line_layout.py``).

    python -m finding_classifier.training.line_layout [--renderings 24] [--seed 13] [-o PATH]

The model makes the two layout decisions of plain text (see ``model/structure/layout.py``): does a
line continue the block above or start a new one, and is a block a heading, a paragraph or a list
item. Its training data are the shared reports' own blocks (as the staged rules read the original
files, which agree exactly with the annotations) written out again in systematically degraded
shapes: re-wrapped at every width from 35 to 110 columns, one line per block, blank lines removed
(as ``pdftotext`` gives them), list markers changed or dropped, hanging indents or none, headings
in capitals, one style per section. Every line of a rendering carries its true role, so nothing is
labelled by hand and nothing is labelled by the model being trained.

The settings are in ``training/line_layout.toml``; the same data and seed give the same weights.
``benchmarks/line_layout.py`` holds out each report in turn (train on four, test on the fifth) and
compares the model with the staged rules.
"""
from __future__ import annotations

import argparse
import json
import random
import textwrap
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..model.structure import parse_blocks, plain
from ..model.structure.anchors import fix_anchors
from ..model.structure.features import BOUNDARY_FEATURES, KIND_FEATURES, BlockView, Context, boundary_row, kind_row
from ..model.structure.layout import MODEL_PATH, StagedRules
from ..model.structure.lines import split_lines
from ..schema import REPORTS_DIR

SETTINGS = Path(__file__).with_name("line_layout.toml")


def settings() -> dict:
    return tomllib.loads(SETTINGS.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Elem:
    kind: str  # heading, para, item, table, fixed (a line the anchors fix whatever its shape: left out of training)
    text: str
    depth: int = 0
    marker: str = "-"
    rows: tuple = ()
    lines: tuple = ()


def elements(text: str) -> list[Elem]:
    """A report's blocks, read by the staged rules from its original file."""
    out: list[Elem] = []
    for b in parse_blocks(text, engine=StagedRules()):
        raw = text[b.start : b.end]
        prefix = text[text.rfind("\n", 0, b.start) + 1 : b.start].strip()
        is_item = b.kind == "list_item" or (b.kind == "boilerplate" and prefix and len(prefix) <= 6 and not prefix[-1].isalpha())
        if b.kind == "heading":
            out.append(Elem("heading", b.text))
        elif b.kind == "paragraph":
            out.append(Elem("para", b.text))
        elif is_item:
            out.append(Elem("item", b.text or plain(raw), depth=b.depth, marker=prefix or "-"))
        elif b.kind == "table":
            rows = tuple(tuple(plain(c) for c in ln.split("\t")) for ln in raw.splitlines() if "\t" in ln)
            if rows:
                out.append(Elem("table", "", rows=rows))
        else:
            lines = tuple(p for p in (plain(ln) for ln in raw.splitlines()) if p)
            if len(lines) == 1:
                out.append(Elem("para" if b.rule.startswith("framework:statement") else "fixed", lines[0]))
            elif lines:
                out.append(Elem("fixed", " ".join(lines), lines=lines))
    return out


@dataclass(frozen=True)
class Style:
    width: int | None
    blank_lines: bool  # a blank line between blocks
    blank_items: bool  # ... and between list items
    bullet: str | None  # "orig", a bullet, "1.", "a)" or None (no marker)
    hanging: bool
    caps_headings: bool
    indent_paras: int  # spaces before every paragraph line (pdftotext keeps a margin sometimes)


def random_style(rng: random.Random) -> Style:
    return Style(
        width=None if rng.random() < 0.3 else rng.randint(35, 110),
        blank_lines=rng.random() < 0.55,
        blank_items=rng.random() < 0.15,
        bullet=rng.choice(["orig", "-", "*", "\u2022", "\u2013", "1.", "a)", None, None]),
        hanging=rng.random() < 0.5,
        caps_headings=rng.random() < 0.1,
        indent_paras=rng.choice([0, 0, 0, 2]),
    )


def render(elems: list[Elem], rng: random.Random, mixed: bool) -> tuple[list[str], list[tuple[int, bool, str]]]:
    """Text lines ("" for a blank line) and, for each non-blank line, (element, first line?, kind)."""
    out: list[str] = []
    labels: list[tuple[int, bool, str]] = []
    style = random_style(rng)
    prev = ""
    number = 0
    for i, e in enumerate(elems):
        if e.kind != "table" and not e.text.strip():
            continue
        if mixed and e.kind == "heading" and rng.random() < 0.6:
            style = random_style(rng)
        together = e.kind == prev and (e.kind == "table" or (e.kind == "item" and not style.blank_items))
        if out and style.blank_lines and not together:
            out.append("")
        if e.kind == "item":
            number = number + 1 if prev == "item" else 1
            body = _item_lines(e, style, number)
        elif e.kind == "table":
            body = ["\t".join(r) for r in e.rows]
        elif e.kind == "fixed" and e.lines:
            body = list(e.lines)
        else:
            text = e.text.upper() if e.kind == "heading" and style.caps_headings else e.text
            pad = " " * style.indent_paras if e.kind == "para" else ""
            body = _wrap(text, style.width, pad, pad)
        for k, line in enumerate(body):
            out.append(line)
            labels.append((i, k == 0, e.kind))
        prev = e.kind
    return out, labels


def _wrap(text: str, width: int | None, first: str, rest: str) -> list[str]:
    if width is None:
        return [first + text]
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_long_words=False) or [first + text]


def _item_lines(e: Elem, st: Style, number: int) -> list[str]:
    indent = "  " * e.depth
    if st.bullet is None:
        marker = ""
    elif st.bullet == "orig":
        marker = e.marker + " "
    elif st.bullet == "1.":
        marker = f"{number}. "
    elif st.bullet == "a)":
        marker = "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26] + ") "
    else:
        marker = st.bullet + " "
    first = indent + marker
    return _wrap(e.text, st.width, first, " " * len(first) if st.hanging else indent)


def rows_of(text_lines: list[str], labels: list[tuple[int, bool, str]]) -> tuple[list, list, list, list]:
    """Boundary and kind training rows of one rendering (teacher forcing: the true state)."""
    text = "\n".join(text_lines) + "\n"
    lines = split_lines(text)
    if len(lines) != len(labels):
        raise ValueError(f"rendering has {len(lines)} lines for {len(labels)} labels")
    fix_anchors(lines)
    ctx = Context(lines)
    bx, by, kx, ky = [], [], [], []
    in_item, item_col, block_lines = False, 0, 0
    starts = []
    for i, (ln, (_e, first, kind)) in enumerate(zip(lines, labels)):
        if i and not ln.blank_before and not ln.role and not ln.kind and kind != "table" and kind != "fixed" and not lines[i - 1].tab and not lines[i - 1].kind:
            bx.append(boundary_row(ctx, i, in_item, item_col, block_lines))
            by.append(0 if first else 1)
        if first:
            starts.append(i)
            block_lines = 1
            in_item = kind == "item"
            item_col = ln.indent + (ln.body - ln.lead)
        else:
            block_lines += 1
    ranges = [(a, b) for a, b in zip(starts, starts[1:] + [len(lines)])]
    views = [BlockView(ctx, a, b) for a, b in ranges]
    prev_kind = ""
    for j, (a, _b) in enumerate(ranges):
        kind = labels[a][2]
        if kind in ("heading", "para", "item") and not lines[a].kind and lines[a].marker_kind != "bullet":
            # (a block opening with a bullet is a list item without asking the model)
            kx.append(kind_row(ctx, views, j, prev_kind))
            ky.append(kind)
        prev_kind = kind if kind in ("heading", "para", "item") else ""
    return bx, by, kx, ky


def dataset(texts: list[str], renderings: int, seed: int):
    bx, by, kx, ky = [], [], [], []
    for t_i, text in enumerate(texts):
        elems = elements(text)
        for r in range(renderings):
            rng = random.Random(f"{seed}:{t_i}:{r}")
            lines, labels = render(elems, rng, mixed=r % 3 == 2)
            a, b, c, d = rows_of(lines, labels)
            bx += a
            by += b
            kx += c
            ky += d
    return np.array(bx), np.array(by), np.array(kx), np.array(ky)


def fit(texts: list[str], renderings: int | None = None, seed: int | None = None) -> dict:
    """Fit the two logistic regressions on degradations of ``texts``; return the weights."""
    from sklearn.linear_model import LogisticRegression

    cfg = settings()
    renderings = renderings or cfg["renderings"]
    seed = cfg["seed"] if seed is None else seed
    bx, by, kx, ky = dataset(texts, renderings, seed)
    cw = None if cfg["class_weight"] == "none" else cfg["class_weight"]
    b = LogisticRegression(C=cfg["C"], max_iter=cfg["max_iter"], class_weight=cw).fit(bx, by)
    k = LogisticRegression(C=cfg["C"], max_iter=cfg["max_iter"], class_weight=cw).fit(kx, ky)
    return {
        "about": "Weights of the structure stage's line model, written by training/line_layout.py; do not edit by hand.",
        "settings": {"renderings": renderings, "seed": seed, "C": cfg["C"], "class_weight": cfg["class_weight"]},
        "rows": {"boundary": int(len(by)), "kind": int(len(ky))},
        "boundary": {"features": list(BOUNDARY_FEATURES), "classes": ["start", "cont"],
                     "coef": _round(b.coef_.reshape(-1)), "intercept": _round(b.intercept_)},
        "kind": {"features": list(KIND_FEATURES), "classes": [str(c) for c in k.classes_],
                 "coef": [_round(row) for row in k.coef_], "intercept": _round(k.intercept_)},
    }


def _round(a) -> list[float]:
    return [round(float(x), 6) for x in np.asarray(a).reshape(-1)]


def report_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(REPORTS_DIR.glob("*.txt"))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--renderings", type=int, help="renderings per report (default: line_layout.toml)")
    ap.add_argument("--seed", type=int)
    ap.add_argument("-o", "--output", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    weights = fit(list(report_texts().values()), args.renderings, args.seed)
    from ..atomic import write_text

    write_text(args.output, json.dumps(weights, indent=1) + "\n")
    print(f"wrote {args.output} ({weights['rows']['boundary']} boundary rows, {weights['rows']['kind']} kind rows)")


if __name__ == "__main__":
    main()
