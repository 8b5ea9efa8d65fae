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


# --- the profile form ---------------------------------------------------------------------------
# Plain widgets, not an st.form: what the user types reaches the server when a box is left, so
# «Tạo tệp DOCX» can save it first. Typed-but-unsaved values live in `pf_edits` (a plain session key,
# which Streamlit keeps when the user visits another page); a field the user did not touch shows the
# saved profile, also after it was changed elsewhere (the command line, another tab).
EDITS = "pf_edits"
SHOWN = "pf_shown"  # the saved profile as the form last showed it
FORMAT_PICK = "export_format_pick"  # (the profile's issuer when the user picked, the format picked)
BUILD_NOTE = "export_build_note"  # what «Tạo tệp DOCX» did with unsaved edits: ("saved" | "refused", text)
PROFILE_LABELS = {"issuer": "Thể thức", **{key: label for key, label, _ in FIELDS}, "date": "Ngày ban hành",
                  "recipients": "Nơi nhận"}


def _show(key: str, value) -> None:
    """Put a value in a widget, only when it differs: a value sent again would overwrite whatever the
    user is typing in that box at this moment."""
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value


def _shown(p) -> dict:
    """The saved profile as the form's widgets hold it (a date, one recipient a line)."""
    try:
        day = date.fromisoformat(p.date) if p.date else None
    except ValueError:
        day = None
    return {"issuer": p.issuer if p.issuer in ISSUERS else "state", **{key: getattr(p, key) for key, _, _ in FIELDS},
            "date": day, "recipients": "\n".join(p.recipients)}


def _stored(field: str, value):
    """A form value as the profile stores it."""
    if field == "date":
        return value.isoformat() if value else ""
    if field == "recipients":
        return (value or "").replace("\n", ";")
    return value


def _edited(*fields: str) -> None:
    """Boxes were changed: keep their values as unsaved edits. A box differs from the profile as the
    form last showed it, not as saved now: a box the user did not touch must not undo a change made
    elsewhere since (the command line, another tab)."""
    saved = st.session_state.get(SHOWN) or _shown(common.ws().profile())
    edits = st.session_state.setdefault(EDITS, {})
    for field in fields:
        key = f"pf_{field}"
        if key not in st.session_state:  # the form was not shown in this session yet
            continue
        if st.session_state[key] == saved[field]:
            edits.pop(field, None)
        else:
            edits[field] = st.session_state[key]


def _pending() -> dict:
    """The unsaved edits, as profile values."""
    return {field: _stored(field, value) for field, value in st.session_state.get(EDITS, {}).items()}


def _save_pending() -> str:
    """Save what the form shows and is not saved yet (validated all together); returns an error
    message or "". The boxes are read here, not only through their own callbacks: a box left by
    clicking a button arrives in the same rerun as the click, in no fixed order."""
    _edited(*PROFILE_LABELS)
    pending = _pending()
    if not pending:
        return ""
    try:
        common.ws().set_profile(**pending)
    except WorkspaceError as exc:
        return str(exc)
    st.session_state[EDITS] = {}
    return ""


def _save_profile() -> None:
    error = _save_pending()
    st.session_state["profile_flash"] = ("error", error) if error else ("success", "Đã lưu hồ sơ đơn vị.")


def _profile_form(p) -> str:
    """The unit profile; returns the issuer it shows (saved, or the user's unsaved choice)."""
    shown = _shown(p)
    st.session_state[SHOWN] = shown
    edits = st.session_state.setdefault(EDITS, {})
    for field in [f for f, value in edits.items() if value == shown[f]]:  # saved meanwhile, here or elsewhere
        del edits[field]
    for field, value in shown.items():  # before the widgets: each shows the edit, else the saved value
        _show(f"pf_{field}", edits.get(field, value))
    st.markdown("#### Hồ sơ đơn vị")
    st.radio("Thể thức", list(ISSUERS), format_func=ISSUERS.get, horizontal=True, key="pf_issuer",
             on_change=_edited, args=("issuer",))
    cols = st.columns(2)
    for i, (key, label, help_text) in enumerate(FIELDS):
        cols[i % 2].text_input(label, help=help_text, key=f"pf_{key}", on_change=_edited, args=(key,))
    cols[0].date_input("Ngày ban hành", format="DD/MM/YYYY", key="pf_date", on_change=_edited, args=("date",))
    cols[1].text_area("Nơi nhận (mỗi dòng một nơi)", height=100, key="pf_recipients", on_change=_edited,
                      args=("recipients",))
    c1, c2 = st.columns([1, 2], vertical_alignment="center")
    c1.button("Lưu hồ sơ", icon=":material/save:", type="primary", on_click=_save_profile, key="pf_save")
    if edits:
        c2.caption(f"Chưa lưu: {common.md_escape(', '.join(PROFILE_LABELS[f] for f in edits))}. "
                   "«Tạo tệp DOCX» cũng lưu các thay đổi này trước khi tạo tệp.")
    if flash := st.session_state.pop("profile_flash", None):
        getattr(st, flash[0])(common.md_escape(flash[1]))
    return edits.get("issuer", shown["issuer"])


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
    return repr((accepted, drafts, ws.profile_dict(), _pending(), fmt, include_drafts, citations, force))


def _sample_warning() -> None:
    sample = services.sample_citations(common.ws().accepted_all())
    if sample:
        st.warning(f"**Có mục đã duyệt trích dẫn dữ liệu mẫu** (báo cáo của một trường giả định, không phải tài "
                   f"liệu của đơn vị): {common.md_escape(', '.join(sample))}. Hãy thêm báo cáo của đơn vị ở trang "
                   "Tài liệu, soạn lại và duyệt lại các mục này trước khi xuất.", icon=":material/science:")


def _format_box(col, issuer: str) -> str:
    """The file's «Thể thức»: the profile's, unless the user picked another one here; such a pick is
    kept only while the profile's issuer stays what it was when they picked it."""
    pick = st.session_state.get(FORMAT_PICK)
    if pick and pick[0] != issuer:
        st.session_state.pop(FORMAT_PICK, None)
        pick = None
    _show("export_format", pick[1] if pick else issuer)
    return col.selectbox("Thể thức", list(ISSUERS), format_func=ISSUERS.get, key="export_format",
                         on_change=_pick_format, args=(issuer,))


def _pick_format(issuer: str) -> None:
    fmt = st.session_state.get("export_format")
    if fmt == issuer:
        st.session_state.pop(FORMAT_PICK, None)
    else:
        st.session_state[FORMAT_PICK] = (issuer, fmt)


def _before_build() -> None:
    """«Tạo tệp DOCX» builds what the form shows: unsaved profile edits are saved first (validated)."""
    st.session_state.pop(BUILD_NOTE, None)
    _edited(*PROFILE_LABELS)
    had_edits = bool(st.session_state.get(EDITS))
    if error := _save_pending():
        st.session_state[BUILD_NOTE] = ("refused", f"Chưa tạo tệp: hồ sơ đơn vị chưa lưu được. {error}")
    elif had_edits:
        st.session_state[BUILD_NOTE] = ("saved", "Đã lưu hồ sơ trước khi tạo tệp.")


def _download(sections, issuer: str) -> None:
    st.markdown("#### Tải báo cáo DOCX")
    c1, c2 = st.columns(2)
    fmt = _format_box(c1, issuer)
    citations = c2.selectbox("Trích dẫn nguồn", list(CITATIONS), key="export_citations", format_func=CITATIONS.get)
    include_drafts = st.checkbox("Đưa cả các mục chưa duyệt (bản nháp, có đánh dấu [BẢN NHÁP])",
                                 key="export_drafts")
    force = False
    if fmt != issuer:
        st.warning(f"Hồ sơ đơn vị ghi thể thức **{ISSUERS[issuer]}**, còn ở đây đang chọn "
                   f"**{ISSUERS[fmt]}**: phần đầu, số và ký hiệu, chữ ký sẽ theo thể thức đã chọn. Nếu đơn vị "
                   "thuộc khối kia, hãy sửa «Thể thức» trong Hồ sơ đơn vị.", icon=":material/rule:")
        force = st.checkbox(f"Tôi xác nhận xuất theo thể thức {ISSUERS[fmt]}", key="export_force")
    signature = _signature(sections, fmt, include_drafts, citations, force)
    if st.session_state.get("export_signature") != signature:  # a stale file is never offered
        st.session_state.pop("export_result", None)
    if st.button("Tạo tệp DOCX", icon=":material/description:", type="primary", key="export_go",
                 on_click=_before_build, disabled=fmt != issuer and not force):
        note = st.session_state.pop(BUILD_NOTE, None)
        if note and note[0] == "refused":
            st.session_state["export_result"] = (None, [], note[1])
        else:
            if note:
                st.toast(note[1], icon=":material/save:")
            with st.spinner("Đang tạo báo cáo…"):
                _export(sections, fmt, include_drafts, citations, force)
        st.session_state["export_signature"] = signature
    data, warnings, error = st.session_state.get("export_result", (None, [], ""))
    if error:
        st.error(error)
    if data:
        st.download_button("Tải xuống bao-cao-tong-ket.docx", data, icon=":material/download:",
                           file_name="bao-cao-tong-ket.docx",
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           key="export_download", on_click="ignore")
        if warnings:
            with st.expander(f"Lưu ý khi xuất ({len(warnings)})", icon=":material/warning:"):
                for w in warnings:
                    st.warning(common.md_escape(w))


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
        issuer = _profile_form(common.ws().profile())
        st.divider()
        _coverage(sections)
    with right:
        _download(sections, issuer)
        st.markdown("#### Xem trước")
        _preview(sections, include_drafts=st.session_state.get("export_drafts", False))
