"""``findings classify``: label every sentence of one or more reports."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .app import ClassifyFormat, _console, _emit, _err, app, classify_paths


def _emit_pages(pages: dict, output: Path) -> None:
    """Write HTML pages as the folder ``output``, replacing one that holds only HTML pages."""
    from ..atomic import check_replaceable, write_folder

    own = set(pages) | ({p.name for p in output.glob("*.html")} if output.is_dir() else set())
    check_replaceable(output, True, own, "pages")
    write_folder(output, pages)


@app.command()
def classify(
    paths: List[str] = typer.Argument(..., help="Report files, folders, globs, or - for stdin."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model folder, or a shipped model: fast (the default) or accurate (a sentence encoder beside the fast model's features; needs pip install \".[encoder]\")."),
    format: ClassifyFormat = typer.Option(ClassifyFormat.table, "--format", "-f", help="table (terminal; written as CSV with --output), jsonl, csv, markdown (summary per report) or html (the reports rendered and highlighted)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output FILE, written atomically (default: standard output). With html, a name without .html is a FOLDER: index.html and one page per report."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for many files (a small batch runs in one process)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --output file that findings did not write."),
):
    """Label every sentence of one or more reports with strength, area_for_improvement or evidence."""
    from ..render import RENDERERS, print_table, to_csv

    pages = format == ClassifyFormat.html and output is not None and (output.is_dir() or output.suffix.lower() not in (".html", ".htm"))
    reports, bad = classify_paths(paths, model, jobs, output=output, force=force, folder=pages)
    if bad and not reports:
        _err("no input could be classified; nothing written")
        raise typer.Exit(1)
    if format == ClassifyFormat.table and output is None:
        print_table(reports, _console())
    elif format == ClassifyFormat.table:
        _emit(to_csv(reports), output)
    elif pages:
        from ..render import to_html_pages

        _emit_pages(to_html_pages(reports), output)
    else:
        _emit(RENDERERS[format.value](reports), output)
    if bad:
        _err(f"{bad} input(s) could not be read; the others were classified")
        raise typer.Exit(1)
