"""Arabic normalisation for matching, with an offset map back into the original text.

:func:`normalise` folds what Arabic writers vary freely so one pattern matches every spelling:
diacritics (tashkeel, superscript alef), tatweel, alef/hamza forms (أ إ آ ٱ → ا, ؤ → و, ئ → ي),
ta marbuta → ha, alef maqsura → ya, Persian kaf/ya → Arabic, Arabic-Indic and Persian digits →
ASCII, presentation forms → base letters, and it drops bidi control characters. Every character of
the result remembers the index of the original character it came from, so a match found in the
normalised text maps back to a span of the ORIGINAL text (evidence offsets stay true).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["ArabicText", "has_arabic", "normalise", "normalise_pattern"]

_DROP = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # tashkeel (fathatan … sukun, and extended marks)
    + ["\u0670", "\u0640",  # superscript alef, tatweel
       "\u200c", "\u200d", "\u200e", "\u200f", "\u061c",  # ZWNJ/ZWJ, LRM/RLM, ALM
       "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
       "\ufeff"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation marks
)
_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ی": "ي", "ې": "ي", "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian (extended) digits
    "٫": ".", "٬": ",",
}
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def has_arabic(text: str) -> bool:
    """True when ``text`` holds any Arabic-script character."""
    return bool(_ARABIC.search(text))


def _fold_char(ch: str) -> str:
    mapped = _MAP.get(ch)
    if mapped is not None:
        return mapped
    code = ord(ch)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:  # presentation forms
        base = unicodedata.normalize("NFKC", ch)
        return "".join(_MAP.get(b, b) for b in base if b not in _DROP)
    return ch


@dataclass(frozen=True)
class ArabicText:
    """Normalised text plus, per normalised character, the index of its original character."""

    original: str
    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to ``[start, end)`` in the original text."""
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text))
        end = min(max(end, start), len(self.text))
        if end == start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1
        # swallow marks dropped right after the last kept character (a word keeps its diacritics)
        while o_end < len(self.original) and self.original[o_end] in _DROP and \
                self.original[o_end] not in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e":
            o_end += 1
        return o_start, o_end

    def original_span(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


def normalise(text: str) -> ArabicText:
    """Fold ``text`` for matching (see the module docstring); Latin text passes unchanged."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        folded = _fold_char(ch)
        out.append(folded)
        offsets.extend([i] * len(folded))
    return ArabicText(original=text, text="".join(out), offsets=tuple(offsets))


def normalise_pattern(pattern: str) -> str:
    """Apply the same folding to a regular expression written in plain Arabic spelling
    (regex syntax is ASCII, so it is untouched)."""
    return normalise(pattern).text
