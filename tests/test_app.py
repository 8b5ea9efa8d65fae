"""Streamlit AppTest flows: the pages run headless against a temporary workspace (fake embeddings)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bctk_assist.settings import REPO_DIR
from bctk_assist.workspace import Workspace

APP = str(REPO_DIR / "app.py")
DATA = Path(__file__).parent / "data"
TIMEOUT = 60
SID = "P1.I.1"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("BCTK_HOME", str(home))
    monkeypatch.setenv("BCTK_EMBEDDINGS", "fake")
    monkeypatch.setenv("BCTK_LLM", "composer")
    for var in ("BCTK_LLM_BASE_URL", "BCTK_LLM_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    return home


def run_page(page: str) -> None:
    """Run one page the way app.py does (AppTest renders one page of an st.navigation app)."""
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


def texts(at: AppTest) -> str:
    parts = [plain(m.value) for kind in ("markdown", "caption", "success", "error", "warning", "info")
             for m in getattr(at, kind)]
    return "\n".join(parts)


def test_draft_edit_accept_survives_restart(home):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    no_exceptions(at)
    assert at.sidebar.radio(key="section_pick").value == SID  # the first section that takes text
    assert "chưa soạn" in texts(at).split("Trạng thái:")[1][:20]

    at.button(key=f"draft_{SID}").click().run()
    no_exceptions(at)
    ws = Workspace(home)
    assert ws.status(SID) == "bản nháp"
    assert [m["role"] for m in ws.messages(SID)] == ["user", "assistant"]
    editor = at.text_area(key=f"edit_{SID}_1")
    assert "[1]" in editor.value  # the composer's draft, with citations

    edited = editor.value + "\n\nĐơn vị đã hoàn thành tốt nội dung này (bản sửa của người dùng)."
    editor.set_value(edited).run()
    at.button(key=f"accept_{SID}_1").click().run()
    no_exceptions(at)
    assert ws.status(SID) == "đã duyệt"
    assert ws.accepted(SID).text == edited and ws.accepted(SID).version == 2
    assert "Đã duyệt mục P1.I.1" in texts(at)
    assert "đã duyệt" in texts(at).split("Trạng thái:")[1][:20]

    restarted = AppTest.from_file(APP, default_timeout=TIMEOUT).run()  # a new session: a reload/restart
    no_exceptions(restarted)
    assert "đã duyệt" in texts(restarted).split("Trạng thái:")[1][:20]
    assert restarted.text_area(key=f"edit_{SID}_2").value == edited
    assert len(restarted.chat_message) == 2  # the chat history is replayed from the workspace


def test_save_edit_makes_a_version_and_notes_are_kept(home):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.text_area(key=f"notes_{SID}").set_value("Năm 2021 tổ chức 3 buổi tuyên truyền.").run()
    assert Workspace(home).notes(SID) == "Năm 2021 tổ chức 3 buổi tuyên truyền."
    at.button(key=f"draft_{SID}").click().run()
    at.text_area(key=f"edit_{SID}_1").set_value("Nội dung sửa tay, có số liệu 1234 chưa có nguồn.").run()
    at.button(key=f"save_{SID}_1").click().run()
    no_exceptions(at)
    ws = Workspace(home)
    latest = ws.latest_draft(SID)
    assert latest.version == 2 and latest.engine == "người dùng" and "1234" in latest.unverified_numbers
    assert ws.status(SID) == "bản nháp"
    assert at.selectbox(key=f"ver_{SID}_2").value == 2
    assert any("1234" in plain(e.value) for e in at.error)  # unverified numbers are highlighted


def test_chat_routes_requirements_search_and_revision_without_llm(home):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.chat_input(key=f"chat_{SID}").set_value("Mục này yêu cầu gì?").run()
    no_exceptions(at)
    replies = [m["content"] for m in Workspace(home).messages(SID) if m["role"] == "assistant"]
    assert replies and "yêu cầu" in replies[-1]
    at.chat_input(key=f"chat_{SID}").set_value("tìm: Tháng hành động vì trẻ em").run()
    assert "Kết quả tìm" in Workspace(home).messages(SID)[-1]["content"]
    at.button(key=f"draft_{SID}").click().run()
    at.chat_input(key=f"chat_{SID}").set_value("rút gọn").run()
    no_exceptions(at)
    assert "cần một mô hình ngôn ngữ" in Workspace(home).messages(SID)[-1]["content"]
    assert len(Workspace(home).drafts(SID)) == 1  # nothing changed


def test_bad_upload_shows_message_and_keeps_documents(home):
    at = page_test("documents_page").run()
    no_exceptions(at)
    before = [m.value for m in at.markdown if m.value.endswith((".docx", ".txt"))]
    assert len(before) == 3
    at.file_uploader(key="uploads_0").set_value(("../../hỏng.docx", (DATA / "corrupt.docx").read_bytes(),
                                                  "application/octet-stream")).run()
    at.button(key="upload_go").click().run()
    no_exceptions(at)
    assert at.error and "hỏng.docx" in plain(at.error[0].value)
    after = [m.value for m in at.markdown if m.value.endswith((".docx", ".txt"))]
    assert after == before
    assert not any(p.name != "sources" and p.suffix == ".docx" for p in home.parent.glob("*"))  # no escape
    assert not list((home / "uploads").rglob("*.docx"))  # the temporary copy is gone


def test_good_upload_is_indexed(home):
    at = page_test("documents_page").run()
    at.file_uploader(key="uploads_0").set_value(("ghi chú.txt", (DATA / "notes.txt").read_bytes(), "text/plain"))
    at.run()
    at.button(key="upload_go").click().run()
    no_exceptions(at)
    assert at.success and "ghi chú.txt" in plain(at.success[0].value)
    assert any(m.value == "ghi chú\\.txt" for m in at.markdown)


def test_unreachable_llm_server_gives_clear_message(home):
    at = page_test("settings_page").run()
    no_exceptions(at)
    at.radio(key="set_provider").set_value("openai").run()
    at.text_input(key="set_url").set_value("http://127.0.0.1:9/v1")
    at.text_input(key="set_model").set_value("x")
    at.button(key="set_test").click().run()
    no_exceptions(at)
    assert at.error, "no error shown"
    assert "127.0.0.1:9" in plain(at.error[0].value) and "không" in at.error[0].value.lower()
    at.button(key="set_save").click().run()
    saved = (home / "settings_ui.json").read_text(encoding="utf-8")
    assert '"openai:x"' in saved and "api_key" not in saved


def test_llm_failure_falls_back_to_composer(home):
    (home).mkdir(parents=True, exist_ok=True)
    (home / "settings_ui.json").write_text('{"engine": "openai:x", "base_url": "http://127.0.0.1:9/v1"}')
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key=f"draft_{SID}").click().run()
    no_exceptions(at)
    record = Workspace(home).latest_draft(SID)
    assert record.engine == "composer" and any("127.0.0.1:9" in w for w in record.warnings)


def test_export_page_reports_missing_profile_then_builds_docx(home):
    ws = Workspace(home)
    ws.add_draft(SID, text="Nhà trường đã quán triệt Chỉ thị tới toàn thể cán bộ, giáo viên.", engine="composer")
    ws.accept(SID)
    at = page_test("export_page").run()
    no_exceptions(at)
    at.button(key="export_go").click().run()
    assert at.error and "Hồ sơ đơn vị còn thiếu" in at.error[0].value
    ws.set_profile(unit="Trường Tiểu học Hòa An", parent="Phòng GD&ĐT huyện An Thành", issuer="state",
                   unit_abbr="THHA", number="12", place="Hòa An", date="2022-02-05",
                   signer_title="HIỆU TRƯỞNG", signer_name="Nguyễn Thị Lan")
    at.run()
    at.button(key="export_go").click().run()
    no_exceptions(at)
    assert not at.error
    assert "quán triệt Chỉ thị" in texts(at)  # the preview


def test_llm_engine_drafts_and_revises_on_request(home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings_ui.json").write_text('{"engine": "fake"}')
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key=f"draft_{SID}").click().run()
    no_exceptions(at)
    ws = Workspace(home)
    assert ws.latest_draft(SID).engine == "fake"
    at.chat_input(key=f"chat_{SID}").set_value("rút gọn đoạn này").run()
    no_exceptions(at)
    reply = ws.messages(SID)[-1]["content"]
    # The fake model answers the same sentence again: the model ran, and an unchanged text is not a new version.
    assert "cần một mô hình" not in reply and ("phiên bản" in reply or "giữ nguyên" in reply)
