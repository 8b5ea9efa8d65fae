"""Write legacy-encoding fixtures into tests/data/legacy/.

Run: python tests/data/make_legacy_fixtures.py

The encoders here are written independently of bctk_assist.textvi (decomposition-based,
tables laid out per vowel) so the tests compare two separate derivations of each table.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent / "legacy"

LINES = [
    "Báo cáo tổng kết công tác chăm sóc, giáo dục và bảo vệ trẻ em năm học 2019-2020.",
    "Nhà trường tổ chức 12 buổi tuyên truyền, thu hút 98,5% phụ huynh tham gia.",
    "Đồng chí Hiệu trưởng chủ trì, phối hợp với ủy ban nhân dân xã thực hiện kế hoạch.",
    "Kết quả: tỷ lệ trẻ được khám sức khỏe đạt 100%; không có tai nạn thương tích.",
]
TEXT = "\n".join(LINES) + "\n"
HEADING = "BÁO CÁO TỔNG KẾT NĂM HỌC 2019-2020"
UNICODE_NOTE = "Ghi chú: đoạn này đã là Unicode (phông Times New Roman)."
# Paragraph texts of both .docx fixtures, in order.
DOCX_EXPECTED = [HEADING, *LINES, UNICODE_NOTE]

GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
TONES = ("", GRAVE, HOOK, TILDE, ACUTE, DOT)
CIRC, BREVE, HORN = "\u0302", "\u0306", "\u031b"

# TCVN3 (ABC): per vowel, the codes for no tone, huyền, hỏi, ngã, sắc, nặng.
TCVN3_ROWS = {
    "a": "aµ¶·¸¹", "ă": "¨»¼½¾Æ", "â": "©ÇÈÉÊË",
    "e": "eÌÎÏÐÑ", "ê": "ªÒÓÔÕÖ", "i": "i×ØÜÝÞ",
    "o": "oßáâãä", "ô": "«åæçèé", "ơ": "¬êëìíî",
    "u": "uïñòóô", "ư": "\xadõö÷øù", "y": "yúûüýþ",
}
TCVN3_UPPER = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§", "đ": "®"}

# VNI-Windows: trailing mark bytes.
VNI_TONE = {GRAVE: "ø", HOOK: "û", TILDE: "õ", ACUTE: "ù", DOT: "ï"}
VNI_CIRC = {"": "â", GRAVE: "à", HOOK: "å", TILDE: "ã", ACUTE: "á", DOT: "ä"}
VNI_BREVE = {"": "ê", GRAVE: "è", HOOK: "ú", TILDE: "ü", ACUTE: "é", DOT: "ë"}
VNI_I = {"": "i", GRAVE: "ì", HOOK: "æ", TILDE: "ó", ACUTE: "í", DOT: "ò"}


def _split(ch: str) -> tuple[str, str, str]:
    """(base letter, quality mark, tone mark) of a precomposed letter."""
    d = unicodedata.normalize("NFD", ch)
    quality = "".join(m for m in d[1:] if m in (CIRC, BREVE, HORN))
    tone = "".join(m for m in d[1:] if m in TONES)
    return d[0], quality, tone


def tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as Latin-1 characters; toned capitals are lowered (as typed for .VnTimeH)."""
    out = []
    for ch in text:
        if ch in TCVN3_UPPER:
            out.append(TCVN3_UPPER[ch])
            continue
        base, quality, tone = _split(ch.lower())
        vowel = unicodedata.normalize("NFC", base + quality)
        if vowel in TCVN3_ROWS and (quality or tone):
            out.append(TCVN3_ROWS[vowel][TONES.index(tone)])
        else:
            out.append(ch)
    return "".join(out)


def vni(text: str) -> str:
    """Unicode -> VNI-Windows as Latin-1 characters."""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        base, quality, tone = _split(ch)
        if not (quality or tone):
            out.append(ch)
            continue
        b = base.lower()
        if b == "i":
            code = VNI_I[tone]
        elif b == "y" and tone == DOT:
            code = "î"
        elif quality == HORN:
            code = {"o": "ô", "u": "ö"}[b] + VNI_TONE.get(tone, "")
        elif quality == CIRC:
            code = b + VNI_CIRC[tone]
        elif quality == BREVE:
            code = b + VNI_BREVE[tone]
        else:
            code = b + VNI_TONE[tone]
        out.append(code.upper() if base.isupper() else code)
    return "".join(out)


# Windows-1258: the Vietnamese Windows code page. Base letters with their quality mark (â ê ô ơ ư ă đ)
# are single bytes; the five tones are separate combining-mark bytes that follow the letter.
CP1258_TONE = {GRAVE: b"\xcc", HOOK: b"\xd2", TILDE: b"\xde", ACUTE: b"\xec", DOT: b"\xf2"}


def cp1258(text: str) -> bytes:
    """Unicode -> Windows-1258 bytes, every tone as its combining byte (as old exporters wrote it)."""
    out = bytearray()
    for ch in text:
        base, quality, tone = _split(ch)
        out += unicodedata.normalize("NFC", base + quality).encode("cp1258")
        if tone:
            out += CP1258_TONE[tone]
    return bytes(out)


def _docx(path: Path, font: str, encode, heading_font: str, heading_text: str) -> None:
    from docx import Document

    doc = Document()
    p = doc.add_paragraph()
    run = p.add_run(heading_text)
    run.font.name = heading_font
    run.bold = True
    for i, line in enumerate(LINES):
        p = doc.add_paragraph()
        if i == 0:  # a paragraph split into two runs, as Word does around formatting
            head, tail = line.split(" công tác ", 1)
            for text, bold in ((head + " ", True), ("công tác " + tail, False)):
                run = p.add_run(encode(text))
                run.font.name = font
                run.bold = bold
        else:
            p.add_run(encode(line)).font.name = font
    doc.add_paragraph().add_run(UNICODE_NOTE).font.name = "Times New Roman"
    doc.save(path)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "tcvn3.txt").write_bytes(tcvn3(TEXT).encode("latin-1"))
    (OUT / "vni.txt").write_bytes(vni(TEXT).encode("latin-1"))
    (OUT / "utf8.txt").write_bytes(TEXT.encode("utf-8"))
    (OUT / "utf16.txt").write_bytes(TEXT.encode("utf-16"))  # with BOM
    (OUT / "cp1258.txt").write_bytes(cp1258(TEXT))
    _docx(OUT / "tcvn3.docx", ".VnTime", tcvn3, ".VnTimeH", tcvn3(HEADING.lower()))
    _docx(OUT / "vni.docx", "VNI-Times", vni, "VNI-Times", vni(HEADING))


if __name__ == "__main__":
    main()
