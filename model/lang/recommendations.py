"""Imperative verbs that open a recommendation ("Strengthen the carers' offer", "Review ...").

The guideline counts a recommendation or next step as an ``area_for_improvement`` and lists
"strengthen" among its cues; the verbs are the ones recommendations in assessment reports,
peer-challenge letters and action plans open with, written for the project (guideline rule 5).
Entries that occur in the five real reports but in none of the project's own text were removed
(issue 13); ``tests/test_lexicon_provenance.py`` keeps it so. The structure stage
uses them too: a short list item that opens with one is a recommendation, not a topic name.
"""
from __future__ import annotations

IMPERATIVE = frozenset(
    """strengthen review increase consider develop ensure improve encourage maximise translate
    work focus embed reduce build clarify explore continue identify prioritise use make
    set agree provide complete introduce engage expand address seek invest streamline simplify publish share
    monitor promote raise extend accelerate co-produce""".split()
)
