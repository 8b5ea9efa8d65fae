"""AppTest flows of the Tài liệu and Xuất báo cáo pages: a delete asks about the document it was opened
for; the export builds what the profile form shows; «Thể thức» follows the saved profile."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from apptest_helpers import TIMEOUT, app_home, no_exceptions, page_test, plain
from streamlit.testing.v1 import AppTest

from bctk_assist.index import KnowledgeBase
from bctk_assist.settings import Settings
from bctk_assist.workspace import Workspace, WorkspaceError

SID = "P1.I.1"
UNIT_DOCS = ["bao-cao-2019.txt", "bao-cao-2020.txt", "bao-cao-2021.txt"]
PROFILE = dict(unit="Trường Tiểu học Hòa An", parent="Phòng GD&ĐT huyện An Thành", issuer="state",
               unit_abbr="THHA", number="12", place="Hòa An", date="2022-02-05",
               signer_title="HIỆU TRƯỞNG", signer_name="Nguyễn Thị Lan")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    return app_home(tmp_path, monkeypatch)


def knowledge_base(home: Path) -> KnowledgeBase:
    return KnowledgeBase(Settings(home=home, embeddings="fake"))


def unit_docs(home: Path, tmp_path: Path) -> dict[str, str]:
    """Three reports of the unit, indexed before the page opens; name -> document id."""
    kb = knowledge_base(home)
    kb.ensure_seeded()
    for i, name in enumerate(UNIT_DOCS):
        path = tmp_path / name
        path.write_text(f"BÁO CÁO NĂM {2019 + i}\nI. Kết quả\nNhà trường tổ chức {10 + i} buổi sinh hoạt.\n",
                        encoding="utf-8")
        assert kb.ingest(path, kind="report").ok
    return {d.name: d.id for d in kb.docs() if d.name in UNIT_DOCS}


def confirmations(at: AppTest) -> list[str]:
    """The delete questions on the page (a confirmation's text exists only while it is open)."""
    return [plain(m.value) for m in at.markdown if plain(m.value).endswith("khỏi chỉ mục?")]


def test_delete_confirmation_removes_the_document_it_was_opened_for(home, tmp_path):
    ids = unit_docs(home, tmp_path)
    at = page_test("documents_page").run()
    no_exceptions(at)
    assert not confirmations(at)
    at.session_state[f"rm_confirm_{ids['bao-cao-2020.txt']}"] = True  # the user opens the 🗑 of the 2020 report
    at.run()
    assert confirmations(at) == ["Xóa **bao-cao-2020.txt** khỏi chỉ mục?"]

    at.button(key=f"rm_cancel_{ids['bao-cao-2020.txt']}").click().run()  # «Hủy»
    assert not confirmations(at)
    assert set(UNIT_DOCS) <= {d.name for d in knowledge_base(home).docs()}

    at.session_state[f"rm_confirm_{ids['bao-cao-2020.txt']}"] = True
    at.run()
    at.button(key=f"rm_{ids['bao-cao-2020.txt']}").click().run()
    no_exceptions(at)
    left = {d.name for d in knowledge_base(home).docs()}
    assert "bao-cao-2020.txt" not in left and {"bao-cao-2019.txt", "bao-cao-2021.txt"} <= left
    assert not confirmations(at)  # nothing left open on the row that moved up
    assert any("Đã xóa 'bao-cao-2020.txt'" in plain(s.value) for s in at.success)


def accepted_workspace(home: Path, **profile) -> Workspace:
    ws = Workspace(home)
    ws.add_draft(SID, text="Nhà trường đã quán triệt Chỉ thị tới toàn thể cán bộ, giáo viên.", engine="composer")
    ws.accept(SID)
    ws.set_profile(**{**PROFILE, **profile})
    return ws


def built_docx(at: AppTest) -> docx.document.Document:
    data, _warnings, error = at.session_state["export_result"]
    assert data, error
    return docx.Document(io.BytesIO(data))


def signature_cells(document) -> str:
    return "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)


def test_build_saves_unsaved_profile_edits_first(home):
    ws = accepted_workspace(home)
    at = page_test("export_page").run()
    no_exceptions(at)
    at.text_input(key="pf_signer_name").input("Trần Văn Bình").run()
    assert "Chưa lưu: Họ tên người ký" in " ".join(plain(c.value) for c in at.caption)
    assert ws.profile().signer_name == "Nguyễn Thị Lan"  # typed, not saved yet
    at.button(key="export_go").click().run()
    no_exceptions(at)
    assert ws.profile().signer_name == "Trần Văn Bình"
    assert [t.value for t in at.toast] == ["Đã lưu hồ sơ trước khi tạo tệp."]
    cells = signature_cells(built_docx(at))
    assert "Trần Văn Bình" in cells and "Nguyễn Thị Lan" not in cells
    assert not any("Chưa lưu" in plain(c.value) for c in at.caption)


def test_edit_typed_just_before_the_click_is_built_too(home):
    """A box left by clicking «Tạo tệp DOCX» arrives in the same rerun as the click."""
    ws = accepted_workspace(home)
    at = page_test("export_page").run()
    at.text_input(key="pf_number").input("27")
    at.button(key="export_go").click().run()
    no_exceptions(at)
    assert ws.profile().number == "27"
    assert "Số: 27/BC-THHA" in signature_cells(built_docx(at))


def test_build_refuses_when_the_edits_cannot_be_saved(home, monkeypatch):
    ws = accepted_workspace(home)
    at = page_test("export_page").run()
    at.text_input(key="pf_place").input("Hòa Bình").run()

    def refuse(self, **values):
        raise WorkspaceError("Không lưu được hồ sơ.")

    monkeypatch.setattr(Workspace, "set_profile", refuse)
    at.button(key="export_go").click().run()
    no_exceptions(at)
    assert [e.value for e in at.error] == ["Chưa tạo tệp: hồ sơ đơn vị chưa lưu được. Không lưu được hồ sơ."]
    assert not at.get("download_button") and not at.toast
    assert ws.profile().place == "Hòa An"
    assert at.text_input(key="pf_place").value == "Hòa Bình"  # the typed value is still there


def test_format_follows_the_profile_changed_elsewhere_and_typed_edits_stay(home):
    ws = accepted_workspace(home)
    at = page_test("export_page").run()
    assert at.selectbox(key="export_format").value == "state"
    at.text_input(key="pf_number").input("15").run()

    ws.set_profile(issuer="party", unit="Chi bộ Trường Tiểu học Hòa An", unit_abbr="CB", signer_title="BÍ THƯ")
    at.run()  # any rerun of the open page: no reload
    no_exceptions(at)
    assert at.radio(key="pf_issuer").value == "party"
    assert at.selectbox(key="export_format").value == "party"
    assert at.text_input(key="pf_unit").value == "Chi bộ Trường Tiểu học Hòa An"
    assert at.text_input(key="pf_number").value == "15"  # typed, unsaved: kept
    assert not any("Hồ sơ đơn vị ghi thể thức" in w.value for w in at.warning)

    at.button(key="pf_save").click().run()  # saves the typed number, does not undo the change made elsewhere
    profile = ws.profile()
    assert (profile.issuer, profile.unit_abbr, profile.number) == ("party", "CB", "15")


def test_a_deliberate_other_format_asks_and_lasts_until_the_profile_changes(home):
    ws = accepted_workspace(home, issuer="party", unit_abbr="CB", sign_for="CHI BỘ", signer_title="BÍ THƯ")
    at = page_test("export_page").run()
    assert at.selectbox(key="export_format").value == "party"
    at.selectbox(key="export_format").set_value("state").run()
    assert any("Hồ sơ đơn vị ghi thể thức" in w.value for w in at.warning)
    assert at.button(key="export_go").disabled
    at.run()
    assert at.selectbox(key="export_format").value == "state"  # the user's pick stays

    ws.set_profile(issuer="state", unit_abbr="THHA", sign_for="", signer_title="HIỆU TRƯỞNG")
    at.run()
    assert at.selectbox(key="export_format").value == "state"
    ws.set_profile(issuer="party", unit_abbr="CB")
    at.run()
    assert at.selectbox(key="export_format").value == "party"  # the old pick does not come back
    assert not any("Hồ sơ đơn vị ghi thể thức" in w.value for w in at.warning)
    assert not at.button(key="export_go").disabled


def test_a_build_right_after_a_change_elsewhere_does_not_undo_it(home):
    """The boxes still show the old profile when «Tạo tệp DOCX» is clicked: untouched, they are no edit."""
    ws = accepted_workspace(home)
    at = page_test("export_page").run()
    ws.set_profile(issuer="party", unit="Chi bộ Trường Tiểu học Hòa An", unit_abbr="CB", sign_for="CHI BỘ",
                   signer_title="BÍ THƯ")
    at.button(key="export_go").click().run()
    no_exceptions(at)
    profile = ws.profile()
    assert (profile.issuer, profile.unit, profile.unit_abbr) == ("party", "Chi bộ Trường Tiểu học Hòa An", "CB")
    assert not at.toast  # nothing of the user's was saved
    assert "Số 12-BC/CB" in signature_cells(built_docx(at))  # built in the party format of the profile
