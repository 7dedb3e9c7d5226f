"""Presenting predictions: the terminal table, JSON lines, CSV, Markdown and HTML.

Every renderer takes the same rows (one per sentence: report, index, section, start, end, text,
label, probabilities) and, for HTML, each report's source text.
"""
from .html import to_html
from .markdown import to_markdown
from .table import print_table
from .tabular import to_csv, to_jsonl

RENDERERS = {"jsonl": to_jsonl, "csv": to_csv, "markdown": to_markdown, "html": to_html}

__all__ = ["RENDERERS", "print_table", "to_csv", "to_html", "to_jsonl", "to_markdown"]
