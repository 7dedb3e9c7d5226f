"""``findings data validate|stats|agreement``: check and summarise annotation files."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from .app import ReportFormat, _console, _err, data_app


@data_app.command("validate")
def data_validate(
    paths: List[Path] = typer.Argument(None, help="Annotation files or folders (default: the config's annotated reports, data/annotations)."),
    reports: Optional[Path] = typer.Option(None, "--reports", help="Folder with the reports' raw text (to check each sentence occurs in it)."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="table (problems as file:line: message), or json (one object)."),
):
    """Check annotation files: JSON, required keys, labels, empty or duplicated sentences, sentences found in their report."""
    from ..corpus import validate
    from ..training.config import default_annotations

    results = [validate(p, reports) for p in (paths or [default_annotations()])]
    problems = [p for r in results for p in r.problems]
    files, sentences = sum(r.files for r in results), sum(r.sentences for r in results)
    if format == ReportFormat.json:
        typer.echo(json.dumps({"ok": not problems, "files": files, "sentences": sentences,
                               "problems": [{"path": p.path, "line": p.line, "message": p.message} for p in problems]}, indent=2))
    else:
        for p in problems:
            typer.echo(str(p), err=True)
        if not problems:
            typer.echo(f"ok: {sentences} sentences in {files} file(s)")
    if problems:
        if format != ReportFormat.json:
            _err(f"{len(problems)} problem(s) in {files} file(s)")
        raise typer.Exit(1)


@data_app.command("stats")
def data_stats(
    paths: List[Path] = typer.Argument(None, help="Annotation files or folders (default: the config's annotated reports, data/annotations)."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="table, or json (one object)."),
):
    """Count sentences per label and per report."""
    from rich.table import Table

    from ..corpus import read_annotations, stats
    from ..schema import LABELS

    from ..training.config import default_annotations

    records = [r for p in (paths or [default_annotations()]) for r in read_annotations(p)]
    s = stats(records)
    if format == ReportFormat.json:
        typer.echo(json.dumps(s, indent=2))
        return
    from ..render.styles import LABEL_NAMES, LABEL_TAGS

    t = Table(title=f"{s['sentences']} sentences in {s['reports']} report(s)",
              caption=", ".join(f"{LABEL_TAGS[lab]} = {LABEL_NAMES[lab]}" for lab in LABELS))
    t.add_column("report", no_wrap=True, overflow="fold")
    for lab in LABELS:
        t.add_column(LABEL_TAGS[lab], justify="right")
    t.add_column("total", justify="right")
    for rid, counts in s["per_report"].items():
        t.add_row(rid, *[str(counts[lab]) for lab in LABELS], str(sum(counts.values())))
    t.add_row("[bold]all[/bold]", *[str(s["labels"][lab]) for lab in LABELS], str(s["sentences"]))
    _console().print(t)


@data_app.command("agreement")
def data_agreement(
    pass_a: Path = typer.Argument(..., help="First annotation pass (file or folder)."),
    pass_b: Path = typer.Argument(..., help="Second, independent pass over the same sentences."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="table, or json (one object, with the disagreeing sentences)."),
):
    """Inter-annotator agreement of two passes: observed agreement, Cohen's kappa, confusion, disagreements."""
    from ..corpus import agreement

    a = agreement(pass_a, pass_b)
    if format == ReportFormat.json:
        typer.echo(json.dumps(a, indent=2))
        return
    typer.echo(f"{a['n']} sentences in {len(a['reports'])} report(s): observed agreement {a['observed']:.3f}, Cohen's kappa {a['kappa']:.3f}")
    typer.echo("confusion (rows: first pass, columns: second pass): " + ", ".join(a["confusion"]["labels"]))
    for lab, row in zip(a["confusion"]["labels"], a["confusion"]["matrix"]):
        typer.echo(f"  {lab:<22}" + "".join(f"{v:>6}" for v in row))
    for d in a["disagreements"]:
        typer.echo(f"  [{d['report']}] {d['a']} / {d['b']}: {d['text']}")
