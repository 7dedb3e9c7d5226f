"""The sentence stage: a spaCy pipeline (report tokenizer + ``report_segmenter``) that puts the
body-prose sentences of a report in ``doc.spans["sentences"]``."""
from .extensions import SPANS_KEY
from .segmenter import ReportSegmenter
from .tokenizer import ReportTokenizer
from .records import SentenceRecord
from .pipeline import get_nlp, make_nlp, segment_report, segment_text, sentence_records, sentence_text, sentences

__all__ = ["SentenceRecord", 
    "ReportSegmenter", "ReportTokenizer", "SPANS_KEY", "get_nlp", "make_nlp", "segment_report", "segment_text",
    "sentence_records", "sentence_text", "sentences",
]
