"""Facts from a unit's own documents, the report-wide fact map, and drafts built from it."""
from __future__ import annotations

import re

import pytest

from bctk_assist import services
from bctk_assist.composer import compose_section
from bctk_assist.drafting import draft_section
from bctk_assist.factmap import Slot, assign, build_slots, fact_map
from bctk_assist.facts import anchor_time, extract_facts, period_in, statement_kind
from bctk_assist.index import Chunk
from bctk_assist.outline import default_outline, find_section
from bctk_assist.workspace import Workspace
from conftest import CORPUS

# An annual report of a lower-secondary school, shaped by its own year's logic, not the outline.
ANNUAL = """PHÒNG GD&ĐT SÔNG CẦU\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRƯỜNG THCS LÊ LỢI\tĐộc lập - Tự do - Hạnh phúc
Số: 41/BC-THCSLL\tSông Cầu, ngày 28 tháng 5 năm 2020
BÁO CÁO TỔNG KẾT NĂM HỌC 2019-2020
I. Đặc điểm tình hình
Trường có 14 lớp với 517 học sinh, trong đó 38 học sinh thuộc hộ nghèo.
II. Kết quả các mặt công tác
1. Giáo dục đạo đức, kỹ năng sống
Trong năm học, Đoàn trường tổ chức 9 buổi ngoại khóa về quyền và bổn phận của trẻ em cho học sinh.
Mô hình "Bạn giúp bạn" được duy trì ở 14/14 lớp. Mô hình này giúp 61 học sinh yếu vươn lên.
2. Hoạt động ngoài giờ lên lớp
Các hoạt động chính gồm:
- Hội thi kéo co, nhảy bao bố với 11 trò chơi dân gian cho 420 học sinh;
- Giải bóng đá mini có 16 đội tham gia.
Bảng 2. Học sinh được hỗ trợ qua các tháng
Tháng | Số học sinh | Kinh phí (đồng)
9/2019 | 27 | 5.400.000
III. Tồn tại, hạn chế
Phòng tư vấn tâm lý chưa có cán bộ chuyên trách, hoạt động còn hình thức.
IV. Kiến nghị
Đề nghị Phòng GD&ĐT huyện bố trí 01 biên chế nhân viên tư vấn tâm lý cho nhà trường.
Nơi nhận:
- Phòng GD&ĐT;
- Lưu: VT.
HIỆU TRƯỞNG
Trần Văn Bình
"""


def _chunks(text: str, doc: str = "bc-2020.txt") -> list[Chunk]:
    """Lines as chunks the way the indexer makes them (one per heading group)."""
    from bctk_assist.index import chunk_blocks
    from bctk_assist.sources import SourceDoc, _blocks_from_lines, _with_heading_paths

    lines = [(line, f"dòng {i}") for i, line in enumerate(text.splitlines(), start=1)]
    source = SourceDoc(doc, _with_heading_paths(_blocks_from_lines(lines, markdown=True)))
    return chunk_blocks(source, "bc-2020", "report")


@pytest.fixture(scope="module")
def annual_facts():
    return extract_facts(_chunks(ANNUAL))


def _fact(facts, words: str):
    found = [f for f in facts if words in f.text]
    assert found, f"no fact holds '{words}': {[f.text for f in facts]}"
    return found[0]


def test_relative_time_is_anchored_to_the_document_period(annual_facts):
    fact = _fact(annual_facts, "9 buổi ngoại khóa")
    assert fact.text.startswith("Trong năm học 2019-2020, Đoàn trường")
    assert fact.period == "năm học 2019-2020" and fact.anchored
    # the source quote itself stays as written (what the citation shows)
    assert fact.quote.startswith("Trong năm học, Đoàn trường")


@pytest.mark.parametrize("text, period, expected", [
    ("Trong năm học, trường tổ chức 3 buổi.", "năm học 2020-2021", "Trong năm học 2020-2021, trường"),
    ("Trong 5 năm qua, xã đã vận động 120 triệu đồng.", "giai đoạn 2016-2020", "Trong 5 năm qua (2016-2020), xã"),
    ("Năm nay chi bộ kết nạp 2 đảng viên.", "năm 2021", "Năm nay (2021) chi bộ"),
    ("Mỗi năm học tổ chức 2 buổi.", "năm học 2020-2021", "Mỗi năm học tổ chức 2 buổi."),  # not relative
    ("Trong năm học 2018-2019 có 5 lớp.", "năm học 2020-2021", "Trong năm học 2018-2019 có 5 lớp."),
    ("Trong năm học, trường tổ chức 3 buổi.", "", "Trong năm học, trường tổ chức 3 buổi."),  # no period: as is
    ("Năm học tới, trường phấn đấu 95% học sinh có thẻ.", "năm học 2018-2019", "Năm học tới (sau năm học 2018-2019),"),
])
def test_anchor_time(text, period, expected):
    assert anchor_time(text, period)[0].startswith(expected)


@pytest.mark.parametrize("title, period", [
    ("BÁO CÁO TỔNG KẾT NĂM HỌC 2019-2020", "năm học 2019-2020"),
    ("Báo cáo sơ kết 5 năm thực hiện Chỉ thị 20, giai đoạn 2012 - 2017", "giai đoạn 2012-2017"),
    ("Kết quả công tác trẻ em năm 2021", "năm 2021"),
    ("Sông Cầu, ngày 28 tháng 5 năm 2020", ""),  # a date of issue is not a period
])
def test_period_in_titles(title, period):
    assert period_in(title) == period


def test_list_item_is_kept_with_its_lead_in(annual_facts):
    fact = _fact(annual_facts, "11 trò chơi dân gian")
    assert fact.text.startswith("Các hoạt động chính gồm: hội thi kéo co")
    assert fact.lead == "Các hoạt động chính gồm:"


def test_a_sentence_that_points_back_is_never_alone(annual_facts):
    assert not any(f.text.startswith("Mô hình này") for f in annual_facts)
    fact = _fact(annual_facts, "61 học sinh yếu")
    assert "Bạn giúp bạn" in fact.text and "Bạn giúp bạn" in fact.quote


def test_headers_captions_signatures_and_recipients_are_not_facts(annual_facts):
    texts = " ".join(f.text for f in annual_facts)
    for furniture in ("CỘNG HÒA", "Số: 41", "ngày 28 tháng 5", "Bảng 2", "Nơi nhận", "Lưu: VT", "Trần Văn Bình",
                      "BÁO CÁO TỔNG KẾT", "HIỆU TRƯỞNG"):
        assert furniture not in texts, furniture


def test_table_figures_become_labelled_statements(annual_facts):
    money = _fact(annual_facts, "5.400.000")
    assert money.text == "Kinh phí: 5.400.000 đồng (tháng 9/2019)."
    # the citation shows the figure's own cells under their headers, not the whole row
    assert money.quote == "Tháng | Kinh phí (đồng)\n9/2019 | 5.400.000"
    assert _fact(annual_facts, "Số học sinh: 27").text == "Số học sinh: 27 (tháng 9/2019)."


def test_table_with_words_becomes_row_statements():
    table = "II. Kết quả\nHoạt động | Số buổi | Ghi chú\nNgoại khóa về quyền trẻ em | 6 | phối hợp Công an xã\n"
    assert [f.text for f in extract_facts(_chunks(table))] == [
        "Ngoại khóa về quyền trẻ em: số buổi 6; ghi chú phối hợp Công an xã."]


@pytest.mark.parametrize("text, headings, kind", [
    ("Phòng tư vấn chưa có cán bộ chuyên trách.", ["III. Tồn tại, hạn chế"], "limitation"),
    ("Do kinh phí hạn hẹp nên chưa mua được thiết bị.", ["3. Hạn chế và nguyên nhân"], "cause"),
    ("Tuy nhiên, việc tuyên truyền ở thôn xa còn hạn chế.", ["II. Kết quả"], "limitation"),
    ("Trường trao 40 suất quà cho học sinh có hoàn cảnh khó khăn.", ["II. Kết quả"], "result"),
    ("Đề nghị UBND huyện hỗ trợ kinh phí sửa sân chơi.", ["IV. Kiến nghị"], "recommendation"),
    ("Tiếp tục duy trì 12 buổi tuyên truyền mỗi năm.", ["V. Phương hướng năm học tới"], "task"),
    ("Phải gắn trách nhiệm người đứng đầu với kết quả.", ["Bài học kinh nghiệm"], "lesson"),
    ("Khó khăn: có 112 học sinh ở thôn xa, phải qua đập tràn.", ["I. Đặc điểm tình hình"], "cause"),
])
def test_statement_kind(text, headings, kind):
    assert statement_kind(text, headings) == kind


def test_global_assignment_beats_greedy_outline_order():
    """Greedy filling in outline order gives the first item the fact that fits the second one best."""
    from bctk_assist.facts import Fact

    def fact(fid):
        return Fact(fid, "x", "x", "d", "d", "report", "c", "l", "", "result", "", None, 0)

    slots = [Slot("P1.II.2", 0, "tuyên truyền", "result"), Slot("P1.II.2", 3, "trò chơi truyền thống", "result")]
    facts = [fact("A"), fact("B")]
    scores = [[0.30, 0.55],   # A: "12 trò chơi dân gian" is about traditional games, somewhat about propaganda
              [0.40, 0.05]]   # B: a propaganda fact
    placed, unplaced = assign(facts, slots, scores)
    assert placed["A"].item == 3 and placed["B"].item == 0 and unplaced == []


# --------------------------------------------------------------------- drafts over a real workspace

@pytest.fixture
def unit_kb(kb, tmp_path):
    """The bundled corpus as a new user has it (sample included), plus the unit's own annual report."""
    for name, kind in (("de-cuong-bao-cao-truong-hoc.txt", "outline"), ("huong-dan-kem-cv-807-CV-TU.txt", "guidance"),
                       ("bao-cao-mau-truong-tieu-hoc-hoa-an.docx", "sample")):
        assert kb.ingest(CORPUS / name, kind).ok
    return kb


def _add_own(kb, tmp_path):
    (tmp_path / "bao-cao-nam-hoc-2019-2020.txt").write_text(ANNUAL, encoding="utf-8")
    assert kb.ingest(tmp_path / "bao-cao-nam-hoc-2019-2020.txt", "report").ok


def _draft_all(kb, sections, **kw):
    return {s.id: draft_section(s, kb, sections=sections, **kw) for s in build_sections(sections)}


def build_sections(sections):
    ids = {s.section_id for s in build_slots(sections)}
    return [s for s in sections if s.id in ids]


def test_sample_drafts_are_labelled_until_the_unit_adds_a_document(unit_kb, settings, tmp_path):
    sections = default_outline(settings)
    section = find_section(sections, "P1.II.2")
    before = draft_section(section, unit_kb, sections=sections)
    assert before.sample_data and "DỮ LIỆU MẪU" in before.warnings[0]
    assert before.citations and all(c.kind == "sample" for c in before.citations)
    _add_own(unit_kb, tmp_path)
    drafts = _draft_all(unit_kb, sections)
    cited = [c for d in drafts.values() for c in d.citations]
    assert cited and {c.doc for c in cited} == {"bao-cao-nam-hoc-2019-2020.txt"}
    assert not any(d.sample_data or any("DỮ LIỆU MẪU" in w for w in d.warnings) for d in drafts.values())


def test_no_fact_in_two_sections_and_limitations_stay_out_of_results(unit_kb, settings, tmp_path):
    _add_own(unit_kb, tmp_path)
    sections = default_outline(settings)
    drafts = _draft_all(unit_kb, sections)
    seen: dict[str, str] = {}
    for sid, d in drafts.items():
        for c in d.citations:
            assert c.fact_id not in seen, (c.quote, seen.get(c.fact_id), sid)
            seen[c.fact_id] = sid
    limitation = "chưa có cán bộ chuyên trách"
    assert limitation in drafts["P1.III.1"].text
    assert not any(limitation in d.text for sid, d in drafts.items() if sid != "P1.III.1")
    assert "biên chế nhân viên tư vấn" in drafts["P3.1"].text  # addressed to the district
    assert all(d.unverified_numbers == [] for d in drafts.values())
    # the composer's year lead and anchored periods are sourced by the cited fact's context
    assert "Trong năm học 2019-2020" in " ".join(d.text for d in drafts.values())


def test_openings_claim_nothing_and_cite_nothing(unit_kb, settings, tmp_path):
    _add_own(unit_kb, tmp_path)
    sections = default_outline(settings)
    drafts = _draft_all(unit_kb, sections)
    for sid, d in drafts.items():
        first = d.text.split("\n\n")[0]
        if "[CẦN BỔ SUNG" in first:
            continue
        assert not re.search(r"\[\d", first), (sid, first)
        assert "đã triển khai đánh giá" not in first.lower() and "Trong thời gian đến" not in first or sid == "P2"
    p3 = [drafts[s].text.split("\n\n")[0] for s in ("P3.1", "P3.2", "P3.3", "P3.4")]
    assert len(set(p3)) == 4


def test_moving_and_dropping_a_fact_change_the_next_draft(unit_kb, settings, tmp_path):
    _add_own(unit_kb, tmp_path)
    sections = default_outline(settings)
    ws = Workspace(settings.home)
    fmap = services.workspace_map(ws, unit_kb, sections)
    fact = next(f for f in fmap.facts.values() if "11 trò chơi dân gian" in f.text)
    source = fmap.placed[fact.id].section_id
    assert source.startswith("P1.II")
    services.move_fact(ws, fmap, sections, fact.id, "P1.II.4", 0)
    moved, _ = services.draft(ws, unit_kb, sections, find_section(sections, "P1.II.4"))
    left, _ = services.draft(ws, unit_kb, sections, find_section(sections, source))
    assert "11 trò chơi dân gian" in moved.text and "11 trò chơi dân gian" not in left.text
    services.drop_fact(ws, services.workspace_map(ws, unit_kb, sections), fact.id)
    again, _ = services.draft(ws, unit_kb, sections, find_section(sections, "P1.II.4"))
    assert "11 trò chơi dân gian" not in again.text


def test_chat_edit_drops_a_cited_fact_and_redrafts(unit_kb, settings, tmp_path):
    _add_own(unit_kb, tmp_path)
    sections = default_outline(settings)
    ws = Workspace(settings.home)
    section = find_section(sections, "P1.II.2")
    first, record = services.draft(ws, unit_kb, sections, section)
    quote = first.citations[0].quote
    reply = services.chat_edit(ws, unit_kb, sections, section, "bỏ [1]")
    assert "phiên bản 2" in reply
    assert quote not in " ".join(c["quote"] for c in ws.latest_draft(section.id).citations)
    assert services.chat_edit(ws, unit_kb, sections, section, "viết cho hay hơn") is None


def test_composer_groups_list_items_and_leads_with_the_year(annual_facts):
    sections_fact = [f for f in annual_facts if f.lead]
    from bctk_assist.outline import Section

    section = Section("P1.II.2", "2.", "Tuyên truyền", 3, "P1.II", ["Vui chơi, giải trí"])
    own = [f for f in annual_facts if "Bạn giúp bạn" in f.text]
    d = compose_section(section, {0: own + sections_fact}, unit="Trường THCS Lê Lợi")
    # the list's lead-in carries the year its items belong to; the same year just written reads "Cũng trong"
    assert "Năm học 2019-2020, mô hình" in d.text and "của nhà trường" in d.text
    assert "Cũng trong năm học 2019-2020, các hoạt động chính gồm: hội thi kéo co" in d.text
    assert "; giải bóng đá mini" in d.text and d.text.count("Năm học 2019-2020") == 1
    assert d.unverified_numbers == []


def test_fact_map_is_cached_until_the_index_changes(unit_kb, settings, tmp_path):
    sections = default_outline(settings)
    first = fact_map(unit_kb, sections)
    assert fact_map(unit_kb, sections) is first and first.sample
    _add_own(unit_kb, tmp_path)
    second = fact_map(unit_kb, sections)
    assert second is not first and not second.sample


def test_causes_are_told_apart_as_objective_and_subjective():
    from bctk_assist.facts import Fact
    from bctk_assist.outline import Section

    def cause(fid, text):
        return Fact(fid, text, text, "bc.docx", "bc", "report", "c", "đoạn 3", "III. Hạn chế, nguyên nhân", "cause",
                    "năm 2021", 2021, 0)

    section = Section("P1.III.2", "2.", "Xác định rõ nguyên nhân khách quan, chủ quan của hạn chế, yếu kém", 3, "P1.III")
    share = {None: [cause("F1", "Nguyên nhân khách quan là dịch Covid-19 kéo dài, 35% phụ huynh làm ca."),
                    cause("F2", "Về chủ quan, chi bộ chưa chỉ đạo xây dựng kịch bản hoạt động trực tuyến.")]}
    d = compose_section(section, share, context=["Những hạn chế, yếu kém, nguyên nhân và bài học kinh nghiệm"])
    assert "Nguyên nhân khách quan: Dịch Covid-19 kéo dài, 35% phụ huynh làm ca [1]." in d.text
    assert "Nguyên nhân chủ quan: Chi bộ chưa chỉ đạo" in d.text and d.unverified_numbers == []


def test_label_lines_without_numbers_give_their_kind():
    """Minutes and short reports often label their parts with a plain line, not a numbered heading."""
    text = ("BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 6 NĂM 2021\n"
            "I. Nội dung\n"
            "Kết quả đạt được\n"
            "Chi bộ đã vận động 12 đảng viên tham gia lớp kỹ năng phòng, chống xâm hại trẻ em.\n"
            "Hạn chế:\n"
            "- Phòng học tạm ở điểm thôn Đông vẫn còn 01 phòng, chưa bảo đảm an toàn cho trẻ;\n"
            "- Bếp ăn bán trú thiếu 02 nhân viên nấu ăn.\n")
    facts = extract_facts(_chunks(text, "bien-ban-6-2021.txt"))
    assert _fact(facts, "12 đảng viên").kind == "result"
    assert {f.kind for f in facts if "phòng học tạm" in f.text.lower() or "bếp ăn" in f.text.lower()} == {"limitation"}
    assert _fact(facts, "02 nhân viên").text.startswith("Hạn chế: bếp ăn bán trú")


def test_table_rows_with_a_one_word_verdict_are_kept():
    table = ("II. Kết quả thực hiện\nTT | Chỉ tiêu | Năm học 2019-2020 | Năm học 2020-2021 | So với kế hoạch\n"
             "2 | Số học sinh bỏ học (em) | 03 | 01 | Đạt\n")
    texts = [f.text for f in extract_facts(_chunks(table))]
    assert texts == ["Số học sinh bỏ học: 03 em (năm học 2019-2020).", "Số học sinh bỏ học: 01 em (năm học 2020-2021)."]


def test_tasks_of_older_documents_do_not_become_next_tasks():
    from bctk_assist.facts import Fact
    from bctk_assist.factmap import settle_old_plans

    def task(fid, period):
        return Fact(fid, "Phấn đấu 95% học sinh có thẻ bảo hiểm y tế.", "q", "d", "d", "report", "c", "l", "",
                    "task", period, None, 0)

    facts = [task("OLD", "năm học 2015-2016"), task("NEW", "năm học 2020-2021"), task("NEAR", "năm 2020")]
    settle_old_plans(facts)
    assert [f.kind for f in facts] == ["plan", "task", "task"]
