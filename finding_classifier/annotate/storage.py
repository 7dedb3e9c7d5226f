"""The annotation folder: safe file names, crash-proof writes, reading back, and the lock.

Every file this command writes lives directly in the output folder and is named by
:func:`report_path`, the one place that turns a report id into a path. A report's file is
rewritten whole through a temporary file, ``fsync`` and one rename, so at any moment it holds
either the previous or the new set of decisions, never half a line; the folder is always valid
input to ``findings data validate``, ``findings train --data`` and ``findings evaluate --test``.
"""
from __future__ import annotations

import json
import os
import socket
import tempfile
import time
from pathlib import Path

from ..corpus import read_annotations
from ..errors import FindingError
from ..schema import ANNOTATION_SUFFIX

LOCK_NAME = ".findings-annotate.lock"
_TMP_SUFFIX = ".tmp"
_MAX_ID = 150
_FORBIDDEN = set('/\\:*?"<>|\0')


def check_report_id(report_id: str) -> str | None:
    """Why ``report_id`` cannot name a file in the output folder, or None."""
    if not report_id or not report_id.strip():
        return "empty report id"
    if report_id.startswith(".") or report_id in {".", ".."}:
        return f"report id {report_id!r} starts with a dot"
    if any(ch in _FORBIDDEN or ord(ch) < 32 for ch in report_id):
        return f"report id {report_id!r} contains a path separator or a character not allowed in file names"
    if len(report_id) > _MAX_ID:
        return f"report id is longer than {_MAX_ID} characters"
    return None


def report_path(folder: str | Path, report_id: str) -> Path:
    """``folder/<report_id>.jsonl``, refusing any id that would name a file elsewhere."""
    folder = Path(folder)
    why = check_report_id(report_id)
    if why:
        raise FindingError(why, folder)
    path = folder / f"{report_id}{ANNOTATION_SUFFIX}"
    if path.resolve().parent != folder.resolve():  # belt and braces: never outside the folder
        raise FindingError(f"report id {report_id!r} would write outside the output folder", folder)
    return path


def prepare_folder(folder: str | Path) -> Path:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FindingError("exists and is not a folder; give a folder for the annotations", folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FindingError(f"cannot create the folder: {exc.strerror or exc}", folder) from None
    return folder


def read_records(path: Path) -> list[dict]:
    """The records of one annotation file (empty if it does not exist or is blank), as written."""
    if not path.is_file() or not path.read_bytes().strip():
        return []
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in read_annotations(path, duplicates=True)]


def write_records(path: Path, records: list[dict]) -> None:
    """Replace ``path`` by ``records`` (JSONL) atomically and durably; remove it when there are none."""
    folder = path.parent
    if not records:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise FindingError(f"cannot remove: {exc.strerror or exc}", path) from None
        _fsync_dir(folder)
        return
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TMP_SUFFIX, dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(folder)
    except OSError as exc:
        raise FindingError(f"cannot write: {exc.strerror or exc}", path) from None
    finally:
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path, report_ids: list[str]) -> None:
    """Temporary files a crash left behind (ours only: ``.<id>.jsonl.*.tmp``)."""
    for rid in report_ids:
        for p in folder.glob(f".{rid}{ANNOTATION_SUFFIX}.*{_TMP_SUFFIX}"):
            p.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class FolderLock:
    """An exclusive lock on the output folder, held for the life of one server.

    The operating system releases it when the process ends, however it ends, so a crash leaves no
    stale lock: the lock file itself is only a note of who holds it.
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> "FolderLock":
        for _ in range(10):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise FindingError(f"cannot create the lock file: {exc.strerror or exc}", self.path) from None
            if not _try_lock(fd):
                os.close(fd)
                raise FindingError(f"another `findings annotate` is using this folder ({self._holder()}); "
                                   "stop it first, or give another -o folder", self.folder)
            if _same_file(fd, self.path):
                self._fd = fd
                self.note()
                return self
            os.close(fd)  # the holder removed the file as we opened it: lock the new one
        raise FindingError("could not lock the folder", self.folder)

    def note(self, url: str | None = None) -> None:
        """Record who holds the lock (shown to a second server that is refused)."""
        if self._fd is None:
            return
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
        if url:
            info["url"] = url.split("?")[0]  # never the token
        os.ftruncate(self._fd, 0)
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.write(self._fd, (json.dumps(info) + "\n").encode())

    def _holder(self) -> str:
        try:
            info = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            info = {}
        parts = [f"pid {info['pid']}" if "pid" in info else None, info.get("url"), f"since {info['started']}" if "started" in info else None]
        return ", ".join(p for p in parts if p) or "lock file " + LOCK_NAME

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass  # (Windows cannot remove an open file; the lock is released all the same)
        finally:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "FolderLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
