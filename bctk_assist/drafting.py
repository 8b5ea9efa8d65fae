"""Drafting a section: its share of the fact map, rendered by the composer or written by a model.

With a model, the same facts and notes go in and the same validators check what comes out; if the
model fails, times out or writes unusable text, the composer's draft comes back with a clear message.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from bctk_assist.composer import compose_section
from bctk_assist.factmap import fact_map
from bctk_assist.grounding import COMPOSER, Draft, Evidence, is_vietnamese, validate
from bctk_assist.index import KnowledgeBase
from bctk_assist.outline import Section, ancestor_titles, default_outline, is_instruction
from bctk_assist.prompts import PROMPTS_DIR, evidence_block, prompt_hash, prompt_names, render_prompt

__all__ = ["COMPOSER", "Draft", "Evidence", "PROMPTS_DIR", "draft_section", "prompt_names", "render_prompt",
           "revise_section", "validate"]


def _outline_for(section: Section, kb: KnowledgeBase, sections: Sequence[Section] | None) -> list[Section]:
    """The whole outline the fact map is built over (the bundled one when the caller gives none)."""
    if sections:
        return list(sections)
    try:
        bundled = default_outline(kb.settings)
    except Exception:
        return [section]
    return bundled if any(s.id == section.id and s.title == section.title for s in bundled) else [section]


def _variant(section: Section, sections: Sequence[Section]) -> int:
    """Position among the sibling sections of the same kind, so their openings differ."""
    siblings = [s for s in sections if s.parent == section.parent]
    return next((i for i, s in enumerate(siblings) if s.id == section.id), 0)


def compose_draft(section: Section, kb: KnowledgeBase, *, sections: Sequence[Section] | None = None,
                  notes: str = "", unit: str = "", choices: Mapping[str, dict] | None = None,
                  share: Mapping | None = None) -> Draft:
    """The composer's draft of a section from its share of the report-wide fact map (or from `share`,
    part of that share the user asked for: «rút gọn», «chỉ dùng …»)."""
    outline = _outline_for(section, kb, sections)
    fmap = fact_map(kb, outline, choices)
    context = ancestor_titles(outline, section) if section in outline else []
    return compose_section(section, dict(share) if share is not None else fmap.section_share(section.id),
                           context=context, notes=notes, unit=unit, variant=_variant(section, outline),
                           sample=fmap.sample)


def draft_section(section: Section, kb: KnowledgeBase, *, notes: str = "", llm=None, llm_name: str = "llm",
                  on_token: Callable[[str], None] | None = None, unit: str = "", context: Sequence[str] = (),
                  timeout: float | None = None, sections: Sequence[Section] | None = None,
                  choices: Mapping[str, dict] | None = None) -> Draft:
    """Draft one outline section. With `llm`, the model writes from the same facts; on any failure
    the composer's draft is returned with a clear warning.

    `sections` is the whole outline (the fact map is report-wide); `choices` the user's moves and drops.
    """
    composed = compose_draft(section, kb, sections=sections, notes=notes, unit=unit, choices=choices)
    if llm is None:
        return composed
    from bctk_assist.llm import LLMError, stream_text

    items = [i for i in section.items if not is_instruction(i)] or [section.title]
    outline_text = " ".join([*context, section.title, *section.items])
    prompt_name = "draft_section.md"
    prompt = render_prompt(prompt_name, unit=unit or "nhà trường", section_label=section.label,
                           section_title=section.title, items="\n".join(f"- {i}" for i in items),
                           notes=notes.strip() or "(không có)", evidence=evidence_block(composed.citations))
    try:
        text = stream_text(llm, [("human", prompt)], on_token=on_token, timeout=timeout).strip()
    except LLMError as exc:
        composed.warnings.append(f"{exc} Đã dùng bản soạn ngoại tuyến thay thế.")
        return composed
    if len(text) < 40 or not is_vietnamese(text):
        composed.warnings.append("Mô hình trả về văn bản không dùng được (quá ngắn hoặc không phải tiếng Việt); "
                                 "đã dùng bản soạn ngoại tuyến thay thế.")
        return composed
    draft = Draft(section.id, text, [], engine=llm_name, prompt=prompt_name, prompt_hash=prompt_hash(prompt_name),
                  sample_data=composed.sample_data)
    draft = validate(draft, notes, outline_text, composed.citations, extra=[unit])
    if composed.sample_data:
        draft.warnings.insert(0, composed.warnings[0])
    return draft


def revise_section(section: Section, text: str, request: str, citations: Sequence[dict], *, llm,
                   llm_name: str = "llm", on_token: Callable[[str], None] | None = None, notes: str = "",
                   context: Sequence[str] = (), unit: str = "", timeout: float | None = None) -> Draft:
    """Rewrite a draft on the user's request ("rút gọn", "thêm số liệu năm 2021") with an LLM.

    The same validators run on the result; when the model fails, the text comes back unchanged with
    a warning, so nothing the user had is lost.
    """
    evidence = [Evidence.from_json(c) for c in citations]
    outline_text = " ".join([*context, section.title, *section.items])
    unchanged = Draft(section.id, text, [], engine=llm_name)
    if llm is None:
        unchanged.warnings.append("Chỉnh sửa theo yêu cầu cần một mô hình ngôn ngữ (xem trang Cài đặt); "
                                  "bạn có thể sửa trực tiếp trong ô soạn thảo.")
        return validate(unchanged, notes, outline_text, evidence, extra=[unit])
    from bctk_assist.llm import LLMError, stream_text

    prompt_name = "revise.md"
    prompt = render_prompt(prompt_name, section_label=section.label, section_title=section.title, draft=text,
                           evidence=evidence_block(evidence), request=request.strip())
    try:
        revised = stream_text(llm, [("human", prompt)], on_token=on_token, timeout=timeout).strip()
    except LLMError as exc:
        unchanged.warnings.append(f"{exc} Bản nháp được giữ nguyên.")
        return validate(unchanged, notes, outline_text, evidence, extra=[unit])
    if len(revised) < 40 or not is_vietnamese(revised):
        unchanged.warnings.append("Mô hình trả về văn bản không dùng được; bản nháp được giữ nguyên.")
        return validate(unchanged, notes, outline_text, evidence, extra=[unit])
    draft = Draft(section.id, revised, [], engine=llm_name, prompt=prompt_name, prompt_hash=prompt_hash(prompt_name))
    return validate(draft, notes, outline_text, evidence, extra=[unit])

