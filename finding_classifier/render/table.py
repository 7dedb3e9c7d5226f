"""The terminal view of ``findings classify``: each report's sentences under their section headings.

One block per section: the heading printed once with its counts per label and how many of its
judgements sit beside evidence, then one row per sentence: its number, a one-letter label tag
with the model's confidence, and the sentence wrapped in the remaining width. A legend comes first
and a summary line closes each report. Colour only where the console supports it (plain when
piped); the tags carry the labels without colour.
"""
from __future__ import annotations

from ..compare.sections import balance, summarize_sections
from ..schema import LABELS
from .styles import LABEL_NAMES, LABEL_RICH_STYLE, LABEL_TAGS


def legend_text():
    from rich.text import Text

    t = Text()
    for i, lab in enumerate(LABELS):
        if i:
            t.append("  ")
        t.append(f" {LABEL_TAGS[lab]} ", style=LABEL_RICH_STYLE[lab] + " reverse")
        t.append(f" {LABEL_NAMES[lab]}")
    t.append("   (% = model confidence)", style="dim")
    return t


def counts_text(counts: dict[str, int]) -> str:
    return " ".join(f"{LABEL_TAGS[lab]} {counts.get(lab, 0)}" for lab in LABELS)


def evidence_text(section) -> str:
    if not section.judgements:
        return "no judgements"
    return f"{section.supported}/{section.judgements} judgements beside evidence"


#: Columns before the sentence: its number (3), the tag and confidence ("A 93%"), spaces.
_GUTTER = 10


def _row(p, width: int):
    """One sentence: number, tag with confidence, and the sentence wrapped in the remaining width."""
    from rich.console import Console
    from rich.text import Text

    lines = Text(p.text).wrap(Console(width=max(width, 40)), max(width - _GUTTER, 30))
    row = Text(f"{p.index:>3} ", style="dim")
    row.append(f"{LABEL_TAGS[p.label]} {round(100 * p.confidence):>2}%", style=LABEL_RICH_STYLE[p.label])
    for k, line in enumerate(lines):
        row.append(" " if k == 0 else "\n" + " " * _GUTTER)
        line.rstrip()
        row.append_text(line)
    return row


def print_table(reports: list, console) -> None:
    from rich.text import Text

    console.print(legend_text())
    for rep in reports:
        console.print()
        title = Text(rep.id, style="bold underline")
        if rep.path and rep.path != rep.id:
            title.append(f"  {rep.path}", style="dim")
        console.print(title)
        sections = summarize_sections(rep)
        totals = {lab: 0 for lab in LABELS}
        for sec in sections:
            head = Text("\u25b8 " + " \u203a ".join(sec.path[-2:]) if sec.path else "\u25b8 (no heading)", style="bold")
            head.append(f"  {counts_text(sec.counts)} \u00b7 {evidence_text(sec)}", style="dim")
            console.print(head)
            for i in sec.sentences:
                console.print(_row(rep.predictions[i], console.width))
            for lab in LABELS:
                totals[lab] += sec.counts[lab]
        n = sum(totals.values())
        judged = sum(s.judgements for s in sections)
        beside = sum(s.supported for s in sections)
        summary = Text(f"{rep.id}: {n} sentences \u00b7 ", style="bold")
        summary.append(" \u00b7 ".join(f"{totals[lab]} {LABEL_NAMES[lab]}" for lab in LABELS))
        summary.append(f" \u00b7 balance {balance(totals):+.2f} \u00b7 {beside}/{judged} judgements beside evidence")
        console.print(summary)


def print_comparison(c, console, themes: int = 10) -> None:
    """The terminal summary of ``findings compare``: one row per report, the correlation, the top
    themes and the sections whose judgements have no evidence beside them."""
    from rich.table import Table
    from rich.text import Text

    console.print(legend_text())
    t = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    t.add_column("report", overflow="fold")
    t.add_column("n", justify="right")
    for lab in LABELS:
        t.add_column(LABEL_TAGS[lab], justify="right", style=LABEL_RICH_STYLE[lab])
    t.add_column("bal.", justify="right")
    t.add_column("ev.", justify="right")
    t.add_column("own", justify="right")
    for r in c.reports:
        t.add_row(r.id, str(r.total), *[str(r.counts[lab]) for lab in LABELS], f"{r.balance:+.2f}",
                  f"{r.judgements - r.unsupported}/{r.judgements}", "" if r.own.score is None else f"{r.own.score:g}")
    console.print(t)
    console.print(Text("bal. = (strengths - areas) / sentences; ev. = judgements beside evidence; own = the report's own score", style="dim"))
    corr = c.correlation
    console.print(f"balance vs own score: r = {corr.r:+.2f} ({corr.note})" if corr.r is not None else f"balance vs own score: {corr.note}")
    if c.themes:
        console.print(Text(f"\nThemes of areas for improvement ({len(c.themes)}; sentences / reports):", style="bold"))
        for th in c.themes[:themes]:
            console.print(f"{th.number:>3}. {th.label}  ({len(th.sentences)} / {len(th.reports)})", soft_wrap=False)
        if len(c.themes) > themes:
            console.print(Text(f"     ... {len(c.themes) - themes} more in index.html and themes.csv", style="dim"))
    missing = c.sections_without_evidence
    console.print(Text(f"\nSections whose judgements have no evidence beside them: {len(missing)}", style="bold"))
    for s in missing[:themes]:
        console.print(f"  {s.report} \u203a {s.title}  ({counts_text(s.counts)})")
    if len(missing) > themes:
        console.print(Text(f"  ... {len(missing) - themes} more in index.html and summary.csv", style="dim"))
