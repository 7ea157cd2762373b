"""The learned merge decision's pieces (issue 23): document contexts, lag-aware dates, hard vetoes,
and filing a document's surest event first."""

from __future__ import annotations

from datetime import date

from sitrep.dedup.features import doc_context, pair_features
from sitrep.dedup.index import MergeIndex
from sitrep.dedup.match import MatchConfig, learned_match
from tests.helpers import make_event

DAY = dict(event_date=date(2016, 11, 3), date_start=date(2016, 11, 3), date_end=date(2016, 11, 3))


def test_learned_doc_context_keeps_names_and_numbers_only() -> None:
    ctx = doc_context("Police said Jamal Reed, 23, was shot on Elm Street. The police found 12 casings.",
                      published=date(2016, 11, 4), source="Local Desk")
    assert {"jamal", "reed", "elm", "23", "12"} <= ctx.names
    assert "police" not in ctx.names  # written in lower case too: not a name
    assert "street" not in ctx.names  # stop word


def test_learned_late_report_dated_on_its_publication_day_meets_the_incident() -> None:
    early = make_event(**DAY)
    late_day = date(2016, 11, 20)
    late = make_event(event_date=late_day, date_start=late_day, date_end=late_day)
    ctx_early = doc_context("x", published=date(2016, 11, 3))
    ctx_late = doc_context("x", published=late_day)
    f = pair_features(early, late, ctx_early, ctx_late)
    assert f["date_gap"] > 0 and f["date_gap_lag"] == 0


def test_learned_two_unresolved_names_at_one_point_are_not_the_same_place() -> None:
    a = make_event(**DAY, location="Kafr Aweed", geo_fallback="Idlib", latitude=35.93, longitude=36.63)
    b = make_event(**DAY, location="Marayan", geo_fallback="Idlib", latitude=35.93, longitude=36.63)
    ctx = doc_context("Shelling hit Kafr Aweed and Marayan, Idlib, killing 3.", published=date(2016, 11, 3))
    m = learned_match(a, b, ctx, ctx)
    assert not m.ok and m.reason == "place"


def test_learned_add_document_files_the_surest_event_first() -> None:
    config = MatchConfig(learned=False)
    index = MergeIndex(config=config)
    stored = make_event(**DAY, doc_id="a", doc_ids=["a"], location="Menyan", latitude=36.2167, longitude=37.0833)
    index.add(stored)
    vague = make_event(**DAY, doc_id="b", doc_ids=["b"], location="Aleppo", geo_precision=3, latitude=36.2, longitude=37.16)
    precise = make_event(**DAY, doc_id="b", doc_ids=["b"], location="Menyan", latitude=36.2167, longitude=37.0833)
    results = index.add_document([vague, precise])
    assert results[1][1] is not None and results[0][1] is None  # the precise report joined "a"
