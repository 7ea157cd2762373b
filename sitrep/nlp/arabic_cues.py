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

#: The bare words for shelling and rockets, and the words that only name a toll (see ARABIC_CUES).
GENERIC_SHELLING = r"قصف|[يت]قصف|صواريخ|صاروخ"
TOLL_WORDS = r"مجزرة|مجازر|جثة|جثث"

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
    # fighters' own weapons and targets: anti-tank and anti-aircraft fire, machine guns, combatants killed,
    # surrendering or a position destroyed ("الثوار يدمرون دبابة بصاروخ تاو")
    ((r"تاو|كورنيت|كونكورس|مالوتكا|ميلان|مضاد(?:ات)? (?:لل|ال)?دروع|مضاد(?:ات)? (?:لل|ال)?طيران|مضادات (?:ال)?أرضية|"
      r"التصدي (?:لل|ل)(?:طيران|طائرات|طائرة)(?: (?:ال)?(?:حربي|حربية|مروحي|روسي|روسية))?|رشاش|رشاشات|دوشكا|استسلام|"
      r"(?:أسلحة|اسلحه) (?:ال)?(?:متوسطة|خفيفة|ثقيلة)"), "Armed clash", 1.0),
    (r"(?:مقتل|قتلى|قتل|[يت]سقط|سقوط|أسر) (?:\w+ )?(?:عناصر|عنصر|جنود|جندي|مقاتلي|شبيحة|ميليشيا)", "Armed clash", 0.8),
    ((r"[يت]?دمر(?:ون|وا)? (?:\w+ )?(?:مدفع|دبابة|دبابات|رشاش|مبنى|مينى|آلية|آليات|عربة|قاعدة|مقر|معامل|تجمع|نقطة|"
      r"نقاط|حاجز)"), "Armed clash", 0.9),
    # targeting a position the other side holds; either word alone is weak ("معاقل الشبيحة في الحي")
    ((r"(?:استهداف|استهدف|[يت]ستهدف)\w* (?:\w+ ){0,4}?\w*(?:تحصن|تمركز|معاقل|مقرات|دشم|تحصينات|تجمعات|نقاط|"
      r"حواجز|حاجز|مواقع|ثكنة|عناصر|قوات)"), "Armed clash", 0.6),
    (r"استهداف|استهدف|[يت]ستهدف|تحصن|[يت]تحصن|تمركز|[يت]تمركز|معاقل|مقرات|دشم|تحصينات", "Armed clash", 0.3),
    (r"(?:معركة|معارك|عملية) (?:ال)?تحرير", "Armed clash", 1.0),  # the battle for a place, not its capture
    (r"استعاد|استعادة|[يت]ستعيد|استرجاع|تقدم (?:لقوات|قوات) (?:النظام|الأسد|الجيش)", "Government regains territory", 0.7),
    (r"سيطر|[يت]سيطر|سيطرة|تحرير|حرر|تحررت|اغتنام", "Non-state actor overtakes territory", 0.6),
    (r"(?:سقوط|سقط|سقطت) (?:\w+ ){0,3}?(?:بيد|في يد|بأيدي|بايدي)", "Non-state actor overtakes territory", 0.6),
    # Explosions / remote violence
    (r"كلور|غاز سام|غازات سامة|كيماوي|كيميائي|سارين|خردل", "Chemical weapon", 1.6),
    ((r"غارة|غارات|طيران|طائرة|طائرات|الحربي|مروحي|براميل|برميل|حاوية متفجرة|صاروخ فراغي|صواريخ فراغية|"
      r"(?:ال)?فراغية|قصف (?:ال)?جوي|الطيران الروسي|عنقودي|(?:ال)?مقاتلات|صاروخ حربي|(?:ال)?تحالف (?:ال)?دولي"),
     "Air/drone strike", 1.0),
    (r"انتحاري|انتحارية|حزام ناسف|استشهادي", "Suicide bomb", 1.6),
    ((r"قذائف|قذيفة|هاون|مدفعي|مدفعية|مدفع|مدافع|راجمات|راجمة|أرض أرض|أرض-أرض|دبابة|دبابات|جرة غاز|"
      r"اسطوانات|غراد|سكود"), "Shelling/artillery/missile attack", 0.9),
    # the bare words: with an aircraft named they are the air strike itself ("قصف الطيران الحربي")
    (GENERIC_SHELLING, "Shelling/artillery/missile attack", 0.8),
    (r"مفخخة|مفخخ|عبوة|عبوات|ناسفة|لغم|ألغام|تفجير|انفجار|انفجر|تفجر", "Remote explosive/landmine/IED", 0.85),
    (r"قنبلة (?:ال)?يدوية|قنابل (?:ال)?يدوية", "Grenade", 1.3),
    # Violence against civilians
    (r"اغتصاب|اعتداء جنسي", "Sexual violence", 1.6),
    ((r"إعدام|أعدم|[يت]عدم|[يت]قتل|إعدامات|قنص|قناص|قناصة|اغتيال|اغتال|تعذيب|ذبح|"
      r"إطلاق نار|أطلق النار|برصاص|طعن"), "Attack", 0.6),
    # a massacre or bodies name a toll, not how it came about: with a strike in the report they are its toll
    (TOLL_WORDS, "Attack", 0.5),
    (r"مقتل|قتل|استشهاد|استشهد", "Attack", 0.3),
    (r"خطف|اختطاف|اختطف|[يت]ختطف|[يت]خطف|مختطف|اختفاء قسري|رهائن|رهينة", "Abduction/forced disappearance", 1.2),
    # Protests and riots
    ((r"مظاهرة|مظاهرات|تظاهر|تظاهرة|متظاهرين|متظاهرون|وقفة احتجاجية|احتجاج|احتجاجات|اعتصام|"
     r"جمعة|مسيرة|إضراب|مسائية|كرنفال"), "Peaceful protest", 0.8),
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
    (r"نهب|سرقة|سرقوا|هدم|تجريف|إحراق|أحرق|حرق", "Looting/property destruction", 0.6),
    (r"تدمير|دمر", "Looting/property destruction", 0.3),  # mostly the damage of a strike or fighting
    (r"تسليم|سلم|دون قتال|بدون قتال", "Non-violent transfer of territory", 0.6),
)


@lru_cache(maxsize=1)
def compile_arabic_cues() -> tuple[ArabicCue, ...]:
    """The cue table compiled over normalised spelling (cached: immutable)."""
    return tuple(ArabicCue(re.compile(rf"{PREFIX}(?:{normalise_pattern(pattern)})\w*"), sub, weight)
                 for pattern, sub, weight in ARABIC_CUES)


_WEEKDAY_FRIDAY = re.compile(normalise_pattern(r"يوم\s+$"))
_GENERIC = re.compile(rf"{PREFIX}(?:{normalise_pattern(GENERIC_SHELLING)})\w*")
_TOLL = re.compile(rf"{PREFIX}(?:{normalise_pattern(TOLL_WORDS)})\w*")
_BODIES = re.compile(normalise_pattern(r"جثة|جثث"))
_RUBBLE = re.compile(normalise_pattern(r"أنقاض|ركام"))
#: "مناطق سيطرة الجيش الحر", "الخاضعة لسيطرة التنظيم", "التي تسيطر عليها": who holds a place, not a
#: take-over; "حزب التحرير" is a party
_HELD = re.compile(normalise_pattern(r"(?:مناطق|منطقة|خاضعة|الخاضعة|تحت|حزب|التي|الذي|كانت|كان)\s+\w?$"))
#: "منطقة الاشتباك": where fighting was, named for another event (bodies recovered there)
_AREA_OF = re.compile(normalise_pattern(r"(?:منطقة|مناطق|خطوط)\s+$"))


def _kept(hit: CueHit, norm: ArabicText, air: bool) -> bool:
    before = norm.original[max(0, hit.start - 14):hit.start]
    folded = normalise(before).text
    word = normalise(hit.text).text
    if hit.sub_event_type == "Peaceful protest" and "جمع" in hit.text and _WEEKDAY_FRIDAY.search(
            norm.original[max(0, hit.start - 6):hit.start]):
        return False  # "يوم الجمعة" is the weekday Friday, not a Friday protest
    if hit.sub_event_type == "Shelling/artillery/missile attack" and air and _GENERIC.fullmatch(word):
        return False  # "قصف الطيران الحربي": the bare word is the air strike
    if hit.sub_event_type == "Non-state actor overtakes territory" and _HELD.search(folded):
        return False
    if hit.sub_event_type == "Armed clash" and hit.weight >= 0.7 and _AREA_OF.search(folded):
        return False
    # bodies pulled from rubble are a strike's toll, not an execution
    return not (hit.sub_event_type == "Attack" and _BODIES.search(word) and _RUBBLE.search(norm.text))


def find_arabic_cues(text: str | ArabicText) -> list[CueHit]:
    """Every cue match in ``text``, ordered by position; offsets into the ORIGINAL text.

    Hits on the same span keep only their strongest sub-type per sub-type (several stems of one
    sub-type do not double count). Dropped: a massacre a protest is about, a word inside a longer
    cue of another sub-type, the bare word for shelling when an aircraft is named, a take-over word
    naming who holds an area, a clash word naming an area, bodies under rubble, the weekday Friday."""
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
    # a word inside a longer cue of another sub-type is that cue's object ("يدمر مدفع"، "التصدي للطيران")
    out = [h for h in out if not any(o.sub_event_type != h.sub_event_type and o.start <= h.start and h.end <= o.end
                                     and o.end - o.start > h.end - h.start for o in out)]
    air = any(h.sub_event_type == "Air/drone strike" for h in out)
    # "مظاهرة ... تنديداً بمجزرة": the massacre is what the protest is about
    protest = any(h.sub_event_type == "Peaceful protest" for h in out)
    return [h for h in out if _kept(h, norm, air)
            and not (protest and h.sub_event_type == "Attack" and _TOLL.fullmatch(normalise(h.text).text))]
