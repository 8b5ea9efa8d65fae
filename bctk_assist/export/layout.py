"""Text widths and line breaking for the header block, the subject and the signature.

Word wraps a line wherever a space falls; for a unit name or a subject that breaks "TRƯỜNG TIỂU /
HỌC" or "của Bộ / Chính trị". Here the breaks are chosen: never inside words that belong together
(`Breaking` data of the rule set), as evenly as possible, and at the smaller size the rules permit
before a bad break.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bctk_assist import textvi
from bctk_assist.export.rules import Breaking, TextStyle

__all__ = ["Fitted", "text_width_pt", "fit_lines", "balanced_lines", "forbidden_gaps", "styled_text"]

# Advance widths in 1/1000 em of Times New Roman for ASCII 32..126, measured on Liberation Serif
# (metric-compatible). Vietnamese letters take their base letter's width, except the horned ones.
_W_REGULAR = (
    "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 "
    "500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 "
    "722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 "
    "444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444 480 "
    "200 480 541")
_W_BOLD = (
    "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 500 "
    "500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667 944 "
    "722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444 556 "
    "444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444 394 "
    "220 394 520")
_WIDTHS = {
    False: dict(zip(map(chr, range(32, 127)), map(int, _W_REGULAR.split())),
                **{"Đ": 722, "đ": 500, "Ư": 776, "ư": 542, "Ơ": 722, "ơ": 529}),
    True: dict(zip(map(chr, range(32, 127)), map(int, _W_BOLD.split())),
               **{"Đ": 722, "đ": 556, "Ư": 796, "ư": 600, "Ơ": 778, "ơ": 554}),
}
_FITS = 0.97  # share of the room a line may fill: margin for the width estimate


@dataclass(frozen=True)
class Fitted:
    """Lines joined by "\\n" (caps applied) and the size to set them at."""

    text: str
    size: float


def styled_text(text: str, style: TextStyle) -> str:
    return text.upper() if style.caps else text


def text_width_pt(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of one line of Times New Roman text in points."""
    table = _WIDTHS[bold]
    total = 0
    for ch in unicodedata.normalize("NFC", text):
        width = table.get(ch)
        if width is None:  # a letter with marks: the width of its base letter
            width = table.get(unicodedata.normalize("NFD", ch)[:1], 500)
        total += width
    return total * size / 1000


@lru_cache(maxsize=64)
def _phrases(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_key(w) for w in p.split()) for p in phrases)


def _key(word: str) -> str:
    return textvi.fold(word).strip(",;:.()\"“”")


def _matches(keys: list[str], phrases: tuple[str, ...]):
    """(start, end) of every occurrence of the phrases in the word keys."""
    for phrase in _phrases(phrases):
        size = len(phrase)
        for i in range(len(keys) - size + 1):
            if tuple(keys[i:i + size]) == phrase:
                yield i, i + size


def forbidden_gaps(words: list[str], breaking: Breaking, *, name: bool) -> set[int]:
    """Gaps (gap i lies between words i and i+1) where a line must not break.

    name=True: the words are a unit name, whose proper name (after its last head word, e.g.
    "Tiểu học" or "xã") is kept whole, a place word with it.
    """
    keys = [_key(w) for w in words]
    out: set[int] = set()
    for start, end in _matches(keys, breaking.keep_together):
        out.update(range(start, end - 1))
    for i in range(len(words) - 1):
        if re.fullmatch(r"\d+", keys[i]) and not words[i].endswith(","):  # "10 năm"
            out.add(i)
        if keys[i] in ("số", "ngày", "tháng", "năm") and keys[i + 1][:1].isdigit():
            out.add(i)
    if name:
        heads = [(end, False) for _, end in _matches(keys, breaking.name_heads)]
        heads += [(end, True) for _, end in _matches(keys, breaking.place_heads)]
        if heads:
            end, place = max(heads)
            if 0 < len(words) - end <= 4:
                out.update(range(end, len(words) - 1))
                if place:
                    out.add(end - 1)
    return out


def _preferred_gaps(words: list[str], breaking: Breaking) -> set[int]:
    keys = [_key(w) for w in words]
    out = {i for i, w in enumerate(words[:-1]) if w.endswith((",", ";", ":"))}
    out.update(start - 1 for start, _ in _matches(keys, breaking.break_before) if start > 0)
    return out


def _best_layout(widths: list[float], space: float, room: float, lines: int, allowed: set[int],
                 penalty: dict[int, float]) -> list[int] | None:
    """Break positions (line ends, exclusive) for exactly `lines` lines that all fit `room`,
    minimising the squared slack of every line (the most even lines) plus break penalties."""
    n = len(widths)
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)

    def width(i: int, j: int) -> float:
        return prefix[j] - prefix[i] + space * (j - i - 1)

    ends = sorted({g + 1 for g in allowed if 0 <= g < n - 1})
    # best[k][j]: (score, previous end) for words[:j] set in k lines
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for k in range(1, lines + 1):
        layer: dict[int, tuple[float, int]] = {}
        targets = [n] if k == lines else ends
        for j in targets:
            for i, (score, _) in best[k - 1].items():
                if i >= j:
                    continue
                w = width(i, j)
                if w > room:
                    continue
                total = score + (room - w) ** 2 + (penalty.get(j - 1, 0.0) if j < n else 0.0)
                if j not in layer or total < layer[j][0]:
                    layer[j] = (total, i)
        best.append(layer)
    if n not in best[lines]:
        return None
    cuts, j = [], n
    for k in range(lines, 0, -1):
        cuts.append(j)
        j = best[k][j][1]
    return sorted(cuts)


def fit_lines(text: str, style: TextStyle, room_pt: float, breaking: Breaking, *,
              name: bool = True, soft_lines: int = 2, max_lines: int = 3) -> Fitted:
    """`text` (caps applied) broken into lines that fit `room_pt`, and the size to use.

    Tries, in order: 1..soft_lines lines at the style's size, then at its `min_size`, then up to
    max_lines lines at either size; each time only between words that may part. Only when none
    fits are other gaps allowed (at the smaller size). A text with its own line breaks is kept.
    """
    text = styled_text(text.strip() if "\n" in text else " ".join(text.split()), style)
    words = text.split()
    if "\n" in text or not words:
        return Fitted(text, style.size)
    sizes = [style.size] + ([style.min_size] if style.min_size and style.min_size < style.size else [])
    forbidden = forbidden_gaps(words, breaking, name=name)
    allowed = set(range(len(words) - 1)) - forbidden
    penalty: dict[int, float] = {}
    if not name:  # a subject: breaks before "của", "về", … and after commas read best
        preferred = _preferred_gaps(words, breaking)
        penalty = {g: 0.0 if g in preferred else (0.25 * room_pt) ** 2 for g in allowed}
    good = [(size, k) for size in sizes for k in range(1, soft_lines + 1)]
    good += [(size, k) for k in range(soft_lines + 1, max_lines + 1) for size in sizes]
    bad = [(sizes[-1], k) for k in range(1, max_lines + 1)]  # last resort: any gap, as few as can be
    bad_penalty = {**penalty, **{g: (2 * room_pt) ** 2 for g in forbidden}}
    every_gap = set(range(len(words) - 1))
    for gaps, plan, penalty in ((allowed, good, penalty), (every_gap, bad, bad_penalty)):
        for size, lines in plan:
            widths = [text_width_pt(w, size, style.bold) for w in words]
            space = text_width_pt(" ", size, style.bold)
            cuts = _best_layout(widths, space, room_pt * _FITS, lines, gaps, penalty)
            if cuts is not None:
                starts = [0, *cuts[:-1]]
                return Fitted("\n".join(" ".join(words[i:j]) for i, j in zip(starts, cuts)), size)
    return Fitted(text, style.size)  # a single word wider than the room: Word wraps it


def balanced_lines(text: str, style: TextStyle, room_pt: float, breaking: Breaking | None = None) -> str:
    """The text of `fit_lines` (lines joined by "\\n"), for callers that keep the style's size."""
    fixed = TextStyle(style.size, style.bold, style.italic, style.caps, style.underline)
    return fit_lines(text, fixed, room_pt, breaking or Breaking()).text
