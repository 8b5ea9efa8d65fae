"""Hỏi đáp: questions about the outline and the guidance, answered by quoting the nodes they name (the history
is kept in the workspace, thread qa.QA_THREAD); and a plain search over every indexed document."""
from __future__ import annotations

import streamlit as st

from bctk_assist import qa
from bctk_assist.index import KIND_NAMES
from bctk_assist.outline import OutlineError, workspace_outline
from bctk_assist.ui import common


SHOWN_MESSAGES = 40  # the latest exchanges replayed on the page (all are kept in the workspace)


def _reply(answer) -> str:
    """What is kept and shown: the answer (its quotes are verbatim), any warning, and where each quote is."""
    sources = [f"[{c.n}] {KIND_NAMES.get(c.kind, c.kind).capitalize()} — {c.doc}, {c.location}"
               for c in answer.citations]
    return (answer.answer + "".join(f"\n\nLưu ý: {w}" for w in answer.warnings)
            + ("\n\nNguồn:\n" + "\n".join(sources) if sources else ""))


def _ask_tab() -> None:
    st.caption("Hỏi về yêu cầu của đề cương và hướng dẫn theo số mục, theo phần hoặc theo chủ đề, ví dụ: "
               "«Tiêu chí 2.2 yêu cầu gì?», «Mục II.2 gồm những nội dung nào?», «Phần thứ ba yêu cầu gì?», "
               "«Tháng hành động vì trẻ em viết ở mục nào?». Câu trả lời trích nguyên văn cả mục, có số mục và "
               "vị trí, kèm mục tương ứng của văn bản kia.")
    ws = common.ws()
    history = ws.messages(qa.QA_THREAD)
    for m in history[-SHOWN_MESSAGES:]:
        user = m["role"] == "user"
        with st.chat_message(m["role"], avatar=":material/person:" if user else ":material/edit_note:"):
            st.markdown(common.md_escape(m["content"]))
    question = st.chat_input("Đặt câu hỏi…", key="qa_input")
    if not (question and question.strip()):
        return
    question = question.strip()
    ws.add_message(qa.QA_THREAD, "user", question)  # saved before the work starts: never lost
    try:
        sections = workspace_outline(ws, common.settings())
    except OutlineError:
        sections = []
    model, name, error = common.chat_model()
    try:
        with st.spinner("Đang tìm trong đề cương và hướng dẫn…"):
            answer = qa.ask(question, common.kb(), sections, llm=model, llm_name=name)
        if error:
            answer.warnings.insert(0, error)
        reply = _reply(answer)
    except Exception as exc:  # the page keeps working; the user sees what failed
        reply = f"Có lỗi khi trả lời: {exc}"
    ws.add_message(qa.QA_THREAD, "assistant", reply)
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
