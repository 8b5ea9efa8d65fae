"""Drafting a section: evidence selection, the offline composer, LLM drafting, validators, criterion Q&A.

The composer never writes a figure of its own: every sentence it adds is either the user's note, a
sentence quoted from a cited source (with its [n]), the section's own wording from the outline, or
a visible "[CẦN BỔ SUNG: …]" placeholder.
"""
from __future__ import annotations

import hashlib
import math
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bctk_assist import textvi
from bctk_assist.index import Chunk, KnowledgeBase
from bctk_assist.settings import REPO_DIR

PROMPTS_DIR = REPO_DIR / "prompts"
UNIT_KINDS = ("report", "other")
FRAME_KINDS = ("outline", "guidance", "directive")
PLACEHOLDER = "[CẦN BỔ SUNG: {}]"
PLACEHOLDER_RE = re.compile(r"\[CẦN BỔ SUNG:?\s*([^\]]*)\]")
_CITATION_RE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;:])\s+(?=[A-ZĐÀ-Ỹ“\"(\d])|\n+")
_VI_CHARS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
COMPOSER = "composer"


@dataclass
class Evidence:
    n: int
    quote: str  # the sentence as it stands in the source (table rows as "header: value" pairs)
    doc: str
    location: str
    kind: str
    chunk_id: str
    score: float = 0.0

    def to_json(self) -> dict:
        return {"n": self.n, "doc": self.doc, "location": self.location, "quote": self.quote}


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

    def to_json(self, version: int | None = None) -> dict:
        return {"section_id": self.section_id, "version": version, "text": self.text,
                "citations": [c.to_json() for c in self.citations], "gaps": self.gaps,
                "unverified_numbers": self.unverified_numbers, "warnings": self.warnings,
                "engine": self.engine}


# ----------------------------------------------------------------------------- sentences

def chunk_sentences(chunk: Chunk) -> list[str]:
    """Sentences of a chunk; a table row becomes "Header: value; …" so its figures keep their labels."""
    lines = chunk.text.split("\n")
    header: list[str] | None = None
    out: list[str] = []
    for i, line in enumerate(lines):
        if " | " in line:
            cells = [c.strip() for c in line.split(" | ")]
            if header is None:
                header = cells
                continue
            if len(cells) == len(header):
                out.append(f"{header[0]} {cells[0]}: " + "; ".join(f"{h}: {v}" for h, v in zip(header[1:], cells[1:])) + ".")
            else:
                out.append(" ".join(cells))
            continue
        if i == 0 and textvi_numbered_heading(line):
            continue  # the section heading is not a fact
        out.extend(s.strip() for s in _SENTENCE_SPLIT.split(line) if _is_fact_sentence(s.strip()))
    return out


def _is_fact_sentence(sentence: str) -> bool:
    """Skip fragments, title lines in capitals and announcements like "… báo cáo như sau"."""
    if len(sentence) < 25:
        return False
    first_words = sentence.split()[:2]
    if all(w.isupper() and len(w) > 1 for w in first_words):
        return False
    if re.match(r"^(Trên đây là|Nơi nhận)", sentence) or (sentence.startswith("- ") and len(sentence) < 70):
        return False  # the closing formula and the recipients list are not facts
    return not re.search(r"như sau[.:]?$", sentence)


def textvi_numbered_heading(line: str) -> bool:
    from bctk_assist.sources import numbered_level

    return bool(numbered_level(line)) and len(line) < 160 and not line.rstrip().endswith(".")


_REF = (r"(?:Chỉ thị|Kế hoạch|Công văn|Quyết định|Nghị định|Luật)\s+(?:số\s+|cố\s+)?[\w./-]*\d[\w./-]*"
        r"(?:,?\s*ngày\s+\d{1,2}/\d{1,2}/\d{4})?")
_DIRECTIVE_REFS = re.compile(rf"(?:thực hiện\s+)?{_REF}(?:\s*(?:,|và)\s*{_REF})*", re.IGNORECASE)


def _focus(text: str) -> str:
    """What an item is about, without the directive references every item repeats."""
    text = re.sub(r"\s{2,}", " ", _DIRECTIVE_REFS.sub(" ", text))
    text = re.sub(r"^\s*(-|\+|•|–)\s*", "", text)
    return re.sub(r"\s+([,;.])", r"\1", re.sub(r"[\s,;]*(và)?[\s,;]*$", "", text)).strip() or text


def _section_title(chunk: Chunk) -> str:
    """The innermost heading of a chunk: its first line when it opens with one, else the path's last part."""
    first = chunk.text.split("\n")[0]
    if textvi_numbered_heading(first):
        return first
    return chunk.heading.split(" > ")[-1] if chunk.heading else ""


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


def _anchor_keys(text: str, idf: dict[str, float]) -> set[str]:
    """Specific syllables and two-syllable words of a short title ("Đối với Tỉnh" -> {"tỉnh"})."""
    threshold = math.log(1 + 1 / 0.25)
    return {t for t in textvi.tokens(text) if t not in ("đối", "với", "đối_với") and idf.get(t, 99.0) >= threshold}


def _near_duplicate(a: str, b: str) -> bool:
    ta, tb = set(textvi.tokens(a)), set(textvi.tokens(b))
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) > 0.6


# ----------------------------------------------------------------------------- evidence

@dataclass
class ItemEvidence:
    item: str
    sentences: list[Evidence]
    notes: list[str]


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


def select_evidence(kb: KnowledgeBase, title: str, items: Sequence[str], notes: str = "", *,
                    per_item: int = 3, min_score: float = 0.15, anchor: str = ""
                    ) -> tuple[list[ItemEvidence], list[Chunk]]:
    """For each item, the best unit sentences (report/other documents), de-duplicated across items.

    A sentence must share a specific word with its item (or with `anchor`, for short titles such as
    "Đối với Tỉnh" that are searched together with their parent's title).
    Returns the per-item picks (not yet numbered) and the chunks retrieved, for the caller's use.
    """
    idf = kb.idf()
    note_sentences = [s.strip() for s in _SENTENCE_SPLIT.split(notes or "") if s.strip()]
    used: list[str] = []
    picks: list[ItemEvidence] = []
    seen_chunks: list[Chunk] = []
    item_list = list(items) or [title]
    note_home = _assign_notes(note_sentences, item_list, idf)
    for idx, item in enumerate(item_list):
        focus = _focus(item)
        query = f"{focus} {_focus(title)}" if item != title else _focus(title)
        keys = _anchor_keys(anchor, idf) if anchor else _key_bigrams(focus, idf)
        hits = kb.search(query, k=6, kind=UNIT_KINDS)
        candidates: list[tuple[float, str, Chunk]] = []
        for rank, hit in enumerate(hits):
            chunk = hit.to_chunk()
            seen_chunks.append(chunk)
            # The report's structure usually mirrors the outline: how well the chunk's own heading
            # matches the item weighs as much as the sentence itself.
            section = _section_title(chunk)
            section_fit = _similarity(focus, section, idf)
            for sentence in chunk_sentences(chunk):
                if keys and not keys & set(textvi.tokens(f"{section}\n{sentence}")):
                    continue  # shares only generic words ("trẻ em", "thực hiện") with the item
                score = 0.5 * _similarity(focus, sentence, idf) + 0.5 * section_fit + 0.05 / (rank + 1)
                if re.search(r"\d", sentence):
                    score += 0.05  # concrete facts (figures, years) are what reviewers ask for
                candidates.append((score, sentence, chunk))
        chosen: list[Evidence] = []
        for score, sentence, chunk in sorted(candidates, key=lambda c: -c[0]):
            if len(chosen) >= per_item or score < min_score:
                break
            if any(_near_duplicate(sentence, u) for u in used):
                continue
            used.append(sentence)
            chosen.append(Evidence(0, sentence, chunk.doc, chunk.location, chunk.kind, chunk.id, score))
        picks.append(ItemEvidence(item, chosen, [s for s, home in zip(note_sentences, note_home) if home == idx]))
    return picks, seen_chunks


def _assign_notes(notes: list[str], items: list[str], idf: dict[str, float]) -> list[int]:
    """Each note sentence goes to the item it resembles most (the first item when none fits)."""
    homes = []
    for note in notes:
        scores = [_similarity(_focus(item), note, idf) for item in items]
        homes.append(max(range(len(items)), key=lambda i: scores[i]) if any(scores) else 0)
    return homes


# ----------------------------------------------------------------------------- composer

def compose(section_id: str, title: str, items: Sequence[str], picks: list[ItemEvidence],
            frame: Chunk | None = None, outline_text: str = "") -> Draft:
    """Deterministic offline draft: an opening tied to the outline, one paragraph per item."""
    book = EvidenceBook()
    paragraphs: list[str] = []
    gaps: list[str] = []
    opening = _opening(title, frame, book, outline_text or title)
    if opening:
        paragraphs.append(opening)
    gap_hint = _section_kind(title)[2]
    for pick in picks:
        sentences = [_as_sentence(s) for s in pick.notes]
        for ev in pick.sentences:
            numbered = book.add(ev.quote, Chunk(ev.chunk_id, "", ev.doc, ev.kind, "", ev.location, "", 0), ev.score)
            sentences.append(f"{_as_sentence(ev.quote)} [{numbered.n}]")
        topic = _topic(_focus(pick.item))
        lead = f"Về {topic}: " if len(picks) > 1 or pick.item != title else ""
        if sentences:
            paragraphs.append(lead + " ".join(sentences))
        else:
            gap = f"{_short(topic)} — {gap_hint}"
            gaps.append(gap)
            paragraphs.append(lead + PLACEHOLDER.format(gap))
    text = "\n\n".join(paragraphs)
    return Draft(section_id, text, book.items, gaps=gaps, engine=COMPOSER)


# (title pattern, opening sentence, what a placeholder asks for): first match wins.
_SECTION_KINDS = (
    (re.compile(r"nguyên nhân", re.I), "Những hạn chế nêu trên xuất phát từ các nguyên nhân sau [{n}].",
     "nguyên nhân khách quan, chủ quan cụ thể"),
    (re.compile(r"bài học", re.I), "Qua quá trình thực hiện {docs}, có thể rút ra một số bài học kinh nghiệm [{n}].",
     "bài học kinh nghiệm rút ra từ thực tiễn của đơn vị"),
    (re.compile(r"hạn chế|yếu kém|tồn tại", re.I),
     "Bên cạnh những kết quả đạt được, việc thực hiện {docs} còn có những hạn chế về {topic} [{n}].",
     "hạn chế cụ thể, có dẫn chứng"),
    (re.compile(r"nhiệm vụ|giải pháp", re.I),
     "Trong thời gian đến, tiếp tục thực hiện {docs} với các nhiệm vụ, giải pháp sau [{n}].",
     "nhiệm vụ, giải pháp cụ thể của đơn vị"),
    (re.compile(r"kiến nghị|đề xuất|^đối với", re.I), "Đơn vị đề xuất, kiến nghị một số nội dung sau [{n}].",
     "nội dung kiến nghị cụ thể"),
)
_DEFAULT_KIND = (None, "Thực hiện {docs}, đơn vị đã triển khai {topic} như sau [{n}].",
                 "hoạt động cụ thể, thời gian, số lượng, kết quả")


def _section_kind(title: str) -> tuple:
    return next((k for k in _SECTION_KINDS if k[0].search(title)), _DEFAULT_KIND)


def _opening(title: str, frame: Chunk | None, book: EvidenceBook, outline_text: str) -> str:
    """One sentence tying the section to the directive and plan, naming only documents the outline names."""
    if frame is None:
        return ""
    symbols = [s for s in textvi.symbols_in(outline_text) if s in ("20-CT/TW", "69-KH/TU")]
    docs = " và ".join(("Chỉ thị số " if "CT" in s else "Kế hoạch số ") + s for s in dict.fromkeys(symbols))
    ev = book.add(frame.text.split("\n")[0], frame, 1.0)
    topic = re.sub(r"^(hạn chế, yếu kém|hạn chế)\s*(trên)?\s*", "", _topic(_focus(title)))
    return _section_kind(title)[1].format(docs=docs or "Chỉ thị", topic=topic, n=ev.n)


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


def _as_sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text.rstrip(";:,") + "."


# ----------------------------------------------------------------------------- validators

def validate(draft: Draft, notes: str, outline_text: str, evidence: Sequence[Evidence]) -> Draft:
    """Fill gaps, unverified numbers and warnings; drop citations to evidence that was never given."""
    given = {ev.n: ev for ev in evidence}
    cited: set[int] = set()
    bad: set[int] = set()
    for m in _CITATION_RE.finditer(draft.text):
        for n in re.split(r"\s*[,;]\s*", m.group(1)):
            (cited if int(n) in given else bad).add(int(n))
    draft.citations = [given[n] for n in sorted(cited)]
    allowed = " ".join([notes, outline_text] + [ev.quote for ev in draft.citations])
    allowed_numbers = set(_number_keys(textvi.numbers_in(allowed)))
    allowed_symbols = {textvi.fold(s) for s in textvi.symbols_in(allowed)}
    text_wo_citations = _CITATION_RE.sub("", PLACEHOLDER_RE.sub("", draft.text))
    unverified = [n for n in textvi.numbers_in(text_wo_citations) if _number_key(n) not in allowed_numbers]
    unverified += [s for s in textvi.symbols_in(text_wo_citations) if textvi.fold(s) not in allowed_symbols]
    draft.unverified_numbers = list(dict.fromkeys(unverified))
    draft.gaps = list(dict.fromkeys(g.strip() for g in PLACEHOLDER_RE.findall(draft.text)))
    if bad:
        draft.warnings.append(f"Trích dẫn không có nguồn tương ứng: {', '.join(f'[{n}]' for n in sorted(bad))}.")
    if draft.unverified_numbers:
        draft.warnings.append("Có số liệu không tìm thấy trong ghi chú hay nguồn đã trích: "
                              + ", ".join(draft.unverified_numbers) + ".")
    if not is_vietnamese(draft.text):
        draft.warnings.append("Văn bản có vẻ không phải tiếng Việt.")
    return draft


def _number_key(n: str) -> str:
    n = n.replace(" ", "").rstrip("%")
    return n.lstrip("0") or "0" if re.fullmatch(r"\d+", n) else n


def _number_keys(ns: Sequence[str]) -> list[str]:
    return [_number_key(n) for n in ns]


def is_vietnamese(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", textvi.fold(PLACEHOLDER_RE.sub("", text)))
    if len(words) < 5:
        return True
    marked = sum(1 for w in words if _VI_CHARS & set(w))
    return marked / len(words) >= 0.2


# ----------------------------------------------------------------------------- section drafting

def outline_frame(kb: KnowledgeBase, title: str) -> Chunk | None:
    """The outline chunk that states this section (for the opening sentence and its citation)."""
    hits = kb.search(title, k=3, kind="outline")
    want = textvi.fold(title)[:60]
    for hit in hits:
        if want and want in textvi.fold(hit.text):
            return hit.to_chunk()
    return None


def draft_section(section, kb: KnowledgeBase, *, notes: str = "", llm=None, llm_name: str = "llm",
                  on_token: Callable[[str], None] | None = None, unit: str = "",
                  context: Sequence[str] = (), timeout: float | None = None) -> Draft:
    """Draft one outline section. With `llm`, the model writes from the same evidence; on any failure
    the composer's draft is returned with a clear warning.

    `context` holds the titles of the section's parents (outermost first): document symbols and figures
    named there (e.g. "Kế hoạch số 69-KH/TU") count as sourced, like the section's own wording, and a
    short title ("Đối với huyện") is searched together with its parent's ("CÁC ĐỀ XUẤT, KIẾN NGHỊ").
    """
    items = [i for i in section.items if not is_instruction(i)] or [section.title]
    search_title = section.title
    if len(section.title.split()) < 6 and context:
        search_title = f"{section.title} {context[-1]}"
    picks, _ = select_evidence(kb, search_title, [search_title if i == section.title else i for i in items], notes,
                               anchor=section.title if search_title != section.title else "")
    for pick in picks:
        pick.item = section.title if pick.item == search_title else pick.item
    frame = outline_frame(kb, section.title)
    outline_text = " ".join([*context, section.title, *section.items])
    composed = compose(section.id, section.title, items, picks, frame, outline_text)
    if llm is None:
        return validate(composed, notes, outline_text, composed.citations)
    from bctk_assist.llm import LLMError, stream_text

    prompt_name = "draft_section.md"
    prompt = render_prompt(prompt_name, unit=unit or "nhà trường", section_label=section.label,
                           section_title=section.title, items=_bullets(items), notes=notes.strip() or "(không có)",
                           evidence=_evidence_block(composed.citations))
    try:
        text = stream_text(llm, [("human", prompt)], on_token=on_token, timeout=timeout).strip()
    except LLMError as exc:
        composed.warnings.append(f"{exc} Đã dùng bản soạn ngoại tuyến thay thế.")
        return validate(composed, notes, outline_text, composed.citations)
    draft = Draft(section.id, text, [], engine=llm_name, prompt=prompt_name,
                  prompt_hash=prompt_hash(prompt_name))
    draft = validate(draft, notes, outline_text, composed.citations)
    if len(text) < 40 or not is_vietnamese(text):
        composed.warnings.append("Mô hình trả về văn bản không dùng được (quá ngắn hoặc không phải tiếng Việt); "
                                 "đã dùng bản soạn ngoại tuyến thay thế.")
        return validate(composed, notes, outline_text, composed.citations)
    return draft


_INSTRUCTION = re.compile(r"^(Trên cơ sở|Căn cứ|Ghi chú|Lưu ý|(Nhà trường|Đơn vị) đã)|(các |mỗi )?đơn vị cần", re.I)


def is_instruction(item: str) -> bool:
    """Outline lines that tell the writer what to do, or show an example, rather than name a topic."""
    return len(item.split()) > 60 or bool(_INSTRUCTION.search(item))


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {i}" for i in items)


def _evidence_block(evidence: Sequence[Evidence]) -> str:
    if not evidence:
        return "(không có tư liệu)"
    return "\n".join(f"[{ev.n}] {ev.quote} (nguồn: {ev.doc}, {ev.location})" for ev in evidence)


def revise_section(section, text: str, request: str, citations: Sequence[dict], *, llm, llm_name: str = "llm",
                   on_token: Callable[[str], None] | None = None, notes: str = "",
                   context: Sequence[str] = ()) -> Draft:
    """Rewrite a draft on the user's request ("rút gọn", "thêm số liệu năm 2021") with an LLM.

    The same validators run on the result; when the model fails, the text comes back unchanged with
    a warning, so nothing the user had is lost.
    """
    evidence = [Evidence(int(c["n"]), c["quote"], c["doc"], c["location"], c.get("kind", ""), c.get("chunk_id", ""))
                for c in citations]
    outline_text = " ".join([*context, section.title, *section.items])
    unchanged = Draft(section.id, text, [], engine=llm_name)
    if llm is None:
        unchanged.warnings.append("Chỉnh sửa theo yêu cầu cần một mô hình ngôn ngữ (xem trang Cài đặt); "
                                  "bạn có thể sửa trực tiếp trong ô soạn thảo.")
        return validate(unchanged, notes, outline_text, evidence)
    from bctk_assist.llm import LLMError, stream_text

    prompt_name = "revise.md"
    prompt = render_prompt(prompt_name, section_label=section.label, section_title=section.title, draft=text,
                           evidence=_evidence_block(evidence), request=request.strip())
    try:
        revised = stream_text(llm, [("human", prompt)], on_token=on_token).strip()
    except LLMError as exc:
        unchanged.warnings.append(f"{exc} Bản nháp được giữ nguyên.")
        return validate(unchanged, notes, outline_text, evidence)
    if len(revised) < 40 or not is_vietnamese(revised):
        unchanged.warnings.append("Mô hình trả về văn bản không dùng được; bản nháp được giữ nguyên.")
        return validate(unchanged, notes, outline_text, evidence)
    draft = Draft(section.id, revised, [], engine=llm_name, prompt=prompt_name, prompt_hash=prompt_hash(prompt_name))
    return validate(draft, notes, outline_text, evidence)


# ----------------------------------------------------------------------------- prompts

def render_prompt(name: str, **values: str) -> str:
    """Render prompts/<name> (string.Template); a missing variable is an error, not a blank."""
    return string.Template((PROMPTS_DIR / name).read_text(encoding="utf-8")).substitute(values)


def prompt_hash(name: str) -> str:
    return hashlib.sha256((PROMPTS_DIR / name).read_bytes()).hexdigest()[:12]


def prompt_names() -> list[str]:
    return sorted(p.name for p in Path(PROMPTS_DIR).glob("*.md"))


# ----------------------------------------------------------------------------- criterion Q&A

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

    prompt = render_prompt("ask.md", question=question, clauses=_evidence_block(book.items))
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
