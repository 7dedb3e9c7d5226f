"""What one decision costs in `findings annotate`: the whole report file rewritten atomically with
fsync, beside two references measured in the same run on the same folder.

    python benchmarks/annotate_writes.py [--report data/reports/birmingham-peer-challenge-2016.txt]

Labels every sentence of the report (the largest of the five by default) through ``Session.decide``
in uncertain order, so the file grows from 1 line to all of them, and prints the median and 95th
percentile time per decision; then the same sequence of file contents written (a) with the
project's ``atomic.write_text`` (rename, no fsync) and (b) by appending one line and fsync-ing.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _figures(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    return f"median {statistics.median(times) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms   total {sum(times):6.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--report", default=str(ROOT / "data/reports/birmingham-peer-challenge-2016.txt"))
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    from finding_classifier.annotate import Session, build_reports
    from finding_classifier.atomic import write_text

    entries, _ = build_reports([args.report], args.model)
    n = len(entries[0].sentences)
    with tempfile.TemporaryDirectory() as tmp:
        session = Session(entries, Path(tmp) / "session", "bench", "uncertain")
        decide = []
        for report, index in list(session.order):
            s = session.sentence(report, index)
            t = time.perf_counter()
            session.decide(report, index, s.suggested)
            decide.append(time.perf_counter() - t)
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in session.records()]

        ref_dir = Path(tmp) / "reference"
        ref_dir.mkdir()
        rename = []
        for k in range(1, n + 1):
            t = time.perf_counter()
            write_text(ref_dir / "r.jsonl", "".join(lines[:k]))
            rename.append(time.perf_counter() - t)
        append = []
        with open(ref_dir / "append.jsonl", "a", encoding="utf-8") as f:
            for line in lines:
                t = time.perf_counter()
                f.write(line)
                f.flush()
                os.fsync(f.fileno())
                append.append(time.perf_counter() - t)

    print(f"{n} decisions on {Path(args.report).name} (final file {sum(len(x.encode()) for x in lines) / 1024:.0f} KiB)")
    print(f"  Session.decide (rewrite + fsync + rename)   {_figures(decide)}")
    print(f"  reference: atomic.write_text (no fsync)     {_figures(rename)}")
    print(f"  reference: append one line + fsync          {_figures(append)}")


if __name__ == "__main__":
    main()
