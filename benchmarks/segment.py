"""Segmentation speed: file to sentences over the five reports, on one core.

    python benchmarks/segment.py [--runs 7] [--against main] [--rounds 3]

Prints sentences/s and words/s (median of the runs). Words are whitespace-separated tokens of the
report files as read (everything the segmenter has to look at, not only the prose it keeps).
Times are the process's CPU time (``time.process_time``), which other work on a shared machine
disturbs less than wall time; the minimum is shown beside the median.

``--against REV`` measures the code of git revision REV in the same run, side by side: REV is
exported to a temporary folder, and the two versions are timed in alternating subprocesses
(``--rounds`` rounds of ``--runs`` runs each), so that both see the same load on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
#: Where each top-level folder of a checkout goes in the installed package.
PACKAGE_DIRS = {"finding_classifier": "finding_classifier", "model": "finding_classifier/model",
                "training": "finding_classifier/training", "evaluate": "finding_classifier/evaluate"}


def measure(runs: int) -> dict:
    from finding_classifier.model.reading import read_report
    from finding_classifier.model.sentences import get_nlp, segment_text

    paths = sorted(REPORTS.glob("*.txt"))
    get_nlp()  # build the pipeline once, outside the timing (as a long-running process would)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    times, n_sent = [], 0
    for _ in range(runs):
        t = time.process_time()
        n_sent = 0
        for p in paths:
            r = read_report(p)
            n_sent += len(segment_text(r.text, r.id).spans["sentences"])
        times.append(time.process_time() - t)
    return {"reports": len(paths), "words": words, "sentences": n_sent, "times": times}


def export(rev: str, folder: Path) -> None:
    """The package of revision ``rev``, laid out as the installed package is."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        for member in tar.getmembers():
            top, _, rest = member.name.partition("/")
            if top in PACKAGE_DIRS and rest and member.isfile():
                target = folder / PACKAGE_DIRS[top] / rest
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(tar.extractfile(member).read())


def run_child(runs: int, pythonpath: str | None) -> dict:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, __file__, "--runs", str(runs), "--child"], check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout)


def report(name: str, r: dict) -> None:
    med = statistics.median(r["times"])
    print(f"{name:<12} median {med * 1000:7.1f} ms  (min {min(r['times']) * 1000:.1f}, max {max(r['times']) * 1000:.1f})"
          f"  sentences: {r['sentences']}  words/s: {r['words'] / med:,.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--against", metavar="REV", help="also time git revision REV, in the same run")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        r = measure(args.runs)
        import finding_classifier.model.structure as s

        r["module"] = s.__file__
        print(json.dumps(r))
        return
    if not args.against:
        r = measure(args.runs)
        print(f"reports: {r['reports']}  words: {r['words']}  sentences: {r['sentences']}  runs: {args.runs}")
        report("this code", r)
        print("(target: words/s >= 50,000)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        export(args.against, Path(tmp))
        ref = {"times": []}
        cur = {"times": []}
        for _ in range(args.rounds):
            for acc, path in ((ref, tmp), (cur, None)):
                r = run_child(args.runs, path)
                acc["times"] += r["times"]
                acc.update({k: v for k, v in r.items() if k != "times"})
        if not ref["module"].startswith(tmp):
            sys.exit(f"the reference run imported {ref['module']}, not the exported revision")
    print(f"reports: {cur['reports']}  words: {cur['words']}  rounds: {args.rounds} x {args.runs} runs, alternating")
    report(args.against, ref)
    report("this code", cur)
    print(f"this code takes {statistics.median(cur['times']) / statistics.median(ref['times']):.2f}x the time of {args.against} "
          f"(median; {min(cur['times']) / min(ref['times']):.2f}x by the fastest runs)")


if __name__ == "__main__":
    main()
