"""Run the app in a real server and drive it with a real browser (used by tests/test_browser.py and
bench/app.py). Debian's chromium, driven by the playwright package; never `playwright install`."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bctk_assist.settings import APP_FILE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run app.py` on a free localhost port, in its own process group."""

    def __init__(self, home: Path, *, embeddings: str = "fake", port: int | None = None,
                 log: Path | None = None, extra_env: dict | None = None):
        self.home = Path(home)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, BCTK_HOME=str(self.home), BCTK_EMBEDDINGS=embeddings,
                   HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
                   STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
        env.update(extra_env or {})
        self.log = log or self.home.parent / f"streamlit-{self.port}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log, "wb")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(APP_FILE),
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal"],
            cwd=self.home.parent, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Seconds until the server answers its health check."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited ({self.proc.returncode}): {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        return time.monotonic() - self.started
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"streamlit did not answer within {timeout:g} s: {self.log.read_text()[-2000:]}")

    def rss_mb(self) -> float:
        """Resident memory of the server process, in MB (Linux)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, 15)
                self.proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, 9)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=10)
        self._log.close()


@contextmanager
def app_server(home: Path, **kwargs):
    server = AppServer(home, **kwargs)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@contextmanager
def browser_page(width: int = 1400, height: int = 900, downloads: bool = False):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=downloads,
                                          locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


def wait_idle(page, timeout: float = 30.0) -> None:
    """Wait until Streamlit has finished the current run (no 'running' indicator)."""
    page.wait_for_timeout(200)
    page.wait_for_function(
        """() => { const app = document.querySelector('[data-testid="stApp"]');
                   const state = app && app.getAttribute('data-test-script-state');
                   return state === 'notRunning'; }""", timeout=timeout * 1000)


def build_and_download(page, target: Path, *, timeout: float = 30.0) -> Path:
    """On the Xuất báo cáo page: «Tạo tệp DOCX», then the download button; the file saved at `target`.
    The page must come from `browser_page(downloads=True)`."""
    page.get_by_role("button", name="Tạo tệp DOCX").click(timeout=timeout * 1000)
    download = page.get_by_role("button", name="Tải xuống bao-cao-tong-ket.docx")
    download.wait_for(timeout=timeout * 1000)
    with page.expect_download(timeout=timeout * 1000) as info:
        download.click()
    info.value.save_as(target)
    return target
