"""Vietnamese text: normalisation, search keys, tokens, legacy TCVN3/VNI repair, numbers.

Pure functions only. Order matters when reading old files: call `repair_legacy` on the raw
text *before* `clean`, because TCVN3 uses U+00AD (soft hyphen) for "ư" and U+00D0 for "é",
both of which `clean` rewrites.
"""

from __future__ import annotations

import codecs
import difflib
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "nfc",
    "clean",
    "fold",
    "tokens",
    "segment_tokens",
    "detect_legacy",
    "convert_legacy",
    "repair_legacy",
    "legacy_font",
    "decode_bytes",
    "format_number",
    "numbers_in",
    "symbols_in",
    "word_diff",
]

# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Ð/ð (Icelandic eth) and Ɖ (African D) look exactly like Đ/đ and are produced by some
# keyboards and PDF extractors. Icelandic text is not expected, so they are always replaced.
_LOOKALIKES = {"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110"}
_HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"

_CLEAN_TABLE = str.maketrans(
    {**{c: " " for c in _SPACES}, **{c: None for c in _INVISIBLE}, **_LOOKALIKES}
)
_FOLD_TABLE = str.maketrans(
    {**{c: " " for c in _SPACES}, **{c: None for c in _INVISIBLE}, **_LOOKALIKES,
     **{c: "-" for c in _HYPHENS}}
)

_ODD_CHARS_RE = re.compile("[" + re.escape(_SPACES + _INVISIBLE + "".join(_LOOKALIKES) + _HYPHENS) + "]")


def nfc(text: str) -> str:
    """Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, odd spaces to ' ', invisible characters removed, Ð/ð to Đ/đ; spelling untouched."""
    if _ODD_CHARS_RE.search(text):
        text = text.translate(_CLEAN_TABLE)
    return unicodedata.normalize("NFC", text)


def _prepare(text: str) -> str:
    """clean() plus hyphen look-alikes to '-' (translate only when needed: it is slow)."""
    if _ODD_CHARS_RE.search(text):
        text = text.translate(_FOLD_TABLE)
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------
# Tone-placement folding
# ---------------------------------------------------------------------------

_VOWELS = "aăâeêioôơuưy"
_MARKED = frozenset("ăâêôơư")
# Tone index: 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng.
_TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_COMPOSE = {(v, t): nfc(v + m) for v in _VOWELS for t, m in enumerate(_TONE_MARKS)}
_SPLIT = {ch: vt for vt, ch in _COMPOSE.items()}
_CONSONANTS = frozenset("bcdđghklmnpqrstvx")
_SYLLABLE_RE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?"
    r"([aăâeêioôơuưy]{1,3})(ch|nh|ng|[cmnpt])?"
)
_LETTERS_RE = re.compile(r"([^\W\d_]+)")


class _SyllableCache(dict):
    """word -> folded word, computed on first use (the syllable vocabulary is small)."""

    def __missing__(self, word: str) -> str:
        out = self[word] = _fold_syllable(word)
        return out


_fold_cache = _SyllableCache()


def _parse_syllable(word: str) -> tuple[re.Match, int] | None:
    """(match of the toneless syllable, tone index) for one lowercase Vietnamese syllable, else None."""
    bare: list[str] = []
    tone = 0
    for ch in word:
        vt = _SPLIT.get(ch)
        if vt is None:
            if ch not in _CONSONANTS:
                return None
            bare.append(ch)
            continue
        if vt[1]:
            if tone:
                return None
            tone = vt[1]
        bare.append(vt[0])
    m = _SYLLABLE_RE.fullmatch("".join(bare))
    return (m, tone) if m else None


def _fold_syllable(word: str) -> str:
    """Canonical form of one lowercase syllable: old-style tone placement, y->i after a consonant.

    Old style puts the tone on the first vowel of an open two-vowel rime ("hòa", "khỏe",
    "thủy"); the tone goes on a vowel carrying ^, ˘ or the horn if any ("người"), on the last
    vowel before a final consonant ("hoàng") and on the middle one of three ("ngoài").
    Words that do not parse as one Vietnamese syllable are returned unchanged.
    """
    parsed = _parse_syllable(word)
    if parsed is None:
        return word
    m, tone = parsed
    initial, nucleus, final = m.group(1) or "", m.group(2), m.group(3) or ""
    # Spelling variants lý/lí, kỹ/kĩ, mỹ/mĩ: a lone y after a consonant (not "qu") -> i.
    if initial and initial != "qu" and nucleus == "y" and not final:
        nucleus = "i"
    if tone:
        marked = [i for i, v in enumerate(nucleus) if v in _MARKED]
        if marked:
            pos = marked[-1]
        elif final:
            pos = len(nucleus) - 1
        else:
            pos = 1 if len(nucleus) == 3 else 0
        nucleus = nucleus[:pos] + _COMPOSE[(nucleus[pos], tone)] + nucleus[pos + 1:]
    return initial + nucleus + final


def fold(text: str) -> str:
    """Search/dedup key: clean, lowercase, one tone placement (old style: hòa, thủy, khỏe).

    Also folds hyphen look-alikes to '-' and y/i spelling variants after a consonant
    (lý/lí -> lí, kỹ/kĩ -> kĩ). Diacritics are kept. Whitespace is not collapsed. Idempotent.
    """
    if len(_fold_cache) > 200_000:
        _fold_cache.clear()
    parts = _LETTERS_RE.split(_prepare(text).lower())
    parts[1::2] = map(_fold_cache.__getitem__, parts[1::2])
    return "".join(parts)


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------

# Numbers keep their separators ("45.500.000", "26,85"); everything else splits on
# non-alphanumerics ("20-ct/tw" -> 20, ct, tw). No extra digits-only form is emitted.
# Unmatched group 1 ('') marks a break: bigrams do not cross punctuation (other than
# - and /) or blank lines.
_TOKEN_OR_BREAK_RE = re.compile(r"(\d+(?:[.,]\d+)*|[^\W_]+)|[^\w\s/-]|\n[^\S\n]*\n")
_FUNCTION_WORDS = frozenset(
    "và của các là có được cho với trong những này đã để thì mà về theo từ tại một khi "
    "đến đó như cũng do sẽ đang bị".split()
)


def tokens(text: str) -> list[str]:
    """BM25 tokens of fold(text): syllables, then bigrams of adjacent syllables joined by '_'.

    Bigrams made only of common function words ("của_các") are skipped.
    """
    seq = _TOKEN_OR_BREAK_RE.findall(fold(text))
    fw = _FUNCTION_WORDS
    bigrams = [a + "_" + b for a, b in zip(seq, seq[1:])
               if a and b and (a not in fw or b not in fw)]
    return [t for t in seq if t] + bigrams


def segment_tokens(text: str) -> list[str]:
    """Word tokens from underthesea's segmenter over folded text ("trẻ_em"); punctuation dropped.

    Only bench/retrieval.py uses it (a BM25 variant measured side by side): `pip install '.[bench]'`.
    """
    try:
        from underthesea import word_tokenize
    except ImportError as exc:
        raise ImportError("Cần gói underthesea: pip install -c constraints.txt '.[bench]'") from exc

    # Segment before the y->i spelling fold (the segmenter's lexicon knows "kỹ năng"),
    # then fold each word so the keys match fold()/tokens().
    base = _prepare(text).lower()
    out = []
    for word in word_tokenize(base):
        word = fold(word)
        if any(ch.isalnum() for ch in word):
            out.append("_".join(word.split()))
    return out


# ---------------------------------------------------------------------------
# Legacy encodings (TCVN3/ABC and VNI-Windows), seen as Latin-1/cp1252-decoded text
# ---------------------------------------------------------------------------

# TCVN3 (TCVN 5712:1993 VN3, the ".VnTime" fonts): byte -> letter. Only lowercase toned
# letters exist; uppercase toned text uses the same bytes in the ".VnTimeH" fonts.
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
_TCVN3_TABLE = str.maketrans({chr(b): u for b, u in _TCVN3_BYTES.items()})

# Bytes 0x80-0x9F differ between Latin-1 (C1 controls) and cp1252 (quotes, dashes...).
# Neither legacy table uses them; C1 controls are mapped to their cp1252 meaning so that
# both decodings give the same result.
_CP1252_OR_LATIN1 = "".join(
    bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)
)
_C1_TABLE = str.maketrans({chr(b): _CP1252_OR_LATIN1[b] for b in range(0x80, 0xA0)})

# VNI-Windows: a base letter followed by one mark byte. Marks (lowercase; uppercase forms
# are the Latin-1 uppercase letters): tone, circumflex(+tone), breve(+tone).
_VNI_TONE = {"ù": 1, "ø": 2, "û": 3, "õ": 4, "ï": 5}
_VNI_CIRC = {"â": 0, "á": 1, "à": 2, "å": 3, "ã": 4, "ä": 5}
_VNI_BREVE = {"ê": 0, "é": 1, "è": 2, "ú": 3, "ü": 4, "ë": 5}
# Letters that are a single byte in VNI: đ, ơ, ư and the i forms (plus ỵ).
_VNI_SINGLE = {
    "ñ": "đ", "ô": "ơ", "ö": "ư", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}


def _build_vni() -> dict[str, str]:
    """VNI code sequence -> Unicode letter, lower and upper case (case follows the base letter)."""
    pairs: dict[str, str] = {}
    rules = [
        ("a", "a", _VNI_TONE), ("a", "â", _VNI_CIRC), ("a", "ă", _VNI_BREVE),
        ("e", "e", _VNI_TONE), ("e", "ê", _VNI_CIRC),
        ("o", "o", _VNI_TONE), ("o", "ô", _VNI_CIRC),
        ("u", "u", _VNI_TONE), ("y", "y", _VNI_TONE),
        ("ô", "ơ", _VNI_TONE), ("ö", "ư", _VNI_TONE),
    ]
    for base, vowel, marks in rules:
        for mark, tone in marks.items():
            letter = _COMPOSE[(vowel, tone)]
            for b, m in ((base, mark), (base, mark.upper())):
                pairs[b + m] = letter
                pairs[b.upper() + m] = letter.upper()
    for code, letter in _VNI_SINGLE.items():
        pairs[code] = letter
        pairs[code.upper()] = letter.upper()
    pairs["yï"], pairs["YÏ"], pairs["Yï"] = "ỵ", "Ỵ", "Ỵ"  # tolerated spelling of ỵ
    return pairs


_VNI_MAP = _build_vni()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(_VNI_MAP, key=len, reverse=True)))

# Latin-1 letters that occur in Unicode Vietnamese; anything else from the tables is evidence.
_VN_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_VN_BEYOND_LATIN1_RE = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")
_TCVN3_STRONG = frozenset(chr(b) for b in _TCVN3_BYTES if b < 0xC0)
_TCVN3_CHARS = frozenset(chr(b) for b in _TCVN3_BYTES)
# VNI pairs that also occur in Unicode Vietnamese ("toàn", "hoá", "hoãn") are not evidence.
_VNI_EVIDENCE_RE = re.compile(
    "(?:" + "|".join(re.escape(k) for k in _VNI_MAP
                     if len(k) == 2 and k[0] in "aAeEoOuUyYôÔöÖ"
                     and not (k[0] in "oO" and k[1] in "àáãÀÁÃ")) + ")"
    r"|(?<![^\W\d_])[ñÑ](?=[^\W\d_])"
)
_WORD_SPLIT_RE = re.compile(r"\S+")


def _tcvn3_evidence(word: str) -> tuple[bool, int]:
    """(word shows TCVN3, number of strong marker characters next to a letter)."""
    strong = 0
    hit = False
    for i, ch in enumerate(word):
        if ch in _TCVN3_STRONG:
            near = word[i - 1:i] + word[i + 1:i + 2]
            if any(c.isalpha() for c in near):
                strong += 1
                hit = True
        elif ch in _TCVN3_CHARS:
            if ch not in _VN_LATIN1 or (ch.isupper() and i and word[i - 1].islower()):
                hit = True
    return hit, strong


def _scores(text: str) -> tuple[int, int, int, int, int]:
    """(words with letters, TCVN3 words, TCVN3 strong chars, VNI words, Unicode-only Vietnamese chars)."""
    words = tcvn_words = strong = vni_words = 0
    for m in _WORD_SPLIT_RE.finditer(text):
        word = m.group(0)
        if not any(c.isalpha() for c in word):
            continue
        words += 1
        hit, s = _tcvn3_evidence(word)
        tcvn_words += hit
        strong += s
        if _VNI_EVIDENCE_RE.search(word):
            vni_words += 1
    return words, tcvn_words, strong, vni_words, len(_VN_BEYOND_LATIN1_RE.findall(text))


def detect_legacy(text: str) -> str | None:
    """'tcvn3', 'vni' or None, by character signature; conservative (several hits and a ratio)."""
    words, tcvn_words, strong, vni_words, unicode_vn = _scores(text.translate(_C1_TABLE))
    if not words:
        return None
    tcvn_ok = tcvn_words >= 2 and strong >= 2 and tcvn_words / words >= 0.3
    vni_ok = vni_words >= 2 and vni_words / words >= 0.3
    best = None
    if tcvn_ok and (not vni_ok or tcvn_words >= vni_words):
        best, hits = "tcvn3", tcvn_words
    elif vni_ok:
        best, hits = "vni", vni_words
    if best is None or unicode_vn * 2 > hits:
        return None
    return best


def convert_legacy(text: str, encoding: str, *, upper: bool = False) -> str:
    """Convert TCVN3 or VNI text (decoded as Latin-1 or cp1252) to NFC Unicode Vietnamese.

    `upper=True` is for TCVN3 uppercase fonts (.VnTimeH), whose text is typed lowercase.
    Characters outside the table (ASCII, real Unicode) pass through unchanged.
    """
    text = text.translate(_C1_TABLE)
    if encoding == "tcvn3":
        out = text.translate(_TCVN3_TABLE)
    elif encoding == "vni":
        out = _VNI_RE.sub(lambda m: _VNI_MAP[m.group(0)], text)
    else:
        raise ValueError(f"unknown legacy encoding: {encoding!r} (use 'tcvn3' or 'vni')")
    out = nfc(out)
    return out.upper() if upper else out


def legacy_font(font_name: str | None) -> str | None:
    """'tcvn3' for .Vn* fonts, 'vni' for VNI-* fonts, else None."""
    name = (font_name or "").strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith(("vni-", "vni ")):
        return "vni"
    return None


def _looks_legacy(text: str, encoding: str) -> bool:
    """For text in a legacy font: False if it is in fact Unicode (fonts often outlive encodings)."""
    _, tcvn_words, _, vni_words, unicode_vn = _scores(text.translate(_C1_TABLE))
    evidence = tcvn_words if encoding == "tcvn3" else vni_words
    if unicode_vn and unicode_vn * 2 > evidence:
        return False
    if evidence:
        return True
    # No evidence: pure ASCII converts to itself (or to uppercase); Latin-1 accents alone
    # ("Công tác") are taken as Unicode.
    return text.isascii()


def repair_legacy(text: str, font: str | None = None) -> tuple[str, str | None]:
    """Convert legacy-encoded text to Unicode; returns (text, 'tcvn3' | 'vni' | None).

    A legacy font name decides the encoding (".VnTimeH"-style names ending in 'H' mean an
    uppercase font) unless the text is plainly not in it; otherwise the text's signature is
    used. Text that needs no change (e.g. already Unicode) comes back as (text, None).
    """
    by_font = legacy_font(font)
    detected = detect_legacy(text)
    if by_font and detected in (None, by_font) and _looks_legacy(text, by_font):
        encoding = by_font
        upper = by_font == "tcvn3" and (font or "").strip().endswith("H")
    elif detected:  # no legacy font, or a stale font name over text in the other encoding
        encoding, upper = detected, False
    else:
        return text, None
    out = convert_legacy(text, encoding, upper=upper)
    return (out, encoding) if out != text else (text, None)


def _encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as a Latin-1 str (for tests and fixtures); uppercase toned letters are lowered."""
    reverse = {u: chr(b) for b, u in _TCVN3_BYTES.items()}
    out = []
    for ch in nfc(text):
        if ch not in reverse and ch.lower() in reverse and ch not in "ĂÂÊÔƠƯĐ":
            ch = ch.lower()
        out.append(reverse.get(ch, ch))
    return "".join(out)


def _encode_vni(text: str) -> str:
    """Unicode -> VNI-Windows as a Latin-1 str (for tests and fixtures)."""
    # Canonical codes only: base and mark in the same case, the single byte for ỵ.
    reverse = {letter: code for code, letter in _VNI_MAP.items()
               if (code.islower() or code.isupper()) and code.lower() != "yï"}
    return "".join(reverse.get(ch, ch) for ch in nfc(text))


# ---------------------------------------------------------------------------
# Bytes
# ---------------------------------------------------------------------------

def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NUL bytes sit mostly on one side, else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    n = len(odd)
    if odd.count(0) >= 0.3 * n and even.count(0) <= 0.05 * n:
        return "utf-16-le"
    if even.count(0) >= 0.3 * n and odd.count(0) <= 0.05 * n:
        return "utf-16-be"
    return None


# Windows-1258 (the Vietnamese Windows code page) writes most tones as a combining-mark byte after
# the vowel: grave CC, hook D2, tilde DE, acute EC, dot below F2. Read as cp1252 these are Ì Ò Þ ì ò.
_CP1258_TONED_VOWEL = re.compile(rb"[aeiouyAEIOUY\xe2\xea\xf4\xe3\xf5\xfd\xc2\xca\xd4\xc3\xd5\xdd][\xcc\xd2\xde\xec\xf2]")
_DETECT_SAMPLE = 200_000


def _vietnamese_syllables(text: str) -> int:
    """Words that are well-formed Vietnamese syllables with a mark beyond ASCII (a reading's quality)."""
    return sum(1 for w in _LETTERS_RE.findall(text.lower()) if not w.isascii() and _parse_syllable(w))


def _looks_cp1258(data: bytes) -> bool:
    """Windows-1258 bytes: tone bytes after vowels, and reading them so gives more Vietnamese words
    than reading the same bytes as TCVN3 or VNI (whose letters use some of the same bytes)."""
    sample = data[:_DETECT_SAMPLE]
    if len(_CP1258_TONED_VOWEL.findall(sample)) < 2:
        return False
    as_cp1258 = nfc(sample.decode("cp1258", errors="replace"))
    as_legacy = repair_legacy(codecs.charmap_decode(sample, "strict", _CP1252_OR_LATIN1)[0])[0]
    return _vietnamese_syllables(as_cp1258) > _vietnamese_syllables(as_legacy)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file: BOM, UTF-16 without BOM, UTF-8, Windows-1258 (to NFC), else cp1252
    (Latin-1 for its holes).

    Other 8-bit files are usually TCVN3/VNI: pass the result to `repair_legacy`.
    """
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                      (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            label = "utf-8-sig" if name == "utf-8" else name
            return data[len(bom):].decode(name, errors="replace"), label
    guess = _utf16_without_bom(data)
    if guess:
        return data.decode(guess, errors="replace"), guess
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_cp1258(data):
        return nfc(data.decode("cp1258", errors="replace")), "cp1258"
    return codecs.charmap_decode(data, "strict", _CP1252_OR_LATIN1)[0], "cp1252"


# ---------------------------------------------------------------------------
# Numbers and document symbols
# ---------------------------------------------------------------------------


def format_number(value: float | int, decimals: int = 0) -> str:
    """Vietnamese style: '.' groups thousands, ',' marks decimals ("45.500.000", "26,85")."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if not q.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if q == 0:
        q = abs(q)
    text = f"{q:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


_CODE = r"[A-ZĐ][A-Za-zĐđ0-9]*"
_SYMBOL_RE = re.compile(rf"(?<![\w/-])\d+(?:[/-](?:{_CODE}|\d+))+(?![\w])")
_SYMBOL_CODE_RE = re.compile(rf"[/-]{_CODE}")
_NUMBER_RE = re.compile(r"(?<!\w)(?:\d{1,4}(?:/\d{1,4}){1,2}(?![\d/])|\d+(?:[.,]\d+)*(?:\s?%)?)(?!\d)")




def _symbol_matches(text: str) -> list[re.Match]:
    return [m for m in _SYMBOL_RE.finditer(text) if _SYMBOL_CODE_RE.search(m.group(0))]


def symbols_in(text: str) -> list[str]:
    """Document symbols ("20-CT/TW", "1928/KH-UBND", "56/2017/NĐ-CP"), dashes and Đ normalised."""
    return [m.group(0) for m in _symbol_matches(_prepare(text))]


def numbers_in(text: str) -> list[str]:
    """Numbers as written ("2021", "45.500.000", "26,85%", "04", "1/6", "05/11/2012").

    Numbers inside document symbols are left out; "26,85 %" is given as "26,85%".
    """
    text = _prepare(text)
    taken = [m.span() for m in _symbol_matches(text)]
    out = []
    for m in _NUMBER_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        out.append(m.group(0).replace(" ", "").replace("\u00a0", ""))
    return out


_DIFF_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """What changed from `old` to `new`, word by word: ("equal" | "delete" | "insert", text) runs in
    reading order; whitespace travels with its neighbours, so the runs joined give each text back."""
    a, b = _DIFF_TOKEN.findall(nfc(old or "")), _DIFF_TOKEN.findall(nfc(new or ""))
    runs: list[tuple[str, str]] = []

    def add(op: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return runs
