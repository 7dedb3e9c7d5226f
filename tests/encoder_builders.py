"""A tiny sentence encoder built in a test's tmp_path (nothing is downloaded): random weights in the
layout of a Hugging Face BERT or MPNet folder (config.json, model.safetensors, a WordPiece
tokenizer.json over a small vocabulary), and a plain NumPy forward pass to check the ONNX graph by."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

WORDS = ("staff people told us the council was were had good poor waiting long care review plan support "
         "services carers families well improve needed should strong limited delays partners worked closely "
         "housing it its a an of to and in for with not no some many described").split()


def build_tiny_encoder(folder: Path, kind: str = "bert", hidden: int = 16, heads: int = 2, layers: int = 2, seed: int = 0) -> Path:
    from safetensors.numpy import save_file
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

    rng = np.random.default_rng(seed)
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"] if kind == "bert" else ["<s>", "<pad>", "</s>", "[UNK]"]
    vocab = {t: i for i, t in enumerate(specials + list(dict.fromkeys(WORDS)) + [".", ","])}
    pad = vocab["[PAD]"] if kind == "bert" else vocab["<pad>"]
    cls_, sep = ("[CLS]", "[SEP]") if kind == "bert" else ("<s>", "</s>")
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(single=f"{cls_} $A {sep}", special_tokens=[(cls_, vocab[cls_]), (sep, vocab[sep])])
    folder.mkdir(parents=True, exist_ok=True)
    tok.save(str(folder / "tokenizer.json"))
    inter, max_pos = 2 * hidden, 66
    r = lambda *shape: (rng.standard_normal(shape) * 0.3).astype(np.float32)  # noqa: E731
    w = {"embeddings.word_embeddings.weight": r(len(vocab), hidden), "embeddings.position_embeddings.weight": r(max_pos, hidden),
         "embeddings.LayerNorm.weight": 1 + r(hidden), "embeddings.LayerNorm.bias": r(hidden)}
    if kind == "bert":
        w["embeddings.token_type_embeddings.weight"] = r(2, hidden)
        names = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense")
        ln = "attention.output.LayerNorm"
    else:
        w["encoder.relative_attention_bias.weight"] = r(32, heads)
        names = ("attention.attn.q", "attention.attn.k", "attention.attn.v", "attention.attn.o")
        ln = "attention.LayerNorm"
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for n in names:
            w[p + n + ".weight"], w[p + n + ".bias"] = r(hidden, hidden), r(hidden)
        w[p + ln + ".weight"], w[p + ln + ".bias"] = 1 + r(hidden), r(hidden)
        w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"] = r(inter, hidden), r(inter)
        w[p + "output.dense.weight"], w[p + "output.dense.bias"] = r(hidden, inter), r(hidden)
        w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"] = 1 + r(hidden), r(hidden)
    prefixed = {f"{kind}.{k}": v for k, v in w.items()}  # as a task model saves them: the exporter strips it
    save_file(prefixed, str(folder / "model.safetensors"))
    config = {"model_type": kind, "hidden_size": hidden, "num_attention_heads": heads, "num_hidden_layers": layers,
              "intermediate_size": inter, "max_position_embeddings": max_pos, "vocab_size": len(vocab),
              "layer_norm_eps": 1e-12 if kind == "bert" else 1e-5, "pad_token_id": pad}
    if kind == "mpnet":
        config["relative_attention_num_buckets"] = 32
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 32}), encoding="utf-8")
    return folder


def reference_forward(folder: Path, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The last hidden state, computed loop by loop in NumPy (float64) from the saved weights."""
    from safetensors.numpy import load_file

    cfg = json.loads((folder / "config.json").read_text())
    kind, H, nh = cfg["model_type"], cfg["hidden_size"], cfg["num_attention_heads"]
    eps = cfg["layer_norm_eps"]
    w = {k.split(".", 1)[1]: v.astype(np.float64) for k, v in load_file(str(folder / "model.safetensors")).items()}

    def ln(x, p):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + eps) * w[p + ".weight"] + w[p + ".bias"]

    def lin(x, p):
        return x @ w[p + ".weight"].T + w[p + ".bias"]

    B, L = ids.shape
    x = w["embeddings.word_embeddings.weight"][ids]
    if kind == "bert":
        x = x + w["embeddings.position_embeddings.weight"][:L] + w["embeddings.token_type_embeddings.weight"][0]
    else:
        pad = cfg["pad_token_id"]
        pos = np.cumsum(ids != pad, axis=1) * (ids != pad) + pad
        x = x + w["embeddings.position_embeddings.weight"][pos]
        bias = np.zeros((nh, L, L))
        for q in range(L):
            for k in range(L):
                rel = k - q
                n = -rel
                b = 16 if n < 0 else 0
                n = abs(n)
                b += n if n < 8 else min(15, 8 + int(math.log(n / 8) / math.log(128 / 8) * 8))
                bias[:, q, k] = w["encoder.relative_attention_bias.weight"][b]
    x = ln(x, "embeddings.LayerNorm")
    d = H // nh
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        qn, kn, vn, on, lnn = ((p + "attention.self.query", p + "attention.self.key", p + "attention.self.value", p + "attention.output.dense", p + "attention.output.LayerNorm")
                               if kind == "bert" else (p + "attention.attn.q", p + "attention.attn.k", p + "attention.attn.v", p + "attention.attn.o", p + "attention.LayerNorm"))
        q, k, v = (lin(x, n).reshape(B, L, nh, d).transpose(0, 2, 1, 3) for n in (qn, kn, vn))
        s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(d) + np.where(mask[:, None, None, :] > 0, 0.0, -1e9)
        if kind == "mpnet":
            s = s + bias[None]
        s = np.exp(s - s.max(-1, keepdims=True))
        s = s / s.sum(-1, keepdims=True)
        ctx = (s @ v).transpose(0, 2, 1, 3).reshape(B, L, H)
        a = ln(lin(ctx, on) + x, lnn)
        h = lin(a, p + "intermediate.dense")
        h = 0.5 * h * (1 + np.vectorize(math.erf)(h / math.sqrt(2)))
        x = ln(lin(h, p + "output.dense") + a, p + "output.LayerNorm")
    return x
