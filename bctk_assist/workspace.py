"""The unit's workspace (SQLite in BCTK_HOME): profile, notes, draft versions, accepted text."""
from __future__ import annotations

from dataclasses import dataclass, field

PROFILE_KEYS = ("unit", "parent", "issuer", "unit_abbr", "number", "place", "date", "sign_for",
                "signer_title", "signer_name", "recipients")


@dataclass
class Profile:
    """Who issues the report. `issuer` is "party" (chi bộ, đảng ủy) or "state" (school, UBND)."""

    unit: str = ""  # "Chi bộ Trường Tiểu học Hòa An" / "Trường Tiểu học Hòa An"
    parent: str = ""  # "Đảng bộ xã Hòa An" / "Phòng GD&ĐT huyện An Thành"
    issuer: str = "state"  # party | state
    unit_abbr: str = ""  # "CB" (party: "Số 12-BC/CB") / "THHA" (state: "Số: 12/BC-THHA")
    number: str = ""  # "12"
    place: str = ""  # "Hòa An"
    date: str = ""  # YYYY-MM-DD
    sign_for: str = ""  # collective signed for, e.g. "CHI BỘ"; empty when the head signs in person
    signer_title: str = ""  # "BÍ THƯ" / "HIỆU TRƯỞNG"
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
