"""The embedding model is recorded with the index: a switch is embedded again (faces) or refused
with a clear message (core dense search), never answered with an empty list; `bctk reindex`."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bctk_assist.cli import app
from bctk_assist.embeddings import FakeEmbeddings
from bctk_assist.index import EmbeddingsChanged, KnowledgeBase
from bctk_assist.settings import Settings
from conftest import DATA

QUERY = "số buổi tuyên truyền về quyền trẻ em"


class Named(FakeEmbeddings):
    """Fake vectors under a model name of our choosing, counting the passages it embeds."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name, self.embedded = name, []

    def embed_documents(self, texts):
        self.embedded.extend(texts)
        return super().embed_documents(texts)


def open_as(home, name: str) -> KnowledgeBase:
    return KnowledgeBase(Settings(home=home, embeddings=name), embeddings=Named(name))


@pytest.fixture
def home(tmp_path):
    """A workspace indexed with the model 'fake': two documents."""
    home = tmp_path / "home"
    kb = open_as(home, "fake")
    assert kb.ingest(DATA / "notes.md", "other").ok and kb.ingest(DATA / "sample.docx", "report").ok
    return home


# --- core: the record, the refusal, reindex ----------------------------------------------------

def test_a_switch_refuses_dense_search_until_reindex_then_finds_again(home):
    assert open_as(home, "fake").recorded_model()["model"] == "fake"
    kb = open_as(home, "fake:alt")
    change = kb.embeddings_change()
    assert (change.recorded, change.current, change.documents, change.chunks) == (
        "fake", "fake:alt", 2, len(kb.chunks()))
    with pytest.raises(EmbeddingsChanged) as refused:
        kb.search_dense(QUERY, k=3)
    assert "'fake'" in refused.value.message and "'fake:alt'" in refused.value.message
    assert refused.value.message.endswith("bctk reindex")
    assert kb.search(QUERY, k=3, mode="bm25")  # keyword search is not affected
    steps = []
    result = kb.reindex(progress=lambda *step: steps.append(step))
    assert (result.model, result.previous_model, result.documents, result.chunks) == (
        "fake:alt", "fake", 2, len(kb.chunks()))
    assert {s[2] for s in steps if s[2]} == {"notes.md", "sample.docx"} and steps[-1][:2] == (2, 2)
    assert any(s[3].endswith("đoạn") for s in steps)  # per-chunk progress within a document
    assert kb.embeddings_change() is None and kb.recorded_model()["model"] == "fake:alt"
    hits = kb.search_dense(QUERY, k=3)
    assert hits and hits[0][0].doc == "sample.docx"
    assert kb.search(QUERY, k=1)[0].doc == "sample.docx"


def test_an_unchanged_file_whose_vectors_are_missing_is_embedded_not_unchanged(home):
    kb = open_as(home, "fake:alt")
    again = kb.ingest(DATA / "notes.md", "other")
    assert again.status == "updated"
    assert kb._missing_vectors(kb.chunks(again.doc_id)) == []
    assert kb.ingest(DATA / "notes.md", "other").status == "unchanged"  # now it truly is


def test_a_reindex_killed_halfway_leaves_a_usable_index_and_the_next_run_resumes(home, monkeypatch):
    kb = open_as(home, "fake:alt")
    docs = kb.docs()
    real, calls = kb._add_vectors, []

    def killed_at_the_second_document(chunks, progress, *args, **kwargs):
        if calls:
            raise KeyboardInterrupt("kill")
        calls.append(chunks)
        return real(chunks, progress, *args, **kwargs)

    monkeypatch.setattr(kb, "_add_vectors", killed_at_the_second_document)
    with pytest.raises(KeyboardInterrupt):
        kb.reindex()
    monkeypatch.undo()
    assert [d.id for d in kb.docs()] == [d.id for d in docs]  # the catalog is untouched
    assert kb.recorded_model()["model"] == "fake"  # not recorded before every document is done
    assert kb.search(QUERY, k=3, mode="bm25")
    with pytest.raises(EmbeddingsChanged):  # said, not an empty list
        kb.search_dense(QUERY, k=3)
    kb.embeddings.embedded.clear()
    result = kb.reindex()
    assert result.resumed == 1 and result.chunks == docs[1].chunks
    assert sorted(kb.embeddings.embedded) == sorted(c.search_text for c in kb.chunks(docs[1].id))
    assert kb.search_dense(QUERY, k=3)


def test_a_rebuild_killed_halfway_with_the_same_model_keeps_dense_search(home, monkeypatch):
    kb = open_as(home, "fake")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("kill")

    monkeypatch.setattr(kb, "_add_vectors", killed)
    with pytest.raises(KeyboardInterrupt):
        kb.reindex()
    monkeypatch.undo()
    assert kb.embeddings_change() is None
    assert kb.search_dense(QUERY, k=3)[0][0].doc == "sample.docx"


def test_a_workspace_that_never_recorded_its_model_is_adopted_or_completed(home):
    kb = open_as(home, "fake")
    kb.set_meta("embeddings", "")  # as before models were recorded
    assert kb.embeddings_change() is None and kb.recorded_model()["model"] == "fake"  # all vectors there
    kb.set_meta("embeddings", "")
    switched = open_as(home, "fake:alt")
    change = switched.embeddings_change()
    assert change.recorded == "" and change.chunks == len(switched.chunks()) and not change.full
    assert "bctk reindex" in change.refusal
    assert switched.reindex(full=change.full).chunks == len(switched.chunks())
    assert switched.search_dense(QUERY, k=3)


# --- the command line --------------------------------------------------------------------------

runner = CliRunner()


def run(*args, model: str = "fake"):
    return runner.invoke(app, [str(a) for a in args], env={"BCTK_EMBEDDINGS": model})


def test_commands_embed_again_after_a_switch_with_progress(tmp_path):
    home = tmp_path / "ws"
    assert run("ingest", DATA / "sample.docx", "--home", home, "--json").exit_code == 0
    found = run("search", QUERY, "--home", home, "--json", model="fake:alt")
    assert found.exit_code == 0, found.output
    assert "Mô hình nhúng đã đổi từ 'fake' sang 'fake:alt'" in found.stderr
    assert json.loads(found.stdout)[0]["doc"] == "sample.docx"
    assert "sample.docx" in [c.doc for c, _ in open_as(home, "fake:alt").search_dense(QUERY, k=5)]
    again = run("ingest", DATA / "sample.docx", "--home", home, model="fake:alt")
    assert again.exit_code == 0 and "không đổi" in again.stdout and "đã đổi" not in again.stderr
    drafted = run("draft", "P1.II.2", "--home", home, model="fake:b")
    assert drafted.exit_code == 0, drafted.output
    assert "sang 'fake:b'" in drafted.stderr and "[1/4] " in drafted.stderr  # per-document progress
    assert open_as(home, "fake:b").embeddings_change() is None


def test_reindex_json_and_text(tmp_path):
    home = tmp_path / "ws"
    assert run("ingest", DATA / "notes.md", "--home", home, "--json").exit_code == 0
    result = run("reindex", "--home", home, "--json", model="fake:alt")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"model", "previous_model", "documents", "chunks", "resumed", "removed_vectors", "seconds"}
    assert (data["model"], data["previous_model"], data["documents"]) == ("fake:alt", "fake", 4)
    assert data["chunks"] == len(open_as(home, "fake:alt").chunks()) and data["resumed"] == 0
    assert "[1/" not in result.stderr  # --json: no progress lines
    text = run("reindex", "--home", home, model="fake:alt")
    assert text.exit_code == 0
    assert f"Đã nhúng lại {data['chunks']} đoạn của 4 tài liệu bằng mô hình nhúng 'fake:alt'." in text.stdout
    assert "[4/4] notes.md" in text.stderr


def test_reindex_with_a_model_that_cannot_load_is_a_json_error(tmp_path):
    home = tmp_path / "ws"
    assert run("docs", "--home", home, "--json").exit_code == 0
    result = run("reindex", "--home", home, "--json", model="bogus")
    assert result.exit_code == 1
    assert "'bogus'" in json.loads(result.stdout)["error"] and "'bogus'" in result.stderr
    assert open_as(home, "fake").embeddings_change() is None  # the index stays the old model's


# --- the app -----------------------------------------------------------------------------------

def _app_search() -> None:
    import streamlit as st

    from bctk_assist.ui import common

    common.ensure_seeded()
    st.markdown(f"dense: {[c.doc for c, _ in common.kb().search_dense('Tháng hành động vì trẻ em', 3)]}")


def test_app_start_embeds_again_after_a_switch(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    home = tmp_path / "home"
    monkeypatch.setenv("BCTK_HOME", str(home))
    for model in ("fake", "fake:alt"):
        monkeypatch.setenv("BCTK_EMBEDDINGS", model)
        at = AppTest.from_function(_app_search, default_timeout=60).run()
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error and "dense: ['" in at.markdown[-1].value
    assert open_as(home, "fake:alt").recorded_model()["model"] == "fake:alt"
