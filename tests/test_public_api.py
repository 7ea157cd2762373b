from __future__ import annotations

from datetime import date

import sitrep
from sitrep.schema import ACLED_COLUMNS, UCDP_COLUMNS, Event


def test_public_api_exports_exactly_the_documented_names() -> None:
    assert sorted(sitrep.__all__) == sorted(
        ["Document", "Event", "Pipeline", "Settings", "SitrepError", "__version__", "extract",
         "to_dataframe"])
    for name in sitrep.__all__:
        assert hasattr(sitrep, name)


def test_public_api_event_carries_every_contract_field() -> None:
    provenance = {"doc_id", "doc_ids", "evidence", "claims", "framing", "confidence", "why"}
    geocoding = {"geo_fallback"}  # the gazetteer place an unresolved ``location`` was put at
    assert set(ACLED_COLUMNS) | set(UCDP_COLUMNS) | provenance | geocoding == set(Event.model_fields)
    assert len(ACLED_COLUMNS) == 31


def test_public_api_extract_and_dataframe() -> None:
    text = ("Police fired tear gas at protesters in Nairobi on Monday, a witness said. "
            "Officers arrested twelve people.")
    events = sitrep.extract(text, date=date(2023, 3, 21))
    assert all(isinstance(e, sitrep.Event) for e in events)
    df = sitrep.to_dataframe(events)
    assert len(df) == len(events)
    if events:
        assert set(ACLED_COLUMNS) <= set(df.columns)


def test_public_api_pipeline_loads_stages_once() -> None:
    pipe = sitrep.Pipeline()
    pipe.extract("Clashes broke out in Taiz on Friday.", date=date(2020, 5, 2))
    first = [id(s) for _, s in pipe.stages]
    pipe.extract("Clashes broke out in Marib on Friday.", date=date(2020, 5, 2))
    assert [id(s) for _, s in pipe.stages] == first
