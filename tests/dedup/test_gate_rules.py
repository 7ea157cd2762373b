"""The type gate bent on strong place agreement (issue 23): a battle and an attack on civilians
coded for one shooting by two outlets (``type_rule: violent_cross_family``). Synthetic reports."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.dedup.index import MergeIndex
from sitrep.dedup.match import match_events
from sitrep.schema import Evidence
from tests.helpers import make_event

DAY = date(2019, 5, 14)
NEXT = date(2019, 5, 15)
US = dict(country="United States", admin1="Ohio", admin2="Marlow County", location="Brindle Heights",
          latitude=40.10, longitude=-83.00, geo_precision=1, claims=[], fatalities=1)
ATTACK = dict(event_type="Violence against civilians", sub_event_type="Attack",
              actor1="Unidentified Armed Group (United States)", inter1=3,
              actor2="Civilians (United States)", inter2=7)
CLASH = dict(event_type="Battles", sub_event_type="Armed clash",
             actor1="Police Forces of the United States (2017-)", inter1=1,
             actor2="Unidentified Armed Group (United States)", inter2=3)


def _on(day: date, **over: object) -> dict[str, object]:
    return {"event_date": day, "date_start": day, "date_end": day, **over}


def _dated(doc: str, words: str) -> dict[str, object]:
    """Evidence that the report tells its date in these words."""
    return {"evidence": [Evidence(doc_id=doc, field="trigger", start=0, end=4, text="shot"),
                         Evidence(doc_id=doc, field="event_date", start=5, end=5 + len(words), text=words)]}


def _report(doc: str, day: date, kind: dict[str, object], **over: object):  # type: ignore[no-untyped-def]
    return make_event(**{**US, **kind, **_on(day), "doc_id": doc, "doc_ids": [doc],
                         "evidence": [Evidence(doc_id=doc, field="trigger", start=0, end=4, text="shot")], **over})


def test_attack_and_clash_at_one_named_place_are_one_shooting() -> None:
    a, b = _report("d1", DAY, ATTACK), _report("d2", DAY, CLASH)
    m = match_events(a, b)
    assert m.ok, (m.reason, m.features)
    assert m.features["type_rule"] == "violent_cross_family"
    assert m.features["strong_place"] == "same_name"
    assert m.features["role_conflict"] is True  # the civilian victim and the police: other roles
    assert m.features["type"] == 0.4  # weaker than any same-family pair
    assert m.score < match_events(a, _report("d3", DAY, ATTACK)).score


def test_attack_and_clash_at_two_precise_points_nearby_are_one_shooting() -> None:
    a = _report("d1", DAY, ATTACK)
    b = _report("d2", DAY, CLASH, location="Brindle Hts", latitude=40.11, longitude=-83.00)  # ~1.1 km
    m = match_events(a, b)
    assert m.ok, (m.reason, m.features)
    assert m.features["strong_place"] in ("same_name", "precise_radius")


def test_attack_and_clash_need_strong_place_agreement() -> None:
    # the clash is only placed at the county that contains the town: enough for two reports of
    # one type, not for two types
    a = _report("d1", DAY, ATTACK, geo_precision=2)
    b = _report("d2", DAY, CLASH, location="Marlow County", latitude=40.18, longitude=-83.05, geo_precision=2)
    m = match_events(a, b)
    assert not m.ok and m.reason == "type", m.features
    assert match_events(a, _report("d3", DAY, ATTACK, location="Marlow County", latitude=40.18,
                                   longitude=-83.05, geo_precision=2)).ok


@pytest.mark.parametrize(("over_a", "over_b", "gate"), [
    # an abduction is another act than the clash beside it
    ({"sub_event_type": "Abduction/forced disappearance"}, {}, "type"),
    # the windows must overlap: the next day, given with its number, is another day
    (_dated("d1", "on 14 May"), {**_on(NEXT), **_dated("d2", "on 15 May")}, "date"),
    # both slots differ: not one incident seen in two roles
    ({}, {"actor2": "Sons of Marlow Militia", "inter2": 3}, "actors"),
    # a protest and a clash are not one violent incident
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (United States)",
      "inter1": 6, "actor2": None, "inter2": None}, {}, "type"),
])
def test_cross_family_refusals(over_a: dict[str, object], over_b: dict[str, object], gate: str) -> None:
    a = _report("d1", DAY, ATTACK, **over_a)
    b = _report("d2", DAY, CLASH, **over_b)
    m = match_events(a, b)
    assert not m.ok and m.reason == gate, m.features


def test_merge_index_joins_the_clash_report_to_the_attack_and_logs_the_rule() -> None:
    index = MergeIndex()
    first, _ = index.add(_report("d1", DAY, ATTACK, fatalities=1))
    second, m = index.add(_report("d2", DAY, CLASH, fatalities=1))
    assert second == first and m is not None
    assert m.features["type_rule"] == "violent_cross_family" and m.features["strong_place"] == "same_name"
    merged = index.clusters[first].merged
    assert merged.doc_ids == ["d1", "d2"] and merged.event_date == DAY and merged.fatalities == 1


@pytest.mark.parametrize(("words_a", "words_b", "days", "merged"), [
    ("Tuesday night", "early Wednesday", 1, True),  # one night told by two outlets
    (None, "Wednesday", 1, False),  # a record's own date (no words): the event's day
    ("on 14 May", "Wednesday", 1, False),  # a day number is the event's own day
    ("Tuesday night", "Thursday", 2, False),  # two days apart: another day
])
def test_night_slack_lets_weekday_told_reports_one_day_apart_meet(words_a: str | None, words_b: str,
                                                                   days: int, merged: bool) -> None:
    from datetime import timedelta

    a = _report("d1", DAY, ATTACK, **(_dated("d1", words_a) if words_a else {}))
    b = _report("d2", DAY + timedelta(days=days), ATTACK, **_dated("d2", words_b))
    m = match_events(a, b)
    assert m.ok is merged, (m.reason, m.features)
    if merged:
        assert m.features["date_rule"] == "night_slack"
        index = MergeIndex()
        index.add_document([a])
        cid, hit = index.add_document([b])[0]
        assert hit is not None and cid == 0  # the index looks the next day up too


def test_an_unnamed_shooter_fits_the_police_the_other_outlet_names() -> None:
    """Rule unnamed-shooter-fits-the-named: one outlet codes a police shooting as an attack by an
    unidentified gunman on a civilian, another as the police's clash with no second side named:
    no side is named twice, and none is contradicted by name. Two named forces stay apart."""
    police_only = dict(CLASH, actor2=None, inter2=None)
    m = match_events(_report("d1", DAY, ATTACK), _report("d2", DAY, police_only))
    assert m.ok, (m.reason, m.features)
    assert m.features["role_conflict"] is True
    named = dict(ATTACK, actor1="Gangster Disciples", inter1=3)
    army = dict(CLASH, actor1="Military Forces of the United States (2017-)", actor2=None, inter2=None)
    assert not match_events(_report("d3", DAY, named), _report("d4", DAY, army)).ok


def test_a_report_that_gives_no_date_may_come_days_after_the_shooting() -> None:
    """Rule undated-report-lags: a report whose text gives no date was dated by its publication,
    which may come weeks after the incident; two reports that each tell their day stay apart
    when the days differ."""
    told = _report("d1", DAY, ATTACK, **_dated("d1", "on Tuesday"))
    later = date(2019, 5, 17)
    m = match_events(told, _report("d2", later, ATTACK))  # no date in its text: its publication day
    assert m.ok, (m.reason, m.features)
    assert not match_events(told, _report("d3", later, ATTACK, **_dated("d3", "on Friday"))).ok
