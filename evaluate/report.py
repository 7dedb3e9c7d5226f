"""Presenting evaluation figures: terminal tables, Markdown report, model card, plots, errors.csv."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from ..atomic import check_replaceable, move_into_place, temp_dir_beside
from ..model.persistence.card import _ci, _f, summary_markdown  # noqa: F401  (re-exported)
from ..schema import LABELS


def annotator_agreement(data_dir=None) -> dict | None:
    """The two annotation passes' agreement on real report sentences (the ceiling for any classifier),
    when the passes are available (``<data_dir>/pass1`` and ``pass2``; default: the config's
    ``[evaluation] agreement`` folder, ``data/agreement``)."""
    from ..corpus import agreement
    from ..training.config import resolve_path

    base = Path(data_dir) if data_dir else resolve_path("data/agreement")
    if not ((base / "pass1").is_dir() and (base / "pass2").is_dir()):
        return None
    ag = agreement(base / "pass1", base / "pass2")
    return {"n": ag["n"], "accuracy": ag["observed"], "kappa": ag["kappa"], "macro_f1": ag["macro_f1"],
            "sentences": ag["sentences"]}


def print_table(m: dict, console=None, agreement: dict | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    t = Table(title=f"{m.get('mode', 'test set')} - {m['n']} sentences", show_lines=False)
    for col in ("system", "macro-F1", "95% CI (sentences)", "accuracy", "kappa"):
        t.add_column(col, justify="left" if col == "system" else "right")
    t.add_row("[bold]model[/bold]", _f(m["macro_f1"]), _ci(m), _f(m["accuracy"]), _f(m["kappa"]))
    for name, b in (m.get("baselines") or {}).items():
        t.add_row(f"baseline: {name.replace('_', ' ')}", _f(b["macro_f1"]), "", _f(b["accuracy"]), _f(b.get("kappa")))
    if agreement:
        t.add_row(f"annotators (pass 2 vs 1, {agreement['n']} sent.)", _f(agreement.get("macro_f1")), "", _f(agreement.get("accuracy")), _f(agreement.get("kappa")))
        if agreement.get("model"):
            a = agreement["model"]
            t.add_row(f"model on those {a['n']} sentences", _f(a["macro_f1"]), "", _f(a["accuracy"]), _f(a["kappa"]))
    console.print(t)
    pl = Table(title="per label")
    for col in ("label", "precision", "recall", "F1", "support"):
        pl.add_column(col, justify="left" if col == "label" else "right")
    for lab in LABELS:
        p = m["per_label"][lab]
        pl.add_row(lab, _f(p["precision"]), _f(p["recall"]), _f(p["f1"]), str(p["support"]))
    console.print(pl)
    conf = m["confusion"]
    ct = Table(title="confusion (rows gold, columns predicted)")
    ct.add_column("gold")
    for lab in conf["labels"]:
        ct.add_column(lab, justify="right")
    for lab, row in zip(conf["labels"], conf["matrix"]):
        ct.add_row(lab, *[str(v) for v in row])
    console.print(ct)
    if m.get("per_report"):
        rt = Table(title="per held-out report")
        for col in ("report", "n", "macro-F1", "accuracy", "kappa"):
            rt.add_column(col, justify="left" if col == "report" else "right")
        for name, r in m["per_report"].items():
            rt.add_row(name, str(r["n"]), _f(r["macro_f1"]), _f(r["accuracy"]), _f(r["kappa"]))
        console.print(rt)
    ece = m.get("ece", (m.get("calibration") or {}).get("ece"))
    if ece is not None:
        console.print(f"expected calibration error: {_f(ece)}")
    if m.get("segmentation"):
        s = m["segmentation"]
        console.print(f"segmentation: precision {_f(s['precision'])}  recall {_f(s['recall'])}  F1 {_f(s['f1'])}")


OUTPUT_FILES = {"metrics.json", "report.md", "confusion.png", "reliability.png", "learning_curve.png", "errors.csv"}


def check_output(output: str | Path, force: bool) -> None:
    check_replaceable(output, force, OUTPUT_FILES, "evaluation output")


def write_outputs(output: str | Path, m: dict, rows: list[dict] | None, curve: list[dict] | None, force: bool = False) -> Path:
    """Write metrics.json, report.md, confusion.png, reliability.png, learning_curve.png and errors.csv
    into ``output`` atomically (a temporary folder renamed into place)."""
    output = Path(output)
    check_output(output, force)
    tmp = temp_dir_beside(output)
    try:
        serialisable = {k: v for k, v in m.items() if k not in ("proba",)}
        if curve is not None:
            serialisable["learning_curve"] = curve
        (tmp / "metrics.json").write_text(json.dumps(serialisable, indent=2) + "\n", encoding="utf-8")
        (tmp / "report.md").write_text("# Evaluation\n\n" + summary_markdown(m, m.get("annotator_agreement")), encoding="utf-8")
        from . import plots

        plots.confusion_png(m["confusion"], tmp / "confusion.png")
        if m.get("calibration"):
            plots.reliability_png(m["calibration"]["reliability"], tmp / "reliability.png")
        if curve:
            plots.learning_curve_png(curve, tmp / "learning_curve.png")
        if rows is not None:
            buf = io.StringIO()
            w = csv.writer(buf)
            w.writerow(["report", "section", "text", "gold", "predicted", "probability"])
            for r in rows:
                if r["gold"] != r["predicted"]:
                    w.writerow([r["report"], r["section"], r["text"], r["gold"], r["predicted"], f"{r['probability']:.3f}"])
            (tmp / "errors.csv").write_text(buf.getvalue(), encoding="utf-8")
        move_into_place(tmp, output)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return output
