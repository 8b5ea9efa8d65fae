"""Drafting through a real OpenAI-compatible server (llama-cpp-python + SmolLM2-135M, on 127.0.0.1).

The model writes poor Vietnamese: these tests check the plumbing, streaming, the validators and the
fallback to the offline composer, not the prose.
"""
from __future__ import annotations

import pytest

from bctk_assist.drafting import draft_section
from bctk_assist.llm import get_chat_model
from bctk_assist.outline import ancestor_titles, default_outline, find_section
from bctk_assist.settings import Settings
from bctk_assist.workspace import Workspace
from llm_server import llama_server, server_skip_reason

SKIP = server_skip_reason()
pytestmark = [pytest.mark.skipif(SKIP is not None, reason=SKIP or ""), pytest.mark.slow]


def _model(base_url: str, max_tokens: int = 48):
    settings = Settings(llm_base_url=base_url, llm_max_tokens=max_tokens, llm_timeout=20)
    return get_chat_model("openai:smollm2", settings=settings, streaming=True)


def _save(ws, draft):
    return ws.add_draft(draft.section_id, text=draft.text, citations=[c.to_json() for c in draft.citations],
                        gaps=draft.gaps, unverified_numbers=draft.unverified_numbers, warnings=draft.warnings,
                        engine=draft.engine, prompt=draft.prompt, prompt_hash=draft.prompt_hash)


def test_a_reply_cut_by_the_token_limit_falls_back_to_the_composer_with_the_reason(corpus_kb):
    # Eight tokens cannot hold a section: the reply is always cut, whatever the model writes. (That a kept
    # reply is validated on the model's own words is tested with the fake model in test_drafting.py.)
    sections = default_outline(corpus_kb.settings)
    section = find_section(sections, "P1.III.1")
    tokens: list[str] = []
    with llama_server() as server:
        draft = draft_section(section, corpus_kb, llm=_model(server.base_url, max_tokens=8),
                              llm_name="openai:smollm2", on_token=tokens.append,
                              context=ancestor_titles(sections, section), timeout=30)
    assert len(tokens) >= 3  # the reply arrived piece by piece
    assert draft.engine == "composer" and any("bị cắt" in w for w in draft.warnings), draft.warnings
    assert "[1]" in draft.text


def test_server_killed_mid_stream_falls_back_and_keeps_earlier_drafts(corpus_kb, tmp_path):
    sections = default_outline(corpus_kb.settings)
    section = find_section(sections, "P1.III.1")
    ws = Workspace(tmp_path)
    first = _save(ws, draft_section(section, corpus_kb))
    with llama_server() as server:
        tokens: list[str] = []

        def on_token(token: str) -> None:
            tokens.append(token)
            if len(tokens) == 3:
                server.kill()

        draft = draft_section(section, corpus_kb, llm=_model(server.base_url, 400), llm_name="openai:smollm2",
                              on_token=on_token, timeout=30)
    assert draft.engine == "composer" and any(server.base_url in w for w in draft.warnings)
    second = _save(ws, draft)
    assert second.version == 2
    assert ws.draft(section.id, 1).text == first.text  # nothing earlier was touched
