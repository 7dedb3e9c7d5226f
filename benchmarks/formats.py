"""How well the segmenter reads the shared reports in every shape people have them.

    python benchmarks/formats.py [--shapes original,wrapped-72] [--reports wirral-la-learning]
                                 [--show 5] [--keep DIR] [--json]

Each module of ``benchmarks/shapes/`` renders the five reports of ``data/reports/`` into its shapes
(re-wrapped text, one line per block, a saved web page, a PDF, a Word file...). For every report and
shape the driver reads the rendered file with ``read_report``, segments it and prints, per shape:

- sentence-set precision, recall and F1 (distinct sentence texts) against ``data/annotations/`` (summed over the reports;
  texts compared after ``plain()`` and whitespace folding) and the worst report's F1;
- ``furniture``: output sentences that contain a furniture string the shape inserted (cookie
  banner, download link, running header...);
- ``bad offsets``: output sentences whose ``start``/``end`` slice of the text that was read does not
  give back the sentence (after ``plain()`` and whitespace folding);
- the time spent reading and segmenting.

Target: F1 >= 0.97 for every shape, no furniture, no bad offsets; ``original`` stays at 1.000.
``--show N`` prints up to N missing and extra sentences per shape and report.
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import shapes  # noqa: E402
from shapes import ShapeUnavailable, Source  # noqa: E402

from finding_classifier.errors import FindingError  # noqa: E402
from finding_classifier.model.reading import read_report  # noqa: E402
from finding_classifier.model.sentences import get_nlp, segment_report, sentence_records  # noqa: E402
from finding_classifier.model.structure import parse_blocks, plain  # noqa: E402
from finding_classifier.schema import ANNOTATIONS_DIR, REPORTS_DIR  # noqa: E402


def fold(s: str) -> str:
    return " ".join(plain(s).split())


def load_shapes() -> dict:
    """Every shape of every module in ``benchmarks/shapes/``, in module order (text first)."""
    found: dict = {}
    names = sorted(m.name for m in pkgutil.iter_modules(shapes.__path__))
    for name in sorted(names, key=lambda n: (n != "text", n)):
        try:
            mod = importlib.import_module(f"shapes.{name}")
        except ImportError as exc:  # a module whose renderer needs a package this machine lacks
            print(f"note: shapes.{name} skipped ({exc})", file=sys.stderr)
            continue
        for shape, fn in getattr(mod, "SHAPES", {}).items():
            found[shape] = fn
    return found


def sources(report_ids: list[str] | None) -> list[Source]:
    out = []
    for path in sorted(REPORTS_DIR.glob("*.txt")):
        if report_ids and path.stem not in report_ids:
            continue
        text = path.read_text(encoding="utf-8")
        out.append(Source(path.stem, text, parse_blocks(text), path))
    return out


def gold(report_id: str) -> set[str]:
    """The annotated sentences of a report, as a set (the corpus keeps a repeated sentence once)."""
    with open(ANNOTATIONS_DIR / f"{report_id}.jsonl", encoding="utf-8") as f:
        return {fold(json.loads(line)["text"]) for line in f if line.strip()}


def segment_file(path: Path) -> tuple[str, list[dict]]:
    """Read a file and segment it as ``findings segment`` does (canonical text by its markers)."""
    report = read_report(path)
    return report.text, [_r.to_dict() for _r in sentence_records(segment_report(report))]


@dataclass
class Result:
    shape: str
    tp: int = 0
    predicted: int = 0
    annotated: int = 0
    furniture: int = 0
    bad_offsets: int = 0
    seconds: float = 0.0
    per_report: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    skipped: str = ""

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.annotated if self.annotated else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def f1_of(tp: int, pred: int, ann: int) -> float:
    return 2 * tp / (pred + ann) if pred + ann else 1.0


def run_shape(shape: str, fn, srcs: list[Source], work: Path, show: int) -> Result:
    res = Result(shape)
    folder = work / shape
    folder.mkdir(parents=True, exist_ok=True)
    for src in srcs:
        want = gold(src.id)
        try:
            rendered = fn(src, folder)
        except ShapeUnavailable as exc:
            res.skipped = str(exc)
            return res
        t = time.perf_counter()
        try:
            text, records = segment_file(rendered.path)
        except FindingError as exc:
            res.errors.append(str(exc))
            text, records = "", []
        res.seconds += time.perf_counter() - t
        got = {fold(r["text"]) for r in records}
        tp = len(got & want)
        furniture = [fold(f) for f in rendered.furniture if fold(f)]
        n_furn = sum(1 for r in records if any(f in fold(r["text"]) for f in furniture))
        bad = sum(1 for r in records if fold(text[r["start"] : r["end"]]) != fold(r["text"]))
        res.tp += tp
        res.predicted += len(got)
        res.annotated += len(want)
        res.furniture += n_furn
        res.bad_offsets += bad
        res.per_report[src.id] = f1_of(tp, len(got), len(want))
        if show and (got != want or n_furn or bad):
            print(f"--- {shape} / {src.id}: F1 {res.per_report[src.id]:.3f}, furniture {n_furn}, bad offsets {bad}")
            for s in sorted(want - got)[:show]:
                print(f"  missing: {s[:150]}")
            for s in sorted(got - want)[:show]:
                print(f"  extra:   {s[:150]}")
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", help="comma-separated shape names (default: all)")
    ap.add_argument("--reports", help="comma-separated report ids (default: all five)")
    ap.add_argument("--show", type=int, default=0, help="print up to N missing/extra sentences per shape and report")
    ap.add_argument("--keep", type=Path, help="write the rendered files here and keep them")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()

    all_shapes = load_shapes()
    wanted = args.shapes.split(",") if args.shapes else list(all_shapes)
    unknown = [s for s in wanted if s not in all_shapes]
    if unknown:
        ap.error(f"unknown shape(s) {', '.join(unknown)}; known: {', '.join(all_shapes)}")
    srcs = sources(args.reports.split(",") if args.reports else None)
    if not srcs:
        ap.error("no report selected")
    get_nlp()  # build the pipeline outside the timings

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        results = [run_shape(s, all_shapes[s], srcs, work, args.show) for s in wanted]

    if args.json:
        print(json.dumps([
            {"shape": r.shape, "precision": r.precision, "recall": r.recall, "f1": r.f1, "predicted": r.predicted,
             "annotated": r.annotated, "furniture": r.furniture, "bad_offsets": r.bad_offsets, "seconds": r.seconds,
             "per_report": r.per_report, "errors": r.errors, "skipped": r.skipped}
            for r in results
        ], indent=2))
        return
    print(f"reports: {len(srcs)}  annotated sentences: {sum(len(gold(s.id)) for s in srcs)}  target: F1 >= 0.97, furniture 0")
    head = f"{'shape':<20} {'P':>6} {'R':>6} {'F1':>6} {'min F1':>7} {'out':>5} {'furniture':>9} {'bad offsets':>11} {'seconds':>8}"
    print(head)
    print("-" * len(head))
    for r in results:
        if r.skipped:
            print(f"{r.shape:<20} skipped: {r.skipped}")
            continue
        worst = min(r.per_report.values()) if r.per_report else 0.0
        print(f"{r.shape:<20} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} {worst:7.3f} {r.predicted:5d} {r.furniture:9d} {r.bad_offsets:11d} {r.seconds:8.2f}")
        for e in r.errors:
            print(f"    error: {e}")


if __name__ == "__main__":
    main()
