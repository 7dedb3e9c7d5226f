"""Reference points reported beside every evaluation: majority class and a keyword-rule baseline.

(The third baseline, the classifier without its context features, is the same estimator with
``context=False``, trained in the same folds; see :mod:`.crossval`.)
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from ..model.classification import lexicon as lx
from ..model.classification.cues import _decisive, _polarity, merge_hyphens


def majority(train_labels: Sequence[str], n: int) -> list[str]:
    top = Counter(train_labels).most_common(1)[0][0]
    return [top] * n


def keyword_rule(inp: dict) -> str:
    """A hand-written reading of the guideline's cue words: headings first, then the deciding clause."""
    strength_heading, afi_heading = lx.heading_class(inp["section"])
    toks = merge_hyphens(inp["tokens"])
    dec, _ = _decisive(toks)
    pos, neg, neg_pos = _polarity(dec)
    words = set(dec)
    if toks and toks[0] in lx.IMPERATIVE:
        return "area_for_improvement"
    if neg + neg_pos > pos or words & {"should", "need", "needs", "needed", "must"}:
        return "area_for_improvement"
    if pos > 0:
        return "strength"
    if afi_heading:
        return "area_for_improvement"
    if strength_heading:
        return "strength"
    return "evidence"


def keyword_rules(inputs: Sequence[dict]) -> list[str]:
    return [keyword_rule(x) for x in inputs]
