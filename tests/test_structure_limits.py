"""Inputs that used to be refused, quadratic or misread by the structure and sentence stages (issue 12).

Each input is small enough to run in a fraction of a second now; with the old code each took
seconds to minutes (the regex or the loop was quadratic) or raised. No test asserts a time (speed is
measured by ``benchmarks/pathological.py``); each asserts what comes out, and a regression to the
quadratic behaviour would show as a test that takes seconds (``pytest --durations``).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from finding_classifier.model.sentences import make_nlp, segment_text, sentence_records
from finding_classifier.model.structure import clean_inline, parse_blocks, plain
from finding_classifier.schema import MAX_REPORT_BYTES

ROOT = Path(__file__).resolve().parent.parent


def records(text: str) -> list[dict]:
    out = [_r.to_dict() for _r in sentence_records(segment_text(text, "t"))]
    for r in out:
        assert " ".join(plain(text[r["start"] : r["end"]]).split()) == " ".join(r["text"].split()), r
    return out


def test_no_limit_depends_on_spacys_max_length():
    nlp = make_nlp()
    assert nlp.max_length >= MAX_REPORT_BYTES  # a report at the size limit is read, not refused
    nlp.max_length = 50  # and nothing below the pipeline relies on it
    text = "## Findings\n\n" + "Staff were positive about the training they received. " * 20 + "\n"
    doc = segment_text(text, "t", nlp=nlp)
    assert len(doc.spans["sentences"]) == 20


def test_a_long_run_of_word_characters_is_one_sentence():
    # the contact-detail pattern used to rescan such a run from every position (quadratic)
    text = "## Findings\n\n" + "a" * 30_000 + "\n"
    (r,) = records(text)
    assert r["text"] == "a" * 30_000
    assert [b.kind for b in parse_blocks(text)] == ["heading", "paragraph"]


def test_a_long_run_of_dotted_numbers_is_text():
    text = "## Findings\n\n" + "1.2." * 5_000 + "\n"
    (r,) = records(text)
    assert r["text"] == "1.2." * 5_000


def test_an_e_mail_address_in_a_long_line_is_still_found():
    blocks = parse_blocks("## Contact\n\nEmail: jane.smith@example.gov.uk\n\nThe team met weekly.\n")
    assert [b.kind for b in blocks] == ["heading", "boilerplate", "paragraph"]


def test_thousands_of_lines_without_a_blank_line():
    # each added line used to re-slice and re-split the paragraph built so far (quadratic)
    lines = [f"the team met partner number {i} and agreed the plan" for i in range(2_000)]
    text = "## Findings\n\nThe review found that " + "\n".join(lines) + ".\n"
    (r,) = records(text)
    assert r["text"].startswith("The review found that the team met partner number 0 and agreed")
    assert r["text"].endswith("partner number 1999 and agreed the plan.")


@pytest.mark.parametrize("mark", ["(", "#", "\u201c", ")", "%", "\u00a3"])
def test_a_run_of_thousands_of_punctuation_marks(mark):
    # spaCy strips a word's affixes one character at a time (quadratic); the run is cut into short
    # tokens first, and the text and offsets stay as they were
    text = "## Findings\n\nStaff " + mark * 5_000 + " met. People waited.\n"
    rs = records(text)
    assert [r["text"] for r in rs][-1] == "People waited."
    assert rs[0]["text"] == "Staff " + mark * 5_000 + " met."
    doc = segment_text(text, "t")
    assert doc.text == "Staff " + mark * 5_000 + " met. People waited."


def test_angle_bracket_words_are_text_and_html_tags_are_markup():
    text = "## Records\n\nThe <id> and the <name> of each carer were recorded in <b>bold</b> at 14<sup>th</sup> May.\n"
    assert [r["text"] for r in records(text)] == ["The <id> and the <name> of each carer were recorded in bold at 14th May."]
    assert clean_inline("a <council name> b")[0] == "a <council name> b"
    assert clean_inline("a <span class='x'>b</span>")[0] == "a b"


def test_unclosed_markdown_link_brackets_are_text():
    # "[" without "](" used to be looked ahead for to the end of the text from each "["
    text = "## Notes\n\n" + "[a " * 3_000 + "end.\n"
    (r,) = records(text)
    assert r["text"].startswith("[a [a [a") and r["text"].endswith("[a end.")


@pytest.mark.slow
def test_a_text_over_a_million_characters_is_read():
    # a single paragraph of 1,000,020 characters: spaCy's default max_length is 1,000,000
    sentence = "Staff were positive about the training. "
    text = sentence * (1_000_020 // len(sentence) + 1)
    assert len(text) > 1_000_000
    doc = segment_text(text, "t")
    spans = doc.spans["sentences"]
    assert len(spans) == text.count(".")
    last = spans[-1]
    assert text[last._.start : last._.end] == "Staff were positive about the training."


# Found by the Hypothesis fuzz test (tests/test_fuzz.py), each written out by hand here.

@pytest.mark.parametrize("space", ["\u0085", "\u2028", "\u0085\u2029"])
def test_a_line_of_only_unicode_white_space_is_blank(space):
    # str.split() finds no word in it, where the features once took the first word of any non-empty line
    assert [b.text for b in parse_blocks(space) if b.kind != "boilerplate"] == []
    assert [(b.kind, b.text) for b in parse_blocks(f"Staff\n{space}")] == [("heading", "Staff")]
    text = f"# Findings\n\nStaff were kind.\n{space}\nThe panel met in May.\n"
    assert [r["text"] for r in records(text)] == ["Staff were kind.", "The panel met in May."]


@pytest.mark.parametrize("between", ["\tStaff\tAll", "#"])
def test_a_paragraph_is_not_joined_across_a_table_row_or_an_empty_heading(between):
    text = f"# Findings\n\nThe carers told us that\n\n{between}\n\nwere kind to them.\n"
    got = [(b.kind, b.text) for b in parse_blocks(text) if b.kind == "paragraph"]
    assert got == [("paragraph", "The carers told us that"), ("paragraph", "were kind to them.")]


def test_a_trailing_tab_makes_no_table_row():
    blocks = parse_blocks("# Findings\n\nStaff were kind to the carers they met.\t\n")
    assert [(b.kind, b.text) for b in blocks] == [("heading", "Findings"), ("paragraph", "Staff were kind to the carers they met.")]
