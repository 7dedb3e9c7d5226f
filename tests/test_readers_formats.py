"""The structured readers (HTML, DOCX, PDF) and the file-level checks of the reading stage.

Every input is built here, in ``tmp_path``, by the test itself (python-docx, fpdf2, HTML strings);
every expected line and sentence is written by hand.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from finding_classifier.cli import app
from finding_classifier.errors import ReadError
from finding_classifier.model.reading import read_report, read_stdin
from finding_classifier.model.sentences import segment_report, sentence_records
from finding_classifier.model.structure import plain


def fold(s: str) -> str:
    return " ".join(s.split())


def sentences(report) -> list[tuple[str, str, str]]:
    """(section, block, text) of each sentence of a report as the CLI reads it (canonical text by
    its markers), checking every offset on the way."""
    recs = [_r.to_dict() for _r in sentence_records(segment_report(report))]
    for r in recs:
        assert fold(plain(report.text[r["start"] : r["end"]])) == fold(r["text"])
    return [(r["section"], r["block"], r["text"]) for r in recs]


def lines(text: str) -> list[str]:
    return text.splitlines()


# ------------------------------------------------------------------------------------------ HTML
def read_html(tmp_path, html: str, name: str = "page.html"):
    p = tmp_path / name
    p.write_text(html, encoding="utf-8")
    return read_report(p)


def test_html_is_canonical_block_text(tmp_path):
    r = read_html(tmp_path, "<h1>Findings</h1><p>Staff were positive.</p><ul><li>Reviews were late</li><li>Carers waited</li></ul>")
    assert r.canonical is True
    assert r.text == "# Findings\n\nStaff were positive.\n\n- Reviews were late\n- Carers waited\n"


def test_inline_elements_never_add_spaces(tmp_path):
    r = read_html(tmp_path, (
        "<p>The council had a business continuity plan (<abbr title='x'>BCP</abbr>) and a clear "
        "<em>strategy</em>. Between 14<sup>th</sup> and 16<sup>th</sup> May, <a href='/t'>the team</a>"
        "<span>'s</span> visit went <b>well</b>.</p>"
    ))
    assert lines(r.text) == [
        "The council had a business continuity plan (BCP) and a clear strategy. "
        "Between 14th and 16th May, the team's visit went well."
    ]


def test_footnote_markers_are_left_out(tmp_path):
    r = read_html(tmp_path, '<p>Waiting times fell by a third<sup><a href="#fn1">1</a></sup>.</p>')
    assert lines(r.text) == ["Waiting times fell by a third."]


def test_page_of_divs_and_brs_without_p(tmp_path):
    html = (
        "<html><body><div id='page'><div class='text'>"
        "<div><b>Key findings</b></div>"
        "Staff were positive about training.<br>They said managers listened.<br><br>"
        "People waited too long for reviews.<br><br>"
        "&bull; Reviews were late for older people<br>&#9702; Some people waited months for a decision<br>&bull; Carers lacked information about respite"
        "<div><strong>Areas for development</strong><br>The council should publish its plan.</div>"
        "</div></div></body></html>"
    )
    r = read_html(tmp_path, html)
    assert lines(r.text) == [
        "# Key findings", "",
        "Staff were positive about training. They said managers listened.", "",
        "People waited too long for reviews.", "",
        "- Reviews were late for older people", "  - Some people waited months for a decision", "- Carers lacked information about respite", "",
        "# Areas for development", "",
        "The council should publish its plan.",
    ]
    assert sentences(r) == [
        ("Key findings", "paragraph", "Staff were positive about training."),
        ("Key findings", "paragraph", "They said managers listened."),
        ("Key findings", "paragraph", "People waited too long for reviews."),
        ("Key findings", "list_item", "Reviews were late for older people"),
        ("Key findings", "list_item", "Some people waited months for a decision"),
        ("Key findings", "list_item", "Carers lacked information about respite"),
        ("Areas for development", "paragraph", "The council should publish its plan."),
    ]


def test_a_block_of_short_lines_keeps_its_lines(tmp_path):
    r = read_html(tmp_path, "<p>Jo Bloggs<br>Director of Adult Services<br>PO Box 1234<br>EX1 1AA</p>"
                            "<p>Staff were positive about it.<br>They said so.</p>"
                            "<p>The review covered every team in the<br>county and its partners.</p>")
    assert lines(r.text) == ["Jo Bloggs", "", "Director of Adult Services", "", "PO Box 1234", "", "EX1 1AA", "",
                             "Staff were positive about it. They said so.", "",
                             "The review covered every team in the county and its partners."]


def test_single_breaks_split_a_div_that_never_uses_double_ones(tmp_path):
    r = read_html(tmp_path, "<div>Staff were positive.<br>People waited too long.<br>Carers were heard.</div>")
    assert lines(r.text) == ["Staff were positive.", "", "People waited too long.", "", "Carers were heard."]


SAVED_PAGE = """<!DOCTYPE html><html lang="en"><head><title>TITLE_TEXT</title>
<style>.x { color: red }</style><script>var SCRIPT_TEXT = 1;</script></head>
<body class="has-cookie-banner">
<a class="govuk-skip-link" href="#main">Skip to main content</a>
<div class="govuk-cookie-banner" role="region"><p>We use some essential cookies to make this service work.</p>
<button>Accept analytics cookies</button></div>
<div id="consent-popup">Your privacy choices matter to us.</div>
<header><a href="/">HEADER_LOGO_TEXT</a><nav><ul><li><a href="/a">NAV_LINK_TEXT</a></li></ul></nav></header>
<div role="navigation">ROLE_NAV_TEXT</div>
<div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/asc">Adult social care</a> &gt; BREADCRUMB_TEXT</div>
<main id="main">
<article><header><h1>Exampleshire adult social care assessment</h1></header>
<h2>Key findings</h2>
<p>Staff were positive about training.</p>
<p hidden>HIDDEN_ATTR_TEXT</p><p aria-hidden="true">ARIA_HIDDEN_TEXT</p><p style="color:red; display: none">DISPLAY_NONE_TEXT</p>
<p>People waited <span class="visually-hidden">SR_ONLY_TEXT</span>too long for reviews.</p>
<aside>ASIDE_TEXT</aside>
<ul class="contents-list"><li><a href="#k">Key findings</a></li><li><a href="#a">Areas</a></li></ul>
<ul><li><a href="#x">LINK_ONLY_ITEM</a></li><li><a href="#y">SECOND_LINK_ITEM</a></li></ul>
<p><a href="/report.pdf">Download the report (PDF, 532 KB)</a></p>
<p>Last updated: 12 March 2024</p>
<div class="share-links"><a href="https://x.example">SHARE_TEXT</a></div>
<p><a href="#top">Back to top</a></p>
<footer><p>ARTICLE_FOOTER_TEXT is the article's own footer.</p></footer>
</article>
<div class="gem-c-feedback"><h2>Is this page useful?</h2><form><label>FORM_TEXT</label><input></form></div>
</main>
<div role="complementary">COMPLEMENTARY_TEXT</div>
<footer role="contentinfo"><p>FOOTER_TEXT</p></footer>
<noscript>NOSCRIPT_TEXT</noscript><template>TEMPLATE_TEXT</template><svg><text>SVG_TEXT</text></svg>
</body></html>"""


def test_saved_page_keeps_the_report_and_drops_the_furniture(tmp_path):
    r = read_html(tmp_path, SAVED_PAGE)
    assert lines(r.text) == [
        "# Exampleshire adult social care assessment", "",
        "## Key findings", "",
        "Staff were positive about training.", "",
        "People waited too long for reviews.", "",
        "ARTICLE_FOOTER_TEXT is the article's own footer.",
    ]
    for junk in ("TITLE_TEXT", "SCRIPT_TEXT", "cookies", "privacy", "HEADER_LOGO", "NAV_LINK", "ROLE_NAV", "BREADCRUMB",
                 "HIDDEN_ATTR", "ARIA_HIDDEN", "DISPLAY_NONE", "SR_ONLY", "ASIDE", "LINK_ONLY", "SECOND_LINK", "Download",
                 "Last updated", "SHARE", "Back to top", "useful", "FORM_TEXT", "COMPLEMENTARY", "FOOTER_TEXT\n",
                 "NOSCRIPT", "TEMPLATE", "SVG", "Skip to"):
        assert junk not in r.text, junk


def test_what_was_left_out_is_told_with_its_rule(tmp_path):
    r = read_html(tmp_path, SAVED_PAGE)
    told = {(d.rule, d.text) for d in r.furniture}
    assert ("class/id .govuk-cookie-banner", "We use some essential cookies to make this service work.") in told
    assert ("class/id .breadcrumbs", "Home > Adult social care > BREADCRUMB_TEXT") in told
    assert ("hidden element", "ARIA_HIDDEN_TEXT") in told
    assert ("role=contentinfo", "FOOTER_TEXT") in told
    assert ("block of link text", "Download the report (PDF, 532 KB)") in told
    assert ("furniture text", "Last updated: 12 March 2024") in told
    assert ("list of links", "LINK_ONLY_ITEM SECOND_LINK_ITEM") in told
    assert r.metadata == {}  # furniture is not the report's metadata (scores, ratings)


def test_without_main_the_densest_container_is_read(tmp_path):
    report = " ".join(f"Finding number {i} was written down by the review team." for i in range(40))
    html = (
        "<body><div class='top'>Exampleshire County Council</div>"
        f"<div class='wrap'><div class='body'><h2>Key findings</h2><p>{report}</p></div></div>"
        "<div class='bottom'>Registered office 1 High Street</div></body>"
    )
    r = read_html(tmp_path, html)
    assert lines(r.text) == ["## Key findings", "", report]


def test_a_form_wrapping_the_whole_page_is_not_dropped(tmp_path):
    r = read_html(tmp_path, "<body><form id='aspnetForm'><div class='sidebar-layout'><h2>Summary</h2>"
                            "<p>Leaders were visible and staff felt supported by them.</p></div></form></body>")
    assert lines(r.text) == ["## Summary", "", "Leaders were visible and staff felt supported by them."]


def test_nested_lists_tables_and_definition_lists(tmp_path):
    html = (
        "<h2>Areas</h2><ol><li>Waiting times were too long<ul><li>Reviews were late</li>"
        "<li><p>Some people waited months.</p><p>Others gave up.</p></li></ul></li><li>Carers lacked information</li></ol>"
        "<table><tr><th>Measure</th><th>Value</th></tr><tr><td>Satisfaction</td><td>61.45</td></tr></table>"
        "<table role='presentation'><tr><td><p>A layout cell holds prose.</p></td><td><p>So does this one.</p></td></tr></table>"
        "<dl><dt>Score</dt><dd>3</dd><dt>What we found</dt><dd><p>Leaders were visible.</p></dd></dl>"
        "<blockquote><p>People told us they felt listened to.</p></blockquote>"
    )
    r = read_html(tmp_path, html)
    assert lines(r.text) == [
        "## Areas", "",
        "- Waiting times were too long", "  - Reviews were late", "  - Some people waited months. Others gave up.",
        "- Carers lacked information", "",
        "Measure\tValue", "Satisfaction\t61.45", "",
        "A layout cell holds prose.", "", "So does this one.", "",
        "Score: 3", "",
        "### What we found", "",
        "Leaders were visible.", "",
        "People told us they felt listened to.",
    ]


def test_a_bold_sentence_is_not_a_heading(tmp_path):
    r = read_html(tmp_path, "<h2>Summary</h2><p><strong>Next steps</strong></p>"
                            "<p><strong>The council must reduce waiting times for reviews.</strong></p>")
    assert lines(r.text) == ["## Summary", "", "### Next steps", "", "The council must reduce waiting times for reviews."]


def test_deep_and_malformed_html_is_read(tmp_path):
    deep = read_html(tmp_path, "<body>" + "<div>" * 10000 + "<p>Staff were positive.</p>" + "</div>" * 10000 + "</body>", "deep.html")
    assert deep.text == "Staff were positive.\n"
    bold = read_html(tmp_path, "<p>" + "<b>" * 1000 + "People waited too long for reviews of their care.</p>", "bold.html")
    assert bold.text == "People waited too long for reviews of their care.\n"
    marked = read_html(tmp_path, "<p>Staff were positive.</p><![ b <p>Carers were heard.</p>", "marked.html")
    assert "Staff were positive." in lines(marked.text) and "Carers were heard." in lines(marked.text)


def test_page_that_is_all_furniture(tmp_path):
    with pytest.raises(ReadError) as e:
        read_html(tmp_path, "<body><nav><a href='/'>Home</a></nav><div class='cookie-banner'><p>We use cookies. Accept all cookies</p></div>"
                            "<footer><p>Copyright</p></footer></body>", "furniture.html")
    assert str(tmp_path / "furniture.html") in str(e.value) and "furniture" in str(e.value)


def test_stdin_html_is_canonical():
    r = read_stdin(__import__("io").BytesIO(b"<html><body><h2>Findings</h2><p>Staff were positive.</p></body></html>"))
    assert r.canonical and r.text == "## Findings\n\nStaff were positive.\n"


# ------------------------------------------------------------------------------------------ DOCX
def build_docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "PAGE_HEADER_TEXT Exampleshire County Council"
    d.sections[0].footer.paragraphs[0].text = "PAGE_FOOTER_TEXT Page 1"
    d.add_heading("Peer challenge feedback", 0)
    d.add_heading("Key findings", 1)
    p = d.add_paragraph("Staff had a business continuity plan (")
    p.add_run("BCP").bold = True
    p.add_run(") and a clear ")
    p.add_run("strategy").italic = True
    p.add_run(". People waited too long.")
    d.add_paragraph("Reviews were often late for older people", style="List Bullet")
    d.add_paragraph("Some people waited months for a decision", style="List Bullet 2")
    d.add_paragraph("Carers lacked information about respite", style="List Number")
    bold = d.add_paragraph()
    bold.add_run("Areas for development").bold = True
    d.add_paragraph("The council should publish its plan.")
    t = d.add_table(rows=2, cols=2)
    for (i, j), text in {(0, 0): "Measure", (0, 1): "Value", (1, 0): "Satisfaction", (1, 1): "61.45"}.items():
        t.cell(i, j).text = text
    d.add_paragraph("Leaders were visible.")
    d.save(str(path))
    return path


def test_docx_headings_lists_tables_and_no_page_header_or_footer(tmp_path):
    r = read_report(build_docx(tmp_path / "letter.docx"))
    assert r.canonical and r.id == "letter"
    assert lines(r.text) == [
        "# Peer challenge feedback", "",
        "# Key findings", "",
        "Staff had a business continuity plan (BCP) and a clear strategy. People waited too long.", "",
        "- Reviews were often late for older people", "  - Some people waited months for a decision",
        "- Carers lacked information about respite", "",
        "## Areas for development", "",
        "The council should publish its plan.", "",
        "Measure\tValue", "Satisfaction\t61.45", "",
        "Leaders were visible.",
    ]
    assert "PAGE_HEADER_TEXT" not in r.text and "PAGE_FOOTER_TEXT" not in r.text
    assert sentences(r) == [
        ("Key findings", "paragraph", "Staff had a business continuity plan (BCP) and a clear strategy."),
        ("Key findings", "paragraph", "People waited too long."),
        ("Key findings", "list_item", "Reviews were often late for older people"),
        ("Key findings", "list_item", "Some people waited months for a decision"),
        ("Key findings", "list_item", "Carers lacked information about respite"),
        ("Areas for development", "paragraph", "The council should publish its plan."),
        ("Areas for development", "paragraph", "Leaders were visible."),
    ]


# ------------------------------------------------------------------------------------------- PDF
RUNNING_HEADER = "Exampleshire County Council: assessment of adult social care, March 2024"


def two_page_pdf(path: Path) -> Path:
    """Two A4 pages written line by line: a running header and "Page N of 2" on both, a title on
    two lines, a heading, a compound hyphenated at a line end, a word hyphenated at a line end,
    two bullets drawn as filled circles, and a sentence that runs across the page break."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)

    def page(n: int) -> None:
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.text(20, 12, RUNNING_HEADER)
        pdf.text(95, 287, f"Page {n} of 2")

    def body(y: float, text: str, x: float = 20) -> None:
        pdf.set_font("Helvetica", size=11)
        pdf.text(x, y, text)

    page(1)
    pdf.set_font("Helvetica", style="B", size=20)
    pdf.text(20, 32, "Assessment of adult social care in")
    pdf.text(20, 41, "Exampleshire County Council")
    pdf.set_font("Helvetica", style="B", size=14)
    pdf.text(20, 56, "Key findings")
    body(68, "Staff told us they felt well supported by their managers and the team was well-")
    body(74, "organised across all four localities.")
    body(86, "The council had completed a thorough assess-")
    body(92, "ment of the needs of carers in 2023.")
    for y, item in ((104, "Reviews were often late"), (111, "Some people waited months for a decision")):
        pdf.circle(23, y - 1.3, 0.9, style="F")
        body(y, item, x=27)
    body(123, "Waiting lists had grown since the last review in the north of the county.")
    body(275, "People who used services said that they had waited too long for")
    page(2)
    body(30, "an appointment with a social worker.")
    body(42, "Carers were positive about the support they received from the new hub.")
    pdf.output(str(path))
    return path


def test_two_page_pdf_layout(tmp_path):
    r = read_report(two_page_pdf(tmp_path / "report.pdf"))
    assert r.canonical
    assert lines(r.text)[:4] == ["# Assessment of adult social care in Exampleshire County Council", "", "## Key findings", ""]
    assert RUNNING_HEADER not in r.text and "Page 1" not in r.text and "Page 2" not in r.text
    assert [(d.rule, d.text) for d in r.furniture] == [("running header or footer", RUNNING_HEADER), ("running header or footer", "Page 1 of 2")]
    assert sentences(r) == [
        ("Key findings", "paragraph", "Staff told us they felt well supported by their managers and the team was well-organised across all four localities."),
        ("Key findings", "paragraph", "The council had completed a thorough assessment of the needs of carers in 2023."),
        ("Key findings", "list_item", "Reviews were often late"),
        ("Key findings", "list_item", "Some people waited months for a decision"),
        ("Key findings", "paragraph", "Waiting lists had grown since the last review in the north of the county."),
        ("Key findings", "paragraph", "People who used services said that they had waited too long for an appointment with a social worker."),
        ("Key findings", "paragraph", "Carers were positive about the support they received from the new hub."),
    ]


def test_pdf_footnotes_and_their_reference_marks_are_left_out(tmp_path):
    """A page with two reference marks set as superscripts after a word and after a full stop,
    two footnotes in small print at the foot of the page (a numbered one and one with a symbol),
    and a small-print line with no mark, which is report text and stays."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()

    def write(x: float, y: float, text: str, size: float) -> float:
        pdf.set_font("Helvetica", size=size)
        pdf.text(x, y, text)
        return x + pdf.get_string_width(text)

    pdf.set_font("Helvetica", style="B", size=14)
    pdf.text(20, 30, "Key findings")
    x = write(20, 44, "Most carers said they could get advice when they needed it", 11)
    x = write(x, 42, "1", 7)
    write(x + 1, 44, "and the helpline", 11)
    write(20, 50, "answered most calls within a minute.", 11)
    x = write(20, 62, "Reviews of care plans were often late.", 11)
    write(x, 60, "*", 7)
    write(20, 74, "Waiting lists for occupational therapy had grown since 2022.", 11)
    write(20, 86, "Figures are for the year to March 2024 and are rounded.", 8)
    write(20, 270, "1 Exampleshire carers survey, autumn 2023, 412 replies.", 8)
    write(20, 276, "* Provisional figures from the council's case records.", 8)
    pdf.output(str(tmp_path / "notes.pdf"))

    r = read_report(tmp_path / "notes.pdf")
    assert [text for _, _, text in sentences(r)] == [
        "Most carers said they could get advice when they needed it and the helpline answered most calls within a minute.",
        "Reviews of care plans were often late.",
        "Waiting lists for occupational therapy had grown since 2022.",
        "Figures are for the year to March 2024 and are rounded.",
    ]
    assert [(d.rule, d.text) for d in r.furniture] == [
        ("footnote", "1 Exampleshire carers survey, autumn 2023, 412 replies."),
        ("footnote", "* Provisional figures from the council's case records."),
    ]


def test_pdf_contents_page_is_left_out(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.text(20, 20, "Contents")
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 32, "Key findings ........................................ 3")
    pdf.text(20, 38, "Areas for development ............................... 5")
    pdf.text(20, 50, "Leaders were visible and staff felt supported by them.")
    p = tmp_path / "contents.pdf"
    pdf.output(str(p))
    assert lines(read_report(p).text) == ["Leaders were visible and staff felt supported by them."]  # "Contents" is furniture too


PDF_PARAS = [
    "The local authority had a multidisciplinary team that met every week to review complex cases "
    "and to agree actions with partners across health, housing and the voluntary sector. Staff told us "
    "that the meetings were well organised and that decisions were recorded clearly.",
    "People who used services said that they had waited too long for an assessment, and some carers "
    "told us that they had not been offered a review of their support plan for more than a year. "
    "Further work is needed to reduce the backlog.",
]


def test_pdf_wrapped_paragraphs_are_joined(tmp_path):
    # (moved from test_readers.py: the heading is now read as a heading by its type)
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=13)
    pdf.cell(0, 8, "Key findings", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.ln(4)
    for para in PDF_PARAS:
        pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
    p = tmp_path / "report.pdf"
    pdf.output(str(p))
    r = read_report(p)
    assert r.id == "report"
    assert lines(r.text) == ["# Key findings", "", PDF_PARAS[0], "", PDF_PARAS[1]]


# ------------------------------------------------------------------------------ unknown formats
def test_unknown_extension(tmp_path):
    # (moved from test_readers.py, where it used .docx, which is now read)
    p = tmp_path / "report.odt"
    p.write_bytes(b"PK\x03\x04 not a text report")
    with pytest.raises(ReadError) as e:
        read_report(p)
    msg = str(e.value)
    assert str(p) in msg and ".odt" in msg
    for suffix in (".txt", ".md", ".html", ".pdf", ".docx"):
        assert suffix in msg


# ------------------------------------------------------------------------- bad inputs, by the CLI
def run(command: str, *args: str):
    return CliRunner().invoke(app, [command, *args])


def error_lines(result, path) -> list[str]:
    return [ln for ln in (result.stderr or "").splitlines() if str(path) in ln]


def no_traceback(result) -> None:
    assert "Traceback" not in result.output and "Traceback" not in (result.stderr or "")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _encrypted_pdf(path: Path) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 20, "Staff were positive.")
    pdf.output(str(path))
    return path


def _scanned_pdf(path: Path) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))
    return path


BAD_INPUTS = {
    # name: (builder, words the one line must hold)
    "not-a-zip.docx": (lambda p: p.write_bytes(b"This is plain text saved with a .docx name.\n"), "not a zip"),
    "encrypted.docx": (
        lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500),
        "password-protected",
    ),
    "old-word.docx": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000), ".doc"),
    "protected.pdf": (_encrypted_pdf, "password-protected"),
    "scan.pdf": (_scanned_pdf, "text layer"),
    "broken.pdf": (lambda p: p.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n%%EOF\n"), "PDF"),
    "furniture.html": (lambda p: p.write_text("<nav><a href='/'>Home</a></nav><footer>Copyright</footer>", encoding="utf-8"), "furniture"),
    "nul.txt": (lambda p: p.write_bytes(b"Staff were positive.\n" * 500 + b"People \x00 waited.\n"), "NUL"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_alone_is_one_line_and_nothing_written(tmp_path, name):
    build, words = BAD_INPUTS[name]
    bad = tmp_path / name
    build(bad)
    out = tmp_path / "out.jsonl"
    result = run("segment", str(bad), "-f", "jsonl", "-o", str(out))
    no_traceback(result)
    assert result.exit_code != 0
    found = error_lines(result, bad)
    assert len(found) == 1, result.stderr
    assert words in found[0]
    assert not out.exists()


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_a_batch_goes_on_past_a_bad_input(tmp_path, name):
    build, _ = BAD_INPUTS[name]
    bad = tmp_path / name
    build(bad)
    good = tmp_path / "good.txt"
    good.write_text("## Findings\n\nStaff were positive. People waited too long.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("segment", str(bad), str(good), "-f", "jsonl", "-o", str(out))
    no_traceback(result)
    assert result.exit_code != 0
    assert len(error_lines(result, bad)) == 1
    rows = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == ["Staff were positive.", "People waited too long."]


def test_classify_refuses_a_bad_docx_and_goes_on(tmp_path):
    bad = tmp_path / "letter.docx"
    bad.write_bytes(b"not a zip at all")
    good = build_docx(tmp_path / "good.docx")
    out = tmp_path / "out.jsonl"
    result = run("classify", str(bad), str(good), "-f", "jsonl", "-o", str(out))
    no_traceback(result)
    assert result.exit_code != 0
    assert len(error_lines(result, bad)) == 1
    texts = [json.loads(ln)["text"] for ln in out.read_text(encoding="utf-8").splitlines()]
    assert "The council should publish its plan." in texts and len(texts) == 7


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_fifo_is_refused_before_any_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: reading it would block forever
    good = tmp_path / "good.txt"
    good.write_text("Staff were positive.\n", encoding="utf-8")
    result = run("segment", str(fifo), str(good), "-f", "jsonl")
    no_traceback(result)
    assert result.exit_code != 0
    found = error_lines(result, fifo)
    assert len(found) == 1 and "named pipe" in found[0]
    assert [json.loads(ln)["text"] for ln in result.stdout.splitlines()] == ["Staff were positive."]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_symlink_to_dev_zero_is_refused(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    result = run("segment", str(link), "-o", str(tmp_path / "out.txt"))
    no_traceback(result)
    assert result.exit_code != 0
    found = error_lines(result, link)
    assert len(found) == 1 and "character device" in found[0]
    assert not (tmp_path / "out.txt").exists()


@pytest.mark.parametrize("at", [0, 100, 9000, 89_000])
def test_a_nul_byte_is_refused_at_any_position(tmp_path, at):
    line = b"Staff were positive about the training they received.\n"
    data = (line * (at // len(line) + 2000))
    data = data[:at] + b"\x00" + data[at:]
    p = tmp_path / "report.txt"
    p.write_bytes(data)
    with pytest.raises(ReadError) as e:
        read_report(p)
    assert e.value.path == str(p)
    assert e.value.line == data.count(b"\n", 0, at) + 1
    assert f"byte {at}" in str(e.value) and "NUL" in str(e.value)


def test_nul_in_utf16_text_is_refused_too(tmp_path):
    p = tmp_path / "wide.txt"
    p.write_bytes("Staff were positive.\n\x00People waited.\n".encode("utf-16"))
    with pytest.raises(ReadError, match="NUL"):
        read_report(p)


def test_documentation_named_explicitly_is_read_with_a_warning(tmp_path):
    docs = tmp_path / "SOURCES.md"
    docs.write_text("# Sources\n\nThe reports were copied from the council's website.\n", encoding="utf-8")
    result = run("segment", str(docs), "-f", "jsonl")
    assert result.exit_code == 0
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:") and str(docs) in ln]
    assert len(warnings) == 1 and "documentation" in warnings[0]
    assert [json.loads(ln)["text"] for ln in result.stdout.splitlines()] == ["The reports were copied from the council's website."]


def test_a_folder_with_a_deeply_nested_page_beside_good_reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "deep.html").write_text("<body>" + "<div>" * 10000 + "<p>Carers were heard.</p>" + "</div>" * 10000 + "</body>", encoding="utf-8")
    (folder / "good.txt").write_text("Staff were positive.\n", encoding="utf-8")
    result = run("segment", str(folder), "-f", "jsonl")
    no_traceback(result)
    assert result.exit_code == 0
    rows = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert [(r["report"], r["text"]) for r in rows] == [("deep", "Carers were heard."), ("good", "Staff were positive.")]


def test_size_is_checked_on_the_open_file(tmp_path, monkeypatch):
    from finding_classifier.model.reading import inputs

    p = tmp_path / "report.txt"
    p.write_bytes(b"Staff were positive.\n" * 10)
    monkeypatch.setattr(inputs, "MAX_REPORT_BYTES", 50)
    with pytest.raises(ReadError) as e:
        read_report(p)
    assert str(p) in str(e.value) and "limit" in str(e.value)


# ------------------------------------------------------------------------ a PDF printed by Chromium
@pytest.mark.slow
def test_pdf_printed_by_chromium(tmp_path):
    """Chromium draws list bullets as shapes, writes U+2010 where it breaks at a soft hyphen and
    prints @page margin boxes on every page: the reader must see through all three."""
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        if os.environ.get("FINDINGS_REQUIRE_BROWSER"):
            pytest.fail("no chromium, but FINDINGS_REQUIRE_BROWSER is set")
        pytest.skip("no chromium on this machine")
    filler = "".join(f"<p>Paragraph {i} of the filler text was written for this test only.</p>" for i in range(1, 40))
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>
    @page {{ size: A5; margin: 20mm 15mm; @top-center {{ content: "{RUNNING_HEADER}"; font-size: 7pt; }}
             @bottom-center {{ content: "Page " counter(page) " of " counter(pages); font-size: 7pt; }} }}
    body {{ font: 10pt sans-serif; }} h1 {{ font-size: 22pt; }}</style></head><body>
    <h1>Assessment of adult social care in Exampleshire</h1>
    <h2>Key findings</h2>
    <p>The council had completed a thorough assess&shy;ment of the needs of carers and a well-organised review of every team.</p>
    <ul><li>Reviews were often late for older people</li><li>Some people waited months for a decision</li></ul>
    {filler}
    </body></html>"""
    html = tmp_path / "page.html"
    html.write_text(page, encoding="utf-8")
    pdf = tmp_path / "page.pdf"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()], capture_output=True, timeout=180)
    r = read_report(pdf)
    got = sentences(r)
    assert got[:3] == [
        ("Key findings", "paragraph", "The council had completed a thorough assessment of the needs of carers and a well-organised review of every team."),
        ("Key findings", "list_item", "Reviews were often late for older people"),
        ("Key findings", "list_item", "Some people waited months for a decision"),
    ]
    assert [t for _, _, t in got[3:]] == [f"Paragraph {i} of the filler text was written for this test only." for i in range(1, 40)]
    assert RUNNING_HEADER not in r.text and "Page 1 of" not in r.text


# ---------------------------------------------------------------- malformed input never escapes
_PIECES = ["<div>", "</div>", "<p>", "</p>", "<b>", "</b>", "<br>", "<ul>", "<li>", "</li>", "</ul>", "<table>", "<tr>",
           "<td>", "</td>", "<h2>", "</h2>", "<dl><dt>", "<dd>", "<![ b", "<!--", "-->", "<script>", "</script>",
           "<sup>", "<a href='#x'>", "</a>", "<nav>", "<main>", "<pre>", "&bull; ", "&nbsp;", "&#0;", "&#xD800;",
           "<div hidden>", "<span style='display:none'>", "\u202e", "\u0301", "\t", "\n\n", "Staff were positive. ",
           "People waited.", "\u00ad", "<", ">", "&", "\"", "<?xml?>", "<!DOCTYPE html>", "<form id='f'>"]


def test_random_html_never_raises_and_writes_canonical_text():
    import random

    from finding_classifier.model.reading.html import html_to_text

    rng = random.Random(20261201)
    for _ in range(300):
        page = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60)))
        text = html_to_text(page)
        assert text == "" or text.endswith("\n")
        assert "\n\n\n" not in text and "<p>" not in text and "<b>" not in text
        for ln in text.splitlines():
            assert ln == ln.rstrip(" ") and "\x00" not in ln


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
def test_random_bytes_are_a_read_error_or_a_report(tmp_path, suffix):
    import random

    rng = random.Random(7)
    heads = {".docx": b"PK\x03\x04", ".pdf": b"%PDF-1.7\n", ".html": b"<html>"}
    for i in range(25):
        p = tmp_path / f"r{i}{suffix}"
        p.write_bytes(heads[suffix] + bytes(rng.randrange(256) for _ in range(rng.randint(0, 400))))
        try:
            r = read_report(p)
        except ReadError as exc:
            assert str(p) in str(exc) and "\n" not in str(exc)
        else:
            assert r.canonical and r.text.strip()


def test_stdin_pdf_and_docx_are_recognised(tmp_path):
    import io

    pdf = two_page_pdf(tmp_path / "in.pdf").read_bytes()
    r = read_stdin(io.BytesIO(pdf))
    assert r.canonical and "## Key findings" in lines(r.text)
    docx_bytes = build_docx(tmp_path / "in.docx").read_bytes()
    r = read_stdin(io.BytesIO(docx_bytes))
    assert r.canonical and "# Key findings" in lines(r.text)
