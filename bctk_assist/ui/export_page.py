"""Xuất báo cáo: the unit profile, a coverage checklist, a preview and the DOCX download."""
from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import streamlit as st

from bctk_assist import services
from bctk_assist.export import ExportError, export_report
from bctk_assist.outline import OutlineError, draftable, tidy, workspace_outline
from bctk_assist.ui import common
from bctk_assist.workspace import STATUS_ACCEPTED, STATUS_DRAFT, STATUS_EMPTY, WorkspaceError

ISSUERS = {"party": "Đảng (Hướng dẫn 36-HD/VPTW)", "state": "Nhà nước (Nghị định 30/2020/NĐ-CP)"}
FIELDS = [  # key, label, help
    ("unit", "Tên đơn vị ban hành", "Ví dụ: Chi bộ Trường Tiểu học Hòa An / Trường Tiểu học Hòa An"),
    ("parent", "Cơ quan cấp trên", "Ví dụ: Đảng bộ xã Hòa An / Phòng GD&ĐT huyện An Thành"),
    ("unit_abbr", "Chữ viết tắt tên đơn vị", "Đảng: CB (Số 12-BC/CB); Nhà nước: THHA (Số: 12/BC-THHA)"),
    ("number", "Số báo cáo", "Ví dụ: 12"),
    ("place", "Địa danh", "Ví dụ: Hòa An"),
    ("sign_for", "Ký thay mặt (tập thể)", "Ví dụ: CHI BỘ; để trống khi người đứng đầu ký trực tiếp"),
    ("signer_title", "Chức vụ người ký", "Ví dụ: BÍ THƯ / HIỆU TRƯỞNG"),
    ("signer_name", "Họ tên người ký", "Ví dụ: Nguyễn Thị Lan"),
    ("kinh_gui", "Kính gửi", "Cơ quan nhận báo cáo, in dưới trích yếu (văn bản hành chính). Ví dụ: Phòng Giáo dục "
     "và Đào tạo huyện An Thành; nhiều nơi cách nhau bằng dấu ;"),
]
CITATIONS = {"strip": "Bỏ các dấu [n] (bản sạch)", "footnote": "Chú thích cuối trang ghi nguồn",
             "endnotes": "Giữ [n], danh mục «Tài liệu trích dẫn» cuối báo cáo"}


def _profile_form() -> None:
    ws = common.ws()
    p = ws.profile()
    with st.form("profile_form"):
        st.markdown("#### Hồ sơ đơn vị")
        issuer = st.radio("Thể thức", list(ISSUERS), format_func=ISSUERS.get,
                          index=list(ISSUERS).index(p.issuer) if p.issuer in ISSUERS else 1, horizontal=True)
        values = {"issuer": issuer}
        cols = st.columns(2)
        for i, (key, label, help_text) in enumerate(FIELDS):
            values[key] = cols[i % 2].text_input(label, value=getattr(p, key), help=help_text, key=f"pf_{key}")
        try:
            current = date.fromisoformat(p.date) if p.date else None
        except ValueError:
            current = None
        picked = cols[0].date_input("Ngày ban hành", value=current, format="DD/MM/YYYY", key="pf_date")
        values["date"] = picked.isoformat() if picked else ""
        values["recipients"] = cols[1].text_area("Nơi nhận (mỗi dòng một nơi)", value="\n".join(p.recipients),
                                                 height=100, key="pf_recipients").replace("\n", ";")
        if st.form_submit_button("Lưu hồ sơ", icon=":material/save:", type="primary"):
            try:
                ws.set_profile(**values)
                st.success("Đã lưu hồ sơ đơn vị.")
            except WorkspaceError as exc:
                st.error(str(exc))


def _coverage(sections) -> None:
    ws = common.ws()
    statuses = ws.statuses()
    accepted = ws.accepted_all()
    work = draftable(sections)
    rows = []
    for s in work:
        status = statuses.get(s.id, STATUS_EMPTY)
        record = accepted.get(s.id) or (ws.latest_draft(s.id) if status == STATUS_DRAFT else None)
        rows.append({"Mục": s.id, "Tiêu đề": tidy(f"{s.label} {s.title}")[:90],
                     "Trạng thái": status,
                     "Cần bổ sung": str(len(record.gaps)) if record else "—",  # not "None"
                     "Số liệu chưa kiểm chứng": str(len(record.unverified_numbers)) if record else "—"})
    done = sum(1 for s in work if statuses.get(s.id) == STATUS_ACCEPTED)
    st.markdown(f"#### Mức độ hoàn thành: {done}/{len(work)} mục đã duyệt")
    st.progress(done / max(len(work), 1))
    st.dataframe(rows, hide_index=True, width="stretch")
    _criteria(sections, accepted)


def _criteria(sections, accepted) -> None:
    """The guidance criteria: which already have accepted text, which are still missing."""
    try:
        rows = services.criteria_coverage(common.kb(), sections, list(accepted))
    except Exception:  # the checklist is a help, never a reason the export page fails
        return
    if not rows:
        return
    missing = [r for r in rows if not r["covered"]]
    st.markdown(f"#### Tiêu chí hướng dẫn: {len(rows) - len(missing)}/{len(rows)} đã có nội dung")
    st.dataframe([{"Tiêu chí": r["criterion"], "Nội dung": " ".join(r["quote"].split())[:110],
                   "Mục trả lời": ", ".join(r["sections"]),
                   "Tình trạng": "đã có nội dung" if r["covered"] else "còn thiếu"} for r in rows],
                 hide_index=True, width="stretch")


def _preview(sections, include_drafts: bool) -> None:
    ws = common.ws()
    accepted = ws.accepted_all()
    shown = 0
    with st.container(height=500, border=True):
        for s in sections:
            record = accepted.get(s.id) or (ws.latest_draft(s.id) if include_drafts else None)
            if record:
                shown += 1
                st.markdown(f"**{common.md_escape(tidy(f'{s.label} {s.title}'))}**")
                if s.id not in accepted:
                    st.caption("[BẢN NHÁP]")
                st.markdown(common.md_escape(record.text))
        if not shown:
            st.caption("Chưa có mục nào được duyệt. Duyệt các mục ở trang Soạn thảo; báo cáo gồm các mục đã duyệt "
                       "theo thứ tự đề cương.")


def _export(sections, fmt: str, include_drafts: bool, citations: str, force: bool) -> None:
    out_dir = Path(common.settings().home) / "exports"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        path = Path(tmp) / "bao-cao-tong-ket.docx"
        try:
            warnings = export_report(path, common.ws(), sections, format=fmt, include_drafts=include_drafts,
                                     citations=citations, force=force)
        except ExportError as exc:
            st.session_state["export_result"] = (None, [], str(exc))
            return
        except Exception as exc:  # the page keeps working
            st.session_state["export_result"] = (None, [], f"Không xuất được báo cáo: {exc}")
            return
        st.session_state["export_result"] = (path.read_bytes(), warnings, "")


def _signature(sections, fmt: str, include_drafts: bool, citations: str, force: bool) -> str:
    """What the file depends on: accepted versions (and latest drafts when included), profile, options."""
    ws = common.ws()
    accepted = sorted((sid, r.version) for sid, r in ws.accepted_all().items())
    drafts = [(s.id, getattr(ws.latest_draft(s.id), "version", 0)) for s in sections] if include_drafts else []
    return repr((accepted, drafts, ws.profile_dict(), fmt, include_drafts, citations, force))


def _sample_warning() -> None:
    sample = services.sample_citations(common.ws().accepted_all())
    if sample:
        st.warning(f"**Có mục đã duyệt trích dẫn dữ liệu mẫu** (báo cáo của một trường giả định, không phải tài "
                   f"liệu của đơn vị): {common.md_escape(', '.join(sample))}. Hãy thêm báo cáo của đơn vị ở trang "
                   "Tài liệu, soạn lại và duyệt lại các mục này trước khi xuất.", icon=":material/science:")


def render() -> None:
    st.markdown("### Xuất báo cáo")
    try:
        sections = workspace_outline(common.ws(), common.settings())
    except OutlineError as exc:
        st.error(str(exc))
        return
    _sample_warning()
    left, right = st.columns([1, 1], gap="large")
    with left:
        _profile_form()
        st.divider()
        _coverage(sections)
    with right:
        st.markdown("#### Tải báo cáo DOCX")
        profile = common.ws().profile()
        c1, c2 = st.columns(2)
        # Keyed by the saved issuer: the box follows the profile when «Thể thức» is saved there.
        fmt = c1.selectbox("Thể thức", list(ISSUERS), format_func=ISSUERS.get,
                           index=list(ISSUERS).index(profile.issuer) if profile.issuer in ISSUERS else 1,
                           key=f"export_format_{profile.issuer}")
        citations = c2.selectbox("Trích dẫn nguồn", list(CITATIONS), key="export_citations",
                                 format_func=CITATIONS.get)
        include_drafts = st.checkbox("Đưa cả các mục chưa duyệt (bản nháp, có đánh dấu [BẢN NHÁP])",
                                     key="export_drafts")
        force = False
        if profile.issuer in ISSUERS and fmt != profile.issuer:
            st.warning(f"Hồ sơ đơn vị ghi thể thức **{ISSUERS[profile.issuer]}**, còn ở đây đang chọn "
                       f"**{ISSUERS[fmt]}**: phần đầu, số và ký hiệu, chữ ký sẽ theo thể thức đã chọn. Nếu đơn vị "
                       "thuộc khối kia, hãy sửa «Thể thức» trong Hồ sơ đơn vị.", icon=":material/rule:")
            force = st.checkbox(f"Tôi xác nhận xuất theo thể thức {ISSUERS[fmt]}", key="export_force")
        signature = _signature(sections, fmt, include_drafts, citations, force)
        if st.session_state.get("export_signature") != signature:  # a stale file is never offered
            st.session_state.pop("export_result", None)
        if st.button("Tạo tệp DOCX", icon=":material/description:", type="primary", key="export_go",
                       disabled=profile.issuer in ISSUERS and fmt != profile.issuer and not force):
            with st.spinner("Đang tạo báo cáo…"):
                _export(sections, fmt, include_drafts, citations, force)
            st.session_state["export_signature"] = signature
        data, warnings, error = st.session_state.get("export_result", (None, [], ""))
        if error:
            st.error(error)
        if data:
            st.download_button("Tải xuống bao-cao-tong-ket.docx", data, icon=":material/download:", file_name="bao-cao-tong-ket.docx",
                               mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                               key="export_download", on_click="ignore")
            if warnings:
                with st.expander(f"Lưu ý khi xuất ({len(warnings)})", icon=":material/warning:"):
                    for w in warnings:
                        st.warning(common.md_escape(w))
        st.markdown("#### Xem trước")
        _preview(sections, include_drafts)
