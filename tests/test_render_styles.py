"""The label colours stay apart for colour-blind readers (simulated) and in grey-scale print."""
import itertools

import numpy as np
import pytest

from finding_classifier.render.styles import LABEL_COLOURS, LABEL_LINES, LABEL_TINTS

# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "none": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
}


def _linear(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(rgb_linear: np.ndarray) -> np.ndarray:
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ np.clip(rgb_linear, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str) -> float:
    sim = CVD[vision]
    return float(np.linalg.norm(_lab(sim @ _linear(a)) - _lab(sim @ _linear(b))))


@pytest.mark.parametrize("vision", list(CVD))
def test_label_colours_stay_apart(vision):
    for a, b in itertools.combinations(LABEL_COLOURS, 2):
        assert delta_e(LABEL_COLOURS[a], LABEL_COLOURS[b], vision) > 20, (a, b, vision)


@pytest.mark.parametrize("vision", list(CVD))
def test_highlight_tints_stay_apart_and_visible(vision):
    tints = {lab: c for lab, c in LABEL_TINTS.items() if c.startswith("#")}
    assert set(tints) == {"strength", "area_for_improvement"}  # evidence is underlined only
    assert delta_e(tints["strength"], tints["area_for_improvement"], vision) > 10
    for c in tints.values():
        assert delta_e(c, "#FFFFFF", vision) > 5


def test_the_check_would_catch_a_red_green_palette():
    # the palette before this one: green strengths beside orange areas
    assert delta_e("#1a7f37", "#c2410c", "deuteranopia") < 20 or delta_e("#1a7f37", "#c2410c", "protanopia") < 20


def test_each_label_has_its_own_line_style_for_print():
    assert len(set(LABEL_LINES.values())) == len(LABEL_LINES)
