"""Hỏi đáp: free questions over the outline and guidance, answered with quoted clauses; and a plain
search over every indexed document."""
from __future__ import annotations

import streamlit as st

from bctk_assist import qa
from bctk_assist.index import KIND_NAMES
from bctk_assist.outline import OutlineError, workspace_outline
from bctk_assist.ui import common


def _citations(citations) -> None:
    for c in citations:
        kind = KIND_NAMES.get(c.kind, c.kind).capitalize()
        with st.expander(f"[{c.n}] {kind} — {common.md_escape(c.doc)}, {common.md_escape(c.location)}"):
            st.markdown(common.md_escape(c.quote))


def _ask_tab() -> None:
    st.caption("Hỏi về yêu cầu của đề cương và hướng dẫn, ví dụ: «Mục II.2 yêu cầu gì?», «Phần kiến nghị cần "
               "nêu những gì?». Câu trả lời trích nguyên văn điều khoản, có số mục.")
    history = st.session_state.setdefault("qa_history", [])
    for q, answer in history:
        with st.chat_message("user", avatar=":material/person:"):
            st.markdown(common.md_escape(q))
        with st.chat_message("assistant", avatar=":material/edit_note:"):
            st.markdown(common.md_escape(answer.answer))
            for w in answer.warnings:
                st.info(common.md_escape(w))
            _citations(answer.citations)
    question = st.chat_input("Đặt câu hỏi…", key="qa_input")
    if question and question.strip():
        try:
            sections = workspace_outline(common.ws(), common.settings())
        except OutlineError:
            sections = []
        model, name, error = common.chat_model()
        with st.spinner("Đang tìm trong đề cương và hướng dẫn…"):
            answer = qa.ask(question.strip(), common.kb(), sections, llm=model, llm_name=name)
        if error:
            answer.warnings.insert(0, error)
        history.append((question.strip(), answer))
        st.rerun()
    if history and st.button("Xóa lịch sử hỏi đáp", key="qa_clear"):
        history.clear()
        st.rerun()


def _search_tab() -> None:
    kinds = {None: "Tất cả"} | {k: v.capitalize() for k, v in KIND_NAMES.items()}
    c1, c2 = st.columns([4, 1])
    query = c1.text_input("Từ khóa hoặc câu hỏi", key="search_query",
                          placeholder="Ví dụ: Tháng hành động vì trẻ em năm 2021")
    kind = c2.selectbox("Loại tài liệu", list(kinds), format_func=kinds.get, key="search_kind")
    if not query.strip():
        return
    try:
        hits = common.kb().search(query, k=8, kind=kind)
    except Exception as exc:  # the page keeps working; the user sees what failed
        st.error(f"Không tìm được: {exc}")
        return
    if not hits:
        st.warning("Không tìm thấy đoạn nào phù hợp.")
    for hit in hits:
        with st.container(border=True):
            st.markdown(f"**[{hit.rank}] {common.md_escape(hit.doc)}** — {common.md_escape(hit.location)} · "
                        f"{KIND_NAMES.get(hit.kind, hit.kind)}")
            if hit.heading:
                st.caption(common.md_escape(hit.heading))
            st.markdown(common.md_escape(hit.text))


def render() -> None:
    st.markdown("### Hỏi đáp")
    tab_ask, tab_search = st.tabs([":material/chat: Hỏi về đề cương, hướng dẫn", ":material/search: Tìm trong tài liệu"])
    with tab_ask:
        _ask_tab()
    with tab_search:
        _search_tab()
