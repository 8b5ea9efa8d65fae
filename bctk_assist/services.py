"""The operations both faces call (the Streamlit pages and the `bctk` command): draft a section, show
and change the fact map, check a text the user typed. A page or a command gathers input and shows
the result; what happens lives here.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bctk_assist import drafting, textvi
from bctk_assist.factmap import FactMap, fact_map
from bctk_assist.facts import Fact
from bctk_assist.grounding import Draft, Evidence, cited_numbers, validate
from bctk_assist.index import KnowledgeBase
from bctk_assist.outline import Section, ancestor_titles, find_section
from bctk_assist.workspace import USER_ENGINE, DraftRecord, Workspace, WorkspaceError



ENGINE_FILE = "settings_ui.json"  # the engine chosen on the Cài đặt page, read by both faces


def stored_engine(home) -> dict:
    """The engine choice saved in the workspace ({"engine", "base_url", "api_key"?}); {} when none."""
    import json
    from pathlib import Path

    try:
        data = json.loads((Path(home) / ENGINE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("engine") else {}


def resolved_engine(settings) -> tuple[object, str]:
    """The settings both faces draft with, and where the engine came from: "env" (BCTK_LLM, which
    overrides), "saved" (the Cài đặt page's choice in the workspace) or "default" (the offline composer).
    A base URL or key from the environment wins over a saved one too."""
    import os

    if os.environ.get("BCTK_LLM") and settings.llm:
        return settings, "env"
    stored = stored_engine(settings.home)
    if not stored:
        return settings, "env" if settings.llm else "default"
    return settings.model_copy(update={
        "llm": stored["engine"],
        "llm_base_url": settings.llm_base_url or stored.get("base_url") or None,
        "llm_api_key": settings.llm_api_key or stored.get("api_key") or None}), "saved"


def set_outline(ws: Workspace, settings, path, name: str) -> tuple[list[Section], str]:
    """Use the unit's own outline (DOCX, TXT, MD) from now on; returns its sections and a one-line report
    naming the sections whose stored work the new outline no longer has (kept, never deleted).
    Raises OutlineError or WorkspaceError with a Vietnamese line."""
    from bctk_assist.outline import load_outline

    sections = load_outline(path, settings)
    ws.set_outline_json([s.to_json() for s in sections], name)
    message = f"Đã dùng đề cương '{name}' ({len(sections)} mục)."
    if orphans := ws.orphan_sections([s.id for s in sections]):
        message += f" Các mục đã soạn không còn trong đề cương mới (vẫn được giữ): {', '.join(orphans)}."
    return sections, message


def workspace_map(ws: Workspace, kb: KnowledgeBase, sections: Sequence[Section]) -> FactMap:
    """The fact map of the workspace with the user's moves and drops applied."""
    return fact_map(kb, sections, ws.fact_choices())


def draft(ws: Workspace, kb: KnowledgeBase, sections: Sequence[Section], section: Section, *, llm=None,
          llm_name: str = "composer", on_token: Callable[[str], None] | None = None,
          timeout: float | None = None) -> tuple[Draft, DraftRecord]:
    """Draft a section from its share of the fact map, the notes and the profile; save it as a new version."""
    result = drafting.draft_section(section, kb, notes=ws.notes(section.id), llm=llm, llm_name=llm_name,
                                    on_token=on_token, unit=ws.profile().unit,
                                    context=ancestor_titles(list(sections), section), timeout=timeout,
                                    sections=sections, choices=ws.fact_choices())
    return result, save_draft(ws, result)


def revise(ws: Workspace, sections: Sequence[Section], section: Section, request: str, *, llm, llm_name: str,
           on_token: Callable[[str], None] | None = None,
           timeout: float | None = None) -> tuple[Draft, DraftRecord | None]:
    """Rewrite the latest version on the user's request with a model, checked like a draft; saved as a new
    version unless the text came back unchanged (None). A version saved meanwhile is never overwritten."""
    latest = ws.latest_draft(section.id)
    if latest is None:
        raise WorkspaceError(f"Mục {section.id} chưa có bản nháp nào để chỉnh sửa.")
    result = drafting.revise_section(section, latest.text, request, latest.citations, llm=llm, llm_name=llm_name,
                                     on_token=on_token, notes=ws.notes(section.id), unit=ws.profile().unit,
                                     context=ancestor_titles(list(sections), section), timeout=timeout)
    if result.text.strip() == latest.text.strip():
        return result, None
    return result, save_draft(ws, result, expect_latest=latest.version)


def save_draft(ws: Workspace, result: Draft, *, edited: bool = False,
               expect_latest: int | None = None) -> DraftRecord:
    return ws.add_draft(result.section_id, text=result.text, citations=[c.to_json() for c in result.citations],
                        gaps=result.gaps, unverified_numbers=result.unverified_numbers, warnings=result.warnings,
                        engine=result.engine, prompt=result.prompt, prompt_hash=result.prompt_hash, edited=edited,
                        expect_latest=expect_latest)


def check_text(ws: Workspace, sections: Sequence[Section], section: Section, text: str,
               citations: Sequence[dict]) -> Draft:
    """A text the user typed or edited, checked like a drafted one against the citations it keeps."""
    evidence = [Evidence.from_json(c) for c in citations if "n" in c]
    outline_text = " ".join([*ancestor_titles(list(sections), section), section.title, *section.items])
    return validate(Draft(section.id, text, [], engine=USER_ENGINE), ws.notes(section.id), outline_text, evidence,
                    extra=[ws.profile().unit])


def save_edit(ws: Workspace, sections: Sequence[Section], section: Section, text: str,
              base: DraftRecord | None, *, expect_latest: int | None = None) -> DraftRecord:
    """Store a text the user edited as a new version, checked like a drafted one; its base's citations
    are kept so the [n] markers still resolve. With `expect_latest` (the newest version the user had
    on screen), a section that moved on meanwhile raises VersionConflict and nothing is written."""
    text = textvi.nfc(text)
    if not text.strip():
        raise WorkspaceError(f"Nội dung của mục {section.id} đang trống; không lưu.")
    citations = base.citations if base else []
    checked = check_text(ws, sections, section, text, citations)
    return ws.add_draft(section.id, text=text, citations=citations, gaps=checked.gaps,
                        unverified_numbers=checked.unverified_numbers, warnings=checked.warnings,
                        engine=USER_ENGINE, edited=True, expect_latest=expect_latest)


def accept(ws: Workspace, sections: Sequence[Section], section: Section, *, version: int | None = None,
           text: str | None = None, expect_latest: int | None = None) -> DraftRecord:
    """Accept a version (default: the latest) or exactly the text given (from the editor or a file).
    A text that differs from its base becomes a new, validated version first; that version is accepted.
    `expect_latest` as in save_edit: nothing is accepted in a section that moved on meanwhile."""
    base = ws.draft(section.id, version) if version is not None else ws.latest_draft(section.id)
    if version is not None and base is None:
        raise WorkspaceError(f"Mục {section.id} không có phiên bản {version}.")
    if text is not None and (base is None or textvi.nfc(text).strip() != base.text.strip()):
        base = save_edit(ws, sections, section, text, base, expect_latest=expect_latest)
        expect_latest = None  # the version just written is the one on screen
    if base is None:
        raise WorkspaceError(f"Mục {section.id} chưa có bản nháp nào để duyệt.")
    return ws.accept(section.id, version=base.version, expect_latest=expect_latest)


# ----------------------------------------------------------------------------- the fact map, as users see it

@dataclass
class PlacedFact:
    fact: Fact
    section_id: str | None
    item: int | None
    by_user: bool

    def to_json(self) -> dict:
        return {"id": self.fact.id, "text": self.fact.text, "doc": self.fact.doc, "location": self.fact.location,
                "kind": self.fact.kind, "period": self.fact.period, "section": self.section_id,
                "item": self.item, "by_user": self.by_user}


def list_facts(fmap: FactMap, section_id: str | None = None, *, unplaced: bool = False) -> list[PlacedFact]:
    """Facts of a section (by item, time order), the unplaced ones, or all (in document order)."""
    if unplaced:
        return [PlacedFact(f, None, None, False) for f in fmap.unplaced_facts()]
    if section_id is not None:
        share = fmap.section_share(section_id)
        return [PlacedFact(f, section_id, item, fmap.placed[f.id].by_user)
                for item in sorted(share, key=lambda i: -1 if i is None else i) for f in share[item]]
    out = []
    for fid, fact in fmap.facts.items():
        if fid in fmap.duplicates or fid in fmap.dropped:
            continue
        p = fmap.placed.get(fid)
        out.append(PlacedFact(fact, p.section_id if p else None, p.item if p else None, bool(p and p.by_user)))
    return out


class ChoiceError(ValueError):
    """A move or drop that cannot be done; the message is one Vietnamese line."""


def move_fact(ws: Workspace, fmap: FactMap, sections: Sequence[Section], fact_id: str, target: str,
              item: int | None = None) -> str:
    """Put a fact under another section and item (`item`: index into the section's items, counted from
    0; messages count from 1 as users do); returns a one-line confirmation."""
    fact = _fact_or_error(fmap, fact_id)
    section = find_section(list(sections), target)
    if section is None:
        raise ChoiceError(f"Không có mục '{target}' trong đề cương.")
    slots = [s for s in fmap.slots if s.section_id == section.id]
    if not slots:
        raise ChoiceError(f"Mục {section.id} không nhận nội dung riêng (hãy chọn một mục con).")
    items = [s.item for s in slots]
    if item is not None and item not in items:
        raise ChoiceError(f"Mục {section.id} không có nội dung số {item + 1}; các nội dung: "
                          + ", ".join(str(i + 1) for i in items if i is not None) + ".")
    chosen = item if item is not None else _best_item(fact, slots)
    ws.move_fact(fact.id, section.id, chosen)
    where = section.id if chosen is None else f"{section.id} (nội dung {chosen + 1})"
    return f"Đã chuyển tư liệu {fact.id} sang mục {where}."


def drop_fact(ws: Workspace, fmap: FactMap, fact_id: str) -> str:
    fact = _fact_or_error(fmap, fact_id)
    ws.drop_fact(fact.id)
    return f"Đã bỏ tư liệu {fact.id}; các bản soạn sau sẽ không dùng tư liệu này."


def _fact_or_error(fmap: FactMap, fact_id: str) -> Fact:
    fact = fmap.facts.get(fact_id.strip()) or fmap.facts.get(fact_id.strip().upper())
    if fact is None:
        raise ChoiceError(f"Không có tư liệu '{fact_id}'. Xem danh sách bằng: bctk facts")
    return fact


def _best_item(fact: Fact, slots) -> int | None:
    """The item of a section a moved fact fits best (words in common), the first one when none fits."""
    words = set(textvi.tokens(fact.text))
    return max(slots, key=lambda s: (len(words & set(textvi.tokens(f"{s.text} {s.title}"))), -slots.index(s))).item


def fact_for_citation(record: DraftRecord, n: int) -> str | None:
    """The fact id behind citation [n] of a saved draft."""
    return next((c.get("fact_id") for c in record.citations if int(c.get("n", -1)) == n and c.get("fact_id")), None)


def sample_citations(records: dict[str, DraftRecord]) -> list[str]:
    """Sections whose text cites the bundled sample report (invented data): only the markers still in the
    text count, not citations an edit has since removed."""
    def cites_sample(rec: DraftRecord) -> bool:
        cited = set(cited_numbers(rec.text))
        return any(c.get("kind") == "sample" and int(c.get("n", -1)) in cited for c in rec.citations)

    return [sid for sid, rec in records.items() if cites_sample(rec)]


# ----------------------------------------------------------------------------- the section chat, offline

CHAT_HELP = ("Có thể yêu cầu (không cần mô hình ngôn ngữ): «soạn lại»; «bỏ [3]»; «chuyển [3] sang mục II.4»; "
             "«chỉ dùng báo cáo năm 2021»; «rút gọn»; «thêm: <câu cần thêm vào ghi chú>».")
_CITE = r"\[?\s*(\d{1,3})\s*\]?"
_DROP = re.compile(rf"^(bỏ|xóa|xoá|loại|loại bỏ|bỏ đi)\s+(tư liệu\s+|câu\s+|trích dẫn\s+)?{_CITE}\s*\.?$", re.I)
_MOVE = re.compile(rf"^(chuyển|đưa|dời)\s+(tư liệu\s+|câu\s+)?{_CITE}\s+(sang|vào|về|qua)\s+(mục\s+)?(\S+?)\.?$", re.I)
_ONLY = re.compile(r"^chỉ (dùng|lấy|sử dụng)\s+(.+?)\.?$", re.I)
_ADD = re.compile(r"^(thêm|bổ sung)\s*:\s*(.+)$", re.I | re.S)
_REDRAFT = re.compile(r"^(soạn lại|viết lại|làm lại|soạn mới)\b", re.I)
_SHORTEN = re.compile(r"^(rút gọn|viết ngắn|ngắn gọn|tóm tắt)\b", re.I)


def chat_edit(ws: Workspace, kb: KnowledgeBase, sections: Sequence[Section], section: Section, request: str,
              *, llm=None, llm_name: str = "composer", timeout: float | None = None) -> str | None:
    """Do what a writer asks most of a section's draft, on the fact map, with no model server.

    Each change makes a new version and the reply says what changed; None when the request is not
    one of these (the caller then offers CHAT_HELP or hands it to a model).
    """
    text = " ".join(request.strip().split())
    latest = ws.latest_draft(section.id)
    if m := _ADD.match(text):
        notes = ws.notes(section.id).rstrip()
        ws.set_notes(section.id, f"{notes}\n{m.group(2).strip()}".strip())
        _, record = draft(ws, kb, sections, section, llm=llm, llm_name=llm_name, timeout=timeout)
        return f"Đã thêm vào ghi chú của mục và soạn lại: phiên bản {record.version}."
    if _REDRAFT.match(text):
        _, record = draft(ws, kb, sections, section, llm=llm, llm_name=llm_name, timeout=timeout)
        return f"Đã soạn lại: phiên bản {record.version}."
    if (m := _DROP.match(text)) or (m2 := _MOVE.match(text)):
        n = int((m or m2).group(3))
        fact_id = fact_for_citation(latest, n) if latest else None
        if fact_id is None:
            return f"Bản nháp hiện tại không có trích dẫn [{n}] gắn với một tư liệu của đơn vị."
        fmap = workspace_map(ws, kb, sections)
        try:
            done = drop_fact(ws, fmap, fact_id) if m else move_fact(ws, fmap, sections, fact_id, m2.group(6))
        except ChoiceError as exc:
            return str(exc)
        _, record = draft(ws, kb, sections, section, llm=llm, llm_name=llm_name, timeout=timeout)
        return f"{done} Đã soạn lại mục {section.id}: phiên bản {record.version}."
    if (m := _ONLY.match(text)) or _SHORTEN.match(text):
        return _filtered_version(ws, kb, sections, section, m.group(2) if m else None)
    return None


def _filtered_version(ws: Workspace, kb: KnowledgeBase, sections: Sequence[Section], section: Section,
                      only: str | None) -> str:
    """A new version from part of the section's facts: those of the named documents or year, or the
    strongest fact per item ("rút gọn"). The fact map itself is not changed."""

    fmap = workspace_map(ws, kb, sections)
    share = fmap.section_share(section.id)
    if only is not None:
        wanted = textvi.fold(only)
        years = re.findall(r"(?:19|20)\d\d", only)
        words = [w for w in re.findall(r"\w+", wanted) if w not in {"bao", "cao", "tai", "lieu", "nam", "hoc", "cua"}]

        def keep(f: Fact) -> bool:
            hay = textvi.fold(f"{f.doc} {f.period} {f.heading}")
            if years:
                return all(y in hay for y in years) or str(f.year) in years
            return any(w in hay for w in words)

        share = {item: [f for f in facts if keep(f)] for item, facts in share.items()}
        what = f"chỉ dùng tư liệu khớp «{only}»"
    else:
        share = {item: sorted(facts, key=lambda f: -fmap.placed[f.id].score)[:1] for item, facts in share.items()}
        what = "rút gọn: mỗi nội dung giữ một tư liệu tiêu biểu nhất"
    kept = sum(len(v) for v in share.values())
    if not kept:
        return f"Không có tư liệu nào của mục {section.id} khớp «{only}»; bản nháp được giữ nguyên."
    result = drafting.compose_draft(section, kb, sections=sections, notes=ws.notes(section.id),
                                    unit=ws.profile().unit, choices=ws.fact_choices(), share=share)
    record = save_draft(ws, result)
    return f"Đã soạn phiên bản {record.version} ({what}; {kept} tư liệu)."


# ----------------------------------------------------------------------------- coverage of the guidance

def criteria_coverage(kb: KnowledgeBase, sections: Sequence[Section], accepted: Sequence[str]) -> list[dict]:
    """Each guidance criterion the outline answers, the sections that answer it, and whether one of them
    is accepted ("đã có nội dung") or none yet ("còn thiếu"), in the guidance's order of first mention."""
    from bctk_assist import qa

    rows: dict[str, dict] = {}
    for section_id, criteria in qa.crosswalk(kb, sections).items():
        for c in criteria:
            row = rows.setdefault(c.ref, {"criterion": c.ref, "quote": c.quote, "sections": []})
            if section_id not in row["sections"]:
                row["sections"].append(section_id)
    done = set(accepted)
    for row in rows.values():
        row["covered"] = any(s in done for s in row["sections"])
    return sorted(rows.values(), key=lambda r: [int(n) for n in re.findall(r"\d+", r["criterion"])] or [999])
