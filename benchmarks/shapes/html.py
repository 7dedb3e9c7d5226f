"""HTML shapes: a saved web page with site furniture, and a page built from ``div``/``br`` without ``p``.

``html-saved-page`` writes the report into one of three site templates (the report's index picks
it), each modelled on how a family of real sites marks its furniture:

- ``design-system``: semantic HTML5 and ARIA as the GOV.UK Design System builds it (skip link,
  ``header role=banner``, cookie banner region, breadcrumbs ``nav``, ``main``, attachment box,
  share links, "Is this page useful?" feedback form, ``footer role=contentinfo``);
- ``council-cms``: a council CMS page of classed ``div``s without HTML5 landmarks (cookie notice,
  site header with menu, breadcrumb trail, a strapline outside the content, download link,
  "Was this page helpful?" box, back-to-top link, a footer with an address and copyright);
- ``webforms``: an ASP.NET/SharePoint page wrapped whole in ``<form id="aspnetForm">``, a cookie
  control banner by id, ``role=navigation`` menus, a sidebar of related links, print/share tools.

Inside the content every paragraph gets inline markup a CMS adds (an ``abbr`` around an acronym,
``em`` on the last word before the full stop, ``sup`` on ordinals, a hard-wrapped source line),
so the reader is checked for spaces that inline elements must not add.

``html-divs`` writes the report as a page of ``div``s and ``br``s: each section a ``div`` whose
title is a ``<b>`` line, paragraphs separated by ``<br><br>``, list items as bullet-glyph lines
(disc, circle, square by depth, as browsers draw nested lists).
"""
from __future__ import annotations

import html as _html
import re
import textwrap
from pathlib import Path

from . import Element, Rendered, Source, elements


def esc(s: str) -> str:
    return _html.escape(s, quote=False)


_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")
_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b")
_LAST_WORD = re.compile(r"(\w[\w'\u2019-]*)([.!?])$")


def inline(text: str) -> str:
    """Escaped text with the inline markup a CMS adds (never changes the visible text)."""
    s = esc(text)
    s = _ACRONYM.sub(lambda m: f'(<abbr title="{m.group(1)}">{m.group(1)}</abbr>)', s, count=1)
    s = _ORDINAL.sub(r"\1<sup>\2</sup>", s)
    s = _LAST_WORD.sub(r"<em>\1</em>\2", s)
    return "\n".join(textwrap.wrap(s, 100, break_long_words=False, break_on_hyphens=False)) or s


def body_html(els: list[Element]) -> str:
    """The report's elements as semantic HTML."""
    out: list[str] = []
    open_lists: list[str] = []  # "ul"/"ol" per depth

    def close_lists(to: int) -> None:
        while len(open_lists) > to:
            out.append(f"</li></{open_lists.pop()}>")

    for el in els:
        if el.kind != "list_item":
            close_lists(0)
        if el.kind == "heading":
            out.append(f"<h{el.level}>{esc(el.text)}</h{el.level}>")
        elif el.kind == "paragraph":
            out.append(f"<p>{inline(el.text)}</p>")
        elif el.kind == "lines":
            out.append("<p>" + "<br>\n".join(esc(ln) for ln in el.lines) + "</p>")
        elif el.kind == "list_item":
            tag = "ol" if el.marker[:1].isdigit() else "ul"
            depth = el.depth
            if len(open_lists) > depth + 1:
                close_lists(depth + 1)
            if len(open_lists) == depth + 1:
                out.append("</li>")
            while len(open_lists) < depth + 1:
                out.append(f"<{tag}>")
                open_lists.append(tag)
            out.append(f"<li>{inline(el.text)}")
        elif el.kind == "table":
            rows = list(el.rows)
            if not rows:
                continue
            head, rest = rows[0], rows[1:]
            out.append("<table>\n<thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in head) + "</tr></thead>\n<tbody>")
            out.extend("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rest)
            out.append("</tbody></table>")
    close_lists(0)
    return "\n".join(out)


# ------------------------------------------------------------------------------- site templates
DESIGN_SYSTEM = """<!DOCTYPE html>
<html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>{title} - Care Quality Commission</title>
<link rel="stylesheet" href="/assets/application.css"><script>document.body.className += ' js-enabled';</script></head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
<div class="govuk-cookie-banner" data-nosnippet role="region" aria-label="Cookies on this website">
  <div class="govuk-cookie-banner__message govuk-width-container">
    <h2 class="govuk-cookie-banner__heading govuk-heading-m">Cookies on this website</h2>
    <div class="govuk-cookie-banner__content"><p class="govuk-body">We use some essential cookies to make this service work.</p>
    <p class="govuk-body">We would also like to use analytics cookies so we can understand how you use the service and make improvements.</p></div>
    <div class="govuk-button-group"><button type="button" class="govuk-button">Accept analytics cookies</button>
    <button type="button" class="govuk-button">Reject analytics cookies</button>
    <a class="govuk-link" href="/cookies">View cookies</a></div>
  </div>
</div>
<header class="govuk-header" role="banner"><div class="govuk-header__container">
  <a href="/" class="govuk-header__link govuk-header__link--homepage">Care Quality Commission</a>
  <nav aria-label="Menu" class="govuk-header__navigation"><ul>
    <li><a href="/find">Find and compare services</a></li><li><a href="/guidance">Guidance for providers</a></li>
    <li><a href="/publications">Publications and reports</a></li><li><a href="/about">About us</a></li></ul></nav>
</div></header>
<div class="govuk-width-container">
  <div class="govuk-phase-banner"><p class="govuk-phase-banner__content"><strong class="govuk-tag">Beta</strong>
  <span class="govuk-phase-banner__text">This is a new service. Help us improve it and <a href="/feedback">give your feedback by email</a>.</span></p></div>
  <nav class="govuk-breadcrumbs" aria-label="Breadcrumb"><ol class="govuk-breadcrumbs__list">
    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/">Home</a></li>
    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/care-services">Local authority assessments</a></li>
    <li class="govuk-breadcrumbs__list-item">{title}</li></ol></nav>
  <main class="govuk-main-wrapper" id="main-content" role="main">
    <span class="govuk-caption-l">Local authority assessment</span>
{body}
    <section class="gem-c-attachment"><h2 class="govuk-heading-s">Documents</h2>
      <p class="gem-c-attachment__title"><a href="/report.pdf" class="govuk-link">Download the report (PDF, 532 KB)</a></p>
      <p class="gem-c-attachment__metadata">This file may not be suitable for users of assistive technology.
      <a href="/accessible-format">Request an accessible format</a>.</p></section>
    <div class="gem-c-share-links"><h2 class="gem-c-share-links__title">Share this page</h2><ul>
      <li><a href="https://facebook.example/share">Share on Facebook</a></li>
      <li><a href="https://x.example/share">Share on X (formerly Twitter)</a></li>
      <li><a href="mailto:?subject=report">Share by email</a></li></ul></div>
    <p class="govuk-body-s">Last updated: 12 March 2024</p>
    <div class="gem-c-feedback" data-module="feedback">
      <div class="gem-c-feedback__prompt"><h2 class="gem-c-feedback__prompt-question">Is this page useful?</h2>
      <button class="govuk-button">Yes, this page is useful</button> <button class="govuk-button">No, this page is not useful</button>
      <a href="/contact/problem" class="govuk-link">Report a problem with this page</a></div>
      <form class="gem-c-feedback__form" hidden><h3>Help us improve GOV.UK</h3>
      <p>Don't include personal or financial information like your National Insurance number or credit card details.</p>
      <label>What were you doing?</label><input name="what"><button>Send</button></form>
    </div>
  </main>
</div>
<footer class="govuk-footer" role="contentinfo"><div class="govuk-width-container">
  <h2 class="govuk-visually-hidden">Support links</h2><ul class="govuk-footer__inline-list">
  <li><a href="/accessibility">Accessibility statement</a></li><li><a href="/cookies">Cookies</a></li>
  <li><a href="/privacy">Privacy notice</a></li><li><a href="/contact">Contact us</a></li></ul>
  <p class="govuk-footer__licence-description">All content is available under the Open Government Licence v3.0, except where otherwise stated.</p>
  <p class="govuk-footer__copyright">&copy; Care Quality Commission</p>
</div></footer>
<script src="/assets/all.js"></script><script>window.GOVUKFrontend.initAll()</script>
</body></html>
"""

COUNCIL_CMS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Exampleshire County Council</title>
<style>.cookie-notice {{position: fixed; bottom: 0}}</style></head>
<body class="page-node-type-localgov-services-page has-cookie-notice">
<div id="cookie-notice" class="cookie-notice"><div class="cookie-notice__inner">
  <p>We use cookies on this website to improve your experience. Some are essential, others help us understand how the site is used.</p>
  <a href="#" class="btn accept">Accept all cookies</a> <a href="/cookie-settings" class="btn">Cookie settings</a></div></div>
<div class="skip"><a href="#content">Skip to content</a></div>
<div class="site-header"><div class="container">
  <div class="logo"><a href="/"><img src="/logo.png" alt="Exampleshire County Council"></a></div>
  <div class="header-search"><input type="search" placeholder="Search this site"> <a href="/search">Search</a></div>
  <ul class="main-menu"><li><a href="/adult-social-care">Adult social care</a></li><li><a href="/council">Your council</a></li>
  <li><a href="/health">Health and wellbeing</a></li><li><a href="/contact">Contact the council</a></li></ul></div></div>
<div class="strapline">Working together for a healthier county</div>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/adult-social-care">Adult social care</a> &gt; <span>Assessment report</span></div>
<div class="page-wrapper"><div class="content-area" id="content">
<div class="article-body">
{body}
</div>
<p class="download-link"><a href="/files/assessment.pdf">Download the assessment report (PDF, 1.2 MB)</a></p>
<div class="page-feedback"><p>Was this page helpful?</p><a href="/feedback?yes">Yes</a> <a href="/feedback?no">No</a>
<p><a href="/feedback/form">Tell us how we can improve this page</a></p></div>
<div class="back-to-top"><a href="#top">Back to top</a></div>
</div></div>
<div class="site-footer"><div class="container">
  <p>Exampleshire County Council, County Hall, Market Square, Exampleton EX1 1AA</p>
  <ul><li><a href="/accessibility">Accessibility</a></li><li><a href="/privacy">Privacy and data protection</a></li>
  <li><a href="/jobs">Jobs and careers</a></li></ul>
  <p>&copy; 2024 Exampleshire County Council. All rights reserved.</p></div></div>
<script>var _paq = window._paq = []; _paq.push(['trackPageView']);</script>
</body></html>
"""

WEBFORMS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<form method="post" action="./assessment.aspx" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKLTY1NTk"></div>
<div id="ccc" role="dialog" aria-label="Cookie Control"><div id="ccc-content">
  <h2 id="ccc-title">This site uses cookies to store information on your computer.</h2>
  <p id="ccc-intro">Some of these cookies are essential, while others help us to improve your experience by providing insights into how the site is being used.</p>
  <button id="ccc-recommended-settings">Accept recommended settings</button> <button id="ccc-reject-settings">I do not accept</button></div></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="siteHeader"><a href="/" id="siteLogo">Exampleshire Integrated Care Board</a>
  <div role="navigation" id="topNav"><a href="/">Home</a> | <a href="/about-us">About us</a> | <a href="/our-work">Our work</a> | <a href="/news">News and media</a></div></div>
<div id="breadcrumbs" class="breadcrumb-trail"><span><a href="/">Home</a></span> &rsaquo; <span><a href="/our-work">Our work</a></span> &rsaquo; <span>Quality and safety</span></div>
<div class="layout-two-col">
<div id="contentBox"><div class="ms-rtestate-field">
{body}
</div>
<div class="share-tools"><a href="javascript:window.print()">Print this page</a> <a href="https://x.example/intent">Share on X</a> <a href="https://linkedin.example/share">Share on LinkedIn</a></div>
</div>
<div class="sidebar"><h2>Related pages</h2><ul><li><a href="/quality">Quality assurance framework</a></li>
<li><a href="/safeguarding">Safeguarding adults and children</a></li><li><a href="/board-papers">Board papers and minutes</a></li></ul>
<div class="sidebar-box"><h3>Get in touch</h3><p>Our patient experience team can help with questions about local health services.</p></div></div>
</div>
<div id="footer"><p>Exampleshire Integrated Care Board, Headquarters, 1 Example Way, Exampleton EX2 2BB</p>
<p>Copyright &copy; 2024 Exampleshire ICB</p></div>
</div></div>
</form>
</body></html>
"""

#: Visible furniture strings each template inserts (the driver counts output sentences holding one).
FURNITURE = {
    "design-system": [
        "Local authority assessment", "Skip to main content", "We use some essential cookies to make this service work",
        "We would also like to use analytics cookies", "Accept analytics cookies", "Reject analytics cookies",
        "Find and compare services", "Guidance for providers", "This is a new service", "give your feedback by email",
        "Local authority assessments", "Download the report (PDF, 532 KB)", "This file may not be suitable",
        "Request an accessible format", "Share this page", "Share on Facebook", "Share by email", "Last updated: 12 March 2024",
        "Is this page useful?", "this page is useful", "Report a problem with this page", "Help us improve GOV.UK",
        "Don't include personal or financial information", "Accessibility statement", "Open Government Licence",
    ],
    "council-cms": [
        "We use cookies on this website", "Some are essential, others help us", "Accept all cookies", "Cookie settings",
        "Skip to content", "Search this site", "Contact the council", "Working together for a healthier county",
        "Download the assessment report (PDF, 1.2 MB)", "Was this page helpful?",
        "Tell us how we can improve this page", "Back to top", "County Hall, Market Square", "All rights reserved",
        "Privacy and data protection", "Jobs and careers",
    ],
    "webforms": [
        "This site uses cookies to store information", "Some of these cookies are essential",
        "Accept recommended settings", "I do not accept", "Exampleshire Integrated Care Board", "News and media",
        "Print this page", "Share on X", "Share on LinkedIn", "Related pages", "Quality assurance framework",
        "Board papers and minutes", "Get in touch",
        "Our patient experience team can help", "1 Example Way", "Exampleshire ICB",
    ],
}
TEMPLATES = {"design-system": DESIGN_SYSTEM, "council-cms": COUNCIL_CMS, "webforms": WEBFORMS}

#: Which template each report is written into (a fixed rotation over the sorted report ids).
ROTATION = ("design-system", "council-cms", "webforms")


def _title(els: list[Element], source: Source) -> str:
    return next((e.text for e in els if e.kind == "heading"), source.id)


def template_for(source: Source) -> str:
    from finding_classifier.schema import REPORTS_DIR

    ids = sorted(p.stem for p in REPORTS_DIR.glob("*.txt"))
    i = ids.index(source.id) if source.id in ids else sum(map(ord, source.id))
    return ROTATION[i % len(ROTATION)]


def saved_page_html(source: Source, template: str | None = None) -> tuple[str, list[str]]:
    els = elements(source)
    name = template or template_for(source)
    page = TEMPLATES[name].format(title=esc(_title(els, source)), body=body_html(els))
    return page, FURNITURE[name]


def render_saved_page(source: Source, work: Path) -> Rendered:
    page, furniture = saved_page_html(source)
    path = work / f"{source.id}.html"
    path.write_text(page, encoding="utf-8")
    return Rendered(path, list(furniture))


def divs_html(source: Source) -> str:
    """The report as a page of divs and brs: one div per section, no p, no h, no ul."""
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>Report</title></head><body>', '<div id="page"><div class="text">']
    section: list[str] = []

    def close() -> None:
        if section:
            out.append("<div class=\"section\">" + "".join(section) + "</div>")
            section.clear()

    prev = ""
    for el in elements(source):
        if el.kind == "heading":
            close()
            section.append(f"<div class=\"title\"><b>{esc(el.text)}</b></div>\n")
        elif el.kind == "list_item":
            sep = "<br>\n" if prev == "list_item" else ("<br><br>\n" if section and not section[-1].endswith("</div>\n") else "")
            glyph = ("&bull;", "&#9702;", "&#9642;")[min(el.depth, 2)]  # disc, circle, square by depth
            section.append(sep + "&nbsp;&nbsp;" * el.depth + glyph + " " + inline(el.text))
        elif el.kind == "table":
            section.append("<br><br>\n" if section and not section[-1].endswith("</div>\n") else "")
            section.append("<table>" + "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in el.rows) + "</table>\n")
        else:
            text = "<br>\n".join(esc(ln) for ln in el.lines) if el.kind == "lines" else inline(el.text)
            sep = "<br><br>\n" if section and not section[-1].endswith("</div>\n") and not section[-1].endswith("</table>\n") else ""
            section.append(sep + text)
        prev = el.kind
    close()
    out.append("</div></div></body></html>")
    return "\n".join(out)


def render_divs(source: Source, work: Path) -> Rendered:
    path = work / f"{source.id}.html"
    path.write_text(divs_html(source), encoding="utf-8")
    return Rendered(path, [])


SHAPES = {"html-saved-page": render_saved_page, "html-divs": render_divs}
