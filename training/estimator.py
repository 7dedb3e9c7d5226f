"""The estimator factory: a ``FindingClassifier`` from the config, and fitting it on annotated records.

This sits below both training and evaluation: cross-validation builds its fold models with the same
factory that training uses for the final model.
"""
from __future__ import annotations

import numpy as np

from ..errors import FindingError
from ..schema import LABELS


def make_estimator(config: dict, **overrides):
    """A ``FindingClassifier`` with the config's ``[model]`` parameters (and ``overrides``), checked:
    a bad value is one line naming the parameter and the values it allows."""
    from ..model.classification.estimator import FindingClassifier

    params = dict(config["model"], random_state=int(config["seed"]))
    if params.get("class_weight") == "none":  # TOML has no null
        params["class_weight"] = None
    params.update(overrides)
    estimator = FindingClassifier(**params)
    try:
        estimator.check_params()
    except ValueError as exc:  # scikit-learn's InvalidParameterError is a ValueError
        raise FindingError(f"[model] {exc}") from None
    return estimator


def fit(records: list[dict], config: dict, **overrides):
    from ..model.classification.inputs import inputs_from_records

    missing = set(LABELS) - {r["label"] for r in records}
    if missing:
        raise FindingError(f"training data has no sentence labelled {', '.join(sorted(missing))}; a model needs examples of all of {', '.join(LABELS)}")
    X = inputs_from_records(records)
    y = [r["label"] for r in records]
    w = np.array([r.get("weight", 1.0) for r in records])
    return make_estimator(config, **overrides).fit(X, y, sample_weight=w)
