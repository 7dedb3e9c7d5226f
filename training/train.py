"""Training: load the configured sources, cross-validate, fit on everything, write a model folder."""
from __future__ import annotations

import datetime as _dt
import platform
import warnings
from pathlib import Path

import numpy as np

from ..corpus import data_hash, load_dataset
from ..errors import FindingError
from ..schema import GUIDELINE_VERSION, LABELS
from .config import load_config, resolve_path


def make_estimator(config: dict, **overrides):
    from ..model.classifier import FindingClassifier

    params = dict(config["model"], random_state=int(config["seed"]))
    if params.get("class_weight") == "none":  # TOML has no null
        params["class_weight"] = None
    params.update(overrides)
    return FindingClassifier(**params)


def load_sources(config: dict, data: str | Path | None = None) -> list[dict]:
    """Each configured source: name, path, weight, held_out, records (rows of the shared loader) and hash.

    ``data`` replaces the path of the held-out (real report) source.
    """
    sources = []
    for name, spec in config["sources"].items():
        held_out = bool(spec.get("held_out", False))
        weight = float(spec.get("weight", 1.0))
        raw_path = data if (held_out and data is not None) else spec["path"]
        path = resolve_path(raw_path) if not (held_out and data is not None) else Path(raw_path)
        if weight <= 0:
            continue
        if not path.exists():
            if held_out:
                raise FindingError("no annotated data here (see --data)", path)
            warnings.warn(f"training source {name!r} not found at {path}; training without it", stacklevel=2)
            continue
        ds = load_dataset(path)
        records = ds.to_list()
        for r in records:
            r["weight"] = weight
            if not held_out:
                r["source"] = name if r["source"] == "report" else r["source"]
        sources.append(
            {
                "name": name,
                "path": str(raw_path),
                "weight": weight,
                "held_out": held_out,
                "records": records,
                "sentences": len(records),
                "sha256": data_hash(path),
            }
        )
    if not any(s["held_out"] for s in sources):
        raise FindingError("the config has no held-out (real report) source with data")
    return sources


def split_sources(sources: list[dict]) -> tuple[list[dict], list[dict]]:
    held = [r for s in sources if s["held_out"] for r in s["records"]]
    extra = [r for s in sources if not s["held_out"] for r in s["records"]]
    return held, extra


def fit(records: list[dict], config: dict, **overrides):
    from ..model.features import inputs_from_records

    missing = set(LABELS) - {r["label"] for r in records}
    if missing:
        raise FindingError(f"training data has no sentence labelled {', '.join(sorted(missing))}; a model needs examples of all of {', '.join(LABELS)}")
    X = inputs_from_records(records)
    y = [r["label"] for r in records]
    w = np.array([r.get("weight", 1.0) for r in records])
    return make_estimator(config, **overrides).fit(X, y, sample_weight=w)


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


def train(
    data: str | Path | None = None,
    config_path: str | Path | None = None,
    output: str | Path = "models/finding-classifier",
    force: bool = False,
    cross_validate: bool = True,
    progress=None,
    created: str | None = None,
) -> dict:
    """Train and save a model folder; returns its meta."""
    from ..evaluate.crossval import cross_validate as run_cv
    from ..evaluate.report import model_card
    from ..atomic import check_replaceable
    from ..model.persistence import MODEL_FOLDER_FILES, save_model

    output = Path(output)
    check_replaceable(output, force, MODEL_FOLDER_FILES, "model")  # before minutes of work, not after
    config = load_config(config_path)
    sources = load_sources(config, data)
    held, extra = split_sources(sources)
    from ..evaluate.report import annotator_agreement

    agreement = annotator_agreement() if data is None else None  # the project's own corpus only
    cv = run_cv(held, extra, config, progress=progress, agreement=agreement) if cross_validate else None
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
        "cross_validation": cv["summary"] if cv else None,
    }
    save_model(estimator, meta, model_card(meta), output, force=force)
    return meta
