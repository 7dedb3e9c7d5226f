import json

import pytest

from finding_classifier.corpus import agreement, data_hash, load_dataset, read_annotations, stats, validate
from finding_classifier.errors import AnnotationError
from finding_classifier.schema import LABELS


def test_real_corpus_loads_as_dataset(repo_root):
    ds = load_dataset(repo_root / "data" / "annotations")
    assert set(["index", "report", "section", "text", "label"]) <= set(ds.column_names)
    assert len(ds) > 800
    assert ds["index"] == list(range(len(ds)))
    assert set(ds["label"]) == set(LABELS)
    assert len(set(ds["report"])) == 5


def test_real_corpus_validates_against_its_reports(repo_root):
    result = validate(repo_root / "data" / "annotations")
    assert result.ok, [str(p) for p in result.problems[:5]]
    assert result.files == 5


def test_stats_counts_per_label_and_report(tiny_data):
    s = stats(read_annotations(tiny_data))
    assert s["sentences"] == 22
    assert s["per_report"]["gamma"] == {"strength": 2, "area_for_improvement": 2, "evidence": 2}
    assert sum(s["labels"].values()) == 22


def _write(path, lines):
    path.write_text("".join((json.dumps(x) if isinstance(x, dict) else x) + "\n" for x in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "lines, message, line_no",
    [
        (['{"report": "r", "text": "A sentence.", "label": "evidence"', ], "invalid JSON", 1),
        ([{"report": "r", "text": "Fine.", "label": "evidence"}, {"report": "r", "label": "evidence"}], "missing key 'text'", 2),
        ([{"report": "r", "text": "Fine.", "label": "praise"}], "unknown label 'praise'", 1),
        ([{"report": "r", "text": "Same.", "label": "evidence"}, {"report": "r", "text": "Same.", "label": "strength"}], "duplicate sentence", 2),
        ([{"report": "r", "text": "   ", "label": "evidence"}], "empty sentence", 1),
    ],
)
def test_validator_names_file_and_line(tmp_path, lines, message, line_no):
    f = _write(tmp_path / "r.jsonl", lines)
    result = validate(f)
    assert not result.ok
    first = result.problems[0]
    assert first.path == str(f) and first.line == line_no and message in first.message
    assert f"{f}:{line_no}:" in str(first)


def test_validator_checks_sentences_occur_in_report(tmp_path):
    (tmp_path / "rep.txt").write_text("# Title\n\nThe team met weekly. Staff were **positive**.\n", encoding="utf-8")
    f = _write(tmp_path / "rep.jsonl", [
        {"report": "rep", "text": "The team met weekly.", "label": "evidence"},
        {"report": "rep", "text": "Staff were positive.", "label": "strength"},
        {"report": "rep", "text": "Staff were negative.", "label": "area_for_improvement"},
    ])
    result = validate(f, reports_dir=tmp_path)
    assert [p.line for p in result.problems] == [3]
    assert "not found in the text of report 'rep'" in result.problems[0].message


def test_read_annotations_raises_at_first_bad_line(tmp_path):
    f = _write(tmp_path / "x.jsonl", [{"report": "r", "text": "Ok.", "label": "evidence"}, "not json"])
    with pytest.raises(AnnotationError) as exc:
        read_annotations(f)
    assert exc.value.line == 2 and str(f) in str(exc.value)


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(AnnotationError, match="no .jsonl annotation files"):
        read_annotations(tmp_path)


def test_data_hash_changes_with_content(tiny_data, tmp_path):
    from helpers import write_tiny

    a = data_hash(tiny_data)
    assert a == data_hash(tiny_data)
    other = write_tiny(tmp_path / "copy")
    assert data_hash(other) == a  # same names and contents
    with open(other / "gamma.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"report": "gamma", "text": "One more.", "label": "evidence"}) + "\n")
    assert data_hash(other) != a


def test_agreement_of_the_corpus_passes(repo_root):
    a = agreement(repo_root / "data/agreement/pass1", repo_root / "data/agreement/pass2")
    assert a["n"] >= 250 and len(a["reports"]) >= 2
    assert 0 <= a["kappa"] <= 1 and a["observed"] >= a["kappa"]
    assert sum(map(sum, a["confusion"]["matrix"])) == a["n"]
    assert len(a["disagreements"]) == a["n"] - sum(a["confusion"]["matrix"][i][i] for i in range(3))
