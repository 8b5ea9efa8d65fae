"""Criterion Q&A: "what does X require?" answered from the numbered trees of the outline and the guidance.

A question names nodes the way people do — by number ("tiêu chí 2.2", "mục 3 hướng dẫn", "mục II.2",
"P1.II.2", "ý 5 của mục 2.2"), by part ("Phần thứ ba", "phần III") or by topic ("phần kiến nghị",
"Tháng hành động"). Each node named is quoted whole and verbatim with its number and place, its children
listed, the other document's matching node beside it (the crosswalk), and one line on what the unit
writes. A reference that fits several nodes lists them all, each with its document. A question that names
no node is answered from the headings and whole bullets of both texts that match it best; only when
nothing matches, the fixed NOT_FOUND phrase. A model, when configured, adds prose after the quotes.

Questions are read the way staff type them (`read_question`): chat shorthand and English words in Vietnamese,
marks restored and slips of the key mended from the words of the two texts and of questions (bctk_assist/data/
qa_synonyms.json), the reading shown when it differs. Words the texts do not use ("kinh phí", "xâm hại") stand for
the texts' own ("ngân sách", "vi phạm pháp luật"); a number in the other numbering ("mục 2.2" of the outline, which
numbers II.2) is read in the right one and said so; a document the texts are not ("Chỉ thị 28") and a question for
a figure the texts do not hold get the NOT_FOUND phrase, never an unrelated clause.
"""
from __future__ import annotations

import functools
import json
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bctk_assist import textvi
from bctk_assist.factmap import slot_kind
from bctk_assist.grounding import COMPOSER, Evidence, is_vietnamese
from bctk_assist.index import KnowledgeBase, inverse_document_frequency
from bctk_assist.outline import (_ORDINALS, _ROMAN_VALID, Node, Section, guidance_tree, is_instruction, number_of,
                                 outline_tree, tidy)
from bctk_assist.prompts import evidence_block, render_prompt

FRAME_KINDS = ("outline", "guidance", "directive")
KIND_TITLES = {"outline": "Đề cương", "guidance": "Hướng dẫn", "directive": "Chỉ thị"}
NOT_FOUND = "Không tìm thấy nội dung liên quan trong đề cương và hướng dẫn đã lập chỉ mục."
QA_THREAD = "__qa__"  # the workspace message thread of the Hỏi đáp page (not an outline section)
MIN_MATCH = 0.3  # share of the question's weighted words a heading or bullet must hold to answer it
NEAR_TIE = 0.95  # a second heading or bullet this close to the best is shown beside it
CROSSWALK_MIN = 0.1
CROSSWALK_NEAR = 0.55
CROSSWALK_MAX = 3


@dataclass
class Answer:
    answer: str
    citations: list[Evidence]
    engine: str = COMPOSER
    warnings: list[str] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)  # keys of the nodes the answer is about ("guidance:2.2")

    def to_json(self) -> dict:
        return {"answer": self.answer, "citations": [c.to_json() for c in self.citations], "engine": self.engine}


@dataclass
class Criterion:
    """A node or one bullet of a node, as the crosswalk and the answers cite it."""
    node: Node
    item: int | None = None
    score: float = 0.0

    @property
    def quote(self) -> str:
        return self.node.item_lines[self.item] if self.item is not None else "\n".join(self.node.lines)

    @property
    def location(self) -> str:
        if self.item is not None:
            return self.node.item_locations[self.item] or self.node.location
        return self.node.location

    @property
    def ref(self) -> str:
        """"mục 2.2, ý 2" / "mục II.2 (P1.II.2)"."""
        base = display(self.node)
        return f"{base}, ý {self.item + 1}" if self.item is not None else base

    @property
    def kind(self) -> str:
        return self.node.kind

    @property
    def doc(self) -> str:
        return self.node.doc


# ----------------------------------------------------------------------------- the frame: trees, units, crosswalk

@dataclass
class _Unit:
    node: Node
    item: int | None  # None: the node's heading
    weights: dict[str, float]
    lead: tuple[str, ...]  # the first content syllables of a heading (what it is about)
    plain: dict[str, float] = field(default_factory=dict)  # the same words without their marks
    context: frozenset[str] = frozenset()  # the headings above it: a heading is read under its parent's
    plain_context: frozenset[str] = frozenset()


@dataclass
class _Frame:
    outline: list[Node]
    guidance: list[Node]  # guidance and directive nodes
    units: list[_Unit]
    idf: dict[str, float]
    unknown_idf: float
    crosswalk: dict[str, list[Criterion]]  # outline id -> guidance criteria
    reverse: dict[tuple[str, str, int | None], list[Node]]  # (doc, id, item or None) -> outline nodes
    children: dict[tuple[str, str | None], list[Node]]  # (doc, parent id) -> nodes
    plain_idf: dict[str, float] = field(default_factory=dict)
    speller: _Speller | None = None
    synonyms: list[tuple[re.Pattern, list[str]]] = field(default_factory=list)  # what users say -> the documents' words
    doc_numbers: frozenset[str] = frozenset()  # numbers of the documents the indexed texts name ("20", "69", "1928")
    common_idf: float = 0.0  # the weight of a word held by a third of the headings and bullets

    @property
    def nodes(self) -> list[Node]:
        return [*self.outline, *self.guidance]

    def kids(self, node: Node) -> list[Node]:
        return self.children.get((node.doc, node.id), [])

    def tops(self, kinds: Sequence[str]) -> list[Node]:
        return [n for n in self.nodes if n.parent is None and n.kind in kinds]


_FRAMES: dict[tuple, _Frame] = {}
_FRAMES_LOCK = threading.Lock()
# Words that lead a heading without saying what it is about ("Đánh giá việc …", "Những hạn chế …").
_LEAD_SKIP = {textvi.fold(w) for w in "những các việc công tác đánh giá tăng cường thực hiện sự tốt xác định rõ "
                                      "đối với về và của".split()}


def _tokens(text: str) -> list[str]:
    return textvi.tokens(tidy(text))


def unmarked(text: str) -> str:
    """Vietnamese without its marks ("tuyên truyền" -> "tuyen truyen"), for questions typed without them."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _plain_weights(weights: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for t, w in weights.items():
        key = unmarked(t)
        out[key] = max(out.get(key, 0.0), w)
    return out


def _frame(kb: KnowledgeBase, sections: Sequence[Section]) -> _Frame:
    """Trees, scoring units and the crosswalk for this index generation and outline (cached)."""
    signature = hash(tuple((s.id, s.title, tuple(s.items)) for s in sections))
    key = (str(kb.home), kb.get_meta("generation"), signature)
    with _FRAMES_LOCK:
        if key in _FRAMES:
            return _FRAMES[key]
    outline = outline_tree(kb, list(sections))
    guidance = guidance_tree(kb)
    children: dict[tuple[str, str | None], list[Node]] = {}
    for n in [*outline, *guidance]:
        children.setdefault((n.doc, n.parent), []).append(n)
    texts: list[tuple[Node, int | None, str]] = []
    for n in [*outline, *guidance]:
        texts.append((n, None, n.title))
        texts.extend((n, i, item) for i, item in enumerate(n.items))
    token_lists = [_tokens(t) for _, _, t in texts]
    idf = inverse_document_frequency(token_lists)
    count = max(1, len(texts))
    units = []
    for (node, item, text), toks in zip(texts, token_lists):
        weights = {t: idf[t] for t in set(toks)}
        lead = tuple(t for t in toks if "_" not in t and t not in _LEAD_SKIP)[:2] if item is None else ()
        units.append(_Unit(node, item, weights, lead))
    plain_idf = inverse_document_frequency([[unmarked(t) for t in toks] for toks in token_lists])
    titles = {(n.doc, n.id): set(toks) for (n, item, _), toks in zip(texts, token_lists) if item is None}
    for unit in units:
        unit.plain = {t: plain_idf[t] for t in _plain_weights(unit.weights)}
        above = [unit.node] if unit.item is not None else []
        parent = unit.node.parent
        while parent is not None:
            above.append(next(n for n in [*outline, *guidance] if n.doc == unit.node.doc and n.id == parent))
            parent = above[-1].parent
        unit.context = frozenset(t for n in above for t in titles[(n.doc, n.id)])
        unit.plain_context = frozenset(unmarked(t) for t in unit.context)
    frame = _Frame(outline, guidance, units, idf, math.log(1 + count / 0.5), {}, {}, children, plain_idf)
    frame.common_idf = math.log(1 + 3)
    frame.crosswalk, frame.reverse = _crosswalk(frame)
    _add_reading(frame)
    with _FRAMES_LOCK:
        if len(_FRAMES) > 8:
            _FRAMES.clear()
        _FRAMES[key] = frame
    return frame


# ----------------------------------------------------------------------------- crosswalk

_FAMILY = {"result": "result", "summary": "result", "limitation": "review", "cause": "review", "lesson": "review",
           "task": "ahead", "recommendation": "ahead"}


def _ancestors(node: Node, frame: _Frame) -> list[Node]:
    by_id = {n.id: n for n in frame.nodes if n.doc == node.doc}
    out: list[Node] = []
    parent = by_id.get(node.parent) if node.parent else None
    while parent is not None:
        out.insert(0, parent)
        parent = by_id.get(parent.parent) if parent.parent else None
    return out


def _vector(parts: Sequence[tuple[str, float]], idf: dict[str, float]) -> dict[str, float]:
    vec: dict[str, float] = {}
    for text, weight in parts:
        for t in set(_tokens(text)):
            vec[t] = max(vec.get(t, 0.0), weight * idf.get(t, 1.0))
    return vec


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


_GENERAL = re.compile(r"mục đích", re.I)  # "Mục đích, yêu cầu": asks things of the whole report, not of a section


def _criteria(frame: _Frame) -> list[tuple[Criterion, dict[str, float], str]]:
    """What an outline section can answer: each bullet of a guidance point, and each point without sub-points."""
    out = []
    for g in frame.guidance:
        context = [a.title for a in _ancestors(g, frame)]
        if any(_GENERAL.search(t) for t in [*context, g.title]):
            continue
        for k, item in enumerate(g.items):
            vec = _vector([(item, 1.0), (g.title, 0.3)], frame.idf)
            out.append((Criterion(g, k), vec, _FAMILY.get(slot_kind(item, [*context, g.title]), "result")))
        if not frame.kids(g):
            out.append((Criterion(g), _vector([(g.title, 1.0)], frame.idf),
                        _FAMILY.get(slot_kind(g.title, context), "result")))
    return out


def _crosswalk(frame: _Frame):
    """Each outline node -> the guidance criteria it answers: IDF-weighted cosine of their words (a section's
    parent heading counts a little, the outline's instructions not at all), a result section never paired with a
    limitation or a task. A section with sub-sections answers the guidance points they answer, most shared first;
    a section with no match of its own takes its parent's."""
    criteria = _criteria(frame)
    own: dict[str, list[Criterion]] = {}
    best_of: dict[str, tuple[float, Criterion] | None] = {}
    for s in frame.outline:
        ancestors = _ancestors(s, frame)
        items = [i for i in s.items if not is_instruction(i)]
        vec = _vector([(s.title, 1.0), *((i, 1.0) for i in items), *((a.title, 0.3) for a in ancestors[-1:])],
                      frame.idf)
        family = _FAMILY.get(slot_kind(s.title, [a.title for a in ancestors]), "result")
        scored = sorted(((_cosine(vec, cvec) * (1.0 if cfam == family else 0.35), c) for c, cvec, cfam in criteria),
                        key=lambda t: -t[0])
        best = scored[0][0] if scored else 0.0
        own[s.id] = [Criterion(c.node, c.item, round(score, 4)) for score, c in scored
                     if score >= max(CROSSWALK_MIN, CROSSWALK_NEAR * best)][:CROSSWALK_MAX]
        best_of[s.id] = (best, scored[0][1]) if scored else None
    for s in reversed(frame.outline):  # sub-sections first: a section with sub-sections answers what they answer
        counts: dict[tuple[str, str], list[float]] = {}
        for k in frame.kids(s):
            points: dict[tuple[str, str], float] = {}
            for c in own.get(k.id, []):
                points[(c.node.doc, c.node.id)] = max(points.get((c.node.doc, c.node.id), 0.0), c.score)
            for key, score in points.items():
                counts.setdefault(key, []).append(score)
        if counts:
            ranked = sorted(counts.items(), key=lambda kv: (-len(kv[1]), -sum(kv[1])))[:CROSSWALK_MAX]
            by_key = {(g.doc, g.id): g for g in frame.guidance}
            mine = {(c.node.doc, c.node.id): c.score for c in own[s.id] if c.item is None}
            own[s.id] = [Criterion(by_key[key], None, round(max(sum(v) / len(v), mine.get(key, 0.0)), 4))
                         for key, v in ranked]
    crosswalk: dict[str, list[Criterion]] = {}
    reverse: dict[tuple[str, str, int | None], list[Node]] = {}
    for s in frame.outline:  # parents first
        chosen = own[s.id] or list(crosswalk.get(s.parent or "", []))
        if not chosen and best_of[s.id]:
            score, c = best_of[s.id]
            chosen = [Criterion(c.node, c.item, round(score, 4))]
        crosswalk[s.id] = chosen
        for c in chosen:
            reverse.setdefault((c.node.doc, c.node.id, c.item), []).append(s)
    return crosswalk, reverse


# ----------------------------------------------------------------------------- reading what the user typed

LEXICON_FILE = Path(__file__).parent / "data" / "qa_synonyms.json"
_WORD = re.compile(r"[^\W\d_]+")
_RUN_BREAK = re.compile(r"^[ \t]*$")  # words are neighbours when only spaces stand between them
# What a correction costs; a pair of neighbours that the documents (or the question words) also hold pays it back.
_KEEP_UNKNOWN = 1.2  # a word neither the documents nor the question words know, left as typed
_ADD_MARKS = 0.3  # "gi" -> "gì", "muc" -> "mục": a question word in a question typed without marks
_ADD_MARK_SLIP = 1.3  # "bài hoc" -> "bài học", "huong dan" -> "hướng dẫn": any other bare word (needs a pair)
_CHANGE_MARKS = 2.0  # "dẩn" -> "dẫn", "vơi" -> "với": a wrong mark (needs a pair: "kèm" is a word too)
_CHANGE_LETTER = 2.0  # "truền" -> "truyền", "kiếm" -> "kiến": one letter added, dropped, changed or swapped
_KNOWN_PAIR = -2.5
_RARE = 0.6  # at most this much more for the rarer of the words with the same letters
_QUESTION_WEIGHT = 10  # a question word counts as often as this: people ask in them


@functools.cache
def _lexicon() -> dict:
    """bctk_assist/data/qa_synonyms.json: question words, chat shorthand and English, synonyms."""
    return json.loads(LEXICON_FILE.read_text(encoding="utf-8"))


def _phrases(words: Iterable[str]) -> re.Pattern:
    """Whole-word, case-insensitive match of any of these phrases, longest first."""
    alts = sorted({re.escape(w) for w in words if w}, key=len, reverse=True)
    return re.compile(rf"(?<![\w/.-])(?:{'|'.join(alts)})(?![\w/-])", re.IGNORECASE) if alts else re.compile(r"(?!)")


@functools.cache
def _shorthand() -> tuple[re.Pattern, dict[str, str], re.Pattern, re.Pattern]:
    lex = _lexicon()
    table = {k.casefold(): v for k, v in {**lex.get("chat", {}), **lex.get("english", {})}.items()}
    return (_phrases(table), table, _phrases(lex.get("english", {})), _phrases(lex.get("english_fillers", ())))


def _expand_shorthand(text: str) -> str:
    """Chat shorthand and English words in Vietnamese ("how many parts" -> "có mấy phần"; "viết j" -> "viết gì")."""
    rx, table, english, fillers = _shorthand()
    mixed = bool(english.search(text))
    text = rx.sub(lambda m: table[m.group(0).casefold()], text)
    if mixed:  # "in the", "of": dropped only where the user wrote English
        text = re.sub(r"\s{2,}", " ", fillers.sub(" ", text)).strip()
    return text


def _unmarked_key(word: str) -> str:
    return unmarked(word).lower()


def _edit1(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class _Speller:
    """Gives a question its marks back and mends slips of the key, from the words of the documents and of questions.

    Each word typed may stay as it is or become a known word with the same letters (marks added or changed) or one
    letter off; the cheapest reading wins, where neighbours that stand together in the known texts ("kiến nghị",
    "phần thứ") pay for their change. A word the documents know stays unless a pair says otherwise."""

    def __init__(self, texts: Iterable[str], question_words: Iterable[str] = ()) -> None:
        self.pairs: set[tuple[str, str]] = set()
        self.count: dict[str, int] = {}
        self.asking: set[str] = set()  # the words of questions: restored on their own, without a pair
        for text, weight in [*((t, 1) for t in texts), *((t, _QUESTION_WEIGHT) for t in question_words)]:
            for run in re.split(r"[^\w\s]|\d", textvi.fold(text)):
                words = _WORD.findall(run)
                for w in words:
                    self.count[w] = self.count.get(w, 0) + weight
                if weight == _QUESTION_WEIGHT:
                    self.asking.update(words)
                self.pairs.update(zip(words, words[1:]))
        self.words: set[str] = set(self.count)
        self.by_base: dict[str, set[str]] = {}
        for w in self.words:
            self.by_base.setdefault(_unmarked_key(w), set()).add(w)
        self.near: dict[str, set[str]] = {}
        for base in self.by_base:
            for key in {base, *(base[:i] + base[i + 1:] for i in range(len(base)))}:
                self.near.setdefault(key, set()).add(base)

    def _rarity(self, word: str, base: str) -> float:
        """How much rarer this word is than the other words with its letters ("cần" before "cận" for "can")."""
        total = sum(self.count[w] for w in self.by_base.get(base, ()))
        return _RARE * (1.0 - self.count.get(word, 0) / total) if total else 0.0

    def _choices(self, word: str, bare_question: bool) -> dict[str, tuple[float, bool]]:
        """Each reading of a typed word: (cost, whether a letter was changed). In a question typed without marks a
        bare word may be any word with its letters (the commoner first); in one typed with marks it is what it says
        unless a pair says otherwise."""
        base = _unmarked_key(word)
        typed_bare = word == base
        if word in self.words:
            out = {word: (self._rarity(word, base) if typed_bare and bare_question else 0.0, False)}
        else:
            out = {word: (_KEEP_UNKNOWN, False)}
        same = self.by_base.get(base, set()) - {word}
        for known in same:
            if not typed_bare:  # a word typed with its marks that is a word already ("từ") stays unless pressed hard
                cost = _CHANGE_MARKS + (1.0 if word in self.words else 0.0)
            elif bare_question and known in self.asking:
                cost = _ADD_MARKS + self._rarity(known, base)
            else:  # "an" is "án" (đề án) only beside a word that makes a pair with it
                cost = _ADD_MARK_SLIP
            out[known] = (cost, False)
        if word not in self.words and len(base) >= 3:
            # Letters are mistyped less often than marks are left out: dearer where the letters make a word already.
            cost = _CHANGE_LETTER + (1.0 if same else 0.0)
            keys = {base, *(base[:i] + base[i + 1:] for i in range(len(base)))}
            for near in {b for k in keys for b in self.near.get(k, ())}:
                if _edit1(base, near):
                    for known in self.by_base[near]:
                        out.setdefault(known, (cost, True))
        return out

    def _best(self, run: list[dict[str, tuple[float, bool]]]) -> list[str]:
        """The cheapest reading of a run of neighbouring words (Viterbi over the choices of each); a known pair pays
        for a change, unless both its words had a letter changed."""
        paths = {w: (cost, edited, [w]) for w, (cost, edited) in run[0].items()}
        for choices in run[1:]:
            nxt = {}
            for w, (cost, edited) in choices.items():
                best = None
                for p, (c, p_edited, path) in paths.items():
                    total = c + cost + (_KNOWN_PAIR if (p, w) in self.pairs and not (edited and p_edited) else 0.0)
                    if best is None or total < best[0]:
                        best = (total, edited, path + [w])
                nxt[w] = best
            paths = nxt
        return min(paths.values(), key=lambda t: t[0])[2]

    def correct(self, text: str) -> str:
        """The text with its words mended; numbers, references, acronyms and single letters left as typed."""
        matches = list(_WORD.finditer(text))
        bare_question = all(m.group(0).isascii() for m in matches)
        shouting = text.upper() == text  # a question in capitals: its words are no acronyms
        runs: list[list[tuple[re.Match, dict[str, tuple[float, bool]]]]] = []
        for i, m in enumerate(matches):
            word = textvi.fold(m.group(0))
            fixed = (len(word) == 1 or (m.group(0).isupper() and len(word) > 1 and not shouting)
                     or _ROMAN_VALID.match(word.upper()) and (text[m.end():m.end() + 1] == "."
                                                              or text[m.start() - 1:m.start()] == "."))
            choices = {word: (0.0, False)} if fixed else self._choices(word, bare_question)
            near = i > 0 and _RUN_BREAK.match(text[matches[i - 1].end():m.start()])
            if near and runs:
                runs[-1].append((m, choices))
            else:
                runs.append([(m, choices)])
        out, last = [], 0
        for run in runs:
            for (m, _), best in zip(run, self._best([c for _, c in run])):
                if best != textvi.fold(m.group(0)):
                    typed = m.group(0)
                    best = best.upper() if typed.isupper() and len(typed) > 1 else \
                        best[:1].upper() + best[1:] if typed[:1].isupper() else best
                    out += [text[last:m.start()], best]
                    last = m.end()
        return "".join(out) + text[last:]


_DOC_NUMBER = re.compile(r"\b(?:chỉ thị|kế hoạch|công văn|quyết định|nghị định|nghị quyết|thông tư|hướng dẫn|luật|"
                         r"chương trình)\s+(?:số\s+)?(\d{1,5})\b(?:\s*[/-]\s*[\w/-]+)?", re.IGNORECASE)


def _add_reading(frame: _Frame) -> None:
    """The speller, the synonyms and the document numbers of this frame."""
    lex = _lexicon()
    texts = [line for n in frame.nodes for line in n.lines]
    said = [w for group in lex.get("synonyms", ()) for w in group["say"]]
    means = [w for group in lex.get("synonyms", ()) for w in group["means"]]
    frame.speller = _Speller([*texts, *said, *means], [*lex.get("question_words", ()), *lex.get("chat", {}).values(),
                                                       *lex.get("english", {}).values(), *_ORDINALS])
    folded = "\n".join(textvi.fold(t) for t in texts)
    frame.synonyms = []
    for group in lex.get("synonyms", ()):
        own = [w for w in group["say"]  # the documents' own words are read as theirs, never as a synonym
               if not re.search(rf"(?<!\w){re.escape(textvi.fold(w))}(?!\w)", folded)]
        if own:
            frame.synonyms.append((_phrases(textvi.fold(w) for w in own), group["means"]))
    numbers = {m.group(1) for t in texts for m in _DOC_NUMBER.finditer(t)}
    numbers |= {d for n in frame.nodes for d in re.findall(r"\d{2,5}", n.doc)}
    frame.doc_numbers = frozenset(numbers)


def read_question(question: str, frame: _Frame) -> str:
    """The question as the matching reads it: shorthand and English in Vietnamese, marks restored, slips mended."""
    text = _expand_shorthand(question)
    return frame.speller.correct(text) if frame.speller else text


# ----------------------------------------------------------------------------- reading the question

# Ordinals also without marks ("phan thu ba"), except those that are other words then ("tu", "nam", "sau").
_ORDINALS_ALL = {**_ORDINALS, **{unmarked(k): v for k, v in _ORDINALS.items()
                                 if unmarked(k) not in ("tu", "nam", "sau")}}
_ORD = "|".join(sorted(_ORDINALS_ALL, key=len, reverse=True))
_WORDS = (r"tiêu chí|tiểu mục|đề mục|mục|điểm|nội dung|phần|khoản|gạch đầu dòng|gạch đầu|gạch|ý|"
          r"tieu chi|tieu muc|de muc|muc|diem|noi dung|phan|khoan|gach dau dong")
_W = rf"\b(?:{_WORDS})\b(?:\s+số\b|\s+so\b)?"
_ATOM = re.compile(
    rf"(?P<id>\bp\d{{1,2}}(?:\.[ivxlc]{{1,5}})?(?:\.\d{{1,2}})*(?:\.[a-zđ])?\b)"
    rf"|(?P<w1>{_W})\s+thứ\s+(?P<ord>{_ORD}|\d{{1,2}})\b"
    rf"|(?:(?P<w2>{_W})\s+)?(?P<rdot>\b[ivxlc]{{1,5}}(?:\.\d{{1,2}})+)\b(?![./-]\d)"
    rf"|(?:(?P<w3>{_W})\s+)?(?<![\w./-])(?P<dot>\d{{1,2}}(?:\.\d{{1,2}})+)\b(?![./-]\d)"
    rf"|(?P<w7>\b(?:ý|y|điểm|diem|gạch đầu dòng|gach dau dong|gạch|gach)\b)\s+(?P<letter>[abcdđeghklmn])\b(?![./-]\w)"
    rf"|(?P<w4>{_W})\s+(?P<roman>[ivxlc]{{1,5}})\b(?![./-]\w)"
    rf"|(?P<w5>{_W})\s+(?P<num>\d{{1,2}})\b(?![./,-]\d|%)"
    rf"|(?P<w6>\bphần|\bphan)\s+(?P<pword>{_ORD})\b",
    re.IGNORECASE)
_ITEM_WORDS = ("gach", "y")
_QUALIFIERS = (
    ("guidance", re.compile(r"hướng dẫn|huong dan|\bhd\b|công văn (?:số )?807|\bcv 807|807-cv")),
    ("outline", re.compile(r"đề cương|de cuong|\bđc\b")),
    ("directive", re.compile(r"\b(?:của|trong|theo|tại) chỉ thị")),
)
_JOIN = re.compile(r"^[\s,]*(?:(?:của|trong|thuộc|tại|ở|thuộc về)[\s,]*)*$")
_STRUCTURAL = re.compile(
    r"gồm (?:có )?(?:những|mấy|bao nhiêu|các)|có (?:bao nhiêu|mấy)|bao nhiêu|\bmấy\b|liệt kê|các mục con|cấu trúc|"
    r"bố cục|kết cấu|dàn ý|dàn bài|"
    r"những (?:cấp|mục|phần|nội dung|ý|tiêu chí|điểm|gạch đầu dòng|khoản)(?: \w+)? nào")
# Phrases that ask rather than name a topic; removed before the topic is matched.
_ASKING = re.compile(
    r"yêu cầu|(?:những |các )?(?:nội dung|mục|phần|ý|điểm|tiêu chí|cấp|khoản|gạch đầu dòng)\s+(?:gì|nào)\b|"
    r"(?:bao nhiêu|mấy)\s+(?:nội dung|mục|phần|ý|điểm|tiêu chí|gạch đầu dòng|gạch|cấp|khoản)|"
    r"như thế nào|thế nào|ra sao|là gì|ở đâu|chỗ nào|vào đâu|cho (?:tôi|em|mình) (?:hỏi|biết)|"
    r"\b(?:tiêu chí|khoản|điểm|tiểu mục|đề mục|gạch đầu dòng|gạch đầu)\b|\bmục\b(?!\s+(?:đích|tiêu|lục))|"
    r"\bphần\b(?!\s+(?:lớn|mềm|thưởng))|\bý\b(?!\s+(?:kiến|thức|nghĩa|tưởng|chí))|"
    r"đề cương|hướng dẫn|\bhd\b|công văn (?:số )?807(?:-cv/tu)?|\bcv 807|kèm theo|(?<!nội dung )báo cáo|"
    r"quy định|đề cập|nhắc (?:đến|tới)|trình bày|bao nhiêu|vui lòng|chúng (?:tôi|ta|em)|"
    r"(?:cho )?ví dụ|bài mẫu|cách (?:viết|ghi)|(?:có )?nghĩa là|hiểu (?:là|thế nào|như thế nào)|(?:viết|ghi) sao|"
    r"xem giúp|giúp (?:tôi|em|mình)|muốn hỏi|cấu trúc|bố cục|kết cấu|dàn ý|dàn bài")
# The report as a whole ("báo cáo tổng kết 10 năm"): names no topic ("tổng kết" alone does: P1.I.3).
_REPORT = re.compile(r"(?<!nội dung )(?:bản |bài )?báo cáo tổng kết(?: 10 năm)?(?: thực hiện chỉ thị(?: số)? 20)?")
_COUNTED = re.compile(r"(?:mấy|bao nhiêu|những|các)\s+(phần|tiêu chí)\b")
_EXAMPLE = re.compile(r"ví dụ|bài mẫu|văn mẫu|\bmẫu\b")
# A question for a figure or a fact ("dưới bao nhiêu tuổi", "có mấy giải", "lương bao nhiêu"), not for a part of the
# texts ("có mấy mục", "bao nhiêu nội dung") nor for where to write something ("số trẻ được hỗ trợ ghi ở đâu").
_COUNTED_PARTS = (r"(?:mục|phần|ý|nội dung|tiêu chí|điểm|gạch|cấp|khoản|tiểu mục|đề mục|văn bản|tài liệu|bước|"
                  r"trang)\b")
_QUANTITY = re.compile(rf"(?:bao nhiêu|\bmấy)\s+(?!{_COUNTED_PARTS})\w|(?:bao nhiêu|\bmấy)\s*[?.!…]*\s*$")
_WHERE = re.compile(r"ở đâu|vào đâu|chỗ nào|(?:mục|phần|nội dung|tiêu chí) nào|\b(?:ghi|viết|nêu|đưa)\b")
FACT_NOT_FOUND = "Đề cương và hướng dẫn không nêu số liệu hay quy định cụ thể này."
_STOP = {textvi.fold(w) for w in (
    "gì nào những các cần phải nêu viết gồm mấy là có không được ở đâu đưa vào nằm thuộc ghi cho biết hỏi nói về "
    "của trong theo với và thì mà như này đó đây ạ tôi mình bạn xin hãy nhé nhỉ tới đến ra sao thế "
    "vậy cái chỗ muốn giúp xem rồi hả").split()}
_STOP_PLAIN = {unmarked(w) for w in _STOP}
_ASKING_PLAIN = re.compile(r"yeu cau|nhu the nao|the nao|ra sao|la gi|o dau|cho nao|vao dau|bao nhieu|"
                           r"gach dau dong|de cuong|huong dan|tieu chi|\b(?:muc|phan|diem|khoan)\b|"
                           r"noi dung (?:gi|nao)|quy dinh|de cap|trinh bay")
_NAMING = re.compile(rf"{_W}")


@dataclass
class _Atom:
    start: int
    end: int
    text: str
    word: str
    type: str  # id | part | part_or_roman | roman | rdot | dot | num
    value: str
    scope: str | None = None

    @property
    def rank(self) -> float:
        if self.type == "letter" or self.type == "num" and self.word.startswith(_ITEM_WORDS):
            return 4
        return {"id": 1, "part": 1, "part_or_roman": 1.5, "roman": 2, "rdot": 2, "dot": 3, "num": 3}[self.type]


def _atoms(low: str) -> list[_Atom]:
    out = []
    for m in _ATOM.finditer(low):
        word = next((m.group(g) for g in ("w1", "w2", "w3", "w4", "w5", "w6", "w7") if m.group(g)), "") or ""
        word = unmarked(" ".join(w for w in word.split() if w not in ("số", "so")))
        if m.group("id"):
            kind, value = "id", m.group("id")
        elif m.group("ord") or m.group("pword"):
            raw = m.group("ord") or m.group("pword")
            value = str(int(raw) if raw.isdigit() else _ORDINALS_ALL[raw])
            kind = "part" if word == "phan" else "num"
        elif m.group("rdot"):
            if not _ROMAN_VALID.match(m.group("rdot").split(".")[0].upper()):
                continue
            kind, value = "rdot", m.group("rdot")
        elif m.group("dot"):
            kind, value = "dot", m.group("dot")
        elif m.group("letter"):  # "ý b": the second bullet
            kind, value = "letter", m.group("letter")
        elif m.group("roman"):
            if not _ROMAN_VALID.match(m.group("roman").upper()):
                continue
            kind, value = ("part_or_roman" if word == "phan" else "roman"), m.group("roman")
        else:
            kind, value = ("part" if word == "phan" else "num"), str(int(m.group("num")))
        out.append(_Atom(m.start(), m.end(), m.group(0).strip(), word, kind, value))
    return out


def _scopes(low: str, atoms: list[_Atom]) -> set[str]:
    """Which document each atom is about: the one the question names, or the nearest named after (else before)."""
    found = [(m.start(), kind) for kind, rx in _QUALIFIERS for m in rx.finditer(low)]
    kinds = {k for _, k in found}
    for atom in atoms:
        if len(kinds) == 1:
            atom.scope = next(iter(kinds))
        elif kinds:
            after = [(p, k) for p, k in found if p >= atom.end]
            before = [(p, k) for p, k in found if p < atom.start]
            atom.scope = min(after)[1] if after else max(before)[1] if before else None
    return kinds


def _groups(low: str, atoms: list[_Atom]) -> list[list[_Atom]]:
    """Atoms that name one node together ("mục 4 phần II", "ý 7 của tiêu chí 2.2")."""
    groups: list[list[_Atom]] = []
    for atom in atoms:
        if groups and _JOIN.match(low[groups[-1][-1].end:atom.start]) \
                and atom.rank not in {a.rank for a in groups[-1]} and not any(a.type == "id" for a in [atom]):
            groups[-1].append(atom)
        else:
            groups.append([atom])
    return groups


def _parts(node_id: str) -> list[str]:
    return [p.casefold() for p in node_id.split(".")]


def _lookup(atom: _Atom, frame: _Frame) -> list[Node]:
    """The nodes one reference can name, across both documents (narrowed by its scope)."""
    value = atom.value.casefold()
    outline = frame.outline
    if atom.type == "letter":  # "điểm b" alone: these texts letter no point of their own
        return []
    if atom.type == "id":
        found = [n for n in outline if n.id.casefold() == value]
    elif atom.type == "part":
        found = [n for n in outline if n.parent is None and (n.id.casefold() == f"p{value}" or number_of(n) == value)]
        if atom.scope in ("guidance", "directive"):  # "phần 3 của hướng dẫn"
            found = [n for n in frame.guidance if n.parent is None and n.id == value]
    elif atom.type == "part_or_roman":
        found = [n for n in outline if _parts(n.id)[-1] == value]
        n_part = str(_roman(value.upper()))
        found += [n for n in outline if n.parent is None and n.id.casefold() == f"p{n_part}" and n not in found]
    elif atom.type == "roman":
        found = [n for n in outline if _parts(n.id)[-1] == value]
    elif atom.type in ("rdot", "dot"):
        want = value.split(".")
        found = [n for n in frame.nodes if n.id.casefold() == value or _parts(n.id)[-len(want):] == want]
    else:  # a plain number: a point of the guidance, or a numbered section under any part of the outline
        found = [n for n in frame.guidance if n.parent is None and n.id == value]
        found += [n for n in outline if n.parent is not None and n.level >= 3 and _parts(n.id)[-1] == value]
        if atom.word == "tieu chi" and any(n.kind != "outline" for n in found) and atom.scope is None:
            found = [n for n in found if n.kind != "outline"]
    if atom.scope:
        found = [n for n in found if n.kind == atom.scope]
    return found


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


def _descend(targets: list[tuple[Node, int | None]], atom: _Atom, frame: _Frame) -> list[tuple[Node, int | None]]:
    """Within the nodes named so far, the child (or bullet) this reference adds; "mục 3" of a part is its section
    III, "ý b" its second bullet."""
    out: list[tuple[Node, int | None]] = []
    value = atom.value.casefold()
    index = _LETTERS.index(value) + 1 if atom.type == "letter" else int(value) if value.isdigit() else 0
    for node, _ in targets:
        subtree = _subtree(node, frame)[1:]
        if atom.type in ("rdot", "dot"):
            want = value.split(".")
            kids = [n for n in subtree if _parts(n.id)[-len(want):] == want]
        else:
            kids = [n for n in frame.kids(node) if _parts(n.id)[-1] == value or number_of(n).casefold() == value
                    or _same_number(_parts(n.id)[-1], value)]
        bullets = atom.type in ("num", "letter") and 1 <= index <= len(node.items)
        if atom.word.startswith("gach") and bullets:
            out.append((node, index - 1))
        elif kids:
            out.extend((k, None) for k in kids)
        elif bullets:
            out.append((node, index - 1))
    return out


_LETTERS = "abcdđeghiklmn"  # how Vietnamese texts letter their points: a, b, c, d, đ, e, g, h, i, k…


def _same_number(a: str, b: str) -> bool:
    """"iii" and "3": one number written roman and arabic."""
    if a.isdigit() == b.isdigit():
        return False
    roman, arabic = (b, a) if a.isdigit() else (a, b)
    return bool(_ROMAN_VALID.match(roman.upper())) and _roman(roman.upper()) == int(arabic)


def _subtree(node: Node, frame: _Frame) -> list[Node]:
    out = [node]
    for kid in frame.kids(node):
        out.extend(_subtree(kid, frame))
    return out


def _resolve(group: list[_Atom], frame: _Frame) -> tuple[list[tuple[Node, int | None]], str]:
    """The nodes a group of references names, and a note when a number was read in the other numbering."""
    ordered = sorted(group, key=lambda a: a.rank)
    note = ""
    found = _lookup(ordered[0], frame)
    if not found and (other := _other_numbering(ordered[0])) is not None:
        found = _lookup(other, frame)
        if found:
            typed = ordered[0].value.upper() if ordered[0].type == "rdot" else ordered[0].value
            note = (f"(Không có mục đánh số đúng «{typed}»"
                    f"{' trong ' + KIND_TITLES[found[0].kind].lower() if found[0].kind in KIND_TITLES else ''}; "
                    f"hiểu là {display(found[0])}.)")
    targets = [(n, None) for n in found]
    for atom in ordered[1:]:
        targets = _descend(targets, atom, frame)
    seen, out = set(), []
    for node, item in targets:
        if (node.doc, node.id, item) not in seen:
            seen.add((node.doc, node.id, item))
            out.append((node, item))
    return out, note if out else ""


def _other_numbering(atom: _Atom) -> _Atom | None:
    """"mục 2.2" of the outline, which numbers its sections II.2, and "mục II.2" of the guidance, which numbers 2.2:
    the same reference in the other numbering. Criteria ("tiêu chí") are the guidance's, numbered in arabic."""
    head, _, rest = atom.value.partition(".")
    if atom.type == "dot" and atom.scope in (None, "outline") and atom.word != "tieu chi" and 0 < int(head) < 40:
        roman = _to_roman(int(head))
        return _Atom(atom.start, atom.end, atom.text, atom.word, "rdot", f"{roman.lower()}.{rest}", atom.scope)
    if atom.type == "rdot" and atom.scope in (None, "guidance", "directive"):
        return _Atom(atom.start, atom.end, atom.text, atom.word, "dot", f"{_roman(head.upper())}.{rest}", atom.scope)
    return None


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


# A question term: its weight and the token sets that stand for it, each with the share of the term it is worth (any
# one held whole is the term held; the documents' words for a synonym are listed closest first).
_Terms = dict[str, tuple[float, tuple[tuple[frozenset[str], float], ...]]]
_FARTHER = 0.8  # a synonym's second and later words


def _synonym_terms(text: str, frame: _Frame, unaccented: bool) -> tuple[str, _Terms]:
    """Words users say that the documents do not ("kinh phí", "xâm hại") taken out of the text, each a term that a
    heading or bullet holds when it holds one of the documents' words for it ("ngân sách", "nguồn lực")."""
    terms: _Terms = {}
    idf = frame.plain_idf if unaccented else frame.idf
    folded = textvi.fold(text)
    if len(folded) != len(text):
        return text, terms
    for rx, means in frame.synonyms:
        for m in rx.finditer(folded):
            alts = []
            for k, phrase in enumerate(means):
                toks = _tokens(phrase)
                pairs = [t for t in toks if "_" in t] or toks
                alts.append((frozenset(unmarked(t) if unaccented else t for t in pairs), 1.0 if k == 0 else _FARTHER))
            weight = max((max(idf.get(t, 0.0) for t in alt) for alt, _ in alts if alt), default=0.0)
            if weight > frame.common_idf:  # "học sinh" -> "trẻ em", held by most headings: no evidence either way
                terms["~" + m.group(0)] = (weight, tuple(alts))
            text = text[:m.start()] + "," * (m.end() - m.start()) + text[m.end():]
            folded = folded[:m.start()] + "," * (m.end() - m.start()) + folded[m.end():]
    return text, terms


def _topic_weights(low: str, atoms: list[_Atom], frame: _Frame) -> _Terms:
    """The question's own words, weighted by rarity; the asking words and references taken out; words the documents
    do not use but have a synonym for stand for the documents' words."""
    text = low
    for atom in atoms:
        text = text[:atom.start] + "," * (atom.end - atom.start) + text[atom.end:]
    text = _REPORT.sub(",", text)
    unknown = [m for m in _DOC_NUMBER.finditer(text) if m.group(1) not in frame.doc_numbers]
    for m in unknown:
        text = text[:m.start()] + "," * (m.end() - m.start()) + text[m.end():]
    text = _ASKING.sub(",", text)
    unaccented = text.isascii()
    if unaccented:
        text = _ASKING_PLAIN.sub(",", text)
    text, terms = _synonym_terms(text, frame, unaccented)
    for m in unknown:  # "Chỉ thị 28": a document none of the texts is, so a topic none of them holds
        terms["#" + m.group(0)] = (frame.unknown_idf, ((frozenset(["#"]), 1.0),))
    stop, idf = (_STOP_PLAIN, frame.plain_idf) if unaccented else (_STOP, frame.idf)
    for t in textvi.tokens(text):
        if "_" in t:
            a, b = t.split("_", 1)
            if a in stop or b in stop:
                continue
            terms[t] = (idf.get(t, frame.unknown_idf), ((frozenset([t]), 1.0),))
        elif t not in stop and not (len(t) == 1 and t.isalpha()):  # a letter alone ("e muốn hỏi") is no topic
            # A figure the texts do not hold ("500 học sinh") is as particular as a pair of words.
            share = 1.0 if t[:1].isdigit() and t not in idf else 0.5
            terms[t] = (share * idf.get(t, frame.unknown_idf), ((frozenset([t]), 1.0),))
    return terms


def _held(alts, words, context=frozenset()) -> float:
    """The share of a term a heading or bullet holds (read under the headings above it)."""
    return max((f for alt, f in alts if all(t in words or t in context for t in alt)), default=0.0)


def _rank(weights: _Terms, frame: _Frame, kinds: set[str], naming: bool, part_word: bool,
          unaccented: bool = False) -> list[tuple[float, _Unit]]:
    """Headings and whole bullets by the share of the question they hold, read under the headings above them
    ("kiến nghị … với huyện": "1. Đối với huyện" under "CÁC ĐỀ XUẤT, KIẾN NGHỊ"), and a little, by their own share."""
    total = sum(w for w, _ in weights.values())
    if not total:
        return []
    scored = []
    for unit in frame.units:
        if kinds and unit.node.kind not in kinds:
            continue
        words, context = (unit.plain, unit.plain_context) if unaccented else (unit.weights, unit.context)
        if not any(_held(alts, words) for _, alts in weights.values()):
            continue
        cover = sum(w * _held(alts, words, context) for w, alts in weights.values()) / total
        own = sum(max((sum(words[t] for t in alt) for alt, _ in alts if all(t in words for t in alt)), default=0.0)
                  for _, alts in weights.values()) / (sum(words.values()) or 1.0)
        lead_word = (unmarked(unit.lead[0]) if unaccented else unit.lead[0]) if unit.lead else ""
        lead = 1.0 if lead_word and any(lead_word in alt for _, alts in weights.values() for alt, _ in alts) else 0.0
        score = cover * (0.7 + 0.2 * own + 0.1 * lead)
        if unit.item is None and naming:
            score += 0.1 * cover  # "mục tuyên truyền": a section named by its topic, not a bullet
        if unit.item is None and part_word and unit.node.level <= 2:
            score += 0.05 * cover
        scored.append((score, cover, unit))
    scored.sort(key=lambda t: -t[0])
    return [(s, u) for s, c, u in scored if c >= MIN_MATCH]


# ----------------------------------------------------------------------------- rendering

def display(node: Node) -> str:
    """How the answer names a node: "mục 2.2", "mục II.2 (P1.II.2)", "Phần thứ ba (P3)", "mục 2, Phần thứ ba (P3.2)"."""
    if node.kind != "outline":
        return f"mục {node.id}"
    parts = node.id.split(".")
    if node.parent is None:
        name = node.label if node.label.casefold().startswith("phần") else f"mục {node.label}"
        return f"{name} ({node.id})"
    if re.fullmatch(r"P\d+", parts[0]):
        rest = ".".join(parts[1:])
        if parts[1].isupper() and _ROMAN_VALID.match(parts[1]):
            return f"mục {rest} ({node.id})"
        n = int(parts[0][1:])
        word = next((k for k, v in _ORDINALS.items() if v == n and k not in ("một", "bốn")), str(n))
        return f"mục {rest}, Phần thứ {word} ({node.id})"
    return f"mục {node.id}"


def _short_name(node: Node) -> str:
    """"mục 3 của hướng dẫn", "mục I.3 của đề cương": how to ask for one node without doubt."""
    name = display(node).split(" (")[0]
    return f"{name} của {KIND_TITLES.get(node.kind, node.doc).lower()}"


def _doc_title(node: Node, frame: _Frame) -> str:
    title = KIND_TITLES.get(node.kind, node.doc)
    if len({n.doc for n in frame.nodes if n.kind == node.kind}) > 1:
        title += f" «{node.doc}»"
    return title


def _where(node: Node, frame: _Frame, item: int | None = None) -> str:
    name = display(node) + (f", ý {item + 1}" if item is not None else "")
    location = (node.item_locations[item] if item is not None else node.location) or ""
    return f"{_doc_title(node, frame)} — {name}" + (f", {location}" if location else "")


class _Book:
    """Evidence numbered [1]..[k] in order of first use."""

    def __init__(self) -> None:
        self.items: list[Evidence] = []

    def cite(self, quote: str, node: Node, location: str) -> int:
        for ev in self.items:
            if ev.quote == quote and ev.doc == node.doc:
                return ev.n
        self.items.append(Evidence(len(self.items) + 1, quote, node.doc, location or display(node), node.kind,
                                   f"{node.kind}:{node.id}", 1.0))
        return len(self.items)


def _quote(lines: Sequence[str]) -> str:
    return "“" + "\n".join(lines) + "”"


def _child_lines(node: Node, frame: _Frame) -> list[str]:
    kids = frame.kids(node)
    if not kids:
        return []
    noun = "phần" if all(k.parent is None for k in kids) else "mục"
    out = [f"Gồm {len(kids)} {noun}:"]
    for k in kids:
        where = f" ({k.head_location})" if k.head_location else ""
        out.append(f"- {k.id}{where}: {' '.join(k.head)}")
    return out


def _matches(node: Node, item: int | None, frame: _Frame, extra: Sequence[tuple[Node, int | None]] = ()
             ) -> list[tuple[Node, int | None]]:
    """The other document's nodes that match: a close match found for the question first, then the crosswalk."""
    out: list[tuple[Node, int | None]] = list(extra)
    if node.kind == "outline":
        out += [(c.node, c.item) for c in frame.crosswalk.get(node.id, [])]
    else:
        out += [(s, None) for s in _sections_for(node, item, frame)]
    seen, unique = set(), []
    for n, i in out:
        if (n.doc, n.id, i) not in seen and n.kind != node.kind:
            seen.add((n.doc, n.id, i))
            unique.append((n, i))
    return unique[:5]


def _sections_for(node: Node, item: int | None, frame: _Frame) -> list[Node]:
    """The outline sections that answer a guidance point (or one of its bullets), as few as say it: sections
    whose sub-sections all answer it stand for them, and a section is not listed beside its own parent."""
    keys = [item] if item is not None else [None, *range(len(node.items))]
    found = {s.id for k in keys for s in frame.reverse.get((node.doc, node.id, k), [])}
    for s in reversed(frame.outline):
        kids = frame.kids(s)
        if kids and all(k.id in found for k in kids):
            found -= {k.id for k in kids}
            found.add(s.id)
    by_id = {s.id: s for s in frame.outline}
    ancestors = {a.id for sid in found for a in _ancestors(by_id[sid], frame)}
    return [s for s in frame.outline if s.id in found and s.id not in ancestors]


def _match_lines(matches: Sequence[tuple[Node, int | None]], frame: _Frame, book: _Book) -> list[str]:
    if not matches:
        return []
    kind = matches[0][0].kind
    out = [f"{KIND_TITLES.get(kind, 'Văn bản')} tương ứng:"]
    for n, i in matches:
        if i is not None:
            lines = [n.item_lines[i]]
            location = n.item_locations[i] or n.location
        elif n.kind == "outline" or n.items:
            lines, location = n.head, n.head_location or n.location  # its heading; asked for, it is quoted whole
        else:
            lines, location = n.lines, n.location
        ref = book.cite("\n".join(lines), n, location)
        more = f" ({len(n.items)} ý; hỏi «{_short_name(n)}» để xem đủ)" \
            if n.kind != "outline" and n.items and i is None else ""
        out.append(f"- {_where(n, frame, i)}: {_quote(lines)} [{ref}]{more}")
    return out


def _levels(node: Node, frame: _Frame) -> str:
    names = [re.sub(r"^(đối với|với)\s+", "", tidy(k.title), flags=re.I) for k in frame.kids(node)]
    return "; ".join(names)


_WRITE = {
    "result": "kết quả thực tế của đơn vị cho từng nội dung trên — việc đã làm, thời gian, đối tượng, số liệu và "
              "so sánh qua các năm; không chép lại lời đề cương.",
    "summary": "nhận định chung của đơn vị về kết quả, dựa trên các số liệu đã nêu ở các mục trên.",
    "limitation": "những hạn chế, yếu kém cụ thể của chính đơn vị (việc gì, ở đâu, mức độ nào), không viết chung "
                  "chung.",
    "cause": "nguyên nhân của từng hạn chế đã nêu, tách nguyên nhân khách quan và nguyên nhân chủ quan.",
    "lesson": "các bài học kinh nghiệm rút ra từ thực tế của đơn vị, mỗi bài học gắn với việc đơn vị đã làm.",
    "task": "nhiệm vụ, giải pháp của đơn vị trong thời gian đến, cụ thể, khả thi, bám sát Chỉ thị số 20-CT/TW và "
            "kế hoạch của cấp trên.",
    "recommendation": "các đề xuất, kiến nghị cụ thể của đơn vị",
}


def _what_to_write(node: Node, frame: _Frame, item: int | None = None) -> str:
    """One line on what the unit writes for a node, phrased as a task, never as something done."""
    if node.kind != "outline":
        if any(_GENERAL.search(t) for t in [node.title, *(a.title for a in _ancestors(node, frame))]):
            return ("Đây là yêu cầu chung cho cả báo cáo, không phải một mục riêng: số liệu và nhận định của đơn vị "
                    "phải đúng thực tế, cụ thể, tránh hình thức.")
        sections = [s.id for s, _ in _matches(node, item, frame)]
        where = f" trong {', '.join(sections)} của đề cương" if sections else ""
        return (f"Đơn vị trả lời tiêu chí này{where}: nêu việc làm, thời gian, số liệu thực tế của đơn vị cho "
                "từng nội dung, không chép lại lời hướng dẫn.")
    kind = slot_kind(node.title, [a.title for a in _ancestors(node, frame)])
    kids = frame.kids(node)
    if kind == "recommendation":
        levels = _levels(node, frame)
        to = re.match(r"(đối với|với)\s+\S.*", tidy(node.title), re.I)
        return (f"Đơn vị cần viết: {_WRITE[kind]}" + (f", tách theo từng cấp: {levels}." if levels else
                                                      f" {to.group(0)[:1].lower()}{to.group(0)[1:]}." if to else "."))
    if kids and not node.items:
        return (f"Đơn vị viết phần này qua các mục con ({', '.join(k.id for k in kids)}); hỏi từng mục để xem yêu "
                "cầu cụ thể.")
    return f"Đơn vị cần viết: {_WRITE.get(kind, _WRITE['result'])}"


def _node_block(node: Node, item: int | None, frame: _Frame, book: _Book, *, structural: bool,
                focus_item: int | None = None, extra: Sequence[tuple[Node, int | None]] = (),
                others: bool = True) -> list[str]:
    """A node quoted whole (or one bullet of it), its children, the other document's match, what to write."""
    if item is not None:
        lines, location = [node.item_lines[item]], node.item_locations[item] or node.location
        ref = book.cite(lines[0], node, location)
        out = [f"{_where(node, frame, item)}:", f"{_quote(lines)} [{ref}]",
               f"(thuộc {display(node)}: {_quote(node.head)})"]
    else:
        ref = book.cite("\n".join(node.lines), node, node.location)
        out = [f"{_where(node, frame)}" + (":" if structural else " yêu cầu:"), f"{_quote(node.lines)} [{ref}]"]
        if structural and node.items and not frame.kids(node):
            out.append(f"Mục này có {len(node.items)} nội dung (ý) như trên.")
        if focus_item is not None and not structural:
            out.append(f"Câu hỏi ứng với ý thứ {focus_item + 1} ở trên.")
        out += _child_lines(node, frame)
    if others:
        out += _match_lines(_matches(node, item, frame, extra), frame, book)
    out.append(_what_to_write(node, frame, item))
    return out


def _docs_named(targets: Sequence[tuple[Node, int | None]]) -> str:
    kinds = list(dict.fromkeys(KIND_TITLES.get(n.kind, n.doc).lower() for n, _ in targets))
    return " và ".join(kinds)


def _ambiguous_block(ref_text: str, targets: list[tuple[Node, int | None]], frame: _Frame, book: _Book) -> list[str]:
    examples = " hoặc ".join(f"«{_short_name(n)}»" for n, _ in targets[:2])
    out = [f"«{ref_text}» có thể là một trong {len(targets)} mục sau, ở {_docs_named(targets)}; hãy hỏi rõ hơn, "
           f"ví dụ {examples}:"]
    for n, i in targets:
        lines = [n.item_lines[i]] if i is not None else n.lines
        location = (n.item_locations[i] if i is not None else n.location) or n.location
        ref = book.cite("\n".join(lines), n, location)
        out.append(f"- {_where(n, frame, i)}: {_quote(lines)} [{ref}]")
    return out


# ----------------------------------------------------------------------------- asking

def _compose(question: str, frame: _Frame) -> tuple[list[str], _Book, list[Node]]:
    """The composer answer (lines), its evidence and the nodes it is about; no lines when nothing matches."""
    low = textvi.clean(question).lower()
    atoms = _atoms(low)
    kinds = _scopes(low, atoms)
    structural = bool(_STRUCTURAL.search(low))
    book = _Book()
    lines: list[str] = []
    nodes: list[Node] = []
    if "directive" in kinds and not any(n.kind == "directive" for n in frame.guidance):
        if any(a.scope == "directive" for a in atoms):  # "điểm 3 của Chỉ thị": its words are not indexed
            return ([("Chưa có toàn văn Chỉ thị trong các tài liệu đã lập chỉ mục, nên không trích được. Hãy thêm "
                      "văn bản Chỉ thị ở trang Tài liệu (loại «chỉ thị») rồi hỏi lại.")], book, [])
        kinds.discard("directive")  # "quán triệt trong Chỉ thị 20" names a topic, not a document to quote
    unresolved = []
    for group in _groups(low, atoms):
        targets, note = _resolve(group, frame)
        if not targets:
            scope = next((a.scope for a in group if a.scope), None)
            unresolved.append((_said(question, low, group), scope))
            continue
        if lines:
            lines.append("")
        if len(targets) > 1:
            lines += _ambiguous_block(_said(question, low, group), targets, frame, book)
        else:
            node, item = targets[0]
            lines += _node_block(node, item, frame, book, structural=structural)
        if note:
            lines.append(note)
        nodes += [n for n, _ in targets]
    if lines:
        if unresolved:
            lines.append("(Không có " + ", ".join(f"«{text}»" for text, _ in unresolved) + ".)")
        return lines, book, nodes
    if _QUANTITY.search(low) and not _WHERE.search(low) and not _NAMING.search(low) and not atoms:
        return [f"{NOT_FOUND} {FACT_NOT_FOUND}"], book, []  # the texts hold no figures: quote none as if they did
    weights = _topic_weights(low, atoms, frame)
    scope = {k for k in kinds if k in FRAME_KINDS}
    if structural and not weights and not scope and not atoms:  # "Báo cáo gồm mấy phần?", "Có mấy tiêu chí?"
        counted = _COUNTED.search(low)
        if counted and counted.group(1) == "tiêu chí":
            scope = {"guidance"}
        elif counted or "báo cáo" in low:
            scope = {"outline"}
    if structural and not weights and scope:  # "Đề cương gồm mấy phần?"
        tops = frame.tops(sorted(scope))
        if tops:
            doc = KIND_TITLES.get(tops[0].kind, tops[0].doc)
            lines.append(f"{doc} gồm {len(tops)} {'phần' if tops[0].kind == 'outline' else 'mục'}:")
            for n in tops:
                ref = book.cite("\n".join(n.lines), n, n.location)
                lines.append(f"- {_where(n, frame)}: {_quote(n.lines)} [{ref}]")
            return lines, book, tops
    ranked = _rank(weights, frame, scope, bool(_NAMING.search(_strip_atoms(low, atoms))),
                   bool(re.search(r"\bph[aầ]n\b", low)), unaccented=low.isascii())
    missing = [f"«{k[1:2].upper()}{k[2:]}»" for k in weights if k.startswith("#")]
    if not ranked:
        said = [f"{KIND_TITLES.get(scope, '') or 'Đề cương và hướng dẫn'} không có «{text}»"
                for text, scope in unresolved]
        if missing:
            said.append(f"các tài liệu đã lập chỉ mục không có {', '.join(missing)}")
        if said:
            return [f"{NOT_FOUND} {'; '.join(said)[:1].upper() + '; '.join(said)[1:]}."], book, []
        return [], book, []
    best_score, best = ranked[0]
    other = next(((s, u) for s, u in ranked[1:] if u.node.kind != best.node.kind and s >= 0.8 * best_score), None)
    extra = [(other[1].node, other[1].item)] if other else []
    lines += _node_block(best.node, None, frame, book, structural=structural, focus_item=best.item, extra=extra)
    # A near tie in the same document is shown, not decided: the user sees both.
    near: list[_Unit] = []
    for score, unit in ranked[1:]:
        if score < NEAR_TIE * best_score or len(near) == 2:
            break
        if unit.node.kind == best.node.kind and all(unit.node is not u.node for u in [best, *near]):
            near.append(unit)
    if near:
        lines.append("Cũng liên quan:")
        for unit in near:
            quoted = [unit.node.item_lines[unit.item]] if unit.item is not None else unit.node.lines
            location = (unit.node.item_locations[unit.item] if unit.item is not None else "") or unit.node.location
            ref = book.cite("\n".join(quoted), unit.node, location)
            lines.append(f"- {_where(unit.node, frame, unit.item)}: {_quote(quoted)} [{ref}]")
    if missing:
        lines.append(f"(Các tài liệu đã lập chỉ mục không có {', '.join(missing)}; trên đây là phần còn lại của câu "
                     "hỏi.)")
    return lines, book, [best.node] + [u.node for u in near] + ([other[1].node] if other else [])


def _said(question: str, low: str, group: list[_Atom]) -> str:
    """The words the user wrote for a reference, as written."""
    text = question[group[0].start:group[-1].end] if len(question) == len(low) else group[0].text
    text = text.strip()
    return text[:1].upper() + text[1:]


def _strip_atoms(low: str, atoms: list[_Atom]) -> str:
    for atom in atoms:
        low = low[:atom.start] + " " * (atom.end - atom.start) + low[atom.end:]
    return low


def ask(question: str, kb: KnowledgeBase, sections: Sequence = (), *, llm=None, llm_name: str = "llm") -> Answer:
    """Answer "what does X require?" by quoting the outline and guidance nodes the question names."""
    question = textvi.clean(question).strip()
    if not question:
        return Answer("Câu hỏi đang trống.", [])
    frame = _frame(kb, sections)
    read = read_question(question, frame)
    lines, book, nodes = _compose(read, frame)
    if not lines:
        lines = [NOT_FOUND]
    if nodes and _EXAMPLE.search(read.lower()):
        lines.append("(Đề cương và hướng dẫn không có bài viết mẫu: bấm «Soạn bản nháp» ở mục này để có bản nháp dựng "
                     "từ tư liệu của đơn vị.)")
    if _words(read) != _words(question):
        lines.append(f"(Đã hiểu câu hỏi là: «{read}».)")
    return _with_model(read, Answer("\n".join(lines), book.items, nodes=[n.key for n in nodes]), llm, llm_name)


def _words(text: str) -> list[str]:
    return [textvi.fold(w) for w in _WORD.findall(text)]


_THIS = re.compile(r"\b(?:mục|phần|nội dung|tiêu chí|muc|phan|noi dung) (?:này|nay)\b")


def names_node(question: str, kb: KnowledgeBase, sections: Sequence = ()) -> bool:
    """Whether a question names a node of its own ("tiêu chí 2.2", "phần kiến nghị") rather than the section the
    user has open ("Mục này yêu cầu gì?")."""
    frame = _frame(kb, sections)
    low = read_question(textvi.clean(question), frame).lower()
    if _THIS.search(low):
        return False
    atoms = _atoms(low)
    if atoms:
        return True
    kinds = {k for k in _scopes(low, atoms) if k in FRAME_KINDS}
    return bool(_rank(_topic_weights(low, atoms, frame), frame, kinds, False, False, unaccented=low.isascii()))


def section_answer(section: Section, kb: KnowledgeBase, sections: Sequence = (), *, llm=None,
                   llm_name: str = "llm") -> Answer:
    """«Mục này yêu cầu gì?» for a section the user has open (no reference to resolve)."""
    frame = _frame(kb, sections)
    node = next((n for n in frame.outline if n.id == section.id), None)
    if node is None:
        return ask(f"Mục {section.id} yêu cầu gì?", kb, sections, llm=llm, llm_name=llm_name)
    book = _Book()
    lines = _node_block(node, None, frame, book, structural=False)
    answer = Answer("\n".join(lines), book.items, nodes=[node.key])
    return _with_model(f"Mục {section.id} ({tidy(section.title)}) yêu cầu gì?", answer, llm, llm_name)


def _with_model(question: str, composed: Answer, llm, llm_name: str) -> Answer:
    """With a model: its prose after everything composed; the verbatim quotes are never replaced."""
    if llm is None or not composed.citations:
        return composed
    from bctk_assist.llm import LLMError, stream_text

    prompt = render_prompt("ask.md", question=question, clauses=evidence_block(composed.citations))
    try:
        text = stream_text(llm, [("human", prompt)]).strip()
    except LLMError as exc:
        composed.warnings.append(f"{exc} Đã trả lời bằng chế độ ngoại tuyến.")
        return composed
    if len(text) < 20 or not is_vietnamese(text):
        composed.warnings.append("Mô hình trả lời không dùng được; đã trả lời bằng chế độ ngoại tuyến.")
        return composed
    return Answer(composed.answer + "\n\n" + text, composed.citations, engine=llm_name, nodes=composed.nodes)


def requirements(kb: KnowledgeBase, sections: Sequence[Section], section: Section) -> list[Criterion]:
    """The guidance criteria an outline section answers (the crosswalk), for «Yêu cầu của mục»."""
    return list(_frame(kb, sections).crosswalk.get(section.id, []))


def crosswalk(kb: KnowledgeBase, sections: Sequence[Section]) -> dict[str, list[Criterion]]:
    """Every outline section -> the guidance criteria it answers (cached by index generation and outline)."""
    return dict(_frame(kb, sections).crosswalk)
