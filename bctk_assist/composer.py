"""The offline composer: a section's draft rendered from its share of the fact map.

One paragraph per outline item, its facts in time order with the year leading, each sourced
sentence ending in its citation [n]; list items that share a lead-in are written as one sentence
(dated by the lead-in), and so are the figures of one table series, in the table's order.
An opening per section kind frames the section without claiming anything and cites nothing (the
outline is not evidence). An item with no material is a visible "[CẦN BỔ SUNG: …]". The only words
added to a source sentence are the lead-in of its list, the document's own period and the unit's
name from its profile, so the validators hold by construction.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bctk_assist import textvi
from bctk_assist.facts import Fact, lower_first as _lower_first
from bctk_assist.factmap import DIRECTIVE_REFS, SUMMARY_ITEM, focus, slot_kind
from bctk_assist.grounding import PLACEHOLDER, Draft, Evidence, sentences, validate
from bctk_assist.outline import Section, is_instruction, tidy

SAMPLE_WARNING = ("Bản nháp này dựng từ DỮ LIỆU MẪU của một đơn vị giả định (báo cáo kèm theo chương trình), "
                  "không phải tài liệu của đơn vị. Hãy thêm báo cáo của đơn vị ở trang Tài liệu "
                  "(hoặc `bctk ingest`) rồi soạn lại.")
_GAP_HINTS = {
    "result": "hoạt động cụ thể, thời gian, số lượng, kết quả",
    "limitation": "hạn chế cụ thể, có dẫn chứng",
    "cause": "nguyên nhân khách quan, chủ quan cụ thể",
    "lesson": "bài học kinh nghiệm rút ra từ thực tiễn của đơn vị",
    "task": "nhiệm vụ, giải pháp cụ thể của đơn vị",
    "recommendation": "nội dung kiến nghị cụ thể",
}
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ“\"(\d])|\n+")


def unit_word(unit: str) -> str:
    """How the report names its own unit: "nhà trường", "chi bộ", "UBND xã"…; "đơn vị" by default."""
    name = textvi.nfc(unit).strip()
    low = name.lower()
    if low.startswith(("chi bộ", "đảng bộ")):
        return low[:7].strip()
    if low.startswith("trường") or "trường " in low[:12]:
        return "nhà trường"
    m = re.match(r"^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+(xã|phường|thị trấn|huyện|quận)", low)
    if m:
        return f"UBND {m.group(2)}"
    return "đơn vị"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def short_topic(text: str, max_words: int = 10) -> str:
    """An outline item as a short noun phrase for "Về …:", at most about ten words, cut at a clause."""
    ref = DIRECTIVE_REFS.search(text)
    if ref and ref.start() > 15:  # "… trong thực hiện Chỉ thị số 20-CT/TW, …": the topic ends before it
        text = re.sub(r"(\s+(trong|của|theo|về|thực hiện))+\s*$", "", text[:ref.start()].rstrip(" ,"))
    text = re.sub(r"^[-+•–*]\s*", "", tidy(focus(text).strip()))
    text = re.sub(r"^(\d+(\.\d+)*|[IVXLC]+|[a-zđ])[.)\-]\s+", "", text)
    text = re.split(r"[;:(]", text)[0]
    stripped = re.sub(r"^(Đánh giá\s+)?(việc|sự)\s+", "", text, flags=re.I)
    stripped = re.sub(r"^Đánh giá\s+", "", stripped, flags=re.I).strip(" ,.…")
    text = stripped if len(stripped.split()) > 1 else text.strip(" ,.…")
    if len(text.split()) > max_words:
        text = _cut(text, max_words)
    text = text.strip(" ,")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


_DANGLING_END = re.compile(r"(\s+(của|và|về|cho|với|các|những|trong|theo|đối với|được|nhất là|đặc biệt))+$", re.I)


def _cut(text: str, max_words: int, slack: int = 4) -> str:
    """The longest run of whole clauses (cut at "," or " và ") within max_words (+slack), else the first
    max_words words; never ending on a word that needs a complement ("của", "và", "cho"…)."""
    if len(text.split()) <= max_words + slack + 2:
        return text
    bounds = [m.start() for m in re.finditer(r",\s|;|\s(và|nhất là|đặc biệt là|theo hướng|trong đó)\s", text)]
    fitting = [b for b in bounds if len(text[:b].split()) <= max_words + slack and len(text[:b].split()) >= 3]
    if fitting:
        cut = text[:max(fitting)]
    else:  # before a word that opens a complement ("… các chương trình mục tiêu | vì trẻ em …"), not inside a word
        words = text.split()
        before = [i for i, w in enumerate(words) if 3 <= i <= max_words + slack and w.lower() in _COMPLEMENT]
        cut = " ".join(words[:max(before)] if before else words[:max_words])
    return _DANGLING_END.sub("", cut.rstrip(" ,"))


_COMPLEMENT = {"vì", "trong", "cho", "của", "theo", "tại", "với", "để", "về", "nhằm", "thuộc", "đối", "dành"}


def _opening(kind: str, title: str, unit: str, variant: int, summary: bool = False) -> str:
    topic = short_topic(title, 20)
    if kind == "limitation":
        return f"Bên cạnh những kết quả đạt được, {unit} còn một số hạn chế sau:"
    if kind == "cause":
        return "Những hạn chế nêu trên có các nguyên nhân sau:"
    if kind == "lesson":
        return f"Qua quá trình thực hiện, {unit} rút ra một số bài học kinh nghiệm sau:"
    if kind == "task":
        return f"Trong thời gian đến, {unit} tập trung thực hiện các nhiệm vụ, giải pháp sau:"
    if kind == "recommendation":
        target = re.sub(r"^(đối với|với)\s+", "", tidy(title).strip(), flags=re.I).rstrip(":.")
        forms = (f"{_cap(unit)} kiến nghị {target} một số nội dung sau:",
                 f"Đối với {target}, {unit} đề nghị:",
                 f"{_cap(unit)} đề xuất với {target}:",
                 f"Đối với {target}, {unit} kiến nghị:")
        return forms[variant % len(forms)]
    if summary:
        return f"Đánh giá chung kết quả thực hiện Chỉ thị của {unit} như sau:"
    if topic.lower().startswith("kết quả"):
        return f"{_cap(topic)} của {unit} qua các năm như sau:"
    return f"Kết quả {topic} của {unit} qua các năm như sau:"


def _year_lead(fact: Fact) -> str:
    """The fact's period written before it when the sentence names no year of its own."""
    if fact.anchored or fact.lead or not fact.period or fact.period.startswith("giai đoạn") \
            or fact.kind not in ("result", "summary"):
        return ""  # limitations, causes, tasks… are not dated one by one
    if re.search(r"\b(19|20)\d\d\b", fact.text):
        return ""
    return _cap(fact.period)


# A lead-in that only announces a list ("… thống nhất các nội dung sau", "… như sau"): with one item left
# in a section's share, the item reads on from the verb.
_ANNOUNCE = re.compile(r",?\s+(?:(?:gồm\s+)?(?:các|những)\s+(?:nội dung|việc|công việc|vấn đề|điểm|ý kiến)"
                       r"\s+(?:như\s+)?sau|như\s+sau)\s*$", re.I)


_DECIDES = re.compile(r"\b(thống nhất|quyết định|kết luận|chỉ đạo|yêu cầu|đề nghị|thực hiện|triển khai|tổ chức)$",
                      re.I)


def _again(year: str, previous: str) -> str:
    """A year lead that repeats the one just written reads "Cũng trong năm 2021", not "Năm 2021" twice."""
    return f"Cũng trong {_lower_first(year)}" if year and year == previous else year


class _Book:
    """Numbers evidence [1]..[k] in order of first use, so citations in the text stay in sequence."""

    def __init__(self) -> None:
        self.items: list[Evidence] = []

    def cite(self, fact: Fact, item: int | None, context: str) -> int:
        for ev in self.items:
            if ev.fact_id == fact.id:
                return ev.n
        ev = Evidence(len(self.items) + 1, fact.quote, fact.doc, fact.location, fact.doc_kind, fact.chunk_id,
                      fact_id=fact.id, item=item, context=context)
        self.items.append(ev)
        return ev.n


def render_facts(facts: Sequence[Fact], book: _Book, item: int | None) -> list[str]:
    """Sentences for an item's facts; list items that share a lead-in become one sentence, and so do the
    figures of one series (a table row or column), in the table's order."""
    out: list[str] = []
    done: set[str] = set()
    previous = ""  # the year lead of the sentence just written
    for fact in facts:
        if fact.id in done:
            continue
        if fact.lead:
            group = [f for f in facts if f.lead == fact.lead and f.doc_id == fact.doc_id and f.id not in done]
            if all(f.series for f in group):
                group.sort(key=lambda f: f.position)
            lead, _ = _split_lead(fact)
            year = _group_year(group, lead)
            pieces = []
            for f in group:
                done.add(f.id)
                n = book.cite(f, item, f.period if (f.anchored or year) else "")
                pieces.append(f"{_split_lead(f)[1].strip().rstrip('.;')} [{n}]")
            said, previous = _again(year, previous), year
            lead = f"{said}, {_lower_first(lead)}" if said else lead
            announce = _ANNOUNCE.search(lead)
            if len(pieces) == 1 and announce and _DECIDES.search(lead[:announce.start()]):
                # "thống nhất các nội dung sau: giao…" -> "thống nhất giao…"
                out.append(f"{lead[:announce.start()]} {pieces[0]}.")
            else:
                out.append(f"{lead}: " + "; ".join(pieces) + ".")
            continue
        done.add(fact.id)
        year = _year_lead(fact)
        n = book.cite(fact, item, fact.period if (year or fact.anchored) else "")
        said, previous = _again(year, previous), year
        text = f"{said}, {_lower_first(fact.text)}" if said else fact.text
        # every sentence of a fact carries its citation: numbers are checked sentence by sentence
        out.extend(f"{part.rstrip().rstrip('.')} [{n}]." for part in sentences(text))
    return out


def _split_lead(fact: Fact) -> tuple[str, str]:
    """A list item's fact as (its lead-in, the item): "Các hoạt động chính gồm" / "hội thi kéo co …". The
    lead-in may hold a colon of its own, so it is cut where the lead-in ends, not at the first colon."""
    core = fact.lead.rstrip(":").rstrip()
    if core and fact.text.startswith(_cap(core)) and fact.text[len(core):len(core) + 1] == ":":
        return _cap(core), fact.text[len(core) + 1:].strip()
    if ": " in fact.text:
        head, body = fact.text.split(": ", 1)
        return head, body
    return _cap(core), fact.text


def _group_year(group: Sequence[Fact], lead: str) -> str:
    """The period written before a list's lead-in when neither it nor any of its items names a year:
    "Năm 2018, Trạm Y tế xã phối hợp với các thôn tổ chức: …"."""
    first = group[0]
    if any(f.anchored or re.search(r"\b(19|20)\d\d\b", f.text) for f in group) or re.search(r"\b(19|20)\d\d\b", lead):
        return ""
    return _year_lead(replace(first, lead=""))


# "Khó khăn: …" in a report's situation part is an objective cause of what fell short
_SIDES = (("Nguyên nhân khách quan:", re.compile(r"khách quan|(^|> )(khó khăn|thách thức)(?= |$)", re.I)),
          ("Nguyên nhân chủ quan:", re.compile(r"chủ quan", re.I)))


def _split_causes(facts: Sequence[Fact]) -> list[tuple[str, list[Fact]]]:
    """Causes told apart as objective and subjective when the sources say which is which."""
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        side = next((label for label, p in _SIDES if p.search(f"{fact.heading} {fact.text[:40]}")), "Ngoài ra:")
        said = re.match(r"^(về\s+)?(mặt\s+)?(nguyên nhân\s+)?(khách quan|chủ quan)\s*(là|:|,)?\s*", fact.text, re.I)
        if said and side != "Ngoài ra:" and len(fact.text) > said.end() + 20:  # the label already says it
            fact = replace(fact, text=_cap(fact.text[said.end():]))
        groups.setdefault(side, []).append(fact)
    if len(groups) < 2 or "Ngoài ra:" in groups and len(groups["Ngoài ra:"]) == len(facts):
        return []
    order = [label for label, _ in _SIDES] + ["Ngoài ra:"]
    return [(label, groups[label]) for label in order if label in groups]


def _notes_by_item(notes: str, slots: list[tuple[int | None, str]]) -> dict[int | None, list[str]]:
    """Each sentence of the user's notes goes to the item it shares most words with (the first if none)."""
    out: dict[int | None, list[str]] = {}
    for sentence in (s.strip() for s in _SENTENCES.split(notes or "")):
        if not sentence:
            continue
        words = set(textvi.tokens(sentence))
        best = max(slots, key=lambda s: len(words & set(textvi.tokens(s[1]))))
        out.setdefault(best[0], []).append(sentence if sentence[-1] in ".!?…" else sentence + ".")
    return out


def compose_section(section: Section, share: dict[int | None, list[Fact]], *, context: Sequence[str] = (),
                    notes: str = "", unit: str = "", variant: int = 0, sample: bool = False) -> Draft:
    """The composer's draft of one section from its facts, the user's notes and the unit's name."""
    kind = slot_kind(section.title, context)
    who = unit_word(unit)
    items = [(i, it) for i, it in enumerate(section.items) if not is_instruction(it)] or [(None, section.title)]
    notes_home = _notes_by_item(notes, [(i, f"{it} {section.title}") for i, it in items])
    book = _Book()
    paragraphs: list[str] = []
    gaps: list[str] = []
    loose = share.get(None, []) if items[0][0] is not None else []  # moved to the section, not an item
    if loose:
        paragraphs.append(" ".join(render_facts(loose, book, None)))
    for idx, item in items:
        facts = share.get(idx, [])
        if kind == "cause" and len(items) == 1 and notes_home.get(idx) is None and _split_causes(facts):
            paragraphs.extend(f"{label} " + " ".join(render_facts(group, book, idx))
                              for label, group in _split_causes(facts))
            continue
        sentences = notes_home.get(idx, []) + render_facts(facts, book, idx)
        topic = short_topic(item)
        lead = f"Về {topic}: " if len(items) > 1 else ""
        if sentences:
            paragraphs.append(lead + " ".join(sentences))
        else:
            gap = f"{topic} — {_GAP_HINTS[kind]}"
            gaps.append(gap)
            paragraphs.append(lead + PLACEHOLDER.format(gap))
    if book.items or notes.strip():
        summary = len(items) == 1 and items[0][0] is not None and bool(SUMMARY_ITEM.search(items[0][1]))
        paragraphs.insert(0, _opening(kind, section.title, who, variant, summary))
    draft = Draft(section.id, "\n\n".join(paragraphs), book.items, gaps=gaps, sample_data=sample)
    outline_text = " ".join([*context, section.title, *section.items])
    draft = validate(draft, notes, outline_text, book.items, extra=[unit])
    if sample:
        draft.warnings.insert(0, SAMPLE_WARNING)
    return draft
