"""Arabic normalisation, language identification and segmentation (team-written sentences)."""

from __future__ import annotations

import pytest

from sitrep.nlp.arabic import has_arabic, normalise, normalise_pattern
from sitrep.nlp.arabic_cues import find_arabic_cues
from sitrep.nlp.lang import identify, paragraph_languages
from sitrep.nlp.segment import segment_text


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("قَصَفَ", "قصف"),  # diacritics
        ("غـــارة", "غاره"),  # tatweel, ta marbuta
        ("أحمد إدلب آمنة ٱلقرية", "احمد ادلب امنه القريه"),  # alef/hamza forms
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مسؤول بريئة", "مسوول برييه"),  # hamza on waw / ya
        ("٢٥-٩-٢٠١٦", "25-9-2016"),  # Arabic-Indic digits
        ("۱۲ کیلومتر ی", "12 كيلومتر ي"),  # Persian digits, kaf, ya
        ("\u200fحلب\u200e", "حلب"),  # bidi marks dropped
        ("Aleppo 12", "Aleppo 12"),  # Latin unchanged
    ],
)
def test_arabic_normalise_folds_spelling_variants(raw: str, folded: str) -> None:
    assert normalise(raw).text == folded


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("سقطت قذيفةٌ على حيِّ الشّعار", "الشعار"),
        ("\u200fقتل ٣ مدنيين في الـــسوق", "السوق"),
        ("غارة على إدلب", "ادلب"),
    ],
)
def test_arabic_offsets_map_back_into_the_original_text(text: str, needle: str) -> None:
    norm = normalise(text)
    i = norm.text.index(needle)
    start, end = norm.span(i, i + len(needle))
    assert normalise(text[start:end]).text == needle
    assert text[start] not in "\u200f\u200e"


def test_arabic_normalise_pattern_matches_any_spelling() -> None:
    assert normalise_pattern("إصابة") == normalise("اصابه").text
    assert has_arabic("x حلب") and not has_arabic("Aleppo")


@pytest.mark.parametrize(
    ("text", "language", "reason_start"),
    [
        ("قصف الطيران الحربي حي الصاخور صباح اليوم", "ar", None),
        ("هواپیماها دیروز شهر را بمباران کردند و چند نفر کشته شدند", "fa", "unsupported language: fa"),
        ("کل رات شہر پر بمباری ہوئی جس میں کئی لوگ ہلاک ہوگئے", "ur", "unsupported language: ur"),
        ("Ø§Ù„Ø·ÙŠØ±Ø§Ù† Ù‚ØµÙ Ø§Ù„Ø³ÙˆÙ‚ Ø§Ù„ÙŠÙˆÙ…", "und", "mojibake"),
        ("\ufffd\ufffd\ufffd \ufffd\ufffd \ufffd\ufffd\ufffd\ufffd", "und", "mojibake"),
        ("el tayaran 2asaf el 7ay w 3am yes2ot shohada", "und", "arabizi"),
        ("The 3rd brigade shelled the town on the 5th of May.", "en", None),
    ],
)
def test_lang_identify_reports_a_reason_for_uncodable_text(text: str, language: str,
                                                          reason_start: str | None) -> None:
    report = identify(text)
    assert report.language == language
    if reason_start is None:
        assert report.reason is None
    else:
        assert report.reason is not None and report.reason.startswith(reason_start)


def test_lang_paragraph_languages_splits_mixed_text() -> None:
    text = "Rebels clashed with the army near the town.\nاشتباكات بين الثوار وقوات النظام في حي صلاح الدين"
    paras = paragraph_languages(text)
    assert [lang for _s, _e, lang in paras] == ["en", "ar"]
    assert text[paras[1][0]:paras[1][1]].startswith("اشتباكات")


def test_lang_identify_given_language_wins() -> None:
    assert identify("Rebels clashed with the army.", given="ar").language == "ar"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("غارة على حي الشعار؛ وقصف على حي الصاخور", ["غارة على حي الشعار؛", "وقصف على حي الصاخور"]),
        ("هل قصف الطيران المدينة؟ نعم قصفها", ["هل قصف الطيران المدينة؟", "نعم قصفها"]),
        ("قصف مدفعي على حي المرجة | حلب\nسقوط جرحى", ["قصف مدفعي على حي المرجة |", "حلب", "سقوط جرحى"]),
        ("قصف على الحي، وسقوط جرحى", ["قصف على الحي، وسقوط جرحى"]),  # the comma is a clause break only
        ("Aleppo | Reuters", ["Aleppo | Reuters"]),
    ],
)
def test_segment_arabic_boundaries(text: str, expected: list[str]) -> None:
    sents = segment_text(text)
    assert [s.text for s in sents] == expected
    assert all(text[s.start:s.end] == s.text for s in sents)


@pytest.mark.parametrize(
    ("text", "sub", "word"),
    [
        ("ألقى الطيرانُ المروحيُّ برميلاً متفجراً على الحي", "Air/drone strike", "الطيرانُ"),
        ("سقوط قذائف هاون على حي الميدان", "Shelling/artillery/missile attack", "قذائف"),
        ("انفجار سيارة مفخخة قرب الدوار", "Remote explosive/landmine/IED", "انفجار"),
        ("اشتباكاتٌ عنيفة على جبهة الحي", "Armed clash", "اشتباكاتٌ"),
        ("الثوار يسيطرون على التلة", "Non-state actor overtakes territory", "يسيطرون"),
        ("وبالقنبلة اليدوية هاجموا المحل", "Grenade", "وبالقنبلة اليدوية"),
        ("حملة اعتقالات في الحي", "Arrests", "اعتقالات"),
    ],
)
def test_arabic_cues_find_triggers_with_original_offsets(text: str, sub: str, word: str) -> None:
    hits = [h for h in find_arabic_cues(text) if h.sub_event_type == sub]
    assert hits, f"no {sub} cue"
    assert hits[0].text == word == text[hits[0].start:hits[0].end]


def test_arabic_cues_friday_weekday_is_not_a_protest() -> None:
    assert not [h for h in find_arabic_cues("قصف على الحي يوم الجمعة") if h.sub_event_type == "Peaceful protest"]
    assert [h for h in find_arabic_cues("مظاهرات في جمعة الغضب") if h.sub_event_type == "Peaceful protest"]
