"""``findings compare``: figures checked against numbers worked out by hand on small reports."""
import csv
import io
import json

import pytest
from typer.testing import CliRunner

from finding_classifier.cli import app
from finding_classifier.compare import compare_reports
from finding_classifier.compare.ratings import correlation, own_score
from finding_classifier.compare.sections import evidence_beside, summarize_sections
from finding_classifier.compare.themes import ThemeSentence, find_themes
from finding_classifier.render.compare import summary_csv, themes_csv
from report_builders import classified

S, A, E = "strength", "area_for_improvement", "evidence"

NORTH = """# North council

## Safeguarding

Staff responded to concerns quickly and people felt safe. There were 240 safeguarding concerns in 2023. Waiting times for safeguarding enquiries were too long.

## Carers

The carers' strategy was published in May. Carers said respite was hard to find and waiting times were long. Carers were not offered an assessment consistently. Some carers had no contact for a year. Support for carers had not improved.
"""
NORTH_LABELS = [S, E, A, E, A, A, E, A]

SOUTH = """# South council

## Carers

Carers described the support as excellent and timely. Respite for carers was easy to arrange.

## Workforce

Recruitment of social workers remained difficult and waiting times for assessments grew. The vacancy rate was 14 percent.
"""
SOUTH_LABELS = [S, S, A, E]


@pytest.fixture(scope="module")
def reports():
    return [classified("south", SOUTH, SOUTH_LABELS, {"Indicative score": "2 - Evidence shows some shortfalls"}),
            classified("north", NORTH, NORTH_LABELS)]


def test_sections_counts_balance_and_evidence_beside(reports):
    north = reports[1]
    secs = summarize_sections(north)
    assert [s.title for s in secs] == ["Safeguarding", "Carers"]
    safe, carers = secs
    assert safe.counts == {S: 1, A: 1, E: 1} and safe.balance == 0.0
    assert carers.counts == {S: 0, A: 3, E: 2} and carers.balance == pytest.approx(-3 / 5)
    # Carers: E A A E A -> sentence 5 (second A) has E at 3 (two before) and 6 (one after); 7 has 6 beside it.
    assert evidence_beside(north) == [True, None, True, None, True, True, None, True]
    assert evidence_beside(north, window=1) == [True, None, True, None, True, True, None, True]
    south = reports[0]
    # South: Carers holds only strengths; the Workforce area sits beside the vacancy rate.
    assert evidence_beside(south) == [False, False, True, None]
    assert [len(s.unsupported) for s in summarize_sections(south)] == [2, 0]


def test_summary_csv_holds_the_hand_counted_figures(reports):
    c = compare_reports(reports, seed=13)
    rows = list(csv.DictReader(io.StringIO(summary_csv(c))))
    assert [(r["report"], r["section"]) for r in rows] == [
        ("north", ""), ("north", "Safeguarding"), ("north", "Carers"), ("south", ""), ("south", "Carers"), ("south", "Workforce")]
    north, _, carers, south, s_carers, _ = rows
    assert (north["sentences"], north["n_strength"], north["n_area_for_improvement"], north["n_evidence"]) == ("8", "1", "4", "3")
    assert float(north["balance"]) == pytest.approx((1 - 4) / 8)
    assert float(north["share_evidence"]) == pytest.approx(3 / 8)
    assert (north["judgements"], north["judgements_without_evidence"]) == ("5", "0")
    assert carers["section_path"] == "North council > Carers" and float(carers["share_area_for_improvement"]) == pytest.approx(0.6)
    assert float(south["balance"]) == pytest.approx((2 - 1) / 4)
    assert (south["judgements"], south["judgements_without_evidence"], south["own_score"]) == ("3", "2", "2")
    assert south["own_score_text"] == "2 - Evidence shows some shortfalls" and north["own_score"] == ""
    assert (s_carers["judgements"], s_carers["judgements_without_evidence"]) == ("2", "2")
    assert [(s.report, s.title) for s in c.sections_without_evidence] == [("south", "Carers")]


def test_figures_do_not_depend_on_the_order_of_the_inputs(reports):
    one = compare_reports(reports, seed=13).to_dict()
    two = compare_reports(list(reversed(reports)), seed=13).to_dict()
    assert one == two


def test_balance_grid_matches_sections_by_title(reports):
    rows, cols, values = compare_reports(reports, seed=13).balance_grid()
    assert rows == ["north", "south"]
    assert cols[0] == "Carers"  # the one title both reports share comes first
    assert values[0][0] == pytest.approx(-0.6) and values[1][0] == pytest.approx(1.0)
    assert values[1][cols.index("Safeguarding")] is None and values[0][cols.index("Workforce")] is None


@pytest.mark.parametrize("meta, score", [
    ({"Indicative score": "3 - Evidence shows a good standard"}, 3.0),
    ({"score": "4"}, 4.0),
    ({"Overall rating": "Requires improvement"}, 2.0),
    ({"0": "1 - Evidence shows significant shortfalls"}, 1.0),
    ({"Report date": "21 February 2017"}, None),
    ({}, None),
])
def test_own_score_from_metadata(meta, score):
    assert own_score(meta).score == score


def test_correlation_needs_enough_reports_with_varying_scores():
    assert correlation([(0.1, 3), (0.2, 3)]).r is None
    assert correlation([(0.1, 3)] * 5).r is None and "all equal" in correlation([(0.1, 3)] * 5).note
    # by hand: x - mean = -2..2 (tenths), y - mean = -1.4 -0.4 -0.4 0.6 1.6 -> Sxy 7, Sxx 10, Syy 5.2
    r = correlation([(-0.2, 1), (-0.1, 2), (0.0, 2), (0.1, 3), (0.2, 4)]).r
    assert r == pytest.approx(7 / (10 * 5.2) ** 0.5)


THEME_SENTENCES = [
    ("a", "Waiting times for assessments were too long."),
    ("a", "Carers could not find respite care at short notice."),
    ("a", "The budget was overspent."),
    ("b", "People faced long waiting times for assessments."),
    ("b", "Respite care for carers was hard to arrange."),
    ("c", "Waiting times for assessments grew over the year."),
    ("c", "Respite care for carers remained scarce."),
    ("c", "Councillors rarely attended the board."),
]


def test_themes_group_similar_areas_across_reports():
    items = [ThemeSentence(r, i, "Findings", t) for i, (r, t) in enumerate(THEME_SENTENCES)]
    themes, unthemed = find_themes(items, seed=13)
    groups = sorted(sorted(s.text for s in t.sentences) for t in themes)
    waiting = sorted(t for _, t in THEME_SENTENCES if "aiting" in t)
    respite = sorted(t for _, t in THEME_SENTENCES if "espite" in t)
    assert groups == sorted([waiting, respite])
    assert all(t.reports == ["a", "b", "c"] and t.recurring for t in themes)
    labels = {t.terms[0] for t in themes} | {w for t in themes for w in t.terms}
    assert {"waiting times", "respite care"} <= labels or {"waiting", "respite"} <= {w for lab in labels for w in lab.split()}
    assert sorted(s.text for s in unthemed) == ["Councillors rarely attended the board.", "The budget was overspent."]
    again, _ = find_themes(list(reversed(items)), seed=13)
    assert [t.terms for t in again] == [t.terms for t in themes]


def test_themes_csv_links_each_sentence_to_its_report(reports):
    c = compare_reports(reports, seed=13)
    rows = list(csv.DictReader(io.StringIO(themes_csv(c))))
    areas = [(p.report, p.text) for r in reports for p in r.predictions if p.label == A]
    assert sorted((r["report"], r["text"]) for r in rows) == sorted(areas)  # every area once, themed or not


def test_compare_command_writes_its_folder_and_refuses_to_overwrite(tiny_model, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "north.md").write_text(NORTH, encoding="utf-8")
    (tmp_path / "in" / "south.md").write_text(SOUTH, encoding="utf-8")
    out = tmp_path / "cmp"
    runner = CliRunner()
    res = runner.invoke(app, ["compare", str(tmp_path / "in"), "-o", str(out), "-m", str(tiny_model), "-f", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [r["report"] for r in data["reports"]] == ["north", "south"]
    assert [r["sentences"] for r in data["reports"]] == [8, 4]
    names = {p.name for p in out.iterdir()}
    assert {"index.html", "summary.csv", "themes.csv", "compare.json", "balance-by-section.png", "reports"} <= names
    assert (out / "reports" / "north.html").is_file() and (out / "reports" / "index.html").is_file()
    assert (out / "balance-by-section.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "reports/north.html" in page and "https://" not in page and "http://" not in page
    before = (out / "summary.csv").read_text()
    res = runner.invoke(app, ["compare", str(tmp_path / "in"), "-o", str(out), "-m", str(tiny_model)])
    assert res.exit_code == 1 and "--force" in res.stderr and "Traceback" not in res.output
    assert (out / "summary.csv").read_text() == before
    res = runner.invoke(app, ["compare", str(tmp_path / "nothing"), "-o", str(tmp_path / "c2"), "-m", str(tiny_model)])
    assert res.exit_code == 1 and not (tmp_path / "c2").exists()
    assert len([ln for ln in res.stderr.splitlines() if ln.strip()]) == 2  # the missing input, then "nothing written"


def _figures(folder, nlp):
    """compare's per-report and per-section figures for every report of ``folder``."""
    from finding_classifier.model.classification.component import rows_from_doc
    from finding_classifier.model.classification.predictions import classified_report
    from finding_classifier.model.reading import iter_reports

    reports = []
    for rep in iter_reports([str(folder)]):
        doc = nlp(rep.text)
        doc._.report = rep.id
        reports.append(classified_report(doc, rows_from_doc(doc), rep.path, rep))
    c = compare_reports(reports, seed=13)
    return {r.id: (r.counts, round(r.balance, 4), r.unsupported, [(s.title, s.counts, len(s.unsupported)) for s in r.sections])
            for r in c.reports}, [t.terms for t in c.themes]


@pytest.fixture(scope="module")
def shaped(tmp_path_factory, repo_root):
    from finding_classifier.model.classification.component import load
    from compare_shapes import write_shapes

    nlp = load()
    folders = write_shapes(repo_root / "data/reports", tmp_path_factory.mktemp("shapes"))
    return {shape: _figures(folder, nlp) for shape, folder in folders.items()}


@pytest.mark.slow
@pytest.mark.parametrize("shape", [
    "html",
    pytest.param("wrapped-72", marks=pytest.mark.xfail(reason="structure stage: re-wrapped, the peer-challenge letter keeps 51 of its 58 section headings (short title lines read as prose), so its section figures differ", strict=False)),
    pytest.param("one-line-per-block", marks=pytest.mark.xfail(reason="structure stage: one line per block, the peer-challenge letter keeps 51 of its 58 section headings and a few sentences change label with their section; the other four reports give the same figures", strict=False)),
])
def test_compare_figures_do_not_change_with_the_input_shape(shaped, shape):
    original, themes = shaped["original"]
    figures, shape_themes = shaped[shape]
    assert figures == original
    assert shape_themes == themes
