"""One report's sections: sentences and labels per section, the balance, and which judgements sit
beside evidence. Every output (table, HTML, Markdown, CSV, ``compare``) takes its section figures
from here, so they agree.

A *judgement* is a sentence labelled ``strength`` or ``area_for_improvement``. It *sits beside
evidence* when an ``evidence`` sentence of the same section lies within :data:`EVIDENCE_WINDOW`
sentences of it, before or after (the guideline's evidence is the factual sentence a judgement rests
on; it is written next to the judgement, usually just before or after it).
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..schema import LABELS

#: How many sentences before or after a judgement (within its section) are "beside" it.
EVIDENCE_WINDOW = 2

JUDGEMENTS = ("strength", "area_for_improvement")
NO_HEADING = "(no heading)"


@dataclass
class SectionSummary:
    """The sentences of one section of one report (sections in reading order)."""

    report: str
    path: tuple[str, ...]
    counts: dict[str, int]
    sentences: list[int] = field(default_factory=list)  # indices of its predictions, reading order
    unsupported: list[int] = field(default_factory=list)  # judgements with no evidence beside them

    @property
    def title(self) -> str:
        return self.path[-1] if self.path else NO_HEADING

    @property
    def total(self) -> int:
        return len(self.sentences)

    @property
    def judgements(self) -> int:
        return self.counts["strength"] + self.counts["area_for_improvement"]

    @property
    def supported(self) -> int:
        return self.judgements - len(self.unsupported)

    @property
    def balance(self) -> float:
        return balance(self.counts)

    def share(self, label: str) -> float:
        return self.counts[label] / self.total if self.total else 0.0


def balance(counts: dict[str, int]) -> float:
    """(strengths - areas for improvement) / sentences: +1 all strengths, -1 all areas, 0 even or none."""
    n = sum(counts.values())
    return (counts.get("strength", 0) - counts.get("area_for_improvement", 0)) / n if n else 0.0


def label_counts(labels) -> dict[str, int]:
    c = Counter(labels)
    return {lab: c.get(lab, 0) for lab in LABELS}


def section_paths(report) -> list[tuple[str, ...]]:
    """The section path of each prediction: from the block holding it when the report has blocks,
    else the prediction's own section heading."""
    blocks = [b for b in report.blocks if b.kind != "heading"]
    starts = [b.start for b in blocks]
    out = []
    for p in report.predictions:
        path: tuple[str, ...] = ()
        i = bisect_right(starts, p.start) - 1
        while i >= 0 and not (blocks[i].start <= p.start < max(blocks[i].end, blocks[i].start + 1)):
            i -= 1  # a block merged across a page break can hold a later block's offsets
        if i >= 0:
            path = tuple(blocks[i].section)
        elif p.section:
            path = (p.section,)
        out.append(path)
    return out


def evidence_beside(report, paths: list[tuple[str, ...]] | None = None, window: int = EVIDENCE_WINDOW) -> list[bool | None]:
    """For each prediction: does an evidence sentence of its section sit within ``window`` sentences of
    it? ``None`` for evidence sentences themselves."""
    paths = paths if paths is not None else section_paths(report)
    preds = report.predictions
    out: list[bool | None] = []
    for i, p in enumerate(preds):
        if p.label not in JUDGEMENTS:
            out.append(None)
            continue
        near = False
        for j in range(max(0, i - window), min(len(preds), i + window + 1)):
            if j != i and preds[j].label == "evidence" and paths[j] == paths[i]:
                near = True
                break
        out.append(near)
    return out


def summarize_sections(report, window: int = EVIDENCE_WINDOW) -> list[SectionSummary]:
    """The report's sections in reading order (a section that comes back after another is one section)."""
    paths = section_paths(report)
    beside = evidence_beside(report, paths, window)
    by_path: dict[tuple[str, ...], SectionSummary] = {}
    for i, (p, path) in enumerate(zip(report.predictions, paths)):
        s = by_path.get(path)
        if s is None:
            s = by_path[path] = SectionSummary(report.id, path, label_counts(()))
        s.sentences.append(i)
        s.counts[p.label] += 1
        if beside[i] is False:
            s.unsupported.append(i)
    return list(by_path.values())
