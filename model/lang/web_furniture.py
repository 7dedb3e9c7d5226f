"""Web-site furniture: the parts of a saved web page that are not the report (document-family data).

Reviewed data, kept apart from the HTML reader (``model/reading/html.py``) that applies it. Each
entry says where the pattern comes from. The reader drops an element when its tag, ARIA role,
``class``/``id`` words or (for a whole block) its text match; nothing here names a sentence or a
page of any one report.

Provenance: the HTML Living Standard and WAI-ARIA 1.2 (tags and landmark roles), the published
component names of the GOV.UK Design System and of LocalGov Drupal (the design systems English
councils and the NHS build their pages on), WordPress themes' conventions (``skip-link``,
``screen-reader-text``), and the element ids that the common consent-management scripts document
for their banners (OneTrust, Cookiebot, Civic Cookie Control, CookieYes/Cookie Law Info,
Complianz, Quantcast Choice, Didomi, Usercentrics).
"""
from __future__ import annotations

import re

#: Elements that never hold report text (HTML Living Standard: scripting, embedded content,
#: navigation, forms and their controls, dialogs). ``header``/``footer`` are handled apart: they are
#: page furniture only outside sectioning content (an article's own header holds its title).
DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed",
    "video", "audio", "picture", "img", "map", "nav", "aside", "form", "button", "select", "textarea",
    "input", "label", "dialog", "menu", "head", "title", "meta", "link",
})

#: Elements inside which a ``header`` or ``footer`` belongs to that content, not to the page
#: (HTML-AAM: header/footer map to banner/contentinfo only outside these).
SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})

#: WAI-ARIA landmark and window roles that are never the report.
DROP_ROLES = frozenset({
    "banner", "navigation", "contentinfo", "search", "complementary", "dialog", "alertdialog",
    "menu", "menubar", "toolbar", "tablist", "form",
})

#: Roles that mark the main content (WAI-ARIA ``main``; ``article`` and ``document`` regions).
MAIN_ROLES = frozenset({"main"})

#: ``class``/``id`` words that mark furniture. Class and id values are split into lower-case words
#: at ``-``, ``_``, spaces and camelCase humps ("govuk-cookie-banner" -> govuk, cookie, banner); an
#: element is furniture when its words contain one of these sequences. Matching whole words keeps
#: "shared-care" from matching "share".
FURNITURE_WORDS: tuple[tuple[str, ...], ...] = (
    # cookie and consent banners (GOV.UK "govuk-cookie-banner", LocalGov "cookie-notice")
    ("cookie",), ("cookies",), ("consent",), ("gdpr",),
    # ids of consent-management scripts, as their documentation names them
    ("onetrust",), ("cookiebot",), ("ccc",), ("cookieyes",), ("cmplz",), ("qc", "cmp2"), ("didomi",),
    ("usercentrics",),
    # skip links (GOV.UK "govuk-skip-link", WordPress "skip-link")
    ("skip", "link"), ("skip", "to"), ("skiplink",), ("skip", "nav"),
    # breadcrumbs (GOV.UK "govuk-breadcrumbs", LocalGov "breadcrumb")
    ("breadcrumb",), ("breadcrumbs",),
    # share, print and social links
    # ("social" alone is not furniture here: "social-care" is the subject of the reports)
    ("share",), ("sharing",), ("social", "links"), ("social", "media"), ("social", "share"),
    ("social", "icons"), ("addthis",), ("print", "link"), ("print", "page"),
    # feedback widgets ("Is this page useful?": GOV.UK "gem-c-feedback"; LocalGov "page-feedback")
    ("feedback",), ("helpful",), ("page", "useful"), ("report", "a", "problem"),
    # back to top links (GOV.UK "app-back-to-top", LocalGov "back-to-top")
    ("back", "to", "top"), ("to", "top"), ("scroll", "top"),
    # site banners, headers, footers, menus and sidebars built from divs
    ("banner",), ("masthead",), ("site", "header"), ("page", "header", "nav"), ("site", "footer"),
    ("footer",), ("navbar",), ("nav",), ("navigation",), ("menu",), ("megamenu",), ("sidebar",),
    ("related",), ("newsletter",), ("subscribe",), ("pagination",), ("pager",), ("toc",),
    ("contents", "list"), ("on", "this", "page"), ("search",), ("modal",), ("popup",), ("overlay",),
    # a caption above a page's title (GOV.UK "govuk-caption-l": the section a page sits in)
    ("govuk", "caption"),
    # downloads and attachments (GOV.UK "gem-c-attachment", LocalGov "localgov-documents")
    ("download",), ("downloads",), ("attachment",), ("attachments",), ("documents", "list"),
    # visually hidden text for screen readers ("opens in a new tab"): not what the page shows.
    # (Utility classes such as "hidden" or "d-none" are left alone: responsive layouts show them
    # on other screens, and "overflow-hidden" wraps content.)
    ("visually", "hidden"), ("visuallyhidden",), ("sr", "only"), ("screen", "reader", "text"),
)

#: ``class``/``id`` words that mark the report itself; an element carrying one is never furniture
#: by its words (a "main-content" wrapper inside a div called "page-layout-footer-fix" stays).
CONTENT_WORDS: tuple[tuple[str, ...], ...] = (
    ("main", "content"), ("maincontent",), ("article", "body"), ("page", "content"), ("content", "main"),
    ("govuk", "main", "wrapper"), ("report", "body"),
)

#: Phrases (case-insensitive) that are furniture wherever they stand: skip links, back-to-top
#: links, share and print prompts, feedback prompts, download lines with a file type, page dates,
#: cookie choices, the GOV.UK attachment component's accessibility notes. A block made only of such phrases (after whitespace folding; "Print this page
#: Share on X") is furniture.
FURNITURE_PHRASE = r"""(?:
        skip\ to\ (?:the\ )?(?:main\ )?(?:content|navigation)
      | back\ to\ (?:the\ )?top
      | (?:return|go)\ to\ (?:the\ )?top(?:\ of\ (?:the\ )?page)?
      | top\ of\ page
      | (?:print|share|email)\ (?:this\ )?(?:page|article|report)
      | share\ (?:on|via|by)\ [\w.]+(?:\ \((?:formerly\ )?\w+\))?
      | (?:is|was)\ this\ (?:page|information|content)\ (?:useful|helpful)\??
      | (?:yes|no)(?:,?\ this\ page\ is(?:\ not)?\ useful)?
      | report\ a\ problem\ with\ this\ page
      | help\ us\ improve\ (?:this\ page|our\ website|gov\.uk)
      | give\ (?:us\ )?feedback(?:\ (?:on|about)\ this\ page)?
      | on\ this\ page | contents | related\ (?:content|pages|links|documents|information)
      | (?:download|view|read|open)\b[^()]{0,120}\((?:pdf|docx?|odt|xlsx?|csv|html)\b[^)]{0,40}\)
      | (?:last|page)\ (?:updated|reviewed|published)\b:?\ (?:on\ )?\d{1,2}\ [a-z]+\ \d{4}
      | (?:published|updated):?\ \d{1,2}\ [a-z]+\ \d{4}
      | (?:accept|reject|manage|set|change)\ (?:all\ |optional\ |additional\ |analytics\ )?cookies?(?:\ settings|\ preferences)?
      | cookie\ (?:settings|preferences|policy)
      | hide\ (?:this\ )?(?:message|cookie\ message)
      | this\ file\ may\ not\ be\ suitable\ for\ users\ of\ assistive\ technology
      | request\ an\ accessible\ format
    )"""
FURNITURE_TEXT = re.compile(
    rf"^{FURNITURE_PHRASE}(?:[.!]?[\s|\u00b7\u2022,/]+{FURNITURE_PHRASE})*[.!]?$", re.I | re.X
)

#: A breadcrumb trail as text (a printed page, a page without markup for it): "Home > Adult
#: social care > Assessment", with >, \u203a, \u00bb or / between at most eight short steps.
BREADCRUMB_TEXT = re.compile(
    r"^(?:you\ are\ here:?\ )?home(?:\s*[>\u203a\u00bb/|]\s*[^>\u203a\u00bb/|]{1,60}){1,8}$", re.I | re.X
)

#: A block that talks about cookies and a choice about them is a cookie notice.
COOKIE_NOTICE = re.compile(
    r"\bcookies?\b.*\b(?:accept|reject|consent|settings|preferences|essential|analytics|optional)\b"
    r"|\b(?:accept|reject|consent|essential|analytics)\b.*\bcookies?\b",
    re.I,
)


def class_words(value: str) -> list[str]:
    """The lower-case words of a class or id value ("govuk-cookieBanner_x" -> govuk, cookie, banner, x)."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", value)
    return [w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w]


def _has_sequence(words: list[str], patterns: tuple[tuple[str, ...], ...]) -> bool:
    for pat in patterns:
        n = len(pat)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == pat:
                return True
    return False


def furniture_by_name(classes: list[str], ident: str) -> bool:
    """Do an element's class and id values mark it as site furniture?"""
    values = list(classes) + ([ident] if ident else [])
    for v in values:
        words = class_words(v)
        if _has_sequence(words, CONTENT_WORDS):
            return False
    return any(_has_sequence(class_words(v), FURNITURE_WORDS) for v in values)


def furniture_text(text: str) -> bool:
    """Is a whole block's text site furniture (a skip link, a feedback prompt, a cookie notice...)?"""
    return (
        bool(FURNITURE_TEXT.match(text))
        or bool(BREADCRUMB_TEXT.match(text))
        or (len(text.split()) <= 80 and bool(COOKIE_NOTICE.search(text)))
    )
