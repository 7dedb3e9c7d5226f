"""Leave-one-report-out cross-validation with the baselines in the same folds.

Each real report is held out in turn; a model is trained on the other real reports plus every
train-only source (the written bank) with the same config, and the held-out report's sentences are
scored. Sentences of one report never sit on both sides, and bank sentences are never test data.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..errors import FindingError
from ..model.classification.inputs import inputs_from_records
from ..schema import LABELS
from . import baselines, metrics


def _fit(X, y, w, config, **overrides):
    from ..training.estimator import make_estimator

    return make_estimator(config, **overrides).fit(X, y, sample_weight=w)


def folds(held: list[dict]) -> list[str]:
    reports = list(dict.fromkeys(r["report"] for r in held))
    if len(reports) < 2:
        raise FindingError(f"leave-one-report-out needs at least two reports; the data has {len(reports)}")
    return reports


def predict_loro(
    held: list[dict],
    extra: list[dict],
    config: dict,
    overrides: dict | None = None,
    train_fraction: float = 1.0,
    extra_limit: int | None = None,
    progress: Callable[[str], None] | None = None,
    inputs: tuple[list[dict], list[dict]] | None = None,
) -> np.ndarray:
    """Held-out probabilities (rows in ``held`` order, columns in LABELS order) of one configuration.

    ``inputs``: the classifier inputs of ``held`` and ``extra`` when the caller already has them.
    """
    overrides = overrides or {}
    X_held, X_extra = inputs or (inputs_from_records(held), inputs_from_records(extra) if extra else [])
    y_held = np.array([r["label"] for r in held])
    y_extra = np.array([r["label"] for r in extra])
    w_held = np.array([r.get("weight", 1.0) for r in held])
    w_extra = np.array([r.get("weight", 1.0) for r in extra])
    seed = int(config["seed"])
    extra_idx = np.arange(len(extra))
    if extra_limit is not None:
        # nested subsets of whole bank mini-reports, in a fixed shuffled order
        groups = list(dict.fromkeys(r["report"] for r in extra))
        order = np.random.default_rng(seed).permutation(len(groups))
        chosen, count = set(), 0
        for g in order:
            if count >= extra_limit:
                break
            chosen.add(groups[g])
            count += sum(1 for r in extra if r["report"] == groups[g])
        extra_idx = np.array([i for i, r in enumerate(extra) if r["report"] in chosen], dtype=int)
    reports = np.array([r["report"] for r in held])
    out = np.zeros((len(held), len(LABELS)))
    for name in folds(held):
        if progress:
            progress(name)
        test = np.where(reports == name)[0]
        train = np.where(reports != name)[0]
        if train_fraction < 1.0:
            perm = np.random.default_rng(seed).permutation(len(held))
            keep = set(perm[: max(1, int(round(train_fraction * len(held))))].tolist())
            train = np.array([i for i in train if i in keep], dtype=int)
            ex = extra_idx[np.random.default_rng(seed + 1).permutation(len(extra_idx))[: int(round(train_fraction * len(extra_idx)))]] if len(extra_idx) else extra_idx
        else:
            ex = extra_idx
        X = [X_held[i] for i in train] + [X_extra[i] for i in ex]
        y = np.concatenate([y_held[train], y_extra[ex]]) if len(ex) else y_held[train]
        w = np.concatenate([w_held[train], w_extra[ex]]) if len(ex) else w_held[train]
        if len(set(y)) < 2:
            out[test] = np.eye(len(LABELS))[[LABELS.index(y[0])] * len(test)]
            continue
        est = _fit(X, y, w, config, **overrides)
        out[test] = est.compile().proba([X_held[i] for i in test])  # what a saved model computes
    return out


def labels_of(proba: np.ndarray) -> list[str]:
    return [LABELS[i] for i in proba.argmax(axis=1)]


#: The transformer_weight values tried when ``[evaluation] transformer_weights`` is not set.
TRANSFORMER_WEIGHTS = (0.5, 1.0, 2.0)


def choose_transformer_weight(held: list[dict], extra: list[dict], config: dict, progress=None, inputs=None) -> dict:
    """With an encoder: leave-one-report-out macro-F1 of each ``[evaluation] transformer_weights`` value;
    returns ``{"chosen": w, "macro_f1": {w: f1}, "proba": held-out probabilities of the chosen w}``."""
    gold = [r["label"] for r in held]
    inputs = inputs or (inputs_from_records(held), inputs_from_records(extra) if extra else [])
    grid = [float(w) for w in config.get("evaluation", {}).get("transformer_weights", TRANSFORMER_WEIGHTS)]
    scores, probas = {}, {}
    for w in grid:
        probas[w] = predict_loro(held, extra, config, overrides={"transformer_weight": w}, progress=progress, inputs=inputs)
        scores[w] = metrics.macro_f1(gold, labels_of(probas[w]))
    best = max(grid, key=lambda w: (round(scores[w], 6), -grid.index(w)))  # a tie goes to the earlier value
    return {"chosen": best, "macro_f1": {str(w): scores[w] for w in grid}, "proba": probas[best]}


def cross_validate(held: list[dict], extra: list[dict], config: dict, progress=None, agreement: dict | None = None,
                   proba: np.ndarray | None = None) -> dict:
    """Pooled and per-report figures of the configured model and of the baselines, from one set of folds.

    ``proba``: the configured model's held-out probabilities when the caller already has them. With an
    encoder (the accurate model), the fast model (the same config without it) runs in the same folds
    and its figures are stored beside (``fast_model``), in place of the context toggle."""
    ev = config.get("evaluation", {})
    seed = int(config["seed"])
    gold = [r["label"] for r in held]
    inputs = (inputs_from_records(held), inputs_from_records(extra) if extra else [])  # tokenized once
    if proba is None:
        proba = predict_loro(held, extra, config, progress=progress, inputs=inputs)
    pred = labels_of(proba)
    m = metrics.compute(gold, pred, proba, n_bootstrap=int(ev.get("bootstrap", 1000)), seed=seed, bins=int(ev.get("calibration_bins", 10)))
    # Baselines, in the same folds.
    X_held = inputs[0]
    reports = np.array([r["report"] for r in held])
    majority_pred = [None] * len(held)
    for name in folds(held):
        train_labels = [r["label"] for r in held if r["report"] != name] + [r["label"] for r in extra]
        test = np.where(reports == name)[0]
        for i, lab in zip(test, baselines.majority(train_labels, len(test))):
            majority_pred[i] = lab
    # The context reference: the same classifier with its context features switched the other way
    # (without them when the config uses them; with them when, as by default, it does not).
    uses_context = bool(config["model"].get("context", False))
    rules = baselines.keyword_rules(X_held)
    m["baselines"] = {
        "majority": metrics.short(metrics.compute(gold, majority_pred, n_bootstrap=0)),
        "keyword_rules": metrics.short(metrics.compute(gold, rules, n_bootstrap=0)),
    }
    fast = None
    if config["model"].get("encoder"):
        fast_proba = predict_loro(held, extra, config, overrides={"encoder": ""}, progress=progress, inputs=inputs)
        fm = metrics.compute(gold, labels_of(fast_proba), fast_proba, n_bootstrap=0, bins=int(ev.get("calibration_bins", 10)))
        m["baselines"]["fast_model"] = metrics.short(fm)
        fast = {"macro_f1": fm["macro_f1"], "accuracy": fm["accuracy"], "kappa": fm["kappa"], "n": fm["n"],
                "per_label_f1": {lab: fm["per_label"][lab]["f1"] for lab in LABELS}, "ece": fm.get("calibration", {}).get("ece")}
    else:
        toggled = labels_of(predict_loro(held, extra, config, overrides={"context": not uses_context}, progress=progress, inputs=inputs))
        m["baselines"]["no_context" if uses_context else "with_context"] = metrics.short(metrics.compute(gold, toggled, n_bootstrap=0))
    m["per_report"] = {}
    for name in folds(held):
        idx = np.where(reports == name)[0]
        m["per_report"][name] = metrics.short(metrics.compute([gold[i] for i in idx], [pred[i] for i in idx], n_bootstrap=0))
    m["mode"] = "leave-one-report-out"
    m["train_only_sentences"] = len(extra)
    if agreement:
        # the model's held-out figures on exactly the sentences both annotators labelled
        keys = set(map(tuple, agreement.pop("sentences", [])))
        idx = [i for i, r in enumerate(held) if (r["report"], r["text"]) in keys]
        agreement["reports"] = sorted({held[i]["report"] for i in idx})
        if idx:
            agreement["model"] = metrics.short(metrics.compute([gold[i] for i in idx], [pred[i] for i in idx], n_bootstrap=0))
    m["annotator_agreement"] = agreement
    summary = {k: m[k] for k in ("mode", "n", "macro_f1", "accuracy", "kappa", "ci95", "per_label", "confusion", "baselines", "per_report", "train_only_sentences", "annotator_agreement")}
    summary["ece"] = m.get("calibration", {}).get("ece")
    if fast is not None:
        summary["fast_model"] = m["fast_model"] = fast
    return {"metrics": m, "summary": summary, "proba": proba, "pred": pred, "gold": gold}


def learning_curve(held: list[dict], extra: list[dict], config: dict, fractions, progress=None) -> list[dict]:
    """Pooled leave-one-report-out macro-F1 when training on nested fractions of the training sentences."""
    gold = [r["label"] for r in held]
    inputs = (inputs_from_records(held), inputs_from_records(extra) if extra else [])
    points = []
    for f in fractions:
        proba = predict_loro(held, extra, config, train_fraction=float(f), progress=progress, inputs=inputs)
        n_train = int(round(float(f) * (len(held) * (1 - 1 / len(folds(held))) + len(extra))))
        points.append({"fraction": float(f), "train_sentences": n_train, "macro_f1": metrics.macro_f1(gold, labels_of(proba))})
    return points


def for_training(progress=None, with_agreement: bool = True):
    """The callable ``findings train`` hands to training: the leave-one-report-out summary stored in
    meta.json and the model card (with the annotators' agreement when the project's own corpus is used)."""
    from .report import annotator_agreement

    def run(held: list[dict], extra: list[dict], config: dict) -> dict:
        agreement = annotator_agreement() if with_agreement else None
        proba, search = None, None
        if config["model"].get("encoder"):
            # the accurate model: its transformer_weight is chosen here, and the config that training
            # then fits (and meta.json records) carries the chosen value
            search = choose_transformer_weight(held, extra, config, progress=progress)
            config["model"]["transformer_weight"] = search["chosen"]
            proba = search.pop("proba")
        summary = cross_validate(held, extra, config, progress=progress, agreement=agreement, proba=proba)["summary"]
        if search:
            summary["transformer_weight_search"] = search
        return summary

    return run
