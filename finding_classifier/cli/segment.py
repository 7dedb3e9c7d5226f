"""``findings segment``: the sentences of body prose of reports, with section, offsets and block kind."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ..atomic import write_text
from ..errors import FindingError, debug_enabled
from .app import SegmentFormat, _console, _emit, _err, _unexpected, _warn, app, unique_id


@app.command()
def segment(
    reports: List[str] = typer.Argument(..., help="Report files (.txt .md .html .htm .pdf), folders, globs, or - for stdin."),
    format: SegmentFormat = typer.Option(SegmentFormat.table, "--format", "-f", help="table for reading; jsonl is an annotation file waiting for labels."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output FILE, written atomically (default: standard output)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --output file that findings did not write."),
    show_blocks: bool = typer.Option(False, "--show-blocks", help="Print how each line or element was read (heading, paragraph, list item, table, boilerplate, furniture, metadata) and the rule that decided it, instead of the sentences."),
):
    """Split reports into sentences of body prose, with section, offsets and block kind."""
    from ..atomic import check_output_file
    from ..model.reading import expand_inputs, iter_reports
    from ..model.sentences import segment_report, sentence_records
    from ..model.structure import block_records

    rows, failures, seen_ids, done = [], [], {}, 0
    check_output_file(output, expand_inputs(reports)[0], force)  # before any work
    for item in iter_reports(reports):
        if isinstance(item, FindingError):
            failures.append(item)
            if item.__cause__ is not None and debug_enabled():
                _unexpected(item.__cause__, item.path)
            else:
                _err(str(item))
            continue
        for w in item.warnings:
            _warn(w)
        item.id = unique_id(item.id, item.path, seen_ids)
        try:
            doc = segment_report(item)
            recs = block_records(item.text, doc.user_data["all_blocks"], item.id) if show_blocks else sentence_records(doc, metadata=True)
        except Exception as exc:  # one report that breaks something must not stop the batch
            _unexpected(exc, item.path)
            failures.append(exc)
            continue
        done += 1
        if show_blocks:
            rows.extend(recs)
            continue
        if not recs:
            _warn(f"{item.path}: no sentences of body prose found")
        rows.extend(r.to_dict() for r in recs)
    if failures and not done:
        _err("no input could be read; nothing written")
        raise typer.Exit(1)
    if format == SegmentFormat.jsonl:
        _emit("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), output)
    else:
        from rich.markup import escape
        from rich.table import Table

        if output is not None:
            import io

            from rich.console import Console

            buf = Console(record=True, width=160, file=io.StringIO())
        else:
            buf = _console()
        t = Table(show_lines=False, expand=True)
        if show_blocks:
            for col, kw in (("report", {"no_wrap": True}), ("lines", {"justify": "right", "no_wrap": True}), ("read as", {"no_wrap": True}), ("rule", {"ratio": 1, "overflow": "fold"}), ("text", {"ratio": 3, "overflow": "fold"})):
                t.add_column(col, **kw)
            for r in rows:
                lines = str(r["line"]) if r["line"] == r["end_line"] else f"{r['line']}-{r['end_line']}"
                t.add_row(escape(r["report"]), lines, r["read_as"], escape(r["rule"]), escape(_short(r["text"])))
        else:
            for col, kw in (("report", {"no_wrap": True}), ("section", {"ratio": 1}), ("start", {"justify": "right"}), ("end", {"justify": "right"}), ("block", {}), ("sentence", {"ratio": 3})):
                t.add_column(col, **kw)
            for r in rows:
                t.add_row(escape(r["report"]), escape(r["section"]), str(r["start"]), str(r["end"]), r["block"], escape(r["text"]))
        buf.print(t)
        if output is not None:
            write_text(output, buf.export_text())
    if failures:
        _err(f"{len(failures)} input(s) could not be read")
        raise typer.Exit(1)


def _short(text: str, n: int = 160) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"
