"""Workspace: persistence, validation, versions, acceptance, chat, concurrency, migrations."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bctk_assist import workspace as wsmod
from bctk_assist.workspace import (
    MIGRATIONS, PROFILE_KEYS, STATUS_ACCEPTED, STATUS_DRAFT, STATUS_EMPTY, USER_ENGINE, Profile,
    Workspace, WorkspaceError,
)

SID = "P1.II.2"
CITES = [{"n": 1, "doc": "bao-cao-2022.docx", "location": "tr. 3", "quote": "Năm 2022 tổ chức 4 buổi."}]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path)


def draft(ws: Workspace, text: str = "Nội dung [1].", sid: str = SID, **kw):
    return ws.add_draft(sid, text=text, engine=kw.pop("engine", "composer"), **kw)


# --- persistence -------------------------------------------------------------------------------

def test_everything_survives_a_restart(tmp_path: Path):
    ws = Workspace(tmp_path)
    ws.set_profile(unit="Trường Tiểu học Hòa An", issuer="state", date="2025-05-15",
                   recipients="Phòng GD&ĐT; Lưu VT")
    ws.set_outline_json([{"id": SID, "label": "2.", "title": "Tuyên truyền", "level": 2,
                          "parent": "P1.II", "items": ["a"]}], "de-cuong.docx")
    ws.set_notes(SID, "Năm 2021 tổ chức 3 buổi tuyên truyền trực tuyến.")
    draft(ws, "Bản 1 [1].", citations=CITES, gaps=["số liệu"], warnings=["w"], prompt="draft.md",
          prompt_hash="abc")
    ws.accept(SID)
    ws.add_message(SID, "user", "Soạn giúp mục này")
    del ws

    again = Workspace(tmp_path)
    assert again.profile().unit == "Trường Tiểu học Hòa An"
    assert again.profile().recipients == ["Phòng GD&ĐT", "Lưu VT"]
    assert again.outline_json()[0]["title"] == "Tuyên truyền"
    assert again.outline_source() == "de-cuong.docx"
    assert again.notes(SID).startswith("Năm 2021")
    record = again.accepted(SID)
    assert (record.version, record.text, record.citations, record.gaps, record.warnings,
            record.prompt, record.prompt_hash, record.edited) == (
        1, "Bản 1 [1].", CITES, ["số liệu"], ["w"], "draft.md", "abc", False)
    assert again.messages(SID)[0]["content"] == "Soạn giúp mục này"


def test_fresh_workspace_is_empty(ws: Workspace):
    assert ws.profile() == Profile()
    assert ws.outline_json() is None
    assert ws.notes(SID) == ""
    assert ws.drafts(SID) == [] and ws.latest_draft(SID) is None and ws.accepted(SID) is None
    assert ws.statuses() == {} and ws.status(SID) == STATUS_EMPTY


def test_reset_outline_goes_back_to_bundled(ws: Workspace):
    ws.set_outline_json([{"id": "A"}], "x.txt")
    ws.reset_outline()
    assert ws.outline_json() is None


def test_outline_without_sections_is_refused(ws: Workspace):
    with pytest.raises(WorkspaceError, match="rong.txt"):
        ws.set_outline_json([], "rong.txt")


# --- profile -----------------------------------------------------------------------------------

def test_profile_round_trip_and_dict(ws: Workspace):
    p = ws.set_profile(unit="Chi bộ Trường Tiểu học Hòa An", issuer="Party", number=12,
                       date="2025-01-31", recipients=["Đảng ủy xã", " Lưu "])
    assert (p.issuer, p.number, p.recipients) == ("party", "12", ["Đảng ủy xã", "Lưu"])
    assert ws.profile_dict()["unit"] == "Chi bộ Trường Tiểu học Hòa An"
    assert set(ws.profile_dict()) == set(PROFILE_KEYS)
    assert ws.set_profile(date="").date == ""


@pytest.mark.parametrize("values, message", [
    ({"unit_name": "X"}, "Không có mục hồ sơ 'unit_name'. Các mục hợp lệ: unit, parent, issuer"),
    ({"issuer": "school"}, "Cơ quan ban hành 'school' không hợp lệ. Dùng: party"),
    ({"date": "15/05/2025"}, "Ngày '15/05/2025' không hợp lệ. Dùng dạng YYYY-MM-DD"),
    ({"date": "2025-02-30"}, "Ngày '2025-02-30' không hợp lệ"),
    ({"date": "20250515"}, "Ngày '20250515' không hợp lệ"),
])
def test_profile_validation_messages(ws: Workspace, values, message):
    with pytest.raises(WorkspaceError) as err:
        ws.set_profile(**values)
    assert str(err.value).startswith(message)


def test_invalid_profile_change_saves_nothing(ws: Workspace):
    with pytest.raises(WorkspaceError):
        ws.set_profile(unit="Trường A", date="2025-13-01")
    assert ws.profile().unit == ""


def test_profile_text_is_stored_nfc(ws: Workspace):
    import unicodedata
    assert ws.set_profile(place=unicodedata.normalize("NFD", "Hòa An")).place == "Hòa An"


# --- drafts ------------------------------------------------------------------------------------

def test_versions_count_per_section(ws: Workspace):
    assert [draft(ws, f"v{i}").version for i in range(3)] == [1, 2, 3]
    assert draft(ws, sid="P1.II.3").version == 1
    assert [d.text for d in ws.drafts(SID)] == ["v0", "v1", "v2"]
    assert ws.latest_draft(SID).text == "v2"
    assert ws.draft(SID, 2).text == "v1" and ws.draft(SID, 9) is None


def test_draft_requires_engine_and_text(ws: Workspace):
    with pytest.raises(WorkspaceError):
        ws.add_draft(SID, text="x", engine="")
    with pytest.raises(WorkspaceError):
        ws.add_draft(SID, text=None, engine="composer")
    with pytest.raises(WorkspaceError, match="mã mục"):
        ws.add_draft(" ", text="x", engine="composer")
    assert ws.drafts(SID) == []


# --- accepting ---------------------------------------------------------------------------------

def test_accept_latest_by_default(ws: Workspace):
    draft(ws, "một"), draft(ws, "hai")
    assert ws.accept(SID).version == 2
    assert ws.status(SID) == STATUS_ACCEPTED


def test_accept_a_given_version_and_change_mind(ws: Workspace):
    draft(ws, "một"), draft(ws, "hai")
    ws.accept(SID, version=1)
    assert ws.accepted(SID).text == "một"
    ws.accept(SID, version=2)
    assert ws.accepted(SID).text == "hai"
    assert len(ws.drafts(SID)) == 2


def test_accept_missing_version_or_nothing_is_an_error(ws: Workspace):
    with pytest.raises(WorkspaceError, match="chưa có bản nháp"):
        ws.accept(SID)
    draft(ws)
    with pytest.raises(WorkspaceError, match="không có phiên bản 5"):
        ws.accept(SID, version=5)
    assert ws.accepted(SID) is None


def test_accept_edited_text_stores_a_user_version(ws: Workspace):
    draft(ws, "Máy soạn [1].", citations=CITES, unverified_numbers=["7"])
    record = ws.accept(SID, text="Tôi sửa [1]. [CẦN BỔ SUNG: số buổi năm 2023]")
    assert (record.version, record.edited, record.engine) == (2, True, USER_ENGINE)
    assert record.citations == CITES and record.unverified_numbers == []
    assert record.gaps == ["số buổi năm 2023"]
    assert ws.accepted(SID) == record
    assert ws.draft(SID, 1).text == "Máy soạn [1]."  # the machine's version is untouched


def test_accept_text_without_any_draft(ws: Workspace):
    record = ws.accept(SID, text="Tự viết từ tệp.")
    assert (record.version, record.engine, record.citations) == (1, USER_ENGINE, [])


def test_accept_unchanged_text_does_not_duplicate(ws: Workspace):
    """Two tabs pressing "Duyệt" on the same unedited text: one version, accepted."""
    draft(ws, "Giữ nguyên.")
    assert ws.accept(SID, text="Giữ nguyên.\n").version == 1
    assert ws.accept(SID, version=1, text="Giữ nguyên.").version == 1
    assert len(ws.drafts(SID)) == 1


def test_accept_empty_text_is_refused(ws: Workspace):
    draft(ws)
    with pytest.raises(WorkspaceError, match="trống"):
        ws.accept(SID, text="  \n")
    assert ws.accepted(SID) is None


def test_unaccept_keeps_versions(ws: Workspace):
    draft(ws)
    ws.accept(SID)
    assert ws.unaccept(SID) is True and ws.unaccept(SID) is False
    assert ws.accepted(SID) is None and ws.status(SID) == STATUS_DRAFT
    assert len(ws.drafts(SID)) == 1


def test_accepted_all(ws: Workspace):
    draft(ws, "a", sid="A"), draft(ws, "b", sid="B"), draft(ws, "c", sid="C")
    ws.accept("A"), ws.accept("C")
    assert {k: v.text for k, v in ws.accepted_all().items()} == {"A": "a", "C": "c"}


# --- statuses ----------------------------------------------------------------------------------

def test_statuses(ws: Workspace):
    ws.set_notes("N", "chỉ có ghi chú")
    ws.add_message("M", "user", "hỏi")
    draft(ws, sid="D")
    draft(ws, sid="A")
    ws.accept("A")
    assert ws.statuses() == {"A": STATUS_ACCEPTED, "D": STATUS_DRAFT, "M": STATUS_EMPTY,
                             "N": STATUS_EMPTY}
    assert ws.status("D") == "bản nháp" and ws.status("A") == "đã duyệt"
    assert ws.status("X") == "chưa soạn"


# --- notes and chat ----------------------------------------------------------------------------

def test_notes_are_replaced(ws: Workspace):
    ws.set_notes(SID, "một")
    ws.set_notes(SID, "hai")
    assert ws.notes(SID) == "hai" and ws.notes("khác") == ""


def test_chat_history_in_order_per_section(ws: Workspace):
    ids = [ws.add_message(SID, role, f"m{i}")
           for i, role in enumerate(["user", "assistant", "user", "assistant"])]
    ws.add_message("khác", "user", "không lẫn")
    assert ids == sorted(ids)
    history = ws.messages(SID)
    assert [(m["role"], m["content"]) for m in history] == [
        ("user", "m0"), ("assistant", "m1"), ("user", "m2"), ("assistant", "m3")]
    assert all(m["created"] for m in history)


def test_chat_role_is_checked(ws: Workspace):
    with pytest.raises(WorkspaceError, match="Vai trò 'system'"):
        ws.add_message(SID, "system", "x")


# --- outline changes ---------------------------------------------------------------------------

def test_orphans_are_reported_not_deleted(ws: Workspace):
    draft(ws, sid="P1.I"), draft(ws, sid="P1.II")
    ws.set_notes("P9", "ghi chú cũ")
    assert ws.orphan_sections(["P1.I"]) == ["P1.II", "P9"]
    assert ws.drafts("P1.II") and ws.notes("P9")


def test_rename_moves_all_work(ws: Workspace):
    draft(ws, "a", sid="old"), draft(ws, "a2", sid="old")
    ws.accept("old", version=1)
    ws.set_notes("old", "n")
    ws.add_message("old", "user", "hỏi")
    ws.rename_sections({"old": "new"})
    assert ws.orphan_sections(["new"]) == []
    assert [d.text for d in ws.drafts("new")] == ["a", "a2"]
    assert ws.accepted("new").version == 1 and ws.notes("new") == "n"
    assert ws.messages("new")[0]["content"] == "hỏi"


def test_rename_swap_and_conflict(ws: Workspace):
    draft(ws, "a", sid="A"), draft(ws, "b", sid="B"), draft(ws, "c", sid="C")
    ws.rename_sections({"A": "B", "B": "A"})
    assert ws.latest_draft("A").text == "b" and ws.latest_draft("B").text == "a"
    with pytest.raises(WorkspaceError, match="C đã có dữ liệu"):
        ws.rename_sections({"A": "C"})
    with pytest.raises(WorkspaceError):
        ws.rename_sections({"A": "Z", "B": "Z"})
    assert ws.latest_draft("A").text == "b" and ws.latest_draft("C").text == "c"


# --- concurrency -------------------------------------------------------------------------------

# Each writer is its own Python process, like the CLI beside the app. Started with `python -c`, not
# multiprocessing: a spawned child re-imports the parent's __main__, which after an AppTest run in
# the same pytest process is the Streamlit script.
_WRITER = """
import sys, time
from pathlib import Path
from bctk_assist.workspace import Workspace
home, worker, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
ws = Workspace(home)
go = home / "go"
deadline = time.monotonic() + 120
while not go.exists():  # both processes write at the same moment (imports can be slow on a busy machine)
    if time.monotonic() > deadline:
        sys.exit("no start signal")
    time.sleep(0.01)
for i in range(count):
    ws.add_draft(%r, text=f"w{worker}-{i}", engine="composer")
    time.sleep(0.005)  # let the other process in between, so the writes interleave
"""


@pytest.mark.slow  # subprocesses
def test_two_processes_never_lose_a_version(tmp_path: Path):
    Workspace(tmp_path)  # the schema exists before the race
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER % SID, str(tmp_path), str(w), "50"])
             for w in range(2)]
    time.sleep(0.5)
    (tmp_path / "go").touch()
    for p in procs:
        p.wait(180)
        assert p.returncode == 0
    drafts = Workspace(tmp_path).drafts(SID)
    assert [d.version for d in drafts] == list(range(1, 101))
    assert {d.text for d in drafts} == {f"w{w}-{i}" for w in range(2) for i in range(50)}


def test_threads_with_mixed_writes(tmp_path: Path):
    ws = Workspace(tmp_path)

    def work(i: int) -> None:
        sid = f"S{i % 4}"
        ws.add_draft(sid, text=f"t{i}", engine="composer")
        ws.add_message(sid, "user", f"m{i}")
        ws.set_notes(sid, f"n{i}")
        ws.set_profile(number=str(i))
        ws.accept(sid)
        ws.statuses()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(40)))
    for s in range(4):
        assert [d.version for d in ws.drafts(f"S{s}")] == list(range(1, 11))
        assert len(ws.messages(f"S{s}")) == 10
        assert ws.status(f"S{s}") == STATUS_ACCEPTED
    assert ws.profile().number in {str(i) for i in range(40)}


def test_reader_is_not_blocked_by_a_writer(tmp_path: Path):
    ws = Workspace(tmp_path)
    draft(ws, "đã lưu")
    holder = sqlite3.connect(ws.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO notes VALUES (?, 'đang ghi', '')", (SID,))
    try:
        reader = Workspace(tmp_path, timeout=0.2)
        assert reader.latest_draft(SID).text == "đã lưu"
        assert reader.notes(SID) == ""  # uncommitted work is not visible
        with pytest.raises(WorkspaceError, match="đang bận"):
            reader.add_draft(SID, text="x", engine="composer")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_writer_waits_for_the_lock(tmp_path: Path):
    ws = Workspace(tmp_path, timeout=5)
    holder = sqlite3.connect(ws.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    try:
        assert ws.add_draft(SID, text="sau", engine="composer").version == 1
    finally:
        holder.close()


# --- schema ------------------------------------------------------------------------------------

def test_schema_version_and_wal_are_recorded(ws: Workspace):
    assert ws.schema_version() == len(MIGRATIONS) >= 1
    con = sqlite3.connect(ws.path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_empty_file_from_version_zero_migrates(tmp_path: Path):
    (tmp_path / "workspace.sqlite").touch()
    ws = Workspace(tmp_path)
    assert ws.schema_version() == len(MIGRATIONS)
    assert draft(ws).version == 1


def test_later_migrations_run_once_in_order(tmp_path: Path, monkeypatch):
    Workspace(tmp_path)
    ran = []

    def add_column(con):
        ran.append(1)
        con.execute("ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(wsmod, "MIGRATIONS", [*MIGRATIONS, add_column])
    assert Workspace(tmp_path).schema_version() == len(MIGRATIONS) + 1
    Workspace(tmp_path)
    assert ran == [1]


def test_failed_migration_leaves_the_old_version(tmp_path: Path, monkeypatch):
    def broken(con):
        con.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(wsmod, "MIGRATIONS", [*MIGRATIONS, broken])
    (tmp_path / "workspace.sqlite").touch()
    with pytest.raises(RuntimeError):
        Workspace(tmp_path)
    con = sqlite3.connect(tmp_path / "workspace.sqlite")
    assert con.execute("PRAGMA user_version").fetchone()[0] == 0
    assert con.execute("SELECT name FROM sqlite_master").fetchall() == []
    con.close()


def test_newer_database_is_refused(tmp_path: Path):
    con = sqlite3.connect(tmp_path / "workspace.sqlite")
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    con.close()
    with pytest.raises(WorkspaceError, match="phiên bản mới hơn"):
        Workspace(tmp_path)


def test_corrupt_file_gives_a_clear_message(tmp_path: Path):
    (tmp_path / "workspace.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError, match="workspace.sqlite"):
        Workspace(tmp_path)
