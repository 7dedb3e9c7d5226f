"""Word (.docx) files to canonical block text, from the document's own structure.

python-docx opens the package; the body is walked in document order (paragraphs, tables and the
content controls that wrap them; a table of contents control is skipped), iteratively:

- a paragraph whose style (or a style it is based on) is ``Title`` or ``Heading N``, or that
  carries an outline level, is a heading of that level;
- a paragraph with numbering (``numPr``, directly or from its style such as ``List Bullet 2`` or
  ``List Number``) is a list item, its depth from the numbering level or the style's number;
- a paragraph whose text is all bold is a heading one level below the last (a common way to
  write headings in council documents), under the shared rule of :mod:`.canonical`;
- table of contents entries (a contents control, or paragraphs in the TOC styles) are left out;
- a table with two or more columns is tab-separated rows; a one-column or layout table (cells
  holding headings or lists) is read as the paragraphs it holds.

Page headers and footers, footnotes, comments and deleted text live in other parts of the
package or other elements and are not read: they are not report text. (Text boxes are not read
either: their paragraphs sit inside a drawing in a run.)

A file that is not a zip archive, an encrypted (password-protected) document, an old binary
``.doc`` renamed, or a zip without a Word document inside: one :class:`ReadError` line.
"""
from __future__ import annotations

import io
import re
import zipfile

from ...errors import ReadError
from .canonical import ReadBlock, bold_heading, bullet_item, fold, split_lines, to_canonical

#: The uncompressed parts of one .docx may add up to at most this (a zip bomb is refused before
#: it is inflated; zipfile never inflates a member past its declared size).
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^heading\s*([1-9])(?:$|\s*,)", re.I)  # "Heading 2", "heading 2,H2"
_TOC_STYLE = re.compile(r"^(?:toc\s*[1-9]|toc heading|table of figures)$", re.I)  # a table of contents typed in
_LIST_STYLE = re.compile(r"^list\s+(?:bullet|number|continue|paragraph)(?:\s+([2-9]))?$", re.I)
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def docx_to_text(data: bytes, path: str, dropped: list | None = None) -> str:
    """A Word document as canonical block text; ``dropped`` receives (rule, text) for what is left out."""
    return to_canonical(docx_blocks(data, path, dropped))


def _open(data: bytes, path: str):
    if data.startswith(_CFB_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError("is password-protected (an encrypted Word document); save an unprotected copy", path)
        raise ReadError("is an old binary Word .doc file, not a .docx; save it as .docx", path)
    if not data.startswith(b"PK"):
        raise ReadError("is not a Word .docx file (not a zip archive)", path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            unzipped = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ReadError(f"is not a Word .docx file (damaged zip archive: {exc})", path) from None
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise ReadError("is a zip archive but not a Word document (no word/document.xml)", path)
    if unzipped > MAX_UNZIPPED_BYTES:
        raise ReadError(f"unpacks to {unzipped / 2**20:.0f} MiB, more than the {MAX_UNZIPPED_BYTES / 2**20:.0f} MiB a report may", path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError(f"cannot read this Word document ({exc.__class__.__name__}: {exc})", path) from None


def docx_blocks(data: bytes, path: str, dropped: list | None = None) -> list[ReadBlock]:
    """The blocks of a Word document's body, in order."""
    body = _Body(_open(data, path))
    blocks = body.blocks()
    if dropped is not None:
        dropped.extend(body.why)
    return blocks


class _Body:
    def __init__(self, document):
        self.document = document
        self.styles = {}
        try:
            for style in document.styles:
                self.styles[style.style_id] = style
        except Exception:  # a styles part python-docx cannot list: read without styles
            self.styles = {}
        self.last_level = 0
        self.why: list[tuple[str, str]] = []  # (rule, text) of what is left out of the body

    # --- styles
    def _style_chain(self, style_id: str | None):
        seen = set()
        style = self.styles.get(style_id) if style_id else None
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            yield style
            base = style.element.basedOn_val if hasattr(style.element, "basedOn_val") else None
            style = self.styles.get(base) if base else None

    def _para_style_id(self, p) -> str | None:
        pPr = p.find(f"{_W}pPr")
        if pPr is None:
            return None
        ps = pPr.find(f"{_W}pStyle")
        return ps.get(f"{_W}val") if ps is not None else None

    def heading_level(self, p) -> int:
        """1-6 for a heading paragraph, else 0."""
        pPr = p.find(f"{_W}pPr")
        lvl = pPr.find(f"{_W}outlineLvl") if pPr is not None else None
        if lvl is not None and (lvl.get(f"{_W}val") or "").isdigit() and int(lvl.get(f"{_W}val")) < 9:
            return min(6, int(lvl.get(f"{_W}val")) + 1)
        for style in self._style_chain(self._para_style_id(p)):
            name = (style.name or "").strip()
            if name.lower() == "title":
                return 1
            if name.lower() == "subtitle":
                return 2
            m = _HEADING_STYLE.match(name)
            if m:
                return min(6, int(m.group(1)))
            spPr = style.element.find(f"{_W}pPr")
            slvl = spPr.find(f"{_W}outlineLvl") if spPr is not None else None
            if slvl is not None and (slvl.get(f"{_W}val") or "").isdigit() and int(slvl.get(f"{_W}val")) < 9:
                return min(6, int(slvl.get(f"{_W}val")) + 1)
        return 0

    def list_depth(self, p) -> int | None:
        """The nesting depth (0 = top) of a list paragraph, or None for a paragraph that is no list item."""
        pPr = p.find(f"{_W}pPr")
        num = pPr.find(f"{_W}numPr") if pPr is not None else None
        if num is not None:
            numid = num.find(f"{_W}numId")
            if numid is not None and numid.get(f"{_W}val") == "0":
                return None  # numbering switched off on this paragraph
            ilvl = num.find(f"{_W}ilvl")
            val = ilvl.get(f"{_W}val") if ilvl is not None else "0"
            return int(val) if val and val.isdigit() else 0
        for style in self._style_chain(self._para_style_id(p)):
            m = _LIST_STYLE.match((style.name or "").strip())
            if m and not (style.name or "").lower().startswith(("list continue", "list paragraph")):
                return int(m.group(1)) - 1 if m.group(1) else 0
            spPr = style.element.find(f"{_W}pPr")
            if spPr is not None and spPr.find(f"{_W}numPr") is not None:
                ilvl = spPr.find(f"{_W}numPr").find(f"{_W}ilvl")
                val = ilvl.get(f"{_W}val") if ilvl is not None else "0"
                return int(val) if val and val.isdigit() else 0
        return None

    def _style_bold(self, style_id: str | None) -> bool | None:
        for style in self._style_chain(style_id):
            rPr = style.element.find(f"{_W}rPr")
            if rPr is not None:
                b = _toggle(rPr.find(f"{_W}b"))
                if b is not None:
                    return b
        return None

    # --- text
    def paragraph_text(self, p) -> tuple[str, bool]:
        """A paragraph's visible text (runs, hyperlinks, fields' results, content controls) and
        whether all of it is bold. Text boxes and deleted text are not read."""
        parts: list[str] = []
        chars = bold_chars = 0
        para_bold = self._style_bold(self._para_style_id(p))
        for r in _runs(p):
            rPr = r.find(f"{_W}rPr")
            bold = None
            if rPr is not None:
                bold = _toggle(rPr.find(f"{_W}b"))
                if bold is None:
                    rs = rPr.find(f"{_W}rStyle")
                    bold = self._style_bold(rs.get(f"{_W}val")) if rs is not None else None
            if bold is None:
                bold = bool(para_bold)
            for child in r:
                tag = child.tag
                if tag == f"{_W}t":
                    t = child.text or ""
                    parts.append(t)
                    n = len("".join(t.split()))
                    chars += n
                    bold_chars += n if bold else 0
                elif tag == f"{_W}tab":
                    parts.append(" ")
                elif tag in (f"{_W}br", f"{_W}cr"):
                    parts.append("\n")  # a line break: kept for _paragraph to see a block of lines
                elif tag == f"{_W}noBreakHyphen":
                    parts.append("-")
        text = "\n".join(fold(x) for x in "".join(parts).split("\n")).strip("\n")
        return text, chars > 0 and bold_chars == chars

    # --- walk
    def blocks(self) -> list[ReadBlock]:
        out: list[ReadBlock] = []
        body = self.document.element.body
        stack = list(reversed(list(body)))
        while stack:
            el = stack.pop()
            tag = el.tag
            if tag == f"{_W}p":
                self._paragraph(el, out)
            elif tag == f"{_W}tbl":
                cells = self._table(el)
                if cells is None:  # layout table: read what its cells hold, in order
                    inner = [c for tr in el.iter(f"{_W}tr") if _own(tr, el) for tc in tr.findall(f"{_W}tc") for c in tc]
                    stack.extend(reversed(inner))
                else:
                    out.append(ReadBlock("table", rows=cells))
            elif tag == f"{_W}sdt":
                if _is_toc(el):
                    self.why.append(("table of contents", fold(" ".join(t.text or "" for t in el.iter(f"{_W}t")))[:80]))
                    continue
                content = el.find(f"{_W}sdtContent")
                if content is not None:
                    stack.extend(reversed(list(content)))
            elif tag in (f"{_W}customXml", f"{_W}smartTag"):
                stack.extend(reversed(list(el)))
        return out

    def _paragraph(self, p, out: list[ReadBlock]) -> None:
        raw_text, all_bold = self.paragraph_text(p)
        text = fold(raw_text)
        if not text:
            return
        style = self.styles.get(self._para_style_id(p))
        if style is not None and _TOC_STYLE.match((style.name or "").strip()):
            self.why.append(("table of contents", text[:80]))
            return  # an entry of a table of contents is not report text
        level = self.heading_level(p)
        if level:
            out.append(ReadBlock("heading", text, level=level))
            self.last_level = level
            return
        depth = self.list_depth(p)
        if depth is not None:
            item = bullet_item(text)
            out.append(ReadBlock("list_item", item[0] if item else text, depth=min(depth, 8)))
            return
        item = bullet_item(text)
        lines = split_lines(raw_text.split("\n")) if not all_bold else None
        if lines is not None:
            out.extend(ReadBlock("paragraph", line) for line in lines)  # an address, a signature
        elif item is not None:
            out.append(ReadBlock("list_item", item[0], depth=item[1]))
        elif all_bold and bold_heading(text):
            out.append(ReadBlock("heading", text.rstrip(" :"), level=min(6, self.last_level + 1)))
        else:
            out.append(ReadBlock("paragraph", text))

    def _table(self, tbl) -> list[list[str]] | None:
        """A data table's rows of cell text, or None for a layout table."""
        rows = [tr for tr in tbl.iter(f"{_W}tr") if _own(tr, tbl)]
        grid = []
        layout = False
        for tr in rows:
            cells = []
            for tc in tr.findall(f"{_W}tc"):
                paras = [c for c in tc.iter(f"{_W}p")]
                if tc.find(f".//{_W}tbl") is not None:
                    layout = True
                if any(self.heading_level(p) for p in paras):
                    layout = True
                cells.append(" ".join(t for t in (fold(self.paragraph_text(p)[0]) for p in paras) if t))
                span = tc.find(f"{_W}tcPr/{_W}gridSpan")
                if span is not None and (span.get(f"{_W}val") or "").isdigit():
                    cells.extend([""] * (min(int(span.get(f"{_W}val")), 50) - 1))
            grid.append(cells)
        if layout or not grid or max(len(r) for r in grid) < 2:
            return None
        return grid


def _toggle(el) -> bool | None:
    """A Word on/off property (``<w:b/>``, ``<w:b w:val="0"/>``), or None when absent."""
    if el is None:
        return None
    return (el.get(f"{_W}val") or "true").lower() not in ("0", "false", "off")


def _runs(p):
    """The runs of a paragraph in order, inside hyperlinks, fields, insertions and content controls,
    but not those of a text box anchored in it nor of a nested paragraph."""
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == f"{_W}r":
            yield el
        elif tag in (f"{_W}hyperlink", f"{_W}fldSimple", f"{_W}ins", f"{_W}smartTag", f"{_W}customXml",
                     f"{_W}sdt", f"{_W}sdtContent", f"{_W}moveTo", f"{_W}dir", f"{_W}bdo"):
            stack.extend(reversed(list(el)))


def _own(tr, tbl) -> bool:
    """Is this row one of ``tbl``'s own (not of a table nested in a cell)?"""
    parent = tr.getparent()
    while parent is not None and parent.tag != f"{_W}tbl":
        parent = parent.getparent()
    return parent is tbl


def _is_toc(sdt) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(f"{_W}val") or "").lower()
