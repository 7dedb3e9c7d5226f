"""Line model or staged rules? Each shared report held out in turn.

    python benchmarks/line_layout.py [--renderings 24] [--shapes ...]

For every report, the line model is trained on degradations of the *other four* reports only
(``training/line_layout.py``), then the held-out report is rendered in every plain-text shape of
``benchmarks/shapes/text.py`` and segmented twice: with the staged rules (which are not trained)
and with that fold's line model. Prints sentence-set F1 against ``data/annotations/`` per report
and shape, and the totals per shape (distinct sentence texts, summed over the five reports).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from formats import gold, segment_file, sources  # noqa: E402
from shapes.text import SHAPES  # noqa: E402

from finding_classifier.model.structure import plain  # noqa: E402
from finding_classifier.model.structure.layout import LineModel, StagedRules, using  # noqa: E402
from finding_classifier.training.line_layout import fit, settings  # noqa: E402


def fold(s: str) -> str:
    return " ".join(plain(s).split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--renderings", type=int, default=settings()["renderings"])
    ap.add_argument("--shapes", help="comma-separated text shapes (default: all but original)")
    args = ap.parse_args()
    shapes = args.shapes.split(",") if args.shapes else [s for s in SHAPES if s != "original"]
    srcs = sources(None)
    totals = {(s, e): [0, 0, 0] for s in shapes for e in ("rules", "model")}
    print(f"line model trained on {args.renderings} renderings of each of the four other reports")
    print(f"{'held-out report':<40} {'shape':<20} {'rules F1':>8} {'model F1':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for src in srcs:
            t = time.perf_counter()
            model = LineModel(fit([s.text for s in srcs if s.id != src.id], renderings=args.renderings))
            fit_s = time.perf_counter() - t
            want = gold(src.id)
            for shape in shapes:
                folder = Path(tmp) / shape
                folder.mkdir(exist_ok=True)
                path = SHAPES[shape](src, folder).path
                f1 = {}
                for name, engine in (("rules", StagedRules()), ("model", model)):
                    with using(engine):
                        _text, records = segment_file(path)
                    got = {fold(r["text"]) for r in records}
                    tp = len(got & want)
                    acc = totals[(shape, name)]
                    acc[0] += tp
                    acc[1] += len(got)
                    acc[2] += len(want)
                    f1[name] = 2 * tp / (len(got) + len(want)) if got or want else 1.0
                print(f"{src.id:<40} {shape:<20} {f1['rules']:8.3f} {f1['model']:8.3f}")
            print(f"{'':<40} (fold model fitted in {fit_s:.1f} s)")
    print()
    print(f"{'all five reports':<40} {'shape':<20} {'rules F1':>8} {'model F1':>8}")
    for shape in shapes:
        r = totals[(shape, "rules")]
        m = totals[(shape, "model")]
        print(f"{'':<40} {shape:<20} {2 * r[0] / (r[1] + r[2]):8.3f} {2 * m[0] / (m[1] + m[2]):8.3f}")


if __name__ == "__main__":
    main()
