"""An Arabic report through the whole pipeline: events with Latin place names, neutral actors,
fatalities, dates and evidence offsets into the original text (team-written report)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.geo.gazetteer import PlaceRecord
from sitrep.normalise.arabic_lexicons import find_arabic_actors, find_arabic_framing
from sitrep.pipeline import Pipeline
from sitrep.schema import Document, Event
from tests.helpers import pipeline_over

_SY = {"cc": "SY", "country": "Syria", "iso": 760, "iso3": "SYR", "region": "Middle East", "admin1": "Aleppo"}
GAZ = [
    PlaceRecord(uid="t:aleppo", name="Aleppo", lat=36.20, lon=37.16, kind="city", population=2_000_000,
                alt_names=("Halab", "حلب"), **_SY),
    PlaceRecord(uid="t:bab", name="Al Bab", lat=36.37, lon=37.52, kind="city", population=60_000,
                alt_names=("الباب",), **_SY),
    PlaceRecord(uid="n:sukkari", name="Al Sukkari", lat=36.18, lon=37.15, kind="neighbourhood", city="Aleppo",
                alt_names=("السكري",), **_SY),
    PlaceRecord(uid="a1:aleppo", name="Aleppo", lat=36.10, lon=37.60, kind="admin1", alt_names=("حلب",),
                priority=5, **{**_SY, "admin1": None}),
    PlaceRecord(uid="n:qaterji", name="Karm Al-Qaterji", lat=36.2018, lon=37.1817, kind="neighbourhood",
                city="Aleppo", alt_names=("كرم القاطرجي",), **_SY),
    PlaceRecord(uid="v:hawl", name="Al Hawl", lat=36.4, lon=41.1, kind="town", alt_names=("حول", "الهول"), **_SY),
    PlaceRecord(uid="v:madrasa", name="Madrasa", lat=35.5, lon=36.5, kind="village", alt_names=("مدرسة",), **_SY),
    PlaceRecord(uid="v:tafla", name="Tafla", lat=35.0, lon=36.0, kind="village", alt_names=("طفلة",), **_SY),
    PlaceRecord(uid="t:kseur", name="El Kseur", lat=36.68, lon=4.85, kind="town", cc="DZ", country="Algeria",
                alt_names=("القصر",)),
    # everyday words that are some place's Arabic name abroad ("هام": important; "الميدان": the square)
    PlaceRecord(uid="c:hamm", name="Hamm", lat=51.68, lon=7.82, kind="city", population=180_000, cc="DE",
                country="Germany", alt_names=("هام",)),
    PlaceRecord(uid="c:medan", name="Medan", lat=3.58, lon=98.67, kind="city", population=2_000_000, cc="ID",
                country="Indonesia", alt_names=("الميدان",)),
    PlaceRecord(uid="t:msaken", name="Msaken", lat=35.73, lon=10.58, kind="town", population=60_000, cc="TN",
                country="Tunisia", alt_names=("مساكن",)),
]

REPORT = ("قصفت قوات النظام حي السكري بحلب بقذائف الهاون يوم الخميس، ما أدى إلى استشهاد ثلاثة مدنيين "
          "بحسب ناشطين.\nوفي مدينة الباب، شنّ الطيران الروسي غارةً على السوق أمس وقتل ما لا يقل عن سبعة أشخاص.")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return pipeline_over(GAZ)


def _events(pipe: Pipeline, text: str) -> list[Event]:
    return pipe(Document(id="r", text=text, date=date(2016, 9, 30), source="مرصد")).events


def test_arabic_stage_codes_a_report_end_to_end(pipe: Pipeline) -> None:
    events = _events(pipe, REPORT)
    got = [(e.sub_event_type, e.event_date, e.location, e.fatalities, e.actor1) for e in events]
    assert got == [
        ("Shelling/artillery/missile attack", date(2016, 9, 29), "Al Sukkari", 3, "Military Forces of Syria (2000-)"),
        ("Air/drone strike", date(2016, 9, 29), "Al Bab", 7, "Military Forces of Russia (2000-)"),
    ]
    assert events[0].actor2 == "Civilians (Syria)"
    # a foreign state's forces in Syria are external forces (inter 8); unnamed "persons" killed in a
    # market strike are civilians, as the English path codes them
    assert [(e.inter1, e.actor2, e.inter2) for e in events] == [(1, "Civilians (Syria)", 7),
                                                                (8, "Civilians (Syria)", 7)]


@pytest.mark.parametrize("field", ["trigger", "event_date", "fatalities", "location"])
def test_arabic_stage_evidence_points_into_the_original_text(pipe: Pipeline, field: str) -> None:
    text = "قَصَفَ الطيرانُ الحربيُّ حيَّ السُّكَّري بحلب صباح اليوم، ما أدى إلى استشهاد ٤ مدنيين"
    events = _events(pipe, text)
    assert len(events) == 1
    spans = [e for e in events[0].evidence if e.field == field]
    assert spans and all(text[s.start:s.end] == s.text for s in spans)


def test_arabic_stage_flags_partisan_terms(pipe: Pipeline) -> None:
    events = _events(pipe, "الشبيحة يقتحمون حي السكري ويعتقلون عشرة شبان")
    terms = {f.term: f.normalised for f in events[0].framing} if events else {}
    assert terms.get("الشبيحة") == "pro-government militia"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("النظام يهدد بقصف حي السكري إذا لم تخرج الفصائل", 0),
        ("نفت الفصائل قصف حي السكري", 0),
        ("هواپیماها دیروز بازار حلب را بمباران کردند", 0),
        ("غارة جوية على حي السكري بحلب توقع خمسة شهداء", 1),
    ],
)
def test_arabic_stage_events_only_for_what_happened(pipe: Pipeline, text: str, count: int) -> None:
    assert len(_events(pipe, text)) == count


def test_arabic_stage_wounded_only_is_zero_fatalities(pipe: Pipeline) -> None:
    events = _events(pipe, "سقوط قذائف هاون على حي السكري وإصابة عشرة مدنيين")
    assert [e.fatalities for e in events] == [0]
    assert events[0].claims[0].quantity == "wounded" and events[0].claims[0].low == 10


@pytest.mark.parametrize(
    ("text", "name"),
    [("بالطيران الروسي", "Military Forces of Russia (2000-)"), ("وقوات الأسد", "Military Forces of Syria (2000-)"),
     ("لجيش الفتح", "Jaysh al-Fateh"), ("عناصر هيئة تحرير الشام", "HTS: Hayat Tahrir al Sham"),
     ("مقاتلو تنظيم الدولة", "Islamic State (Syria)"), ("الميليشيات الإيرانية", "Military Forces of Iran (1989-)"),
     ("فرق الدفاع المدني", None)],
)
def test_arabic_lexicons_actor_aliases(text: str, name: str | None) -> None:
    found = find_arabic_actors(text)
    assert (found[0][0].name if found else None) == name


@pytest.mark.parametrize(("text", "neutral"), [("المناطق المحررة", "opposition-held"), ("المرتزقة", "foreign fighters"),
                                               ("المحتل", "held by another party"), ("الخوارج", "Islamic State")])
def test_arabic_lexicons_framing_terms(text: str, neutral: str) -> None:
    assert [t.normalised for t, _a, _b in find_arabic_framing(text)] == [neutral]


@pytest.mark.parametrize(
    ("text", "location"),
    [
        # the outlet's name is not where it happened; the finest place of the headline is
        ("شبكة حلب نيوز: حي السكري || آثار الدمار نتيجة سقوط برميل متفجر على الحي", "Al Sukkari"),
        # "حلب" is the city, not the governorate of the same name
        ("غارة جوية على حلب صباح اليوم", "Aleppo"),
        # "حي القاطرجي" is the neighbourhood OCHA spells "كرم القاطرجي"
        ("قصف بالبراميل المتفجرة على حي القاطرجي", "Karm Al-Qaterji"),
        # a word that is also a village name somewhere is not a place here
        ("وفاة طفلة جراء غارة جوية على حي السكري", "Al Sukkari"),
        # a date glued to the name ("حي السكري17-9-2016") does not hide it
        ("حلب نيوز: غارة جوية على حي السكري17-9-2016", "Al Sukkari"),
        # "حول" (about) and "القصر العدلي" (the court house) are not the villages Hawl and Qasr
        ("فرق الإنقاذ تعمل حول مكان الغارة الجوية على حي السكري", "Al Sukkari"),
        ("غارة جوية على مدرسة في حي السكري", "Al Sukkari"),  # a school, not the village Madrasa
    ],
)
def test_arabic_stage_places_in_headlines(pipe: Pipeline, text: str, location: str) -> None:
    events = _events(pipe, text)
    assert events and events[0].location == location
    if location == "Aleppo":
        assert (events[0].latitude, events[0].longitude) == (36.20, 37.16)


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("وفاة طفلة جراء غارة جوية على حي السكري", 1),
        ("مجزرة نتيجة القصف بالبراميل على حي السكري قضى فيها سبعة أشخاص", 7),
        ("بكاء الأهالي على شهدائهم الذين قضوا في غارة جوية على حي السكري", 3),
        ("انتشال الأشلاء بعد قصف الطيران الحربي على حي السكري", 3),
    ],
)
def test_arabic_stage_deaths_in_other_words(pipe: Pipeline, text: str, fatalities: int) -> None:
    assert [e.fatalities for e in _events(pipe, text)][:1] == [fatalities]


def test_arabic_stage_outlet_city_is_a_coarse_fallback(pipe: Pipeline) -> None:
    events = _events(pipe, "شبكة حلب نيوز: لحظة سقوط برميل متفجر على الأحياء السكنية")
    assert [(e.location, e.geo_precision) for e in events] == [("Aleppo", 3)]
    events = _events(pipe, "شبكة حلب نيوز: لحظة سقوط برميل متفجر على الأحياء السكنية\nوالبرميل سقط على حي السكري")
    assert [e.location for e in events][:1] == ["Al Sukkari"]


def test_arabic_stage_country_comes_from_the_places_never_assumed(pipe: Pipeline) -> None:
    named = pipe(Document(id="r", text=REPORT, date=date(2016, 9, 30), source="مرصد"))
    assert named.inferred_country == "Syria"
    bare = pipe(Document(id="b", text="قصفت قوات النظام السوق بقذائف الهاون يوم الخميس", date=date(2016, 9, 30)))
    assert bare.inferred_country is None
    assert bare.events and all(e.country is None and e.location is None for e in bare.events)


def test_arabic_places_are_read_where_arabic_is_written_and_only_telling_ones_set_the_country(pipe: Pipeline) -> None:
    # "important": Hamm (Germany) is outside the Arabic-speaking states; the outlet's city tells Syria
    doc = pipe(Document(id="h", text="هام جداً شبكة حلب نيوز: قصف بالبراميل على الأحياء السكنية",
                        date=date(2016, 9, 30)))
    assert doc.inferred_country == "Syria"
    assert [e.location for e in doc.events] == ["Aleppo"]
    # "the Midan neighbourhood": Medan (Indonesia) is no candidate, and no known place is named
    doc = pipe(Document(id="m", text="قصف بقذائف الهاون على حي الميدان يوم الخميس", date=date(2016, 9, 30)))
    assert doc.events and all(e.location is None for e in doc.events)
    # "the Masaken neighbourhood": a town of that name in Tunisia is not the neighbourhood and tells no
    # country; with nothing telling, it is no place
    doc = pipe(Document(id="s", text="قصف بقذائف الهاون على حي مساكن هنانو", date=date(2016, 9, 30)))
    assert doc.inferred_country is None
    assert doc.events and all(e.location is None for e in doc.events)
    # a country given with the report makes every name read inside it
    doc = pipe(Document(id="t", text="قصف بقذائف الهاون على مساكن يوم الخميس", date=date(2016, 9, 30),
                        country="Tunisia"))
    assert [e.location for e in doc.events] == ["Msaken"]
