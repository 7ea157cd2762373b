"""The governorate of a whole article's events (issue 19, FA-KES location): the report's focus is a
place inside the country it names, a placeless lede happened where the body next places it, and
the province the text gives a name decides between its homonyms (team-made sentences, a small
hand-made gazetteer)."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.schema import Doc
from tests.helpers import candidate_place

_SY = {"cc": "SY", "country": "Syria", "iso": 760, "iso3": "SYR", "region": "Middle East"}
GAZ = MemoryGazetteer([
    PlaceRecord(uid="c:SY", name="Syria", lat=35.0, lon=38.0, kind="country",
                population=17_000_000, **_SY),
    PlaceRecord(uid="t:aleppo", name="Aleppo", lat=36.20, lon=37.16, kind="city",
                admin1="Aleppo", population=2_000_000, **_SY),
    PlaceRecord(uid="a1:aleppo", name="Aleppo", lat=36.20, lon=37.16, kind="admin1",
                admin1="Aleppo", population=4_000_000, **_SY),
    PlaceRecord(uid="t:hama", name="Hama", lat=35.13, lon=36.75, kind="city", admin1="Hama",
                population=700_000, **_SY),
    PlaceRecord(uid="a1:quneitra", name="Quneitra", lat=33.12, lon=35.82, kind="admin1",
                admin1="Quneitra", population=90_000, **_SY),
    PlaceRecord(uid="t:deir", name="Deir ez-Zor", lat=35.33, lon=40.14, kind="city",
                admin1="Deir ez-Zor", population=270_000, **_SY),
    # a village of Aleppo province whose name is the name of a village in Quneitra the
    # gazetteer does not hold
    PlaceRecord(uid="v:zarqin", name="Zarqin", lat=36.05, lon=37.40, kind="village",
                admin1="Aleppo", population=3_000, **_SY),
    PlaceRecord(uid="v:tallsafa", name="Tall Safa", lat=35.40, lon=40.30, kind="village",
                admin1="Deir ez-Zor", population=4_000, **_SY),
])



def test_focus_is_a_place_inside_the_country(geocode: Callable[..., Doc]) -> None:
    """Rule focus-is-a-place-in-the-country: "Syria" named more often than Hama does not make
    a sentence naming no place happen in "Syria"."""
    text = ("Syria is at war. The war in Syria goes on. Rebels attacked an army post in Hama. "
            "Later the fighting resumed after dark.")
    doc = geocode(GAZ, text, ["resumed"])
    assert candidate_place(doc) == ("Hama", "Hama")


def test_placeless_lede_takes_the_place_the_body_gives(geocode: Callable[..., Doc]) -> None:
    """Rule lede-takes-the-body-place: a headline naming no place happened where the next
    sentences place it, not in the city the report names most."""
    text = ("Army repels attack, kills ten militants. "
            "The army repelled an attack on one of its posts in Tall Safa on Monday. "
            "In Aleppo the army advanced. Aleppo was calm later. Aleppo markets opened.")
    doc = geocode(GAZ, text, ["repels"])
    assert candidate_place(doc) == ("Tall Safa", "Deir ez-Zor")
    assert doc.candidates[0].place is not None and doc.candidates[0].place.geo_precision >= 2


def test_placeless_lede_reaches_only_a_few_sentences(geocode: Callable[..., Doc]) -> None:
    text = ("Army repels attack. One. Two. Three. Four. "
            "Later the army entered Tall Safa. Aleppo was calm. Aleppo markets opened.")
    doc = geocode(GAZ, text, ["repels"])
    assert candidate_place(doc) == ("Aleppo", "Aleppo")


def test_province_given_decides_between_homonyms(geocode: Callable[..., Doc]) -> None:
    """Rule province-given-decides: "Zarqin in Quneitra province" is not the Zarqin of Aleppo
    province where the report names it alone."""
    text = ("An air strike hit a car in the town of Zarqin on Wednesday. "
            "A drone targeted their car at the entrance of Zarqin in Quneitra province.")
    doc = geocode(GAZ, text, ["air strike", "drone"])
    assert candidate_place(doc, 0)[1] == "Quneitra"
    assert candidate_place(doc, 1)[1] == "Quneitra"


def test_distance_from_a_city_is_no_province_given(geocode: Callable[..., Doc]) -> None:
    """"Zarqin 60 km east of Aleppo" measures from the city; it gives no province that would
    re-read the other mentions."""
    text = ("Shelling hit the town of Zarqin 60 km east of Aleppo. "
            "Rebels in Zarqin fired back.")
    doc = geocode(GAZ, text, ["Shelling", "fired"])
    assert candidate_place(doc, 1) == ("Zarqin", "Aleppo")
