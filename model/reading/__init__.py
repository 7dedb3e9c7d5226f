"""The reading stage: files, folders, globs or standard input become :class:`Report` objects (an id,
the path and the text that every later offset refers to)."""
from .inputs import FOLDER_DOCS, Dropped, Report, expand_inputs, iter_reports, read_bytes, read_file_bytes, read_report, read_stdin, report_id_for

__all__ = ["Dropped", "FOLDER_DOCS", "Report", "expand_inputs", "iter_reports", "read_bytes", "read_file_bytes", "read_report", "read_stdin", "report_id_for"]
