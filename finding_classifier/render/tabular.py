"""Machine-readable outputs: JSON lines and CSV, one row per sentence with its probabilities.

Each row also says, for a judgement (strength or area for improvement), whether an evidence sentence
of its section sits beside it (``evidence_beside``: true/false; empty for evidence sentences), and
carries the report's ``metadata`` (its score and rating lines; a JSON object in the CSV).
"""
from __future__ import annotations

import csv
import io
import json

from ..compare.sections import evidence_beside
from ..schema import LABELS


def _rows(reports: list):
    for rep in reports:
        for p, near in zip(rep.predictions, evidence_beside(rep)):
            yield rep, p, near


def to_jsonl(reports: list) -> str:
    return "".join(
        json.dumps(dict(p.to_dict(), evidence_beside=near, metadata=rep.metadata), ensure_ascii=False) + "\n"
        for rep, p, near in _rows(reports)
    )


def to_csv(reports: list) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["report", "index", "section", "start", "end", "text", "label"] + [f"p_{lab}" for lab in LABELS] + ["evidence_beside", "metadata"])
    for rep, p, near in _rows(reports):
        w.writerow([p.report, p.index, p.section, p.start, p.end, p.text, p.label]
                   + [f"{p.probabilities[lab]:.4f}" for lab in LABELS] + ["" if near is None else str(near).lower()]
                   + [json.dumps(rep.metadata, ensure_ascii=False)])
    return buf.getvalue()
