"""The text layer of a PDF, with hard-wrapped lines joined back into paragraphs."""
from __future__ import annotations

import io

from ...errors import ReadError


def pdf_to_text(data: bytes, path: str) -> str:
    """The text layer of a PDF, one paragraph per blank-line separated block."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its own warnings would break the one-line error

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(f"cannot read PDF ({exc.__class__.__name__}: {exc})", path) from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ReadError("PDF has no text layer (scanned image?); run OCR first", path)
    return _unwrap_pdf_lines(text)


def _unwrap_pdf_lines(text: str) -> str:
    """Join the hard-wrapped lines of a PDF's text layer back into paragraphs."""
    from ..structure import LIST_MARKER

    lines = text.splitlines()
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            out.append("")
            continue
        prev = out[-1] if out else ""
        starts_item = LIST_MARKER.match(stripped) is not None
        prev_open = prev and not prev.rstrip().endswith((".", ":", "?", "!")) and len(prev.split()) > 6
        if prev and prev_open and not starts_item and (stripped[0].islower() or stripped[0].isdigit() or len(prev) > 60):
            out[-1] = prev.rstrip() + " " + stripped
        else:
            if prev:
                out.append("")
            out.append(stripped)
    return "\n".join(out).strip() + "\n"
