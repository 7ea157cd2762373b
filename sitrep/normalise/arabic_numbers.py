"""Arabic casualty figures: number words and digits, qualifiers, killed versus wounded.

Works on normalised text (:mod:`sitrep.nlp.arabic`) and reports offsets into the ORIGINAL text.
Number words cover both gender forms (ثلاثة/ثلاث), the compound tens (خمسة وعشرون), the hundreds
and thousands, duals (شهيدين = 2) and a lone singular (شهيد = 1), and the vague plurals ACLED
reads conservatively: عشرات/العشرات = 10, مئات = 100, آلاف = 1000. Qualifiers: ما لا يقل عن
(at least), نحو/حوالي/قرابة/زهاء (about), أكثر من (more than), أقل من (fewer than).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..nlp.arabic import ArabicText, normalise, normalise_pattern
from .casualties import Figure

__all__ = ["arabic_deaths_without_number", "find_arabic_figures", "parse_arabic_number"]

_P = normalise_pattern
_UNITS = {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثنتا": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
    "عشر": 10, "عشرة": 10,
}
_TENS = {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
         "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
         "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90}
_BIG = {"مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مائتين": 200, "مائتان": 200,
        "ألف": 1000, "ألفان": 2000, "ألفين": 2000}
_VAGUE = {"عشرات": (10, 99), "مئات": (100, 999), "آلاف": (1000, 9999)}
_WORD_VALUES: dict[str, int] = {_P(k): v for k, v in {**_UNITS, **_TENS, **_BIG}.items()}
_VAGUE_VALUES: dict[str, tuple[int, int]] = {_P(k): v for k, v in _VAGUE.items()}

_KILLED = _P(r"شهيد|شهداء|شهيدا|شهيدان|شهيدين|شهيدة|قتيل|قتلى|قتيلا|قتيلان|قتيلين|مقتل|استشهاد|"
             r"استشهد|استشهدت|استشهدوا|قتل|قتلت|مصرع|ضحايا|ضحية|جثث|جثة|وفاة|قضى|قضت|قضوا|شهداؤهم|شهدائهم")
_WOUNDED = _P(r"جريح|جرحى|جريحا|جريحان|جريحين|إصابة|إصابات|مصاب|مصابين|مصابون|أصيب|أصيبت|جرح|إصابه")
_KILLED_RE = re.compile(rf"(?<![\w])[وف]?(?:بال|لل|ال|[بل])?(?:{_KILLED})(?![\w])")
_WOUNDED_RE = re.compile(rf"(?<![\w])[وف]?(?:بال|لل|ال|[بل])?(?:{_WOUNDED})(?![\w])")
_DUAL = re.compile(_P(r"(?<![\w])[وف]?(?:شهيدين|شهيدان|قتيلين|قتيلان|جريحين|جريحان)(?![\w])"))
_SINGLE = re.compile(_P(r"(?<![\w])[وف]?(?:شهيد|شهيدة|قتيل|جريح)(?![\w])"))
_ONE_PERSON = re.compile(_P(r"\s+(?:طفل|طفلة|مدني|رجل|امرأة|شاب|عنصر|مقاتل|جندي|ناشط|مسن|سيدة|شخص)(?![\w])"))
_QUALIFIER = re.compile(_P(r"(?:ما لا يقل عن|لا يقل عن|نحو|حوالي|حوالى|قرابة|زهاء|أكثر من|أزيد من|"
                           r"ما يزيد عن|ما يزيد على|أقل من|قرابه)\s+$"))
_TOKEN = re.compile(r"[\w]+")
#: Words that may stand between a casualty noun and its figure ("مقتل ما لا يقل عن خمسة").
_SKIP_AFTER = frozenset(_P(w) for w in ("ما", "لا", "يقل", "عن", "نحو", "حوالي", "حوالى", "قرابة", "زهاء",
                                        "أكثر", "من", "إلى", "الى", "أزيد", "يزيد", "على", "عدد", "فيها", "فيه",
                                        "جراءها", "خلالها"))
_NUMBER_WORD = re.compile(r"(?<![\w])(?:[وف]?(?:ال)?)(\w+)")


def _value(token: str) -> tuple[int, int] | None:
    """(low, high) of one token: digits, a number word (with و/ال stripped) or a vague plural."""
    if token.isdecimal():  # not isdigit(): "²" is a digit that int() refuses
        return int(token), int(token)
    for cand in (token, token[1:] if token[:1] in "وف" else token):
        bare = cand[2:] if cand.startswith("ال") and len(cand) > 3 else cand
        for key in (cand, bare):
            if key in _WORD_VALUES:
                return _WORD_VALUES[key], _WORD_VALUES[key]
            if key in _VAGUE_VALUES:
                return _VAGUE_VALUES[key]
    return None


def parse_arabic_number(text: str) -> tuple[int, int] | None:
    """(low, high) of a whole number expression ("خمسة وعشرون" → (25, 25), "العشرات" → (10, 99))."""
    tokens = _TOKEN.findall(normalise(text).text)
    values = [_value(t) for t in tokens]
    if not values or any(v is None for v in values):
        return None
    return _combine([v for v in values if v is not None], tokens)


def _combine(values: list[tuple[int, int]], tokens: list[str]) -> tuple[int, int]:
    if len(values) == 1:
        return values[0]
    # "ثلاثة عشر" = 13, "خمسة وعشرون" = 25, "ثلاث مئة" = 300, "مئة وخمسون" = 150
    low = high = 0
    pending = 0
    for (v, _h), tok in zip(values, tokens, strict=True):
        if v in (100, 1000) and pending:
            pending *= v
        elif v == 10 and pending and not tok.startswith("و") and pending < 10:
            pending += 10
        else:
            pending += v
    low = high = pending
    return low, high


_QUAL_NAMES = (("يقل", "at least"), ("نحو", "about"), ("حوالي", "about"), ("قرابه", "about"),
               ("زهاء", "about"), ("اكثر", "more than"), ("ازيد", "more than"), ("يزيد", "more than"),
               ("اقل", "fewer than"))


def _qualifier(before: str) -> str | None:
    m = _QUALIFIER.search(before)
    if m is None:
        return None
    return next((name for key, name in _QUAL_NAMES if key in m.group(0)), "about")


def _number_around(words: list[tuple[int, int, str]], starts: list[int], pos: int, *,
                   after: bool) -> tuple[int, int, tuple[int, int]] | None:
    """The number expression right before (``after=False``) or right after a casualty word;
    ``words``: the text's tokens, ``starts`` their start offsets (for bisection)."""
    k = bisect_left(starts, pos)
    if after:
        seq = words[k:k + 8]
        while seq and seq[0][2] in _SKIP_AFTER and len(seq) > 1:
            seq.pop(0)
        seq = seq[:4]
    else:
        seq = list(reversed([w for w in words[max(0, k - 5):k] if w[1] <= pos][-4:]))
    picked: list[tuple[int, int, str]] = []
    for w in seq:
        if _value(w[2]) is None:
            break
        picked.append(w)
    if not picked:
        return None
    if not after:
        picked.reverse()
    value = _combine([v for v in (_value(w[2]) for w in picked) if v is not None], [w[2] for w in picked])
    return picked[0][0], picked[-1][1], value


def find_arabic_figures(text: str | ArabicText) -> list[Figure]:
    """Casualty figures in ``text`` (killed and wounded), offsets into the original text.

    Each is a :class:`~sitrep.normalise.casualties.Figure` as the English reader gives: ``value``
    is the stated (lowest) figure, ``qualifier`` one of "at least", "about", "more than", "fewer
    than" or "vague", ``rule`` one of ``ar_number``, ``ar_dual``, ``ar_singular``."""
    norm = text if isinstance(text, ArabicText) else normalise(text)
    n = norm.text
    words = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(n)]
    starts = [w[0] for w in words]
    out: list[Figure] = []
    used: set[int] = set()
    for quantity, pattern in (("killed", _KILLED_RE), ("wounded", _WOUNDED_RE)):
        for m in pattern.finditer(n):
            found = (_number_around(words, starts, m.start(), after=False)
                     or _number_around(words, starts, m.end(), after=True))
            if found is not None and found[0] in used:
                continue
            if found is None:
                if _DUAL.fullmatch(m.group(0)):
                    start, end, value, rule = m.start(), m.end(), (2, 2), "ar_dual"
                elif _SINGLE.fullmatch(m.group(0)):
                    start, end, value, rule = m.start(), m.end(), (1, 1), "ar_singular"
                elif (one := _ONE_PERSON.match(n, m.end())) is not None:
                    start, end, value, rule = m.start(), one.end(), (1, 1), "ar_singular"
                else:
                    continue
            else:
                start, end, value = found
                rule = "ar_number"
            used.add(start)
            qual = _qualifier(n[max(0, start - 20):start])
            low, high = value
            vague = high != low
            if qual == "more than" or qual == "at least":
                high = max(high, low)
            a, b = norm.span(min(start, m.start()), max(end, m.end()))
            out.append(Figure(quantity=quantity, value=low, low=low, high=high, start=a, end=b,
                              text=norm.original[a:b], qualifier="vague" if vague and qual is None else qual,
                              rule=rule))
    out.sort(key=lambda f: f.start)
    return out


_DEATHS = re.compile(_P(r"شهداء|شهدائ|شهداؤ|قتلى|ضحايا|مقتل|استشهاد|استشهد|قتل|مجزرة|مجازر|جثث|أشلاء|قضوا|وفاة"))
_SIGNIFICANT = re.compile(_P(r"مجزرة|مجازر|عشرات|مئات"))


def arabic_deaths_without_number(text: str | ArabicText) -> int | None:
    """ACLED's count for deaths ``text`` names in words without a number: 10 for a massacre or
    "dozens"/"hundreds", else 3; None when no death word occurs."""
    n = (text if isinstance(text, ArabicText) else normalise(text)).text
    if not _DEATHS.search(n):
        return None
    return 10 if _SIGNIFICANT.search(n) else 3
