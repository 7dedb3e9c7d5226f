"""The data commands from the command line: validate, stats and agreement on files the tests write."""
import json

import pytest
from typer.testing import CliRunner

from finding_classifier.cli import app

runner = CliRunner()


def write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def row(report, text, label, **kw):
    return dict({"report": report, "text": text, "label": label, "source": "bank"}, **kw)


@pytest.fixture()
def two_files(tmp_path):
    a = write(tmp_path / "ann" / "a.jsonl", [row("a", "Staff were positive.", "strength", section="Findings"),
                                             row("a", "People waited too long.", "area_for_improvement"),
                                             row("a", "The team met weekly.", "evidence")])
    b = write(tmp_path / "more" / "b.jsonl", [row("b", "Carers felt listened to.", "strength")])
    return a, b


def test_validate_accepts_several_paths_and_counts_them(two_files):
    a, b = two_files
    res = runner.invoke(app, ["data", "validate", str(a.parent), str(b)])
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == "ok: 4 sentences in 2 file(s)"


def test_validate_names_file_and_line_of_each_problem(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"report": "r", "text": "Fine.", "label": "evidence", "source": "bank"}\n'
                 '{"report": "r", "text": "Odd.", "label": "good", "source": "bank"}\n'
                 "not json\n"
                 '{"report": "r", "text": "Fine.", "label": "evidence", "source": "bank"}\n', encoding="utf-8")
    res = runner.invoke(app, ["data", "validate", str(f)])
    assert res.exit_code == 1
    lines = res.stderr.splitlines()
    assert lines[0] == f"{f}:2: unknown label 'good' (expected one of strength, area_for_improvement, evidence)"
    assert lines[1].startswith(f"{f}:3: invalid JSON")
    assert lines[2] == f"{f}:4: duplicate sentence (same as line 1)"
    js = runner.invoke(app, ["data", "validate", str(f), "-f", "json"])
    data = json.loads(js.stdout)
    assert js.exit_code == 1 and data["ok"] is False and [p["line"] for p in data["problems"]] == [2, 3, 4]


def test_stats_counts_per_label_and_report(two_files):
    a, b = two_files
    res = runner.invoke(app, ["data", "stats", str(a), str(b), "-f", "json"])
    assert res.exit_code == 0
    assert json.loads(res.stdout) == {
        "sentences": 4, "reports": 2,
        "labels": {"strength": 2, "area_for_improvement": 1, "evidence": 1},
        "per_report": {"a": {"strength": 1, "area_for_improvement": 1, "evidence": 1},
                       "b": {"strength": 1, "area_for_improvement": 0, "evidence": 0}},
    }


def test_agreement_gives_cohens_kappa_worked_by_hand(tmp_path):
    texts = ["One.", "Two.", "Three.", "Four."]
    first = write(tmp_path / "p1" / "r.jsonl", [row("r", t, lab) for t, lab in zip(texts, ["strength", "strength", "evidence", "area_for_improvement"])])
    second = write(tmp_path / "p2" / "r.jsonl", [row("r", t, lab) for t, lab in zip(texts, ["strength", "evidence", "evidence", "area_for_improvement"])])
    res = runner.invoke(app, ["data", "agreement", str(first), str(second), "-f", "json"])
    assert res.exit_code == 0
    a = json.loads(res.stdout)
    # observed 3/4; chance (1/2*1/4 + 1/4*1/2 + 1/4*1/4) = 5/16; kappa = (3/4 - 5/16) / (1 - 5/16) = 7/11
    assert a["n"] == 4 and a["observed"] == 0.75 and a["kappa"] == pytest.approx(7 / 11)
    assert [(d["text"], d["a"], d["b"]) for d in a["disagreements"]] == [("Two.", "strength", "evidence")]
    table = runner.invoke(app, ["data", "agreement", str(first), str(second)])
    assert "observed agreement 0.750, Cohen's kappa 0.636" in table.stdout


def test_agreement_of_passes_with_no_sentence_in_common_is_one_line(tmp_path):
    first = write(tmp_path / "p1.jsonl", [row("r", "One.", "strength")])
    second = write(tmp_path / "p2.jsonl", [row("r", "Other.", "strength")])
    res = runner.invoke(app, ["data", "agreement", str(first), str(second)])
    assert res.exit_code == 1 and res.stderr.count("\n") == 1 and "share no sentence" in res.stderr
