"""Streamlit AppTest flows: the pages run headless against a temporary workspace (fake embeddings)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from apptest_helpers import TIMEOUT, app_home, no_exceptions, page_test, plain
from streamlit.testing.v1 import AppTest

from bctk_assist import services
from bctk_assist.settings import APP_FILE
from bctk_assist.ui.compose_page import TAB_FACTS
from bctk_assist.workspace import Workspace

APP = str(APP_FILE)
DATA = Path(__file__).parent / "data"
SID = "P1.I.1"
# An invented unit's own report, in another shape than the bundled sample (a plain-text annual report).
UNIT_NAME = "bao-cao-nam-hoc-2021-2022.txt"
UNIT_REPORT = """BÁO CÁO KẾT QUẢ NĂM HỌC 2021-2022
Trường Tiểu học Sông Cầu

I. Kết quả đạt được
1. Công tác quán triệt
Chi bộ tổ chức quán triệt Chỉ thị 20-CT/TW cho 42 cán bộ, giáo viên, nhân viên trong buổi sinh hoạt chuyên đề tháng 9.
2. Công tác tuyên truyền
Nhà trường tổ chức Tháng hành động vì trẻ em với 5 buổi sinh hoạt dưới cờ về quyền trẻ em.
Tết Trung thu trao 87 phần quà cho học sinh có hoàn cảnh khó khăn.
3. Chính sách
Nhà trường miễn giảm học phí cho 23 học sinh thuộc hộ nghèo theo chính sách của Nhà nước.
II. Hạn chế
Cơ sở vật chất phục vụ vui chơi của học sinh còn thiếu, sân chơi chưa có mái che.
"""


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    return app_home(tmp_path, monkeypatch)


def texts(at: AppTest) -> str:
    parts = [plain(m.value) for kind in ("markdown", "caption", "success", "error", "warning", "info")
             for m in getattr(at, kind)]
    return "\n".join(parts)


def doc_names(at: AppTest) -> list[str]:
    """The file names listed on the Tài liệu page (the first line of each name cell)."""
    firsts = (plain(m.value).split("\n")[0].strip() for m in at.markdown)
    return [f for f in firsts if f.endswith((".docx", ".txt"))]


def add_unit_report(home: Path) -> None:
    """The unit's own report added on the Tài liệu page, as a user does it."""
    at = page_test("documents_page").run()
    at.file_uploader(key="uploads_0").set_value((UNIT_NAME, UNIT_REPORT.encode(), "text/plain")).run()
    at.button(key="upload_go").click().run()
    no_exceptions(at)
    assert at.success and UNIT_NAME in plain(at.success[0].value)


def compose_with_facts_tab() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["section_tabs"] = TAB_FACTS  # the user opens «Tư liệu của mục»
    return at.run()


def fact_moves(at: AppTest, sid: str) -> dict[str, object]:
    """The move controls of the facts listed for a section, by the fact text they name."""
    return {plain(sb.label): sb for sb in at.selectbox if sb.key.startswith(f"fact_move_{sid}_")}


def fact_move(at: AppTest, sid: str, words: str):
    found = [sb for label, sb in fact_moves(at, sid).items() if words in label]
    assert len(found) == 1, list(fact_moves(at, sid))
    return found[0]


def fact_id(at: AppTest, sid: str, words: str) -> str:
    return fact_move(at, sid, words).key.removeprefix(f"fact_move_{sid}_").split("_")[0]


def draft_text(at: AppTest, sid: str) -> str:
    """The text in the editor (it shows the newest version)."""
    (editor,) = [t for t in at.text_area if t.key.startswith(f"edit_{sid}_")]
    return editor.value


def sample_banners(at: AppTest) -> list[str]:
    return [plain(w.value) for w in at.warning if "dữ liệu mẫu" in plain(w.value).lower()]


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
    assert at.selectbox(key=f"ver_{SID}").value == 2
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
    assert "rút gọn" in Workspace(home).messages(SID)[-1]["content"]  # done offline: a new version
    assert len(Workspace(home).drafts(SID)) == 2
    at.chat_input(key=f"chat_{SID}").set_value("thêm số liệu năm 2021").run()
    no_exceptions(at)
    assert services.CHAT_HELP in Workspace(home).messages(SID)[-1]["content"]  # an edit it cannot do: what it can
    assert len(Workspace(home).drafts(SID)) == 2  # nothing changed


def test_bad_upload_shows_message_and_keeps_documents(home):
    at = page_test("documents_page").run()
    no_exceptions(at)
    before = doc_names(at)
    assert len(before) == 3
    at.file_uploader(key="uploads_0").set_value(("../../hỏng.docx", (DATA / "corrupt.docx").read_bytes(),
                                                  "application/octet-stream")).run()
    at.button(key="upload_go").click().run()
    no_exceptions(at)
    assert at.error and "hỏng.docx" in plain(at.error[0].value)
    after = doc_names(at)
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


def test_environment_overrides_the_saved_engine_in_the_app_as_in_the_cli(home, monkeypatch):
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings_ui.json").write_text('{"engine": "fake"}', encoding="utf-8")
    monkeypatch.setenv("BCTK_LLM", "composer")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key=f"draft_{SID}").click().run()
    no_exceptions(at)
    assert Workspace(home).latest_draft(SID).engine == "composer"  # BCTK_LLM, not the saved "fake"
    settings_page = page_test("settings_page").run()
    assert any("BCTK" in i.value and "quyết định" in i.value for i in settings_page.info)
    monkeypatch.delenv("BCTK_LLM")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key=f"draft_{SID}").click().run()
    no_exceptions(at)
    assert Workspace(home).latest_draft(SID).engine == "fake"  # without it, the saved choice


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
    assert not sample_banners(at)  # the accepted text cites no sample data


def test_llm_engine_drafts_and_revises_on_request(home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings_ui.json").write_text('{"engine": "fake"}')
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key=f"draft_{SID}").click().run()
    no_exceptions(at)
    ws = Workspace(home)
    assert ws.latest_draft(SID).engine == "fake"
    at.chat_input(key=f"chat_{SID}").set_value("diễn đạt trang trọng hơn").run()  # not an offline edit
    no_exceptions(at)
    reply = ws.messages(SID)[-1]["content"]
    # The fake model answers the same sentence again: the model ran, and an unchanged text is not a new version.
    assert services.CHAT_HELP not in reply and ("phiên bản" in reply or "giữ nguyên" in reply)


def test_fact_panel_lists_unit_facts_and_a_move_changes_the_next_drafts(home):
    add_unit_report(home)
    at = compose_with_facts_tab()
    no_exceptions(at)
    shown = texts(at)
    assert "Chi bộ tổ chức quán triệt Chỉ thị 20-CT/TW cho 42 cán bộ" in shown
    assert UNIT_NAME in shown and "năm học 2021-2022" in shown  # its source and period
    at.button(key=f"draft_{SID}").click().run()
    assert "42 cán bộ" in draft_text(at, SID)

    fact_move(at, SID, "42 cán bộ").set_value("P1.II.2|0").run()
    no_exceptions(at)
    assert "Đã chuyển tư liệu sang P1.II.2 – nội dung 1" in texts(at)
    assert "«Soạn bản nháp» tới" in texts(at)
    assert not fact_moves(at, SID)  # no longer listed under P1.I.1
    assert "42 cán bộ" in draft_text(at, SID)  # the draft already written is not touched
    at.button(key=f"draft_{SID}").click().run()
    assert "42 cán bộ" not in draft_text(at, SID)

    at.sidebar.radio(key="section_pick").set_value("P1.II.2").run()
    assert fact_move(at, "P1.II.2", "42 cán bộ").value == "P1.II.2|0"
    assert "bạn đã xếp" in texts(at)
    at.button(key="draft_P1.II.2").click().run()
    no_exceptions(at)
    assert "42 cán bộ" in draft_text(at, "P1.II.2")


def test_dropped_fact_leaves_the_next_draft_and_can_be_restored(home):
    add_unit_report(home)
    at = compose_with_facts_tab()
    at.sidebar.radio(key="section_pick").set_value("P1.II.2").run()
    at.button(key="draft_P1.II.2").click().run()
    assert "87 phần quà" in draft_text(at, "P1.II.2")
    fid = fact_id(at, "P1.II.2", "87 phần quà")
    at.button(key=f"fact_drop_P1.II.2_{fid}").click().run()
    no_exceptions(at)
    assert "Đã bỏ tư liệu" in texts(at)
    assert not any("87 phần quà" in label for label in fact_moves(at, "P1.II.2"))
    at.button(key="draft_P1.II.2").click().run()
    text = draft_text(at, "P1.II.2")
    assert "87 phần quà" not in text and "Tháng hành động vì trẻ em" in text

    at.session_state["dropped_open_P1.II.2"] = True  # the user opens «Tư liệu đã bỏ»
    at.run()
    at.button(key=f"fact_restore_P1.II.2_{fid}").click().run()
    no_exceptions(at)
    assert any("87 phần quà" in label for label in fact_moves(at, "P1.II.2"))


def test_unplaced_facts_can_be_placed(home):
    at = compose_with_facts_tab()  # the sample report: some of its sentences match no item
    at.session_state[f"unplaced_open_{SID}"] = True
    at.run()
    no_exceptions(at)

    def counts() -> tuple[int, int]:
        """(facts listed under the section, facts said to be unplaced), as the panel shows them."""
        shown = texts(at)
        return (int(re.search(r"\*\*Cả mục: [^\n]*\*\* \((\d+)\)", shown).group(1)),
                int(re.search(r"Còn (\d+) tư liệu chưa xếp", shown).group(1)))

    in_section, unplaced = counts()
    place = [sb for sb in at.selectbox if sb.key.startswith(f"fact_move_{SID}_") and sb.value is None]
    assert place, "no unplaced fact listed"
    words = plain(place[0].label).split("«")[1][:30]
    place[0].set_value(f"{SID}|").run()
    no_exceptions(at)
    assert f"Đã chuyển tư liệu sang {SID}" in texts(at)
    assert counts() == (in_section + 1, unplaced - 1)
    assert any(words in label for label, sb in fact_moves(at, SID).items() if sb.key.endswith(f"_{SID}|"))


def test_typed_drop_makes_a_version_without_that_citation(home):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key=f"draft_{SID}").click().run()
    quote = Workspace(home).latest_draft(SID).citations[0]["quote"].rstrip(".")
    assert quote in draft_text(at, SID)
    at.chat_input(key=f"chat_{SID}").set_value("bỏ [1]").run()
    no_exceptions(at)
    reply = Workspace(home).messages(SID)[-1]["content"]
    assert "Đã bỏ tư liệu" in reply and "phiên bản 2" in reply
    assert at.selectbox(key=f"ver_{SID}").value == 2
    assert quote not in draft_text(at, SID) and "[1]" in draft_text(at, SID)


def test_sample_banner_until_the_unit_has_its_own_document(home):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    no_exceptions(at)
    assert sample_banners(at) and "Tài liệu" in sample_banners(at)[0]  # fresh workspace, nothing drafted yet
    at.button(key=f"draft_{SID}").click().run()
    assert len(sample_banners(at)) == 1  # said once, above the draft
    add_unit_report(home)
    at.run()
    no_exceptions(at)
    assert sample_banners(at) and "soạn lại" in sample_banners(at)[0]  # the draft still holds sample data
    at.button(key=f"draft_{SID}").click().run()
    no_exceptions(at)
    assert not sample_banners(at)
    at.sidebar.radio(key="section_pick").set_value("P1.II.2").run()
    assert not sample_banners(at)


def test_documents_page_labels_and_removes_sample_data(home):
    at = page_test("documents_page").run()
    no_exceptions(at)
    assert "dữ liệu mẫu" in texts(at) and "không bao giờ được dùng" in texts(at)
    assert "bao-cao-mau-truong-tieu-hoc-hoa-an.docx" in doc_names(at)
    (remove,) = [b for b in at.button if b.label == "Xóa dữ liệu mẫu"]
    remove.click().run()
    no_exceptions(at)
    assert "bao-cao-mau-truong-tieu-hoc-hoa-an.docx" not in doc_names(at) and len(doc_names(at)) == 2
    assert "dữ liệu mẫu" not in texts(at)


def test_export_warns_about_accepted_sample_data(home):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key=f"draft_{SID}").click().run()
    at.button(key=f"accept_{SID}_1").click().run()
    export = page_test("export_page").run()
    no_exceptions(export)
    assert sample_banners(export) and SID in sample_banners(export)[0]


def test_accept_after_another_save_asks_then_accepts_exactly_her_text(home):
    ws = Workspace(home)
    ws.add_draft(SID, text="Chi bộ quán triệt Chỉ thị cho toàn thể đảng viên.", engine="composer")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    mine = "Chi bộ quán triệt Chỉ thị cho toàn thể đảng viên và giáo viên."
    at.text_area(key=f"edit_{SID}_1").set_value(mine).run()
    assert ws.working_copy(SID).text == mine  # kept the moment the box hands over its text
    ws.add_draft(SID, text="Bản do cửa sổ khác lưu.", engine="người dùng", edited=True)  # another tab
    at.button(key=f"accept_{SID}_1").click().run()
    no_exceptions(at)
    assert ws.accepted(SID) is None and len(ws.drafts(SID)) == 2  # nothing accepted, nothing written
    assert "Mục này đã có phiên bản 2 mới hơn" in texts(at)
    at.button(key=f"keep_mine_{SID}").click().run()
    no_exceptions(at)
    accepted = ws.accepted(SID)
    assert accepted.text == mine and accepted.version == 3 and ws.working_copy(SID) is None
    assert draft_text(at, SID) == mine and "đã duyệt (phiên bản 3)" in texts(at)
