"""The official formats as data: one frozen `RuleSet` per format, looked up by name in `RULES`.

The builder only reads these values, so a new format (e.g. newer Party rules) is one more entry in
`RULES`. Confidence marks in comments follow shared/DOMAIN.md section 3: [sure], [likely], [check].
"""
from __future__ import annotations

from dataclasses import dataclass, field

from bctk_assist.workspace import Profile

__all__ = [
    "TextStyle", "HeadingStyle", "Breaking", "RuleSet", "BREAKING", "PARTY_HD36", "STATE_ND30",
    "RULES", "FORMATS", "ISSUER_LABELS", "ExportError", "resolve_rules",
]


class ExportError(ValueError):
    """A user-facing export problem; the message is Vietnamese."""


@dataclass(frozen=True)
class TextStyle:
    """How one element is set. `caps` upper-cases the text itself (so search and PDF see it).
    `min_size` is the smallest size the rules permit: used before a line would break badly."""

    size: float  # pt
    bold: bool = False
    italic: bool = False
    caps: bool = False
    underline: bool = False
    min_size: float | None = None


@dataclass(frozen=True)
class HeadingStyle:
    """A body heading level. `rest` styles the lines after the first (level 1's title line)."""

    first: TextStyle
    rest: TextStyle | None = None
    align: str = "justify"  # center | justify | left
    indent: bool = True  # first-line indent like body paragraphs
    space_before: float = 6  # pt
    space_after: float = 6  # pt


# Words that belong together: a header line, signature line or the subject never breaks inside
# them (matched case- and tone-placement-insensitively). Extend per rule set with
# dataclasses.replace(BREAKING, keep_together=(*BREAKING.keep_together, "…")).
KEEP_TOGETHER = (
    # unit names and offices
    "trường tiểu học", "trường mầm non", "trường mẫu giáo", "trường trung học cơ sở",
    "trường trung học phổ thông", "trường phổ thông", "trường THCS", "trường THPT", "trường TH",
    "trường MN", "trường MG", "tiểu học", "mầm non", "mẫu giáo", "trung học cơ sở",
    "trung học phổ thông", "phổ thông", "dân tộc nội trú", "dân tộc bán trú", "ủy ban nhân dân",
    "hội đồng nhân dân", "nhân dân", "giáo dục và đào tạo", "giáo dục", "đào tạo",
    "lao động - thương binh và xã hội", "văn hóa", "thể thao", "y tế", "chi bộ", "đảng bộ",
    "đảng ủy", "đảng cộng sản", "ban chấp hành", "ban thường vụ", "ban giám hiệu", "ban chỉ đạo",
    "công đoàn", "đoàn thanh niên", "liên đội", "hồ chí minh", "thị trấn", "thị xã", "thành phố",
    "cơ sở", "cơ quan", "trung tâm", "nghề nghiệp", "thường xuyên", "xã hội", "hiệu trưởng", "phó hiệu trưởng", "bí thư", "phó bí thư", "chủ tịch",
    "phó chủ tịch", "trưởng phòng", "giám đốc",
    # the subject line
    "bộ chính trị", "ban bí thư", "trung ương", "chính phủ", "thủ tướng", "chỉ thị", "nghị quyết",
    "nghị định", "kế hoạch", "quyết định", "công văn", "hướng dẫn", "thông tư", "tỉnh ủy",
    "huyện ủy", "thành ủy", "tổng kết", "sơ kết", "thực hiện", "tăng cường", "lãnh đạo",
    "công tác", "chăm sóc", "bảo vệ", "trẻ em", "tình hình", "đối với", "về việc", "năm học",
    "giai đoạn",
)
# After the last of these a unit name's proper name follows ("… Tiểu học | Kim Đồng"); the name is
# kept whole. A place word also stays with the name ("xã Hòa An").
NAME_HEADS = ("tiểu học", "mầm non", "mẫu giáo", "trung học cơ sở", "trung học phổ thông",
              "THCS", "THPT", "TH", "MN", "MG", "PTDTBT", "PTDTNT", "TH&THCS", "THCS&THPT",
              "chi bộ", "đảng bộ")
PLACE_HEADS = ("xã", "phường", "thị trấn", "huyện", "quận", "thị xã", "thành phố", "tỉnh", "thôn",
               "bản", "ấp", "khối", "tổ dân phố")
# A subject line breaks preferably before these words or after a comma.
BREAK_BEFORE = ("của", "về", "đối với", "trong", "và", "nhằm", "để", "tại", "giai đoạn")


@dataclass(frozen=True)
class Breaking:
    """Where lines of unit names and of the subject may break (data for layout.fit_lines)."""

    keep_together: tuple[str, ...] = KEEP_TOGETHER
    name_heads: tuple[str, ...] = NAME_HEADS
    place_heads: tuple[str, ...] = PLACE_HEADS
    break_before: tuple[str, ...] = BREAK_BEFORE


BREAKING = Breaking()


@dataclass(frozen=True)
class RuleSet:
    name: str
    label: str  # Vietnamese, for messages
    issuer: str  # party | state: which profiles this set is meant for
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    header_columns_mm: tuple[float, float]  # header and signature tables, left / right
    parent: TextStyle
    unit: TextStyle
    unit_mark: str  # text line under the issuing unit ("*"), or ""
    unit_rule: float  # rule under the unit as a fraction of its text width; 0 = none
    number_format: str  # "{number}", "{unit_abbr}"
    number_pad: int  # numbers written with at least this many digits ("05"); 0 = as typed
    number: TextStyle
    national: tuple[tuple[str, TextStyle], ...]  # top right lines
    national_rule: float  # rule under the last national line, fraction of its width
    date: TextStyle
    doc_type: TextStyle
    subject: TextStyle
    subject_rule: float  # fraction of the subject's widest line; 0 = none
    subject_mark: str  # text line under the subject, or ""
    kinh_gui: TextStyle  # "Kính gửi: …" below the subject, when the profile names an office
    body: TextStyle
    headings: tuple[HeadingStyle, HeadingStyle, HeadingStyle, HeadingStyle]  # levels 1..4
    sign_for_prefix: str  # "T/M " / "TM. "
    sign_for: TextStyle
    signer_title: TextStyle  # used with a sign_for line
    signer_title_alone: TextStyle  # when the head signs in person (no sign_for)
    signer_name: TextStyle
    recipients_label: TextStyle
    recipients: TextStyle
    recipient_sep: str  # ends every line but the last
    archive_line: str  # last line; "{archive}" is the user's "Lưu …" item or archive_default
    archive_default: str  # may use "{unit}"
    end_mark: str  # after the last real sentence of the body, or ""
    page_number: TextStyle
    forbidden: tuple[str, ...]  # texts of the other rule set that must never appear
    footnote: TextStyle = TextStyle(12)  # [check] footnote text; neither rule names a size
    font: str = "Times New Roman"  # [sure] both sets
    page_mm: tuple[float, float] = (210, 297)  # A4 [sure] both sets
    doc_type_text: str = "BÁO CÁO"
    recipients_title: str = "Nơi nhận:"
    kinh_gui_label: str = "Kính gửi:"
    references_title: str = "TÀI LIỆU TRÍCH DẪN"  # heading of the endnote list of sources
    first_line_indent_cm: float = 1.27  # [likely] 1–1.27 cm
    line_spacing: float = 1.15  # [likely] single to 1.5 lines
    space_after_pt: float = 6  # [likely] at least 6 pt between paragraphs
    signature_gap_pt: float = 80  # room for the signature and the seal (about 28 mm)
    language: str = "vi-VN"
    breaking: Breaking = field(default=BREAKING)


PARTY_HD36 = RuleSet(
    name="party_hd36",
    label="văn bản của Đảng (Hướng dẫn 36-HD/VPTW)",
    issuer="party",
    margins_mm=(20, 20, 30, 15),  # [likely]
    header_columns_mm=(75, 90),
    # [sure] 14 pt; [check] min_size: 13 pt only where HD 36 allows it, to avoid a bad break.
    parent=TextStyle(14, caps=True, min_size=13),
    unit=TextStyle(14, bold=True, caps=True, min_size=13),  # [sure] 14 pt, [check] min_size
    unit_mark="*",  # [sure]
    unit_rule=0,
    number_format="Số {number}-BC/{unit_abbr}",  # [sure] no colon, hyphen then slash
    number_pad=2,  # [check] easy to change: "Số 05-BC/CB"
    number=TextStyle(14),  # [sure]
    national=(("ĐẢNG CỘNG SẢN VIỆT NAM", TextStyle(15, bold=True, caps=True)),),  # [sure]
    national_rule=1.0,  # [sure] as long as the text
    date=TextStyle(14, italic=True),  # [sure]
    doc_type=TextStyle(16, bold=True),  # [sure] 15–16 pt
    subject=TextStyle(14, bold=True),  # [sure] 14–15 pt
    subject_rule=0,
    # [check] easy to change: the five-hyphen line under the subject seen in HD 36 samples.
    subject_mark="-----",
    kinh_gui=TextStyle(14),  # [check] usually none in a Party report; printed when filled in
    body=TextStyle(14),  # [likely] 14–15 pt
    headings=(
        HeadingStyle(TextStyle(14, bold=True), TextStyle(14, bold=True, caps=True),
                     align="center", indent=False, space_before=12),  # [sure]
        HeadingStyle(TextStyle(14, bold=True, caps=True)),  # [sure] section titles bold caps
        HeadingStyle(TextStyle(14, bold=True)),  # [check] easy to change: "1." bold
        HeadingStyle(TextStyle(14, bold=True, italic=True)),  # [check] easy to change: "a)"
    ),
    sign_for_prefix="T/M ",  # [likely]
    sign_for=TextStyle(14, bold=True, caps=True),  # [likely]
    signer_title=TextStyle(14, caps=True),  # [likely] "BÍ THƯ" caps, not bold
    signer_title_alone=TextStyle(14, bold=True, caps=True),  # [check] easy to change
    signer_name=TextStyle(14, bold=True),  # [likely]
    # [check] easy to change: the whole recipients block ("Nơi nhận:" 14 pt underlined, list
    # 12 pt, "- …," per line, last "- Lưu …").
    recipients_label=TextStyle(14, underline=True),
    recipients=TextStyle(12),
    recipient_sep=",",
    archive_line="- Lưu {archive}.",
    archive_default="{unit}",
    end_mark="",  # [check] easy to change: no end-of-body mark known for Party documents
    page_number=TextStyle(14),  # [likely]
    forbidden=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "TM."),
)

STATE_ND30 = RuleSet(
    name="state_nd30",
    label="văn bản hành chính (Nghị định 30/2020/NĐ-CP)",
    issuer="state",
    margins_mm=(20, 20, 30, 15),  # [sure] inside 20–25 / 20–25 / 30–35 / 15–20
    header_columns_mm=(70, 95),  # the Quốc hiệu needs ~88 mm at 12 pt bold
    parent=TextStyle(13, caps=True, min_size=12),  # [likely] 12–13 pt
    unit=TextStyle(13, bold=True, caps=True, min_size=12),  # [likely] 12–13 pt
    unit_mark="",
    unit_rule=0.4,  # [likely] short rule: 1/3–1/2 of the name
    number_format="Số: {number}/BC-{unit_abbr}",  # [sure] colon, slash then hyphen
    number_pad=2,  # [sure] "Số: 05/BC-…"
    number=TextStyle(13),  # [sure]
    national=(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", TextStyle(12, bold=True, caps=True)),
              ("Độc lập - Tự do - Hạnh phúc", TextStyle(13, bold=True))),  # [likely]
    national_rule=1.0,  # [likely] as long as the Tiêu ngữ
    date=TextStyle(14, italic=True),  # [sure] 13–14 pt
    doc_type=TextStyle(14, bold=True),  # [likely] 13–14 pt
    subject=TextStyle(14, bold=True, min_size=13),  # [likely] 13–14 pt
    subject_rule=1 / 3,  # [likely] short rule under the subject
    subject_mark="",
    kinh_gui=TextStyle(14),  # [likely] below the subject
    body=TextStyle(14),  # [sure] 13–14 pt
    headings=(
        HeadingStyle(TextStyle(14, bold=True), TextStyle(14, bold=True, caps=True),
                     align="center", indent=False, space_before=12),  # [check] easy to change
        HeadingStyle(TextStyle(14, bold=True, caps=True)),  # [likely] Roman sections bold caps
        HeadingStyle(TextStyle(14, bold=True)),  # [check] easy to change
        HeadingStyle(TextStyle(14, bold=True, italic=True)),  # [check] easy to change
    ),
    sign_for_prefix="TM. ",  # [likely]
    sign_for=TextStyle(14, bold=True, caps=True),  # [likely]
    signer_title=TextStyle(14, bold=True, caps=True),  # [likely]
    signer_title_alone=TextStyle(14, bold=True, caps=True),  # [likely]
    signer_name=TextStyle(14, bold=True),  # [likely]
    recipients_label=TextStyle(12, bold=True, italic=True),  # [likely]
    recipients=TextStyle(11),  # [likely]
    recipient_sep=";",  # [likely]
    archive_line="- Lưu: {archive}.",  # [likely] "- Lưu: VT, …"
    archive_default="VT",
    end_mark="./.",  # [likely]
    page_number=TextStyle(14),  # [likely]
    forbidden=("ĐẢNG CỘNG SẢN VIỆT NAM", "T/M"),
)

RULES: dict[str, RuleSet] = {r.name: r for r in (PARTY_HD36, STATE_ND30)}
# The profile's `issuer` (and `--format`) name a rule set through this table.
FORMATS: dict[str, str] = {"party": "party_hd36", "state": "state_nd30"}
ISSUER_LABELS = {"party": "văn bản của Đảng", "state": "văn bản hành chính Nhà nước"}


def resolve_rules(format: str | None, profile: Profile) -> RuleSet:
    """'party' / 'state' (default: the profile's issuer) or a rule-set name -> RuleSet."""
    key = (format or profile.issuer or "").strip().lower()
    name = FORMATS.get(key, key)
    if name not in RULES:
        choices = ", ".join([*FORMATS, *RULES])
        raise ExportError(f"Không có thể thức '{format or profile.issuer}'. Dùng: {choices}.")
    return RULES[name]
