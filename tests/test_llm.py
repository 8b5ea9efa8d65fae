"""Chat model factory, fake model, connection check and streaming failures (fake, stub and real servers)."""
from __future__ import annotations

import http.server
import importlib.util
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from bctk_assist.llm import (
    FAKE_REPLY,
    FakeChatModel,
    LLMError,
    check_connection,
    get_chat_model,
    stream_text,
)
from bctk_assist.settings import Settings
from llm_server import find_smollm2_gguf, free_port, llama_server, server_skip_reason

PROMPT = [SystemMessage("Bạn là trợ lý soạn báo cáo."), HumanMessage("Viết một câu về công tác tuyên truyền.")]


# --- fake model ---------------------------------------------------------------------------------

def test_fake_records_prompts_and_answers_in_vietnamese():
    model = get_chat_model("fake")
    assert model.invoke(PROMPT).content == FAKE_REPLY
    assert model.prompts == [PROMPT]
    assert "công tác tuyên truyền" in model.last_prompt


def test_fake_with_fixed_text_streams_it_in_several_tokens():
    model = get_chat_model("fake:Nhà trường tổ chức 3 buổi tuyên truyền trực tuyến [1].")
    tokens: list[str] = []
    text = stream_text(model, PROMPT, on_token=tokens.append)
    assert text == "Nhà trường tổ chức 3 buổi tuyên truyền trực tuyến [1]."
    assert len(tokens) == 11 and "".join(tokens) == text
    assert len(model.prompts) == 1


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (["Lần một.", "Lần hai."], ["Lần một.", "Lần hai.", "Lần hai."]),  # the last reply repeats
        (lambda messages: f"Đã nhận {len(messages)} tin.", ["Đã nhận 2 tin."] * 3),
    ],
)
def test_fake_scripted_and_function_replies(reply, expected):
    model = FakeChatModel(reply=reply)
    assert [model.invoke(PROMPT).content for _ in expected] == expected


def test_fake_failure_mid_stream_becomes_llm_error_after_partial_tokens():
    model = FakeChatModel(reply="một hai ba bốn năm", fail_after=2)
    tokens: list[str] = []
    with pytest.raises(LLMError, match="ngắt giữa chừng") as caught:
        stream_text(model, PROMPT, on_token=tokens.append)
    assert tokens == ["một", " hai"]
    assert isinstance(caught.value, RuntimeError)


@pytest.mark.parametrize(("finish", "cut"), [("stop", False), ("length", True), (None, True)])
def test_fake_reports_how_its_reply_ended(finish, cut):
    model = FakeChatModel(reply="Nhà trường tổ chức 3 buổi tuyên truyền.", finish_reason=finish)
    if cut:
        with pytest.raises(LLMError, match="bị cắt"):
            stream_text(model, PROMPT)
    else:
        assert stream_text(model, PROMPT) == "Nhà trường tổ chức 3 buổi tuyên truyền."


def test_the_deadline_comes_from_the_model_when_the_caller_gives_none():
    model = get_chat_model("fake:" + " ".join(["chữ"] * 50), settings=Settings(llm_timeout=0.5))
    model.delay = 0.05
    started = time.monotonic()
    with pytest.raises(LLMError, match="0.5 giây"):
        stream_text(model, PROMPT)
    assert time.monotonic() - started < 1.5


def test_errors_of_the_callers_own_callback_are_not_disguised_as_model_errors():
    def on_token(token: str) -> None:
        raise KeyError("lỗi của trang")

    with pytest.raises(KeyError):
        stream_text(get_chat_model("fake"), PROMPT, on_token=on_token)


# --- names and settings -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["", "gpt-4o", "openai:", "ollama:", "llamacpp:", "anthropic:claude", "composer"])
def test_unknown_names_list_the_accepted_forms(name):
    with pytest.raises(ValueError) as caught:
        get_chat_model(name)
    message = str(caught.value)
    assert message.startswith("Không biết mô hình")
    for form in ("openai:<tên mô hình>", "ollama:<tên mô hình>", "llamacpp:<tệp .gguf>", "fake"):
        assert form in message


def test_openai_model_takes_url_key_timeout_from_settings():
    settings = Settings(llm_base_url="http://10.0.0.5:8000/v1", llm_timeout=12)
    model = get_chat_model("openai:qwen2.5-7b", settings=settings, streaming=True)
    assert model.model_name == "qwen2.5-7b"
    assert model.openai_api_base == "http://10.0.0.5:8000/v1"
    assert model.request_timeout == 12
    assert model.openai_api_key.get_secret_value() == "not-needed"
    assert model.max_retries == 1 and model.temperature == 0.2 and model.streaming


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [(None, "http://localhost:11434/v1"), ("http://gpu-server:11434", "http://gpu-server:11434/v1"),
     ("http://gpu-server:11434/v1/", "http://gpu-server:11434/v1")],
)
def test_ollama_goes_through_its_openai_compatible_endpoint(base_url, expected):
    model = get_chat_model("ollama:qwen2.5:7b", settings=Settings(llm_base_url=base_url))
    assert model.model_name == "qwen2.5:7b" and model.openai_api_base == expected


def test_llamacpp_missing_file_or_package_is_explained(tmp_path):
    error = ValueError if importlib.util.find_spec("llama_cpp") else RuntimeError
    with pytest.raises(error, match="không tìm thấy|Không tìm thấy|pip install"):
        get_chat_model(f"llamacpp:{tmp_path / 'khong-co.gguf'}")


# --- check_connection and stream failures against local stubs -----------------------------------

def test_check_connection_to_a_closed_port_is_fast_and_names_the_server():
    url = f"http://127.0.0.1:{free_port()}/v1"
    started = time.monotonic()
    ok, message = check_connection("openai:any", Settings(llm_base_url=url))
    assert time.monotonic() - started < 5
    assert not ok
    assert url in message and "từ chối kết nối" in message


def test_stream_text_to_a_closed_port_raises_llm_error_naming_the_server():
    url = f"http://127.0.0.1:{free_port()}/v1"
    model = get_chat_model("openai:any", settings=Settings(llm_base_url=url))
    with pytest.raises(LLMError, match=url):
        stream_text(model, PROMPT, timeout=5)


@pytest.fixture
def status_server() -> Iterator[callable]:
    """A local HTTP server answering every request with a chosen status and an OpenAI-style error body."""
    servers = []

    def start(status: int) -> str:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = json.dumps({"error": {"message": f"status {status}", "type": "x"}}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/v1"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("status", "phrase"), [(401, "BCTK_LLM_API_KEY"), (404, "không có mô hình")])
def test_check_connection_explains_http_errors(status_server, status, phrase):
    url = status_server(status)
    ok, message = check_connection("openai:khong-co", Settings(llm_base_url=url))
    assert not ok
    assert url in message and f"lỗi {status}" in message and phrase in message


def test_check_connection_to_a_silent_server_times_out():
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/v1"
        started = time.monotonic()
        ok, message = check_connection("openai:any", Settings(llm_base_url=url), timeout=1)
        assert time.monotonic() - started < 4
    assert not ok
    assert url in message and "quá thời gian" in message


def test_check_connection_with_fake_and_unknown_names():
    assert check_connection("fake")[0]
    ok, message = check_connection("khong-ro")
    assert not ok and "Không biết mô hình" in message


# --- a real OpenAI-compatible server (llama-cpp-python + SmolLM2-135M) ---------------------------

SKIP = server_skip_reason()


def needs_server(test):
    """A real model server (a subprocess, seconds): skipped without it, and run by `make test-slow`."""
    return pytest.mark.slow(pytest.mark.skipif(SKIP is not None, reason=SKIP or "")(test))

LONG_PROMPT = [HumanMessage("Write a very long story about a cat and a dog, with many chapters.")]


@pytest.fixture(scope="module")
def real_server():
    with llama_server() as server:
        yield server


def _real_model(base_url: str, max_tokens: int):
    return get_chat_model("openai:smollm2", settings=Settings(llm_base_url=base_url), max_tokens=max_tokens)


@needs_server
def test_real_server_invoke_returns_text(real_server):
    reply = _real_model(real_server.base_url, 16).invoke([HumanMessage("What is the capital of France?")])
    assert isinstance(reply.content, str) and reply.content.strip()


@needs_server
def test_real_server_streams_several_chunks(real_server):
    tokens: list[str] = []
    text = stream_text(_real_model(real_server.base_url, 24), LONG_PROMPT, on_token=tokens.append, timeout=30,
                       accept_cut=True)
    assert 5 <= len(tokens) <= 24  # max_tokens reaches the server (sent as `max_tokens`)
    assert text == "".join(tokens) and text.strip()


@needs_server
def test_real_server_reply_cut_by_max_tokens_is_reported_as_cut(real_server):
    with pytest.raises(LLMError, match="bị cắt") as caught:
        stream_text(_real_model(real_server.base_url, 8), LONG_PROMPT, timeout=30)
    assert caught.value.cut and caught.value.partial.strip()


@needs_server
def test_check_connection_to_the_real_server(real_server):
    ok, message = check_connection("openai:smollm2", Settings(llm_base_url=real_server.base_url))
    assert ok, message
    assert real_server.base_url in message


@needs_server
def test_server_killed_mid_stream_raises_llm_error_quickly():
    with llama_server() as server:
        model = _real_model(server.base_url, 400)
        tokens: list[str] = []

        def on_token(token: str) -> None:
            tokens.append(token)
            if len(tokens) == 3:
                server.kill()

        started = time.monotonic()
        with pytest.raises(LLMError) as caught:
            stream_text(model, LONG_PROMPT, on_token=on_token, timeout=10)
        assert time.monotonic() - started < 10
    assert 3 <= len(tokens) < 400
    assert server.base_url in str(caught.value) and "ngắt giữa chừng" in str(caught.value)


@needs_server
def test_server_hanging_mid_stream_raises_llm_error_within_the_timeout():
    with llama_server() as server:
        model = _real_model(server.base_url, 400)
        tokens: list[str] = []

        def on_token(token: str) -> None:
            tokens.append(token)
            if len(tokens) == 3:
                server.pause()

        started = time.monotonic()
        with pytest.raises(LLMError, match="quá thời gian") as caught:
            stream_text(model, LONG_PROMPT, on_token=on_token, timeout=2)
        assert time.monotonic() - started < 6
    assert server.base_url in str(caught.value)


@needs_server
def test_llamacpp_in_process_streams_from_the_gguf(real_server):
    # real_server first: it proves in a child process that this llama_cpp build generates on this
    # CPU; a crashing build would otherwise take the whole pytest process down with it.
    model = get_chat_model(f"llamacpp:{find_smollm2_gguf()}", max_tokens=12)
    tokens: list[str] = []
    text = stream_text(model, [HumanMessage("Say hello.")], on_token=tokens.append, accept_cut=True)  # 12 tokens
    assert len(tokens) >= 2 and text.strip()
