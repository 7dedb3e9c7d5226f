"""Plain text in every shape people have it, Markdown, and canonical block text.

Every input here is written by the test and was never segmented first; the expected sentences,
sections and block kinds are set by hand. Every test also checks that each sentence's
``start``/``end`` slice of the text gives the sentence back (after ``plain()`` and whitespace
folding, the documented cleaning).
"""
from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from finding_classifier.model.sentences import segment_text, sentence_records, sentences
from finding_classifier.model.structure import parse_blocks, parse_report, plain
from finding_classifier.model.structure.layout import StagedRules, using

ROOT = Path(__file__).resolve().parent.parent


def fold(s: str) -> str:
    return " ".join(s.split())


def recs(text: str, canonical: bool = False) -> list[dict]:
    out = [_r.to_dict() for _r in sentence_records(segment_text(text, "t", canonical=canonical))]
    for r in out:
        assert 0 <= r["start"] < r["end"] <= len(text), r
        assert fold(plain(text[r["start"] : r["end"]])) == fold(r["text"]), r
    return out


def texts(text: str, canonical: bool = False) -> list[str]:
    return [r["text"] for r in recs(text, canonical)]


# A small report of our own, and its sentences and sections as a reader sets them.
TITLE = "Exampleshire adult social care"
BLOCKS = [
    ("heading", "Key findings"),
    ("para", "The reablement team worked closely with the hospital discharge teams and people went home sooner. "
             "Carers told us they felt listened to."),
    ("para", "Waiting times for an assessment of needs were longer than the council's own target in two of the "
             "four localities."),
    ("heading", "Areas for improvement"),
    ("item", "Reviews of support plans were often late"),
    ("item", "Information for self-funders was hard to find on the council's website"),
    ("heading", "What happens next"),
    ("para", "The council will publish an action plan in the spring and report on it to the scrutiny committee."),
]
SENTENCES = [
    ("Key findings", "The reablement team worked closely with the hospital discharge teams and people went home sooner."),
    ("Key findings", "Carers told us they felt listened to."),
    ("Key findings", "Waiting times for an assessment of needs were longer than the council's own target in two of the four localities."),
    ("Areas for improvement", "Reviews of support plans were often late"),
    ("Areas for improvement", "Information for self-funders was hard to find on the council's website"),
    ("What happens next", "The council will publish an action plan in the spring and report on it to the scrutiny committee."),
]


def write(width=None, blank=True, bullet="- ", hanging=True) -> str:
    out = [TITLE, ""] if blank else [TITLE]
    prev = ""
    for kind, text in BLOCKS:
        if out and blank and not (kind == prev == "item"):
            out.append("") if out[-1] != "" else None
        first = bullet if kind == "item" else ""
        rest = " " * len(first) if hanging else ""
        if width:
            out += textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest)
        else:
            out.append(first + text)
        prev = kind
    return "\n".join(out) + "\n"


def sections_and_texts(text: str) -> list[tuple[str, str]]:
    return [(r["section"], r["text"]) for r in recs(text)]


@pytest.mark.parametrize(
    "shape",
    [
        dict(),  # blank-line paragraphs
        dict(blank=False, bullet=""),  # one line per block, copied from a browser: no blank lines, no markers
        dict(blank=False),  # one line per block, markers kept
        dict(width=40),
        dict(width=60, hanging=False),  # wrapped items without a hanging indent
        dict(width=100),
        dict(width=50, blank=False),  # pdftotext: wrapped, no blank lines
        dict(width=72, bullet="\u2022 "),
        dict(width=45, bullet="1. ", hanging=False),
    ],
    ids=["blank-line", "one-line-per-block", "one-line-with-markers", "wrapped-40", "wrapped-60-no-hanging",
         "wrapped-100", "wrapped-50-no-blank-lines", "wrapped-72-bullets", "wrapped-45-numbered"],
)
def test_the_same_report_in_every_plain_text_shape(shape):
    text = write(**shape)
    assert sections_and_texts(text) == SENTENCES, text


def test_a_mixture_of_shapes_in_one_document():
    text = (
        "Key findings\n\n"
        "The reablement team worked closely with the hospital discharge\n"
        "teams and people went home sooner. Carers told us they felt\n"
        "listened to.\n"
        "Waiting times for an assessment of needs were longer than the council's own target in two of the four localities.\n"
        "Areas for improvement\n"
        "- Reviews of support plans were often late\n"
        "- Information for self-funders was hard to find on the council's\n"
        "  website\n\n"
        "What happens next\n\n"
        "The council will publish an action plan in the spring and report on it to the scrutiny committee.\n"
    )
    assert sections_and_texts(text) == SENTENCES


def test_a_wrapped_line_that_starts_with_a_capitalised_name_is_not_a_heading():
    text = (
        "Partnerships\n\n"
        "The council and its partners in the voluntary sector had agreed\n"
        "Exampleshire's first carers' strategy, which was published in\n"
        "March after a long consultation with carers and their families.\n"
    )
    assert sections_and_texts(text) == [
        ("Partnerships", "The council and its partners in the voluntary sector had agreed Exampleshire's first carers' "
                         "strategy, which was published in March after a long consultation with carers and their families."),
    ]


def test_numbered_paragraphs_without_a_hanging_indent_are_not_split():
    text = (
        "Recommendations\n\n"
        "1. The team should review the way referrals from hospital wards\n"
        "are recorded, so that no referral waits without an owner.\n"
        "2. The council should publish its market position statement\n"
        "before the new framework contract is let.\n"
    )
    assert texts(text) == [
        "The team should review the way referrals from hospital wards are recorded, so that no referral waits without an owner.",
        "The council should publish its market position statement before the new framework contract is let.",
    ]


def test_a_word_hyphenated_at_the_end_of_a_line_is_joined():
    text = "Findings\n\nThe duty team was well-\norganised and the backlog had fallen by half.\n"
    assert texts(text) == ["The duty team was well-organised and the backlog had fallen by half."]


def test_headings_after_lists_in_one_line_per_block_text():
    text = (
        "Strengths\n"
        "Staff were proud of the reablement service\n"
        "Partners described the leadership as visible\n"
        "Areas for development\n"
        "The backlog of reviews had grown since the spring.\n"
    )
    r = sections_and_texts(text)
    assert ("Areas for development", "The backlog of reviews had grown since the spring.") in r


def test_topic_list_after_a_lead_in_copied_without_markers():
    text = (
        "Scope\n"
        "The review team looked at:\n"
        "assessment and care planning;\n"
        "hospital discharge;\n"
        "support for carers.\n"
        "The team met over 60 people in three days.\n"
    )
    assert texts(text) == ["The team met over 60 people in three days."]


def test_framework_boilerplate_ends_where_first_person_statements_end():
    # one line per block: even if "Key findings ..." were not taken for a heading, the findings are kept
    text = (
        "Assessing needs\n"
        "Score: 2\n"
        "2 - Evidence shows some shortfalls\n"
        "What people expect\n"
        "I have care and support that is planned with me.\n"
        "The local authority commitment\n"
        "We maximise the effectiveness of people's care by assessing and reviewing their needs.\n"
        "Key findings for this quality statement\n"
        "People waited too long for an assessment in the north of the county.\n"
    )
    assert sections_and_texts(text) == [
        ("Key findings for this quality statement", "People waited too long for an assessment in the north of the county."),
    ]


# --------------------------------------------------------------------------------- score lines
def test_score_and_rating_lines_are_report_metadata():
    text = (
        "Theme 2: Providing support\n\n"
        "Overall rating: Requires improvement\n\n"
        "Quality statement: Safe pathways\n\n"
        "Indicative score:\n\n"
        "2 - Evidence shows some shortfalls\n\n"
        "Transitions from children's services were not always planned early.\n\n"
        "Quality statement: Safeguarding\n\n"
        "Score: 63%\n\n"
        "The safeguarding adults board met every quarter.\n\n"
        "Quality statement: Learning culture\n\n"
        "Score: 3\n\n"
        "3 - Evidence shows a good standard\n\n"
        "Learning from complaints was shared with every team.\n"
    )
    doc = segment_text(text, "t")
    assert doc._.metadata == {
        "Overall rating": "Requires improvement",
        "Indicative score": "2 - Evidence shows some shortfalls",
        "Score": "63%",
        "Score (Quality statement: Learning culture)": "3 - Evidence shows a good standard",
    }
    lines = doc.user_data["metadata_lines"]
    assert [(m["kind"], m["value"], m["line"]) for m in lines] == [
        ("rating", "Requires improvement", 3), ("score", None, 7), ("score", "2", 9), ("score", "63%", 15),
        ("score", "3", 21), ("score", "3", 23),
    ]
    assert lines[2]["section"] == "Quality statement: Safe pathways"
    assert [s.text for s in sentences(doc)] == [
        "Transitions from children's services were not always planned early.",
        "The safeguarding adults board met every quarter.",
        "Learning from complaints was shared with every team.",
    ]
    assert [_r.to_dict() for _r in sentence_records(doc, metadata=True)][0]["metadata"] == doc._.metadata


# --------------------------------------------------------------------------------- markdown
def test_markdown_setext_headings_and_nested_lists():
    text = (
        "Exampleshire\n"
        "============\n\n"
        "Areas for development\n"
        "---------------------\n\n"
        "* Reviews were late for many older people\n"
        "    * in the north of the county\n"
        "* Carers waited for a\n"
        "  carers' assessment\n"
    )
    r = recs(text)
    assert [(x["section"], x["text"]) for x in r] == [
        ("Areas for development", "Reviews were late for many older people"),
        ("Areas for development", "in the north of the county"),
        ("Areas for development", "Carers waited for a carers' assessment"),
    ]
    items = [b for b in parse_blocks(text) if b.kind == "list_item"]
    assert [b.depth for b in items] == [0, 1, 0]
    assert [b.rule for b in parse_blocks(text) if b.kind == "heading"] == ["markdown:setext-heading"] * 2


def test_markdown_hard_breaks_and_pipe_table():
    text = (
        "# Letter\n\n"
        "| Action | Lead |\n"
        "| --- | --- |\n"
        "| Publish the plan. | Director |\n\n"
        "Jane Smith  \n"
        "Director of Adult Services  \n"
        "Exampleshire County Council\n\n"
        "Thank you for hosting the review.\n"
    )
    assert texts(text) == ["Thank you for hosting the review."]
    kinds = [b.kind for b in parse_blocks(text)]
    assert kinds == ["heading", "table", "boilerplate", "paragraph"]


def test_markdown_keeps_a_wrapped_paragraph_together():
    text = "## Findings\n\nThe local authority worked with\nBirmingham partners on the plan.\n"
    assert sections_and_texts(text) == [("Findings", "The local authority worked with Birmingham partners on the plan.")]


def test_html_like_words_in_plain_text_are_kept():
    text = "## Records\n\nEach record holds the person's <id> and <name>, and <b>every</b> visit.\n"
    assert texts(text) == ["Each record holds the person's <id> and <name>, and every visit."]


# ----------------------------------------------------------------------------- canonical mode
CANONICAL = (
    "# Exampleshire assessment\n\n"
    "## Areas for improvement\n\n"
    "- Reviews were often late\n"
    "  - in the north of the county\n\n"
    "Carers waited for an assessment\n\n"
    "Measure\tExampleshire\tEngland\n"
    "Reviews on time\t61%\t70%\n\n"
    "### What people expect\n\n"
    "I can get information about my care.\n\n"
    "Score: 2\n\n"
    "The team met weekly\n"
)


def test_canonical_text_is_read_by_its_markers():
    r = recs(CANONICAL, canonical=True)
    assert [(x["section"], x["text"], x["block"]) for x in r] == [
        ("Areas for improvement", "Reviews were often late", "list_item"),
        ("Areas for improvement", "in the north of the county", "list_item"),
        # a short line without punctuation is a paragraph: canonical text marks its headings
        ("Areas for improvement", "Carers waited for an assessment", "paragraph"),
        ("What people expect", "The team met weekly", "paragraph"),
    ]
    blocks = parse_blocks(CANONICAL, canonical=True)
    assert [b.depth for b in blocks if b.kind == "list_item"] == [0, 1]
    assert [b.kind for b in blocks].count("table") == 1
    assert parse_report(CANONICAL, canonical=True).metadata[0]["value"] == "2"


def test_canonical_mode_does_not_join_lines_or_repair_hyphens():
    text = "## Findings\n\nThe duty team was well-\n\norganised and quick.\n"
    assert texts(text, canonical=True) == ["The duty team was well-", "organised and quick."]
    assert texts(text) == ["The duty team was well-organised and quick."]  # plain text: a page break


def test_the_same_text_read_as_plain_text_guesses_headings():
    assert "Carers waited for an assessment" not in texts(CANONICAL)


# ------------------------------------------------------------------------------ show the rules
def test_every_block_records_the_rule_that_decided_it():
    text = write(width=50, blank=False)
    blocks = parse_blocks(text)
    assert all(b.rule for b in blocks)
    heads = [b for b in blocks if b.kind == "heading"]
    assert [b.text for b in heads] == [TITLE, "Key findings", "Areas for improvement", "What happens next"]
    assert all(b.rule.startswith("rules:") for b in heads)
    assert all(b.line >= 1 and b.end_line >= b.line for b in blocks)


def test_the_line_model_reads_wrapped_text(tmp_path):
    from finding_classifier.training.line_layout import fit, report_texts
    from finding_classifier.model.structure.layout import LineModel

    reports = report_texts()
    weights = fit([reports["birmingham-la-learning"], reports["birmingham-solihull-ics-quality-safety"]], renderings=3, seed=1)
    model = LineModel(weights)
    with using(model):
        got = sections_and_texts(write(width=60))
    with using(StagedRules()):
        assert sections_and_texts(write(width=60)) == SENTENCES
    assert len(got) == len(SENTENCES)
    assert [t for _, t in got] == [t for _, t in SENTENCES]


def test_the_structure_stage_does_not_import_the_classifier():
    for path in (ROOT / "model" / "structure").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert "classification" not in (node.module or ""), f"{path.name} imports {node.module}"
            elif isinstance(node, ast.Import):
                assert not any("classification" in a.name for a in node.names), path.name
