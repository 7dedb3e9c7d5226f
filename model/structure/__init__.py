"""The structure stage: a report's text becomes blocks (heading, paragraph, list item, table,
boilerplate) with their section paths and the rule that decided each; only paragraphs and list
items reach the sentence stream. Score and rating lines are kept as the report's metadata."""
from .blocks import Block, OffsetMap, Structure
from .inline import clean_inline, plain
from .lines import LIST_MARKER
from .parse import block_records, parse_blocks, parse_report, read_as, report_metadata

__all__ = [
    "Block", "LIST_MARKER", "OffsetMap", "Structure", "block_records", "clean_inline", "parse_blocks", "parse_report", "plain",
    "read_as", "report_metadata",
]
