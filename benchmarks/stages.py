"""Where the end-to-end time of ``benchmarks/classify.py`` goes, stage by stage.

    python benchmarks/stages.py [--runs 15] [--model DIR]

Prints the minimum process CPU time over the runs (one core, BLAS threads pinned to one) of each
stage over the five shared reports, beside spaCy's bare English tokenizer on the same texts timed
in the same loop (so the figures can be compared on a busy machine):

- ``parse_report`` (the structure parser), and within it ``markdown_roles`` alone;
- the report tokenizer (parse plus spaCy's tokenizer on the prose blocks) and the segmenter;
- ``inputs_from_doc``;
- every feature block of the model (``sparse`` or ``dense``), each timed alone (so the
  ``decisive_words`` block is shown hashing every sentence; inside ``proba`` it reuses the
  ``words`` block's counts for sentences whose decisive clause is the whole sentence), and the
  whole scoring (``proba``, blocks included).

The stages do not add up exactly to the end-to-end time (spaCy's own pipeline overhead is not
listed); the sum is printed beside the end-to-end time.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")

    import spacy

    from finding_classifier.model.classification.component import load
    from finding_classifier.model.classification.inputs import inputs_from_doc
    from finding_classifier.model.reading import read_report
    from finding_classifier.model.structure import parse_report
    from finding_classifier.model.structure import markdown as md
    from finding_classifier.model.structure.lines import split_lines

    texts = [read_report(p).text for p in sorted(REPORTS.glob("*.txt"))]
    bare = spacy.blank("en").tokenizer
    nlp = load(args.model)
    tok = nlp.tokenizer
    seg = nlp.get_pipe("report_segmenter")
    clf = nlp.get_pipe("finding_classifier")
    model = clf.model
    docs = [seg(tok(t)) for t in texts]
    inputs = [x for d in docs for x in inputs_from_doc(d, texts=model.uses_encoder)]
    md_texts = [(t, split_lines(t)) for t in texts if md.looks_like_markdown(split_lines(t))]

    stages = {
        "spaCy bare tokenizer (reference)": lambda: [bare(t) for t in texts],
        "end to end": lambda: [nlp(t) for t in texts],
        "parse_report": lambda: [parse_report(t) for t in texts],
        f"  markdown_roles ({len(md_texts)} reports)": lambda: [md.markdown_roles(t, split_lines(t)) for t, _ in md_texts],
        "  split_lines (for the line above)": lambda: [split_lines(t) for t, _ in md_texts],
        "report tokenizer (parse + spaCy)": lambda: [tok(t) for t in texts],
        "report segmenter": lambda: [seg(tok(t)) for t in texts],
        "  report tokenizer (for the line above)": lambda: [tok(t) for t in texts],
        "inputs_from_doc": lambda: [inputs_from_doc(d, texts=model.uses_encoder) for d in docs],
    }
    for b in model.blocks:
        fn = b.dense if hasattr(b, "dense") else b.sparse
        stages[f"block {b.name}"] = lambda fn=fn: fn(inputs)
    stages["scoring (proba, blocks included)"] = lambda: model.proba(inputs)
    for fn in stages.values():  # warm every cache once
        fn()
    best = {k: float("inf") for k in stages}
    for _ in range(args.runs):
        for k, fn in stages.items():
            c = time.process_time()
            fn()
            best[k] = min(best[k], time.process_time() - c)
    ref = best["spaCy bare tokenizer (reference)"]
    print(f"five reports, {len(inputs)} sentences; min CPU over {args.runs} runs, and as a multiple of the bare tokenizer")
    for k, v in best.items():
        print(f"  {k:<42} {v * 1000:7.1f} ms  {v / ref:5.2f}x")
    seg_only = best["report segmenter"] - best["  report tokenizer (for the line above)"]
    blocks = sum(v for k, v in best.items() if k.startswith("block "))
    print(f"  (segmenter alone ~{seg_only * 1000:.1f} ms; blocks together {blocks * 1000:.1f} ms, "
          f"so the scoring itself and the counts the blocks share ~{(best['scoring (proba, blocks included)'] - blocks) * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
