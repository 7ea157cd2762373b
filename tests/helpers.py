"""Hand-built records for tests (no models loaded)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sitrep.schema import Claim, Doc, Document, Event, Evidence

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import PlaceRecord
    from sitrep.pipeline import Pipeline


def make_event(**overrides: object) -> Event:
    base: dict[str, object] = dict(
        event_id_cnty="SYR-test1", event_date=date(2016, 11, 3), year=2016, time_precision=1,
        disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
        actor1="Military Forces of Syria (2000-)", inter1=1, actor2="Jaysh al-Fateh", inter2=2,
        interaction="12", iso=760, region="Middle East", country="Syria", admin1="Aleppo",
        location="Aleppo", latitude=36.2, longitude=37.16, geo_precision=1, source="Demo",
        notes="Fighting in Aleppo.", fatalities=12, fatalities_low=12, fatalities_best=12,
        fatalities_high=57, where_prec=1, date_prec=1, date_start=date(2016, 11, 3),
        date_end=date(2016, 11, 3), doc_id="doc-1", doc_ids=["doc-1"],
        evidence=[Evidence(doc_id="doc-1", field="trigger", start=0, end=8, text="Fighting")],
        claims=[Claim(quantity="killed", low=12, high=12, claimant_chain=["Demo", "sources"],
                      sentence="Dozens were killed.", doc_id="doc-1")],
        confidence=0.8,
    )
    base.update(overrides)
    return Event.model_validate(base)


def make_doc(doc_id: str = "doc-1", n_events: int = 1, text: str = "Fighting in Aleppo.") -> Doc:
    doc = Doc(document=Document(id=doc_id, text=text, date=date(2016, 11, 4), source="Demo"))
    doc.events = [make_event(event_id_cnty=f"SYR-{doc_id}-{i}", doc_id=doc_id, doc_ids=[doc_id])
                  for i in range(n_events)]
    return doc


def candidate_place(doc: Doc, k: int = 0) -> tuple[str | None, str | None]:
    """(place name, admin1) the geocoder gave candidate ``k`` of ``doc``; (None, None) when unplaced."""
    pm = doc.candidates[k].place
    if pm is None or pm.place is None:
        return (None, None)
    return (pm.place.name, pm.place.admin1)


def pipeline_over(records: list[PlaceRecord]) -> Pipeline:
    """A pipeline (no parser) whose gazetteer is the hand-made ``records``, for Arabic place tests."""
    from sitrep.config import Settings
    from sitrep.geo.gazetteer import MemoryGazetteer
    from sitrep.pipeline import Pipeline
    from sitrep.resources import Resources

    settings = Settings(stage_options={"detect.v1": {"parser": False}, "fatalities.v1": {"parser": "off"}})
    resources = Resources(settings)
    resources.put("geo.gazetteer", MemoryGazetteer(records))
    return Pipeline(settings, resources=resources)
