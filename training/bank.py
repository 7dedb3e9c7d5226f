"""The written sentence bank: its guard against copying report text.

No bank sentence may share a run of six or more words with any document in ``data/reports/``
(a short reviewed list of stock phrases excepted), and none may repeat a corpus sentence.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

N = 6
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

#: Reviewed stock phrases that any report may use; runs inside them do not count as copying.
STOCK_PHRASES = ("at the time of our assessment",)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def ngrams(ws: list[str], n: int = N) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def reference_ngrams(texts: Iterable[str]) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for t in texts:
        grams |= ngrams(words(t))
    for phrase in STOCK_PHRASES:
        grams -= ngrams(words(phrase))
    return grams


def copied_runs(sentence: str, reference: set[tuple[str, ...]]) -> list[str]:
    """The six-word runs of ``sentence`` that also stand in the reference texts."""
    return [" ".join(g) for g in sorted(ngrams(words(sentence)) & reference)]


def report_texts(reports_dir: str | Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(Path(reports_dir).glob("*.txt"))]
