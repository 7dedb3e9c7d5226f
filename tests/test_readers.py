"""Reading reports: encodings, formats, inputs that are not reports, folders, globs and stdin.

Every input is built by the test itself in ``tmp_path``.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from finding_classifier.errors import ReadError
from finding_classifier.model.reading import expand_inputs, iter_reports, read_report, read_stdin
from finding_classifier.model.sentences import segment_text, sentence_records
from finding_classifier.model.structure import plain
from finding_classifier.schema import MAX_REPORT_BYTES


def fold(s: str) -> str:
    return " ".join(s.split())


def sentence_texts(text: str) -> list[str]:
    return [r["text"] for r in [_r.to_dict() for _r in sentence_records(segment_text(text, "t"))]]


def lines(text: str) -> list[str]:
    return text.splitlines()


# ------------------------------------------------------------------------------------ plain text
def test_utf8_text_is_read_unchanged(tmp_path):
    text = "# Findings\n\nThe council\u2019s caf\u00e9 service cost \u00a35 \u2013 people said it was na\u00efve.\n"
    p = tmp_path / "exampleshire-2024.txt"
    p.write_bytes(text.encode("utf-8"))
    r = read_report(p)
    assert r.text == text
    assert r.id == "exampleshire-2024"
    assert r.path == str(p)
    assert r.warnings == []


def test_utf8_with_bom_drops_the_bom(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + "## Key findings\n\nStaff were positive.\n".encode("utf-8"))
    r = read_report(p)
    assert not r.text.startswith("\ufeff")
    assert r.text.startswith("## Key findings")
    assert r.warnings == []
    recs = [_r.to_dict() for _r in sentence_records(segment_text(r.text, r.id))]
    assert [(x["section"], x["text"]) for x in recs] == [("Key findings", "Staff were positive.")]


def test_windows_1252_falls_back_with_a_warning(tmp_path):
    text = "The council\u2019s offer cost \u00a35 \u2013 a \u201cfair\u201d price.\n"
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode("cp1252"))
    r = read_report(p)
    assert r.text == text
    assert len(r.warnings) == 1
    w = r.warnings[0]
    assert str(p) in w
    assert "UTF-8" in w and "Windows-1252" in w


def test_bytes_that_are_neither_utf8_nor_windows_1252(tmp_path):
    p = tmp_path / "odd.txt"
    p.write_bytes(b"Staff were \x81 positive.\n")  # 0x81 is undefined in Windows-1252
    with pytest.raises(ReadError) as e:
        read_report(p)
    assert str(p) in str(e.value)
    assert "Windows-1252" in str(e.value)


def test_markdown_file(tmp_path):
    text = "# Report\n\n## Areas for development\n\n- Reviews were **often** late\n- Carers waited for assessments\n"
    p = tmp_path / "notes.md"
    p.write_text(text, encoding="utf-8")
    r = read_report(p)
    assert r.id == "notes"
    assert r.text == text
    recs = [_r.to_dict() for _r in sentence_records(segment_text(r.text, r.id))]
    assert [x["text"] for x in recs] == ["Reviews were often late", "Carers waited for assessments"]
    assert {x["section"] for x in recs} == {"Areas for development"}


# ------------------------------------------------------------------------------------------ HTML
HTML_PAGE = """<!DOCTYPE html>
<html><head><title>PAGE_TITLE_TEXT</title>
<style>p { color: red; }</style>
<script>var tracking = "SECRET_SCRIPT_TEXT";</script>
</head>
<body>
<nav><a href="/">NAV_LINK_TEXT</a></nav>
<h1>Assessment of Exampleshire</h1>
<h2>Learning culture</h2>
<p>Staff told us they felt <b>well supported</b> by their
   managers. Between 14<sup>th</sup> and 16<sup>th</sup> November 2016, the team met 90 people.</p>
<h3>Areas for development</h3>
<ul>
  <li>Waiting times for assessments were too long
    <ul>
      <li>Reviews were often late</li>
      <li>Some people waited months for a decision</li>
    </ul>
  </li>
  <li>Carers did not always get the information they needed</li>
</ul>
<table>
  <tr><th>Measure</th><th>Value</th></tr>
  <tr><td>Satisfaction</td><td>61.45</td></tr>
</table>
<script>document.write("INLINE_SCRIPT_TEXT");</script>
</body></html>
"""


@pytest.fixture
def html_report(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML_PAGE, encoding="utf-8")
    return read_report(p)


def test_html_headings_become_markdown_headings(html_report):
    ls = lines(html_report.text)
    assert "# Assessment of Exampleshire" in ls
    assert "## Learning culture" in ls
    assert "### Areas for development" in ls


def test_html_paragraph_is_one_line_with_inline_tags_removed(html_report):
    ls = lines(html_report.text)
    para = [ln for ln in ls if ln.startswith("Staff told us")]
    assert len(para) == 1
    assert para[0].startswith("Staff told us they felt well supported by their managers.")
    assert "<b>" not in html_report.text


def test_html_sup_is_joined_to_its_word(html_report):
    assert "Between 14th and 16th November 2016" in html_report.text
    assert "<sup>" not in html_report.text


def test_html_nested_list_keeps_depth_and_does_not_repeat_children(html_report):
    ls = lines(html_report.text)
    assert "- Waiting times for assessments were too long" in ls
    assert "  - Reviews were often late" in ls
    assert "  - Some people waited months for a decision" in ls
    assert "- Carers did not always get the information they needed" in ls
    assert html_report.text.count("Reviews were often late") == 1


def test_html_table_rows_are_tab_separated(html_report):
    ls = lines(html_report.text)
    assert "Measure\tValue" in ls
    assert "Satisfaction\t61.45" in ls


def test_html_script_style_head_and_nav_are_dropped(html_report):
    for junk in ("SECRET_SCRIPT_TEXT", "INLINE_SCRIPT_TEXT", "color: red", "PAGE_TITLE_TEXT", "NAV_LINK_TEXT"):
        assert junk not in html_report.text


def test_html_segments_into_body_prose(html_report):
    recs = [_r.to_dict() for _r in sentence_records(segment_text(html_report.text, html_report.id))]
    texts = [r["text"] for r in recs]
    assert texts == [
        "Staff told us they felt well supported by their managers.",
        "Between 14th and 16th November 2016, the team met 90 people.",
        "Waiting times for assessments were too long",
        "Reviews were often late",
        "Some people waited months for a decision",
        "Carers did not always get the information they needed",
    ]
    assert [r["section"] for r in recs] == ["Learning culture"] * 2 + ["Areas for development"] * 4
    for r in recs:
        assert fold(plain(html_report.text[r["start"] : r["end"]])) == fold(r["text"])


# ------------------------------------------------------------------------------------------- PDF
PDF_PARAS = [
    "The local authority had a multidisciplinary team that met every week to review complex cases "
    "and to agree actions with partners across health, housing and the voluntary sector. Staff told us "
    "that the meetings were well organised and that decisions were recorded clearly.",
    "People who used services said that they had waited too long for an assessment, and some carers "
    "told us that they had not been offered a review of their support plan for more than a year. "
    "Further work is needed to reduce the backlog.",
]


def _pdf(path: Path, paras=PDF_PARAS, heading="Key findings", second_page: str | None = None) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    if heading:
        pdf.set_font("Helvetica", style="B", size=13)
        pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.ln(4)
    for para in paras:
        pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
    if second_page:
        pdf.add_page()
        pdf.multi_cell(0, 6, second_page, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_pdf_segments_with_heading_and_offsets(tmp_path):
    r = read_report(_pdf(tmp_path / "report.pdf"))
    recs = [_r.to_dict() for _r in sentence_records(segment_text(r.text, r.id))]
    expected = [
        "The local authority had a multidisciplinary team that met every week to review complex cases "
        "and to agree actions with partners across health, housing and the voluntary sector.",
        "Staff told us that the meetings were well organised and that decisions were recorded clearly.",
        "People who used services said that they had waited too long for an assessment, and some carers "
        "told us that they had not been offered a review of their support plan for more than a year.",
        "Further work is needed to reduce the backlog.",
    ]
    assert [r_["text"] for r_ in recs] == expected
    assert {r_["section"] for r_ in recs} == {"Key findings"}
    for x in recs:
        assert fold(plain(r.text[x["start"] : x["end"]])) == fold(x["text"])


def test_pdf_pages_are_read_in_order(tmp_path):
    last = "The review took place in March 2024 and covered all teams in the service."
    r = read_report(_pdf(tmp_path / "two.pdf", second_page=last))
    texts = sentence_texts(r.text)
    assert texts[-1] == last
    assert len(texts) == 5


def test_pdf_without_text_layer(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60)
    p = tmp_path / "scan.pdf"
    pdf.output(str(p))
    with pytest.raises(ReadError) as e:
        read_report(p)
    assert "text layer" in str(e.value)
    assert str(p) in str(e.value)


def test_corrupt_pdf_is_a_read_error(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n%%EOF\n")
    with pytest.raises(ReadError) as e:
        read_report(p)
    assert str(p) in str(e.value)


# ------------------------------------------------------------------------- inputs that are not reports
@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n", "\u00a0\n".encode("utf-8")], ids=["empty", "whitespace", "nbsp"])
def test_empty_and_whitespace_only_files(tmp_path, content):
    p = tmp_path / "blank.txt"
    p.write_bytes(content)
    with pytest.raises(ReadError) as e:
        read_report(p)
    assert str(p) in str(e.value)
    assert "empty" in str(e.value)


def test_binary_file(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    with pytest.raises(ReadError) as e:
        read_report(p)
    assert str(p) in str(e.value)
    assert "binary" in str(e.value)


def test_no_extension(tmp_path):
    p = tmp_path / "README"
    p.write_text("Staff were positive.\n", encoding="utf-8")
    with pytest.raises(ReadError, match="no extension"):
        read_report(p)


def test_missing_path(tmp_path):
    p = tmp_path / "nowhere" / "missing.txt"
    with pytest.raises(ReadError) as e:
        read_report(p)
    assert str(p) in str(e.value)
    assert "no such file" in str(e.value)


def test_a_folder_passed_to_read_report(tmp_path):
    with pytest.raises(ReadError, match="folder"):
        read_report(tmp_path)


def test_file_over_the_size_limit_is_refused_quickly(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: no data written
    with pytest.raises(ReadError) as e:
        read_report(p)
    msg = str(e.value)
    assert str(p) in msg
    assert "MiB" in msg and "limit" in msg


def test_file_at_the_size_limit_is_not_refused_for_size(tmp_path):
    p = tmp_path / "big.txt"
    sentence = b"Staff were positive about the training they received. "
    p.write_bytes(sentence * 20 + b"\n")
    assert p.stat().st_size < MAX_REPORT_BYTES
    assert read_report(p).text.startswith("Staff were positive")


# ------------------------------------------------------------------------------ folders and globs
def _tree(root: Path) -> Path:
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Staff were positive.\n", encoding="utf-8")
    (root / "sub" / "b.md").write_text("# B\n\nPeople waited.\n", encoding="utf-8")
    (root / "c.HTML").write_text("<p>Carers were supported.</p>", encoding="utf-8")
    (root / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (root / "sub" / "labels.jsonl").write_text("{}\n", encoding="utf-8")
    return root


def test_folder_expands_to_its_reports_recursively_and_sorted(tmp_path):
    root = _tree(tmp_path / "reports")
    paths, errors = expand_inputs([str(root)])
    assert errors == []
    assert paths == sorted(paths)
    assert {Path(p).relative_to(root).as_posix() for p in paths} == {"a.txt", "sub/b.md", "c.HTML"}


def test_folder_with_no_reports(tmp_path):
    root = tmp_path / "empty"
    root.mkdir()
    (root / "notes.csv").write_text("a,b\n", encoding="utf-8")
    paths, errors = expand_inputs([str(root)])
    assert paths == []
    assert len(errors) == 1
    assert isinstance(errors[0], ReadError)
    assert str(root) in str(errors[0]) and "no reports" in str(errors[0])
    items = list(iter_reports([str(root)]))
    assert len(items) == 1 and isinstance(items[0], ReadError)


def test_glob(tmp_path):
    root = _tree(tmp_path / "reports")
    paths, errors = expand_inputs([str(root / "*.txt")])
    assert errors == []
    assert paths == [str(root / "a.txt")]
    paths, errors = expand_inputs([str(root / "**" / "*.md")])
    assert paths == [str(root / "sub" / "b.md")]


def test_glob_matching_nothing(tmp_path):
    pattern = str(tmp_path / "*.pdf")
    paths, errors = expand_inputs([pattern])
    assert paths == []
    assert len(errors) == 1 and pattern in str(errors[0])


def test_iter_reports_does_not_stop_at_a_bad_input(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Staff were positive.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    items = list(iter_reports([str(missing), str(good)]))
    assert len(items) == 2
    assert isinstance(items[0], ReadError) and str(missing) in str(items[0])
    assert items[1].id == "good" and items[1].text == "Staff were positive.\n"


# ----------------------------------------------------------------------------------------- stdin
def test_stdin_text():
    r = read_stdin(io.BytesIO("## Findings\n\nStaff were positive. People waited.\n".encode("utf-8")))
    assert r.id == "stdin" and r.path == "-"
    assert r.warnings == []
    assert sentence_texts(r.text) == ["Staff were positive.", "People waited."]


def test_stdin_html_is_recognised():
    r = read_stdin(io.BytesIO(b"  <html><body><h2>Findings</h2><p>Staff were positive.</p><script>x()</script></body></html>"))
    assert "## Findings" in lines(r.text)
    assert "x()" not in r.text
    assert sentence_texts(r.text) == ["Staff were positive."]


def test_stdin_html_with_bom_is_recognised():
    r = read_stdin(io.BytesIO(b"\xef\xbb\xbf<html><body><h2>Findings</h2><p>Staff were positive.</p></body></html>"))
    assert "<p>" not in r.text
    assert "## Findings" in lines(r.text)


def test_stdin_windows_1252():
    r = read_stdin(io.BytesIO("The council\u2019s offer.\n".encode("cp1252")))
    assert r.text == "The council\u2019s offer.\n"
    assert len(r.warnings) == 1 and "Windows-1252" in r.warnings[0]


def test_stdin_empty():
    with pytest.raises(ReadError, match="empty"):
        read_stdin(io.BytesIO(b""))


def test_stdin_over_the_limit():
    with pytest.raises(ReadError) as e:
        read_stdin(io.BytesIO(b"a" * (MAX_REPORT_BYTES + 1)))
    assert "standard input" in str(e.value) and "limit" in str(e.value)
