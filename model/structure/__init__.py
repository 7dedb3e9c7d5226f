"""The structure stage: a report's text becomes blocks (heading, paragraph, list item, table,
boilerplate) with their section paths; only paragraphs and list items reach the sentence stream."""
from .blocks import Block
from .inline import clean_inline, plain
from .parse import LIST_MARKER, parse_blocks

__all__ = ["Block", "LIST_MARKER", "clean_inline", "parse_blocks", "plain"]
