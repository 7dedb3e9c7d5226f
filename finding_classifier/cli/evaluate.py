"""``findings evaluate`` (leave-one-report-out, a test set, or end to end) and ``findings metrics``."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import FindingError, processing
from .app import ReportFormat, _console, app


@app.command()
def evaluate(
    data: Optional[Path] = typer.Option(None, "--data", "-d", help="Annotated real reports for leave-one-report-out (default: data/annotations)."),
    test: Optional[Path] = typer.Option(None, "--test", help="Score a trained model on this annotated JSONL file or folder instead."),
    test_reports: Optional[Path] = typer.Option(None, "--test-reports", help="Folder of raw reports beside their annotations: segment, align and score end to end."),
    suite: bool = typer.Option(False, "--suite", help="Run the behavioural suite (the guideline's rules as written cases) against --model: pass rate per rule."),
    failures: bool = typer.Option(False, "--failures", help="With --suite: list the cases the model gets wrong."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model for --suite/--test/--test-reports (default: the shipped model)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Training/evaluation config (TOML)."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="table, or json (one object)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output FOLDER for metrics.json, report.md, PNG plots and errors.csv, written atomically."),
    learning_curve: bool = typer.Option(True, "--learning-curve/--no-learning-curve", help="With --output in cross-validation: also the learning curve (slower)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --output folder (only one holding evaluation outputs)."),
):
    """Measure the classifier against hand-annotated reports, beside the baselines."""
    from ..evaluate.report import print_table, write_outputs
    from ..training.config import load_config

    if sum(x is not None and x is not False for x in (test, test_reports, suite or None)) > 1:
        raise FindingError("use one of --suite, --test or --test-reports")
    if suite:
        if output is not None:
            raise FindingError("--output is not used with --suite (use --format json)")
        from ..evaluate.behaviour import run_suite, suite_table
        from ..model.persistence import load_model

        estimator, _ = load_model(model)
        result = run_suite(estimator.proba)
        if format == ReportFormat.json:
            typer.echo(json.dumps(result if failures else {**result, "groups": {
                n: {k: v for k, v in g.items() if k != "failures"} for n, g in result["groups"].items()}}, indent=2))
        else:
            suite_table(result, _console(), show_failures=failures)
        return
    if output is not None:
        from ..evaluate.report import check_output

        check_output(output, force)  # before minutes of work, not after
    with processing(test or test_reports or data or config or "the configured annotated reports"):
        cfg = load_config(config)
        curve = None
        if test is not None:
            from ..evaluate.run import evaluate_test_set

            m, rows = evaluate_test_set(test, model, cfg)
        elif test_reports is not None:
            from ..evaluate.run import evaluate_end_to_end

            m, rows = evaluate_end_to_end(test_reports, model, cfg)
        else:
            from ..evaluate.crossval import cross_validate, learning_curve as lc
            from ..training.sources import load_sources, split_sources

            held, extra = split_sources(load_sources(cfg, data))
            typer.echo(f"leave-one-report-out over {len(held)} sentences (+{len(extra)} train-only)...", err=True)
            from ..evaluate.report import annotator_agreement

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


@app.command()
def metrics(
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model folder, or a shipped model: fast (the default) or accurate (beside the fast model in the same folds)."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="table, or json (the stored meta)."),
):
    """Show what a model was trained on and its stored cross-validated figures (no re-running)."""
    from ..evaluate.report import print_table
    from ..model.persistence import default_model_dir, read_meta, verify_file

    from ..model.persistence import model_dir_of

    model = model_dir_of(model)
    meta = read_meta(model)
    verify_file(model, meta)
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
    if meta.get("encoder"):
        enc = meta["encoder"]
        console.print(f"encoder {enc['name']} ({enc['dim']} dimensions), " + ", ".join(f"{f} sha256 {h[:12]}" for f, h in sorted(enc["sha256"].items())))
    if cv and cv.get("fast_model"):
        from ..model.persistence.card import side_by_side_markdown

        console.print(side_by_side_markdown(cv), markup=False, highlight=False)
    if cv:
        print_table(cv, console, agreement=cv.get("annotator_agreement"))
    else:
        console.print("no cross-validated figures stored (trained with --no-cv)")
    suite = meta.get("suite")
    if suite:
        console.print(f"behavioural suite: {suite['pass_rate']:.1%} of {suite['cases']} cases passed; "
                      + ", ".join(f"{n} {g['pass_rate']:.0%}" for n, g in suite["groups"].items()))
