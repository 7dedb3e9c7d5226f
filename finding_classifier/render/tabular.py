"""Machine-readable outputs: JSON lines and CSV, one row per sentence with its probabilities."""
from __future__ import annotations

import csv
import io
import json

from ..schema import LABELS


def to_jsonl(rows: list[dict], sources: dict | None = None) -> str:
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows)


def to_csv(rows: list[dict], sources: dict | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["report", "index", "section", "start", "end", "text", "label"] + [f"p_{lab}" for lab in LABELS])
    for r in rows:
        w.writerow([r.report, r.index, r.section, r.start, r.end, r.text, r.label] + [f"{r.probabilities[lab]:.4f}" for lab in LABELS])
    return buf.getvalue()
