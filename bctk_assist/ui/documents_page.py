"""Tài liệu: upload sources (several at once, a progress bar per file), see each result, list and
remove indexed documents, and choose the report outline."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

import streamlit as st

from bctk_assist.factmap import SAMPLE_KIND, unit_documents
from bctk_assist.index import KIND_NAMES, KINDS
from bctk_assist import services
from bctk_assist.outline import OutlineError, workspace_outline
from bctk_assist.ui import common
from bctk_assist.workspace import WorkspaceError

UPLOAD_TYPES = ["docx", "pdf", "txt", "md"]
UPLOAD_KINDS = [k for k in KINDS if k != SAMPLE_KIND]  # only the bundled sample is "sample"
_STATUS = {"added": "đã thêm", "updated": "đã cập nhật", "unchanged": "không thay đổi (đã có)"}


def _kind_label(kind: str) -> str:
    return KIND_NAMES.get(kind, kind).capitalize()


def _ingest(files, kind: str, replace: bool = False) -> list[tuple[str, str, str, list[str]]]:
    """Index each uploaded file with its own progress bar; returns (name, level, message, warnings).

    A file named like an indexed document but with other content becomes a document of its own,
    unless `replace` (the «thay thế» choice) asks to replace the same-named one."""
    kb = common.kb()
    results = []
    for f in files:
        name = common.safe_name(f.name)
        bar = st.progress(0.0, text=f"{name}: đang đọc…")
        path = common.save_upload(f.getvalue(), name)
        try:
            result = kb.ingest(path, kind=kind, name=name, replace=replace, origin="",
                               progress=lambda label, frac, n=name: bar.progress(min(frac, 1.0), text=f"{n}: {label}"))
        except Exception as exc:  # a broken file must not break the page
            results.append((name, "error", f"Không thêm được '{name}': {exc}", []))
            continue
        finally:
            common.remove_upload(path)
            bar.empty()
        if result.ok:
            results.append((name, "success", f"{name}: {_STATUS.get(result.status, result.status)} — "
                                             f"{result.chunks} đoạn.", result.warnings))
        else:
            results.append((name, "error", result.error or f"Không thêm được '{name}'.", []))
    st.session_state.pop("requirements_cache", None)
    return results


def _confirm_key(doc_id: str) -> str:
    """The delete confirmation of one document, keyed by its id: a row that moves up after another
    is removed never inherits a confirmation opened for someone else."""
    return f"rm_confirm_{doc_id}"


def _close_confirmations() -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("rm_confirm_")]:
        st.session_state[key] = False


def _remove(doc_id: str, name: str) -> None:
    _close_confirmations()  # after a delete, no confirmation is left open on any document
    if common.kb().remove(doc_id):
        st.session_state["docs_flash"] = f"Đã xóa '{name}' khỏi chỉ mục."
        st.session_state.pop("requirements_cache", None)


def _delete_confirmation(cell, doc) -> None:
    """The 🗑 button of a row: a popover that asks about this document and nothing else."""
    name = common.md_escape(doc.name)
    key = _confirm_key(doc.id)
    box = cell.popover("", icon=":material/delete:", help=f"Xóa {name}", key=key, on_change="rerun")
    if not box.open:  # the question is only there while it is open, bound to this document's id
        return
    with box:
        st.markdown(f"Xóa **{name}** khỏi chỉ mục?")
        yes, no = st.columns(2)
        yes.button("Xóa", key=f"rm_{doc.id}", on_click=_remove, args=(doc.id, doc.name), type="primary",
                   width="stretch")
        no.button("Hủy", key=f"rm_cancel_{doc.id}", on_click=_close_confirmations, width="stretch")


def _upload_section() -> None:
    st.markdown("#### Thêm tài liệu")
    st.caption("Báo cáo các năm trước, kế hoạch, hướng dẫn… dạng DOCX, PDF, TXT hoặc MD; chọn được nhiều tệp "
               "cùng lúc. Văn bản gõ bằng phông cũ (TCVN3, VNI) được chuyển sang Unicode.")
    counter = st.session_state.setdefault("upload_round", 0)
    files = st.file_uploader("Chọn tệp", type=UPLOAD_TYPES, accept_multiple_files=True,
                             key=f"uploads_{counter}")
    kind = st.selectbox("Loại tài liệu", UPLOAD_KINDS, index=UPLOAD_KINDS.index("report"), format_func=_kind_label,
                        key="upload_kind")
    replace = st.checkbox("Thay thế tài liệu cùng tên đã có", key="upload_replace",
                          help="Mặc định, tệp trùng tên nhưng khác nội dung (ví dụ báo cáo của năm khác) được thêm "
                               "thành tài liệu riêng. Chọn ô này để thay tài liệu cũ bằng tệp mới.")
    if st.button("Thêm vào chỉ mục", icon=":material/upload_file:", type="primary", disabled=not files, key="upload_go"):
        st.session_state["upload_results"] = _ingest(files, kind, replace)
        st.session_state["upload_round"] = counter + 1
        st.rerun()
    for name, level, message, warnings in st.session_state.get("upload_results", []):
        getattr(st, level)(common.md_escape(message))
        if warnings:
            with st.expander(f"Lưu ý khi đọc {common.md_escape(name)} ({len(warnings)})"):
                st.markdown("\n".join(f"- {common.md_escape(w)}" for w in warnings))


def _docs_section() -> None:
    docs = common.kb().docs()
    st.markdown(f"#### Tài liệu đã lập chỉ mục ({len(docs)})")
    if msg := st.session_state.pop("docs_flash", None):
        st.success(common.md_escape(msg))
    notices = common.kb().notices  # what the start-up check of the vector store did: said once
    while notices:
        st.info(common.md_escape(notices.pop(0)))
    if not docs:
        st.info("Chưa có tài liệu nào.")
        return
    _sample_note(docs)
    head = st.columns([6, 2, 2, 2, 1])
    for col, title in zip(head, ["Tên tệp", "Loại", "Số đoạn", "Dung lượng"]):
        col.markdown(f"**{title}**")
    repeated = {n for n, count in Counter(d.name for d in docs).items() if count > 1}
    for d in docs:
        with st.container():
            c = st.columns([6, 2, 2, 2, 1], vertical_alignment="center")
            c[0].markdown(common.md_escape(d.name)
                          + (f"  \n:gray[{common.md_escape(_where(d))}]" if d.name in repeated else "")
                          + ("  \n:orange-badge[:material/science: dữ liệu mẫu]" if d.kind == SAMPLE_KIND else ""))
            c[1].markdown(_kind_label(d.kind))
            c[2].markdown(str(d.chunks))
            c[3].markdown(common.human_size(d.size))
            _delete_confirmation(c[4], d)
            if d.warnings:
                with c[0].expander(f"{len(d.warnings)} lưu ý"):
                    st.markdown("\n".join(f"- {common.md_escape(w)}" for w in d.warnings))


def _where(doc) -> str:
    """What tells a document from others of the same name: its folder, else when it was added."""
    added = doc.added[:16].replace("T", " ")
    try:
        added = datetime.fromisoformat(doc.added).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        pass
    return f"thư mục {doc.origin} · thêm {added}" if doc.origin else f"tải lên {added}"


def _sample_note(docs) -> None:
    """The bundled sample report: what it is, that it stops counting once the unit has a document, and
    a one-click removal."""
    samples = [d for d in docs if d.kind == SAMPLE_KIND]
    if not samples:
        return
    own = not unit_documents(common.kb())[1]
    with st.container(border=True):
        st.markdown(":orange-badge[:material/science: dữ liệu mẫu] Báo cáo mẫu của một trường giả định (số liệu "
                    "bịa), kèm theo để xem thử bản nháp khi đơn vị chưa có tài liệu.")
        st.caption("Đơn vị đã có tài liệu riêng: dữ liệu mẫu không còn được dùng khi soạn." if own else
                   "Khi đơn vị thêm báo cáo của mình, dữ liệu mẫu không bao giờ được dùng nữa.")
        for d in samples:
            st.button("Xóa dữ liệu mẫu", key=f"rm_sample_{d.id}", on_click=_remove, args=(d.id, d.name),
                      icon=":material/delete:")


def _set_outline(upload) -> None:
    ws, s = common.ws(), common.settings()
    name = common.safe_name(upload.name)
    path = common.save_upload(upload.getvalue(), name, subdir="outlines")
    try:
        _, msg = services.set_outline(ws, s, path, name)
    except (OutlineError, WorkspaceError) as exc:
        st.session_state["outline_flash"] = ("error", str(exc))
        return
    finally:
        common.remove_upload(path)
    st.session_state["outline_flash"] = ("success", msg)
    st.session_state.pop("section_pick", None)


def _reset_outline() -> None:
    common.ws().reset_outline()
    st.session_state["outline_flash"] = ("success", "Đã quay lại đề cương kèm theo.")
    st.session_state.pop("section_pick", None)


def _outline_section() -> None:
    ws = common.ws()
    st.markdown("#### Đề cương báo cáo")
    source = ws.outline_source()
    try:
        count = len(workspace_outline(ws, common.settings()))
    except OutlineError:
        count = 0
    st.caption(f"Đang dùng: {common.md_escape(source) if source else 'đề cương kèm theo'} ({count} mục). "
               "Có thể thay bằng đề cương riêng của cấp trên (DOCX/TXT/MD/PDF có đánh số Phần, I., 1., a)).")
    if flash := st.session_state.pop("outline_flash", None):
        getattr(st, flash[0])(common.md_escape(flash[1]))
    upload = st.file_uploader("Tệp đề cương", type=UPLOAD_TYPES, key="outline_upload")
    c1, c2 = st.columns(2)
    if c1.button("Dùng đề cương này", disabled=upload is None, key="outline_go"):
        _set_outline(upload)
        st.rerun()
    if source:
        c2.button("Quay lại đề cương kèm theo", on_click=_reset_outline, key="outline_reset")


def render() -> None:
    st.markdown("### Tài liệu")
    left, right = st.columns([3, 2], gap="large")
    with left:
        _docs_section()
    with right:
        _upload_section()
        st.divider()
        _outline_section()
