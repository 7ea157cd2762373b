"""Where the violence happened, not where it was counted or filed from: a hospital or morgue that
received the bodies, and a dateline city, are not the event location when the report states
the event elsewhere (hand-written sentences, a small hand-made gazetteer)."""

from __future__ import annotations

import pytest

from sitrep.config import Settings
from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.geo.stage import Geocoder
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document, EventCandidate, PlaceMention, Span

_SY = {"cc": "SY", "country": "Syria", "iso": 760, "iso3": "SYR", "region": "Middle East"}
GAZ = MemoryGazetteer([
    PlaceRecord(uid="c:SY", name="Syria", lat=35.0, lon=38.0, kind="country",
                population=17_000_000, **_SY),
    PlaceRecord(uid="t:aleppo", name="Aleppo", lat=36.20, lon=37.16, kind="city",
                admin1="Aleppo", population=2_000_000, **_SY),
    PlaceRecord(uid="t:idlib", name="Idlib", lat=35.93, lon=36.63, kind="city", admin1="Idlib",
                population=130_000, **_SY),
    PlaceRecord(uid="t:damascus", name="Damascus", lat=33.51, lon=36.29, kind="city",
                admin1="Damascus", population=2_500_000, **_SY),
    PlaceRecord(uid="v:sarmin", name="Sarmin", lat=35.90, lon=36.72, kind="town",
                admin1="Idlib", population=14_000, **_SY),
])


def _geocoded(text: str, trigger: str, fatalities: int | None = None) -> Doc:
    """One armed clash at ``trigger``, geocoded against the hand-made gazetteer."""
    resources = Resources(Settings())
    resources.put("geo.gazetteer", GAZ)
    doc = Doc(document=Document(id="t", text=text))
    doc.sentences = segment_text(text)
    i = text.index(trigger)
    sent = next(s for s in doc.sentences if s.start <= i < s.end)
    doc.candidates.append(EventCandidate(
        sentence_index=sent.index, trigger=Span(start=i, end=i + len(trigger), text=trigger),
        event_type="Battles", sub_event_type="Armed clash", fatalities=fatalities))
    return Geocoder(resources)(doc)


def _place(text: str, trigger: str) -> PlaceMention | None:
    return _geocoded(text, trigger).candidates[0].place


def _where(pm: PlaceMention | None) -> tuple[str | None, str | None, int | None]:
    if pm is None or pm.place is None:
        return (None, None, None)
    return (pm.fallback_from, pm.place.name, pm.geo_precision)


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # the hospital that received the bodies is not where the clash was
    ("Idlib Central Hospital received the bodies of seven fighters killed in clashes in Sarmin "
     "on Sunday.", "clashes", (None, "Sarmin", 1)),
    ("Seven fighters were killed in clashes on Sunday, according to Aleppo University Hospital.",
     "clashes", (None, None, None)),
    ("Idlib Central Hospital received the bodies of seven fighters killed in clashes in the "
     "village of Kafr Wahmiyya on Sunday.", "clashes", ("Kafr Wahmiyya", "Syria", 3)),
    # an attack on the hospital itself happened there
    ("Clashes broke out at Idlib Central Hospital on Sunday.", "Clashes", (None, "Idlib", 1)),
    # the dateline: where the reporter files from
    ("Damascus, 2 March (SANA) - Clashes erupted in Sarmin on Monday, killing two fighters.",
     "Clashes", (None, "Sarmin", 1)),
    ("Damascus, 2 March (SANA) - Clashes erupted in the village of Tell Wahmiyya on Monday.",
     "Clashes", ("Tell Wahmiyya", "Syria", 3)),
    ("Damascus, 2 March (SANA) - Clashes erupted on Monday, killing two fighters.",
     "Clashes", (None, "Damascus", 2)),  # no other place: the dateline, imprecisely
    # an unknown village named beside a city in the text does fall back to that city
    ("Clashes erupted in the village of Tell Wahmiyya near Idlib on Monday.", "Clashes",
     ("Tell Wahmiyya", "Idlib", 2)),
])
def test_event_place_roles(text: str, trigger: str,
                           expected: tuple[str | None, str | None, int | None]) -> None:
    assert _where(_place(text, trigger)) == expected


def _places(text: str, trigger: str) -> list[tuple[str | None, str | None, int | None]]:
    return [_where(c.place) for c in _geocoded(text, trigger, fatalities=2).candidates]


@pytest.mark.parametrize(("text", "expected"), [
    # the province after a bare comma places the town: one event, not one per name
    ("Clashes in Sarmin, Idlib killed two fighters on Monday.", [(None, "Sarmin", 1)]),
    # a list of towns is still one event per town
    ("Clashes in Sarmin and Aleppo killed two fighters on Monday.",
     [(None, "Sarmin", 1), (None, "Aleppo", 1)]),
    ("Clashes in Sarmin, Idlib and Aleppo killed two fighters on Monday.",
     [(None, "Sarmin", 1), (None, "Aleppo", 1)]),
    # a comma between two places that do not contain one another still lists them
    ("Clashes in Sarmin, Aleppo killed two fighters on Monday.",
     [(None, "Sarmin", 1), (None, "Aleppo", 1)]),
])
def test_event_place_container_after_a_comma_is_no_second_place(
        text: str, expected: list[tuple[str | None, str | None, int | None]]) -> None:
    assert _places(text, "Clashes") == expected


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # a city that says, accuses or denies is its government speaking, not where the clash was: the
    # clash is placed only in the country
    ("Damascus and Aleppo say rebels started the clashes on Sunday.", "clashes", (None, "Syria", 3)),
    ("Clashes broke out on Sunday; Damascus has denied any role.", "Clashes", (None, "Syria", 3)),
    ("Damascus accused rebels of clashes in Sarmin on Sunday.", "clashes", (None, "Sarmin", 1)),
    # a place the text puts the speakers in, or a place before a group that speaks, stays a place
    ("Clashes broke out on Sunday, officials in Idlib said.", "Clashes", (None, "Idlib", 1)),
    ("Clashes broke out on Sunday in Sarmin and Idlib DAESH said.", "Clashes", (None, "Sarmin", 1)),
])
def test_a_place_that_speaks_is_its_government_not_the_scene(
        text: str, trigger: str, expected: tuple[str | None, str | None, int | None]) -> None:
    """Rule place-speaks-for-its-government."""
    assert _where(_place(text, trigger)) == expected


def test_a_relative_clause_keeps_the_place_of_its_own_happening() -> None:
    """Rule relative-clause-keeps-its-place: "rebels shelled a base that was used for clashes in
    Sarmin": Sarmin is where the clashes were, not where the shelling fell; what was said ("said
    that clashes broke out in Sarmin") is no such clause."""
    # the shelling takes the base's place the report gives next
    assert _two_places("Rebels shelled a base that was used for clashes in Sarmin. The base lies in "
                       "Aleppo.", "shelled", "clashes") == ["Aleppo", "Sarmin"]
    assert _two_places("The army shelled rebels on Sunday and said that clashes broke out in Sarmin.",
                       "shelled", "clashes") == ["Sarmin", "Sarmin"]


def _two_places(text: str, first: str, second: str) -> list[str | None]:
    """The places of two clashes at ``first`` and ``second``, geocoded together."""
    doc = _geocoded(text, first)
    i = text.index(second)
    doc.candidates.append(doc.candidates[0].model_copy(update={
        "trigger": Span(start=i, end=i + len(second), text=second), "place": None}))
    resources = Resources(Settings())
    resources.put("geo.gazetteer", GAZ)
    doc.places = []
    doc = Geocoder(resources)(doc)
    return [_where(c.place)[1] for c in doc.candidates]
