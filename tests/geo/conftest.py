"""Small hand-made gazetteers for the geo tests (never the real user data dir)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.geo.gazetteer import PRIORITY_IMPORT, Gazetteer, MemoryGazetteer, PlaceRecord
from sitrep.geo.stage import Geocoder
from sitrep.geo.store import SQLiteGazetteer
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document, EventCandidate, Span
from sitrep.taxonomy import TYPE_OF_SUB


def _syria(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"cc": "SY", "country": "Syria", "iso": 760, "iso3": "SYR",
                               "region": "Middle East"}
    base.update(kw)
    return base


RECORDS = [
    PlaceRecord(uid="c:SY", name="Syria", lat=33.5, lon=36.3, kind="country",
                **_syria(population=17_000_000, alt_names=("Syrian Arab Republic",))),
    PlaceRecord(uid="t:aleppo", name="Aleppo", lat=36.20, lon=37.16, kind="city",
                **_syria(admin1="Aleppo", population=2_000_000, alt_names=("Halab", "حلب"))),
    PlaceRecord(uid="a1:aleppo", name="Aleppo", lat=36.20, lon=37.16, kind="admin1",
                **_syria(admin1="Aleppo", population=2_000_000)),
    PlaceRecord(uid="t:idlib", name="Idlib", lat=35.93, lon=36.63, kind="city",
                **_syria(admin1="Idlib", population=130_000)),
    PlaceRecord(uid="n:newaleppo", name="New Aleppo", lat=36.199, lon=37.093,
                kind="neighbourhood", city="Aleppo", priority=PRIORITY_IMPORT,
                **_syria(admin1="Aleppo", alt_names=("حلب الجديدة",))),
    PlaceRecord(uid="n:masharqa", name="Masharqa", lat=36.2005, lon=37.1435,
                kind="neighbourhood", city="Aleppo", priority=PRIORITY_IMPORT,
                **_syria(admin1="Aleppo")),
    PlaceRecord(uid="t:homs-us", name="Aleppo", lat=39.8, lon=-80.4, kind="village",
                cc="US", country="United States", population=300, admin1="Pennsylvania"),
    PlaceRecord(uid="c:US", name="United States", lat=38.9, lon=-77.0, kind="country",
                cc="US", country="United States", population=300_000_000),
]


@pytest.fixture
def memory_gazetteer() -> MemoryGazetteer:
    return MemoryGazetteer(RECORDS)


@pytest.fixture
def sqlite_gazetteer(tmp_path: Path) -> SQLiteGazetteer:
    store = SQLiteGazetteer(tmp_path / "gazetteer.db")
    store.add(RECORDS)
    return store


def _geocode(gaz: Gazetteer, text: str, triggers: list[str], hint: str | None = None, *,
             sub: str = "Armed clash") -> Doc:
    """Run geo.v1 alone on ``text`` with one candidate of sub-type ``sub`` per trigger word."""
    resources = Resources(Settings())
    resources.put("geo.gazetteer", gaz)
    doc = Doc(document=Document(id="t", text=text), country_hint=hint)
    doc.sentences = segment_text(text)
    for word in triggers:
        i = text.index(word)
        sent = next(s for s in doc.sentences if s.start <= i < s.end)
        doc.candidates.append(EventCandidate(
            sentence_index=sent.index, trigger=Span(start=i, end=i + len(word), text=word),
            event_type=TYPE_OF_SUB[sub], sub_event_type=sub))
    return Geocoder(resources)(doc)


@pytest.fixture
def geocode() -> Callable[..., Doc]:
    """``geocode(gazetteer, text, triggers, hint=None, sub="Armed clash")``: geo.v1 on hand-placed
    candidates."""
    return _geocode
