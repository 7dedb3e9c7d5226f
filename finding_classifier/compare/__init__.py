"""Many reports side by side: what ``findings compare`` computes (pure functions returning data).

Per report and per section: counts and shares of each label, the balance ((strengths - areas for
improvement) / sentences), how many judgements sit beside evidence; the report's own score or
rating (from its metadata) and its correlation with the balance; the recurring themes of areas for
improvement across reports; the sections whose judgements have no evidence sentence beside them.
Reports are taken in order of id, so the figures do not depend on the order of the inputs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..schema import LABELS
from .ratings import Correlation, OwnScore, correlation, own_score
from .sections import EVIDENCE_WINDOW, SectionSummary, balance, label_counts, summarize_sections
from .themes import Theme, ThemeSentence, find_themes

#: Columns of the heat map of balance by report and section (the CSV has every section).
MAX_HEATMAP_SECTIONS = 40


@dataclass
class ReportFigures:
    id: str
    path: str
    counts: dict[str, int]
    sections: list[SectionSummary]
    own: OwnScore

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def balance(self) -> float:
        return balance(self.counts)

    @property
    def judgements(self) -> int:
        return sum(s.judgements for s in self.sections)

    @property
    def unsupported(self) -> int:
        return sum(len(s.unsupported) for s in self.sections)

    def share(self, label: str) -> float:
        return self.counts[label] / self.total if self.total else 0.0


@dataclass
class Comparison:
    reports: list[ReportFigures]
    themes: list[Theme]
    unthemed: list[ThemeSentence]
    correlation: Correlation
    window: int = EVIDENCE_WINDOW
    seed: int = 0

    @property
    def sections_without_evidence(self) -> list[SectionSummary]:
        """Sections with judgements none of which has an evidence sentence beside it."""
        return [s for r in self.reports for s in r.sections if s.judgements and not s.supported]

    def balance_grid(self, max_columns: int = MAX_HEATMAP_SECTIONS) -> tuple[list[str], list[str], list[list[float | None]]]:
        """Rows (reports), columns (section titles) and the balance of each cell (None: no such section).

        Sections are matched across reports by title (case and spacing aside; a title used twice in one
        report is one cell, its counts added). Titles that several reports share come first; at most
        ``max_columns`` columns, the largest sections kept."""
        cells: dict[tuple[str, str], dict[str, int]] = {}
        title_of: dict[str, str] = {}
        first: dict[str, int] = {}
        size: dict[str, int] = {}
        for r in self.reports:
            for s in r.sections:
                key = " ".join(s.title.casefold().split())
                title_of.setdefault(key, s.title)
                first.setdefault(key, len(first))
                size[key] = size.get(key, 0) + s.total
                c = cells.setdefault((r.id, key), label_counts(()))
                for lab in LABELS:
                    c[lab] += s.counts[lab]
        shared = {k: len({rid for rid, kk in cells if kk == k}) for k in first}
        keys = sorted(first, key=lambda k: (-shared[k], -size[k], first[k]))[:max_columns]
        keys.sort(key=lambda k: (-shared[k], first[k]))
        values = [[balance(cells[(r.id, k)]) if (r.id, k) in cells else None for k in keys] for r in self.reports]
        return [r.id for r in self.reports], [title_of[k] for k in keys], values

    def to_dict(self) -> dict:
        return {
            "evidence_window": self.window,
            "seed": self.seed,
            "reports": [
                {
                    "report": r.id, "path": r.path, "sentences": r.total, "counts": r.counts,
                    "shares": {lab: round(r.share(lab), 4) for lab in LABELS}, "balance": round(r.balance, 4),
                    "judgements": r.judgements, "judgements_without_evidence": r.unsupported,
                    "own_score": r.own.score, "own_score_text": r.own.text,
                    "sections": [_section_dict(s) for s in r.sections],
                }
                for r in self.reports
            ],
            "correlation": {"n": self.correlation.n, "r": self.correlation.r, "note": self.correlation.note},
            "themes": [
                {"theme": t.number, "terms": t.terms, "reports": t.reports, "recurring": t.recurring,
                 "sentences": [vars(s) for s in t.sentences]}
                for t in self.themes
            ],
            "unthemed": [vars(s) for s in self.unthemed],
            "sections_without_evidence": [{"report": s.report, "section": s.title, "judgements": s.judgements} for s in self.sections_without_evidence],
        }


def _section_dict(s: SectionSummary) -> dict:
    return {
        "section": s.title, "path": list(s.path), "sentences": s.total, "counts": s.counts,
        "shares": {lab: round(s.share(lab), 4) for lab in LABELS}, "balance": round(s.balance, 4),
        "judgements": s.judgements, "judgements_without_evidence": len(s.unsupported),
    }


def compare_reports(reports: list, seed: int, window: int = EVIDENCE_WINDOW) -> Comparison:
    """The figures of ``findings compare`` for classified reports (:class:`ClassifiedReport`)."""
    figures, areas = [], []
    for rep in sorted(reports, key=lambda r: r.id):
        sections = summarize_sections(rep, window)
        figures.append(ReportFigures(rep.id, rep.path, label_counts(p.label for p in rep.predictions), sections, own_score(rep.metadata)))
        for s in sections:
            for i in s.sentences:
                p = rep.predictions[i]
                if p.label == "area_for_improvement":
                    areas.append(ThemeSentence(rep.id, p.index, s.title, p.text))
    themes, unthemed = find_themes(areas, seed)
    corr = correlation([(f.balance, f.own.score) for f in figures if f.own.score is not None])
    return Comparison(figures, themes, unthemed, corr, window, seed)


__all__ = ["Comparison", "EVIDENCE_WINDOW", "ReportFigures", "SectionSummary", "Theme", "compare_reports", "summarize_sections"]
