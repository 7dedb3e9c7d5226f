"""``findings classify --format jsonl/csv`` carry the report's score and rating lines (one field)."""
from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from finding_classifier.cli import app

PAGE = (
    "Assessing needs\n\n"
    "Score: 2\n\n"
    "2 - Evidence shows some shortfalls\n\n"
    "Key findings for this quality statement\n\n"
    "People waited too long for an assessment. Staff were positive about their training.\n"
)
META = {"Score": "2 - Evidence shows some shortfalls"}


def test_classify_jsonl_and_csv_carry_the_score(tmp_path, tiny_model):
    p = tmp_path / "page.txt"
    p.write_text(PAGE, encoding="utf-8")
    res = CliRunner().invoke(app, ["classify", str(p), "--model", str(tiny_model), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["People waited too long for an assessment.", "Staff were positive about their training."]
    assert all(r["metadata"] == META for r in rows)
    res = CliRunner().invoke(app, ["classify", str(p), "--model", str(tiny_model), "--format", "csv"])
    table = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [json.loads(r["metadata"]) for r in table] == [META, META]
