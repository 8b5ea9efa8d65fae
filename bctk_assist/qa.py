"""Criterion Q&A: "what does this item require?" answered by quoting the outline and the guidance.

The composer answer quotes the section's own wording whole and the guidance clauses that state the
same requirement, each with its number and location; a model, when configured, may add prose after
the quotes, never in place of them.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bctk_assist import textvi
from bctk_assist.factmap import focus as _focus
from bctk_assist.grounding import COMPOSER, Evidence, is_vietnamese
from bctk_assist.index import Chunk, KnowledgeBase
from bctk_assist.prompts import evidence_block, render_prompt

FRAME_KINDS = ("outline", "guidance", "directive")


def textvi_numbered_heading(line: str) -> bool:
    from bctk_assist.sources import numbered_level

    return bool(numbered_level(line)) and len(line) < 160 and not line.rstrip().endswith(".")



def _similarity(a: str, b: str, idf: dict[str, float]) -> float:
    """IDF-weighted Dice overlap of the syllables of two texts (0..1)."""
    wa = {t: idf.get(t, 1.0) for t in set(textvi.tokens(a)) if "_" not in t}
    wb = {t: idf.get(t, 1.0) for t in set(textvi.tokens(b)) if "_" not in t}
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum(w for t, w in wa.items() if t in wb) / total if total else 0.0


def _key_bigrams(text: str, idf: dict[str, float], generic_share: float = 0.25) -> set[str]:
    """Two-syllable words of an item that are specific (in at most a quarter of the chunks)."""
    threshold = math.log(1 + 1 / generic_share)
    return {t for t in textvi.tokens(text) if "_" in t and idf.get(t, 99.0) >= threshold}


class EvidenceBook:
    """Numbers evidence [1]..[k] in order of first use, so citations in the text stay in sequence."""

    def __init__(self) -> None:
        self.items: list[Evidence] = []

    def add(self, quote: str, chunk: Chunk, score: float) -> Evidence:
        for ev in self.items:
            if ev.quote == quote and ev.chunk_id == chunk.id:
                return ev
        ev = Evidence(len(self.items) + 1, quote, chunk.doc, chunk.location, chunk.kind, chunk.id, score)
        self.items.append(ev)
        return ev


def outline_frame(kb: KnowledgeBase, title: str) -> Chunk | None:
    """The outline chunk that states this section (for the opening sentence and its citation)."""
    hits = kb.search(title, k=3, kind="outline")
    want = textvi.fold(title)[:60]
    for hit in hits:
        if want and want in textvi.fold(hit.text):
            return hit.to_chunk()
    return None


def _topic(item: str) -> str:
    """An outline item as a noun phrase to write "Về …": strip bullets, trailing marks, "Việc"."""
    from bctk_assist.outline import tidy

    text = re.sub(r"^[-+•–*]\s*", "", tidy(item.strip()))
    text = re.sub(r"^(\d+(\.\d+)*|[IVXLC]+|[a-zđ])[.)\-]\s+", "", text)
    text = re.sub(r"[;:.…,\s]+$", "", text).replace(";…", "")
    text = re.sub(r"^(Việc|Công tác|Đánh giá)\s+", lambda m: m.group(0).lower(), text)
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]).rstrip(",;") + ("…" if len(parts) > words else "")


@dataclass
class Answer:
    answer: str
    citations: list[Evidence]
    engine: str = COMPOSER
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"answer": self.answer, "citations": [c.to_json() for c in self.citations], "engine": self.engine}


NOT_FOUND = "Không tìm thấy nội dung liên quan trong đề cương và hướng dẫn đã lập chỉ mục."
_LABEL_RE = re.compile(r"^\s*(?:#+\s*)?((?:Phần thứ \S+)|(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)\-])")
_KIND_TITLES = {"outline": "Đề cương", "guidance": "Hướng dẫn", "directive": "Chỉ thị"}


def clause_label(chunk: Chunk, line: str) -> str:
    """The item number a clause sits under: its own label, its chunk's first line, or its heading."""
    for candidate in (line, chunk.text.split("\n")[0], *reversed(chunk.heading.split(" > "))):
        m = _LABEL_RE.match(candidate or "")
        if m:
            return m.group(1).rstrip(".-)")
    return ""


def _clause_lines(chunk: Chunk) -> list[str]:
    """Quotable clauses of a chunk: its lines, a line ending in ":" taken together with its list."""
    lines = [l.strip() for l in chunk.text.split("\n") if l.strip()]
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.endswith(":"):
            j = i + 1
            while j < len(lines) and re.match(r"^[-+•–]\s", lines[j]):
                j += 1
            out.append(" ".join(lines[i:j]))
            out.extend(lines[i + 1:j])  # each listed point can also be quoted on its own
            i = max(j, i + 1)
            continue
        if len(line) > 15 and not (textvi_numbered_heading(line) and len(line) < 60):
            out.append(line)
        i += 1
    return out


def _clauses(kb: KnowledgeBase, queries: Sequence[str], idf: dict[str, float], *, kinds: Sequence[str] = FRAME_KINDS,
             per_query: int = 1, min_score: float = 0.25, gate: bool = True) -> list[tuple[Chunk, str]]:
    """For each query (an item, or the question), the clauses of the outline/guidance that state it best."""
    pool: dict[tuple[str, str], tuple[Chunk, str]] = {}
    for query in queries:
        for hit in kb.search(query, k=3, kind=kinds):
            chunk = hit.to_chunk()
            for line in _clause_lines(chunk):
                pool.setdefault((chunk.id, line), (chunk, line))
    out: list[tuple[Chunk, str]] = []
    for query in queries:
        keys = _key_bigrams(query, idf) if gate else set()
        scored = sorted(((_similarity(query, line, idf), chunk, line) for chunk, line in pool.values()
                         if not keys or keys & set(textvi.tokens(line))), key=lambda t: -t[0])
        for score, chunk, line in scored[:per_query]:
            if score >= min_score and all(line != l for _, l in out):
                out.append((chunk, line))
    return out


def ask(question: str, kb: KnowledgeBase, sections: Sequence = (), *, llm=None, llm_name: str = "llm") -> Answer:
    """Answer "what does this item require?" by quoting the outline and guidance clauses."""
    question = textvi.clean(question).strip()
    if not question:
        return Answer("Câu hỏi đang trống.", [])
    section = _section_in(question, sections)
    idf = kb.idf()
    book = EvidenceBook()
    quoted: list[str] = []
    frame = outline_frame(kb, section.title) if section else None
    if section is not None and frame is not None:
        # The section's own wording in the outline comes first, whole (title and every item).
        text = " ".join([f"{section.label} {section.title}".strip(), *(f"- {i}" for i in section.items)])
        ev = book.add(text, frame, 1.0)
        quoted.append(f"- Đề cương (mục {section.id}, {frame.location}): “{ev.quote}” [{ev.n}]")
    queries = [_focus(i) for i in (section.items or [section.title])] if section else [question]
    kinds = ("guidance", "directive") if frame is not None else FRAME_KINDS
    found = _clauses(kb, queries, idf, kinds=kinds) if section else \
        _clauses(kb, queries, idf, kinds=kinds, per_query=3, min_score=0.1, gate=False)
    for chunk, line in found:
        label = clause_label(chunk, line)
        ev = book.add(line, chunk, 1.0)
        where = f"mục {label}, " if label else ""
        quoted.append(f"- {_KIND_TITLES.get(chunk.kind, chunk.doc)} ({where}{chunk.location}): “{line}” [{ev.n}]")
    if not quoted:
        return Answer(NOT_FOUND, [])
    parts = []
    if section:
        parts.append(f"Mục {section.id} ({section.label} {section.title}) yêu cầu:")
    else:
        parts.append("Các quy định liên quan:")
    parts.extend(quoted)
    if section and section.items:
        summary = "; ".join(_topic(_focus(i)) for i in section.items)
        parts.append(f"Tóm lại, đơn vị cần nêu rõ: {summary}. Mỗi nội dung nên có hoạt động cụ thể, thời gian, "
                     "số liệu và so sánh qua các năm, tránh chung chung.")
    elif section:
        parts.append(f"Tóm lại, đơn vị cần đánh giá {_topic(_focus(section.title))}, có dẫn chứng và số liệu cụ thể.")
    composed = Answer("\n".join(parts), book.items)
    if llm is None:
        return composed
    from bctk_assist.llm import LLMError, stream_text

    prompt = render_prompt("ask.md", question=question, clauses=evidence_block(book.items))
    try:
        text = stream_text(llm, [("human", prompt)]).strip()
    except LLMError as exc:
        composed.warnings.append(f"{exc} Đã trả lời bằng chế độ ngoại tuyến.")
        return composed
    if len(text) < 20 or not is_vietnamese(text):
        composed.warnings.append("Mô hình trả lời không dùng được; đã trả lời bằng chế độ ngoại tuyến.")
        return composed
    # The quotes stay verbatim: the model's prose comes after them.
    return Answer("\n".join(parts[:1 + len(quoted)]) + "\n" + text, book.items,
                  engine=llm_name)


def _section_in(question: str, sections: Sequence):
    """A section named in the question: "Mục P1.II.2", "mục II.2", or its exact title."""
    if not sections:
        return None
    from bctk_assist.outline import find_section

    for m in re.finditer(r"\b(P\d+(?:\.[IVXLC]+)?(?:\.\d+)*(?:\.[a-zđ])?|[IVXLC]+\.\d+(?:\.\d+)*)\b", question, re.I):
        found = find_section(sections, m.group(1))
        if found:
            return found
    folded = textvi.fold(question)
    for s in sections:
        if len(s.title) > 15 and textvi.fold(s.title) in folded:
            return s
    return None
