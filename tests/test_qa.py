"""Criterion Q&A: numbered trees of the outline and the guidance, reference resolution, the crosswalk, answers."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bctk_assist import qa
from bctk_assist.embeddings import FakeEmbeddings
from bctk_assist.index import KnowledgeBase
from bctk_assist.llm import FakeChatModel
from bctk_assist.outline import (Section, default_outline, guidance_tree, outline_tree, parse_numbered,
                                 parse_outline)
from bctk_assist.settings import Settings
from bctk_assist.sources import read_file
from bctk_assist.workspace import Workspace
from conftest import CORPUS

OUTLINE = "de-cuong-bao-cao-truong-hoc.txt"
GUIDANCE = "huong-dan-kem-cv-807-CV-TU.txt"


def _frame(kb: KnowledgeBase) -> KnowledgeBase:
    assert kb.ingest(CORPUS / OUTLINE, "outline").ok
    assert kb.ingest(CORPUS / GUIDANCE, "guidance").ok
    return kb


@pytest.fixture(scope="module")
def frame_kb(tmp_path_factory) -> KnowledgeBase:
    """The outline and the guidance, indexed once for the module: the tests only read it."""
    home = tmp_path_factory.mktemp("qa") / "home"
    return _frame(KnowledgeBase(Settings(home=home, embeddings="fake"), embeddings=FakeEmbeddings()))


@pytest.fixture
def own_frame_kb(kb) -> KnowledgeBase:
    """The same, in a workspace of the test's own (for a test that adds a document)."""
    return _frame(kb)


@pytest.fixture
def sections(settings):
    return default_outline(settings)


def ask(question, kb, sections, **kw):
    return qa.ask(question, kb, sections, **kw)


# ----------------------------------------------------------------------------- trees

# (id, label, parent, number of bullets, location) of every node of the bundled guidance.
GUIDANCE_TREE = [
    ("1", "1", None, 3, "dòng 10–16"),
    ("2", "2", None, 0, "dòng 18"),
    ("2.1", "2.1", "2", 0, "dòng 20"),
    ("2.2", "2.2", "2", 8, "dòng 22–38"),
    ("3", "3", None, 0, "dòng 40"),
    ("4", "4", None, 0, "dòng 42"),
]


def test_guidance_tree_ids_labels_bullets_and_places(frame_kb):
    nodes = guidance_tree(frame_kb)
    assert [(n.id, n.label, n.parent, len(n.items), n.location) for n in nodes] == GUIDANCE_TREE
    by_id = {n.id: n for n in nodes}
    assert by_id["2.2"].items[1] == "Công tác tuyên truyền, giáo dục và vận động."
    assert by_id["2.2"].item_lines[1] == "- Công tác tuyên truyền, giáo dục và vận động."
    assert by_id["2.2"].item_locations[1] == "dòng 26"
    # Point 3 is one long paragraph: its whole text, not the reader's shortened heading.
    assert by_id["3"].head[0].endswith("công tác thông tin, tuyên truyền...")
    assert {n.doc for n in nodes} == {GUIDANCE} and {n.kind for n in nodes} == {"guidance"}


def test_outline_tree_is_the_outline_with_places(frame_kb, sections, settings):
    nodes = outline_tree(frame_kb, sections)
    assert [n.id for n in nodes] == [s.id for s in sections]
    by_id = {n.id: n for n in nodes}
    assert by_id["P1.II.2"].location == "dòng 17–23" and len(by_id["P1.II.2"].item_lines) == 6
    assert by_id["P3"].label == "Phần thứ ba" and by_id["P1.III"].label == "III"
    assert by_id["P1.I.1"].head == ["1. Đánh giá việc tổ chức học tập, quán triệt, xây dựng chương trình, kế hoạch "
                                    "thực hiện Chỉ thị số 20-CT/TW, Kế hoạch số 69-KH/TU của các cấp ủy đảng;"]
    # The same reader and parser: parse_outline's sections are unchanged, parse_numbered adds the places.
    blocks = read_file(CORPUS / OUTLINE, settings).blocks
    assert [(s.id, s.title, s.items) for s in parse_outline(blocks)] == \
        [(n.id, n.title, n.items) for n in parse_numbered(blocks)]


def test_a_unit_outline_not_in_the_index_is_quoted_from_the_workspace(frame_kb):
    own = [Section("I", "I.", "Công tác tuyên truyền về quyền trẻ em", 2, None, ["Số buổi tuyên truyền mỗi năm"]),
           Section("II", "II.", "Kiến nghị", 2, None)]
    answer = ask("Mục I yêu cầu gì?", frame_kb, own)
    assert "outline:I" in answer.nodes
    assert "I. Công tác tuyên truyền về quyền trẻ em" in answer.answer
    assert "Số buổi tuyên truyền mỗi năm" in answer.answer


# ----------------------------------------------------------------------------- reference resolution

# (question, the node the answer is about first). Every way the issue lists of naming a node.
NAMED = [
    ("Tiêu chí 2.2 yêu cầu đánh giá những nội dung gì?", "guidance:2.2"),
    ("Mục 2.2 của hướng dẫn yêu cầu gì?", "guidance:2.2"),
    ("mục 3 hướng dẫn nói gì?", "guidance:3"),
    ("Điểm 2.1 yêu cầu gì?", "guidance:2.1"),
    ("Nội dung 4 của hướng dẫn là gì?", "guidance:4"),
    ("Khoản 1 của hướng dẫn quy định gì?", "guidance:1"),
    ("Tiêu chí 3 cần đánh giá những gì?", "guidance:3"),
    ("Cho em hỏi tiêu chí số 3 ạ", "guidance:3"),
    ("Phần thứ ba yêu cầu gì?", "outline:P3"),
    ("Phần thứ hai cần viết gì?", "outline:P2"),
    ("Phần 2 của đề cương nói gì?", "outline:P2"),
    ("Phần kiến nghị cần nêu những gì?", "outline:P3"),
    ("Mục II.2 yêu cầu gì?", "outline:P1.II.2"),
    ("mục II.2 của đề cương", "outline:P1.II.2"),
    ("P1.II.2 cần viết những gì?", "outline:P1.II.2"),
    ("p1.ii.3 yêu cầu gì", "outline:P1.II.3"),
    ("Mục III gồm những ý nào?", "outline:P1.III"),
    ("Mục 4 phần II của đề cương gồm những ý nào?", "outline:P1.II.4"),
    ("Nội dung 3 của mục II yêu cầu gì?", "outline:P1.II.3"),
    ("Mục 2 phần thứ ba yêu cầu gì?", "outline:P3.2"),
    ("Khoản 1 mục III đề cương yêu cầu gì?", "outline:P1.III.1"),
    ("Phần xã hội hoá yêu cầu gì?", "outline:P1.II.4"),
    ("Tháng hành động vì trẻ em viết ở mục nào?", "outline:P1.II.2"),
    ("Trò chơi dân gian nằm ở mục nào của đề cương?", "outline:P1.II.2"),
    ("Nguyên nhân khách quan, chủ quan viết ở đâu?", "outline:P1.III.2"),
    ("Sự tham gia của Mặt trận Tổ quốc được hướng dẫn yêu cầu thế nào?", "guidance:2.2"),
    ("Phần mục đích yêu cầu của hướng dẫn nói gì?", "guidance:1"),
    ("tieu chi 2.1 yeu cau gi", "guidance:2.1"),
    ("chi bo can viet gi ve thang hanh dong vi tre em", "outline:P1.II.2"),
]


@pytest.mark.parametrize("question,key", NAMED)
def test_every_naming_form_finds_its_node(frame_kb, sections, question, key):
    answer = ask(question, frame_kb, sections)
    assert answer.nodes and answer.nodes[0] == key, answer.answer
    assert answer.citations and f"{answer.citations[0].kind}:" + key.split(":", 1)[1] == key


def test_a_bullet_named_by_its_number(frame_kb, sections):
    answer = ask("Ý 7 của tiêu chí 2.2 nói về gì?", frame_kb, sections)
    assert answer.citations[0].quote == "- Việc mở rộng, tăng cường hợp tác quốc tế trong thực hiện quyền trẻ em."
    assert "mục 2.2, ý 7" in answer.answer
    bullet = ask("Gạch đầu dòng thứ hai của mục II.2 là gì?", frame_kb, sections)
    assert bullet.citations[0].quote.startswith("- Việc tổ chức Tháng hành động vì trẻ em hằng năm")


@pytest.mark.parametrize("question,keys", [
    ("Mục 3 yêu cầu gì?", {"guidance:3", "outline:P1.I.3", "outline:P1.II.3", "outline:P1.III.3", "outline:P3.3"}),
    ("Nội dung 4 yêu cầu gì?", {"guidance:4", "outline:P1.II.4", "outline:P3.4"}),
    ("Phần III yêu cầu gì?", {"outline:P1.III", "outline:P3"}),
])
def test_an_ambiguous_reference_lists_every_candidate_with_its_document(frame_kb, sections, question, keys):
    answer = ask(question, frame_kb, sections)
    assert set(answer.nodes) == keys
    assert "có thể là một trong" in answer.answer and "hãy hỏi rõ hơn" in answer.answer
    for key in keys:
        kind, node_id = key.split(":")
        line = next(line for line in answer.answer.splitlines() if f"({node_id})" in line or
                    (kind == "guidance" and f"mục {node_id}," in line))
        assert line.startswith(f"- {qa.KIND_TITLES[kind]} — ")  # which document each candidate is from
    assert {c.doc for c in answer.citations} == ({OUTLINE, GUIDANCE} if any(k.startswith("g") for k in keys)
                                                 else {OUTLINE})


def test_two_nodes_named_are_both_answered(frame_kb, sections):
    answer = ask("So sánh mục II.2 của đề cương với tiêu chí 2.2 của hướng dẫn", frame_kb, sections)
    assert answer.nodes == ["outline:P1.II.2", "guidance:2.2"]
    assert "có thể là" not in answer.answer


# ----------------------------------------------------------------------------- answers

def test_every_node_is_quoted_whole_with_its_number_and_place(frame_kb, sections):
    for node in outline_tree(frame_kb, sections):
        answer = ask(f"Mục {node.id} yêu cầu gì?", frame_kb, sections)
        assert all(line in answer.answer for line in node.lines), node.id
        assert answer.citations[0].quote == "\n".join(node.lines) and answer.citations[0].location == node.location
        assert f"({node.id})" in answer.answer.splitlines()[0]
    for node in guidance_tree(frame_kb):
        answer = ask(f"Mục {node.id} của hướng dẫn yêu cầu gì?", frame_kb, sections)
        assert answer.citations[0].quote == "\n".join(node.lines), node.id
        assert answer.answer.startswith(f"Hướng dẫn — mục {node.id}, {node.location}")


@pytest.mark.parametrize("question,children", [
    ("Phần thứ ba gồm những mục nào?", ["1. Đối với huyện", "2. Đối với Sở Giáo dục và Đào tạo", "3. Đối với Tỉnh",
                                        "4. Đối với Trung ương"]),
    ("Báo cáo cần đề xuất, kiến nghị với những cấp nào?", ["1. Đối với huyện", "2. Đối với Sở Giáo dục và Đào tạo",
                                                          "3. Đối với Tỉnh", "4. Đối với Trung ương"]),
    ("Mục II của đề cương có bao nhiêu nội dung?", ["1. Tăng cường sự lãnh đạo", "2. Tuyên truyền nâng cao",
                                                   "3. Thực hiện tốt các chính sách", "4. Tăng cường công tác xã hội",
                                                   "5. Đánh giá kết quả thực hiện các mục tiêu"]),
    ("Hướng dẫn gồm những mục nào?", ["1. Mục đích, yêu cầu", "2. Nội dung báo cáo", "3. Những hạn chế, tồn tại",
                                      "4. Những khó khăn, thách thức"]),
    ("Đề cương gồm mấy phần?", ["ĐÁNH GIÁ TÌNH HÌNH", "NHIỆM VỤ, GIẢI PHÁP", "CÁC ĐỀ XUẤT, KIẾN NGHỊ"]),
    ("Tiêu chí 2.2 có bao nhiêu nội dung?", ["- Công tác lãnh đạo, chỉ đạo", "- Việc ưu tiên bố trí nguồn lực",
                                            "- Sự tham gia của Mặt trận Tổ quốc Việt Nam"]),
])
def test_structural_questions_list_all_children(frame_kb, sections, question, children):
    answer = ask(question, frame_kb, sections)
    assert all(child in answer.answer for child in children), answer.answer
    assert qa.NOT_FOUND not in answer.answer


def test_counts_are_stated(frame_kb, sections):
    assert "Gồm 4 mục:" in ask("Phần thứ ba gồm những mục nào?", frame_kb, sections).answer
    assert "8 nội dung" in ask("Tiêu chí 2.2 có bao nhiêu nội dung?", frame_kb, sections).answer


def test_the_recommendations_answer_names_the_levels_and_claims_nothing(frame_kb, sections):
    answer = ask("Phần kiến nghị cần nêu những gì?", frame_kb, sections)
    last = answer.answer.splitlines()[-1]
    assert last.startswith("Đơn vị cần viết:")
    assert all(level in last for level in ("huyện", "Sở Giáo dục và Đào tạo", "Tỉnh", "Trung ương"))
    assert "CÁC ĐỀ XUẤT" not in last
    # The outline's example sentence is quoted as the outline's, never restated as the unit's own claim.
    lines = ask("Mục P1.I.1 yêu cầu gì?", frame_kb, sections).answer.splitlines()
    example = "Nhà trường đã phổ biến cho toàn thể CBGVNV"
    assert example in "\n".join(lines) and lines[-1].startswith("Đơn vị cần viết:") and example not in lines[-1]


def test_the_other_documents_node_is_beside_it(frame_kb, sections):
    section = ask("Mục P1.II.2 yêu cầu gì?", frame_kb, sections)
    assert "Hướng dẫn tương ứng:" in section.answer and "mục 2.2, ý 2" in section.answer
    assert "- Công tác tuyên truyền, giáo dục và vận động." in [c.quote for c in section.citations]
    criterion = ask("mục 3 hướng dẫn", frame_kb, sections)
    assert "Đề cương tương ứng:" in criterion.answer and "(P1.III)" in criterion.answer


def test_the_holidays_bullet_is_reached_and_quoted_whole(frame_kb, sections):
    answer = ask("Các ngày lễ như 1/6, Trung thu, 28/6 đưa vào mục nào?", frame_kb, sections)
    assert ("Việc tổ chức Tháng hành động vì trẻ em hằng năm, ngày Quốc tế Thiếu nhi 1/6, Tết Trung thu, "
            "Ngày Gia đình Việt Nam 28/6 và Diễn đàn trẻ em;") in answer.answer
    assert "ý thứ 2" in answer.answer


def test_moved_section_question_quotes_outline_and_guidance(frame_kb, sections):
    answer = ask("Mục P1.II.2 yêu cầu gì?", frame_kb, sections)
    assert answer.answer.startswith("Đề cương — mục II.2 (P1.II.2)")
    assert {c.doc for c in answer.citations} == {OUTLINE, GUIDANCE}
    assert any("Tháng hành động vì trẻ em" in c.quote for c in answer.citations)
    assert set(answer.to_json()) == {"answer", "citations", "engine"}
    assert all(set(c) == {"n", "doc", "location", "quote"} for c in answer.to_json()["citations"])


# ----------------------------------------------------------------------------- free questions, nothing found

@pytest.mark.parametrize("question,key,clause", [
    ("Việc tổng kết phải bảo đảm những yêu cầu gì?", "guidance:1", "tránh hình thức, lãng phí."),
    ("Báo cáo có cần nêu khó khăn, thách thức không?", "guidance:4", "Những khó khăn, thách thức"),
    ("Kế hoạch 1928/KH-UBND được nhắc ở mục nào?", "outline:P1.II.5", "Kế hoạch số 1928/KH-UBND"),
    ("Các phong trào thi đua nêu ở mục nào?", "outline:P1.II.4", "Việc triển khai thực hiện các phong trào;"),
    ("Covid-19", "outline:P1.II.3", "Covid-19"),
])
def test_free_questions_rank_whole_bullets(frame_kb, sections, question, key, clause):
    answer = ask(question, frame_kb, sections)
    assert answer.nodes[0] == key and clause in answer.answer
    assert qa.NOT_FOUND not in answer.answer


@pytest.mark.parametrize("question", ["Hội thi nấu ăn của công đoàn có mấy giải?", "Giá vàng hôm nay bao nhiêu?",
                                      "Mục 9 yêu cầu gì?", "Mục VII.4 của đề cương yêu cầu gì?"])
def test_not_found_only_when_nothing_matches(frame_kb, sections, question):
    answer = ask(question, frame_kb, sections)
    assert answer.answer.startswith(qa.NOT_FOUND) and answer.citations == [] and answer.nodes == []


def test_a_number_that_does_not_exist_is_named(frame_kb, sections):
    assert "Hướng dẫn không có «Mục III»" in ask("mục III hướng dẫn", frame_kb, sections).answer
    assert ask("   ", frame_kb, sections).citations == []


def test_nothing_indexed_is_not_found(kb, sections):
    for question in ("Tiêu chí 2.2 yêu cầu gì?", "Tháng hành động vì trẻ em viết ở đâu?"):
        answer = ask(question, kb, [])
        assert answer.answer.startswith(qa.NOT_FOUND) and answer.citations == []


# ----------------------------------------------------------------------------- questions as staff type them

@pytest.mark.parametrize("question,key", [
    ("phan thu hai can viet nhung gi", "outline:P2"),  # no marks: "phần thứ hai", not "phân thu"
    ("kien nghi voi so giao duc ghi o dau", "outline:P3.2"),
    ("muc II.3 de cuong can viet gi", "outline:P1.II.3"),
    ("Phần kiếm nghị viết gì", "outline:P3"),  # a slip of the key ("kiếm" for "kiến")
    ("kiến nghi đối vơi tỉnh", "outline:P3.3"),  # marks left off or wrong in a question typed with marks
    ("bài hoc kinh nghiêm ghi ở đâu", "outline:P1.III.3"),
    ("tuyên truền nâng cao nhận thức", "outline:P1.II.2"),  # a letter left out
    ("MUC 2.1 HUONG DAN", "guidance:2.1"),  # in capitals
    ("limitations section cần ghi gì", "outline:P1.III"),  # English mixed in
    ("check giúp mục 1 của guidance", "guidance:1"),
    ("cái phần đánh giá chung là viết gì z", "outline:P1.II"),  # chat shorthand
])
def test_questions_typed_without_marks_with_slips_or_in_english(frame_kb, sections, question, key):
    answer = ask(question, frame_kb, sections)
    assert answer.nodes and answer.nodes[0] == key, answer.answer
    assert "(Đã hiểu câu hỏi là: «" in answer.answer.splitlines()[-1]  # the reading is shown


@pytest.mark.parametrize("question", ["Hội thi nấu ăn của công đoàn có mấy giải?", "Điểm 4 trong hướng dẫn kèm Công "
                                      "văn 807 yêu cầu gì?", "Các phong trào thi đua nêu ở mục nào?",
                                      "Thời tiết ngày mai thế nào?", "So sánh mục II.2 với tiêu chí 2.2"])
def test_words_typed_with_their_marks_are_left_as_typed(frame_kb, sections, question):
    frame = qa._frame(frame_kb, sections)
    assert qa.read_question(question, frame) == question  # "kèm" is not "kém", "thi đua" is not "thị đưa"
    assert "Đã hiểu câu hỏi" not in ask(question, frame_kb, sections).answer


@pytest.mark.parametrize("question,key,bullet", [
    ("mục về kinh phí", "outline:P1.II.1", "Nguồn lực ngân sách địa phương"),
    ("tiền hỗ trợ các hoạt động cho trẻ", "outline:P1.II.1", "Nguồn lực ngân sách địa phương"),
    ("phòng chống xâm hại trẻ em ghi ở đâu", "outline:P1.II.2", "vi phạm pháp luật, lôi kéo trẻ em"),
    ("chính sách cho trẻ em khuyết tật, mồ côi", "outline:P1.II.3", "chính sách phúc lợi xã hội"),
    ("văn nghệ cho học sinh", "outline:P1.II.2", "hoạt động văn hóa, thể thao"),
    ("hop tac voi nuoc ngoai", "guidance:2.2", "hợp tác quốc tế"),
])
def test_topic_words_the_texts_do_not_use_find_their_synonyms(frame_kb, sections, question, key, bullet):
    answer = ask(question, frame_kb, sections)
    assert answer.nodes[0] == key, answer.answer
    assert any(bullet in c.quote for c in answer.citations[:1])
    if key.startswith("outline"):  # the bullet the synonym stands for is pointed at
        node = next(n for n in outline_tree(frame_kb, sections) if n.key == key)
        k = next(i for i, item in enumerate(node.items) if bullet in item)
        assert f"Câu hỏi ứng với ý thứ {k + 1} ở trên." in answer.answer


@pytest.mark.parametrize("question,key,note", [
    ("mục 2.2 của đề cương yêu cầu gì", "outline:P1.II.2", "Không có mục đánh số đúng «2.2» trong đề cương"),
    ("mục II.1 hướng dẫn", "guidance:2.1", "Không có mục đánh số đúng «II.1» trong hướng dẫn"),
    ("mục 3.1", "outline:P1.III.1", "hiểu là mục III.1 (P1.III.1)"),
    ("mục 2 của phần 1", "outline:P1.II", ""),  # the sections of a part are numbered I, II, III
])
def test_a_number_written_in_the_other_numbering_is_read_and_said(frame_kb, sections, question, key, note):
    answer = ask(question, frame_kb, sections)
    assert answer.nodes == [key], answer.answer
    assert note in answer.answer
    assert ask("Tiêu chí 2.3 yêu cầu gì?", frame_kb, sections).citations == []  # criteria are the guidance's own


def test_a_lettered_bullet(frame_kb, sections):
    answer = ask("ý c của tiêu chí 2.2", frame_kb, sections)
    assert answer.citations[0].quote == "- Việc rà soát, sửa đổi, bổ sung, hoàn thiện hệ thống pháp luật, chính sách " \
                                        "về trẻ em."
    alone = ask("điểm b nói gì", frame_kb, sections)  # no part of these texts is lettered
    assert alone.answer.startswith(qa.NOT_FOUND) and alone.citations == []


@pytest.mark.parametrize("question,keys", [
    ("Báo cáo gồm mấy phần?", ["outline:P1", "outline:P2", "outline:P3"]),
    ("bố cục của báo cáo tổng kết", ["outline:P1", "outline:P2", "outline:P3"]),
    ("có bao nhiêu tiêu chí", ["guidance:1", "guidance:2", "guidance:3", "guidance:4"]),
    ("how many parts does the outline have", ["outline:P1", "outline:P2", "outline:P3"]),
])
def test_the_report_as_a_whole_is_the_outlines_parts(frame_kb, sections, question, keys):
    answer = ask(question, frame_kb, sections)
    assert answer.nodes == keys, answer.answer
    assert answer.answer.splitlines()[0] in ("Đề cương gồm 3 phần:", "Hướng dẫn gồm 4 mục:")


@pytest.mark.parametrize("question,said", [
    ("Chỉ thị 28 có gì mới?", "«Chỉ thị 28»"),  # a document none of the texts is
    ("Nghị định 56/2017 quy định những gì", "«Nghị định 56/2017»"),
    ("luật trẻ em quy định trẻ em là dưới bao nhiêu tuổi", qa.FACT_NOT_FOUND),  # a figure the texts do not give
    ("lương giáo viên mầm non bao nhiêu", qa.FACT_NOT_FOUND),
])
def test_what_the_texts_do_not_hold_is_said_never_answered_with_another_clause(frame_kb, sections, question, said):
    answer = ask(question, frame_kb, sections)
    assert answer.answer.startswith(qa.NOT_FOUND) and said in answer.answer
    assert answer.citations == [] and answer.nodes == []


@pytest.mark.parametrize("question", ["an toan truong hoc", "tôi nên bắt đầu từ đâu", "trường tôi có 500 học sinh"])
def test_mending_the_spelling_invents_no_match(frame_kb, sections, question):
    # "an" is not "án" (đề án) on its own, "từ" is not "tư" (đầu tư), "học sinh" is no evidence for every heading
    answer = ask(question, frame_kb, sections)
    assert answer.answer.startswith(qa.NOT_FOUND) and answer.citations == [], answer.answer


def test_the_rest_of_a_question_naming_an_unknown_document_is_answered(frame_kb, sections):
    answer = ask("Tháng hành động vì trẻ em theo Chỉ thị 28 viết ở đâu?", frame_kb, sections)
    assert answer.nodes[0] == "outline:P1.II.2"
    assert "không có «Chỉ thị 28»" in answer.answer
    known = ask("Kế hoạch 1928/KH-UBND được nhắc ở mục nào?", frame_kb, sections)  # the texts name this one
    assert known.nodes[0] == "outline:P1.II.5" and "không có «" not in known.answer


def test_an_example_asked_for_is_said_to_be_none(frame_kb, sections):
    answer = ask("cho ví dụ cách viết mục tuyên truyền", frame_kb, sections)
    assert answer.nodes[0] == "outline:P1.II.2"
    assert "không có bài viết mẫu" in answer.answer


def test_a_section_chat_question_typed_without_marks_names_its_node(frame_kb, sections):
    assert qa.names_node("phan kien nghi can neu gi", frame_kb, sections)
    assert not qa.names_node("muc nay yeu cau gi", frame_kb, sections)


# ----------------------------------------------------------------------------- the directive, when added

DIRECTIVE = """CHỈ THỊ (văn bản thử nghiệm)
1. Điểm thứ nhất của văn bản thử nghiệm.
2. Điểm thứ hai của văn bản thử nghiệm.
"""


def test_the_directive_is_a_tree_once_the_user_adds_it(own_frame_kb, sections, tmp_path):
    frame_kb = own_frame_kb
    missing = ask("Điểm 2 của Chỉ thị nói gì?", frame_kb, sections)
    assert "Chưa có toàn văn Chỉ thị" in missing.answer and missing.citations == []
    (tmp_path / "chi-thi.txt").write_text(DIRECTIVE, encoding="utf-8")
    assert frame_kb.ingest(tmp_path / "chi-thi.txt", "directive").ok
    assert [(n.id, n.kind) for n in guidance_tree(frame_kb) if n.doc == "chi-thi.txt"] == \
        [("1", "directive"), ("2", "directive")]
    answer = ask("Điểm 2 của Chỉ thị nói gì?", frame_kb, sections)
    assert answer.nodes == ["directive:2"] and "2. Điểm thứ hai của văn bản thử nghiệm." in answer.answer


# ----------------------------------------------------------------------------- crosswalk

def test_every_outline_section_has_guidance_criteria(frame_kb, sections):
    walk = qa.crosswalk(frame_kb, sections)
    assert set(walk) == {s.id for s in sections}
    assert all(walk[s.id] and all(c.kind == "guidance" for c in walk[s.id]) for s in sections)


@pytest.mark.parametrize("section_id,ref", [
    ("P1.I.3", "mục 2.1"),
    ("P1.II", "mục 2.2"),
    ("P1.II.2", "mục 2.2, ý 2"),
    ("P1.II.3", "mục 2.2, ý 5"),
    ("P1.II.4", "mục 2.2, ý 8"),
    ("P1.III.1", "mục 3"),
    ("P1.III.2", "mục 3"),
    ("P2", "mục 4"),
    ("P3", "mục 4"),
    ("P3.4", "mục 4"),
])
def test_crosswalk_pairs(frame_kb, sections, section_id, ref):
    section = next(s for s in sections if s.id == section_id)
    criteria = qa.requirements(frame_kb, sections, section)
    assert criteria[0].ref == ref
    assert criteria[0].quote in (criteria[0].node.item_lines + ["\n".join(criteria[0].node.lines)])


# ----------------------------------------------------------------------------- a model after the quotes

def test_a_model_writes_after_the_verbatim_quotes(frame_kb, sections):
    prose = "Mục này yêu cầu nêu kết quả tuyên truyền của đơn vị, có số liệu từng năm [1]."
    answer = ask("Mục II.2 yêu cầu gì?", frame_kb, sections, llm=FakeChatModel(reply=prose), llm_name="fake")
    composed = ask("Mục II.2 yêu cầu gì?", frame_kb, sections)
    assert answer.engine == "fake" and answer.answer.startswith(composed.answer) and answer.answer.endswith(prose)
    bad = ask("Mục II.2 yêu cầu gì?", frame_kb, sections, llm=FakeChatModel(reply="Sure, here it is in English."),
              llm_name="fake")
    assert bad.engine == "composer" and bad.answer == composed.answer and bad.warnings


# ----------------------------------------------------------------------------- the Hỏi đáp page

def _ask_page() -> None:
    from bctk_assist.ui import ask_page, common

    common.ensure_seeded()
    ask_page.render()


def test_ask_page_keeps_its_history_in_the_workspace(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("BCTK_HOME", str(home))
    monkeypatch.setenv("BCTK_EMBEDDINGS", "fake")
    monkeypatch.setenv("BCTK_LLM", "composer")
    at = AppTest.from_function(_ask_page, default_timeout=60).run()
    at.chat_input(key="qa_input").set_value("Phần thứ ba gồm những mục nào?").run()
    assert not at.exception
    messages = Workspace(home).messages(qa.QA_THREAD)
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert "Đối với Trung ương" in messages[1]["content"] and "Nguồn:" in messages[1]["content"]
    again = AppTest.from_function(_ask_page, default_timeout=60).run()  # a new session: the history is still there
    assert any("Đối với Trung ương" in m.value for m in again.markdown)


@pytest.mark.parametrize("question,named", [
    ("Mục này yêu cầu gì?", False),
    ("Yêu cầu gì?", False),
    ("Tiêu chí 2.2 yêu cầu gì?", True),
    ("Phần kiến nghị cần nêu những gì?", True),
])
def test_a_section_chat_question_about_another_node(frame_kb, sections, question, named):
    assert qa.names_node(question, frame_kb, sections) is named
    section = next(s for s in sections if s.id == "P1.II.2")
    assert qa.section_answer(section, frame_kb, sections).nodes == ["outline:P1.II.2"]


def test_export_checklist_marks_criteria_answered_by_accepted_sections(frame_kb, sections):
    from bctk_assist.services import criteria_coverage

    rows = {r["criterion"]: r for r in criteria_coverage(frame_kb, sections, ["P1.II.2"])}
    propaganda = min((r for r in rows.values() if "tuyên truyền, giáo dục và vận động" in r["quote"]),
                     key=lambda r: len(r["quote"]))  # the bullet itself, not the whole point 2.2
    assert "P1.II.2" in propaganda["sections"] and propaganda["covered"]
    assert any(not r["covered"] for r in rows.values())  # the rest is still missing
