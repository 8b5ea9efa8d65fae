"""Shared pieces of the Streamlit pages: cached core objects, first-start indexing, the engine
settings chosen in the UI, and safe rendering of document text."""
from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from bctk_assist import services
from bctk_assist.index import KnowledgeBase
from bctk_assist.settings import Settings, get_settings
from bctk_assist.workspace import Workspace

COMPOSER = "composer"
STATUS_ICONS = {"chưa soạn": ":gray[:material/radio_button_unchecked:]",
                "bản nháp": ":orange[:material/edit_note:]", "đã duyệt": ":green[:material/check_circle:]"}


# --- cached core objects ---------------------------------------------------------------------
# Keyed by home and embeddings name, so one process can serve (or test) several workspaces.

@st.cache_resource(show_spinner=False)
def _kb(home: str, embeddings: str) -> KnowledgeBase:
    return KnowledgeBase(get_settings(home=Path(home), embeddings=embeddings))


@st.cache_resource(show_spinner=False)
def _ws(home: str) -> Workspace:
    return Workspace(Path(home))


@st.cache_resource(show_spinner=False)
def _seed_lock(home: str) -> threading.Lock:
    return threading.Lock()


def settings() -> Settings:
    return get_settings()


def kb() -> KnowledgeBase:
    """The knowledge base, once its background warm-up (if started) is over: the core opens its
    vector store lazily, and two threads must not do that at the same time."""
    s = settings()
    home = str(Path(s.home).resolve())
    base = _kb(home, s.embeddings)
    if base.get_meta("seeded"):
        _warm_up(home, s.embeddings).join(timeout=120)
    return base


def ws() -> Workspace:
    return _ws(str(Path(settings().home).resolve()))


def ensure_seeded() -> None:
    """First start: index the bundled corpus with a visible progress bar; a start with another
    embedding model than the index's: embed it again, with a progress bar; later starts: nothing."""
    s = settings()
    home = str(Path(s.home).resolve())
    with st.spinner("Đang khởi động…"):
        base = _kb(home, s.embeddings)
    if not base.get_meta("seeded"):
        _seed(base, home)
    _reembed_if_changed(base, home)
    _warm_up(home, s.embeddings)


def _seed(base: KnowledgeBase, home: str) -> None:
    with _seed_lock(home):  # two sessions at the first start: only one indexes
        if base.get_meta("seeded"):
            return
        bar = st.progress(0.0, text="Lần đầu khởi động: đang lập chỉ mục bộ tài liệu kèm theo…")

        def progress(done: float, total: int, name: str) -> None:
            text = f"Đang lập chỉ mục ({int(done) + 1}/{total}): {name}" if name else "Đã lập chỉ mục xong."
            bar.progress(min(done / max(total, 1), 1.0), text=text)

        failed = [r for r in base.ensure_seeded(progress=progress) if not r.ok]
        bar.empty()
        for r in failed:
            st.error(r.error)


def _reembed_if_changed(base: KnowledgeBase, home: str) -> None:
    """Vectors made with another embedding model (BCTK_EMBEDDINGS changed) are embedded again before
    any page searches them, as `bctk reindex` does; a failure is shown, and search then says why."""
    from bctk_assist.index import VectorStoreError, reindex_error

    try:
        if base.embeddings_change() is None:  # one catalog read on most reruns
            return
    except VectorStoreError as exc:
        st.error(exc.message)
        return
    with _seed_lock(home):  # one session embeds; the others wait, then find nothing to do
        change = base.embeddings_change()
        if change is None:
            return
        bar = st.progress(0.0, text=change.notice)

        def progress(i: int, total: int, name: str, text: str, fraction: float) -> None:
            label = f"{change.notice} ({min(i + 1, total)}/{total}: {name} {text})" if name else change.notice
            bar.progress(min((i + fraction) / max(total, 1), 1.0), text=label)

        try:
            base.reindex(progress=progress, full=change.full)
        except Exception as exc:  # the model or the store failed: the index stays as it was
            st.error(reindex_error(change.current, exc))
        finally:
            bar.empty()


@st.cache_resource(show_spinner=False)
def _warm_up(home: str, embeddings: str) -> threading.Thread:
    """Load the vector store, lexical index and embedding model in the background once per process,
    so the first draft does not pay for it."""
    base = _kb(home, embeddings)

    def warm() -> None:
        try:
            base.ensure_seeded()  # brings an older workspace up to date (the sample report's own kind)
            base.reconcile()  # stray or missing vectors (an ingest killed half-way, an emptied server)
            base.search("kế hoạch thực hiện chỉ thị", k=1)
        except Exception:  # only a warm-up: a real search reports its own errors
            pass

    thread = threading.Thread(target=warm, name="bctk-warm-up", daemon=True)
    thread.start()
    return thread


# --- engine settings chosen in the UI --------------------------------------------------------

@dataclass
class EngineChoice:
    # Lives in st.session_state, on the server: the key is never sent to the browser (pages show
    # `masked_key` and never put the key in a widget).
    engine: str = COMPOSER  # composer | openai:<model> | ollama:<model> | fake…
    base_url: str = ""
    api_key: str = ""
    save_key: bool = False
    key_source: str = ""  # "env" (BCTK_LLM_API_KEY) | "saved" (settings_ui.json) | "session" | ""
    from_env: bool = False  # BCTK_LLM chose the engine (it overrides the saved choice, for both faces)
    key_saved: bool = False  # settings_ui.json holds a key (clearable even while the environment's is in use)

    @property
    def is_llm(self) -> bool:
        return self.engine != COMPOSER

    @property
    def masked_key(self) -> str:
        """'…1234': enough to recognise a key, never enough to use it."""
        key = self.api_key.strip()
        return f"…{key[-4:]}" if len(key) >= 12 else ("…" if key else "")


def _ui_settings_path() -> Path:
    return Path(settings().home) / services.ENGINE_FILE


def load_engine() -> EngineChoice:
    """The engine of this session: session state, else what the CLI would use too (BCTK_LLM, which
    overrides, else the choice saved on the Cài đặt page, else the offline composer)."""
    if "engine_choice" in st.session_state:
        return st.session_state["engine_choice"]
    s = settings()
    resolved, source = services.resolved_engine(s)
    saved = services.stored_engine(s.home)
    key_source = "env" if s.llm_api_key else "saved" if saved.get("api_key") else ""
    choice = EngineChoice(engine=resolved.llm or COMPOSER, base_url=resolved.llm_base_url or "",
                          api_key=resolved.llm_api_key or "", save_key=bool(saved.get("save_key")),
                          key_source=key_source, from_env=source == "env", key_saved=bool(saved.get("api_key")))
    st.session_state["engine_choice"] = choice
    return choice


def save_engine(choice: EngineChoice) -> None:
    """Keep the choice on disk (atomically; the key only if asked to) and for this session, unless
    BCTK_LLM decides the engine (the environment overrides a saved choice, as for the CLI)."""
    current = st.session_state.get("engine_choice")
    if not (current and current.from_env):
        st.session_state["engine_choice"] = choice
    data = {"engine": choice.engine, "base_url": choice.base_url, "save_key": choice.save_key}
    if choice.save_key and choice.api_key:
        data["api_key"] = choice.api_key
    path = _ui_settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings_ui.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:  # mkstemp: 0600 from the start
            json.dump(data, f, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def engine_settings(choice: EngineChoice) -> Settings:
    return settings().model_copy(update={"llm": choice.engine,
                                         "llm_base_url": choice.base_url or None,
                                         "llm_api_key": choice.api_key or None})


@st.cache_resource(show_spinner=False)
def _chat_model(engine: str, base_url: str, api_key: str, timeout: float):
    from bctk_assist.llm import get_chat_model

    s = get_settings().model_copy(update={"llm_base_url": base_url or None,
                                          "llm_api_key": api_key or None, "llm_timeout": timeout})
    return get_chat_model(engine, settings=s, streaming=True)


def chat_model() -> tuple[object | None, str, str]:
    """(model or None for the composer, engine name, error message or "")."""
    choice = load_engine()
    if not choice.is_llm:
        return None, COMPOSER, ""
    try:
        model = _chat_model(choice.engine, choice.base_url, choice.api_key, settings().llm_timeout)
    except (ValueError, RuntimeError, ImportError) as exc:
        return None, COMPOSER, f"Không dùng được mô hình '{choice.engine}': {exc} Đã dùng chế độ ngoại tuyến."
    return model, choice.engine, ""


def engine_label(engine: str) -> str:
    """The engine as a user reads it: «Soạn ngoại tuyến», «Mô hình ngôn ngữ: <tên>»."""
    if engine == COMPOSER:
        return "Soạn ngoại tuyến"
    if engine == "người dùng":
        return "người dùng (bản sửa tay)"
    provider, _, model = engine.partition(":")
    if provider == "llamacpp":
        return f"Mô hình ngôn ngữ: {Path(model).name}"
    if provider in ("openai", "ollama") and model:
        return f"Mô hình ngôn ngữ: {model}" + (" (Ollama)" if provider == "ollama" else "")
    if provider == "fake":
        return "Mô hình thử nghiệm"
    return engine


# --- safe text -------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&^])")


def md_escape(text: str) -> str:
    """Document text as literal markdown: every markdown/HTML character escaped, line breaks kept."""
    text = unicodedata.normalize("NFC", text or "")
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return "  \n".join(escaped.split("\n"))


def safe_name(name: str) -> str:
    """An uploaded file name reduced to a plain basename that cannot leave its folder."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\x00-\x1f]", "", name).strip().lstrip(".")
    return name[:150] or "tep-tai-len"


def save_upload(data: bytes, name: str, subdir: str = "uploads") -> Path:
    """Write uploaded bytes to a fresh folder under the workspace; returns the file path."""
    root = Path(settings().home) / subdir
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder = Path(tempfile.mkdtemp(dir=root))  # 0700
    path = folder / safe_name(name)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path


def remove_upload(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
        path.parent.rmdir()
    except OSError:
        pass


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(size, 0) / 1024:.0f} KB"


# Static CSS only (never document text): Streamlit's file uploader has English built-in texts.
_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button > * { display: none; }
[data-testid="stFileUploaderDropzone"] button::after { content: "Chọn tệp"; font-size: 0.95rem; }
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "Kéo thả tệp vào đây • DOCX, PDF, TXT, MD"; font-size: 0.85rem; }
.block-container { padding-top: 3.5rem; }
/* Streamlit's own English that no setting translates: the ⋮ menu (Rerun, Print, Record a screencast,
   "Made with Streamlit") is hidden; so is "Press Enter / Ctrl+Enter to apply" under text boxes
   (a box applies when the user leaves it anyway). */
[data-testid="stMainMenu"] { display: none; }
[data-testid="InputInstructions"] { display: none; }
</style>
"""


def inject_css() -> None:
    st.markdown(_CSS, unsafe_allow_html=True)
