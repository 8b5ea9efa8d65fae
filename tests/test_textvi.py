"""Tests for bctk_assist.textvi."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from bctk_assist import textvi
from bctk_assist.textvi import (
    clean,
    convert_legacy,
    decode_bytes,
    detect_legacy,
    fold,
    format_number,
    legacy_font,
    nfc,
    numbers_in,
    repair_legacy,
    segment_tokens,
    symbols_in,
    tokens,
)

DATA = Path(__file__).parent / "data"
LEGACY = DATA / "legacy"

_spec = importlib.util.spec_from_file_location("make_legacy_fixtures", DATA / "make_legacy_fixtures.py")
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)

LOWER_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíị"
    "oòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
)
VI_LETTERS = [c for c in LOWER_LETTERS if c not in "aeiouy"]  # 67 letters with diacritics
VI_LETTERS_ALL = VI_LETTERS + [c.upper() for c in VI_LETTERS]  # 134


def test_letter_inventory():
    assert len(VI_LETTERS_ALL) == 134 == len(set(VI_LETTERS_ALL))


# --- nfc / clean -----------------------------------------------------------

def test_nfc_composes():
    assert nfc(unicodedata.normalize("NFD", "Tiếng Việt")) == "Tiếng Việt"


@pytest.mark.parametrize("raw, expected", [
    ("trẻ\u00a0em", "trẻ em"),
    ("trẻ\u202fem", "trẻ em"),
    ("trẻ\u2003em", "trẻ em"),
    ("tr\u200bẻ em\ufeff", "trẻ em"),
    ("giáo\u00addục", "giáodục"),
    ("a\u200c\u200db", "ab"),
    ("\u00d0ảng ủy, \u00f0oàn", "Đảng ủy, đoàn"),
    (unicodedata.normalize("NFD", "Nghị định"), "Nghị định"),
    ("hoà thuỷ khoẻ", "hoà thuỷ khoẻ"),          # tone placement is the user's style
    ("qúy nhừng lí", "qúy nhừng lí"),             # typos and variants untouched
    ("a\tb\nc", "a\tb\nc"),
    ("2019–2020", "2019–2020"),                   # dashes are kept by clean
])
def test_clean(raw, expected):
    assert clean(raw) == expected


# --- fold ------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("hòa", "hoà"), ("thủy", "thuỷ"), ("ủy", "uỷ"), ("hóa", "hoá"), ("khỏe", "khoẻ"),
    ("quý", "qúy"), ("họa", "hoạ"), ("tõa", "toã"), ("xòe", "xoè"), ("lũy", "luỹ"),
    ("HÒA BÌNH", "hoà bình"), ("Ủy ban", "uỷ ban"), ("THUỶ", "thủy"), ("Khoẻ", "khỏe"),
    ("quả", "qủa"), ("ngoài", "ngòai"), ("lý", "lí"), ("kỹ năng", "kĩ năng"), ("Mỹ", "mĩ"),
    (unicodedata.normalize("NFD", "hoà"), "hòa"),
    ("Ðảng", "đảng"), ("20–CT/TW", "20-ct/tw"), ("a—b−c‑d‐e", "a-b-c-d-e"),
    ("trẻ\u00a0em", "trẻ em"),
])
def test_fold_equivalent(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [
    ("hòa", "hoa"), ("thủy", "thúy"), ("hóa", "họa"), ("ủy", "úy"), ("ma", "mà"),
    ("tai", "tay"), ("quy", "qui"), ("ý", "í"), ("đá", "da"), ("hoàng", "hoang"),
])
def test_fold_distinguishes(a, b):
    assert fold(a) != fold(b)


@pytest.mark.parametrize("raw, expected", [
    ("Hoà Bình", "hòa bình"), ("THUỶ LỢI", "thủy lợi"), ("Việt Nam", "việt nam"),
    ("người được giữ gìn", "người được giữ gìn"), ("khuỷu tay", "khuỷu tay"),
    ("hoàng quốc quyết", "hoàng quốc quyết"), ("email COVID", "email covid"),
    ("công ty", "công ti"),
])
def test_fold_output(raw, expected):
    assert fold(raw) == expected


def test_fold_is_idempotent():
    text = fixtures.TEXT + " HOÀ thuỷ Qúy 20–CT/TW\u00a0kỹ"
    assert fold(fold(text)) == fold(text)


# --- tokens ----------------------------------------------------------------

def test_tokens_unigrams_and_bigrams():
    toks = tokens("Bảo vệ trẻ em năm học 2019–2020 theo Chỉ thị 20-CT/TW, chi 45.500.000 đồng (26,85%).")
    for t in ["bảo", "vệ", "trẻ", "em", "2019", "2020", "20", "ct", "tw", "45.500.000", "26,85",
              "bảo_vệ", "trẻ_em", "năm_học", "ct_tw", "chi_45.500.000"]:
        assert t in toks
    assert "20-ct/tw" not in toks
    assert not [t for t in toks if not any(c.isalnum() for c in t)]
    assert "tw_chi" not in toks        # no bigram across a comma
    assert "đồng_26,85" not in toks    # nor across a bracket


def test_tokens_fold_tone_placement():
    assert tokens("Hoà bình, THUỶ lợi") == tokens("hòa bình, thủy lợi")


def test_tokens_skip_function_word_bigrams():
    toks = tokens("trách nhiệm của các trường")
    assert "của" in toks and "các" in toks
    assert "của_các" not in toks
    assert "nhiệm_của" in toks


def test_tokens_empty():
    assert tokens("") == []
    assert tokens(" ,.;- ") == []


def test_segment_tokens():
    pytest.importorskip("underthesea", reason="underthesea is in the optional extra 'bench'")
    toks = segment_tokens("Nhà trường bảo vệ trẻ em, hoà nhập cộng đồng.")
    assert "trẻ_em" in toks and "bảo_vệ" in toks and "cộng_đồng" in toks
    assert "hoà" not in " ".join(toks)  # folded before segmenting
    assert "," not in toks and "." not in toks
    assert all(t == t.lower() for t in toks)
    assert segment_tokens("") == []


# --- legacy tables ---------------------------------------------------------

@pytest.mark.parametrize("letter", VI_LETTERS_ALL)
def test_tcvn3_round_trip(letter):
    if letter.islower() or letter in "ĂÂÊÔƠƯĐ":
        code = textvi._encode_tcvn3(letter)
        assert len(code) == 1 and ord(code) < 256
        assert convert_legacy(code, "tcvn3") == letter
    else:  # toned capitals exist only in the uppercase fonts (.VnTimeH)
        assert convert_legacy(textvi._encode_tcvn3(letter.lower()), "tcvn3", upper=True) == letter
    assert fixtures.tcvn3(letter) == textvi._encode_tcvn3(letter)  # two derivations agree


@pytest.mark.parametrize("letter", VI_LETTERS_ALL)
def test_vni_round_trip(letter):
    code = textvi._encode_vni(letter)
    assert all(ord(c) < 256 for c in code)
    assert convert_legacy(code, "vni") == letter
    assert fixtures.vni(letter) == code  # two derivations agree


def test_legacy_codes_are_distinct():
    tcvn = [textvi._encode_tcvn3(c) for c in VI_LETTERS if c.islower()] + \
        [textvi._encode_tcvn3(c) for c in "ĂÂÊÔƠƯĐ"]
    assert len(set(tcvn)) == len(tcvn) == 74
    vni = [textvi._encode_vni(c) for c in VI_LETTERS_ALL]
    assert len(set(vni)) == 134


def test_round_trip_running_text():
    text = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc! " + LOWER_LETTERS
    assert convert_legacy(textvi._encode_tcvn3(text), "tcvn3") == text
    assert convert_legacy(textvi._encode_vni(text), "vni") == text
    upper = text.upper()
    assert convert_legacy(textvi._encode_vni(upper), "vni") == upper


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
def test_tcvn3_table_matches_iconv():
    """glibc's TCVN5712-1 is a superset of TCVN3 (ABC): same codes for every TCVN3 letter."""
    for byte, letter in textvi._TCVN3_BYTES.items():
        out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([byte]),
                             capture_output=True, check=True).stdout.decode("utf-8")
        assert nfc(out) == letter, hex(byte)


@pytest.mark.parametrize("legacy, encoding, expected", [
    # samples published with third-party converters
    ("B¶o Th¾ng", "tcvn3", "Bảo Thắng"),
    ("M\xadêng Kh\xad¬ng", "tcvn3", "Mường Khương"),  # \xad (soft hyphen) is ư
    ("B¸t X¸t", "tcvn3", "Bát Xát"),
    ("Xin chaøo caùc baïn", "vni", "Xin chào các bạn"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("ngöôøi Ñaø Naüng", "vni", "người Đà Nẵng"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("§¶ng bé tØnh", "tcvn3", "Đảng bộ tỉnh"),
    ("b¸o c¸o", "tcvn3", "báo cáo"),
])
def test_convert_known_samples(legacy, encoding, expected):
    assert convert_legacy(legacy, encoding) == expected


def test_convert_tcvn3_upper():
    assert convert_legacy("b¸o c¸o tæng kÕt", "tcvn3", upper=True) == "BÁO CÁO TỔNG KẾT"


def test_convert_accepts_latin1_and_cp1252():
    raw = "\x93B¸o c¸o\x94 \x96 ch\x85".encode("latin-1")
    as_cp1252 = decode_bytes(raw)[0]
    as_latin1 = raw.decode("latin-1")
    assert as_cp1252 != as_latin1
    assert convert_legacy(as_cp1252, "tcvn3") == convert_legacy(as_latin1, "tcvn3") == "“Báo cáo” – ch…"


def test_convert_unknown_encoding():
    with pytest.raises(ValueError):
        convert_legacy("abc", "viqr")


# --- detection -------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    (fixtures.tcvn3(fixtures.TEXT), "tcvn3"),
    (fixtures.vni(fixtures.TEXT), "vni"),
    ("B¸o c¸o tæng kÕt", "tcvn3"),
    ("Baùo caùo toång keát", "vni"),
    (fixtures.tcvn3(fixtures.HEADING.lower()).upper(), "tcvn3"),
    (fixtures.vni(fixtures.HEADING), "vni"),
    ("Kh«ng cã tai n¹n th­¬ng tÝch trong n¨m häc", "tcvn3"),
])
def test_detect_legacy_positive(text, expected):
    assert detect_legacy(text) == expected


@pytest.mark.parametrize("text", [
    "",
    "2019-2020 12 45.500.000",
    "The quick brown fox jumps over the lazy dog. Report for the school year.",
    "Où est le café? Il était déjà là, près de l'hôtel où nous avons dîné.",
    "Le garçon a goûté la crème brûlée à Noël; c'est très naïf.",
    "Müller über Größe, schön und fröhlich in Köln.",
    "El niño pequeño comió mañana en España.",
    "Col·lecció de l'Ajuntament, ràpid i fàcil.",
    "é",
    "café",
    "Hoàn toàn",
    "Công tác",
    fixtures.TEXT,
    fixtures.TEXT.upper(),
    "Tóm tắt: hoá học, hoà bình, toàn diện, khoá học, hoãn lại.",
    "© 2020 «Bonjour» µ ½",
])
def test_detect_legacy_negative(text):
    assert detect_legacy(text) is None


# --- repair / fonts ----------------------------------------------------------

@pytest.mark.parametrize("font, expected", [
    (".VnTime", "tcvn3"), (".VnTimeH", "tcvn3"), (".VnArial", "tcvn3"), (".VnArialH", "tcvn3"),
    (" .VnTime ", "tcvn3"), ("VNI-Times", "vni"), ("VNI-Helve", "vni"), ("VNI Times", "vni"),
    ("Times New Roman", None), ("Arial", None), ("", None), (None, None), ("VNIT", None),
])
def test_legacy_font(font, expected):
    assert legacy_font(font) == expected


@pytest.mark.parametrize("text, font, expected", [
    ("B¸o c¸o tæng kÕt", ".VnTime", ("Báo cáo tổng kết", "tcvn3")),
    ("b¸o c¸o tæng kÕt", ".VnTimeH", ("BÁO CÁO TỔNG KẾT", "tcvn3")),
    ("bao cao", ".VnArialH", ("BAO CAO", "tcvn3")),
    ("kÕt", ".VnTime", ("kết", "tcvn3")),                    # one short run, font decides
    ("Baùo caùo", "VNI-Times", ("Báo cáo", "vni")),
    ("2019-2020", ".VnTime", ("2019-2020", None)),          # nothing to convert
    ("Báo cáo tổng kết", ".VnTime", ("Báo cáo tổng kết", None)),   # already Unicode
    ("Công tác", ".VnTime", ("Công tác", None)),             # Unicode using Latin-1 letters only
    ("Người được", "VNI-Times", ("Người được", None)),
    ("B¸o c¸o tæng kÕt", None, ("Báo cáo tổng kết", "tcvn3")),    # by signature
    ("Baùo caùo toång keát", "Times New Roman", ("Báo cáo tổng kết", "vni")),
    ("Baùo caùo toång keát", ".VnTime", ("Báo cáo tổng kết", "vni")),   # font name is stale
    ("Báo cáo tổng kết", None, ("Báo cáo tổng kết", None)),
    ("Plain English text.", None, ("Plain English text.", None)),
])
def test_repair_legacy(text, font, expected):
    assert repair_legacy(text, font) == expected


# --- bytes -----------------------------------------------------------------

@pytest.mark.parametrize("name, encoding, legacy", [
    ("tcvn3.txt", "cp1252", "tcvn3"),
    ("vni.txt", "cp1252", "vni"),
    ("utf8.txt", "utf-8", None),
    ("utf16.txt", "utf-16-le", None),
    ("cp1258.txt", "cp1258", None),  # Windows-1258: decoded to NFC straight away, nothing left to repair
])
def test_fixture_files(name, encoding, legacy):
    text, used = decode_bytes((LEGACY / name).read_bytes())
    assert used == encoding
    repaired, found = repair_legacy(text)
    assert found == legacy
    assert repaired == fixtures.TEXT


@pytest.mark.parametrize("data, expected", [
    ("Việt".encode("utf-8-sig"), ("Việt", "utf-8-sig")),
    (b"\xff\xfe" + "Việt".encode("utf-16-le"), ("Việt", "utf-16-le")),
    (b"\xfe\xff" + "Việt".encode("utf-16-be"), ("Việt", "utf-16-be")),
    ("Báo cáo năm 2020".encode("utf-16-le"), ("Báo cáo năm 2020", "utf-16-le")),
    ("Báo cáo năm 2020".encode("utf-16-be"), ("Báo cáo năm 2020", "utf-16-be")),
    ("Tiếng Việt".encode("utf-8"), ("Tiếng Việt", "utf-8")),
    (b"plain", ("plain", "utf-8")),
    (b"", ("", "utf-8")),
    (b"B\xb8o \x93c\x94 \x81", ("B¸o “c” \x81", "cp1252")),
])
def test_decode_bytes(data, expected):
    assert decode_bytes(data) == expected


@pytest.mark.parametrize("text", [
    "Kết quả thực hiện Chỉ thị: tỷ lệ trẻ được khám sức khỏe đạt 100%.",
    "KẾT QUẢ THỰC HIỆN NĂM HỌC 2019-2020",
])
def test_decode_windows_1258_with_and_without_precomposed_letters(text):
    tones = {"\u0300": b"\xcc", "\u0309": b"\xd2", "\u0303": b"\xde", "\u0301": b"\xec", "\u0323": b"\xf2"}

    def encode(ch: str, decompose_all: bool) -> bytes:
        try:  # letters Windows-1258 holds whole (á, à, é…) may be written whole
            if not decompose_all:
                return unicodedata.normalize("NFC", ch).encode("cp1258")
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        return base.encode("cp1258") + b"".join(tones[c] for c in parts if c in tones)

    for decompose_all in (True, False):
        data = b"".join(encode(ch, decompose_all) for ch in text)
        assert decode_bytes(data) == (text, "cp1258")


def test_latin_text_with_cp1252_accents_is_not_taken_for_windows_1258():
    data = "Café Ìtalia, Òscar and Þór".encode("cp1252")  # Ì Ò Þ after letters, but no Vietnamese reading
    assert decode_bytes(data)[1] == "cp1252"


@pytest.mark.parametrize("name", ["tcvn3.docx", "vni.docx"])
def test_fixture_docx(name):
    from docx import Document

    doc = Document(str(LEGACY / name))
    paragraphs = []
    encodings = set()
    for p in doc.paragraphs:
        parts = []
        for run in p.runs:
            text, used = repair_legacy(run.text, run.font.name)
            parts.append(text)
            encodings.add(used)
        paragraphs.append("".join(parts))
    assert paragraphs == fixtures.DOCX_EXPECTED
    assert encodings == {"tcvn3" if name.startswith("tcvn3") else "vni", None}


# --- numbers ---------------------------------------------------------------

@pytest.mark.parametrize("value, decimals, expected", [
    (204049, 0, "204.049"), (26.85, 2, "26,85"), (45500000, 0, "45.500.000"), (0, 0, "0"),
    (999, 0, "999"), (1000, 0, "1.000"), (0.5, 1, "0,5"), (2.675, 2, "2,68"), (98.5, 1, "98,5"),
    (-1234.5, 1, "-1.234,5"), (1234567.891, 2, "1.234.567,89"), (12.4, 0, "12"), (12.5, 0, "13"),
    (-0.001, 1, "0,0"),
])
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


SAMPLE = (
    "Thực hiện Chỉ thị số 20-CT/TW, Kế hoạch số 69-KH/TU và Kế hoạch số 1928/KH-UBND ngày "
    "05/11/2012; Công văn 807-CV/TU; Luật 102/2016/QH13, Nghị định 56/2017/NÐ–CP, Quyết định "
    "1234/QĐ-TTg. Năm 2021 chi 45.500.000 đồng, đạt 26,85 %, tăng 04 lớp, ngày 1/6; "
    "năm học 2019-2020; COVID-19; H5N1; Số 12-BC/CB; Số: 12/BC-THKĐ."
)


def test_symbols_in():
    assert symbols_in(SAMPLE) == [
        "20-CT/TW", "69-KH/TU", "1928/KH-UBND", "807-CV/TU", "102/2016/QH13",
        "56/2017/NĐ-CP", "1234/QĐ-TTg", "12-BC/CB", "12/BC-THKĐ",
    ]


def test_numbers_in():
    assert numbers_in(SAMPLE) == [
        "05/11/2012", "2021", "45.500.000", "26,85%", "04", "1/6", "2019", "2020", "19",
    ]


@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("không có số", []),
    ("Tỷ lệ 98,5%.", ["98,5%"]),
    ("Năm 2020.", ["2020"]),
    ("12 buổi, 3 lớp", ["12", "3"]),
    ("1.234,5 và 0,75", ["1.234,5", "0,75"]),
])
def test_numbers_in_simple(text, expected):
    assert numbers_in(text) == expected


@pytest.mark.parametrize("text", ["năm học 2019-2020", "ngày 05/11/2012", "12 buổi", "H5N1"])
def test_symbols_in_negative(text):
    assert symbols_in(text) == []
