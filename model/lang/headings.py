"""Headings that classify what stands under them (annotation guideline, version 2, rule 1).

Rule 1 names "Strengths", "Summary of strengths", "Areas for improvement", "Areas for
development", "Areas for consideration" and "Recommendations"; the patterns below are those
phrases and their usual variants in assessment reports and peer-challenge letters ("what works
well", "next steps", "challenges"). A classifying heading decides an item that would otherwise be
neutral, and a list under it is never a topic-only list. Any other heading gives the topic only.
"""
from __future__ import annotations

import re

#: Rule 1's strength headings and their variants.
STRENGTH_HEADING = re.compile(r"strength|what works well|good practice|achievement|success|positive", re.I)
#: Rule 1's area-for-improvement headings and their variants ("next steps", "challenges", "risks").
AFI_HEADING = re.compile(
    r"areas? (?:for|of) (?:improvement|development|consideration|focus)|recommend|next steps|further action|"
    r"should you be considering|challenges|weakness|concerns|risks|improvements? needed|to improve",
    re.I,
)


def heading_class(heading: str) -> tuple[bool, bool]:
    """(is a strength heading, is an area-for-improvement heading) for a section heading."""
    afi = bool(AFI_HEADING.search(heading or ""))
    strength = bool(STRENGTH_HEADING.search(heading or "")) and not afi
    return strength, afi


def is_classifying(heading: str) -> bool:
    """Does the heading classify what stands under it (either way)?"""
    return any(heading_class(heading))
