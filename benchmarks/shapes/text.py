"""Plain-text shapes of the shared reports: the text people paste, save or receive.

- ``original``: the file as it is in ``data/reports/`` (must stay at F1 1.000);
- ``blank-line``: one block per paragraph with a blank line between blocks, no Markdown (headings
  are bare title lines, bold and links gone), list items with a bullet, the items of a list on
  consecutive lines (a tidy plain-text report);
- ``one-line-per-block``: text copied from a browser: one line per heading, paragraph or list item,
  no blank lines and no list markers, table rows tab-separated;
- ``wrapped-50`` / ``wrapped-72`` / ``wrapped-100``: hard-wrapped at that width (an email, a
  ``pdftotext`` page), blank lines between blocks, list items with their original markers, wrapped with a hanging indent;
- ``mixed``: every section written in its own randomly chosen style (seeded by the report id):
  wrapped at 40-100 columns or not, with or without blank lines between paragraphs, bullets
  ``-``/``•``/``*``/numbers/none, hanging indents or not: what a document pasted together from
  several sources looks like.

No shape inserts furniture.
"""
from __future__ import annotations

import random
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

from . import Element, Rendered, Source, elements


@dataclass(frozen=True)
class Style:
    width: int | None = None  # wrap at this many columns; None: one line per block
    blank_lines: bool = True  # a blank line between blocks (the items of one list stay together)
    bullet: str | None = "\u2022"  # "-", "*", "\u2022", "1." (numbered), "orig" (the original's) or None
    hanging: bool = True  # continuation lines of a wrapped list item are indented under its text


def render(elems: list[Element], style_of) -> str:
    """Write elements out; ``style_of(i)`` gives the style of element ``i``."""
    out: list[str] = []
    prev_kind = ""
    number = 0
    for i, e in enumerate(elems):
        st: Style = style_of(i)
        together = e.kind == prev_kind and e.kind in ("list_item", "table")
        if out and st.blank_lines and not together:
            out.append("")
        if e.kind == "list_item":
            number = number + 1 if prev_kind == "list_item" else 1
            out.extend(_item(e, st, number))
        elif e.kind == "table":
            out.extend("\t".join(row) for row in e.rows)
        elif e.kind == "lines":
            out.extend(e.lines)
        else:
            out.extend(_wrap(e.text, st.width))
        prev_kind = e.kind
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int | None, first: str = "", rest: str = "") -> list[str]:
    if width is None:
        return [first + text]
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_long_words=False) or [first]


def _item(e: Element, st: Style, number: int) -> list[str]:
    indent = "  " * e.depth
    if st.bullet is None:
        marker = ""
    elif st.bullet == "orig":
        marker = e.marker + " "
    elif st.bullet == "1.":
        marker = (e.marker if e.marker[:1].isdigit() else f"{number}.") + " "
    else:
        marker = st.bullet + " "
    first = indent + marker
    rest = " " * len(first) if st.hanging else indent
    return _wrap(e.text, st.width, first, rest)


def _write(source: Source, work: Path, shape: str, text: str) -> Rendered:
    path = work / f"{source.id}.txt"
    path.write_text(text, encoding="utf-8")
    return Rendered(path)


def original(source: Source, work: Path) -> Rendered:
    path = work / f"{source.id}.txt"
    shutil.copyfile(source.path, path)
    return Rendered(path)


def _uniform(shape: str, style: Style):
    def shape_fn(source: Source, work: Path) -> Rendered:
        return _write(source, work, shape, render(elements(source), lambda i: style))

    shape_fn.__name__ = shape.replace("-", "_")
    return shape_fn


def mixed(source: Source, work: Path) -> Rendered:
    rng = random.Random(f"mixed:{source.id}")
    elems = elements(source)
    styles: list[Style] = []
    style = None
    for e in elems:
        if style is None or e.kind == "heading":  # a new section: a new style
            style = Style(
                width=rng.choice([None, rng.randint(40, 100)]),
                blank_lines=rng.random() < 0.5,
                bullet=rng.choice(["-", "*", "\u2022", "1.", None]),
                hanging=rng.random() < 0.5,
            )
        styles.append(style)
    return _write(source, work, "mixed", render(elems, styles.__getitem__))


SHAPES = {
    "original": original,
    "blank-line": _uniform("blank-line", Style()),
    "one-line-per-block": _uniform("one-line-per-block", Style(blank_lines=False, bullet=None)),
    "wrapped-50": _uniform("wrapped-50", Style(width=50, bullet="orig")),
    "wrapped-72": _uniform("wrapped-72", Style(width=72, bullet="orig")),
    "wrapped-100": _uniform("wrapped-100", Style(width=100, bullet="orig")),
    "mixed": mixed,
}
