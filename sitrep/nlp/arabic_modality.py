"""Modality of an Arabic event mention: future/conditional/threat, negation/denial, background.

The Arabic counterpart of :mod:`sitrep.nlp.modality`, over normalised text
(:mod:`sitrep.nlp.arabic`). A cue counts when it stands before the trigger in the same clause
(clauses split at ، ؛ : and لكن/بينما), except background time phrases (قبل أسابيع), which
count on either side. The future prefix س counts only on an imperfect verb (سي/ست/سن/سأ), and
words such as سيطرة and سيارة are not verbs.
"""

from __future__ import annotations

import re

from .arabic import normalise_pattern
from .modality import Modality, split_clauses

__all__ = ["arabic_clause_spans", "arabic_modality"]

_P = normalise_pattern
_CLAUSE_BREAK = re.compile(_P(r"[،؛:]|\s(?:لكن|بينما|في حين)\s|\sو(?:لكن|بينما)\s"))
_W = r"(?<![\w])"
_HYPOTHETICAL = re.compile(_P(
    _W + r"(?:[وف]?سوف|[وف]?(?:إذا|اذا|لو|لئن)|في حال|حال|عند(?:ما)? (?:تسقط|يسقط)|[يت]هدد|تهديد|هدد|"
    r"[يتن]عتزم|اعتزام|[يتن]نوي|ينوي|[يتن]خطط|خطة|خطط|توقع|[يتن]توقع|المتوقع|متوقع|المرجح|مرجح|[يت]رجح|محتمل|احتمال|المقبل|القادم|القادمة|"
    r"[يت]سعى|[يت]حاول|محاولة|استعداد|[يت]ستعد|[يت]حضر|[يت]تجهز|تجهيز|[يت]طالب|مطالبة|نداء|[يت]دعو|دعوة|تحذير|[يت]حذر|حذر)"
    r"(?![\w])"))
_FUTURE_VERB = re.compile(_P(_W + r"[وف]?س[يتن](?!طر|ارة|ارات|لاح|ين|ون|وات|نة|د|ف|اسي|رة)\w{2,}(?![\w])"))
_NEGATION = re.compile(_P(
    _W + r"(?:[وف]?(?:لم|لن|لا|ليس|ليست)|نفى|نفت|[يت]نفي|نفي|نافية|[يت]نكر|أنكر|عدم|دون أن|بدون أن|"
    r"كذب|تكذيب|شائعات|لا صحة)(?![\w])"))
_BACKGROUND = re.compile(_P(
    _W + r"(?:قبل (?:\w+ )?(?:أسابيع|أسبوعين|أشهر|شهرين|شهور|سنوات|سنتين|عام|أعوام|سنة)|"
    r"منذ (?:\w+ )?(?:أشهر|شهور|سنوات|أعوام|عام|سنة|بداية)|العام الماضي|السنة الماضية|في عام \d{4}|"
    r"سابقا|في وقت سابق|الذكرى|ذكرى|بعد (?:ال)?(?:تحرير|سيطرة)\w*|حصيلة شهر|خلال الشهر|خلال شهر|حصيلة الشهر|إحصائية)"))
_NEAR = 40
#: The casualties a trigger caused, right before it: "المصابين بقصف" (those injured by shelling),
#: "الشهداء جراء الغارة". Casualties mean it happened, whatever an earlier word plans or attempts
#: ("محاولة الكادر الطبي اسعاف المصابين بقصف": the attempt is the rescue, not the shelling).
_CASUALTIES_BEFORE = re.compile(_P(
    r"(?:المصابين|مصابين|الجرحى|جرحى|الشهداء|شهداء|القتلى|قتلى|الضحايا|ضحايا)\s+"
    r"(?:(?:جراء|نتيجة|إثر|اثر|بسبب|من)\s+)?$"))


def arabic_clause_spans(sentence: str) -> list[tuple[int, int]]:
    """Clause boundaries of a normalised Arabic sentence, as (start, end) offsets."""
    return split_clauses(sentence, _CLAUSE_BREAK)


def _clause_of(sentence: str, pos: int) -> tuple[int, int]:
    for start, end in arabic_clause_spans(sentence):
        if start <= pos < end:
            return start, end
    return 0, len(sentence)


def arabic_modality(sentence: str, trigger_start: int, trigger_end: int) -> Modality:
    """Modality of the trigger at ``[trigger_start, trigger_end)`` of the NORMALISED sentence."""
    c0, c1 = _clause_of(sentence, trigger_start)
    before = sentence[c0:trigger_start]
    trigger_word = sentence[trigger_start:trigger_end]
    negated = _NEGATION.search(before[-_NEAR:])
    last_words = " ".join(before.split()[-2:])
    hypo = _HYPOTHETICAL.search(before) or _FUTURE_VERB.search(last_words) \
        or _FUTURE_VERB.fullmatch(trigger_word)
    if hypo is None and negated is not None and negated.group(0).endswith("لن"):
        hypo = negated  # لن negates the future: nothing has happened
    if hypo is not None and hypo is not negated and _CASUALTIES_BEFORE.search(before):
        hypo = None  # rule casualties-are-realis: the trigger is the cause of stated casualties
    background = _BACKGROUND.search(sentence[c0:c1])
    cue = next((m.group(0) for m in (negated, hypo, background) if m is not None), None)
    return Modality(hypothetical=hypo is not None, negated=negated is not None,
                    background=background is not None, cue=cue)
