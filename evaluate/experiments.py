"""Model-selection experiments, all by leave-one-report-out over the real reports.

    python -m finding_classifier.evaluate.experiments [--config FILE] [--only NAME...] [--format json]

Prints, for each experiment, the pooled held-out macro-F1 (and per-label F1) of each variant.
Every variant is trained and scored in the same folds; bank sentences only ever train. These are
the figures behind the defaults in ``training/config.toml``.

``--only learner`` (not part of the default run) compares the learners of :data:`LEARNERS`
(logistic regression, the calibrated linear SVM, logistic regression with cue-by-word
interactions) with more figures: macro-F1 with its bootstrap interval, per-label F1, kappa, ECE,
the behavioural suite's pass rate (of each learner trained on all the data) and the paired
bootstrap difference of macro-F1 against logistic regression, all seeded by the config.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from ..schema import LABELS
from ..training.config import load_config
from ..training.sources import load_sources, split_sources
from . import metrics
from .crossval import labels_of, predict_loro

FEATURES = {
    "words": dict(char_ngrams=False, section=False, lexicon=False, context=False),
    "words+chars": dict(char_ngrams=True, section=False, lexicon=False, context=False),
    "words+chars+section": dict(char_ngrams=True, section=True, lexicon=False, context=False),
    "words+chars+section+cues": dict(char_ngrams=True, section=True, lexicon=True, context=False),
    "all (+context cues)": dict(char_ngrams=True, section=True, lexicon=True, context=True, context_words=False),
    "all (+context cues and words)": dict(char_ngrams=True, section=True, lexicon=True, context=True, context_words=True),
    "cues+section only (no words)": dict(words=False, char_ngrams=False, section=True, lexicon=True, context=True),
}


def _row(name, gold, proba, seconds):
    pred = labels_of(proba)
    m = metrics.compute(gold, pred, n_bootstrap=0)
    return {"variant": name, "macro_f1": m["macro_f1"], "accuracy": m["accuracy"], "kappa": m["kappa"],
            **{f"f1_{lab}": m["per_label"][lab]["f1"] for lab in LABELS}, "seconds": round(seconds, 1)}


#: The learners compared by leave-one-report-out (``--only learner``): name -> [model] overrides.
LEARNERS = {
    "logistic": dict(learner="logistic", interactions=False),
    "logistic+interactions": dict(learner="logistic", interactions=True),
    "svm C=0.1": dict(learner="svm", C=0.1, interactions=False),
}


def compare_learners(config: dict, held: list[dict], extra: list[dict], log=print, variants: dict | None = None) -> list[dict]:
    """Each learner of ``variants`` (default :data:`LEARNERS`) in the same leave-one-report-out folds:
    macro-F1 with its bootstrap interval, per-label F1, kappa, ECE, the behavioural suite's pass
    rate of the learner trained on all the data, and the paired bootstrap difference of macro-F1
    against the first variant (the same sentence resamples for every variant, from the config seed)."""
    from ..model.classification.inputs import inputs_from_records
    from ..training.estimator import make_estimator
    from .behaviour import run_suite, summary

    ev = config.get("evaluation", {})
    seed, n_boot, bins = int(config["seed"]), int(ev.get("bootstrap", 1000)), int(ev.get("calibration_bins", 10))
    variants = variants or LEARNERS
    gold = [r["label"] for r in held]
    inputs = (inputs_from_records(held), inputs_from_records(extra) if extra else [])
    X_all = inputs[0] + inputs[1]
    y_all = [r["label"] for r in held] + [r["label"] for r in extra]
    w_all = np.array([r.get("weight", 1.0) for r in held] + [r.get("weight", 1.0) for r in extra])
    rows, base = [], None
    for name, ov in variants.items():
        t = time.time()
        proba = predict_loro(held, extra, config, overrides=ov, inputs=inputs)
        pred = labels_of(proba)
        m = metrics.compute(gold, pred, proba, n_bootstrap=n_boot, seed=seed, bins=bins)
        loro_s = time.time() - t
        model = make_estimator(config, **ov).fit(X_all, y_all, sample_weight=w_all).compile()
        suite = summary(run_suite(model.proba))
        row = {"variant": name, "overrides": ov, "macro_f1": m["macro_f1"], "ci95": m["ci95"], "kappa": m["kappa"],
               **{f"f1_{lab}": m["per_label"][lab]["f1"] for lab in LABELS}, "ece": m["calibration"]["ece"],
               "suite_pass_rate": suite["pass_rate"], "suite_groups": {g: v["pass_rate"] for g, v in suite["groups"].items()},
               "n_features": int(model.n_features), "seconds": round(time.time() - t, 1), "loro_seconds": round(loro_s, 1)}
        if base is None:
            base = pred
        else:
            row["vs_first"] = metrics.paired_bootstrap(gold, base, pred, n=n_boot, seed=seed)
        rows.append(row)
        diff = f"  delta {row['vs_first']['delta']:+.3f} [{row['vs_first']['ci95'][0]:+.3f}, {row['vs_first']['ci95'][1]:+.3f}]" if "vs_first" in row else ""
        log(f"learner      {name:<24} macro-F1 {row['macro_f1']:.3f} [{row['ci95'][0]:.3f}, {row['ci95'][1]:.3f}]  "
            + "  ".join(f"{lab[:3]} {row['f1_' + lab]:.3f}" for lab in LABELS)
            + f"  kappa {row['kappa']:.3f}  ECE {row['ece']:.3f}  suite {row['suite_pass_rate']:.1%}{diff}  ({row['seconds']} s)")
    return rows


def run(config: dict, only: list[str] | None = None, log=print) -> dict:
    held, extra = split_sources(load_sources(config))
    gold = [r["label"] for r in held]
    results: dict[str, list[dict]] = {}

    def variant(exp, name, cfg, extra_records, **kw):
        t = time.time()
        proba = predict_loro(held, extra_records, cfg, **kw)
        row = _row(name, gold, proba, time.time() - t)
        results.setdefault(exp, []).append(row)
        log(f"{exp:<12} {name:<34} macro-F1 {row['macro_f1']:.3f}  " + "  ".join(f"{lab[:3]} {row['f1_' + lab]:.3f}" for lab in LABELS))

    def want(exp):
        return not only or exp in only

    if only and "learner" in only:  # not in the default run: it also trains each learner on all data for the suite
        results["learner"] = compare_learners(config, held, extra, log=log)
    if want("features"):
        for name, ov in FEATURES.items():
            variant("features", name, config, extra, overrides=ov)
    if want("C"):
        for c in (0.5, 1.0, 2.0, 4.0, 8.0, 16.0):
            variant("C", f"C={c}", config, extra, overrides={"C": c})
    if want("lexicon_weight"):
        for lw in (0.5, 1.0, 2.0, 3.0, 5.0):
            variant("lexicon_weight", f"lexicon_weight={lw}", config, extra, overrides={"lexicon_weight": lw})
    if want("context_weight"):
        for cw in (0.25, 0.5, 1.0):
            variant("context_weight", f"context_weight={cw}", config, extra, overrides={"context_weight": cw})
    if want("class_weight"):
        for cw in ("balanced", None):
            variant("class_weight", f"class_weight={cw}", config, extra, overrides={"class_weight": cw})
    if want("bank_weight"):
        for w in (0.0, 0.25, 0.5, 1.0, 2.0):
            recs = [dict(r, weight=w) for r in extra] if w > 0 else []
            variant("bank_weight", f"bank weight {w}", config, recs)
    if want("bank_size"):
        for size in (0, 500, 1000, 2000, 4000, None):
            variant("bank_size", f"bank sentences {size if size is not None else 'all (' + str(len(extra)) + ')'}", config, extra if size != 0 else [], extra_limit=size if size else None)
    return results


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default=None)
    ap.add_argument("--only", nargs="*", default=None, help="learner features C lexicon_weight context_weight class_weight bank_weight bank_size")
    ap.add_argument("--format", choices=("table", "json"), default="table")
    args = ap.parse_args(argv)
    config = load_config(args.config)
    results = run(config, args.only, log=(lambda s: print(s, file=sys.stderr)) if args.format == "json" else print)
    if args.format == "json":
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
