"""Arabic reports from a city's own outlets: where an event lies when the report names only a
neighbourhood, or none (rules outlet-home, hood-in-its-city, hood-name-is-whole; team-written
reports, team-made gazetteer)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.geo.gazetteer import PlaceRecord
from sitrep.pipeline import Pipeline
from sitrep.schema import Document, Event
from tests.helpers import pipeline_over

_SY = {"cc": "SY", "country": "Syria", "iso": 760, "iso3": "SYR", "region": "Middle East"}
GAZ = [
    PlaceRecord(uid="c:aleppo", name="Aleppo", lat=36.20, lon=37.16, kind="city", population=2_000_000,
                admin1="Aleppo", alt_names=("حلب",), **_SY),
    PlaceRecord(uid="t:bab", name="Al Bab", lat=36.37, lon=37.52, kind="town", population=60_000,
                admin1="Aleppo", alt_names=("الباب",), **_SY),
    # two neighbourhoods of one name, in two cities
    PlaceRecord(uid="n:maysalun-dam", name="Maysalun", lat=33.52, lon=36.30, kind="neighbourhood",
                city="Damascus", admin1="Damascus", alt_names=("ميسلون",), **_SY),
    PlaceRecord(uid="n:maysalun-alp", name="Maysaloun", lat=36.21, lon=37.17, kind="neighbourhood",
                city="Aleppo", admin1="Aleppo", alt_names=("ميسلون",), **_SY),
    # a village far from Aleppo named like an Aleppo quarter
    PlaceRecord(uid="v:jubayla", name="Al Jubaylah", lat=35.00, lon=40.00, kind="village", admin1="Deir ez-Zor",
                alt_names=("الجبيلة",), **_SY),
    # an Aleppo quarter, and a village 180 km away named by a common word ("the stadium")
    PlaceRecord(uid="n:salah", name="Salah Ad-Deen", lat=36.18, lon=37.12, kind="neighbourhood", city="Aleppo",
                admin1="Aleppo", alt_names=("صلاح الدين",), **_SY),
    PlaceRecord(uid="v:malaab", name="Al-Malaab", lat=35.10, lon=38.60, kind="village", admin1="Homs",
                alt_names=("الملعب",), **_SY),
]


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return pipeline_over(GAZ)


def _events(pipe: Pipeline, text: str, source: str | None = None) -> list[Event]:
    return pipe(Document(id="r", text=text, date=date(2014, 6, 3), source=source)).events


def test_a_local_outlets_report_without_a_place_lies_in_the_outlets_city(pipe: Pipeline) -> None:
    """Rule outlet-home: the city in the publishing outlet's name (the document's source)."""
    text = "لحظة سقوط برميل متفجر على الأحياء السكنية"
    assert [(e.location, e.geo_precision, e.country) for e in _events(pipe, text, "مركز حلب الإعلامي")] == [
        ("Aleppo", 3, "Syria")]
    assert [e.location for e in _events(pipe, text, "مرصد")] == [None]  # an outlet named after no city


@pytest.mark.parametrize(("text", "source"), [
    ("قصف بالبراميل المتفجرة على حي الشعار", "شبكة حلب نيوز"),
    ("قصف بالبراميل المتفجرة على حي الشعار بحلب", None),
    ("قصف مدفعي لحي الشعار بحلب صباح اليوم", None),  # the neighbourhood word with its preposition
])
def test_an_unknown_neighbourhood_is_placed_at_its_city_and_keeps_its_name(pipe: Pipeline, text: str,
                                                                          source: str | None) -> None:
    """Rule hood-in-its-city: the city the sentence names, else the outlet's; precision 2."""
    assert [(e.location, e.geo_fallback, e.geo_precision) for e in _events(pipe, text, source)] == [
        ("الشعار", "Aleppo", 2)]


def test_the_words_after_a_neighbourhood_word_are_one_name(pipe: Pipeline) -> None:
    """Rule hood-name-is-whole: "Bab Road" is a quarter of Aleppo, not the town of al-Bab."""
    events = _events(pipe, "غارة جوية على حي طريق الباب بحلب")
    assert [(e.location, e.geo_fallback) for e in events] == [("طريق الباب", "Aleppo")]


def test_a_neighbourhood_is_read_in_its_city_not_at_a_namesake_far_away(pipe: Pipeline) -> None:
    aleppo_outlet = "شبكة حلب نيوز"
    assert [e.location for e in _events(pipe, "قنص مدني في حي ميسلون", aleppo_outlet)] == ["Maysaloun"]
    events = _events(pipe, "غارة جوية على حي الجبيلة", aleppo_outlet)
    assert [(e.location, e.geo_fallback, e.geo_precision) for e in events] == [("الجبيلة", "Aleppo", 2)]


@pytest.mark.parametrize(("text", "source", "precision"), [
    ("قصف بالبراميل على قرية عزيزة بريف حلب الجنوبي", None, 2),  # its city named: near it
    ("قصف بالبراميل على قرية عزيزة الخاضعة لسيطرة النظام", "شبكة حلب نيوز", 3),  # only the outlet's city
])
def test_an_unknown_village_keeps_its_name_in_its_citys_region(pipe: Pipeline, text: str, source: str | None,
                                                               precision: int) -> None:
    """An unknown village named by its feature word (قرية) is placed at the city its sentence or
    its outlet names, keeping its own name; what the village is said to be is no part of it."""
    assert [(e.location, e.geo_fallback, e.geo_precision) for e in _events(pipe, text, source)] == [
        ("عزيزة", "Aleppo", precision)]


@pytest.mark.parametrize("text", [
    "حلب - صلاح الدين || اشتباكات عند نزلة الملعب",  # the label in the headline's one sentence
    "حلب نيوز || صلاح الدين : اشتباكات عند نزلة الملعب",  # the label over two sentences
])
def test_the_label_names_the_scene_not_a_namesake_far_away(pipe: Pipeline, text: str) -> None:
    """Rule label-names-the-scene: a place read outside the region of the scene the headline's
    label names (a village "the stadium" 180 km away) is not where the clash was."""
    assert [e.location for e in _events(pipe, text, "شبكة حلب نيوز")] == ["Salah Ad-Deen"]


def test_a_place_the_story_names_near_the_labels_scene_stays_the_place(pipe: Pipeline) -> None:
    # Al Bab lies 40 km from the quarter the label names: inside its region, the story's own place
    events = _events(pipe, "حلب - صلاح الدين || غارة جوية على مدينة الباب", "شبكة حلب نيوز")
    assert [e.location for e in events] == ["Al Bab"]


def test_a_name_in_a_local_outlets_label_is_read_in_its_city(pipe: Pipeline) -> None:
    """A label's name with a namesake in another city is the outlet's city's own, as after حي."""
    assert [e.location for e in _events(pipe, "حلب نيوز || ميسلون : قنص مدني", "شبكة حلب نيوز")] == ["Maysaloun"]


def test_a_place_inside_a_longer_label_part_names_a_group_not_the_scene() -> None:
    from sitrep.geo.pack_places import _label_part

    label = "حلب نيوز || لواء شهداء بدر :"
    a = label.index("بدر")
    assert _label_part(label, a, a + 3) == ["لواء", "شهداء"]
    label = "حلب - صلاح الدين ||"
    a = label.index("صلاح")
    assert _label_part(label, a, a + len("صلاح الدين")) == []
