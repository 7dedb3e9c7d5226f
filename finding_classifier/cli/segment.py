"""``findings segment``: the sentences of body prose of reports, with section, offsets and block kind."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ..atomic import write_text
from ..errors import FindingError
from .app import SegmentFormat, _console, _emit, _err, _warn, app, unique_id


@app.command()
def segment(
    reports: List[str] = typer.Argument(..., help="Report files (.txt .md .html .htm .pdf), folders, globs, or - for stdin."),
    format: SegmentFormat = typer.Option(SegmentFormat.table, "--format", "-f", help="table for reading; jsonl is an annotation file waiting for labels."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output FILE, written atomically (default: standard output)."),
):
    """Split reports into sentences of body prose, with section, offsets and block kind."""
    from ..model.reading import iter_reports
    from ..model.sentences import segment_text, sentence_records

    rows, failures, seen_ids = [], [], {}
    for item in iter_reports(reports):
        if isinstance(item, FindingError):
            failures.append(item)
            _err(str(item))
            continue
        for w in item.warnings:
            _warn(w)
        doc = segment_text(item.text, unique_id(item.id, item.path, seen_ids))
        recs = sentence_records(doc)
        if not recs:
            _warn(f"{item.path}: no sentences of body prose found")
        rows.extend(recs)
    if failures and not seen_ids:
        _err("no input could be read; nothing written")
        raise typer.Exit(1)
    if format == SegmentFormat.jsonl:
        _emit("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), output)
    else:
        from rich.table import Table

        if output is not None:
            import io

            from rich.console import Console

            buf = Console(record=True, width=160, file=io.StringIO())
        else:
            buf = _console()
        t = Table(show_lines=False, expand=True)
        for col, kw in (("report", {"no_wrap": True}), ("section", {"ratio": 1}), ("start", {"justify": "right"}), ("end", {"justify": "right"}), ("block", {}), ("sentence", {"ratio": 3})):
            t.add_column(col, **kw)
        for r in rows:
            t.add_row(r["report"], r["section"], str(r["start"]), str(r["end"]), r["block"], r["text"])
        buf.print(t)
        if output is not None:
            write_text(output, buf.export_text())
    if failures:
        _err(f"{len(failures)} input(s) could not be read")
        raise typer.Exit(1)
