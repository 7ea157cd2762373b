"""Where a whole article's events happened (issue 22, FA-KES governorate): a place word inside an
armed group's name, the initials in brackets after a name, a placeless lede, an unknown name the
article places elsewhere, and a foreign country named beside an unknown village (team-made
sentences, a small hand-made gazetteer)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.geo.spans import find_spans, is_organisation
from sitrep.schema import Doc
from tests.helpers import candidate_place

_SY = {"cc": "SY", "country": "Syria", "iso": 760, "iso3": "SYR", "region": "Middle East"}
_IQ = {"cc": "IQ", "country": "Iraq", "iso": 368, "iso3": "IRQ", "region": "Middle East"}
_JO = {"cc": "JO", "country": "Jordan", "iso": 400, "iso3": "JOR", "region": "Middle East"}
GAZ = MemoryGazetteer([
    PlaceRecord(uid="c:SY", name="Syria", lat=35.0, lon=38.0, kind="country",
                population=17_000_000, **_SY),
    PlaceRecord(uid="c:IQ", name="Iraq", lat=33.0, lon=44.0, kind="country",
                population=38_000_000, **_IQ),
    PlaceRecord(uid="c:JO", name="Jordan", lat=31.0, lon=36.0, kind="country",
                population=10_000_000, **_JO),
    PlaceRecord(uid="t:aleppo", name="Aleppo", lat=36.20, lon=37.16, kind="city",
                admin1="Aleppo", population=2_000_000, **_SY),
    PlaceRecord(uid="t:damascus", name="Damascus", lat=33.51, lon=36.29, kind="city",
                admin1="Damascus", population=2_500_000, alt_names=("Sham",), **_SY),
    PlaceRecord(uid="t:idlib", name="Idlib", lat=35.93, lon=36.63, kind="city", admin1="Idlib",
                population=130_000, **_SY),
    PlaceRecord(uid="a1:idlib", name="Idlib", lat=35.93, lon=36.63, kind="admin1",
                admin1="Idlib", population=1_500_000, **_SY),
    PlaceRecord(uid="t:hama", name="Hama", lat=35.13, lon=36.75, kind="city", admin1="Hama",
                population=700_000, **_SY),
    PlaceRecord(uid="t:kafrzita", name="Kafr Zita", lat=35.37, lon=36.60, kind="town",
                admin1="Hama", population=20_000, **_SY),
    PlaceRecord(uid="t:daraa", name="Daraa", lat=32.62, lon=36.10, kind="city", admin1="Daraa",
                population=100_000, **_SY),
    PlaceRecord(uid="t:deir", name="Deir ez-Zor", lat=35.33, lon=40.14, kind="city",
                admin1="Deir ez-Zor", population=270_000, **_SY),
])


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # rule place-in-a-name: the group's name says nothing about where, nor about the country
    ("Fighters of the Islamic State of Iraq and the Levant executed nine men in Deir ez-Zor.",
     "executed", ("Deir ez-Zor", "Deir ez-Zor")),
    ("Militants of Ahrar al-Sham attacked army posts in Hama on Sunday.", "attacked",
     ("Hama", "Hama")),
])
def test_event_place_article_place_in_a_group_name_is_not_the_place(
        text: str, trigger: str, expected: tuple[str, str], geocode: Callable[..., Doc]) -> None:
    doc = geocode(GAZ, text, [trigger])
    assert candidate_place(doc) == expected
    assert doc.inferred_country == "Syria"
    assert not any(p.place is not None and p.place.name in ("Iraq", "Damascus") for p in doc.places)


def test_event_place_article_initials_in_brackets_are_no_container() -> None:
    # rule acronym-is-no-container: "(SOHR)" abbreviates the name before it
    (rights, *_rest) = [s for s in find_spans(
        "Seven died, the Syrian Observatory for Human Rights (SOHR) said.") if "Human" in s.text]
    assert (rights.explicit, rights.hint) == (False, "")
    (village,) = [s for s in find_spans("Shelling hit Kabusha (Kalehe, Sud-Kivu).")
                  if s.text == "Kabusha"]
    assert (village.explicit, village.hint) == (True, "Kalehe, Sud-Kivu")


def test_event_place_article_possessive_without_apostrophe_is_an_organisation() -> None:
    assert is_organisation("the Kurdish Democratic Union Partys")
    assert not is_organisation("Homs")


def test_event_place_article_unknown_name_keeps_the_place_the_article_gives_it(geocode: Callable[..., Doc]) -> None:
    # rule unknown-name-one-place: "the district of Sevra" is in Idlib, not Aleppo, the story's city
    text = ("A vacuum bomb hit the district of Sevra on Monday. "
            "The district of Sevra in the province of Idlib was struck by aircraft. "
            "Aleppo was quiet. Aleppo markets opened. Aleppo schools closed.")
    doc = geocode(GAZ, text, ["hit"])
    assert candidate_place(doc) == ("Idlib", "Idlib")
    assert doc.candidates[0].place is not None and doc.candidates[0].place.fallback_from == "Sevra"


def test_event_place_article_foreign_country_beside_an_unknown_village_is_no_container(geocode: Callable[..., Doc]) -> None:
    # rule fallback-stays-home: "from Jordan" says where the fighters came from
    text = ("The army killed fighters from Jordan in the Manshiya district on Sunday. "
            "Daraa was shelled. Daraa was calm.")
    doc = geocode(GAZ, text, ["killed"])
    assert candidate_place(doc) == ("Daraa", "Daraa")
    assert doc.candidates[0].place is not None and doc.candidates[0].place.fallback_from == "Manshiya"


def test_event_place_article_unknown_group_named_after_its_country_still_tells_the_country(
        geocode: Callable[..., Doc]) -> None:
    """Only a known group's name is set aside: an unknown group's name ("the Jordan Liberation
    Front") may be the one word of the report's country, so it still counts."""
    text = "Gunmen of the Jordan Liberation Front attacked a police post on Sunday, killing two."
    doc = geocode(GAZ, text, ["attacked"])
    assert doc.inferred_country == "Jordan"


def test_event_place_article_country_alone_takes_the_story_place_inside_it(
        geocode: Callable[..., Doc]) -> None:
    """Rule country-is-no-location: a clause naming only the country ("in northern Syria") puts
    its event at the story's place inside that country, at precision 2, not at the country."""
    text = ("Warplanes struck a market in Idlib on Monday. "
            "The strikes killed nine people in northern Syria, a monitor said.")
    doc = geocode(GAZ, text, ["struck", "killed"])
    assert candidate_place(doc, 0) == ("Idlib", "Idlib")
    assert candidate_place(doc, 1) == ("Idlib", "Idlib")
    assert doc.candidates[1].place is not None and doc.candidates[1].place.geo_precision == 2


def test_event_place_article_country_stays_when_the_story_names_no_place_in_it(
        geocode: Callable[..., Doc]) -> None:
    """... and stays the country when the story names no place inside it, or only places abroad."""
    doc = geocode(GAZ, "Gunmen killed four soldiers in Syria on Monday.", ["killed"])
    assert candidate_place(doc, 0) == ("Syria", None)
    doc = geocode(GAZ, "Officials met in Jordan. Gunmen killed four soldiers in Syria on Monday.",
                  ["killed"])
    assert candidate_place(doc, 0) == ("Syria", None)
