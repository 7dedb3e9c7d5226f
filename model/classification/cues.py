"""The guideline's cues as named features of a sentence (and, optionally, of its neighbours).

Each feature reads one of the annotation guideline's signals from the word lists in
:mod:`.lexicon`: evaluative and hedging words, negation, the clause that decides a mixed sentence
(rule 3), comparison with a direction (rule 7), recommendations (rule 5), plans and purposes
(rule 6), context (rule 8), methodology (rule 9) and classifying headings (rule 1).
``CUE_FEATURES`` names the columns of :func:`cue_matrix`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

import numpy as np

from . import lexicon as lx

# ---------------------------------------------------------------- guideline (lexicon) features

CUE_FEATURES = (
    "pos", "neg", "neg_pos", "dec_pos", "dec_neg", "dec_neg_pos", "negation", "hedge", "need", "imperative",
    "concessive_start", "contrast", "up_ref", "down_ref", "bad_down", "bad_up", "has_number", "has_percent",
    "reporting", "plan", "purpose", "context", "method_we", "heading_strength", "heading_afi",
    "short_item", "mixed", "not_yet", "question",
)
CONTEXT_FEATURES = ("prev_dec_pos", "prev_dec_neg", "next_dec_pos", "next_dec_neg", "prev_afi_start", "has_prev", "has_next")


def _decisive(tokens: list[str]) -> tuple[list[str], bool]:
    """The clause that decides a mixed sentence (rule 3): drop a leading concessive clause; otherwise
    take what follows the last contrast marker."""
    if not tokens:
        return tokens, False
    if tokens[0] in lx.CONCESSIVE or (len(tokens) > 1 and tokens[0] == "even" and tokens[1] == "though"):
        if "," in tokens:
            return tokens[tokens.index(",") + 1 :], True
        return tokens, True
    last = -1
    for i, t in enumerate(tokens):
        if t in lx.CONTRAST and i > 0:
            last = i
    if last > 0 and last < len(tokens) - 2:
        return tokens[last + 1 :], False
    return tokens, False


def merge_hyphens(tokens: list[str]) -> list[str]:
    """Re-join the hyphenated compounds spaCy splits ("tick", "-", "box" -> "tick-box") for the word lists."""
    if "-" not in tokens:
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 2 < len(tokens) and tokens[i + 1] == "-" and tokens[i].isalpha() and tokens[i + 2].isalpha():
            out.append(tokens[i] + "-" + tokens[i + 2])
            i += 3
        else:
            out.append(tokens[i])
            i += 1
    return out


def _polarity(tokens: list[str]) -> tuple[int, int, int]:
    """Counts of positive words, negative words and negated positive words (a negation within three tokens before)."""
    pos = neg = neg_pos = 0
    for i, t in enumerate(tokens):
        if t in lx.POSITIVE:
            window = tokens[max(0, i - 3) : i]
            if any(w in lx.NEGATION for w in window):
                neg_pos += 1
            else:
                pos += 1
        elif t in lx.NEGATIVE:
            neg += 1
    return pos, neg, neg_pos


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def _heading_class(section: str) -> tuple[bool, bool]:
    return lx.heading_class(section)


def _clip(x: float, top: float = 3.0) -> float:
    return min(x, top) / top


def lexicon_vector(inp: dict) -> list[float]:
    toks = merge_hyphens(inp["tokens"])
    words = set(toks)
    pos, neg, neg_pos = _polarity(toks)
    dec, concessive = _decisive(toks)
    dpos, dneg, dneg_pos = _polarity(dec)
    has_ref = bool(words & lx.REFERENCE)
    up, down = bool(words & lx.UP), bool(words & lx.DOWN)
    bad = bool(words & lx.BAD_QUANTITY)
    h_str, h_afi = _heading_class(inp["section"])
    first = toks[0] if toks else ""
    joined = " ".join(toks)
    has_num = _DIGIT.search(joined) is not None
    return [
        _clip(pos), _clip(neg), _clip(neg_pos), _clip(dpos), _clip(dneg), _clip(dneg_pos),
        float(bool(words & lx.NEGATION)), float(bool(words & lx.HEDGE)), float(bool(words & lx.NEED)),
        float(first in lx.IMPERATIVE), float(concessive), float(bool(words & lx.CONTRAST)),
        float(up and has_ref), float(down and has_ref), float(bad and down), float(bad and up),
        float(has_num), float("%" in words or "per" in words and "cent" in words),
        float(bool(words & lx.REPORTING)), float(bool(words & lx.PLAN)),
        float("to ensure" in joined or "in order to" in joined or "so that" in joined),
        float(bool(words & lx.CONTEXT)), float(first == "we" or bool(words & lx.METHOD) and "we" in words),
        float(h_str), float(h_afi),
        float(len(toks) <= 8), float("mixed" in words or "varied" in words or "variable" in words or "inconsistent" in words),
        float("not yet" in joined or "yet to" in joined or "still" in words), float(toks[-1:] == ["?"]),
    ]


def context_vector(inp: dict) -> list[float]:
    out = []
    for key in ("prev", "next"):
        toks = inp.get(key)
        if toks:
            dec, _ = _decisive(merge_hyphens(toks))
            p, n, npos = _polarity(dec)
            out += [_clip(p), _clip(n + npos)]
        else:
            out += [0.0, 0.0]
    prev = inp.get("prev") or []
    out += [float(bool(prev) and (prev[0] == "however" or prev[0] in lx.IMPERATIVE)), float(bool(prev)), float(bool(inp.get("next")))]
    return out


def cue_matrix(inputs: Sequence[dict]) -> np.ndarray:
    """One row of :data:`CUE_FEATURES` per input."""
    return np.asarray([lexicon_vector(x) for x in inputs], dtype=np.float64).reshape(len(inputs), len(CUE_FEATURES))


def context_matrix(inputs: Sequence[dict]) -> np.ndarray:
    """One row of :data:`CONTEXT_FEATURES` (the neighbouring sentences' cues) per input."""
    return np.asarray([context_vector(x) for x in inputs], dtype=np.float64).reshape(len(inputs), len(CONTEXT_FEATURES))
