"""The project's facts, defined once: the label set, file formats and default paths.

Everything that names a label, an annotation key, a supported input format or a default
location imports it from here.
"""
from __future__ import annotations

from pathlib import Path

#: The three labels of the annotation guideline (version 2), in a fixed order that every
#: probability vector, confusion matrix and table uses.
LABELS: tuple[str, ...] = ("strength", "area_for_improvement", "evidence")

GUIDELINE_VERSION = 2

#: Keys of one annotation line (the guideline's JSONL format).
#: (Optional: section, annotator, note; the project also writes start, end, block and source.)
REQUIRED_KEYS: tuple[str, ...] = ("report", "text", "label")

#: Block kinds of the structure parser (heading, paragraph, list_item, table, boilerplate) that
#: reach the sentence stream.
PROSE_BLOCKS = frozenset({"paragraph", "list_item"})

#: Input formats the readers understand.
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
REPORT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES
ANNOTATION_SUFFIX = ".jsonl"

#: A file larger than this is refused rather than read (reports are well under 1 MB).
MAX_REPORT_BYTES = 20 * 1024 * 1024



def _checkout() -> Path | None:
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "data" / "annotations").is_dir() else None


#: The source checkout the package runs from (an editable install, the test suite), or None when it
#: is installed from a wheel: then no default points into a checkout, and data paths come from the
#: config or the command line, relative to the working directory.
CHECKOUT: Path | None = _checkout()
#: The project's own data in that checkout (None when installed from a wheel).
DATA_DIR = CHECKOUT / "data" if CHECKOUT else None
ANNOTATIONS_DIR = DATA_DIR / "annotations" if DATA_DIR else None
REPORTS_DIR = DATA_DIR / "reports" if DATA_DIR else None
BANK_DIR = DATA_DIR / "bank" if DATA_DIR else None

#: Files inside a model directory.
MODEL_FILE = "model.npz"
META_FILE = "meta.json"
CARD_FILE = "MODEL_CARD.md"
