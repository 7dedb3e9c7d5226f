"""Writing outputs so that nothing is ever half-written or silently replaced.

Files go through a temporary file in the same folder and one rename; folders (a model, an
evaluation) through a temporary folder beside them. An existing folder is replaced only with
``force``, and only when it holds nothing but the files this project writes there.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import FindingError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, with the permissions a plain ``open`` would give."""
    path = Path(path)
    if path.is_dir():
        raise FindingError("is a folder; give a file name for the output", path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise FindingError(f"cannot write: {exc.strerror or exc}", path) from None


def check_replaceable(output: str | Path, force: bool, own_files: set[str], what: str, error=FindingError) -> None:
    """Refuse to touch an existing ``output`` unless ``force``, and never one holding other files."""
    output = Path(output)
    if not output.exists():
        return
    if not output.is_dir():
        raise error(f"exists and is not a {what} folder", output)
    if not force:
        raise error("already exists; pass --force to overwrite it", output)
    foreign = sorted(p.name for p in output.iterdir() if p.name not in own_files)
    if foreign:
        raise error(f"holds files that are not part of the {what} ({', '.join(foreign[:3])}); refusing to replace it", output)


def temp_dir_beside(output: str | Path) -> Path:
    output = Path(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    except OSError as exc:
        raise FindingError(f"cannot write: {exc.strerror or exc}", output) from None
    tmp.chmod(0o777 & ~_umask())  # mkdtemp makes it private; outputs are meant to be shared
    return tmp


def move_into_place(tmp: Path, output: str | Path) -> None:
    """Replace ``output`` by the finished temporary folder ``tmp`` (one rename each way)."""
    output = Path(output)
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.replace(output, old)
    os.replace(tmp, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_folder(output: str | Path, files: dict[str, str | bytes]) -> None:
    """Write ``files`` (name -> text or bytes) as the folder ``output``, all at once: through a
    temporary folder beside it and one rename. Call :func:`check_replaceable` first."""
    output = Path(output)
    tmp = temp_dir_beside(output)
    try:
        for name, content in files.items():
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="")
            os.chmod(target, 0o666 & ~_umask())
        move_into_place(tmp, output)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise FindingError(f"cannot write: {exc.strerror or exc}", output) from None
