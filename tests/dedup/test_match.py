from __future__ import annotations

from datetime import date

import pytest

from sitrep.dedup.match import match_events, place_similarity, type_compatibility
from sitrep.schema import Evidence
from tests.helpers import make_event

BASE = dict(location="Menyan", latitude=36.2167, longitude=37.0833, actor2="Jaysh al-Fateh", inter2=2)
DAY = dict(event_date=date(2016, 11, 3), date_start=date(2016, 11, 3), date_end=date(2016, 11, 3))


@pytest.mark.parametrize(("variant", "why"), [
    ({"location": "Minyan", "latitude": 36.2190, "longitude": 37.0900}, "spelling, other gazetteer"),
    ({"location": "Menyan", "geo_precision": 2, "latitude": 36.30, "longitude": 37.10}, "near Menyan"),
    ({"geo_precision": 3, "location": "Aleppo", "latitude": 36.2, "longitude": 37.16}, "province only"),
    ({"actor2": "Unidentified Armed Group (Syria)"}, "generic actor"),
    ({"actor2": None, "inter2": None}, "other side not named"),
    ({"actor1": "Jaysh al-Fateh", "inter1": 2, "actor2": "Military Forces of Syria (2000-)", "inter2": 1},
     "actors in the other order"),
    ({"date_start": date(2016, 10, 30), "date_end": date(2016, 11, 3), "time_precision": 2,
      "event_date": date(2016, 11, 1)}, "a few days ago"),
    ({"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"},
     "seen as shelling"),
    ({"sub_event_type": "Non-state actor overtakes territory"}, "seen as the capture"),
])
def test_match_accepts_other_reports_of_one_event(variant: dict[str, object], why: str) -> None:
    a = make_event(**BASE)
    b = make_event(**{**BASE, **variant})
    m = match_events(a, b)
    assert m.ok, (why, m.reason, m.features)
    assert m.features["type"] > 0 and m.features["date_overlap_days"] >= 1


@pytest.mark.parametrize(("variant", "gate"), [
    # the next day, told in words (a day only the publication gives may be the report's lag)
    ({"event_date": date(2016, 11, 4), "date_start": date(2016, 11, 4), "date_end": date(2016, 11, 4),
      "evidence": [Evidence(doc_id="b", field="event_date", start=0, end=10, text="4 November")]}, "date"),
    ({"location": "Kafr Naha", "latitude": 36.2167 + 0.027, "longitude": 37.0833}, "place"),
    ({"latitude": 36.50, "longitude": 37.0833, "geo_precision": 2}, "place"),  # 31 km: beyond 25 km
    ({"actor2": "Islamic State (Syria)"}, "actors"),
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Syria)",
      "inter1": 6, "actor2": None, "inter2": None}, "type"),
    ({"event_type": "Strategic developments", "sub_event_type": "Arrests"}, "type"),
    ({"actor2": "Unidentified Armed Group (Syria)", "inter2": 7}, "actors"),  # generic, other inter code
])
def test_match_rejects_distinct_similar_events(variant: dict[str, object], gate: str) -> None:
    a = make_event(**BASE)
    b = make_event(**{**BASE, **variant})
    m = match_events(a, b)
    assert not m.ok
    assert m.reason == gate, m.features


@pytest.mark.parametrize(("a_over", "b_over", "ok"), [
    # who attacked the civilians is disputed: one event, an attribution conflict
    ({"event_type": "Violence against civilians", "sub_event_type": "Attack", "actor2": "Civilians (Syria)",
      "inter2": 7}, {"event_type": "Violence against civilians", "sub_event_type": "Attack",
                     "actor1": "Islamic State (Syria)", "inter1": 2, "actor2": "Civilians (Syria)", "inter2": 7},
     True),
    # Russian or Syrian jets: one air strike
    ({"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
     {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
      "actor1": "Military Forces of Russia (2000-)", "inter1": 8}, True),
    # a clash with another rebel group is another clash
    ({}, {"actor2": "Hayat Tahrir al-Sham"}, False),
])
def test_match_attribution_conflicts_only_for_one_sided_or_state_pairs(
        a_over: dict[str, object], b_over: dict[str, object], ok: bool) -> None:
    m = match_events(make_event(**{**BASE, **a_over}), make_event(**{**BASE, **b_over}))
    assert m.ok is ok
    assert m.features.get("attribution_conflict", False) is ok


@pytest.mark.parametrize(("x", "y", "same"), [
    ("Saraqib", "Sarakeb", True), ("Avdiivka", "Avdeevka", True), ("Gao city", "Gao", True),
    ("near Douma", "Douma", True), ("Dahyat al-Assad", "3000 Apartments", False), ("Menyan", "Kafr Naha", False),
])
def test_match_place_similarity_handles_transliteration(x: str, y: str, same: bool) -> None:
    assert (place_similarity(x, y) >= 75) is same


@pytest.mark.parametrize(("a", "b", "score"), [
    ("Armed clash", "Armed clash", 1.0), ("Armed clash", "Non-state actor overtakes territory", 0.8),
    ("Non-violent transfer of territory", "Government regains territory", 0.8),
])
def test_match_type_compatibility(a: str, b: str, score: float) -> None:
    types = {"Non-violent transfer of territory": "Strategic developments"}
    ea = make_event(sub_event_type=a, event_type=types.get(a, "Battles"))
    eb = make_event(sub_event_type=b, event_type=types.get(b, "Battles"))
    assert type_compatibility(ea, eb) == score


@pytest.mark.parametrize(("b_over", "why"), [
    # what happened differs as well as who did it: an abduction and a shooting are two acts
    ({"sub_event_type": "Abduction/forced disappearance"}, "sub_event_type"),
    # both only placed at a province's point: two attacks in one province are not shown to be one
    ({"geo_precision": 3}, "geo_precision"),
])
def test_match_attribution_conflict_needs_the_same_act_at_a_place(b_over: dict[str, object], why: str) -> None:
    civilians = {"event_type": "Violence against civilians", "sub_event_type": "Attack",
                 "actor2": "Civilians (Syria)", "inter2": 7}
    a = make_event(**{**BASE, **civilians, **({"geo_precision": 3} if why == "geo_precision" else {})})
    b = make_event(**{**BASE, **civilians, "actor1": "Islamic State (Syria)", "inter1": 2, **b_over})
    m = match_events(a, b)
    assert not m.ok and m.reason == "actors"
    assert m.features["attribution_refused"] == why
    assert "attribution_conflict" not in m.features
