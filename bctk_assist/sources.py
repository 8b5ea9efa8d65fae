"""Reading source files (DOCX, PDF, TXT, MD) into blocks that know their heading path and location.

Every input is cleaned to NFC; legacy TCVN3/VNI text is converted and reported as a warning.
Bad files raise SourceError with a one-line Vietnamese message naming the file.
"""
from __future__ import annotations

import re
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from bctk_assist import textvi
from bctk_assist.settings import Settings

SUPPORTED = {".docx", ".pdf", ".txt", ".md"}
_MAGIC = {
    b"PK\x03\x04": "zip",
    b"%PDF": "pdf",
    b"\xd0\xcf\x11\xe0": "ole",
    b"\x89PNG": "png",
    b"\xff\xd8\xff": "jpeg",
    b"GIF8": "gif",
    b"MZ": "exe",
}
_CONTENT_NAMES = {"png": "ảnh PNG", "jpeg": "ảnh JPEG", "gif": "ảnh GIF", "exe": "chương trình",
                  "zip": "tệp nén", "pdf": "PDF", "ole": "Word/Excel cũ (.doc/.xls)"}
_ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "cp1258": "Windows-1258"}
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


class SourceError(Exception):
    """A file that cannot be read; the message is one Vietnamese line naming the file."""


@dataclass
class Block:
    text: str
    kind: str = "paragraph"  # heading | paragraph | list | table
    level: int = 0  # heading level (1 = top); 0 for body blocks
    heading_path: tuple[str, ...] = ()
    location: str = ""  # human label: "dòng 12", "trang 3", "đoạn 5", "bảng 1, hàng 2"
    page: int | None = None
    table: int | None = None  # table number for table rows
    table_header: str = ""  # the header row of the table, repeated when a table is split


@dataclass
class SourceDoc:
    name: str
    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)


def read_file(path: Path, settings: Settings) -> SourceDoc:
    """Read one file into blocks, or raise SourceError with a clear message."""
    path = Path(path)
    name = textvi.nfc(path.name)
    kind = _check_file(path, name, settings)
    try:
        if kind == "docx":
            blocks, warnings = _read_docx(path, name, settings)
        elif kind == "pdf":
            blocks, warnings = _read_pdf(path, name, settings)
        else:
            blocks, warnings = _read_text(path, name, settings)
    except SourceError:
        raise
    except Exception as exc:  # any parser failure is a damaged file for the user
        raise SourceError(f"Tệp '{name}' bị hỏng, không đọc được ({type(exc).__name__}).") from exc
    blocks = [b for b in blocks if b.text.strip()]
    if not blocks:
        raise SourceError(f"Tệp '{name}' không có nội dung chữ nào để đưa vào.")
    return SourceDoc(name=name, blocks=_with_heading_paths(blocks), warnings=warnings)


def _check_file(path: Path, name: str, settings: Settings) -> str:
    """Refuse missing, empty, oversized and wrong-type files before parsing; return the reader kind."""
    check_size(path, name, settings)
    ext = path.suffix.lower()
    with path.open("rb") as fh:
        head = fh.read(8)
    content = next((k for magic, k in _MAGIC.items() if head.startswith(magic)), "text")
    if ext == ".doc" or content == "ole":
        raise SourceError(f"Tệp '{name}' là định dạng Word cũ (.doc): hãy mở bằng Word và lưu lại thành .docx.")
    if ext not in SUPPORTED:
        raise SourceError(f"Tệp '{name}' có định dạng không hỗ trợ ({ext or 'không có đuôi'}); "
                          "chỉ nhận DOCX, PDF, TXT, MD.")
    expected = {".docx": "zip", ".pdf": "pdf"}.get(ext, "text")
    if content != expected:
        what = _CONTENT_NAMES.get(content, "văn bản thường")
        raise SourceError(f"Tệp '{name}' không phải {ext[1:].upper()} hợp lệ (nội dung là {what}).")
    if ext == ".docx":
        _check_zip(path, name, settings)
        return "docx"
    return "pdf" if ext == ".pdf" else "text"


def check_size(path: Path, name: str, settings: Settings) -> int:
    """Refuse a missing, empty or oversized file from its size alone (nothing is read); return the size."""
    if not path.is_file():
        raise SourceError(f"Không tìm thấy tệp '{name}'.")
    size = path.stat().st_size
    if size == 0:
        raise SourceError(f"Tệp '{name}' rỗng (0 byte).")
    if size > settings.max_file_mb * 1024 * 1024:
        raise SourceError(f"Tệp '{name}' quá lớn ({size / 1048576:.1f} MB, giới hạn {settings.max_file_mb:g} MB).")
    return size


def _check_zip(path: Path, name: str, settings: Settings) -> None:
    """A DOCX is a zip: refuse broken archives and ones that unpack to an absurd size (zip bombs).

    The sizes written in the zip's headers are not trusted: every member is inflated as a stream,
    in bounded steps, and the bytes actually produced are counted against the limits. Python's
    zipfile (used by python-docx) would inflate a member whose header lies in one step, whatever
    its size, so a member whose real size differs from its header is refused too.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SourceError(f"Tệp '{name}' bị hỏng, không mở được như DOCX.") from exc
    if "word/document.xml" not in {i.filename for i in infos}:
        raise SourceError(f"Tệp '{name}' không phải DOCX hợp lệ (thiếu phần nội dung văn bản).")
    budget = int(settings.max_unzipped_mb * 1024 * 1024)
    xml_limit = int(settings.max_xml_mb * 1024 * 1024)
    packed = max(1, path.stat().st_size)
    declared = sum(i.file_size for i in infos)
    if declared > budget or declared / packed > 1000:  # an honest bomb says so in its headers
        _refuse_bomb(name, declared)
    total = 0
    with path.open("rb") as fh:
        for info in infos:
            is_text = info.filename == "word/document.xml"
            if is_text and info.file_size > xml_limit:
                _refuse_xml(name, settings)
            limit = min(budget - total, xml_limit) if is_text else budget - total
            actual = _inflated_size(fh, info, name, min(limit, info.file_size))
            if actual > info.file_size:
                raise SourceError(f"Tệp '{name}' bị từ chối: phần {info.filename} giải nén ra nhiều hơn kích thước "
                                  "ghi trong tệp nén, có thể là tệp nén độc hại (zip bomb).")
            total += actual
            if actual < info.file_size:
                raise SourceError(f"Tệp '{name}' bị hỏng, không giải nén được đầy đủ (phần {info.filename}).")
            if total > budget or total / packed > 1000:
                _refuse_bomb(name, total)


def _refuse_bomb(name: str, size: int) -> None:
    raise SourceError(f"Tệp '{name}' bị từ chối: nội dung giải nén quá lớn ({size / 1048576:.0f} MB), "
                      "có thể là tệp nén độc hại (zip bomb).")


def _refuse_xml(name: str, settings: Settings) -> None:
    raise SourceError(f"Tệp '{name}' quá lớn để đọc: phần văn bản của nó hơn {settings.max_xml_mb:g} MB khi "
                      "giải nén. Hãy tách thành nhiều tệp nhỏ hơn.")


_INFLATE_STEP = 1 << 20  # at most this many bytes come out of one decompression step


def _inflated_size(fh, info: zipfile.ZipInfo, name: str, limit: int) -> int:
    """Bytes a member really inflates to, from the same compressed bytes zipfile would read; stops
    counting once past `limit` (so the result is at most limit + one step)."""
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise SourceError(f"Tệp '{name}' bị hỏng, không mở được như DOCX.")
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    if info.compress_type == zipfile.ZIP_STORED:
        return min(info.compress_size, len(fh.read(min(info.compress_size, limit + 1))))
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
        raise SourceError(f"Tệp '{name}' dùng kiểu nén hoặc mã hóa không hỗ trợ; hãy mở bằng Word và lưu lại.")
    inflater = zlib.decompressobj(-15)
    left, produced, data = info.compress_size, 0, b""
    while produced <= limit:
        if not data:
            if left <= 0:
                break
            data = fh.read(min(1 << 16, left))
            if not data:
                break
            left -= len(data)
        try:
            produced += len(inflater.decompress(data, _INFLATE_STEP))
        except zlib.error as exc:
            raise SourceError(f"Tệp '{name}' bị hỏng, không giải nén được.") from exc
        data = inflater.unconsumed_tail
        if inflater.eof:
            break
    return produced


# ----------------------------------------------------------------------------- headings

_PART = re.compile(r"^((?i:phần)\s+((?i:thứ)\s+\S+|(?i:[ivx]+)(?!\w)|\d+(?!\w))|[A-D]\s*[-.]\s)")
_ROMAN = re.compile(r"^[IVXLC]{1,6}\s*[.\-–)]\s*\S")
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.\-–)]?\s+\S")
_LETTER = re.compile(r"^[a-zđ]\s*[)\-–]\s*\S")
_HEADING_MAX = 260


def numbered_level(text: str) -> int:
    """Outline level implied by a leading number ("Phần thứ…"=1, "I."=2, "1."=3, "2.1."=4, "a)"=5); 0 if none."""
    t = text.strip()
    if _PART.match(t) and len(t) < 120:
        return 1
    if _ROMAN.match(t):
        return 2
    m = _DECIMAL.match(t)
    if m and (t[len(m.group(1)):len(m.group(1)) + 1] in ".-–)" or "." in m.group(1)):
        return 3 + m.group(1).count(".")
    if _LETTER.match(t):
        return 5
    return 0


def _short_title(text: str) -> str:
    """A heading title for a long numbered paragraph: its first clause, cut at a word boundary."""
    words = text.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def _blocks_from_lines(lines: list[tuple[str, str]] | list[tuple[str, str, int]], *, markdown: bool,
                      page: int | None = None) -> list[Block]:
    """Turn (text, location) lines into heading/list/paragraph blocks using numbering patterns.

    A line may carry its own page as a third element (PDF lines joined across pages); else `page`.
    """
    blocks: list[Block] = []
    for raw, loc, *line_page in lines:
        page = line_page[0] if line_page else page
        text = _BOOKMARK.sub("", raw).strip()
        if not text or (markdown and re.fullmatch(r"[-*_=]{3,}", text)):
            continue
        md = re.match(r"^(#{1,6})\s+(.*)$", text) if markdown else None
        if md:
            title = md.group(2).strip().strip("*").strip()
            blocks.append(Block(title, "heading", len(md.group(1)), location=loc, page=page))
            continue
        if markdown:
            text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
        level = numbered_level(text)
        prev = blocks[-1] if blocks else None
        if prev and prev.kind == "heading" and prev.level == 1 and _PART.match(prev.text) \
                and text.isupper() and len(text) < 200 and prev.text.count("\n") == 0 and not level:
            prev.text = f"{prev.text}\n{text}"  # "Phần thứ nhất" + its title line in capitals
        elif level and len(text) <= _HEADING_MAX:
            blocks.append(Block(text, "heading", level, location=loc, page=page))
        elif level:
            blocks.append(Block(_short_title(text), "heading", level, location=loc, page=page))
            blocks.append(Block(text, "paragraph", location=loc, page=page))
        elif re.match(r"^[-+•*–]\s", text):
            blocks.append(Block(text, "list", location=loc, page=page))
        else:
            blocks.append(Block(text, "paragraph", location=loc, page=page))
    return blocks


def _with_heading_paths(blocks: list[Block]) -> list[Block]:
    """Fill each block's heading path from the headings above it (a stack by level)."""
    stack: list[tuple[int, str]] = []
    for b in blocks:
        if b.kind == "heading":
            while stack and stack[-1][0] >= b.level:
                stack.pop()
            stack.append((b.level, " ".join(b.text.split())))
        b.heading_path = tuple(t for _, t in stack)
    return blocks


# ----------------------------------------------------------------------------- TXT / MD

def decode_text(data: bytes) -> tuple[str, str, str | None]:
    """Bytes of a text file as clean Unicode: (text, encoding read, legacy encoding converted or None)."""
    text, encoding = textvi.decode_bytes(data)
    text, legacy = textvi.repair_legacy(text)  # before clean(): it would damage TCVN3
    return textvi.clean(text), encoding, legacy


def _read_text(path: Path, name: str, settings: Settings) -> tuple[list[Block], list[str]]:
    text, encoding, legacy = decode_text(path.read_bytes())
    if "\x00" in text or _binary_ratio(text) > 0.1:
        raise SourceError(f"Tệp '{name}' không phải văn bản (có vẻ là tệp nhị phân).")
    warnings: list[str] = []
    if legacy or encoding == "cp1258":
        warnings.append(f"Đã chuyển mã {_ENCODING_NAMES[legacy or encoding]} sang Unicode cho toàn bộ tệp.")
    elif encoding not in ("utf-8", "utf-8-sig", "ascii"):
        warnings.append(f"Tệp được đọc theo bảng mã {encoding}.")
    lines = [(line, f"dòng {i}") for i, line in enumerate(text.splitlines(), start=1)]
    _ReadBudget(name, settings).spend(sum(1 for line, _ in lines if line.strip()))
    # Plain-text exports of Word files often carry Markdown marks ("### 1. …", "**…**"): read both alike.
    return _blocks_from_lines(lines, markdown=True), warnings


def _binary_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0xFFF0 <= ord(ch) <= 0xFFFF)
    return bad / len(sample)


# ----------------------------------------------------------------------------- PDF

def _read_pdf(path: Path, name: str, settings: Settings) -> tuple[list[Block], list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(str(path))
        # An owner password alone (printing, copying rights) opens with the empty user password.
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(f"Tệp '{name}' có mật khẩu; hãy bỏ mật khẩu rồi tải lại.")
        pages = reader.pages
        n_pages = len(pages)
    except DependencyError as exc:  # AES needs the `cryptography` package (a dependency of ours)
        raise SourceError(f"Tệp '{name}' được mã hóa AES nhưng máy này thiếu gói cryptography "
                          "(cài lại bctk-assist hoặc: pip install cryptography).") from exc
    except PdfReadError as exc:
        raise SourceError(f"Tệp '{name}' bị hỏng, không đọc được như PDF.") from exc
    if n_pages > settings.max_pdf_pages:
        raise SourceError(f"Tệp '{name}' có {n_pages} trang, vượt giới hạn {settings.max_pdf_pages} trang.")
    warnings: list[str] = []
    chars = 0
    page_lines: list[tuple[str, int, LineStyle | None]] = []
    budget = _ReadBudget(name, settings)
    for number, page in enumerate(pages, start=1):
        budget.spend(1)
        raw, styles = _pdf_page_text(page)
        text, legacy = textvi.repair_legacy(raw)  # repair first: clean() would
        text = textvi.clean(text)  # drop TCVN3's soft-hyphen "ư" and turn its "é" into "Đ"
        if legacy and not warnings:
            warnings.append(f"Đã chuyển mã {_ENCODING_NAMES[legacy]} sang Unicode.")
        chars += len(text.strip())
        page_lines.extend((line, number, style) for line, style in _styled_page_lines(text, number, styles))
    if chars < 20 * max(1, n_pages) and chars < 200:
        raise SourceError(f"Tệp '{name}' là PDF dạng ảnh (bản scan), không có lớp chữ: "
                          "cần nhận dạng chữ (OCR) trước khi đưa vào.")
    # Lines are joined over the whole document, so a sentence running onto the next page stays one
    # block; it keeps the page where it starts.
    lines = [(line, f"trang {number}", number) for line, number in _join_pdf_lines(page_lines)]
    return _blocks_from_lines(lines, markdown=False), warnings


@dataclass(frozen=True)
class LineStyle:
    """How a PDF line is set: its main font size in points and the share of its characters in bold."""
    size: float
    bold: float


_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def _pdf_page_text(page) -> tuple[str, list[LineStyle | None] | None]:
    """A page's text as pypdf extracts it, and the style of each of its lines ("\n"-separated); styles are
    None when the text-drawing calls pypdf reports do not add up to the text it returns."""
    runs: list[tuple[str, float, bool]] = []

    def visit(text, cm, tm, font, size) -> None:
        runs.append((text, _effective_size(size, tm, cm), _is_bold_font(font)))

    try:
        text = page.extract_text(visitor_text=visit) or ""
    except TypeError:  # a pypdf without visitors
        return page.extract_text() or "", None
    if "".join(r[0] for r in runs) != text:
        return text, None
    lines: list[dict[tuple[float, bool], int]] = [{}]
    for piece, size, bold in runs:
        for i, part in enumerate(piece.split("\n")):
            if i:
                lines.append({})
            n = sum(1 for ch in part if not ch.isspace())
            if n:
                lines[-1][(size, bold)] = lines[-1].get((size, bold), 0) + n
    return text, [_line_style(counts) for counts in lines]


def _effective_size(size, tm, cm) -> float:
    """The font size as printed: the Tf size scaled by the text and current matrices (Word often writes
    "1 Tf" with the size in the matrix)."""
    try:
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        return round(float(size) * (c * c + d * d) ** 0.5 * 2) / 2
    except (TypeError, IndexError):
        return 0.0


def _is_bold_font(font) -> bool:
    if not font:
        return False
    try:
        if _BOLD_FONT.search(str(font.get("/BaseFont", ""))):
            return True
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else None
        return bool(descriptor) and float(descriptor.get("/FontWeight", 0)) >= 600
    except Exception:  # an odd font dictionary says nothing about weight
        return False


def _line_style(counts: dict[tuple[float, bool], int]) -> LineStyle | None:
    total = sum(counts.values())
    if not total:
        return None
    sizes: dict[float, int] = {}
    for (size, _), n in counts.items():
        sizes[size] = sizes.get(size, 0) + n
    bold = sum(n for (_, b), n in counts.items() if b)
    return LineStyle(max(sizes, key=sizes.__getitem__), bold / total)


# A page-number line as pypdf extracts a header or footer: "2", "- 2 -", "Trang 2", "Trang 2/5".
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|(?i:trang|page)\s*\d{1,4}(?:\s*/\s*\d{1,4})?|(\d{1,4}))$")


def _pdf_page_lines(text: str, number: int) -> list[str]:
    """The non-empty lines of one page, without a page-number line at its top or bottom."""
    return [line for line, _ in _styled_page_lines(text, number)]


def _styled_page_lines(text: str, number: int, styles: list[LineStyle | None] | None = None
                       ) -> list[tuple[str, LineStyle | None]]:
    """(line, its style) for the non-empty lines of one page, without a page-number line at its top or
    bottom; styles are dropped when they do not line up with the text's lines."""
    raw = text.split("\n")
    if styles is None or len(styles) != len(raw):
        raw, styles = text.splitlines(), [None] * len(text.splitlines())
    lines = [(line.strip(), style) for line, style in zip(raw, styles) if line.strip()]
    for end in (0, -1):
        if lines and _is_page_number(lines[end][0], number):
            lines.pop(end)
    return lines


def _is_page_number(line: str, page: int) -> bool:
    m = _PAGE_NUMBER.match(line)
    if not m:
        return False
    # A bare number is a page number only if it is close to the page's position (a cover page or
    # two may be unnumbered); "- 2 -" and "Trang 2" say what they are.
    return m.group(1) is None or abs(int(m.group(1)) - page) <= 3


_SENTENCE_END = re.compile(r"[.:;!?…][\"'”’)\]]*$")
_SHORT = 0.7  # a line shorter than this share of a full line ends before the right margin


def _join_pdf_lines(lines: list[tuple[str, int]] | list[tuple[str, int, LineStyle | None]]) -> list[tuple[str, int]]:
    """PDF text breaks inside sentences: join each (line, page[, style]) to the one before unless that one
    ends a sentence or is a heading line, or this line starts a new item or is set in another type (a bold
    title above a regular paragraph). A joined line keeps its first page."""
    lines = [(line.strip(), page, rest[0] if rest else None) for line, page, *rest in lines if line.strip()]
    full = _full_line_length([line for line, _, _ in lines])
    out: list[tuple[str, int]] = []
    last, last_style = "", None  # the last physical line in out[-1]: a heading is judged by its own line
    for line, page, style in lines:
        if out and _continues(last, line, full) and not _type_changes(last_style, style, line):
            out[-1] = (f"{out[-1][0]} {line}", out[-1][1])
        else:
            out.append((line, page))
        last, last_style = line, style
    return [(" ".join(text.split()), page) for text, page in out]  # justified PDF text: "Việc  sinh  hoạt"


def _type_changes(above: LineStyle | None, below: LineStyle | None, line: str) -> bool:
    """A line set in another size than the line above, or in regular type under a bold line (or the other
    way), when it opens with a capital: a title or heading and the paragraph next to it. A bold phrase
    inside a sentence that happens to fill a line does not end the sentence: its next line goes on in
    lower case or with a figure."""
    if above is None or below is None:
        return False
    if above.size and below.size and abs(above.size - below.size) >= 1:
        return True
    flips = (above.bold >= 0.8 and below.bold <= 0.2) or (above.bold <= 0.2 and below.bold >= 0.8)
    return flips and line.lstrip("\"'“‘(«[")[:1].isupper()


def _full_line_length(lines: list[str]) -> int:
    """The length in characters of a full line (text running to the right margin) in this document."""
    lengths = sorted(len(line) for line in lines if len(line) >= 10)
    typical = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    return max(typical, 40)


def _is_capitals(line: str) -> bool:
    """A title line in capitals ("BÁO CÁO", "KẾT QUẢ CÔNG TÁC NĂM 2021"), not a lone acronym."""
    letters = [ch for ch in line if ch.isalpha()]
    words = [w for w in line.split() if any(ch.isalpha() for ch in w)]
    return len(letters) >= 4 and len(words) >= 2 and all(ch.isupper() for ch in letters)


def _continues(prev: str, line: str, full: int) -> bool:
    """Whether `line` continues the sentence of the physical line `prev` above it."""
    if numbered_level(line) or re.match(r"^[-+•*–]\s", line) or _SENTENCE_END.search(prev):
        return False
    short = len(prev) < _SHORT * full
    if _is_capitals(prev):  # a capitals title only runs on to a second capitals line when it filled the first
        return _is_capitals(line) and len(prev) >= 0.5 * full
    if _is_capitals(line):
        return False
    if numbered_level(prev) and short:  # "1. Công tác tuyên truyền"
        return False
    if numbered_level(prev) and len(prev) < 0.9 * full and re.match(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\s+[a-zđà-ỹ]", line):
        return False  # "1. Lãnh đạo … dịch bệnh" then "Trong thời gian …": a heading, then its paragraph
    # A short line without final punctuation followed by a capital: a heading (or a paragraph's last
    # line); a sentence wrapped at the margin fills its line, even when the next line starts with a name.
    return not (short and line.lstrip("\"'“‘(«[")[:1].isupper())


# ----------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read_docx(path: Path, name: str, settings: Settings) -> tuple[list[Block], list[str]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    budget = _ReadBudget(name, settings)
    document = docx.Document(str(path))
    numbering = _Numbering(document)
    default_font = _default_font(document)
    blocks: list[Block] = []
    converted = {"tcvn3": 0, "vni": 0}
    n_para = n_table = 0
    for item in document.iter_inner_content():
        budget.spend(1 if isinstance(item, Paragraph) else len(item._tbl.tr_lst))
        if isinstance(item, Paragraph):
            n_para += 1
            text, legacy = _paragraph_text(item, default_font)
            for enc in legacy:
                converted[enc] += 1
            text = _BOOKMARK.sub("", text).strip()
            if not text:
                continue
            label = numbering.label(item)
            if label:
                text = f"{label} {text}"
            blocks.append(_docx_block(item, text, bool(label), f"đoạn {n_para}"))
        elif isinstance(item, Table):
            n_table += 1
            blocks.extend(_table_blocks(item, n_table, default_font, converted))
    # Text typed in a legacy encoding with a Unicode font name still shows its signature.
    # Texts are raw until here: clean() would damage TCVN3 before conversion.
    enc = None if any(converted.values()) else textvi.detect_legacy("\n".join(b.text for b in blocks))
    for b in blocks:
        b.text = textvi.clean(textvi.convert_legacy(b.text, enc) if enc else b.text)
        b.table_header = textvi.clean(textvi.convert_legacy(b.table_header, enc) if enc else b.table_header)
    if enc:
        converted[enc] = len(blocks)
    warnings = [f"Đã chuyển mã {_ENCODING_NAMES[enc]} sang Unicode ({n} đoạn)."
                for enc, n in converted.items() if n]
    return blocks, warnings


class _ReadBudget:
    """Bounds the work of reading one file: paragraphs (and table rows) and seconds."""

    def __init__(self, name: str, settings: Settings) -> None:
        self.name, self.settings = name, settings
        self.deadline = time.monotonic() + settings.max_read_seconds
        self.count = 0

    def spend(self, items: int) -> None:
        self.count += items
        if self.count > self.settings.max_paragraphs:
            limit = f"{self.settings.max_paragraphs:,}".replace(",", ".")
            raise SourceError(f"Tệp '{self.name}' có hơn {limit} đoạn văn và hàng bảng, vượt giới hạn đọc một "
                              "tệp. Hãy tách thành nhiều tệp nhỏ hơn.")
        if time.monotonic() > self.deadline:
            raise SourceError(f"Tệp '{self.name}' đọc quá lâu (hơn {self.settings.max_read_seconds:g} giây) nên đã "
                              "dừng. Hãy tách thành nhiều tệp nhỏ hơn.")


def _style(paragraph):
    """`paragraph.style`, cached by style id per document: python-docx finds the default style by
    scanning every style of the document on each call (90% of the reading time of a long file)."""
    cache = paragraph.part.__dict__.setdefault("_bctk_style_cache", {})
    style_id = paragraph._p.style
    if style_id not in cache:
        cache[style_id] = paragraph.style
    return cache[style_id]


def _docx_block(paragraph, text: str, numbered: bool, location: str) -> Block:
    """Heading by style or outline level, else by numbering pattern when short, else body."""
    style = _style(paragraph)
    style_name = (style.name if style is not None else "") or ""
    level = _style_heading_level(style, paragraph)
    if level:
        return Block(text, "heading", level, location=location)
    if style_name.lower().startswith("list") or numbered:
        return Block(text, "list", location=location)
    level = numbered_level(text)
    if level and len(text) <= 160 and _mostly_bold(paragraph):
        return Block(text, "heading", level, location=location)
    return Block(text, "paragraph", location=location)


def _style_heading_level(style, paragraph) -> int:
    direct = paragraph._p.find(f"{_W}pPr/{_W}outlineLvl")
    if direct is not None:
        return int(direct.get(f"{_W}val", "9")) + 1 if direct.get(f"{_W}val", "9") != "9" else 0
    while style is not None:
        name = (style.name or "").lower()
        if name == "title":
            return 1
        m = re.match(r"^(heading|tiêu đề)\s*(\d)$", name)
        if m:
            return int(m.group(2))
        lvl = style.element.find(f"{_W}pPr/{_W}outlineLvl")
        if lvl is not None and lvl.get(f"{_W}val", "9") != "9":
            return int(lvl.get(f"{_W}val")) + 1
        style = style.base_style
    return 0


def _mostly_bold(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and sum(len(r.text) for r in runs if r.bold) >= 0.6 * sum(len(r.text) for r in runs)


def _default_font(document) -> str | None:
    try:
        return document.styles["Normal"].font.name
    except KeyError:
        return None


def _run_font(run, paragraph, default_font: str | None) -> str | None:
    rfonts = run._r.find(f"{_W}rPr/{_W}rFonts")
    if rfonts is not None:
        for attr in ("ascii", "hAnsi", "cs"):
            value = rfonts.get(f"{_W}{attr}")
            if value:
                return value
    style = _style(paragraph)
    while style is not None:
        if style.font is not None and style.font.name:
            return style.font.name
        style = style.base_style
    return default_font


def _paragraph_text(paragraph, default_font: str | None) -> tuple[str, list[str]]:
    """Paragraph text with runs in legacy fonts converted; returns the encodings used."""
    parts: list[str] = []
    used: list[str] = []
    for run in paragraph.iter_inner_content():
        runs = [run] if hasattr(run, "font") else list(getattr(run, "runs", []))
        for r in runs:
            font = _run_font(r, paragraph, default_font)
            text, enc = textvi.repair_legacy(r.text, font) if textvi.legacy_font(font) else (r.text, None)
            if enc and enc not in used:
                used.append(enc)
            parts.append(text)
    return "".join(parts), used


def _table_blocks(table, number: int, default_font: str | None, converted: dict) -> list[Block]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        prev = None
        for cell in row.cells:
            if prev is not None and cell._tc is prev._tc:
                continue  # a cell merged across columns (gridSpan) comes once per column it spans
            prev = cell  # equal texts of distinct cells ("2019 | 12 | 12") are all kept
            texts = []
            for p in cell.paragraphs:
                text, legacy = _paragraph_text(p, default_font)
                for enc in legacy:
                    converted[enc] += 1
                texts.append(text)
            cells.append(" ".join(" ".join(texts).split()))
        if any(cells):
            rows.append(" | ".join(cells))
    if not rows:
        return []
    header = rows[0]
    return [Block(row, "table", location=f"bảng {number}, hàng {i}", table=number, table_header=header)
            for i, row in enumerate(rows, start=1)]


class _Numbering:
    """Computes the labels Word shows for auto-numbered paragraphs (the number is not in the text)."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for an in root.findall(f"{_W}abstractNum"):
            lv = {}
            for lvl in an.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                lv[ilvl] = (fmt.get(f"{_W}val") if fmt is not None else "decimal",
                            text.get(f"{_W}val") if text is not None else "%1.",
                            int(start.get(f"{_W}val")) if start is not None else 1)
            abstract[an.get(f"{_W}abstractNumId")] = lv
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                for ilvl, spec in abstract.get(ref.get(f"{_W}val"), {}).items():
                    self.levels[(num.get(f"{_W}numId"), ilvl)] = spec

    def label(self, paragraph) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or (num_id, ilvl) not in self.levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, pattern, start = self.levels[(num_id, ilvl)]
        counters[ilvl] = (counters[ilvl] or start - 1) + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt in ("bullet", "none"):
            return "-" if fmt == "bullet" else ""
        label = pattern
        for lv in range(ilvl + 1):
            lv_fmt = self.levels.get((num_id, lv), (fmt,))[0]
            label = label.replace(f"%{lv + 1}", _format_counter(counters[lv] or 1, lv_fmt))
        return label

    @staticmethod
    def _num_pr(paragraph) -> tuple[str | None, int]:
        style = _style(paragraph)
        candidates = [paragraph._p.find(f"{_W}pPr/{_W}numPr")]
        while style is not None:
            candidates.append(style.element.find(f"{_W}pPr/{_W}numPr"))
            style = style.base_style
        num_id, ilvl = None, 0
        for pr in candidates:
            if pr is None:
                continue
            nid = pr.find(f"{_W}numId")
            lvl = pr.find(f"{_W}ilvl")
            if num_id is None and nid is not None:
                num_id = nid.get(f"{_W}val")
            if lvl is not None and ilvl == 0:
                ilvl = int(lvl.get(f"{_W}val", "0"))
        if num_id == "0":
            return None, 0
        return num_id, ilvl


def _format_counter(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out
