"""The fact map: every fact of the unit's own documents assigned once, over the whole report, to the
outline item it serves best, or left unplaced.

Facts are scored against every item (lexical similarity of the fact and of its heading path, dense
similarity of its chunk) and a fact may only go to an item of its statement kind: a limitation to
the limitations section, a recommendation to the level it addresses. The assignment is global: facts
are placed in order of how sure we are of them, each to its best item with room left, not item by
item in outline order. The user's moves and drops are kept in the workspace and win over the map.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bctk_assist import textvi
from bctk_assist.facts import Fact, address_level, extract_facts
from bctk_assist.index import OWN_KINDS, KnowledgeBase
from bctk_assist.outline import Section, ancestor_titles, draftable, is_instruction

SAMPLE_KIND = "sample"
ITEM_CAPACITY = 12
SECTION_CAPACITY = 16  # a section drafted as a whole (limitations, tasks…) takes more
MIN_SCORE = 0.06  # below this a result fact matches no item: it stays unplaced
NEAR_BEST = 0.8  # a fact whose best item is full moves only to an item nearly as good


@dataclass(frozen=True)
class Slot:
    """One outline item that takes facts (or a section as a whole when it lists no items)."""

    section_id: str
    item: int | None  # index into the section's items; None: the section as a whole
    text: str
    kind: str  # result | limitation | cause | lesson | task | recommendation
    level: str = ""  # for recommendations: the level the section addresses

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.section_id, self.item)


@dataclass
class Placement:
    section_id: str
    item: int | None
    score: float
    by_user: bool = False


@dataclass
class FactMap:
    facts: dict[str, Fact]
    slots: list[Slot]
    placed: dict[str, Placement]
    unplaced: list[str]  # fact ids, in document order
    duplicates: dict[str, str] = field(default_factory=dict)  # fact id -> the fact kept in its place
    dropped: list[str] = field(default_factory=list)  # fact ids the user dropped
    sample: bool = False  # built from the bundled sample: the workspace has no document of its own

    def section_share(self, section_id: str) -> dict[int | None, list[Fact]]:
        """The facts placed in a section, by item, each list in time order."""
        out: dict[int | None, list[Fact]] = {}
        for fid, p in self.placed.items():
            if p.section_id == section_id:
                out.setdefault(p.item, []).append(self.facts[fid])
        for facts in out.values():
            facts.sort(key=_time_order)
        return out

    def section_of(self, fact_id: str) -> Placement | None:
        return self.placed.get(fact_id)

    def unplaced_facts(self) -> list[Fact]:
        return [self.facts[f] for f in self.unplaced]


def _time_order(fact: Fact) -> tuple:
    return (fact.year or 9999, fact.doc, fact.position)


# ----------------------------------------------------------------------------- slots

_SLOT_KINDS = (
    ("cause", re.compile(r"nguyên nhân", re.I)),
    ("lesson", re.compile(r"bài học", re.I)),
    ("limitation", re.compile(r"hạn chế|yếu kém|tồn tại|khuyết điểm", re.I)),
    ("recommendation", re.compile(r"kiến nghị|đề xuất|đề nghị", re.I)),
    ("task", re.compile(r"nhiệm vụ,? giải pháp|phương hướng|giải pháp|thời gian (đến|tới)", re.I)),
    ("result", re.compile(r"kết quả|đánh giá", re.I)),
)


def slot_kind(title: str, ancestors: Sequence[str] = ()) -> str:
    """The kind of statement a section takes: from its own title, else its nearest parent's."""
    for text in (title, *reversed(ancestors)):
        for kind, pattern in _SLOT_KINDS:
            if pattern.search(text):
                return kind
    return "result"


def build_slots(sections: Sequence[Section]) -> list[Slot]:
    """The items of every section that takes text, in outline order."""
    slots: list[Slot] = []
    for section in draftable(list(sections)):
        ancestors = ancestor_titles(list(sections), section)
        kind = slot_kind(section.title, ancestors)
        level = address_level(section.title) if kind == "recommendation" else ""
        items = [(i, it) for i, it in enumerate(section.items) if not is_instruction(it)]
        if not items:
            slots.append(Slot(section.id, None, focus(section.title), kind, level))
            continue
        for i, item in items:
            slots.append(Slot(section.id, i, f"{focus(item)} {focus(section.title)}", kind, level))
    return slots


_REF = (r"(?:Chỉ thị|Kế hoạch|Công văn|Quyết định|Nghị định|Luật)\s+(?:số\s+|cố\s+)?[\w./-]*\d[\w./-]*"
        r"(?:,?\s*ngày\s+\d{1,2}/\d{1,2}/\d{4})?")
DIRECTIVE_REFS = re.compile(rf"(?:thực hiện\s+)?{_REF}(?:\s*(?:,|và)\s*{_REF})*", re.IGNORECASE)


def focus(text: str) -> str:
    """What an item is about, without the directive references every item repeats."""
    text = re.sub(r"\s{2,}", " ", DIRECTIVE_REFS.sub(" ", text))
    text = re.sub(r"^\s*(-|\+|•|–)\s*", "", text)
    return re.sub(r"\s+([,;.])", r"\1", re.sub(r"[\s,;]*(và)?[\s,;]*$", "", text)).strip() or text


# ----------------------------------------------------------------------------- scoring

_GENERIC = {"việc", "các", "và", "của", "trong", "cho", "với", "được", "đã", "có", "là", "những", "về",
            "thực", "hiện", "thực_hiện", "công", "tác", "công_tác", "đánh", "giá", "đánh_giá", "nhà", "trường",
            "nhà_trường", "đơn", "vị", "đơn_vị", "tăng", "cường", "tăng_cường", "tốt", "các_cấp"}


def _weights(text: str, idf: Mapping[str, float]) -> dict[str, float]:
    return {t: idf.get(t, 8.0) for t in set(textvi.tokens(text)) if t not in _GENERIC}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    common = sum(w * w for t, w in a.items() if t in b)
    return common / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))


def _fact_text(fact: Fact) -> str:
    return fact.text if not fact.lead else f"{fact.lead} {fact.text}"


def _headings(fact: Fact) -> tuple[str, str]:
    """The innermost heading a fact sits under, and the one above it."""
    path = fact.heading.split(" > ") if fact.heading else []
    return (path[-1] if path else "", path[-2] if len(path) > 1 else "")


def score_matrix(facts: Sequence[Fact], slots: Sequence[Slot], idf: Mapping[str, float],
                 dense: Mapping[str, Sequence[float]] | None = None) -> tuple[list[list[float]], list[float]]:
    """score[f][s]: how well fact f serves slot s (lexical fact + heading, plus dense when given),
    and each fact's best lexical score (what decides whether it fits the outline at all)."""
    slot_vecs = [_weights(s.text, idf) for s in slots]
    out, lexical_best = [], []
    for fact in facts:
        inner, outer = _headings(fact)
        fv, hv, ov = _weights(_fact_text(fact), idf), _weights(inner, idf), _weights(outer, idf)
        row = [_cosine(fv, sv) + 0.5 * _cosine(hv, sv) + 0.15 * _cosine(ov, sv) for sv in slot_vecs]
        lexical_best.append(max((r for r, sl in zip(row, slots) if compatible(fact, sl)), default=0.0))
        if dense and fact.chunk_id in dense:
            sims = dense[fact.chunk_id]
            mean = sum(sims) / len(sims)
            row = [r + 0.5 * max(0.0, d - mean) for r, d in zip(row, sims)]
        out.append(row)
    return out, lexical_best


def compatible(fact: Fact, slot: Slot) -> bool:
    if fact.kind != slot.kind:
        return False
    return not (fact.kind == "recommendation" and fact.level and slot.level and fact.level != slot.level
                and fact.level != "xa")


# ----------------------------------------------------------------------------- assignment

def dedupe(facts: Sequence[Fact]) -> tuple[list[Fact], dict[str, str]]:
    """Drop near-identical statements (a sentence repeated in an annual report and a sơ kết)."""
    kept: list[tuple[Fact, set[str]]] = []
    duplicates: dict[str, str] = {}
    for fact in facts:
        tokens = {t for t in textvi.tokens(fact.text) if "_" not in t}
        twin = next((k for k, kt in kept if k.kind == fact.kind and tokens and kt
                     and len(tokens & kt) / len(tokens | kt) >= 0.75), None)
        if twin is None:
            kept.append((fact, tokens))
        else:
            duplicates[fact.id] = twin.id
    return [k for k, _ in kept], duplicates


def assign(facts: Sequence[Fact], slots: Sequence[Slot], scores: Sequence[Sequence[float]],
           fit: Sequence[float] | None = None) -> tuple[dict[str, Placement], list[str]]:
    """Global assignment: the surest facts first, each to its best compatible slot with room left."""
    options: list[tuple[float, int, list[tuple[float, int]]]] = []
    for fi, fact in enumerate(facts):
        ranked = sorted(((scores[fi][si], si) for si, slot in enumerate(slots) if compatible(fact, slot)),
                        key=lambda t: (-t[0], t[1]))
        if fact.kind == "recommendation" and fact.level:
            ranked.sort(key=lambda t: (slots[t[1]].level != fact.level, -t[0], t[1]))
        options.append((ranked[0][0] if ranked else 0.0, fi, ranked))
    load: dict[int, int] = {}
    placed: dict[str, Placement] = {}
    unplaced: list[str] = []
    for best, fi, ranked in sorted(options, key=lambda o: (-o[0], o[1])):
        fact = facts[fi]
        whole_kind = fact.kind != "result"  # few slots take these: the kind itself decides
        if not ranked or (not whole_kind and (fit[fi] if fit is not None else best) < MIN_SCORE):
            unplaced.append(fact.id)
            continue
        for score, si in ranked:
            capacity = SECTION_CAPACITY if slots[si].item is None else ITEM_CAPACITY
            if load.get(si, 0) < capacity and (score >= NEAR_BEST * best or whole_kind):
                load[si] = load.get(si, 0) + 1
                placed[fact.id] = Placement(slots[si].section_id, slots[si].item, score)
                break
        else:
            unplaced.append(fact.id)
    order = {f.id: i for i, f in enumerate(facts)}
    return placed, sorted(unplaced, key=order.__getitem__)


# ----------------------------------------------------------------------------- the map of a workspace

_CACHE: dict[tuple, FactMap] = {}
_CACHE_LOCK = threading.Lock()


def outline_key(sections: Sequence[Section]) -> str:
    data = json.dumps([s.to_json() for s in sections], ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(data.encode()).hexdigest()[:12]


def unit_documents(kb: KnowledgeBase) -> tuple[list, bool]:
    """The documents drafting may use: the unit's own, or the sample while it has none."""
    docs = kb.docs()
    own = [d for d in docs if d.kind in OWN_KINDS]
    if own:
        return own, False
    return [d for d in docs if d.kind == SAMPLE_KIND], True


def auto_map(kb: KnowledgeBase, sections: Sequence[Section]) -> FactMap:
    """The computed map (no user choices), cached by index generation and outline."""
    key = (str(kb.home), kb.get_meta("generation"), outline_key(sections), kb.settings.embeddings)
    with _CACHE_LOCK:
        if key in _CACHE:
            return _CACHE[key]
    docs, sample = unit_documents(kb)
    facts: list[Fact] = []
    chunks_by_doc = {d.id: kb.chunks(d.id) for d in docs}
    for doc in docs:
        facts.extend(extract_facts(chunks_by_doc[doc.id]))
    kept, duplicates = dedupe(facts)
    slots = build_slots(sections)
    dense = _dense_scores(kb, kept, slots)
    scores, fit = score_matrix(kept, slots, kb.idf(), dense)
    placed, unplaced = assign(kept, slots, scores, fit)
    fmap = FactMap({f.id: f for f in facts}, slots, placed, unplaced, duplicates, sample=sample)
    with _CACHE_LOCK:
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = fmap
    return fmap


def _dense_scores(kb: KnowledgeBase, facts: Sequence[Fact], slots: Sequence[Slot]
                  ) -> dict[str, list[float]] | None:
    """Cosine of each fact's chunk vector with each slot's query vector; None if vectors are unavailable."""
    chunk_ids = sorted({f.chunk_id for f in facts})
    if not chunk_ids or not slots:
        return None
    try:
        got = kb.vectors.get(ids=chunk_ids, include=["embeddings"])
        vectors = {cid: list(v) for cid, v in zip(got["ids"], got["embeddings"])}
        slot_vecs = [kb.embeddings.embed_query(s.text) for s in slots]
    except Exception:  # a vector store that is down leaves the lexical scores to decide
        return None
    out = {}
    for cid, v in vectors.items():
        nv = math.sqrt(sum(x * x for x in v)) or 1.0
        out[cid] = [sum(a * b for a, b in zip(v, sv)) / (nv * (math.sqrt(sum(b * b for b in sv)) or 1.0))
                    for sv in slot_vecs]
    return out


def apply_choices(fmap: FactMap, choices: Mapping[str, dict]) -> FactMap:
    """The map with the user's moves and drops applied (they win over the computed placement)."""
    placed = dict(fmap.placed)
    unplaced = list(fmap.unplaced)
    dropped: list[str] = []
    slot_keys = {s.key for s in fmap.slots} | {(s.section_id, None) for s in fmap.slots}
    for fid, choice in choices.items():
        if fid not in fmap.facts:
            continue
        if choice.get("action") == "drop":
            placed.pop(fid, None)
            dropped.append(fid)
        elif choice.get("action") == "move" and (choice.get("section_id"), choice.get("item")) in slot_keys:
            placed[fid] = Placement(choice["section_id"], choice.get("item"), 1.0, by_user=True)
        else:
            continue
        if fid in unplaced:
            unplaced.remove(fid)
    return FactMap(fmap.facts, fmap.slots, placed, unplaced, fmap.duplicates, dropped, fmap.sample)


def fact_map(kb: KnowledgeBase, sections: Sequence[Section], choices: Mapping[str, dict] | None = None) -> FactMap:
    """The map drafting uses: computed, then the user's choices applied."""
    fmap = auto_map(kb, sections)
    return apply_choices(fmap, choices) if choices else fmap
