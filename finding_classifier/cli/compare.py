"""``findings compare``: many reports side by side (counts, balance, own scores, themes, evidence)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .app import ReportFormat, _console, _err, _warn, app, unique_id


@app.command()
def compare(
    paths: List[str] = typer.Argument(..., help="Report files, folders or globs."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for summary.csv, themes.csv, compare.json, plots, index.html and each report's page."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model folder (default: the shipped model)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Config (TOML) whose seed the themes use (default: training/config.toml)."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="What to print: table, or json (the figures)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing output folder (only one that compare wrote)."),
):
    """Compare reports: labels per report and section, balance, own scores, themes of areas for improvement."""
    from ..atomic import check_replaceable, write_folder
    from ..compare import compare_reports
    from ..model.classification.component import load
    from ..model.reading import expand_inputs
    from ..render.compare import OWN_FILES, compare_files
    from ..training.config import load_config
    from .classify import _WORKER_NLP, _classify_one

    check_replaceable(output, force, OWN_FILES, "compare")  # before the work, not after
    seed = load_config(config)["seed"]
    model_arg = str(model) if model else None
    _WORKER_NLP[model_arg] = load(model_arg)
    files, failures = expand_inputs([p for p in paths if p != "-"])
    if "-" in paths:
        _warn("standard input is not read by compare; give report files")
    for f in failures:
        _err(str(f))
    reports, bad, seen = [], len(failures), {}
    for path, report, error, warns in _progress(files, lambda f: _classify_one(f, model_arg)):
        for w in warns:
            _warn(w)
        if error:
            _err(error)
            bad += 1
            continue
        if not report.predictions:
            _warn(f"{path}: no sentences of body prose found")
            continue
        report.rename(unique_id(report.id, path, seen))
        reports.append(report)
    if not reports:
        _err("no input could be classified; nothing written")
        raise typer.Exit(1)
    result = compare_reports(reports, seed)
    write_folder(output, compare_files(result, reports))
    typer.echo(f"wrote {output}/ (index.html, summary.csv, themes.csv, compare.json, plots, reports/)", err=True)
    if format == ReportFormat.json:
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        from ..render.table import print_comparison

        print_comparison(result, _console())
    if bad:
        _err(f"{bad} input(s) could not be read; the others were compared")
        raise typer.Exit(1)


def _progress(items: list, work):
    """``work(item)`` for each item, with a progress bar on a terminal."""
    if not (sys.stderr.isatty() and len(items) > 1):
        yield from (work(i) for i in items)
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("classifying", total=len(items))
        for i in items:
            yield work(i)
            bar.advance(task)
