"""Arabic place mentions: gazetteer lookup of Arabic names with their prefixes and prepositions.

A name may follow a feature word (حي، بلدة، قرية، مدينة، منطقة، مخيم، ريف) and may carry an
attached conjunction or preposition (وبحلب، لحلب، بحلب = في حلب). Keys come from
:func:`sitrep.geo.match.name_key`, which the gazetteer also uses for its Arabic alternate
names, so ``location`` and the admin names come out in the gazetteer's Latin form. The name forms
(a name without its proclitic) are the Arabic pack's (:mod:`sitrep.lang.ar.places`).
"""

from __future__ import annotations

import re

from ..lang._protocol import PlaceMatch
from ..lang.ar.places import strip_proclitic
from ..nlp.arabic import normalise, normalise_pattern
from .focus import country_code
from .gazetteer import Gazetteer, PlaceRecord
from .match import name_key

__all__ = ["find_arabic_places"]

_P = normalise_pattern
_WORD = re.compile(r"[^\W\d_]+|\d+")  # "جنين22-2-2015", "حلب_نيوز": names apart from digits and "_"
_FEATURE = frozenset(_P(w) for w in ("لحي", "بحي", "وحي", "حي", "حيي", "أحياء", "بلدة", "بلدات", "قرية", "قرى", "مدينة", "منطقة",
                                     "مخيم", "ريف", "دوار", "جبل", "تلة", "ناحية", "محافظة", "مزارع"))
#: words that are a place only inside a longer name ("بستان القصر"، "جسر الحج"): alone, "القصر العدلي"
#: is a court house and "حول" means "about", not the villages of those names
_NOT_ALONE = frozenset(_P(w) for w in (
    "القصر", "قصر", "جسر", "الجسر", "حول", "دوار", "ساحة", "سوق", "جامع", "مبنى", "معبر", "حاجز", "باب",
    # common words that name a village somewhere (found matching in unlabelled Aleppo headlines)
    "الشمالي", "الجنوبي", "الشرقي", "الغربي", "الشمالية", "الجنوبية", "الشرقية", "الغربية", "العسكري", "عسكري",
    "مدرسة", "المدرسة", "مدارس", "المدارس", "مسجد", "المسجد", "الحدث", "عبد", "الدخان", "العالقين", "العدوان",
    "ظهر", "الظهر", "إسقاط", "اسقاط", "الصنع", "المقبرة", "مقبرة", "الحراك", "اهداف", "أهداف", "وساطة", "إلا",
    "البسة", "المطل", "بدأ", "دار", "المتوسطة", "متوسطة", "الثقيلة", "مزارع", "الحمام", "حمام", "برج", "الصور", "غريبة"))
#: Words naming a village, town or camp (with an attached preposition): an unknown name after one
#: is a settlement's
_SETTLEMENT_WORDS = frozenset(_P(p + w) for w in ("قرية", "بلدة", "مخيم", "مزارع") for p in ("", "ل", "ب", "و", "ف"))
#: "حي" with its attached preposition ("لحي", "بحي"): two letters are too short for the general
#: proclitic rule, which would read "لحم" (meat) as "حم"
_HOOD = frozenset(_P(p + w) for w in ("حي", "حيي", "أحياء") for p in ("", "ل", "ب", "و", "ف", "وب", "ول"))
_KARM = _P("كرم")  # "حي القاطرجي" is OCHA's "كرم القاطرجي"
#: "شبكة حلب نيوز", "مركز حلب الإعلامي": the outlet's name, not a place in the report
_OUTLET_NEXT = frozenset(_P(w) for w in ("نيوز", "الإعلامي", "الاعلامي", "اليوم"))
#: "الجبهة الشامية", "الجبهة الإسلامية": a group's name ("جبهة الملاح" without the article is a front)
_GROUP_HEAD = frozenset(_P(w) for w in ("الجبهة", "والجبهة", "جيش", "لواء", "كتيبة", "كتائب", "حركة", "تجمع"))
_STOP = frozenset(_P(w) for w in (
    "في", "على", "من", "إلى", "عن", "مع", "بعد", "قبل", "يوم", "اليوم", "أمس", "قرب", "شرق", "غرب", "شمال",
    "جنوب", "محيط", "أطراف", "جراء", "إثر", "بين", "خلال", "منذ", "حتى", "عند", "ما", "أدى", "مقتل", "شهداء",
    "جرحى", "قصف", "غارة", "غارات", "قوات", "النظام", "الثوار", "الطيران", "الحربي", "المروحي", "مدنيين",
    "الذي", "التي", "هذا", "هذه", "بالقرب", "بينهم", "وسط", "داخل", "و", "أو", "ثم", "كما", "قد", "لقد",
    "الحي", "البلدة", "القرية", "المدينة", "المنطقة", "الجيش", "الحر", "الأسد", "حلب نيوز",
    # words that are also place names somewhere (Ash Shuhada, al-Thawra ...) but rarely mean the place
    "شهداء", "الشهداء", "شهيد", "الشهيد", "ثورة", "الثورة", "الثوار", "النصر", "الحرية", "مفرق", "جثث", "مجزرة",
    "الصورة", "لحظة", "لقطة", "لقطات", "سلسلة", "غريب", "أصبح", "اصبح", "واصبح", "وأصبح", "مظاهرة", "جمعة", "الجمعة", "ضحايا",
    # people and common words that are also village names somewhere (طفلة → Tafla, خلفه → Khilfah)
    "طفل", "طفلة", "أطفال", "الأطفال", "امرأة", "نساء", "رجل", "الرجال", "مدني", "المدنيين", "أهالي", "عناصر",
    "خلفه", "خلفها", "خلفت", "تقدم", "يتقدم", "الدمار", "دمار", "آثار", "اثار", "الأنقاض", "أنقاض", "مكان", "المكان"))
_NEAR_WORDS = frozenset(_P(w) for w in ("قرب", "محيط", "أطراف", "شرق", "غرب", "شمال", "جنوب", "بالقرب"))
_RIF = _P("ريف")
_FRIDAY = frozenset(_P(w) for w in ("جمعة", "بجمعة", "وجمعة"))
_MAX_WORDS = 3


_strip = strip_proclitic  # the token and its form without an attached conjunction/preposition (بحلب → حلب)


#: Words that end an unknown neighbourhood's name: prepositions, particles, times, causes.
_NAME_END = frozenset(_P(w) for w in (
    "في", "على", "من", "إلى", "عن", "مع", "بعد", "قبل", "يوم", "اليوم", "أمس", "جراء", "إثر", "اثر", "بين",
    "خلال", "منذ", "حتى", "عند", "ما", "أدى", "و", "أو", "ثم", "الذي", "التي", "نتيجة", "بسبب", "صباح",
    "مساء", "ليلة", "ظهر", "فجر", "قرب", "وسط", "شرق", "غرب", "شمال", "جنوب", "قصف", "غارة", "سقوط",
    "آثار", "اثار", "الدمار", "دمار", "لحظة", "اللحظات",
    # what a place is said to be ("قرية X الخاضعة لسيطرة ..."): no part of its name
    "الخاضعة", "الخاضع", "التابعة", "التابع", "المحررة", "المحاصرة", "المحاصر"))


#: A preposition or conjunction joined to an article ("بالبراميل", "والجرحى"): no name starts so.
_PROCLITIC_ARTICLE = re.compile(_P("^(?:وب|ول|وك|ف|و|ب|ل|ك)ال"))


#: Punctuation between two words ends a name ("مخيم حندرات : استهداف").
_BREAK = re.compile(r"[^\w\s]")


def _name_word(word: str) -> bool:
    """Can ``word`` go on an unknown neighbourhood's name ("مساكن هنانو", "باب النصر")? Not a
    preposition, time or cause (``_NAME_END``), a feature word, a number, or a word with its own
    attached preposition ("بحلب", "بمدفع")."""
    return not (len(word) < 2 or word in _NAME_END or word in _FEATURE or word.isdigit()
                or any(f != word for f in _strip(word)))


_SETTLEMENT = frozenset({"neighbourhood", "landmark", "village", "town", "city"})


def _code(r: PlaceRecord) -> str | None:
    """The record's ISO code (imported tables may give only the country's name)."""
    return r.cc.upper() if r.cc else country_code(r.country)


def _best(records: list[PlaceRecord], country: str | None, *, area: bool = False,
          hood: bool = False, region: frozenset[str] | None = None) -> PlaceRecord | None:
    """The record a name means: a settlement over an admin area of the same name ("حلب" is the city;
    ``area``: after ريف, the area), a neighbourhood after حي (``hood``), then priority, population.
    A known ``country`` is strict; else ``region`` (ISO codes), when given, holds the candidates."""
    pool = [r for r in records if r.kind != "country"] or records
    if country:
        pool = [r for r in pool if country in (r.country, r.cc, r.iso3)]  # a known country is strict
    elif region is not None:
        pool = [r for r in pool if _code(r) in region]

    def rank(r: PlaceRecord) -> tuple[int, int, int, int]:
        settled = r.kind in _SETTLEMENT
        return (int(r.kind == "neighbourhood") if hood else 0, int(settled != area), r.priority, r.population)

    return max(pool, key=rank, default=None)


def find_arabic_places(text: str, gazetteer: Gazetteer, *, country: str | None = None,
                       region: frozenset[str] | None = None,
                       unknown: list[tuple[int, int, str, str]] | None = None) -> list[PlaceMatch]:
    """Places named in ``text`` that the gazetteer knows, longest name first where they overlap;
    ``country`` (ACLED name, ISO code): only places in it; else ``region`` (ISO codes): only places
    in those countries (None: any country). Offsets into ``text`` (the ORIGINAL text, not its
    normalised form). ``unknown``: where to add ``(start, end, name, kind)`` of the names after a
    neighbourhood word (kind ``neighbourhood``) or a village, town or camp word (``village``) that
    no record matches (rule ``hood-name-is-whole``: the words after حي that the gazetteer does not
    know are one unknown name, "حي طريق الباب" is no mention of the town of al-Bab; a word with its own preposition,
    "بحلب", starts a new phrase)."""
    norm = normalise(text)
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(norm.text)]
    out: list[PlaceMatch] = []
    i = 0
    while i < len(words):
        s0, _e0, w0 = words[i]
        prev = words[i - 1][2] if i > 0 else ""
        explicit = prev in _FEATURE or any(f in _FEATURE for f in _strip(prev))
        near = prev in _NEAR_WORDS or _RIF in (prev, *_strip(prev))
        prev2 = words[i - 2][2] if i > 1 else ""
        near = near or (explicit and prev2 in _NEAR_WORDS)
        found: tuple[PlaceRecord, int, str] | None = None
        nxt = words[i + 1][2] if i + 1 < len(words) else ""
        hood = prev in _HOOD or any(f in _HOOD for f in _strip(prev))
        area = _RIF in (prev, *_strip(prev))
        outlet = nxt in _OUTLET_NEXT
        if prev not in _GROUP_HEAD and w0 not in _STOP and w0 not in _FEATURE and not w0.isdigit():
            for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                span_words = [w for _s, _e, w in words[i:i + n]]
                if any(w in _STOP or w.isdigit() for w in span_words[1:]):
                    continue
                if n == 1 and any(f in _NOT_ALONE or f in _STOP or f in _FEATURE for f in _strip(w0)):
                    continue  # "بمدينة" is "in the city" whatever its proclitic
                for first in _strip(span_words[0]):
                    name = " ".join([first, *span_words[1:]])
                    key = name_key(name)
                    if not key or len(key) < 3:
                        continue
                    record = _best(list(gazetteer.lookup(key)), country, area=area, hood=hood, region=region)
                    if record is None and hood:
                        record = _best(list(gazetteer.lookup(name_key(f"{_KARM} {name}"))), country, hood=True,
                                           region=region)
                    if record is not None:
                        found = (record, n, first)
                        break
                if found is not None:
                    break
        if found is None:
            kind = "neighbourhood" if prev in _HOOD or any(f in _HOOD for f in _strip(prev)) else \
                "village" if prev in _SETTLEMENT_WORDS or any(f in _SETTLEMENT_WORDS for f in _strip(prev)) else ""
            if kind and w0 not in _STOP and w0 not in _FEATURE and w0 not in _NAME_END \
                    and not w0.isdigit() and not _PROCLITIC_ARTICLE.match(w0):
                n = 1
                while n < _MAX_WORDS and i + n < len(words) and _name_word(words[i + n][2]) \
                        and not _BREAK.search(norm.text[words[i + n - 1][1]:words[i + n][0]]):
                    n += 1
                if unknown is not None:
                    a, b = norm.span(s0, words[i + n - 1][1])
                    unknown.append((a, b, text[a:b], kind))
                i += n
                continue
            i += 1
            continue
        record, n, first = found
        if any(w in _FRIDAY for _s, _e, w in words[max(0, i - 5):i]):
            i += n  # "جمعة بانياس ...": a Friday protest's name, not where it happened
            continue
        lead = len(w0) - len(first)  # the name without its attached preposition
        a, b = norm.span(s0 + lead, words[i + n - 1][1])
        if hood and record.kind != "neighbourhood":
            explicit = False  # "حي X" found a town X somewhere: the neighbourhood itself is not known
        fine = record.kind in ("neighbourhood", "landmark", "village", "town", "city")
        gp, wp = (2, 2) if near else ((1, 1) if fine else (3, 4))
        if outlet:
            gp, wp = 3, 3
        out.append(PlaceMatch(record, a, b, text[a:b], explicit, near, gp, wp, outlet, hood))
        i += n
    return out
