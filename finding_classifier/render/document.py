"""A classified report as an HTML document: its blocks (headings, paragraphs, lists, tables,
boilerplate) rendered as such, each sentence highlighted in place, each section in a container
that the page's section filter can show or hide.

Works from the structure stage's blocks (``ClassifiedReport.blocks``); a report without blocks
(nothing but predictions) is shown as its text with the sentences highlighted.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_right

from ..schema import LABELS
from .inline import Highlight, render_inline

_ORDERED = re.compile(r"^\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]$")


def mark_tag(p, n: int, secs: str, beside) -> str:
    """The opening ``<mark>`` of a sentence: label, confidence, section keys and a tooltip."""
    probs = p.probabilities
    tip = f"{p.label} {probs[p.label]:.0%} | " + ", ".join(f"{lab} {probs[lab]:.0%}" for lab in LABELS)
    extra = ""
    if beside is False:
        tip += " | no evidence sentence beside it"
        extra = " data-beside='no'"
    return (
        f"<mark class='{p.label}' id='r{n}-s{p.index}' data-label='{p.label}' data-p='{probs[p.label]:.4f}'"
        f" data-secs='{secs}'{extra} title='{html.escape(tip, quote=True)}'>"
    )


def section_keys(path: tuple, keys: dict[tuple, int]) -> str:
    """The numbers of a section and of the sections above it ("3 7"): what the section filter matches.
    Text before the first heading (path ``()``) belongs to no section but its own."""
    prefixes = [path[:i] for i in range(1, len(path) + 1)] or [()]
    return " ".join(str(keys[p]) for p in prefixes if p in keys)


def sentence_id(n: int, index: int) -> str:
    return f"r{n}-s{index}"


def section_id(n: int, key: int) -> str:
    return f"r{n}-sec{key}"


def render_document(rep, n: int, keys: dict[tuple, int], beside: list) -> str:
    """The report's body. ``keys`` maps a section path to its number (sections with sentences);
    ``beside`` says for each prediction whether evidence sits beside it (None for evidence)."""
    if not rep.blocks:
        return _plain(rep, n, keys, beside)
    text = rep.text
    preds = rep.predictions
    out: list[str] = []
    lists: list[tuple[int, str]] = []  # open lists: (depth, tag)
    section_open = False
    anchored: set[int] = set()

    def secs_of(path: tuple) -> str:
        return section_keys(path, keys)

    def open_section(path: tuple):
        nonlocal section_open
        close_lists()
        if section_open:
            out.append("</div>")
        key = keys.get(path)
        attr = ""
        if key is not None and key not in anchored:
            anchored.add(key)
            attr = f" id='{section_id(n, key)}'"
        out.append(f"<div class='sec' data-secs=' {secs_of(path)} '{attr}>")
        section_open = True

    def close_lists():
        while lists:
            out.append(f"</li></{lists.pop()[1]}>")

    def highlights(b) -> list[Highlight]:
        hs = []
        for i in _inside(b):
            p = preds[i]
            hs.append(Highlight(p.start, p.end, mark_tag(p, n, secs_of(paths[i]), beside[i])))
        return hs

    # which predictions fall in which block
    starts = [p.start for p in preds]
    order = sorted(range(len(preds)), key=lambda i: preds[i].start)
    sorted_starts = [starts[i] for i in order]
    from ..compare.sections import section_paths

    paths = section_paths(rep)

    def _inside(b) -> list[int]:
        a = bisect_right(sorted_starts, b.start - 1)
        z = bisect_right(sorted_starts, b.end - 1)
        return [order[k] for k in range(a, z)]

    open_section(())
    pos = 0
    for b in sorted(rep.blocks, key=lambda b: (b.start, -b.end)):
        if b.start < pos:
            continue  # inside a block already shown (a paragraph joined across a page break)
        pos = max(pos, b.end)
        if b.kind == "heading":
            open_section(tuple(b.section))
            level = getattr(b, "level", None) or len(b.section)
            tag = f"h{min(6, max(2, level + 1))}"
            out.append(f"<{tag}>{html.escape(b.section[-1] if b.section else '')}</{tag}>")
            continue
        marker = _marker(text, b.start)
        if b.kind == "list_item" or (b.kind == "boilerplate" and marker):
            depth = getattr(b, "depth", 0)
            tag = "ol" if _ORDERED.match(marker) else "ul"
            while lists and lists[-1][0] > depth:
                out.append(f"</li></{lists.pop()[1]}>")
            if lists and lists[-1][0] == depth:
                out.append("</li>")
            else:
                lists.append((depth, tag))
                out.append(f"<{tag}>")
            cls = " class='furniture'" if b.kind == "boilerplate" else ""
            out.append(f"<li{cls}>" + render_inline(text[b.start : b.end], b.start, highlights(b)))
            continue
        close_lists()
        if b.kind == "table":
            out.append(_table(text[b.start : b.end]))
        elif b.kind == "boilerplate":
            out.append("<p class='furniture'>" + render_inline(text[b.start : b.end], b.start) + "</p>")
        else:
            out.append("<p>" + render_inline(text[b.start : b.end], b.start, highlights(b)) + "</p>")
    close_lists()
    out.append("</div>")
    return "".join(out)


def _plain(rep, n: int, keys: dict, beside: list) -> str:
    """No blocks: the text as it is, sentences highlighted (or the sentences alone, without text)."""
    from ..compare.sections import section_paths

    paths = section_paths(rep)

    def secs(i):
        return section_keys(paths[i], keys)

    out = ["<div class='plain'><pre class='source'>"]
    if not rep.text:
        for i, p in enumerate(rep.predictions):
            out.append(mark_tag(p, n, secs(i), beside[i]) + html.escape(p.text) + "</mark>\n\n")
    else:
        pos = 0
        for i in sorted(range(len(rep.predictions)), key=lambda i: rep.predictions[i].start):
            p = rep.predictions[i]
            if p.start < pos:
                continue
            out.append(html.escape(rep.text[pos : p.start]))
            out.append(mark_tag(p, n, secs(i), beside[i]) + html.escape(rep.text[p.start : p.end]) + "</mark>")
            pos = p.end
        out.append(html.escape(rep.text[pos:]))
    out.append("</pre></div>")
    return "".join(out)


def _marker(text: str, start: int) -> str:
    """The list marker written before ``start`` on its line ("-", "1."), or ""."""
    prefix = text[text.rfind("\n", 0, start) + 1 : start].strip()
    return prefix if prefix and len(prefix) <= 6 and not prefix[-1].isalnum() else ""


def _table(source: str) -> str:
    """A table block (tab-separated or Markdown rows) as an HTML table."""
    rows: list[list[str]] = []
    header = False
    for line in source.splitlines():
        if not line.strip():
            continue
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        s = line.strip()
        if re.fullmatch(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?", s):
            header = header or len(rows) == 1
            continue
        rows.append(s.strip("|").split("|"))
    width = max((len(r) for r in rows), default=0)
    out = ["<div class='table'><table>"]
    for i, r in enumerate(rows):
        cell = "th" if header and i == 0 else "td"
        cells = "".join(f"<{cell}>{render_inline(c.strip())}</{cell}>" for c in r + [""] * (width - len(r)))
        out.append(f"<tr>{cells}</tr>")
    out.append("</table></div>")
    return "".join(out)
