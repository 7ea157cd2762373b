"""Arabic event detection through stage detect.v1 (team-written sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.config import Settings
from sitrep.nlp.arabic import normalise
from sitrep.nlp.arabic_modality import arabic_modality
from sitrep.nlp.detect import Detector, make_detector
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document


@pytest.fixture(scope="module")
def detector() -> Detector:
    settings = Settings(stage_options={"detect.v1": {"parser": False}})
    return make_detector(settings, Resources(settings))


def _run(detector: Detector, text: str, **fields: object) -> Doc:
    doc = Doc(document=Document(id="t", text=text, date=date(2016, 9, 30), **fields))
    doc.sentences = segment_text(text)
    return detector(doc)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("غارة جوية على حي المشهد توقع ثلاثة شهداء", "Air/drone strike"),
        ("الطيران المروحي يلقي برميلين متفجرين على بلدة كفر داعل", "Air/drone strike"),
        ("قصف مدفعي عنيف لقوات النظام على حي الأنصاري", "Shelling/artillery/missile attack"),
        ("سقوط قذائف هاون على حي الجميلية وإصابة مدنيين", "Shelling/artillery/missile attack"),
        ("اشتباكات عنيفة بين الثوار وقوات الأسد على جبهة الراموسة", "Armed clash"),
        ("الثوار يسيطرون على حاجز للنظام في قرية الوضيحي", "Non-state actor overtakes territory"),
        ("قوات النظام تستعيد السيطرة على تلة في ريف المدينة", "Government regains territory"),
        ("انفجار سيارة مفخخة في ساحة البلدة", "Remote explosive/landmine/IED"),
        ("مظاهرة حاشدة في حي بستان القصر تطالب بفك الحصار", "Peaceful protest"),
        ("حملة اعتقالات تشنها قوات النظام في حي السريان", "Arrests"),
        ("قناص يقتل رجلاً على طريق الحي", "Attack"),
        ("مسلحون يختطفون صيدلانياً من منزله", "Abduction/forced disappearance"),
    ],
)
def test_detect_arabic_types_events(detector: Detector, text: str, sub: str) -> None:
    doc = _run(detector, text)
    assert doc.language == "ar"
    assert [c.sub_event_type for c in doc.candidates][:1] == [sub]
    trig = doc.candidates[0].trigger
    assert text[trig.start:trig.end] == trig.text


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("سوف يقصف الطيران الحربي الأحياء الشرقية", "hypothetical"),
        ("ستقصف قوات النظام الحي إذا لم يغادره المسلحون", "hypothetical"),
        ("في حال سيطرة الثوار على التلة ستسقط الطريق", "hypothetical"),
        ("النظام يهدد بقصف البلدة بالبراميل", "hypothetical"),
        ("لم يشن الطيران أي غارة على المدينة اليوم", "negated"),
        ("نفت الفصائل قصف الأحياء الغربية بالقذائف", "negated"),
        ("قبل أسابيع سيطر الثوار على الحاجز", "background"),
    ],
)
def test_detect_arabic_modality_keeps_non_events_out(detector: Detector, text: str, flag: str) -> None:
    doc = _run(detector, text)
    assert all(getattr(c, flag) for c in doc.candidates) or not doc.candidates


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("سيشن الطيران غارات على البلدة", "غارات", (True, False, False)),
        ("سيطرة الثوار على البلدة", "سيطرة", (False, False, False)),  # سيطرة is not a future verb
        ("غارة على الحي ما أدى إلى مقتل شخصين", "مقتل", (False, False, False)),  # ما is not a negation
        ("لن يقصف الطيران المدينة", "يقصف", (True, True, False)),
        ("منذ سنوات قصف النظام البلدة", "قصف", (False, False, True)),
        # rule casualties-are-realis: the attempt is the rescue; the wounded say the shelling happened
        ("محاولة الأهالي إنقاذ الجرحى جراء قصف الحي", "قصف", (False, False, False)),
        ("محاولة قصف الحي بالمدفعية", "قصف", (True, False, False)),
    ],
)
def test_arabic_modality_rules(text: str, trigger: str, expected: tuple[bool, bool, bool]) -> None:
    norm = normalise(text).text
    i = norm.index(normalise(trigger).text)
    mod = arabic_modality(norm, i, i + len(normalise(trigger).text))
    assert (mod.hypothetical, mod.negated, mod.background) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("هواپیماهای جنگی دیروز بازار را بمباران کردند و چهار نفر کشته شدند", "fa"),
        ("کل رات فضائی حملے میں بازار تباہ ہوگیا اور چار لوگ ہلاک ہوگئے", "ur"),
    ],
)
def test_detect_persian_and_urdu_give_no_events(detector: Detector, text: str, lang: str) -> None:
    doc = _run(detector, text)
    assert doc.candidates == [] and f"unsupported language: {lang}" in doc.notes


def test_detect_arabic_mojibake_is_reported_not_coded(detector: Detector) -> None:
    doc = _run(detector, "Ø§Ù„Ø·ÙŠØ±Ø§Ù† Ù‚ØµÙ Ø§Ù„Ø³ÙˆÙ‚ Ø§Ù„ÙŠÙˆÙ… ÙˆÙ‚ØªÙ„ Ø®Ù…Ø³Ø©")
    assert doc.candidates == [] and any(n.startswith("mojibake") for n in doc.notes)


def test_detect_mixed_text_codes_both_languages(detector: Detector) -> None:
    text = "Rebels clashed with government troops near the town.\nغارة جوية على حي الصاخور توقع شهيدين"
    doc = _run(detector, text)
    subs = {(c.sub_event_type, c.extra.get("language", "en")) for c in doc.candidates}
    assert ("Armed clash", "en") in subs and ("Air/drone strike", "ar") in subs


def test_detect_arabic_toll_clause_does_not_make_a_second_event(detector: Detector) -> None:
    doc = _run(detector, "قصف مدفعي على حي الشعار، ما أدى إلى مقتل ثلاثة مدنيين")
    assert [c.sub_event_type for c in doc.candidates] == ["Shelling/artillery/missile attack"]


@pytest.mark.parametrize("text", ["مقابلة مع مدير الدفاع المدني", "نداء استغاثة من أهالي الحي المحاصر",
                                  "توزيع الخبز على الأهالي في الحي"])
def test_detect_arabic_non_events_give_nothing(detector: Detector, text: str) -> None:
    assert _run(detector, text).candidates == []


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # the fighters' own weapons and targets make a clash, whatever else the words name
        ("الثوار يستهدفون مواقع قوات النظام على جبهة المعامل بالرشاشات الثقيلة", "Armed clash"),
        ("فصائل المعارضة تدمر دبابة لقوات النظام بصاروخ تاو قرب التلة", "Armed clash"),
        ("التصدي للطيران الحربي بالمضادات الأرضية فوق البلدة", "Armed clash"),
        ("مقاتلو الكتيبة يدمرون مبنى يتحصن فيه عناصر النظام في الحي", "Armed clash"),
        ("مقتل أربعة عناصر من الميليشيات على جبهة القرية", "Armed clash"),
        # a cannon, a mortar or a Hell cannon is shelling even when the verb is "targeting"
        ("كتيبة من الثوار تستهدف مقرات النظام في الحي بمدفع جهنم", "Shelling/artillery/missile attack"),
        # an aircraft named makes the bare word "shelling" an air strike
        ("آثار القصف بالبراميل المتفجرة على حي المعادي", "Air/drone strike"),
        ("مكان قصف طيران النظام في قرية على أطراف المدينة", "Air/drone strike"),
        ("الدمار الذي خلفه القصف الجوي على السوق الشعبي", "Air/drone strike"),
        ("اللحظات الأولى لقصف التحالف الدولي على قرية يسيطر عليها التنظيم", "Air/drone strike"),
        ("كرنفال ثوري في ساحة الحي بمناسبة ذكرى انطلاق الثورة", "Peaceful protest"),
        ("مظاهرة في حي الفردوس تنديداً بمجزرة السوق", "Peaceful protest"),  # the massacre is its subject
    ],
)
def test_detect_arabic_fighting_and_strike_cues(detector: Detector, text: str, sub: str) -> None:
    assert [c.sub_event_type for c in _run(detector, text).candidates][:1] == [sub]


@pytest.mark.parametrize("text", [
    "شهادة أحد المسعفين على المجزرة التي وقعت في الحي الأسبوع الماضي",
    "أحد عناصر الدفاع المدني من مكان المجزرة يتحدث عن الصعوبات التي تواجههم",
    "مداخلة مراسل الشبكة حول آخر التطورات الميدانية في المدينة",
    "حلب اليوم: مناشدة لإرسال آليات لانتشال الضحايا في الحي",
    "فرق الإنقاذ تنتشل جثث العالقين من تحت الأنقاض",
    "معاناة مشفى ميداني في مناطق سيطرة المعارضة",
    "تشييع شهداء الحي إلى المقبرة",
])
def test_detect_arabic_testimony_appeals_and_aftermath_give_nothing(detector: Detector, text: str) -> None:
    assert [c for c in _run(detector, text).candidates
            if not (c.negated or c.hypothetical or c.background)] == []


def test_detect_arabic_massacre_headline_is_the_strike_it_reports(detector: Detector) -> None:
    doc = _run(detector, "مجزرة في سوق البلدة\nألقى الطيران المروحي برميلاً متفجراً على السوق ظهر اليوم")
    assert [c.sub_event_type for c in doc.candidates] == ["Air/drone strike"]


def test_detect_arabic_massacre_alone_stays_an_event(detector: Detector) -> None:
    assert [c.event_type for c in _run(detector, "مجزرة بحق عائلة كاملة في القرية").candidates] == [
        "Violence against civilians"]


def test_detect_arabic_direct_scores_equal_the_sklearn_pipeline() -> None:
    import numpy as np

    from sitrep.nlp.classify import TextModel
    from sitrep.nlp.detect_ar import train_arabic_codebook_model

    model = train_arabic_codebook_model()
    reference = TextModel(labels=model.labels, pipeline=model.pipeline, temperature=model.temperature)
    texts = ["غارة جوية على حي الشعار", "الثوار يستهدفون حاجزاً بمدفع جهنم", "توزيع الخبز على الأهالي",
             "مظاهرة مسائية في الحي الشرقي", "xyz 123", ""]
    assert np.allclose(model.scores(texts), reference.scores(texts), atol=1e-12)


@pytest.mark.parametrize("text", [
    # appeals, commemorations, interviews, monthly tolls and plans (issue 14): none is an event
    "نداء عاجل من أهالي الحي لإنقاذ العالقين بعد الغارة",
    "الذكرى السنوية الثانية لمجزرة المدرسة في الحي",
    "مقابلة خاصة مع أحد الناجين من الغارة على السوق",
    "حصيلة شهر تموز: 320 شهيداً في المدينة جراء القصف",
    "إحصائية: الطيران الحربي شن 450 غارة على الريف خلال الشهر الماضي",
    "توثيق 120 غارة جوية على أحياء المدينة خلال أسبوع",
    "الفصائل تعد لمعركة كبرى لفك الحصار عن الأحياء الشرقية",
    "من المتوقع أن يشن الطيران غارات جديدة على البلدة",
])
def test_detect_arabic_appeals_commemorations_interviews_tolls_plans(detector: Detector, text: str) -> None:
    assert [c for c in _run(detector, text).candidates
            if not (c.negated or c.hypothetical or c.background)] == []


@pytest.mark.parametrize("text", [
    "الحصيلة النهائية لقصف النظام على الحي أربعة شهداء",  # the toll of one strike is that strike
    "اشتباكات عنيفة على جبهة الراموسة خلال أيام العيد",  # a period with no count
])
def test_detect_arabic_one_strike_toll_and_periods_stay_events(detector: Detector, text: str) -> None:
    assert len(_run(detector, text).candidates) == 1


@pytest.mark.parametrize(("text", "sub"), [
    ("سيطرة الثوار بالكامل على حي الفرافرة", "Non-state actor overtakes territory"),
    ("سقوط البلدة بيد فصائل المعارضة بعد حصار طويل", "Non-state actor overtakes territory"),
    ("إصابة أحد المقاتلين في معركة تحرير المبنى", "Armed clash"),  # the battle for a place, not its capture
    ("سقوط صاروخ سكود على حي الميسر", "Shelling/artillery/missile attack"),  # a falling missile is no capture
])
def test_detect_arabic_takeover_only_when_a_place_changes_hands(detector: Detector, text: str, sub: str) -> None:
    assert [c.sub_event_type for c in _run(detector, text).candidates][:1] == [sub]


@pytest.mark.parametrize("text", [
    "الثوار يحرقون مباني كانت تسيطر عليها الميليشيا في القرية",  # who held it, not a take-over
    "حملة دعوية لحزب التحرير في الحي",
    "جولة في البلدة بعد تحريرها من قوات النظام",  # after a capture: background
    "برومو | الأحياء الشرقية | عام على التحرير",  # a promo, the whole item
])
def test_detect_arabic_no_takeover_from_held_places_parties_or_promos(detector: Detector, text: str) -> None:
    kept = [c.sub_event_type for c in _run(detector, text).candidates
            if not (c.negated or c.hypothetical or c.background)]
    assert "Non-state actor overtakes territory" not in kept
