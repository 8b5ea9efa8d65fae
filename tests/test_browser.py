"""End to end in a real browser: `streamlit run app.py` on a free localhost port, driven by Playwright
with Debian's chromium (apt-get install chromium chromium-driver; never `playwright install`)."""
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

SECTION_TEXT = "Tuyên truyền nâng cao"  # P1.II.2 in the sidebar outline
SID = "P1.II.2"
MARK = "Đoạn bổ sung do người dùng gõ trong trình duyệt."


def test_pick_draft_edit_accept_reload_export(tmp_path: Path):
    home = tmp_path / "home"
    with app_server(home, log=tmp_path / "streamlit.log") as server, browser_page(downloads=True) as page:
        page.goto(server.url, timeout=30_000)
        page.get_by_text("Đề cương báo cáo").wait_for(timeout=60_000)
        wait_idle(page)
        assert not page.locator('[data-testid="stMainMenu"]').first.is_visible()  # its items are English only

        page.locator('[data-testid="stSidebar"]').get_by_text(SECTION_TEXT).click()
        page.wait_for_url(re.compile(rf"muc={re.escape(SID)}"), timeout=15_000)
        wait_idle(page)

        page.get_by_role("button", name="Soạn bản nháp").click()
        editor = page.locator('textarea[aria-label="Nội dung bản nháp"]')
        editor.wait_for(timeout=30_000)
        wait_idle(page)
        drafted = editor.input_value()
        assert "[1]" in drafted  # the composer's draft, with citations

        edited = f"{drafted}\n\n{MARK}"
        editor.fill(edited)
        assert not page.get_by_text(re.compile(r"to apply")).first.is_visible()  # "Press Ctrl+Enter to apply"
        editor.press("Control+Enter")  # commit the text area's value
        wait_idle(page)
        page.get_by_role("button", name="Duyệt", exact=True).click()
        page.get_by_text(f"Đã duyệt mục {SID}").wait_for(timeout=15_000)
        wait_idle(page)

        page.reload()
        page.get_by_text("Đề cương báo cáo").wait_for(timeout=30_000)
        wait_idle(page)
        editor = page.locator('textarea[aria-label="Nội dung bản nháp"]')
        editor.wait_for(timeout=15_000)
        assert MARK in editor.input_value()
        assert page.get_by_text(re.compile(r"^đã duyệt \(phiên bản \d+\)$")).first.is_visible()
        assert Workspace(home).status(SID) == "đã duyệt"

        from bctk_assist import docx_export

        if not hasattr(docx_export, "export_report"):
            return
        Workspace(home).set_profile(unit="Trường Tiểu học Hòa An", parent="Phòng GD&ĐT huyện An Thành",
                                    issuer="state", unit_abbr="THHA", number="12", place="Hòa An",
                                    date="2022-02-05", signer_title="HIỆU TRƯỞNG", signer_name="Nguyễn Thị Lan")
        page.goto(f"{server.url}/xuat-bao-cao", timeout=30_000)
        target = build_and_download(page, tmp_path / "bao-cao.docx")

    import docx

    document = docx.Document(str(target))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert MARK in body
    assert "TRƯỜNG TIỂU HỌC HÒA AN" in cells.upper() and "Nguyễn Thị Lan" in cells


def test_server_stops_cleanly(tmp_path: Path):
    """The harness kills the whole server process group (no stray streamlit left behind)."""
    with app_server(tmp_path / "home", log=tmp_path / "s.log") as server:
        pid = server.proc.pid
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
