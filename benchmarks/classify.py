"""Classification speed and memory, each beside a reference measured in the same run.

    python benchmarks/classify.py [--runs 7] [--model DIR]

Prints, on one core (BLAS threads pinned to one):

- end to end, report text in memory to labels, over the five shared reports (model loaded once),
  against spaCy's bare English tokenizer on the same texts: the ratio (target: at most 2x);
- model load time (target: under 100 ms);
- a cold ``findings classify`` of the largest report in a new process against
  ``python -c "import spacy, sklearn"`` (target: at most 1.5x), and that process's peak memory
  (target: under 250 MB);
- ``--jobs 1`` against ``--jobs 2`` on the shared reports (a small batch: one process either way) and
  on a folder of 40 copies of them (1.1 MB, where workers start).

Medians of the runs; the machine may be busy, which is why every figure has its reference beside it.
The end-to-end ratio is also given by process CPU time, the minimum over the runs with the tokenizer
and the pipeline timed alternately (so both see the same load): on a shared machine that figure is
the steadier one.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def timed_together(fns, runs: int) -> list[tuple[float, float]]:
    """(median wall time, minimum process CPU time) of each function, timed in turn in every run."""
    walls = [[] for _ in fns]
    cpus = [[] for _ in fns]
    for _ in range(runs):
        for k, fn in enumerate(fns):
            w, c = time.perf_counter(), time.process_time()
            fn()
            cpus[k].append(time.process_time() - c)
            walls[k].append(time.perf_counter() - w)
    return [(statistics.median(w), min(c)) for w, c in zip(walls, cpus)]


def run_process(cmd: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}: {proc.stderr.read().decode()[-500:]}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")

    import spacy

    from finding_classifier.model.classification.component import load
    from finding_classifier.model.persistence import load_model
    from finding_classifier.model.reading import read_report

    texts = [read_report(p).text for p in sorted(REPORTS.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.blank("en").tokenizer
    nlp = load(args.model)
    n = sum(len(nlp(t).spans["sentences"]) for t in texts)  # warm both once
    [bare(t) for t in texts]
    (t_bare, c_bare), (t_full, c_full) = timed_together([lambda: [bare(t) for t in texts], lambda: [nlp(t) for t in texts]],
                                                        max(args.runs, 15))
    print(f"five reports, {words:,} words, {n} sentences (median wall / min CPU)")
    print(f"  spaCy bare tokenizer      {t_bare * 1000:7.0f} ms / {c_bare * 1000:4.0f} ms")
    print(f"  end to end (text->labels) {t_full * 1000:7.0f} ms / {c_full * 1000:4.0f} ms  {n / t_full:,.0f} sentences/s  "
          f"{t_full / t_bare:.2f}x / {c_full / c_bare:.2f}x the tokenizer (target <= 2x)")
    t_load = timed(lambda: load_model(args.model), args.runs)
    print(f"model load                  {t_load * 1000:7.0f} ms (target < 100 ms)")

    findings = str(Path(sys.executable).with_name("findings"))
    largest = max(REPORTS.glob("*.txt"), key=lambda p: p.stat().st_size)
    model = ["--model", args.model] if args.model else []
    ref, cold, peaks = [], [], []
    for _ in range(3):
        ref.append(run_process([sys.executable, "-c", "import spacy, sklearn"])[0])
        wall, peak = run_process([findings, "classify", str(largest), "--format", "jsonl", *model])
        cold.append(wall)
        peaks.append(peak)
    r, c = statistics.median(ref), statistics.median(cold)
    print(f"cold start: python -c 'import spacy, sklearn' {r:.2f} s; findings classify {largest.name} {c:.2f} s "
          f"= {c / r:.2f}x (target <= 1.5x); peak memory {max(peaks):.0f} MB (target < 250 MB)")

    with tempfile.TemporaryDirectory() as tmp:
        many = Path(tmp) / "many"
        many.mkdir()
        for k in range(8):
            for p in REPORTS.glob("*.txt"):
                shutil.copy(p, many / f"{p.stem}-{k}.txt")
        for label, folder in (("shared reports (139 KB)", REPORTS), ("40 copies (1.1 MB)", many)):
            one = statistics.median(run_process([findings, "classify", str(folder), "-f", "jsonl", *model])[0] for _ in range(3))
            two = statistics.median(run_process([findings, "classify", str(folder), "-f", "jsonl", "--jobs", "2", *model])[0] for _ in range(3))
            print(f"--jobs on {label}: 1 job {one:.2f} s, 2 jobs {two:.2f} s ({one / two:.2f}x faster with 2)")


if __name__ == "__main__":
    main()
