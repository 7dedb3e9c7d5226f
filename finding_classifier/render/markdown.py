"""A Markdown summary per report: counts per label, then strengths and areas for improvement by section."""
from __future__ import annotations

from collections import Counter, defaultdict

from ..schema import LABELS
from .styles import LABEL_TITLES


def to_markdown(rows: list[dict], sources: dict | None = None) -> str:
    out = []
    by_report: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_report[r.report].append(r)
    for report, rs in by_report.items():
        counts = Counter(r.label for r in rs)
        out.append(f"# {report}\n")
        out.append("| label | sentences |\n| --- | --- |")
        for lab in LABELS:
            out.append(f"| {lab} | {counts.get(lab, 0)} |")
        out.append(f"| total | {len(rs)} |\n")
        for lab in ("strength", "area_for_improvement"):
            out.append(f"## {LABEL_TITLES[lab]} ({counts.get(lab, 0)})\n")
            sections: dict[str, list[dict]] = defaultdict(list)
            for r in rs:
                if r.label == lab:
                    sections[r.section or "(no heading)"].append(r)
            if not sections:
                out.append("_None found._\n")
            for section, items in sections.items():
                out.append(f"### {section} ({len(items)})\n")
                for r in items:
                    out.append(f"- {r.text} _(p={r.probabilities[lab]:.2f})_")
                out.append("")
    return "\n".join(out).rstrip() + "\n"
