"""Closed-class English words the line reader uses as features.

A line that ends in a function word ("... worked with", "... and the") was cut by wrapping: a title
or a list item does not end that way. A line with a finite auxiliary ("is", "were", "has") is more
likely a sentence than a title. These are the closed word classes of English grammar (articles,
prepositions, conjunctions, determiners, auxiliaries), written for the project.
"""
from __future__ import annotations

#: Words after which a line does not end unless it was wrapped.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from into onto upon over under about
    between across through within without against among towards toward than as if that which who
    whom whose whether because although though while whilst where when whereas so such this these
    those their its our his her my your is are was were be been being has have had do does did
    will would shall should can could may might must not no very more most also including
    such &""".split()
)

#: Finite auxiliaries and copulas: a sign of a clause.
AUXILIARIES = frozenset(
    """is are was were has have had will would shall should can could may might must does did
    isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't""".split()
)

#: Abbreviations written with a full stop that does not end a sentence ("e.g.", "Cllr.", "approx."),
#: lower case, without the final stop.
ABBREVIATIONS = frozenset(
    "e.g eg i.e ie al no nos dr mr mrs ms prof cllr approx incl vs cf st fig para ref ca est min max av "
    "dept govt jan feb mar apr jun jul aug sep sept oct nov dec co ltd".split()
)
