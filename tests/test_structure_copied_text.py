"""Text copied from web pages, PDFs and e-mails: the shapes the shared reports do not come in.

Every input is written by the test (invented text, never a line of the shared reports); the
expected sentences and sections are set by hand. Each test also checks that every sentence's
``start``/``end`` slice of the text gives the sentence back.
"""
from __future__ import annotations

import textwrap

from finding_classifier.model.sentences import segment_text, sentence_records
from finding_classifier.model.structure import parse_report, plain


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
