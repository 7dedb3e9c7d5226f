"""HTML views of classified reports: self-contained pages that work offline in any browser.

Each report is shown as a document (headings, paragraphs, lists and tables rendered, sentences
highlighted by label with a distinct underline per label), beside a table of contents that gives
each section's counts per label and how many of its judgements sit beside evidence. The bar on top
filters by label and by minimum confidence and switches to a list of the strengths and areas for
improvement only, grouped by section, each linked back to the sentence in context; each report has
a section filter.

``to_html`` gives one page (all reports one after another, with an index when there are several);
``to_html_pages`` gives an index page and one page per report (``index.html`` and ``<id>.html``).
"""
from __future__ import annotations

from ..atomic import HTML_GENERATOR_TAG

import html
import re

from ..compare.ratings import own_score
from ..compare.sections import balance, evidence_beside, label_counts, section_paths, summarize_sections
from ..schema import LABELS
from .document import render_document, section_id, section_keys, sentence_id
from .html_assets import script, style
from .styles import LABEL_NAMES, LABEL_TAGS, LABEL_TITLES

INDEX_PAGE = "index.html"


def page_name(report_id: str) -> str:
    """The file name of a report's page (safe on every file system)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", report_id).strip("._") or "report"
    return safe + ".html"


def page_names(reports: list) -> list[str]:
    """One distinct page name per report (index.html is reserved)."""
    names, used = [], {INDEX_PAGE}
    for rep in reports:
        base = page_name(rep.id)
        name, k = base, 2
        while name.lower() in used:
            name, k = f"{base[:-5]}-{k}.html", k + 1
        used.add(name.lower())
        names.append(name)
    return names


def to_html(reports: list) -> str:
    """One page with every report (and an index on top when there are several)."""
    body = []
    if len(reports) > 1:
        body.append("<main class='index'>" + _index_table(reports, [f"#r{n}" for n in range(len(reports))]) + "</main>")
    body.extend(_report_section(rep, n) for n, rep in enumerate(reports))
    title = reports[0].id if len(reports) == 1 else f"{len(reports)} reports"
    return _page(f"Findings: {title}", _bar(list_view=True) + "".join(body))


def to_html_pages(reports: list) -> dict[str, str]:
    """An index page and one page per report: ``{file name: page}``."""
    names = page_names(reports)
    pages = {INDEX_PAGE: _page(f"Findings: {len(reports)} report(s)", _bar(list_view=False) + "<main class='index'>" + _index_table(reports, names) + "</main>")}
    for rep, name in zip(reports, names):  # one report per page: its sentences are r0-s<index>
        back = f"<a href='{INDEX_PAGE}'>&larr; all reports</a>"
        pages[name] = _page(f"Findings: {rep.id}", _bar(list_view=True, back=back) + _report_section(rep, 0))
    return pages


def _page(title: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{HTML_GENERATOR_TAG}"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title>{style()}</head><body>{body}{script()}</body></html>\n"
    )


def _swatch(lab: str) -> str:
    return f"<span class='swatch {lab}' aria-hidden='true'></span>"


def _bar(list_view: bool, back: str = "") -> str:
    parts = ["<header class='bar'>", f"<span class='brand'>Findings</span>{back}", "<fieldset><legend>show</legend>"]
    for lab in LABELS:
        parts.append(f"<label><input type='checkbox' checked data-label='{lab}'> {_swatch(lab)}{html.escape(LABEL_TITLES[lab])}</label>")
    parts.append("</fieldset>")
    if list_view:
        parts.append(
            "<label>confidence at least <input type='range' id='min-confidence' min='0' max='100' step='5' value='0'>"
            " <span id='min-confidence-value'>0%</span></label>"
            "<fieldset><legend>view</legend>"
            "<label><input type='radio' name='view' value='full' checked> full report</label>"
            "<label><input type='radio' name='view' value='list'> strengths and areas only</label></fieldset>"
        )
    parts.append("</header>")
    return "".join(parts)


def _counts(counts: dict[str, int]) -> str:
    return "<span class='counts'>" + "".join(
        f"<span class='c {lab}' title='{LABEL_NAMES[lab]}'>{LABEL_TAGS[lab]}&nbsp;{counts.get(lab, 0)}</span>" for lab in LABELS
    ) + "</span>"


def _evidence_note(supported: int, judgements: int) -> str:
    if not judgements:
        return ""
    cls = "ev none" if supported == 0 else "ev"
    return (f" <span class='{cls}' title='judgements (strengths and areas) with an evidence sentence beside them'>"
            f"{supported}/{judgements} beside evidence</span>")


def _index_table(reports: list, links: list[str]) -> str:
    rows = []
    for rep, link in zip(reports, links):
        counts = label_counts(p.label for p in rep.predictions)
        n = len(rep.predictions)
        sections = summarize_sections(rep)
        judged = sum(s.judgements for s in sections)
        supported = sum(s.supported for s in sections)
        own = own_score(rep.metadata)
        stack = "".join(f"<span class='{lab}' style='width:{100 * counts[lab] / n if n else 0:.1f}%' title='{LABEL_NAMES[lab]}: {counts[lab]}'></span>" for lab in LABELS)
        rows.append(
            f"<tr><td><a href='{html.escape(link, quote=True)}'>{html.escape(rep.id)}</a></td><td class='num'>{n}</td>"
            + "".join(f"<td class='num'>{counts[lab]}</td>" for lab in LABELS)
            + f"<td><div class='stack'>{stack}</div></td><td class='num'>{balance(counts):+.2f}</td>"
            f"<td class='num'>{supported}/{judged}</td><td>{html.escape(own.text) if own.score is not None else ''}</td></tr>"
        )
    head = "".join(f"<th>{_swatch(lab)}{html.escape(LABEL_TITLES[lab])}</th>" for lab in LABELS)
    return (
        f"<h1>{len(reports)} report(s)</h1><table class='index'><tr><th>report</th><th>sentences</th>{head}"
        "<th>shares</th><th title='(strengths - areas) / sentences'>balance</th><th>judgements beside evidence</th>"
        "<th>own score</th></tr>" + "".join(rows) + "</table>"
    )


def _report_section(rep, n: int) -> str:
    sections = summarize_sections(rep)
    keys = {s.path: k for k, s in enumerate(sections)}
    paths = section_paths(rep)
    beside = evidence_beside(rep, paths)
    counts = label_counts(p.label for p in rep.predictions)
    judged = sum(s.judgements for s in sections)
    supported = sum(s.supported for s in sections)
    own = own_score(rep.metadata)
    meta = [f"{len(rep.predictions)} sentences", _counts(counts), f"balance {balance(counts):+.2f}", _evidence_note(supported, judged).strip()]
    if own.score is not None:
        meta.append(f"the report's own score: {html.escape(own.text)}")
    if rep.path and rep.path != rep.id:
        meta.append(f"<span title='read from'>{html.escape(rep.path)}</span>")
    return (
        f"<div class='layout'>{_toc(rep, n, sections)}"
        f"<article class='report' id='r{n}' data-report='{n}'><h1>{html.escape(rep.id)}</h1>"
        f"<p class='meta'>{' &middot; '.join(m for m in meta if m)} &middot; <span class='hidden-count'></span></p>"
        f"<section class='listview'>{_list_view(rep, n, sections, beside)}</section>"
        f"<section class='fullview'>{render_document(rep, n, keys, beside)}</section>"
        "</article></div>"
    )


def _toc(rep, n: int, sections: list) -> str:
    items, options = [], ["<option value=''>all sections</option>"]
    for k, s in enumerate(sections):
        depth = max(0, len(s.path) - 1)
        title = html.escape(s.title)
        items.append(
            f"<li style='--depth:{min(depth, 4)}'><a href='#{section_id(n, k)}'>{title}</a> "
            f"{_counts(s.counts)}{_evidence_note(s.supported, s.judgements)}</li>"
        )
        options.append(f"<option value='{k}'>{'&nbsp;&nbsp;' * min(depth, 4)}{title}</option>")
    return (
        f"<nav class='toc' aria-label='contents of {html.escape(rep.id, quote=True)}'><strong>Contents</strong>"
        f"<div><label class='secfilter'>section <select class='secfilter' data-report='{n}'>{''.join(options)}</select></label></div>"
        f"<ol>{''.join(items)}</ol></nav>"
    )


def _list_view(rep, n: int, sections: list, beside: list) -> str:
    keys = {s.path: k for k, s in enumerate(sections)}
    out = []
    for lab in ("strength", "area_for_improvement"):
        out.append(f"<div class='col'><h2>{_swatch(lab)}{html.escape(LABEL_TITLES[lab])}</h2>")
        any_found = False
        for k, s in enumerate(sections):
            idx = [i for i in s.sentences if rep.predictions[i].label == lab]
            if not idx:
                continue
            any_found = True
            secs = section_keys(s.path, keys)
            out.append(f"<div class='group'><h3>{html.escape(s.title)}</h3><ul>")
            for i in idx:
                p = rep.predictions[i]
                note = "" if beside[i] else "<span class='noev'>\u25c7 no evidence beside it</span>"
                out.append(
                    f"<li class='item {lab}' data-label='{lab}' data-p='{p.confidence:.4f}' data-secs='{secs}'>"
                    f"{html.escape(p.text)}{note}<a class='ctx' href='#{sentence_id(n, p.index)}'>in context &rarr;</a></li>"
                )
            out.append("</ul></div>")
        out.append("<p class='none'>None found.</p>" if not any_found else "<p class='none' hidden>None shown.</p>")
        out.append("</div>")
    return "".join(out)
