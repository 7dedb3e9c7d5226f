import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import tiny_config, write_tiny  # noqa: E402


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory) -> Path:
    return write_tiny(tmp_path_factory.mktemp("tiny") / "annotations")


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, tiny_data) -> Path:
    """A model trained (without cross-validation) on the tiny written data."""
    from finding_classifier.training.train import train

    root = tmp_path_factory.mktemp("model")
    cfg = tiny_config(root / "config.toml", tiny_data)
    out = root / "model"
    train(data=tiny_data, config_path=cfg, output=out)
    return out
