"""Structure parsing and sentence segmentation.

The first part builds tiny inputs for each structure element and sentence rule of the annotation
guideline (what is and is not body prose), with the expected sentences set by hand. The last part
runs ``findings segment`` over the five real reports: the *snapshot* tests there compare it with
the annotated corpus, whose sentences this segmenter produced before they were labelled (they
show that segmentation of the shared reports has not changed, not that it is right); the others
check hand-picked facts of the reports (what is not prose, offsets, order, headings).
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy
from spacy.language import Language
from typer.testing import CliRunner

from finding_classifier.cli import app
from finding_classifier.model.sentences import (
    SPANS_KEY,
    ReportTokenizer,
    make_nlp,
    segment_text,
    sentence_records,
    sentences,
)
from finding_classifier.model.structure import parse_blocks, plain
from finding_classifier.schema import ANNOTATIONS_DIR, REPORTS_DIR


def fold(s: str) -> str:
    return " ".join(s.split())


def recs(text: str, report_id: str = "t") -> list[dict]:
    out = [_r.to_dict() for _r in sentence_records(segment_text(text, report_id))]
    check_offsets(text, out)
    return out


def texts(text: str) -> list[str]:
    return [r["text"] for r in recs(text)]


def check_offsets(text: str, records: list[dict]) -> None:
    """The cleaned source slice of every sentence is the sentence."""
    for r in records:
        assert 0 <= r["start"] < r["end"] <= len(text), r
        assert fold(plain(text[r["start"] : r["end"]])) == fold(r["text"]), r


# ------------------------------------------------------------------------------------------ headings
def test_markdown_headings_give_section_and_section_path():
    text = (
        "# Exampleshire assessment\n\n"
        "## Theme one\n\n"
        "### Learning culture\n\n"
        "Staff shared learning across teams.\n\n"
        "## Theme two\n\n"
        "People waited too long for reviews.\n"
    )
    doc = segment_text(text, "ex")
    spans = sentences(doc)
    assert [s.text for s in spans] == ["Staff shared learning across teams.", "People waited too long for reviews."]
    assert spans[0]._.section == "Learning culture"
    assert spans[0]._.section_path == ("Exampleshire assessment", "Theme one", "Learning culture")
    # a level-2 heading closes the level-3 one under the previous level-2
    assert spans[1]._.section == "Theme two"
    assert spans[1]._.section_path == ("Exampleshire assessment", "Theme two")


def test_heading_blocks_carry_their_own_path():
    blocks = parse_blocks("# A\n\n## B\n\nText here.\n")
    heads = [b for b in blocks if b.kind == "heading"]
    assert [b.section for b in heads] == [("A",), ("A", "B")]


def test_closing_hashes_and_bold_inside_markdown_heading():
    r = recs("### **Background information:** ###\n\nThe council met in May.\n")
    assert [(x["section"], x["text"]) for x in r] == [("Background information", "The council met in May.")]


def test_bold_only_line_is_a_heading():
    r = recs("## Appendix 1\n\n**Leadership**\n\nThe director was visible and accessible to staff.\n")
    assert [x["text"] for x in r] == ["The director was visible and accessible to staff."]
    assert r[0]["section"] == "Leadership"
    assert "Leadership" not in [x["text"] for x in r]


def test_bold_lead_words_do_not_make_a_paragraph_a_heading():
    r = recs("## Engagement\n\n**Making it Real** - We have completed two full cycles of action plans.\n")
    assert [x["text"] for x in r] == ["Making it Real - We have completed two full cycles of action plans."]
    assert r[0]["section"] == "Engagement"


def test_bare_title_lines_are_headings():
    text = (
        "Learning, improvement and innovation\n\n"
        "Key findings for this quality statement\n\n"
        "The local authority embraced the idea of being a learning organisation. It worked with universities.\n\n"
        "Learning from feedback\n\n"
        "There were 67 learning actions raised as a result of complaints.\n"
    )
    r = recs(text)
    assert [x["text"] for x in r] == [
        "The local authority embraced the idea of being a learning organisation.",
        "It worked with universities.",
        "There were 67 learning actions raised as a result of complaints.",
    ]
    assert [x["section"] for x in r] == ["Key findings for this quality statement"] * 2 + ["Learning from feedback"]


def test_theme_and_quality_statement_title_levels():
    text = (
        "Theme 3: Quality and safety\n\n"
        "Quality statement: Learning culture\n\n"
        "Capability and capacity\n\n"
        "Leaders planned the workforce.\n\n"
        "Quality statement: Safeguarding\n\n"
        "Boards met every quarter.\n"
    )
    spans = sentences(segment_text(text, "ics"))
    assert spans[0]._.section_path == ("Theme 3: Quality and safety", "Quality statement: Learning culture", "Capability and capacity")
    # the next quality statement replaces the previous one and its sub-heading, under the same theme
    assert spans[1]._.section_path == ("Theme 3: Quality and safety", "Quality statement: Safeguarding")


# -------------------------------------------------------------------------------------------- lists
def test_list_items_without_final_punctuation_are_sentences():
    text = (
        "## Key findings\n\n"
        "- Staff were positive and open to challenge\n"
        "- People told us they felt listened to by their social workers\n"
        "* Strong political leadership across the council and its partners\n"
        "\u2022 Review the carers' offer with carers and partners this year\n"
    )
    r = recs(text)
    assert [x["text"] for x in r] == [
        "Staff were positive and open to challenge",
        "People told us they felt listened to by their social workers",
        "Strong political leadership across the council and its partners",
        "Review the carers' offer with carers and partners this year",
    ]
    assert {x["block"] for x in r} == {"list_item"}
    assert {x["section"] for x in r} == {"Key findings"}


def test_numbered_items_and_item_with_two_sentences():
    text = "## Summary\n\n1. Feedback was positive. Reviews were often late\n2) Carers waited months for an assessment\n"
    assert texts(text) == ["Feedback was positive.", "Reviews were often late", "Carers waited months for an assessment"]


def test_list_item_continued_on_an_indented_line():
    text = "## Summary\n\n- The council had a duty team that\n  met every Tuesday to review cases.\n- Carers waited months for a review of their support\n"
    r = recs(text)
    assert [x["text"] for x in r] == [
        "The council had a duty team that met every Tuesday to review cases.",
        "Carers waited months for a review of their support",
    ]


def test_nested_list_item_depth_is_recorded():
    blocks = parse_blocks("## Summary\n\n- Waiting times for assessments were long\n  - Reviews were often late for older people\n")
    items = [b for b in blocks if b.kind == "list_item"]
    assert [(b.text, b.depth) for b in items] == [
        ("Waiting times for assessments were long", 0),
        ("Reviews were often late for older people", 1),
    ]


# ------------------------------------------------------------------------------------------- tables
def test_tab_separated_table_is_not_prose():
    text = (
        "## Performance\n\n"
        "Measure\tBirmingham\tEngland\n"
        "Satisfaction was high.\t61.45\t64.4\n"
        "People felt safe.\t70.8\t69.2\n\n"
        "The figures are for 2015/16.\n"
    )
    r = recs(text)
    assert [x["text"] for x in r] == ["The figures are for 2015/16."]
    assert [b.kind for b in parse_blocks(text)] == ["heading", "table", "paragraph"]


def test_table_row_with_leading_empty_cell():
    text = "## Performance\n\n\t2A(1)\t2A(2)\t2B(1)\nBirmingham\t16\t16.3\t781\n\nThe council is ranked 13th.\n"
    assert texts(text) == ["The council is ranked 13th."]


def test_markdown_table_is_not_prose():
    text = "## Actions\n\n| Action | Lead |\n| --- | --- |\n| Strengthen the carers' offer. | Director |\n\nThe plan was approved.\n"
    assert texts(text) == ["The plan was approved."]


# ------------------------------------------------------------------------------------- boilerplate
@pytest.mark.parametrize("score", ["Score: 3", "Indicative score:", "3 - Evidence shows a good standard", "2 \u2013 Evidence shows some shortfalls", "Overall rating: Good"])
def test_score_lines_are_not_sentences_nor_headings(score):
    text = f"## Learning, improvement and innovation\n\n{score}\n\nStaff shared learning across teams.\n"
    r = recs(text)
    assert [x["text"] for x in r] == ["Staff shared learning across teams."]
    assert r[0]["section"] == "Learning, improvement and innovation"


def test_commitment_boilerplate_markdown_heading():
    text = (
        "## The local authority commitment\n\n"
        "We focus on continuous learning, innovation and improvement across our organisation. "
        "We encourage creative ways of delivering equality of experience.\n\n"
        "## Key findings for this quality statement\n\n"
        "The team met weekly.\n"
    )
    assert texts(text) == ["The team met weekly."]


def test_commitment_boilerplate_bare_title_with_colon():
    text = (
        "Learning, improvement and innovation\n\n"
        "The local authority commitment:\n\n"
        "We focus on continuous learning, innovation and improvement across our organisation. "
        "We actively contribute to safe, effective practice and research.\n\n"
        "Key findings for this quality statement\n\n"
        "The team met weekly.\n"
    )
    r = recs(text)
    assert [x["text"] for x in r] == ["The team met weekly."]
    assert r[0]["section"] == "Key findings for this quality statement"


def test_what_people_expect_i_statements():
    text = (
        "## What people expect\n\n"
        "I can get information and advice about my health, care and support.\n\n"
        "- I am supported to plan ahead for important changes in my life\n\n"
        "## Key findings\n\n"
        "People could get advice from a single front door.\n"
    )
    assert texts(text) == ["People could get advice from a single front door."]


@pytest.mark.parametrize("line", ["\u00a9 Care Quality Commission", "Copyright 2024 Care Quality Commission", "\u00a9 Exampleshire County Council 2016"])
def test_copyright_line(line):
    assert texts(f"## Findings\n\nStaff were positive.\n\n{line}\n") == ["Staff were positive."]


@pytest.mark.parametrize(
    "line",
    [
        "Email: enquiries@example.gov.uk",
        "linda.sanders@example.gov.uk",
        "Tel: 0121 303 1234",
        "Telephone: 01902 555300",
        "https://www.cqc.org.uk/guidance",
        "Email: [Michael.walsh@example.gov.uk](mailto:Michael.walsh@example.gov.uk)",
    ],
)
def test_contact_lines(line):
    assert texts(f"## Findings\n\nStaff were positive.\n\n{line}\n") == ["Staff were positive."]


@pytest.mark.parametrize("line", ["Downloads", "Back to top", "Skip to main content"])
def test_navigation_text(line):
    assert texts(f"## Findings\n\nStaff were positive.\n\n{line}\n\nPeople waited.\n") == ["Staff were positive.", "People waited."]


def test_hard_broken_contact_block():
    text = (
        "### Contact details:\n\n"
        "Mike Walsh  \n"
        "Head of Service, Commissioning Centre of Excellence  \n"
        "Email: mike.walsh@example.gov.uk  \n"
        "Tel: 4 -2186\n"
    )
    assert texts(text) == []


LETTER = (
    "# Feedback letter\n\n"
    "Peter Hay  \n"
    "Strategic Director for People  \n"
    "Birmingham City Council  \n"
    "PO Box 16466  \n"
    "B2 2DP\n\n"
    "02 December 2016\n\n"
    "Dear Peter\n\n"
    "I write to give you formal feedback following the peer challenge. The team met over 90 people.\n\n"
    "Yours sincerely\n\n\n\n"
    "Linda Sanders  \n"
    "Strategic Director - People  \n"
    "City of Wolverhampton Council  \n"
    "01902 555300  \n"
    "linda.sanders@example.gov.uk\n\n"
    "CC Mark Rogers, Peer Challenge team\n"
)


def test_letter_address_date_salutation_signature_and_cc():
    r = recs(LETTER)
    assert [x["text"] for x in r] == [
        "I write to give you formal feedback following the peer challenge.",
        "The team met over 90 people.",
    ]
    # none of the letter furniture became the section of the letter's prose
    assert {x["section"] for x in r} == {"Feedback letter"}
    kinds = [b.kind for b in parse_blocks(LETTER)]
    assert kinds.count("paragraph") == 1


def test_plain_address_block_is_not_a_heading():
    text = "# Feedback letter\n\nPeter Hay\nStrategic Director for People\nBirmingham City Council\nB2 2DP\n\nDear Peter\n\nI write to give you formal feedback.\n"
    r = recs(text)
    assert [(x["section"], x["text"]) for x in r] == [("Feedback letter", "I write to give you formal feedback.")]


@pytest.mark.parametrize("closing", ["Yours faithfully,", "Kind regards,", "Best wishes"])
def test_other_closings(closing):
    assert texts(f"Dear Ms Smith,\n\nThank you for hosting the review.\n\n{closing}\n") == ["Thank you for hosting the review."]


def test_metadata_lines():
    text = "# Information briefing\n\n**Report From:** Strategic Director for People\n\n**Date:** 21 February 2017\n\nThe peer challenge took place in November.\n"
    assert texts(text) == ["The peer challenge took place in November."]


def test_link_only_list_items():
    text = "## Summary findings\n\nThis theme includes these quality statements:\n\n- [Learning culture](#)\n- [Safe and effective staffing](#)\n- [Equity in access](#)\n"
    assert texts(text) == []


# ------------------------------------------------------------------------------------ inline markup
def test_sup_tags_are_removed_from_text():
    text = "## Summary\n\nBetween 14<sup>th</sup> and 16<sup>th</sup> November 2016, the council invited peers.\n"
    assert texts(text) == ["Between 14th and 16th November 2016, the council invited peers."]


def test_bold_italic_and_links_are_removed_from_text():
    text = "## Summary\n\nThe focus was **maximising independence** and *value for money*. See the [action plan](https://example.org/plan) for details.\n"
    assert texts(text) == ["The focus was maximising independence and value for money.", "See the action plan for details."]


# --------------------------------------------------------------------------------- lead-ins and lists
def test_lead_in_line_ending_in_colon_is_dropped():
    text = (
        "## Scope\n\n"
        "The team looked at the following areas:\n\n"
        "- how assessments were carried out and recorded by the teams\n"
        "- whether people were involved in planning their own support\n"
    )
    assert texts(text) == [
        "how assessments were carried out and recorded by the teams",
        "whether people were involved in planning their own support",
    ]


def test_lead_in_sentence_at_the_end_of_a_paragraph_is_dropped():
    text = "## Plans\n\nThe STP was made public in October. The Plan identifies 3 areas for change:\n\n- Carers\n- Housing\n- Prevention\n"
    assert texts(text) == ["The STP was made public in October."]


def test_topic_only_list_after_lead_in_is_dropped():
    text = "## Scope\n\nThe team explored:\n\n- social care assessments and care packages;\n- care and support planning;\n- front line joint working arrangements within health.\n\nThe team met over 90 people.\n"
    assert texts(text) == ["The team met over 90 people."]


ITEMS = "- The carers' strategy\n- Transitions for young people\n- Workforce planning\n"


def test_topic_only_list_is_dropped_under_a_topic_heading():
    assert texts("## Overview\n\n" + ITEMS + "\nThe review took place in March 2024.\n") == ["The review took place in March 2024."]


@pytest.mark.parametrize("heading", ["Areas for consideration", "Areas for improvement", "Summary of strengths", "Recommendations", "Areas for development and next steps"])
def test_same_short_items_are_kept_under_a_classifying_heading(heading):
    r = recs(f"## {heading}\n\n" + ITEMS)
    assert [x["text"] for x in r] == ["The carers' strategy", "Transitions for young people", "Workforce planning"]
    assert {x["section"] for x in r} == {heading}
    assert {x["block"] for x in r} == {"list_item"}


def test_short_item_in_a_list_of_findings_is_kept():
    text = (
        "## Key findings\n\n"
        "- Staff told us the reablement team worked well with hospital discharge teams\n"
        "- Variation in clinical services\n"
        "- People said they waited months for an assessment of their needs\n"
    )
    assert "Variation in clinical services" in texts(text)


# ------------------------------------------------------------------------------------- page breaks
def test_paragraph_continued_in_lower_case_after_a_page_break():
    text = (
        "## Key findings\n\n"
        "Staff told us that the new model of working with families and carers had improved outcomes for many people and\n\n"
        "relationships between teams across the city. The team met weekly.\n"
    )
    r = recs(text)
    assert [x["text"] for x in r] == [
        "Staff told us that the new model of working with families and carers had improved outcomes for many people and "
        "relationships between teams across the city.",
        "The team met weekly.",
    ]
    assert r[0]["start"] == text.index("Staff")
    assert r[0]["end"] == text.index(" The team met")


def test_wrapped_lines_of_one_paragraph_are_joined():
    text = "## Key findings\n\nThe local authority had a multidisciplinary team\nthat met every week. It reviewed\ncomplex cases.\n"
    assert texts(text) == ["The local authority had a multidisciplinary team that met every week.", "It reviewed complex cases."]


def test_wrapped_paragraph_with_short_first_line_and_capitalised_continuation():
    text = "## Findings\n\nThe local authority worked with\nBirmingham partners on the plan.\n"
    r = recs(text)
    assert [(x["section"], x["text"]) for x in r] == [("Findings", "The local authority worked with Birmingham partners on the plan.")]


# ----------------------------------------------------------------------------------- sentence rules
def one_paragraph(*sents: str) -> list[str]:
    return texts("## Findings\n\n" + " ".join(sents) + "\n")


@pytest.mark.parametrize(
    "sents",
    [
        ("Staff used tools, e.g. checklists and forms, to plan visits.", "People were positive."),
        ("It worked, i.e. people were safe at home.", "Reviews were late."),
        ("See recommendation No. 5 for details.", "The plan was approved."),
        ("Dr Smith led the review.", "Dr. Jones chaired the board."),
        ("There were approx. 200 staff in the team.", "Most were qualified."),
        ("The rate was 61.45% in 2023 against 58.2% in 2022.", "This was an improvement."),
        ("The board met with Cllr. Hamilton in March.", "It agreed the plan."),
        ("This included mental health work etc. Best Interest Assessors were also consulted.", "The team met weekly."),
        ("They had training, supervision, etc.", "The team met weekly."),
        ('Staff told us "it worked well."', "People agreed."),
        ("The work started in 2022 (and finished in March.)", "Next came the review."),
        ("Was the offer clear?", "Carers said it was not."),
        ("Costs rose by \u00a31.2m in 2023.", "\u00a3400k was saved."),
        ("The team met on 3 Jan. 2024 with partners.", "It agreed actions."),
    ],
    ids=["e.g.", "i.e.", "No. 5", "Dr", "approx.", "decimals", "Cllr.", "etc. inside", "etc. at end", "quote", "bracket", "question", "money", "month abbreviation"],
)
def test_sentence_rules(sents):
    expected = list(sents)
    if sents[0].startswith("This included mental health work etc."):
        expected = ["This included mental health work etc. Best Interest Assessors were also consulted.", "The team met weekly."]
    assert one_paragraph(*sents) == expected


def test_etc_ends_a_sentence_before_a_typical_opener():
    assert one_paragraph("They had forms, leaflets etc.", "The team met weekly.") == ["They had forms, leaflets etc.", "The team met weekly."]


def test_etc_does_not_end_a_sentence_before_other_words():
    assert one_paragraph("They offered social work etc. Best Interest Assessors were on the rota.") == [
        "They offered social work etc. Best Interest Assessors were on the rota."
    ]


def test_lower_case_after_full_stop_does_not_start_a_sentence():
    assert one_paragraph("The service is run by Exampleshire Care Ltd. and the council.") == ["The service is run by Exampleshire Care Ltd. and the council."]


def test_numbered_sentence_start():
    assert one_paragraph("The team met 90 people.", "23 case files were audited.") == ["The team met 90 people.", "23 case files were audited."]


def test_doubled_full_stop_ends_a_sentence():
    assert one_paragraph("They escalate to the board where required..", "It is recognised that the next challenge is large.") == [
        "They escalate to the board where required..",
        "It is recognised that the next challenge is large.",
    ]


# ------------------------------------------------------------------------------- offsets and spaCy
OFFSET_INPUTS = {
    "markup": "# R\n\n## Summary\n\nThe focus was **maximising independence** and *value*. See the [plan](https://x.org/p) now.\n",
    "sup": "Between 14<sup>th</sup> and 16<sup>th</sup> November 2016, the council invited peers. They came.\n",
    "list": "## Summary\n\n- The council had a duty team that\n  met every Tuesday. It was busy\n   - Nested item that is long enough to stay\n",
    "crlf": "## Summary\r\n\r\nStaff were positive.\r\nPeople waited too\r\nlong. Carers agreed.\r\n",
    "page_break": "Staff told us that the new model of working with families and carers had improved outcomes for many people and\n\nrelationships improved.\n",
    "nbsp_indent": "## Summary\n\n\u00a0Staff were\u00a0positive. People waited.\n",
    "bom": "\ufeff## Summary\n\nStaff were positive.\n",
}


@pytest.mark.parametrize("name", sorted(OFFSET_INPUTS))
def test_offsets_point_at_the_sentence_in_the_source(name):
    text = OFFSET_INPUTS[name]
    r = recs(text)  # recs() checks every sentence's source slice
    assert r, "no sentences"


def test_crlf_input_sentences():
    assert texts(OFFSET_INPUTS["crlf"]) == ["Staff were positive.", "People waited too long.", "Carers agreed."]


def test_extension_attributes():
    text = "# Report\n\n## Key findings\n\nStaff were positive. People waited.\n\n- Reviews were late for many older people\n"
    doc = segment_text(text, "rep-1")
    spans = list(doc.spans[SPANS_KEY])
    assert [s.text for s in spans] == ["Staff were positive.", "People waited.", "Reviews were late for many older people"]
    for s in spans:
        assert s._.report == "rep-1"
        assert s._.section == "Key findings"
        assert s._.section_path == ("Report", "Key findings")
        assert text[s._.start : s._.end] == s.text
    assert [s._.block for s in spans] == ["paragraph", "paragraph", "list_item"]
    assert spans[0]._.start == text.index("Staff")
    assert spans[2]._.end == len(text) - 1


def test_sentence_records_keys_and_values():
    text = "## Key findings\n\nStaff were positive.\n"
    (r,) = [_r.to_dict() for _r in sentence_records(segment_text(text, "rep-2"))]
    assert r == {"report": "rep-2", "section": "Key findings", "text": "Staff were positive.", "start": 17, "end": 37, "block": "paragraph"}
    assert text[17:37] == "Staff were positive."


def test_empty_and_prose_free_text():
    assert [_r.to_dict() for _r in sentence_records(segment_text("", "e"))] == []
    assert [_r.to_dict() for _r in sentence_records(segment_text("# Only a heading\n\n\u00a9 Care Quality Commission\n", "e"))] == []


def test_factory_is_registered_and_make_nlp_works():
    assert Language.has_factory("report_segmenter")
    nlp = make_nlp()
    assert nlp.pipe_names == ["report_segmenter"]
    assert isinstance(nlp.tokenizer, ReportTokenizer)
    doc = nlp("## Findings\n\nStaff were positive. People waited.\n")
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["Staff were positive.", "People waited."]
    assert all(tok.is_sent_start is not None for tok in doc)


def test_segmenter_config_keeps_lead_ins_when_asked():
    nlp = spacy.blank("en")
    nlp.tokenizer = ReportTokenizer(nlp.tokenizer)
    nlp.add_pipe("report_segmenter", config={"drop_lead_ins": False, "spans_key": "sents"})
    doc = nlp("## Scope\n\nStaff were positive. The team looked at these areas:\n")
    assert [s.text for s in doc.spans["sents"]] == ["Staff were positive.", "The team looked at these areas:"]


def test_pipe_processes_several_texts():
    nlp = make_nlp()
    docs = list(nlp.pipe(["## A\n\nOne. Two.\n", "## B\n\nThree.\n"]))
    assert [[s.text for s in d.spans[SPANS_KEY]] for d in docs] == [["One.", "Two."], ["Three."]]


ROUND_TRIP_TEXT = "# Report\n\n## Key findings\n\nStaff were positive, e.g. about training. People waited.\n\n\u00a9 Care Quality Commission\n"


def _summary(nlp):
    doc = nlp(ROUND_TRIP_TEXT)
    return [(s.text, s._.section, s._.block, s._.start, s._.end) for s in doc.spans[SPANS_KEY]]


def test_to_disk_from_disk_round_trip(tmp_path):
    nlp = make_nlp()
    expected = _summary(nlp)
    assert [t for t, *_ in expected] == ["Staff were positive, e.g. about training.", "People waited."]
    nlp.to_disk(tmp_path / "seg")
    assert _summary(make_nlp().from_disk(tmp_path / "seg")) == expected


def test_spacy_load_of_a_saved_pipeline_keeps_the_report_tokenizer(tmp_path):
    nlp = make_nlp()
    expected = _summary(nlp)
    nlp.to_disk(tmp_path / "seg")
    loaded = spacy.load(tmp_path / "seg")
    assert isinstance(loaded.tokenizer, ReportTokenizer)
    assert loaded.pipe_names == ["report_segmenter"]
    assert _summary(loaded) == expected


@pytest.mark.slow  # a new Python process: seconds of imports
def test_spacy_load_in_a_fresh_process(tmp_path):
    make_nlp().to_disk(tmp_path / "seg")
    code = (
        "import spacy, sys\n"
        f"nlp = spacy.load({str(tmp_path / 'seg')!r})\n"
        "doc = nlp('## Key findings\\n\\nStaff were positive. People waited.\\n')\n"
        "print([s.text for s in doc.spans['sentences']])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.strip() == "['Staff were positive.', 'People waited.']"


def test_to_bytes_from_bytes_round_trip():
    nlp = make_nlp()
    assert _summary(make_nlp().from_bytes(nlp.to_bytes())) == _summary(nlp)


# ====================================================================================== real reports
REPORT_IDS = sorted(p.stem for p in REPORTS_DIR.glob("*.txt"))


def test_the_corpus_is_present():
    assert len(REPORT_IDS) == 5
    assert REPORT_IDS == sorted(p.stem for p in ANNOTATIONS_DIR.glob("*.jsonl"))


@pytest.fixture(scope="module")
def segmented() -> dict[str, list[dict]]:
    """``findings segment --format jsonl`` over the five reports, grouped by report id."""
    result = CliRunner().invoke(app, ["segment", "--format", "jsonl", *[str(REPORTS_DIR / f"{rid}.txt") for rid in REPORT_IDS]])
    assert result.exit_code == 0, result.output
    out: dict[str, list[dict]] = {rid: [] for rid in REPORT_IDS}
    for line in result.stdout.splitlines():
        r = json.loads(line)
        out[r["report"]].append(r)
    return out


def report_text(rid: str) -> str:
    return (REPORTS_DIR / f"{rid}.txt").read_text(encoding="utf-8")


def gold(rid: str) -> list[dict]:
    with open(ANNOTATIONS_DIR / f"{rid}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.mark.parametrize("rid", REPORT_IDS)
def test_snapshot_real_report_sentences_match_the_corpus(segmented, rid):
    """Snapshot test: the corpus's sentences are the segmenter's own output for the report (then
    labelled by hand), so this shows the segmentation has not changed, not that it is right."""
    got = {r["text"] for r in segmented[rid]}
    want = {g["text"] for g in gold(rid)}
    assert got and want
    tp = len(got & want)
    precision, recall = tp / len(got), tp / len(want)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    assert f1 >= 0.97, (
        f"{rid}: F1 {f1:.3f} (P {precision:.3f} R {recall:.3f}); "
        f"extra {sorted(got - want)[:5]}; missing {sorted(want - got)[:5]}"
    )


@pytest.mark.parametrize("rid", REPORT_IDS)
def test_real_report_sentences_occur_in_the_report(segmented, rid):
    text = report_text(rid)
    cleaned = fold(plain(text))
    for r in segmented[rid]:
        assert r["report"] == rid
        assert r["block"] in ("paragraph", "list_item")
        assert fold(r["text"]) in cleaned, r["text"]
        assert fold(plain(text[r["start"] : r["end"]])) == fold(r["text"]), r


@pytest.mark.parametrize("rid", REPORT_IDS)
def test_real_report_sentences_are_in_reading_order(segmented, rid):
    starts = [r["start"] for r in segmented[rid]]
    assert starts == sorted(starts)
    ends = [r["end"] for r in segmented[rid]]
    assert all(e <= s for e, s in zip(ends, starts[1:]))


@pytest.mark.parametrize("rid", REPORT_IDS)
def test_no_sentence_keeps_markup_or_table_cells(segmented, rid):
    for r in segmented[rid]:
        t = r["text"]
        assert "\t" not in t and "\n" not in t
        assert "<sup>" not in t and "</" not in t and "**" not in t
        assert "](" not in t
        assert t == t.strip() and t


# Headings, score lines, boilerplate, tables and letter furniture, copied from the reports.
NOT_PROSE = {
    "birmingham-la-learning": [
        "Learning, improvement and innovation",
        "Indicative score:",
        "3 - Evidence shows a good standard",
        "The local authority commitment:",
        "We focus on continuous learning, innovation and improvement across our organisation and the local system.",
        "We actively contribute to safe, effective practice and research.",
        "Key findings for this quality statement",
        "\u00a9 Care Quality Commission",
    ],
    "wirral-la-learning": [
        "Score: 3",
        "3 - Evidence shows a good standard",
        "We encourage creative ways of delivering equality of experience, outcome and quality of life for people.",
        "Key findings for this quality statement",
        "Continuous learning, improvement and professional development",
    ],
    "birmingham-solihull-ics-quality-safety": [
        "Theme 3: Quality and safety",
        "Summary of strengths",
        "Areas for development and next steps",
        "This theme includes these quality statements:",
        "Supporting people to live healthier lives",
        "[Learning culture](#)",
        "Learning culture",
        "Quality statement: Learning culture",
        "Local and system-wide arrangements for the oversight and governance of safeguarding arrangements include:",
        "health safeguarding boards",
    ],
    "birmingham-peer-challenge-2016": [
        "Information briefing",
        "Report From: Strategic Director for People",
        "Date: 21 February 2017",
        "The panel made 6 recommendations:",
        "Appendix 2 \u2013 Final Letter from Peer Challenge Team",
        "Michael.walsh@birmingham.gov.uk",
        "Tel: 4 -2186",
        "Dear Peter",
        "02 December 2016",
        "PO Box 16466",
        "B2 2DP",
        "Yours sincerely",
        "01902 555300",
        "linda.sanders@wolverhampton.gov.uk",
        "CC Mark Rogers, Cllr Paulette Hamilton, Martin Samuels, Ian James, Peer Challenge team",
        "Birmingham City council self-assessment",
        # table rows (tab-separated) and cells
        "National Avg.",
        "B'ham Ranking",
        "Comparator Ave (2014/15)",
        "Strengths\tImprovements",
        "We are confident that we have embedded the statutory requirement plus the 'spirit' of Care Act 2014.",
        "Deferred payments \u2013 well established",
        "Council Spend excluding Education",
        "Recommendation\tActivity",
        "A2. i. Develop Implementation Plans for savings proposals",
    ],
}


@pytest.mark.parametrize("rid,snippet", [(rid, s) for rid, snips in NOT_PROSE.items() for s in snips])
def test_real_report_non_prose_is_left_out(segmented, rid, snippet):
    text = report_text(rid)
    # the snippet is really in the report (so the test is about the segmenter, not a typo)
    assert fold(snippet) in fold(plain(text)) or snippet in text
    needle = fold(plain(snippet))
    for r in segmented[rid]:
        assert r["text"] != needle
        if len(needle) > 20 or "\t" in snippet or "@" in snippet:
            assert needle not in r["text"], r["text"]


def test_real_report_headings_become_sections(segmented):
    wirral = segmented["wirral-la-learning"]
    first = next(r for r in wirral if r["text"].startswith("There was an inclusive and positive culture"))
    assert first["section"] == "Continuous learning, improvement and professional development"
    ics = segmented["birmingham-solihull-ics-quality-safety"]
    strengths = [r for r in ics if r["section"] == "Summary of strengths"]
    assert strengths and {r["block"] for r in strengths} == {"list_item"}
    assert any(r["text"].startswith("Multi Agency Safeguarding procedures") for r in strengths)


def test_real_report_sup_and_letter_prose(segmented):
    peer = [r["text"] for r in segmented["birmingham-peer-challenge-2016"]]
    assert any(t.startswith("Between 14th and 16th November 2016, Birmingham City Council invited") for t in peer)
    assert any(t.startswith("I write to give you formal feedback following the peer challenge") for t in peer)


def test_snapshot_real_report_sections_match_the_corpus(segmented):
    """Snapshot test: the corpus records each sentence's nearest heading as the segmenter gave it
    when the corpus was made; the segmenter should still give the same one."""
    agree = total = 0
    for rid in REPORT_IDS:
        by_text = {r["text"]: r["section"] for r in segmented[rid]}
        for g in gold(rid):
            if "section" in g and g["text"] in by_text:
                total += 1
                agree += by_text[g["text"]] == g["section"]
    assert total > 700
    assert agree / total >= 0.97
