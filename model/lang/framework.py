"""The fixed text of the CQC assessment framework that is not a finding.

Where it comes from: the published structure of CQC's local-authority and integrated-care-system
assessment reports (the framework's themes and quality statements, each page opening with its
score, the "What people expect" I-statements and "The local authority commitment" We-statement),
as the five shared reports show it, and annotation guideline version 2 ("score and rating lines",
"framework boilerplate that is the same in every report: the What people expect I-statements and
the The local authority commitment We-statements, the list of quality statements in a theme").
"""
from __future__ import annotations

import re

#: Headings of framework boilerplate: what stands under them is the framework's own fixed
#: statements, not findings. "What people expect" precedes the I-statements (written from the
#: point of view of a person using care); "The local authority commitment" (on ICS pages "The ICS
#: commitment") precedes the We-statement of a quality statement.
BOILERPLATE_HEADINGS = (
    "the local authority commitment",
    "the ics commitment",
    "our commitment",
    "what people expect",
    "i statements",
    "i statement",
    "we statements",
    "we statement",
)
BOILERPLATE_HEADING = re.compile(
    r"^(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in BOILERPLATE_HEADINGS) + r")\s*:?$", re.I
)

#: The framework's statements are written in the first person: I-statements open with "I", the
#: We-statements with "We". Under a boilerplate heading, a block that opens otherwise is report
#: text again (the heading that ended the boilerplate was not recognised as one).
STATEMENT_OPENERS = re.compile(r"^(?:I|We|I'm|I’m|We're|We’re)\b")

#: Theme and quality-statement titles and the section level they stand at (a theme holds quality
#: statements; "Theme 3: Quality and safety", "Quality statement: Learning culture").
TITLE_LEVELS = (
    (re.compile(r"^theme\s+\d", re.I), 1),
    (re.compile(r"^quality statement\s*:", re.I), 2),
)

#: The lead-in of the list of quality statements in a theme ("This theme includes these quality
#: statements:"): the list names the framework's statements, it is not findings.
STATEMENT_LIST_LEAD_IN = re.compile(r"\bincludes?\s+(?:these|the following)\s+quality\s+statements\s*:?$", re.I)

#: CQC's ratings, in order.
RATINGS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
#: The four score levels of a quality statement and the phrase the page prints after the digit
#: ("3 - Evidence shows a good standard").
SCORE_PHRASES = {
    1: "Evidence shows significant shortfalls",
    2: "Evidence shows some shortfalls",
    3: "Evidence shows a good standard",
    4: "Evidence shows an exceptional standard",
}

_RATING = "|".join(r.replace(" ", r"\s+") for r in RATINGS)

#: Score and rating lines, with the named group ``value`` where the line gives one. A score line
#: is kept as report metadata, never as a sentence or a heading.
SCORE_LINES = (
    # "Score: 3", "Score 2", "Indicative score:", "Overall score: 63%", "Percentage score: 63%"
    ("score", re.compile(
        r"^(?:(?:indicative|overall|percentage|total)\s+)?score\s*:?\s*(?P<value>\d{1,3}(?:\.\d)?\s*%|\d(?:\s*(?:/|out of)\s*4)?)?\s*$",
        re.I,
    )),
    # "3 - Evidence shows a good standard", "2 – Evidence shows some shortfalls"
    ("score", re.compile(r"^(?P<value>\d)\s*[-\u2013\u2014:]\s*evidence shows\b.{0,80}$", re.I)),
    # "Rating: Good", "Overall rating: Requires improvement", "Indicative rating: Good"
    ("rating", re.compile(
        r"^(?:(?:overall|indicative|current|latest)\s+)?rating\s*:\s*(?P<value>" + _RATING + r"|.{0,40})\s*$", re.I
    )),
)


def score_line(text: str) -> tuple[str, str | None] | None:
    """``(kind, value)`` if ``text`` (a plain line) is a score or rating line, else None."""
    t = text.strip()
    if len(t) > 120:
        return None
    for kind, pattern in SCORE_LINES:
        m = pattern.match(t)
        if m:
            value = m.group("value")
            return kind, (" ".join(value.split()) if value else None)
    return None


def title_level(title: str) -> int | None:
    """The section level of a theme or quality-statement title, else None."""
    for pattern, level in TITLE_LEVELS:
        if pattern.match(title):
            return level
    return None
