"""The HTML output in a real headless browser: Debian's chromium driven over the DevTools protocol
(``tests/browser.py``); skipped where it is not installed, unless FINDINGS_REQUIRE_BROWSER is set."""
import json
import os

import pytest
from typer.testing import CliRunner

from browser import CHROMIUM, Chromium
from finding_classifier.cli import app


def _need_browser():
    if CHROMIUM is None:
        if os.environ.get("FINDINGS_REQUIRE_BROWSER"):
            pytest.fail("no chromium, but FINDINGS_REQUIRE_BROWSER is set (CI must run this test)")
        pytest.skip("no chromium on this machine (.ci/run installs it)")


HIGHLIGHTED = "[...document.querySelectorAll('.fullview mark')].filter(m => !m.classList.contains('off')).length"
VISIBLE_ITEMS = "[...document.querySelectorAll('li.item')].filter(li => li.offsetParent !== null)"


@pytest.mark.slow
def test_html_report_in_chromium(tmp_path, repo_root):
    _need_browser()
    report = repo_root / "data/reports/birmingham-peer-challenge-2016.txt"
    out, rows_file = tmp_path / "report.html", tmp_path / "rows.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["classify", str(report), "-f", "html", "-o", str(out)]).exit_code == 0
    assert runner.invoke(app, ["classify", str(report), "-f", "jsonl", "-o", str(rows_file)]).exit_code == 0
    rows = [json.loads(line) for line in rows_file.read_text(encoding="utf-8").splitlines()]
    judged = [r for r in rows if r["label"] != "evidence"]
    with Chromium(1280, 900) as b:
        b.open(out)
        # the report's structure is rendered, not its Markdown source
        assert b.js("document.querySelectorAll('.fullview mark').length") == len(rows) > 300
        assert b.js("document.querySelectorAll('.fullview table tr').length") > 20
        assert b.js("document.querySelectorAll('.fullview sup').length") > 0
        assert b.js("document.querySelectorAll('.fullview h2, .fullview h3, .fullview h4').length") > 20
        text = b.js("document.querySelector('.fullview').innerText")
        assert "**" not in text and "<sup>" not in text and "\n# " not in text
        # label filter: unticking evidence takes its underline away and leaves the others
        assert b.js("getComputedStyle(document.querySelector('mark.evidence')).borderBottomStyle") == "dotted"
        b.js("var x = document.querySelector(\"input[data-label='evidence']\"); x.click(); 1")
        assert b.js("getComputedStyle(document.querySelector('mark.evidence')).borderBottomColor") in ("rgba(0, 0, 0, 0)", "transparent")
        assert b.js("getComputedStyle(document.querySelector('mark.strength')).borderBottomColor") not in ("rgba(0, 0, 0, 0)", "transparent")
        assert b.js(HIGHLIGHTED) == len(judged)
        b.js("document.querySelector(\"input[data-label='evidence']\").click(); 1")
        # confidence filter: only sentences at 90% or more stay highlighted
        b.js("var r = document.getElementById('min-confidence'); r.value = 90; r.dispatchEvent(new Event('input')); 1")
        assert b.js(HIGHLIGHTED) == sum(1 for r in rows if r["probabilities"][r["label"]] >= 0.9 - 1e-9)
        b.js("var r = document.getElementById('min-confidence'); r.value = 0; r.dispatchEvent(new Event('input')); 1")
        # section filter: one section's sentences and nothing else
        title = "Market Shaping"
        in_section = [r for r in rows if r["section"] == title]
        assert in_section
        key = b.js(f"[...document.querySelectorAll('select.secfilter option')].find(o => o.textContent.trim() === {json.dumps(title)}).value")
        b.js(f"var s = document.querySelector('select.secfilter'); s.value = {json.dumps(key)}; s.dispatchEvent(new Event('change')); 1")
        assert b.js("[...document.querySelectorAll('.fullview mark')].filter(m => m.offsetParent !== null).length") == len(in_section)
        b.js("var s = document.querySelector('select.secfilter'); s.value = ''; s.dispatchEvent(new Event('change')); 1")
        # the contents link scrolls to its section
        b.js("window.scrollTo(0, 0); 1")
        link = "[...document.querySelectorAll('nav.toc a')].find(a => a.textContent === 'Conclusions')"
        b.js(f"{link}.click(); 1")
        top = b.js(f"new Promise(r => requestAnimationFrame(() => r(document.getElementById({link}.getAttribute('href').slice(1)).getBoundingClientRect().top)))")
        assert b.js("window.scrollY") > 5000 and 0 <= top < 200
        # list view: strengths and areas only; unticking strengths hides them; "in context" goes back
        b.js("document.querySelector('input[name=view][value=list]').click(); 1")
        assert b.js("document.querySelector('.fullview').offsetParent") is None
        assert b.js(f"{VISIBLE_ITEMS}.length") == len(judged)
        b.js("document.querySelector(\"input[data-label='strength']\").click(); 1")
        assert b.js(f"{VISIBLE_ITEMS}.every(li => li.dataset.label === 'area_for_improvement')")
        assert b.js(f"{VISIBLE_ITEMS}.length") == sum(1 for r in rows if r["label"] == "area_for_improvement")
        target = b.js(f"var a = {VISIBLE_ITEMS}.at(-1).querySelector('a.ctx'); a.click(); a.getAttribute('href').slice(1)")
        assert b.js("document.querySelector('.fullview').offsetParent") is not None
        box = b.js(f"new Promise(r => requestAnimationFrame(() => {{ var q = document.getElementById({json.dumps(target)}).getBoundingClientRect(); r([q.top, q.bottom]); }}))")
        assert 0 <= box[0] and box[1] <= 900
        b.js("document.querySelector(\"input[data-label='strength']\").click(); window.scrollTo(0, 0); 1")
        shot = b.screenshot(tmp_path / "shot.png")
        assert shot.stat().st_size > 20_000
        # print: no controls, and the labels keep their own underline styles without colour
        b.media("print")
        assert b.js("getComputedStyle(document.querySelector('header.bar')).display") == "none"
        styles = b.js("['strength','area_for_improvement','evidence'].map(l => getComputedStyle(document.querySelector('mark.' + l)).borderBottomStyle)")
        assert styles == ["solid", "double", "dotted"]


@pytest.mark.slow
def test_html_pages_link_from_the_index_in_chromium(tmp_path, repo_root):
    _need_browser()
    out = tmp_path / "pages"
    res = CliRunner().invoke(app, ["classify", str(repo_root / "data/reports/wirral-la-learning.txt"),
                                   str(repo_root / "data/reports/oxfordshire-la-learning.txt"), "-f", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    with Chromium(1000, 800) as b:
        b.open(out / "index.html")
        assert b.js("document.querySelectorAll('table.index a').length") == 2
        b.js("[...document.querySelectorAll('table.index a')].find(a => a.textContent === 'wirral-la-learning').click(); 1")
        b.wait_event("Page.loadEventFired")
        assert b.js("location.pathname").endswith("/wirral-la-learning.html")
        assert b.js("document.querySelector('article.report h1').textContent") == "wirral-la-learning"
