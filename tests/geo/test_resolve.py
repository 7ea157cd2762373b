"""Resolution choices: the document's country, short names, organisation names, fallbacks."""

from __future__ import annotations

import pytest

from sitrep.config import Settings
from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.geo.stage import Geocoder
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document, EventCandidate, PlaceMention, Span
from sitrep.taxonomy import TYPE_OF_SUB


def _rec(uid: str, name: str, cc: str, country: str, lat: float, lon: float, kind: str,
         population: int, admin1: str | None = None) -> PlaceRecord:
    return PlaceRecord(uid=uid, name=name, lat=lat, lon=lon, cc=cc, country=country,
                       kind=kind, population=population, admin1=admin1)


GAZ = MemoryGazetteer([
    _rec("c:LB", "Lebanon", "LB", "Lebanon", 33.9, 35.5, "country", 6_000_000),
    _rec("c:ES", "Spain", "ES", "Spain", 40.4, -3.7, "country", 47_000_000),
    _rec("c:IR", "Iran", "IR", "Iran", 35.7, 51.4, "country", 80_000_000),
    _rec("c:UA", "Ukraine", "UA", "Ukraine", 50.4, 30.5, "country", 40_000_000),
    _rec("c:PK", "Pakistan", "PK", "Pakistan", 33.7, 73.1, "country", 200_000_000),
    _rec("t:tripoli", "Tripoli", "LB", "Lebanon", 34.44, 35.83, "city", 230_000, "North"),
    _rec("t:palma", "Palma", "ES", "Spain", 39.57, 2.65, "city", 400_000, "Balearic Islands"),
    _rec("t:qom", "Qom", "IR", "Iran", 34.64, 50.88, "city", 900_000, "Qom"),
    _rec("t:kyiv", "Kyiv", "UA", "Ukraine", 50.45, 30.52, "city", 2_800_000, "Kyiv City"),
    _rec("a1:kyiv-oblast", "Kyiv", "UA", "Ukraine", 49.8, 30.1, "admin1", 1_700_000, "Kyiv"),
    _rec("t:azov", "Azov", "UA", "Ukraine", 47.1, 37.5, "village", 500, "Donetsk"),
    _rec("t:mirpur", "Mirpur Khas", "PK", "Pakistan", 25.53, 69.01, "city", 230_000, "Sindh"),
    _rec("a1:sindh", "Sindh", "PK", "Pakistan", 24.86, 67.01, "admin1", 15_000_000, "Sindh"),
    _rec("t:murree", "Murree", "PK", "Pakistan", 33.9, 73.39, "town", 30_000, "Punjab"),
    _rec("t:rawalpindi", "Rawalpindi", "PK", "Pakistan", 33.6, 73.04, "city", 1_700_000,
         "Punjab"),
    _rec("c:MX", "Mexico", "MX", "Mexico", 19.4, -99.1, "country", 120_000_000),
    _rec("t:oaxaca", "Oaxaca", "MX", "Mexico", 17.06, -96.72, "city", 260_000, "Oaxaca"),
    _rec("t:sanvicente", "San Vicente Coatlan", "MX", "Mexico", 16.4, -96.87, "village", 900,
         "Oaxaca"),
])


def _locate(text: str, trigger: str, country: str | None, *, gaz: MemoryGazetteer = GAZ,
            sub: str = "Peaceful protest") -> Doc:
    resources = Resources(Settings())
    resources.put("geo.gazetteer", gaz)
    doc = Doc(document=Document(id="t", text=text, country=country), country_hint=country)
    doc.sentences = segment_text(text)
    i = text.index(trigger)
    doc.candidates.append(EventCandidate(
        sentence_index=0, trigger=Span(start=i, end=i + len(trigger), text=trigger),
        event_type=TYPE_OF_SUB[sub], sub_event_type=sub))
    return Geocoder(resources)(doc)


def _place(doc: Doc) -> PlaceMention:
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    return place


def test_resolve_document_country_keeps_events_at_home() -> None:
    text = "Drivers blocked the highway at the Palma bridge near Tripoli."
    place = _place(_locate(text, "blocked", "Lebanon"))
    assert place.place.country == "Lebanon"  # type: ignore[union-attr]


def test_resolve_a_country_the_text_names_stays_possible() -> None:
    text = "Lebanese fans protested in Palma, Spain."
    place = _place(_locate(text, "protested", "Lebanon"))
    assert place.place.name == "Palma"  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "country", "name"), [
    ("Shopkeepers protested in Qom on Monday.", "Iran", "Qom"),
    ("Veterans of the Azov Battalion were beaten in Kyiv.", "Ukraine", "Kyiv"),
    ("Residents protested in Mirpurkhas city (Mirpurkhas, Sindh).", "Pakistan", "Mirpur Khas"),
])
def test_resolve_names(text: str, country: str, name: str) -> None:
    trigger = next(w for w in ("protested", "beaten") if w in text)
    doc = _locate(text, trigger, country)
    assert _place(doc).place.name == name  # type: ignore[union-attr]
    assert not any(p.place is not None and p.place.name == "Azov" for p in doc.places)


def test_resolve_event_no_place_locates_goes_to_the_documents_country() -> None:
    doc = _locate("Protesters blocked a road to demand fuel.", "blocked", "Lebanon")
    place = _place(doc)
    assert (place.place.name, place.geo_precision) == ("Lebanon", 3)  # type: ignore[union-attr]
    doc = _locate("Protesters blocked a road to demand fuel.", "blocked", None)
    assert doc.candidates[0].place is None


@pytest.mark.parametrize(("text", "country", "name"), [
    ("Journalists protested outside an office on Murree road in Rawalpindi city.", "Pakistan",
     "Rawalpindi"),
    ("Residents blocked roads on the coast of Oaxaca, near San Vicente Coatlan.", "Mexico",
     "San Vicente Coatlan"),
    ("Migrant workers from Murree protested against police in Rawalpindi.", "Pakistan",
     "Rawalpindi"),
])
def test_resolve_event_place_is_not_a_road_or_the_province(text: str, country: str,
                                                           name: str) -> None:
    trigger = next(w for w in ("protested", "blocked") if w in text)
    assert _place(_locate(text, trigger, country)).place.name == name  # type: ignore[union-attr]


@pytest.mark.parametrize(("sentence", "text", "role", "hint"), [
    ("Health workers protested at Kathua city.", "Kathua", "event", ""),
    ("A man was shot while shopping [unclear if he was off duty] in Lashkargah city.",
     "Lashkargah", "event", ""),
    ("Villagers protested near the Commissioner's Office in Jowai (Jaintia Hills district, "
     "Meghalaya).", "Jowai", "event", "Jaintia Hills district, Meghalaya"),
    ("Villagers protested near the Commissioner's Office in Jowai (Jaintia Hills district, "
     "Meghalaya).", "Commissioner's Office", "event", ""),
])
def test_resolve_span_context(sentence: str, text: str, role: str, hint: str) -> None:
    from sitrep.geo.spans import find_spans

    spans = [s for s in find_spans(sentence) if s.text.endswith(text)]
    assert spans and (spans[0].text, spans[0].role, spans[0].hint) == (text, role, hint)


def test_resolve_province_named_exactly_outvotes_a_foreign_word_town() -> None:
    gaz = MemoryGazetteer([
        _rec("c:GB", "United Kingdom", "GB", "United Kingdom", 51.5, -0.1, "country", 6e7),
        _rec("c:TR", "Turkey", "TR", "Turkey", 39.9, 32.9, "country", 8e7),
        _rec("t:street", "Street", "GB", "United Kingdom", 51.1, -2.7, "town", 12_000,
             "England"),
        _rec("t:ankara", "Ankara", "TR", "Turkey", 39.93, 32.86, "city", 3_500_000, "Ankara"),
        _rec("a1:ankara", "Ankara", "TR", "Turkey", 39.93, 32.86, "admin1", 3_500_000, "Ankara"),
        *[_rec(f"v:ankara{cc}", "Ankara", cc, cc, 10.0 + i, 10.0, "village", 300, "X")
          for i, cc in enumerate(("DJ", "SI", "UA"))],
    ])
    place = _place(_locate("Dismissed workers held a sit-in at Yuksel Street in Ankara.", "sit-in",
                           None, gaz=gaz))
    assert place.place.country == "Turkey"  # type: ignore[union-attr]


def test_resolve_organisation_names_and_lists_of_provinces() -> None:
    gaz = MemoryGazetteer([
        _rec("c:SY", "Syria", "SY", "Syria", 33.5, 36.3, "country", 17_000_000),
        PlaceRecord(uid="t:damascus", name="Damascus", lat=33.5, lon=36.3, cc="SY",
                    country="Syria", kind="city", population=2_000_000, admin1="Dimashq",
                    alt_names=("Al Sham",)),
        _rec("t:sarmin", "Sarmin", "SY", "Syria", 35.9, 36.72, "village", 14_000, "Idlib"),
        _rec("c:AF", "Afghanistan", "AF", "Afghanistan", 34.5, 69.2, "country", 38_000_000),
        _rec("a1:sarepol", "Sar-e Pol", "AF", "Afghanistan", 36.2, 65.9, "admin1", 500_000,
             "Sar-e Pol"),
        _rec("t:sarepol", "Sar-e Pol", "AF", "Afghanistan", 36.2, 65.9, "town", 50_000,
             "Sar-e Pol"),
        _rec("a1:jowzjan", "Jowzjan", "AF", "Afghanistan", 36.7, 65.7, "admin1", 500_000,
             "Jowzjan"),
    ])
    doc = _locate("Members of Al Sham Corps clashed with gunmen near Sarmin.", "clashed", "Syria",
                  gaz=gaz, sub="Armed clash")
    assert _place(doc).place.name == "Sarmin"  # type: ignore[union-attr]
    assert not any(p.place is not None and p.place.name == "Damascus" for p in doc.places)
    doc = _locate("Two policemen were killed in an ambush between Sar-e Pol and Jowzjan provinces.",
                  "ambush", "Afghanistan", gaz=gaz, sub="Armed clash")
    assert _place(doc).place.name == "Sar-e Pol"  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "country", "name", "kind"), [
    ("Rioters blocked the Tripoli-Beirut highway with stones.", "Lebanon", "Tripoli", "city"),
    ("Hundreds of people protested in Kyiv against the ruling.", "Ukraine", "Kyiv", "city"),
])
def test_resolve_joined_names_and_capital_cities(text: str, country: str, name: str,
                                                 kind: str) -> None:
    trigger = next(w for w in ("blocked", "protested") if w in text)
    place = _place(_locate(text, trigger, country)).place
    assert (place.name, place.kind) == (name, kind)  # type: ignore[union-attr]


@pytest.mark.parametrize("sentence", [
    "On 8 May 2020, Boko Haram raided several houses in a village.",
    "Saudi forces reportedly deployed to the entrances of the town.",
    "Saudi-led coalition airstrikes targeted the district.",
])
def test_resolve_group_and_coalition_names_are_not_place_spans(sentence: str) -> None:
    from sitrep.geo.spans import find_spans

    assert not [s for s in find_spans(sentence) if s.text.startswith(("Boko", "Saudi"))]



def test_resolve_a_repeated_name_is_no_neighbour_of_itself() -> None:
    """Rule no-self-support: "Dallas County" named twice is the county beside the report's Dallas,
    not the first Dallas County the gazetteer lists because its two mentions lie near each other."""
    us = ("US", "United States")
    gaz = MemoryGazetteer([
        _rec("c:US", "United States", *us, 38.9, -77.0, "country", 300_000_000),
        _rec("a2:dallas-al", "Dallas", *us, 32.43, -87.0, "admin2", 0, "Alabama"),
        _rec("a2:dallas-tx", "Dallas", *us, 32.77, -96.78, "admin2", 0, "Texas"),
        _rec("t:dallas", "Dallas", *us, 32.78, -96.8, "city", 1_300_000, "Texas"),
    ])
    text = ("Two Dallas County officers were hurt in Dallas on Thursday. Dallas County officials "
            "closed the college.")
    doc = _locate(text, "hurt", "United States", gaz=gaz, sub="Attack")
    counties = [pm.place.admin1 for pm in doc.places if pm.place is not None and pm.place.kind == "admin2"]
    assert counties and set(counties) == {"Texas"}
