"""The figures: per-label precision/recall/F1, macro-F1, accuracy, Cohen's kappa, confusion matrix,
a bootstrap interval for macro-F1 and calibration (expected calibration error, reliability curve)."""
from __future__ import annotations

from typing import Sequence

import numpy as np
from sklearn.metrics import cohen_kappa_score, confusion_matrix, precision_recall_fscore_support

from ..schema import LABELS


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    _, _, f1, _ = precision_recall_fscore_support(gold, pred, labels=list(LABELS), zero_division=0)
    return float(np.mean(f1))


def bootstrap_ci(gold: Sequence[str], pred: Sequence[str], n: int = 1000, seed: int = 0, level: float = 0.95) -> list[float]:
    """Percentile interval of macro-F1 over sentences resampled with replacement."""
    gold = np.asarray(gold)
    pred = np.asarray(pred)
    if len(gold) == 0 or n <= 0:
        return [None, None]
    rng = np.random.default_rng(seed)
    idx_labels = {lab: i for i, lab in enumerate(LABELS)}
    g = np.array([idx_labels[x] for x in gold])
    p = np.array([idx_labels.get(x, -1) for x in pred])
    k = len(LABELS)
    scores = np.empty(n)
    for b in range(n):
        s = rng.integers(0, len(g), len(g))
        scores[b] = _macro_f1_codes(g[s], p[s], k)
    alpha = (1 - level) / 2
    return [float(np.quantile(scores, alpha)), float(np.quantile(scores, 1 - alpha))]


def calibration(gold: Sequence[str], proba: np.ndarray, bins: int = 10) -> dict:
    """Expected calibration error of the top label's probability, and the reliability curve."""
    proba = np.asarray(proba, dtype=float)
    conf = proba.max(axis=1)
    pred = np.array(LABELS)[proba.argmax(axis=1)]
    correct = pred == np.asarray(gold)
    edges = np.linspace(0, 1, bins + 1)
    curve = []
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf > lo) & (conf <= hi) if lo > 0 else (conf >= lo) & (conf <= hi)
        count = int(mask.sum())
        if count:
            acc = float(correct[mask].mean())
            mean_conf = float(conf[mask].mean())
            ece += count / len(conf) * abs(acc - mean_conf)
            curve.append({"low": float(lo), "high": float(hi), "confidence": mean_conf, "accuracy": acc, "count": count})
    return {"ece": float(ece), "reliability": curve}


def compute(
    gold: Sequence[str],
    pred: Sequence[str],
    proba: np.ndarray | None = None,
    n_bootstrap: int = 1000,
    seed: int = 0,
    bins: int = 10,
) -> dict:
    gold = list(gold)
    pred = list(pred)
    p, r, f1, support = precision_recall_fscore_support(gold, pred, labels=list(LABELS), zero_division=0)
    out = {
        "n": len(gold),
        "macro_f1": float(np.mean(f1)),
        "accuracy": float(np.mean(np.asarray(gold) == np.asarray(pred))) if gold else float("nan"),
        "kappa": float(cohen_kappa_score(gold, pred, labels=list(LABELS))) if len(set(gold) | set(pred)) > 1 else 0.0,
        "ci95": bootstrap_ci(gold, pred, n=n_bootstrap, seed=seed),
        "per_label": {
            lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f1[i]), "support": int(support[i])}
            for i, lab in enumerate(LABELS)
        },
        "confusion": {"labels": list(LABELS), "matrix": confusion_matrix(gold, pred, labels=list(LABELS)).tolist()},
    }
    if proba is not None and len(gold):
        out["calibration"] = calibration(gold, proba, bins=bins)
    return out


def short(m: dict) -> dict:
    """The headline figures of a metrics dict (used for baselines and per-report rows).

    ``macro_f1`` here averages over the labels that occur in the gold or the predicted labels, so a
    report without any sentence of one label is not charged an F1 of 0 for it.
    """
    present = [i for i, lab in enumerate(LABELS)
               if m["per_label"][lab]["support"] or sum(row[i] for row in m["confusion"]["matrix"])]
    macro = float(np.mean([m["per_label"][LABELS[i]]["f1"] for i in present])) if present else float("nan")
    return {"macro_f1": macro, "accuracy": m["accuracy"], "kappa": m["kappa"], "n": m["n"]}


def _macro_f1_codes(g: np.ndarray, p: np.ndarray, k: int) -> float:
    f1s = []
    for c in range(k):
        tp = np.sum((g == c) & (p == c))
        fp = np.sum((g != c) & (p == c))
        fn = np.sum((g == c) & (p != c))
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s))


def paired_bootstrap(gold: Sequence[str], pred_a: Sequence[str], pred_b: Sequence[str], n: int = 1000, seed: int = 0,
                     level: float = 0.95) -> dict:
    """Macro-F1 of ``pred_b`` minus that of ``pred_a`` on the same sentences, with a percentile
    interval from resampling sentences with replacement (each resample scores both on the same
    sentences), and the share of resamples in which ``b`` is not better."""
    idx = {lab: i for i, lab in enumerate(LABELS)}
    g = np.array([idx[x] for x in gold])
    a = np.array([idx.get(x, -1) for x in pred_a])
    b = np.array([idx.get(x, -1) for x in pred_b])
    if not (len(g) == len(a) == len(b)):
        raise ValueError(f"gold and predictions differ in length ({len(g)}, {len(a)}, {len(b)})")
    k = len(LABELS)
    delta = _macro_f1_codes(g, b, k) - _macro_f1_codes(g, a, k)
    if len(g) == 0 or n <= 0:
        return {"delta": delta, "ci95": [None, None], "p_not_better": None}
    rng = np.random.default_rng(seed)
    diffs = np.empty(n)
    for r in range(n):
        s = rng.integers(0, len(g), len(g))
        diffs[r] = _macro_f1_codes(g[s], b[s], k) - _macro_f1_codes(g[s], a[s], k)
    alpha = (1 - level) / 2
    return {"delta": float(delta), "ci95": [float(np.quantile(diffs, alpha)), float(np.quantile(diffs, 1 - alpha))],
            "p_not_better": float(np.mean(diffs <= 0))}
