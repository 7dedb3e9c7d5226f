"""The HTML output in a real headless browser (Debian's chromium; skipped where it is not installed)."""
import json
import os
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from finding_classifier.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

PROBE = """
<script>
(function(){
  var box = document.querySelector("input[data-label='evidence']");
  var mark = document.querySelector("mark.evidence");
  var before = getComputedStyle(mark).borderBottomColor;
  box.checked = false;
  box.dispatchEvent(new Event('change'));
  var after = getComputedStyle(mark).borderBottomColor;
  var strength = document.querySelector("mark.strength");
  document.body.setAttribute('data-probe', JSON.stringify({
    marks: document.querySelectorAll('mark').length,
    evidenceBefore: before, evidenceAfter: after,
    strengthAfter: strength ? getComputedStyle(strength).borderBottomColor : null,
    title: mark.getAttribute('title')
  }));
})();
</script>
"""


@pytest.mark.slow
def test_html_renders_and_filters_in_chromium(tmp_path, repo_root):
    if CHROMIUM is None:
        if os.environ.get("FINDINGS_REQUIRE_BROWSER"):
            pytest.fail("no chromium, but FINDINGS_REQUIRE_BROWSER is set (CI must run this test)")
        pytest.skip("no chromium on this machine (.ci/run installs it)")
    out = tmp_path / "report.html"
    res = CliRunner().invoke(app, ["classify", str(repo_root / "data/reports/wirral-la-learning.txt"), "-f", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    n_marks = page.count("<mark ")
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout
    m = re.search(r"data-probe=\"([^\"]*)\"", dom)
    assert m, dom[:500]
    data = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert data["marks"] == n_marks > 50
    assert data["evidenceBefore"] != data["evidenceAfter"]  # unticking a label hides its highlight
    assert data["evidenceAfter"] in ("rgba(0, 0, 0, 0)", "transparent")
    assert data["strengthAfter"] not in ("rgba(0, 0, 0, 0)", "transparent")  # the others stay
    assert re.match(r"evidence \d+%", data["title"])  # confidence on hover
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    f"--user-data-dir={tmp_path / 'profile2'}", f"--screenshot={shot}", "--window-size=1200,900", out.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 10_000
