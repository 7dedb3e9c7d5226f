"""``findings annotate``: correct the model on your own reports in a small local web app.

- :mod:`.session`: the sentences, their order, decisions, undo and resuming;
- :mod:`.storage`: safe file names in the output folder, crash-proof writes, the folder lock;
- :mod:`.server`: the Starlette app (token on every request) and the local server;
- :mod:`.summary`: how often the model was right on the team's sentences;
- ``static/``: the page (plain HTML, CSS and JavaScript, no build step); ``rules.toml``: the
  guideline's rule names shown as a reminder.
"""
from .session import ORDERS, ReportEntry, Sentence, Session, build_reports, margin, serving_order
from .storage import FolderLock, check_report_id, report_path
from .summary import Summary, summarize, summarize_folder

__all__ = [
    "ORDERS", "ReportEntry", "Sentence", "Session", "build_reports", "margin", "serving_order",
    "FolderLock", "check_report_id", "report_path", "Summary", "summarize", "summarize_folder",
]
