"""The training configuration: defaults from ``training/config.toml``, overridable by a user's file."""
from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path

from ..errors import FindingError
from ..schema import REPO_ROOT

DEFAULT_CONFIG_NAME = "config.toml"


def default_config_text() -> str:
    return resources.files("finding_classifier.training").joinpath(DEFAULT_CONFIG_NAME).read_text(encoding="utf-8")


def _merge(base: dict, override: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in override.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def load_config(path: str | Path | None = None) -> dict:
    """The default configuration, with the keys of ``path`` (a TOML file) laid over it."""
    config = tomllib.loads(default_config_text())
    if path is None:
        return config
    path = Path(path)
    if not path.is_file():
        raise FindingError("no such config file", path)
    try:
        user = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FindingError(f"invalid TOML: {exc}", path) from None
    unknown = set(user) - set(config)
    if unknown:
        raise FindingError(f"unknown config section(s): {', '.join(sorted(unknown))}", path)
    from ..model.classifier import FindingClassifier

    known_params = set(FindingClassifier().get_params())
    bad = set(user.get("model", {})) - known_params
    if bad:
        raise FindingError(f"unknown [model] key(s): {', '.join(sorted(bad))}", path)
    return _merge(config, user)


def resolve_path(path: str | Path) -> Path:
    """A data path from the config: as given if it exists (relative to the working directory), else in the checkout."""
    p = Path(path)
    if p.is_absolute() or p.exists():
        return p
    return REPO_ROOT / p
