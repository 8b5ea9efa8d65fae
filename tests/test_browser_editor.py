"""The draft editor in a real browser (Chromium through Playwright): typing survives a reload, two tabs
never overwrite each other silently, and what is accepted is what the status, the editor and the export
show. See tests/test_browser.py for the set-up."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from bctk_assist.ui.harness import CHROMIUM, app_server, browser_page, build_and_download, wait_idle
from bctk_assist.workspace import Workspace

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(),
                                 reason=f"{CHROMIUM} is missing: apt-get install chromium chromium-driver")]
playwright = pytest.importorskip("playwright.sync_api")

SID = "P1.II.2"
FIRST = "Nhà trường phối hợp với Đoàn xã tuyên truyền về quyền trẻ em trong các buổi chào cờ."
EDITOR = 'textarea[aria-label="Nội dung bản nháp"]'


def _home_with_draft(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    Workspace(home).add_draft(SID, text=FIRST, engine="composer")
    return home


def _open_section(page, url: str):
    page.goto(f"{url}/?muc={SID}", timeout=30_000)
    editor = page.locator(EDITOR)
    editor.wait_for(timeout=60_000)
    wait_idle(page)
    return editor


def _wait_for(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


def test_typing_is_kept_and_offered_back_after_a_reload(tmp_path: Path):
    home = _home_with_draft(tmp_path)
    typed = FIRST + " Năm học 2022-2023 có thêm câu lạc bộ kỹ năng sống."
    with app_server(home, log=tmp_path / "streamlit.log") as server, browser_page() as page:
        editor = _open_section(page, server.url)
        editor.click()
        editor.press("End")
        page.keyboard.type(" Năm học 2022-2023 có thêm câu lạc bộ kỹ năng sống.", delay=5)
        # Never committed (no Ctrl+Enter, focus still in the box): the autosave keeps it anyway.
        copy = _wait_for(lambda: (Workspace(home).working_copy(SID) or None) and
                         Workspace(home).working_copy(SID).text == typed and Workspace(home).working_copy(SID))
        assert copy and copy.text == typed and copy.base_version == 1
        assert len(Workspace(home).drafts(SID)) == 1  # a working copy, not a new version per keystroke

        page.reload()
        page.get_by_text("Có nội dung đang soạn dở chưa được lưu").wait_for(timeout=30_000)
        wait_idle(page)
        page.screenshot(path=str(tmp_path / "offer.png"))
        assert page.locator('[data-testid="stSidebar"]').get_by_text("đang soạn dở, chưa lưu").is_visible()
        assert page.locator(EDITOR).input_value() == FIRST  # nothing replaced behind her back
        page.get_by_role("button", name="Khôi phục nội dung đang soạn dở").click()
        page.get_by_text("Đã khôi phục nội dung đang soạn dở").wait_for(timeout=15_000)
        wait_idle(page)
        assert page.locator(EDITOR).input_value() == typed
        page.get_by_role("button", name="Lưu bản sửa").click()
        page.get_by_text("Đã lưu bản sửa thành phiên bản 2").wait_for(timeout=15_000)
        wait_idle(page)
        page.screenshot(path=str(tmp_path / "restored.png"))
        ws = Workspace(home)
        assert ws.latest_draft(SID).text == typed and ws.latest_draft(SID).version == 2
        assert ws.working_copy(SID) is None  # saved: nothing more to offer

        # Typed and straight to «Duyệt», no Ctrl+Enter: what is accepted is what the box shows.
        editor = page.locator(EDITOR)
        editor.click()
        editor.press("End")
        page.keyboard.type(" Câu gõ ngay trước khi duyệt.", delay=5)
        page.get_by_role("button", name="Duyệt", exact=True).click()
        page.get_by_text("Đã duyệt mục P1.II.2: phiên bản 3").wait_for(timeout=15_000)
        wait_idle(page)
        assert page.locator(EDITOR).input_value() == typed + " Câu gõ ngay trước khi duyệt."

    ws = Workspace(home)
    assert ws.accepted(SID).text == typed + " Câu gõ ngay trước khi duyệt." and ws.accepted(SID).version == 3
    assert ws.working_copy(SID) is None


def test_discarding_the_working_copy_keeps_the_saved_version(tmp_path: Path):
    home = _home_with_draft(tmp_path)
    Workspace(home).set_working_copy(SID, FIRST + " Câu gõ dở.", 1)
    with app_server(home, log=tmp_path / "streamlit.log") as server, browser_page() as page:
        _open_section(page, server.url)
        page.get_by_role("button", name="Bỏ nội dung đang soạn dở").click()
        page.get_by_text("Đã bỏ nội dung đang soạn dở").wait_for(timeout=15_000)
        wait_idle(page)
        assert not page.get_by_text("Có nội dung đang soạn dở chưa được lưu").count()
        assert page.locator(EDITOR).input_value() == FIRST
    assert Workspace(home).working_copy(SID) is None
    assert [d.text for d in Workspace(home).drafts(SID)] == [FIRST]


def test_two_tabs_never_overwrite_each_other_and_accept_matches_export(tmp_path: Path):
    home = _home_with_draft(tmp_path)
    text_a = FIRST + " Bổ sung của tab A."
    text_b = FIRST + " Bổ sung của tab B."
    with app_server(home, log=tmp_path / "streamlit.log") as server, browser_page(downloads=True) as tab_a:
        tab_b = tab_a.context.new_page()
        editor_a = _open_section(tab_a, server.url)
        editor_b = _open_section(tab_b, server.url)

        editor_a.fill(text_a)
        editor_a.press("Control+Enter")
        wait_idle(tab_a)
        tab_a.get_by_role("button", name="Lưu bản sửa").click()
        tab_a.get_by_text("Đã lưu bản sửa thành phiên bản 2").wait_for(timeout=15_000)
        wait_idle(tab_a)

        editor_b.fill(text_b)  # B still shows version 1
        editor_b.press("Control+Enter")
        wait_idle(tab_b)
        tab_b.get_by_role("button", name="Lưu bản sửa").click()
        tab_b.get_by_text("Mục này đã có phiên bản 2 mới hơn").wait_for(timeout=15_000)
        wait_idle(tab_b)
        ws = Workspace(home)
        assert [d.text for d in ws.drafts(SID)] == [FIRST, text_a]  # nothing overwritten, nothing added
        assert ws.working_copy(SID).text == text_b  # and B's text is kept
        # The word-level comparison names B's words, without diff syntax.
        panel = tab_b.locator('[data-testid="stMarkdownContainer"]', has_text="Bổ sung của tab").first
        assert "@@" not in panel.inner_text() and "+++" not in panel.inner_text()
        assert panel.locator("del").first.inner_text() == "A"  # A's word struck out, B's shown inserted
        assert "Bổ sung của tab AB." in panel.inner_text()
        tab_b.screenshot(path=str(tmp_path / "conflict.png"))
        tab_b.get_by_role("button", name="Lưu nội dung của tôi thành phiên bản mới").click()
        tab_b.get_by_text("Đã lưu nội dung của bạn thành phiên bản 3").wait_for(timeout=15_000)
        wait_idle(tab_b)
        assert [d.text for d in Workspace(home).drafts(SID)] == [FIRST, text_a, text_b]

        # A still shows version 2 and presses «Duyệt»: the section moved on, so she is asked first.
        tab_a.get_by_role("button", name="Duyệt", exact=True).click()
        tab_a.get_by_text("Mục này đã có phiên bản 3 mới hơn").wait_for(timeout=15_000)
        wait_idle(tab_a)
        assert Workspace(home).accepted(SID) is None
        tab_a.get_by_role("button", name="Dùng phiên bản 3, bỏ nội dung của tôi").click()
        tab_a.get_by_text("Đã bỏ nội dung của bạn; đang xem phiên bản 3").wait_for(timeout=15_000)
        wait_idle(tab_a)
        assert tab_a.locator(EDITOR).input_value() == text_b
        tab_a.get_by_role("button", name="Duyệt", exact=True).click()
        tab_a.get_by_text("Đã duyệt mục P1.II.2: phiên bản 3").wait_for(timeout=15_000)
        wait_idle(tab_a)
        # Status line, editor and stored acceptance agree.
        assert tab_a.get_by_text(re.compile(r"đã duyệt \(phiên bản 3\)")).first.is_visible()
        assert tab_a.locator(EDITOR).input_value() == text_b
        assert Workspace(home).accepted(SID).version == 3

        Workspace(home).set_profile(unit="Trường Tiểu học Hòa An", parent="Phòng GD&ĐT huyện An Thành",
                                    issuer="state", unit_abbr="THHA", number="12", place="Hòa An",
                                    date="2022-02-05", signer_title="HIỆU TRƯỞNG", signer_name="Nguyễn Thị Lan")
        tab_a.goto(f"{server.url}/xuat-bao-cao", timeout=30_000)
        target = build_and_download(tab_a, tmp_path / "bao-cao.docx")

    import docx

    body = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Bổ sung của tab B." in body and "Bổ sung của tab A." not in body


def test_section_survives_a_visit_to_another_page(tmp_path: Path):
    home = _home_with_draft(tmp_path)
    with app_server(home, log=tmp_path / "streamlit.log") as server, browser_page() as page:
        _open_section(page, server.url)
        page.get_by_role("link", name="Tài liệu").first.click()
        wait_idle(page)
        page.get_by_role("link", name="Soạn thảo").first.click()
        page.locator(EDITOR).wait_for(timeout=30_000)
        wait_idle(page)
        assert page.locator(EDITOR).input_value() == FIRST
        assert f"muc={SID}" in page.url
