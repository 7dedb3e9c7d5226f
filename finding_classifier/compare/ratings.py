"""A report's own verdict on itself: the score or rating line the reading stage found.

CQC assessments score each quality statement from 1 to 4 and rate a service with one of four words;
both are read from the report's metadata (``ClassifiedReport.metadata``), never from its prose.
The scale (CQC's published assessment framework for local authorities and integrated care systems):

    4  Evidence shows an exceptional standard   Outstanding
    3  Evidence shows a good standard           Good
    2  Evidence shows some shortfalls           Requires improvement
    1  Evidence shows significant shortfalls    Inadequate
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: The rating words on the 1-4 scale above.
RATING_SCORES = {"outstanding": 4, "good": 3, "requires improvement": 2, "inadequate": 1}
#: The score sentences on the same scale.
SCORE_PHRASES = {
    "evidence shows an exceptional standard": 4,
    "evidence shows a good standard": 3,
    "evidence shows some shortfalls": 2,
    "evidence shows significant shortfalls": 1,
}

#: Correlation between balance and the report's own score is shown from this many scored reports.
MIN_REPORTS_FOR_CORRELATION = 5

_DIGIT = re.compile(r"(?<![\d.])([1-4])(?![\d.])")


@dataclass
class OwnScore:
    """What a report says about itself: a score on the 1-4 scale (None if none) and its words."""

    score: float | None
    text: str = ""


def own_score(metadata: dict[str, str]) -> OwnScore:
    """The score (1-4) and rating words of a report's metadata; ``OwnScore(None)`` when it has none.

    A key naming a score or a rating ("Indicative score", "score", "rating") is read first; its value
    may be a digit ("3"), a score sentence ("3 - Evidence shows a good standard") or a rating word.
    """
    items = sorted(metadata.items(), key=lambda kv: not re.search(r"score|rating", kv[0], re.I))
    for key, value in items:
        named = bool(re.search(r"score|rating", key, re.I))
        for text in (value, f"{key} {value}"):
            low = " ".join(text.lower().split())
            for phrase, score in SCORE_PHRASES.items():
                if phrase in low:
                    return OwnScore(float(score), value.strip())
            for word, score in RATING_SCORES.items():
                if named and re.search(rf"\b{word}\b", low):
                    return OwnScore(float(score), value.strip())
            m = _DIGIT.search(low)
            if named and m:
                return OwnScore(float(m.group(1)), value.strip())
    return OwnScore(None)


@dataclass
class Correlation:
    """Pearson's r between the reports' balance and their own scores, or why it is not shown."""

    n: int
    r: float | None
    note: str


def correlation(pairs: list[tuple[float, float]], minimum: int = MIN_REPORTS_FOR_CORRELATION) -> Correlation:
    """``pairs``: (balance, own score) of each report that has a score."""
    n = len(pairs)
    if n < minimum:
        return Correlation(n, None, f"not shown: {n} report(s) with a score of their own, at least {minimum} needed")
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return Correlation(n, None, f"not shown: the {'scores' if syy == 0 else 'balances'} of the {n} reports are all equal")
    r = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(sxx * syy)
    return Correlation(n, r, f"Pearson's r over {n} reports")
