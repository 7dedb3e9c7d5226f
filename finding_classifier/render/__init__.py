"""Presenting classified reports: the terminal table, JSON lines, CSV, Markdown and HTML.

Every renderer takes a list of :class:`~finding_classifier.model.classification.predictions.ClassifiedReport`
(id, path, text, predictions, the structure stage's blocks, metadata), so no renderer parses a
report again; section figures come from :mod:`finding_classifier.compare.sections`.
"""
from .html import to_html, to_html_pages
from .markdown import to_markdown
from .table import print_table
from .tabular import to_csv, to_jsonl

RENDERERS = {"jsonl": to_jsonl, "csv": to_csv, "markdown": to_markdown, "html": to_html}

__all__ = ["RENDERERS", "print_table", "to_csv", "to_html", "to_html_pages", "to_jsonl", "to_markdown"]
