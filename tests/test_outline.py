"""Outline parsing: the bundled đề cương's exact tree, numbering styles, Word headings and auto-numbering."""
from __future__ import annotations

from pathlib import Path

import pytest

from bctk_assist.outline import OutlineError, Section, default_outline, find_section, load_outline, parse_outline
from bctk_assist.sources import Block
from bctk_assist.settings import Settings

DATA = Path(__file__).parent / "data"
OUTLINES = DATA / "outlines"
BUNDLED = Settings().corpus_dir / "de-cuong-bao-cao-truong-hoc.txt"

# (id, label, level, parent) for every section of the bundled outline, in document order.
BUNDLED_TREE = [
    ("P1", "Phần thứ nhất", 1, None),
    ("P1.I", "I.", 2, "P1"),
    ("P1.I.1", "1.", 3, "P1.I"),
    ("P1.I.2", "2.", 3, "P1.I"),
    ("P1.I.3", "3.", 3, "P1.I"),
    ("P1.II", "II.", 2, "P1"),
    ("P1.II.1", "1.", 3, "P1.II"),
    ("P1.II.2", "2.", 3, "P1.II"),
    ("P1.II.3", "3.", 3, "P1.II"),
    ("P1.II.4", "4.", 3, "P1.II"),
    ("P1.II.5", "5.", 3, "P1.II"),
    ("P1.III", "III.", 2, "P1"),
    ("P1.III.1", "1.", 3, "P1.III"),
    ("P1.III.2", "2.", 3, "P1.III"),
    ("P1.III.3", "3.", 3, "P1.III"),
    ("P2", "Phần thứ hai", 1, None),
    ("P3", "Phần thứ ba", 1, None),
    ("P3.1", "1.", 3, "P3"),
    ("P3.2", "2.", 3, "P3"),
    ("P3.3", "3.", 3, "P3"),
    ("P3.4", "4.", 3, "P3"),
]


@pytest.fixture(scope="module")
def bundled() -> list[Section]:
    return load_outline(BUNDLED, Settings())


def by_id(sections: list[Section]) -> dict[str, Section]:
    return {s.id: s for s in sections}


def tree(sections: list[Section]) -> list[tuple]:
    return [(s.id, s.label, s.level, s.parent) for s in sections]


def outline_of(tmp_path: Path, text: str, name: str = "de-cuong.txt") -> list[Section]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_outline(path, Settings())


# ----------------------------------------------------------------------------- bundled outline

def test_bundled_outline_exact_tree(bundled):
    assert tree(bundled) == BUNDLED_TREE


def test_bundled_titles_are_faithful_without_label(bundled):
    s = by_id(bundled)
    assert s["P1"].title == "ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN CHỈ THỊ SỐ 20-CT/TW"
    assert s["P1.II"].title == "Kết quả thực hiện Chỉ thị cố 20-CT/TW, Kế hoạch số 69-KH/TU"  # typo kept
    assert s["P2"].title.startswith("NHIỆM VỤ, GIẢI PHÁP TIẾP THỤC")
    assert s["P3.4"].title == "Đối với Trung ương"
    # The reader shortens long numbered lines; the outline keeps the whole title.
    assert s["P1.II.5"].title.endswith("giai đoạn 2016 -2020 …).")
    assert not any("[bookmark" in x.title or any("[bookmark" in i for i in x.items) for x in bundled)


def test_bundled_items(bundled):
    s = by_id(bundled)
    items = s["P1.II.2"].items
    assert len(items) == 6
    assert items[0].startswith("Công tác tuyên truyền, giáo dục và vận động")
    assert items[1].startswith("Việc tổ chức Tháng hành động vì trẻ em hằng năm")
    assert items[5].startswith("Tuyên truyền về các điển hình tiên tiến")
    assert not any(i.startswith(("-", " ")) for i in items)
    assert [i[:30] for i in s["P1.II.3"].items] == [
        "Việc thực hiện chính sách phúc",
        "Công tác phối hợp liên ngành t",
        "Công tác kiểm tra, giám sát về",
    ]
    assert len(s["P1.II.1"].items) == 2 and len(s["P1.II.4"].items) == 2
    assert s["P1.I.1"].items == ["Nhà trường đã phổ biến cho toàn thể CBGVNV và HS học tập, quán triệt "
                                 "thực hiện đảm bảo Chỉ thị số 20-CT/TW, Kế hoạch số 69-KH/TU của các cấp ủy đảng"]
    assert s["P2"].items[0].startswith("Trên cơ sở tình hình thực tế")
    assert s["P3"].items == [] and s["P1.III.1"].items == []


def test_general_assessment_belongs_to_the_group_not_its_last_item(bundled):
    # "Đánh giá chung: …" after II.5 sums up II.1–II.5, so it is an item of II.
    s = by_id(bundled)
    assert s["P1.II"].items == ["Đánh giá chung: Đánh giá khái quát kết quả thực hiện Chỉ thị số 20-CT/TW "
                                "và Kế hoạch số 69-KH/TU."]
    assert s["P1.II.5"].items == []


def test_default_outline_is_the_manifest_outline(bundled):
    assert tree(default_outline(Settings())) == BUNDLED_TREE


def test_to_json_shape(bundled):
    data = by_id(bundled)["P1.II.3"].to_json()
    assert list(data) == ["id", "label", "title", "level", "parent", "items"]
    assert data["id"] == "P1.II.3" and data["parent"] == "P1.II" and len(data["items"]) == 3


# ----------------------------------------------------------------------------- stable ids

def test_ids_stable_across_parses_and_title_edits(tmp_path, bundled):
    again = load_outline(BUNDLED, Settings())
    assert [s.to_json() for s in again] == [s.to_json() for s in bundled]
    text = BUNDLED.read_text(encoding="utf-8")
    edited = text.replace("2. Tuyên truyền nâng cao nhận thức", "2. Công tác tuyên truyền nâng cao nhận thức")
    edited = edited.replace("Phần thứ ba\nCÁC ĐỀ XUẤT, KIẾN NGHỊ", "Phần thứ ba\nĐỀ XUẤT VÀ KIẾN NGHỊ")
    assert edited != text
    sections = outline_of(tmp_path, edited)
    assert tree(sections) == BUNDLED_TREE
    assert by_id(sections)["P1.II.2"].title.startswith("Công tác tuyên truyền")


def test_removing_a_section_keeps_the_other_ids(tmp_path):
    text = BUNDLED.read_text(encoding="utf-8").replace("2. Đối với Sở Giáo dục và Đào tạo\n", "")
    ids = [s.id for s in outline_of(tmp_path, text)]
    assert "P3.2" not in ids and ids[-2:] == ["P3.3", "P3.4"]


# ----------------------------------------------------------------------------- numbering styles

STYLES = [
    pytest.param(
        "Phần thứ nhất: MỞ ĐẦU\nI. Chung\n1. Một\nPhần thứ hai - KẾT QUẢ\nI. Hai\nPhần thứ tư\nKIẾN NGHỊ\n",
        [("P1", "Phần thứ nhất", 1, None, "MỞ ĐẦU"), ("P1.I", "I.", 2, "P1", "Chung"),
         ("P1.I.1", "1.", 3, "P1.I", "Một"), ("P2", "Phần thứ hai", 1, None, "KẾT QUẢ"),
         ("P2.I", "I.", 2, "P2", "Hai"), ("P4", "Phần thứ tư", 1, None, "KIẾN NGHỊ")],
        id="phan-thu-words"),
    pytest.param(
        "PHẦN I. ĐÁNH GIÁ\n1- Một\n2- Hai\nPHẦN II. NHIỆM VỤ\n",
        [("P1", "PHẦN I", 1, None, "ĐÁNH GIÁ"), ("P1.1", "1-", 3, "P1", "Một"),
         ("P1.2", "2-", 3, "P1", "Hai"), ("P2", "PHẦN II", 1, None, "NHIỆM VỤ")],
        id="phan-roman-caps"),
    pytest.param(
        "PHẦN 1\nĐÁNH GIÁ\nI- Lãnh đạo\nPHẦN 2\nNHIỆM VỤ\n",
        [("P1", "PHẦN 1", 1, None, "ĐÁNH GIÁ"), ("P1.I", "I-", 2, "P1", "Lãnh đạo"),
         ("P2", "PHẦN 2", 1, None, "NHIỆM VỤ")],
        id="phan-digit-title-next-line"),
    pytest.param(
        "A- ĐÁNH GIÁ\nI- Lãnh đạo\n1) Học tập\na) Quán triệt\nb- Triển khai\nđ) Khác\nB. NHIỆM VỤ\nC. KIẾN NGHỊ\n",
        [("P1", "A-", 1, None, "ĐÁNH GIÁ"), ("P1.I", "I-", 2, "P1", "Lãnh đạo"),
         ("P1.I.1", "1)", 3, "P1.I", "Học tập"), ("P1.I.1.a", "a)", 4, "P1.I.1", "Quán triệt"),
         ("P1.I.1.b", "b-", 4, "P1.I.1", "Triển khai"), ("P1.I.1.đ", "đ)", 4, "P1.I.1", "Khác"),
         ("P2", "B.", 1, None, "NHIỆM VỤ"), ("P3", "C.", 1, None, "KIẾN NGHỊ")],
        id="letter-parts-and-letters"),
    pytest.param(
        "I. Kết quả\n1. Một\n1.1. Con một\n1.2 Con hai\na) Cháu\n2. Hai\n2.1. Con\nII. Hạn chế\n",
        [("I", "I.", 2, None, "Kết quả"), ("I.1", "1.", 3, "I", "Một"), ("I.1.1", "1.1.", 4, "I.1", "Con một"),
         ("I.1.2", "1.2", 4, "I.1", "Con hai"), ("I.1.2.a", "a)", 4, "I.1.2", "Cháu"),
         ("I.2", "2.", 3, "I", "Hai"), ("I.2.1", "2.1.", 4, "I.2", "Con"), ("II", "II.", 2, None, "Hạn chế")],
        id="sub-numbers"),
    pytest.param(
        "IV. Bốn\nIX. Chín\nX- Mười\n1.Không dấu cách\n2 - Có gạch\n",
        [("IV", "IV.", 2, None, "Bốn"), ("IX", "IX.", 2, None, "Chín"), ("X", "X-", 2, None, "Mười"),
         ("X.1", "1.", 3, "X", "Không dấu cách"), ("X.2", "2 -", 3, "X", "Có gạch")],
        id="roman-and-spacing"),
    pytest.param(
        "I. Chung\n1. Một\n1. Hai (trùng số)\n2. Ba\n",
        [("I", "I.", 2, None, "Chung"), ("I.1", "1.", 3, "I", "Một"),
         ("I.1-2", "1.", 3, "I", "Hai (trùng số)"), ("I.2", "2.", 3, "I", "Ba")],
        id="duplicate-number"),
]


@pytest.mark.parametrize("text, expected", STYLES)
def test_numbering_styles(tmp_path, text, expected):
    sections = outline_of(tmp_path, text)
    assert [(s.id, s.label, s.level, s.parent, s.title) for s in sections] == expected


def test_bullets_and_body_text_become_items(tmp_path):
    text = ("I. Kết quả\n"
            "- Gạch đầu dòng;\n+ Dấu cộng\n• Chấm tròn\n– Gạch dài\n"
            "20 năm qua nhà trường luôn quan tâm.\nPhần lớn học sinh tham gia.\n1.000 học sinh được khám.\n"
            "II. Hạn chế\n")
    s = by_id(outline_of(tmp_path, text))
    assert s["I"].items == ["Gạch đầu dòng;", "Dấu cộng", "Chấm tròn", "Gạch dài",
                            "20 năm qua nhà trường luôn quan tâm.", "Phần lớn học sinh tham gia.",
                            "1.000 học sinh được khám."]
    assert list(s) == ["I", "II"]


def test_preamble_before_first_section_is_ignored(tmp_path):
    sections = outline_of(tmp_path, "BÁO CÁO\nGhi chú: chọn nội dung phù hợp.\nI. Một\nII. Hai\n")
    assert [s.id for s in sections] == ["I", "II"] and sections[0].items == []


def test_markdown_headings(tmp_path):
    text = "# Đề cương\n\n## I. Kết quả\n\n- Tuyên truyền\n\n## II. Hạn chế\n\n### 1. Nguyên nhân\n"
    sections = outline_of(tmp_path, text, "de-cuong.md")
    assert tree(sections) == [("I", "I.", 2, None), ("II", "II.", 2, None), ("II.1", "1.", 3, "II")]
    assert sections[0].items == ["Tuyên truyền"]


def test_parse_outline_is_pure_over_blocks():
    blocks = [Block("[bookmark: _GoBack]Phần thứ nhất", "heading", 1), Block("KẾT QUẢ"),
              Block("1. Một", "heading", 3), Block("- việc a", "list")]
    sections = parse_outline(blocks)
    assert [(s.id, s.title, s.items) for s in sections] == [("P1", "KẾT QUẢ", []), ("P1.1", "Một", ["việc a"])]
    assert parse_outline(blocks)[1].to_json() == sections[1].to_json()


# ----------------------------------------------------------------------------- Word documents

def test_docx_heading_styles_without_numbers():
    sections = load_outline(OUTLINES / "headings.docx", Settings())
    assert tree(sections) == [
        ("P1", "", 1, None), ("P1.I", "", 2, "P1"), ("P1.I.1", "", 3, "P1.I"), ("P1.I.2", "", 3, "P1.I"),
        ("P1.II", "", 2, "P1"), ("P2", "", 1, None), ("P3", "", 1, None),
    ]
    s = by_id(sections)
    assert s["P1.I.1"].title == "Học tập, quán triệt chỉ thị"
    assert s["P1.I.1"].items == ["Nêu các hình thức học tập, quán triệt đã tổ chức."]
    assert s["P1.II"].items == ["Tuyên truyền trong nhà trường", "Tháng hành động vì trẻ em"]


def test_docx_word_auto_numbering():
    path = OUTLINES / "autonumbered.docx"
    # The numbers live in numbering.xml, not in the paragraph text.
    import docx
    raw = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Công tác lãnh đạo, chỉ đạo" in raw and not any(t.startswith(("I.", "1.", "a)")) for t in raw)
    sections = load_outline(path, Settings())
    assert [(s.id, s.label, s.level, s.parent, s.title) for s in sections] == [
        ("P1", "Phần thứ nhất", 1, None, "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN"),
        ("P1.I", "I.", 2, "P1", "Công tác lãnh đạo, chỉ đạo"),
        ("P1.I.1", "1.", 3, "P1.I", "Học tập, quán triệt"),
        ("P1.I.2", "2.", 3, "P1.I", "Kiểm tra, giám sát"),
        ("P1.I.2.a", "a)", 4, "P1.I.2", "Kiểm tra định kỳ"),
        ("P1.I.2.b", "b)", 4, "P1.I.2", "Kiểm tra đột xuất"),
        ("P1.II", "II.", 2, "P1", "Kết quả thực hiện"),
        ("P1.II.1", "1.", 3, "P1.II", "Tuyên truyền"),
    ]
    s = by_id(sections)
    assert s["P1.I.1"].items == ["Nêu số buổi học tập và thành phần tham dự."]
    assert s["P1.II.1"].items == ["Các buổi sinh hoạt dưới cờ", "Tháng hành động vì trẻ em"]


def test_sample_docx_list_number_paragraphs():
    # sample.docx: Title, "I."/"II." headings, and three "List Number" paragraphs numbered by Word.
    sections = load_outline(DATA / "sample.docx", Settings())
    assert tree(sections) == [("I", "I.", 2, None), ("I.1", "1.", 3, "I"), ("I.2", "2.", 3, "I"),
                              ("II", "II.", 2, None), ("II.1", "1.", 3, "II"), ("II.2", "2.", 3, "II"),
                              ("II.3", "3.", 3, "II")]
    s = by_id(sections)
    assert s["II.1"].title == "Cơ sở vật chất phục vụ hoạt động vui chơi còn thiếu."
    assert s["II.3"].items == ["Nhà trường sẽ tiếp tục rà soát, khắc phục trong năm học tới."]


# ----------------------------------------------------------------------------- errors

def test_no_structure_raises_with_file_name(tmp_path):
    path = tmp_path / "ghi-chu-tu-do.txt"
    path.write_text("Hôm nay họp tổ chuyên môn.\nMọi người thống nhất kế hoạch.\n", encoding="utf-8")
    with pytest.raises(OutlineError, match="ghi-chu-tu-do.txt") as err:
        load_outline(path, Settings())
    assert "không có cấu trúc đề cương" in str(err.value)
    assert isinstance(err.value, ValueError)


def test_single_section_is_not_an_outline(tmp_path):
    with pytest.raises(OutlineError, match="mot-muc.txt"):
        outline_of(tmp_path, "I. Chỉ một mục\n- một ý\n", "mot-muc.txt")


def test_unreadable_file_raises_outline_error(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    with pytest.raises(OutlineError, match="rong.txt"):
        load_outline(path, Settings())


def test_default_outline_missing_manifest(tmp_path):
    with pytest.raises(OutlineError, match="manifest.json"):
        default_outline(Settings(corpus_dir=tmp_path))


# ----------------------------------------------------------------------------- find_section

@pytest.mark.parametrize("ref, expected", [
    ("P1.II.2", "P1.II.2"), ("p1.ii.2", "P1.II.2"), ("II.2", "P1.II.2"), ("II 2", "P1.II.2"),
    ("ii.2.", "P1.II.2"), ("Mục II.2", "P1.II.2"), ("III", "P1.III"), ("P3.4", "P3.4"), ("III.3", "P1.III.3"),
    ("2", None), ("I.9", None), ("", None), ("zzz", None),
])
def test_find_section(bundled, ref, expected):
    found = find_section(bundled, ref)
    assert (found.id if found else None) == expected


def test_find_section_duplicate_suffix(tmp_path):
    sections = outline_of(tmp_path, "I. Chung\n1. Một\n1. Hai\n")
    assert find_section(sections, "I.1-2").title == "Hai"
    assert find_section(sections, "i.1").title == "Một"
