"""Number expressions in English war reporting: digits, words, vague words, qualifiers, ranges.

``find_numbers(text)`` returns every :class:`NumberSpan` with a conservative ``low`` and a
``high`` (ACLED: "at least five" -> 5; "dozens" -> 12; "about 160" -> 160; "10 to 15" -> 10..15).
Absurd values (overflowing floats such as ``1e309``, counts above :data:`ABSURD`) are kept and
flagged, never raised.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["ABSURD", "VAGUE", "NumberSpan", "find_numbers", "parse_number_word"]

#: Counts above this are flagged as implausible for one report.
ABSURD = 100_000

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "couple": 2,
}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}

#: Vague quantity words -> (low, high) following coding-rules.md ("tens" 10, "dozens" 12, ...).
VAGUE: dict[str, tuple[int, int]] = {
    "dozens": (12, 60), "tens": (10, 90), "hundreds": (100, 900), "thousands": (1000, 9000),
    "scores": (20, 100), "several": (3, 9), "a few": (2, 5), "few": (2, 5),
    "a number": (3, 10), "a handful": (3, 6), "many": (10, 50), "numerous": (10, 50),
    "some": (2, 10), "a couple": (2, 2), "multiple": (2, 10),
}  # fmt: skip

_WORD = r"(?:" + "|".join(sorted((k for k in (*_UNITS, *_SCALES) if k not in ("a", "an", "no")),
                                 key=len, reverse=True)) + r")"
_WORDNUM = (rf"{_WORD}\b(?:[\s-]+{_WORD}\b)*"
            rf"(?:(?:(?<=hundred)|(?<=thousand))\s+and\s+{_WORD}\b(?:[\s-]+{_WORD}\b)?)?")
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:e[+-]?\d+)?"
_VAGUE_RE = r"dozens|tens|hundreds|thousands|scores|several|a\s+few|a\s+number|a\s+handful|many|numerous|a\s+couple|multiple"
_ATOM = rf"(?:{_DIGITS}|{_WORDNUM})"
_LOWQ = r"at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|not\s+less\s+than|in\s+excess\s+of"
_APPROX = r"about|around|approximately|nearly|almost|some|roughly|an\s+estimated|estimated|close\s+to|up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|under"

_NUMBER = re.compile(
    rf"""(?ix)
    (?:(?P<between>between)\s+)?
    (?:(?P<lowq>{_LOWQ})\s+|(?P<approx>{_APPROX})\s+)?
    (?:
        (?P<vague>{_VAGUE_RE})\b(?:\s+of)?
      | (?P<a>{_ATOM})(?:\s*(?:-|–|to|and|or)\s*(?P<b>{_ATOM}))?
    )
    (?:,?\s*(?P<trail>at\s+least|at\s+most))?
    (?![\w.]*\d)(?!\s*(?:mm|km|cm|kg|%|percent|per\s+cent|am|pm|a\.m|p\.m|hours?|hrs|GMT|UTC)\b)
    """,
)


@dataclass(frozen=True)
class NumberSpan:
    """A quantity in text: conservative ``low``, credible ``high``; offsets into the input."""

    value: int  # the figure ACLED would code ("at least five" -> 5, "10 to 15" -> 10)
    low: int
    high: int
    start: int
    end: int
    text: str
    vague: bool = False
    qualifier: str | None = None  # "at least" | "about" | "up to" | ...
    flag: str | None = None  # "absurd" | "overflow" when the value is implausible


def parse_number_word(text: str) -> int | None:
    """Parse digits or English number words ("twenty-five", "1,200", "two hundred"); None if not one."""
    t = text.strip().lower().replace("–", "-")
    if not t:
        return None
    if re.fullmatch(_DIGITS, t, flags=re.IGNORECASE):
        try:
            value = float(t.replace(",", ""))
        except ValueError:
            return None
        if math.isinf(value) or math.isnan(value):
            return None
        return int(value) if value < 1e15 else None
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", t):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _is_overflow(atom: str) -> bool:
    if not re.search(r"\d", atom):
        return False
    try:
        value = float(atom.replace(",", ""))
    except ValueError:
        return False
    return math.isinf(value) or value >= 1e15


def _widen(low: int, high: int, qualifier: str | None) -> tuple[int, int]:
    """UCDP-style credible bounds around a stated figure."""
    if high > ABSURD or qualifier is None:
        return low, high
    if qualifier in ("more than", "over", "upwards of", "in excess of", "at least", "no fewer than",
                     "not less than"):
        return low, max(high, low) * 2 if low else high
    if qualifier in ("nearly", "almost", "fewer than", "less than", "under"):
        return max(0, low - max(1, low // 5)), max(0, high - 1) if high else 0
    if qualifier in ("up to", "as many as", "at most"):
        return min(low, 1), high
    # about, around, approximately, some, roughly, estimated, close to
    return max(0, low - low // 5), high + high // 5


_STARTERS = frozenset(
    {*(k for k in (*_UNITS, *_SCALES) if k not in ("a", "an", "no")), "dozens", "tens", "hundreds",
     "thousands", "scores", "several", "a", "many", "numerous", "multiple", "between", "at", "more",
     "over", "upwards", "no", "not", "in", "about", "around", "approximately", "nearly", "almost",
     "some", "roughly", "an", "estimated", "close", "up", "as", "fewer", "less", "under"}
)  # fmt: skip
_QUALIFIER_WORDS = frozenset(
    {"a", "an", "at", "more", "over", "upwards", "no", "not", "in", "about", "around", "approximately",
     "nearly", "almost", "some", "roughly", "estimated", "close", "up", "as", "fewer", "less", "under",
     "between"}
)  # fmt: skip
_PEEK = re.compile(r"\d|few|number|handful|couple|dozen|hundred|thousand|one|two|three|four|five|six|seven|"
                   r"eight|nine|ten|eleven|twelve|teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety",
                   re.IGNORECASE)
_DIGIT_RUN = re.compile(r"\d+")
_NUMBER_WORD_RE = re.compile(r"\b(?:" + "|".join(sorted(
    ({*_UNITS, *_SCALES, "dozens", "tens", "hundreds", "thousands", "scores", "several", "few", "many",
      "numerous", "multiple", "number", "handful", "couple"} - {"a", "an", "no"}), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_QUAL_BACK = re.compile(rf"(?<![\w-])(?:between\s+)?(?:(?:{_LOWQ}|{_APPROX}|a)\s+)?$", re.IGNORECASE)
_WORDS = re.compile(r"[a-z]+")
_HAS_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = _STARTERS - _QUALIFIER_WORDS - {"several", "many", "numerous", "multiple", "few"} | {
    "several", "few", "many", "numerous", "multiple", "number", "handful", "couple"}


def _matches(text: str) -> list[re.Match[str]]:
    """_NUMBER matches, tried only at digits and number words, with any qualifier just before."""
    out: list[re.Match[str]] = []
    has_digit = _HAS_DIGIT.search(text) is not None
    has_words = not _NUMBER_WORDS.isdisjoint(_WORDS.findall(text.lower()))
    if not (has_digit or has_words):
        return out
    starts = [m.start() for m in _DIGIT_RUN.finditer(text)] if has_digit else []
    if has_words:
        starts.extend(m.start() for m in _NUMBER_WORD_RE.finditer(text))
        starts.sort()
    pos = 0
    for p in starts:
        if p < pos or (p > 0 and (text[p - 1].isalnum() or text[p - 1] in "._/:-–")):
            continue
        back = _QUAL_BACK.search(text, max(pos, p - 40), p)
        m = None
        if back is not None and back.start() < p:
            m = _NUMBER.match(text, back.start())
            if m is not None and m.end() <= p:
                m = None
        if m is None:
            m = _NUMBER.match(text, p)
        if m and m.group(0).strip():
            out.append(m)
            pos = m.end()
    return out


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number expression in ``text`` (left to right, non-overlapping)."""
    out: list[NumberSpan] = []
    for m in _matches(text):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "._/:-–"):
            continue
        if m.end() < len(text) and text[m.end() - 1].isalnum() and text[m.end()].isalnum():
            continue
        qualifier = " ".join((m.group("lowq") or m.group("approx") or m.group("trail") or "").lower().split()) or None
        flag: str | None = None
        vague = False
        if m.group("vague"):
            vague = True
            low, high = VAGUE[" ".join(m.group("vague").lower().split())]
        else:
            a = m.group("a")
            va = parse_number_word(a)
            if va is None:
                if not _is_overflow(a):
                    continue
                flag, va = "overflow", 0
            b = m.group("b")
            vb = parse_number_word(b) if b else None
            if b and vb is None and _is_overflow(b):
                flag, vb = "overflow", None
            joiner = m.group(0)[m.end("a") - m.start():m.start("b") - m.start()].strip().lower() if b else ""
            if vb is not None and joiner in ("and",) and not m.group("between"):
                # "two and three" without "between" is rarely a range; keep the first number only
                vb = None
            if vb is not None and vb >= va:
                low, high = va, vb
            else:
                low = high = va
            if flag is None and high > ABSURD:
                flag = "absurd"
        value = low  # ACLED: the stated figure, lowest end of a range
        if not vague:
            low, high = _widen(low, high, qualifier)
        out.append(NumberSpan(value=value, low=low, high=high, start=m.start(), end=m.end(), text=m.group(0),
                              vague=vague, qualifier=qualifier, flag=flag))
    return out
