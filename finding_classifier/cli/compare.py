"""``findings compare``: many reports side by side (counts, balance, own scores, themes, evidence)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from .app import ReportFormat, _console, _err, app, classify_paths


@app.command()
def compare(
    paths: List[str] = typer.Argument(..., help="Report files, folders or globs."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for summary.csv, themes.csv, compare.json, plots, index.html and each report's page."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model folder (default: the shipped model)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Config (TOML) whose seed the themes use (default: training/config.toml)."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="What to print: table, or json (the figures)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing output folder (only one that compare wrote)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for many files (a small batch runs in one process)."),
):
    """Compare reports: labels per report and section, balance, own scores, themes of areas for improvement."""
    from ..atomic import check_replaceable, write_folder
    from ..compare import compare_reports
    from ..render.compare import OWN_FILES, compare_files
    from ..training.config import load_config

    check_replaceable(output, force, OWN_FILES, "compare")  # before the work, not after
    seed = load_config(config)["seed"]
    reports, bad = classify_paths(paths, model, jobs, stdin=False, output=output, folder=True)
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
