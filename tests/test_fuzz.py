"""Property-based fuzzing (Hypothesis) of the reader, the structure parser and the whole pipeline.

Inputs are built from fragments a real report or a broken file may hold: random Unicode, Markdown
markers, tabs, control characters, right-to-left text, combining marks, very long lines, runs of
blank lines, HTML fragments and score lines. Properties:

- nothing but the project's own error type (:class:`FindingError`) ever escapes;
- every sentence's ``start``/``end`` slice of the text read gives the sentence back, modulo the
  documented cleaning: whitespace folded, and in plain text and Markdown inline markup removed
  (``plain``); the canonical text of a structured reader (HTML) is taken literally; a block set
  aside (boilerplate) between the two halves of a paragraph joined over a page break is left out;
  a sentence that ends inside inline markup (a link's text) ends at its last visible character, so
  its slice is read with the markup that closes it, up to the end of its block;
- every sentence's probabilities sum to 1;
- the same input gives the same output.

The default run is short and derandomized (the same examples each time); ``-m slow`` runs the long
profile, 10,000 examples per property (``FINDINGS_FUZZ_EXAMPLES`` sets another number; CI uses 1,000).
"""
from __future__ import annotations

import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finding_classifier.errors import FindingError
from finding_classifier.model.reading.inputs import read_bytes
from finding_classifier.model.structure import parse_report, plain
from finding_classifier.pipeline import classify_report

COMMON = dict(deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz-short", max_examples=80, **COMMON)
#: The long profile's size: 10,000 examples per property; CI sets FINDINGS_FUZZ_EXAMPLES lower to keep
#: its whole run well under ten minutes on two cores (the structure property alone takes ~5 min at 10,000).
LONG_EXAMPLES = int(os.environ.get("FINDINGS_FUZZ_EXAMPLES", "10000"))
settings.register_profile("fuzz-long", max_examples=LONG_EXAMPLES, **COMMON)
SHORT, LONG = settings.get_profile("fuzz-short"), settings.get_profile("fuzz-long")

# Fragments written for these tests (no report text).
WORDS = ["Staff", "were", "positive", "about", "the", "training.", "Waiting", "times", "were", "not", "met.",
         "There", "were", "412", "referrals", "in", "2023.", "e.g.", "Dr.", "etc.", "(see", "p.", "4)", "\u201cgood\u201d"]
MARKERS = ["# ", "## ", "### ", "- ", "* ", "+ ", "1. ", "2) ", "a) ", "> ", "**", "__", "_", "*", "`", "```", "|", " | ",
           "---", "===", "[", "](http://x.org)", "![", "\\", "#", "[good]", "[/note]"]
HTML = ["<div>", "</div>", "<p>", "</p>", "<b>", "</b>", "<h2>", "</h2>", "<li>", "<ul>", "<table><tr><td>", "</td></tr>",
        "<br>", "<![ b", "<!--", "-->", "<id>", "&amp;", "&#0;", "<script>", "</script>", "<sup>", "<", ">", "&"]
SCORES = ["Score: 3 - Evidence shows a good standard", "Score: 1", "Rating: Good", "Overall rating: Requires improvement", "3/4"]
CONTROL = ["\t", "\r", "\r\n", "\x0b", "\x0c", "\x1b", "\x07", "\x85", "\u2028", "\u2029", "\u00a0", "\u200b", "\ufeff"]
RTL = ["\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u200f", "\u202e", "\u202c", "\u061f"]
COMBINING = ["e\u0301", "\u0301", "\u0308\u0308\u0308", "n\u0303", "\u20dd"]

fragment = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(MARKERS), st.sampled_from(HTML), st.sampled_from(SCORES),
    st.sampled_from(CONTROL), st.sampled_from(RTL), st.sampled_from(COMBINING),
    st.text(max_size=12),  # any Unicode (surrogates excluded by Hypothesis' default alphabet)
    st.builds(lambda s, n: s * n, st.sampled_from(["a", "(", "#", "\u201c", "1.2.", "- ", "word "]), st.integers(50, 3000)),  # long runs
    st.builds(lambda n: "\n" * n, st.integers(1, 30)),  # blank lines
)
line = st.lists(fragment, max_size=12).map(" ".join)
document = st.lists(line, min_size=1, max_size=25).map("\n".join)
suffix = st.sampled_from([".txt", ".md", ".html"])


def fold(text: str) -> str:
    return " ".join(text.split())


def _without(text: str, start: int, end: int, blocks) -> str:
    """``text[start:end]`` without the blocks set aside inside it (a score line between the two
    halves of a paragraph joined over a page break)."""
    parts, pos = [], start
    for b in sorted(blocks, key=lambda b: b.start):
        if start <= b.start and b.end <= end:
            parts.append(text[pos : b.start])
            pos = b.end
    return " ".join(parts + [text[pos:end]])


def _read(text: str, suffix: str):
    try:
        return read_bytes(text.encode("utf-8", "surrogatepass"), f"fuzz{suffix}", suffix)
    except FindingError:
        return None  # refused in one line: allowed


def _reader_property(data: bytes, suffix: str):
    try:
        report = read_bytes(data, f"fuzz{suffix}", suffix)
    except FindingError:
        return
    assert isinstance(report.text, str) and report.text.strip()
    assert "\x00" not in report.text


def _structure_property(text: str):
    structure = parse_report(text)
    for b in structure.blocks:
        assert 0 <= b.start <= b.end <= len(text)


def _pipeline_property(text: str, suffix: str):
    report = _read(text, suffix)
    if report is None:
        return
    try:
        first = classify_report(report, None)
    except FindingError:
        return
    preds = first.report.predictions
    set_aside = [b for b in first.report.blocks if b.kind == "boilerplate"]
    for p in preds:
        assert 0 <= p.start < p.end <= len(report.text)
        piece = _without(report.text, p.start, p.end, set_aside)
        # canonical block text (HTML) is taken literally; plain text and Markdown lose inline markup
        if report.canonical:
            assert fold(p.text) == fold(piece), (p.start, p.end)
        elif fold(plain(piece)) != fold(p.text):
            # a sentence ending inside inline markup ends at its last visible character: the markup
            # that closes it ("](url)", "**") lies after `end`, so it is read with the rest of its block
            block_end = max(b.end for b in first.report.blocks if b.start <= p.start < b.end)
            rest = _without(report.text, p.start, block_end, set_aside)
            assert fold(plain(rest)).startswith(fold(p.text)), (p.start, p.end)
        assert set(p.probabilities) == {"strength", "area_for_improvement", "evidence"}
        assert math.isclose(sum(p.probabilities.values()), 1.0, abs_tol=2e-4)  # three values rounded to 4 places
        assert p.probabilities[p.label] == max(p.probabilities.values())  # the label is the most probable (ties after rounding allowed)
    again = classify_report(_read(text, suffix), None)
    assert [p.to_dict() for p in again.report.predictions] == [p.to_dict() for p in preds]


@SHORT
@given(st.one_of(document.map(lambda t: t.encode("utf-8")), st.binary(max_size=2000)), suffix)
def test_reader_raises_only_its_own_error(data, suffix):
    _reader_property(data, suffix)


@SHORT
@given(document)
def test_structure_parser_takes_any_text(text):
    _structure_property(text)


@SHORT
@given(document, suffix)
def test_pipeline_offsets_probabilities_and_determinism(text, suffix):
    _pipeline_property(text, suffix)


@pytest.mark.slow
@LONG
@given(st.one_of(document.map(lambda t: t.encode("utf-8")), st.binary(max_size=2000)), suffix)
def test_reader_long(data, suffix):
    _reader_property(data, suffix)


@pytest.mark.slow
@LONG
@given(document)
def test_structure_parser_long(text):
    _structure_property(text)


@pytest.mark.slow
@LONG
@given(document, suffix)
def test_pipeline_long(text, suffix):
    _pipeline_property(text, suffix)
