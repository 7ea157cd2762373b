"""One event is one place: lists of places, a part named in brackets, a city-level report beside a
place named inside the city, a place name read as a person. Team-made sentences and places."""

from __future__ import annotations

from datetime import date

from sitrep.dedup.index import same_people
from sitrep.dedup.features import doc_context
from sitrep.dedup.match import match_events
from sitrep.dedup.particulars import named_place, other_places, particular_places
from sitrep.schema import Event, Evidence


def _event(sentence: str, location: str, mention: str | None = None, *, precision: int = 1,
           doc: str = "d1", admin1: str | None = "Northland", admin2: str | None = None,
           fallback: str | None = None) -> Event:
    evidence = [Evidence(doc_id=doc, field="location", start=0, end=len(mention), text=mention)] if mention else []
    return Event(event_id_cnty=f"XX-{doc}", event_date=date(2024, 5, 3), year=2024, time_precision=1,
                 disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
                 actor1="Military Forces of Xland", inter1=1, actor2="Rebels (Xland)", inter2=2,
                 interaction="12", country="Xland", admin1=admin1, admin2=admin2, location=location,
                 latitude=35.0, longitude=36.0, geo_precision=precision, geo_fallback=fallback, source="test",
                 notes=sentence, fatalities=0, doc_id=doc, doc_ids=[doc], evidence=evidence)


def test_every_item_of_a_list_is_a_place() -> None:
    assert particular_places("Rebels attacked posts in Kordo and Sami Bel of Varn district, Northland.") \
        == ["Kordo", "Sami Bel", "Varn", "Northland"]
    assert particular_places("Roads were closed around Tavar and Lune Mara in protest.") == ["Tavar", "Lune Mara"]
    assert particular_places("Riots went on in the Bemal area (Ostra) as roads were blocked.") == ["Bemal", "Ostra"]
    # a day is no place, and what follows it is no list of places
    assert particular_places("On Sunday, Korrin was arrested.") == []


def test_a_list_of_villages_is_no_vaguer_account_of_their_district() -> None:
    one = _event("Rebels killed 2 soldiers in Tesh Ora of Varn district, Northland.", "Varn", "Varn district",
                 precision=2, admin2="Varn", doc="a")
    two = _event("Rebels killed 3 soldiers in Kordo and Sami Bel of Varn district, Northland.", "Varn",
                 "Varn district", precision=2, admin2="Varn", doc="b")
    assert named_place(one) == ("Tesh Ora", "Varn")
    assert other_places(two) == ["Kordo", "Sami Bel"]
    m = match_events(one, two)
    assert not m.ok and m.reason == "place"
    assert m.features["place_refused"] == "vaguer_names_another_place"


def test_a_list_is_stood_for_by_its_container() -> None:
    both = _event("Rebels attacked a convoy in the Kordo and Sami Bel areas of Varn district, Northland.",
                  "Northland", "Northland", doc="a")
    one = _event("Rebels attacked a convoy in Sami Bel area of Varn district, Northland.", "Northland",
                 "Northland", doc="b")
    assert named_place(both) == ("Varn", "Northland")
    assert named_place(one) == ("Sami Bel", "Northland")
    m = match_events(both, one)
    assert not m.ok and m.features["place_refused"] == "unresolved_apart"


def test_a_city_level_report_is_no_vaguer_account_of_a_part_of_the_city() -> None:
    part = _event("Riots went on in the Bemal area (Ostra) as roads were blocked.", "Bemal", "Bemal", doc="a")
    city = _event("Rioters blocked roads in Bemal.", "Bemal", "Bemal", precision=2, admin2="Ostwick Metro", doc="b")
    assert named_place(part) == ("Ostra", "Bemal")
    m = match_events(part, city)
    assert not m.ok and m.features["place_refused"] == "vaguer_is_a_city"


def test_a_district_level_report_may_stand_for_a_village_in_it() -> None:
    village = _event("Rebels killed 2 soldiers in Tesh Ora of Varn district, Northland.", "Varn", "Varn district",
                     precision=2, admin2="Varn", doc="a")
    district = _event("Rebels killed 2 soldiers in Varn district, Northland.", "Varn", "Varn district",
                      precision=2, admin2="Varn", doc="b")
    assert match_events(village, district).ok


def test_a_street_is_no_place_of_its_own() -> None:
    street = _event("A man was shot on Elm Street.", "Bemal", precision=2, fallback="Bemal", doc="a")
    street = street.model_copy(update={"location": "Elm Street"})
    city = _event("Police said a man was shot.", "Bemal", precision=2, doc="b")
    assert match_events(street, city).ok


def test_a_place_in_both_documents_is_no_person() -> None:
    text_a = "Crowds closed roads around Tavar and Lune Mara on Monday. Lune Mara saw the largest crowds."
    text_b = "Protesters gathered in Oskel on Monday. Lune Mara was calm, residents said."
    a = _event("Crowds closed roads around Tavar and Lune Mara on Monday.", "Tavar", "Tavar", doc="a")
    b = _event("Protesters gathered in Oskel on Monday.", "Oskel", "Oskel", doc="b")
    ctx = {"a": doc_context(text_a), "b": doc_context(text_b)}
    m = same_people(a, [b], lambda e: ctx.get(e.doc_id or ""))
    assert m is None or (not m.ok and m.features["people_refused"] == "named_as_place")
