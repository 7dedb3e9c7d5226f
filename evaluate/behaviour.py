"""The behavioural suite: the guideline's decision rules as small written test cases.

In the spirit of CheckList (Ribeiro et al. 2020), ``evaluate/suite/`` holds, for every decision rule
of the annotation guideline, sentences written by the project (most of them minimal pairs: a
sentence and a variant that flips or keeps the label), plus every example of the guideline itself
(``guideline-examples.jsonl``). Each line is an annotation record with three more keys: ``rule``
(the guideline rule the case tests; 0 for the labels table), ``pair`` (the id of its minimal pair,
or null) and ``expect`` ("flip" or "keep": whether the pair's labels differ).

The suite is never training data (a test checks that no suite sentence is in ``data/bank`` or
``data/annotations``). :func:`run_suite` scores a model on it: the share of cases labelled as
written, per rule and for the guideline's examples, and the share of minimal pairs with both
sentences right.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..errors import AnnotationError
from ..schema import LABELS

#: The suite's files, shipped as package data beside this module.
SUITE_DIR = Path(__file__).resolve().parent / "suite"
GUIDELINE_FILE = "guideline-examples.jsonl"
#: The key of the guideline examples in the results (the rule files give "rule 1" ... "rule 9").
GUIDELINE = "guideline examples"


def suite_files(folder: str | Path | None = None) -> list[Path]:
    folder = Path(folder) if folder else SUITE_DIR
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise AnnotationError("no behavioural suite files (*.jsonl)", folder)
    return files


def load_suite(folder: str | Path | None = None) -> list[dict]:
    """Every suite case, each with ``group``: "guideline examples" or "rule N"."""
    from ..corpus import read_annotations

    cases = []
    for f in suite_files(folder):
        for rec in read_annotations(f):
            rule = rec.get("rule")
            if not isinstance(rule, int) or not 0 <= rule <= 9:
                raise AnnotationError(f"'rule' must be a guideline rule number 0..9, not {rule!r}", f, rec["_line"])
            if rec.get("expect") not in (None, "flip", "keep"):
                raise AnnotationError(f"'expect' must be flip, keep or null, not {rec.get('expect')!r}", f, rec["_line"])
            rec["group"] = GUIDELINE if f.name == GUIDELINE_FILE else f"rule {rule}"
            cases.append(rec)
    return cases


def _group_order(name: str) -> tuple[int, int]:
    return (1, 0) if name == GUIDELINE else (0, int(name.split()[-1]))


def score_suite(cases: Sequence[dict], predicted: Sequence[str]) -> dict:
    """Pass rates per group and minimal pairs kept intact, from the predicted labels of ``cases``."""
    groups: dict[str, dict] = {}
    for case, pred in zip(cases, predicted):
        g = groups.setdefault(case["group"], {"cases": 0, "passed": 0, "failures": []})
        g["cases"] += 1
        if pred == case["label"]:
            g["passed"] += 1
        else:
            g["failures"].append({"id": case.get("id", ""), "text": case["text"], "section": case["section"],
                                  "expected": case["label"], "predicted": pred})
    pairs: dict[tuple[str, str], list[bool]] = {}
    for case, pred in zip(cases, predicted):
        if case.get("pair"):
            pairs.setdefault((case["group"], case["pair"]), []).append(pred == case["label"])
    for (group, _), ok in pairs.items():
        g = groups[group]
        g["pairs"] = g.get("pairs", 0) + 1
        g["pairs_passed"] = g.get("pairs_passed", 0) + int(all(ok))
    out = {}
    for name in sorted(groups, key=_group_order):
        g = groups[name]
        g["pass_rate"] = g["passed"] / g["cases"]
        if "pairs" in g:
            g["pair_pass_rate"] = g["pairs_passed"] / g["pairs"]
        out[name] = g
    rules = [g for n, g in out.items() if n != GUIDELINE]
    total = sum(g["cases"] for g in out.values())
    return {
        "groups": out,
        "cases": total,
        "pass_rate": sum(g["passed"] for g in out.values()) / total if total else 0.0,
        "lowest_rule_pass_rate": min((g["pass_rate"] for g in rules), default=None),
    }


def run_suite(proba: Callable[[list], np.ndarray], folder: str | Path | None = None) -> dict:
    """Score a model's probability function (classifier inputs -> rows in LABELS order) on the suite."""
    from ..model.classification.inputs import inputs_from_records

    cases = load_suite(folder)
    p = np.asarray(proba(inputs_from_records(cases)))
    return score_suite(cases, [LABELS[i] for i in p.argmax(axis=1)])


def summary(result: dict) -> dict:
    """The pass rates alone (what meta.json and the model card keep)."""
    return {
        "pass_rate": result["pass_rate"],
        "cases": result["cases"],
        "groups": {n: {k: g[k] for k in ("cases", "passed", "pass_rate", "pairs", "pairs_passed", "pair_pass_rate") if k in g}
                   for n, g in result["groups"].items()},
    }


def suite_table(result: dict, console, show_failures: bool = False) -> None:
    from rich.table import Table

    t = Table(title=f"Behavioural suite: {result['cases']} cases, {result['pass_rate']:.1%} passed")
    for col in ("group", "cases", "passed", "pass rate", "pairs intact"):
        t.add_column(col, justify="left" if col == "group" else "right")
    for name, g in result["groups"].items():
        pairs = f"{g['pairs_passed']}/{g['pairs']}" if "pairs" in g else "-"
        t.add_row(name, str(g["cases"]), str(g["passed"]), f"{g['pass_rate']:.1%}", pairs)
    console.print(t)
    if show_failures:
        for name, g in result["groups"].items():
            for f in g.get("failures", []):
                console.print(f"[dim]{name}[/dim] {f['id']}: expected {f['expected']}, got {f['predicted']}: {f['text']}", markup=True, highlight=False)


def for_training():
    """The callable ``findings train`` hands to training: the suite's pass rates of the fitted model."""

    def run(estimator) -> dict:
        return summary(run_suite(estimator.compile().proba))

    return run
