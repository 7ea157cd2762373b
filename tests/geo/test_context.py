"""Containers named with a place ("X (district, province)", "X area of Y district, Z")."""

from __future__ import annotations

import pytest

from sitrep.config import Settings
from sitrep.geo.context import containers_of
from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.geo.match import name_key
from sitrep.geo.spans import find_spans
from sitrep.geo.stage import Geocoder
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document, EventCandidate, Span


def _rec(uid: str, name: str, lat: float, lon: float, kind: str, admin1: str,
         population: int = 0) -> PlaceRecord:
    return PlaceRecord(uid=uid, name=name, lat=lat, lon=lon, kind=kind, admin1=admin1,
                       cc="UA", country="Ukraine", iso=804, iso3="UKR", region="Europe",
                       population=population)


GAZ = [
    PlaceRecord(uid="c:UA", name="Ukraine", lat=50.4, lon=30.5, kind="country", cc="UA",
                country="Ukraine", population=40_000_000),
    _rec("a1:north", "Northland", 51.0, 31.0, "admin1", "Northland", 500_000),
    _rec("a1:south", "Southland", 47.0, 37.0, "admin1", "Southland", 900_000),
    _rec("t:selo-n", "Novo Selo", 51.1, 31.2, "village", "Northland", 3_000),
    _rec("t:selo-s", "Novo Selo", 47.1, 37.1, "village", "Southland", 300),
    _rec("t:kamenka", "Kamenka", 51.3, 31.4, "village", "Northland", 2_000),
    _rec("t:riverton", "Riverton", 47.5, 37.6, "town", "Southland", 20_000),
    _rec("t:portsea", "Portsea", 46.8, 36.5, "city", "Southland", 400_000),
    _rec("t:shehpur", "Shehpur", 49.9, 24.0, "village", "Westland", 4_000),
    _rec("d:riverdale", "Riverdale", 47.3, 37.3, "admin2", "Southland"),
    _rec("t:southland", "Southland", 51.5, 31.5, "city", "Northland", 150_000),
]


def _locate(text: str, trigger: str) -> Doc:
    resources = Resources(Settings())
    resources.put("geo.gazetteer", MemoryGazetteer(GAZ))
    doc = Doc(document=Document(id="t", text=text, country="Ukraine"), country_hint="Ukraine")
    doc.sentences = segment_text(text)
    i = text.index(trigger)
    doc.candidates.append(EventCandidate(
        sentence_index=0, trigger=Span(start=i, end=i + len(trigger), text=trigger),
        event_type="Battles", sub_event_type="Armed clash"))
    return Geocoder(resources)(doc)


def test_context_province_after_a_comma_decides_between_homonyms() -> None:
    for province, uid in (("Southland", "t:selo-s"), ("Northland", "t:selo-n")):
        doc = _locate(f"Artillery fire was observed near Novo Selo, {province}.", "fire")
        place = doc.candidates[0].place
        assert place is not None and place.place is not None
        assert place.place.place_id == uid


def test_context_match_the_province_contradicts_falls_back_to_the_district_town() -> None:
    doc = _locate("Militants attacked Kamenka village (Riverton, Southland) at night.",
                  "attacked")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert (place.place.name, place.geo_precision) == ("Riverton", 2)
    assert any("'Kamenka" in n and "Riverton" in n for n in doc.notes)


@pytest.mark.parametrize(("text", "name", "precision"), [
    ("A blast hit the Qala Nasro area of Riverton district, Southland, killing two.",
     "Riverton", 2),
    ("Gunmen raided Zelenyi Hai village (Unknownivka, Southland) overnight.", "Southland", 3),
])
def test_context_unknown_place_stands_in_for_the_containers_it_names(
        text: str, name: str, precision: int) -> None:
    trigger = next(w for w in ("blast", "raided") if w in text)
    place = _locate(text, trigger).candidates[0].place
    assert place is not None and place.place is not None
    assert (place.place.name, place.geo_precision) == (name, precision)


def test_context_spans_read_area_of_district_province() -> None:
    spans = find_spans("Two soldiers died in the Biabanak area of Maywand district, Kandahar.")
    first = next(s for s in spans if s.text == "Biabanak")
    assert first.hint == "Maywand, Kandahar" and first.explicit


def test_context_containers_split_district_and_province() -> None:
    found = containers_of(MemoryGazetteer(GAZ), "Riverton, Southland", "UA")
    assert [r.name for r in found.admin1] == ["Southland"]
    assert found.base() is not None and found.base().name == "Riverton"  # type: ignore[union-attr]
    outside = next(r for r in GAZ if r.uid == "t:kamenka")
    assert found.consistent(outside) is False


@pytest.mark.parametrize(("a", "b"), [("Sud-Kivu", "South Kivu"), ("Nord-Ouest", "North-West"),
                                      ("Vardak", "Wardak"), ("Shamal Darfur", "North Darfur")])
def test_context_admin_names_in_other_languages_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_context_places_listed_before_a_district_share_its_province() -> None:
    doc = _locate("Snipers killed four soldiers in Novo Selo and Riverton district, Southland.",
                  "killed")
    selo = [p for p in doc.places if p.span.text == "Novo Selo"]
    assert selo and selo[0].place is not None and selo[0].place.place_id == "t:selo-s"


def test_context_province_named_later_in_the_sentence_drops_a_match_outside_it() -> None:
    doc = _locate("Shelling hit Kamenka in Southland on Monday.", "Shelling")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert place.place.name != "Kamenka" and place.place.admin1 == "Southland"


def test_context_town_named_as_container_keeps_its_parts_near_it() -> None:
    doc = _locate("Stones were thrown in the Shehpur area of Riverton city on Friday.", "thrown")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert (place.place.name, place.geo_precision) == ("Riverton", 2)


def test_context_a_province_name_means_the_province_not_a_town_elsewhere() -> None:
    doc = _locate("Shelling was reported across Southland and nearby areas.", "Shelling")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert place.place.admin1 == "Southland"


def test_context_comma_hint_may_end_with_a_feature_word() -> None:
    spans = find_spans("Residents protested in Caracoli, Malambo, Atlantico department.")
    first = next(s for s in spans if s.text == "Caracoli")
    assert first.hint == "Malambo, Atlantico"


def test_context_extreme_nord_is_far_north() -> None:
    assert name_key("Extreme-Nord") == name_key("Far North")


def test_context_brackets_naming_nothing_known_leave_the_province_to_decide() -> None:
    doc = _locate("Snipers fired at Kamenka (Zzyzx) district, Southland, at night.", "fired")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert place.place.name != "Kamenka" and place.place.admin1 == "Southland"


def test_context_province_initials_in_brackets() -> None:
    from sitrep.geo.build import _initials

    assert _initials("Uttar Pradesh") == ("UP",) and _initials("Aleppo") == ()
    assert "J&K" in _initials("Jammu and Kashmir")
    up = PlaceRecord(uid="a1:up", name="Uttar Pradesh", lat=26.8, lon=80.9, kind="admin1",
                     admin1="Uttar Pradesh", cc="IN", alt_names=_initials("Uttar Pradesh"))
    town = PlaceRecord(uid="t:up", name="Up", lat=1.0, lon=1.0, kind="village", cc="IN")
    found = containers_of(MemoryGazetteer([up, town]), "UP", "IN")
    assert [r.uid for r in found.admin1] == ["a1:up"] and not found.parts


def test_context_unknown_place_at_its_district_outranks_a_town_named_later() -> None:
    doc = _locate("Artillery hit the Zorya front (Riverdale, Southland) and later Portsea.",
                  "Artillery")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert (place.place.name, place.geo_precision) == ("Riverdale", 2)


@pytest.mark.parametrize(("sentence", "name"), [
    ("In Karachi, JI arranged a protest demonstration on Kashmir day.", "Karachi"),
    ("Near Aleppo, clashes erupted between the two sides.", "Aleppo"),
    ("In New York City, police said two men were shot.", "New York City"),
])
def test_context_a_sentence_opening_preposition_is_no_word_of_the_name(sentence: str, name: str) -> None:
    # rule opening-preposition: the capitalised "In" says where, as "in" does; it is no part of the name
    spans = {s.text: s for s in find_spans(sentence)}
    assert name in spans and spans[name].locative and not spans[name].partial
