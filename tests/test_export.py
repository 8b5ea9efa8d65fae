"""DOCX export: both rule sets read back with python-docx, warnings, errors, atomic save, render."""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import docx
import docx.document
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import RGBColor

from bctk_assist import docx_export
from bctk_assist.docx_export import (
    RULES, ExportError, ReportSection, TextStyle, balanced_lines, build_document, export_docx,
    format_date_line, number_line, resolve_rules,
)
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
    room_mm = cell.width.mm - 2 * docx_export._CELL_MARGIN_PT * 25.4 / 72
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
    room = docx_export._room_pt(rules.header_columns_mm[0])
    text = balanced_lines("Phòng GD&ĐT huyện An Thành", rules.parent, room)
    assert text == "PHÒNG GD&ĐT\nHUYỆN AN THÀNH"  # never "THÀNH" alone on a line
    assert balanced_lines("Trường Tiểu học Hòa An", rules.unit, room) == "TRƯỜNG TIỂU HỌC HÒA AN"


# --- title, headings, body ---------------------------------------------------------------------

@pytest.mark.parametrize("fmt, type_size", [("party", 16), ("state", 14)])
def test_title_and_subject(exported, fmt, type_size):
    paragraphs = exported[fmt][0].paragraphs
    i = next(i for i, p in enumerate(paragraphs) if p.text == "BÁO CÁO")
    title, subject = paragraphs[i], paragraphs[i + 1]
    assert title.runs[0].bold and size_of(title.runs[0], title) == type_size
    assert subject.text == SUBJECT and subject.runs[0].bold
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


def test_citations_as_comments_naming_the_source():
    sources = {1: "bao-cao-2021.docx, đoạn 12", 2: "ke-hoach-2013.pdf, trang 3"}
    document, warnings = build_document(report(), PARTY, RULES["party_hd36"], subject=SUBJECT,
                                        citations="footnote", sources=sources)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "100% cán bộ [1]." in text and "dưới cờ [2, 3]." in text
    comments = [c.text for c in document.comments]
    assert comments == ["[1] bao-cao-2021.docx, đoạn 12", "[2] ke-hoach-2013.pdf, trang 3"]
    assert any("[3]" in w for w in warnings)  # no source text for [3]


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


def test_format_defaults_to_the_profile_issuer_and_can_be_overridden(tmp_path):
    path = tmp_path / "a.docx"
    export_docx(path, report(), STATE, subject=SUBJECT)
    assert "Số: 31/BC-THHA" in all_text(docx.Document(str(path)))
    warnings = export_docx(path, report(), STATE, format="party", subject=SUBJECT)
    assert "Số 31-BC/THHA" in all_text(docx.Document(str(path)))
    assert any("thể thức" in w for w in warnings)  # the profile says state
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


# --- rendering -----------------------------------------------------------------------------------

def _soffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(not _soffice() or not shutil.which("pdftotext"),
                    reason="LibreOffice (libreoffice-writer) and pdftotext (poppler-utils) are "
                           "needed to render the DOCX; apt-get install libreoffice-writer "
                           "poppler-utils fonts-liberation2")
def test_both_formats_render_to_pdf_with_their_header_texts(tmp_path):
    long_report = report()
    long_report[-1] = dataclasses.replace(long_report[-1], text="\n\n".join(
        f"Đoạn {n}: tiếp tục quán triệt, triển khai Chỉ thị 20 gắn với nhiệm vụ năm học, "
        "phối hợp chặt chẽ giữa nhà trường, gia đình và xã hội." for n in range(1, 25)))
    files = []
    for fmt, profile in PROFILES.items():
        files.append(str(tmp_path / f"{fmt}.docx"))
        export_docx(files[-1], long_report, profile, subject=SUBJECT)
    profile_dir = (tmp_path / "lo-profile").as_uri()
    subprocess.run([_soffice(), f"-env:UserInstallation={profile_dir}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *files],
                   check=True, capture_output=True, timeout=180)
    expected = {
        "party": ["ĐẢNG BỘ XÃ HÒA AN", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 12-BC/CB",
                  "Hòa An, ngày 05 tháng 02 năm 2022", "BÁO CÁO", "T/M CHI BỘ", "Nguyễn Văn An"],
        "state": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "Số: 31/BC-THHA", "Hòa An, ngày 16 tháng 02 năm 2022", "BÁO CÁO",
                  "HIỆU TRƯỞNG", "Trần Thị Bình"],
    }
    for fmt, needles in expected.items():
        pdf = tmp_path / f"{fmt}.pdf"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                              capture_output=True, text=True, timeout=60).stdout
        flat = " ".join(text.split())
        for needle in needles:
            assert needle in flat, (fmt, needle)
        pages = [page.split() for page in text.split("\f") if page.strip()]
        assert len(pages) >= 2, "the sample report should run onto a second page"
        assert pages[0][0] == "ĐẢNG" if fmt == "party" else pages[0][0] == "PHÒNG"  # no number
        assert pages[1][0] == "2"  # the PAGE field, at the top of page 2
