"""The scale-out path: BCTK_CHROMA_URL points the index at a real Chroma server on 127.0.0.1."""
from __future__ import annotations

import pytest

from bctk_assist.embeddings import FakeEmbeddings
from bctk_assist.index import KnowledgeBase
from bctk_assist.settings import Settings
from conftest import DATA
from test_hostile import CHROMA, start_chroma

pytestmark = pytest.mark.slow  # a Chroma server in a subprocess


@pytest.fixture
def chroma_url(tmp_path):
    if not CHROMA.exists():
        pytest.skip("the chroma command is not installed")
    proc, url = start_chroma(tmp_path / "server")
    try:
        yield url
    finally:
        proc.kill()
        proc.wait(10)


def test_index_on_a_chroma_server(chroma_url, tmp_path):
    settings = Settings(home=tmp_path / "home", embeddings="fake", chroma_url=chroma_url)
    kb = KnowledgeBase(settings, embeddings=FakeEmbeddings())
    assert kb.ingest(DATA / "sample.docx", "report").status == "added"
    assert not (settings.home / "chroma").exists()  # vectors live on the server, not in the workspace
    hits = kb.search_dense("số buổi tuyên truyền về quyền trẻ em", k=3)
    assert hits and hits[0][0].doc == "sample.docx"
    # A second unit's process sees the same collection through the server.
    again = KnowledgeBase(settings, embeddings=FakeEmbeddings())
    assert len(again.vectors.get(include=[])["ids"]) == len(kb.chunks())
    # Another unit on the same server has its own collection: nothing of the first one shows.
    other = KnowledgeBase(Settings(home=tmp_path / "other", embeddings="fake", chroma_url=chroma_url),
                          embeddings=FakeEmbeddings())
    assert other.vectors.get(include=[])["ids"] == []
    assert kb.remove(kb.docs()[0].id) and again.vectors.get(include=[])["ids"] == []
