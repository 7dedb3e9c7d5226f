"""A self-contained HTML page: each report's text with its sentences highlighted by label."""
from __future__ import annotations

import html
from collections import Counter, defaultdict

from ..schema import LABELS
from .styles import LABEL_COLOURS, LABEL_TITLES

_HTML_STYLE = """
body{font:15px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
header{position:sticky;top:0;background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:.6em 1.2em;z-index:1}
header h1{font-size:1.1em;margin:0 0 .3em}
.legend label{margin-right:1.2em;cursor:pointer;white-space:nowrap}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-1px;margin-right:.3em}
main{max-width:60em;margin:0 auto;padding:1em 1.2em 4em}
section.report{margin-bottom:3em}
section.report h2{font-size:1.05em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
pre.source{white-space:pre-wrap;font:inherit;margin:0}
mark{background:none;border-bottom:2px solid;padding:0 1px;border-radius:2px;color:inherit}
%LABEL_CSS%
body.hide-strength mark.strength,body.hide-area_for_improvement mark.area_for_improvement,body.hide-evidence mark.evidence{background:none!important;border-bottom-color:transparent!important}
.counts{color:#57606a;font-size:.9em}
"""

_HTML_SCRIPT = """
document.querySelectorAll('input[data-label]').forEach(function(box){
  box.addEventListener('change',function(){
    document.body.classList.toggle('hide-'+box.dataset.label,!box.checked);
  });
});
"""


def to_html(rows: list[dict], sources: dict | None = None) -> str:
    """One self-contained page: each report's text with its sentences highlighted by label."""
    sources = sources or {}
    label_css = "\n".join(
        f"mark.{lab}{{background:{col}22;border-bottom-color:{col}}} .swatch.{lab}{{background:{col}}}"
        for lab, col in LABEL_COLOURS.items()
    )
    by_report: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_report[r.report].append(r)
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Findings: {html.escape(', '.join(by_report) or 'no reports')}</title>",
        "<style>" + _HTML_STYLE.replace("%LABEL_CSS%", label_css) + "</style></head><body>",
        "<header><h1>Findings</h1><div class='legend'>",
    ]
    total = Counter(r.label for r in rows)
    for lab in LABELS:
        parts.append(
            f"<label><input type='checkbox' checked data-label='{lab}'> <span class='swatch {lab}'></span>"
            f"{html.escape(LABEL_TITLES[lab])} ({total.get(lab, 0)})</label>"
        )
    parts.append("</div></header><main>")
    for report, rs in by_report.items():
        counts = Counter(r.label for r in rs)
        parts.append(f"<section class='report' id='{html.escape(report, quote=True)}'><h2>{html.escape(report)}</h2>")
        parts.append("<p class='counts'>" + " &middot; ".join(f"{LABEL_TITLES[lab]}: {counts.get(lab, 0)}" for lab in LABELS) + "</p>")
        text = sources.get(report)
        parts.append("<pre class='source'>")
        if text is None:
            for r in rs:
                parts.append(_mark(r, html.escape(r.text)) + "\n\n")
        else:
            pos = 0
            for r in sorted(rs, key=lambda r: r.start):
                if r.start < pos:
                    continue
                parts.append(html.escape(text[pos : r.start]))
                parts.append(_mark(r, html.escape(text[r.start : r.end])))
                pos = r.end
            parts.append(html.escape(text[pos:]))
        parts.append("</pre></section>")
    parts.append("</main><script>" + _HTML_SCRIPT + "</script></body></html>\n")
    return "".join(parts)


def _mark(r: dict, inner: str) -> str:
    p = r.probabilities
    tip = f"{r.label} {p[r.label]:.0%} | " + ", ".join(f"{lab} {p[lab]:.0%}" for lab in LABELS)
    return f"<mark class='{r.label}' data-index='{r.index}' title='{html.escape(tip, quote=True)}'>{inner}</mark>"
