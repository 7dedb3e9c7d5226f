"""The cue lexicon is the project's own language data: no entry may come from the five real reports alone.

An entry (a cue word, a cue phrase, a heading pattern, an imperative verb) that occurs in
``data/reports/*.txt`` but nowhere in the text the project wrote (the written bank, the behavioural
suite, the annotation guideline) would have been written while reading a report that
leave-one-report-out then scores as unseen. Every entry also records the guideline rule it serves.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from finding_classifier.model.lang import cues as lang_cues
from finding_classifier.model.lang.headings import AFI_PATTERNS, STRENGTH_PATTERNS
from finding_classifier.model.lang.recommendations import IMPERATIVE

ROOT = Path(__file__).resolve().parent.parent
GUIDELINE = ROOT.parent / "shared" / "annotation-guideline.md"


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " " + " ".join(re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*|[;%]", text)) + " "


def _project_text() -> str:
    parts = []
    for folder in (ROOT / "data" / "bank", ROOT / "evaluate" / "suite"):
        for f in sorted(folder.glob("*.jsonl")):
            for line in f.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    parts += [rec["text"], rec.get("section") or ""]
    if GUIDELINE.is_file():
        parts.append(GUIDELINE.read_text(encoding="utf-8"))
    return "\n".join(_norm(p) for p in parts)


def _report_text() -> str:
    files = sorted((ROOT / "data" / "reports").glob("*.txt"))
    assert len(files) == 5, "the five shared reports are expected in data/reports"
    return "\n".join(_norm(f.read_text(encoding="utf-8")) for f in files)


@pytest.fixture(scope="module")
def texts():
    return _report_text(), _project_text()


def _occurs(entry: str, text: str) -> bool:
    return f" {_norm(entry).strip()} " in text


def _leaks(entries, reports: str, own: str) -> list[str]:
    return sorted(e for e in entries if _norm(e).strip() and _occurs(e, reports) and not _occurs(e, own))


@pytest.mark.parametrize("name", sorted(lang_cues.CUE_LISTS))
def test_no_cue_entry_comes_from_the_reports_alone(name, texts):
    reports, own = texts
    assert _leaks(lang_cues.CUE_LISTS[name].entries, reports, own) == []


def test_no_imperative_comes_from_the_reports_alone(texts):
    assert _leaks(IMPERATIVE, *texts) == []


def test_no_heading_pattern_comes_from_the_reports_alone(texts):
    reports, own = texts
    leaks = [p for p in STRENGTH_PATTERNS + AFI_PATTERNS if re.search(p, reports) and not re.search(p, own)]
    assert leaks == []


def test_the_check_finds_a_word_that_only_the_reports_use(texts):
    # "shortlisted" (an award shortlist) is in a shared report and in none of the project's text: the
    # check above must see it, or it proves nothing.
    assert _leaks(["shortlisted", "positive"], *texts) == ["shortlisted"]


def test_every_cue_list_names_its_rule_and_provenance():
    assert lang_cues.CUE_LISTS
    for cl in lang_cues.CUE_LISTS.values():
        assert 0 <= cl.rule <= 9, cl.name
        assert len(cl.provenance) > 20 and "\n" not in cl.provenance, cl.name
        assert cl.entries and all(e == e.lower() and e.strip() == e for e in cl.entries), cl.name
