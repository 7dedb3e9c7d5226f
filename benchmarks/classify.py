"""Classification speed and memory, end to end from report text to labels, on one core.

    python benchmarks/classify.py [--runs 7] [--model DIR]

Prints: sentences/s over the five reports (median of the runs; text already in memory, the model
loaded once), model load time (median), the wall time of a cold `findings classify` of the largest
report in a new process (median of 3), and the peak resident memory of that process.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

    from finding_classifier.model.classification.component import load
    from finding_classifier.model.persistence import load_model
    from finding_classifier.model.reading import read_report

    loads = []
    for _ in range(args.runs):
        t = time.perf_counter()
        load_model(args.model)
        loads.append(time.perf_counter() - t)
    nlp = load(args.model)
    texts = [read_report(p).text for p in sorted(REPORTS.glob("*.txt"))]
    times, n = [], 0
    for _ in range(args.runs):
        t = time.perf_counter()
        n = sum(len(nlp(text).spans["sentences"]) for text in texts)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(f"end to end (text -> labels): {n} sentences, median {med * 1000:.0f} ms -> {n / med:,.0f} sentences/s (target >= 3,000)")
    print(f"model load: median {statistics.median(loads) * 1000:.0f} ms (target < 500 ms)")

    largest = max(REPORTS.glob("*.txt"), key=lambda p: p.stat().st_size)
    cmd = [sys.executable, "-c", "from finding_classifier.cli import main; main()", "classify", str(largest), "--format", "jsonl"]
    if args.model:
        cmd += ["--model", args.model]
    walls, peaks = [], []
    for _ in range(3):
        t = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t)
        peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
    print(f"cold `findings classify {largest.name}`: median wall {statistics.median(walls):.2f} s (target < 2.5 s)")
    print(f"peak memory of that process: {max(peaks) / 1024:.0f} MB (target < 400 MB)")


if __name__ == "__main__":
    main()
