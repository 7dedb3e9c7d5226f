"""Training: load the configured sources, fit on everything, write a model folder.

Cross-validation is not run here: the caller passes its result (``cross_validation``), so that
training does not depend on the evaluation package (``findings train`` runs both).
"""
from __future__ import annotations

import datetime as _dt
import platform
from pathlib import Path

from ..atomic import check_replaceable
from ..model.persistence import MODEL_FOLDER_FILES, model_card, save_model
from ..schema import GUIDELINE_VERSION, LABELS
from .config import load_config
from .estimator import fit
from .sources import load_sources, split_sources


def versions() -> dict:
    import sklearn
    import spacy

    from .. import __version__

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "spacy": spacy.__version__,
        "finding-classifier": __version__,
    }


def check_output(output: str | Path, force: bool) -> None:
    """Refuse an output folder that cannot be written, before minutes of work rather than after."""
    check_replaceable(output, force, MODEL_FOLDER_FILES, "model")


def train(
    data: str | Path | None = None,
    config_path: str | Path | None = None,
    output: str | Path = "models/finding-classifier",
    force: bool = False,
    cross_validation=None,
    created: str | None = None,
    config: dict | None = None,
    sources: list[dict] | None = None,
    suite=None,
) -> dict:
    """Fit on all configured sources and save a model folder; returns its meta.

    ``cross_validation``: a callable ``(held, extra, config) -> summary`` whose result is stored in
    meta.json and the model card (``None``: no figures). ``suite``: a callable ``(fitted estimator) ->
    pass rates`` of the behavioural suite, stored likewise. ``config``/``sources``: already loaded ones.
    """
    output = Path(output)
    check_output(output, force)
    config = config or load_config(config_path)
    sources = sources or load_sources(config, data)
    held, extra = split_sources(sources)
    cv = cross_validation(held, extra, config) if cross_validation else None
    estimator = fit(held + extra, config)
    meta = {
        "labels": list(LABELS),
        "guideline_version": GUIDELINE_VERSION,
        "created": created or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "versions": versions(),
        "config": config,
        "sources": [{k: s[k] for k in ("name", "path", "weight", "held_out", "sentences", "sha256")} for s in sources],
        "reports": sorted({r["report"] for r in held}),
        "data_sha256": next(s["sha256"] for s in sources if s["held_out"]),
        "sentences": len(held) + len(extra),
        "cross_validation": cv,
        "suite": suite(estimator) if suite else None,
    }
    encoder = next((part.record_ for name, part in estimator.features_.transformer_list if name == "encoder"), None)
    if encoder:
        meta["encoder"] = encoder
    save_model(estimator, meta, model_card(meta), output, force=force)
    return meta
