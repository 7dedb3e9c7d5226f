"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with a mark, Windows-1252 as a fallback.

NUL bytes: a text report never holds one, so a NUL anywhere in a text or HTML file (at any
position, in a file of any size) means the file is binary or damaged, and it is refused with the
line and byte where the first NUL is, rather than read with the NUL stripped or kept. (In UTF-16
text the check is on the decoded characters, since every ASCII character has a NUL byte there.)
"""
from __future__ import annotations

from ...errors import ReadError


def _nul_error(path: str, line: int, where: str) -> ReadError:
    return ReadError(f"binary file, not a text report (NUL byte at {where})", path, line)


def decode_bytes(data: bytes, path: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM); Windows-1252 as a fallback, with a warning."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError("starts with a UTF-16 mark but is not UTF-16 text", path) from None
        nul = text.find("\x00")
        if nul >= 0:
            raise _nul_error(path, text.count("\n", 0, nul) + 1, f"character {nul}")
        return text, []
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _nul_error(path, data.count(b"\n", 0, nul) + 1, f"byte {nul}")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ReadError(f"not UTF-8 or Windows-1252 text (byte {exc.start})", path) from None
        return text, [f"{path}: not valid UTF-8 (byte {exc.start}); read as Windows-1252"]
