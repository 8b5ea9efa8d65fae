"""The one citation and placeholder grammar, and numbers bound to the sentence that cites them."""
from __future__ import annotations

import pytest

from bctk_assist.grounding import Draft, Evidence, cited_numbers, citation_numbers, sentences, validate


@pytest.mark.parametrize("body, numbers", [
    ("3", [3]),
    ("1, 3", [1, 3]),
    ("1; 3", [1, 3]),
    ("1-3", [1, 2, 3]),
    ("1–3, 7", [1, 2, 3, 7]),
    ("4-2", [4, 2]),  # a reversed range is two markers, never a guess
])
def test_citation_numbers(body, numbers):
    assert citation_numbers(body) == numbers


def test_cited_numbers_in_text_in_order_of_first_use():
    assert cited_numbers("Một [2]. Hai [1-2]. Ba [5; 1]. Không phải [a] hay [CẦN BỔ SUNG: x].") == [2, 1, 5]


def _ev(n, quote, context=""):
    return Evidence(n, quote, "bc.docx", "đoạn 1", "report", "c1", context=context)


@pytest.mark.parametrize("text, unverified", [
    ("Năm 2020 tổ chức 12 buổi [1]. Có 30 học sinh tham gia [2].", []),
    # 30 is in source [2], but this sentence cites only [1]: the figure is not bound to its source
    ("Năm 2020 tổ chức 12 buổi với 30 học sinh [1]. Có nhiều hoạt động khác [2].", ["30"]),
    ("Năm 2020 tổ chức 12 buổi với 30 học sinh [1-2].", []),  # a range cites both
    ("Năm học 2019-2020, trường tổ chức 12 buổi [3].", []),  # the period the composer added is sourced
    ("Năm 2031, nhà trường có 777 học sinh tham gia.", ["2031", "777"]),  # typed with no source at all
])
def test_numbers_are_bound_to_their_sentence(text, unverified):
    evidence = [_ev(1, "Năm 2020 tổ chức 12 buổi tuyên truyền."), _ev(2, "Có 30 học sinh tham gia hội thi."),
                _ev(3, "Trường tổ chức 12 buổi.", context="năm học 2019-2020")]
    d = validate(Draft("P1.II.2", text, []), notes="", outline_text="", evidence=evidence)
    assert d.unverified_numbers == unverified


def test_unknown_marker_is_flagged_and_dropped():
    d = validate(Draft("P1", "Tổ chức 12 buổi [1]. Thêm câu [9].", []), "", "", [_ev(1, "Tổ chức 12 buổi.")])
    assert [c.n for c in d.citations] == [1] and any("[9]" in w for w in d.warnings)


def test_sentences_keep_their_marker():
    assert sentences("Một câu có 5.400.000 đồng [1]. Câu hai [2].\n\nĐoạn mới.") == [
        "Một câu có 5.400.000 đồng [1].", "Câu hai [2].", "Đoạn mới."]
