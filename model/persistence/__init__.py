"""Model folders: the compiled classifier as plain arrays, ``meta.json`` with checksums and
provenance, and the model card."""
from .card import model_card
from .store import FORMAT_VERSION, MODEL_FOLDER_FILES, default_model_dir, load_model, model_dir_of, read_meta, save_model, sha256_file, verify_file

__all__ = ["FORMAT_VERSION", "MODEL_FOLDER_FILES", "default_model_dir", "load_model", "model_card", "model_dir_of",
           "read_meta", "save_model", "sha256_file", "verify_file"]
