"""Fact units: what a unit's own documents state, each readable on its own.

A 10-year review is compiled from documents written for other purposes: annual reports, a sơ kết,
plans, minutes. Their sentences lean on their neighbours and their time words are relative to their
own year. A fact here is one sentence (or a sentence with the one it points back to), a list item
with its lead-in (in nested "-" / "+" lists, the innermost one still open), or one figure of a table
labelled with its row and column (the figures of a row or column form a series), with:
- its statement kind (result, limitation, cause, lesson, task, recommendation; "context" for the
  unit's situation, which no section takes), from cue words and the heading it sits under, and for a
  recommendation the level it addresses. A paragraph that opens with its own heading ("Về công tác
  tuyên truyền: …", "Nguyên nhân: …") and an "a) Label:" list part count as headings;
- its document's period ("năm học 2020-2021", "giai đoạn 2012-2017", "năm 2019"), which anchors
  relative time ("Trong năm học", "Trong 5 năm", "năm nay", "đầu năm");
- its document's type (report, plan, minutes): a plan's targets are tasks, not results.
Context repair never invents: the only words added to a source sentence are the lead-in of its
list, the sentence it points back to, the document's own period (kept in `context`, so the
validators count it as sourced) and, for a plan's target, its heading ("Chỉ tiêu: …"). The words
dropped are a stray connective, a run-in heading or speaker ("Đồng chí X báo cáo: …") and a pointer
to the source's own table ("…, cụ thể tại Biểu 1"). Headings, captions, header blocks, signatures,
minutes' formalities and "Nơi nhận" are never facts.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass

from bctk_assist import textvi
from bctk_assist.index import Chunk

KINDS = ("result", "summary", "limitation", "cause", "lesson", "task", "recommendation")
KIND_NAMES = {"result": "kết quả", "summary": "đánh giá chung", "limitation": "hạn chế", "cause": "nguyên nhân", "lesson": "bài học",
              "task": "nhiệm vụ", "recommendation": "kiến nghị", "plan": "kế hoạch đã qua", "context": "tình hình chung"}
LEVELS = ("xa", "huyen", "so", "tinh", "tw")


@dataclass
class Fact:
    id: str
    text: str  # readable on its own: lead-in kept, relative time anchored, stray connective dropped
    quote: str  # the source words as they stand (what a citation shows)
    doc: str
    doc_id: str
    doc_kind: str
    chunk_id: str
    location: str
    heading: str  # the heading path it sits under, innermost last
    kind: str  # statement kind (KINDS)
    period: str  # the document's (or heading's) period, "" when unknown
    year: int | None  # for time order: the first year the fact names, else its period's first year
    position: int  # order within its document
    lead: str = ""  # lead-in of a list item
    level: str = ""  # for a recommendation: the level addressed (LEVELS), "" when not named
    anchored: bool = False  # the period was written into the text
    series: str = ""  # the figures of one table row or column (one indicator over the years) share a key
    doc_type: str = ""  # what its document is: "report", "plan" (kế hoạch) or "minutes" (biên bản)

    def to_json(self) -> dict:
        return asdict(self)


# ----------------------------------------------------------------------------- periods

_YEAR = r"(20[0-4]\d|19[89]\d)"
_PERIOD_PATTERNS = (
    (re.compile(rf"từ\s+năm học\s+{_YEAR}\s*[-–]\s*\d{{4}}\s+đến\s+(?:hết\s+)?năm học\s+\d{{4}}\s*[-–]\s*{_YEAR}",
                re.I), "giai đoạn {0}-{1}"),
    (re.compile(rf"năm học\s+{_YEAR}\s*[-–]\s*{_YEAR}", re.I), "năm học {0}-{1}"),
    (re.compile(rf"(?:giai đoạn|nhiệm kỳ)\s+(?:từ\s+)?(?:năm\s+)?{_YEAR}\s*(?:[-–]|đến(?:\s+năm)?)\s*{_YEAR}",
                re.I), "giai đoạn {0}-{1}"),
    (re.compile(rf"(?:từ\s+)?năm\s+{_YEAR}\s*(?:[-–]|đến(?:\s+năm)?)\s*{_YEAR}", re.I), "giai đoạn {0}-{1}"),
    (re.compile(rf"\bnăm\s+{_YEAR}\b", re.I), "năm {0}"),
)
_DATE_LINE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.I)


def period_in(text: str) -> str:
    """The first period a title or heading names, in a standard form; "" if none."""
    text = _DATE_LINE.sub(" ", text)
    found = [(m.start(), i, form.format(*m.groups())) for i, (pattern, form) in enumerate(_PERIOD_PATTERNS)
             for m in [pattern.search(text)] if m]
    return min(found)[2] if found else ""


def period_from_name(name: str) -> str:
    """A period from a file name such as "bao-cao-nam-hoc-2020-2021.docx" or "bc_2019.pdf"."""
    folded = textvi.fold(name)
    m = re.search(rf"{_YEAR}\D{{1,3}}{_YEAR}", folded)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if b == a + 1 and re.search(r"nam[-_ ]?hoc|nh", folded):
            return f"năm học {a}-{b}"
        if b > a:
            return f"giai đoạn {a}-{b}"
    m = re.search(_YEAR, folded)
    return f"năm {m.group(1)}" if m else ""


def period_start(period: str) -> int | None:
    m = re.search(_YEAR, period)
    return int(m.group(1)) if m else None


def period_end(period: str) -> int | None:
    years = re.findall(_YEAR, period)
    return int(years[-1]) if years else None


# ----------------------------------------------------------------------------- furniture

_FURNITURE = re.compile(
    r"^(CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập\s*[-–]|Số\s*:?\s*\d*\s*[-/]|Số\s*:|Kính gửi|Nơi nhận|"
    r"T/M\b|TM\.|KT\.|TL\.|Q\.\s|(HIỆU TRƯỞNG|PHÓ HIỆU TRƯỞNG|BÍ THƯ|PHÓ BÍ THƯ|CHỦ TỊCH|PHÓ CHỦ TỊCH|"
    r"THƯ KÝ|CHỦ TỌA|CHỦ TRÌ|NGƯỜI LẬP|TRƯỞNG BAN)\b|\(?Ký(,| tên| và)|\(Đã ký\)|"
    r"(?-i:BÁO CÁO|KẾ HOẠCH|BIÊN BẢN|NGHỊ QUYẾT|TỜ TRÌNH|CHƯƠNG TRÌNH|HƯỚNG DẪN)\b|"
    r"(Bảng|Biểu|Hình|Sơ đồ|Phụ lục)\s*(số\s*)?\d*\s*[.:\-–]|Ghi chú\s*:|Nguồn\s*:|Trên đây là)", re.I)
_CAPTION = re.compile(r"^(Bảng|Biểu|Hình|Sơ đồ)\s*(số\s*)?\d+\s*[.:\-–]?\s*", re.I)
_INTRO = re.compile(r"(báo cáo|như sau|cụ thể như sau|gồm các nội dung sau)\s*[:.]?$", re.I)
_MINUTES = re.compile(r"^(Thời gian|Địa điểm|Thành phần|Chủ trì|Thư ký|Vắng mặt|Có mặt|Khách mời)\s*:|"
                      r"^(Cuộc họp|Hội nghị|Buổi (họp|sinh hoạt)|Biên bản|Phiên họp)\s+(kết thúc|bế mạc)\b", re.I)


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def is_furniture(line: str) -> bool:
    """Header blocks, document numbers, dates of issue, signatures, captions, "Nơi nhận", minutes headers."""
    t = line.strip()
    if _FURNITURE.match(t) or _MINUTES.match(t) or re.search(r"Độc lập\s*[-–]\s*Tự do|CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI", t):
        return True
    if _DATE_LINE.search(t) and len(t.split()) <= 14:
        return True
    if "\t" in t and (_is_caps(t.split("\t")[0]) or _DATE_LINE.search(t)):
        return True  # a header line laid out with tabs: "TRƯỜNG … <tab> CỘNG HÒA …"
    words = t.split()
    if len(words) <= 5 and not re.search(r"\d", t) and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return True  # a name under a signature, a unit name line
    return bool(re.fullmatch(r"\(?[^()]{0,120}(mẫu|minh họa|minh hoạ)[^()]{0,120}\)?", t, re.I) and t.startswith("("))


def is_heading_line(line: str, first: bool) -> bool:
    """A heading inside a chunk: its numbered or styled first line, or a short line in capitals."""
    from bctk_assist.sources import numbered_level

    t = line.strip()
    if not t or len(t) > 200 or re.match(r"^[-+•*–]\s", t):
        return False
    if _is_caps(t) and len(t.split()) <= 25 and not re.search(r"[.;]$", t):
        return True
    if not first:  # a label line inside a block: "Kết quả đạt được", "Hạn chế:" (not a name, not a figure)
        return (len(t.split()) <= (6 if t.endswith(":") else 10) and t[:1].isupper() and not re.search(r"\d", t)
                and not re.search(r"[.;!?]$", t) and not is_furniture(t.rstrip(":")))
    if numbered_level(t) and not re.search(r"[.;:]$", t):
        return True
    return len(t.split()) <= 12 and not re.search(r"[.;:!?]$", t)


# ----------------------------------------------------------------------------- kinds

_HEADING_KINDS = (
    ("context", re.compile(r"đặc điểm|tình hình (chung|trẻ em|địa phương|đơn vị|nhà trường|học sinh)|thuận lợi", re.I)),
    ("result", re.compile(r"kết quả|ưu điểm|thành tích|đạt được|những việc đã làm|tình hình thực hiện", re.I)),
    ("cause", re.compile(r"nguyên nhân", re.I)),
    ("lesson", re.compile(r"bài học|kinh nghiệm", re.I)),
    ("limitation", re.compile(r"hạn chế|tồn tại|yếu kém|khó khăn|vướng mắc|bất cập|khuyết điểm", re.I)),
    ("recommendation", re.compile(r"kiến nghị|đề xuất|đề nghị", re.I)),
    ("summary", re.compile(r"đánh giá chung|nhận xét chung|kết luận chung|đánh giá tổng quát", re.I)),
    ("task", re.compile(r"phương hướng|nhiệm vụ.*(tới|đến|sau)|nhiệm vụ (trọng tâm )?(năm|năm học) \d{4}|giải pháp|thời gian (tới|đến)|năm học tới|"
                        r"năm học \d{4}\s*-\s*\d{4}.*(tới|đến)|kế hoạch.*(tới|đến)|mục tiêu.*(tới|đến)", re.I)),
)
_CUE_RECOMMENDATION = re.compile(r"^(\W*)(đề nghị|kiến nghị|đề xuất)\b|\b(đề nghị|kiến nghị|đề xuất)\s+(với\s+)?"
                                 r"(UBND|Ủy ban|Uỷ ban|Phòng|Sở|Bộ|Trung ương|Tỉnh|Huyện|cấp trên|các cấp|ngành|"
                                 r"Nhà nước|Chính phủ|Quốc hội|Đảng ủy|Huyện ủy|Tỉnh ủy|Ban|Hội)", re.I)
_CUE_CAUSE = re.compile(r"^\W*(nguyên nhân|do|vì|bởi|về (mặt )?(chủ quan|khách quan)|(chủ quan|khách quan)\b)|"
                        r"nguyên nhân", re.I)
_CUE_SUMMARY = re.compile(r"^\W*((qua|sau|trải qua) (gần |hơn |hơn |tròn )?(\d+|mười|năm|5|10) năm|nhìn (lại|chung)|"
                          r"tóm lại|nhìn một cách tổng quát|có thể khẳng định|đánh giá chung|"
                          r"(với|từ|qua|nhờ) (những |các )?(kết quả|thành tích) (nêu |như |kể )?trên)", re.I)
# "học sinh có hoàn cảnh khó khăn", "hộ gia đình gặp khó khăn": who was helped, not a limitation
_BENEFICIARIES = re.compile(r"(có )?hoàn cảnh (đặc biệt )?khó khăn|(hộ|gia đình|trẻ em|học sinh|cháu)( [^\s,.;]+){0,4} "
                            r"(gặp|có) khó khăn", re.I)
_CUE_LESSON = re.compile(r"bài học|rút ra (được )?kinh nghiệm|kinh nghiệm (là|cho thấy|rút ra)", re.I)
_CUE_TASK = re.compile(r"(thời gian|năm học|năm|giai đoạn) (tới|đến|sắp tới)|\bphấn đấu\b|\bsẽ\s+(tiếp tục|tổ chức|"
                       r"triển khai|xây dựng|thực hiện|duy trì|tăng cường|đẩy mạnh|phối hợp)", re.I)
# "Phấn đấu đến năm 2020 có 100% thôn…" is a target even with a year in it, unless it says it was reached
_CUE_TARGET = re.compile(r"^\W*phấn đấu\b|[,;]\s*phấn đấu\b", re.I)
_REACHED = re.compile(r"\b(đã|đều) (đạt|hoàn thành|vượt)|\bđạt được\b", re.I)
# A part of a plan that states what is to be reached ("II. CHỈ TIÊU", "Mục tiêu cụ thể"), not a review of results
# ("Kết quả thực hiện các chỉ tiêu")
_TARGET_HEADING = re.compile(r"^\W*(([IVX]+|\d+(\.\d+)*|[a-zđ])\s*[.)\-–]\s*)?(các\s+)?(mục tiêu|chỉ tiêu)\b", re.I)
# "A nên B": under a limitations heading, the clause before "nên" is why B fell short
_CAUSAL = re.compile(r"\s(nên|dẫn đến|khiến cho|khiến)\s", re.I)
_CUE_LIMITATION = re.compile(
    r"^(\W*)tuy nhiên|\bcòn (hạn chế|thiếu|ít|thấp|chậm|nhiều khó khăn|xảy ra|tình trạng|chưa|lúng túng|hình thức)|"
    r"\bchưa (được|đáp ứng|đồng bộ|cao|thường xuyên|quan tâm|đầy đủ|kịp thời|sâu|rõ|có|đạt|phát huy|hiệu quả)|"
    r"\b(gặp|nhiều|vẫn còn|còn)\s+(khó khăn|hạn chế|vướng mắc)|\b(vướng mắc|bất cập|yếu kém)\b|"
    r"\bvẫn (để|xảy ra)\b|(?<!không )(?<!không để )\bxảy ra\s+\d+\s+(vụ|trường hợp|ca)\b|"
    r"\bhạn chế(?!\s+(tai nạn|tình trạng|việc|sử dụng|rủi ro|đến mức))", re.I)


def heading_kind(headings: list[str]) -> str:
    """The statement kind a heading path implies (innermost heading that says one), "" if none."""
    for heading in reversed(headings):
        found = [(m.start(), kind) for kind, pattern in _HEADING_KINDS for m in [pattern.search(heading)] if m]
        if found:
            return min(found)[1]  # "Hạn chế và nguyên nhân": limitations first, causes told by their cue
    return ""


def statement_kind(text: str, headings: list[str]) -> str:
    """Result, limitation, cause, lesson, task or recommendation, from cue words and the heading."""
    under = heading_kind(headings)
    if re.match(r"^\W*(khó khăn|thách thức)\s*:", text, re.I) or \
            (headings and re.fullmatch(r"\W*(khó khăn|thách thức)\W*", headings[-1], re.I)):
        return "cause"  # "Khó khăn: …" in a report's situation part: an objective cause of what fell short
    if _CUE_TARGET.search(text) and not _REACHED.search(text) and under not in ("limitation", "cause", "lesson"):
        return "recommendation" if _CUE_RECOMMENDATION.search(text) and under == "recommendation" else "task"
    if under == "context":  # the unit's situation ("Trường có 14 lớp…", "Thuận lợi: …") is no result of its own:
        # left unplaced, listed for the user
        return "recommendation" if re.match(r"^\W*(đề nghị|kiến nghị)", text, re.I) else "context"
    if under in ("", "result", "summary") and (under == "summary" or _CUE_SUMMARY.search(text)) \
            and not _CUE_LIMITATION.search(text):
        return "summary"
    if _CUE_RECOMMENDATION.search(text) and under in ("", "recommendation", "task", "limitation", "result"):
        return "recommendation" if under != "result" or re.match(r"^\W*(đề nghị|kiến nghị|đề xuất)", text, re.I) \
            else "result"
    if under in ("limitation", "cause") and (_CUE_LESSON.search(text) or
                                           re.match(r"^\W*(cần|phải)\s", _CONNECTIVE.sub("", text), re.I)):
        return "lesson"
    if under == "limitation":
        causal = _CAUSAL.search(text)
        if _CUE_CAUSE.search(text) or (causal and not _CUE_LIMITATION.search(text[:causal.start()])
                                       and _CUE_LIMITATION.search(text[causal.end():])):
            return "cause"
        return under
    if under == "cause":
        return under
    if under in ("lesson", "task", "recommendation"):
        return under
    if _CUE_LESSON.search(text):
        return "lesson"
    if re.match(r"^\W*(nguyên nhân)", text, re.I):
        return "cause"
    if _CUE_LIMITATION.search(_BENEFICIARIES.sub("", text)) and not re.search(r"không (có|còn|để xảy ra)", text, re.I):
        return "limitation"
    if _CUE_TASK.search(text) and not re.search(rf"\b{_YEAR}\b", text):
        return "task"
    return "result"


_LEVEL_PATTERNS = (
    ("tw", re.compile(r"Trung ương|\bBộ\s+(GD|Giáo|Lao|Y tế|Công an|Tài chính|Văn hóa|Văn hoá|Nội vụ|VH)|"
                      r"Chính phủ|Quốc hội|Thủ tướng|Nhà nước")),
    ("so", re.compile(r"\bSở\b")),
    ("tinh", re.compile(r"\b[Tt]ỉnh\b|Tỉnh ủy|Tỉnh uỷ")),
    ("huyen", re.compile(r"\b[Hh]uyện\b|\b[Qq]uận\b|[Tt]hị xã|Phòng\s+(GD|Giáo|Lao|Văn|Y tế|Tư pháp)")),
    ("xa", re.compile(r"\b(xã|phường|thị trấn|Đảng ủy|Đảng uỷ)\b")),
)


def address_level(text: str) -> str:
    """The level a recommendation or an outline title addresses: the first one named."""
    found = [(m.start(), level) for level, p in _LEVEL_PATTERNS for m in [p.search(text)] if m]
    return min(found)[1] if found else ""


# ----------------------------------------------------------------------------- context repair

_BACK = re.compile(
    r"^(?:(?:Mô hình|Hoạt động|Phong trào|Chương trình|Cuộc thi|Hội thi|Việc|Kết quả|Con số|Số liệu|Điều|"
    r"Nội dung|Công trình|Đề án|Kế hoạch|Biện pháp|Giải pháp|Câu lạc bộ|Lớp học|Đợt|Những hoạt động|"
    r"Các hoạt động|Những kết quả|Các mô hình|Số tiền|Khoản|Nguồn)\s+(?:này|đó|trên|nói trên|ấy)\b|"
    r"(?:Các em|Các cháu|Các bé|Qua đó|Nhờ đó|Từ đó|Do đó|Vì vậy|Vì thế|Nhờ vậy|Như vậy|Trong đó|"
    r"Điều này|Đây là|Dịp này|Nhân dịp này|Trong dịp này|Tại buổi lễ|Tại đây|Trên cơ sở đó|Sau đó|Cùng với đó|Ngoài những|Bên cạnh những|"
    r"Số còn lại|Còn lại)\b)", re.I)
_COLON_LEAD = re.compile(r"^(Tiêu biểu|Cụ thể|Điển hình|Chẳng hạn|Ví dụ|Nổi bật)\s*(là|như)?\s*:\s*", re.I)
_CONNECTIVE = re.compile(r"^(Ngoài ra|Bên cạnh đó|Đồng thời|Mặt khác|Hơn nữa|Thêm vào đó|Song song với đó|"
                         r"Tuy nhiên|Nhìn chung|Bên cạnh|Đặc biệt là|Đặc biệt|Nhìn lại|"
                         r"(Với|Từ|Qua|Nhờ) (những |các )?(kết quả|thành tích) (nêu |như |kể )?trên)\s*,\s*", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ“\"(])")
_BULLET = re.compile(r"^([-+•*–·▪◦►]|[a-zđ]\)|\d{1,2}\))\s*")
_REL_SCHOOL_YEAR = re.compile(r"\b(?:(trong|qua)\s+)năm học(?:\s+(?:này|qua|vừa qua))?(?!\s*\d)|"
                              r"\bnăm học\s+(?:này|qua|vừa qua)\b", re.I)
_REL_YEAR = re.compile(r"\b(năm nay|trong năm qua|năm qua|năm vừa qua|trong năm)(?!\s*(học|\d))", re.I)
_REL_SPAN = re.compile(r"\b((?:trong|qua|sau)\s+(?:\d{1,2}|một|hai|ba|bốn|năm|mười)\s+năm(?:\s+học)?"
                       r"(?:\s+(?:qua|vừa qua|thực hiện))?|(?:trong\s+)?giai đoạn (?:này|vừa qua|qua)|"
                       r"(?:trong\s+)?nhiệm kỳ (?:này|qua))(?!\s*(?:học\s*)?[\(\d])", re.I)


_REL_NEXT = re.compile(r"\b(năm học tới|năm học sau|năm tới|năm sau)\b(?!\s*(\(|\d))", re.I)


# "ngay từ đầu năm", "cuối năm học": the start or end of the document's own year
_REL_EDGE = re.compile(r"\b(đầu|cuối)\s+năm(\s+học)?\b(?!\s*(?:học\s*)?[\(\d])", re.I)


def anchor_time(text: str, period: str, general: bool = False) -> tuple[str, bool]:
    """Write the document's period next to the first relative time expression it resolves. A `general`
    statement (a lesson: "chuẩn bị ngay từ đầu năm học") speaks of any year: its start or end stays as is."""
    if not period:
        return text, False
    kind, years = period.split(" ")[0], period.split(" ")[-1]
    if period.startswith("năm học"):
        m = _REL_SCHOOL_YEAR.search(text)
        if not m and (y := re.search(r"\b([Nn])ăm nay\b", text)):  # "năm nay" in a school year's report
            return text[:y.start()] + f"{y.group(1)}ăm học {years}" + text[y.end():], True
        if m:
            core = f"{m.group(1)} năm học" if m.group(1) else "năm học"
            return text[:m.start()] + f"{core} {years}" + text[m.end():], True
    elif kind == "năm" and (m := _REL_YEAR.search(text)):
        if m.group(1).lower() == "trong năm":  # "Trong năm, …" -> "Trong năm 2019, …"
            return text[:m.end()] + f" {years}" + text[m.end():], True
        return text[:m.end()] + f" ({years})" + text[m.end():], True
    if period.startswith("giai đoạn") and (m := _REL_SPAN.search(text)):
        return text[:m.end()] + f" ({years})" + text[m.end():], True
    if m := _REL_NEXT.search(text):  # "Năm học tới" in a 2018-2019 report: the year after that one
        return text[:m.end()] + f" (sau {period})" + text[m.end():], True
    if not general and kind in ("năm", "năm học") and (m := _REL_EDGE.search(text)) \
            and bool(m.group(2)) == period.startswith("năm học"):
        return text[:m.end()] + f" ({years})" + text[m.end():], True
    return text, False


def _as_sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text.rstrip(";:,") + "."


_TITLES = {"Ông", "Bà", "Em", "Cô", "Thầy", "Anh", "Chị", "Cháu", "Đồng"}
_STARTERS = {"Nhân", "Dịp", "Trong", "Từ", "Sau", "Với", "Qua", "Tại", "Hưởng", "Thực", "Các", "Những", "Đến", "Khi",
             "Theo", "Để", "Vào", "Ngày", "Tháng", "Đầu", "Cuối", "Mỗi", "Hằng", "Hàng", "Giao"}


def lower_first(text: str) -> str:
    """Lower the first letter of a clause that continues a lead-in, unless it starts a name."""
    words = text.split()
    if words and (words[0] in _TITLES or words[0] in _STARTERS):  # "Ông Lê Văn Mười", "Nhân Ngày Gia đình"
        return text[:1].lower() + text[1:]
    if not words or words[0].isupper() or (len(words) > 1 and words[1][:1].isupper()):
        return text
    if words[0] in _ORGANS or " ".join(words[:2]) in _ORGANS:  # "Đảng ủy xã", "Chi bộ", "Công an xã"
        return text
    return text[:1].lower() + text[1:]


# Bodies whose names keep their capital although the next word has none ("Đảng ủy xã", "Công an phường")
_ORGANS = {"Đảng", "Đoàn", "Đài", "Chi bộ", "Chi đoàn", "Chi hội", "Công an", "Công đoàn", "Liên đội", "Ban giám",
           "Ban chỉ", "Ban đại", "Mặt trận"}


# ----------------------------------------------------------------------------- tables

def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _row_statement(caption: str, header: list[str], cells: list[str]) -> str:
    """A table row as a labelled statement: "Năm học 2019-2020: số học sinh 541; tỉ lệ 98,5%"."""
    label_col = _label_col(header)
    if len(cells) <= label_col:
        return ""
    label = cells[label_col]
    head0 = header[label_col] if len(header) > label_col else ""
    if head0 and re.match(r"^[\d.,/–-]+$", label):
        label = f"{head0} {label}"
    parts = []
    for h, v in zip(header[label_col + 1:], cells[label_col + 1:]):
        if not v or v in ("-", "–", "x", "0"):
            continue
        unit = re.search(r"\(([^)]{1,15})\)\s*$", h)
        name = re.sub(r"\s*\([^)]{1,15}\)\s*$", "", h).strip()
        name = name[:1].lower() + name[1:] if name and not name.split()[0].isupper() else name
        parts.append(f"{name} {v}{' ' + unit.group(1) if unit and not v.endswith(unit.group(1)) else ''}".strip())
    if not parts:
        return ""
    topic = _CAPTION.sub("", caption).rstrip(".:") if caption else ""
    lead = f"{topic} — {label}" if topic else label
    return f"{lead}: " + "; ".join(parts)


_FIGURE = re.compile(r"^[\d.,%/\s]+(\s*[^\W\d_]{1,6})?$")


_PERIOD_HEAD = re.compile(r"^((năm|năm học|nh|giai đoạn|tháng|quý)\s*)?\d{1,4}([/.\-–]\s*\d{2,4})*$", re.I)


def _is_period_head(head: str) -> bool:
    """A column named by its time: "2019", "Năm học 2019-2020", "Thực hiện năm 2021", "Quý II/2020"."""
    head = head.strip()
    return bool(_PERIOD_HEAD.match(head)) or (len(head.split()) <= 6 and bool(re.search(rf"\b{_YEAR}\b", head)))


def _split_unit(name: str) -> tuple[str, str]:
    """"Kinh phí (đồng)" -> ("Kinh phí", "đồng")."""
    m = re.search(r"\s*\(([^)]{1,15})\)\s*$", name)
    return (name[:m.start()].strip(), m.group(1)) if m else (name.strip(), "")


def _with_unit(value: str, unit: str) -> str:
    if not unit or value.endswith(unit):
        return value
    return f"{value}%" if unit == "%" else f"{value} {unit}"  # "Tỷ lệ (%)" | 87,9 -> "87,9%"


# A column or row of a plan's table that holds targets: "Kế hoạch năm 2020", "Chỉ tiêu 2022", "KH 2022";
# one that holds what was reached: "Thực hiện năm 2019", "Ước đạt 2021", "Kết quả năm 2020"
_TARGET_LABEL = re.compile(r"^\W*(kế hoạch|KH|chỉ tiêu|mục tiêu|phấn đấu|dự kiến)\b", re.I)
_REACHED_LABEL = re.compile(r"thực hiện|đạt|kết quả|ước\b|\bTH\b", re.I)


@dataclass
class _Figure:
    """One figure of a table of figures, as a statement with the cells it comes from."""
    lead: str  # the name of the series it belongs to ("Trẻ em dưới 6 tuổi được cấp thẻ BHYT:")
    statement: str  # "Trẻ em dưới 6 tuổi được cấp thẻ BHYT: 1.184 em (năm 2013)"
    quote: str  # the row label and the figure under their headers: what the citation shows
    when: str  # the column head or row label that says when (or whether) the figure holds
    target: bool  # a planned figure, not a reached one


def _label_col(header: list[str]) -> int:
    return 1 if header and re.fullmatch(r"(s?tt|số tt|thứ tự)\.?", header[0].strip(), re.I) else 0


def _cell_quote(header: list[str], cells: list[str], label_col: int, col: int) -> str:
    """"Năm | Trẻ em … (em)\n2013 | 1.184": the cells a figure's statement is made of, under their headers."""
    head = " | ".join(h for h in (header[label_col], header[col]) if h.strip())
    return f"{head}\n{cells[label_col]} | {cells[col]}"


def _column_statements(header: list[str], cells: list[str], figures_above: bool = False) -> list[_Figure]:
    """A row of a table of figures as one statement per figure, labelled with its row and column:
    "Số buổi tuyên truyền: 08 (năm học 2016-2017)". When the columns are years, the row names the figure;
    when the rows are years, the column does. Below rows of figures, a row with a single figure ("Cộng |
    2.232 | -") still continues the series."""
    label_col = _label_col(header)
    values = list(zip(header[label_col + 1:], cells[label_col + 1:]))
    figures = [(i, h, v) for i, (h, v) in enumerate(values, start=label_col + 1)
               if v and _FIGURE.match(v) and re.search(r"\d", v)]
    enough = 1 if figures_above else max(2, 0.6 * len(values))
    if len(values) < 2 or len(figures) < enough or len(cells) <= label_col:
        return []
    label = cells[label_col]
    head0 = header[label_col] if len(header) > label_col else ""
    by_period = sum(bool(_is_period_head(h)) for _, h, _ in figures) >= 0.6 * len(figures)
    out = []
    if by_period:  # "Chỉ tiêu | Năm 2019 | Năm 2021": the row is the figure, the column its year
        name, unit = _split_unit(label)
        for i, h, v in figures:
            if _is_period_head(h):
                out.append(_Figure(f"{name}:", f"{name}: {_with_unit(v, unit)} ({_lower_word(h.strip())})",
                                   _cell_quote(header, cells, label_col, i), h, bool(_TARGET_LABEL.match(h))))
        return out
    if head0 and re.match(r"^[\d.,/–-]+$", label):
        label = f"{head0} {label}"
    for i, h, v in figures:  # "Năm | Số lớp | Số trẻ": the column is the figure, the row its year
        name, unit = _split_unit(h)
        out.append(_Figure(f"{name}:", f"{name}: {_with_unit(v, unit)} ({_lower_word(label)})",
                           _cell_quote(header, cells, label_col, i), label, bool(_TARGET_LABEL.match(label))))
    return out


def _lower_word(text: str) -> str:
    words = text.split()
    return text[:1].lower() + text[1:] if words and not words[0].isupper() else text


# ----------------------------------------------------------------------------- extraction

@dataclass
class _Line:
    text: str
    chunk: Chunk
    headings: list[str]
    numbered: bool = False  # for a heading marker: a numbered or styled heading, not a line in capitals


def _lines(chunks: list[Chunk]) -> list[_Line]:
    """Body lines of a document in order, each with the heading path it sits under."""
    from bctk_assist.sources import numbered_level

    out: list[_Line] = []
    for chunk in sorted(chunks, key=lambda c: c.position):
        path = [h for h in chunk.heading.split(" > ") if h] if chunk.heading else []
        local = list(path)
        for i, line in enumerate(chunk.text.split("\n")):
            if not line.strip():
                continue
            if " | " not in line and is_heading_line(line, first=i == 0):
                local = path + [line.strip()] if i == 0 else local[:len(path) + 1] + [line.strip().rstrip(":")]
                # A heading ends any open list or table; a numbered one also ends the title block.
                out.append(_Line("", chunk, list(local), numbered=bool(numbered_level(line)) or not _is_caps(line)))
                if i > 0 and line.strip().endswith(":"):
                    out.append(_Line(line.strip(), chunk, list(local)))  # "Hạn chế:" also leads the list below
                continue
            out.append(_Line(line.strip(), chunk, list(local)))
    return out


def document_period(name: str, chunks: list[Chunk]) -> str:
    """The period a document covers: its title lines (before the first numbered section), else its name."""
    from bctk_assist.sources import numbered_level

    title: list[str] = []
    for chunk in sorted(chunks, key=lambda c: c.position)[:4]:
        for line in chunk.text.split("\n"):
            if numbered_level(line) in (2, 3):
                return period_in(" ".join(title)) or period_from_name(name)
            title.append(line)
            if len(title) > 12:
                break
    return period_in(" ".join(title)) or period_from_name(name)


_DOC_TYPES = (("plan", re.compile(r"^\s*KẾ HOẠCH\b")), ("minutes", re.compile(r"^\s*BIÊN BẢN\b")),
              ("report", re.compile(r"^\s*(BÁO CÁO|TỜ TRÌNH|NGHỊ QUYẾT|CHƯƠNG TRÌNH)\b")))
_PLAN_NUMBER = re.compile(r"^Số\s*:?\s*\d+\s*[-/]\s*KH\b")


def document_type(name: str, chunks: list[Chunk]) -> str:
    """What a document is: "plan" (kế hoạch), "minutes" (biên bản) or "report", from the type word of its
    title (in capitals, as both rule sets write it), else its number ("Số: 07/KH-UBND"), else its file name."""
    lines = [line.strip() for chunk in sorted(chunks, key=lambda c: c.position)[:4]
             for line in chunk.text.split("\n")][:30]
    for line in lines:
        for kind, pattern in _DOC_TYPES:
            if pattern.match(line):
                return kind
    if any(_PLAN_NUMBER.match(line) for line in lines[:15]):
        return "plan"
    folded = textvi.fold(name)
    if re.match(r"(ke[-_ ]?hoach|kh[-_ ])", folded):
        return "plan"
    return "minutes" if re.match(r"bien[-_ ]?ban", folded) else "report"


_DECIDES = re.compile(r"\b(thống nhất|nhất trí|quyết định|kết luận|yêu cầu|đề nghị|chỉ đạo|giao)\b", re.I)
_RUN_IN = re.compile(r"^(?P<label>[^:;.!?\d“\"]{3,100}?)\s*:\s+(?P<body>\S.*)$")
_SPEAKER = re.compile(r"^(?:Đồng chí|Đ/c|Ông|Bà)\s[^:]{2,140}?\s(?:báo cáo|cho biết|nêu(?: ý kiến| khó khăn)?|phát biểu|"
                      r"thông tin|thông báo|trình bày|bổ sung|giải trình)\b[^:]{0,100}:\s+(?=\S)")


def run_in(text: str) -> tuple[str | None, str]:
    """A paragraph that opens with its own heading ("Về công tác tuyên truyền: Trong năm…", "Nguyên nhân: Do…",
    "Thuận lợi: nhà trường…"): (the heading, the rest). A speaker in minutes ("Đồng chí X báo cáo …: …"):
    ("", the rest): who spoke is not what the paragraph is about. Any other paragraph: (None, text).
    A label that names a figure ("Kết quả xếp loại hạnh kiểm: 91,6% …") or a clause ("Cơ sở vật chất chưa đáp
    ứng yêu cầu: điểm trường …") stays in its sentence."""
    if _COLON_LEAD.match(text):
        return None, text
    m = _SPEAKER.match(text)
    if m and len(text) - m.end() >= 20:
        return "", text[m.end():]
    m = _RUN_IN.match(text)
    if not m or len(m.group("label").split()) > 12 or len(m.group("body").split()) < 3:
        return None, text
    label, body = m.group("label").strip(), m.group("body")
    if not label[:1].isupper() or not body[:1].isalpha() or is_furniture(label) and not heading_kind([label]):
        return None, text  # "Kết quả xếp loại hạnh kiểm: 91,6% …": the label names the figure after it
    if len(label.split()) > 2 and _DECIDES.search(label):
        return None, text  # "Hội nghị thống nhất: Giao …": what follows was decided, not done
    if heading_kind([label]) or label.startswith("Về ") or body[:1].isupper():
        return label, body
    return None, text


# A lead-in that says nothing of its own: the items under it read alone
_EMPTY_LEAD = re.compile(r"^\W*(kết quả|cụ thể|kết quả cụ thể|số liệu cụ thể|cụ thể là|gồm|bao gồm)"
                         r"(\s+(đạt được|như sau|là|gồm|như))*\s*:$", re.I)


@dataclass
class _Open:
    """A lead-in ("Các hoạt động chính gồm:") or a list sub-heading ("b) Bảo vệ trẻ em:") still open."""
    text: str
    marker: str  # the kind of bullet of the item that opened it ("-", "+", "a)", "1)"); "" for a paragraph
    heading: bool  # a sub-heading: it joins the heading path of the items under it instead of leading them


def _marker(bullet: str) -> str:
    bullet = bullet.strip()
    if re.fullmatch(r"[a-zđ]\)", bullet):
        return "a)"
    if re.fullmatch(r"\d{1,2}\)", bullet):
        return "1)"
    return "-" if bullet in ("-", "–") else bullet


def _close(stack: list[_Open], marker: str) -> list[_Open]:
    """An item of the same kind of bullet as the one that opened a sub-list is its sibling: the sub-list
    ("- Trạm Y tế tổ chức:" / "+ …" / "+ …") ends there, and so does anything opened inside it."""
    for i, entry in enumerate(stack):
        if entry.marker == marker:
            return stack[:i]
    return stack


def _under(line: _Line, label: str | None, stack: list[_Open]) -> _Line:
    """The line with its run-in heading and the open list sub-headings added to its heading path."""
    extra = ([label] if label else []) + [o.text.rstrip(":").strip() for o in stack if o.heading]
    return _Line(line.text, line.chunk, line.headings + extra, line.numbered) if extra else line


def _fact_id(doc_id: str, quote: str) -> str:
    return "F" + hashlib.sha1(f"{doc_id}\n{textvi.fold(quote)}".encode()).hexdigest()[:8]


def extract_facts(chunks: list[Chunk]) -> list[Fact]:
    """The facts of one document (its chunks, any order)."""
    if not chunks:
        return []
    first = chunks[0]
    doc_period = document_period(first.doc, chunks)
    doc_type = document_type(first.doc, chunks)
    facts: list[Fact] = []
    stack: list[_Open] = []  # open lead-ins and list sub-headings, innermost last
    label: str | None = None  # the run-in heading of the current paragraph (and of the list under it)
    caption = ""
    header: list[str] | None = None
    figures_above = False  # the table has given rows of figures
    previous: Fact | None = None
    stop = False
    title_region = True  # before the first heading: title, subject line, "Kính gửi", the opening formula

    def add(statement: str, quote: str, line: _Line, lead: str, **kw) -> Fact | None:
        fact = _make(statement, quote, line, doc_period, len(facts), lead, doc_type=doc_type, **kw)
        if fact is not None:
            facts.append(fact)
        return fact

    for line in _lines(chunks):
        text = " ".join(line.text.split())
        if not text:
            stack, label, header, previous, stop = [], None, None, None, False
            title_region = title_region and not line.numbered
            continue
        if title_region and not re.search(r"[.!?:;]$", text) and " | " not in text:
            continue  # a subject line ("Kiểm điểm việc thực hiện Nghị quyết … năm 2021") is not a fact
        if stop or re.match(r"^Nơi nhận", text, re.I):
            stop = True  # "Nơi nhận" and the signature below it close the document
            continue
        if " | " in text or text.startswith("|"):
            cells = _cells(text)
            if header is None or cells == header:
                header, figures_above = cells, False
                continue
            if any(_FURNITURE.match(c) or re.search(r"Độc lập\s*[-–]\s*Tự do|CỘNG HÒA XÃ HỘI", c) for c in cells if c):
                continue  # a header or signature block laid out as a table (a cell "Đạt" is a value, not a name)
            cell_line = _Line(text, line.chunk, line.headings + ([caption] if caption else []))
            row_quote = f"{' | '.join(header)}\n{text}"  # the header names the row's figures
            figures = _column_statements(header, cells, figures_above)
            figures_above = figures_above or bool(figures)
            in_targets = doc_type == "plan" and any(_TARGET_HEADING.match(h) for h in cell_line.headings)
            if figures:  # a table of figures: one fact per figure, a series per row or column
                table = _fact_id(first.doc_id, " | ".join(header))
                for fig in figures:  # in a plan's targets, a figure is planned unless its column says reached
                    target = fig.target or (in_targets and not _REACHED_LABEL.search(fig.when))
                    add(fig.statement, fig.quote, cell_line, fig.lead, key=fig.statement, id_quote=row_quote,
                        series=f"{table}|{fig.lead}", kind="task" if target else ("result" if in_targets else ""))
                continue
            statement = _row_statement(caption, header, cells)
            if statement and re.search(r"\d", " ".join(cells[1:])):
                add(statement, row_quote, cell_line, "",
                    kind=("result" if _REACHED_LABEL.search(statement) else "task") if in_targets else "")
            continue
        header = None
        if _CAPTION.match(text):
            caption = text
            continue
        if is_furniture(text) or _is_caps(text):
            continue
        bullet = _BULLET.match(text)
        marker = _marker(bullet.group(1)) if bullet else ""
        if bullet:
            stack = _close(stack, marker)
            item = text[bullet.end():].strip()
            if item.endswith(":") and not _BACK.match(item):
                sub = marker in ("a)", "1)") and len(item.split()) <= 10 and not re.search(r"\d", item)
                stack.append(_Open(item, marker, sub))  # "b) Bảo vệ trẻ em:" / "- Trạm Y tế xã tổ chức:"
                continue
            here = _under(line, label, stack)
            lead = stack[-1].text if stack and not stack[-1].heading else ""
            if lead:
                statement = f"{lead.rstrip(':').rstrip()}: {lower_first(item)}"
                previous = add(statement, f"{lead} {text}", here, lead) or previous
                continue
            text = item  # a bullet with no lead-in reads as a sentence of its own
        else:
            stack = [o for o in stack if o.heading]  # a paragraph ends the lead-ins; list sub-headings stay
            whole = text
            label, text = run_in(text)
            if label:
                stack = []  # …unless it opens with a heading of its own
            here = _under(line, label, stack)
        opening = whole[:len(whole) - len(text)] if not bullet else ""  # "Công tác tuyên truyền: " as written
        for sentence in _split(text):
            if sentence.endswith(":") and not _BACK.match(sentence) and not _COLON_LEAD.match(sentence):
                if not _EMPTY_LEAD.match(sentence):
                    stack.append(_Open(sentence, marker, False))  # introduces the list below; not a fact on its own
                continue
            sentence = _COLON_LEAD.sub("", sentence)  # "Tiêu biểu: …" reads on its own without its lead
            if _INTRO.search(sentence) or len(sentence) < 25 or len(sentence.split()) < 5:
                continue
            if _BACK.match(sentence):
                if previous is not None and previous.doc_id == line.chunk.doc_id:
                    _absorb(previous, sentence, doc_period)
                continue  # a sentence that only points back is never left alone
            fact = add(sentence, f"{opening}{sentence}", here, "")
            opening = ""
            if fact and previous and _CONNECTIVE.match(sentence) and previous.kind == "cause" \
                    and fact.kind == "limitation" and previous.heading == fact.heading:
                fact.kind = "cause"  # "Nguyên nhân là …. Mặt khác, …": the second cause continues the first
            previous = fact or previous
    return facts


def heading_title(heading: str) -> str:
    """A heading as words for a sentence: its number dropped, capitals as in running text
    ("II. MỤC TIÊU, CHỈ TIÊU" -> "Mục tiêu, chỉ tiêu")."""
    text = re.sub(r"^\W*(([IVX]+|\d+(\.\d+)*|[a-zđ])\s*[.)\-–]\s*)", "", heading).strip().rstrip(":").strip()
    return text[:1] + text[1:].lower() if _is_caps(text) else text


def _split(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _period_for(headings: list[str], doc_period: str) -> str:
    for heading in reversed(headings):
        found = period_in(heading)
        if found:
            return found
    return doc_period


# A pointer to the source's own table or appendix means nothing in another report: "…, kết quả cụ thể tại Biểu 1",
# "(xem Bảng 2)", "như bảng dưới đây"
_TABLE_POINTER = re.compile(r"\s*(\((xem|chi tiết (tại|theo)|theo)\s+(biểu|bảng|phụ lục)[^)]{0,20}\)|"
                            r"[,;]\s*((kết quả|số liệu)\s+)?(cụ thể\s+)?(tại|theo|như|xem|ở)\s+(biểu|bảng|phụ lục)"
                            r"(\s+(số\s+)?[\dIVX]+|\s+(kèm theo|dưới đây|sau|trên))*)(?=\s*[.;]?\s*$)", re.I)


def _make(text: str, quote: str, line: _Line, doc_period: str, position: int, lead: str, *, key: str = "",
          id_quote: str = "", kind: str = "", series: str = "", doc_type: str = "") -> Fact | None:
    """A fact from a statement; `key` tells apart facts that share one quote (the figures of a table row),
    `id_quote` is what its id is made of when that is not its quote (a table row whose figure quotes only its
    own cells), `kind` a statement kind already known."""
    chunk = line.chunk
    period = _period_for(line.headings, doc_period)
    target = next((h for h in reversed(line.headings) if _TARGET_HEADING.match(h)), "") \
        if doc_type == "plan" and not kind else ""
    kind = kind or statement_kind(text, line.headings)
    if kind == "result" and target:
        kind = "task"  # "II. CHỈ TIÊU" of a plan: what is to be reached, not what was
        if not lead and not series:  # "100% trẻ em … được cấp thẻ BHYT" alone reads as reached: "Chỉ tiêu: 100% …"
            lead = f"{heading_title(target)}:"
            text = f"{lead} {lower_first(text)}"
    cleaned = _TABLE_POINTER.sub("", _CONNECTIVE.sub("", text)).strip()
    if len(cleaned) < 20:
        return None
    anchored_text, anchored = anchor_time(cleaned, period, general=kind in ("lesson", "task", "recommendation"))
    years = re.findall(rf"\b{_YEAR}\b", anchored_text)
    year = int(years[0]) if years else period_start(period)
    ident = id_quote or quote
    return Fact(id=_fact_id(chunk.doc_id, f"{ident}\n{key}" if key else ident), text=_as_sentence(anchored_text),
                quote=quote.strip(),
                doc=chunk.doc, doc_id=chunk.doc_id, doc_kind=chunk.kind, chunk_id=chunk.id,
                location=chunk.location, heading=" > ".join(line.headings), kind=kind, period=period,
                year=year, position=position, lead=lead,
                level=address_level(text) if kind == "recommendation" else "", anchored=anchored,
                series=series, doc_type=doc_type)


def _absorb(fact: Fact, sentence: str, doc_period: str) -> None:
    """Carry a sentence that points back together with the sentence it points to."""
    anchored_text, anchored = anchor_time(sentence, fact.period or doc_period)
    fact.text = f"{fact.text} {_as_sentence(anchored_text)}"
    fact.quote = f"{fact.quote} {sentence}"
    fact.anchored = fact.anchored or anchored
