"""Export benchmark: build and save the DOCX of a full report in both formats.

Run: .venv/bin/python bench/export.py [--out DIR]
The report is shaped like the bundled outline (bctk_assist/data/corpus/de-cuong-bao-cao-truong-hoc.txt): every
heading of it, each with three paragraphs of Vietnamese text with citations and a placeholder.
Prints the median of 5 runs per format and citation mode (strip, real footnotes, endnote list;
target: at most 2 s). With --out, keeps the files.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bctk_assist.export import CITATION_MODES, ReportSection, Source, export_docx  # noqa: E402
from bctk_assist.workspace import Profile  # noqa: E402

OUTLINE = ROOT / "bctk_assist" / "data" / "corpus" / "de-cuong-bao-cao-truong-hoc.txt"
SUBJECT = ("Tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị về "
           "việc tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ "
           "trẻ em trong tình hình mới")
PARAGRAPHS = (
    "Thực hiện Chỉ thị số 20-CT/TW và Kế hoạch số 69-KH/TU, nhà trường đã tổ chức học tập, quán "
    "triệt cho 100% cán bộ, giáo viên, nhân viên; hằng năm xây dựng kế hoạch cụ thể, phân công "
    "rõ trách nhiệm từng bộ phận, gắn với nhiệm vụ năm học [1].",
    "Giai đoạn 2012 - 2022, nhà trường tổ chức 46 buổi tuyên truyền dưới cờ, 12 buổi ngoại khóa "
    "về quyền và bổn phận của trẻ em, thu hút trên 3.200 lượt học sinh tham gia; tỉ lệ học sinh "
    "hoàn thành chương trình lớp học đạt 98,75% [2, 3].",
    "Bên cạnh kết quả đạt được, việc phối hợp giữa nhà trường, gia đình và địa phương có lúc "
    "chưa đồng bộ; kinh phí dành cho hoạt động vui chơi, giải trí còn hạn chế "
    "[CẦN BỔ SUNG: kinh phí chi cho hoạt động trẻ em năm 2021].",
)


def outline_sections() -> list[tuple[str, str, int]]:
    """(label, title, level) of every heading in the bundled outline."""
    lines = [ln.strip() for ln in OUTLINE.read_text(encoding="utf-8").splitlines()]
    out: list[tuple[str, str, int]] = []
    letter = 0
    for i, line in enumerate(lines):
        if line.startswith("- ") and out and out[-1][2] >= 3:  # outline bullets -> a), b), …
            out.append((f"{'abcdefgh'[letter]})", line[2:].rstrip(";.…"), 4))
            letter += 1
            continue
        letter = 0
        if line.startswith("Phần thứ"):
            out.append((line, lines[i + 1], 1))
        elif m := re.match(r"^([IVX]+\.)\s+(.*)", line):
            out.append((m[1], m[2], 2))
        elif m := re.match(r"^(\d+\.)\s+(.*)", line):
            out.append((m[1], m[2].rstrip(";."), 3))
        elif line.startswith("Đánh giá chung"):
            out.append(("", "Đánh giá chung", 3))
    return out


def full_report() -> list[ReportSection]:
    sections = []
    for n, (label, title, level) in enumerate(outline_sections(), start=1):
        # Text on every section but the Roman ones and the first and third parts (as in a
        # real report, where those headings only group the items below them).
        grouping = level == 2 or (level == 1 and label != "Phần thứ hai")
        text = None if grouping else "\n\n".join(PARAGRAPHS)
        sections.append(ReportSection(f"s{n}", label, title, level, text))
    return sections


SOURCES = {
    1: Source("bao-cao-nam-hoc-2020-2021.docx", "đoạn 12", PARAGRAPHS[0].rsplit(" [", 1)[0] + "."),
    2: Source("so-ket-5-nam-chi-thi-20.docx", "mục II.2", "Tổ chức 46 buổi tuyên truyền dưới cờ."),
    3: Source("bao-cao-nam-hoc-2021-2022.docx", "bảng 2, dòng 4", "Tỉ lệ hoàn thành chương trình: 98,75%"),
}

PROFILES = {
    "party": Profile(unit="Chi bộ Trường Tiểu học Hòa An", parent="Đảng bộ xã Hòa An",
                     issuer="party", unit_abbr="CB", number="12", place="Hòa An",
                     date="2022-02-05", sign_for="Chi bộ", signer_title="Bí thư",
                     signer_name="Nguyễn Văn An",
                     recipients=["Đảng ủy xã Hòa An (b/c)", "Các đảng viên trong chi bộ"]),
    "state": Profile(unit="Trường Tiểu học Hòa An", parent="Phòng GD&ĐT huyện An Thành",
                     issuer="state", unit_abbr="THHA", number="31", place="Hòa An",
                     date="2022-02-16", signer_title="Hiệu trưởng", signer_name="Trần Thị Bình",
                     recipients=["Phòng GD&ĐT huyện An Thành", "Đảng ủy xã Hòa An",
                                 "Lưu: VT"]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the exported files in this folder")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sections = full_report()
    print(f"{len(sections)} sections, {sum(len((s.text or '').split()) for s in sections)} words")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for fmt, profile in PROFILES.items():
            for mode in CITATION_MODES:
                path = folder / f"bao-cao-{fmt}-{mode}.docx"
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    export_docx(path, sections, profile, subject=SUBJECT, citations=mode,
                                sources=SOURCES)
                    times.append(time.perf_counter() - start)
                print(f"{fmt:6s} {mode:9s} median {statistics.median(times):.3f} s  "
                      f"(min {min(times):.3f}, max {max(times):.3f}, {args.runs} runs, "
                      f"{path.stat().st_size // 1024} KB)")

if __name__ == "__main__":
    main()
