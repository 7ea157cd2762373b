"""Arabic trigger cues: the Arabic counterpart of :mod:`sitrep.nlp.cues`.

Patterns are written in ordinary Arabic spelling and folded with
:func:`sitrep.nlp.arabic.normalise_pattern`, so they match the normalised text whatever the
writer's hamza, ta marbuta or diacritics. Each stem may carry the attached conjunctions and
prepositions (و ف ب ل ك) and the article (ال), and any suffix (plural, pronoun).
:func:`find_arabic_cues` returns hits with offsets into the ORIGINAL text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .arabic import ArabicText, normalise, normalise_pattern
from .cues import CueHit

__all__ = ["ARABIC_CUES", "ArabicCue", "compile_arabic_cues", "find_arabic_cues"]

#: Proclitics a stem may carry: conjunction, then preposition and/or article.
PREFIX = r"(?<![\w])(?:[وف]?(?:بال|كال|لل|ال|[بلك])?)"


@dataclass(frozen=True)
class ArabicCue:
    pattern: re.Pattern[str]
    sub_event_type: str
    weight: float


#: (stems as an alternation in plain Arabic spelling, sub-event type, weight).
ARABIC_CUES: tuple[tuple[str, str, float], ...] = (
    # Battles
    ((r"اشتباك|معارك|معركة|مواجهات|اقتحام|محاولة تسلل|تصد[يى]|صد هجوم|هجوم(?:ا)? على (?:مواقع|حاجز|نقاط)|"
     r"كمين|حرب شوارع|رصاص متبادل"), "Armed clash", 0.7),
    (r"هجوم|هاجم|[يت]هاجم", "Armed clash", 0.25),
    (r"استعاد|استعادة|[يت]ستعيد|استرجاع|تقدم (?:لقوات|قوات) (?:النظام|الأسد|الجيش)", "Government regains territory", 0.7),
    (r"سيطر|[يت]سيطر|سيطرة|تحرير|حرر|تحررت|اغتنام", "Non-state actor overtakes territory", 0.6),
    (r"سقوط|سقط|تقدم", "Non-state actor overtakes territory", 0.2),
    # Explosions / remote violence
    (r"كلور|غاز سام|غازات سامة|كيماوي|كيميائي|سارين|خردل", "Chemical weapon", 1.6),
    ((r"غارة|غارات|طيران|طائرة|طائرات|الحربي|مروحي|براميل|برميل|حاوية متفجرة|صاروخ فراغي|قصف جوي|"
     r"الطيران الروسي|عنقودي"), "Air/drone strike", 1.0),
    (r"انتحاري|انتحارية|حزام ناسف|استشهادي", "Suicide bomb", 1.6),
    ((r"قصف|[يت]قصف|قذائف|قذيفة|هاون|مدفعي|مدفعية|صواريخ|صاروخ|راجمات|راجمة|أرض أرض|دبابة|دبابات|جرة غاز|"
     r"مدافع جهنم|اسطوانات"), "Shelling/artillery/missile attack", 0.9),
    (r"مفخخة|مفخخ|عبوة|عبوات|ناسفة|لغم|ألغام|تفجير|انفجار|انفجر|تفجر", "Remote explosive/landmine/IED", 0.85),
    (r"قنبلة (?:ال)?يدوية|قنابل (?:ال)?يدوية", "Grenade", 1.3),
    # Violence against civilians
    (r"اغتصاب|اعتداء جنسي", "Sexual violence", 1.6),
    ((r"إعدام|أعدم|[يت]عدم|[يت]قتل|إعدامات|قنص|قناص|قناصة|اغتيال|اغتال|مجزرة|مجازر|تعذيب|ذبح|جثة|جثث|"
     r"إطلاق نار|أطلق النار|برصاص|طعن"), "Attack", 0.6),
    (r"مقتل|قتل|استشهاد|استشهد", "Attack", 0.3),
    (r"خطف|اختطاف|اختطف|[يت]ختطف|[يت]خطف|مختطف|اختفاء قسري|رهائن|رهينة", "Abduction/forced disappearance", 1.2),
    # Protests and riots
    ((r"مظاهرة|مظاهرات|تظاهر|تظاهرة|متظاهرين|متظاهرون|وقفة احتجاجية|احتجاج|احتجاجات|اعتصام|"
     r"جمعة|مسيرة|إضراب|مسائية"), "Peaceful protest", 0.8),
    (r"تفريق|مسيلة للدموع|خراطيم المياه|رصاص مطاطي", "Protest with intervention", 0.8),
    (r"(?:الرصاص الحي|إطلاق النار|النار) على (?:ال)?متظاهرين|قمع (?:ال)?مظاهرة", "Excessive force against protesters",
     1.2),
    (r"أعمال شغب|شغب|إحراق إطارات|حرق إطارات", "Violent demonstration", 0.8),
    (r"شجار|مشاجرة|عراك|اقتتال عشائري", "Mob violence", 0.8),
    # Strategic developments
    (r"هدنة|وقف إطلاق النار|اتفاق|اتفاقية|مصالحة|تبادل (?:ال)?أسرى|صفقة", "Agreement", 0.8),
    (r"اعتقال|اعتقالات|اعتقل|[يت]عتقل|معتقل|احتجاز|مداهمة|مداهمات", "Arrests", 0.6),
    (r"تعزيزات|انشقاق|انشق|اندماج|اندمج|حظر تجول|انسحاب|انسحب|تشكيل|حشود|حشد", "Change to group/activity",
     0.6),
    (r"إسقاط (?:طائرة|مروحية)|أسقط|تفكيك|ضبط (?:أسلحة|ذخائر)|مستودع (?:أسلحة|ذخيرة)", "Disrupted weapons use",
     1.4),
    (r"(?:إنشاء|أنشأ|إقامة) (?:مقر|قاعدة|نقطة)|قاعدة عسكرية جديدة", "Headquarters or base established", 1.4),
    (r"نهب|سرقة|سرقوا|تدمير|دمر|هدم|تجريف|إحراق|أحرق|حرق", "Looting/property destruction", 0.6),
    (r"تسليم|سلم|دون قتال|بدون قتال", "Non-violent transfer of territory", 0.6),
)


@lru_cache(maxsize=1)
def compile_arabic_cues() -> tuple[ArabicCue, ...]:
    """The cue table compiled over normalised spelling (cached: immutable)."""
    return tuple(ArabicCue(re.compile(rf"{PREFIX}(?:{normalise_pattern(pattern)})\w*"), sub, weight)
                 for pattern, sub, weight in ARABIC_CUES)


_WEEKDAY_FRIDAY = re.compile(normalise_pattern(r"يوم\s+$"))


def find_arabic_cues(text: str | ArabicText) -> list[CueHit]:
    """Every cue match in ``text``, ordered by position; offsets into the ORIGINAL text.

    Hits on the same span keep only their strongest sub-type per sub-type (several stems of one
    sub-type do not double count)."""
    norm = text if isinstance(text, ArabicText) else normalise(text)
    hits: dict[tuple[int, int, str], CueHit] = {}
    for cue in compile_arabic_cues():
        for m in cue.pattern.finditer(norm.text):
            a, b = norm.span(m.start(), m.end())
            key = (a, b, cue.sub_event_type)
            prev = hits.get(key)
            if prev is None or prev.weight < cue.weight:
                hits[key] = CueHit(a, b, norm.original[a:b], cue.sub_event_type, cue.weight)
    out = sorted(hits.values(), key=lambda h: (h.start, -h.weight))
    # "يوم الجمعة" is the weekday Friday, not a Friday protest
    return [h for h in out if not (h.sub_event_type == "Peaceful protest" and "جمع" in h.text
                                   and _WEEKDAY_FRIDAY.search(norm.original[max(0, h.start - 6):h.start]))]
