"""The first page: index the bundled corpus on first start (with progress) and search the documents."""
from __future__ import annotations

import streamlit as st

from bctk_assist.index import KIND_NAMES, KnowledgeBase
from bctk_assist.settings import get_settings


@st.cache_resource(show_spinner=False)
def get_kb() -> KnowledgeBase:
    return KnowledgeBase(get_settings())


def _ensure_seeded(kb: KnowledgeBase) -> None:
    if kb.get_meta("seeded"):
        return
    bar = st.progress(0.0, text="Lần đầu khởi động: đang lập chỉ mục bộ tài liệu kèm theo…")

    def progress(done: int, total: int, name: str) -> None:
        label = f"Đang lập chỉ mục ({done + 1}/{total}): {name}" if name else "Đã lập chỉ mục xong."
        bar.progress(done / max(total, 1), text=label)

    for result in kb.ensure_seeded(progress=progress):
        if not result.ok:
            st.error(result.error)
    bar.empty()


def render() -> None:
    st.title("Trợ lý soạn báo cáo tổng kết Chỉ thị 20-CT/TW")
    kb = get_kb()
    _ensure_seeded(kb)
    docs = kb.docs()
    with st.sidebar:
        st.subheader("Tài liệu đã lập chỉ mục")
        for d in docs:
            st.markdown(f"- **{d.name}** · {KIND_NAMES.get(d.kind, d.kind)} · {d.chunks} đoạn")
        if not docs:
            st.info("Chưa có tài liệu nào.")
    st.caption("Tìm trong hướng dẫn, đề cương và các báo cáo của đơn vị. Chạy hoàn toàn ngoại tuyến.")
    kinds = {"Tất cả": None} | {name.capitalize(): kind for kind, name in KIND_NAMES.items()}
    col_query, col_kind = st.columns([4, 1])
    query = col_query.text_input("Câu hỏi hoặc từ khóa", key="search_query",
                                 placeholder="Ví dụ: Tháng hành động vì trẻ em năm 2021")
    kind = kinds[col_kind.selectbox("Loại tài liệu", list(kinds), key="search_kind")]
    if not query.strip():
        return
    try:
        hits = kb.search(query, k=8, kind=kind)
    except Exception as exc:  # the page keeps working; the user sees what failed
        st.error(f"Không tìm được: {exc}")
        return
    if not hits:
        st.warning("Không tìm thấy đoạn nào phù hợp.")
    for hit in hits:
        with st.container(border=True):
            st.markdown(f"**[{hit.rank}] {hit.doc}** — {hit.location} · {KIND_NAMES.get(hit.kind, hit.kind)}")
            if hit.heading:
                st.caption(hit.heading)
            st.text(hit.text)  # document text is never rendered as HTML or markdown
