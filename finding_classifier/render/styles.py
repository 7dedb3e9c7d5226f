"""How labels look in every output: titles, colours (HTML) and terminal styles, defined once."""
from __future__ import annotations

LABEL_TITLES = {"strength": "Strengths", "area_for_improvement": "Areas for improvement", "evidence": "Evidence"}

#: Colours of the labels in HTML.
LABEL_COLOURS = {
    "strength": "#1a7f37",
    "area_for_improvement": "#c2410c",
    "evidence": "#57606a",
}

#: Styles of the labels in the terminal (rich).
LABEL_RICH_STYLE = {"strength": "green", "area_for_improvement": "dark_orange", "evidence": "grey50"}
