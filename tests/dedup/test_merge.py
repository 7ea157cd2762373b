from __future__ import annotations

import itertools

import pytest

from sitrep.dedup.merge import merge_cluster, reconcile_fatalities
from sitrep.schema import Claim, Event, Evidence, FramingFlag
from tests.helpers import make_event


def _report(doc: str, fat: int | None, *, source: str, high: int | None = None, **over: object) -> Event:
    claims = [] if fat is None else [Claim(quantity="killed", low=fat, high=high or fat,
                                           claimant_chain=[source], sentence=f"{fat} killed", doc_id=doc)]
    return make_event(event_id_cnty=f"SYR-{doc}", doc_id=doc, doc_ids=[doc], source=source, fatalities=fat,
                      fatalities_low=fat, fatalities_best=fat, fatalities_high=high or fat, claims=claims,
                      evidence=[Evidence(doc_id=doc, field="trigger", start=0, end=5, text="clash")],
                      framing=[FramingFlag(term=f"term-{source}", normalised="x")], **over)


@pytest.mark.parametrize(("figures", "expected"), [
    ([5, 7, 12], (5, 5, 7, 12)),  # 5 / 7 / "dozens" -> ACLED 5, best the median
    ([0, 7], (7, 7, 7, 7)),  # a report without deaths does not cancel one with deaths
    ([0, 0], (0, 0, 0, 0)),
    ([None, 3], (3, 3, 3, 3)),
    ([None, None], (None, None, None, None)),
])
def test_merge_reconcile_fatalities(figures: list[int | None], expected: tuple[object, ...]) -> None:
    reports = [_report(f"d{i}", f, source=f"S{i}") for i, f in enumerate(figures)]
    fat = reconcile_fatalities(reports)
    assert (fat.fatalities, fat.low, fat.best, fat.high) == expected


def test_merge_reconcile_keeps_the_highest_claim_range() -> None:
    fat = reconcile_fatalities([_report("a", 5, source="A"), _report("b", 10, high=57, source="B")])
    assert (fat.fatalities, fat.low, fat.high) == (5, 5, 57)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_merge_cluster_keeps_every_document_span_and_claim(order: tuple[int, ...]) -> None:
    reports = [_report("a", 5, source="A"), _report("b", 7, source="B", geo_precision=2),
               _report("c", 12, source="C", time_precision=2)]
    merged = merge_cluster([reports[i] for i in order])
    assert sorted(merged.doc_ids) == ["a", "b", "c"]
    assert {e.doc_id for e in merged.evidence} == {"a", "b", "c"}
    assert {(c.doc_id, c.low, tuple(c.claimant_chain)) for c in merged.claims if c.quantity == "killed"} == \
        {("a", 5, ("A",)), ("b", 7, ("B",)), ("c", 12, ("C",))}
    assert {f.term for f in merged.framing} == {"term-A", "term-B", "term-C"}
    assert (merged.fatalities, merged.fatalities_low, merged.fatalities_best, merged.fatalities_high) == (5, 5, 7, 12)
    assert merged.geo_precision == 1 and merged.time_precision == 1  # the most precise report wins
    assert set(merged.source.split("; ")) == {"A", "B", "C"}


def test_merge_cluster_of_one_report_is_that_report() -> None:
    r = _report("a", 5, source="A")
    assert merge_cluster([r]) == r
    assert merge_cluster([r]) is not r


@pytest.mark.parametrize(("other_actor1", "inter1", "claimed"), [
    ("Islamic State (Syria)", 2, True),
    ("Unidentified Armed Group (Syria)", 2, False),  # a generic actor is no attribution claim
])
def test_merge_cluster_keeps_conflicting_attribution_as_claim(other_actor1: str, inter1: int,
                                                              claimed: bool) -> None:
    a = _report("a", 5, source="A", sub_event_type="Attack", event_type="Violence against civilians",
                actor2="Civilians (Syria)", inter2=7)
    b = _report("b", 5, source="B", sub_event_type="Attack", event_type="Violence against civilians",
                actor1=other_actor1, inter1=inter1, actor2="Civilians (Syria)", inter2=7)
    merged = merge_cluster([a, b])
    attributions = [c for c in merged.claims if c.quantity == "attribution"]
    assert merged.actor1 == "Military Forces of Syria (2000-)"
    assert bool(attributions) is claimed
    if claimed:
        assert attributions[0].what == other_actor1 and attributions[0].claimant_chain == ["B"]


def test_merge_cluster_rejects_empty() -> None:
    with pytest.raises(ValueError):
        merge_cluster([])
