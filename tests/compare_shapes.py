"""Re-renderings of the shared reports, made from the blocks the structure stage reads in the
original: what the same report looks like copied from a browser, in an email, or saved as a page.

- ``one-line-per-block``: one line per heading, paragraph or list item, no blank lines, no list
  markers, table rows tab-separated (text copied from a web page);
- ``wrapped-72``: hard-wrapped at 72 columns, blank lines between blocks, list markers kept with a
  hanging indent (an email, a text export);
- ``html``: an HTML page with h1-h6, p, ul/ol and table elements.
"""
from __future__ import annotations

import html
import textwrap

from finding_classifier.model.structure import parse_blocks, plain


def _marker(text: str, start: int) -> str:
    prefix = text[text.rfind("\n", 0, start) + 1 : start].strip()
    return prefix if prefix and len(prefix) <= 6 and not prefix[-1].isalnum() else ""


def elements(text: str) -> list[tuple]:
    """(kind, text, level/depth, marker, rows) per block of the original, in reading order."""
    out = []
    for b in parse_blocks(text):
        raw = text[b.start : b.end]
        if b.kind == "heading":
            out.append(("heading", b.section[-1] if b.section else plain(raw), max(1, min(6, len(b.section))), "", ()))
        elif b.kind == "list_item" or (b.kind == "boilerplate" and _marker(text, b.start)):
            out.append(("item", b.text or plain(raw), b.depth, _marker(text, b.start) or "-", ()))
        elif b.kind == "table":
            rows = []
            for ln in raw.splitlines():
                if not ln.strip() or set(ln.strip()) <= set("|-: "):
                    continue
                cells = ln.split("\t") if "\t" in ln else ln.strip().strip("|").split("|")
                rows.append(tuple(plain(c) for c in cells))
            out.append(("table", "", 0, "", tuple(rows)))
        elif b.kind == "paragraph":
            out.append(("paragraph", b.text, 0, "", ()))
        else:
            for ln in raw.splitlines():
                if plain(ln).strip():
                    out.append(("paragraph", plain(ln).strip(), 0, "", ()))
    return out


def one_line_per_block(text: str) -> str:
    lines = []
    for kind, body, _, _, rows in elements(text):
        lines.extend("\t".join(r) for r in rows) if kind == "table" else lines.append(body)
    return "\n".join(lines) + "\n"


def wrapped_72(text: str) -> str:
    out: list[str] = []
    prev = ""
    for kind, body, depth, marker, rows in elements(text):
        if out and not (kind == prev and kind in ("item", "table")):
            out.append("")
        if kind == "table":
            out.extend("\t".join(r) for r in rows)
        elif kind == "item":
            first = "  " * depth + marker + " "
            out.extend(textwrap.wrap(body, 72, initial_indent=first, subsequent_indent=" " * len(first), break_long_words=False))
        else:
            out.extend(textwrap.wrap(body, 72, break_long_words=False) or [""])
        prev = kind
    return "\n".join(out) + "\n"


def as_html(text: str, title: str) -> str:
    out = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body><main>"]
    lists: list[str] = []
    for kind, body, level, marker, rows in elements(text):
        if kind != "item":
            while lists:
                out.append(f"</{lists.pop()}>")
        if kind == "heading":
            out.append(f"<h{level}>{html.escape(body)}</h{level}>")
        elif kind == "item":
            tag = "ol" if marker[:1].isdigit() else "ul"
            while len(lists) > level + 1:
                out.append(f"</{lists.pop()}>")
            while len(lists) < level + 1:
                out.append(f"<{tag}>")
                lists.append(tag)
            out.append(f"<li>{html.escape(body)}</li>")
        elif kind == "table":
            out.append("<table>" + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows) + "</table>")
        else:
            out.append(f"<p>{html.escape(body)}</p>")
    while lists:
        out.append(f"</{lists.pop()}>")
    out.append("</main></body></html>\n")
    return "".join(out)


SHAPES = {
    "one-line-per-block": (".txt", lambda text, rid: one_line_per_block(text)),
    "wrapped-72": (".txt", lambda text, rid: wrapped_72(text)),
    "html": (".html", as_html),
}


def write_shapes(reports_dir, out_dir) -> dict:
    """Every report of ``reports_dir`` in every shape: ``{shape: folder}`` (and ``original``)."""
    from pathlib import Path

    out_dir = Path(out_dir)
    folders = {"original": Path(reports_dir)}
    for shape, (suffix, render) in SHAPES.items():
        folder = out_dir / shape
        folder.mkdir(parents=True, exist_ok=True)
        for src in sorted(Path(reports_dir).glob("*.txt")):
            (folder / (src.stem + suffix)).write_text(render(src.read_text(encoding="utf-8"), src.stem), encoding="utf-8")
        folders[shape] = folder
    return folders
