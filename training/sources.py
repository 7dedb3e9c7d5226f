"""Training sources: the configured annotated data (real reports, held out in turn) and the
train-only sources (the written bank), each with its records, weight and content hash."""
from __future__ import annotations

import warnings
from pathlib import Path

from ..corpus import data_hash, load_dataset
from ..errors import FindingError
from .config import resolve_path


def load_sources(config: dict, data: str | Path | None = None) -> list[dict]:
    """Each configured source: name, path, weight, held_out, records (rows of the shared loader) and hash.

    ``data`` replaces the path of the held-out (real report) source.
    """
    sources = []
    for name, spec in config["sources"].items():
        held_out = bool(spec.get("held_out", False))
        weight = float(spec.get("weight", 1.0))
        raw_path = data if (held_out and data is not None) else spec["path"]
        path = resolve_path(raw_path) if not (held_out and data is not None) else Path(raw_path)
        if weight <= 0:
            continue
        if not path.exists():
            if held_out:
                raise FindingError("no annotated data here (see --data)", path)
            warnings.warn(f"training source {name!r} not found at {path}; training without it", stacklevel=2)
            continue
        ds = load_dataset(path)
        records = ds.to_list()
        for r in records:
            r["weight"] = weight
            if not held_out:
                r["source"] = name if r["source"] == "report" else r["source"]
        sources.append(
            {
                "name": name,
                "path": str(raw_path),
                "weight": weight,
                "held_out": held_out,
                "records": records,
                "sentences": len(records),
                "sha256": data_hash(path),
            }
        )
    if not any(s["held_out"] for s in sources):
        raise FindingError("the config has no held-out (real report) source with data")
    return sources


def split_sources(sources: list[dict]) -> tuple[list[dict], list[dict]]:
    held = [r for s in sources if s["held_out"] for r in s["records"]]
    extra = [r for s in sources if not s["held_out"] for r in s["records"]]
    return held, extra
