"""PDF shape: the saved web page printed to PDF by headless Chromium.

``pdf-chromium`` takes the page of ``html-saved-page`` (same site template, same furniture) and
prints it as a person would with the browser's print dialog, with the site's print stylesheet
(which, as real sites' do, hides the cookie banner, menus, feedback box, sidebar and footer, but
prints breadcrumbs, download links, share tools and the page date), plus:

- a running header longer than 60 characters and "Page N of M" footers (CSS ``@page`` margin
  boxes), so every page carries lines that are not the report;
- a large title type, so a long title wraps onto two lines;
- ruled tables, as published reports print them;
- soft hyphens in long words, so Chromium hyphenates at line ends (it writes U+2010 there).

Chromium draws list bullets as shapes, not characters, so the reader must find them in the
drawing. Without ``/usr/bin/chromium`` (``apt-get install chromium``) the shape is skipped.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import Rendered, ShapeUnavailable, Source
from .html import FURNITURE, saved_page_html, template_for

PRINT_CSS = """<style>
@page {{ size: A4; margin: 22mm 20mm 20mm 20mm;
  @top-center {{ content: "{header}"; font: 8.5pt sans-serif; color: #444; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 8.5pt sans-serif; }} }}
body {{ font: 11pt/1.4 "Liberation Sans", Arial, sans-serif; }}
h1 {{ font-size: 26pt; line-height: 1.15; }} h2 {{ font-size: 17pt; }} h3 {{ font-size: 14pt; }}
h4, h5, h6 {{ font-size: 12pt; }}
table {{ border-collapse: collapse; margin: 8pt 0; }} td, th {{ border: 0.75pt solid #555; padding: 2pt 4pt; }}
@media print {{
  .govuk-cookie-banner, .govuk-header, .govuk-phase-banner, .govuk-skip-link, .gem-c-feedback, .govuk-footer,
  #cookie-notice, .skip, .site-header, .strapline, .page-feedback, .back-to-top, .site-footer,
  #ccc, #siteHeader, .sidebar, #footer, .aspNetHidden {{ display: none !important; }}
}}
</style>
"""

#: Template furniture that the print stylesheet leaves visible.
PRINTED = {
    "design-system": ["Download the report (PDF, 532 KB)", "This file may not be suitable", "Request an accessible format",
                      "Share on Facebook", "Share by email", "Last updated: 12 March 2024", "Local authority assessments",
                      "Local authority assessment"],
    "council-cms": ["Download the assessment report (PDF, 1.2 MB)", "Adult social care > Assessment report"],
    "webforms": ["Print this page", "Share on X", "Share on LinkedIn", "Our work > Quality and safety"],
}

_LONG_WORD = re.compile(r"(?<![&#\w])([A-Za-z]{10,})(?![^<>]*>)")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def soft_hyphens(html: str) -> str:
    """A soft hyphen in the middle of every long word of the page's text (not inside tags)."""
    return _LONG_WORD.sub(lambda m: m.group(1)[: len(m.group(1)) // 2] + "&shy;" + m.group(1)[len(m.group(1)) // 2 :], html)


def print_to_pdf(html_path: Path, pdf_path: Path) -> None:
    browser = chromium()
    if browser is None:
        raise ShapeUnavailable("no headless Chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        res = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={profile}",
             "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.as_uri()],
            capture_output=True, text=True, timeout=180,
        )
    if res.returncode != 0 or not pdf_path.is_file():
        raise ShapeUnavailable(f"chromium could not print: {res.stderr.strip()[-200:]}")


def render_pdf(source: Source, work: Path) -> Rendered:
    page, _ = saved_page_html(source)
    name = template_for(source)
    header = f"Exampleshire assessment of adult social care and health services: {source.id.replace('-', ' ')}"
    page = page.replace("</head>", PRINT_CSS.format(header=header) + "</head>", 1)
    body_at = page.index("<body")
    page = page[:body_at] + soft_hyphens(page[body_at:])
    html_path = work / f"{source.id}.print.html"
    html_path.write_text(page, encoding="utf-8")
    pdf_path = work / f"{source.id}.pdf"
    print_to_pdf(html_path, pdf_path)
    furniture = [header, "Page 1 of", "Page 2 of"] + PRINTED[name] + [f for f in FURNITURE[name] if f not in PRINTED[name]]
    return Rendered(pdf_path, furniture)


SHAPES = {"pdf-chromium": render_pdf}
