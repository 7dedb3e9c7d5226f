"""One annotation session: the model's suggestions, the order they are served in, the decisions
made (written at once), undo, and resuming from what an earlier session wrote.

Nothing here knows about HTTP; the server only calls :class:`Session` methods.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FindingError
from ..schema import LABELS
from .storage import check_report_id, prepare_folder, read_records, remove_stale_temporaries, report_path, write_records
from .summary import Summary, summarize

ORDERS = ("document", "uncertain")
CONTEXT = 2  # sentences shown before and after the one on screen


@dataclass
class Sentence:
    """A sentence waiting for a decision, with the model's suggestion."""

    report: str
    index: int  # position in the report's reading order
    section: str
    start: int
    end: int
    text: str
    block: str
    suggested: str
    probabilities: dict[str, float]

    @property
    def key(self) -> tuple[str, int]:
        return (self.report, self.index)

    @property
    def confidence(self) -> float:
        return self.probabilities[self.suggested]

    @property
    def margin(self) -> float:
        """How far the model's first choice is ahead of its second (0: a coin toss)."""
        return margin(self.probabilities)


def margin(probabilities: dict[str, float]) -> float:
    top = sorted(probabilities.values(), reverse=True) + [0.0, 0.0]
    return top[0] - top[1]


@dataclass
class ReportEntry:
    id: str
    name: str  # the file it was read from, for the screen
    sentences: list[Sentence] = field(default_factory=list)


def serving_order(reports: list[ReportEntry], order: str) -> list[tuple[str, int]]:
    """Sentence keys in the order they are served: reading order, or the smallest margin first."""
    if order not in ORDERS:
        raise FindingError(f"unknown order {order!r} (expected {' or '.join(ORDERS)})")
    keyed = [(n, s) for n, r in enumerate(reports) for s in r.sentences]
    if order == "uncertain":
        keyed.sort(key=lambda ns: (round(ns[1].margin, 6), ns[0], ns[1].index))
    return [s.key for _, s in keyed]


def _norm(text: str) -> str:
    return " ".join(text.split())


class Session:
    def __init__(self, reports: list[ReportEntry], folder: str | Path, annotator: str | None = None, order: str = "document"):
        self.folder = prepare_folder(folder)
        self.annotator = annotator or None
        self.order_name = order
        self.reports = reports
        self._reports = {r.id: r for r in reports}
        if len(self._reports) != len(reports):
            raise FindingError("two reports have the same id")
        for r in reports:
            why = check_report_id(r.id)
            if why:
                raise FindingError(why, r.name)
        self._by_key = {s.key: s for r in reports for s in r.sentences}
        self.order = serving_order(reports, order)
        self._pos = {k: i for i, k in enumerate(self.order)}
        self.decisions: dict[tuple[str, int], dict] = {}
        self.kept: dict[str, list[dict]] = {r.id: [] for r in reports}  # records found in a file and left as they were
        self.history: list[tuple[tuple[str, int], dict | None]] = []
        self.warnings: list[str] = []
        self._lock = threading.Lock()
        remove_stale_temporaries(self.folder, [r.id for r in reports])
        self._resume()

    # -- reading back ---------------------------------------------------------------------------
    def _resume(self) -> None:
        for r in self.reports:
            path = report_path(self.folder, r.id)
            by_text: dict[str, list[Sentence]] = {}
            for s in r.sentences:
                by_text.setdefault(_norm(s.text), []).append(s)
            unmatched = 0
            for rec in read_records(path):
                candidates = [s for s in by_text.get(_norm(rec["text"]), []) if s.key not in self.decisions]
                if rec.get("report") != r.id or not candidates:
                    self.kept[r.id].append(rec)
                    unmatched += 1
                    continue
                s = next((s for s in candidates if s.start == rec.get("start")), candidates[0])
                self.decisions[s.key] = rec
            if unmatched:
                self.warnings.append(f"{path}: {unmatched} line(s) match no sentence of the report as segmented now; kept as they are")

    # -- what the page shows -------------------------------------------------------------------
    @property
    def total(self) -> int:
        return len(self.order)

    def sentence(self, report: str, index: int) -> Sentence:
        s = self._by_key.get((report, index)) if type(report) is str and type(index) is int else None
        if s is None:
            raise KeyError((report, index))
        return s

    def label_of(self, key: tuple[str, int]) -> str | None:
        rec = self.decisions.get(key)
        return rec["label"] if rec else None

    def resume_position(self) -> int | None:
        """The first undecided sentence in serving order (None when all are done)."""
        return self.next_open(-1)

    def next_open(self, pos: int) -> int | None:
        """The next undecided sentence after ``pos`` in serving order, wrapping round; None when all are done."""
        n = len(self.order)
        for step in range(1, n + 1):
            p = (pos + step) % n
            if self.order[p] not in self.decisions:
                return p
        return None

    def item(self, pos: int) -> dict:
        key = self.order[pos]
        s = self._by_key[key]
        sents = self._reports[s.report].sentences

        def ctx(t: Sentence) -> dict:
            return {"text": t.text, "section": t.section, "label": self.label_of(t.key)}

        rec = self.decisions.get(key)
        return {
            "pos": pos,
            "total": self.total,
            "report": s.report,
            "report_name": self._reports[s.report].name,
            "index": s.index,
            "report_sentences": len(sents),
            "section": s.section,
            "block": s.block,
            "text": s.text,
            "suggested": s.suggested,
            "confidence": s.confidence,
            "margin": round(s.margin, 4),
            "probabilities": s.probabilities,
            "label": rec["label"] if rec else None,
            "before": [ctx(t) for t in sents[max(0, s.index - CONTEXT):s.index]],
            "after": [ctx(t) for t in sents[s.index + 1:s.index + 1 + CONTEXT]],
            "file": report_path(self.folder, s.report).name,
        }

    def progress(self) -> dict:
        per = []
        for r in self.reports:
            done = sum(1 for s in r.sentences if s.key in self.decisions)
            per.append({"id": r.id, "name": r.name, "done": done, "total": len(r.sentences)})
        return {
            "done": sum(p["done"] for p in per),
            "total": self.total,
            "reports": per,
            "can_undo": bool(self.history),
        }

    def records(self) -> list[dict]:
        """Everything in this session's files, in the order it is written."""
        return [rec for r in self.reports for rec in self._file_records(r.id)]

    def summary(self) -> Summary:
        return summarize(self.records())

    # -- decisions -----------------------------------------------------------------------------
    def decide(self, report: str, index: int, label: str) -> int | None:
        """Record ``label`` for a sentence, write its report's file, and return the next position to show."""
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}")
        s = self.sentence(report, index)
        with self._lock:
            previous = self.decisions.get(s.key)
            self.decisions[s.key] = self._record(s, label, previous)
            try:
                self._write(s.report)
            except FindingError:
                self._restore(s.key, previous)
                raise
            self.history.append((s.key, previous))
            return self.next_open(self._pos[s.key])

    def accept(self, report: str, index: int) -> int | None:
        s = self.sentence(report, index)
        return self.decide(report, index, s.suggested)

    def undo(self) -> int | None:
        """Take back the last decision of this session; returns the position of its sentence (None if none)."""
        with self._lock:
            if not self.history:
                return None
            key, previous = self.history[-1]
            current = self.decisions.get(key)
            self._restore(key, previous)
            try:
                self._write(key[0])
            except FindingError:
                self._restore(key, current)
                raise
            self.history.pop()
            return self._pos[key]

    def _restore(self, key, record: dict | None) -> None:
        if record is None:
            self.decisions.pop(key, None)
        else:
            self.decisions[key] = record

    def _record(self, s: Sentence, label: str, previous: dict | None) -> dict:
        rec = {"report": s.report, "section": s.section, "text": s.text, "label": label}
        annotator = self.annotator or (previous or {}).get("annotator")
        if annotator:
            rec["annotator"] = annotator
        if previous and previous.get("note"):
            rec["note"] = previous["note"]
        rec.update({
            "start": s.start, "end": s.end, "block": s.block, "source": "report",
            "suggested": s.suggested, "confidence": round(s.confidence, 4), "changed": label != s.suggested,
        })
        return rec

    def _file_records(self, report_id: str) -> list[dict]:
        rows = [(self._by_key[k].start, 0, self._by_key[k].index, rec) for k, rec in self.decisions.items() if k[0] == report_id]
        big = float("inf")
        rows += [(rec["start"] if isinstance(rec.get("start"), int) else big, 1, i, rec) for i, rec in enumerate(self.kept[report_id])]
        return [rec for *_, rec in sorted(rows, key=lambda row: row[:3])]

    def _write(self, report_id: str) -> None:
        write_records(report_path(self.folder, report_id), self._file_records(report_id))


def build_reports(inputs: list[str], model: str | None = None) -> tuple[list[ReportEntry], list[str]]:
    """Read, segment and pre-label the reports; returns them and one warning line per problem.

    Raises :class:`FindingError` when no report could be read.
    """
    from ..model.classification.component import load, rows_from_doc
    from ..model.reading import expand_inputs, read_report

    if "-" in inputs:
        raise FindingError("annotate needs report files: standard input has no file name to resume by")
    paths, failures = expand_inputs(inputs)
    warnings = [str(f) for f in failures]
    reports: list[tuple[str, object]] = []
    for path in paths:
        try:
            reports.append((path, read_report(path)))
        except FindingError as exc:
            warnings.append(str(exc))
    if not reports:
        raise FindingError("no report could be read; nothing to annotate")
    seen: dict[str, int] = {}
    ids = []
    for path, report in reports:  # ids first: a bad one fails before the model is loaded
        warnings += [str(w) for w in report.warnings]
        rid = report.id
        seen[rid] = seen.get(rid, 0) + 1
        if seen[rid] > 1:
            rid = f"{report.id}-{seen[report.id]}"
            warnings.append(f"{path}: another input is also called {report.id!r}; this one is saved as {rid!r}")
        why = check_report_id(rid)
        if why:
            raise FindingError(why + "; rename the file", path)
        ids.append(rid)
    nlp = load(str(model) if model else None)
    entries = []
    for rid, (path, report) in zip(ids, reports):
        doc = nlp(report.text)
        doc._.report = rid
        preds = rows_from_doc(doc)
        if not preds:
            warnings.append(f"{path}: no sentences of body prose found")
            continue
        entry = ReportEntry(rid, Path(path).name)
        entry.sentences = [
            Sentence(rid, i, p.section, p.start, p.end, p.text, p.block, p.label, dict(p.probabilities)) for i, p in enumerate(preds)
        ]
        entries.append(entry)
    if not entries:
        raise FindingError("no sentences of body prose in the reports; nothing to annotate")
    return entries, warnings
