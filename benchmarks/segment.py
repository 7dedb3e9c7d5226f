"""Segmentation speed: file to sentences over the five reports, on one core.

    python benchmarks/segment.py [--runs 7]

Prints sentences/s and words/s (median of the runs). Words are whitespace-separated tokens of the
report files as read (everything the segmenter has to look at, not only the prose it keeps).
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from finding_classifier.model.reading import read_report
from finding_classifier.model.sentences import get_nlp, segment_text

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    paths = sorted(REPORTS.glob("*.txt"))
    get_nlp()  # build the pipeline once, outside the timing (as a long-running process would)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    times, n_sent = [], 0
    for _ in range(args.runs):
        t = time.perf_counter()
        n_sent = 0
        for p in paths:
            r = read_report(p)
            n_sent += len(segment_text(r.text, r.id).spans["sentences"])
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(f"reports: {len(paths)}  words: {words}  sentences: {n_sent}  runs: {args.runs}")
    print(f"median time: {med * 1000:.1f} ms  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")
    print(f"sentences/s: {n_sent / med:,.0f}")
    print(f"words/s: {words / med:,.0f}   (target >= 50,000)")


if __name__ == "__main__":
    main()
