"""What the user types: the working copy kept while she types, saves and accepts that never overwrite a
section that moved on meanwhile, and the word-level comparison she is shown."""
from __future__ import annotations

import sqlite3

import pytest

from bctk_assist import services
from bctk_assist.outline import Section
from bctk_assist.textvi import word_diff
from bctk_assist.workspace import MIGRATIONS, VersionConflict, Workspace, WorkspaceError

SECTION = Section("P1.II.2", "2.", "Tuyên truyền nâng cao nhận thức", 3, None, items=["Kết quả tuyên truyền"])
SECTIONS = [SECTION]
SID = SECTION.id


@pytest.fixture()
def ws(tmp_path):
    ws = Workspace(tmp_path / "home")
    ws.add_draft(SID, text="Nhà trường tổ chức tuyên truyền.", engine="composer")
    return ws


# --- the working copy ------------------------------------------------------------------------

def test_working_copy_is_kept_until_saved_and_is_never_a_version(ws):
    ws.set_working_copy(SID, "Nhà trường tổ chức tuyên truyền. Câu đang gõ", 1)
    ws.set_working_copy(SID, "Nhà trường tổ chức tuyên truyền. Câu đang gõ dở", 1)  # replaced, not added
    copy = Workspace(ws.home).working_copy(SID)  # another process (a restart) sees it
    assert copy.text.endswith("gõ dở") and copy.base_version == 1 and copy.seen_latest == 1
    assert len(ws.drafts(SID)) == 1
    services.save_edit(ws, SECTIONS, SECTION, copy.text, ws.draft(SID, 1), expect_latest=1)
    assert ws.working_copy(SID) is None and ws.latest_draft(SID).text == copy.text


def test_accepting_ends_the_working_copy_but_a_new_draft_does_not(ws):
    ws.set_working_copy(SID, "Bản đang gõ dở.", 1)
    ws.add_draft(SID, text="Bản soạn lại.", engine="composer")  # the composer's redraft: her typing stays
    assert ws.working_copy(SID).text == "Bản đang gõ dở."
    services.accept(ws, SECTIONS, SECTION, version=2)
    assert ws.working_copy(SID) is None


def test_discarding_the_working_copy_leaves_the_versions(ws):
    ws.set_working_copy(SID, "Bản đang gõ dở.", 1)
    assert ws.discard_working_copy(SID) and not ws.discard_working_copy(SID)
    assert [d.text for d in ws.drafts(SID)] == ["Nhà trường tổ chức tuyên truyền."]


def test_working_copies_follow_a_renamed_section(ws):
    ws.set_working_copy(SID, "Bản đang gõ dở.", 1)
    ws.rename_sections({SID: "P1.II.3"})
    assert ws.working_copy("P1.II.3").text == "Bản đang gõ dở." and ws.working_copy(SID) is None


def test_an_older_workspace_gains_the_working_copy_table(tmp_path):
    home = tmp_path / "old"
    home.mkdir()
    con = sqlite3.connect(home / "workspace.sqlite")
    for step in MIGRATIONS[:2]:
        step(con)
    con.execute("INSERT INTO drafts VALUES ('A', 1, 'cũ', '[]', '[]', '[]', '[]', 'composer', '', '', 'x', 0)")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    ws = Workspace(home)
    assert ws.schema_version() == len(MIGRATIONS) and ws.latest_draft("A").text == "cũ"
    ws.set_working_copy("A", "mới", 1)
    assert ws.working_copy("A").text == "mới"


# --- saves and accepts based on a version ----------------------------------------------------

def test_a_save_based_on_an_old_latest_writes_nothing_and_names_the_newer_version(ws):
    services.save_edit(ws, SECTIONS, SECTION, "Bản của tab A.", ws.draft(SID, 1), expect_latest=1)
    with pytest.raises(VersionConflict) as err:
        services.save_edit(ws, SECTIONS, SECTION, "Bản của tab B.", ws.draft(SID, 1), expect_latest=1)
    assert err.value.current.version == 2 and err.value.current.text == "Bản của tab A."
    assert "phiên bản 2" in str(err.value) and isinstance(err.value, WorkspaceError)
    assert [d.text for d in ws.drafts(SID)] == ["Nhà trường tổ chức tuyên truyền.", "Bản của tab A."]


def test_an_accept_based_on_an_old_latest_accepts_nothing(ws):
    services.save_edit(ws, SECTIONS, SECTION, "Bản của tab B.", ws.draft(SID, 1), expect_latest=1)
    for text in (None, "Nhà trường tổ chức tuyên truyền.", "Bản sửa khác của tab A."):
        with pytest.raises(VersionConflict):
            services.accept(ws, SECTIONS, SECTION, version=1, text=text, expect_latest=1)
    assert ws.accepted(SID) is None and len(ws.drafts(SID)) == 2


def test_accept_takes_exactly_the_text_on_screen_and_says_which_version(ws):
    record = services.accept(ws, SECTIONS, SECTION, version=1, text="Năm 2031, nhà trường có 777 học sinh.",
                             expect_latest=1)
    assert record.version == 2 and ws.accepted(SID).text == "Năm 2031, nhà trường có 777 học sinh."
    assert "777" in record.unverified_numbers  # typed text is checked like a drafted one
    same = services.accept(ws, SECTIONS, SECTION, version=2, text=record.text, expect_latest=2)
    assert same.version == 2 and len(ws.drafts(SID)) == 2  # unchanged text: no duplicate version


def test_without_a_base_version_the_command_line_keeps_working(ws):
    ws.add_draft(SID, text="Bản mới.", engine="composer")
    assert services.accept(ws, SECTIONS, SECTION).version == 2


# --- the word-level comparison ---------------------------------------------------------------

@pytest.mark.parametrize("old, new, expected", [
    ("Có 120 học sinh.", "Có 125 học sinh.", [("equal", "Có "), ("delete", "120"), ("insert", "125"),
                                              ("equal", " học sinh.")]),
    ("Tổ chức tuyên truyền.", "Tổ chức tốt tuyên truyền.", [("equal", "Tổ chức"), ("insert", " tốt"),
                                                             ("equal", " tuyên truyền.")]),
    ("Một.\nHai.", "Một.\nBa.", [("equal", "Một.\n"), ("delete", "Hai"), ("insert", "Ba"), ("equal", ".")]),
    ("", "Mới.", [("insert", "Mới.")]),
    ("Giống.", "Giống.", [("equal", "Giống.")]),
])
def test_word_diff_runs(old, new, expected):
    runs = word_diff(old, new)
    assert runs == expected
    assert "".join(t for op, t in runs if op != "insert") == old
    assert "".join(t for op, t in runs if op != "delete") == new


def test_a_sample_citation_removed_by_an_edit_no_longer_counts(ws):
    sample = {"n": 1, "doc": "bao-cao-mau.docx", "location": "đoạn 3", "quote": "Trường mẫu.", "kind": "sample"}
    ws.add_draft(SID, text="Câu lấy từ báo cáo mẫu [1].", citations=[sample], engine="composer")
    assert services.sample_citations({SID: ws.latest_draft(SID)}) == [SID]
    edited = services.save_edit(ws, SECTIONS, SECTION, "Câu do đơn vị tự viết.", ws.latest_draft(SID))
    assert edited.citations == [sample]  # kept so markers still resolve…
    assert services.sample_citations({SID: edited}) == []  # …but the text no longer cites the sample


def test_cli_accept_with_a_base_refuses_a_section_that_moved_on(tmp_path):
    from typer.testing import CliRunner

    from bctk_assist.cli import app

    home = tmp_path / "cli"
    ws = Workspace(home)
    ws.add_draft("P1.II.2", text="Bản 1.", engine="composer")
    ws.add_draft("P1.II.2", text="Bản 2 do người khác lưu.", engine="người dùng", edited=True)
    edited = tmp_path / "sua.txt"
    edited.write_text("Bản tôi sửa từ bản 1.", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(app, ["accept", "P1.II.2", "--file", str(edited), "--base", "1", "--home", str(home)])
    assert refused.exit_code == 1 and "phiên bản 2 mới hơn" in refused.stderr
    assert ws.accepted("P1.II.2") is None and len(ws.drafts("P1.II.2")) == 2
    done = runner.invoke(app, ["accept", "P1.II.2", "--file", str(edited), "--base", "2", "--home", str(home)])
    assert done.exit_code == 0 and ws.accepted("P1.II.2").text == "Bản tôi sửa từ bản 1."
