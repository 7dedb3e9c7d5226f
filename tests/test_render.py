"""The outputs of ``findings classify`` on small reports whose labels are set by hand."""
import csv
import io
import json
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from finding_classifier.cli import app
from finding_classifier.render import print_table, to_csv, to_html, to_html_pages, to_jsonl, to_markdown
from finding_classifier.render.inline import Highlight, render_inline
from report_builders import classified
from test_compare import NORTH, NORTH_LABELS, SOUTH, SOUTH_LABELS

S, A, E = "strength", "area_for_improvement", "evidence"

RICH = """# Briefing

**Report From:** Director of Care

## Findings

The visit took place on the 14<sup>th</sup> of March and **staff were very positive** about the new model. Referral numbers were steady.

| measure | 2022 | 2023 |
| --- | --- | --- |
| referrals | 410 | 455 |

- Waiting lists for occupational therapy grew and were not monitored.
- The team holds a weekly huddle.
"""
RICH_LABELS = [S, E, A, E]  # the **Report From:** line is metadata, not a sentence


@pytest.fixture(scope="module")
def north():
    return classified("north", NORTH, NORTH_LABELS)


@pytest.fixture(scope="module")
def south():
    return classified("south", SOUTH, SOUTH_LABELS)


@pytest.fixture(scope="module")
def rich_report():
    return classified("briefing", RICH, RICH_LABELS)


def _table(reports, width=80, terminal=False) -> str:
    buf = io.StringIO()
    print_table(reports, Console(file=buf, width=width, force_terminal=terminal, color_system="standard" if terminal else None))
    return buf.getvalue()


def test_terminal_table_groups_by_section_and_fits_80_columns(north, south):
    out = _table([north, south])
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b" not in out  # plain when not a terminal
    assert sum(1 for line in lines if line.startswith("\u25b8") and "Carers" in line) == 2  # once per report
    assert sum(1 for line in lines if line.startswith("\u25b8") and "Safeguarding" in line) == 1
    assert "S strength" in lines[0].replace("  ", " ") and "A area for improvement" in lines[0].replace("  ", " ")
    rows = [line for line in lines if re.match(r"^\s*\d+ [SAE] \d+%", line)]
    assert len(rows) == 8 + 4
    assert [line.split()[1] for line in rows[:8]] == ["S", "E", "A", "E", "A", "A", "E", "A"]
    assert "north: 8 sentences \u00b7 1 strength \u00b7 4 area for improvement \u00b7 3 evidence \u00b7 balance -0.38 \u00b7 5/5 judgements beside evidence" in " ".join(out.split())
    assert "south: 4 sentences" in out and "1/3 judgements beside evidence" in out


def test_terminal_table_wraps_sentences_under_their_text(north):
    out = _table([north], width=50)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 50
    start = next(i for i, line in enumerate(lines) if "Staff responded" in line)
    assert lines[start + 1].startswith(" " * 10) and lines[start + 1].strip()  # the continuation, indented
    words = " ".join(line.strip() for line in lines[start : start + 3])
    assert "Staff responded to concerns quickly and people felt safe." in words


def test_terminal_table_has_colour_on_a_terminal(north):
    assert "\x1b[" in _table([north], terminal=True)


def test_data_stats_keeps_long_report_ids_whole(tmp_path):
    rid = "birmingham-solihull-ics-quality-safety"
    (tmp_path / f"{rid}.jsonl").write_text(
        "".join(json.dumps({"report": rid, "text": f"Sentence {i} was written for the test.", "label": lab}) + "\n"
                for i, lab in enumerate([S, A, E])), encoding="utf-8")
    res = CliRunner().invoke(app, ["data", "stats", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert any(rid in line for line in res.stdout.splitlines())
    assert max(len(line) for line in res.stdout.splitlines()) <= 80


def test_csv_and_jsonl_say_which_judgements_sit_beside_evidence(south):
    rows = list(csv.DictReader(io.StringIO(to_csv([south]))))
    assert [r["evidence_beside"] for r in rows] == ["false", "false", "true", ""]
    lines = [json.loads(line) for line in to_jsonl([south]).splitlines()]
    assert [r["evidence_beside"] for r in lines] == [False, False, True, None]
    assert lines[0]["text"] == "Carers described the support as excellent and timely."


def test_markdown_lists_sections_with_their_evidence(south):
    md = to_markdown([south])
    assert "| Carers | 2 | 0 | 0 | 0 of 2 (none) |" in md
    assert "| Workforce | 0 | 1 | 1 | 1 of 1 |" in md
    assert "- Respite for carers was easy to arrange. _(p=0.80; no evidence beside it)_" in md
    assert "### Workforce (1)" in md


@pytest.mark.parametrize("source, expected", [
    ("**Report From:** the director", "<strong>Report From:</strong> the director"),
    ("the 14<sup>th</sup> of May", "the 14<sup>th</sup> of May"),
    ("see [the plan](https://example.org/plan) now", "see the plan now"),
    ("a <script>alert(1)</script> b", "a alert(1) b"),
    ("3 * 4 = 12 and a lone ** marker", "3 * 4 = 12 and a lone  marker"),
    ("x < y & z", "x &lt; y &amp; z"),
])
def test_inline_markup_is_rendered_not_shown(source, expected):
    assert render_inline(source) == expected


def test_highlights_close_and_reopen_formatting():
    src = "a **bold start. next** end"
    out = render_inline(src, 0, [Highlight(0, 15, "<mark>"), Highlight(16, 26, "<mark class='x'>")])
    assert out == "<mark>a <strong>bold start.</strong></mark><strong> </strong><mark class='x'><strong>next</strong> end</mark>"


def test_html_renders_the_structure_not_its_markup(rich_report):
    page = to_html([rich_report])
    assert "<strong>Report From:</strong>" in page and "**" not in page
    assert "14<sup>th</sup>" in page and "&lt;sup&gt;" not in page
    assert "<table>" in page and "<th>measure</th>" in page and "<td>455</td>" in page
    assert re.search(r"<h\d>Findings</h\d>", page) and "# Findings" not in page
    assert re.search(r"<ul><li><mark class='area_for_improvement'[^>]*>Waiting lists for occupational therapy", page)
    assert page.count("<mark ") == 4
    assert not re.search(r"""(src|href)=['"]?https?:""", page)


def test_html_contents_and_list_view_link_to_what_exists(north):
    page = to_html([north])
    ids = set(re.findall(r"id='([^']+)'", page))
    links = re.findall(r"href='#([^']+)'", page)
    assert links and all(link in ids for link in links)
    toc = page[page.index("<nav class='toc'"): page.index("</nav>")]
    assert "Safeguarding" in toc and "Carers" in toc
    assert "A&nbsp;3" in toc and "5/5 beside evidence" not in toc  # per section: Carers has 3 areas
    items = re.findall(r"<li class='item (\w+)'", page)
    assert sorted(items) == sorted(lab for lab in NORTH_LABELS if lab != E)


def test_html_pages_one_per_report_with_an_index(north, south):
    pages = to_html_pages([north, south])
    assert set(pages) == {"index.html", "north.html", "south.html"}
    assert "href='north.html'" in pages["index.html"] and "href='south.html'" in pages["index.html"]
    assert pages["south.html"].count("<mark ") == 4 and "href='index.html'" in pages["south.html"]


def test_classify_writes_a_folder_of_pages(tiny_model, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "north.md").write_text(NORTH, encoding="utf-8")
    (tmp_path / "in" / "south.md").write_text(SOUTH, encoding="utf-8")
    out = tmp_path / "pages"
    runner = CliRunner()
    res = runner.invoke(app, ["classify", str(tmp_path / "in"), "-m", str(tiny_model), "-f", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "north.html", "south.html"]
    res = runner.invoke(app, ["classify", str(tmp_path / "in"), "-m", str(tiny_model), "-f", "html", "-o", str(out)])
    assert res.exit_code == 0  # a folder of pages is replaced like a file
    (out / "notes.txt").write_text("keep me")
    res = runner.invoke(app, ["classify", str(tmp_path / "in"), "-m", str(tiny_model), "-f", "html", "-o", str(out)])
    assert res.exit_code == 1 and "notes.txt" in res.stderr and (out / "notes.txt").read_text() == "keep me"
