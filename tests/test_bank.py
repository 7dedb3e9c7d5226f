"""The written sentence bank: format, labels and the guard against copying report text."""
import pytest

from finding_classifier.corpus import read_annotations
from finding_classifier.schema import LABELS
from finding_classifier.training.bank import copied_runs, reference_ngrams, report_texts, words


@pytest.fixture(scope="module")
def bank(repo_root):
    return read_annotations(repo_root / "data" / "bank")


def test_bank_lines_are_marked_and_labelled(bank):
    assert len(bank) >= 3000
    assert all(r.get("source") == "bank" for r in bank)
    assert {r["label"] for r in bank} == set(LABELS)


def test_every_topic_has_all_three_labels(bank):
    topics = {}
    for r in bank:
        topics.setdefault(r["_file"], set()).add(r["label"])
    assert len(topics) >= 12
    assert all(labels == set(LABELS) for labels in topics.values())


def test_no_bank_sentence_copies_six_words_of_a_report(bank, repo_root):
    reference = reference_ngrams(report_texts(repo_root / "data" / "reports"))
    copied = [(r["_file"], r["_line"], copied_runs(r["text"], reference)) for r in bank]
    copied = [c for c in copied if c[2]]
    assert not copied, copied[:5]


def test_no_bank_sentence_duplicates_a_corpus_sentence(bank, repo_root):
    corpus = {" ".join(words(r["text"])) for r in read_annotations(repo_root / "data" / "annotations")}
    assert not [r["text"] for r in bank if " ".join(words(r["text"])) in corpus]


def test_guard_catches_a_copied_run():
    reference = reference_ngrams(["The local authority had a clear and ambitious vision for adult social care."])
    assert copied_runs("They said the authority had a clear and ambitious vision for carers.", reference) == [
        "a clear and ambitious vision for", "authority had a clear and ambitious", "had a clear and ambitious vision"]
    assert copied_runs("The council had an ambitious vision.", reference) == []


def test_stock_phrases_are_allowed():
    reference = reference_ngrams(["At the time of our assessment the team was small."])
    assert copied_runs("At the time of our assessment, waiting lists were long.", reference) == []
