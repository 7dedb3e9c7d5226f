"""The ``findings`` command line: one command per job.

    findings segment REPORT...        sentences with section and offsets (what annotators work from)
    findings classify PATH...         label every sentence of reports
    findings train                    train a model folder from annotated data
    findings evaluate                 leave-one-report-out, an external test set, or end to end
    findings metrics                  the figures stored with a model
    findings data validate|stats      check and count annotation files
"""
from __future__ import annotations

import functools
import json
import sys
import warnings
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .atomic import write_text
from .errors import FindingError

class _Commands(typer.Typer):
    """A Typer whose commands turn a FindingError into one line on stderr and exit code 1."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)

        def wrap(func):
            @functools.wraps(func)
            def run(*a, **k):
                with warnings.catch_warnings():
                    warnings.simplefilter("default")
                    warnings.showwarning = lambda message, *_a, **_k: _warn(str(message))  # one line each
                    try:
                        return func(*a, **k)
                    except FindingError as exc:
                        _err(str(exc))
                        raise typer.Exit(1)

            return register(run)

        return wrap


app = _Commands(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Label each sentence of health and social care assessment reports as strength, area_for_improvement or evidence.",
)
data_app = _Commands(no_args_is_help=True, help="Check and summarise annotation files (the guideline's JSONL format).")
app.add_typer(data_app, name="data")


class SegmentFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


class ClassifyFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    html = "html"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


def _err(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def _warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def _emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)


def _console():
    from rich.console import Console

    return Console(soft_wrap=False)


# ---------------------------------------------------------------------------------------- segment
@app.command()
def segment(
    reports: List[str] = typer.Argument(..., help="Report files (.txt .md .html .htm .pdf), folders, globs, or - for stdin."),
    format: SegmentFormat = typer.Option(SegmentFormat.table, "--format", "-f", help="table for reading; jsonl is an annotation file waiting for labels."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of standard output."),
):
    """Split reports into sentences of body prose, with section, offsets and block kind."""
    from .model.readers import iter_reports
    from .model.segment import segment_text, sentence_records

    rows, failures, seen_ids = [], [], {}
    for item in iter_reports(reports):
        if isinstance(item, FindingError):
            failures.append(item)
            _err(str(item))
            continue
        for w in item.warnings:
            _warn(w)
        doc = segment_text(item.text, unique_id(item.id, item.path, seen_ids))
        recs = sentence_records(doc)
        if not recs:
            _warn(f"{item.path}: no sentences of body prose found")
        rows.extend(recs)
    if failures and not seen_ids:
        _err("no input could be read; nothing written")
        raise typer.Exit(1)
    if format == SegmentFormat.jsonl:
        _emit("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), output)
    else:
        from rich.table import Table

        if output is not None:
            import io

            from rich.console import Console

            buf = Console(record=True, width=160, file=io.StringIO())
        else:
            buf = _console()
        t = Table(show_lines=False, expand=True)
        for col, kw in (("report", {"no_wrap": True}), ("section", {"ratio": 1}), ("start", {"justify": "right"}), ("end", {"justify": "right"}), ("block", {}), ("sentence", {"ratio": 3})):
            t.add_column(col, **kw)
        for r in rows:
            t.add_row(r["report"], r["section"], str(r["start"]), str(r["end"]), r["block"], r["text"])
        buf.print(t)
        if output is not None:
            write_text(output, buf.export_text())
    if failures:
        _err(f"{len(failures)} input(s) could not be read")
        raise typer.Exit(1)


def unique_id(report_id: str, path: str, seen: dict) -> str:
    """Report ids come from file names; two files with one name in a batch get -2, -3, ..."""
    n = seen.get(report_id, 0) + 1
    seen[report_id] = n
    if n == 1:
        return report_id
    new = f"{report_id}-{n}"
    _warn(f"{path}: another input is also called {report_id!r}; this one is reported as {new!r}")
    return new


# ---------------------------------------------------------------------------------------- classify
_WORKER_NLP = {}


def _classify_one(path: str, model: Optional[str], report=None):
    """Read, segment and label one report (runs in a worker process with --jobs)."""
    from .model.component import load
    from .model.outputs import rows_from_doc
    from .model.readers import read_report, read_stdin

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
    from .model.component import load
    from .model.outputs import RENDERERS, print_table
    from .model.readers import expand_inputs

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
        rid = unique_id(file_rows[0]["report"], path, seen_ids)
        for r in file_rows:
            r["report"] = rid
        rows.extend(file_rows)
        sources[rid] = text
    if bad and not sources:
        _err("no input could be classified; nothing written")
        raise typer.Exit(1)
    if format == ClassifyFormat.table and output is None:
        print_table(rows, _console())
    elif format == ClassifyFormat.table:
        from .model.outputs import to_csv

        _emit(to_csv(rows), output)
    else:
        _emit(RENDERERS[format.value](rows, sources), output)
    if bad:
        _err(f"{bad} input(s) could not be read; the others were classified")
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------- train
@app.command()
def train(
    data: Optional[Path] = typer.Option(None, "--data", "-d", help="Annotated real reports (file or folder). Default: the config's (data/annotations)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Training config (TOML). Default: training/config.toml."),
    output: Path = typer.Option(Path("models/finding-classifier"), "--output", "-o", help="Model folder to write."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing model folder."),
    no_cv: bool = typer.Option(False, "--no-cv", help="Skip the leave-one-report-out figures (faster; meta.json then has none)."),
):
    """Train a model from annotated data and write it (estimator, meta.json, MODEL_CARD.md) atomically."""
    from .training.train import train as run

    progress = (lambda name: typer.echo(f"  held out: {name}", err=True)) if sys.stderr.isatty() else None
    typer.echo("training" + ("" if no_cv else " (with leave-one-report-out evaluation)") + "...", err=True)
    meta = run(data=data, config_path=config, output=output, force=force, cross_validate=not no_cv, progress=progress)
    cv = meta.get("cross_validation")
    typer.echo(f"wrote {output} ({meta['sentences']} training sentences)", err=True)
    if cv:
        from .evaluate.report import _ci

        typer.echo(f"leave-one-report-out macro-F1 {cv['macro_f1']:.3f} (95% CI {_ci(cv) or 'not computed'}), accuracy {cv['accuracy']:.3f}, kappa {cv['kappa']:.3f}", err=True)


# ---------------------------------------------------------------------------------------- evaluate
@app.command()
def evaluate(
    data: Optional[Path] = typer.Option(None, "--data", "-d", help="Annotated real reports for leave-one-report-out (default: data/annotations)."),
    test: Optional[Path] = typer.Option(None, "--test", help="Score a trained model on this annotated JSONL file or folder instead."),
    test_reports: Optional[Path] = typer.Option(None, "--test-reports", help="Folder of raw reports beside their annotations: segment, align and score end to end."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model for --test/--test-reports (default: the shipped model)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Training/evaluation config (TOML)."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="table, or json (one object)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Folder for metrics.json, report.md, PNG plots and errors.csv."),
    learning_curve: bool = typer.Option(True, "--learning-curve/--no-learning-curve", help="With --output in cross-validation: also the learning curve (slower)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --output folder (only one holding evaluation outputs)."),
):
    """Measure the classifier against hand-annotated reports, beside the baselines."""
    from .evaluate.report import print_table, write_outputs
    from .training.config import load_config

    if test is not None and test_reports is not None:
        raise FindingError("use --test or --test-reports, not both")
    if output is not None:
        from .evaluate.report import check_output

        check_output(output, force)  # before minutes of work, not after
    cfg = load_config(config)
    curve = None
    if test is not None:
        from .evaluate.run import evaluate_test_set

        m, rows = evaluate_test_set(test, model, cfg)
    elif test_reports is not None:
        from .evaluate.run import evaluate_end_to_end

        m, rows = evaluate_end_to_end(test_reports, model, cfg)
    else:
        from .evaluate.crossval import cross_validate, learning_curve as lc
        from .training.train import load_sources, split_sources

        held, extra = split_sources(load_sources(cfg, data))
        typer.echo(f"leave-one-report-out over {len(held)} sentences (+{len(extra)} train-only)...", err=True)
        from .evaluate.report import annotator_agreement

        progress = (lambda name: typer.echo(f"  held out: {name}", err=True)) if sys.stderr.isatty() else None
        res = cross_validate(held, extra, cfg, progress=progress, agreement=annotator_agreement() if data is None else None)
        m = res["metrics"]
        rows = [
            {"report": r["report"], "section": r["section"], "text": r["text"], "gold": g, "predicted": p, "probability": float(pr.max())}
            for r, g, p, pr in zip(held, res["gold"], res["pred"], res["proba"])
        ]
        if output is not None and learning_curve:
            curve = lc(held, extra, cfg, cfg["evaluation"]["learning_curve"])
            m["learning_curve"] = curve
    if output is not None:
        write_outputs(output, m, rows, curve, force=force)
        typer.echo(f"wrote {output}/ (metrics.json, report.md, plots, errors.csv)", err=True)
    if format == ReportFormat.json:
        typer.echo(json.dumps({k: v for k, v in m.items()}, indent=2))
    else:
        print_table(m, _console(), agreement=m.get("annotator_agreement"))


# ---------------------------------------------------------------------------------------- metrics
@app.command()
def metrics(
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model folder (default: the shipped model)."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="table, or json (the stored meta)."),
):
    """Show what a model was trained on and its stored cross-validated figures (no re-running)."""
    from .evaluate.report import print_table
    from .model.persistence import default_model_dir, read_meta, verify_file

    meta = read_meta(model or default_model_dir())
    verify_file(model or default_model_dir(), meta)
    if format == ReportFormat.json:
        typer.echo(json.dumps(meta, indent=2))
        return
    console = _console()
    console.print(f"[bold]{model or default_model_dir()}[/bold]  created {meta.get('created')}")
    console.print("versions: " + ", ".join(f"{k} {v}" for k, v in meta.get("versions", {}).items()))
    for s in meta.get("sources", []):
        role = "held out in turn" if s["held_out"] else "train only"
        console.print(f"source {s['name']}: {s['sentences']} sentences ({role}), weight {s['weight']}, sha256 {s['sha256'][:12]}")
    cv = meta.get("cross_validation")
    if cv:
        print_table(cv, console, agreement=cv.get("annotator_agreement"))
    else:
        console.print("no cross-validated figures stored (trained with --no-cv)")


# ---------------------------------------------------------------------------------------- data
@data_app.command("validate")
def data_validate(
    path: Optional[Path] = typer.Argument(None, help="Annotation file or folder (default: the project's data/annotations)."),
    reports: Optional[Path] = typer.Option(None, "--reports", help="Folder with the reports' raw text (to check each sentence occurs in it)."),
):
    """Check annotation files: JSON, required keys, labels, empty or duplicated sentences, sentences found in their report."""
    from .corpus import validate
    from .training.config import resolve_path

    result = validate(path or resolve_path("data/annotations"), reports)
    for p in result.problems:
        typer.echo(str(p), err=True)
    if not result.ok:
        _err(f"{len(result.problems)} problem(s) in {result.files} file(s)")
        raise typer.Exit(1)
    typer.echo(f"ok: {result.sentences} sentences in {result.files} file(s)")


@data_app.command("stats")
def data_stats(
    paths: List[Path] = typer.Argument(None, help="Annotation files or folders (default: data/annotations)."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
):
    """Count sentences per label and per report."""
    from rich.table import Table

    from .corpus import read_annotations, stats
    from .schema import LABELS

    from .training.config import resolve_path

    records = [r for p in (paths or [resolve_path("data/annotations")]) for r in read_annotations(p)]
    s = stats(records)
    if format == ReportFormat.json:
        typer.echo(json.dumps(s, indent=2))
        return
    t = Table(title=f"{s['sentences']} sentences in {s['reports']} report(s)")
    t.add_column("report")
    for lab in LABELS:
        t.add_column(lab, justify="right")
    t.add_column("total", justify="right")
    for rid, counts in s["per_report"].items():
        t.add_row(rid, *[str(counts[lab]) for lab in LABELS], str(sum(counts.values())))
    t.add_row("[bold]all[/bold]", *[str(s["labels"][lab]) for lab in LABELS], str(s["sentences"]))
    _console().print(t)


@data_app.command("agreement")
def data_agreement(
    pass_a: Path = typer.Argument(..., help="First annotation pass (file or folder)."),
    pass_b: Path = typer.Argument(..., help="Second, independent pass over the same sentences."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
):
    """Inter-annotator agreement of two passes: observed agreement, Cohen's kappa, confusion, disagreements."""
    from .corpus import agreement

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


# Commands that never touch tables of data. scikit-learn imports pandas (and pyarrow) whenever
# it is installed, only for optional interoperability; `datasets` installs it. Marking it
# absent in these short-lived processes cuts about 0.3 s from a cold `findings classify`.
_NO_PANDAS_COMMANDS = {"classify", "segment", "metrics"}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in _NO_PANDAS_COMMANDS and "pandas" not in sys.modules:
        sys.modules["pandas"] = None  # type: ignore[assignment]  # "import pandas" now raises ImportError
    try:
        app()
    except FindingError as exc:
        _err(str(exc))
        sys.exit(1)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
