"""Text copied from web pages, PDFs and e-mails: the shapes the shared reports do not come in.

Every input is written by the test (invented text, never a line of the shared reports); the
expected sentences and sections are set by hand. Each test also checks that every sentence's
``start``/``end`` slice of the text gives the sentence back.
"""
from __future__ import annotations

import textwrap

import pytest

from finding_classifier.model.sentences import segment_text, sentence_records
from finding_classifier.model.structure import block_records, parse_report, plain


def fold(s: str) -> str:
    return " ".join(s.split())


def recs(text: str, canonical: bool = False) -> list[dict]:
    out = [r.to_dict() for r in sentence_records(segment_text(text, "t", canonical=canonical))]
    for r in out:
        assert fold(plain(text[r["start"] : r["end"]])) == fold(r["text"]), r
    return out


def texts(text: str, canonical: bool = False) -> list[str]:
    return [r["text"] for r in recs(text, canonical)]


# ------------------------------------------------------------ one line per block (a browser copy)
ITEMS = [
    "agree a single plan for reducing the waiting list for occupational therapy assessments, with a date by which nobody waits",
    "publish the plan on the council's website and in every library so that the people who are waiting can see where they stand",
    "report progress to the health scrutiny panel",
]


def test_lower_case_list_items_copied_without_markers_stay_apart():
    # a browser copy: one line per block, the items' bullets lost, the lead-in ending in ": -"
    text = "Next steps\nThe team would ask the council to: -\n" + "\n".join(ITEMS) + "\nThe council accepted all three points.\n"
    # (a lead-in ending in a colon is not a sentence of its own)
    assert texts(text) == [*ITEMS, "The council accepted all three points."]


def test_the_same_items_hard_wrapped_are_still_joined():
    # the control: wrapped at 60 columns, the lower-case lines continue their item
    body = "\n".join(textwrap.fill(item, 60, initial_indent="- ", subsequent_indent="  ") for item in ITEMS)
    text = "Next steps\n\nThe team would ask the council to:\n\n" + body + "\n"
    assert texts(text) == ITEMS


def test_a_lower_case_line_after_a_long_line_ending_in_a_function_word_continues_it():
    # a cut in the middle of a sentence ("... of the" / "council's ...") is not a new block
    first = "The review found that carers were rarely offered an assessment of their own needs when the person they cared for was discharged by the"
    text = f"Findings\n{first}\nhospital at the weekend.\n"
    assert texts(text) == [first + " hospital at the weekend."]


# ------------------------------------------------------------------ a caption above the title
def test_a_pdf_caption_above_the_title_is_not_a_sentence(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    from finding_classifier.model.reading import read_report
    from finding_classifier.model.sentences import segment_report

    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.set_text_color(90, 90, 90)
    pdf.text(20, 20, "Council self-assessment")  # the kicker, small and grey
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", style="B", size=24)
    pdf.text(20, 32, "Support for unpaid carers")
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 46, "Carers said the new respite service was easy to book.")
    p = tmp_path / "carers.pdf"
    pdf.output(str(p))
    r = read_report(p)
    assert [(s["section"], s["text"]) for s in (x.to_dict() for x in sentence_records(segment_report(r)))] == [
        ("Support for unpaid carers", "Carers said the new respite service was easy to book."),
    ]


def test_a_caption_above_the_title_in_canonical_and_plain_text():
    canonical = "- Home\n- Our reports\n\nInspection report\n\n# Exampleshire home care\n\nVisits were rarely late.\n"
    assert texts(canonical, canonical=True) == ["Visits were rarely late."]
    plain_text = "Inspection report\n\nExampleshire home care\n\nVisits were rarely late.\n"
    assert texts(plain_text) == ["Visits were rarely late."]


def test_a_sentence_or_a_paragraph_before_the_title_is_kept():
    # a sentence above the title is prose; so is a short line after a paragraph
    said = "This report was agreed by the board.\n\n# Exampleshire home care\n\nVisits were rarely late.\n"
    assert texts(said, canonical=True) == ["This report was agreed by the board.", "Visits were rarely late."]


# --------------------------------------------- items under "Strengths" copied without markers
def sections_and_texts(text: str) -> list[tuple[str, str]]:
    return [(r["section"], r["text"]) for r in recs(text)]


def test_title_like_items_under_a_classifying_heading_are_items():
    text = (
        "Partnership working\n"
        "Strengths\n"
        "A shared care record used by the hospital and the home care teams\n"
        "Volunteers trained to visit people in the week after a hospital stay\n"
        "Safeguarding\n"  # a short title after the items: the next section
        "The safeguarding board met every month.\n"
        "Partnership working\n"  # the theme's title again: a title, not an item
        "Areas for consideration\n"
        "Carers' assessments were rarely offered after a discharge.\n"
    )
    assert sections_and_texts(text) == [
        ("Strengths", "A shared care record used by the hospital and the home care teams"),
        ("Strengths", "Volunteers trained to visit people in the week after a hospital stay"),
        ("Safeguarding", "The safeguarding board met every month."),
        ("Areas for consideration", "Carers' assessments were rarely offered after a discharge."),
    ]


def test_title_like_lines_under_a_topic_heading_stay_titles():
    # the same shape under a heading that does not classify: the lines are sub-headings
    text = (
        "Partnership working\n"
        "How the hospital and the home care teams share records\n"
        "The teams used one shared care record from the spring, and the district nurses could see it from their tablets on visits.\n"
    )
    assert sections_and_texts(text) == [
        ("How the hospital and the home care teams share records",
         "The teams used one shared care record from the spring, and the district nurses could see it from their tablets on visits."),
    ]


# ------------------------------------------------------ hard-wrapped items that lost their markers
def test_wrapped_lower_case_items_without_markers_are_told_apart():
    # wrapped at 60 columns, no markers, no blank lines: an item starts after a sentence end, or
    # after a line that stopped well short of the width
    text = (
        "Next steps\n"
        "The team would ask the council to:\n"
        "agree a single plan for reducing the waiting list for\n"
        "occupational therapy assessments by the end of the year.\n"
        "publish the plan on the council's website and in every\n"
        "library so that people can see where they stand\n"
        "report progress to the health scrutiny panel each quarter\n"
    )
    assert texts(text) == [
        "agree a single plan for reducing the waiting list for occupational therapy assessments by the end of the year.",
        "publish the plan on the council's website and in every library so that people can see where they stand",
        "report progress to the health scrutiny panel each quarter",
    ]


def test_a_wrapped_sentence_goes_on_after_an_abbreviation_or_a_full_line():
    text = (
        "Findings\n"
        "Several services for carers were praised by the people we\n"
        "met, e.g. the sitting service and the carers' cafe, and\n"
        "most had been set up since the council's last review.\n"
    )
    assert texts(text) == [
        "Several services for carers were praised by the people we met, e.g. the sitting service and the carers' cafe, "
        "and most had been set up since the council's last review."
    ]


# ----------------------------------------- a briefing's header fields, attachments, a signature
def test_header_fields_attachments_and_a_signature_without_their_bold_are_furniture():
    # what a Word file or a web page gives for a committee briefing once its bold labels are lost
    canonical = (
        "# Briefing note\n\n"
        "Report from: Director of Adult Services\n\n"
        "Report to: Health and Care Scrutiny Panel\n\n"
        "Date: 3 May 2024\n\n"
        "Strengths: Shared Lives Scheme\n\n"
        "Appendix 1 - Action Plan\n\n"
        "Appendix B: Survey Results\n\n"
        "Summary: The council reduced the waiting list for assessments by a third.\n\n"
        "Jo Bloggs Head of Commissioning Exampleshire Council 01632 960123 jo.bloggs@exampleshire.example\n"
    )
    read = [(r["read_as"], r["text"]) for r in block_records(canonical, parse_report(canonical, canonical=True).blocks)]
    assert read == [
        ("heading", "Briefing note"),
        ("furniture", "Report from: Director of Adult Services"),
        ("furniture", "Report to: Health and Care Scrutiny Panel"),
        ("furniture", "Date: 3 May 2024"),
        ("paragraph", "Strengths: Shared Lives Scheme"),  # a classifying label makes the value a finding
        ("furniture", "Appendix 1 - Action Plan"),
        ("furniture", "Appendix B: Survey Results"),
        ("paragraph", "Summary: The council reduced the waiting list for assessments by a third."),  # says something
        ("furniture", "Jo Bloggs Head of Commissioning Exampleshire Council 01632 960123 jo.bloggs@exampleshire.example"),
    ]


def test_a_sentence_that_mentions_an_appendix_or_an_address_is_prose():
    canonical = (
        "# Next steps\n\n"
        "Appendix 2 sets out the actions the council agreed with its partners.\n\n"
        "Carers can ask for a review by writing to carers@exampleshire.example or calling 01632 960123.\n"
    )
    assert texts(canonical, canonical=True) == [
        "Appendix 2 sets out the actions the council agreed with its partners.",
        "Carers can ask for a review by writing to carers@exampleshire.example or calling 01632 960123.",
    ]


# ------------------------------------------------------------------ a pasted e-mail and a reply
EMAIL = """From: Sam Carter <sam.carter@exampleshire.example>
Sent: 14 March 2024 09:12
To: Adult Social Care Scrutiny Panel
Subject: RE: Peer review feedback

Dear colleagues,

Thank you for the session last week. The review team found that the
reablement service had cut the time people wait to go home from
hospital, and staff spoke highly of their managers.

The team also found that reviews of care plans were often late and
that carers were not always offered an assessment of their own.

Kind regards,

Sam Carter
Head of Quality Assurance
Exampleshire County Council
Tel: 01632 960456
"""
EMAIL_SENTENCES = [
    "Thank you for the session last week.",
    "The review team found that the reablement service had cut the time people wait to go home from hospital, "
    "and staff spoke highly of their managers.",
    "The team also found that reviews of care plans were often late and that carers were not always offered an "
    "assessment of their own.",
]


def test_a_pasted_email_keeps_its_body_and_drops_header_salutation_signature_and_quoted_reply():
    outlook = EMAIL + (
        "\n> -----Original Message-----\n> From: Panel Clerk\n> Sent: 10 March 2024 16:40\n"
        "> Could you send the panel a short summary of what the review found?\n> The panel meets on 20 March.\n"
    )
    assert texts(outlook) == EMAIL_SENTENCES
    gmail = EMAIL + (
        "\nOn Sun, 10 Mar 2024 at 16:40, Panel Clerk <clerk@exampleshire.example> wrote:\n"
        "> Could you send the panel a short summary of what the review found?\n> The panel meets on 20 March.\n"
    )
    assert texts(gmail) == EMAIL_SENTENCES


def test_a_quotation_set_off_with_a_marker_but_no_reply_header_is_kept():
    text = "Findings\n\nOne carer told the team:\n\n> The new hub changed everything for us.\n"
    assert [t.lstrip("> ") for t in texts(text)] == ["The new hub changed everything for us."]


# ------------------------------------------------------- a page copied from a browser, furniture and all
BROWSER_COPY = """Home
Social care and health
Inspection reports
Exampleshire home care assessment
Print this page
Share this page
Published 4 April 2024
Summary
The service was well led and people felt safe with their care workers.
Some people said their visits were often late at weekends.
What we found
Care workers had the training they needed to support people with dementia.
Records of medicines were not always completed.
Back to top
Was this page useful?
Yes
No
Report a problem with this page
"""


def test_a_page_copied_from_a_browser_with_breadcrumbs_and_page_tools():
    assert sections_and_texts(BROWSER_COPY) == [
        ("Summary", "The service was well led and people felt safe with their care workers."),
        ("Summary", "Some people said their visits were often late at weekends."),
        ("What we found", "Care workers had the training they needed to support people with dementia."),
        ("What we found", "Records of medicines were not always completed."),
    ]


# ------------------------------------------------------------------------ a PDF set in two columns
COLUMN_LEFT = [
    "Carers told the review team that the new hub",
    "had made it much easier to find help at short",
    "notice. The council had trained forty people",
    "to visit carers at home, and the visits were",
]
COLUMN_RIGHT = [
    "valued by the carers we met.",
    "Waiting times for a carer's assessment had",
    "grown since the spring, and some carers had",
    "waited more than three months for one.",
]


def two_column_pdf(path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=20)
    pdf.text(20, 25, "Exampleshire carers review")
    pdf.set_font("Helvetica", size=10)
    pdf.text(20, 38, "The review took place over three days in the autumn and met carers in every district of the county.")
    for x, column in ((20, COLUMN_LEFT), (110, COLUMN_RIGHT)):
        for k, line in enumerate(column):
            pdf.text(x, 50 + 5 * k, line)
    pdf.text(20, 80, "The council will report on its progress to the carers' partnership board next year.")
    pdf.output(str(path))
    return path


def test_a_pdf_in_two_columns_is_read_one_column_after_the_other(tmp_path):
    from finding_classifier.model.reading import read_report
    from finding_classifier.model.sentences import segment_report

    r = read_report(two_column_pdf(tmp_path / "columns.pdf"))
    got = [x.to_dict()["text"] for x in sentence_records(segment_report(r))]
    assert got == [
        "The review took place over three days in the autumn and met carers in every district of the county.",
        "Carers told the review team that the new hub had made it much easier to find help at short notice.",
        "The council had trained forty people to visit carers at home, and the visits were valued by the carers we met.",
        "Waiting times for a carer's assessment had grown since the spring, and some carers had waited more than three months for one.",
        "The council will report on its progress to the carers' partnership board next year.",
    ]


def test_a_capitalised_line_after_a_long_line_ending_in_a_preposition_starts_a_block():
    # one line per block: a sentence may end in a preposition; a line that long was not wrapped
    first = "Carers said the new hub was the first place in the county that had asked them what support they wanted and what it was for"
    second = "Waiting times for a carer's assessment had grown since the spring."
    assert len(first) > 110
    assert texts(f"Findings\n{first}\n{second}\n") == [first, second]


def test_an_item_ending_in_a_comma_has_more_items_after_it():
    # one line per block, markers lost: the title-like line after "...spending," is the next item
    items = [
        "Weekly meetings between finance and the service to watch spending,",
        "Work with the hospital trusts to share the cost of discharge",
        "A single panel, chaired by the director, for every placement that costs more than the usual rate,",
    ]
    text = "Financial risk\nTo reduce the risks, the council has set up: -\n" + "\n".join(items) + "\nThe panel met every week.\n"
    assert sections_and_texts(text) == [("Financial risk", t) for t in items + ["The panel met every week."]]


# ------------------------------------------------------------------------------- a table's caption
def test_a_short_line_above_a_table_is_its_caption_and_a_lead_in_sentence_is_prose():
    rows = "District\tWeeks\nNorth\t6\nSouth\t9\n"
    text = (
        "Waiting times\n\n"
        "% of carers assessed within four weeks\n" + rows + "\n"
        "Waiting times were longest in the south of the county.\n"
    )
    assert texts(text) == ["Waiting times were longest in the south of the county."]
    said = "Waiting times\n\nThe south waited longest of all the districts last year.\n" + rows
    assert texts(said) == ["The south waited longest of all the districts last year."]
    # a short line that says something is a sentence, even right above a table (canonical text,
    # where a heading would be marked)
    short = "# Waiting times\n\nCarers in the south waited longest\n\n" + rows
    assert texts(short, canonical=True) == ["Carers in the south waited longest"]
