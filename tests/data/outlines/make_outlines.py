"""Generate the DOCX outline fixtures in tests/data/outlines/.

Run with:  .venv/bin/python tests/data/outlines/make_outlines.py

- headings.docx: Word heading styles (Heading 1/2/3), no number anywhere in the text.
- autonumbered.docx: Word auto-numbering from numbering.xml (I. / 1. / a) and "•" bullets);
  the numbers are not in the paragraph text. A typed "Phần thứ nhất" with its title in the next
  paragraph sits on top.

Content is invented. Output is deterministic (fixed timestamps and zip entry order).
"""
from __future__ import annotations

import copy
import datetime as _dt
import sys
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from make_fixtures import _normalize_zip  # noqa: E402  (same deterministic zip rewrite)

FIXED_DATETIME = _dt.datetime(2021, 1, 1)

NUM_OUTLINE = 901  # numId of the I. / 1. / a) list
NUM_BULLET = 902  # numId of the bullet list


def _new_document() -> Document:
    doc = Document()
    cp = doc.core_properties
    cp.created = cp.modified = cp.last_printed = FIXED_DATETIME
    cp.author = cp.last_modified_by = "bctk-assist fixtures"
    cp.revision = 1
    return doc


def make_headings(path: Path) -> None:
    doc = _new_document()
    doc.add_heading("Đánh giá tình hình thực hiện", level=1)
    doc.add_heading("Công tác lãnh đạo, chỉ đạo", level=2)
    doc.add_heading("Học tập, quán triệt chỉ thị", level=3)
    doc.add_paragraph("Nêu các hình thức học tập, quán triệt đã tổ chức.")
    doc.add_heading("Kiểm tra, giám sát", level=3)
    doc.add_heading("Kết quả thực hiện", level=2)
    doc.add_paragraph("Tuyên truyền trong nhà trường", style="List Bullet")
    doc.add_paragraph("Tháng hành động vì trẻ em", style="List Bullet")
    doc.add_heading("Nhiệm vụ, giải pháp", level=1)
    doc.add_heading("Kiến nghị", level=1)
    doc.save(path)
    _normalize_zip(path)


def _level(ilvl: int, fmt: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


def _add_numbering(doc) -> None:
    """Append two list definitions to numbering.xml (abstractNum before num, as the schema wants)."""
    root = doc.part.numbering_part.element
    outline = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_OUTLINE}">'
                        '<w:multiLevelType w:val="multilevel"/>'
                        + _level(0, "upperRoman", "%1.") + _level(1, "decimal", "%2.")
                        + _level(2, "lowerLetter", "%3)") + "</w:abstractNum>")
    bullet = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_BULLET}">'
                       '<w:multiLevelType w:val="hybridMultilevel"/>'
                       + _level(0, "bullet", "•") + "</w:abstractNum>")
    first_num = root.find(qn("w:num"))
    for abstract in (outline, bullet):
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            root.append(abstract)
    for num_id in (NUM_OUTLINE, NUM_BULLET):
        root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                              f'<w:abstractNumId w:val="{num_id}"/></w:num>'))


def _numbered(doc, text: str, num_id: int, ilvl: int, bold: bool = False) -> None:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))


def make_autonumbered(path: Path) -> None:
    doc = _new_document()
    _add_numbering(doc)
    doc.add_paragraph().add_run("Phần thứ nhất").bold = True
    doc.add_paragraph().add_run("ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN").bold = True
    _numbered(doc, "Công tác lãnh đạo, chỉ đạo", NUM_OUTLINE, 0, bold=True)
    _numbered(doc, "Học tập, quán triệt", NUM_OUTLINE, 1)
    doc.add_paragraph("Nêu số buổi học tập và thành phần tham dự.")
    _numbered(doc, "Kiểm tra, giám sát", NUM_OUTLINE, 1)
    _numbered(doc, "Kiểm tra định kỳ", NUM_OUTLINE, 2)
    _numbered(doc, "Kiểm tra đột xuất", NUM_OUTLINE, 2)
    _numbered(doc, "Kết quả thực hiện", NUM_OUTLINE, 0, bold=True)
    _numbered(doc, "Tuyên truyền", NUM_OUTLINE, 1)
    _numbered(doc, "Các buổi sinh hoạt dưới cờ", NUM_BULLET, 0)
    _numbered(doc, "Tháng hành động vì trẻ em", NUM_BULLET, 0)
    doc.save(path)
    _normalize_zip(path)


if __name__ == "__main__":
    make_headings(HERE / "headings.docx")
    make_autonumbered(HERE / "autonumbered.docx")
    print("wrote headings.docx, autonumbered.docx")
