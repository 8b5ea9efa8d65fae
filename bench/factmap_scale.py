"""Fact map build time as a unit's material grows (lexical scoring, near-duplicate check, assignment).

Run: .venv/bin/python bench/factmap_scale.py   (prints facts and seconds per size; fake embeddings, so
the figure is the map's own cost, not the embedding model's)
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bctk_assist import factmap  # noqa: E402
from bctk_assist.embeddings import FakeEmbeddings  # noqa: E402
from bctk_assist.index import KnowledgeBase  # noqa: E402
from bctk_assist.outline import default_outline  # noqa: E402
from bctk_assist.settings import Settings  # noqa: E402

WORDS = ("nhà trường tổ chức tuyên truyền học sinh phụ huynh trò chơi dân gian kinh phí vận động hội thi an toàn "
         "giao thông bảo hiểm y tế khám sức khỏe mô hình câu lạc bộ đội viên liên đội tặng quà trung thu").split()


def report(sections_n: int, per_section: int, rng: random.Random) -> str:
    lines = ["BÁO CÁO TỔNG KẾT NĂM HỌC 2020-2021"]
    for h in range(sections_n):
        lines.append(f"{h % 9 + 1}. Hoạt động số {h}")
        lines += [" ".join(rng.choice(WORDS) for _ in range(18)).capitalize()
                  + f" với {rng.randint(10, 999)} lượt tham gia {h}-{i}." for i in range(per_section)]
    return "\n".join(lines)


def main() -> None:
    rng = random.Random(1)
    print("facts  map build (s)")
    for n in (10, 30, 60):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bao-cao.txt"
            path.write_text(report(n, 50, rng), encoding="utf-8")
            kb = KnowledgeBase(Settings(home=Path(tmp) / "h", embeddings="fake"), embeddings=FakeEmbeddings())
            kb.ingest(path)
            start = time.perf_counter()
            fmap = factmap.auto_map(kb, default_outline(kb.settings))
            print(f"{len(fmap.facts):5d}  {time.perf_counter() - start:.2f}")


if __name__ == "__main__":
    main()
