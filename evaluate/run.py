"""The three evaluation modes: cross-validation, an external annotated test set, and end to end from raw reports."""
from __future__ import annotations

from pathlib import Path

import numpy as np

import warnings

from ..corpus import annotation_files, load_dataset, read_annotations
from ..errors import AnnotationError, FindingError
from ..model.classification.inputs import inputs_from_records
from ..schema import LABELS, REPORT_SUFFIXES
from . import baselines, metrics


def _score(records: list[dict], estimator, config: dict, mode: str) -> tuple[dict, list[dict]]:
    ev = config.get("evaluation", {})
    X = inputs_from_records(records)
    proba = estimator.proba(X)
    pred = [LABELS[i] for i in proba.argmax(axis=1)]
    gold = [r["label"] for r in records]
    m = metrics.compute(gold, pred, proba, n_bootstrap=int(ev.get("bootstrap", 1000)), seed=int(config["seed"]), bins=int(ev.get("calibration_bins", 10)))
    m["baselines"] = {
        "majority_of_test_set": metrics.short(metrics.compute(gold, baselines.majority(gold, len(gold)), n_bootstrap=0)),
        "keyword_rules": metrics.short(metrics.compute(gold, baselines.keyword_rules(X), n_bootstrap=0)),
    }
    if estimator.uses_context:
        blind = [dict(x, prev=None, next=None) for x in X]
        no_ctx = [LABELS[i] for i in estimator.proba(blind).argmax(axis=1)]
        m["baselines"]["model_without_context_input"] = metrics.short(metrics.compute(gold, no_ctx, n_bootstrap=0))
    reports = [r["report"] for r in records]
    m["per_report"] = {}
    for name in dict.fromkeys(reports):
        idx = [i for i, r in enumerate(reports) if r == name]
        m["per_report"][name] = metrics.short(metrics.compute([gold[i] for i in idx], [pred[i] for i in idx], n_bootstrap=0))
    m["mode"] = mode
    rows = [
        {"report": r["report"], "section": r.get("section", ""), "text": r["text"], "gold": g, "predicted": p, "probability": float(pr.max())}
        for r, g, p, pr in zip(records, gold, pred, proba)
    ]
    return m, rows


def evaluate_test_set(test: str | Path, model_dir: str | Path | None, config: dict) -> tuple[dict, list[dict]]:
    """Score a trained model on annotated sentences as given (no re-segmentation)."""
    from ..model.persistence import load_model

    records = load_dataset(test).to_list()
    estimator, meta = load_model(model_dir)
    seen = _warn_if_trained_on(test, {r["report"] for r in records}, meta)
    m, rows = _score(records, estimator, config, mode=f"test set {test}")
    m["trained_on_test_reports"] = seen
    return m, rows


def _warn_if_trained_on(where, report_ids: set, meta: dict) -> list[str]:
    """Warn (one line) when the model was trained on some of these reports; returns them, sorted."""
    seen = sorted(set(report_ids) & set(meta.get("reports", [])))
    if seen:
        warnings.warn(
            f"{where}: the model was trained on report(s) {', '.join(seen)}; figures on them are not a test "
            "(use `findings evaluate` for leave-one-report-out figures)",
            stacklevel=3,
        )
    return seen


def _norm(text: str) -> str:
    from ..model.structure import plain

    return " ".join(plain(text).split())


def evaluate_end_to_end(reports_dir: str | Path, model_dir: str | Path | None, config: dict) -> tuple[dict, list[dict]]:
    """Segment raw reports, align predicted sentences with the annotated ones (by text), score both."""
    from ..model.classification.component import load as load_pipeline
    from ..model.reading import read_report
    from ..model.sentences import segment_report

    reports_dir = Path(reports_dir)
    files = annotation_files(reports_dir)
    nlp = load_pipeline(str(model_dir) if model_dir else None)
    tp = n_pred = n_gold = 0
    matched: list[dict] = []
    from ..model.persistence import default_model_dir, read_meta

    by_file = [(f, read_annotations(f)) for f in files]
    seen = _warn_if_trained_on(reports_dir, {r["report"] for _, recs in by_file for r in recs},
                               read_meta(model_dir or default_model_dir()))
    for f, gold_records in by_file:
        rid = gold_records[0]["report"]
        raw = next((f.with_name(rid + s) for s in sorted(REPORT_SUFFIXES) if f.with_name(rid + s).is_file()), None)
        raw = raw or next((f.with_suffix(s) for s in sorted(REPORT_SUFFIXES) if f.with_suffix(s).is_file()), None)
        if raw is None:
            raise AnnotationError(f"no raw report for {rid!r} beside the annotations (expected {rid}.txt, .md, .html or .pdf)", f)
        doc = segment_report(read_report(raw), nlp)
        predicted = {}
        for span in doc.spans["sentences"]:
            predicted.setdefault(_norm(span.text), span)
        gold = {}
        for r in gold_records:
            gold.setdefault(_norm(r["text"]), r)
        n_pred += len(predicted)
        n_gold += len(gold)
        for key, r in gold.items():
            if key in predicted:
                tp += 1
                span = predicted[key]
                matched.append(dict(r, _pred=span._.label, _probs=span._.probs))
    if not matched:
        raise FindingError("no annotated sentence matched a segmented one", reports_dir)
    gold = [r["label"] for r in matched]
    pred = [r["_pred"] for r in matched]
    proba = np.array([[r["_probs"][lab] for lab in LABELS] for r in matched])
    ev = config.get("evaluation", {})
    m = metrics.compute(gold, pred, proba, n_bootstrap=int(ev.get("bootstrap", 1000)), seed=int(config["seed"]), bins=int(ev.get("calibration_bins", 10)))
    p = tp / n_pred if n_pred else 0.0
    r_ = tp / n_gold if n_gold else 0.0
    m["segmentation"] = {"precision": p, "recall": r_, "f1": 2 * p * r_ / (p + r_) if p + r_ else 0.0, "predicted": n_pred, "annotated": n_gold, "matched": tp}
    m["baselines"] = {"keyword_rules": metrics.short(metrics.compute(gold, baselines.keyword_rules(inputs_from_records(matched)), n_bootstrap=0))}
    m["mode"] = f"end to end {reports_dir}"
    m["trained_on_test_reports"] = seen
    rows = [
        {"report": r["report"], "section": r.get("section", ""), "text": r["text"], "gold": r["label"], "predicted": r["_pred"], "probability": max(r["_probs"].values())}
        for r in matched
    ]
    return m, rows
