"""A Markdown summary per report: counts per label, sections with their counts and evidence, then
strengths and areas for improvement by section."""
from __future__ import annotations

from ..compare.sections import balance, evidence_beside, label_counts, section_paths, summarize_sections
from ..atomic import MARKDOWN_MARKER
from ..schema import LABELS
from .styles import LABEL_TITLES


def to_markdown(reports: list) -> str:
    out = [MARKDOWN_MARKER + "\n"]  # tells a later run that this file is one findings wrote
    for rep in reports:
        counts = label_counts(p.label for p in rep.predictions)
        sections = summarize_sections(rep)
        beside = evidence_beside(rep, section_paths(rep))
        out.append(f"# {rep.id}\n")
        out.append("| label | sentences |\n| --- | --- |")
        for lab in LABELS:
            out.append(f"| {lab} | {counts[lab]} |")
        out.append(f"| total | {len(rep.predictions)} |\n")
        judged = sum(s.judgements for s in sections)
        out.append(f"Balance (strengths - areas) / sentences: {balance(counts):+.2f}. "
                   f"Judgements beside an evidence sentence: {sum(s.supported for s in sections)} of {judged}.\n")
        out.append("## Sections\n")
        out.append("| section | strengths | areas | evidence | judgements beside evidence |\n| --- | --- | --- | --- | --- |")
        for s in sections:
            ev = f"{s.supported} of {s.judgements}" if s.judgements else "-"
            if s.judgements and not s.supported:
                ev += " (none)"
            out.append(f"| {_cell(s.title)} | {s.counts['strength']} | {s.counts['area_for_improvement']} | {s.counts['evidence']} | {ev} |")
        out.append("")
        for lab in ("strength", "area_for_improvement"):
            out.append(f"## {LABEL_TITLES[lab]} ({counts[lab]})\n")
            found = False
            for s in sections:
                items = [i for i in s.sentences if rep.predictions[i].label == lab]
                if not items:
                    continue
                found = True
                out.append(f"### {s.title} ({len(items)})\n")
                for i in items:
                    p = rep.predictions[i]
                    note = "" if beside[i] else "; no evidence beside it"
                    out.append(f"- {p.text} _(p={p.probabilities[lab]:.2f}{note})_")
                out.append("")
            if not found:
                out.append("_None found._\n")
    return "\n".join(out).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
