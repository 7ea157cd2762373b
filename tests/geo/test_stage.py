from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.geo.gazetteer import MemoryGazetteer
from sitrep.geo.spans import find_spans
from sitrep.schema import Doc


@pytest.mark.parametrize(("text", "place", "precision"), [
    ("Clashes erupted in “Halab al-Jadideh” district, west of Aleppo.", "New Aleppo", 1),
    ("Five civilians were killed in the neighbourhood “al-Masharqa”.", "Masharqa", 1),
    ("Rebels advanced in the vicinity of 3000 Apartments neighborhood west of Aleppo.",
     "Aleppo", 2),
    ("Shelling hit Idleb on Monday.", "Idlib", 1),
])
def test_stage_event_location(memory_gazetteer: MemoryGazetteer, text: str, place: str,
                              precision: int, geocode: Callable[..., Doc]) -> None:
    trigger = next(w for w in ("Clashes", "killed", "advanced", "Shelling") if w in text)
    doc = geocode(memory_gazetteer, text, [trigger])
    cand = doc.candidates[0]
    assert cand.place is not None and cand.place.place is not None
    assert cand.place.place.name == place
    assert cand.place.geo_precision == precision
    assert cand.place.place.iso3 == "SYR" and cand.place.place.country == "Syria"


def test_stage_hospital_is_not_the_event_location(memory_gazetteer: MemoryGazetteer, geocode: Callable[..., Doc]) -> None:
    text = ("The military hospital in Aleppo received 57 bodies, while five civilians were "
            "killed in the neighbourhood “al-Masharqa”.")
    doc = geocode(memory_gazetteer, text, ["received"])
    assert doc.candidates[0].place.place.name == "Masharqa"  # type: ignore[union-attr]
    roles = {p.span.text: p.role for p in doc.places}
    assert roles["Aleppo"] == "source"


def test_stage_unknown_place_does_not_wipe_others(memory_gazetteer: MemoryGazetteer, geocode: Callable[..., Doc]) -> None:
    text = ("Fighting in the village of Menyan. Regime shelling hit al-Masharqa in Aleppo.")
    doc = geocode(memory_gazetteer, text, ["Fighting", "shelling"])
    first, second = doc.candidates
    assert second.place.place.name == "Masharqa"  # type: ignore[union-attr]
    assert first.place is not None and first.place.geo_precision >= 2
    assert any(p.place and p.place.name == "Masharqa" for p in doc.places)


def test_stage_country_hint_breaks_ties(memory_gazetteer: MemoryGazetteer, geocode: Callable[..., Doc]) -> None:
    doc = geocode(memory_gazetteer, "A protest was held in Aleppo.", ["protest"],
               hint="United States")
    assert doc.candidates[0].place.place.country == "United States"  # type: ignore[union-attr]
    doc = geocode(memory_gazetteer, "A protest was held in Aleppo.", ["protest"])
    assert doc.candidates[0].place.place.country == "Syria"  # type: ignore[union-attr]


def test_stage_sentence_without_place_inherits(memory_gazetteer: MemoryGazetteer, geocode: Callable[..., Doc]) -> None:
    doc = geocode(memory_gazetteer, "Clashes hit Idlib. Later, more people died.",
               ["Clashes", "died"])
    inherited = doc.candidates[1].place
    assert inherited is not None and inherited.place.name == "Idlib"  # type: ignore[union-attr]
    assert inherited.geo_precision == 2


@pytest.mark.parametrize(("sentence", "text", "role"), [
    ("Bodies were taken to the hospital in Aleppo.", "Aleppo", "source"),
    ("The boy was taken to Northside Medical Center in Riverton, where he died.", "Riverton", "source"),
    ("She was flown to a trauma center in Riverton.", "Riverton", "source"),
    ("Shelling damaged a clinic in Riverton.", "Riverton", "event"),  # the clinic was the target
    ("Gunmen attacked a health center in Riverton.", "Riverton", "event"),
    # rule hospital-hit: the hospital struck is the event's place, the one counting is a source
    ("Russian warplanes struck a hospital in Idlib province.", "Idlib", "event"),
    ("Air strikes on a field hospital in Saraqib killed five medics.", "Saraqib", "event"),
    ("Seven died, doctors at a hospital in Damascus said.", "Damascus", "source"),
    ("Capturing Aleppo would mean a collapse.", "Aleppo", "event"),
    ("Its fall would make the regime lose Aleppo.", "Aleppo", "hypothetical"),
    ("Fighting near Aleppo.", "Aleppo", "event"),
])
def test_stage_span_roles(sentence: str, text: str, role: str) -> None:
    spans = [s for s in find_spans(sentence) if s.text.endswith(text)]
    assert spans and spans[0].role == role


@pytest.fixture
def defaults_only(memory_gazetteer: MemoryGazetteer) -> MemoryGazetteer:
    """The test gazetteer without its neighbourhood layer (as with the default data only)."""
    return MemoryGazetteer([r for r in memory_gazetteer._records if r.kind != "neighbourhood"])


@pytest.mark.parametrize("text", ["Clashes erupted in “Halab al-Jadideh” district.",
                                  "Clashes hit army positions in Halab al-Jadideh district."])
def test_stage_district_named_after_its_city_stands_in_for_it_under_its_own_name(
        defaults_only: MemoryGazetteer, geocode: Callable[..., Doc], text: str) -> None:
    # rule named-part-of-place: "Halab al-Jadideh" (New Aleppo) is not Aleppo itself; without a
    # neighbourhood layer it stands in for Aleppo under its own name, like an unknown district
    doc = geocode(defaults_only, text, ["Clashes"])
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert (place.place.name, place.span.text, place.fallback_from, place.geo_precision, place.where_prec) == (
        "Aleppo", "Halab al-Jadideh", "Halab al-Jadideh", 2, 2)


def test_stage_unknown_district_west_of_a_city_stands_in_for_the_city(
        memory_gazetteer: MemoryGazetteer, geocode: Callable[..., Doc]) -> None:
    text = "Clashes erupted in the district of “3000 apartments project”, west of Aleppo, at dawn."
    doc = geocode(memory_gazetteer, text, ["Clashes"])
    (mention,) = [p for p in doc.places if "3000" in p.span.text]
    assert mention.place is not None
    assert (mention.place.name, mention.place.kind, mention.geo_precision) == ("Aleppo", "city", 2)


def test_stage_district_named_with_its_province_city_is_the_location(geocode: Callable[..., Doc]) -> None:
    """"in Maywand district, Kandahar": the district, not the province's namesake city."""
    from sitrep.geo.gazetteer import PlaceRecord

    af = {"cc": "AF", "country": "Afghanistan", "iso3": "AFG", "admin1": "Kandahar"}
    gaz = MemoryGazetteer([
        PlaceRecord(uid="c:kandahar", name="Kandahar", lat=31.61, lon=65.71, kind="city",
                    population=390_000, **af),  # type: ignore[arg-type]
        PlaceRecord(uid="a1:kandahar", name="Kandahar", lat=31.61, lon=65.71, kind="admin1",
                    **af),  # type: ignore[arg-type]
        PlaceRecord(uid="a2:maywand", name="Maywand", lat=31.66, lon=65.06, kind="admin2",
                    admin2="Maywand", **af),  # type: ignore[arg-type]
    ])
    doc = geocode(gaz, "Ten militants were killed by an airstrike in Maywand district, Kandahar.",
               ["killed"], hint="Afghanistan")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert place.place.name == "Maywand" and place.geo_precision == 2


def test_stage_place_north_of_the_city_is_not_a_namesake_far_away(geocode: Callable[..., Doc]) -> None:
    """"Rubizhne north-east of the city" in a Kharkiv report: not the Rubizhne 190 km away."""
    from sitrep.geo.gazetteer import PlaceRecord

    ua = {"cc": "UA", "country": "Ukraine", "iso3": "UKR"}
    gaz = MemoryGazetteer([
        PlaceRecord(uid="c:kharkiv", name="Kharkiv", lat=49.98, lon=36.25, kind="city",
                    population=1_400_000, admin1="Kharkiv", **ua),  # type: ignore[arg-type]
        PlaceRecord(uid="t:rubizhne", name="Rubizhne", lat=49.01, lon=38.38, kind="town",
                    population=56_000, admin1="Luhansk", **ua),  # type: ignore[arg-type]
    ])
    text = ("Russian forces shelled Kharkiv on Saturday. Ukrainian troops recaptured the village "
            "of Rubizhne north-east of the city on Saturday.")
    doc = geocode(gaz, text, ["recaptured"], hint="Ukraine")
    place = doc.candidates[0].place
    assert place is not None and place.place is not None
    assert place.place.name == "Kharkiv" and place.geo_precision == 2
    far = geocode(gaz, "Ukrainian troops recaptured the town of Rubizhne on Saturday.", ["recaptured"],
               hint="Ukraine")
    assert far.candidates[0].place.place.name == "Rubizhne"  # type: ignore[union-attr]


def test_stage_two_districts_of_one_city_in_one_clause_are_two_places(
        defaults_only: MemoryGazetteer, geocode: Callable[..., Doc]) -> None:
    text = "Rebels attacked army positions in “Halab al-Jadideh” district and the district of “3000 apartments project”."
    doc = geocode(defaults_only, text, ["attacked"])
    names = sorted(c.place.span.text for c in doc.candidates if c.place is not None)
    assert names == ["3000 apartments project", "Halab al-Jadideh"]


def test_named_part_needs_a_trailing_adjective_after_the_known_head() -> None:
    from dataclasses import replace

    from sitrep.geo.resolve import named_part

    def part_of(text: str, head: str) -> str | None:
        span = next(s for s in find_spans(f"Shelling hit {text} on Monday.") if s.text == text)
        start = span.start + text.index(head)
        whole = named_part(span, replace(span, start=start, end=start + len(head), text=head, partial=True))
        return whole.text if whole is not None else None

    assert part_of("Halab al-Jadideh", "Halab") == "Halab al-Jadideh"
    assert part_of("Mosul al-Qadima", "Mosul") == "Mosul al-Qadima"
    assert part_of("Halab Kafr Hamra", "Halab") is None  # another name follows, not an adjective
    assert part_of("East Aleppo", "Aleppo") is None  # the adjective first: a side of the city


def test_stage_a_name_prefix_makes_a_place_of_its_own(memory_gazetteer: MemoryGazetteer,
                                                      geocode: Callable[..., Doc]) -> None:
    # rule name-prefix-makes-a-place: "Kafr Aleppo" (a village) is not Aleppo; unknown, it keeps
    # its own name wherever it stands in, and never reads as Aleppo itself
    doc = geocode(memory_gazetteer, "Air strikes hit the village of Kafr Aleppo on Monday.", ["Air strikes"])
    assert not [p for p in doc.places if p.span.text == "Aleppo"]
    place = doc.candidates[0].place
    assert place is None or place.span.text == "Kafr Aleppo"


@pytest.mark.parametrize("word", ["Southwest", "North", "East", "north-west"])
def test_stage_a_bearing_alone_names_no_place(word: str) -> None:
    # "the 3100 block of Cedar Avenue Southwest" named no South West City
    from sitrep.geo.spans import is_stop

    assert is_stop(word)
    assert not is_stop(f"{word} Kivu")
