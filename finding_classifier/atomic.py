"""Writing outputs so that nothing is ever half-written or silently replaced.

Files go through a temporary file in the same folder and one rename; folders (a model, an
evaluation) through a temporary folder beside them. An existing folder is replaced only with
``force``, and only when it holds nothing but the files this project writes there.

Replacing a folder takes two renames (``out`` -> ``.out.old-PID``, then the temporary folder ->
``out``); a run stopped between them (killed, power cut) leaves no ``out``. Every name beside the
output carries the writing process's id (``.out.tmp-PID-*``, ``.out.old-PID``), so the next run that
writes or reads ``out`` (:func:`recover_folder`) can tell a leftover of a dead process from the work
of one still running: it renames the old folder back when ``out`` is missing, and removes the
leftovers otherwise. An interrupt (Ctrl-C, SIGTERM) removes the temporary file or folder itself.
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
    recover_folder(path)  # temporary files of a run that was killed
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.tmp-{os.getpid()}-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:  # an error or an interrupt: no temporary file is left behind
        if tmp and os.path.lexists(tmp):
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise FindingError(f"cannot write: {exc.strerror or exc}", path) from None
        raise


def check_replaceable(output: str | Path, force: bool, own_files: set[str], what: str, error=FindingError) -> None:
    """Refuse to touch an existing ``output`` unless ``force``, and never one holding other files."""
    output = Path(output)
    recover_folder(output)
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
        tmp = Path(tempfile.mkdtemp(prefix=f".{output.name}.tmp-{os.getpid()}-", dir=output.parent))
    except OSError as exc:
        raise FindingError(f"cannot write: {exc.strerror or exc}", output) from None
    tmp.chmod(0o777 & ~_umask())  # mkdtemp makes it private; outputs are meant to be shared
    return tmp


def move_into_place(tmp: Path, output: str | Path) -> None:
    """Replace ``output`` by the finished temporary folder ``tmp`` (one rename each way)."""
    output = Path(output)
    recover_folder(output, keep=tmp)
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.replace(output, old)
    try:
        os.replace(tmp, output)
    except BaseException:
        if old is not None and not output.exists():
            os.replace(old, output)  # put the old folder back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its files alone
    return True


def recover_folder(output: str | Path, keep: Path | None = None) -> list[str]:
    """Undo what an interrupted replace of the folder ``output`` left beside it (see the module
    docstring): a missing ``output`` gets its old folder back; leftovers of processes that are no
    longer running are removed. Returns one line per thing done (also given as warnings)."""
    import re
    import warnings

    output = Path(output)
    parent = output.parent if str(output.parent) else Path(".")
    try:
        names = os.listdir(parent)
    except OSError:
        return []
    pattern = re.compile(r"\." + re.escape(output.name) + r"\.(old|tmp)-(\d+)(-.*)?$")
    done = []
    olds = []
    for name in names:
        m = pattern.match(name)
        if not m or _alive(int(m.group(2))) or (keep is not None and parent / name == keep):
            continue
        (olds if m.group(1) == "old" else []).append(parent / name)
        if m.group(1) == "tmp":
            path = parent / name
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
            done.append(f"{output}: removed {name}, left by an interrupted write")
    for old in sorted(olds, key=lambda p: p.stat().st_mtime, reverse=True):
        if not os.path.lexists(output):
            os.replace(old, output)
            done.append(f"{output}: restored from {old.name}, left by an interrupted replace")
        else:
            shutil.rmtree(old, ignore_errors=True)
            done.append(f"{output}: removed {old.name}, left by an interrupted replace")
    for line in done:
        warnings.warn(line, stacklevel=2)
    return done


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
    except BaseException as exc:  # an error or an interrupt: no temporary folder is left behind
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise FindingError(f"cannot write: {exc.strerror or exc}", output) from None
        raise


# ---------------------------------------------------------------- output files and the run's inputs
#
# An existing output FILE is replaced without --force only when this tool wrote it, known from its
# first bytes (nothing else is kept about past runs):
#   CSV        the first line is the classify header, "report,index,section,start,end,text,label,..."
#   JSON lines the first line is a JSON object with "report" and "text" (segment and classify rows)
#   HTML       a <meta name='generator' content='finding-classifier'> near the top
#   Markdown   a first line "<!-- finding-classifier ... -->"
#   text table a rich table whose header row starts with the column "report" (segment -o)
# An empty file holds nothing to lose and is replaced too.

GENERATOR = "finding-classifier"
HTML_GENERATOR_TAG = f"<meta name='generator' content='{GENERATOR}'>"
MARKDOWN_MARKER = f"<!-- {GENERATOR}: findings classify --format markdown -->"
CSV_HEADER_START = "report,index,section,start,end,text,label"


def written_by_tool(path: str | Path) -> bool:
    """Whether the existing file ``path`` is one this tool wrote (see the signatures above)."""
    import json

    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    if not head.strip():
        return True
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    first = text.split("\n", 1)[0].rstrip("\r")
    if first.startswith(CSV_HEADER_START) or first.startswith(MARKDOWN_MARKER) or HTML_GENERATOR_TAG in text[:2048]:
        return True
    if first.startswith("{"):
        try:
            obj = json.loads(first)
        except ValueError:
            return False
        return isinstance(obj, dict) and "report" in obj and "text" in obj
    lines = text.splitlines()[:3]
    return len(lines) >= 2 and lines[0][:1] in "┏┌╭+" and lines[1].lstrip("┃│| ").startswith("report ")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output_file(output: str | Path | None, inputs: list[str], force: bool, folder: bool = False) -> None:
    """Before any work: refuse an output that is one of the run's ``inputs`` (or, for an output
    ``folder``, holds one), and an existing file this tool did not write unless ``force``."""
    if output is None:
        return
    output = Path(output)
    out_real = Path(os.path.realpath(output))
    for item in inputs:
        if item == "-":
            continue
        p = Path(item)
        if _same_file(p, output) or (folder and out_real in Path(os.path.realpath(p)).parents):
            raise FindingError(f"is also an input of this run ({item}); give another output name", output)
    if folder or not output.exists() or output.is_dir():
        return  # folders: check_replaceable; a folder given as a file: write_text says so
    if not force and not written_by_tool(output):
        raise FindingError("exists and was not written by findings (no output header of the tool in it); "
                           "pass --force to replace it", output)
