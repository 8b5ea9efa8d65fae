"""Generate the test fixtures in tests/data/.

Run with:  .venv/bin/python tests/data/make_fixtures.py

All Vietnamese content is invented (the school is fictional). Output is
deterministic: random data is seeded and zip/PDF timestamps are fixed, so
re-running the script should not produce spurious git diffs.

Writes only into this directory (never into tests/data/legacy/).
"""

from __future__ import annotations

import datetime as _dt
import io
import random
import unicodedata
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

FIXED_ZIP_TIME = (2021, 1, 1, 0, 0, 0)
FIXED_DATETIME = _dt.datetime(2021, 1, 1, tzinfo=_dt.timezone.utc)

SCHOOL = "Trường Tiểu học Sao Mai (đơn vị giả định)"

# Text used in special paragraphs; exposed so tests can import them if useful.
NBSP_TEXT = "Tổng số học sinh toàn trường:\u00a0412 em, trong đó nữ:\u00a0198 em."
NFD_TEXT = unicodedata.normalize("NFD", "Trẻ em được chăm sóc chu đáo.")

BOMB_UNCOMPRESSED_BYTES = 300 * 1024 * 1024  # ~300 MB once inflated
LYING_BOMB_BYTES = 1100 * 1024 * 1024  # ~1.1 GB once inflated, 4 KB in the headers
CHUNK = 1024 * 1024


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def _normalize_zip(path: Path) -> None:
    """Rewrite a zip (docx) with fixed timestamps and stable entry order."""
    with zipfile.ZipFile(path) as zin:
        entries = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)


def _fix_core_props(doc) -> None:
    cp = doc.core_properties
    cp.created = FIXED_DATETIME.replace(tzinfo=None)
    cp.modified = FIXED_DATETIME.replace(tzinfo=None)
    cp.last_printed = FIXED_DATETIME.replace(tzinfo=None)
    cp.author = "bctk-assist fixtures"
    cp.last_modified_by = "bctk-assist fixtures"
    cp.revision = 1


def _png_bytes(size=(64, 48)) -> bytes:
    """A tiny PNG with a few shapes (no text)."""
    img = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(img)
    d.rectangle([4, 4, size[0] - 5, size[1] - 5], outline="navy", width=2)
    d.ellipse([16, 10, 48, 38], fill="orange")
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


# --------------------------------------------------------------------------
# 1. sample.docx
# --------------------------------------------------------------------------
def make_sample_docx(path: Path) -> None:
    doc = Document()
    _fix_core_props(doc)
    doc.core_properties.title = "Báo cáo tổng kết công tác bảo vệ, chăm sóc trẻ em"

    doc.add_paragraph(
        "Báo cáo tổng kết công tác bảo vệ, chăm sóc trẻ em giai đoạn 2019-2022",
        style="Title",
    )
    doc.add_paragraph(SCHOOL)

    doc.add_heading("I. Công tác lãnh đạo, chỉ đạo", level=1)
    doc.add_paragraph(
        "Ban giám hiệu xây dựng kế hoạch hằng năm, phân công 01 phó hiệu trưởng "
        "phụ trách và giao tổng phụ trách Đội làm đầu mối theo dõi, tổng hợp."
    )

    doc.add_heading("1. Tuyên truyền", level=2)
    doc.add_paragraph(
        "Năm học 2019-2020, nhà trường tổ chức 06 buổi tuyên truyền về quyền "
        "trẻ em cho 412 học sinh."
    )
    doc.add_paragraph(
        "Năm học 2020-2021, do ảnh hưởng của dịch bệnh, nhà trường chuyển sang "
        "hình thức trực tuyến với 04 buổi sinh hoạt chuyên đề, thu hút 389 học "
        "sinh và 215 phụ huynh tham gia."
    )
    doc.add_paragraph(NBSP_TEXT)
    doc.add_paragraph(NFD_TEXT)

    doc.add_heading("2. Số liệu", level=2)
    rows = [
        ("Năm học", "Số buổi", "Số học sinh"),
        ("2019-2020", "06", "412"),
        ("2020-2021", "04", "389"),
        ("2021-2022", "08", "437"),
    ]
    table = doc.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True

    doc.add_heading("II. Hạn chế", level=1)
    doc.add_paragraph("Bên cạnh kết quả đạt được, công tác còn một số hạn chế sau:")
    # Real Word auto-numbering: "List Number" carries w:numPr in its style
    # definition (numId -> decimal list in numbering.xml); the number itself
    # is NOT part of the paragraph text.
    for item in (
        "Cơ sở vật chất phục vụ hoạt động vui chơi còn thiếu.",
        "Một số phụ huynh chưa quan tâm đúng mức đến việc học của con.",
        "Việc phối hợp với địa phương đôi lúc chưa kịp thời.",
    ):
        doc.add_paragraph(item, style="List Number")
    doc.add_paragraph(
        "Nhà trường sẽ tiếp tục rà soát, khắc phục trong năm học tới.",
        style="List Bullet",
    )

    for p in doc.paragraphs:
        for run in p.runs:
            if run.font.size is None and p.style.name == "Normal":
                run.font.size = Pt(13)

    doc.save(path)
    _normalize_zip(path)


# --------------------------------------------------------------------------
# 2. sample.pdf (real text layer)
# --------------------------------------------------------------------------
def _new_pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATETIME)
    pdf.set_producer("bctk-assist fixtures")
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def make_sample_pdf(path: Path) -> None:
    pdf = _new_pdf()
    pdf.set_title("Báo cáo hoạt động vì trẻ em")

    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 10, "Báo cáo hoạt động vì trẻ em", align="C")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(
        0,
        7,
        "Hưởng ứng Tháng hành động vì trẻ em năm 2021, Trường Tiểu học Sao Mai "
        "(đơn vị giả định) đã phát động phong trào quyên góp sách vở, tổ chức "
        "03 buổi ngoại khóa về kỹ năng phòng tránh đuối nước và tai nạn "
        "thương tích cho học sinh toàn trường.",
    )

    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(
        0,
        7,
        "Dịp Tết Trung thu 2020 trao 150 phần quà cho học sinh có hoàn cảnh khó "
        "khăn; mỗi phần quà gồm bánh nướng, đèn ông sao và bộ đồ dùng học tập. "
        "Kinh phí do phụ huynh và các nhà hảo tâm ủng hộ.",
    )
    pdf.output(str(path))


# --------------------------------------------------------------------------
# 2b. pagebreak.pdf: headings directly above their paragraphs, sentences
#     running across page breaks, page numbers in the footer
# --------------------------------------------------------------------------
PAGEBREAK_CROSSING = (
    "Trong dịp hè, nhà trường phối hợp với Ủy ban nhân dân phường, Hội Liên hiệp "
    "Phụ nữ và Ban đại diện cha mẹ học sinh tổ chức 04 lớp dạy bơi miễn phí cho 126 "
    "học sinh, đồng thời vận động Công ty Cổ phần Sách Sao Mai (đơn vị giả định) tặng "
    "210 bộ sách giáo khoa cho học sinh có hoàn cảnh khó khăn trước ngày khai giảng."
)


class _PagedPDF(FPDF):
    def footer(self) -> None:  # "- 1 -" at the bottom of every page, as in most reports
        self.set_y(-15)
        self.set_font("DejaVu", "", 10)
        self.cell(0, 8, f"- {self.page_no()} -", align="C")


def make_pagebreak_pdf(path: Path) -> None:
    pdf = _PagedPDF(format="A4")
    pdf.set_creation_date(FIXED_DATETIME)
    pdf.set_producer("bctk-assist fixtures")
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title("Báo cáo kết quả công tác năm 2021")

    def heading(text: str, align: str = "L") -> None:
        pdf.set_font("DejaVu", "B", 13)
        pdf.multi_cell(0, 8, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def para(text: str) -> None:
        pdf.set_font("DejaVu", "", 12)
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    heading("BÁO CÁO", align="C")
    heading("KẾT QUẢ CÔNG TÁC NĂM 2021", align="C")
    para("Năm 2021, nhà trường có 18 lớp với 412 học sinh; đội ngũ gồm 26 cán bộ, giáo viên, "
         "nhân viên, trong đó 100% đạt chuẩn trình độ đào tạo.")
    heading("II. KẾT QUẢ THỰC HIỆN")
    para("Nhà trường hoàn thành 12 trên tổng số 12 chỉ tiêu đề ra, trong đó có 03 chỉ tiêu "
         "vượt kế hoạch.")
    heading("1. Công tác tuyên truyền")
    para("Nhà trường tổ chức 06 buổi tuyên truyền về quyền trẻ em cho 412 học sinh và 380 phụ huynh.")
    heading("Công tác phối hợp với gia đình")
    para("Ban đại diện cha mẹ học sinh họp 04 lần trong năm để thống nhất kế hoạch chăm sóc "
         "học sinh bán trú.")
    # Start the long paragraph two lines above the bottom margin so that it breaks mid-sentence.
    pdf.set_y(pdf.h - pdf.b_margin - 2 * 7)
    para(PAGEBREAK_CROSSING)
    heading("2. Công tác chăm sóc sức khỏe")
    para("Phối hợp trạm y tế phường khám sức khỏe định kỳ cho 398 học sinh.")
    # A heading as the last line of page 2: its paragraph is the first line of page 3.
    pdf.set_y(pdf.h - pdf.b_margin - 8)
    heading("III. PHƯƠNG HƯỚNG NĂM 2022")
    para("Duy trì sĩ số, giữ vững nền nếp và tiếp tục xây dựng trường học an toàn.")
    pdf.output(str(path))


# --------------------------------------------------------------------------
# 2c. table_merged.docx: a table with equal values in adjacent cells and
#     really merged cells (gridSpan across, vMerge down)
# --------------------------------------------------------------------------
def make_table_merged_docx(path: Path) -> None:
    doc = Document()
    _fix_core_props(doc)
    doc.add_heading("Số liệu hoạt động ngoại khóa", level=1)
    doc.add_paragraph("Bảng dưới đây tổng hợp số buổi và số lớp tham gia theo từng năm.")
    rows = [
        ("Năm", "Hoạt động ngoại khóa", ""),
        ("", "Số buổi", "Số lớp"),
        ("2019", "12", "12"),
        ("2020", "08", "10"),
        ("2021", "15", "15"),
    ]
    table = doc.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    table.cell(0, 1).merge(table.cell(0, 2))  # gridSpan: one cell over two columns
    table.cell(0, 0).merge(table.cell(1, 0))  # vMerge: "Năm" over the two header rows
    doc.save(path)
    _normalize_zip(path)


# --------------------------------------------------------------------------
# 3. scanned.pdf (image only, no text layer)
# --------------------------------------------------------------------------
def make_scanned_pdf(path: Path) -> None:
    # Draw a "scanned page" as pixels; 1-bit keeps it small.
    w, h = 1240, 1754  # A4 at 150 dpi
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    font_big = ImageFont.truetype(str(FONT_BOLD), 44)
    font = ImageFont.truetype(str(FONT_REGULAR), 30)
    d.text((140, 140), "BÁO CÁO (BẢN QUÉT)", font=font_big, fill=0)
    lines = [
        "Trường Tiểu học Sao Mai (đơn vị giả định)",
        "Năm học 2021-2022 tổ chức 08 buổi tuyên truyền",
        "cho 437 học sinh về quyền và bổn phận trẻ em.",
    ]
    for i, line in enumerate(lines):
        d.text((140, 260 + i * 50), line, font=font, fill=0)
    d.rectangle([130, 480, 1110, 900], outline=0, width=4)
    d.line([130, 620, 1110, 620], fill=0, width=3)
    d.line([130, 760, 1110, 760], fill=0, width=3)
    d.ellipse([880, 1300, 1120, 1540], outline=0, width=6)  # "stamp"
    img = img.convert("1")

    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    buf.seek(0)

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATETIME)
    pdf.set_producer("bctk-assist fixtures")
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.output(str(path))


# --------------------------------------------------------------------------
# 4./5. markdown + plain text
# --------------------------------------------------------------------------
NOTES_MD = """\
# Ghi chú họp chuyên môn tháng 9

Buổi họp do cô hiệu trưởng chủ trì, có 24 giáo viên tham dự. Nội dung chính là
triển khai kế hoạch năm học mới và phân công nhiệm vụ bảo vệ, chăm sóc trẻ em.

## Nội dung đã thống nhất

- Mỗi lớp tổ chức ít nhất 01 tiết sinh hoạt về an toàn giao thông mỗi tháng.
- Giáo viên chủ nhiệm cập nhật danh sách học sinh có hoàn cảnh khó khăn trước ngày 15/10.
- Tổng phụ trách Đội chuẩn bị chương trình Tết Trung thu.

## Việc cần làm tiếp

- Rà soát tủ sách thư viện lớp học.
- Liên hệ trạm y tế phường để khám sức khỏe định kỳ cho 412 học sinh.
"""

NOTES_TXT = """\
DÀN Ý BÁO CÁO SƠ KẾT HỌC KỲ I

I. Đặc điểm tình hình
1. Thuận lợi
- Đội ngũ giáo viên đủ về số lượng, nhiệt tình.
- Phụ huynh ủng hộ các hoạt động của nhà trường.
2. Khó khăn
- Sân chơi còn hẹp, thiếu bóng mát.

II. Kết quả thực hiện
1. Công tác tuyên truyền
- Tổ chức 03 buổi nói chuyện chuyên đề cho học sinh khối 4 và khối 5.
2. Công tác chăm sóc sức khỏe
- Phối hợp trạm y tế khám răng miệng cho 398 học sinh.

III. Phương hướng học kỳ II
1. Duy trì sĩ số, giữ vững nền nếp.
2. Tăng cường phối hợp giữa gia đình và nhà trường.
"""


# --------------------------------------------------------------------------
# 6. bad files
# --------------------------------------------------------------------------
def make_empty_docx(path: Path) -> None:
    doc = Document()  # default template body has no paragraphs at all
    _fix_core_props(doc)
    doc.save(path)
    _normalize_zip(path)


def make_corrupt_docx(path: Path, source_docx: Path) -> None:
    # A real docx truncated: valid local header (PK\x03\x04) but no central
    # directory, so zipfile raises BadZipFile.
    data = source_docx.read_bytes()[:1500]
    assert data.startswith(b"PK\x03\x04")
    path.write_bytes(data)


def make_bomb_docx(path: Path) -> None:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>Tệp nén độc hại dùng để kiểm thử.</w:t></w:r></w:p>"
    )
    tail = "<w:p><w:r><w:t>Kết thúc.</w:t></w:r></w:p><w:sectPr/></w:body></w:document>"

    def info(name: str) -> zipfile.ZipInfo:
        zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi.external_attr = 0o644 << 16
        return zi

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(info("[Content_Types].xml"), content_types)
        zf.writestr(info("_rels/.rels"), rels)
        # Stream ~300 MB of inter-element whitespace (well-formed XML) in 1 MB
        # chunks so we never hold it in memory.
        head_b, tail_b = head.encode("utf-8"), tail.encode("utf-8")
        with zf.open(info("word/document.xml"), "w") as fh:
            fh.write(head_b)
            padding = BOMB_UNCOMPRESSED_BYTES - len(head_b) - len(tail_b)
            chunk = b" " * CHUNK
            while padding > 0:
                n = min(padding, CHUNK)
                fh.write(chunk if n == CHUNK else chunk[:n])
                padding -= n
            fh.write(tail_b)


def _lie_about_size(path: Path, member: str, declared: int) -> None:
    """Rewrite the uncompressed size of `member` in its local header and central directory entry."""
    import struct

    data = bytearray(path.read_bytes())
    name = member.encode()
    for sig, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (pos := data.find(sig, start)) >= 0:
            name_len = struct.unpack_from("<H", data, pos + (26 if sig == b"PK\x03\x04" else 28))[0]
            if data[pos + name_at:pos + name_at + name_len] == name:
                struct.pack_into("<I", data, pos + size_at, declared)
            start = pos + 4
    path.write_bytes(bytes(data))


def make_lying_bomb_docx(path: Path) -> None:
    """Like bomb.docx, but word/document.xml really inflates to ~1.1 GB while its headers say 4 KB."""
    global BOMB_UNCOMPRESSED_BYTES
    honest = BOMB_UNCOMPRESSED_BYTES
    BOMB_UNCOMPRESSED_BYTES = LYING_BOMB_BYTES
    try:
        make_bomb_docx(path)
    finally:
        BOMB_UNCOMPRESSED_BYTES = honest
    _lie_about_size(path, "word/document.xml", 4096)


def make_encrypted_pdfs(source: Path) -> None:
    """AES-encrypted copies of sample.pdf: owner password only (opens without a password everywhere)
    and with a user password (needs one to open). AES salts are random: these two differ on each run."""
    from pypdf import PdfReader, PdfWriter

    for out, user, algorithm in (("aes_owner_only.pdf", "", "AES-128"), ("aes_user_password.pdf", "mat-khau", "AES-256")):
        writer = PdfWriter(clone_from=PdfReader(source))
        writer.add_metadata({"/CreationDate": "D:20210101000000Z", "/ModDate": "D:20210101000000Z"})
        writer.encrypt(user_password=user, owner_password="chu-so-huu", algorithm=algorithm)
        with (HERE / out).open("wb") as fh:
            writer.write(fh)


SAME_NAME = {
    "2020": "BÁO CÁO TỔNG KẾT NĂM HỌC 2019-2020\nI. Kết quả\n"
            "Năm học 2019-2020 nhà trường tổ chức 7 buổi ngoại khóa về an toàn giao thông cho học sinh.\n",
    "2021": "BÁO CÁO TỔNG KẾT NĂM HỌC 2020-2021\nI. Kết quả\n"
            "Năm học 2020-2021 nhà trường tổ chức 11 buổi sinh hoạt dưới cờ về phòng chống đuối nước.\n",
}


def make_same_name_folders() -> None:
    """Two different reports with the same file name in two folders (units name every year's file alike)."""
    for year, text in SAME_NAME.items():
        folder = HERE / "same_name" / year
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "bao-cao-tong-ket.txt").write_text(text, encoding="utf-8")


def make_bad_files() -> None:
    rng = random.Random(20210601)

    (HERE / "empty.txt").write_bytes(b"")
    make_empty_docx(HERE / "empty.docx")
    make_corrupt_docx(HERE / "corrupt.docx", HERE / "sample.docx")

    png = _png_bytes()
    (HERE / "image.png").write_bytes(png)
    (HERE / "not_a_docx.docx").write_bytes(png)

    ole_magic = bytes.fromhex("D0CF11E0A1B11AE1")
    (HERE / "old_word.doc").write_bytes(ole_magic + rng.randbytes(4096 - 8))

    (HERE / "corrupt.pdf").write_bytes(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(2048) + b"\n(no xref, no trailer)\n"
    )

    binary = bytearray(rng.randbytes(2048))
    for i in range(0, len(binary), 7):  # guarantee plenty of NULs
        binary[i] = 0
    (HERE / "binary.txt").write_bytes(bytes(binary))

    make_bomb_docx(HERE / "bomb.docx")
    make_lying_bomb_docx(HERE / "lying_bomb.docx")


# --------------------------------------------------------------------------
def main() -> None:
    make_sample_docx(HERE / "sample.docx")
    make_sample_pdf(HERE / "sample.pdf")
    make_pagebreak_pdf(HERE / "pagebreak.pdf")
    make_table_merged_docx(HERE / "table_merged.docx")
    make_scanned_pdf(HERE / "scanned.pdf")
    (HERE / "notes.md").write_text(NOTES_MD, encoding="utf-8")
    (HERE / "notes.txt").write_text(NOTES_TXT, encoding="utf-8")
    make_bad_files()
    make_encrypted_pdfs(HERE / "sample.pdf")
    make_same_name_folders()
    for p in sorted(HERE.iterdir()):
        if p.is_file():
            print(f"{p.name:20s} {p.stat().st_size:>9d} bytes")


if __name__ == "__main__":
    main()
