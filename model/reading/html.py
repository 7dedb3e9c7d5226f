"""HTML pages to canonical block text: the DOM walked for headings, paragraphs, lists and tables.

The page is parsed with BeautifulSoup on lxml's HTML parser (libxml2: it builds a 10,000-deep tree
and reads malformed markup such as ``<![ b`` the way a browser does, where Python's
``html.parser`` rejects it and html5lib takes minutes on deep nesting). Every walk over the tree
below is iterative, with an explicit stack, so nesting depth never meets Python's recursion limit.

1. Furniture is marked: elements that never hold report text (script, style, forms, navigation),
   hidden elements (``hidden``, ``aria-hidden``, ``display:none``), ARIA banner/navigation/
   contentinfo/search/complementary regions, a page-level ``header``/``footer``, and elements whose
   class or id words name furniture (cookie banners, breadcrumbs, skip links, share and download
   links, feedback widgets). The patterns are data: :mod:`...lang.web_furniture`. An element that
   holds most of the page's text is never dropped for its name (``<form id="aspnetForm">`` around a
   whole page, ``<body class="cookie-banner-open">``).
2. The main content is ``main``/``role=main``, else the one ``article``, else the densest
   container: the deepest element that holds nearly all the page's remaining text.
3. The content is walked into :class:`ReadBlock` records: ``h1``-``h6`` are headings, a block
   whose text is all ``b``/``strong`` is a heading one level below the last, ``li`` are list items
   with their nesting depth, data tables are tab-separated rows (a layout table is read as the
   blocks it contains), ``dt``/``dd`` pairs are ``term: definition`` lines, and runs of text made
   of ``div``/``br`` without ``p`` are paragraphs. A block that is all link text, or whose text is
   furniture ("Back to top", "Download the report (PDF, 532 KB)"), is left out. Inline elements
   never add spaces: text is joined exactly as the page shows it.
"""
from __future__ import annotations

import re

from ..lang.web_furniture import DROP_ROLES, DROP_TAGS, MAIN_ROLES, SECTIONING, furniture_by_name, furniture_text
from .canonical import BULLETS, ReadBlock, bold_heading, bullet_item, fold, split_lines, to_canonical

#: Elements whose boundaries separate blocks (everything else is inline).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "details", "dialog", "dd", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead",
    "tfoot", "tr", "td", "th", "caption", "ul", "legend", "html", "menu", "search", "noscript", "option",
})
HEADINGS = {f"h{i}": i for i in range(1, 7)}
BOLD_TAGS = frozenset({"b", "strong"})

#: Elements never dropped for their class/id words (the page itself).
_ROOTS = frozenset({"html", "body", "main"})

#: An element holding at least this share of the page's text is never dropped as furniture for its
#: class/id words or for being a form: furniture is small beside the report it surrounds.
#: (Landmarks - nav, aside, a page header or footer, ARIA roles - are dropped whatever they hold.)
FURNITURE_MAX_SHARE = 0.5
#: The densest container is the deepest element holding at least this share of the text left
#: after furniture is dropped (what it leaves out is a few words beside the report: a logo line, a
#: copyright line; a heading or paragraph of the report beside it is more than that).
CONTENT_SHARE = 0.95
#: ``main``/``article`` is taken as the content when it holds at least this share of that text.
MAIN_MIN_SHARE = 0.2
#: A ``dd`` of at most this many words, without blocks inside, is read with its term as one line.
SHORT_DEFINITION_WORDS = 12

_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.I)
_SPACE = object()  # a space after the content of a block element, in an iterative walk
_LINE_BREAK = "\u2028"  # a <br> inside a block (source newlines are only whitespace); fold() spaces it
_FOOTNOTE_MARK = re.compile(r"^\[?(?:\d{1,3}|[*\u2020\u2021\u00a7a-z])\]?$")


def html_to_text(html: str, dropped: list | None = None) -> str:
    """An HTML page as canonical block text ("" when the page holds no report text).

    ``dropped``, when given, receives a ``(rule, text)`` pair for every part left out as furniture.
    """
    return to_canonical(html_blocks(html, dropped))


def html_blocks(html: str, dropped: list | None = None) -> list[ReadBlock]:
    """The blocks of the report an HTML page holds, furniture left out (and told to ``dropped``)."""
    import warnings

    from bs4 import BeautifulSoup

    with warnings.catch_warnings():
        # bs4's advice ("looks like XML", "looks like a file name") would reach the user as a
        # many-line warning; a page is read as HTML whatever it resembles.
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(html, "lxml")
    root = soup.body or soup
    page = _Page(root)
    content = page.content()
    walker = _Walker(page)
    blocks = walker.walk(content)
    if dropped is not None:
        dropped.extend(page.why)
        dropped.extend(page.outside(content))
        dropped.extend(walker.why)
    return blocks


# ------------------------------------------------------------------------------------------- tree
def _children(tag) -> list:
    return list(tag.contents) if hasattr(tag, "contents") else []


def _is_text(node) -> bool:
    from bs4 import NavigableString
    from bs4.element import PreformattedString

    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


def _is_tag(node) -> bool:
    return getattr(node, "name", None) is not None and hasattr(node, "attrs")


def _attr(tag, name: str) -> str:
    v = tag.attrs.get(name)
    if v is None:
        return ""
    return " ".join(v) if isinstance(v, list) else str(v)


def _hidden(tag) -> bool:
    return (
        "hidden" in tag.attrs
        or _attr(tag, "aria-hidden").strip().lower() == "true"
        or bool(_HIDDEN_STYLE.search(_attr(tag, "style")))
        or (tag.name == "input" and _attr(tag, "type").lower() == "hidden")
    )


def _never_text(tag) -> bool:
    """Elements dropped whatever they hold: scripts, styles, embedded media, form controls, hidden."""
    return (tag.name in DROP_TAGS and tag.name not in {"nav", "aside", "form", "dialog", "menu"}) or _hidden(tag)


class _Page:
    """A parsed page: text scores per element, the furniture decisions and the main content."""

    def __init__(self, root):
        self.root = root
        raw = self._scores(root, lambda t: _never_text(t))
        total = raw.get(id(root), 0)
        self.dropped: set[int] = set()
        self.why: list[tuple[str, str]] = []  # (rule, text) of each dropped element that showed text
        self._mark_furniture(root, raw, total)
        self.score = self._scores(root, lambda t: id(t) in self.dropped)
        self.holds_blocks = self._holding(root, frozenset({"table", *HEADINGS}))

    @staticmethod
    def _holding(root, names: frozenset) -> set[int]:
        """Ids of the elements that have one of ``names`` among their descendants (iterative)."""
        order, stack = [], [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(c for c in node.contents if _is_tag(c))
        held: set[int] = set()
        for node in reversed(order):  # children before parents
            if node is not root and (node.name in names or id(node) in held) and node.parent is not None:
                held.add(id(node.parent))
        return held

    def _scores(self, root, skip) -> dict[int, int]:
        """Characters of visible text outside links under each element (post-order, iterative)."""
        score: dict[int, int] = {}
        stack = [(root, False, False)]
        order = []
        while stack:
            node, in_link, done = stack.pop()
            if not _is_tag(node):
                continue
            if skip(node) and node is not root:
                continue
            order.append(node)
            link = in_link or (node.name == "a" and bool(_attr(node, "href")))
            own = 0
            for child in node.contents:
                if _is_text(child):
                    if not link:
                        own += len(child.strip())
                elif _is_tag(child):
                    stack.append((child, link, False))
            score[id(node)] = own
        # children were appended after their parents: add up in reverse order
        for node in reversed(order):
            parent = node.parent
            if parent is not None and id(parent) in score and node is not root:
                score[id(parent)] += score[id(node)]
        return score

    def _mark_furniture(self, root, raw: dict[int, int], total: int) -> None:
        stack = [(root, False)]
        while stack:
            node, in_section = stack.pop()
            if not _is_tag(node):
                continue
            reason = self._furniture(node, in_section, raw.get(id(node), 0), total) if node is not root else ""
            if reason:
                self.dropped.add(id(node))
                if not _never_text(node) or _hidden(node):
                    text = _snippet(node)
                    if text:
                        self.why.append((reason, text))
                continue
            sect = in_section or node.name in SECTIONING or _attr(node, "role").lower() in MAIN_ROLES
            for child in reversed(node.contents):  # reversed: popped in document order
                if _is_tag(child):
                    stack.append((child, sect))

    @staticmethod
    def _furniture(tag, in_section: bool, score: int, total: int) -> str:
        """Why an element is furniture ("" when it is not)."""
        if _hidden(tag):
            return "hidden element"
        if _never_text(tag):
            return f"<{tag.name}>"
        role = _attr(tag, "role").strip().lower()
        if tag.name in ("nav", "aside", "dialog", "menu"):
            return f"<{tag.name}> landmark"  # landmarks say what they are, whatever they hold
        if role in DROP_ROLES:
            return f"role={role}"
        if tag.name in ("header", "footer") and not in_section:
            return f"page <{tag.name}>"
        big = total and score >= FURNITURE_MAX_SHARE * total
        if tag.name == "form" and not big:
            return "<form>"
        if tag.name not in _ROOTS and role not in MAIN_ROLES and not big:
            names = _attr(tag, "class").split()
            if furniture_by_name(names, _attr(tag, "id")):
                return "class/id " + " ".join(filter(None, [_attr(tag, "id") and "#" + _attr(tag, "id"), *("." + n for n in names)]))[:60]
        return ""

    def outside(self, content) -> list[tuple[str, str]]:
        """(rule, text) for what lies beside the main content on the way down from the page root."""
        out = []
        node = content
        while node is not self.root and node.parent is not None:
            for sib in node.parent.contents:
                if sib is node or not _is_tag(sib) or id(sib) in self.dropped:
                    continue
                text = _snippet(sib, self.dropped)
                if text:
                    out.append(("outside the main content", text))
            node = node.parent
        return out

    def content(self):
        """The element holding the report: main, else the one article, else the densest container."""
        total = self.score.get(id(self.root), 0)
        if not total:
            return self.root
        is_main = lambda t: t.name == "main" or _attr(t, "role").strip().lower() in MAIN_ROLES  # noqa: E731
        is_article = lambda t: t.name == "article"  # noqa: E731
        for pred in (is_main, is_article):
            found = self._live(pred)
            if found:
                best = max(found, key=lambda t: self.score.get(id(t), 0))
                if self.score.get(id(best), 0) >= MAIN_MIN_SHARE * total:
                    return best
        node = self.root
        while True:
            kids = [c for c in node.contents if _is_tag(c) and id(c) not in self.dropped]
            best = max(kids, key=lambda t: self.score.get(id(t), 0), default=None)
            if best is None or self.score.get(id(best), 0) < CONTENT_SHARE * total or best.name in HEADINGS or best.name == "p":
                return node
            node = best

    def _live(self, pred) -> list:
        """Elements not under furniture that satisfy ``pred`` (iterative pre-order)."""
        out = []
        stack = [self.root]
        while stack:
            node = stack.pop()
            if id(node) in self.dropped:
                continue
            if pred(node):
                out.append(node)
            stack.extend(c for c in reversed(node.contents) if _is_tag(c))
        return out


# ------------------------------------------------------------------------------------------- walk
class _Run:
    """Text being gathered for one block, with how much of it is link text and bold text."""

    __slots__ = ("parts", "chars", "link", "bold", "first")

    def __init__(self):
        self.parts: list[str] = []
        self.chars = self.link = self.bold = 0
        self.first = ""  # the first visible character

    def add(self, text: str, in_link: bool, in_bold: bool) -> None:
        self.parts.append(text)
        n = len("".join(text.split()))
        if n and not self.first:
            self.first = fold(text)[:1]
        self.chars += n
        if in_link:
            self.link += n
        if in_bold:
            self.bold += n

    def space(self) -> None:
        self.parts.append(" ")

    def text(self) -> str:
        return fold("".join(self.parts))

    def all_link(self) -> bool:
        return self.chars > 0 and self.link == self.chars

    def all_bold(self) -> bool:
        return self.chars > 0 and self.bold == self.chars


class _Walker:
    """Turns the content element into blocks, with an explicit stack (no recursion)."""

    def __init__(self, page: _Page):
        self.page = page
        self.blocks: list[ReadBlock] = []
        self.run = _Run()
        self.collector: list[tuple[str, _Run, int]] = []  # (kind, run, depth/level) for h, li, dt, dd
        self.last_level = 0
        self.list_depth = 0
        self.term: str | None = None
        self.links = 0
        self.bolds = 0
        self.double_br: dict[int, bool] = {}
        self.why: list[tuple[str, str]] = []

    # --- emitting
    def emit(self, kind: str, text: str, level: int = 0, depth: int = 0) -> None:
        if text:
            self.blocks.append(ReadBlock(kind, text, level=level, depth=depth))

    def flush(self) -> None:
        """End the run of flow text (a paragraph, or a heading if it is all bold)."""
        run, self.run = self.run, _Run()
        text = run.text()
        if not text:
            return
        self.emit_term()
        if run.all_link():
            self.why.append(("block of link text", text[:80]))
            return
        if furniture_text(text):
            self.why.append(("furniture text", text[:80]))
            return
        lines = split_lines("".join(run.parts).split(_LINE_BREAK))
        if lines is not None and not run.all_bold():
            for line in lines:  # an address or a signature: one line each
                if not furniture_text(line):
                    self.emit("paragraph", line)
            return
        item = bullet_item(text)
        if item is not None:
            self.emit("list_item", item[0], depth=item[1])
        elif run.all_bold() and bold_heading(text):
            self.emit("heading", text.rstrip(" :"), level=min(6, self.last_level + 1))
        else:
            self.emit("paragraph", text)

    def emit_term(self) -> None:
        if self.term:
            term, self.term = self.term, None
            self.emit("heading", term.rstrip(" :"), level=min(6, self.last_level + 1))

    def current(self) -> _Run:
        return self.collector[-1][1] if self.collector else self.run

    def boundary(self) -> None:
        """A block boundary: ends a flow run, or is a space inside a heading, item or term."""
        if self.collector:
            self.collector[-1][1].space()
        else:
            self.flush()

    # --- the walk
    def walk(self, root) -> list[ReadBlock]:
        stack: list = [(root, None)]
        while stack:
            node, exit_flags = stack.pop()
            if exit_flags is not None:
                is_link, is_bold = exit_flags
                self.links -= is_link
                self.bolds -= is_bold
                self.leave(node)
                continue
            if _is_text(node):
                self.current().add(str(node), self.links > 0, self.bolds > 0)
                continue
            if not _is_tag(node) or (id(node) in self.page.dropped and node is not root):
                continue
            if not self.enter(node):
                continue
            is_link = int(node.name == "a" and bool(_attr(node, "href")))
            is_bold = int(node.name in BOLD_TAGS or bool(_BOLD_STYLE.search(_attr(node, "style"))))
            self.links += is_link
            self.bolds += is_bold
            stack.append((node, (is_link, is_bold)))
            stack.extend((c, None) for c in reversed(node.contents))
        self.flush()
        self.emit_term()
        return self.blocks

    def enter(self, tag) -> bool:
        """Start an element; False when its content is not walked (read here, or nothing to read)."""
        name = tag.name
        if name == "br":
            if self.collector:
                self.current().space()
            elif self._br_splits(tag) or self.run.all_bold():
                self.flush()  # a bold line ended by a break is a heading line ("<b>Summary</b><br>")
            else:
                self.run.parts.append(_LINE_BREAK)  # a line break inside the block (see flush)
            return False
        if name in ("sup", "sub") and self._footnote_mark(tag):
            return False
        if name not in BLOCK_TAGS:
            return True
        if name in HEADINGS:
            self.close_item_text()
            self.flush()
            self.collector.append(("h", _Run(), HEADINGS[name]))
        elif name in ("ul", "ol"):
            if self._link_list(tag):
                self.why.append(("list of links", _snippet(tag, self.page.dropped)))
                return False
            self.close_item_text()
            self.flush()
            self.list_depth += 1
        elif name == "li":
            self.close_item_text()
            self.flush()
            self.collector.append(("li", _Run(), max(0, self.list_depth - 1)))
        elif name == "table":
            if not self._layout_table(tag):
                self.close_item_text()
                self.flush()
                self.blocks.append(ReadBlock("table", rows=self._rows(tag)))
                return False
            self.boundary()
        elif name == "dt":
            self.flush()
            self.emit_term()
            self.collector.append(("dt", _Run(), 0))
        elif name == "dd":
            self.flush()
            if self.term is not None and self._short(tag):
                self.collector.append(("dd", _Run(), 0))
            else:
                self.emit_term()
        elif name == "pre":
            self.flush()
            for para in re.split(r"\n\s*\n", tag.get_text()):
                self.emit("paragraph", fold(para))
            return False
        else:
            self.boundary()
        return True

    def leave(self, tag) -> None:
        name = tag.name
        if name not in BLOCK_TAGS:
            return
        if name in HEADINGS and self.collector and self.collector[-1][0] == "h":
            _, run, level = self.collector.pop()
            text = run.text()
            if text and furniture_text(text):
                self.why.append(("furniture text", text[:80]))
            elif text:
                self.emit_term()
                self.emit("heading", text, level=level)
                self.last_level = level
        elif name in ("ul", "ol"):
            self.list_depth = max(0, self.list_depth - 1)
        elif name == "li" and self.collector and self.collector[-1][0] == "li":
            _, run, depth = self.collector.pop()
            self.emit_item(run, depth)
        elif name == "dt" and self.collector and self.collector[-1][0] == "dt":
            _, run, _ = self.collector.pop()
            self.term = run.text() or None
        elif name == "dd" and self.collector and self.collector[-1][0] == "dd":
            _, run, _ = self.collector.pop()
            term, self.term = self.term or "", None
            text = run.text()
            if text:
                line = f"{term}{'' if term.endswith((':', '?')) else ':'} {text}" if term else text
                if not furniture_text(line):
                    self.emit("paragraph", line)
        else:
            self.boundary()

    def emit_item(self, run: _Run, depth: int) -> None:
        text = run.text()
        if text and (run.all_link() or furniture_text(text)):
            self.why.append(("block of link text" if run.all_link() else "furniture text", text[:80]))
        elif text:
            self.emit("list_item", text, depth=depth)

    def close_item_text(self) -> None:
        """A nested list or block inside a list item: the item's text so far becomes the item."""
        if self.collector and self.collector[-1][0] == "li":
            kind, run, depth = self.collector[-1]
            self.emit_item(run, depth)
            self.collector[-1] = (kind, _Run(), depth)

    # --- decisions about one element
    def _br_splits(self, br) -> bool:
        """Does this ``<br>`` end a block? A double ``<br>`` always does; a single one only where
        its parent never uses a double one (then single breaks are the paragraph breaks)."""
        parent = br.parent
        if parent is None:
            return True
        if id(parent) not in self.double_br:
            self.double_br[id(parent)] = _has_double_br(parent)
        if _next_is_br(br) or _prev_is_br(br):
            return True
        if self.run.first in BULLETS or _starts_with_bullet(br):
            return True  # "&bull; item<br>&bull; item": a list written with breaks
        return not self.double_br[id(parent)] and parent.name not in ("p", "li", "td", "th", "dd", "dt") and parent.name not in HEADINGS

    def _footnote_mark(self, tag) -> bool:
        text = _inline_text(tag, 12, 20)
        return text is not None and bool(_FOOTNOTE_MARK.match(text)) and _anchor_link(tag)

    def _link_list(self, tag) -> bool:
        """A list whose every item is only link text (a menu, an on-page contents list, related links).

        Each item's own text is looked at (not its nested lists'), so nested lists cost linear time."""
        items = [c for c in tag.contents if _is_tag(c) and c.name == "li"]
        if not items:
            return False
        for li in items:
            total = linked = 0
            stack = [(c, False) for c in li.contents]
            while stack:
                node, in_link = stack.pop()
                if _is_text(node):
                    n = len("".join(str(node).split()))
                    total += n
                    linked += n if in_link else 0
                elif _is_tag(node) and node.name not in ("ul", "ol") and id(node) not in self.page.dropped:
                    link = in_link or (node.name == "a" and bool(_attr(node, "href")))
                    stack.extend((c, link) for c in node.contents)
            if total == 0 or linked < total:
                return False
        return True

    def _layout_table(self, table) -> bool:
        """Is a table used for layout (its cells hold blocks) rather than for data?"""
        if _attr(table, "role").lower() in ("presentation", "none"):
            return True
        rows = self._own_rows(table)
        if not rows:
            return True
        if max(len(self._cells(tr)) for tr in rows) < 2:
            return True
        return any(id(cell) in self.page.holds_blocks for tr in rows for cell in self._cells(tr))

    @staticmethod
    def _own_rows(table) -> list:
        """The table's own rows: children of the table or of its thead/tbody/tfoot (HTML's table model)."""
        rows = []
        for child in table.contents:
            if not _is_tag(child):
                continue
            if child.name == "tr":
                rows.append(child)
            elif child.name in ("thead", "tbody", "tfoot"):
                rows.extend(c for c in child.contents if _is_tag(c) and c.name == "tr")
        return rows

    @staticmethod
    def _cells(tr) -> list:
        return [c for c in tr.contents if _is_tag(c) and c.name in ("td", "th")]

    def _rows(self, table) -> list[list[str]]:
        rows = []
        for tr in self._own_rows(table):
            cells = []
            for cell in self._cells(tr):
                cells.append(self._flat(cell))
                try:
                    span = min(int(_attr(cell, "colspan") or 1), 50)
                except ValueError:
                    span = 1
                cells.extend([""] * (span - 1))
            rows.append(cells)
        return rows

    def _flat(self, tag) -> str:
        """The visible text of an element on one line (blocks and breaks inside it become spaces)."""
        parts: list[str] = []
        stack: list = [tag]
        while stack:
            node = stack.pop()
            if node is _SPACE:
                parts.append(" ")
                continue
            if _is_text(node):
                parts.append(str(node))
                continue
            if not _is_tag(node) or (id(node) in self.page.dropped and node is not tag):
                continue
            if node.name == "br":
                parts.append(" ")
                continue
            if node.name in ("sup", "sub") and self._footnote_mark(node):
                continue
            if node.name in BLOCK_TAGS:
                parts.append(" ")
                stack.append(_SPACE)
            stack.extend(reversed(node.contents))
        return fold("".join(parts))

    def _short(self, dd) -> bool:
        text = _inline_text(dd, 40 * SHORT_DEFINITION_WORDS)
        return text is not None and len(text.split()) <= SHORT_DEFINITION_WORDS


def _snippet(tag, skip: set[int] = frozenset(), limit: int = 80) -> str:
    """The first ``limit`` characters of an element's visible text (iterative, stops early)."""
    parts, n = [], 0
    stack = [tag]
    while stack and n < 4 * limit:
        node = stack.pop()
        if _is_text(node):
            parts.append(str(node) + " ")
            n += len(node)
        elif _is_tag(node) and (node is tag or (id(node) not in skip and not _never_text(node))) and node.name not in ("script", "style"):
            stack.extend(reversed(node.contents))
    return fold("".join(parts))[:limit]


def _inline_text(tag, max_chars: int, max_nodes: int = 200) -> str | None:
    """An element's folded text, or None when it holds a block element, more than ``max_chars``
    characters or more than ``max_nodes`` nodes (the walk stops there, so a check on a deep or
    large element costs little)."""
    parts, n, seen = [], 0, 0
    stack = list(reversed(tag.contents))
    while stack:
        node = stack.pop()
        seen += 1
        if seen > max_nodes:
            return None
        if _is_text(node):
            parts.append(str(node))
            n += len(node)
            if n > max_chars:
                return None
        elif _is_tag(node):
            if node.name in BLOCK_TAGS:
                return None
            stack.extend(reversed(node.contents))
    return fold("".join(parts))


def _anchor_link(tag, max_nodes: int = 50) -> bool:
    """Does a small element link within the page (``<a href="#fn1">``), itself or inside?"""
    stack, seen = [tag], 0
    while stack and seen <= max_nodes:
        node = stack.pop()
        seen += 1
        if _is_tag(node):
            if node.name == "a" and _attr(node, "href").startswith("#"):
                return True
            stack.extend(node.contents)
    return False


def _sibling_tag(node, forward: bool):
    sib = node.next_sibling if forward else node.previous_sibling
    while sib is not None and _is_text(sib) and not sib.strip():
        sib = sib.next_sibling if forward else sib.previous_sibling
    return sib


def _next_is_br(br) -> bool:
    s = _sibling_tag(br, True)
    return _is_tag(s) and s.name == "br"


def _prev_is_br(br) -> bool:
    s = _sibling_tag(br, False)
    return _is_tag(s) and s.name == "br"


def _starts_with_bullet(br) -> bool:
    """Does the text after this break start with a bullet glyph?"""
    sib = br.next_sibling
    while sib is not None and _is_text(sib) and not fold(str(sib)):
        sib = sib.next_sibling
    if sib is None:
        return False
    text = fold(str(sib)) if _is_text(sib) else (_inline_text(sib, 40, 20) or "") if _is_tag(sib) else ""
    return bullet_item(text) is not None


def _has_double_br(parent) -> bool:
    return any(_is_tag(c) and c.name == "br" and _next_is_br(c) for c in parent.contents)
