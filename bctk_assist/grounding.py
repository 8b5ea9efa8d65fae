"""Grounding: the citation and placeholder grammar, number and symbol keys, and the validators.

Every text that can enter the report (drafted by the composer or a model, revised, edited, accepted)
is checked here and nowhere else: each number and document symbol must appear in the user's notes,
the outline wording of the section, or a source cited by the text (its quote or the period the
composer anchored it to).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bctk_assist import textvi

COMPOSER = "composer"
PLACEHOLDER = "[CẦN BỔ SUNG: {}]"
PLACEHOLDER_RE = re.compile(r"\[CẦN BỔ SUNG:?\s*([^\]]*)\]")
# "[3]", "[1, 3]", "[1; 3]", "[1-3]", "[1–3]", "[1-3, 5]"
CITATION_RE = re.compile(r"\[(\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)*)\]")
_VI_CHARS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_MAX_RANGE = 50


@dataclass
class Evidence:
    n: int
    quote: str  # the text as it stands in the source (table rows as "header: value" pairs)
    doc: str
    location: str
    kind: str
    chunk_id: str
    score: float = 0.0
    fact_id: str = ""
    item: int | None = None  # index of the outline item the fact serves (None: the section as a whole)
    context: str = ""  # words the composer added from the document itself (its period), also sourced

    def to_json(self) -> dict:
        out = {"n": self.n, "doc": self.doc, "location": self.location, "quote": self.quote}
        if self.fact_id:
            out.update(fact_id=self.fact_id, item=self.item, context=self.context, kind=self.kind,
                       chunk_id=self.chunk_id)
        return out

    @classmethod
    def from_json(cls, data: dict) -> "Evidence":
        return cls(int(data["n"]), data.get("quote", ""), data.get("doc", ""), data.get("location", ""),
                   data.get("kind", ""), data.get("chunk_id", ""), fact_id=data.get("fact_id", ""),
                   item=data.get("item"), context=data.get("context", ""))


@dataclass
class Draft:
    section_id: str
    text: str
    citations: list[Evidence]
    gaps: list[str] = field(default_factory=list)
    unverified_numbers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    engine: str = COMPOSER
    prompt: str = ""
    prompt_hash: str = ""
    sample_data: bool = False  # built from the bundled invented sample, not the unit's own documents

    def to_json(self, version: int | None = None) -> dict:
        return {"section_id": self.section_id, "version": version, "text": self.text,
                "citations": [c.to_json() for c in self.citations], "gaps": self.gaps,
                "unverified_numbers": self.unverified_numbers, "warnings": self.warnings,
                "engine": self.engine, "sample_data": self.sample_data}


def citation_numbers(body: str) -> list[int]:
    """The numbers a marker's body names: "1, 3" -> [1, 3]; "2-4" -> [2, 3, 4] (ranges capped)."""
    out: list[int] = []
    for part in re.split(r"\s*[,;]\s*", body.strip()):
        ends = [int(x) for x in re.split(r"\s*[-–]\s*", part) if x]
        if len(ends) == 2 and ends[0] <= ends[1] and ends[1] - ends[0] <= _MAX_RANGE:
            out.extend(range(ends[0], ends[1] + 1))
        else:
            out.extend(ends)
    return list(dict.fromkeys(out))


def cited_numbers(text: str) -> list[int]:
    """Every evidence number cited anywhere in a text, in order of first use."""
    out: list[int] = []
    for m in CITATION_RE.finditer(text):
        out.extend(citation_numbers(m.group(1)))
    return list(dict.fromkeys(out))


def strip_markers(text: str) -> str:
    """The text without citation markers and placeholders (what numbers are checked in)."""
    return CITATION_RE.sub("", PLACEHOLDER_RE.sub("", text))


def number_key(n: str) -> str:
    """A number as compared: spaces and "%" dropped, leading zeros of a plain count ignored ("05" = "5")."""
    n = n.replace(" ", "").rstrip("%")
    return (n.lstrip("0") or "0") if re.fullmatch(r"\d+", n) else n


def symbol_key(s: str) -> str:
    return textvi.fold(s)


def sourced_keys(texts: Iterable[str]) -> tuple[set[str], set[str]]:
    """The number keys and symbol keys found in some texts (notes, quotes, outline wording)."""
    joined = " ".join(t for t in texts if t)
    return ({number_key(n) for n in textvi.numbers_in(joined)},
            {symbol_key(s) for s in textvi.symbols_in(joined)})


def unsourced(text: str, numbers: set[str], symbols: set[str]) -> list[str]:
    """Numbers and document symbols of `text` whose keys are not among the sourced ones."""
    body = strip_markers(text)
    out = [n for n in textvi.numbers_in(body) if number_key(n) not in numbers]
    out += [s for s in textvi.symbols_in(body) if symbol_key(s) not in symbols]
    return list(dict.fromkeys(out))


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)|\n+")


def sentences(text: str) -> list[str]:
    """A text cut into sentences; a citation marker stays with the sentence it closes."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def validate(draft: Draft, notes: str, outline_text: str, evidence: Sequence[Evidence], *,
             extra: Sequence[str] = ()) -> Draft:
    """Fill gaps, unverified numbers and warnings; keep only citations to evidence that was given.

    Numbers are bound to their sentence: a figure must appear in the notes, the outline wording,
    `extra` (the unit's name from its profile) or a source cited by that same sentence.
    """
    given = {ev.n: ev for ev in evidence}
    cited = cited_numbers(draft.text)
    bad = sorted(n for n in cited if n not in given)
    draft.citations = [given[n] for n in sorted(n for n in cited if n in given)]
    common_numbers, common_symbols = sourced_keys([notes, outline_text, *extra])  # once, not per sentence
    unverified: list[str] = []
    for sentence in sentences(draft.text):
        own = [given[n] for n in cited_numbers(sentence) if n in given]
        numbers, symbols = sourced_keys(t for ev in own for t in (ev.quote, ev.context))
        unverified += unsourced(sentence, numbers | common_numbers, symbols | common_symbols)
    draft.unverified_numbers = list(dict.fromkeys(unverified))
    draft.gaps = list(dict.fromkeys(g.strip() for g in PLACEHOLDER_RE.findall(draft.text)))
    if bad:
        draft.warnings.append(f"Trích dẫn không có nguồn tương ứng: {', '.join(f'[{n}]' for n in bad)}.")
    if draft.unverified_numbers:
        draft.warnings.append("Có số liệu không tìm thấy trong ghi chú hay nguồn đã trích: "
                              + ", ".join(draft.unverified_numbers) + ".")
    if not is_vietnamese(draft.text):
        draft.warnings.append("Văn bản có vẻ không phải tiếng Việt.")
    return draft


def is_vietnamese(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", textvi.fold(PLACEHOLDER_RE.sub("", text)))
    if len(words) < 5:
        return True
    marked = sum(1 for w in words if _VI_CHARS & set(w))
    return marked / len(words) >= 0.2
