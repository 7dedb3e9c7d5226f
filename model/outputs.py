"""Output formats of ``findings classify``: table, jsonl, csv, markdown and html.

Every format renders the same rows (one per sentence): report, index, section, start, end, text,
label and the probability of each label. HTML also needs each report's source text, to show the
report itself with its sentences highlighted.
"""
from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter, defaultdict

from ..schema import LABEL_COLOURS, LABEL_RICH_STYLE, LABELS
from .segment import sentence_text

LABEL_TITLES = {"strength": "Strengths", "area_for_improvement": "Areas for improvement", "evidence": "Evidence"}


def rows_from_doc(doc) -> list[dict]:
    rows = []
    for i, span in enumerate(doc.spans["sentences"]):
        rows.append(
            {
                "report": doc._.report,
                "index": i,
                "section": span._.section,
                "start": span._.start,
                "end": span._.end,
                "text": sentence_text(span),
                "label": span._.label,
                "probabilities": {lab: round(span._.probs[lab], 4) for lab in LABELS},
            }
        )
    return rows


def to_jsonl(rows: list[dict], sources: dict | None = None) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def to_csv(rows: list[dict], sources: dict | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["report", "index", "section", "start", "end", "text", "label"] + [f"p_{lab}" for lab in LABELS])
    for r in rows:
        w.writerow([r["report"], r["index"], r["section"], r["start"], r["end"], r["text"], r["label"]] + [f"{r['probabilities'][lab]:.4f}" for lab in LABELS])
    return buf.getvalue()


def to_markdown(rows: list[dict], sources: dict | None = None) -> str:
    out = []
    by_report: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_report[r["report"]].append(r)
    for report, rs in by_report.items():
        counts = Counter(r["label"] for r in rs)
        out.append(f"# {report}\n")
        out.append("| label | sentences |\n| --- | --- |")
        for lab in LABELS:
            out.append(f"| {lab} | {counts.get(lab, 0)} |")
        out.append(f"| total | {len(rs)} |\n")
        for lab in ("strength", "area_for_improvement"):
            out.append(f"## {LABEL_TITLES[lab]} ({counts.get(lab, 0)})\n")
            sections: dict[str, list[dict]] = defaultdict(list)
            for r in rs:
                if r["label"] == lab:
                    sections[r["section"] or "(no heading)"].append(r)
            if not sections:
                out.append("_None found._\n")
            for section, items in sections.items():
                out.append(f"### {section} ({len(items)})\n")
                for r in items:
                    out.append(f"- {r['text']} _(p={r['probabilities'][lab]:.2f})_")
                out.append("")
    return "\n".join(out).rstrip() + "\n"


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
        by_report[r["report"]].append(r)
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Findings: {html.escape(', '.join(by_report) or 'no reports')}</title>",
        "<style>" + _HTML_STYLE.replace("%LABEL_CSS%", label_css) + "</style></head><body>",
        "<header><h1>Findings</h1><div class='legend'>",
    ]
    total = Counter(r["label"] for r in rows)
    for lab in LABELS:
        parts.append(
            f"<label><input type='checkbox' checked data-label='{lab}'> <span class='swatch {lab}'></span>"
            f"{html.escape(LABEL_TITLES[lab])} ({total.get(lab, 0)})</label>"
        )
    parts.append("</div></header><main>")
    for report, rs in by_report.items():
        counts = Counter(r["label"] for r in rs)
        parts.append(f"<section class='report' id='{html.escape(report, quote=True)}'><h2>{html.escape(report)}</h2>")
        parts.append("<p class='counts'>" + " &middot; ".join(f"{LABEL_TITLES[lab]}: {counts.get(lab, 0)}" for lab in LABELS) + "</p>")
        text = sources.get(report)
        parts.append("<pre class='source'>")
        if text is None:
            for r in rs:
                parts.append(_mark(r, html.escape(r["text"])) + "\n\n")
        else:
            pos = 0
            for r in sorted(rs, key=lambda r: r["start"]):
                if r["start"] < pos:
                    continue
                parts.append(html.escape(text[pos : r["start"]]))
                parts.append(_mark(r, html.escape(text[r["start"] : r["end"]])))
                pos = r["end"]
            parts.append(html.escape(text[pos:]))
        parts.append("</pre></section>")
    parts.append("</main><script>" + _HTML_SCRIPT + "</script></body></html>\n")
    return "".join(parts)


def _mark(r: dict, inner: str) -> str:
    p = r["probabilities"]
    tip = f"{r['label']} {p[r['label']]:.0%} | " + ", ".join(f"{lab} {p[lab]:.0%}" for lab in LABELS)
    return f"<mark class='{r['label']}' data-index='{r['index']}' title='{html.escape(tip, quote=True)}'>{inner}</mark>"


def print_table(rows: list[dict], console) -> None:
    from rich.table import Table

    by_report: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_report[r["report"]].append(r)
    for report, rs in by_report.items():
        t = Table(title=report, show_lines=False, expand=True)
        t.add_column("#", justify="right", no_wrap=True)
        t.add_column("label", no_wrap=True)
        t.add_column("p", justify="right", no_wrap=True)
        t.add_column("section", ratio=1, overflow="fold")
        t.add_column("sentence", ratio=3, overflow="fold")
        for r in rs:
            style = LABEL_RICH_STYLE[r["label"]]
            t.add_row(str(r["index"]), f"[{style}]{r['label']}[/{style}]", f"{r['probabilities'][r['label']]:.2f}", r["section"], r["text"])
        console.print(t)


RENDERERS = {"jsonl": to_jsonl, "csv": to_csv, "markdown": to_markdown, "html": to_html}
