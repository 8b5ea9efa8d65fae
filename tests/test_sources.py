"""Reading DOCX, PDF, TXT and MD into blocks; every kind of bad file is refused with a clear message."""
from __future__ import annotations

import time

import pytest

from bctk_assist.settings import Settings
from bctk_assist.sources import SourceError, numbered_level, read_file
from conftest import CORPUS, DATA


@pytest.fixture
def cfg(tmp_path) -> Settings:
    return Settings(home=tmp_path)


def texts(doc, kind=None):
    return [b.text for b in doc.blocks if kind is None or b.kind == kind]


def test_docx_headings_tables_and_autonumbering(cfg):
    doc = read_file(DATA / "sample.docx", cfg)
    headings = [(b.level, b.text) for b in doc.blocks if b.kind == "heading"]
    assert (1, "I. Công tác lãnh đạo, chỉ đạo") in headings
    assert (2, "1. Tuyên truyền") in headings
    # Table rows keep their heading and the header row; merged text joined by " | ".
    rows = [b for b in doc.blocks if b.kind == "table"]
    assert rows and rows[0].text.startswith("Năm học | Số buổi | Số học sinh")
    assert all(r.heading_path[-1] == "2. Số liệu" for r in rows)
    assert rows[1].location == "bảng 1, hàng 2"
    # Word auto-numbering: the number is not in the text, the reader adds what Word shows.
    numbered = [t for t in texts(doc, "list") if t[:2] in ("1.", "2.", "3.")]
    assert [t[:2] for t in numbered] == ["1.", "2.", "3."]
    assert all(b.heading_path[0] == "II. Hạn chế" for b in doc.blocks if b.text in numbered)


def test_docx_text_is_nfc_without_nbsp(cfg):
    doc = read_file(DATA / "sample.docx", cfg)
    joined = "\n".join(texts(doc))
    assert "Trẻ em được chăm sóc chu đáo." in joined  # stored as NFD in the file
    assert "\u00a0" not in joined


def test_pdf_pages(cfg):
    doc = read_file(DATA / "sample.pdf", cfg)
    by_page = {b.page: b.text for b in doc.blocks if b.kind == "paragraph"}
    assert "Tháng hành động vì trẻ em năm 2021" in " ".join(t for b in doc.blocks if b.page == 1 for t in [b.text])
    assert any("150 phần quà" in b.text and b.location == "trang 2" for b in doc.blocks)
    assert set(by_page) <= {1, 2}


def test_markdown_and_text_headings(cfg):
    md = read_file(DATA / "notes.md", cfg)
    assert any(b.kind == "heading" and b.level == 1 for b in md.blocks)
    assert any(b.kind == "list" for b in md.blocks)
    txt = read_file(DATA / "notes.txt", cfg)
    levels = [b.level for b in txt.blocks if b.kind == "heading"]
    assert 2 in levels and 3 in levels


def test_bundled_outline_structure(cfg):
    doc = read_file(CORPUS / "de-cuong-bao-cao-truong-hoc.txt", cfg)
    heads = [b for b in doc.blocks if b.kind == "heading"]
    parts = [b.text.split("\n")[0] for b in heads if b.level == 1]
    assert parts == ["Phần thứ nhất", "Phần thứ hai", "Phần thứ ba"]
    assert heads[0].text == "Phần thứ nhất\nĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN CHỈ THỊ SỐ 20-CT/TW"
    item = next(b for b in doc.blocks if b.text.startswith("2. Tuyên truyền"))
    assert item.level == 3 and item.heading_path[1].startswith("II. Kết quả")
    bullets = [b for b in doc.blocks if b.heading_path == item.heading_path and b.kind == "list"]
    assert len(bullets) == 6
    # Word artefacts are not text; typos of the source are kept verbatim (citations quote it).
    joined = "\n".join(texts(doc))
    assert "[bookmark:" not in joined and "Chỉ thị cố 20-CT/TW" in joined


@pytest.mark.parametrize("text, level", [
    ("Phần thứ nhất", 1), ("PHẦN I", 1), ("I. Đánh giá", 2), ("IV- Kiến nghị", 2), ("1. Tuyên truyền", 3),
    ("2) Chính sách", 3), ("2.1. Đánh giá tình hình", 4), ("a) Trẻ em", 5), ("- gạch đầu dòng", 0),
    ("Năm 2021 nhà trường", 0), ("2021 là năm", 0),
])
def test_numbered_level(text, level):
    assert numbered_level(text) == level


@pytest.mark.parametrize("name, words", [
    ("empty.txt", "rỗng"),
    ("empty.docx", "không có nội dung"),
    ("corrupt.docx", "bị hỏng"),
    ("not_a_docx.docx", "ảnh PNG"),
    ("image.png", "không hỗ trợ"),
    ("old_word.doc", ".doc"),
    ("bomb.docx", "giải nén quá lớn"),
    ("corrupt.pdf", "bị hỏng"),
    ("scanned.pdf", "OCR"),
    ("binary.txt", "nhị phân"),
    ("missing.docx", "Không tìm thấy"),
])
def test_bad_files_refused_quickly_with_named_message(cfg, name, words):
    start = time.perf_counter()
    with pytest.raises(SourceError) as info:
        read_file(DATA / name, cfg)
    message = str(info.value)
    assert name in message and words in message and "\n" not in message
    assert time.perf_counter() - start < 3.0


def test_oversized_file_refused_before_reading(tmp_path):
    big = tmp_path / "lon.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    with pytest.raises(SourceError, match="lon.txt.*quá lớn"):
        read_file(big, Settings(home=tmp_path, max_file_mb=1))


def test_pdf_heading_lines_stay_apart_from_the_paragraph_below(cfg):
    doc = read_file(DATA / "pagebreak.pdf", cfg)
    blocks = {b.text: b for b in doc.blocks}
    # Title lines in capitals, a numbered heading, a short unnumbered heading: each its own block.
    for title in ("BÁO CÁO", "KẾT QUẢ CÔNG TÁC NĂM 2021", "Công tác phối hợp với gia đình"):
        assert title in blocks, texts(doc)
    assert blocks["II. KẾT QUẢ THỰC HIỆN"].kind == "heading"
    assert blocks["1. Công tác tuyên truyền"].kind == "heading"
    # The paragraph right under a heading is whole and sits under that heading.
    facts = blocks["Nhà trường hoàn thành 12 trên tổng số 12 chỉ tiêu đề ra, trong đó có 03 chỉ tiêu vượt kế hoạch."]
    assert facts.kind == "paragraph" and facts.heading_path == ("II. KẾT QUẢ THỰC HIỆN",)
    tuyen_truyen = blocks["Nhà trường tổ chức 06 buổi tuyên truyền về quyền trẻ em cho 412 học sinh và 380 phụ huynh."]
    assert tuyen_truyen.heading_path[-1] == "1. Công tác tuyên truyền"
    assert "Ban đại diện cha mẹ học sinh họp 04 lần trong năm để thống nhất kế hoạch chăm sóc học sinh bán trú." \
        in blocks
    # A document title without final punctuation is not glued to the first paragraph either.
    sample = read_file(DATA / "sample.pdf", cfg)
    assert "Báo cáo hoạt động vì trẻ em" in texts(sample)


def test_pdf_sentence_across_a_page_break_is_one_block(cfg):
    doc = read_file(DATA / "pagebreak.pdf", cfg)
    sentence = ("Trong dịp hè, nhà trường phối hợp với Ủy ban nhân dân phường, Hội Liên hiệp Phụ nữ và Ban đại "
                "diện cha mẹ học sinh tổ chức 04 lớp dạy bơi miễn phí cho 126 học sinh, đồng thời vận động Công ty "
                "Cổ phần Sách Sao Mai (đơn vị giả định) tặng 210 bộ sách giáo khoa cho học sinh có hoàn cảnh khó "
                "khăn trước ngày khai giảng.")
    block = next(b for b in doc.blocks if "lớp dạy bơi" in b.text)
    assert block.text == sentence  # wrapped lines starting with a name ("Ban", "Cổ") are not split off
    assert block.location == "trang 1" and block.page == 1
    assert not any(b.text.startswith("thời vận động") for b in doc.blocks)
    # Footer page numbers are not text.
    assert not any(b.text in ("- 1 -", "- 2 -", "- 3 -") or b.text.endswith("- 1 -") for b in doc.blocks)
    # A heading at the foot of a page keeps its paragraph on the next page apart, under it.
    heading = next(b for b in doc.blocks if b.text == "III. PHƯƠNG HƯỚNG NĂM 2022")
    assert heading.kind == "heading" and heading.location == "trang 2"
    last = doc.blocks[-1]
    assert last.text == "Duy trì sĩ số, giữ vững nền nếp và tiếp tục xây dựng trường học an toàn."
    assert last.location == "trang 3" and last.heading_path == ("III. PHƯƠNG HƯỚNG NĂM 2022",)


@pytest.mark.parametrize("page_text, kept", [
    ("2\nCuối câu chuyện.", ["Cuối câu chuyện."]),
    ("Cuối câu chuyện.\n- 2 -", ["Cuối câu chuyện."]),
    ("Trang 2\nCuối câu chuyện.\nTrang 2/5", ["Cuối câu chuyện."]),
    ("Cuối câu chuyện.\n2021", ["Cuối câu chuyện.", "2021"]),  # a year, not this page's number
    ("- gạch đầu dòng\nCuối câu chuyện.", ["- gạch đầu dòng", "Cuối câu chuyện."]),
])
def test_pdf_page_number_lines_dropped(page_text, kept):
    from bctk_assist.sources import _pdf_page_lines

    assert _pdf_page_lines(page_text, 2) == kept


def test_docx_table_keeps_equal_values_of_distinct_cells(cfg):
    doc = read_file(DATA / "table_merged.docx", cfg)
    rows = [b.text for b in doc.blocks if b.kind == "table"]
    assert "2019 | 12 | 12" in rows and "2021 | 15 | 15" in rows
    assert "2020 | 08 | 10" in rows
    # A header cell merged across two columns is read once; "Năm" merged down may repeat.
    assert rows[0] == "Năm | Hoạt động ngoại khóa"
    assert rows[1] == "Năm | Số buổi | Số lớp"


def test_numbered_pdf_heading_not_glued_to_the_sentence_below():
    from bctk_assist.sources import _join_pdf_lines

    lines = [("I. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ NĂM 2021", 1),
             ("1. Lãnh đạo chăm sóc, giáo dục trẻ trong điều kiện dịch bệnh ở địa bàn", 1),
             ("Trong thời gian trẻ tạm dừng đến trường, giáo viên xây dựng 93 video hoạt động", 1),
             ("học, gửi qua nhóm Zalo để phụ huynh cùng con thực hiện tại nhà, trong suốt thời gian dài.", 1)]
    joined = [text for text, _ in _join_pdf_lines(lines)]
    assert joined[1] == "1. Lãnh đạo chăm sóc, giáo dục trẻ trong điều kiện dịch bệnh ở địa bàn"
    assert joined[2].startswith("Trong thời gian") and joined[2].endswith("trong suốt thời gian dài.")


FONT_DIR = "/usr/share/fonts/truetype/dejavu"


def _title_over_paragraph_pdf(path) -> None:
    """A report whose bold subject line nearly fills its line and has no final stop, right above a regular
    paragraph opening with a capital; the paragraph runs onto the next page mid-sentence."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{FONT_DIR}/DejaVuSans-Bold.ttf")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    for line in ("BÁO CÁO", "kiểm điểm việc thực hiện Nghị quyết chuyên đề số 01-NQ/CB về công tác chăm sóc, "
                 "giáo dục và bảo vệ trẻ, giai đoạn 2014-2016"):
        pdf.multi_cell(0, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, "Ngày 08/01/2014, Chi bộ ban hành Nghị quyết chuyên đề số 01-NQ/CB nhằm cụ thể hóa "
                   "Chỉ thị số 20-CT/TW của Bộ Chính trị tại nhà trường.", align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 11)  # an unnumbered heading in bold, as long as a wrapped body line
    pdf.multi_cell(0, 6, "Công tác chăm sóc, nuôi dưỡng và bảo vệ sức khỏe cho trẻ trong nhà trường",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.set_y(pdf.h - pdf.b_margin - 6)  # one line left on the page: the sentence breaks onto page 2
    pdf.multi_cell(0, 6, "Chi bộ phân công 03 đảng viên theo dõi, giúp đỡ 07 trẻ khuyết tật học hòa nhập, bảo "
                   "đảm mỗi cháu có kế hoạch giáo dục cá nhân.", align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_pdf_bold_title_stays_apart_from_a_regular_paragraph_below(cfg, tmp_path):
    path = tmp_path / "kiem-diem.pdf"
    _title_over_paragraph_pdf(path)
    doc = read_file(path, cfg)
    got = texts(doc)
    assert ("kiểm điểm việc thực hiện Nghị quyết chuyên đề số 01-NQ/CB về công tác chăm sóc, giáo dục và bảo vệ "
            "trẻ, giai đoạn 2014-2016") in got, got
    assert any(t.startswith("Ngày 08/01/2014, Chi bộ ban hành") and t.endswith("tại nhà trường.") for t in got), got
    assert "Công tác chăm sóc, nuôi dưỡng và bảo vệ sức khỏe cho trẻ trong nhà trường" in got, got
    # A sentence wrapped at the margin and across the page break is still one block, on its first page.
    block = next(b for b in doc.blocks if b.text.startswith("Chi bộ phân công"))
    assert block.text.endswith("kế hoạch giáo dục cá nhân.") and block.page == 1


def test_pdf_bold_phrase_filling_a_line_does_not_end_its_sentence():
    from bctk_assist.sources import LineStyle, _join_pdf_lines

    regular, bold, title = LineStyle(11, 0.0), LineStyle(11, 1.0), LineStyle(13, 1.0)
    lines = [("BÁO CÁO", 1, title),
             ("Kết quả thực hiện công tác bảo vệ, chăm sóc trẻ em trong nhà trường năm học 2020", 1, title),
             ("Trong năm học, nhà trường tổ chức Hội thi “Em yêu trường em, an toàn giao thông", 1, regular),
             ("cho trẻ em và phòng chống đuối nước ở các lớp học trong toàn trường năm", 1, bold),
             ("2021” cho 412 học sinh.", 1, regular)]
    joined = [text for text, _ in _join_pdf_lines(lines)]
    assert joined[1] == "Kết quả thực hiện công tác bảo vệ, chăm sóc trẻ em trong nhà trường năm học 2020"
    assert joined[2].startswith("Trong năm học") and joined[2].endswith("cho 412 học sinh.")
    assert len(joined) == 3
