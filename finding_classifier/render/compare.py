"""The outputs of ``findings compare``: a CSV for spreadsheets, the themes as CSV, JSON, PNG plots
and a self-contained HTML overview, plus each report's own page (``reports/``)."""
from __future__ import annotations

import base64
import csv
import html
import io
import json

from ..schema import LABELS
from .html import page_names, to_html_pages
from .html_assets import style
from .plots import balance_heatmap_png, themes_png
from .styles import LABEL_NAMES, LABEL_TAGS, LABEL_TITLES

SUMMARY_CSV = "summary.csv"
THEMES_CSV = "themes.csv"
JSON_FILE = "compare.json"
HEATMAP_PNG = "balance-by-section.png"
THEMES_PNG = "themes.png"
OVERVIEW = "index.html"
PAGES = "reports"
#: Every name ``findings compare`` writes in its folder (nothing else may be replaced).
OWN_FILES = {SUMMARY_CSV, THEMES_CSV, JSON_FILE, HEATMAP_PNG, THEMES_PNG, OVERVIEW, PAGES}

SUMMARY_COLUMNS = (
    ["report", "section", "section_path", "sentences"] + [f"n_{lab}" for lab in LABELS] + [f"share_{lab}" for lab in LABELS]
    + ["balance", "judgements", "judgements_without_evidence", "own_score", "own_score_text"]
)


def summary_csv(c) -> str:
    """One row per report (``section`` empty) followed by one row per section of it."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(SUMMARY_COLUMNS)
    for r in c.reports:
        own = "" if r.own.score is None else f"{r.own.score:g}"
        w.writerow([r.id, "", "", r.total] + [r.counts[lab] for lab in LABELS] + [f"{r.share(lab):.4f}" for lab in LABELS]
                   + [f"{r.balance:.4f}", r.judgements, r.unsupported, own, r.own.text])
        for s in r.sections:
            w.writerow([r.id, s.title, " > ".join(s.path), s.total] + [s.counts[lab] for lab in LABELS]
                       + [f"{s.share(lab):.4f}" for lab in LABELS] + [f"{s.balance:.4f}", s.judgements, len(s.unsupported), "", ""])
    return buf.getvalue()


def themes_csv(c) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["theme", "terms", "theme_sentences", "theme_reports", "report", "section", "index", "text"])
    for t in c.themes:
        for s in t.sentences:
            w.writerow([t.number, t.label, len(t.sentences), len(t.reports), s.report, s.section, s.index, s.text])
    for s in c.unthemed:
        w.writerow(["", "", "", "", s.report, s.section, s.index, s.text])
    return buf.getvalue()


def compare_files(c, reports: list) -> dict[str, str | bytes]:
    """Every file of the output folder: name -> content."""
    ordered = sorted(reports, key=lambda r: r.id)
    names = page_names(ordered)
    pages = to_html_pages(ordered)
    links = {r.id: f"{PAGES}/{name}" for r, name in zip(ordered, names)}
    rows, columns, values = c.balance_grid()
    heat = balance_heatmap_png(rows, columns, values)
    bars = themes_png([t.label for t in c.themes], [len(t.sentences) for t in c.themes], [len(t.reports) for t in c.themes]) if c.themes else None
    files: dict[str, str | bytes] = {
        SUMMARY_CSV: summary_csv(c),
        THEMES_CSV: themes_csv(c),
        JSON_FILE: json.dumps(c.to_dict(), indent=2, ensure_ascii=False) + "\n",
        HEATMAP_PNG: heat,
        OVERVIEW: overview_html(c, links, heat, bars),
    }
    if bars is not None:
        files[THEMES_PNG] = bars
    for name, page in pages.items():
        files[f"{PAGES}/{name}"] = page
    return files


def _img(png: bytes, alt: str) -> str:
    return f"<img alt='{html.escape(alt, quote=True)}' src='data:image/png;base64,{base64.b64encode(png).decode()}'>"


def _sentence_link(links: dict, report: str, index: int) -> str:
    # on a report's own page its sentences are r0-s<index>
    return f"{links[report]}#r0-s{index}"


def overview_html(c, links: dict, heat: bytes, bars: bytes | None) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Findings: {len(c.reports)} reports compared</title>{style()}"
        "<style>main.index section{margin:2em 0}main.index img{max-width:100%;height:auto;border:1px solid #d0d7de}"
        "details{margin:.3em 0}summary{cursor:pointer}.terms{font-weight:600}.who{color:#57606a;font-size:.9em}</style>",
        "</head><body><main class='index'>",
        f"<h1>{len(c.reports)} reports compared</h1>",
        "<p class='meta'>Balance = (strengths - areas for improvement) / sentences. A judgement (strength or area for improvement) "
        f"sits <em>beside evidence</em> when an evidence sentence of its section is within {c.window} sentences of it. "
        f"Each report's page: follow its name (<a href='{PAGES}/index.html'>all pages</a>). Files: "
        f"<a href='{SUMMARY_CSV}'>{SUMMARY_CSV}</a>, <a href='{THEMES_CSV}'>{THEMES_CSV}</a>, <a href='{JSON_FILE}'>{JSON_FILE}</a>.</p>",
        "<section><h2>Reports</h2><table class='index'><tr><th>report</th><th>sentences</th>",
    ]
    out += [f"<th>{e(LABEL_TITLES[lab])} (share)</th>" for lab in LABELS]
    out.append("<th>balance</th><th>judgements beside evidence</th><th>own score</th></tr>")
    for r in c.reports:
        own = e(r.own.text) if r.own.score is not None else "<span class='who'>none found</span>"
        out.append(
            f"<tr><td><a href='{e(links[r.id], quote=True)}'>{e(r.id)}</a></td><td class='num'>{r.total}</td>"
            + "".join(f"<td class='num'>{r.counts[lab]} ({r.share(lab):.0%})</td>" for lab in LABELS)
            + f"<td class='num'>{r.balance:+.2f}</td><td class='num'>{r.judgements - r.unsupported}/{r.judgements}</td><td>{own}</td></tr>"
        )
    out.append("</table>")
    corr = c.correlation
    out.append(f"<p>Balance and the reports' own scores: {f'r = {corr.r:+.2f} ({e(corr.note)})' if corr.r is not None else e(corr.note)}.</p></section>")
    out.append(f"<section><h2>Balance by report and section</h2>{_img(heat, 'heat map of balance by report and section')}"
               f"<p class='meta'>Every section of every report, with its counts, is in <a href='{SUMMARY_CSV}'>{SUMMARY_CSV}</a>.</p></section>")
    out.append("<section><h2>Themes of areas for improvement</h2>")
    if bars is not None:
        out.append(_img(bars, "bar chart of the themes of areas for improvement"))
    if not c.themes:
        out.append("<p>Too few areas for improvement to group into themes.</p>")
    for t in c.themes:
        who = ", ".join(f"<a href='{e(links[rid], quote=True)}'>{e(rid)}</a>" for rid in t.reports)
        out.append(f"<details id='theme-{t.number}'><summary><span class='terms'>{t.number}. {e(t.label)}</span> "
                   f"<span class='who'>{len(t.sentences)} sentences in {len(t.reports)} report(s){'' if t.recurring else ' (one report only)'}: </span>{who}</summary><ul>")
        for s in t.sentences:
            out.append(f"<li><a href='{e(_sentence_link(links, s.report, s.index), quote=True)}'>{e(s.report)}</a> "
                       f"<span class='who'>{e(s.section)}</span>: {e(s.text)}</li>")
        out.append("</ul></details>")
    if c.unthemed:
        out.append(f"<p class='meta'>{len(c.unthemed)} area(s) for improvement share no wording with another report's and are in no theme "
                   f"(listed in <a href='{THEMES_CSV}'>{THEMES_CSV}</a>).</p>")
    out.append("</section><section><h2>Sections whose judgements have no evidence beside them</h2>")
    missing = c.sections_without_evidence
    if not missing:
        out.append("<p>None: in every section with judgements, at least one sits beside an evidence sentence.</p>")
    else:
        out.append("<table class='index'><tr><th>report</th><th>section</th>"
                   + "".join(f"<th>{LABEL_TAGS[lab]}</th>" for lab in LABELS) + "</tr>")
        for r in c.reports:
            for k, s in enumerate(r.sections):
                if s.judgements and not s.supported:
                    out.append(f"<tr><td>{e(r.id)}</td><td><a href='{e(links[r.id], quote=True)}#r0-sec{k}'>{e(s.title)}</a></td>"
                               + "".join(f"<td class='num' title='{LABEL_NAMES[lab]}'>{s.counts[lab]}</td>" for lab in LABELS) + "</tr>")
        out.append("</table>")
    out.append("</section></main></body></html>\n")
    return "".join(out)

