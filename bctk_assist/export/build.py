"""The report document: sections + profile + rule set -> a python-docx Document and warnings.

`build_document` is pure (nothing is read or written); `export_docx` adds the atomic save. Which
sections and which versions go in is decided by the caller (see `export.report` for the
workspace). Citation markers follow the one grammar of `grounding.py`.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from bctk_assist.export import ooxml
from bctk_assist.export.layout import fit_lines, styled_text, text_width_pt
from bctk_assist.export.rules import (
    FORMATS, ISSUER_LABELS, RULES, ExportError, HeadingStyle, RuleSet, TextStyle, resolve_rules,
)
from bctk_assist.grounding import CITATION_RE, PLACEHOLDER_RE, citation_numbers
from bctk_assist.workspace import Profile

__all__ = [
    "ReportSection", "Source", "CITATION_MODES", "DRAFT_MARK", "REQUIRED_FIELDS", "build_document",
    "export_docx", "format_date_line", "number_line",
]

CITATION_MODES = ("strip", "footnote", "endnotes")
DRAFT_MARK = "[BẢN NHÁP]"
DRAFT_SHADING = "E2EFDA"  # light green behind every paragraph of a draft section
_QUOTE_WORDS = 30  # a footnote quotes at most this many words of the source sentence


# --- input -----------------------------------------------------------------------------------

@dataclass
class ReportSection:
    """One outline section with its text. level 1 = "Phần thứ …", 2 = "I.", 3 = "1.", 4 = "a)"."""

    id: str
    label: str
    title: str
    level: int
    text: str | None
    status: str = "accepted"  # accepted | draft


@dataclass(frozen=True)
class Source:
    """What a citation number points at: document, place in it, and the quoted sentence."""

    doc: str
    location: str = ""
    quote: str = ""

    def note(self) -> str:
        """'bao-cao-2021.docx, đoạn 12: “Nhà trường đã …”.' (the quote shortened)."""
        head = ", ".join(x for x in (_nfc(self.doc), _nfc(self.location)) if x)
        words = " ".join(_nfc(self.quote).split()).split(" ")
        quote = " ".join(words[:_QUOTE_WORDS]).rstrip(" ,;:.")
        if not quote:
            return head + "." if head and not head.endswith(".") else head
        quote += "…" if len(words) > _QUOTE_WORDS else ""
        return f"{head}: “{quote}”." if head else f"“{quote}”."

    @classmethod
    def of(cls, value: "Source | str | Mapping") -> "Source":
        """A Source from a Source, a ready note text, or a stored citation dict (tolerant)."""
        if isinstance(value, Source):
            return value
        if isinstance(value, Mapping):
            return cls(str(value.get("doc") or ""), str(value.get("location") or ""),
                       str(value.get("quote") or ""))
        return cls(str(value))


# --- profile checks, number and date lines ---------------------------------------------------

# Profile keys the header and signature need, with a Vietnamese gloss for messages.
REQUIRED_FIELDS = {
    "unit": "tên đơn vị ban hành",
    "unit_abbr": "chữ viết tắt tên đơn vị",
    "number": "số báo cáo",
    "place": "địa danh",
    "date": "ngày ban hành, dạng YYYY-MM-DD",
    "signer_title": "chức vụ người ký",
    "signer_name": "họ tên người ký",
}
_SIGN_PREFIX = re.compile(r"^\s*(?:T\s*/\s*M|TM)\s*[.:]?\s+", re.IGNORECASE)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _parse_date(iso_date: str) -> date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso_date or ""):
            raise ValueError
        return date.fromisoformat(iso_date)
    except ValueError:
        raise ExportError(f"Ngày ban hành '{iso_date}' không hợp lệ. Dùng dạng YYYY-MM-DD, "
                          "ví dụ 2022-02-05.") from None


def format_date_line(place: str, iso_date: str) -> str:
    """'Hòa An', '2022-02-05' -> 'Hòa An, ngày 05 tháng 02 năm 2022' (leading zero for days
    below 10 and for months 1 and 2 only, as NĐ 30 and HD 36 write it)."""
    d = _parse_date(iso_date)
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{_nfc(place)}, ngày {d.day:02d} tháng {month} năm {d.year}"


def number_line(profile: Profile, rules: RuleSet) -> str:
    """'Số 12-BC/CB' (Party) or 'Số: 12/BC-THHA' (State); a number below 10 padded ('05')."""
    number = _nfc(profile.number)
    if number.isdigit() and rules.number_pad:
        number = number.zfill(rules.number_pad)
    return rules.number_format.format(number=number, unit_abbr=_nfc(profile.unit_abbr))


def _kinh_gui_items(profile: Profile) -> list[str]:
    return [x.strip().rstrip(".;,").strip() for x in re.split(r"[;\n]", _nfc(profile.kinh_gui))
            if x.strip(" .;,")]


def _check_profile(profile: Profile, rules: RuleSet, subject: str) -> None:
    missing = [f"{key} ({gloss})" for key, gloss in REQUIRED_FIELDS.items()
               if not _nfc(getattr(profile, key))]
    if missing:
        raise ExportError("Hồ sơ đơn vị còn thiếu: " + "; ".join(missing) + ". Điền bằng "
                          "'bctk profile --set KEY=GIÁ_TRỊ' hoặc mục Hồ sơ đơn vị ở trang Xuất báo cáo trước khi xuất.")
    if not _nfc(subject):
        raise ExportError("Thiếu trích yếu (tiêu đề) của báo cáo.")
    _parse_date(profile.date)
    # sign_for loses a "T/M" / "TM." prefix anyway (the rule set adds its own).
    texts = [profile.parent, profile.unit, _strip_sign_prefix(profile.sign_for),
             profile.signer_title, profile.signer_name, number_line(profile, rules),
             *_kinh_gui_items(profile)]
    for bad in rules.forbidden:
        for text in texts:
            if _fold_caps(bad) in _fold_caps(text):
                raise ExportError(f"Hồ sơ có '{text}': cụm '{bad}' không dùng trong "
                                  f"{rules.label}. Sửa hồ sơ hoặc chọn thể thức khác.")


def _check_format(profile: Profile, rules: RuleSet, force: bool) -> list[str]:
    """One format at a time: a rule set for the other issuer is refused unless forced."""
    if profile.issuer not in FORMATS or profile.issuer == rules.issuer:
        return []
    own = RULES[FORMATS[profile.issuer]]
    difference = (f"phần đầu «{rules.national[0][0]}» thay cho «{own.national[0][0]}», "
                  f"«{number_line(profile, rules)}» thay cho «{number_line(profile, own)}», "
                  f"ký «{rules.sign_for_prefix.strip()}» thay cho «{own.sign_for_prefix.strip()}»")
    if not force:
        raise ExportError(
            f"Hồ sơ đơn vị ghi thể thức {ISSUER_LABELS[profile.issuer]} (issuer={profile.issuer}), nhưng đang xuất theo "
            f"thể thức {rules.label}: {difference}. Sửa «Thể thức» (issuer) trong hồ sơ đơn vị, hoặc "
            "xác nhận xuất theo thể thức khác hồ sơ (dòng lệnh: --force).")
    return [f"Đã xuất theo thể thức {rules.label} dù hồ sơ ghi {ISSUER_LABELS[profile.issuer]}: "
            f"{difference}."]


def _fold_caps(text: str) -> str:
    # Upper case, one tone placement ("HOÀ" = "HÒA"), hyphen look-alikes as "-".
    text = unicodedata.normalize("NFC", text or "").upper()
    text = text.replace("OÀ", "ÒA").replace("UỶ", "ỦY").replace("OÁ", "ÓA")
    return re.sub("[\u2010-\u2015\u2212]", "-", text)


def _strip_sign_prefix(text: str) -> str:
    return _SIGN_PREFIX.sub("", _nfc(text))


# --- paragraphs and runs -----------------------------------------------------------------------

_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
          "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}
_CELL_MARGIN_PT = 5.4  # Word's default left/right cell margin (0.19 cm)
_TOKENS = re.compile(f"(?P<gap>{PLACEHOLDER_RE.pattern})|(?P<cite>{CITATION_RE.pattern})")


def _apply(run, style: TextStyle, size: float | None = None) -> None:
    font = run.font
    font.size = Pt(size or style.size)
    font.bold = style.bold
    font.italic = style.italic
    font.underline = style.underline or None


def _format_paragraph(paragraph, *, align: str = "center", before: float = 0, after: float = 0,
                      line: float | None = 1.0, keep_next: bool = False) -> None:
    """Explicit layout for a non-body paragraph (no indent from the Normal style)."""
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.first_line_indent = Twips(0)
    fmt.left_indent = Twips(0)
    fmt.right_indent = Twips(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if keep_next:
        fmt.keep_with_next = True


def _add_line(container, text: str, style: TextStyle, *, size: float | None = None,
              align: str = "center", before: float = 0, after: float = 0, keep_next: bool = False):
    """A paragraph holding one element (header, title, signature lines); "\\n" breaks lines."""
    paragraph = container.add_paragraph()
    _format_paragraph(paragraph, align=align, before=before, after=after, keep_next=keep_next)
    ooxml.mark_size(paragraph, size or style.size)
    for i, part in enumerate(styled_text(text, style).split("\n")):
        if i:
            paragraph.runs[-1].add_break()
        _apply(paragraph.add_run(part), style, size)
    return paragraph


def _add_rule(container, width_pt: float, room_pt: float, *, after: float = 0,
              keep_next: bool = False):
    """A solid horizontal rule `width_pt` long, centred in `room_pt`: an empty 1 pt paragraph
    with a bottom border, its indents making the border as long as wanted."""
    paragraph = container.add_paragraph()
    # 3 pt above: the rule sits clearly under the text, not on it like an underline.
    _format_paragraph(paragraph, before=3, after=after, line=1.0, keep_next=keep_next)
    side = max((room_pt - width_pt) / 2, 0)
    paragraph.paragraph_format.left_indent = Pt(side)
    paragraph.paragraph_format.right_indent = Pt(side)
    ooxml.mark_size(paragraph, 1)
    ooxml.add_bottom_border(paragraph)
    return paragraph


def _widest(text: str, style: TextStyle, size: float) -> float:
    return max(text_width_pt(line, size, style.bold) for line in text.split("\n"))


def _room_pt(width_mm: float) -> float:
    return width_mm * 72 / 25.4 - 2 * _CELL_MARGIN_PT


def _page_room_pt(doc: Document) -> float:
    section = doc.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / 12700


# --- document set-up -------------------------------------------------------------------------

def _setup_page(doc: Document, rules: RuleSet) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = (Mm(v) for v in rules.page_mm)
    top, bottom, left, right = rules.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(min(10, top / 2))
    section.footer_distance = Mm(min(10, bottom / 2))


def _setup_styles(doc: Document, rules: RuleSet) -> None:
    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.set_fonts(rpr, rules.font)
    ooxml.set_lang(rpr, rules.language)
    for el in styles_el.iter(qn("w:rPr")):  # every style: no theme fonts, no other language
        if el.find(qn("w:rFonts")) is not None:
            ooxml.set_fonts(el, rules.font)
        if el.find(qn("w:lang")) is not None:
            ooxml.set_lang(el, rules.language)
    for el in styles_el.iter(qn("w:color")):  # blue heading colours of the default template
        el.set(qn("w:val"), "000000")
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            el.attrib.pop(qn(attr), None)

    normal = doc.styles["Normal"]
    ooxml.set_fonts(normal.element.get_or_add_rPr(), rules.font)
    ooxml.set_lang(normal.element.get_or_add_rPr(), rules.language)
    normal.font.size = Pt(rules.body.size)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Mm(rules.first_line_indent_cm * 10)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(rules.space_after_pt)
    fmt.line_spacing = rules.line_spacing
    fmt.widow_control = True

    for level, heading in enumerate(rules.headings, start=1):
        _setup_heading(doc, level, heading, rules)


def _setup_heading(doc: Document, level: int, heading: HeadingStyle, rules: RuleSet) -> None:
    style = doc.styles[f"Heading {level}"]
    style.font.size = Pt(heading.first.size)
    style.font.bold = heading.first.bold
    style.font.italic = heading.first.italic
    style.font.color.rgb = RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[heading.align]
    fmt.first_line_indent = Mm(rules.first_line_indent_cm * 10) if heading.indent else Twips(0)
    fmt.space_before = Pt(heading.space_before)
    fmt.space_after = Pt(heading.space_after)
    fmt.line_spacing = rules.line_spacing
    fmt.keep_with_next = True  # never a heading alone at the foot of a page
    fmt.keep_together = True


def _setup_page_numbers(doc: Document, rules: RuleSet) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True  # page 1 carries no number
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    _format_paragraph(paragraph, align="center")
    ooxml.add_field(paragraph, "PAGE", lambda run: _apply(run, rules.page_number))


# --- header, title, signature ----------------------------------------------------------------

def _add_header_block(doc: Document, profile: Profile, rules: RuleSet) -> None:
    left_mm, right_mm = rules.header_columns_mm
    table = ooxml.borderless_table(doc, (left_mm, right_mm), rows=2)
    left, right = ooxml.empty_cell(table, 0, 0), ooxml.empty_cell(table, 0, 1)
    room = _room_pt(left_mm)
    if _nfc(profile.parent):
        parent = fit_lines(_nfc(profile.parent), rules.parent, room, rules.breaking)
        _add_line(left, parent.text, rules.parent, size=parent.size)
    unit = fit_lines(_nfc(profile.unit), rules.unit, room, rules.breaking)
    _add_line(left, unit.text, rules.unit, size=unit.size)
    if rules.unit_mark:
        _add_line(left, rules.unit_mark, rules.unit)
    if rules.unit_rule:
        width = min(room, _widest(unit.text, rules.unit, unit.size))
        _add_rule(left, width * rules.unit_rule, room)
    for text, style in rules.national:
        _add_line(right, text, style)
    if rules.national_rule:
        text, style = rules.national[-1]
        width = text_width_pt(styled_text(text, style), style.size, style.bold)
        _add_rule(right, min(width, _room_pt(right_mm)) * rules.national_rule, _room_pt(right_mm))
    # Number and date share the second row, so they stand on one line whatever is above them.
    _add_line(ooxml.empty_cell(table, 1, 0), number_line(profile, rules), rules.number, before=6)
    _add_line(ooxml.empty_cell(table, 1, 1), format_date_line(profile.place, profile.date),
              rules.date, before=6)


def _add_title(doc: Document, subject: str, profile: Profile, rules: RuleSet) -> None:
    _add_line(doc, rules.doc_type_text, rules.doc_type, before=24, keep_next=True)
    room = _page_room_pt(doc)
    lines = fit_lines(subject, rules.subject, room, rules.breaking, name=False,
                      soft_lines=6, max_lines=6)
    _add_line(doc, lines.text, rules.subject, size=lines.size,
              after=0 if (rules.subject_rule or rules.subject_mark) else 12, keep_next=True)
    if rules.subject_mark:
        _add_line(doc, rules.subject_mark, rules.subject, after=12, keep_next=True)
    if rules.subject_rule:
        width = min(_widest(lines.text, rules.subject, lines.size), room)
        _add_rule(doc, width * rules.subject_rule, room, after=12, keep_next=True)
    _add_kinh_gui(doc, _kinh_gui_items(profile), rules, room)


def _add_kinh_gui(doc: Document, items: list[str], rules: RuleSet, room: float) -> None:
    """'Kính gửi: Phòng GD&ĐT huyện An Thành.' below the subject; several offices as a list
    aligned after the label ("- A;" / "- B.")."""
    if not items:
        return
    style, label = rules.kinh_gui, rules.kinh_gui_label
    if len(items) == 1:
        _add_line(doc, f"{label} {items[0]}.", style, before=6, after=12, keep_next=True)
        return
    lines = [f"- {item}{';' if i < len(items) - 1 else '.'}" for i, item in enumerate(items)]
    label_w = text_width_pt(label + "  ", style.size, style.bold)
    block = label_w + max(text_width_pt(line, style.size, style.bold) for line in lines)
    left = max((room - block) / 2, 0)
    for i, line in enumerate(lines):
        paragraph = _add_line(doc, f"{label} {line}" if i == 0 else line, style, align="left",
                              before=6 if i == 0 else 0, after=12 if i == len(lines) - 1 else 0,
                              keep_next=True)
        paragraph.paragraph_format.left_indent = Pt(left + label_w)
        paragraph.paragraph_format.first_line_indent = Pt(-label_w if i == 0 else 0)


def _heading_lines(section: ReportSection) -> list[str]:
    label, title = _nfc(section.label), _nfc(section.title)
    lines = [line.strip() for line in title.split("\n") if line.strip()]
    starts_with_label = label and lines and _fold_caps(lines[0]).startswith(_fold_caps(label))
    if section.level <= 1:
        return lines if not label or starts_with_label else [label, *lines]
    text = " ".join(lines)
    return [text if not label or starts_with_label else f"{label} {text}"]


def _add_heading(doc: Document, section: ReportSection, rules: RuleSet) -> None:
    level = min(max(section.level, 1), 4)
    style = rules.headings[level - 1]
    paragraph = doc.add_paragraph(style=f"Heading {level}")
    for i, line in enumerate(_heading_lines(section)):
        text_style = style.first if i == 0 else (style.rest or style.first)
        if i:
            paragraph.runs[-1].add_break()
        _apply(paragraph.add_run(styled_text(line, text_style)), text_style)


def _signature_lines(profile: Profile, rules: RuleSet) -> list[tuple[str, TextStyle, float]]:
    sign_for = _strip_sign_prefix(profile.sign_for)
    title = _nfc(profile.signer_title)
    if sign_for:
        lines = [(rules.sign_for_prefix + sign_for, rules.sign_for, 0),
                 (title, rules.signer_title, 0)]
    else:
        lines = [(title, rules.signer_title_alone, 0)]
    return [*lines, (_nfc(profile.signer_name), rules.signer_name, rules.signature_gap_pt)]


def _recipient_lines(profile: Profile, rules: RuleSet) -> list[str]:
    items, archive = [], ""
    for raw in profile.recipients:
        item = _nfc(raw).lstrip("-–+• ").rstrip(",;. ").strip()
        if not item:
            continue
        if re.match(r"lưu\b", item, re.IGNORECASE):
            archive = re.sub(r"^lưu\s*:?\s*", "", item, flags=re.IGNORECASE)
        else:
            items.append(f"- {item}{rules.recipient_sep}")
    archive = archive or rules.archive_default.format(unit=_nfc(profile.unit))
    return [*items, rules.archive_line.format(archive=archive)]


def _add_signature_block(doc: Document, profile: Profile, rules: RuleSet) -> None:
    left_mm, right_mm = rules.header_columns_mm
    table = ooxml.borderless_table(doc, (left_mm, right_mm))
    ooxml.cant_split(table.rows[0])
    left, right = ooxml.empty_cell(table, 0, 0), ooxml.empty_cell(table, 0, 1)
    _add_line(left, rules.recipients_title, rules.recipients_label, align="left", before=12)
    for line in _recipient_lines(profile, rules):
        fitted = fit_lines(line, rules.recipients, _room_pt(left_mm), rules.breaking)
        _add_line(left, fitted.text, rules.recipients, size=fitted.size, align="left")
    room = _room_pt(right_mm)
    for i, (text, style, gap) in enumerate(_signature_lines(profile, rules)):
        fitted = fit_lines(text, style, room, rules.breaking, name=False)
        _add_line(right, fitted.text, style, size=fitted.size,
                  before=gap or (12 if i == 0 else 0))


# --- body ------------------------------------------------------------------------------------

@dataclass
class _Paragraph:
    text: str
    draft: bool


@dataclass
class _BodyState:
    citations: str
    sources: dict[int, Source]
    footnotes: ooxml.Footnotes
    placeholders: int = 0
    cited: set[int] = field(default_factory=set)
    unsourced: set[int] = field(default_factory=set)


_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*(?=\s|$)")


def end_mark_position(text: str) -> int | None:
    """Offset just after the last sentence of `text` that does not end in a placeholder (None:
    no such sentence). The end mark goes there: never inside a placeholder, nor right after one
    where deleting the placeholder would take the mark with it."""
    masked = PLACEHOLDER_RE.sub(lambda m: "\0" * len(m.group()), text)
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(masked):
        spans.append((start, m.end()))
        start = m.end()
    if masked[start:].strip():
        spans.append((start, len(masked.rstrip())))
    for s, e in reversed(spans):
        core = CITATION_RE.sub("", masked[s:e]).rstrip(" \t.!?…;:,\"”’)")
        if re.search(r"\w", core.replace("\0", "")) and not core.endswith("\0"):
            return e
    return None


def _place_end_mark(paragraphs: list[_Paragraph], mark: str) -> str:
    """Put the end mark into the text; "end" (after the last words), "earlier" (later sentences
    end in placeholders) or "" (no sentence to end)."""
    for i in range(len(paragraphs) - 1, -1, -1):
        paragraph = paragraphs[i]
        pos = end_mark_position(paragraph.text)
        if pos is not None:
            head, tail = paragraph.text[:pos], paragraph.text[pos:]
            if mark.startswith(".") and head.endswith("."):
                head = head[:-1]
            paragraph.text = head + mark + tail
            return "end" if i == len(paragraphs) - 1 and not tail.strip() else "earlier"
    return ""


def _add_body_text(paragraph, text: str, state: _BodyState) -> None:
    """Runs for one paragraph: plain text, highlighted placeholders, citations per mode."""
    pos = 0
    for match in _TOKENS.finditer(text):
        before = text[pos:match.start()]
        if match.group("cite") and state.citations != "endnotes":
            before = before.rstrip()  # "cán bộ [1]." -> "cán bộ¹." / "cán bộ."
        if before:
            paragraph.add_run(before)
        if match.group("gap"):
            run = paragraph.add_run(match.group("gap"))
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            state.placeholders += 1
        else:
            _add_citation(paragraph, match.group("cite"), state)
        pos = match.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def _add_citation(paragraph, marker: str, state: _BodyState) -> None:
    numbers = citation_numbers(CITATION_RE.fullmatch(marker).group(1))
    known = [n for n in numbers if n in state.sources]
    state.unsourced.update(n for n in numbers if n not in state.sources)
    if state.citations == "footnote":
        for i, n in enumerate(known):
            if i:
                state.footnotes.add_separator(paragraph)
            state.footnotes.add(paragraph, state.sources[n].note())
    elif state.citations == "endnotes":
        paragraph.add_run(marker)
    state.cited.update(known)


def _add_paragraph(doc: Document, item: _Paragraph, state: _BodyState):
    paragraph = doc.add_paragraph()
    if item.draft:  # every paragraph of a draft says so, and is shaded
        run = paragraph.add_run(DRAFT_MARK + " ")
        run.font.bold = True
        run.font.highlight_color = WD_COLOR_INDEX.BRIGHT_GREEN
        ooxml.shade_paragraph(paragraph, DRAFT_SHADING)
    _add_body_text(paragraph, item.text, state)
    return paragraph


def _add_reference_list(doc: Document, state: _BodyState, rules: RuleSet) -> None:
    """The endnote list: a new page headed "TÀI LIỆU TRÍCH DẪN", one line per source cited."""
    ooxml.add_page_break(doc)
    _add_line(doc, rules.references_title, TextStyle(rules.body.size, bold=True), after=12)
    hang = text_width_pt("[00] ", rules.footnote.size)
    for n in sorted(state.cited):
        paragraph = _add_line(doc, f"[{n}] {state.sources[n].note()}", rules.footnote,
                              align="justify", after=4)
        paragraph.paragraph_format.left_indent = Pt(hang)
        paragraph.paragraph_format.first_line_indent = Pt(-hang)


def _select_sections(sections: Sequence[ReportSection], include_drafts: bool
                     ) -> tuple[list[ReportSection], list[ReportSection], list[ReportSection]]:
    """(sections to print, sections whose text is not printed, drafts printed). A heading is
    printed when it or a section under it has text to print."""
    def usable(s: ReportSection) -> bool:
        return bool((s.status != "draft" or include_drafts) and _nfc(s.text or ""))

    keep = [False] * len(sections)
    for i, s in enumerate(sections):
        if usable(s):
            keep[i] = True
            level = s.level  # mark the ancestors
            for j in range(i - 1, -1, -1):
                if sections[j].level < level:
                    keep[j] = True
                    level = sections[j].level
    printed = [s for s, k in zip(sections, keep) if k]
    # Not printed at all, or printed as a heading only while it has a draft of its own.
    skipped = [s for s, k in zip(sections, keep)
               if not k or (not usable(s) and _nfc(s.text or ""))]
    drafts = [s for s in printed if s.status == "draft" and usable(s)]
    return printed, skipped, drafts


def _short(section: ReportSection) -> str:
    title = " ".join(_heading_lines(section))
    title = title if len(title) <= 60 else title[:57].rstrip() + "…"
    return f"{section.id} ({title})"


def _body_plan(printed: list[ReportSection], include_drafts: bool
               ) -> list[ReportSection | _Paragraph]:
    plan: list[ReportSection | _Paragraph] = []
    for section in printed:
        plan.append(section)
        if section.status != "draft" or include_drafts:
            plan += [_Paragraph(line.strip(), section.status == "draft")
                     for line in _nfc(section.text or "").split("\n") if line.strip()]
    return plan


# --- public API ------------------------------------------------------------------------------

def build_document(sections: list[ReportSection], profile: Profile, rules: RuleSet, *,
                   subject: str, include_drafts: bool = False, citations: str = "strip",
                   sources: Mapping[int, Source | str | Mapping] | None = None,
                   force: bool = False, now: datetime | None = None
                   ) -> tuple[Document, list[str]]:
    """The report as a python-docx Document in `rules`' format, and warnings in Vietnamese.

    citations: "strip" removes the [n] markers (a clean copy); "footnote" turns each into real
    Word footnotes naming its source from `sources`; "endnotes" keeps the [n] markers and lists
    the sources under "TÀI LIỆU TRÍCH DẪN" at the end. A rule set for the other issuer than the
    profile's is refused unless `force`.
    """
    if citations not in CITATION_MODES:
        raise ExportError(f"Cách xử lý trích dẫn '{citations}' không hợp lệ. "
                          f"Dùng: {', '.join(CITATION_MODES)}.")
    _check_profile(profile, rules, subject)
    warnings = _check_format(profile, rules, force)
    printed, skipped, drafts = _select_sections(sections, include_drafts)
    if not any(s.text and _nfc(s.text) for s in printed):
        raise ExportError("Chưa có mục nào có nội dung đã duyệt để xuất. Hãy duyệt ít nhất một "
                          "mục (hoặc xuất kèm bản nháp).")

    doc = docx.Document()
    _setup_page(doc, rules)
    _setup_styles(doc, rules)
    _setup_page_numbers(doc, rules)
    ooxml.clean_package(doc, title=_nfc(subject), author=_nfc(profile.unit),
                        language=rules.language, now=now)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)

    _add_header_block(doc, profile, rules)
    _add_title(doc, _nfc(subject), profile, rules)
    state = _BodyState(citations, {int(k): Source.of(v) for k, v in (sources or {}).items()},
                       ooxml.Footnotes(doc, rules.footnote.size))
    plan = _body_plan(printed, include_drafts)
    paragraphs = [item for item in plan if isinstance(item, _Paragraph)]
    placed = _place_end_mark(paragraphs, rules.end_mark) if rules.end_mark else "end"
    if placed != "end":
        where = ("đặt sau câu cuối cùng không kết thúc bằng chỗ [CẦN BỔ SUNG …]" if placed
                 else "chưa đặt được vì phần cuối chỉ có chỗ [CẦN BỔ SUNG …]")
        warnings.append(f"Dấu kết thúc «{rules.end_mark}» {where}: khi điền xong, chuyển dấu về "
                        "sau câu cuối của báo cáo.")
    last = None
    for item in plan:
        if isinstance(item, _Paragraph):
            last = _add_paragraph(doc, item, state)
        else:
            _add_heading(doc, item, rules)
    if last is not None:
        last.paragraph_format.keep_with_next = True  # the signature never stands alone
    _add_signature_block(doc, profile, rules)
    if citations == "endnotes" and state.cited:
        _add_reference_list(doc, state, rules)
    return doc, warnings + _content_warnings(skipped, drafts, state, profile, citations)


def _content_warnings(skipped: list[ReportSection], drafts: list[ReportSection],
                      state: _BodyState, profile: Profile, citations: str) -> list[str]:
    warnings = []
    waiting = [s for s in skipped if s.status == "draft" and _nfc(s.text or "")]
    empty = [s for s in skipped if s not in waiting]
    if empty:
        warnings.append(f"Bỏ qua {len(empty)} mục chưa có nội dung đã duyệt: "
                        + "; ".join(_short(s) for s in empty) + ".")
    if waiting:
        warnings.append(f"Chưa đưa vào {len(waiting)} mục chỉ có bản nháp chưa duyệt (duyệt "
                        "hoặc xuất kèm bản nháp): " + "; ".join(_short(s) for s in waiting) + ".")
    if drafts:
        warnings.append(f"Có {len(drafts)} mục là bản nháp chưa duyệt, đánh dấu {DRAFT_MARK}: "
                        + "; ".join(_short(s) for s in drafts) + ".")
    if state.placeholders:
        warnings.append(f"Còn {state.placeholders} chỗ [CẦN BỔ SUNG …] (tô vàng) cần điền "
                        "trước khi ký.")
    if state.unsourced and citations != "strip":
        nums = ", ".join(f"[{n}]" for n in sorted(state.unsourced))
        kept = "không có chú thích" if citations == "footnote" else "chỉ giữ số trong văn bản"
        warnings.append(f"Không có thông tin nguồn cho trích dẫn {nums}: {kept}.")
    if not profile.recipients:
        warnings.append("Hồ sơ chưa có nơi nhận (recipients): mục 'Nơi nhận' chỉ có dòng lưu.")
    return warnings


def export_docx(path: str | os.PathLike, sections: list[ReportSection], profile: Profile, *,
                format: str | None = None, subject: str, include_drafts: bool = False,
                citations: str = "strip",
                sources: Mapping[int, Source | str | Mapping] | None = None,
                force: bool = False) -> list[str]:
    """Build and save the report at `path` (temp file, then rename: never half-written).
    format: "party" / "state" (default: the profile's issuer) or a RULES name. Returns warnings."""
    target = Path(path)
    if not target.parent.is_dir():
        raise ExportError(f"Thư mục '{target.parent}' không tồn tại: không ghi được "
                          f"'{target.name}'.")
    rules = resolve_rules(format, profile)
    doc, warnings = build_document(sections, profile, rules, subject=subject,
                                   include_drafts=include_drafts, citations=citations,
                                   sources=sources, force=force)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    os.close(fd)
    try:
        doc.save(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise ExportError(f"Không ghi được tệp '{target.name}': {exc.strerror or exc}. Tệp có "
                          "đang mở trong Word không?") from exc
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return warnings
