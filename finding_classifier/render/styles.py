"""How labels look in every output, defined once: titles, short tags, colours and line styles.

The colours are from Okabe and Ito's colour-blind-safe palette ("Color Universal Design", 2008):
blue for strengths, vermillion for areas for improvement, and a neutral grey for evidence (the
majority label, so it stays quiet). Colour is never the only cue: each label has its own underline
style (solid, double, dotted), its own hatch in plots and its own one-letter tag in the terminal,
so the outputs also read in black-and-white print. ``tests/test_render_styles.py`` checks that the
colours stay apart under simulated protanopia, deuteranopia and tritanopia.
"""
from __future__ import annotations

LABEL_TITLES = {"strength": "Strengths", "area_for_improvement": "Areas for improvement", "evidence": "Evidence"}
LABEL_NAMES = {"strength": "strength", "area_for_improvement": "area for improvement", "evidence": "evidence"}

#: One-letter tags (terminal table, compact columns).
LABEL_TAGS = {"strength": "S", "area_for_improvement": "A", "evidence": "E"}

#: Colours of the labels (HTML and plots): Okabe-Ito blue, vermillion, and grey.
LABEL_COLOURS = {
    "strength": "#0072B2",
    "area_for_improvement": "#D55E00",
    "evidence": "#6E6E6E",
}

#: Light backgrounds behind highlighted sentences (evidence is not tinted, only underlined).
LABEL_TINTS = {
    "strength": "#D4E8F5",
    "area_for_improvement": "#FBE0CF",
    "evidence": "transparent",
}

#: Underline (CSS border) style per label: the cue that survives grey-scale print.
LABEL_LINES = {"strength": "solid", "area_for_improvement": "double", "evidence": "dotted"}

#: Hatches per label in plots (matplotlib).
LABEL_HATCHES = {"strength": "", "area_for_improvement": "//", "evidence": ".."}

#: Styles of the labels in the terminal (rich): the tag letter carries the label without colour.
LABEL_RICH_STYLE = {"strength": "bold blue", "area_for_improvement": "bold dark_orange", "evidence": "grey50"}

#: A diverging colour-blind-safe scale for the balance (-1 areas ... +1 strengths): Paul Tol's BuRd
#: reversed so that strengths are blue and areas red, like the labels.
BALANCE_COLOURS = ["#B2182B", "#D6604D", "#F4A582", "#FDDBC7", "#F7F7F7", "#D1E5F0", "#92C5DE", "#4393C3", "#2166AC"]
