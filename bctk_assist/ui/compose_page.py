"""Soạn thảo (home): the outline with each section's state, and for the chosen section its
requirements, its material (the facts the fact map placed in it, to move or drop), a chat, the
unit's notes and the draft editor (versions, diff, citations, accept)."""
from __future__ import annotations

import re

import streamlit as st

from bctk_assist import composer, factmap, qa, services, textvi
from bctk_assist.facts import KIND_NAMES as FACT_KINDS
from bctk_assist.grounding import PLACEHOLDER_RE
from bctk_assist.index import KIND_NAMES
from bctk_assist.outline import OutlineError, Section, ancestor_titles, draftable, tidy, workspace_outline
from bctk_assist.ui import autosave, common
from bctk_assist.workspace import STATUS_ACCEPTED, STATUS_DRAFT, STATUS_EMPTY, VersionConflict, WorkspaceError

_GAP = PLACEHOLDER_RE
_REVISE = re.compile(r"rút gọn|ngắn (hơn|lại|gọn)|thêm|bổ sung|sửa|viết lại|diễn đạt|\bbỏ\b|xóa|xoá|mở rộng|"
                     r"chi tiết hơn|trang trọng|chỉnh|thay\b|đổi\b")
_SEARCH = re.compile(r"^(tìm kiếm|tìm|tra cứu|tra)\s*:?\s*")
_DRAFT = re.compile(r"\b(soạn|viết|lập|thảo)\b")
_ASK_SECTION = re.compile(r"yêu cầu|cần (nêu|viết|có|trình bày)|gồm (những )?gì|hướng dẫn|nội dung gì")
TAB_CHAT = ":material/chat: Trò chuyện"
TAB_REQUIREMENTS = ":material/checklist: Yêu cầu của mục"
TAB_FACTS = ":material/library_books: Tư liệu của mục"
TAB_NOTES = ":material/sticky_note_2: Ghi chú của đơn vị"
NEXT_DRAFT = "Lần «Soạn bản nháp» tới sẽ dùng thay đổi này."
CURRENT_SECTION = "current_section"  # plain session state: survives visits to other pages
EDITOR_LABEL = "Nội dung bản nháp"
UNPLACED_SHOWN = 30  # the unplaced list shows this many at a time (a filter finds the rest)


# --- outline in the sidebar ------------------------------------------------------------------

def sentence_case(title: str) -> str:
    """An all-caps heading in sentence case for lists; symbols like 20-CT/TW keep their capitals."""
    if not title.isupper():
        return title
    words = title.split()
    return " ".join(w if (any(ch.isdigit() or ch == "/" for ch in w)) else
                    (w.capitalize() if i == 0 else w.lower()) for i, w in enumerate(words))


def _short_title(section: Section, width: int = 52) -> str:
    title = sentence_case(tidy(section.title))
    return title if len(title) <= width else title[:width - 1].rstrip() + "…"


def _pick_section(sections: list[Section], statuses: dict[str, str]) -> Section:
    ids = [s.id for s in sections]
    by_id = {s.id: s for s in sections}
    if "section_pick" not in st.session_state or st.session_state["section_pick"] not in by_id:
        # The radio's own state is dropped while another page is shown: the URL (a reload, a shared
        # link) or the section last open in this session brings the user back where she was.
        wanted = [st.query_params.get("muc"), st.session_state.get(CURRENT_SECTION)]
        st.session_state["section_pick"] = next((w for w in wanted if w in by_id), draftable(sections)[0].id)
    work = draftable(sections)
    done = sum(1 for s in work if statuses.get(s.id) == STATUS_ACCEPTED)
    drafted = sum(1 for s in work if statuses.get(s.id) == STATUS_DRAFT)
    depth = {}
    for s in sections:
        depth[s.id] = depth.get(s.parent, -1) + 1 if s.parent else 0
    unsaved = common.ws().working_copy_ids()
    with st.sidebar:
        st.markdown("### Đề cương báo cáo")
        st.progress(done / max(len(work), 1), text=f"Đã duyệt {done}/{len(work)} mục · {drafted} bản nháp")
        st.caption(" · ".join(f"{icon} {name}" for name, icon in common.STATUS_ICONS.items())
                   + (" · :orange[:material/history:] đang soạn dở, chưa lưu" if unsaved else ""))

        def label(sid: str) -> str:
            s = by_id[sid]
            icon = common.STATUS_ICONS[statuses.get(sid, STATUS_EMPTY)]
            indent = "\u2003" * depth[sid]
            mark = " :orange[:material/history:]" if sid in unsaved else ""  # typed, not yet saved
            return f"{indent}{icon} {common.md_escape(f'{s.label} {_short_title(s)}'.strip())}{mark}"

        st.radio("Chọn mục để soạn", ids, key="section_pick", format_func=label, label_visibility="collapsed")
    sid = st.session_state["section_pick"]
    st.session_state[CURRENT_SECTION] = sid
    if st.query_params.get("muc") != sid:
        st.query_params["muc"] = sid
    return by_id[sid]


# --- actions (each saves to the workspace at once) -------------------------------------------

def _flash(kind: str, text: str) -> None:
    st.session_state["flash"] = (kind, text)


def _show_flash() -> None:
    kind, text = st.session_state.pop("flash", (None, None))
    if kind:
        getattr(st, kind)(text)


def _save_notes(sid: str) -> None:
    try:
        common.ws().set_notes(sid, st.session_state.get(f"notes_{sid}", ""))
        st.toast("Đã lưu ghi chú.")
    except WorkspaceError as exc:
        _flash("error", str(exc))


def _sync_notes(sid: str) -> str:
    """Notes typed but not yet saved (the box loses focus only later) are saved before use."""
    ws = common.ws()
    typed = st.session_state.get(f"notes_{sid}")
    if typed is not None and typed != ws.notes(sid):
        ws.set_notes(sid, typed)
    return ws.notes(sid)


def _editor_key(sid: str, version: int) -> str:
    return f"edit_{sid}_{version}"


def _seen(sid: str, version: int) -> int:
    """The newest version there was when the editor of `version` was opened: a save or accept that
    finds a newer one is a conflict (another tab, person or command saved meanwhile)."""
    return st.session_state.get(f"seen_{sid}_{version}", version)


def _keep_typing(sid: str, text: str, version: int, seen: int) -> None:
    """Keep what the editor holds as the section's working copy (or end it when it is the version's text)."""
    ws = common.ws()
    base = ws.draft(sid, version)
    st.session_state[f"autosaved_{sid}"] = text
    if base is not None and text.strip() == base.text.strip():
        ws.discard_working_copy(sid)
    elif text.strip():
        ws.set_working_copy(sid, text, version, seen)


def _autosaved(sid: str) -> None:
    typed = autosave.typed(f"autosave_{sid}")
    if typed and typed.get("sid") == sid:
        _keep_typing(sid, textvi.nfc(typed["text"]), int(typed["version"]), int(typed["seen"]))


def _editor_changed(sid: str, version: int) -> None:
    _keep_typing(sid, textvi.nfc(st.session_state.get(_editor_key(sid, version), "")), version, _seen(sid, version))


def _conflict(sid: str, text: str, version: int, seen: int, action: str, exc: VersionConflict) -> None:
    """Nothing was written: keep her text (working copy) and ask her to choose."""
    common.ws().set_working_copy(sid, text, version, seen)
    st.session_state[f"conflict_{sid}"] = {"text": text, "base": version, "action": action}
    _flash("warning", str(exc))


def _save_edit(section: Section, sections: list[Section], version: int) -> None:
    ws = common.ws()
    sid = section.id
    text = textvi.nfc(st.session_state.get(_editor_key(sid, version), ""))
    base = ws.draft(sid, version)
    if base is None:
        return
    if text.strip() == base.text.strip():
        ws.discard_working_copy(sid)
        _flash("info", "Nội dung không thay đổi so với phiên bản đang xem; không tạo phiên bản mới.")
        return
    if not text.strip():
        _flash("error", "Nội dung đang trống; không lưu.")
        return
    seen = _seen(sid, version)
    try:
        record = services.save_edit(ws, sections, section, text, base, expect_latest=seen)
    except VersionConflict as exc:
        _conflict(sid, text, version, seen, "save", exc)
        return
    except WorkspaceError as exc:
        _flash("error", str(exc))
        return
    st.session_state[f"goto_latest_{sid}"] = True
    _flash("success", f"Đã lưu bản sửa thành phiên bản {record.version}.")


def _accept(section: Section, sections: list[Section], version: int) -> None:
    sid = section.id
    text = st.session_state.get(_editor_key(sid, version))
    seen = _seen(sid, version)
    try:
        record = services.accept(common.ws(), sections, section, version=version, text=text, expect_latest=seen)
    except VersionConflict as exc:
        _conflict(sid, textvi.nfc(text or ""), version, seen, "accept", exc)
        return
    except WorkspaceError as exc:
        _flash("error", str(exc))
        return
    _accepted_message(sid, record)


def _accepted_message(sid: str, record) -> None:
    st.session_state[f"ver_{sid}"] = record.version  # the editor shows what was accepted
    message = f"Đã duyệt mục {sid}: phiên bản {record.version}, đúng nội dung trong ô soạn thảo."
    if record.unverified_numbers:
        _flash("warning", message + " Lưu ý: có số liệu chưa kiểm chứng được: "
               + ", ".join(record.unverified_numbers) + ".")
        return
    _flash("success", message)


def _keep_mine(section: Section, sections: list[Section], current: int) -> None:
    """After a conflict: her text becomes a new version (accepted if she was accepting), on top of `current`."""
    ws = common.ws()
    sid = section.id
    c = st.session_state.get(f"conflict_{sid}")
    if not c:
        return
    try:
        if c["action"] == "accept":
            record = services.accept(ws, sections, section, version=c["base"], text=c["text"], expect_latest=current)
        else:
            record = services.save_edit(ws, sections, section, c["text"], ws.draft(sid, c["base"]),
                                        expect_latest=current)
    except VersionConflict as exc:
        _conflict(sid, c["text"], c["base"], current, c["action"], exc)  # moved on once more: choose again
        return
    except WorkspaceError as exc:
        _flash("error", str(exc))
        return
    st.session_state.pop(f"conflict_{sid}", None)
    if c["action"] == "accept":
        _accepted_message(sid, record)  # shows the accepted version, which may not be the newest
    else:
        st.session_state[f"goto_latest_{sid}"] = True
        _flash("success", f"Đã lưu nội dung của bạn thành phiên bản {record.version}; phiên bản {current} vẫn được giữ.")


def _take_theirs(sid: str, current: int) -> None:
    common.ws().discard_working_copy(sid)
    c = st.session_state.pop(f"conflict_{sid}", None) or {}
    st.session_state.pop(_editor_key(sid, c.get("base", current)), None)
    st.session_state.pop(f"autosaved_{sid}", None)
    st.session_state[f"goto_latest_{sid}"] = True
    _flash("info", f"Đã bỏ nội dung của bạn; đang xem phiên bản {current}.")


def _restore(sid: str) -> None:
    wc = common.ws().working_copy(sid)
    if wc is None:
        return
    st.session_state[f"ver_{sid}"] = wc.base_version
    st.session_state[_editor_key(sid, wc.base_version)] = wc.text
    st.session_state[f"seen_{sid}_{wc.base_version}"] = wc.seen_latest
    st.session_state[f"autosaved_{sid}"] = wc.text
    _flash("success", f"Đã khôi phục nội dung đang soạn dở (sửa từ phiên bản {wc.base_version}). "
                      "Bấm «Lưu bản sửa» hoặc «Duyệt» để giữ lại.")


def _discard(sid: str) -> None:
    common.ws().discard_working_copy(sid)
    _flash("info", "Đã bỏ nội dung đang soạn dở.")


def _unaccept(sid: str) -> None:
    common.ws().unaccept(sid)
    _flash("info", f"Đã bỏ duyệt mục {sid}; các phiên bản vẫn được giữ.")


# --- chat ------------------------------------------------------------------------------------

def _route(text: str) -> str:
    """Search first; a question goes to Q&A; anything else is first offered to services.chat_edit."""
    t = textvi.fold(text).strip()
    if _SEARCH.match(t):
        return "search"
    if t.endswith("?"):
        return "requirements" if _ASK_SECTION.search(t) else "ask"
    return "chat"


def _fallback(text: str, has_draft: bool, has_model: bool) -> str:
    """What a message chat_edit did not handle asks for."""
    t = textvi.fold(text).strip()
    if _REVISE.search(t) and (has_draft or not has_model):
        return "revise" if has_model else "help"
    if _DRAFT.search(t):
        return "draft"
    if _ASK_SECTION.search(t):
        return "requirements"
    return "ask"


def _sources(citations) -> str:
    lines = [f"[{c.n}] {c.doc} — {c.location}" for c in citations]
    return ("\n\nNguồn:\n" + "\n".join(lines)) if lines else ""


def _run_action(action: str, text: str, section: Section, sections: list[Section], out) -> str:
    """Do what the user asked; returns the assistant's reply (plain text). `out` shows streaming."""
    ws, kb = common.ws(), common.kb()
    sid = section.id
    model, name, model_error = common.chat_model()
    prefix = f"{model_error}\n\n" if model_error else ""
    streamed: list[str] = []

    def on_token(token: str) -> None:
        streamed.append(token)
        out.text("".join(streamed) + " ▌")

    if action == "chat":
        _sync_notes(sid)
        out.text("Đang xử lý…")
        reply = services.chat_edit(ws, kb, sections, section, text, llm=model, llm_name=name)
        if reply is not None:
            return reply
        action = _fallback(text, ws.latest_draft(sid) is not None, model is not None)
    if action == "help":
        return (prefix + "Chưa làm được yêu cầu này khi không có mô hình ngôn ngữ. " + services.CHAT_HELP
                + " Cũng có thể sửa trực tiếp trong ô soạn thảo rồi bấm «Lưu bản sửa», hoặc cấu hình mô hình "
                  "ở trang Cài đặt.")
    if action == "draft":
        _sync_notes(sid)
        out.text("Đang soạn bản nháp…" if model is None else f"Đang soạn bằng {name}…")
        d, record = services.draft(ws, kb, sections, section, llm=model, llm_name=name, on_token=on_token)
        reply = (f"Đã soạn phiên bản {record.version} (soạn bởi: {common.engine_label(d.engine)}): "
                 f"{len(d.citations)} trích dẫn, {len(d.gaps)} nội dung cần bổ sung, "
                 f"{len(d.unverified_numbers)} số liệu chưa kiểm chứng. Xem và sửa ở khung bản nháp.")
        return prefix + reply + "".join(f"\nLưu ý: {w}" for w in d.warnings)
    if action == "revise":
        if model is None or ws.latest_draft(sid) is None:
            return prefix + services.CHAT_HELP
        _sync_notes(sid)
        out.text(f"Đang chỉnh sửa bằng {name}…")
        d, record = services.revise(ws, sections, section, text, llm=model, llm_name=name, on_token=on_token)
        notes = "".join(f"\nLưu ý: {w}" for w in d.warnings)
        if record is None:
            return prefix + "Bản nháp được giữ nguyên." + notes
        return (prefix + f"Đã chỉnh sửa theo yêu cầu: phiên bản {record.version} (soạn bởi: "
                f"{common.engine_label(d.engine)})." + notes)
    if action == "search":
        query = re.sub(r"^(tìm kiếm|tìm|tra cứu|tra)\s*:?\s*", "", textvi.nfc(text).strip(), flags=re.I) or text
        hits = kb.search(query, k=5)
        if not hits:
            return f"Không tìm thấy đoạn nào phù hợp với “{query}”."
        lines = [f"Kết quả tìm “{query}”:"]
        for h in hits:
            snippet = " ".join(h.text.split())
            snippet = snippet if len(snippet) <= 280 else snippet[:277] + "…"
            lines.append(f"[{h.rank}] {h.doc} — {h.location} ({KIND_NAMES.get(h.kind, h.kind)}):\n{snippet}")
        return "\n\n".join(lines)
    if action == "requirements" and not qa.names_node(text, kb, sections):  # the open section itself
        answer = qa.section_answer(section, kb, sections, llm=model, llm_name=name)
    else:
        answer = qa.ask(text, kb, sections, llm=model, llm_name=name)
    return (prefix + answer.answer + _sources(answer.citations)
            + "".join(f"\nLưu ý: {w}" for w in answer.warnings))


def _chat(section: Section, sections: list[Section]) -> None:
    ws = common.ws()
    sid = section.id
    history = st.container(height=430, border=True)
    with history:
        messages = ws.messages(sid)
        if not messages:
            st.caption("Hãy bấm «Soạn bản nháp», hỏi «Mục này yêu cầu gì?» hoặc gõ «tìm: từ khóa» để tìm trong "
                       "tài liệu. Sửa bản nháp bằng lời, không cần mô hình ngôn ngữ: «soạn lại», «bỏ [3]», "
                       "«chuyển [3] sang mục II.4», «chỉ dùng báo cáo năm 2021», «rút gọn», «thêm: …». "
                       "Khi đã cấu hình mô hình, có thể yêu cầu sửa tự do (ví dụ «diễn đạt trang trọng hơn»).")
        for m in messages:
            with st.chat_message(m["role"], avatar=":material/person:" if m["role"] == "user" else ":material/edit_note:"):
                st.markdown(common.md_escape(m["content"]))
    c1, c2 = st.columns(2)
    action, text = None, ""
    if c1.button("Soạn bản nháp", icon=":material/edit:", key=f"draft_{sid}", type="primary", width="stretch"):
        action, text = "draft", "Soạn bản nháp cho mục này."
    if c2.button("Mục này yêu cầu gì?", icon=":material/help:", key=f"req_{sid}", width="stretch"):
        action, text = "requirements", "Mục này yêu cầu gì?"
    typed = st.chat_input("Nhập yêu cầu hoặc câu hỏi…", key=f"chat_{sid}")
    if typed and typed.strip():
        text = typed.strip()
        action = _route(text)
    if not action:
        return
    ws.add_message(sid, "user", text)  # saved before the work starts: never lost
    with history:
        with st.chat_message("user", avatar=":material/person:"):
            st.markdown(common.md_escape(text))
        with st.chat_message("assistant", avatar=":material/edit_note:"):
            out = st.empty()
            try:
                reply = _run_action(action, text, section, sections, out)
            except WorkspaceError as exc:
                reply = str(exc)
            except Exception as exc:  # the page keeps working; the user sees what failed
                reply = f"Có lỗi khi xử lý yêu cầu: {exc}"
    ws.add_message(sid, "assistant", reply)
    st.session_state[f"goto_latest_{sid}"] = True  # a version this tab asked for is shown
    st.rerun()


# --- requirements ----------------------------------------------------------------------------

def _requirements(section: Section, sections: list[Section]) -> None:
    st.markdown("**Các nội dung cần nêu** (theo đề cương)")
    items = section.items or [section.title]
    st.markdown("\n".join(f"- {common.md_escape(tidy(i))}" for i in items))
    criteria = qa.requirements(common.kb(), sections, section)  # the crosswalk, cached by index generation
    if not criteria:
        st.caption("Chưa xác định được tiêu chí hướng dẫn liên quan trong tài liệu đã lập chỉ mục.")
        return
    st.markdown("**Tiêu chí hướng dẫn liên quan** (bấm để xem nguyên văn)")
    for c in criteria:
        kind = KIND_NAMES.get(c.kind, c.kind).capitalize()
        where = ", ".join(x for x in (c.doc, c.location) if x)
        with st.expander(f"{kind} — {common.md_escape(c.ref)} · {common.md_escape(where)}"):
            st.markdown(common.md_escape(c.quote))


# --- the section's material: its share of the fact map ---------------------------------------

def _slot_value(section_id: str | None, item: int | None) -> str:
    return f"{section_id}|{'' if item is None else item}"


def _parse_slot(value: str) -> tuple[str, int | None]:
    section_id, _, item = value.partition("|")
    return section_id, int(item) if item else None


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _item_text(section: Section, item: int | None, width: int = 70) -> str:
    """What an outline item (or a section taken as a whole) is about, short."""
    raw = section.title if item is None or item >= len(section.items) else section.items[item]
    return _clip(sentence_case(factmap.focus(tidy(raw))).rstrip(";:. "), width)


def _slot_label(value: str, by_id: dict[str, Section]) -> str:
    """"P1.II.4 – nội dung 2: Việc đẩy mạnh xã hội hóa…" (items are counted from 1, as on paper)."""
    section_id, item = _parse_slot(value)
    section = by_id.get(section_id)
    if section is None:
        return section_id
    if item is None:
        return f"{section_id} – cả mục: {_item_text(section, None)}"
    return f"{section_id} – nội dung {item + 1}: {_item_text(section, item)}"


def _distinct(placed: list[services.PlacedFact]) -> list[services.PlacedFact]:
    """Each fact once (facts read from one table row can share an id: the map holds one of them)."""
    seen: set[str] = set()
    return [p for p in placed if not (p.fact.id in seen or seen.add(p.fact.id))]


def _facts_flash(sid: str, kind: str, text: str) -> None:
    st.session_state[f"facts_flash_{sid}"] = (kind, text)


def _move_fact(sid: str, fact_id: str, key: str, sections: list[Section]) -> None:
    value = st.session_state.get(key)
    if not value:
        return
    target, item = _parse_slot(value)
    ws = common.ws()
    fmap = services.workspace_map(ws, common.kb(), sections)  # cached by the core: only the choices are applied
    current = fmap.section_of(fact_id)
    if current is not None and (current.section_id, current.item) == (target, item):
        return
    try:
        services.move_fact(ws, fmap, sections, fact_id, target, item)
    except services.ChoiceError as exc:
        _facts_flash(sid, "error", str(exc))
        return
    label = _slot_label(value, {s.id: s for s in sections})
    _facts_flash(sid, "success", f"Đã chuyển tư liệu sang {label}. {NEXT_DRAFT}")


def _drop_fact(sid: str, fact_id: str, sections: list[Section]) -> None:
    ws = common.ws()
    try:
        services.drop_fact(ws, services.workspace_map(ws, common.kb(), sections), fact_id)
    except services.ChoiceError as exc:
        _facts_flash(sid, "error", str(exc))
        return
    _facts_flash(sid, "success", f"Đã bỏ tư liệu; có thể khôi phục ở «Tư liệu đã bỏ». {NEXT_DRAFT}")


def _restore_fact(sid: str, fact_id: str) -> None:
    common.ws().reset_fact(fact_id)
    _facts_flash(sid, "success", f"Đã khôi phục tư liệu về chỗ chương trình tự xếp. {NEXT_DRAFT}")


def _fact_source(fact) -> str:
    parts = [f"{fact.doc} — {fact.location}"]
    if fact.period:
        parts.append(fact.period)
    if fact.kind != "result":
        parts.append(FACT_KINDS.get(fact.kind, fact.kind))
    return common.md_escape(" · ".join(parts))


def _fact_row(placed: services.PlacedFact, sid: str, options: list[str], labels: dict[str, str],
              sections: list[Section], *, droppable: bool = True) -> None:
    """One fact: its text, source and period, and the controls to move (or place) and drop it."""
    fact = placed.fact
    with st.container(border=True):
        st.markdown(common.md_escape(fact.text))
        mark = " · :blue-badge[:material/pan_tool: bạn đã xếp]" if placed.by_user else ""
        st.caption(_fact_source(fact) + mark)
        current = _slot_value(placed.section_id, placed.item) if placed.section_id else None
        key = f"fact_move_{sid}_{fact.id}_{current or 'none'}"  # a new key when the fact moves elsewhere
        what = common.md_escape(_clip(fact.text, 60))
        if droppable:
            c1, c2 = st.columns([5, 1], vertical_alignment="center")
        else:
            c1, c2 = st.container(), None
        c1.selectbox(f"Chuyển tư liệu «{what}» sang mục" if current else f"Xếp tư liệu «{what}» vào mục",
                     options, index=options.index(current) if current in options else None,
                     format_func=labels.get, key=key, on_change=_move_fact, args=(sid, fact.id, key, sections),
                     placeholder="Xếp vào mục…", label_visibility="collapsed")
        if c2 is not None:
            c2.button("Bỏ", key=f"fact_drop_{sid}_{fact.id}", on_click=_drop_fact, args=(sid, fact.id, sections),
                      help="Không dùng tư liệu này khi soạn (có thể khôi phục).", width="stretch")


def _facts_panel(section: Section, sections: list[Section]) -> None:
    """The facts the fact map placed in this section, by outline item; the unplaced and dropped ones below."""
    sid = section.id
    fmap = services.workspace_map(common.ws(), common.kb(), sections)  # computed once per run, cached by the core
    by_id = {s.id: s for s in sections}
    options = [_slot_value(*slot.key) for slot in fmap.slots]
    labels = {v: _slot_label(v, by_id) for v in options}
    if flash := st.session_state.pop(f"facts_flash_{sid}", None):
        getattr(st, flash[0])(common.md_escape(flash[1]))
    if fmap.sample:
        st.caption("Đơn vị chưa có tài liệu riêng: tư liệu dưới đây lấy từ báo cáo MẪU của một trường giả định.")
    placed = _distinct(services.list_facts(fmap, sid))
    items = [slot.item for slot in fmap.slots if slot.section_id == sid]
    items += [p.item for p in placed if p.item not in items]  # a fact the user put on the section as a whole
    if not items:
        st.info("Mục này không nhận tư liệu riêng: tư liệu được xếp vào các mục con.")
    else:
        st.caption(f"{len(placed)} tư liệu được xếp vào mục này, theo từng nội dung của đề cương. "
                   "Chuyển tư liệu sang mục khác hoặc bỏ tư liệu không phù hợp; bản nháp hiện có không đổi, "
                   "lần «Soạn bản nháp» tới sẽ dùng thay đổi.")
    for item in items:
        group = [p for p in placed if p.item == item]
        head = "Cả mục" if item is None else f"Nội dung {item + 1}"
        st.markdown(f"**{head}: {common.md_escape(_item_text(section, item, 120))}** ({len(group)})")
        if not group:
            st.caption("Chưa có tư liệu: bản nháp sẽ ghi «[CẦN BỔ SUNG: …]» cho nội dung này.")
        for p in group:
            _fact_row(p, sid, options, labels, sections)
    _unplaced(sid, fmap, options, labels, sections)
    _dropped(sid, fmap)


def _unplaced(sid: str, fmap, options: list[str], labels: dict[str, str], sections: list[Section]) -> None:
    facts = _distinct(services.list_facts(fmap, unplaced=True))
    st.caption(f"Còn {len(facts)} tư liệu chưa xếp vào mục nào." if facts else
               "Mọi tư liệu đều đã được xếp vào một mục.")
    # A steady label: the expander stays open while facts are placed one by one.
    box = st.expander("Tư liệu chưa xếp vào mục nào", key=f"unplaced_open_{sid}", on_change="rerun",
                      icon=":material/inventory_2:")
    if not box.open:  # built only when opened: the list can be long
        return
    with box:
        if not facts:
            st.caption("Không còn tư liệu nào chưa xếp.")
            return
        st.caption("Những câu trong tài liệu chưa khớp nội dung nào của đề cương; chọn mục để xếp vào.")
        wanted = textvi.fold(st.text_input("Lọc theo từ", key=f"unplaced_filter_{sid}",
                                           placeholder="Ví dụ: trung thu")).strip()
        shown = [p for p in facts if not wanted or wanted in textvi.fold(f"{p.fact.text} {p.fact.doc}")]
        for p in shown[:UNPLACED_SHOWN]:
            _fact_row(p, sid, options, labels, sections, droppable=False)
        if len(shown) > UNPLACED_SHOWN:
            st.caption(f"Đang hiện {UNPLACED_SHOWN}/{len(shown)} tư liệu; gõ từ cần tìm để lọc.")


def _dropped(sid: str, fmap) -> None:
    if not fmap.dropped:
        return
    box = st.expander("Tư liệu đã bỏ", key=f"dropped_open_{sid}", on_change="rerun", icon=":material/delete:")
    if not box.open:
        return
    with box:
        dropped = list(dict.fromkeys(fmap.dropped))
        st.caption(f"{len(dropped)} tư liệu không được dùng khi soạn; bấm «Khôi phục» để dùng lại.")
        for fid in dropped:
            fact = fmap.facts[fid]
            c1, c2 = st.columns([5, 1], vertical_alignment="center")
            c1.markdown(common.md_escape(fact.text) + "  \n:gray[" + _fact_source(fact) + "]")
            c2.button("Khôi phục", key=f"fact_restore_{sid}_{fid}", on_click=_restore_fact, args=(sid, fid),
                      width="stretch")


# --- draft editor ----------------------------------------------------------------------------

def _highlight(text: str, gaps: bool, numbers: list[str]) -> str:
    """Escaped text with gaps and unverified numbers marked (markdown colour directives)."""
    out = common.md_escape(text)
    if gaps:
        out = re.sub(r"\\\[CẦN BỔ SUNG(?:\\:)?[^\]\n]*?\\\]",
                     lambda m: f":orange-background[{m.group(0)}]", out)
    for n in sorted(set(numbers), key=len, reverse=True):
        esc = common.md_escape(n)
        out = re.sub(rf"(?<![\w\\]){re.escape(esc)}(?!\w)", lambda m: f":red-background[{m.group(0)}]", out)
    return out


def _version_label(record, accepted_version: int | None) -> str:
    who = common.engine_label(record.engine)
    mark = " · đã duyệt" if record.version == accepted_version else ""
    return f"Phiên bản {record.version} — {who} — {record.created[:16].replace('T', ' ')}{mark}"


def _sample_banner(sid: str, record) -> None:
    """Say plainly when what the user sees (or will get) comes from the invented sample report."""
    if factmap.unit_documents(common.kb())[1]:
        st.warning("**Dữ liệu mẫu:** đơn vị chưa có tài liệu riêng, nên bản nháp được dựng từ báo cáo mẫu của một "
                   "trường giả định (số liệu bịa, chỉ để xem thử). Hãy thêm báo cáo của đơn vị ở trang "
                   "**Tài liệu** rồi soạn lại.", icon=":material/science:")
    elif record is not None and (composer.SAMPLE_WARNING in record.warnings
                                 or services.sample_citations({sid: record})):
        st.warning("**Bản nháp này dựng từ dữ liệu mẫu** của một trường giả định (trước khi đơn vị thêm tài "
                   "liệu riêng). Bấm «Soạn bản nháp» để soạn lại từ tài liệu của đơn vị.",
                   icon=":material/science:")


def _diff_markdown(old: str, new: str) -> str:
    """A word-level comparison as markdown: removed words struck through on red, added words on green."""
    out = []
    for op, text in textvi.word_diff(old, new):
        lines = []
        for piece in text.split("\n"):
            core = piece.strip()
            if op == "equal" or not core:
                lines.append(common.md_escape(piece))
                continue
            lead, trail = piece[:len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
            esc = common.md_escape(core)
            lines.append(lead + (f":red-background[~~{esc}~~]" if op == "delete" else f":green-background[{esc}]")
                         + trail)
        out.append("  \n".join(lines))
    return "".join(out)


DIFF_LEGEND = ":green-background[chữ nền xanh]: thêm vào · :red-background[~~chữ gạch, nền đỏ~~]: bỏ đi"


def _conflict_panel(section: Section, sections: list[Section], latest) -> bool:
    """When a save or accept found the section moved on: both texts, their differences, and the choice.
    True while the conflict waits for her choice (the editor stays hidden meanwhile)."""
    sid = section.id
    c = st.session_state.get(f"conflict_{sid}")
    if not c:
        return False
    with st.container(border=True):
        st.markdown(f"**Mục này đã có phiên bản {latest.version} mới hơn** (soạn bởi "
                    f"{common.md_escape(common.engine_label(latest.engine))}, lúc "
                    f"{latest.created[11:16]}) trong khi bạn sửa phiên bản {c['base']}. Chưa có gì bị ghi đè; "
                    "nội dung của bạn vẫn được giữ. Hãy chọn giữ bản nào.")
        st.caption(f"Khác biệt từ phiên bản {latest.version} đến nội dung của bạn — {DIFF_LEGEND}")
        long = len(latest.text) + len(c["text"]) > 2400
        with st.container(height=360 if long else "content", border=True):
            st.markdown(_diff_markdown(latest.text, c["text"]))
        with st.expander(f"Toàn văn phiên bản {latest.version} (đã lưu)"):
            st.markdown(common.md_escape(latest.text))
        with st.expander("Toàn văn nội dung của bạn"):
            st.markdown(common.md_escape(c["text"]))
        keep = "Duyệt nội dung của tôi" if c["action"] == "accept" else "Lưu nội dung của tôi thành phiên bản mới"
        st.button(keep, icon=":material/save:", key=f"keep_mine_{sid}", type="primary", width="stretch",
                  on_click=_keep_mine, args=(section, sections, latest.version))
        st.button(f"Dùng phiên bản {latest.version}, bỏ nội dung của tôi", icon=":material/undo:",
                  key=f"take_theirs_{sid}", width="stretch", on_click=_take_theirs, args=(sid, latest.version))
    return True


def _restore_offer(sid: str, by_version: dict, latest: int, version: int) -> None:
    """Text typed and never saved (a reload, a closed tab, a crash, a restart) is offered back."""
    ws = common.ws()
    wc = ws.working_copy(sid)
    if wc is None:
        return
    base = by_version.get(wc.base_version)
    if base is None or wc.text.strip() in (base.text.strip(), by_version[latest].text.strip()):
        ws.discard_working_copy(sid)  # nothing of hers would be lost
        return
    if version == wc.base_version and st.session_state.get(f"autosaved_{sid}") == wc.text:
        return  # she is typing it in this very editor
    with st.container(border=True):
        st.markdown(f":material/history: **Có nội dung đang soạn dở chưa được lưu** (sửa từ phiên bản "
                    f"{wc.base_version}, tự lưu lúc {wc.updated[11:16]}).")
        with st.expander("Xem nội dung đang soạn dở"):
            st.caption(f"Khác biệt so với phiên bản {wc.base_version} — {DIFF_LEGEND}")
            st.markdown(_diff_markdown(base.text, wc.text))
        st.button("Khôi phục nội dung đang soạn dở", icon=":material/restore:", key=f"restore_{sid}",
                  type="primary", width="stretch", on_click=_restore, args=(sid,))
        st.button("Bỏ nội dung đang soạn dở", icon=":material/delete:", key=f"discard_{sid}", width="stretch",
                  on_click=_discard, args=(sid,))


@st.fragment
def _autosave(sid: str, version: int, seen: int) -> None:
    # In a fragment: the text arriving reruns this alone, not the page around the editor.
    autosave.listen(f"autosave_{sid}", label=EDITOR_LABEL, sid=sid, version=version, seen=seen,
                    on_typed=lambda: _autosaved(sid))


def _follow_latest(sid: str, by_version: dict, latest: int) -> bool:
    """Show the newest version when it appears, unless she has unsaved changes in the version she is
    editing (a save from another tab must not swap the text under her). True when a newer version
    appeared and she was left where she was."""
    key = f"ver_{sid}"
    shown = st.session_state.get(key)
    seen = st.session_state.get(f"latest_seen_{sid}")
    st.session_state[f"latest_seen_{sid}"] = latest
    if st.session_state.pop(f"goto_latest_{sid}", False) or shown not in by_version:
        st.session_state[key] = latest
        return False
    dirty = st.session_state.get(_editor_key(sid, shown), by_version[shown].text) != by_version[shown].text
    if seen != latest and not dirty:
        st.session_state[key] = latest
        return False
    return shown < latest and st.session_state.get(f"seen_{sid}_{shown}", latest) < latest


def _editor(section: Section, sections: list[Section]) -> None:
    ws = common.ws()
    sid = section.id
    drafts = ws.drafts(sid)
    if not drafts:
        _sample_banner(sid, None)
        st.info("Mục này chưa có bản nháp. Bấm «Soạn bản nháp» (bên trái) hoặc gõ yêu cầu trong khung "
                "trò chuyện.")
        return
    accepted = ws.accepted(sid)
    accepted_version = accepted.version if accepted else None
    by_version = {d.version: d for d in drafts}
    versions = [d.version for d in reversed(drafts)]
    latest = versions[0]
    if _conflict_panel(section, sections, by_version[latest]):
        return
    moved_on = _follow_latest(sid, by_version, latest)
    version = st.selectbox("Phiên bản", versions, key=f"ver_{sid}",
                           format_func=lambda v: _version_label(by_version[v], accepted_version))
    record = by_version[version]
    if moved_on and version < latest:
        st.warning(f"Mục này vừa có phiên bản {latest} mới hơn (lưu từ một cửa sổ hoặc lệnh khác) trong khi bạn "
                   f"sửa phiên bản {version}. Nội dung của bạn vẫn trong ô; khi lưu hoặc duyệt, chương trình sẽ "
                   "cho bạn so sánh và chọn.", icon=":material/sync_problem:")
    _restore_offer(sid, by_version, latest, version)
    _sample_banner(sid, record)
    if accepted_version is not None and version != accepted_version:
        st.info(f"Báo cáo xuất ra dùng phiên bản đã duyệt {accepted_version}; ô dưới đây là phiên bản {version}. "
                "Bấm «Duyệt» để duyệt đúng nội dung trong ô.", icon=":material/info:")
    key = _editor_key(sid, version)
    if key not in st.session_state:  # the text on screen: the version's own, or her restored typing
        st.session_state[key] = record.text
        st.session_state[f"seen_{sid}_{version}"] = latest
    tab_edit, tab_view, tab_diff = st.tabs([":material/edit: Sửa", ":material/visibility: Xem (đánh dấu chỗ cần bổ sung)",
                                          ":material/compare_arrows: So sánh với bản trước"])
    with tab_edit:
        st.text_area(EDITOR_LABEL, height=420, key=key, label_visibility="collapsed",
                     on_change=_editor_changed, args=(sid, version))
        _autosave(sid, version, _seen(sid, version))
        st.caption("Nội dung đang gõ được tự lưu tạm (không tạo phiên bản mới); nếu tải lại trang, chương trình "
                   "sẽ đề nghị khôi phục.")
    with tab_view:
        st.markdown(_highlight(record.text, bool(record.gaps), record.unverified_numbers))
    with tab_diff:
        older = [v for v in versions if v < version]
        if not older:
            st.caption("Đây là phiên bản đầu tiên; chưa có gì để so sánh.")
        elif by_version[older[0]].text == record.text:
            st.caption(f"Phiên bản {version} giống hệt phiên bản {older[0]}.")
        else:
            prev = by_version[older[0]]
            st.caption(f"Từ phiên bản {prev.version} đến phiên bản {version} — {DIFF_LEGEND}")
            st.markdown(_diff_markdown(prev.text, record.text))
    b1, b2, b3 = st.columns([1, 1, 1])
    b1.button("Lưu bản sửa", icon=":material/save:", key=f"save_{sid}_{version}", on_click=_save_edit,
              args=(section, sections, version), width="stretch",
              help="Lưu nội dung trong ô thành một phiên bản mới (các phiên bản cũ vẫn giữ).")
    b2.button("Duyệt", icon=":material/check:", key=f"accept_{sid}_{version}", on_click=_accept, args=(section, sections, version),
              type="primary", width="stretch",
              help="Duyệt đúng nội dung trong ô (lưu thành phiên bản mới nếu có thay đổi); mục sẽ được đưa vào báo cáo.")
    if accepted_version is not None:
        b3.button("Bỏ duyệt", icon=":material/undo:", key=f"unaccept_{sid}", on_click=_unaccept, args=(sid,),
                  width="stretch")
    st.caption(f"Soạn bởi: {common.engine_label(record.engine)}"
               + (f" · lời nhắc {record.prompt} ({record.prompt_hash})" if record.prompt else ""))
    if record.gaps:
        st.warning("**Cần bổ sung:**  \n" + "  \n".join(f"• {common.md_escape(g)}" for g in record.gaps))
    if record.unverified_numbers:
        st.error("**Số liệu chưa kiểm chứng** (không có trong ghi chú hay nguồn đã trích): "
                 + ", ".join(common.md_escape(n) for n in record.unverified_numbers))
    other = [w for w in record.warnings
             if not w.startswith("Có số liệu không tìm thấy") and w != composer.SAMPLE_WARNING]  # banner above
    for w in other:
        st.info(common.md_escape(w))
    if record.citations:
        st.markdown(f"**Nguồn trích dẫn** ({len(record.citations)})")
        for c in record.citations:
            with st.expander(f"[{c.get('n')}] {common.md_escape(str(c.get('doc', '')))} — "
                             f"{common.md_escape(str(c.get('location', '')))}"):
                st.markdown(common.md_escape(str(c.get("quote", ""))))


def _status_text(sid: str, status: str) -> str:
    """The status as the export will see it: which version is accepted, and whether a newer one waits."""
    if status != STATUS_ACCEPTED:
        return status
    ws = common.ws()
    accepted, latest = ws.accepted(sid), ws.latest_draft(sid)
    text = f"{status} (phiên bản {accepted.version})"
    if latest is not None and latest.version > accepted.version:
        text += f"; phiên bản {latest.version} mới hơn chưa duyệt"
    return text


# --- the page --------------------------------------------------------------------------------

def render() -> None:
    s = common.settings()
    ws = common.ws()
    try:
        sections = workspace_outline(ws, s)
    except OutlineError as exc:
        st.error(str(exc))
        return
    statuses = ws.statuses()
    section = _pick_section(sections, statuses)
    sid = section.id
    status = statuses.get(sid, STATUS_EMPTY)
    parents = ancestor_titles(sections, section)
    if parents:
        st.caption(" › ".join(common.md_escape(_short_title(Section("", "", p, 1, None), 70)) for p in parents))
    st.markdown(f"### {common.md_escape(f'{section.label} {tidy(section.title)}'.strip())}")
    engine = common.load_engine()
    st.caption(f"{common.STATUS_ICONS[status]} Trạng thái: **{_status_text(sid, status)}** · mã mục "
               f"{common.md_escape(sid)} · công cụ soạn: {common.md_escape(common.engine_label(engine.engine))}")
    _show_flash()
    left, right = st.columns([5, 6], gap="large")
    with left:
        tab_chat, tab_req, tab_facts, tab_notes = st.tabs([TAB_CHAT, TAB_REQUIREMENTS, TAB_FACTS, TAB_NOTES],
                                                          key="section_tabs", on_change="rerun")
        with tab_notes:
            st.text_area("Sự việc, số liệu của đơn vị cho mục này (dùng khi soạn)", value=ws.notes(sid),
                         key=f"notes_{sid}", height=260, on_change=_save_notes, args=(sid,),
                         placeholder="Ví dụ: Năm học 2021-2022 tổ chức 4 buổi ngoại khóa về phòng chống "
                                     "xâm hại trẻ em, 100% học sinh tham gia.")
            st.button("Lưu ghi chú", icon=":material/save:", key=f"save_notes_{sid}", on_click=_save_notes, args=(sid,))
            st.caption("Ghi chú tự lưu khi rời khỏi ô; chỉ số liệu có trong ghi chú hoặc nguồn mới được "
                       "coi là đã kiểm chứng.")
        if tab_req.open:  # only the open tab pays for the guidance search
            with tab_req:
                _requirements(section, sections)
        if tab_facts.open:
            with tab_facts:
                _facts_panel(section, sections)
        with tab_chat:
            _chat(section, sections)
    with right:
        _editor(section, sections)
