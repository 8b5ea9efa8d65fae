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
