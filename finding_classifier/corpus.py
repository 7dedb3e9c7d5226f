"""Annotated data: reading, validating, summarising, hashing and loading as a ``datasets.Dataset``.

The one loader that training and evaluation both use is :func:`load_dataset`. An annotation file
follows the guideline's JSONL format (one object per line, one file per report, reading order).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import AnnotationError
from .schema import ANNOTATION_SUFFIX, LABELS, REQUIRED_KEYS
from .model.structure import plain


@dataclass
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}{':' + str(self.line) if self.line is not None else ''}: {self.message}"


@dataclass
class ValidationResult:
    files: int = 0
    sentences: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def annotation_files(path: str | Path) -> list[Path]:
    """The JSONL files of a file or folder (recursively), sorted; raises if there are none."""
    path = Path(path)
    if not path.exists():
        raise AnnotationError("no such file or folder", path)
    if path.is_file():
        return [path]
    files = sorted(p for p in path.rglob(f"*{ANNOTATION_SUFFIX}") if p.is_file())
    if not files:
        raise AnnotationError(f"folder has no {ANNOTATION_SUFFIX} annotation files", path)
    return files


def _parse_lines(path: Path) -> Iterable[tuple[int, object, str | None]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        yield (1, None, f"not UTF-8 text (byte {exc.start})")
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line), None
        except json.JSONDecodeError as exc:
            yield n, None, f"invalid JSON ({exc.msg} at column {exc.colno})"


def check_record(obj: object, labelled: bool = True) -> str | None:
    """Why one parsed line breaks the format, or None."""
    if not isinstance(obj, dict):
        return "line is not a JSON object"
    keys = REQUIRED_KEYS if labelled else tuple(k for k in REQUIRED_KEYS if k != "label")
    missing = [k for k in keys if k not in obj]
    if missing:
        return "missing key " + ", ".join(repr(k) for k in missing)
    for k in ("report", "text"):
        if not isinstance(obj[k], str):
            return f"{k!r} must be a string"
    if not obj["text"].strip():
        return "empty sentence"
    if "section" in obj and obj["section"] is not None and not isinstance(obj["section"], str):
        return "'section' must be a string"
    if labelled and obj.get("label") not in LABELS:
        return f"unknown label {obj.get('label')!r} (expected one of {', '.join(LABELS)})"
    return None


def check_duplicate(obj: dict, n: int, seen: dict) -> str | None:
    """Why a valid record repeats an earlier one of its file (same report, same sentence once
    whitespace is folded), or None; ``seen`` maps each earlier (report, sentence) to its line.
    The validator and the training loader both call this, so both refuse the same files."""
    key = (obj["report"], " ".join(obj["text"].split()))
    if key in seen:
        return f"duplicate sentence (same as line {seen[key]})"
    seen[key] = n
    return None


def read_annotations(path: str | Path, labelled: bool = True, duplicates: bool = False) -> list[dict]:
    """All records of a file or folder in reading order; raises :class:`AnnotationError` at the
    first bad line, with the message :func:`validate` gives for it. ``duplicates=True`` lets a
    repeated sentence through (the annotate app's own files, which hold every occurrence)."""
    records: list[dict] = []
    for f in annotation_files(path):
        seen: dict[tuple[str, str], int] = {}
        for n, obj, err in _parse_lines(f):
            err = err or check_record(obj, labelled) or (None if duplicates else check_duplicate(obj, n, seen))
            if err:
                raise AnnotationError(err, f, n)
            rec = dict(obj)
            rec.setdefault("section", "")
            rec["section"] = rec["section"] or ""
            rec["_file"] = str(f)
            rec["_line"] = n
            records.append(rec)
    if not records:
        raise AnnotationError("no annotated sentences", path)
    return records


def validate(path: str | Path, reports_dir: str | Path | None = None) -> ValidationResult:
    """Check every line of every annotation file; collect all problems instead of stopping at the first."""
    from .schema import REPORTS_DIR

    result = ValidationResult()
    try:
        files = annotation_files(path)
    except AnnotationError as exc:
        result.problems.append(Problem(exc.path or str(path), None, exc.message))
        return result
    report_dirs = [Path(reports_dir)] if reports_dir else []
    report_dirs += [Path(path) if Path(path).is_dir() else Path(path).parent] + ([REPORTS_DIR] if REPORTS_DIR else [])
    report_text_cache: dict[str, str | None] = {}
    for f in files:
        result.files += 1
        before = result.sentences
        seen: dict[tuple[str, str], int] = {}
        for n, obj, err in _parse_lines(f):
            err = err or check_record(obj)
            if err:
                result.problems.append(Problem(str(f), n, err))
                continue
            result.sentences += 1
            dup = check_duplicate(obj, n, seen)
            if dup:
                result.problems.append(Problem(str(f), n, dup))
            if obj.get("source", "report") != "report":
                continue  # written sentences (the bank) have no report text to be found in
            rid = obj["report"]
            if rid not in report_text_cache:
                report_text_cache[rid] = _report_plain_text(rid, report_dirs)
            text = report_text_cache[rid]
            if text is not None and " ".join(plain(obj["text"]).split()) not in text:
                result.problems.append(Problem(str(f), n, f"sentence not found in the text of report {rid!r}"))
        if result.sentences == before and not any(p.path == str(f) for p in result.problems):
            result.problems.append(Problem(str(f), None, "no annotated sentences"))
    return result


def _report_plain_text(report_id: str, dirs: list[Path]) -> str | None:
    from .model.reading import read_report
    from .schema import REPORT_SUFFIXES

    for d in dirs:
        for suffix in sorted(REPORT_SUFFIXES):
            p = d / f"{report_id}{suffix}"
            if p.is_file():
                return " ".join(plain(read_report(p).text).split())
    return None


def stats(records: list[dict]) -> dict:
    """Counts per label and per report (and per source)."""
    per_report: dict[str, Counter] = {}
    for r in records:
        per_report.setdefault(r["report"], Counter())[r["label"]] += 1
    total = Counter(r["label"] for r in records)
    return {
        "sentences": len(records),
        "reports": len(per_report),
        "labels": {lab: total.get(lab, 0) for lab in LABELS},
        "per_report": {rid: {lab: c.get(lab, 0) for lab in LABELS} for rid, c in per_report.items()},
    }


def data_hash(path: str | Path) -> str:
    """A SHA-256 over the annotation files of a file or folder (names relative to it, then contents)."""
    path = Path(path)
    h = hashlib.sha256()
    for f in annotation_files(path):
        rel = f.name if path.is_file() else f.relative_to(path).as_posix()
        h.update(rel.encode() + b"\0")
        h.update(f.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()


def load_dataset(path: str | Path, labelled: bool = True):
    """The corpus as a Hugging Face ``datasets.Dataset``.

    Columns: ``index`` (a stable sentence index: position in reading order across the sorted files),
    ``report``, ``section``, ``text``, ``label``, ``source`` ("report" or "bank") and ``block``
    ("paragraph", "list_item", or "" when the file does not say).
    """
    from datasets import Dataset

    records = read_annotations(path, labelled=labelled)
    columns = {
        "index": list(range(len(records))),
        "report": [r["report"] for r in records],
        "section": [r["section"] for r in records],
        "text": [r["text"] for r in records],
        "label": [r.get("label", "") for r in records],
        "source": [r.get("source", "report") for r in records],
        "block": [r.get("block") or "" for r in records],
    }
    return Dataset.from_dict(columns)


def agreement(path_a: str | Path, path_b: str | Path) -> dict:
    """Agreement between two annotation passes over the same sentences (matched by report and text):
    observed agreement, Cohen's kappa, the confusion (rows: pass A) and the disagreeing sentences."""
    from sklearn.metrics import cohen_kappa_score, confusion_matrix, f1_score

    a = {(r["report"], r["text"]): r["label"] for r in read_annotations(path_a)}
    b = {(r["report"], r["text"]): r["label"] for r in read_annotations(path_b)}
    common = [k for k in a if k in b]
    if not common:
        raise AnnotationError("the two passes share no sentence (matched by report and text)", path_b)
    la = [a[k] for k in common]
    lb = [b[k] for k in common]
    return {
        "n": len(common),
        "reports": sorted({k[0] for k in common}),
        "only_in_a": len(a) - len(common),
        "only_in_b": len(b) - len(common),
        "observed": sum(x == y for x, y in zip(la, lb)) / len(common),
        "kappa": float(cohen_kappa_score(la, lb, labels=list(LABELS))),
        "macro_f1": float(f1_score(la, lb, labels=list(LABELS), average="macro", zero_division=0)),
        "confusion": {"labels": list(LABELS), "matrix": confusion_matrix(la, lb, labels=list(LABELS)).tolist()},
        "disagreements": [{"report": k[0], "text": k[1], "a": a[k], "b": b[k]} for k in common if a[k] != b[k]],
        "sentences": common,
    }
