"""The unit's workspace (SQLite in BCTK_HOME): profile, notes, draft versions, accepted text."""
from __future__ import annotations

import json
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

PROFILE_KEYS = ("unit", "parent", "issuer", "unit_abbr", "number", "place", "date", "sign_for",
                "signer_title", "signer_name", "recipients", "kinh_gui")


@dataclass
class Profile:
    """Who issues the report. `issuer` is "party" (chi bộ, đảng ủy) or "state" (school, UBND)."""

    unit: str = ""  # "Chi bộ Trường Tiểu học Hòa An" / "Trường Tiểu học Hòa An"
    parent: str = ""  # "Đảng bộ xã Hòa An" / "Phòng GD&ĐT huyện An Thành"
    issuer: str = "state"  # party | state
    unit_abbr: str = ""  # "CB" (party: "Số 12-BC/CB") / "THHA" (state: "Số: 12/BC-THHA")
    number: str = ""  # "12"
    place: str = ""  # "Hòa An"
    date: str = ""  # YYYY-MM-DD
    sign_for: str = ""  # collective signed for, e.g. "CHI BỘ"; empty when the head signs in person
    signer_title: str = ""  # "BÍ THƯ" / "HIỆU TRƯỞNG"
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
    kinh_gui: str = ""  # the office the report is addressed to ("Kính gửi: …"), mainly State reports


DB_NAME = "workspace.sqlite"
ISSUERS = ("party", "state")
ROLES = ("user", "assistant")
USER_ENGINE = "người dùng"  # engine recorded for text the user wrote or edited
STATUS_EMPTY, STATUS_DRAFT, STATUS_ACCEPTED = "chưa soạn", "bản nháp", "đã duyệt"
_GAP = re.compile(r"\[CẦN BỔ SUNG:\s*([^\]]*)\]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class WorkspaceError(ValueError):
    """A user-facing problem with the workspace; the message is Vietnamese."""


class VersionConflict(WorkspaceError):
    """A save or accept based on a version the section has moved on from: nothing was written.

    `current` is the newest version now stored (what another tab, person or command saved meanwhile)."""

    def __init__(self, section_id: str, expected: int, current: DraftRecord | None):
        self.section_id, self.expected, self.current = section_id, expected, current
        now = current.version if current else 0
        super().__init__(f"Mục {section_id} đã có phiên bản {now} mới hơn phiên bản {expected} bạn đang sửa "
                         "(lưu từ một cửa sổ hoặc lệnh khác); chưa ghi gì để không đè lên bản đó.")


@dataclass
class DraftRecord:
    """One stored version of a section's text. Versions are never changed once written."""

    section_id: str
    version: int
    text: str
    citations: list[dict]
    gaps: list[str]
    unverified_numbers: list[str]
    warnings: list[str]
    engine: str
    prompt: str
    prompt_hash: str
    created: str
    edited: bool

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class WorkingCopy:
    """Text typed in the editor and not yet saved as a version: kept until saved, accepted or discarded."""

    section_id: str
    base_version: int  # the version the editor showed when typing started
    seen_latest: int  # the newest version then: a save finding a newer one is a conflict
    text: str
    updated: str


# --- schema and migrations -------------------------------------------------------------------
# MIGRATIONS[i] takes a database from schema version i to i + 1, inside one transaction.
# Append new steps; never edit a step that has shipped.

def _migrate_0_to_1(con: sqlite3.Connection) -> None:
    _run_script(con, """
        CREATE TABLE profile (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE outline (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            sections TEXT NOT NULL, source_name TEXT NOT NULL, updated TEXT NOT NULL);
        CREATE TABLE notes (section_id TEXT PRIMARY KEY, text TEXT NOT NULL, updated TEXT NOT NULL);
        CREATE TABLE drafts (
            section_id TEXT NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL,
            citations TEXT NOT NULL, gaps TEXT NOT NULL, unverified_numbers TEXT NOT NULL,
            warnings TEXT NOT NULL, engine TEXT NOT NULL, prompt TEXT NOT NULL,
            prompt_hash TEXT NOT NULL, created TEXT NOT NULL, edited INTEGER NOT NULL,
            PRIMARY KEY (section_id, version));
        CREATE TABLE accepted (
            section_id TEXT PRIMARY KEY, version INTEGER NOT NULL, accepted_at TEXT NOT NULL,
            FOREIGN KEY (section_id, version) REFERENCES drafts (section_id, version));
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT, section_id TEXT NOT NULL,
            role TEXT NOT NULL, content TEXT NOT NULL, created TEXT NOT NULL);
        CREATE INDEX messages_by_section ON messages (section_id, id);
    """)


def _run_script(con: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, and a migration must stay one transaction.
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


def _migrate_1_to_2(con: sqlite3.Connection) -> None:
    _run_script(con, """
        CREATE TABLE fact_choices (
            fact_id TEXT PRIMARY KEY, action TEXT NOT NULL CHECK (action IN ('move', 'drop')),
            section_id TEXT, item INTEGER, updated TEXT NOT NULL);
    """)


def _migrate_2_to_3(con: sqlite3.Connection) -> None:
    _run_script(con, """
        CREATE TABLE working_copies (
            section_id TEXT PRIMARY KEY, base_version INTEGER NOT NULL, seen_latest INTEGER NOT NULL,
            text TEXT NOT NULL, updated TEXT NOT NULL);
    """)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_0_to_1, _migrate_1_to_2, _migrate_2_to_3]

# Tables whose rows belong to a section (renamed together, reported as orphans together).
_SECTION_TABLES = ("drafts", "accepted", "notes", "messages", "working_copies")


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _str_list(values: Iterable, what: str) -> list[str]:
    if isinstance(values, str):
        raise WorkspaceError(f"{what} phải là một danh sách, không phải một chuỗi.")
    return [_nfc(str(v)) for v in values]


class Workspace:
    """The SQLite store of one unit. Safe from many threads and processes at once.

    Each call opens its own connection (WAL, busy timeout) and each change is one committed
    transaction, so Streamlit threads and CLI processes can share the file.
    """

    def __init__(self, home: Path | str, *, timeout: float = 30.0):
        self.home = Path(home)
        self.path = self.home / DB_NAME
        self.timeout = timeout
        self.home.mkdir(parents=True, exist_ok=True)
        self._migrate()

    # --- connections ---------------------------------------------------------------------------
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            con = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise WorkspaceError(f"Không mở được dữ liệu làm việc '{self.path}': {exc}") from exc
        con.row_factory = sqlite3.Row
        try:
            con.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            yield con
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise WorkspaceError(
                    f"Dữ liệu làm việc '{self.path.name}' đang bận (một cửa sổ hoặc lệnh khác "
                    "đang ghi). Vui lòng thử lại.") from exc
            raise
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise WorkspaceError(f"Tệp '{self.path}' không phải cơ sở dữ liệu hợp lệ "
                                     f"hoặc đã hỏng: {exc}") from exc
            raise
        finally:
            con.close()

    @contextmanager
    def _tx(self, mode: str = "IMMEDIATE") -> Iterator[sqlite3.Connection]:
        """One transaction: IMMEDIATE for writes (takes the write lock up front, so concurrent
        writers queue instead of failing), DEFERRED for a consistent read snapshot."""
        with self._connect() as con:
            con.execute(f"BEGIN {mode}")
            try:
                yield con
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _read(self):
        return self._tx("DEFERRED")

    def _set_wal(self, con: sqlite3.Connection) -> None:
        # Switching to WAL needs a moment of exclusive access; another process may be doing it too.
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    con.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self) -> None:
        with self._connect() as con:
            if con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
                return  # up to date: opening never waits for another writer
            self._set_wal(con)
            con.execute("BEGIN IMMEDIATE")
            try:
                version = con.execute("PRAGMA user_version").fetchone()[0]
                if version > len(MIGRATIONS):
                    raise WorkspaceError(
                        f"Dữ liệu làm việc '{self.path}' thuộc phiên bản mới hơn ({version}) so với "
                        f"chương trình ({len(MIGRATIONS)}). Hãy cập nhật bctk-assist.")
                for step in MIGRATIONS[version:]:
                    step(con)
                    version += 1
                    con.execute(f"PRAGMA user_version = {version}")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def schema_version(self) -> int:
        with self._connect() as con:
            return con.execute("PRAGMA user_version").fetchone()[0]

    # --- profile -------------------------------------------------------------------------------
    def profile(self) -> Profile:
        with self._read() as con:
            rows = con.execute("SELECT key, value FROM profile").fetchall()
        stored = {k: json.loads(v) for k, v in rows if k in PROFILE_KEYS}
        return Profile(**stored)

    def profile_dict(self) -> dict:
        return asdict(self.profile())

    def set_profile(self, **values) -> Profile:
        """Validate all values first, then save them together (nothing is half-applied)."""
        clean = {key: _clean_profile_value(key, value) for key, value in values.items()}
        if clean:
            with self._tx() as con:
                con.executemany("INSERT OR REPLACE INTO profile (key, value) VALUES (?, ?)",
                                [(k, json.dumps(v, ensure_ascii=False)) for k, v in clean.items()])
        return self.profile()

    # --- outline -------------------------------------------------------------------------------
    def outline_json(self) -> list[dict] | None:
        """The user's chosen outline, or None for the bundled one."""
        with self._read() as con:
            row = con.execute("SELECT sections FROM outline WHERE id = 1").fetchone()
        return json.loads(row[0]) if row else None

    def outline_source(self) -> str | None:
        with self._read() as con:
            row = con.execute("SELECT source_name FROM outline WHERE id = 1").fetchone()
        return row[0] if row else None

    def set_outline_json(self, sections: list[dict], source_name: str) -> None:
        if not sections or not all(isinstance(s, Mapping) and s.get("id") for s in sections):
            raise WorkspaceError(f"Đề cương '{source_name}' không có mục nào hợp lệ để lưu.")
        data = json.dumps([dict(s) for s in sections], ensure_ascii=False)
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO outline (id, sections, source_name, updated) "
                        "VALUES (1, ?, ?, ?)", (data, source_name, _now()))

    def reset_outline(self) -> None:
        """Go back to the bundled outline (drafts stay)."""
        with self._tx() as con:
            con.execute("DELETE FROM outline")

    # --- notes ---------------------------------------------------------------------------------
    def notes(self, section_id: str) -> str:
        with self._read() as con:
            row = con.execute("SELECT text FROM notes WHERE section_id = ?",
                              (_sid(section_id),)).fetchone()
        return row[0] if row else ""

    def set_notes(self, section_id: str, text: str) -> None:
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO notes (section_id, text, updated) VALUES (?, ?, ?)",
                        (_sid(section_id), _nfc(text or ""), _now()))

    # --- fact map choices ----------------------------------------------------------------------
    def fact_choices(self) -> dict[str, dict]:
        """The user's moves and drops of facts: fact id -> {"action", "section_id", "item"}."""
        with self._read() as con:
            rows = con.execute("SELECT fact_id, action, section_id, item FROM fact_choices").fetchall()
        return {r[0]: {"action": r[1], "section_id": r[2], "item": r[3]} for r in rows}

    def move_fact(self, fact_id: str, section_id: str, item: int | None = None) -> None:
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO fact_choices (fact_id, action, section_id, item, updated) "
                        "VALUES (?, 'move', ?, ?, ?)", (fact_id, _sid(section_id), item, _now()))

    def drop_fact(self, fact_id: str) -> None:
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO fact_choices (fact_id, action, section_id, item, updated) "
                        "VALUES (?, 'drop', NULL, NULL, ?)", (fact_id, _now()))

    def reset_fact(self, fact_id: str) -> bool:
        """Forget the user's choice for a fact (the computed placement applies again)."""
        with self._tx() as con:
            return con.execute("DELETE FROM fact_choices WHERE fact_id = ?", (fact_id,)).rowcount > 0

    # --- drafts --------------------------------------------------------------------------------
    def add_draft(self, section_id: str, *, text: str, citations: Iterable[dict] = (),
                  gaps: Iterable[str] = (), unverified_numbers: Iterable[str] = (),
                  warnings: Iterable[str] = (), engine: str, prompt: str = "",
                  prompt_hash: str = "", edited: bool = False,
                  expect_latest: int | None = None) -> DraftRecord:
        """Store a new version (1, 2, 3… per section), numbered atomically across processes.

        With `expect_latest` (the newest version the writer had seen, 0 for none), nothing is written
        and VersionConflict is raised when the section has moved on since. A text the user wrote
        (`edited`) replaces the section's working copy."""
        with self._tx() as con:
            sid = _sid(section_id)
            _check_latest(con, sid, expect_latest)
            if edited:
                con.execute("DELETE FROM working_copies WHERE section_id = ?", (sid,))
            return self._insert_draft(
                con, sid, text=text, citations=citations, gaps=gaps,
                unverified_numbers=unverified_numbers, warnings=warnings, engine=engine,
                prompt=prompt, prompt_hash=prompt_hash, edited=edited)

    def _insert_draft(self, con: sqlite3.Connection, section_id: str, *, text: str,
                      citations: Iterable[dict], gaps: Iterable[str],
                      unverified_numbers: Iterable[str], warnings: Iterable[str], engine: str,
                      prompt: str, prompt_hash: str, edited: bool) -> DraftRecord:
        if not isinstance(text, str):
            raise WorkspaceError("Nội dung bản nháp phải là văn bản.")
        if not engine:
            raise WorkspaceError("Bản nháp phải ghi rõ ai (công cụ nào) đã soạn.")
        cites = [dict(c) for c in citations]
        version = con.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM drafts "
                              "WHERE section_id = ?", (section_id,)).fetchone()[0]
        record = DraftRecord(
            section_id=section_id, version=version, text=_nfc(text), citations=cites,
            gaps=_str_list(gaps, "gaps"),
            unverified_numbers=_str_list(unverified_numbers, "unverified_numbers"),
            warnings=_str_list(warnings, "warnings"), engine=engine, prompt=prompt,
            prompt_hash=prompt_hash, created=_now(), edited=bool(edited))
        con.execute(
            "INSERT INTO drafts (section_id, version, text, citations, gaps, unverified_numbers, "
            "warnings, engine, prompt, prompt_hash, created, edited) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (section_id, version, record.text, _dumps(record.citations), _dumps(record.gaps),
             _dumps(record.unverified_numbers), _dumps(record.warnings), engine, prompt,
             prompt_hash, record.created, int(record.edited)))
        return record

    def drafts(self, section_id: str) -> list[DraftRecord]:
        """All versions of a section, oldest first."""
        with self._read() as con:
            rows = con.execute("SELECT * FROM drafts WHERE section_id = ? ORDER BY version",
                               (_sid(section_id),)).fetchall()
        return [_record(row) for row in rows]

    def draft(self, section_id: str, version: int) -> DraftRecord | None:
        with self._read() as con:
            return _get_draft(con, _sid(section_id), version)

    def latest_draft(self, section_id: str) -> DraftRecord | None:
        with self._read() as con:
            return _get_draft(con, _sid(section_id), None)

    # --- accepting -----------------------------------------------------------------------------
    def accept(self, section_id: str, version: int | None = None,
               text: str | None = None, *, expect_latest: int | None = None) -> DraftRecord:
        """Accept a version (default: the latest). With `text` (edited in the editor or read from
        a file), store it first as a new version written by the user, based on `version` or the
        latest: its citations are kept so the [n] markers still resolve. Text identical to the
        base version accepts that version instead of adding a duplicate. `expect_latest` as in
        add_draft; accepting ends the section's working copy."""
        sid = _sid(section_id)
        with self._tx() as con:
            _check_latest(con, sid, expect_latest)
            con.execute("DELETE FROM working_copies WHERE section_id = ?", (sid,))
            base = _get_draft(con, sid, version)
            if version is not None and base is None:
                raise WorkspaceError(f"Mục {sid} không có phiên bản {version}.")
            if text is not None:
                text = _nfc(text)
                if not text.strip():
                    raise WorkspaceError(f"Nội dung duyệt cho mục {sid} đang trống.")
                if base is None or text.strip() != base.text.strip():
                    base = self._insert_draft(
                        con, sid, text=text, citations=base.citations if base else (),
                        gaps=[g.strip() for g in _GAP.findall(text)], unverified_numbers=(),
                        warnings=(), engine=USER_ENGINE, prompt="", prompt_hash="", edited=True)
            if base is None:
                raise WorkspaceError(f"Mục {sid} chưa có bản nháp nào để duyệt.")
            con.execute("INSERT OR REPLACE INTO accepted (section_id, version, accepted_at) "
                        "VALUES (?, ?, ?)", (sid, base.version, _now()))
            return base

    def accepted(self, section_id: str) -> DraftRecord | None:
        with self._read() as con:
            row = con.execute(
                "SELECT d.* FROM accepted a JOIN drafts d USING (section_id, version) "
                "WHERE a.section_id = ?", (_sid(section_id),)).fetchone()
        return _record(row) if row else None

    def accepted_all(self) -> dict[str, DraftRecord]:
        with self._read() as con:
            rows = con.execute("SELECT d.* FROM accepted a JOIN drafts d USING (section_id, version) "
                               "ORDER BY a.section_id").fetchall()
        return {row["section_id"]: _record(row) for row in rows}

    def unaccept(self, section_id: str) -> bool:
        """Withdraw the acceptance (the versions stay). True if the section was accepted."""
        with self._tx() as con:
            cur = con.execute("DELETE FROM accepted WHERE section_id = ?", (_sid(section_id),))
            return cur.rowcount > 0

    # --- working copy (autosave of the editor) --------------------------------------------------
    def set_working_copy(self, section_id: str, text: str, base_version: int,
                         seen_latest: int | None = None) -> None:
        """Keep what the editor holds (one row per section, replaced as she types; never a version)."""
        seen = base_version if seen_latest is None else seen_latest
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO working_copies (section_id, base_version, seen_latest, text, "
                        "updated) VALUES (?, ?, ?, ?, ?)",
                        (_sid(section_id), int(base_version), int(seen), _nfc(text or ""), _now()))

    def working_copy(self, section_id: str) -> WorkingCopy | None:
        with self._read() as con:
            row = con.execute("SELECT section_id, base_version, seen_latest, text, updated FROM working_copies "
                              "WHERE section_id = ?", (_sid(section_id),)).fetchone()
        return WorkingCopy(*row) if row else None

    def working_copy_ids(self) -> set[str]:
        """Sections with typed text not yet saved as a version."""
        with self._read() as con:
            return {row[0] for row in con.execute("SELECT section_id FROM working_copies")}

    def discard_working_copy(self, section_id: str) -> bool:
        with self._tx() as con:
            return con.execute("DELETE FROM working_copies WHERE section_id = ?",
                               (_sid(section_id),)).rowcount > 0

    # --- status --------------------------------------------------------------------------------
    def status(self, section_id: str) -> str:
        return self.statuses().get(section_id, STATUS_EMPTY)

    def statuses(self) -> dict[str, str]:
        """The status of every section that has anything stored (notes, chat, drafts)."""
        with self._read() as con:
            touched = _section_ids(con)
            drafted = {r[0] for r in con.execute("SELECT DISTINCT section_id FROM drafts")}
            accepted = {r[0] for r in con.execute("SELECT section_id FROM accepted")}
        return {sid: STATUS_ACCEPTED if sid in accepted else
                STATUS_DRAFT if sid in drafted else STATUS_EMPTY for sid in sorted(touched)}

    # --- chat ----------------------------------------------------------------------------------
    def add_message(self, section_id: str, role: str, content: str) -> int:
        if role not in ROLES:
            raise WorkspaceError(f"Vai trò '{role}' không hợp lệ. Dùng: {', '.join(ROLES)}.")
        with self._tx() as con:
            cur = con.execute("INSERT INTO messages (section_id, role, content, created) "
                              "VALUES (?, ?, ?, ?)", (_sid(section_id), role, _nfc(content), _now()))
            return cur.lastrowid

    def messages(self, section_id: str) -> list[dict]:
        with self._read() as con:
            rows = con.execute("SELECT role, content, created FROM messages WHERE section_id = ? "
                               "ORDER BY id", (_sid(section_id),)).fetchall()
        return [dict(row) for row in rows]

    # --- outline changes -----------------------------------------------------------------------
    def orphan_sections(self, valid_ids: Iterable[str]) -> list[str]:
        """Sections with stored work that the current outline no longer has (kept, not deleted)."""
        valid = set(valid_ids)
        with self._read() as con:  # ids starting with "__" are threads of their own (the Hỏi đáp page)
            return sorted(sid for sid in _section_ids(con) - valid if not sid.startswith("__"))

    def rename_sections(self, mapping: Mapping[str, str]) -> None:
        """Move everything stored under old ids to new ids, all or nothing. A target may not
        already hold work unless it is itself being renamed away (so swaps work)."""
        moves = {_sid(old): _sid(new) for old, new in mapping.items() if old != new}
        if not moves:
            return
        targets = list(moves.values())
        if len(set(targets)) != len(targets):
            raise WorkspaceError("Không thể đổi hai mục khác nhau thành cùng một mã mục.")
        with self._tx() as con:
            busy = sorted((_section_ids(con) & set(targets)) - set(moves))
            if busy:
                raise WorkspaceError(f"Không đổi được mã mục: mục {', '.join(busy)} đã có dữ liệu.")
            # Two steps through temporary ids, so chains and swaps never collide.
            for step in ({old: f"\x00tmp\x00{old}" for old in moves},
                         {f"\x00tmp\x00{old}": new for old, new in moves.items()}):
                for table in _SECTION_TABLES:
                    con.executemany(f"UPDATE {table} SET section_id = ? WHERE section_id = ?",
                                    [(new, old) for old, new in step.items()])


# --- helpers ---------------------------------------------------------------------------------

def _sid(section_id: str) -> str:
    if not isinstance(section_id, str) or not section_id.strip():
        raise WorkspaceError("Thiếu mã mục (ví dụ: P1.II.2).")
    return section_id.strip()


def _dumps(value) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise WorkspaceError(f"Dữ liệu bản nháp không lưu được dạng JSON: {exc}") from exc


def _section_ids(con: sqlite3.Connection) -> set[str]:
    union = " UNION ".join(f"SELECT section_id FROM {t}" for t in _SECTION_TABLES)
    return {row[0] for row in con.execute(union)}


def _check_latest(con: sqlite3.Connection, section_id: str, expected: int | None) -> None:
    if expected is None:
        return
    current = _get_draft(con, section_id, None)
    if (current.version if current else 0) != int(expected):
        raise VersionConflict(section_id, int(expected), current)


def _get_draft(con: sqlite3.Connection, section_id: str, version: int | None) -> DraftRecord | None:
    if version is None:
        row = con.execute("SELECT * FROM drafts WHERE section_id = ? ORDER BY version DESC LIMIT 1",
                          (section_id,)).fetchone()
    else:
        row = con.execute("SELECT * FROM drafts WHERE section_id = ? AND version = ?",
                          (section_id, int(version))).fetchone()
    return _record(row) if row else None


def _record(row: sqlite3.Row) -> DraftRecord:
    return DraftRecord(
        section_id=row["section_id"], version=row["version"], text=row["text"],
        citations=json.loads(row["citations"]), gaps=json.loads(row["gaps"]),
        unverified_numbers=json.loads(row["unverified_numbers"]),
        warnings=json.loads(row["warnings"]), engine=row["engine"], prompt=row["prompt"],
        prompt_hash=row["prompt_hash"], created=row["created"], edited=bool(row["edited"]))


def _clean_profile_value(key: str, value) -> str | list[str]:
    if key not in PROFILE_KEYS:
        raise WorkspaceError(f"Không có mục hồ sơ '{key}'. Các mục hợp lệ: {', '.join(PROFILE_KEYS)}.")
    if key == "recipients":
        if value is None:
            return []
        parts = value.split(";") if isinstance(value, str) else [str(v) for v in value]
        return [_nfc(p.strip()) for p in parts if p.strip()]
    if isinstance(value, date):
        value = value.isoformat()
    text = _nfc("" if value is None else str(value).strip())
    if key == "issuer":
        text = text.lower()
        if text not in ISSUERS:
            raise WorkspaceError(f"Cơ quan ban hành '{value}' không hợp lệ. Dùng: party (Đảng) "
                                 "hoặc state (Nhà nước).")
    if key == "date" and text:
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError
            date.fromisoformat(text)
        except ValueError:
            raise WorkspaceError(f"Ngày '{value}' không hợp lệ. Dùng dạng YYYY-MM-DD, "
                                 "ví dụ 2025-05-15.") from None
    return text
