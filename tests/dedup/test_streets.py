"""Rules ``streets-apart`` and ``same-street`` (issue 23): the address local news gives is the finest
place name two outlets share; two shootings in one city on one day give two addresses.

Team-made reports; points set by hand (one deliberately off, as a geocoder slips).
"""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.dedup.features import doc_context, street_names
from sitrep.dedup.index import MergeIndex
from sitrep.dedup.merge import merge_cluster
from sitrep.schema import Event

DAY = date(2018, 5, 6)


def _event(doc: str, lat: float, lon: float, location: str, admin1: str, *, precision: int = 1,
           day: date = DAY) -> Event:
    return Event(event_id_cnty=f"USA-{doc}", event_date=day, year=day.year, time_precision=1,
                 disorder_type="Political violence", event_type="Violence against civilians",
                 sub_event_type="Attack", actor1="Unidentified Armed Group (United States)", inter1=3,
                 actor2="Civilians (United States)", inter2=7, interaction="37", country="United States",
                 admin1=admin1, location=location, latitude=lat, longitude=lon, geo_precision=precision,
                 source="test", notes="A man was shot.", fatalities=0, doc_id=doc, doc_ids=[doc])


@pytest.mark.parametrize(("text", "streets"), [
    ("Officers went to the 1200 block of North Larkin Avenue on Sunday.", {"larkin"}),
    ("He was shot near 418 W. Larkin Ave. early Sunday.", {"larkin"}),
    ("at the corner of Beach 40th Street and Dover Road", {"beach40th", "dover"}),
    ("inside Ramos's Dover Road apartment", {"dover"}),
    ("along Ocean Front Walk and Oceanfront Way", {"oceanfront"}),
    ("He will appear in 12th District Court on Monday.", set()),
    ("They live at 9 Juniper Court.", {"juniper"}),
    ("A man was shot in the city on Sunday.", set()),
    # rule address-is-no-place: the street after "block of", with or without "Street"
    ("shot in the 15400 block of Pine Hollow on the city's west side", {"pinehollow"}),
    ("at the 15000 block of Pine Hollow Street, near Keller Street", {"pinehollow", "keller"}),
    # a long word's point ends the sentence; an abbreviation's does not
    ("It happened in the 700 block of Pine Hollow. That's east of Keller Ave.", {"pinehollow", "keller"}),
    ("in the 100 block of N. Pine Hollow on Monday", {"pinehollow"}),
])
def test_street_names_fold_outlets_spellings(text: str, streets: set[str]) -> None:
    assert street_names(text) == streets


A = "A man was shot on Sunday in the 1200 block of North Larkin Avenue, police said."
B = "Police said the man shot Sunday near Larkin Ave. was taken to a hospital."
OTHER = "A woman was shot on Sunday in the 300 block of Dover Road, police said."


def test_two_addresses_on_one_day_in_one_city_are_two_shootings() -> None:
    index = MergeIndex(contexts={"a": doc_context(A, published=DAY), "other": doc_context(OTHER, published=DAY)})
    index.add(_event("a", 41.88, -87.63, "Chicago", "Illinois", precision=2))
    _, match = index.add(_event("other", 41.88, -87.63, "Chicago", "Illinois", precision=2))
    assert match is None  # same point, same day, same type: the addresses set them apart
    assert len(index.events()) == 2


def test_one_street_named_by_two_outlets_joins_a_slipped_geocode() -> None:
    index = MergeIndex(contexts={"a": doc_context(A, published=DAY), "b": doc_context(B, published=DAY)})
    first, _ = index.add(_event("a", 41.88, -87.63, "Chicago", "Illinois", precision=2))
    # the second outlet's report was geocoded to a suburb 40 km away: beyond the place gate
    cid, match = index.add(_event("b", 42.18, -87.85, "Highwood", "Illinois"))
    assert cid == first and match is not None
    assert match.features["decision"] == "same street" and match.features["streets"] == ["larkin"]


def test_one_street_name_in_two_states_is_two_places() -> None:
    index = MergeIndex(contexts={"a": doc_context(A, published=DAY), "b": doc_context(B, published=DAY)})
    index.add(_event("a", 41.88, -87.63, "Chicago", "Illinois", precision=2))
    _, match = index.add(_event("b", 29.76, -95.37, "Houston", "Texas", precision=2))
    assert match is None


def test_a_merged_place_is_the_one_most_reports_agree_on() -> None:
    reports = [_event("a", 41.88, -87.63, "Chicago", "Illinois", precision=2),
               _event("b", 40.58, -74.15, "Eltingville", "New York", precision=1),
               _event("c", 41.79, -87.60, "Hyde Park", "Illinois", precision=1)]
    merged = merge_cluster(reports)
    # two reports place it in Chicago; the more precise of those two wins, not the lone slip
    assert (merged.location, merged.admin1) == ("Hyde Park", "Illinois")
    # two reports that disagree: the more precise one, as before
    assert merge_cluster(reports[:2]).location == "Eltingville"


def test_a_report_placed_only_at_its_state_meets_a_town_inside_it() -> None:
    """Rule region-holds-its-places: 'in an Alaska hotel room' is anywhere in Alaska; its distance
    from the state's seat to the town another outlet names says nothing."""
    index = MergeIndex()
    first, _ = index.add(_event("state", 61.2, -149.9, "Alaska", "Alaska", precision=3))
    cid, match = index.add(_event("town", 64.84, -147.72, "Fairbanks", "Alaska", precision=2))
    assert cid == first and match is not None
    assert match.features["place_rule"] == "region_holds_its_places"
    # a town of another state is not inside it
    _, other = index.add(_event("far", 47.6, -122.3, "Seattle", "Washington", precision=2))
    assert other is None


def test_a_report_of_another_kind_of_happening_is_no_bound_on_the_deaths() -> None:
    """Rule deaths-of-its-own-kind: the bomb that killed the gunman (1), reported beside the
    shooting that killed five officers, does not make the shooting's conservative figure 1."""
    shooting = [_event("a", 32.78, -96.8, "Dallas", "Texas", precision=1).model_copy(update={"fatalities": 5}),
                _event("b", 32.78, -96.8, "Dallas", "Texas", precision=1).model_copy(update={"fatalities": 5})]
    bomb = _event("c", 32.78, -96.8, "Dallas", "Texas", precision=1).model_copy(update={
        "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
        "fatalities": 1})
    merged = merge_cluster([*shooting, bomb])
    assert merged.event_type == "Violence against civilians" and merged.fatalities == 5
    # two reports of one kind that disagree: the conservative figure, as ACLED codes it
    assert merge_cluster([shooting[0], shooting[1].model_copy(update={"fatalities": 3})]).fatalities == 3
