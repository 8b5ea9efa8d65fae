"""Parsing a report outline (đề cương) into a flat list of sections with stable ids; the same parser reads the
guidance and the directive into numbered trees (Node: a section with its own lines and their places).

A section id is the numbering path joined by "." ("P1.II.2"): parts become "P1".."Pn", Roman
numerals, arabic numbers and letters are kept as written. Ids never depend on position in the file
or on title wording, so re-parsing an edited outline keeps the ids of the sections that survive.
Headings that carry no number (Word heading styles, Markdown "#") get the number their level
implies among their siblings (Heading 2 -> "I", "II"…, Heading 3 -> "1", "2"…).
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from bctk_assist.settings import Settings
from bctk_assist.sources import Block, SourceError, numbered_level, read_file
from bctk_assist.textvi import fold

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_ORDINALS = {"nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
             "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_PART = re.compile(r"^(phần\s+(?:thứ\s+)?(" + "|".join(_ORDINALS) + r"|[ivx]{1,5}|\d{1,2}))(?!\w)",
                   re.IGNORECASE)
_PART_LETTER = re.compile(r"^([A-H])\s*[.\-–](?=\s|$)")
_ROMAN = re.compile(r"^([IVX]{1,6})\s*[.\-–):](?=\s*\w|\s*$)")
_ROMAN_VALID = re.compile(r"^X{0,3}(IX|IV|V?I{0,3})$")
# "1." "1)" "1.Text" "1 - Text" "2.1." "2.1 Text"; never "20 năm", "1.000", "20-CT/TW".
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\s*([.)])\s*(?=[^\W\d_]|$)|\s*([\-–])(?=\s)|(?=\s))")
_LETTER = re.compile(r"^([a-zđ])(?:\s*\)\s*(?=\S|$)|\s*[.\-–](?=\s|$))")
_BULLET = re.compile(r"^[-+•–—*·▪◦►]\s*(?=\S)")
# A closing summary of a group ("Đánh giá chung: …") after its last numbered child.
_SUMMARY = re.compile(r"^(đánh giá|nhận xét|kết luận)\s+chung\s*:", re.IGNORECASE)
_TITLE_FROM_NEXT_MAX = 200

# Ranks order numbering styles from the outside in; a section nests under the nearest open
# section of a lower rank.
_RANK_PART, _RANK_ROMAN, _RANK_ARABIC, _RANK_LETTER = 10, 20, 30, 40


class OutlineError(ValueError):
    """An outline that cannot be used; the message is one Vietnamese line naming the file."""


@dataclass
class Section:
    id: str
    label: str  # the number as written: "Phần thứ nhất", "I.", "2.", "a)"; "" for an unnumbered heading
    title: str  # heading text without its label, as written in the source
    level: int  # 1 part, 2 Roman, 3 arabic, 4 letter / sub-number
    parent: str | None
    items: list[str] = field(default_factory=list)  # what the section must cover

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label, "title": self.title, "level": self.level,
                "parent": self.parent, "items": list(self.items)}


@dataclass(frozen=True)
class _Label:
    label: str
    key: str  # id component; a dotted number keeps its dots until the parent is known
    rank: int
    level: int
    title: str


def _clean(text: str) -> str:
    return " ".join(_BOOKMARK.sub("", text).split())


def _title(rest: str) -> str:
    """Heading text after the label: separators and list punctuation (";", ",") trimmed."""
    return _clean(re.sub(r"^[\s:.\-–)]+", "", rest)).rstrip(";,").rstrip()


def _roman_value(roman: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(roman):
        v = values[ch]
        total += -v if i + 1 < len(roman) and values[roman[i + 1]] > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _match_label(text: str) -> _Label | None:
    """The section number a line starts with, or None for body text and bullets."""
    t = text.strip()
    if m := _PART.match(t):
        word = m.group(2).lower()
        n = _ORDINALS.get(word) or (int(word) if word.isdigit() else _roman_value(word.upper()))
        return _Label(m.group(1), f"P{n}", _RANK_PART, 1, _title(t[m.end():]))
    if m := _PART_LETTER.match(t):
        return _Label(t[:m.end()].strip(), f"P{ord(m.group(1)) - ord('A') + 1}", _RANK_PART, 1,
                      _title(t[m.end():]))
    if (m := _ROMAN.match(t)) and _ROMAN_VALID.match(m.group(1)):
        return _Label(t[:m.end()].strip(), m.group(1), _RANK_ROMAN, 2, _title(t[m.end():]))
    if m := _DECIMAL.match(t):
        number = m.group(1)
        if "." in number or m.group(2) or m.group(3):  # a bare "20 năm" is not a number label
            dots = number.count(".")
            return _Label(t[:m.end()].strip(), number, _RANK_ARABIC + dots, 3 if not dots else 4,
                          _title(t[m.end():]))
    if m := _LETTER.match(t):
        return _Label(t[:m.end()].strip(), m.group(1), _RANK_LETTER, 4, _title(t[m.end():]))
    return None


def _implicit_label(block: Block) -> _Label:
    """A heading without a number: its level stands for the numbering style (key filled in later)."""
    level = max(1, min(block.level or 1, 4))
    rank = (_RANK_PART, _RANK_ROMAN, _RANK_ARABIC, _RANK_LETTER)[level - 1] + max(0, (block.level or 1) - 4)
    return _Label("", "", rank, level, _title(block.text))


def _repair_blocks(blocks: list[Block]) -> list[Block]:
    """Undo two reader shortcuts that would blur the outline.

    A long numbered line comes as a shortened heading plus the full paragraph: keep the full one.
    A part heading absorbs the capitalised line after it ("Phần thứ nhất" + its title); when that
    line has a number of its own ("B. NHIỆM VỤ" + "C. KIẾN NGHỊ") it is split off again.
    """
    out: list[Block] = []
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (b.kind == "heading" and b.text.endswith("…") and nxt is not None
                and nxt.location == b.location and nxt.text.startswith(b.text[:-1].rstrip())):
            continue
        text = _BOOKMARK.sub("", b.text).strip()
        lines = text.split("\n")
        cut = next((k for k in range(1, len(lines)) if _match_label(lines[k])), None)
        if cut is None:
            out.append(replace(b, text=text))
        else:
            out.append(replace(b, text="\n".join(lines[:cut])))
            out.extend(replace(b, text=line) for line in lines[cut:])
    return out


def parse_outline(blocks: list[Block]) -> list[Section]:
    """Sections in document order; bullets and plain paragraphs become items of the section above."""
    return _parse_sections(blocks, None)


def _parse_sections(blocks: list[Block], trace: dict[str, list[tuple[str, Block]]] | None) -> list[Section]:
    """parse_outline's work; `trace`, when given, receives each section's blocks as ("head" | "item", block)
    (key "" holds the preamble before the first section)."""
    def note(section: Section | None, role: str, block: Block) -> None:
        if trace is not None:
            trace.setdefault(section.id if section is not None else "", []).append((role, block))

    blocks = [b for b in _repair_blocks(blocks) if b.kind != "table" and _clean(b.text)]
    labels = [_match_label(b.text) for b in blocks]
    # Unnumbered headings before the first numbered one are the document title when numbers exist.
    first_numbered = next((i for i, lab in enumerate(labels) if lab), None)
    sections: list[Section] = []
    ids: set[str] = set()
    stack: list[tuple[int, Section, str]] = []  # (rank, section, full arabic number)
    current: Section | None = None
    for i, (block, lab) in enumerate(zip(blocks, labels)):
        if lab is None and _is_styled_heading(block) and (first_numbered is None or i > first_numbered):
            if current is not None and not current.title and not current.items:
                current.title = _title(block.text)  # "Phần thứ nhất" then its title as a second heading
                note(current, "head", block)
                continue
            lab = _implicit_label(block)
        if lab is None:
            before = (sum(len(s.items) for s in sections), current.title if current else "")
            current = _add_item(block.text, current, stack)
            if sum(len(s.items) for s in sections) > before[0]:
                note(current, "item", block)
            elif current is None or current.title != before[1]:
                note(current, "head", block)  # the preamble, or a title on the line after its number
            continue
        while stack and stack[-1][0] >= lab.rank:
            stack.pop()
        parent = stack[-1] if stack else None
        key, number = _key(lab, parent, sections)
        sid = f"{parent[1].id}.{key}" if parent else key
        sid = _unique(sid, ids)
        current = Section(sid, lab.label, lab.title, lab.level, parent[1].id if parent else None)
        sections.append(current)
        note(current, "head", block)
        stack.append((lab.rank, current, number))
    return sections


def _is_styled_heading(block: Block) -> bool:
    """A heading by Word style or Markdown "#", not one the reader guessed from a number we reject
    ("Phần lớn học sinh…" is a sentence, not "Phần L")."""
    return block.kind == "heading" and not numbered_level(block.text)


def _key(lab: _Label, parent: tuple[int, Section, str] | None, sections: list[Section]) -> tuple[str, str]:
    """The id component of a new section and its full arabic number (for "2.1" under "2.")."""
    if not lab.label:  # unnumbered heading: the n-th sibling of its style
        parent_id = parent[1].id if parent else None
        n = 1 + sum(1 for s in sections if s.parent == parent_id and s.level == lab.level and not s.label)
        if lab.rank == _RANK_PART:
            n = 1 + sum(1 for s in sections if s.parent is None)
            return f"P{n}", ""
        key = {_RANK_ROMAN: _to_roman(n), _RANK_ARABIC: str(n)}.get(lab.rank, chr(ord("a") + (n - 1) % 26))
        return key, key if lab.rank == _RANK_ARABIC else ""
    if _RANK_ARABIC <= lab.rank < _RANK_LETTER:
        number = lab.key
        prefix, _, last = number.rpartition(".")
        if prefix and parent and parent[2] == prefix:
            return last, number
        return number, number
    return lab.key, ""


def _unique(sid: str, ids: set[str]) -> str:
    """A repeated number under the same parent (a typo in the source) gets "-2", "-3"…"""
    candidate, n = sid, 1
    while candidate in ids:
        n += 1
        candidate = f"{sid}-{n}"
    ids.add(candidate)
    return candidate


def _add_item(text: str, current: Section | None, stack: list[tuple[int, Section, str]]) -> Section | None:
    """Attach a bullet or paragraph to the open section; returns the section that stays open."""
    if current is None:
        return None  # preamble before the first section (document title, notes)
    text = _clean(text)
    bullet = _BULLET.match(text)
    if bullet:
        text = text[bullet.end():]
    elif not current.title and not current.items and len(text) <= _TITLE_FROM_NEXT_MAX:
        current.title = text.rstrip(";,").rstrip()  # "Phần thứ nhất" with its title on the next line
        return current
    elif _SUMMARY.match(text):
        # "Đánh giá chung: …" after II.5 sums up the whole of II, so it belongs to II.
        group = next((s for rank, s, _ in reversed(stack) if rank < _RANK_ARABIC), None)
        if group is not None and current.level >= 3:
            while stack and stack[-1][1] is not group:
                stack.pop()
            current = group
    if text:
        current.items.append(text)
    return current


def load_outline(path: Path, settings: Settings) -> list[Section]:
    """Read a DOCX/TXT/MD/PDF outline; OutlineError when it cannot be read or has no structure."""
    path = Path(path)
    try:
        doc = read_file(path, settings)
    except SourceError as exc:
        raise OutlineError(str(exc)) from exc
    sections = parse_outline(doc.blocks)
    if len(sections) < 2:
        raise OutlineError(f"Tệp '{doc.name}' không có cấu trúc đề cương: không nhận ra các mục đánh số "
                           "(Phần thứ nhất, I., 1., a)…) hay tiêu đề kiểu Heading.")
    return sections


def default_outline(settings: Settings) -> list[Section]:
    """The bundled outline: the corpus file whose manifest kind is "outline"."""
    manifest = Path(settings.corpus_dir) / "manifest.json"
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError) as exc:
        raise OutlineError(f"Không đọc được danh mục tài liệu mẫu '{manifest.name}'.") from exc
    entry = next((f for f in files if f.get("kind") == "outline"), None)
    if entry is None:
        raise OutlineError(f"Danh mục '{manifest.name}' không có tệp đề cương (kind \"outline\").")
    return load_outline(Path(settings.corpus_dir) / entry["file"], settings)


def find_section(sections: list[Section], ref: str) -> Section | None:
    """By id ("p1.ii.2", any case) or by an unambiguous label path ("II.2", "II 2", "mục II.2")."""
    ref = re.sub(r"^(mục|muc)\s+", "", ref.strip(), flags=re.IGNORECASE).strip().rstrip(".")
    by_id = {s.id.casefold(): s for s in sections}
    if ref.casefold() in by_id:
        return by_id[ref.casefold()]
    parts = [p.casefold() for p in re.split(r"[.\s]+", ref) if p]
    if not parts:
        return None
    matches = [s for s in sections if [p.casefold() for p in s.id.split(".")][-len(parts):] == parts]
    return matches[0] if len(matches) == 1 else None


def ancestor_titles(sections: list[Section], section: Section) -> list[str]:
    """The titles of a section's parents, outermost first (the outline wording around it)."""
    by_id = {s.id: s for s in sections}
    titles: list[str] = []
    parent = by_id.get(section.parent) if section.parent else None
    while parent is not None:
        titles.insert(0, parent.title)
        parent = by_id.get(parent.parent) if parent.parent else None
    return titles


def workspace_outline(workspace, settings: Settings) -> list[Section]:
    """The outline the unit chose (stored in its workspace), else the bundled one."""
    stored = workspace.outline_json()
    if stored:
        fields = ("id", "label", "title", "level", "parent", "items")
        return [Section(**{k: d[k] for k in fields}) for d in stored]
    return default_outline(settings)


# Typing slips found in the bundled outline. Sources are indexed and quoted as they are, but
# headings and drafts written from them must not repeat the slips (DOMAIN.md).
KNOWN_SLIPS = {
    "Chỉ thị cố": "Chỉ thị số",
    "CHỈ THỊ CỐ": "CHỈ THỊ SỐ",
    "Chỉ chị": "Chỉ thị",
    "TIẾP THỤC": "TIẾP TỤC",
    "địa dịch": "đại dịch",
}
_SLIPS_RE = re.compile("|".join(re.escape(k) for k in KNOWN_SLIPS))


def tidy(text: str) -> str:
    """Outline wording for headings and drafts: known typing slips corrected, spacing squeezed."""
    return " ".join(_SLIPS_RE.sub(lambda m: KNOWN_SLIPS[m.group(0)], text).split(" ")).strip()


def draftable(sections: list[Section]) -> list[Section]:
    """Sections that take text of their own: those with items to cover or without sub-sections."""
    parents = {s.parent for s in sections if s.parent}
    return [s for s in sections if s.items or s.id not in parents]


_INSTRUCTION = re.compile(r"^(Trên cơ sở|Căn cứ|Ghi chú|Lưu ý|(Nhà trường|Đơn vị) đã)|(các |mỗi )?đơn vị cần", re.I)


def is_instruction(item: str) -> bool:
    """Outline lines that tell the writer what to do, or show an example, rather than name a topic."""
    return len(item.split()) > 60 or bool(_INSTRUCTION.search(item))


# --- numbered trees of the outline, the guidance and the directive, with where each node stands ---------

@dataclass
class Node(Section):
    """A node of a numbered document (outline, guidance, directive): a Section that knows its words and place.

    `label` is the number as people say it ("Phần thứ nhất", "II", "2", "2.1"); `head` and `item_lines`
    are the node's own lines as written (heading, then its bullets with their marks), `lines` both.
    """
    doc: str = ""
    kind: str = ""
    head: list[str] = field(default_factory=list)
    head_location: str = ""
    item_lines: list[str] = field(default_factory=list)
    item_locations: list[str] = field(default_factory=list)
    location: str = ""

    @property
    def lines(self) -> list[str]:
        return [*self.head, *self.item_lines]

    @property
    def key(self) -> str:
        """Kind and id, unique within one workspace's trees: "outline:P1.II.2", "guidance:2.2"."""
        return f"{self.kind}:{self.id}"


def span(locations: list[str]) -> str:
    """'dòng 3', 'dòng 4', 'dòng 9' -> 'dòng 3–9' (the index's own span rule)."""
    from bctk_assist.index import _span

    locations = [loc for loc in locations if loc]
    return _span(locations[0], locations[-1]) if locations else ""


def number_of(section: Section) -> str:
    """The number a section is called by: its label without trailing marks, else its id's last part."""
    label = section.label.strip().rstrip(".):-–").strip()
    return label or section.id.rsplit(".", 1)[-1]


def parse_numbered(blocks: list[Block], doc: str = "", kind: str = "") -> list[Node]:
    """The numbered tree of a document (the outline, the guidance "1, 2, 2.1, 2.2 …", a directive):
    parse_outline's sections, each with its own lines as written and their locations."""
    trace: dict[str, list[tuple[str, Block]]] = {}
    nodes = []
    for s in _parse_sections(blocks, trace):
        head: list[str] = []
        head_locs: list[str] = []
        items: list[str] = []
        item_locs: list[str] = []
        for role, block in trace.get(s.id, []):
            lines = [_clean(line) for line in block.text.split("\n") if _clean(line)]
            if role == "head":
                head.extend(lines)
                head_locs.append(block.location)
            else:
                items.append(" ".join(lines))
                item_locs.append(block.location)
        nodes.append(Node(s.id, number_of(s), s.title, s.level, s.parent, list(s.items), doc=doc, kind=kind,
                          head=head, head_location=span(head_locs), item_lines=items, item_locations=item_locs,
                          location=span(head_locs + item_locs)))
    return nodes


def node_from_section(section: Section, doc: str = "Đề cương", kind: str = "outline") -> Node:
    """A Node for a section known only from the workspace (the unit's own outline): its words, no place."""
    head = f"{section.label} {section.title}".strip()
    return Node(section.id, number_of(section), section.title, section.level, section.parent, list(section.items),
                doc=doc, kind=kind, head=[head], item_lines=[f"- {i}" for i in section.items],
                item_locations=["" for _ in section.items])


_TREES: dict[tuple, list[Node]] = {}
_TREES_LOCK = threading.Lock()


def document_trees(kb, kinds: tuple[str, ...] = ("guidance", "directive")) -> list[Node]:
    """The numbered trees of the indexed documents of these kinds, in index order, one flat list (each node
    names its document). Cached by index generation; a document that cannot be read is left out."""
    key = (str(kb.home), kb.get_meta("generation"), tuple(kinds))
    with _TREES_LOCK:
        if key in _TREES:
            return _TREES[key]
    nodes: list[Node] = []
    for doc in kb.docs():
        if doc.kind not in kinds:
            continue
        path = kb.source_path(doc.id)
        try:
            source = read_file(path, kb.settings)
        except (SourceError, OSError, TypeError):
            continue
        nodes.extend(parse_numbered(source.blocks, doc=doc.name, kind=doc.kind))
    with _TREES_LOCK:
        if len(_TREES) > 16:
            _TREES.clear()
        _TREES[key] = nodes
    return nodes


def guidance_tree(kb) -> list[Node]:
    """The guidance (and the directive, when the unit added its text) as numbered nodes: "1", "2", "2.1",
    "2.2" with its bullets as items, "3", "4"."""
    return document_trees(kb, ("guidance", "directive"))


def outline_tree(kb, sections: list[Section] | None = None) -> list[Node]:
    """The outline as numbered nodes: the workspace's sections, each placed in the indexed outline document
    when that document states it (same id and title), else with its words only (the unit's own outline).
    Without sections: the first indexed outline document."""
    indexed = document_trees(kb, ("outline",))
    if not sections:
        first = indexed[0].doc if indexed else None
        return [n for n in indexed if n.doc == first]
    placed: dict[tuple[str, str], Node] = {}
    for n in indexed:
        placed.setdefault((n.id, fold(n.title)), n)
    return [placed.get((s.id, fold(s.title))) or node_from_section(s) for s in sections]
