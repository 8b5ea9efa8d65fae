"""The Tài liệu and Xuất báo cáo pages in a real browser (`streamlit run` + Debian's chromium): a delete
asks about the document it was opened for; «Tạo tệp DOCX» builds what the profile form shows;
«Thể thức» follows the profile when it is changed elsewhere."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bctk_assist.index import KnowledgeBase
from bctk_assist.settings import Settings
from bctk_assist.ui.harness import CHROMIUM, app_server, browser_page, wait_idle
from bctk_assist.workspace import Workspace

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(),
                                 reason=f"{CHROMIUM} is missing: apt-get install chromium chromium-driver")]
playwright = pytest.importorskip("playwright.sync_api")

UNIT_DOCS = ["bao-cao-2019.txt", "bao-cao-2020.txt", "bao-cao-2021.txt"]
PARTY = "Đảng (Hướng dẫn 36-HD/VPTW)"
STATE = "Nhà nước (Nghị định 30/2020/NĐ-CP)"
CONTRADICTION = "Hồ sơ đơn vị ghi thể thức"


def indexed(home: Path) -> list[str]:
    return [d.name for d in KnowledgeBase(Settings(home=home, embeddings="fake")).docs()]


def ingest_unit_reports(home: Path, folder: Path) -> None:
    """Three reports of the unit, indexed with the command line before the server starts."""
    folder.mkdir(parents=True)
    for i, name in enumerate(UNIT_DOCS):
        (folder / name).write_text(f"BÁO CÁO NĂM {2019 + i}\nI. Kết quả\nNhà trường tổ chức {10 + i} buổi "
                                   "sinh hoạt chuyên đề.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bctk_assist.cli", "ingest", *(str(folder / n) for n in UNIT_DOCS),
                           "--kind", "report", "--home", str(home), "--json"],
                          env=dict(os.environ, BCTK_EMBEDDINGS="fake"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [r["status"] for r in json.loads(done.stdout)] == ["added"] * 3


def doc_name(page, name: str):
    """A file name as the document list shows it (the flash message names it in a sentence)."""
    return page.get_by_text(name, exact=True)


def doc_row(page, name: str):
    """The innermost row of the document list that names the file."""
    return (page.locator('[data-testid="stHorizontalBlock"]').filter(has=doc_name(page, name))
            .filter(has=page.locator('[data-testid="stPopover"]')).last)


def open_confirmations(page):
    return page.locator('[data-testid="stPopoverBody"]').filter(visible=True)


def open_delete(page, name: str):
    doc_row(page, name).locator('[data-testid="stPopover"] button').first.click()
    body = open_confirmations(page)
    body.get_by_role("button", name="Xóa", exact=True).wait_for(timeout=15_000)
    wait_idle(page)
    return body


def test_delete_asks_about_and_removes_only_the_document_it_was_opened_for(tmp_path: Path):
    home = tmp_path / "home"
    ingest_unit_reports(home, tmp_path / "src")
    with app_server(home, log=tmp_path / "streamlit.log") as server, browser_page() as page:
        page.goto(f"{server.url}/tai-lieu", timeout=30_000)
        page.get_by_text("Tài liệu đã lập chỉ mục").wait_for(timeout=60_000)
        wait_idle(page)
        assert open_confirmations(page).count() == 0

        body = open_delete(page, "bao-cao-2020.txt")  # the second of the unit's reports
        assert body.inner_text().startswith("Xóa bao-cao-2020.txt khỏi chỉ mục?")
        body.get_by_role("button", name="Hủy").click()
        wait_idle(page)
        assert open_confirmations(page).count() == 0
        open_delete(page, "bao-cao-2020.txt")
        page.keyboard.press("Escape")  # closing it any other way deletes nothing either
        wait_idle(page)
        assert open_confirmations(page).count() == 0
        assert set(UNIT_DOCS) <= set(indexed(home))

        body = open_delete(page, "bao-cao-2020.txt")
        page.screenshot(path=str(tmp_path / "delete-open.png"))
        body.get_by_role("button", name="Xóa", exact=True).click()
        page.get_by_text("Đã xóa 'bao-cao-2020.txt' khỏi chỉ mục.").wait_for(timeout=15_000)
        wait_idle(page)
        page.wait_for_timeout(500)  # a popover that would reopen on a moved row has had time to show
        page.screenshot(path=str(tmp_path / "delete-done.png"))
        assert open_confirmations(page).count() == 0
        assert not page.get_by_text("khỏi chỉ mục?").first.is_visible()
        for name in ("bao-cao-2019.txt", "bao-cao-2021.txt"):
            assert doc_name(page, name).is_visible()
        assert doc_name(page, "bao-cao-2020.txt").count() == 0
    left = indexed(home)
    assert "bao-cao-2020.txt" not in left and {"bao-cao-2019.txt", "bao-cao-2021.txt"} <= set(left)


def accepted_workspace(home: Path) -> Workspace:
    ws = Workspace(home)
    ws.add_draft("P1.I.1", text="Nhà trường đã quán triệt Chỉ thị tới toàn thể cán bộ, giáo viên.",
                 engine="composer")
    ws.accept("P1.I.1")
    ws.set_profile(unit="Trường Tiểu học Hòa An", parent="Phòng GD&ĐT huyện An Thành", issuer="state",
                   unit_abbr="THHA", number="12", place="Hòa An", date="2022-02-05",
                   signer_title="HIỆU TRƯỞNG", signer_name="Nguyễn Thị Lan")
    return ws


def open_export_page(page, url: str) -> None:
    page.goto(f"{url}/xuat-bao-cao", timeout=30_000)
    page.get_by_role("button", name="Tạo tệp DOCX").wait_for(timeout=60_000)
    wait_idle(page)


def visit_another_page_and_return(page) -> None:
    page.get_by_role("link", name="Tài liệu").click()
    page.get_by_text("Tài liệu đã lập chỉ mục").wait_for(timeout=30_000)
    wait_idle(page)
    page.get_by_role("link", name="Xuất báo cáo").click()
    page.get_by_role("button", name="Tạo tệp DOCX").wait_for(timeout=30_000)
    wait_idle(page)


def format_box(page):
    """«Thể thức» of the file (the profile form's own «Thể thức» is a pair of radio buttons)."""
    return page.get_by_role("combobox", name="Thể thức")


def test_build_saves_a_profile_field_typed_but_not_saved(tmp_path: Path):
    home = tmp_path / "home"
    ws = accepted_workspace(home)
    with app_server(home, log=tmp_path / "streamlit.log") as server, browser_page(downloads=True) as page:
        open_export_page(page, server.url)
        page.get_by_role("textbox", name="Họ tên người ký").fill("Trần Văn Bình")  # no Enter, no «Lưu hồ sơ»
        page.get_by_role("button", name="Tạo tệp DOCX").click()
        download = page.get_by_role("button", name="Tải xuống bao-cao-tong-ket.docx")
        download.wait_for(timeout=30_000)
        assert page.get_by_text("Đã lưu hồ sơ trước khi tạo tệp.").is_visible()
        page.screenshot(path=str(tmp_path / "export-saved.png"))
        with page.expect_download(timeout=30_000) as info:
            download.click()
        target = tmp_path / "bao-cao.docx"
        info.value.save_as(target)
        assert page.get_by_role("textbox", name="Họ tên người ký").input_value() == "Trần Văn Bình"
    assert ws.profile().signer_name == "Trần Văn Bình"

    import docx

    document = docx.Document(str(target))
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Trần Văn Bình" in cells and "Nguyễn Thị Lan" not in cells


def test_format_follows_the_profile_changed_elsewhere_unless_picked_here(tmp_path: Path):
    home = tmp_path / "home"
    ws = accepted_workspace(home)
    with app_server(home, log=tmp_path / "streamlit.log") as server, browser_page() as page:
        open_export_page(page, server.url)
        assert format_box(page).input_value() == STATE

        ws.set_profile(issuer="party", unit="Chi bộ Trường Tiểu học Hòa An", parent="Đảng bộ xã Hòa An",
                       unit_abbr="CB", sign_for="CHI BỘ", signer_title="BÍ THƯ")  # as `bctk profile --set` does
        visit_another_page_and_return(page)
        page.screenshot(path=str(tmp_path / "format-followed.png"), full_page=True)
        assert format_box(page).input_value() == PARTY
        assert page.get_by_role("radio", name=PARTY).is_checked()
        assert page.get_by_role("textbox", name="Tên đơn vị ban hành").input_value() == "Chi bộ Trường Tiểu học Hòa An"
        assert not page.get_by_text(CONTRADICTION).first.is_visible()

        format_box(page).click()  # the user deliberately picks the other format here
        page.get_by_role("option", name=STATE).click()
        wait_idle(page)
        assert page.get_by_text(CONTRADICTION).first.is_visible()
        assert page.get_by_role("button", name="Tạo tệp DOCX").is_disabled()
        page.screenshot(path=str(tmp_path / "format-picked.png"))

        ws.set_profile(issuer="state", unit="Trường Tiểu học Hòa An", parent="Phòng GD&ĐT huyện An Thành",
                       unit_abbr="THHA", sign_for="", signer_title="HIỆU TRƯỞNG")
        visit_another_page_and_return(page)
        assert format_box(page).input_value() == STATE and page.get_by_role("radio", name=STATE).is_checked()
        assert not page.get_by_text(CONTRADICTION).first.is_visible()
        ws.set_profile(issuer="party", unit_abbr="CB", sign_for="CHI BỘ", signer_title="BÍ THƯ")
        visit_another_page_and_return(page)
        assert format_box(page).input_value() == PARTY  # the pick ended with the change: it follows again
        assert not page.get_by_text(CONTRADICTION).first.is_visible()
        assert page.get_by_role("button", name="Tạo tệp DOCX").is_enabled()
