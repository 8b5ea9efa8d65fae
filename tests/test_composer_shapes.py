"""Facts and drafts from document shapes the first development units did not have: paragraphs that open
with a run-in heading, "a) b) c)" parts with "-" / "+" lists, tables whose rows are years, plans with
targets, minutes with speakers and decisions (the shapes of bench/devset/ubnd-xa-hoa-my-bac)."""
from __future__ import annotations

import pytest

from bctk_assist import factmap
from bctk_assist.composer import compose_section, short_topic
from bctk_assist.factmap import Slot, assign, dedupe, settle_old_plans
from bctk_assist.facts import Fact, extract_facts, run_in, statement_kind
from bctk_assist.index import Chunk, chunk_blocks
from bctk_assist.outline import Section
from bctk_assist.sources import SourceDoc, _blocks_from_lines, _with_heading_paths


def _chunks(text: str, doc: str) -> list[Chunk]:
    lines = [(line, f"dòng {i}") for i, line in enumerate(text.splitlines(), start=1)]
    source = SourceDoc(doc, _with_heading_paths(_blocks_from_lines(lines, markdown=True)))
    return chunk_blocks(source, doc.rsplit(".", 1)[0], "report")


def _facts(text: str, doc: str = "bao-cao-nam-2018.txt") -> list[Fact]:
    return extract_facts(_chunks(text, doc))


def _fact(facts: list[Fact], words: str) -> Fact:
    found = [f for f in facts if words in f.text]
    assert found, f"no fact holds '{words}': {[f.text for f in facts]}"
    return found[0]


HEADER = ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "XÃ ĐÔNG HƯNG\tĐộc lập - Tự do - Hạnh phúc\n")

# A sơ kết whose paragraphs open with their own heading, and whose table has the years as rows.
SO_KET = HEADER + """BÁO CÁO
Sơ kết 5 năm thực hiện Chỉ thị 20 (giai đoạn 2013-2017)
I. KẾT QUẢ THỰC HIỆN
Công tác tuyên truyền: Trong 5 năm, Đài truyền thanh xã phát 318 tin, bài về quyền trẻ em.
Thực hiện chính sách: Các chế độ cho trẻ em được thực hiện đầy đủ, kịp thời, kết quả cụ thể tại Biểu 1.
Biểu 1. Trẻ em được hưởng chính sách qua các năm
Năm | Trẻ em được cấp thẻ BHYT (em) | Trẻ em được khai sinh đúng hạn (%)
2015 | 1.105 | 91,4
2016 | 1.127 | 94,2
Cộng 2 năm | 2.232 | -
Kết quả xếp loại xã phù hợp với trẻ em: 07/09 thôn đạt chuẩn năm 2017.
Với những kết quả nêu trên, xã được UBND huyện tặng Giấy khen về công tác trẻ em năm 2017.
II. ĐÁNH GIÁ CHUNG
Tồn tại, hạn chế: Một số thôn chưa có điểm vui chơi riêng cho trẻ em.
Nguyên nhân: Do điều kiện kinh tế còn khó khăn, phần lớn lao động trẻ đi làm ăn xa.
"""


@pytest.fixture(scope="module")
def so_ket():
    return _facts(SO_KET, "so-ket-5-nam.txt")


def test_a_run_in_heading_leaves_the_sentence_and_gives_its_kind(so_ket):
    spread = _fact(so_ket, "318 tin")
    assert spread.text.startswith("Trong 5 năm (2013-2017), Đài truyền thanh")
    assert spread.heading.endswith("Công tác tuyên truyền")  # it still tells what the fact is about
    assert spread.quote.startswith("Công tác tuyên truyền: Trong 5 năm")  # the citation quotes the source
    limitation = _fact(so_ket, "điểm vui chơi riêng")
    assert limitation.kind == "limitation" and limitation.text.startswith("Một số thôn")
    cause = _fact(so_ket, "làm ăn xa")  # under "II. ĐÁNH GIÁ CHUNG", but its own heading says cause
    assert cause.kind == "cause" and cause.text.startswith("Do điều kiện kinh tế")


@pytest.mark.parametrize("text, label", [
    ("Về công tác tuyên truyền: Trong năm, xã phát 92 tin, bài.", "Về công tác tuyên truyền"),
    ("Nguyên nhân chủ quan: công tác phối hợp giữa thôn và trường chưa chặt chẽ.", "Nguyên nhân chủ quan"),
    ("Kết quả xếp loại hạnh kiểm: 91,6% học sinh xếp loại tốt.", None),  # the label names the figure
    ("Cơ sở vật chất chưa đáp ứng yêu cầu: điểm trường còn 02 phòng tạm.", None),  # a clause, not a heading
    ("Tiêu biểu: ông Lê Văn Mười tự bỏ kinh phí rào chắn hồ.", None),
    ("Hội nghị thống nhất: Giao Công an xã kiểm tra các quán internet.", None),  # decided, not done
    ("Kết luận: Chi bộ thống nhất nhân rộng mô hình ra 06 lớp.", "Kết luận"),
    ("Đồng chí Trưởng Công an xã nêu ý kiến: một số quán internet vẫn để học sinh chơi quá giờ.", ""),
])
def test_run_in(text, label):
    found, body = run_in(text)
    assert found == label
    assert (body != text) == (label is not None)


def test_a_table_with_years_as_rows_gives_one_series_per_column(so_ket):
    cards = [f for f in so_ket if f.text.startswith("Trẻ em được cấp thẻ BHYT")]
    assert [f.text for f in cards] == ["Trẻ em được cấp thẻ BHYT: 1.105 em (năm 2015).",
                                       "Trẻ em được cấp thẻ BHYT: 1.127 em (năm 2016).",
                                       "Trẻ em được cấp thẻ BHYT: 2.232 em (cộng 2 năm)."]
    assert len({f.series for f in cards}) == 1
    # the citation shows the figure's own cells, not the other columns of its row
    assert cards[0].quote == "Năm | Trẻ em được cấp thẻ BHYT (em)\n2015 | 1.105"
    # a percentage column keeps its sign
    assert _fact(so_ket, "khai sinh đúng hạn: 91,4").text == "Trẻ em được khai sinh đúng hạn: 91,4% (năm 2015)."


def test_figures_that_differ_are_never_merged_as_repeats(so_ket):
    kept, duplicates = dedupe(so_ket)
    assert not duplicates
    assert sum(f.text.startswith("Trẻ em được cấp thẻ BHYT") for f in kept) == 3


def test_pointers_to_the_source_tables_and_summing_up_phrases_are_dropped(so_ket):
    policy = _fact(so_ket, "Các chế độ cho trẻ em")
    assert policy.text == "Các chế độ cho trẻ em được thực hiện đầy đủ, kịp thời."
    award = _fact(so_ket, "Giấy khen")
    assert award.kind == "summary" and award.text.startswith("Xã được UBND huyện tặng Giấy khen")
    assert _fact(so_ket, "07/09 thôn").text.startswith("Kết quả xếp loại xã phù hợp với trẻ em: 07/09")


# An annual report in the commune's shape: "a) b)" parts, "-" items, "+" sub-items under a "-" lead-in.
ANNUAL = HEADER + """BÁO CÁO
Kết quả công tác trẻ em năm 2018
I. TÌNH HÌNH TRẺ EM TRÊN ĐỊA BÀN
Toàn xã có 2.390 trẻ em dưới 16 tuổi, trong đó 1.240 trẻ em dưới 6 tuổi.
II. KẾT QUẢ THỰC HIỆN
a) Chăm sóc sức khỏe:
- Trạm Y tế xã phối hợp với các thôn tổ chức:
+ Tiêm chủng đầy đủ cho 96,8% trẻ em dưới 1 tuổi;
+ Khám sàng lọc miễn phí cho 57 trẻ em.
- Cấp thẻ BHYT cho trẻ em dưới 6 tuổi: đã cấp 1.214 thẻ, đạt 97,9%.
b) Phòng, chống đuối nước:
- Tổ chức 03 lớp dạy bơi an toàn cho 94 trẻ em trong dịp hè;
- Trong năm, trên địa bàn xảy ra 01 vụ đuối nước làm 01 trẻ em tử vong.
Về công tác tuyên truyền: Kết quả cụ thể như sau:
- Đài truyền thanh xã phát 76 tin, bài về phòng, chống xâm hại trẻ em;
- Tổ chức 04 buổi ngoại khóa về kỹ năng phòng tránh đuối nước.
III. KHÓ KHĂN, VƯỚNG MẮC
- Nhiều gia đình đi biển dài ngày, gửi con cho người thân nên việc quản lý trẻ em dịp hè còn khó khăn.
- Bên cạnh đó, cần phát huy vai trò của trưởng thôn trong việc nắm tình hình trẻ em.
"""


@pytest.fixture(scope="module")
def annual():
    return _facts(ANNUAL)


def test_an_item_of_the_outer_list_closes_the_sub_list(annual):
    shot = _fact(annual, "96,8%")
    assert shot.text.startswith("Trạm Y tế xã phối hợp với các thôn tổ chức: tiêm chủng đầy đủ")
    cards = _fact(annual, "1.214 thẻ")  # a "-" item after the "+" items: not led by "Trạm Y tế … tổ chức:"
    assert cards.text.startswith("Cấp thẻ BHYT cho trẻ em dưới 6 tuổi") and not cards.lead
    assert cards.heading.endswith("Chăm sóc sức khỏe")  # "a) Chăm sóc sức khỏe:" is a sub-heading


def test_a_lead_in_that_says_nothing_does_not_lead_the_items(annual):
    radio = _fact(annual, "76 tin")
    assert radio.text.startswith("Đài truyền thanh xã phát 76 tin") and not radio.lead
    assert radio.heading.endswith("Về công tác tuyên truyền")


@pytest.mark.parametrize("words, kind", [
    ("01 vụ đuối nước", "limitation"),  # an incident in a results list is no result
    ("đi biển dài ngày", "cause"),  # "A nên B còn khó khăn": A is why B fell short
    ("vai trò của trưởng thôn", "lesson"),  # "Bên cạnh đó, cần …" under the difficulties
    ("2.390 trẻ em", "context"),  # the unit's situation: listed for the user, placed nowhere
])
def test_kinds_in_the_commune_shape(annual, words, kind):
    assert _fact(annual, words).kind == kind


def test_a_situation_fact_goes_to_no_section(annual):
    slots = [Slot("P1.II.3", 0, "chính sách", "result"), Slot("P1.II.5", None, "", "result")]
    population = _fact(annual, "2.390 trẻ em")
    placed, unplaced = assign([population], slots, [[0.9, 0.9]])
    assert not placed and unplaced == [population.id]


def test_a_list_is_dated_by_its_lead_in(annual):
    section = Section("P1.II.5", "5.", "Đánh giá kết quả thực hiện các mục tiêu", 3, "P1.II")
    share = {None: [f for f in annual if f.lead.startswith("Trạm Y tế")]}
    d = compose_section(section, share, unit="UBND xã Đông Hưng")
    assert "Năm 2018, Trạm Y tế xã phối hợp với các thôn tổ chức: tiêm chủng đầy đủ" in d.text
    assert d.unverified_numbers == []


# Minutes of the commune's child-protection board, with a speaker and decisions.
MINUTES = HEADER + """BIÊN BẢN
Họp Ban Bảo vệ trẻ em xã
Thời gian: 14 giờ 00, ngày 12/5/2020.
I. NỘI DUNG CUỘC HỌP
Đồng chí Lê Thị Hoa báo cáo tình hình trẻ em 4 tháng đầu năm 2020: trong thời gian cách ly xã hội, xã đã hỗ trợ gạo cho 61 hộ có trẻ em.
II. KẾT LUẬN
Ban Bảo vệ trẻ em xã thống nhất các nội dung sau:
a) Giao Công an xã kiểm tra các quán internet trong dịp hè;
b) Giao Hội Liên hiệp Phụ nữ xã nhân rộng mô hình “Ngôi nhà an toàn” ra 03 thôn.
Cuộc họp kết thúc lúc 16 giờ 30 phút cùng ngày.
"""


def test_minutes_lose_the_speaker_keep_the_decisions_and_drop_the_closing_line():
    facts = _facts(MINUTES, "bien-ban-hop-thang-5-2020.txt")
    aid = _fact(facts, "61 hộ")
    assert aid.text.startswith("Trong thời gian cách ly xã hội, xã đã hỗ trợ gạo") and aid.period == "năm 2020"
    decision = _fact(facts, "03 thôn")  # a decision stays framed as decided, not done
    assert decision.text.startswith("Ban Bảo vệ trẻ em xã thống nhất các nội dung sau: giao Hội Liên hiệp")
    assert not any("kết thúc" in f.text for f in facts)
    assert {f.doc_type for f in facts} == {"minutes"}


# A plan for the year after the last report, and an older plan with a table of targets.
PLAN_2022 = HEADER + """Số: 05/KH-UBND\tĐông Hưng, ngày 15 tháng 01 năm 2022
KẾ HOẠCH
Thực hiện công tác trẻ em năm 2022
I. CHỈ TIÊU
a) 100% trẻ em dưới 6 tuổi được cấp thẻ BHYT;
b) Không để xảy ra trẻ em tử vong do đuối nước.
II. KINH PHÍ
Kinh phí thực hiện kế hoạch từ ngân sách xã là 58.000.000 đồng.
"""

PLAN_2020 = HEADER + """KẾ HOẠCH
Thực hiện công tác bảo vệ trẻ em năm 2020
II. CHỈ TIÊU
Bảng 1. Một số chỉ tiêu năm 2020
Chỉ tiêu | Thực hiện năm 2019 | Kế hoạch năm 2020
Tỷ lệ trẻ em được khai sinh đúng hạn (%) | 96,2 | 98
IV. KINH PHÍ
Tổng kinh phí thực hiện kế hoạch năm 2020 là 84.000.000 đồng.
"""

REPORT_2021 = HEADER + """BÁO CÁO
Kết quả công tác trẻ em năm 2021
I. KẾT QUẢ
Quỹ Bảo trợ trẻ em xã vận động được 39.500.000 đồng trong năm 2021.
"""


@pytest.fixture(scope="module")
def settled():
    facts = (_facts(PLAN_2022, "ke-hoach-2022.txt") + _facts(PLAN_2020, "ke-hoach-2020.txt")
             + _facts(REPORT_2021, "bao-cao-2021.txt"))
    settle_old_plans(facts)
    return facts


def test_the_plan_for_the_coming_year_is_tasks_not_results(settled):
    target = _fact(settled, "100% trẻ em dưới 6 tuổi")
    assert target.kind == "task" and target.doc_type == "plan"
    assert target.text.startswith("Chỉ tiêu: 100% trẻ em")  # read alone, a target must say it is one
    assert _fact(settled, "58.000.000").kind == "task"


def test_an_older_plan_keeps_what_it_arranged_and_its_reached_figures(settled):
    assert _fact(settled, "84.000.000").kind == "result"
    assert _fact(settled, "96,2%").kind == "result"  # "Thực hiện năm 2019"
    assert _fact(settled, "98% (kế hoạch năm 2020)").kind == "plan"  # a past target: unplaced, listed
    assert _fact(settled, "39.500.000").kind == "result"


def test_targets_go_to_the_tasks_section_as_targets(settled):
    section = Section("P2", "", "NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN ĐẾN", 1, None)
    tasks = [f for f in settled if f.kind == "task"]
    d = compose_section(section, {None: tasks}, unit="UBND xã Đông Hưng")
    assert "Chỉ tiêu: 100% trẻ em dưới 6 tuổi được cấp thẻ BHYT [1]; không để xảy ra" in d.text
    assert d.unverified_numbers == []


def test_a_series_goes_to_one_item_in_table_order_and_takes_one_place(so_ket, monkeypatch):
    monkeypatch.setattr(factmap, "ITEM_CAPACITY", 2)
    cards = [f for f in so_ket if f.text.startswith("Trẻ em được cấp thẻ BHYT")]
    other = _fact(so_ket, "318 tin")
    slots = [Slot("P1.II.3", 0, "chính sách", "result"), Slot("P1.II.3", 1, "phối hợp liên ngành", "result")]
    scores = [[0.30, 0.20], [0.20, 0.30], [0.30, 0.20], [0.50, 0.10]]  # the 2016 figure alone leans elsewhere
    placed, unplaced = assign([*cards, other], slots, scores)
    assert {placed[f.id].item for f in cards} == {0} and placed[other.id].item == 0 and not unplaced
    section = Section("P1.II.3", "3.", "Thực hiện các chính sách", 3, "P1.II", ["Chính sách", "Phối hợp"])
    d = compose_section(section, {0: list(reversed(cards))}, unit="UBND xã Đông Hưng")
    assert "Trẻ em được cấp thẻ BHYT: 1.105 em (năm 2015) [1]; 1.127 em (năm 2016) [2]; 2.232 em (cộng 2 năm) [3]." \
        in d.text


def test_causes_from_a_difficulties_label_are_objective():
    text = HEADER + "BÁO CÁO\nNăm học 2019-2020\nI. Đặc điểm tình hình\nKhó khăn: có 87 học sinh ở thôn xa, phải qua sông.\n"
    cause = _fact(_facts(text, "bc-2020.txt"), "87 học sinh")
    assert cause.kind == "cause" and cause.text.startswith("Có 87 học sinh")
    section = Section("P1.III.2", "2.", "Xác định rõ nguyên nhân khách quan, chủ quan của hạn chế, yếu kém", 3, "P1.III")
    subjective = Fact("F2", "Nguyên nhân chủ quan là giáo viên chưa chủ động.", "q", "d", "d", "report", "c", "l",
                      "III. Nguyên nhân", "cause", "năm 2020", 2020, 0)
    d = compose_section(section, {None: [cause, subjective]}, context=["Những hạn chế, nguyên nhân"])
    assert "Nguyên nhân khách quan: Có 87 học sinh" in d.text


@pytest.mark.parametrize("text, kind", [
    ("Một số quán internet vẫn để học sinh chơi quá giờ quy định.", "limitation"),
    ("Trên địa bàn không để xảy ra trẻ em đuối nước.", "result"),
    ("Tiếp tục quán triệt; phấn đấu đến năm 2020 có 100% thôn có điểm vui chơi.", "task"),
    ("Năm 2019, xã phấn đấu và đã đạt chuẩn xã phù hợp với trẻ em.", "result"),
])
def test_statement_kinds_of_the_new_shapes(text, kind):
    assert statement_kind(text, ["II. Kết quả thực hiện"]) == kind


def test_an_item_topic_is_not_cut_inside_a_word():
    topic = short_topic("Nguồn lực ngân sách địa phương hỗ trợ các chương trình mục tiêu vì trẻ em trong nhà trường.")
    assert topic == "nguồn lực ngân sách địa phương hỗ trợ các chương trình mục tiêu"


@pytest.mark.parametrize("text, period, general, expected", [
    ("Chi bộ chưa chỉ đạo xây dựng kịch bản ngay từ đầu năm.", "năm 2021", False, "ngay từ đầu năm (2021)."),
    ("Ngay từ đầu năm học, nhà trường rà soát 12 em.", "năm học 2020-2021", False, "đầu năm học (2020-2021),"),
    ("Phải chuẩn bị phương án ngay từ đầu năm học.", "năm học 2020-2021", True, "ngay từ đầu năm học."),  # a lesson
    ("Đầu năm 2019, xã kiện toàn Ban Bảo vệ trẻ em.", "năm 2019", False, "Đầu năm 2019, xã"),
])
def test_the_start_and_end_of_the_year_are_anchored_unless_the_statement_is_general(text, period, general, expected):
    from bctk_assist.facts import anchor_time

    assert expected in anchor_time(text, period, general=general)[0]


@pytest.mark.parametrize("text, expected", [
    ("Đảng ủy xã kiểm tra 04 chi bộ thôn.", "Đảng ủy xã"),
    ("Công an xã xác minh 01 vụ việc.", "Công an xã"),
    ("Công tác tuyên truyền được đẩy mạnh.", "công tác"),
    ("Hội thi kéo co có 11 đội.", "hội thi"),
])
def test_a_year_lead_keeps_the_capital_of_a_body_name(text, expected):
    from bctk_assist.facts import lower_first

    assert lower_first(text).startswith(expected)


def test_a_decision_announced_as_a_list_reads_on_from_its_verb_and_a_repeated_year_is_not_repeated():
    from bctk_assist.composer import render_facts, _Book

    def fact(i, text, lead, period="năm 2020"):
        return Fact(id=f"F{i}", text=text, quote=text, doc="bien-ban.docx", doc_id="d1", location=f"đoạn {i}",
                    doc_kind="report", chunk_id="c", heading="", kind="result", period=period, year=2020,
                    position=i, lead=lead)

    lead = "Ban Bảo vệ trẻ em xã thống nhất các nội dung sau:"
    one = fact(1, f"{lead} giao Công an xã chủ trì kiểm tra các quán internet.", lead)
    sentences = render_facts([one], _Book(), 0)
    assert sentences == ["Năm 2020, Ban Bảo vệ trẻ em xã thống nhất giao Công an xã chủ trì kiểm tra các quán "
                         "internet [1]."]
    said = fact(2, "Kết quả cụ thể như sau: cấp 120 thẻ bảo hiểm y tế.", "Kết quả cụ thể như sau:")
    assert "như sau: cấp 120 thẻ" in render_facts([said], _Book(), 0)[0]  # no verb to read on from: kept
