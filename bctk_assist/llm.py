"""Chat models by name (`openai:`, `ollama:`, `llamacpp:`, `fake`), a connection check, and streaming
that turns every provider failure into one `LLMError` the drafting code can fall back on.

The only module that imports provider packages. Ollama is reached through its OpenAI-compatible
endpoint (`<host>:11434/v1`), so it needs no package beyond langchain-openai.
"""
from __future__ import annotations

import logging
import queue
import re
import threading
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
log = logging.getLogger(__name__)


class LLMError(RuntimeError):
    """The model could not be reached, stopped answering, ran out of time or was cut; the message is
    one Vietnamese line naming the server. `partial` holds what arrived before, `detail` the technical
    text (for the log or an expander), `cut` tells a truncated reply."""

    def __init__(self, message: str, *, partial: str = "", detail: str = "", cut: bool = False) -> None:
        super().__init__(message)
        self.partial = partial
        self.detail = detail
        self.cut = cut


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
        return _llamacpp_model(Path(model).expanduser(), max_tokens=max_tokens, timeout=settings.llm_timeout)
    if provider == "fake":
        return FakeChatModel(reply=model or FAKE_REPLY, timeout=settings.llm_timeout)
    raise ValueError(f"Không biết mô hình '{name}'. Dùng: {ACCEPTED_NAMES}.")


def _base_url(provider: str, configured: str | None) -> str | None:
    if provider == "openai":
        return configured or None  # None: the OpenAI client's own default (or OPENAI_BASE_URL)
    url = (configured or OLLAMA_DEFAULT_URL).rstrip("/")
    return url if url.endswith("/v1") else url + "/v1"  # Ollama's OpenAI-compatible endpoint


def _llamacpp_model(path: Path, *, max_tokens: int | None, timeout: float | None = None) -> BaseChatModel:
    try:
        import llama_cpp  # noqa: F401
    except ImportError as exc:
        raise RuntimeError(f"Chưa cài gói llama-cpp-python (biên dịch khoảng 8 phút). Cài: {LLAMACPP_HINT}") from exc
    if not path.is_file():
        raise ValueError(f"Không tìm thấy tệp mô hình '{path}' (cần một tệp .gguf).")
    return LlamaCppChatModel(model_path=str(path), max_tokens=max_tokens or 512, timeout=timeout)


def server_url(model: Any) -> str:
    """Where a model lives, for messages: the server URL, the .gguf path, or 'mô hình giả lập'."""
    model = getattr(model, "bound", model)  # unwrap model.bind(...)
    if isinstance(model, FakeChatModel):
        return "mô hình giả lập (fake)"
    if isinstance(model, LlamaCppChatModel):
        return model.model_path
    return getattr(model, "openai_api_base", None) or OPENAI_DEFAULT_URL


def model_timeout(model: Any) -> float | None:
    """The overall deadline a model was built with (settings.llm_timeout), in seconds, or None."""
    model = getattr(model, "bound", model)
    value = getattr(model, "request_timeout", None)
    if value is None:
        value = getattr(model, "timeout", None)
    return float(value) if isinstance(value, (int, float)) and value > 0 else None


def stream_text(
    model: Any,
    messages: Sequence[BaseMessage] | str,
    on_token: Callable[[str], None] | None = None,
    timeout: float | None = None,
    *,
    accept_cut: bool = False,
) -> str:
    """Stream a reply, calling on_token for each piece; any failure of the model becomes LLMError.

    One overall deadline bounds the whole reply: `timeout`, else the timeout the model was built
    with (settings.llm_timeout). The model runs in a worker thread, so a server that never answers,
    or drips one token a second, is given up on at the deadline, not after each read's timeout.
    A reply the server cut (finish_reason "length", or a stream that ends without a finish reason)
    raises LLMError too, with the partial text in `.partial`, unless `accept_cut`.
    """
    url = server_url(model)
    timeout = timeout or model_timeout(model)
    deadline = time.monotonic() + timeout if timeout else None
    kwargs = {"timeout": timeout} if timeout and _is_openai(model) else {}
    feed: queue.Queue = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(target=_pump, args=(model, messages, kwargs, feed, stop), daemon=True,
                              name="bctk-llm-stream")
    worker.start()
    parts: list[str] = []
    finish: str | None = None
    try:
        while True:
            try:
                kind, item = feed.get(timeout=None if deadline is None else max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise LLMError(f"Máy chủ mô hình {url} chưa trả lời xong sau {timeout:g} giây "
                               "(quá thời gian chờ).", partial="".join(parts)) from None
            if kind == "end":
                break
            if kind == "error":
                raise _failure(item, url, timeout, "".join(parts))
            finish = _finish_reason(item) or finish
            text = _chunk_text(item)
            if text:
                parts.append(text)
                if on_token is not None:
                    on_token(text)  # outside any model try: the caller's own errors are not the model's
    finally:
        stop.set()  # the worker closes the stream at its next piece
    text = "".join(parts)
    if not accept_cut:
        _check_complete(model, url, text, finish)
    return text


def _pump(model: Any, messages: Any, kwargs: dict, feed: queue.Queue, stop: threading.Event) -> None:
    """Worker: the model's stream, piece by piece, into `feed`; stops early when asked."""
    chunks = None
    try:
        chunks = iter(model.stream(messages, **kwargs))
        for chunk in chunks:
            if stop.is_set():
                break
            feed.put(("chunk", chunk))
        feed.put(("end", None))
    except BaseException as exc:  # connection, timeout, HTTP status, broken stream: all reported
        feed.put(("error", exc))
    finally:
        if chunks is not None:
            _close(chunks)


def _failure(exc: BaseException, url: str, timeout: float | None, partial: str) -> LLMError:
    message = describe_failure(exc, url, timeout, mid_stream=bool(partial))
    detail = f"{type(exc).__name__}: {_short(exc, 2000)}"
    log.info("%s | %s", message, detail)  # not WARNING: Python would print it on stderr
    error = LLMError(message, partial=partial, detail=detail)
    error.__cause__ = exc
    return error


def _finish_reason(chunk: Any) -> str | None:
    meta = getattr(chunk, "response_metadata", None) or {}
    return meta.get("finish_reason") or meta.get("done_reason")


_ENDS_SENTENCE = re.compile(r"[.!?…:;)\]\"'”»]\s*$")


def _check_complete(model: Any, url: str, text: str, finish: str | None) -> None:
    """A reply cut by the server's token limit or by a stream that stopped early is not a reply."""
    if finish == "length":
        raise LLMError(f"Câu trả lời của mô hình {url} bị cắt giữa chừng (chạm giới hạn độ dài; "
                       "tăng BCTK_LLM_MAX_TOKENS hoặc giới hạn của máy chủ).", partial=text, cut=True)
    if finish is not None:
        return
    # Our providers always report why a reply ended; a stream without it stopped early. Another
    # model that does not report it is judged by the end of its text.
    reports = _is_openai(model) or isinstance(getattr(model, "bound", model), (FakeChatModel, LlamaCppChatModel))
    if reports or (text.strip() and not _ENDS_SENTENCE.search(text)):
        raise LLMError(f"Câu trả lời của mô hình {url} bị cắt giữa chừng (kết nối đóng trước khi trả lời xong).",
                       partial=text, cut=True)


class _Answered(Exception):
    """Raised from the probe's on_token to stop at the first piece of a reply."""


def check_connection(name: str, settings: Settings | None = None, *, timeout: float = 5.0) -> tuple[bool, str]:
    """Send a tiny prompt under one deadline; (ok, Vietnamese message naming the server)."""
    # No retries and a short timeout: a check must answer fast.
    probe = (settings or Settings()).model_copy(update={"llm_retries": 0, "llm_timeout": timeout})
    try:
        model = get_chat_model(name, settings=probe, max_tokens=1)
    except (ValueError, RuntimeError) as exc:
        return False, str(exc)
    url = server_url(model)

    def first_piece(_token: str) -> None:
        raise _Answered  # the server answers: that is all a check needs to know

    try:
        stream_text(model, [HumanMessage("Xin chào")], on_token=first_piece, timeout=timeout, accept_cut=True)
    except _Answered:
        pass
    except LLMError as exc:
        return False, str(exc)
    return True, f"Kết nối được tới {url} (mô hình '{name.partition(':')[2] or name}')."


_STATUS_HINTS = {
    400: "máy chủ không nhận yêu cầu (có thể lời nhắc quá dài so với mô hình)",
    403: "máy chủ từ chối quyền truy cập",
    408: "máy chủ hết thời gian chờ",
    413: "yêu cầu quá lớn",
    429: "quá nhiều yêu cầu hoặc hết hạn mức: thử lại sau",
    500: "máy chủ gặp lỗi nội bộ",
    502: "máy chủ trung gian không nhận được trả lời",
    503: "máy chủ đang quá tải hoặc tạm ngừng: thử lại sau",
    504: "máy chủ trung gian hết thời gian chờ",
}


def describe_failure(exc: BaseException, url: str, timeout: float | None = None, *, mid_stream: bool = False) -> str:
    """One Vietnamese line for a provider exception (refused, timeout, HTTP status, broken stream).

    The server's own text (often English, multi-line, with URLs) is not included: it goes to the
    log and to LLMError.detail.
    """
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
        hint = _STATUS_HINTS.get(status, "máy chủ gặp sự cố" if status >= 500 else "yêu cầu bị từ chối")
        return f"Máy chủ mô hình {url} báo lỗi {status}: {hint}."
    if mid_stream or kind in ("RemoteProtocolError", "ReadError"):
        return f"Kết nối tới máy chủ mô hình {url} bị ngắt giữa chừng."
    if "Connection" in kind or isinstance(exc, ConnectionError):
        return f"Không kết nối được máy chủ mô hình {url}: máy chủ từ chối kết nối (chưa chạy hoặc sai địa chỉ/cổng)."
    return f"Mô hình {url} gặp lỗi ({kind}); chi tiết trong nhật ký."


def _short(exc: BaseException, limit: int = 200) -> str:
    """The exception's text plus its innermost cause (e.g. 'peer closed connection ...'), on one line."""
    text = str(exc) or type(exc).__name__
    root = exc
    while root.__cause__ is not None or root.__context__ is not None:
        root = root.__cause__ or root.__context__
    if root is not exc and str(root) and str(root) not in text:
        text = f"{text} {root}"
    return " ".join(text.split())[:limit]


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
    `finish_reason` is reported with the last piece ("stop"; "length" or None simulate a cut reply);
    `delay` sleeps before each piece (a slow server); `timeout` is the overall deadline stream_text uses.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    reply: str | list[str] | Callable[[list[BaseMessage]], str] = FAKE_REPLY
    prompts: list[list[BaseMessage]] = Field(default_factory=list)
    fail_after: int | None = None
    error: Exception = Field(default_factory=lambda: ConnectionError("mất kết nối giả lập"))
    finish_reason: str | None = "stop"
    delay: float = 0.0
    timeout: float | None = None

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
        info = {"finish_reason": self.finish_reason} if self.finish_reason else None
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text), generation_info=info)])

    def _stream(self, messages, stop=None, run_manager: CallbackManagerForLLMRun | None = None, **kwargs):
        for i, token in enumerate(_tokens(self._answer(messages))):
            if self.fail_after is not None and i >= self.fail_after:
                raise self.error
            if self.delay:
                time.sleep(self.delay)
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=token))
            if run_manager is not None:
                run_manager.on_llm_new_token(token, chunk=chunk)
            yield chunk
        if self.finish_reason:
            yield ChatGenerationChunk(message=AIMessageChunk(content=""),
                                      generation_info={"finish_reason": self.finish_reason})


class LlamaCppChatModel(BaseChatModel):
    """A .gguf model run in-process by llama-cpp-python (optional extra); loaded on first use."""

    model_path: str
    max_tokens: int = 512
    timeout: float | None = None
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
            choice = part["choices"][0]
            token = choice["delta"].get("content") or ""
            if choice.get("finish_reason"):
                yield ChatGenerationChunk(message=AIMessageChunk(content=token),
                                          generation_info={"finish_reason": choice["finish_reason"]})
                continue
            if not token:
                continue
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=token))
            if run_manager is not None:
                run_manager.on_llm_new_token(token, chunk=chunk)
            yield chunk
