"""Honest precision: a village the gazetteer does not know, placed at the city or province named
with it, keeps its own name as ``location``, records what it fell back to (``geo_fallback``) and
gets that place's precision (2 for a city, 3 for a province), never 1; and two different unknown
villages that fell back to one city are not merged as if 0 km apart.

The notes are hand-written in the style of monitoring-mission reports; the gazetteer is a small
hand-made one (a city, its province, a known village, and a namesake of an unknown village
hundreds of kilometres away).
"""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.config import Settings
from sitrep.dedup.match import match_events
from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.pipeline import Pipeline
from sitrep.resources import Resources
from sitrep.schema import Document, Event

_UA = {"cc": "UA", "country": "Ukraine", "iso": 804, "iso3": "UKR", "region": "Europe"}
GAZ = [
    PlaceRecord(uid="c:UA", name="Ukraine", lat=49.0, lon=32.0, kind="country",
                population=40_000_000, **_UA),
    PlaceRecord(uid="t:donetsk", name="Donetsk", lat=48.02, lon=37.80, kind="city",
                admin1="Donetsk", population=900_000, **_UA),
    PlaceRecord(uid="a1:donetsk", name="Donetsk", lat=48.02, lon=37.80, kind="admin1",
                admin1="Donetsk", population=4_000_000, **_UA),
    PlaceRecord(uid="v:spartak", name="Spartak", lat=48.08, lon=37.77, kind="village",
                admin1="Donetsk", population=700, **_UA),
    # a village of the same name in the far west: not the one near Donetsk
    PlaceRecord(uid="v:mineralne-west", name="Mineralne", lat=48.40, lon=23.10, kind="village",
                admin1="Zakarpattia", population=300, **_UA),
]

NOTES = {
    "mineralne": "On 12 February, shelling damaged three houses in Mineralne, near Donetsk.",
    "kashtanove": "On 12 February, a shell hit a barn in Kashtanove, 15 km north of Donetsk.",
    "pisochne": "On 12 February, shelling damaged a school in Pisochne, in Donetsk.",
    "marinka": "On 12 February, shelling damaged a clinic in Marinka village, Donetsk region.",
    "spartak": "On 12 February, shelling damaged a house in Spartak, near Donetsk.",
    "city": "On 12 February, shelling damaged several houses in Donetsk.",
    "region": "On 12 February, shelling damaged several houses in Donetsk region.",
}


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    settings = Settings(stage_options={"detect.v1": {"parser": False},
                                       "fatalities.v1": {"parser": "off"}})
    resources = Resources(settings)
    resources.put("geo.gazetteer", MemoryGazetteer(GAZ))
    return Pipeline(settings, resources=resources)


def _event(pipe: Pipeline, key: str) -> Event:
    events = pipe(Document(id=key, text=NOTES[key], date=date(2021, 2, 13), source="SMM")).events
    assert len(events) == 1, [e.location for e in events]
    return events[0]


@pytest.mark.parametrize(("key", "name", "precision"), [
    ("mineralne", "Mineralne", 2),  # the namesake 900 km away is not taken
    ("kashtanove", "Kashtanove", 2),
    ("pisochne", "Pisochne", 2),
    ("marinka", "Marinka", 3),  # fell back to the province
])
def test_fallback_keeps_the_name_with_the_precision_of_what_was_found(
        pipe: Pipeline, key: str, name: str, precision: int) -> None:
    event = _event(pipe, key)
    assert event.location == name
    assert event.geo_fallback == "Donetsk"
    assert event.geo_precision == precision
    assert event.admin1 == "Donetsk" and event.country == "Ukraine"
    assert (event.latitude, event.longitude) == (48.02, 37.80)
    assert '"geo_fallback":"Donetsk"' in event.model_dump_json()  # in the JSONL output


@pytest.mark.parametrize("key", ["spartak", "city"])
def test_fallback_is_not_set_for_a_known_place(pipe: Pipeline, key: str) -> None:
    event = _event(pipe, key)
    assert event.geo_fallback is None
    assert event.location == ("Spartak" if key == "spartak" else "Donetsk")


@pytest.mark.parametrize(("a", "b"), [("mineralne", "kashtanove"), ("pisochne", "marinka"),
                                      ("mineralne", "spartak")])
def test_fallback_different_unknown_places_do_not_merge(pipe: Pipeline, a: str, b: str) -> None:
    match = match_events(_event(pipe, a), _event(pipe, b))
    assert not match.ok and match.reason == "place"
    assert "distance_km" not in match.features  # not "0 km apart"


def test_fallback_same_unknown_place_or_a_vaguer_report_still_merge(pipe: Pipeline) -> None:
    one = _event(pipe, "mineralne")
    again = one.model_copy(update={"doc_id": "other", "notes": "another outlet"})
    assert match_events(one, again).ok
    region = _event(pipe, "region")
    assert (region.geo_precision or 0) >= 2
    assert match_events(one, region).ok  # a vaguer report of the same shelling


def test_fallback_does_not_merge_with_a_precise_report_of_the_city(pipe: Pipeline) -> None:
    """"Houses in Donetsk" (the city, precision 1) is a place of its own, not a vaguer account of
    "houses in Mineralne, near Donetsk": ACLED codes each where it says it happened."""
    city = _event(pipe, "city")
    assert city.geo_precision == 1
    match = match_events(_event(pipe, "mineralne"), city)
    assert not match.ok and match.reason == "place"
