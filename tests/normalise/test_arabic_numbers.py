"""Arabic casualty figures and date expressions (team-written sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.normalise.arabic_dates import find_arabic_dates
from sitrep.normalise.arabic_numbers import find_arabic_figures, parse_arabic_number


@pytest.mark.parametrize(
    ("words", "value"),
    [("خمسة", (5, 5)), ("ثلاث", (3, 3)), ("سبعة", (7, 7)), ("ثلاثة عشر", (13, 13)), ("خمسة وعشرون", (25, 25)),
     ("مئة وخمسون", (150, 150)), ("عشرات", (10, 99)), ("العشرات", (10, 99)), ("مئات", (100, 999)), ("١٢", (12, 12)),
     ("كثير", None)],
)
def test_arabic_numbers_parse_number_words(words: str, value: tuple[int, int] | None) -> None:
    assert parse_arabic_number(words) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("غارة على الحي توقع خمسة شهداء", [("killed", 5, None)]),
        ("استشهاد ٧ مدنيين وإصابة العشرات", [("killed", 7, None), ("wounded", 10, "vague")]),
        ("مقتل ما لا يقل عن ثلاثة عناصر", [("killed", 3, "at least")]),
        ("سقوط نحو عشرين قتيلا في القصف", [("killed", 20, "about")]),
        ("قتل أكثر من 12 شخصا", [("killed", 12, "more than")]),
        ("سقوط شهيدين وجريح", [("killed", 2, None), ("wounded", 1, None)]),
        ("استشهاد طفل برصاص قناص", [("killed", 1, None)]),
        ("إصابة ثلاث نساء بجروح", [("wounded", 3, None)]),
        ("عشرات الشهداء في مجزرة جديدة", [("killed", 10, "vague")]),
    ],
)
def test_arabic_numbers_find_killed_and_wounded(text: str, expected: list[tuple[str, int, str | None]]) -> None:
    figs = find_arabic_figures(text)
    assert [(f.quantity, f.low, f.qualifier) for f in figs] == expected
    for f in figs:
        assert text[f.start:f.end] == f.text


PUB = date(2016, 9, 30)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("غارة على الحي ٢٥-٩-٢٠١٦", date(2016, 9, 25), 1),
        ("قصف على البلدة 24/9/2016", date(2016, 9, 24), 1),
        ("اشتباكات يوم الخميس في الحي", date(2016, 9, 29), 1),
        ("مظاهرة الجمعة في الساحة", date(2016, 9, 30), 1),
        ("قصف الطيران السوق يوم الاثنين", date(2016, 9, 26), 1),
        ("استشهد أمس ثلاثة مدنيين", date(2016, 9, 29), 1),
        ("قصف الحي أول أمس", date(2016, 9, 28), 1),
        ("غارات على المدينة اليوم", date(2016, 9, 30), 1),
        ("قبل ثلاثة أيام سقطت قذائف", date(2016, 9, 27), 1),
        ("قصف قبل أيام على الحي", date(2016, 9, 26), 2),
        ("في 12 تشرين الثاني 2015 قصف الطيران", date(2015, 11, 12), 1),
        ("في 3 أيلول قصف الطيران", date(2016, 9, 3), 1),
        ("في 14 مارس 2014 خرجت مظاهرة", date(2014, 3, 14), 1),
        ("غارات ليلة أمس على البلدة", date(2016, 9, 29), 1),
        ("قصف بالبراميل على حي الكلاسة 17 9 2016", date(2016, 9, 17), 1),  # headline style, bare spaces
        ("أعمال صيانة في حي الشعار6_9_2016", date(2016, 9, 6), 1),
    ],
)
def test_arabic_dates_resolve_against_publication(text: str, expected: date, precision: int) -> None:
    found = find_arabic_dates(text, PUB)
    assert found and found[0].event_date == expected and found[0].time_precision == precision
    assert text[found[0].start:found[0].end] == found[0].expression


def test_arabic_dates_relative_need_a_publication_date() -> None:
    assert find_arabic_dates("قصف أمس على الحي", None) == []
    assert find_arabic_dates("قصف على الحي ٢٥-٩-٢٠١٦", None)[0].event_date == date(2016, 9, 25)


def test_arabic_numbers_superscript_digits_do_not_crash() -> None:
    from sitrep.normalise.arabic_numbers import _value

    assert _value("²") is None
    assert _value("١٢") == (12, 12)
