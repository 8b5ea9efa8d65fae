"""Generate the drafting development set: four invented units, their documents and answer keys.

Run: .venv/bin/python bench/devset/make_devset.py   (rewrites bench/devset/<unit>/; deterministic)

Every school, party cell, ward, person, figure and event here is invented. The documents are
written in each year's own shape (annual reports, a sơ kết, a plan, minutes), not in the outline's.

Text in the unit modules (src_*.py) marks each key fact in place: "[[P1.II.2/1|trao 35 suất quà]]"
means the marked words are the fact's `match`, its outline section is P1.II.2 and its item is 1
("[[P1.III.1|…]]" for sections without an item list). "<<PAGE>>" inside a PDF paragraph forces a
page break in the middle of that sentence. The script checks the key before writing it: each match
has 4-12 words, occurs once in its unit and not in the bundled sample report, every outline section
gets facts, and no figure of one unit's documents is repeated in another unit's (years, dates,
clock times, ages, "100%" and single-digit counts aside).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

import src_chi_bo_mn_hoa_sen  # noqa: E402
import src_phuong_an_binh  # noqa: E402
import src_thcs_tan_phu  # noqa: E402
import src_ubnd_xa_hoa_my_bac  # noqa: E402

sys.path.insert(0, str(HERE.parents[1] / "tests" / "data"))
from make_fixtures import _normalize_zip  # noqa: E402  (the fixtures' deterministic zip rewrite)

UNITS = (src_thcs_tan_phu, src_chi_bo_mn_hoa_sen, src_phuong_an_binh, src_ubnd_xa_hoa_my_bac)
SAMPLE = ROOT / "bctk_assist" / "data" / "corpus" / "bao-cao-mau-truong-tieu-hoc-hoa-an.docx"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATETIME = dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc)
FONT = "Times New Roman"

MARK = re.compile(r"\[\[([A-Z0-9.]+)(?:/(\d+))?\|(.+?)\]\]")
PAGE = "<<PAGE>>"
# Sections of the bundled outline that take text, with the length of their item list (0: none).
SECTIONS = {"P1.I.1": 0, "P1.I.2": 0, "P1.I.3": 0, "P1.II": 1, "P1.II.1": 2, "P1.II.2": 6,
            "P1.II.3": 3, "P1.II.4": 2, "P1.II.5": 0, "P1.III.1": 0, "P1.III.2": 0, "P1.III.3": 0,
            "P2": 0, "P3.1": 0, "P3.2": 0, "P3.3": 0, "P3.4": 0}
KINDS = {"P1.III.1": "limitation", "P1.III.2": "cause", "P1.III.3": "lesson", "P2": "task"}


# ----------------------------------------------------------------------------- markers and key

def plain(text: str) -> str:
    """Text as it appears in the document: markers dropped, the page-break token as a space."""
    return MARK.sub(lambda m: m.group(3), text).replace(PAGE, " ")


def kind_of(section: str) -> str:
    return "recommendation" if section.startswith("P3") else KINDS.get(section, "result")


def facts_in(text: str, doc: str) -> list[dict]:
    out = []
    for m in MARK.finditer(text):
        section, item = m.group(1), m.group(2)
        match = " ".join(m.group(3).replace(PAGE, " ").split())
        n_items = SECTIONS[section]  # KeyError: not a section that takes text
        if n_items == 1 and item is None:
            item = "0"
        if (item is None) != (n_items == 0) or (item is not None and int(item) >= n_items):
            raise ValueError(f"{doc}: item {item} does not fit section {section}: {match}")
        out.append({"match": match, "doc": doc, "section": section,
                    "item": int(item) if item is not None else None, "kind": kind_of(section)})
    return out


def element_texts(element: tuple) -> list[str]:
    """Every piece of text an element puts in its document (with markers)."""
    tag, *rest = element
    if tag in ("p", "h", "note"):
        return [rest[0]]
    if tag in ("items", "title", "lines"):
        return list(rest[0])
    if tag == "runin":
        return [f"{rest[0]} {rest[1]}"]
    if tag == "table":
        return [rest[0], *(cell for row in rest[1] for cell in row)]
    if tag in ("header", "sign"):
        return [*rest[0], *rest[1]]
    if tag == "numdate":
        return [rest[0], rest[1]]
    return []


def doc_facts(doc: dict) -> list[dict]:
    return [f for el in doc["elements"] for t in element_texts(el) for f in facts_in(t, doc["file"])]


def doc_text(doc: dict) -> str:
    return "\n".join(plain(t) for el in doc["elements"] for t in element_texts(el))


# ----------------------------------------------------------------------------- DOCX

def _new_docx(title: str) -> Document:
    doc = Document()
    cp = doc.core_properties
    cp.created = cp.modified = cp.last_printed = FIXED_DATETIME.replace(tzinfo=None)
    cp.author = cp.last_modified_by = "bctk-assist devset"
    cp.revision = 1
    cp.title = title
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    for section in doc.sections:
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    return doc


def _para(container, text: str, *, bold=False, italic=False, align=None, indent=False, style=None):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    p.paragraph_format.space_after = Pt(3)
    return p


def _two_columns(doc, left: list[str], right: list[str], bold_rows=(0,), center=True) -> None:
    """A borderless two-column block (header or signature), as offices lay them out in Word."""
    table = doc.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right)):
        cell.paragraphs[0].text = ""
        for i, line in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            run = p.add_run(line)
            run.bold = (i in bold_rows or line.isupper()) or None
            if center:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _heading_level(text: str) -> int:
    if re.match(r"^[IVX]+\.", text):
        return 1
    return 3 if re.match(r"^\d+\.\d+\.", text) else 2


def _docx_table(doc, caption: str, rows: list[list[str]]) -> None:
    _para(doc, plain(caption), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = plain(value)
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def _docx_element(doc, el: tuple, word_headings: bool) -> None:
    tag, *rest = el
    if tag == "header":
        _two_columns(doc, rest[0], rest[1])
    elif tag == "numdate":
        _two_columns(doc, [rest[0]], [rest[1]], bold_rows=())
    elif tag == "title":
        for i, line in enumerate(rest[0]):
            _para(doc, plain(line), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    elif tag == "h" and word_headings:
        doc.add_heading(plain(rest[0]), level=_heading_level(rest[0]))
    elif tag == "h":
        _para(doc, plain(rest[0]), bold=True)
    elif tag == "p":
        _para(doc, plain(rest[0]), indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    elif tag == "note":
        _para(doc, plain(rest[0]), italic=True)
    elif tag == "items":
        for item in rest[0]:
            _para(doc, "- " + plain(item), indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    elif tag == "lines":  # list lines carrying their own markers: "a)", "-", "+"
        for line in rest[0]:
            _para(doc, plain(line), indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    elif tag == "runin":  # a paragraph opening with its heading in bold: "Về công tác tuyên truyền: …"
        p = _para(doc, plain(rest[0]), bold=True, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        p.add_run(" " + plain(rest[1]))
    elif tag == "table":
        _docx_table(doc, rest[0], rest[1])
    elif tag == "sign":
        _two_columns(doc, [plain(x) for x in rest[0]], [plain(x) for x in rest[1]], bold_rows=(0,))


def write_docx(doc_spec: dict, path: Path) -> None:
    doc = _new_docx(doc_spec["title"])
    for el in doc_spec["elements"]:
        _docx_element(doc, el, doc_spec.get("word_headings", False))
    doc.save(str(path))
    _normalize_zip(path)


# ----------------------------------------------------------------------------- TXT

def _txt_lines(el: tuple) -> list[str]:
    tag, *rest = el
    if tag in ("header", "sign"):
        left, right = rest[0], rest[1]
        return [f"{(left[i] if i < len(left) else ''):<40}\t{right[i] if i < len(right) else ''}".rstrip()
                for i in range(max(len(left), len(right)))] + [""]
    if tag == "numdate":
        return [f"{rest[0]:<40}\t{rest[1]}", ""]
    if tag == "title":
        return [*rest[0], ""]
    if tag in ("h", "p", "note"):
        return [rest[0]]
    if tag == "items":
        return ["- " + item for item in rest[0]]
    if tag == "lines":
        return list(rest[0])
    if tag == "runin":
        return [f"{rest[0]} {rest[1]}"]
    raise ValueError(f"no TXT form for {tag}")


def write_txt(doc_spec: dict, path: Path) -> None:
    lines = [plain(line) for el in doc_spec["elements"] for line in _txt_lines(el)]
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


# ----------------------------------------------------------------------------- PDF

def _new_pdf(title: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATETIME)
    pdf.set_producer("bctk-assist devset")
    pdf.set_title(title)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    return pdf


def _pdf_columns(pdf: FPDF, left: list[str], right: list[str], bold_first: bool = True) -> None:
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    for i in range(max(len(left), len(right))):
        for col, lines in enumerate((left, right)):
            text = plain(lines[i]) if i < len(lines) else ""
            pdf.set_font("DejaVu", "B" if (i == 0 and bold_first) or text.isupper() else "", 10)
            pdf.cell(half, 5.5, text, align="C", new_x="RIGHT" if col == 0 else "LMARGIN",
                     new_y="TOP" if col == 0 else "NEXT")
    pdf.ln(3)


def _pdf_text(pdf: FPDF, text: str, style: str = "", size: int = 11, align: str = "J") -> None:
    """A paragraph; PAGE inside it breaks the page right there, in the middle of the sentence."""
    pdf.set_font("DejaVu", style, size)
    parts = plain(text.replace(PAGE, "\x00")).split("\x00")
    for i, part in enumerate(parts):
        if i:
            pdf.add_page()
        pdf.multi_cell(0, 6, part.strip(), align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _pdf_element(pdf: FPDF, el: tuple) -> None:
    tag, *rest = el
    if tag == "header":
        _pdf_columns(pdf, rest[0], rest[1])
    elif tag == "numdate":
        _pdf_columns(pdf, [rest[0]], [rest[1]], bold_first=False)
    elif tag == "title":
        for line in rest[0]:
            _pdf_text(pdf, line, "B", 12, "C")
    elif tag == "h":
        _pdf_text(pdf, rest[0], "B", 11, "L")
    elif tag in ("p", "note"):
        _pdf_text(pdf, rest[0], "I" if tag == "note" else "")
    elif tag == "items":
        for item in rest[0]:
            _pdf_text(pdf, "- " + item)
    elif tag == "lines":
        for line in rest[0]:
            _pdf_text(pdf, line)
    elif tag == "runin":
        _pdf_text(pdf, f"{rest[0]} {rest[1]}")
    elif tag == "sign":
        pdf.ln(4)
        _pdf_columns(pdf, rest[0], rest[1])
    elif tag == "page":
        pdf.add_page()
    else:
        raise ValueError(f"no PDF form for {tag}")


def write_pdf(doc_spec: dict, path: Path) -> None:
    pdf = _new_pdf(doc_spec["title"])
    for el in doc_spec["elements"]:
        _pdf_element(pdf, el)
    pdf.output(str(path))


WRITERS = {"docx": write_docx, "txt": write_txt, "pdf": write_pdf}


# ----------------------------------------------------------------------------- checks

def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def sample_text() -> str:
    doc = Document(str(SAMPLE))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return norm("\n".join([p.text for p in doc.paragraphs] + cells))


_NUM = re.compile(r"(?<![\w/-])\d+(?:[.,]\d+)*(?:/\d+)*%?(?![\w/-])")


def figures(text: str) -> set[str]:
    """Figures in a text, leaving out years, dates, clock times, ages, "Chỉ thị 20", "100%" and
    single-digit counts ("02 buổi"), which every report repeats."""
    out = set()
    for m in _NUM.finditer(text):
        token = m.group(0)
        before = (text[:m.start()].split() or [""])[-1].lower()
        after = (text[m.end():].split() or [""])[0].lower()
        if re.fullmatch(r"(19|20)\d\d|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|0?\d|100%", token):
            continue  # years, dates, month/year, small counts
        day_month = re.fullmatch(r"(\d{1,2})/(\d{1,2})", token)
        if day_month and int(day_month.group(2)) <= 12 and day_month.group(1) != day_month.group(2):
            continue  # "28/6" is a date; "08/08" is a fraction
        if before in ("ngày", "tháng", "năm", "dịp", "số", "thị") or after.strip(",;.") in ("giờ", "phút", "tuổi"):
            continue
        out.add(token)
    return out


def check_unit(unit, facts: list[dict], texts: dict[str, str], sample: str) -> list[str]:
    problems = []
    whole = norm("\n".join(texts.values()))
    for f in facts:
        words = len(f["match"].split())
        if not 4 <= words <= 12:
            problems.append(f"{unit.NAME}: {words} words: {f['match']}")
        count = whole.count(norm(f["match"]))
        if count != 1:
            problems.append(f"{unit.NAME}: match found {count} times: {f['match']}")
        if norm(f["match"]) in sample:
            problems.append(f"{unit.NAME}: match also in the sample report: {f['match']}")
    return problems


def check_figures(all_texts: dict[str, dict[str, str]]) -> list[str]:
    """No figure of one unit's documents appears in another unit's."""
    owner: dict[str, set[str]] = defaultdict(set)
    for unit, texts in all_texts.items():
        for text in texts.values():
            for fig in figures(text):
                owner[fig].add(unit)
    return [f"figure {fig} in {sorted(units)}" for fig, units in owner.items() if len(units) > 1]


def check_coverage(all_facts: dict[str, list[dict]]) -> list[str]:
    covered = {(f["section"], f["item"]) for facts in all_facts.values() for f in facts}
    wanted = [(s, i if n else None) for s, n in SECTIONS.items() for i in (range(n) if n else [None])]
    return [f"no fact for {s} item {i}" for s, i in wanted if (s, i) not in covered]


# ----------------------------------------------------------------------------- main

def build_unit(unit) -> tuple[list[dict], dict[str, str]]:
    folder = HERE / unit.NAME
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
    facts, texts = [], {}
    for doc in unit.DOCS:
        WRITERS[doc["file"].rsplit(".", 1)[1]](doc, folder / doc["file"])
        facts.extend(doc_facts(doc))
        texts[doc["file"]] = doc_text(doc)
    key = {"unit": unit.UNIT, "docs": [d["file"] for d in unit.DOCS], "facts": facts}
    (folder / "key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return facts, texts


def main() -> int:
    sample = sample_text()
    all_facts, all_texts, problems = {}, {}, []
    for unit in UNITS:
        facts, texts = build_unit(unit)
        all_facts[unit.NAME], all_texts[unit.NAME] = facts, texts
        problems += check_unit(unit, facts, texts, sample)
        by_section = defaultdict(int)
        for f in facts:
            by_section[f["section"]] += 1
        print(f"{unit.NAME}: {len(unit.DOCS)} documents, {len(facts)} key facts, "
              f"{len(by_section)} sections: " + ", ".join(f"{s} {n}" for s, n in sorted(by_section.items())))
    problems += check_figures(all_texts) + check_coverage(all_facts)
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
