"""Headings that classify what stands under them (annotation guideline, version 2, rule 1).

Rule 1 names "Strengths", "Summary of strengths", "Areas for improvement", "Areas for
development", "Areas for consideration" and "Recommendations"; the patterns below are those
phrases and their usual variants in assessment reports and peer-challenge letters ("what works
well", "next steps", "challenges", "things to consider"). A pattern specific to one report's
wording ("should you be considering") was replaced by its general form ("consider") in issue 13.
A classifying heading decides an item that would otherwise be
neutral, and a list under it is never a topic-only list. Any other heading gives the topic only.
"""
from __future__ import annotations

import re

#: Rule 1's strength and area-for-improvement headings and their variants ("next steps", "risks").
#: Each alternative is one entry of the language data (the provenance test reads them one by one).
STRENGTH_PATTERNS = ("strength", "what works well", "good practice", "achievement", "success", "positive")
AFI_PATTERNS = (
    r"areas? (?:for|of) (?:improvement|development|consideration|focus)", "recommend", "next steps", "further action",
    "consider", "challenges", "weakness", "concerns", "risks", r"improvements? needed", "to improve",
)
STRENGTH_HEADING = re.compile("|".join(STRENGTH_PATTERNS), re.I)
AFI_HEADING = re.compile("|".join(AFI_PATTERNS), re.I)


def heading_class(heading: str) -> tuple[bool, bool]:
    """(is a strength heading, is an area-for-improvement heading) for a section heading."""
    afi = bool(AFI_HEADING.search(heading or ""))
    strength = bool(STRENGTH_HEADING.search(heading or "")) and not afi
    return strength, afi


def is_classifying(heading: str) -> bool:
    """Does the heading classify what stands under it (either way)?"""
    return any(heading_class(heading))
