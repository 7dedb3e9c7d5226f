"""Time per character of the structure parser and the sentence pipeline on pathological inputs,
side by side with the five shared reports (the reference), in the same run.

    python benchmarks/pathological.py

Inputs: 100,000 characters without a space, 20,000 characters of "1.2.1.2...", 8,000 lines
without a blank line, one 1 MB paragraph, 10,000 lines of "- a", 10,000 headings, 5,000 lines of
nested list items, 5,000 score lines each between two halves of a paragraph (page-break joins), runs
of 5,000 "(", "#" and "\u201c". Target (issue 12): none more than 10x slower per
character than the reference.
"""
from __future__ import annotations

import time
from pathlib import Path

from finding_classifier.model.sentences import segment_text
from finding_classifier.model.structure import parse_blocks

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def cases() -> dict[str, str]:
    return {
        "shared reports (reference)": "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob("*.txt"))),
        "100k chars, no space": "a" * 100_000 + "\n",
        "1.2.1.2... 20k chars": "1.2." * 5_000 + "\n",
        "8,000 lines, no blank": "".join(f"The team met partner number {i} and agreed the plan\n" for i in range(8_000)),
        "1 MB paragraph": "Staff were positive about the training. " * 26_000 + "\n",
        "10,000 lines '- a'": "- a\n" * 10_000,
        "10,000 headings": "".join(f"# Heading {i}\n\n" for i in range(10_000)),
        "nested lists": "".join("  " * (i % 40) + "- item text here\n" for i in range(5_000)),
        "5,000 score lines joined": "# A\n\nThe staff said that\n\n" + "Score: 3\n\nand the carers were kind\n\n" * 5_000,
        "5,000 '('": "Staff " + "(" * 5_000 + " met.\n",
        "5,000 '#'": "Staff " + "#" * 5_000 + " met.\n",
        "5,000 '\u201c'": "Staff " + "\u201c" * 5_000 + " met.\n",
    }


def best_of(fn, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    segment_text("# Warm up\n\nThe **pipeline** is [built](x) once.\n\n- a\n", "w")  # imports and first calls
    print(f"{'input':<28} {'chars':>9} {'parse s':>8} {'segment s':>10} {'us/char':>8} {'x reference':>12}")
    ref, worst = None, (0.0, "")
    for name, text in cases().items():
        p = best_of(lambda: parse_blocks(text))
        s = best_of(lambda: segment_text(text, "x"))
        per = s / len(text) * 1e6
        ref = ref or per
        print(f"{name:<28} {len(text):>9} {p:8.3f} {s:10.3f} {per:8.2f} {per / ref:12.1f}")
        worst = max(worst, (per / ref, name))
    print(f"slowest per character: {worst[1]}, {worst[0]:.1f}x the reference (target: at most 10x)")


if __name__ == "__main__":
    main()
