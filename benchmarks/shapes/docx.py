"""Word shape: the report as a .docx written with python-docx, the way councils publish them.

``docx`` writes headings with Word's Heading styles (the first as Title), list items with the
List Bullet / List Number styles (List Bullet 2 and 3 for nested items), tables with a header
row, hard-broken lines (an address, a signature) as one paragraph with line breaks, and a page
header and footer (with a PAGE field) that the reader must leave out. Inline formatting is split
into runs (an acronym in bold, the last word in italics) so that run boundaries are tested for
spaces that must not appear.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import Element, Rendered, Source, elements

HEADER = "Exampleshire County Council - Adult social care assessment - OFFICIAL"
FOOTER = "Exampleshire County Council, County Hall, Exampleton EX1 1AA"

_SPLIT = re.compile(r"(\([A-Z][A-Z0-9&]{1,7}\)|\w[\w'\u2019-]*(?=[.!?]$))")


def _runs(paragraph, text: str) -> None:
    """Add ``text`` as runs: acronyms in brackets bold, the last word italic, the rest plain."""
    for part in _SPLIT.split(text):
        if not part:
            continue
        run = paragraph.add_run(part)
        if part.startswith("(") and part.endswith(")"):
            run.bold = True
        elif _SPLIT.fullmatch(part):
            run.italic = True


def _page_field(paragraph) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def build(els: list[Element], path: Path) -> None:
    import docx

    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = HEADER
    foot = section.footer.paragraphs[0]
    foot.text = FOOTER + " - Page "
    _page_field(foot)
    first_heading = True
    for el in els:
        if el.kind == "heading":
            d.add_heading(el.text, 0 if first_heading else min(el.level, 9))
            first_heading = False
        elif el.kind == "paragraph":
            _runs(d.add_paragraph(), el.text)
        elif el.kind == "lines":
            p = d.add_paragraph()
            for i, ln in enumerate(el.lines):
                run = p.add_run(ln)
                if i < len(el.lines) - 1:
                    run.add_break()
        elif el.kind == "list_item":
            kind = "List Number" if el.marker[:1].isdigit() else "List Bullet"
            style = kind if el.depth == 0 else f"{kind} {min(el.depth + 1, 3)}"
            _runs(d.add_paragraph(style=style), el.text)
        elif el.kind == "table" and el.rows:
            width = max(len(r) for r in el.rows)
            t = d.add_table(rows=len(el.rows), cols=width)
            t.style = "Table Grid"
            for i, row in enumerate(el.rows):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
                    if i == 0:
                        for r in t.cell(i, j).paragraphs[0].runs:
                            r.bold = True
    d.save(str(path))


def render_docx(source: Source, work: Path) -> Rendered:
    path = work / f"{source.id}.docx"
    build(elements(source), path)
    return Rendered(path, [HEADER, FOOTER])


SHAPES = {"docx": render_docx}
