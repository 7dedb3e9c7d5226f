"""The behavioural suite (evaluate/suite): its data, its scoring and `findings evaluate --suite`."""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from finding_classifier.cli.app import app
from finding_classifier.errors import AnnotationError
from finding_classifier.evaluate.behaviour import GUIDELINE, GUIDELINE_FILE, SUITE_DIR, load_suite, score_suite

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _texts(folder: Path, pattern: str = "*.jsonl") -> set[str]:
    out = set()
    for f in sorted(folder.glob(pattern)):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(_norm(json.loads(line)["text"]))
    return out


def test_no_suite_sentence_is_training_data():
    written = set().union(*(_texts(SUITE_DIR, f.name) for f in SUITE_DIR.glob("rule*.jsonl")))
    examples = _texts(SUITE_DIR, GUIDELINE_FILE)
    assert len(written) > 300 and len(examples) > 20
    bank, corpus = _texts(ROOT / "data" / "bank"), _texts(ROOT / "data" / "annotations")
    assert written & bank == set() and written & corpus == set()
    assert examples & bank == set()
    # The guideline's examples table quotes a few sentences of the real reports, which are in the
    # annotated corpus; no other guideline example may be (so none was copied into training).
    guideline = ROOT.parent / "shared" / "annotation-guideline.md"
    if guideline.is_file():
        quoted = {e for e in examples if e in _norm(guideline.read_text(encoding="utf-8"))}
        assert examples & corpus <= quoted


def test_the_suite_ships_as_package_data():
    # the files are found beside the installed module, and pyproject ships them in a wheel
    assert SUITE_DIR == ROOT / "evaluate" / "suite"
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    patterns = data["finding_classifier.evaluate"]
    shipped = {p.name for pat in patterns for p in (ROOT / "evaluate").glob(pat)}
    assert shipped == {p.name for p in SUITE_DIR.glob("*.jsonl")} and len(shipped) == 10


def test_load_suite_groups_cases_by_rule_and_guideline_examples():
    cases = load_suite()
    groups = {c["group"] for c in cases}
    assert groups == {f"rule {n}" for n in range(1, 10)} | {GUIDELINE}
    n_lines = sum(1 for line in (SUITE_DIR / "rule3.jsonl").read_text().splitlines() if line.strip())
    assert sum(c["group"] == "rule 3" for c in cases) == n_lines


def _case(id_, label, pair=None, group="rule 6"):
    return {"id": id_, "text": id_, "section": "", "label": label, "pair": pair, "group": group}


def test_score_suite_counts_cases_and_intact_pairs():
    cases = [_case("a", "strength", "p1"), _case("b", "evidence", "p1"), _case("c", "evidence", "p2"), _case("d", "strength", "p2"),
             _case("g", "evidence", group=GUIDELINE)]
    res = score_suite(cases, ["strength", "strength", "evidence", "strength", "area_for_improvement"])
    r6 = res["groups"]["rule 6"]
    assert (r6["cases"], r6["passed"], r6["pairs"], r6["pairs_passed"]) == (4, 3, 2, 1)
    assert [f["id"] for f in r6["failures"]] == ["b"]
    assert res["groups"][GUIDELINE]["pass_rate"] == 0.0
    assert res["pass_rate"] == pytest.approx(3 / 5)
    assert list(res["groups"]) == ["rule 6", GUIDELINE]


def test_a_bad_suite_line_is_refused_naming_file_and_line(tmp_path):
    (tmp_path / "rule1.jsonl").write_text(json.dumps({"report": "x", "text": "A sentence.", "label": "evidence", "rule": "one"}) + "\n")
    with pytest.raises(AnnotationError, match=r"rule1\.jsonl.*1.*'rule' must be"):
        load_suite(tmp_path)


def test_evaluate_suite_reports_pass_rates_per_rule(tiny_model):
    res = runner.invoke(app, ["evaluate", "--suite", "--model", str(tiny_model), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out["groups"]) == {f"rule {n}" for n in range(1, 10)} | {GUIDELINE}
    assert out["cases"] == len(load_suite())
    for g in out["groups"].values():
        assert 0 <= g["passed"] <= g["cases"] and "failures" not in g
    table = runner.invoke(app, ["evaluate", "--suite", "--model", str(tiny_model)])
    assert table.exit_code == 0 and "rule 9" in table.stdout and "guideline examples" in table.stdout


def test_evaluate_suite_refuses_other_modes(tiny_model, tmp_path):
    res = runner.invoke(app, ["evaluate", "--suite", "--test", str(tmp_path), "--model", str(tiny_model)])
    assert res.exit_code == 1 and "one of --suite" in res.output and "Traceback" not in res.output


def test_training_records_the_suite_in_meta_and_card(tmp_path, tiny_data):
    from helpers import tiny_config

    from finding_classifier.evaluate.behaviour import for_training
    from finding_classifier.training.train import train

    cfg = tiny_config(tmp_path / "config.toml", tiny_data)
    meta = train(data=tiny_data, config_path=cfg, output=tmp_path / "m", suite=for_training())
    assert set(meta["suite"]["groups"]) == {f"rule {n}" for n in range(1, 10)} | {GUIDELINE}
    assert meta["suite"]["cases"] == len(load_suite())
    card = (tmp_path / "m" / "MODEL_CARD.md").read_text()
    assert "## Behavioural suite" in card and "| rule 3 |" in card
    shown = runner.invoke(app, ["metrics", "--model", str(tmp_path / "m")])
    assert shown.exit_code == 0 and "behavioural suite:" in shown.stdout
