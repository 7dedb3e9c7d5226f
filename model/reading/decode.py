"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with a mark, Windows-1252 as a fallback."""
from __future__ import annotations

from ...errors import ReadError


def decode_bytes(data: bytes, path: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM); Windows-1252 as a fallback, with a warning."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise ReadError("starts with a UTF-16 mark but is not UTF-16 text", path) from None
    if b"\x00" in data[:8192]:
        raise ReadError("binary file, not a text report", path)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ReadError(f"not UTF-8 or Windows-1252 text (byte {exc.start})", path) from None
        return text, [f"{path}: not valid UTF-8 (byte {exc.start}); read as Windows-1252"]
