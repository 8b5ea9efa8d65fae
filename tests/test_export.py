"""DOCX export: both rule sets read back with python-docx, warnings, errors, atomic save, line
breaking, footnotes, file properties, the workspace glue, the command and the page, and a render
with LibreOffice (skipped when it is not installed)."""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import docx
import docx.document
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree

from bctk_assist.docx_export import (
    RULES, ExportError, ReportSection, Source, TextStyle, build_document, end_mark_position,
    export_docx, export_report, fit_lines, format_date_line, number_line, report_sections,
    resolve_rules,
)
from bctk_assist.export import build
from bctk_assist.workspace import Profile

SUBJECT = ("Tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị về "
           "việc tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ "
           "trẻ em trong tình hình mới")

PARTY = Profile(unit="Chi bộ Trường Tiểu học Hòa An", parent="Đảng bộ xã Hòa An", issuer="party",
                unit_abbr="CB", number="12", place="Hòa An", date="2022-02-05", sign_for="Chi bộ",
                signer_title="Bí thư", signer_name="Nguyễn Văn An",
                recipients=["Đảng ủy xã Hòa An (b/c)", "Các đảng viên"])
STATE = Profile(unit="Trường Tiểu học Hòa An", parent="Phòng GD&ĐT huyện An Thành",
                issuer="state", unit_abbr="THHA", number="31", place="Hòa An", date="2022-02-16",
                signer_title="Hiệu trưởng", signer_name="Trần Thị Bình",
                recipients=["Phòng GD&ĐT huyện An Thành", "Đảng ủy xã Hòa An"])
PROFILES = {"party": PARTY, "state": STATE}


def report() -> list[ReportSection]:
    return [
        ReportSection("P1", "Phần thứ nhất", "ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN CHỈ THỊ SỐ 20-CT/TW",
                      1, None),
        ReportSection("P1.I", "I.", "Đánh giá công tác lãnh đạo, chỉ đạo", 2, None),
        ReportSection("P1.I.1", "1.", "Tổ chức học tập, quán triệt", 3,
                      "Nhà trường đã tổ chức học tập, quán triệt cho 100% cán bộ [1].\n\n"
                      "Năm 2021 có 46 buổi tuyên truyền dưới cờ [2, 3]."),
        ReportSection("P1.I.2", "1.", "Sự chuyển biến về nhận thức", 3,
                      "Nhận thức được nâng lên.\nSố buổi sinh hoạt chuyên đề: "
                      "[CẦN BỔ SUNG: số buổi mỗi năm]; kinh phí [CẦN BỔ SUNG: kinh phí 2021]."),
        ReportSection("P1.I.3", "3.", "Công tác kiểm tra, giám sát", 3, None),
        ReportSection("P1.II", "II.", "Kết quả thực hiện", 2, None),
        ReportSection("P1.II.1", "1.", "Tuyên truyền nâng cao nhận thức", 3,
                      "Đoạn nháp chưa duyệt về tuyên truyền.", status="draft"),
        ReportSection("P1.II.1.a", "a)", "Tháng hành động vì trẻ em", 4,
                      "Hằng năm tổ chức Tháng hành động vì trẻ em từ 01/6 đến 30/6."),
        ReportSection("P2", "", "Phần thứ hai\nNHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN ĐẾN", 1,
                      "Tiếp tục quán triệt Chỉ thị 20 trong thời gian đến."),
    ]


def all_text(document) -> str:
    """Every text of the file: body paragraphs, tables (nested too), headers and footers."""
    parts = [t.text or "" for t in document.element.body.iter(qn("w:t"))]
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer):
            parts += [t.text or "" for t in part._element.iter(qn("w:t"))]
    return "\n".join(parts)


def size_of(run, paragraph) -> float:
    size = run.font.size or paragraph.style.font.size
    return size.pt


def runs_text(paragraph) -> str:
    return "".join(r.text for r in paragraph.runs)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict:
    """Both formats exported once; the saved files read back."""
    out = {}
    folder = tmp_path_factory.mktemp("export")
    for fmt, profile in PROFILES.items():
        path = folder / f"{fmt}.docx"
        warnings = export_docx(path, report(), profile, subject=SUBJECT)
        out[fmt] = (docx.Document(str(path)), warnings, path)
    return out


# --- number and date lines -----------------------------------------------------------------

@pytest.mark.parametrize("fmt, number, abbr, expected", [
    ("party", "12", "CB", "Số 12-BC/CB"),
    ("state", "12", "THKĐ", "Số: 12/BC-THKĐ"),
    ("state", "31", "MGLT", "Số: 31/BC-MGLT"),
])
def test_number_line_forms(fmt, number, abbr, expected):
    profile = dataclasses.replace(PROFILES[fmt], number=number, unit_abbr=abbr)
    assert number_line(profile, resolve_rules(fmt, profile)) == expected


@pytest.mark.parametrize("iso, expected", [
    ("2022-02-05", "Hòa An, ngày 05 tháng 02 năm 2022"),
    ("2022-02-16", "Hòa An, ngày 16 tháng 02 năm 2022"),
    ("2022-01-09", "Hòa An, ngày 09 tháng 01 năm 2022"),
    ("2013-05-29", "Hòa An, ngày 29 tháng 5 năm 2013"),
    ("2021-12-24", "Hòa An, ngày 24 tháng 12 năm 2021"),
    ("2022-10-01", "Hòa An, ngày 01 tháng 10 năm 2022"),
])
def test_date_line_leading_zeros(iso, expected):
    assert format_date_line("Hòa An", iso) == expected


@pytest.mark.parametrize("bad", ["5/2/2022", "2022-2-5", "2022-02-30", ""])
def test_bad_date_is_a_clear_error(bad):
    with pytest.raises(ExportError, match="YYYY-MM-DD"):
        format_date_line("Hòa An", bad)


# --- page, fonts, language -------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["party", "state"])
def test_a4_and_margins_per_rule_set(exported, fmt):
    section = exported[fmt][0].sections[0]
    rules = resolve_rules(fmt, PROFILES[fmt])
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    top, bottom, left, right = rules.margins_mm
    assert [round(x.mm, 1) for x in (section.top_margin, section.bottom_margin,
                                     section.left_margin, section.right_margin)] == \
        [top, bottom, left, right]
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20


@pytest.mark.parametrize("fmt", ["party", "state"])
def test_times_new_roman_for_all_scripts_and_no_theme_fonts(exported, fmt):
    document = exported[fmt][0]
    styles = document.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = default.find(qn("w:rFonts"))
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert fonts.get(qn(script)) == "Times New Roman"
    for rfonts in styles.iter(qn("w:rFonts")):  # a theme font would win over the named font
        assert not any("Theme" in k or k.endswith("}cstheme") for k in rfonts.attrib), rfonts.attrib
        assert rfonts.get(qn("w:eastAsia")) in (None, "Times New Roman")
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 14
    for level in range(1, 5):
        assert document.styles[f"Heading {level}"].font.color.rgb == RGBColor(0, 0, 0)


@pytest.mark.parametrize("fmt", ["party", "state"])
def test_language_is_vietnamese(exported, fmt):
    styles = exported[fmt][0].styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert default.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    assert {el.get(qn("w:val")) for el in styles.iter(qn("w:lang"))} == {"vi-VN"}
    assert exported[fmt][0].core_properties.language == "vi-VN"


def test_body_paragraphs_justified_with_first_line_indent(exported):
    document = exported["party"][0]
    fmt = document.styles["Normal"].paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert 10 <= fmt.first_line_indent.mm <= 12.7
    assert fmt.space_after.pt >= 6 and 1.0 <= fmt.line_spacing <= 1.5
    body = [p for p in document.paragraphs if "100% cán bộ" in p.text][0]
    assert body.style.name == "Normal" and body.paragraph_format.alignment is None


# --- header block ----------------------------------------------------------------------------

def header_table(document):
    return document.tables[0]


def test_party_header_block(exported):
    table = header_table(exported["party"][0])
    left = table.cell(0, 0).paragraphs
    texts = [p.text for p in left]
    assert texts[0] == "ĐẢNG BỘ XÃ HÒA AN"
    assert texts[1].replace("\n", " ") == "CHI BỘ TRƯỜNG TIỂU HỌC HÒA AN"
    assert texts[2] == "*"
    parent_run, unit_run = left[0].runs[0], left[1].runs[0]
    assert size_of(parent_run, left[0]) == 14 and not parent_run.bold
    assert size_of(unit_run, left[1]) == 14 and unit_run.bold
    right = table.cell(0, 1).paragraphs
    assert right[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right[0].runs[0].bold and size_of(right[0].runs[0], right[0]) == 15
    assert table.cell(1, 0).text == "Số 12-BC/CB"
    date_p = table.cell(1, 1).paragraphs[0]
    assert date_p.text == "Hòa An, ngày 05 tháng 02 năm 2022"
    assert date_p.runs[0].italic and size_of(date_p.runs[0], date_p) == 14


def test_state_header_block(exported):
    table = header_table(exported["state"][0])
    left = table.cell(0, 0).paragraphs
    assert left[0].text.replace("\n", " ") == "PHÒNG GD&ĐT HUYỆN AN THÀNH"
    assert left[1].text == "TRƯỜNG TIỂU HỌC HÒA AN" and left[1].runs[0].bold
    assert "*" not in table.cell(0, 0).text
    right = table.cell(0, 1).paragraphs
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right[0].runs[0].bold
    assert right[1].text == "Độc lập - Tự do - Hạnh phúc" and right[1].runs[0].bold
    assert size_of(right[0].runs[0], right[0]) in (12, 13)
    assert size_of(right[1].runs[0], right[1]) in (13, 14)
    assert table.cell(1, 0).text == "Số: 31/BC-THHA"
    date_p = table.cell(1, 1).paragraphs[0]
    assert date_p.text == "Hòa An, ngày 16 tháng 02 năm 2022" and date_p.runs[0].italic


def _rules_in(cell) -> list[float]:
    """Lengths (mm) of the bottom-border rule paragraphs in a table cell."""
    room_mm = cell.width.mm - 2 * build._CELL_MARGIN_PT * 25.4 / 72
    out = []
    for p in cell.paragraphs:
        ppr = p._p.pPr
        if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
            fmt = p.paragraph_format
            out.append(room_mm - fmt.left_indent.mm - fmt.right_indent.mm)
    return out


def test_rules_under_header_lines_have_the_right_length(exported):
    # Measured independently on Liberation Serif Bold (metric-compatible with Times New Roman):
    # "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt = 72.7 mm, "Độc lập - Tự do - Hạnh phúc" 13 pt = 56.1 mm,
    # "TRƯỜNG TIỂU HỌC HÒA AN" 13 pt = 63.2 mm.
    party, state = header_table(exported["party"][0]), header_table(exported["state"][0])
    assert _rules_in(party.cell(0, 0)) == []  # Party: the "*" instead of a rule
    assert [round(x) for x in _rules_in(party.cell(0, 1))] == [73]
    assert [round(x) for x in _rules_in(state.cell(0, 1))] == [56]
    (short,) = _rules_in(state.cell(0, 0))
    assert 63.2 / 3 <= short <= 63.2 / 2  # 1/3 to 1/2 of the name


def test_long_names_break_into_balanced_lines():
    rules = RULES["state_nd30"]
    room = build._room_pt(rules.header_columns_mm[0])
    parent = fit_lines("Phòng GD&ĐT huyện An Thành", rules.parent, room, rules.breaking)
    assert (parent.text, parent.size) == ("PHÒNG GD&ĐT\nHUYỆN AN THÀNH", 13)  # never "THÀNH" alone
    assert fit_lines("Trường Tiểu học Hòa An", rules.unit, room, rules.breaking).text == \
        "TRƯỜNG TIỂU HỌC HÒA AN"


# --- title, headings, body ---------------------------------------------------------------------

@pytest.mark.parametrize("fmt, type_size", [("party", 16), ("state", 14)])
def test_title_and_subject(exported, fmt, type_size):
    paragraphs = exported[fmt][0].paragraphs
    i = next(i for i, p in enumerate(paragraphs) if p.text == "BÁO CÁO")
    title, subject = paragraphs[i], paragraphs[i + 1]
    assert title.runs[0].bold and size_of(title.runs[0], title) == type_size
    assert subject.text.replace("\n", " ") == SUBJECT and subject.runs[0].bold
    assert subject.alignment == WD_ALIGN_PARAGRAPH.CENTER
    below = paragraphs[i + 2]
    if fmt == "party":
        assert below.text == "-----"
    else:  # a short solid rule
        assert below.text == "" and below._p.pPr.find(qn("w:pBdr")) is not None


EXPECTED_HEADINGS = [
    ("Heading 1", "Phần thứ nhất\nĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN CHỈ THỊ SỐ 20-CT/TW"),
    ("Heading 2", "I. ĐÁNH GIÁ CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
    ("Heading 3", "1. Tổ chức học tập, quán triệt"),
    ("Heading 3", "1. Sự chuyển biến về nhận thức"),
    ("Heading 2", "II. KẾT QUẢ THỰC HIỆN"),
    ("Heading 3", "1. Tuyên truyền nâng cao nhận thức"),  # its draft is out, its a) is in
    ("Heading 4", "a) Tháng hành động vì trẻ em"),
    ("Heading 1", "Phần thứ hai\nNHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN ĐẾN"),
]


@pytest.mark.parametrize("fmt", ["party", "state"])
def test_heading_styles_and_section_order(exported, fmt):
    document = exported[fmt][0]
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings == EXPECTED_HEADINGS
    # Formatting per rule set: "Phần thứ …" bold, part and Roman titles bold caps, centred parts.
    first = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert all(r.bold for r in first.runs) and first.alignment is None
    assert document.styles["Heading 1"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for level in range(1, 5):
        style = document.styles[f"Heading {level}"]
        assert style.paragraph_format.keep_with_next  # no heading alone at the foot of a page
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    body = "\n".join(p.text for p in document.paragraphs)
    assert body.index("100% cán bộ") < body.index("Nhận thức được nâng lên") \
        < body.index("Tháng hành động vì trẻ em từ") < body.index("Tiếp tục quán triệt")


def test_citations_stripped_by_default(exported):
    text = "\n".join(p.text for p in exported["party"][0].paragraphs)
    assert "cho 100% cán bộ." in text and "dưới cờ." in text
    assert not re.search(r"\[\d", text)
    assert list(exported["party"][0].comments) == []


def test_placeholders_stay_highlighted_and_are_counted(exported):
    document, warnings, _ = exported["state"]
    gaps = [r for p in document.paragraphs for r in p.runs if r.text.startswith("[CẦN BỔ SUNG")]
    assert [r.text for r in gaps] == ["[CẦN BỔ SUNG: số buổi mỗi năm]",
                                      "[CẦN BỔ SUNG: kinh phí 2021]"]
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in gaps)
    assert any("Còn 2 chỗ [CẦN BỔ SUNG" in w for w in warnings)


def test_sections_without_text_and_drafts_are_left_out_with_warnings(exported):
    document, warnings, _ = exported["party"]
    text = all_text(document)
    assert "Công tác kiểm tra, giám sát" not in text.replace("\n", " ")
    assert "Đoạn nháp" not in text and "[BẢN NHÁP]" not in text
    missing = next(w for w in warnings if w.startswith("Bỏ qua"))
    assert "P1.I.3 (3. Công tác kiểm tra, giám sát)" in missing and "P1.I.1 " not in missing
    assert "P1.I " not in missing  # a heading over printed items is not "missing"
    waiting = next(w for w in warnings if w.startswith("Chưa đưa vào"))
    assert "P1.II.1 (1. Tuyên truyền" in waiting


def test_drafts_included_on_request_and_visibly_marked():
    document, warnings = build_document(report(), STATE, RULES["state_nd30"], subject=SUBJECT,
                                        include_drafts=True)
    para = next(p for p in document.paragraphs if "Đoạn nháp" in p.text)
    mark = para.runs[0]
    assert mark.text.startswith("[BẢN NHÁP]") and mark.bold
    assert mark.font.highlight_color not in (None, WD_COLOR_INDEX.YELLOW)
    assert any("bản nháp" in w and "P1.II.1" in w for w in warnings)
    assert ("Heading 3", "1. Tuyên truyền nâng cao nhận thức") in [
        (p.style.name, p.text) for p in document.paragraphs]


def test_unknown_citation_mode_is_refused():
    with pytest.raises(ExportError, match="strip"):
        build_document(report(), PARTY, RULES["party_hd36"], subject=SUBJECT, citations="x")


def test_state_body_ends_with_mark_party_does_not(exported):
    def last_body(document):
        return [p for p in document.paragraphs if p.style.name == "Normal" and p.text][-1].text
    assert last_body(exported["state"][0]).endswith("thời gian đến./.")
    assert last_body(exported["party"][0]).endswith("thời gian đến.")


# --- page numbers ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["party", "state"])
def test_page_number_field_top_centre_not_on_page_one(exported, fmt):
    section = exported[fmt][0].sections[0]
    assert section.different_first_page_header_footer
    header = section.header
    instr = "".join(t.text for t in header._element.iter(qn("w:instrText")))
    assert instr.strip() == "PAGE"
    assert header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(qn("w:instrText"))) and not first._element.xpath(
        ".//w:t[normalize-space()]")


# --- signature and recipients ------------------------------------------------------------------

def signature_table(document):
    return document.tables[-1]


def test_party_signature_and_recipients(exported):
    table = signature_table(exported["party"][0])
    sign = table.cell(0, 1).paragraphs
    assert [p.text for p in sign] == ["T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn An"]
    assert sign[0].runs[0].bold and not sign[1].runs[0].bold and sign[2].runs[0].bold
    rec = table.cell(0, 0).paragraphs
    assert rec[0].text == "Nơi nhận:" and rec[0].runs[0].underline
    assert [p.text for p in rec[1:]] == ["- Đảng ủy xã Hòa An (b/c),", "- Các đảng viên,",
                                         "- Lưu Chi bộ Trường Tiểu học Hòa An."]
    assert size_of(rec[1].runs[0], rec[1]) == 12
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_state_signature_and_recipients(exported):
    table = signature_table(exported["state"][0])
    sign = table.cell(0, 1).paragraphs
    assert [p.text for p in sign] == ["HIỆU TRƯỞNG", "Trần Thị Bình"]
    assert all(p.runs[0].bold for p in sign)
    rec = table.cell(0, 0).paragraphs
    assert rec[0].text == "Nơi nhận:" and rec[0].runs[0].bold and rec[0].runs[0].italic
    assert [p.text for p in rec[1:]] == ["- Phòng GD&ĐT huyện An Thành;", "- Đảng ủy xã Hòa An;",
                                         "- Lưu: VT."]
    assert size_of(rec[1].runs[0], rec[1]) == 11


@pytest.mark.parametrize("fmt, sign_for, expected", [
    ("state", "Ban Giám hiệu", "TM. BAN GIÁM HIỆU"),
    ("state", "T/M Ban Giám hiệu", "TM. BAN GIÁM HIỆU"),  # the other set's prefix is replaced
    ("party", "TM. Chi bộ", "T/M CHI BỘ"),
    ("party", "T/M chi bộ", "T/M CHI BỘ"),
])
def test_sign_for_prefix_follows_the_rule_set(fmt, sign_for, expected):
    profile = dataclasses.replace(PROFILES[fmt], sign_for=sign_for)
    document, _ = build_document(report(), profile, resolve_rules(fmt, profile), subject=SUBJECT)
    assert signature_table(document).cell(0, 1).paragraphs[0].text == expected


def test_user_archive_line_replaces_the_default():
    profile = dataclasses.replace(STATE, recipients=["Sở GD&ĐT", "Lưu: VT, TCCB."])
    document, _ = build_document(report(), profile, RULES["state_nd30"], subject=SUBJECT)
    assert [p.text for p in signature_table(document).cell(0, 0).paragraphs][1:] == \
        ["- Sở GD&ĐT;", "- Lưu: VT, TCCB."]


# --- never mixing the two sets -------------------------------------------------------------------

def test_party_and_state_never_mix(exported):
    party, state = all_text(exported["party"][0]), all_text(exported["state"][0])
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in party and "T/M CHI BỘ" in party
    for foreign in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "Độc lập - Tự do", "TM.", "Số:"):
        assert foreign not in party
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in state and "Số: 31/BC-THHA" in state
    for foreign in ("ĐẢNG CỘNG SẢN VIỆT NAM", "T/M", "Số 31-"):
        assert foreign not in state


def test_profile_text_from_the_other_set_is_refused():
    profile = dataclasses.replace(STATE, signer_title="T/M Ban Chấp hành")
    with pytest.raises(ExportError, match="T/M"):
        build_document(report(), profile, RULES["state_nd30"], subject=SUBJECT)


# --- errors, atomic save, extensibility ----------------------------------------------------------

def test_missing_profile_fields_are_named_before_anything_is_written(tmp_path):
    profile = dataclasses.replace(PARTY, number="", signer_name="  ", date="")
    path = tmp_path / "bao-cao.docx"
    with pytest.raises(ExportError) as err:
        export_docx(path, report(), profile, subject=SUBJECT)
    message = str(err.value)
    for key in ("number", "signer_name", "date"):
        assert key in message
    assert "số báo cáo" in message and "họ tên người ký" in message
    assert "unit_abbr" not in message
    assert list(tmp_path.iterdir()) == []


def test_nothing_to_export_is_an_error():
    empty = [dataclasses.replace(s, text=None) for s in report()]
    with pytest.raises(ExportError, match="Chưa có mục nào"):
        build_document(empty, PARTY, RULES["party_hd36"], subject=SUBJECT)


def test_failed_save_leaves_no_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(b"old report")

    def broken_save(self, target):
        Path(target).write_bytes(b"PK half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with pytest.raises(ExportError, match="bao-cao.docx"):
        export_docx(path, report(), STATE, subject=SUBJECT)
    assert path.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.docx"]

    new = tmp_path / "moi.docx"
    with pytest.raises(ExportError):
        export_docx(new, report(), STATE, subject=SUBJECT)
    assert not new.exists() and [p.name for p in tmp_path.iterdir()] == ["bao-cao.docx"]


def test_format_defaults_to_the_profile_issuer(tmp_path):
    path = tmp_path / "a.docx"
    export_docx(path, report(), STATE, subject=SUBJECT)
    assert "Số: 31/BC-THHA" in all_text(docx.Document(str(path)))
    with pytest.raises(ExportError, match="party"):
        export_docx(path, report(), STATE, format="word", subject=SUBJECT)


def test_a_third_rule_set_needs_no_builder_change(tmp_path, monkeypatch):
    newer = dataclasses.replace(RULES["party_hd36"], name="party_2026",
                                margins_mm=(25, 20, 35, 15), body=TextStyle(15),
                                number_format="Số {number}-BC/{unit_abbr}/2026")
    monkeypatch.setitem(RULES, "party_2026", newer)
    path = tmp_path / "b.docx"
    export_docx(path, report(), PARTY, format="party_2026", subject=SUBJECT)
    document = docx.Document(str(path))
    assert round(document.sections[0].left_margin.mm) == 35
    assert document.styles["Normal"].font.size.pt == 15
    assert "Số 12-BC/CB/2026" in all_text(document)


# --- line breaking: words that belong together stay together -------------------------------------

# (rule set, parent, unit, word pairs that must never be parted by a line break)
UNIT_NAMES = [
    ("state", "Phòng GD&ĐT huyện An Thành", "Trường Tiểu học Kim Đồng",
     [("TIỂU", "HỌC"), ("TRƯỜNG", "TIỂU"), ("KIM", "ĐỒNG"), ("HUYỆN", "AN"), ("AN", "THÀNH")]),
    ("state", "Phòng Giáo dục và Đào tạo huyện An Thành", "Trường Trung học cơ sở Nguyễn Văn Trỗi",
     [("TRUNG", "HỌC"), ("HỌC", "CƠ"), ("CƠ", "SỞ"), ("NGUYỄN", "VĂN"), ("VĂN", "TRỖI"),
      ("GIÁO", "DỤC"), ("DỤC", "VÀ"), ("VÀ", "ĐÀO"), ("ĐÀO", "TẠO")]),
    ("state", "Phòng GD&ĐT huyện Tân Phú", "Trường Mầm non Hoa Sen",
     [("MẦM", "NON"), ("HOA", "SEN"), ("TÂN", "PHÚ")]),
    ("state", "Ủy ban nhân dân huyện An Thành", "Ủy ban nhân dân xã Tân Phú",
     [("ỦY", "BAN"), ("BAN", "NHÂN"), ("NHÂN", "DÂN"), ("XÃ", "TÂN"), ("TÂN", "PHÚ")]),
    ("state", "Phòng GD&ĐT huyện An Thành", "Trường THCS Lê Quý Đôn",
     [("LÊ", "QUÝ"), ("QUÝ", "ĐÔN")]),
    ("party", "Đảng bộ xã Hòa An", "Chi bộ Trường Tiểu học Kim Đồng",
     [("CHI", "BỘ"), ("TRƯỜNG", "TIỂU"), ("TIỂU", "HỌC"), ("KIM", "ĐỒNG"), ("XÃ", "HÒA"),
      ("HÒA", "AN"), ("ĐẢNG", "BỘ")]),
    ("party", "Đảng bộ xã Tân Phú", "Chi bộ Trường Mầm non Hoa Sen",
     [("MẦM", "NON"), ("HOA", "SEN"), ("TRƯỜNG", "MẦM")]),
    ("party", "Huyện ủy An Thành", "Đảng bộ xã Hòa An", [("ĐẢNG", "BỘ"), ("XÃ", "HÒA"), ("HÒA", "AN")]),
    ("party", "Đảng ủy xã Tân Phú", "Chi bộ Ủy ban nhân dân xã Tân Phú",
     [("ỦY", "BAN"), ("NHÂN", "DÂN"), ("BAN", "NHÂN"), ("TÂN", "PHÚ"), ("XÃ", "TÂN")]),
]


def split_pairs(lines: list[str]) -> set[tuple[str, str]]:
    """(last word of a line, first word of the next) for every line break."""
    lines = [line.split() for line in lines if line.split()]
    return {(a[-1], b[0]) for a, b in zip(lines, lines[1:])}


@pytest.mark.parametrize("fmt, parent, unit, together", UNIT_NAMES)
def test_unit_names_never_break_inside_words_that_belong_together(fmt, parent, unit, together):
    rules = RULES[resolve_rules(fmt, PROFILES[fmt]).name]
    room = build._room_pt(rules.header_columns_mm[0])
    for text, style in ((parent, rules.parent), (unit, rules.unit)):
        fitted = fit_lines(text, style, room, rules.breaking)
        lines = fitted.text.split("\n")
        assert " ".join(lines) == text.upper()
        assert not split_pairs(lines) & set(together), lines
        assert fitted.size in (style.size, style.min_size)
        assert all(build.text_width_pt(line, fitted.size, style.bold) <= room for line in lines)


def test_the_smaller_permitted_size_comes_before_a_bad_break():
    rules = RULES["state_nd30"]
    room = build._room_pt(rules.header_columns_mm[0])
    # At 13 pt bold "TRƯỜNG TRUNG HỌC CƠ SỞ" and "NGUYỄN VĂN TRỖI" cannot share two lines well.
    fitted = fit_lines("Trường Trung học cơ sở Nguyễn Văn Trỗi", rules.unit, room, rules.breaking)
    assert fitted.text == "TRƯỜNG TRUNG HỌC CƠ SỞ\nNGUYỄN VĂN TRỖI" and fitted.size == 12
    # The cases: "TRƯỜNG TIỂU / HỌC KIM ĐỒNG" and "CHI BỘ TRƯỜNG / TIỂU HỌC KIM ĐỒNG".
    assert fit_lines("Trường Tiểu học Kim Đồng", rules.unit, room, rules.breaking).text == \
        "TRƯỜNG TIỂU HỌC\nKIM ĐỒNG"
    party = RULES["party_hd36"]
    assert fit_lines("Chi bộ Trường Tiểu học Kim Đồng", party.unit, build._room_pt(75),
                     party.breaking).text == "CHI BỘ TRƯỜNG TIỂU HỌC\nKIM ĐỒNG"


def test_words_kept_together_are_rule_set_data():
    rules = RULES["state_nd30"]
    room = build._room_pt(rules.header_columns_mm[0])
    name = "Trung tâm Giáo dục nghề nghiệp huyện An Thành"
    fitted = fit_lines(name, rules.parent, room, rules.breaking)
    assert fitted.text == "TRUNG TÂM GIÁO DỤC\nNGHỀ NGHIỆP\nHUYỆN AN THÀNH"
    without = dataclasses.replace(rules.breaking, keep_together=tuple(
        w for w in rules.breaking.keep_together if w != "nghề nghiệp"))
    assert ("NGHỀ", "NGHIỆP") in split_pairs(fit_lines(name, rules.parent, room, without).text.split("\n"))


def test_when_nothing_fits_well_the_fewest_bad_breaks_are_made():
    style = RULES["state_nd30"].unit
    room = build.text_width_pt("TRƯỜNG TRUNG", 12, True) + 5  # narrower than any good line
    fitted = fit_lines("Trường Trung học cơ sở", style, room, RULES["state_nd30"].breaking)
    lines = fitted.text.split("\n")
    assert fitted.size == 12 and " ".join(lines) == "TRƯỜNG TRUNG HỌC CƠ SỞ"
    assert all(build.text_width_pt(line, 12, True) <= room for line in lines) and len(lines) == 2


@pytest.mark.parametrize("fmt", ["party", "state"])
def test_subject_lines_break_between_words_that_may_part(exported, fmt):
    document = exported[fmt][0]
    paragraphs = document.paragraphs
    i = next(i for i, p in enumerate(paragraphs) if p.text == "BÁO CÁO")
    lines = paragraphs[i + 1].text.split("\n")
    assert len(lines) >= 2 and " ".join(lines) == SUBJECT
    room = build._page_room_pt(document)
    size = paragraphs[i + 1].runs[0].font.size.pt
    assert all(build.text_width_pt(line, size, True) <= room for line in lines)
    assert not split_pairs(lines) & {("Bộ", "Chính"), ("Chính", "trị"), ("Chỉ", "thị"), ("trẻ", "em"),
                                     ("10", "năm"), ("số", "20-CT/TW,"), ("ngày", "05/11/2012")}


# --- number, "Kính gửi", one format at a time ------------------------------------------------------

@pytest.mark.parametrize("fmt, number, expected", [
    ("state", "5", "Số: 05/BC-THHA"),
    ("party", "5", "Số 05-BC/CB"),
    ("state", "05", "Số: 05/BC-THHA"),
    ("state", "10", "Số: 10/BC-THHA"),
    ("party", "123", "Số 123-BC/CB"),
    ("state", "12a", "Số: 12a/BC-THHA"),  # not a plain number: as typed
])
def test_numbers_below_ten_are_padded(fmt, number, expected):
    profile = dataclasses.replace(PROFILES[fmt], number=number)
    assert number_line(profile, resolve_rules(fmt, profile)) == expected


def paragraphs_between(document, first: str, stop_style: str = "Heading 1") -> list:
    paragraphs = document.paragraphs
    i = next(i for i, p in enumerate(paragraphs) if p.text == first)
    out = []
    for p in paragraphs[i + 1:]:
        if p.style.name == stop_style:
            break
        out.append(p)
    return out


def test_kinh_gui_below_the_subject():
    profile = dataclasses.replace(STATE, kinh_gui="Phòng Giáo dục và Đào tạo huyện An Thành")
    document, _ = build_document(report(), profile, RULES["state_nd30"], subject=SUBJECT)
    texts = [p.text for p in paragraphs_between(document, "BÁO CÁO")]
    # the subject, its short rule, then the office addressed, before the first heading
    assert texts[0].replace("\n", " ") == SUBJECT and texts[1] == ""
    assert texts[2:] == ["Kính gửi: Phòng Giáo dục và Đào tạo huyện An Thành."]
    several = dataclasses.replace(STATE, kinh_gui="Phòng GD&ĐT huyện An Thành; UBND xã Hòa An.")
    document, _ = build_document(report(), several, RULES["state_nd30"], subject=SUBJECT)
    texts = [p.text for p in paragraphs_between(document, "BÁO CÁO")][2:]
    assert texts == ["Kính gửi: - Phòng GD&ĐT huyện An Thành;", "- UBND xã Hòa An."]
    document, _ = build_document(report(), STATE, RULES["state_nd30"], subject=SUBJECT)
    assert "Kính gửi" not in all_text(document)


def test_a_format_that_contradicts_the_profile_is_refused_unless_forced(tmp_path):
    path = tmp_path / "a.docx"
    with pytest.raises(ExportError) as err:
        export_docx(path, report(), STATE, format="party", subject=SUBJECT)
    message = str(err.value)
    for difference in ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                       "Số 31-BC/THHA", "Số: 31/BC-THHA", "T/M", "TM.", "--force"):
        assert difference in message
    assert not path.exists()
    with pytest.raises(ExportError, match="T/M CHI BỘ|văn bản của Đảng"):
        export_docx(path, report(), PARTY, format="state", subject=SUBJECT)
    warnings = export_docx(path, report(), STATE, format="party", subject=SUBJECT, force=True)
    assert "Số 31-BC/THHA" in all_text(docx.Document(str(path)))
    assert any("dù hồ sơ ghi" in w for w in warnings)


# --- end mark, drafts ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, before_mark", [
    ("Tiếp tục quán triệt.", "Tiếp tục quán triệt."),
    ("Tiếp tục quán triệt", "Tiếp tục quán triệt"),
    ("Đạt 204.049 em [2].", "Đạt 204.049 em [2]."),
    ("Năm 2021 có 46 buổi [1]. Kinh phí: [CẦN BỔ SUNG: kinh phí 2021].", "Năm 2021 có 46 buổi [1]."),
    ("Có [CẦN BỔ SUNG: số buổi] buổi tuyên truyền.", "Có [CẦN BỔ SUNG: số buổi] buổi tuyên truyền."),
    ("[CẦN BỔ SUNG: kết luận]", None),
    ("[CẦN BỔ SUNG: a. b]. [2]", None),
])
def test_end_mark_position(text, before_mark):
    pos = end_mark_position(text)
    assert (None if pos is None else text[:pos]) == before_mark


def test_state_end_mark_never_follows_a_placeholder():
    sections = report()
    sections[-1] = dataclasses.replace(sections[-1], text=(
        "Tiếp tục quán triệt Chỉ thị 20 trong thời gian đến [1].\n"
        "Kinh phí dự kiến: [CẦN BỔ SUNG: kinh phí năm 2022]."))
    document, warnings = build_document(sections, STATE, RULES["state_nd30"], subject=SUBJECT)
    body = [p for p in document.paragraphs if p.style.name == "Normal" and p.text]
    assert body[-2].text == "Tiếp tục quán triệt Chỉ thị 20 trong thời gian đến./."
    assert body[-1].text == "Kinh phí dự kiến: [CẦN BỔ SUNG: kinh phí năm 2022]."
    mark = next(r for r in body[-2].runs if "./." in r.text)
    assert mark.font.highlight_color is None
    assert any("./." in w and "chuyển dấu" in w for w in warnings)


def test_every_paragraph_of_a_draft_is_marked():
    sections = report()
    sections[6] = dataclasses.replace(sections[6], text="Đoạn nháp một.\nĐoạn nháp hai.\nĐoạn nháp ba.")
    document, _ = build_document(sections, STATE, RULES["state_nd30"], subject=SUBJECT,
                                 include_drafts=True)
    drafts = [p for p in document.paragraphs if "Đoạn nháp" in p.text]
    assert len(drafts) == 3
    for p in drafts:
        assert p.runs[0].text.startswith("[BẢN NHÁP]") and p.runs[0].bold
        assert p._p.pPr.find(qn("w:shd")) is not None
    accepted = next(p for p in document.paragraphs if "100% cán bộ" in p.text)
    assert "[BẢN NHÁP]" not in accepted.text and accepted._p.pPr is None


# --- citations: strip, real footnotes, endnote list --------------------------------------------------

SOURCES = {
    1: Source("bao-cao-2021.docx", "đoạn 12", "Nhà trường đã tổ chức học tập, quán triệt Chỉ thị số "
              "20-CT/TW cho 100% cán bộ, giáo viên, nhân viên trong toàn trường ngay từ đầu năm học, "
              "gắn với việc thực hiện nhiệm vụ năm học và các phong trào thi đua của ngành giáo dục."),
    2: Source("ke-hoach-2013.pdf", "trang 3", "Năm 2021 có 46 buổi tuyên truyền dưới cờ."),
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def test_footnotes_are_real_word_footnotes(tmp_path):
    path = tmp_path / "fn.docx"
    warnings = export_docx(path, report(), PARTY, subject=SUBJECT, citations="footnote",
                           sources=SOURCES)
    document = docx.Document(str(path))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "cho 100% cán bộ." in body and "dưới cờ." in body
    assert not re.search(r"\[\d", body)  # no bare [n] left in the text
    refs = [int(r.get(f"{W}id")) for r in document.element.body.iter(f"{W}footnoteReference")]
    assert refs == [1, 2]  # [1] and [2, 3] (no source for 3)
    notes = read_part(path, "word/footnotes.xml")
    texts = {int(n.get(f"{W}id")): "".join(t.text for t in n.iter(f"{W}t"))
             for n in notes.iter(f"{W}footnote") if int(n.get(f"{W}id")) > 0}
    assert texts[1].startswith(" bao-cao-2021.docx, đoạn 12: “Nhà trường đã tổ chức học tập")
    assert texts[1].endswith("…”.") and len(texts[1]) < len(SOURCES[1].quote)  # shortened
    assert texts[2] == " ke-hoach-2013.pdf, trang 3: “Năm 2021 có 46 buổi tuyên truyền dưới cờ”."
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "wordprocessingml.footnotes+xml" in types and "relationships/footnotes" in rels
    style_ids = {s.style_id for s in document.styles}
    assert {"FootnoteText", "FootnoteReference"} <= style_ids
    assert document.settings.element.find(qn("w:footnotePr")) is not None
    assert list(document.comments) == []
    assert any("[3]" in w for w in warnings)


def test_footnote_marks_of_one_citation_are_separated():
    sources = {**SOURCES, 3: Source("so-ket.docx", "mục 2")}
    document, warnings = build_document(report(), PARTY, RULES["party_hd36"], subject=SUBJECT,
                                        citations="footnote", sources=sources)
    para = next(p for p in document.paragraphs if "dưới cờ" in p.text)
    refs = para._p.findall(f".//{W}footnoteReference")
    assert [r.get(f"{W}id") for r in refs] == ["2", "3"]
    assert para.text.endswith("dưới cờ,.")  # "cờ²,³." - a superscript comma between the marks
    assert not any("Không có thông tin nguồn" in w for w in warnings)


def test_endnotes_keep_the_markers_and_list_the_sources_at_the_end():
    document, warnings = build_document(report(), STATE, RULES["state_nd30"], subject=SUBJECT,
                                        citations="endnotes", sources=SOURCES)
    texts = [p.text for p in document.paragraphs]
    assert any(t.endswith("100% cán bộ [1].") for t in texts)
    assert any(t.endswith("dưới cờ [2, 3].") for t in texts)
    i = texts.index("TÀI LIỆU TRÍCH DẪN")
    assert texts[i + 1].startswith("[1] bao-cao-2021.docx, đoạn 12: “Nhà trường")
    assert texts[i + 2] == "[2] ke-hoach-2013.pdf, trang 3: “Năm 2021 có 46 buổi tuyên truyền dưới cờ”."
    assert len(texts) == i + 3
    # after the signature block, on a page of its own
    body = list(document.element.body)
    list_at = body.index(document.paragraphs[i]._p)
    assert body.index(document.tables[-1]._tbl) < list_at
    assert body[list_at - 1].find(f".//{W}br[@{W}type='page']") is not None
    assert any("[3]" in w for w in warnings)


def test_citations_with_a_source_map_of_plain_texts_still_work():
    document, _ = build_document(report(), PARTY, RULES["party_hd36"], subject=SUBJECT,
                                 citations="endnotes", sources={1: "Báo cáo năm 2021, đoạn 12"})
    assert "[1] Báo cáo năm 2021, đoạn 12." in [p.text for p in document.paragraphs]


# --- file properties ---------------------------------------------------------------------------------

def test_file_properties_are_the_reports_own(exported):
    document, _, path = exported["state"]
    props = document.core_properties
    assert props.title == SUBJECT and props.author == "Trường Tiểu học Hòa An"
    assert props.language == "vi-VN" and props.comments == "" and props.revision == 1
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for stamp in (props.created, props.modified):
        assert abs(stamp.replace(tzinfo=None) - now) < timedelta(minutes=5)
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        app = z.read("docProps/app.xml").decode()
        core = z.read("docProps/core.xml").decode()
    assert "python-docx" not in core and "2013-12-23" not in core
    assert "Macintosh" not in app and "bctk-assist" in app
    assert not any("thumbnail" in n or n.startswith("customXml") or "stylesWithEffects" in n
                   for n in names)
    settings = document.settings.element
    assert settings.find(qn("w:proofState")) is None  # spelling not claimed as checked
    modes = [el.get(qn("w:val")) for el in settings.iter(qn("w:compatSetting"))
             if el.get(qn("w:name")) == "compatibilityMode"]
    assert modes == ["15"]
    assert settings.find(qn("w:themeFontLang")).get(qn("w:val")) == "vi-VN"


# --- from the workspace: report-wide citation numbers ------------------------------------------------

class FakeWorkspace:
    """What the export reads from a workspace: accepted records, latest drafts, the profile."""

    def __init__(self, accepted: dict, drafts: dict | None = None, profile: Profile = STATE):
        self._accepted, self._drafts, self._profile = accepted, drafts or {}, profile

    def accepted_all(self):
        return self._accepted

    def latest_draft(self, sid):
        return self._drafts.get(sid)

    def profile(self):
        return self._profile


def record(text: str, citations: list) -> SimpleNamespace:
    return SimpleNamespace(text=text, citations=citations)


OUTLINE = [SimpleNamespace(id="A", label="1.", title="Học tập, quán triệt", level=3),
           SimpleNamespace(id="B", label="2.", title="Tuyên truyền", level=3),
           SimpleNamespace(id="C", label="3.", title="Chính sách", level=3)]


def test_citations_are_renumbered_across_the_report_without_collisions():
    shared = {"doc": "so-ket.docx", "location": "mục 2", "quote": "46 buổi tuyên truyền."}
    ws = FakeWorkspace({
        "A": record("Câu một [1-2]. Câu hai [2].", [
            {"n": 1, "doc": "bao-cao-2021.docx", "location": "đoạn 3", "quote": "Câu một.",
             "fact_id": "F1", "item": 0, "context": "năm 2021", "kind": "report", "chunk_id": "c1"},
            {"n": "2", **shared}]),
        # [3] has no stored source: it must not become the report's [3] (nobody's) or anyone's [1].
        "B": record("Câu ba [1, 3]. Câu bốn [3]. Câu năm [2].", [
            {"n": 1, **shared}, {"n": 2, "doc": "ke-hoach.pdf", "location": "trang 1", "quote": "Q"},
            {"doc": "thiếu số"}, {"n": "x", "doc": "số hỏng"}]),
    }, drafts={"C": record("Nháp [1].", [{"n": 1, "doc": "nhap.docx", "location": "", "quote": ""}])})
    compiled = report_sections(ws, OUTLINE)
    texts = {s.id: s.text for s in compiled.sections}
    assert texts == {"A": "Câu một [1, 2]. Câu hai [2].",
                     "B": "Câu ba [2]. Câu bốn. Câu năm [3].", "C": None}
    assert compiled.sources == {1: Source("bao-cao-2021.docx", "đoạn 3", "Câu một."),
                                2: Source("so-ket.docx", "mục 2", "46 buổi tuyên truyền."),
                                3: Source("ke-hoach.pdf", "trang 1", "Q")}
    (warning,) = compiled.warnings
    assert "Mục B" in warning and "[3]" in warning
    with_drafts = report_sections(ws, OUTLINE, include_drafts=True)
    assert with_drafts.sections[2].text == "Nháp [4]." and with_drafts.sections[2].status == "draft"


def test_export_report_lists_sample_data_first_then_unmatched_markers(tmp_path):
    ws = FakeWorkspace({
        "A": record("Câu một [1]. Câu hai [7].",
                    [{"n": 1, "doc": "bao-cao-mau.docx", "location": "đoạn 1", "quote": "Câu một.",
                      "kind": "sample"}]),
    })
    path = tmp_path / "r.docx"
    warnings = export_report(path, ws, OUTLINE, citations="footnote")
    assert "DỮ LIỆU MẪU" in warnings[0] and "A" in warnings[0]
    assert "Mục A" in warnings[1] and "[7]" in warnings[1]
    refs = list(docx.Document(str(path)).element.body.iter(f"{W}footnoteReference"))
    assert len(refs) == 1


# --- the command and the page --------------------------------------------------------------------

def cli_workspace(tmp_path, issuer: str = "state"):
    from bctk_assist.workspace import Workspace

    home = tmp_path / "home"
    ws = Workspace(home)
    ws.set_profile(**dataclasses.asdict(dataclasses.replace(PROFILES[issuer], number="5")))
    ws.add_draft("P1.II.2", engine="composer", text="Năm 2021 có 46 buổi tuyên truyền dưới cờ [1].",
                 citations=[{"n": 1, "doc": "bao-cao-2021.docx", "location": "đoạn 7",
                             "quote": "Năm 2021 có 46 buổi tuyên truyền dưới cờ."}])
    ws.accept("P1.II.2")
    return home


def test_command_refuses_a_mixed_format_unless_forced_and_writes_endnotes(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from bctk_assist.cli import app

    monkeypatch.delenv("BCTK_HOME", raising=False)
    home, out = cli_workspace(tmp_path), tmp_path / "bao-cao.docx"
    runner = CliRunner()
    refused = runner.invoke(app, ["export", str(out), "--format", "party", "--home", str(home)])
    assert refused.exit_code == 1 and "--force" in refused.output and not out.exists()
    forced = runner.invoke(app, ["export", str(out), "--format", "party", "--force",
                                 "--citations", "endnotes", "--home", str(home)])
    assert forced.exit_code == 0, forced.output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Số 05-BC/THHA" in all_text(docx.Document(str(out)))
    assert "TÀI LIỆU TRÍCH DẪN" in texts and any(t.startswith("[1] bao-cao-2021.docx, đoạn 7") for t in texts)
    bad = runner.invoke(app, ["export", str(out), "--citations", "comments", "--home", str(home)])
    assert bad.exit_code == 2 and "endnotes" in bad.output
    help_text = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "200"}).output
    assert "[n]" in help_text and "endnotes" in help_text and "--force" in help_text


def test_export_page_asks_before_a_format_other_than_the_profile(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    home = cli_workspace(tmp_path, "state")
    monkeypatch.setenv("BCTK_HOME", str(home))
    monkeypatch.setenv("BCTK_EMBEDDINGS", "fake")

    def page():
        from bctk_assist.ui import export_page

        export_page.render()

    at = AppTest.from_function(page, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Kính gửi" in [t.label for t in at.text_input]
    (fmt,) = [s for s in at.selectbox if s.label == "Thể thức"]
    assert [s for s in at.selectbox if s.label == "Trích dẫn nguồn"][0].options[-1].startswith("Giữ [n]")
    assert not at.warning or all("thể thức" not in w.value for w in at.warning)
    fmt.set_value("party").run()
    assert any("Hồ sơ đơn vị ghi thể thức" in w.value for w in at.warning)
    assert at.button(key="export_go").disabled
    at.checkbox(key="export_force").check().run()
    assert not at.button(key="export_go").disabled
    at.button(key="export_go").click().run()
    assert not at.error, [e.value for e in at.error]
    assert any(b.label.startswith("Tải xuống") for b in at.get("download_button"))


# --- rendering -----------------------------------------------------------------------------------
# LibreOffice lays the files out as Word would; pdftotext reads the pages back. CI installs both
# (apt-get install libreoffice-writer poppler-utils fonts-liberation2); elsewhere these are skipped.

def _soffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


needs_libreoffice = pytest.mark.skipif(
    not _soffice() or not shutil.which("pdftotext") or not shutil.which("pdfinfo"),
    reason="LibreOffice (libreoffice-writer) and pdftotext/pdfinfo (poppler-utils) are needed to "
           "render the DOCX; apt-get install libreoffice-writer poppler-utils fonts-liberation2")


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-layout", *args, str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout


def _long_report() -> list[ReportSection]:
    sections = report()
    sections[-1] = dataclasses.replace(sections[-1], text="\n\n".join(
        f"Đoạn {n}: tiếp tục quán triệt, triển khai Chỉ thị 20 gắn với nhiệm vụ năm học, "
        "phối hợp chặt chẽ giữa nhà trường, gia đình và xã hội." for n in range(1, 25)))
    return sections


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """PDFs of: both formats (long report), both formats with footnotes and a number below 10,
    and one file per unit name of UNIT_NAMES; converted in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("render")
    files: dict[str, Path] = {}
    for fmt, profile in PROFILES.items():
        files[fmt] = folder / f"{fmt}.docx"
        export_docx(files[fmt], _long_report(), profile, subject=SUBJECT)
        files[f"{fmt}-fn"] = folder / f"{fmt}-fn.docx"
        export_docx(files[f"{fmt}-fn"], report(), dataclasses.replace(profile, number="5"),
                    subject=SUBJECT, citations="footnote", sources=SOURCES)
    for n, (fmt, parent, unit, _) in enumerate(UNIT_NAMES):
        files[f"name{n}"] = folder / f"name{n}.docx"
        export_docx(files[f"name{n}"], report(),
                    dataclasses.replace(PROFILES[fmt], parent=parent, unit=unit), subject=SUBJECT)
    subprocess.run([_soffice(), f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    *map(str, files.values())], check=True, capture_output=True, timeout=300)
    return {key: path.with_suffix(".pdf") for key, path in files.items()}


@pytest.mark.slow  # LibreOffice renders
@needs_libreoffice
def test_both_formats_render_to_pdf_with_their_header_texts(rendered):
    expected = {
        "party": ["ĐẢNG BỘ XÃ HÒA AN", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 12-BC/CB",
                  "Hòa An, ngày 05 tháng 02 năm 2022", "BÁO CÁO", "T/M CHI BỘ", "Nguyễn Văn An"],
        "state": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "Số: 31/BC-THHA", "Hòa An, ngày 16 tháng 02 năm 2022", "BÁO CÁO",
                  "HIỆU TRƯỞNG", "Trần Thị Bình"],
    }
    for fmt, needles in expected.items():
        text = _pdftotext(rendered[fmt])
        flat = " ".join(text.split())
        for needle in needles:
            assert needle in flat, (fmt, needle)
        pages = [page.split() for page in text.split("\f") if page.strip()]
        assert len(pages) >= 2, "the sample report should run onto a second page"
        assert pages[0][0] == "ĐẢNG" if fmt == "party" else pages[0][0] == "PHÒNG"  # no number
        assert pages[1][0] == "2"  # the PAGE field, at the top of page 2
    # State: the end mark right after the last sentence, before the signature block.
    state = " ".join(_pdftotext(rendered["state"]).split())
    assert "gia đình và xã hội./. Nơi nhận:" in state


@pytest.mark.slow  # LibreOffice renders
@needs_libreoffice
@pytest.mark.parametrize("n", range(len(UNIT_NAMES)))
def test_rendered_unit_names_keep_their_words_together(rendered, n):
    fmt, parent, unit, together = UNIT_NAMES[n]
    rules = resolve_rules(fmt, PROFILES[fmt])
    top, _, left, _ = (v * 72 / 25.4 for v in rules.margins_mm)
    width = rules.header_columns_mm[0] * 72 / 25.4
    # page 1, the header's left column only (pdftotext crops in points at its default 72 dpi)
    column = _pdftotext(rendered[f"name{n}"], "-f", "1", "-l", "1", "-x", str(int(left - 6)),
                        "-y", str(int(top - 4)), "-W", str(int(width)), "-H", "150")
    lines = [line.strip() for line in column.splitlines() if line.strip()]
    lines = [line for line in lines[:next(i for i, x in enumerate(lines) if x.startswith("Số"))]
             if line != "*"]  # the name lines, down to the number line
    assert " ".join(lines) == f"{parent} {unit}".upper(), lines
    assert not split_pairs(lines) & set(together), lines


@pytest.mark.slow  # LibreOffice renders
@needs_libreoffice
@pytest.mark.parametrize("fmt, number", [("party", "Số 05-BC/CB"), ("state", "Số: 05/BC-THHA")])
def test_rendered_footnotes_number_and_properties(rendered, fmt, number):
    pdf = rendered[f"{fmt}-fn"]
    text = _pdftotext(pdf)
    flat = " ".join(text.split())
    page1 = " ".join(text.split("\f")[0].split())
    assert number in page1
    assert not re.search(r"\[\d+(?:,\s*\d+)*\]", flat)  # no bare [n] printed
    assert "bao-cao-2021.docx, đoạn 12: “Nhà trường đã tổ chức học tập" in flat  # footnote 1
    assert "ke-hoach-2013.pdf, trang 3: “Năm 2021 có 46 buổi tuyên truyền dưới cờ”." in flat
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True,
                          timeout=60).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert " ".join(fields["Title"].split()) == SUBJECT
    assert fields["Author"].strip() == PROFILES[fmt].unit
