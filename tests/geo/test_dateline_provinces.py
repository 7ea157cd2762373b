"""Issue 22: datelines in capitals and abbreviated provinces ("YORK, Pa. --", "Mt. Juliet, Tenn.").

Local and wire copy places its town by the abbreviation of its state; the abbreviation says the
country and the province, so a homonym abroad ("York", England) or in another state ("Joliet",
Illinois, a loose spelling of "Juliet") is not the report's town.
"""

from __future__ import annotations

import pytest

from collections.abc import Callable

from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.geo.spans import find_spans
from sitrep.lang.en.admin_abbreviations import expand
from sitrep.nlp.segment import segment_text
from sitrep.schema import Doc

Geocode = Callable[..., Doc]


def _rec(uid: str, name: str, lat: float, lon: float, kind: str, population: int, admin1: str,
         cc: str = "US", country: str = "United States") -> PlaceRecord:
    return PlaceRecord(uid=uid, name=name, lat=lat, lon=lon, kind=kind, population=population,
                       admin1=admin1, cc=cc, country=country)


GAZ = MemoryGazetteer([
    _rec("c:US", "United States", 38.9, -77.0, "country", 300_000_000, ""),
    _rec("c:GB", "United Kingdom", 51.5, -0.1, "country", 60_000_000, "", "GB", "United Kingdom"),
    _rec("a1:pa", "Pennsylvania", 40.9, -77.8, "admin1", 12_000_000, "Pennsylvania"),
    _rec("a1:tn", "Tennessee", 35.8, -86.3, "admin1", 6_000_000, "Tennessee"),
    _rec("t:york-gb", "York", 53.96, -1.08, "city", 150_000, "England", "GB", "United Kingdom"),
    _rec("t:york-pa", "York", 39.96, -76.73, "city", 44_000, "Pennsylvania"),
    _rec("t:joliet", "Joliet", 41.53, -88.08, "city", 150_000, "Illinois"),
    _rec("t:mtjuliet", "Mount Juliet", 36.2, -86.52, "town", 35_000, "Tennessee"),
    _rec("t:davis", "Davis", 38.54, -121.74, "town", 65_000, "California"),
    _rec("t:nashville", "Nashville", 36.17, -86.78, "city", 600_000, "Tennessee"),
    _rec("a2:wilson", "Wilson County", 36.15, -86.3, "admin2", 130_000, "Tennessee"),
])


@pytest.mark.parametrize(("text", "country", "province"), [
    ("Tenn.", "United States", "Tennessee"), ("Tenn", "United States", "Tennessee"),
    ("N.C.", "United States", "North Carolina"), ("Pa.", "United States", "Pennsylvania"),
    ("Ont.", "Canada", "Ontario")])
def test_abbreviated_province_expands(text: str, country: str, province: str) -> None:
    assert expand(text) == (country, province)


@pytest.mark.parametrize("text", ["Foo.", "Reuters", "", "Pan", "TN", "PA"])
def test_other_words_are_no_province(text: str) -> None:
    assert expand(text) is None


def test_dateline_state_abbreviation_does_not_end_the_sentence() -> None:
    sentences = segment_text("NASHVILLE, Tenn. (WKRN) – A man was shot. He died.")
    assert [s.text for s in sentences] == ["NASHVILLE, Tenn. (WKRN) – A man was shot.", "He died."]
    assert len(segment_text("MT. JULIET, Tenn. (WKRN) – A boy was shot.")) == 1


def test_capital_dateline_is_one_span_read_as_a_name() -> None:
    spans = find_spans("MT. JULIET, Tenn. (WKRN) – A boy was shot on Tuesday.")
    town = spans[0]
    assert (town.text, town.role, town.hint, town.province_country) == (
        "Mount Juliet", "dateline", "Tennessee", "United States")
    assert spans[1].text == "Tennessee" and spans[1].role == "dateline"  # part of the dateline


def test_outlet_in_brackets_after_a_dateline_is_no_container() -> None:
    spans = find_spans("ST. LOUIS (AP) — Two men were shot dead.")
    assert spans[0].text == "St. Louis" and spans[0].role == "dateline" and spans[0].hint == ""


def test_abbreviated_state_after_a_town_is_its_province() -> None:
    spans = find_spans("Two men were shot in Gastonia, N.C. on Friday.")
    assert spans[0].text == "Gastonia" and spans[0].hint == "North Carolina"
    assert spans[0].province_country == "United States"


def test_postal_code_is_no_province() -> None:
    # "TN" is Tamil Nadu in Indian copy as often as Tennessee in American copy
    spans = find_spans("Workers held a protest in Chennai city (Chennai, TN) on Friday.")
    assert all(s.province_country == "" for s in spans)


def test_abbreviated_state_picks_the_town_over_a_bigger_namesake_abroad(geocode: Geocode) -> None:
    doc = geocode(GAZ, "YORK, Pa. — A man was shot and killed Tuesday night, police said.", ["shot"],
                  sub="Attack")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert (place.place.name, place.place.admin1) == ("York", "Pennsylvania")


def test_capital_dateline_town_and_street_words_are_no_other_place(geocode: Geocode) -> None:
    doc = geocode(GAZ, "MT. JULIET, Tenn. (WKRN) – A boy was shot Tuesday afternoon. Deputies were "
                   "called to Davis Corner Road where the boy was found.", ["shot"], sub="Attack")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert (place.place.name, place.place.admin1) == ("Mount Juliet", "Tennessee")
    assert any("'Davis' is no place here (rule street-name-not-place" in n for n in doc.notes)


def test_dateline_town_over_a_place_named_once_after_the_lede(geocode: Geocode) -> None:
    doc = geocode(GAZ, "NASHVILLE, Tenn. (WKRN) – A man accidentally shot himself in the leg on Tuesday. "
                   "He was taken to a hospital. Officers searched the car. They found a handgun "
                   "reported stolen in Wilson County.", ["shot"], sub="Attack")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert place.place.name == "Nashville"


def test_place_of_the_lede_keeps_the_events_over_the_dateline(geocode: Geocode) -> None:
    doc = geocode(GAZ, "NASHVILLE, Tenn. (WKRN) – Police said a man was shot on Tuesday. "
                   "Deputies in Wilson County are investigating the shooting.", ["shot"], sub="Attack")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert place.place.name == "Wilson County"


@pytest.mark.parametrize("text", ["A girl was shot Wednesday in a home in Southeast D.C., police said.",
                                  "Two D.C. officers were hurt."])
def test_capital_district_alone_is_washington(text: str) -> None:
    spans = [s for s in find_spans(text) if "D.C" in text[s.start:s.end]]
    assert len(spans) == 1
    assert (spans[0].text, spans[0].province_country, spans[0].hint) == (
        "Washington", "United States", "District of Columbia")


def test_capital_district_after_washington_stays_its_province() -> None:
    text = "A man was shot in Washington, D.C., on Monday."
    named = [s for s in find_spans(text) if s.text == "Washington"]
    assert len(named) == 1 and text[named[0].start:named[0].end] == "Washington"  # not twice
    assert named[0].province_country == "United States"


@pytest.mark.parametrize(("text", "capital"), [
    ("A car bomb exploded in the Afghan capital on Friday.", "Kabul"),
    ("Gunmen stormed a hotel in Somalia's capital on Friday.", "Mogadishu"),
    ("Clashes erupted on the outskirts of the Iraqi capital.", "Baghdad"),
])
def test_country_capital_is_the_capital_city(text: str, capital: str) -> None:
    spans = [s for s in find_spans(text) if s.text == capital]
    assert len(spans) == 1 and spans[0].explicit
    assert "capital" in text[spans[0].start:spans[0].end]
    assert not any(s.text in ("Somalia", "Afghan", "Iraqi") for s in find_spans(text))


@pytest.mark.parametrize("text", [
    "US air strikes hit the Islamic State group's de facto Syrian capital on Saturday.",
    "Protesters marched in the Kurdish regional capital on Friday.",
    "Fighting spread to the capital of the province on Friday.",
])
def test_a_groups_or_regions_capital_is_not_the_countrys(text: str) -> None:
    assert not any(s.text in ("Damascus", "Baghdad") for s in find_spans(text))


def test_postal_code_checks_the_town_it_follows(geocode: Geocode) -> None:
    # a state's postal code after the town keeps the town's reading in that state...
    doc = geocode(GAZ, "YORK, PA - A man was shot and killed Tuesday night, police said.", ["shot"], sub="Attack")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert (place.place.name, place.place.admin1) == ("York", "Pennsylvania")
    # ...and says nothing where the town has no reading there (Tamil Nadu's "TN", not Tennessee's)
    gaz = MemoryGazetteer([_rec("t:chennai", "Chennai", 13.08, 80.27, "city", 7_000_000, "Tamil Nadu", "IN", "India"),
                           _rec("c:IN", "India", 21.0, 78.0, "country", 1_300_000_000, "", "IN", "India"),
                           _rec("a1:tn", "Tennessee", 35.8, -86.3, "admin1", 6_000_000, "Tennessee")])
    doc = geocode(gaz, "Workers held a protest in Chennai, TN on Friday.", ["protest"], sub="Peaceful protest")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None and place.place.name == "Chennai"
    assert doc.inferred_country == "India"
