"""``findings classify``: label every sentence of one or more reports."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import FindingError
from .app import ClassifyFormat, _console, _emit, _err, _warn, app, unique_id


_WORKER_NLP = {}


def _classify_one(path: str, model: Optional[str], report=None):
    """Read, segment and label one report (runs in a worker process with --jobs)."""
    from ..model.classification.component import load
    from ..model.classification.component import rows_from_doc
    from ..model.reading import read_report, read_stdin

    try:
        report = report or (read_stdin() if path == "-" else read_report(path))
    except FindingError as exc:
        return path, None, None, str(exc), []
    if model not in _WORKER_NLP:
        _WORKER_NLP[model] = load(model)
    doc = _WORKER_NLP[model](report.text)
    doc._.report = report.id
    return path, rows_from_doc(doc), report.text, None, report.warnings


@app.command()
def classify(
    paths: List[str] = typer.Argument(..., help="Report files, folders, globs, or - for stdin."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model folder (default: the shipped model)."),
    format: ClassifyFormat = typer.Option(ClassifyFormat.table, "--format", "-f", help="table (terminal; written as CSV with --output), jsonl, csv, markdown (summary per report) or html (highlighted report)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of standard output."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Parallel worker processes for many files."),
):
    """Label every sentence of one or more reports with strength, area_for_improvement or evidence."""
    from ..model.classification.component import load
    from ..render import RENDERERS, print_table
    from ..model.reading import expand_inputs

    model_arg = str(model) if model else None
    _WORKER_NLP[model_arg] = load(model_arg)  # fails fast, once, with a clear message
    files, failures = expand_inputs(paths)
    for f in failures:
        _err(str(f))
    results = []
    show_progress = sys.stderr.isatty() and len(files) > 1
    if jobs > 1 and len(files) > 1:
        from joblib import Parallel, delayed

        # standard input belongs to this process: read and label it here, the files in the workers
        results = [_classify_one("-", model_arg)] if "-" in files else []
        results += Parallel(n_jobs=jobs, backend="loky")(delayed(_classify_one)(f, model_arg) for f in files if f != "-")
    else:
        if show_progress:
            from rich.progress import Progress

            with Progress(transient=True) as progress:
                task = progress.add_task("classifying", total=len(files))
                for f in files:
                    results.append(_classify_one(f, model_arg))
                    progress.advance(task)
        else:
            results = [_classify_one(f, model_arg) for f in files]
    rows, sources, bad, seen_ids = [], {}, len(failures), {}
    for path, file_rows, text, error, warns in results:
        for w in warns:
            _warn(w)
        if error:
            _err(error)
            bad += 1
            continue
        if not file_rows:
            _warn(f"{path}: no sentences of body prose found")
            continue
        rid = unique_id(file_rows[0].report, path, seen_ids)
        for r in file_rows:
            r.report = rid
        rows.extend(file_rows)
        sources[rid] = text
    if bad and not sources:
        _err("no input could be classified; nothing written")
        raise typer.Exit(1)
    if format == ClassifyFormat.table and output is None:
        print_table(rows, _console())
    elif format == ClassifyFormat.table:
        from ..render import to_csv

        _emit(to_csv(rows), output)
    else:
        _emit(RENDERERS[format.value](rows, sources), output)
    if bad:
        _err(f"{bad} input(s) could not be read; the others were classified")
        raise typer.Exit(1)
