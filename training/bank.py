"""The written sentence bank: its guard against copying report text.

No bank sentence may share a run of six or more words with any document in ``data/reports/``
(a short reviewed list of stock phrases excepted), and none may repeat a corpus sentence.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

N = 6
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

#: Reviewed stock phrases that any report may use; runs inside them do not count as copying.
STOCK_PHRASES = ("at the time of our assessment",)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def ngrams(ws: list[str], n: int = N) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def reference_ngrams(texts: Iterable[str]) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for t in texts:
        grams |= ngrams(words(t))
    for phrase in STOCK_PHRASES:
        grams -= ngrams(words(phrase))
    return grams


def copied_runs(sentence: str, reference: set[tuple[str, ...]]) -> list[str]:
    """The six-word runs of ``sentence`` that also stand in the reference texts."""
    return [" ".join(g) for g in sorted(ngrams(words(sentence)) & reference)]


def report_texts(reports_dir: str | Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(Path(reports_dir).glob("*.txt"))]


def describe(bank_dir: str | Path, corpus_dir: str | Path) -> str:
    """A Markdown summary of the bank: labels per topic, rules exercised, lengths against the corpus."""
    import statistics
    from collections import Counter, defaultdict

    from ..corpus import read_annotations
    from ..schema import LABELS

    bank = read_annotations(bank_dir)
    corpus = read_annotations(corpus_dir)
    topics: dict[str, Counter] = defaultdict(Counter)
    rules: dict[str, Counter] = defaultdict(Counter)
    minis: dict[str, set] = defaultdict(set)
    for r in bank:
        topic = Path(r["_file"]).stem
        topics[topic][r["label"]] += 1
        minis[topic].add(r["report"])
        for m in re.findall(r"rule (\d)", r.get("note") or ""):
            rules[topic][m] += 1
    out = ["| topic | mini-reports | strength | area_for_improvement | evidence | total | notes naming rules 1-9 |", "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for t in sorted(topics):
        c = topics[t]
        rule_cell = " ".join(f"{k}:{rules[t].get(str(k), 0)}" for k in range(1, 10))
        out.append(f"| {t} | {len(minis[t])} | " + " | ".join(str(c[lab]) for lab in LABELS) + f" | {sum(c.values())} | {rule_cell} |")
    tot = Counter(r["label"] for r in bank)
    out.append(f"| **all** | {sum(len(v) for v in minis.values())} | " + " | ".join(str(tot[lab]) for lab in LABELS) + f" | {len(bank)} | |")

    def q(values):
        values = sorted(values)
        pick = lambda f: values[min(len(values) - 1, int(f * len(values)))]
        return f"{pick(0.1)} / {statistics.median(values):.0f} / {pick(0.9)}"

    out += ["", "Sentence length in words (10th percentile / median / 90th percentile):", "",
            "| block | bank | real corpus |", "| --- | --- | --- |"]
    for block in ("paragraph", "list_item"):
        b = [len(r["text"].split()) for r in bank if r.get("block", "paragraph") == block]
        c = [len(r["text"].split()) for r in corpus if r.get("block", "paragraph") == block]
        out.append(f"| {block} | {q(b)} (n={len(b)}) | {q(c)} (n={len(c)}) |")
    hb = Counter(r["section"] for r in bank)
    out += ["", f"Distinct section headings: bank {len(hb)}, real corpus {len(Counter(r['section'] for r in corpus))}. Most frequent in the bank: "
            + ", ".join(f'"{h}" ({n})' for h, n in hb.most_common(8)) + "."]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    from ..schema import ANNOTATIONS_DIR, BANK_DIR

    print(describe(BANK_DIR, ANNOTATIONS_DIR))
