"""Cài đặt: which engine writes the drafts (offline composer or an LLM server), with a connection test."""
from __future__ import annotations

import streamlit as st

from bctk_assist.ui import common

PROVIDERS = {
    "composer": "Ngoại tuyến (composer) — không cần mạng, không cần mô hình",
    "openai": "Máy chủ tương thích OpenAI (vLLM, LM Studio, llama.cpp server, OpenAI…)",
    "ollama": "Ollama",
}
URL_HINTS = {"openai": "http://localhost:8000/v1", "ollama": "http://localhost:11434"}


def _split(engine: str) -> tuple[str, str]:
    provider, _, model = engine.partition(":")
    return (provider, model) if provider in PROVIDERS else ("composer", "")


def _choice_from_form() -> common.EngineChoice:
    """The form as a choice. The key field is always empty when the page opens (a stored key is never
    sent to the browser): empty means "keep the current key"."""
    provider = st.session_state["set_provider"]
    if provider == "composer":
        return common.EngineChoice()
    current = common.load_engine()
    model = st.session_state.get("set_model", "").strip()
    typed = st.session_state.get("set_key", "").strip()
    return common.EngineChoice(engine=f"{provider}:{model}", base_url=st.session_state.get("set_url", "").strip(),
                               api_key=typed or current.api_key,
                               save_key=bool(st.session_state.get("set_save_key")),
                               key_source="session" if typed else current.key_source)


def _validate(choice: common.EngineChoice) -> str:
    if choice.is_llm and not choice.engine.partition(":")[2]:
        return "Hãy nhập tên mô hình (ví dụ: qwen2.5:7b-instruct)."
    if choice.base_url and not choice.base_url.startswith(("http://", "https://")):
        return f"Địa chỉ máy chủ '{choice.base_url}' phải bắt đầu bằng http:// hoặc https://."
    return ""


def _save() -> None:
    choice = _choice_from_form()
    if error := _validate(choice):
        st.session_state["settings_flash"] = ("error", error)
        return
    try:
        common.save_engine(choice)
    except OSError as exc:
        st.session_state["settings_flash"] = ("error", f"Không lưu được cài đặt: {exc}")
        return
    st.session_state["set_key"] = ""  # the typed key is kept on the server, not in the field
    if common.load_engine().from_env:
        st.session_state["settings_flash"] = ("info", f"Đã lưu lựa chọn {common.engine_label(choice.engine)}; "
                                              "biến môi trường BCTK_LLM vẫn quyết định cho đến khi bỏ biến này.")
        return
    st.session_state["settings_flash"] = ("success", f"Đã lưu: bản nháp sẽ do "
                                          f"{common.engine_label(choice.engine)} soạn.")


def _clear_key() -> None:
    """Forget the key of this session and the one saved on this machine."""
    current = common.load_engine()
    env_key = common.settings().llm_api_key or ""
    cleared = common.EngineChoice(engine=current.engine, base_url=current.base_url, api_key=env_key,
                                  save_key=False, key_source="env" if env_key else "")
    try:
        common.save_engine(cleared)
    except OSError as exc:
        st.session_state["settings_flash"] = ("error", f"Không xóa được khóa đã lưu: {exc}")
        return
    st.session_state.update(set_key="", set_save_key=False)
    st.session_state["settings_flash"] = ("success", "Đã xóa khóa đã lưu." + (
        " Khóa trong biến môi trường BCTK_LLM_API_KEY vẫn được dùng." if env_key else ""))


def _test() -> None:
    from bctk_assist.llm import check_connection

    choice = _choice_from_form()
    if error := _validate(choice):
        st.session_state["settings_flash"] = ("error", error)
        return
    if not choice.is_llm:
        st.session_state["settings_flash"] = ("success", "Chế độ ngoại tuyến luôn sẵn sàng (không cần kết nối).")
        return
    ok, message = check_connection(choice.engine, common.engine_settings(choice), timeout=5.0)
    if ok:
        st.session_state["settings_flash"] = ("success", message)
    else:
        st.session_state["settings_flash"] = ("error", f"{message} Trong lúc này, bản nháp vẫn được soạn bằng "
                                                       "chế độ ngoại tuyến nếu mô hình không trả lời.")


def _key_status(current: common.EngineChoice) -> None:
    """Which key is in use, masked, with a way to clear a saved one."""
    if not current.api_key:
        return
    where = {"env": "khóa từ biến môi trường BCTK_LLM_API_KEY", "saved": "đã lưu khóa",
             "session": "đã nhập khóa cho phiên này"}.get(current.key_source, "đã có khóa")
    c1, c2 = st.columns([3, 2], vertical_alignment="center")
    also = " · khóa đã lưu trên máy này chỉ dùng khi không có biến đó" if current.key_source == "env" and current.key_saved else ""
    c1.markdown(f":material/key: {where} ({current.masked_key}){also}")
    if current.key_source in ("saved", "session") or current.key_saved:
        c2.button("Xóa khóa đã lưu" if current.key_source == "env" else "Xóa khóa", icon=":material/key_off:",
                  on_click=_clear_key, key="set_clear_key")


def render() -> None:
    st.markdown("### Cài đặt")
    current = common.load_engine()
    provider, model = _split(current.engine)
    if "set_provider" not in st.session_state:
        # Never the stored key: whatever goes into a widget is sent to the browser.
        st.session_state.update(set_provider=provider, set_model=model, set_url=current.base_url,
                                set_key="", set_save_key=current.save_key)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown("#### Công cụ soạn thảo")
        st.radio("Ai soạn bản nháp?", list(PROVIDERS), format_func=PROVIDERS.get, key="set_provider")
        chosen = st.session_state["set_provider"]
        if chosen != "composer":
            st.text_input("Địa chỉ máy chủ", key="set_url", placeholder=URL_HINTS[chosen],
                          help="Để trống: OpenAI (api.openai.com) hoặc Ollama trên máy này (localhost:11434).")
            st.text_input("Tên mô hình", key="set_model", placeholder="ví dụ: qwen2.5:7b-instruct")
            _key_status(current)
            st.text_input("Khóa mới (API key)" if current.api_key else "Khóa truy cập (API key)", key="set_key",
                          type="password", placeholder="để trống: giữ khóa hiện tại" if current.api_key else "",
                          help="Chỉ cần với dịch vụ có khóa. Mặc định chỉ giữ trong phiên làm việc này.")
            st.checkbox("Lưu khóa trên máy này (trong thư mục dữ liệu, chỉ tài khoản này đọc được)",
                        key="set_save_key")
        c1, c2 = st.columns(2)
        c1.button("Lưu cài đặt", icon=":material/save:", type="primary", on_click=_save, width="stretch", key="set_save")
        c2.button("Kiểm tra kết nối", icon=":material/network_check:", on_click=_test, width="stretch", key="set_test")
        if flash := st.session_state.pop("settings_flash", None):
            getattr(st, flash[0])(common.md_escape(flash[1]))  # server error text is not markdown
    with right:
        st.markdown("#### Đang dùng")
        st.markdown(f"**{common.md_escape(common.engine_label(current.engine))}**")
        if current.from_env:
            st.info("Công cụ soạn đang do biến môi trường **BCTK\\_LLM** quyết định (cho cả ứng dụng và lệnh "
                    "`bctk`). Lựa chọn lưu ở đây được giữ lại và có hiệu lực khi chạy không có biến này.",
                    icon=":material/terminal:")
        if current.is_llm:
            st.caption(f"Máy chủ: {common.md_escape(current.base_url or 'mặc định')}")
        st.markdown(
            "- **Ngoại tuyến (composer)**: ghép bản nháp từ các nội dung của đề cương, ghi chú của đơn vị và "
            "các câu trích từ tài liệu, mỗi câu có nguồn; không tự đặt ra số liệu. Chỗ thiếu tư liệu được "
            "ghi rõ «[CẦN BỔ SUNG: …]».\n"
            "- **Mô hình ngôn ngữ**: viết văn bản trôi chảy hơn từ cùng tư liệu; các bước kiểm tra số liệu và "
            "trích dẫn vẫn chạy. Nếu máy chủ lỗi hoặc quá thời gian, bản nháp ngoại tuyến được dùng thay và "
            "ứng dụng báo rõ.\n"
            "- Chỉnh sửa theo yêu cầu trong khung trò chuyện («rút gọn», «thêm số liệu năm 2021») cần mô hình "
            "ngôn ngữ.")
        s = common.settings()
        st.caption(f"Thư mục dữ liệu: {common.md_escape(str(s.home.resolve()))} · mô hình nhúng: "
                   f"{common.md_escape(s.embeddings)}")
