"""What the AppTest suites share: a workspace under BCTK_HOME with fake embeddings and no model
configured from the environment, one page run the way app.py runs it, and the text as a user reads it."""
from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

TIMEOUT = 60


def app_home(tmp_path: Path, monkeypatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("BCTK_HOME", str(home))
    monkeypatch.setenv("BCTK_EMBEDDINGS", "fake")
    for var in ("BCTK_LLM", "BCTK_LLM_BASE_URL", "BCTK_LLM_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    return home


def run_page(page: str) -> None:
    """Run one page the way app.py does (AppTest renders one page of an st.navigation app). AppTest runs
    the function's own source, so it imports what it needs itself."""
    import importlib

    from bctk_assist.ui import common

    common.ensure_seeded()
    importlib.import_module(f"bctk_assist.ui.{page}").render()


def page_test(page: str) -> AppTest:
    return AppTest.from_function(run_page, args=(page,), default_timeout=TIMEOUT)


def no_exceptions(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def plain(markdown: str) -> str:
    """Markdown as the user reads it (the app escapes document text)."""
    return re.sub(r"\\(.)", r"\1", markdown)
