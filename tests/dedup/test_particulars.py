"""A place the sentence names that the coded location does not stand for keeps two reports apart.

Team-made sentences in the style of monitoring notes: two villages the gazetteer does not know,
both coded at the province's point, are two events; a vaguer report of the province is not a rival
place; a place listed beside the location ("in A and B districts") belongs to another event.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.dedup.match import match_events
from sitrep.dedup.particulars import (country_only, named_place, particular_places, similar_names,
                                      unresolved_place)
from sitrep.schema import Event, Evidence


def _event(sentence: str, location: str, mention: str | None = None, *, precision: int = 1,
           doc: str = "d1", admin1: str | None = "Northland", lat: float | None = 35.0,
           lon: float | None = 36.0) -> Event:
    evidence = [Evidence(doc_id=doc, field="location", start=0, end=len(mention), text=mention)] if mention else []
    return Event(event_id_cnty=f"XX-{doc}", event_date=date(2024, 5, 3), year=2024, time_precision=1,
                 disorder_type="Political violence", event_type="Explosions/Remote violence",
                 sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Xland",
                 inter1=1, actor2="Rebels (Xland)", inter2=2, interaction="12", country="Xland",
                 admin1=admin1, location=location, latitude=lat, longitude=lon, geo_precision=precision,
                 source="test", notes=sentence, fatalities=0, doc_id=doc, doc_ids=[doc], evidence=evidence)


def test_places_after_prepositions_and_before_their_container() -> None:
    assert particular_places("On 3 May, government forces shelled Kindar in Northland.") == ["Kindar", "Northland"]
    assert particular_places("Clashes took place on the Ferro front in the southern countryside of Northland.") \
        == ["Ferro", "Northland"]
    # months, days, demonyms are not places
    assert particular_places("Attacks on Syrian forces in May and on Monday.") == []


def test_a_village_inside_the_coded_province_is_unresolved() -> None:
    ev = _event("On 3 May, government forces shelled Kindar in Northland.", "Northland", "Northland")
    assert unresolved_place(ev) == "Kindar"
    assert named_place(ev) == ("Kindar", "Northland")


def test_the_most_specific_place_of_a_chain() -> None:
    ev = _event("A mine killed 2 soldiers in Kala Berri of Deh Vand district, Northland.", "Northland",
                "Northland")
    assert unresolved_place(ev) == "Kala Berri"


def test_a_place_listed_beside_the_location_is_another_event() -> None:
    ev = _event("Troops killed 8 fighters in Ardo district and Bemal city, Northland.", "Bemal", "Bemal")
    assert unresolved_place(ev) is None


def test_the_coded_place_under_another_spelling_is_resolved() -> None:
    ev = _event("Gunmen attacked a checkpoint in Basira city in Northland.", "Al Buşayrah", "Basira")
    assert unresolved_place(ev) is None
    assert similar_names("Basira", "Al Buşayrah")
    assert not similar_names("Charbolak", "Balkh")


def test_two_unknown_villages_at_one_point_do_not_merge() -> None:
    a = _event("On 3 May, government forces shelled Kindar in Northland.", "Northland", "Northland", doc="a")
    b = _event("On 3 May, government forces shelled Qorfin in Northland.", "Northland", "Northland", doc="b")
    m = match_events(a, b)
    assert not m.ok and m.reason == "place"
    assert m.features["unresolved"] == ["Kindar", "Qorfin"]
    same = _event("Government forces shelled Kindar in the countryside of Northland.", "Northland",
                  "Northland", doc="c")
    assert match_events(a, same).ok


@pytest.mark.parametrize(("precision", "merged"), [(3, True), (1, False)])
def test_a_report_of_only_the_container_merges_when_it_is_vaguer(precision: int, merged: bool) -> None:
    village = _event("On 3 May, government forces shelled Kindar in Northland.", "Northland", "Northland",
                     doc="a")
    province = _event("On 3 May, government forces shelled areas of Northland.", "Northland", "Northland",
                      doc="b", precision=precision)
    assert match_events(village, province).ok is merged


def test_two_named_places_at_two_points_do_not_merge_whatever_the_precision() -> None:
    a = _event("Shelling hit Ardo district.", "Ardo", "Ardo", doc="a", precision=2, lat=35.0, lon=36.0)
    b = _event("Shelling hit Bemal district.", "Bemal", "Bemal", doc="b", precision=2, lat=35.1, lon=36.1)
    assert not match_events(a, b).ok
    inside = _event("Shelling hit Ardo district.", "Northland", "Northland", doc="c", precision=2,
                    lat=35.1, lon=36.1)
    assert match_events(a, inside).ok  # Northland is Ardo's admin1: a vaguer account


def test_a_place_set_by_its_bearing_from_the_coded_town_is_unresolved() -> None:
    ev = _event("Troops shelled fighters near Kafr Dalla south of Bemal in Northland.", "Bemal", "Bemal")
    assert unresolved_place(ev) == "Kafr Dalla"
    other = _event("Troops shelled fighters in Ardo south of Bemal.", "Bemal", "Bemal", doc="b")
    m = match_events(ev, other)
    assert not m.ok and m.features["unresolved"] == ["Kafr Dalla", "Ardo"]


def test_an_unresolved_name_must_be_spelled_alike_not_merely_share_consonants() -> None:
    """"Charbolak" and "Balkh" share a consonant skeleton (ratio 75); the district named inside
    the province is still another place than the province's town."""
    district = _event("Gunmen attacked a convoy in Charbolak district, Balkh.", "Balkh", "Balkh", doc="a")
    town = _event("Gunmen ambushed soldiers in Balkh district.", "Balkh", "Balkh", doc="b")
    assert named_place(district) == ("Charbolak", "Balkh")
    m = match_events(district, town)
    assert not m.ok and m.reason == "place"
    assert m.features["unresolved"] == ["Charbolak", "Balkh"]


def test_a_report_placed_only_at_its_country_has_no_place() -> None:
    """A country's point (its capital's, by convention) is no place: a report placed there matches
    another account of the same unplaced event, not a report of the capital or of a named village."""
    village = _event("Rebels attacked a base in Kindar.", "Xland", admin1=None, precision=3, doc="a")
    unplaced = _event("Rebels attacked at dawn.", "Xland", admin1=None, precision=3, doc="b")
    capital = _event("Rebels attacked the market of Bemal.", "Bemal", "Bemal", doc="c")
    assert country_only(village) and not country_only(capital)
    assert named_place(village) == ("Kindar", "Xland")
    assert named_place(unplaced) == ("Xland", "Xland")
    assert not match_events(village, unplaced).ok
    m = match_events(unplaced, capital)
    assert not m.ok and m.features["geo_fallback"] == ["Xland", None]
    assert match_events(unplaced, _event("Rebels attacked at dusk.", "Xland", admin1=None, precision=3,
                                         doc="d")).ok


def test_a_venue_or_congregation_is_no_particular_place() -> None:
    """Rule name-inside-a-venue, as the geocoder reads it: "Bethel Christian Fellowship" is a
    congregation, so a report of the funeral held there is no report of another place than the
    city it is coded at."""
    assert particular_places("Mourners gathered at Bethel Christian Fellowship in Kindar.") == ["Kindar"]
    assert particular_places("Shots were fired at the Blue Moon Lounge in Kindar.") == ["Kindar"]
    assert particular_places("Shots were fired at Kindar Heights in Northland.") == ["Kindar Heights", "Northland"]
