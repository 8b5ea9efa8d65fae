"""Chat models by name (`openai:`, `ollama:`, `llamacpp:`, `fake`), a connection check, and streaming
that turns every provider failure into one `LLMError` the drafting code can fall back on.

The only module that imports provider packages. Ollama is reached through its OpenAI-compatible
endpoint (`<host>:11434/v1`), so it needs no package beyond langchain-openai.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field, PrivateAttr

from .settings import Settings

ACCEPTED_NAMES = "openai:<tên mô hình>, ollama:<tên mô hình>, llamacpp:<tệp .gguf>, fake, fake:<câu trả lời>"
OPENAI_DEFAULT_URL = "https://api.openai.com/v1"
OLLAMA_DEFAULT_URL = "http://localhost:11434/v1"
# GGML_NATIVE=OFF: a native build on CPUs with AMX segfaults in ggml's AMX matmul (seen on our machines).
LLAMACPP_HINT = "CMAKE_ARGS='-DGGML_NATIVE=OFF' pip install 'llama-cpp-python==0.3.36'"
FAKE_REPLY = "Nhà trường đã quán triệt và triển khai thực hiện nghiêm túc các nội dung của Chỉ thị."
TEMPERATURE = 0.2


class LLMError(RuntimeError):
    """The model could not be reached or stopped answering; the message is Vietnamese and names the server."""


def get_chat_model(
    name: str,
    *,
    settings: Settings | None = None,
    streaming: bool = False,
    max_tokens: int | None = None,
) -> BaseChatModel:
    """Build the chat model a name asks for; provider packages are imported only when chosen."""
    settings = settings or Settings()
    provider, _, model = name.strip().partition(":")
    model = model.strip()
    max_tokens = max_tokens or getattr(settings, "llm_max_tokens", None)
    if provider in ("openai", "ollama") and model:
        from langchain_openai import ChatOpenAI

        # `streaming` only when asked: an explicit streaming=False makes langchain-core 1.7's
        # .stream() fall back to one blocking call.
        extra: dict[str, Any] = {"streaming": True} if streaming else {}
        base_url = _base_url(provider, settings.llm_base_url)
        if max_tokens and base_url:
            # ChatOpenAI sends `max_completion_tokens`, which llama.cpp's server (and other
            # OpenAI-compatible servers) ignore: send the classic `max_tokens` to them instead.
            extra["extra_body"] = {"max_tokens": max_tokens}
        elif max_tokens:
            extra["max_tokens"] = max_tokens
        return ChatOpenAI(
            model=model,
            base_url=base_url,
            api_key=settings.llm_api_key or "not-needed",
            timeout=settings.llm_timeout,
            max_retries=getattr(settings, "llm_retries", 1),
            temperature=TEMPERATURE,
            **extra,
        )
    if provider == "llamacpp" and model:
        return _llamacpp_model(Path(model).expanduser(), max_tokens=max_tokens)
    if provider == "fake":
        return FakeChatModel(reply=model or FAKE_REPLY)
    raise ValueError(f"Không biết mô hình '{name}'. Dùng: {ACCEPTED_NAMES}.")


def _base_url(provider: str, configured: str | None) -> str | None:
    if provider == "openai":
        return configured or None  # None: the OpenAI client's own default (or OPENAI_BASE_URL)
    url = (configured or OLLAMA_DEFAULT_URL).rstrip("/")
    return url if url.endswith("/v1") else url + "/v1"  # Ollama's OpenAI-compatible endpoint


def _llamacpp_model(path: Path, *, max_tokens: int | None) -> BaseChatModel:
    try:
        import llama_cpp  # noqa: F401
    except ImportError as exc:
        raise RuntimeError(f"Chưa cài gói llama-cpp-python (biên dịch khoảng 8 phút). Cài: {LLAMACPP_HINT}") from exc
    if not path.is_file():
        raise ValueError(f"Không tìm thấy tệp mô hình '{path}' (cần một tệp .gguf).")
    return LlamaCppChatModel(model_path=str(path), max_tokens=max_tokens or 512)


def server_url(model: Any) -> str:
    """Where a model lives, for messages: the server URL, the .gguf path, or 'mô hình giả lập'."""
    model = getattr(model, "bound", model)  # unwrap model.bind(...)
    if isinstance(model, FakeChatModel):
        return "mô hình giả lập (fake)"
    if isinstance(model, LlamaCppChatModel):
        return model.model_path
    return getattr(model, "openai_api_base", None) or OPENAI_DEFAULT_URL


def stream_text(
    model: Any,
    messages: Sequence[BaseMessage] | str,
    on_token: Callable[[str], None] | None = None,
    timeout: float | None = None,
) -> str:
    """Stream a reply, calling on_token for each piece; any failure of the model becomes LLMError.

    `timeout` bounds the whole reply: it is also sent as the per-request timeout to OpenAI-compatible
    servers, so a silent server is given up on after at most about twice this long.
    """
    url = server_url(model)
    kwargs = {"timeout": timeout} if timeout and _is_openai(model) else {}
    deadline = time.monotonic() + timeout if timeout else None
    parts: list[str] = []
    try:
        chunks = iter(model.stream(messages, **kwargs))
    except Exception as exc:
        raise LLMError(describe_failure(exc, url, timeout)) from exc
    while True:
        try:
            chunk = next(chunks)
        except StopIteration:
            break
        except Exception as exc:  # connection, timeout, HTTP status, broken stream: all fall back
            raise LLMError(describe_failure(exc, url, timeout, mid_stream=bool(parts))) from exc
        text = _chunk_text(chunk)
        if text:
            parts.append(text)
            if on_token is not None:
                on_token(text)  # outside the try: the caller's own errors are not the model's
        if deadline is not None and time.monotonic() > deadline:
            _close(chunks)
            raise LLMError(f"Máy chủ mô hình {url} chưa trả lời xong sau {timeout:g} giây (quá thời gian chờ).")
    return "".join(parts)


def check_connection(name: str, settings: Settings | None = None, *, timeout: float = 5.0) -> tuple[bool, str]:
    """Send a tiny prompt with a short timeout; (ok, Vietnamese message naming the server)."""
    # No retries and a short timeout: a check must answer fast.
    probe = (settings or Settings()).model_copy(update={"llm_retries": 0, "llm_timeout": timeout})
    try:
        model = get_chat_model(name, settings=probe, max_tokens=1)
    except (ValueError, RuntimeError) as exc:
        return False, str(exc)
    url = server_url(model)
    try:
        stream_text(model, [HumanMessage("Xin chào")], timeout=timeout)
    except LLMError as exc:
        return False, str(exc)
    return True, f"Kết nối được tới {url} (mô hình '{name.partition(':')[2] or name}')."


def describe_failure(exc: BaseException, url: str, timeout: float | None = None, *, mid_stream: bool = False) -> str:
    """One Vietnamese sentence for a provider exception: refused, timeout, 401, model not found, broken stream."""
    kind = type(exc).__name__
    status = getattr(exc, "status_code", None)
    seconds = f" trong {timeout:g} giây" if timeout else ""
    if "Timeout" in kind:
        return f"Máy chủ mô hình {url} không trả lời{seconds} (quá thời gian chờ)."
    if status == 401:
        return f"Máy chủ mô hình {url} từ chối khóa truy cập (lỗi 401): kiểm tra BCTK_LLM_API_KEY."
    if status == 404:
        return f"Máy chủ mô hình {url} không có mô hình được yêu cầu (lỗi 404): kiểm tra tên mô hình."
    if status is not None:
        return f"Máy chủ mô hình {url} báo lỗi {status}: {_short(exc)}"
    if mid_stream or kind in ("RemoteProtocolError", "ReadError"):
        return f"Kết nối tới máy chủ mô hình {url} bị ngắt giữa chừng ({_short(exc)})."
    if "Connection" in kind or isinstance(exc, ConnectionError):
        return f"Không kết nối được máy chủ mô hình {url}: máy chủ từ chối kết nối (chưa chạy hoặc sai địa chỉ/cổng)."
    return f"Mô hình {url} gặp lỗi: {_short(exc)}"


def _short(exc: BaseException) -> str:
    """The exception's text plus its innermost cause (e.g. 'peer closed connection ...'), shortened."""
    text = str(exc) or type(exc).__name__
    root = exc
    while root.__cause__ is not None or root.__context__ is not None:
        root = root.__cause__ or root.__context__
    if root is not exc and str(root) and str(root) not in text:
        text = f"{text} {root}"
    return text[:200]


def _is_openai(model: Any) -> bool:
    return getattr(getattr(model, "bound", model), "openai_api_base", "missing") != "missing"


def _chunk_text(chunk: Any) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content or [])


def _close(chunks: Iterator[Any]) -> None:
    close = getattr(chunks, "close", None)
    if close is not None:
        try:
            close()
        except Exception:  # closing a broken stream may fail again; the error is already reported
            pass


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s*\S+", text) or [text]


class FakeChatModel(BaseChatModel):
    """Test model: records every prompt, answers with a fixed, scripted or computed reply, streams word by word.

    `reply` is a string, a list of strings (one per call, the last one repeats) or a function of the
    messages. `fail_after=n` makes streaming raise `error` after n pieces (and invoke raise at once).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    reply: str | list[str] | Callable[[list[BaseMessage]], str] = FAKE_REPLY
    prompts: list[list[BaseMessage]] = Field(default_factory=list)
    fail_after: int | None = None
    error: Exception = Field(default_factory=lambda: ConnectionError("mất kết nối giả lập"))

    @property
    def _llm_type(self) -> str:
        return "bctk-fake"

    @property
    def last_prompt(self) -> str:
        """Text of all messages of the last call, joined (for assertions)."""
        return "\n".join(str(m.content) for m in self.prompts[-1]) if self.prompts else ""

    def _answer(self, messages: list[BaseMessage]) -> str:
        self.prompts.append(list(messages))
        if callable(self.reply):
            return self.reply(list(messages))
        if isinstance(self.reply, list):
            return self.reply[min(len(self.prompts), len(self.reply)) - 1]
        return self.reply

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        text = self._answer(messages)
        if self.fail_after is not None:
            raise self.error
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages, stop=None, run_manager: CallbackManagerForLLMRun | None = None, **kwargs):
        for i, token in enumerate(_tokens(self._answer(messages))):
            if self.fail_after is not None and i >= self.fail_after:
                raise self.error
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=token))
            if run_manager is not None:
                run_manager.on_llm_new_token(token, chunk=chunk)
            yield chunk


class LlamaCppChatModel(BaseChatModel):
    """A .gguf model run in-process by llama-cpp-python (optional extra); loaded on first use."""

    model_path: str
    max_tokens: int = 512
    temperature: float = TEMPERATURE
    n_ctx: int = 4096
    _llama: Any = PrivateAttr(default=None)

    @property
    def _llm_type(self) -> str:
        return "bctk-llamacpp"

    def _client(self) -> Any:
        if self._llama is None:
            from llama_cpp import Llama

            self._llama = Llama(model_path=self.model_path, n_ctx=self.n_ctx, verbose=False)
        return self._llama

    def _request(self, messages: list[BaseMessage], stop: list[str] | None, stream: bool) -> Any:
        roles = {"system": "system", "human": "user", "ai": "assistant"}
        payload = [{"role": roles.get(m.type, "user"), "content": str(m.content)} for m in messages]
        return self._client().create_chat_completion(
            messages=payload, max_tokens=self.max_tokens, temperature=self.temperature, stop=stop, stream=stream
        )

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        text = self._request(messages, stop, stream=False)["choices"][0]["message"]["content"] or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages, stop=None, run_manager: CallbackManagerForLLMRun | None = None, **kwargs):
        for part in self._request(messages, stop, stream=True):
            token = part["choices"][0]["delta"].get("content") or ""
            if not token:
                continue
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=token))
            if run_manager is not None:
                run_manager.on_llm_new_token(token, chunk=chunk)
            yield chunk
