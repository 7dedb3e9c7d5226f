"""Classifying many inputs: one process or several, the same rows in the same order."""
import json

import pytest
from typer.testing import CliRunner

from finding_classifier import pipeline
from finding_classifier.cli import app


def test_small_batches_stay_in_one_process(tmp_path, repo_root):
    reports = sorted(str(p) for p in (repo_root / "data/reports").glob("*.txt"))
    assert not pipeline.use_workers(reports, jobs=2)  # 139 KB: starting workers would cost more
    assert not pipeline.use_workers(reports[:1], jobs=4)
    big = tmp_path / "big.txt"
    big.write_text("Key findings\n\n" + "Staff were positive about training. " * 40_000, encoding="utf-8")
    assert pipeline.use_workers(reports + [str(big)], jobs=2)
    assert not pipeline.use_workers(reports + [str(big)], jobs=1)


def test_results_keep_the_input_order_and_errors_stay_with_their_input(tmp_path, repo_root):
    good = str(repo_root / "data/reports/wirral-la-learning.txt")
    results = pipeline.classify_inputs([str(tmp_path / "missing.txt"), good])
    assert results[0].error and "no such file" in results[0].error and results[0].report is None
    assert results[1].error is None and results[1].report.id == "wirral-la-learning" and len(results[1].report.predictions) > 50
    assert results[1].report.blocks and results[1].report.text.lstrip().startswith("## Learning, improvement and innovation")


@pytest.mark.slow
def test_parallel_workers_give_the_same_rows(tmp_path, repo_root, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)  # workers even for the small shared corpus
    runner = CliRunner()
    args = ["classify", str(repo_root / "data/reports"), "-f", "jsonl"]
    one = runner.invoke(app, args + ["-o", str(tmp_path / "one.jsonl")])
    two = runner.invoke(app, args + ["-o", str(tmp_path / "two.jsonl"), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0, two.output
    assert (tmp_path / "one.jsonl").read_text() == (tmp_path / "two.jsonl").read_text()
    assert len((tmp_path / "one.jsonl").read_text().splitlines()) > 800


@pytest.mark.slow
def test_standard_input_is_read_by_the_main_process_with_workers(repo_root, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    report = (repo_root / "data/reports/wirral-la-learning.txt").read_text(encoding="utf-8")
    others = [str(repo_root / "data/reports" / f"{n}.txt") for n in ("oxfordshire-la-learning", "birmingham-la-learning")]
    res = CliRunner().invoke(app, ["classify", "-", *others, "-f", "jsonl", "--jobs", "2"], input=report)
    assert res.exit_code == 0, res.output
    reports = {json.loads(line)["report"] for line in res.stdout.splitlines()}
    assert reports == {"stdin", "oxfordshire-la-learning", "birmingham-la-learning"}
