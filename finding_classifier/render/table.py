"""The terminal table of ``findings classify``."""
from __future__ import annotations

from collections import defaultdict

from .styles import LABEL_RICH_STYLE


def print_table(rows: list[dict], console) -> None:
    from rich.table import Table

    by_report: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_report[r.report].append(r)
    for report, rs in by_report.items():
        t = Table(title=report, show_lines=False, expand=True)
        t.add_column("#", justify="right", no_wrap=True)
        t.add_column("label", no_wrap=True)
        t.add_column("p", justify="right", no_wrap=True)
        t.add_column("section", ratio=1, overflow="fold")
        t.add_column("sentence", ratio=3, overflow="fold")
        for r in rs:
            style = LABEL_RICH_STYLE[r.label]
            t.add_row(str(r.index), f"[{style}]{r.label}[/{style}]", f"{r.probabilities[r.label]:.2f}", r.section, r.text)
        console.print(t)
