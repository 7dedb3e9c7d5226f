"""The accurate model (fast model + frozen sentence encoder) against the fast model, in the same run.

    python benchmarks/accurate.py [--accurate accurate] [--fast fast] [--runs 3] [--sentences 821]

Each figure is measured in a new Python process per model, so imports and memory are the model's own:

- model load time (``load_model``: reading the folder and, for the accurate model, resolving the
  encoder, checking its weights' SHA-256 and starting the ONNX Runtime session);
- sentences per second of the classifier (features and probabilities) over the annotated sentences
  of the five shared reports, with one and with two threads (``OMP_NUM_THREADS`` and ONNX Runtime's
  intra-op threads), the embedding cache off;
- that process's peak resident memory.

Medians of ``--runs`` runs. The machine may be shared, which is why both models are measured side by
side in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
model_name, limit = sys.argv[1], int(sys.argv[2])
t = time.perf_counter()
from finding_classifier.model.persistence import load_model
model, meta = load_model(model_name)
load = time.perf_counter() - t
from finding_classifier.corpus import load_dataset
from finding_classifier.training.config import default_annotations
from finding_classifier.model.classification.inputs import inputs_from_records
records = load_dataset(default_annotations()).to_list()[:limit]
inputs = inputs_from_records(records)
model.proba(inputs[:8])  # warm up
t = time.perf_counter()
model.proba(inputs)
run = time.perf_counter() - t
print(json.dumps({"load_s": load, "sentences": len(inputs), "per_s": len(inputs) / run,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(model: str, threads: int, limit: int) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    proc = subprocess.run([sys.executable, "-c", CHILD, model, str(limit)], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"{model}: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else 'failed'}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--accurate", default="accurate")
    ap.add_argument("--fast", default="fast")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sentences", type=int, default=821)
    args = ap.parse_args()
    rows = {}
    for name in (args.fast, args.accurate):
        for threads in (1, 2):
            runs = [measure(name, threads, args.sentences) for _ in range(args.runs)]
            rows[(name, threads)] = {k: statistics.median(r[k] for r in runs) for k in ("load_s", "per_s", "peak_rss_mb")}
            rows[(name, threads)]["sentences"] = runs[0]["sentences"]
    print(f"{'model':<12} {'threads':>7} {'load (s)':>9} {'sentences/s':>12} {'peak RSS (MB)':>14}")
    for (name, threads), r in rows.items():
        print(f"{name:<12} {threads:>7} {r['load_s']:>9.3f} {r['per_s']:>12.1f} {r['peak_rss_mb']:>14.0f}")
    f1, a1 = rows[(args.fast, 1)], rows[(args.accurate, 1)]
    a2 = rows[(args.accurate, 2)]
    print(f"\naccurate vs fast on 1 thread: {f1['per_s'] / a1['per_s']:.0f}x slower, load {a1['load_s'] / max(f1['load_s'], 1e-9):.0f}x longer, "
          f"{a1['peak_rss_mb'] - f1['peak_rss_mb']:.0f} MB more memory; accurate on 2 threads: {a2['per_s'] / a1['per_s']:.2f}x its 1-thread speed "
          f"({rows[(args.accurate, 1)]['sentences']} sentences, median of {args.runs} runs)")


if __name__ == "__main__":
    main()
