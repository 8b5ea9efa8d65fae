"""Compile report sections into a DOCX in the official Party (HD 36) or State (NĐ 30) format.

The formats are data (`RULES`: one frozen `RuleSet` per format); the builder only reads them, so
a new rule set (e.g. newer Party rules) is one more entry in `RULES`. `build_document` is pure
(sections + profile + rules -> python-docx Document and warnings); `export_docx` adds the atomic
save. Confidence marks in comments follow shared/DOMAIN.md section 3: [sure], [likely], [check].
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from bctk_assist.workspace import Profile

__all__ = [
    "ReportSection", "TextStyle", "HeadingStyle", "RuleSet", "RULES", "FORMATS", "ExportError",
    "CITATION_MODES", "DRAFT_MARK", "balanced_lines", "build_document", "export_docx",
    "format_date_line", "number_line", "resolve_rules", "text_width_pt",
]


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


class ExportError(ValueError):
    """A user-facing export problem; the message is Vietnamese."""


# --- rule sets (data) ------------------------------------------------------------------------

@dataclass(frozen=True)
class TextStyle:
    """How one element is set. `caps` upper-cases the text itself (so search and PDF see it)."""

    size: float  # pt
    bold: bool = False
    italic: bool = False
    caps: bool = False
    underline: bool = False


@dataclass(frozen=True)
class HeadingStyle:
    """A body heading level. `rest` styles the lines after the first (level 1's title line)."""

    first: TextStyle
    rest: TextStyle | None = None
    align: str = "justify"  # center | justify | left
    indent: bool = True  # first-line indent like body paragraphs
    space_before: float = 6  # pt
    space_after: float = 6  # pt


@dataclass(frozen=True)
class RuleSet:
    name: str
    label: str  # Vietnamese, for messages
    issuer: str  # party | state: which profiles this set is meant for
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    header_columns_mm: tuple[float, float]  # header and signature tables, left / right
    parent: TextStyle
    unit: TextStyle
    unit_mark: str  # text line under the issuing unit ("*"), or ""
    unit_rule: float  # rule under the unit as a fraction of its text width; 0 = none
    number_format: str  # "{number}", "{unit_abbr}"
    number: TextStyle
    national: tuple[tuple[str, TextStyle], ...]  # top right lines
    national_rule: float  # rule under the last national line, fraction of its width
    date: TextStyle
    doc_type: TextStyle
    subject: TextStyle
    subject_rule: float  # fraction of the subject's (first) line width; 0 = none
    subject_mark: str  # text line under the subject, or ""
    body: TextStyle
    headings: tuple[HeadingStyle, HeadingStyle, HeadingStyle, HeadingStyle]  # levels 1..4
    sign_for_prefix: str  # "T/M " / "TM. "
    sign_for: TextStyle
    signer_title: TextStyle  # used with a sign_for line
    signer_title_alone: TextStyle  # when the head signs in person (no sign_for)
    signer_name: TextStyle
    recipients_label: TextStyle
    recipients: TextStyle
    recipient_sep: str  # ends every line but the last
    archive_line: str  # last line; "{archive}" is the user's "Lưu …" item or archive_default
    archive_default: str  # may use "{unit}"
    end_mark: str  # appended to the last body paragraph, or ""
    page_number: TextStyle
    forbidden: tuple[str, ...]  # texts of the other rule set that must never appear
    font: str = "Times New Roman"  # [sure] both sets
    page_mm: tuple[float, float] = (210, 297)  # A4 [sure] both sets
    doc_type_text: str = "BÁO CÁO"
    recipients_title: str = "Nơi nhận:"
    first_line_indent_cm: float = 1.27  # [likely] 1–1.27 cm
    line_spacing: float = 1.15  # [likely] single to 1.5 lines
    space_after_pt: float = 6  # [likely] at least 6 pt between paragraphs
    signature_gap_pt: float = 80  # room for the signature and the seal (about 28 mm)
    language: str = "vi-VN"


PARTY_HD36 = RuleSet(
    name="party_hd36",
    label="văn bản của Đảng (Hướng dẫn 36-HD/VPTW)",
    issuer="party",
    margins_mm=(20, 20, 30, 15),  # [likely]
    header_columns_mm=(75, 90),
    parent=TextStyle(14, caps=True),  # [sure]
    unit=TextStyle(14, bold=True, caps=True),  # [sure]
    unit_mark="*",  # [sure]
    unit_rule=0,
    number_format="Số {number}-BC/{unit_abbr}",  # [sure] no colon, hyphen then slash
    number=TextStyle(14),  # [sure]
    national=(("ĐẢNG CỘNG SẢN VIỆT NAM", TextStyle(15, bold=True, caps=True)),),  # [sure]
    national_rule=1.0,  # [sure] as long as the text
    date=TextStyle(14, italic=True),  # [sure]
    doc_type=TextStyle(16, bold=True),  # [sure] 15–16 pt
    subject=TextStyle(14, bold=True),  # [sure] 14–15 pt
    subject_rule=0,
    # [check] easy to change: the five-hyphen line under the subject seen in HD 36 samples.
    subject_mark="-----",
    body=TextStyle(14),  # [likely] 14–15 pt
    headings=(
        HeadingStyle(TextStyle(14, bold=True), TextStyle(14, bold=True, caps=True),
                     align="center", indent=False, space_before=12),  # [sure]
        HeadingStyle(TextStyle(14, bold=True, caps=True)),  # [sure] section titles bold caps
        HeadingStyle(TextStyle(14, bold=True)),  # [check] easy to change: "1." bold
        HeadingStyle(TextStyle(14, bold=True, italic=True)),  # [check] easy to change: "a)"
    ),
    sign_for_prefix="T/M ",  # [likely]
    sign_for=TextStyle(14, bold=True, caps=True),  # [likely]
    signer_title=TextStyle(14, caps=True),  # [likely] "BÍ THƯ" caps, not bold
    signer_title_alone=TextStyle(14, bold=True, caps=True),  # [check] easy to change
    signer_name=TextStyle(14, bold=True),  # [likely]
    # [check] easy to change: the whole recipients block ("Nơi nhận:" 14 pt underlined, list
    # 12 pt, "- …," per line, last "- Lưu …").
    recipients_label=TextStyle(14, underline=True),
    recipients=TextStyle(12),
    recipient_sep=",",
    archive_line="- Lưu {archive}.",
    archive_default="{unit}",
    end_mark="",  # [check] easy to change: no end-of-body mark known for Party documents
    page_number=TextStyle(14),  # [likely]
    forbidden=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "TM."),
)

STATE_ND30 = RuleSet(
    name="state_nd30",
    label="văn bản hành chính (Nghị định 30/2020/NĐ-CP)",
    issuer="state",
    margins_mm=(20, 20, 30, 15),  # [sure] inside 20–25 / 20–25 / 30–35 / 15–20
    header_columns_mm=(70, 95),  # the Quốc hiệu needs ~88 mm at 12 pt bold
    parent=TextStyle(13, caps=True),  # [likely] 12–13 pt
    unit=TextStyle(13, bold=True, caps=True),  # [likely] 12–13 pt
    unit_mark="",
    unit_rule=0.4,  # [likely] short rule: 1/3–1/2 of the name
    number_format="Số: {number}/BC-{unit_abbr}",  # [sure] colon, slash then hyphen
    number=TextStyle(13),  # [sure]
    national=(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", TextStyle(12, bold=True, caps=True)),
              ("Độc lập - Tự do - Hạnh phúc", TextStyle(13, bold=True))),  # [likely]
    national_rule=1.0,  # [likely] as long as the Tiêu ngữ
    date=TextStyle(14, italic=True),  # [sure] 13–14 pt
    doc_type=TextStyle(14, bold=True),  # [likely] 13–14 pt
    subject=TextStyle(14, bold=True),  # [likely] 13–14 pt
    subject_rule=1 / 3,  # [likely] short rule under the subject
    subject_mark="",
    body=TextStyle(14),  # [sure] 13–14 pt
    headings=(
        HeadingStyle(TextStyle(14, bold=True), TextStyle(14, bold=True, caps=True),
                     align="center", indent=False, space_before=12),  # [check] easy to change
        HeadingStyle(TextStyle(14, bold=True, caps=True)),  # [likely] Roman sections bold caps
        HeadingStyle(TextStyle(14, bold=True)),  # [check] easy to change
        HeadingStyle(TextStyle(14, bold=True, italic=True)),  # [check] easy to change
    ),
    sign_for_prefix="TM. ",  # [likely]
    sign_for=TextStyle(14, bold=True, caps=True),  # [likely]
    signer_title=TextStyle(14, bold=True, caps=True),  # [likely]
    signer_title_alone=TextStyle(14, bold=True, caps=True),  # [likely]
    signer_name=TextStyle(14, bold=True),  # [likely]
    recipients_label=TextStyle(12, bold=True, italic=True),  # [likely]
    recipients=TextStyle(11),  # [likely]
    recipient_sep=";",  # [likely]
    archive_line="- Lưu: {archive}.",  # [likely] "- Lưu: VT, …"
    archive_default="VT",
    end_mark="./.",  # [likely]
    page_number=TextStyle(14),  # [likely]
    forbidden=("ĐẢNG CỘNG SẢN VIỆT NAM", "T/M"),
)

RULES: dict[str, RuleSet] = {r.name: r for r in (PARTY_HD36, STATE_ND30)}
# The profile's `issuer` (and `--format`) name a rule set through this table.
FORMATS: dict[str, str] = {"party": "party_hd36", "state": "state_nd30"}
CITATION_MODES = ("strip", "footnote")


def resolve_rules(format: str | None, profile: Profile) -> RuleSet:
    """'party' / 'state' (default: the profile's issuer) or a rule-set name -> RuleSet."""
    key = (format or profile.issuer or "").strip().lower()
    name = FORMATS.get(key, key)
    if name not in RULES:
        choices = ", ".join([*FORMATS, *RULES])
        raise ExportError(f"Không có thể thức '{format or profile.issuer}'. Dùng: {choices}.")
    return RULES[name]


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
    """'Số 12-BC/CB' (Party) or 'Số: 12/BC-THHA' (State)."""
    return rules.number_format.format(number=_nfc(profile.number),
                                      unit_abbr=_nfc(profile.unit_abbr))


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
             profile.signer_title, profile.signer_name, number_line(profile, rules)]
    for bad in rules.forbidden:
        for text in texts:
            if _fold_caps(bad) in _fold_caps(text):
                raise ExportError(f"Hồ sơ có '{text}': cụm '{bad}' không dùng trong "
                                  f"{rules.label}. Sửa hồ sơ hoặc chọn thể thức khác.")


def _fold_caps(text: str) -> str:
    # Upper case, one tone placement ("HOÀ" = "HÒA"), hyphen look-alikes as "-".
    text = unicodedata.normalize("NFC", text or "").upper()
    text = text.replace("OÀ", "ÒA").replace("UỶ", "ỦY").replace("OÁ", "ÓA")
    return re.sub("[\u2010-\u2015\u2212]", "-", text)


def _strip_sign_prefix(text: str) -> str:
    return _SIGN_PREFIX.sub("", _nfc(text))


# --- text widths (for rules as long as a line of text) ---------------------------------------
# Advance widths in 1/1000 em of Times New Roman for ASCII 32..126, measured on Liberation Serif
# (metric-compatible). Vietnamese letters take their base letter's width, except the horned ones.
_W_REGULAR = (
    "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 "
    "500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 "
    "722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 "
    "444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444 480 "
    "200 480 541")
_W_BOLD = (
    "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 500 "
    "500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667 944 "
    "722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444 556 "
    "444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444 394 "
    "220 394 520")
_WIDTHS = {
    False: dict(zip(map(chr, range(32, 127)), map(int, _W_REGULAR.split())),
                **{"Đ": 722, "đ": 500, "Ư": 776, "ư": 542, "Ơ": 722, "ơ": 529}),
    True: dict(zip(map(chr, range(32, 127)), map(int, _W_BOLD.split())),
               **{"Đ": 722, "đ": 556, "Ư": 796, "ư": 600, "Ơ": 778, "ơ": 554}),
}


def text_width_pt(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of one line of Times New Roman text in points."""
    table = _WIDTHS[bold]
    total = 0
    for ch in unicodedata.normalize("NFC", text):
        width = table.get(ch)
        if width is None:  # a letter with marks: the width of its base letter
            width = table.get(unicodedata.normalize("NFD", ch)[:1], 500)
        total += width
    return total * size / 1000


def balanced_lines(text: str, style: TextStyle, room_pt: float) -> str:
    """`text` with a line break where Word would leave one word alone on the second line:
    a name too long for its column is split into two lines of similar width."""
    text = _styled_text(text, style)
    fits = room_pt * 0.97  # margin for the estimate
    if "\n" in text or text_width_pt(text, style.size, style.bold) <= fits:
        return text
    words = text.split()
    best = None
    for i in range(1, len(words)):
        lines = (" ".join(words[:i]), " ".join(words[i:]))
        widest = max(text_width_pt(line, style.size, style.bold) for line in lines)
        if widest <= fits and (best is None or widest < best[0]):
            best = (widest, "\n".join(lines))
    return best[1] if best else text


# --- low-level document helpers --------------------------------------------------------------

_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
          "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}
_CELL_MARGIN_PT = 5.4  # Word's default left/right cell margin (0.19 cm)
_PLACEHOLDER = re.compile(r"\[CẦN BỔ SUNG\b[^\]]*\]")
_CITATION = re.compile(r"\s*\[(?P<nums>\d+(?:\s*[,;–-]\s*\d+)*)\]")
_TOKENS = re.compile(f"(?P<gap>{_PLACEHOLDER.pattern})|(?P<cite>{_CITATION.pattern})")
DRAFT_MARK = "[BẢN NHÁP]"


def _set_fonts(rpr, font: str) -> None:
    """All four scripts to `font`; theme fonts removed (they would win over named fonts)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _set_lang(rpr, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def _apply(run, style: TextStyle) -> None:
    font = run.font
    font.size = Pt(style.size)
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


def _styled_text(text: str, style: TextStyle) -> str:
    return text.upper() if style.caps else text


def _add_line(container, text: str, style: TextStyle, *, align: str = "center",
              before: float = 0, after: float = 0, keep_next: bool = False):
    """A paragraph holding one element (header, title, signature lines)."""
    paragraph = container.add_paragraph()
    _format_paragraph(paragraph, align=align, before=before, after=after, keep_next=keep_next)
    _mark_size(paragraph, style.size)
    for i, part in enumerate(_styled_text(text, style).split("\n")):
        if i:
            paragraph.runs[-1].add_break()
        _apply(paragraph.add_run(part), style)
    return paragraph


def _mark_size(paragraph, size: float) -> None:
    # The paragraph mark's size sets the height of an empty line (used by the 1 pt rule lines).
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(round(size * 2)))


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
    _mark_size(paragraph, 1)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # pBdr must come before spacing/ind/jc in pPr (schema order), after keepNext/keepLines.
    anchor = next((ppr.find(qn(t)) for t in ("w:shd", "w:tabs", "w:suppressAutoHyphens",
                                             "w:spacing", "w:ind", "w:jc", "w:rPr")
                   if ppr.find(qn(t)) is not None), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)
    return paragraph


def _borderless_table(doc: Document, widths_mm: Sequence[float], rows: int = 1):
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False  # fixed layout: the columns keep the widths below
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(widths_mm) * 1440 / 25.4)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    # Schema order: tblBorders comes before shd, tblLayout, tblCellMar and tblLook.
    successor = next((el for el in tbl_pr if el.tag in {
        qn("w:shd"), qn("w:tblLayout"), qn("w:tblCellMar"), qn("w:tblLook")}), None)
    if successor is not None:
        successor.addprevious(borders)
    else:
        tbl_pr.append(borders)
    for col, col_width in zip(table.columns, widths_mm):
        col.width = Mm(col_width)
    for row in table.rows:
        for cell, col_width in zip(row.cells, widths_mm):
            cell.width = Mm(col_width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def _cell(table, row: int, col: int):
    """A table cell emptied of its default paragraph (content is added with add_paragraph)."""
    cell = table.cell(row, col)
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    return cell


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _add_field(paragraph, instruction: str, style: TextStyle) -> None:
    """A complex field (e.g. PAGE) with a cached result so viewers show something at once."""
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None),
                       ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        _apply(run, style)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._r.append(el)
        elif kind == "text":
            run.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


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
    _set_fonts(rpr, rules.font)
    _set_lang(rpr, rules.language)
    for el in styles_el.iter(qn("w:rPr")):  # every style: no theme fonts, no other language
        if el.find(qn("w:rFonts")) is not None:
            _set_fonts(el, rules.font)
        if el.find(qn("w:lang")) is not None:
            _set_lang(el, rules.language)
    for el in styles_el.iter(qn("w:color")):  # blue heading colours of the default template
        el.set(qn("w:val"), "000000")
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            el.attrib.pop(qn(attr), None)

    normal = doc.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr(), rules.font)
    _set_lang(normal.element.get_or_add_rPr(), rules.language)
    normal.font.size = Pt(rules.body.size)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Mm(rules.first_line_indent_cm * 10)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(rules.space_after_pt)
    fmt.line_spacing = rules.line_spacing
    fmt.widow_control = True

    for level, heading in enumerate(rules.headings, start=1):
        style = doc.styles[f"Heading {level}"]
        style.font.size = Pt(heading.first.size)
        style.font.bold = heading.first.bold
        style.font.italic = heading.first.italic
        style.font.color.rgb = RGBColor(0, 0, 0)
        hf = style.paragraph_format
        hf.alignment = _ALIGN[heading.align]
        hf.first_line_indent = Mm(rules.first_line_indent_cm * 10) if heading.indent else Twips(0)
        hf.space_before = Pt(heading.space_before)
        hf.space_after = Pt(heading.space_after)
        hf.line_spacing = rules.line_spacing
        hf.keep_with_next = True  # never a heading alone at the foot of a page
        hf.keep_together = True


def _setup_page_numbers(doc: Document, rules: RuleSet) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True  # page 1 carries no number
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    _format_paragraph(paragraph, align="center")
    _add_field(paragraph, "PAGE", rules.page_number)


# --- blocks ----------------------------------------------------------------------------------

def _room_pt(width_mm: float) -> float:
    return width_mm * 72 / 25.4 - 2 * _CELL_MARGIN_PT


def _add_header_block(doc: Document, profile: Profile, rules: RuleSet) -> None:
    left_mm, right_mm = rules.header_columns_mm
    table = _borderless_table(doc, (left_mm, right_mm), rows=2)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    room = _room_pt(left_mm)
    if _nfc(profile.parent):
        _add_line(left, balanced_lines(_nfc(profile.parent), rules.parent, room), rules.parent)
    unit = balanced_lines(_nfc(profile.unit), rules.unit, room)
    _add_line(left, unit, rules.unit)
    if rules.unit_mark:
        _add_line(left, rules.unit_mark, rules.unit)
    if rules.unit_rule:
        width = min(room, max(text_width_pt(line, rules.unit.size, rules.unit.bold)
                              for line in unit.split("\n")))
        _add_rule(left, width * rules.unit_rule, room)
    for text, style in rules.national:
        _add_line(right, text, style)
    if rules.national_rule:
        text, style = rules.national[-1]
        width = text_width_pt(_styled_text(text, style), style.size, style.bold)
        _add_rule(right, min(width, _room_pt(right_mm)) * rules.national_rule, _room_pt(right_mm))
    # Number and date share the second row, so they stand on one line whatever is above them.
    _add_line(_cell(table, 1, 0), number_line(profile, rules), rules.number, before=6)
    _add_line(_cell(table, 1, 1), format_date_line(profile.place, profile.date), rules.date,
              before=6)


def _add_title(doc: Document, subject: str, rules: RuleSet) -> None:
    _add_line(doc, rules.doc_type_text, rules.doc_type, before=24, keep_next=True)
    _add_line(doc, subject, rules.subject, after=0 if (rules.subject_rule or rules.subject_mark)
              else 12, keep_next=True)
    if rules.subject_mark:
        _add_line(doc, rules.subject_mark, rules.subject, after=12, keep_next=True)
    if rules.subject_rule:
        section = doc.sections[0]
        room = (section.page_width - section.left_margin - section.right_margin) / 12700
        width = min(text_width_pt(subject, rules.subject.size, rules.subject.bold), room)
        _add_rule(doc, width * rules.subject_rule, room, after=12, keep_next=True)


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
        _apply(paragraph.add_run(_styled_text(line, text_style)), text_style)


def _citation_numbers(inner: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", inner):
        bounds = [int(n) for n in re.split(r"\s*[–-]\s*", part) if n]
        if len(bounds) == 2 and bounds[0] <= bounds[1] <= bounds[0] + 50:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


@dataclass
class _BodyState:
    citations: str
    sources: Mapping[int, str]
    placeholders: int = 0
    unsourced: set[int] = field(default_factory=set)
    last_paragraph: object = None


def _add_body_text(doc: Document, paragraph, text: str, state: _BodyState) -> None:
    """Runs for one paragraph: plain text, highlighted placeholders, citations per mode."""
    pos = 0
    for match in _TOKENS.finditer(text):
        if match.start() > pos:
            paragraph.add_run(text[pos:match.start()])
        if match.group("gap"):
            run = paragraph.add_run(match.group("gap"))
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            state.placeholders += 1
        elif state.citations == "footnote":
            run = paragraph.add_run(match.group("cite"))
            numbers = _citation_numbers(match.group("nums"))
            notes = [f"[{n}] {state.sources[n]}" for n in numbers if state.sources.get(n)]
            state.unsourced.update(n for n in numbers if not state.sources.get(n))
            if notes:
                doc.add_comment(run, text="\n".join(notes), author="bctk-assist", initials="BC")
        pos = match.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def _add_section_body(doc: Document, section: ReportSection, state: _BodyState) -> None:
    lines = [line.strip() for line in _nfc(section.text or "").split("\n") if line.strip()]
    for i, line in enumerate(lines):
        paragraph = doc.add_paragraph()
        if i == 0 and section.status == "draft":
            run = paragraph.add_run(DRAFT_MARK + " ")
            run.font.bold = True
            run.font.highlight_color = WD_COLOR_INDEX.BRIGHT_GREEN
        _add_body_text(doc, paragraph, line, state)
        state.last_paragraph = paragraph


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
    table = _borderless_table(doc, (left_mm, right_mm))
    _cant_split(table.rows[0])
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    _add_line(left, rules.recipients_title, rules.recipients_label, align="left", before=12)
    for line in _recipient_lines(profile, rules):
        _add_line(left, line, rules.recipients, align="left")
    room = _room_pt(right_mm)
    for i, (text, style, gap) in enumerate(_signature_lines(profile, rules)):
        _add_line(right, balanced_lines(text, style, room), style,
                  before=gap or (12 if i == 0 else 0))


# --- public API ------------------------------------------------------------------------------

def build_document(sections: list[ReportSection], profile: Profile, rules: RuleSet, *,
                   subject: str, include_drafts: bool = False, citations: str = "strip",
                   sources: Mapping[int, str] | None = None) -> tuple[Document, list[str]]:
    """The report as a python-docx Document in `rules`' format, and warnings in Vietnamese.

    citations: "strip" removes the [n] markers (clean copy); "footnote" keeps them and attaches
    a Word comment to each naming its source from `sources` (python-docx has no footnote API;
    comments open in Word and LibreOffice and are left out when printing without markup).
    """
    if citations not in CITATION_MODES:
        raise ExportError(f"Cách xử lý trích dẫn '{citations}' không hợp lệ. "
                          f"Dùng: {', '.join(CITATION_MODES)}.")
    _check_profile(profile, rules, subject)
    printed, skipped, drafts = _select_sections(sections, include_drafts)
    if not any(s.text and _nfc(s.text) for s in printed):
        raise ExportError("Chưa có mục nào có nội dung đã duyệt để xuất. Hãy duyệt ít nhất một "
                          "mục (hoặc xuất kèm bản nháp).")

    warnings: list[str] = []
    if profile.issuer in FORMATS and profile.issuer != rules.issuer:
        warnings.append(f"Hồ sơ ghi đơn vị thuộc khối '{profile.issuer}' nhưng đang xuất theo "
                        f"thể thức {rules.label}.")
    doc = docx.Document()
    _setup_page(doc, rules)
    _setup_styles(doc, rules)
    _setup_page_numbers(doc, rules)
    doc.core_properties.title = _nfc(subject)
    doc.core_properties.language = rules.language
    doc.core_properties.author = _nfc(profile.unit)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)

    _add_header_block(doc, profile, rules)
    _add_title(doc, _nfc(subject), rules)
    state = _BodyState(citations=citations, sources={int(k): v for k, v in (sources or {}).items()})
    for section in printed:
        _add_heading(doc, section, rules)
        if section.status != "draft" or include_drafts:
            _add_section_body(doc, section, state)
    last = state.last_paragraph
    if rules.end_mark and last is not None:
        if last.runs and last.runs[-1].text.endswith(".") and rules.end_mark.startswith("."):
            last.runs[-1].text = last.runs[-1].text[:-1]
        last.add_run(rules.end_mark)
    if last is not None:
        last.paragraph_format.keep_with_next = True  # the signature never stands alone
    _add_signature_block(doc, profile, rules)

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
    if state.unsourced:
        nums = ", ".join(f"[{n}]" for n in sorted(state.unsourced))
        warnings.append(f"Không có thông tin nguồn cho trích dẫn {nums}: chỉ giữ số.")
    if not profile.recipients:
        warnings.append("Hồ sơ chưa có nơi nhận (recipients): mục 'Nơi nhận' chỉ có dòng lưu.")
    return doc, warnings


def export_docx(path: str | os.PathLike, sections: list[ReportSection], profile: Profile, *,
                format: str | None = None, subject: str, include_drafts: bool = False,
                citations: str = "strip", sources: Mapping[int, str] | None = None) -> list[str]:
    """Build and save the report at `path` (temp file, then rename: never half-written).
    format: "party" / "state" (default: the profile's issuer) or a RULES name. Returns warnings."""
    target = Path(path)
    if not target.parent.is_dir():
        raise ExportError(f"Thư mục '{target.parent}' không tồn tại: không ghi được "
                          f"'{target.name}'.")
    rules = resolve_rules(format, profile)
    doc, warnings = build_document(sections, profile, rules, subject=subject,
                                   include_drafts=include_drafts, citations=citations,
                                   sources=sources)
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


# ----------------------------------------------------------------------------- from a workspace

from bctk_assist.outline import tidy  # noqa: E402

DEFAULT_SUBJECT = ("Tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị về việc "
                   "tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em "
                   "trong tình hình mới")
_CITE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")


def report_sections(workspace, sections, *, include_drafts: bool = False
                    ) -> tuple[list[ReportSection], dict[int, str]]:
    """Accepted (and optionally latest draft) texts in outline order, with citations renumbered across
    the whole report so "[n]" is unique; returns the sections and {n: "document, location"}."""
    accepted = workspace.accepted_all()
    sources: dict[int, str] = {}
    out: list[ReportSection] = []
    for s in sections:
        record, status = accepted.get(s.id), "accepted"
        if record is None and include_drafts:
            record, status = workspace.latest_draft(s.id), "draft"
        text = None
        if record is not None:
            local = {int(c["n"]): f"{c['doc']}, {c['location']}" for c in record.citations}
            mapping: dict[int, int] = {}
            for n, where in sorted(local.items()):
                mapping[n] = len(sources) + 1
                sources[mapping[n]] = where

            def renumber(m: re.Match) -> str:
                nums = [int(x) for x in re.split(r"\s*[,;]\s*", m.group(1))]
                return "[" + ", ".join(str(mapping.get(n, n)) for n in nums) + "]"

            text = _CITE.sub(renumber, record.text)
        out.append(ReportSection(s.id, s.label, tidy(s.title), s.level, text, status))
    return out, sources


def export_report(path: str | os.PathLike, workspace, sections, *, format: str | None = None,
                  include_drafts: bool = False, citations: str = "strip",
                  subject: str = DEFAULT_SUBJECT) -> list[str]:
    """Compile the workspace's accepted sections into the DOCX at `path`; returns warnings."""
    report, sources = report_sections(workspace, sections, include_drafts=include_drafts)
    warnings = export_docx(path, report, workspace.profile(), format=format, subject=subject,
                           include_drafts=include_drafts, citations=citations, sources=sources)
    return sample_warning(workspace) + warnings


def sample_warning(workspace) -> list[str]:
    """A warning naming the accepted sections that cite the bundled sample (invented data)."""
    from bctk_assist.services import sample_citations

    cited = sample_citations(workspace.accepted_all())
    if not cited:
        return []
    return [f"Các mục đã duyệt sau có trích dẫn DỮ LIỆU MẪU của đơn vị giả định, không phải số liệu của đơn vị: "
            f"{', '.join(cited)}. Hãy thêm tài liệu của đơn vị, soạn lại và duyệt lại các mục này."]
