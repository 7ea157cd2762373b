from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from sitrep.store import open_store
from sitrep.watch.alerts import Alerter, rule_matches
from sitrep.watch.config import AlertRule, FetchSettings
from sitrep.watch.state import WatchState

from ..helpers import make_doc, make_event
from .helpers import KILLED, make_poller, watch_config
from .site import LocalSite, page, rss

ALEPPO = make_event()  # Aleppo (36.2 N, 37.16 E), Battles / Armed clash, 12 killed


@pytest.mark.parametrize(("rule", "hit"), [
    ({}, True),
    ({"bbox": [36.5, 35.5, 38.5, 37.0]}, True),
    ({"bbox": [30.0, 30.0, 31.0, 31.0]}, False),
    ({"areas": [{"country": "syria", "admin1": "ALEPPO"}]}, True),
    ({"areas": [{"country": "Syria", "admin1": "Idlib"}, {"admin1": "Aleppo"}]}, True),
    ({"areas": [{"country": "Syria", "admin1": "Idlib"}]}, False),
    ({"event_types": ["Armed clash"]}, True),
    ({"event_types": ["Battles"]}, True),
    ({"event_types": ["Air/drone strike"]}, False),
    ({"min_fatalities": 12}, True),
    ({"min_fatalities": 13}, False),
    ({"actors": ["fateh"]}, True),
    ({"actors": ["Wagner"]}, False),
    ({"bbox": [36.5, 35.5, 38.5, 37.0], "min_fatalities": 50}, False),
])
def test_alerts_rule_matches(rule: dict[str, Any], hit: bool) -> None:
    assert rule_matches(AlertRule.model_validate({"name": "r", **rule}), ALEPPO) is hit


def test_alerts_bbox_never_matches_an_unplaced_event() -> None:
    rule = AlertRule(name="r", bbox=(-180, -90, 180, 90))
    assert not rule_matches(rule, make_event(latitude=None, longitude=None))


def test_alerts_fire_once_per_event_and_again_only_when_grown(db_url: str, tmp_path: Path) -> None:
    store = open_store(db_url)
    try:
        store.add(make_doc("doc-1"))
        event = next(iter(store.iter_events()))
        out = io.StringIO()
        rules = [AlertRule.model_validate({"name": "aleppo", "areas": [{"admin1": "Aleppo"}], "sinks": [
            {"type": "jsonl", "path": str(tmp_path / "a.jsonl")}, {"type": "stdout"}]}),
                 AlertRule.model_validate({"name": "once", "on_growth": False, "sinks": []})]
        alerter = Alerter(rules, WatchState(store.engine), stdout=out)
        first = alerter.process([event])
        assert [a["alert"] for a in first] == ["aleppo", "once"] and first[0]["kind"] == "new"
        assert alerter.process([event]) == []  # the same event again: nothing
        grown = event.model_copy(update={"fatalities": 20})
        again = alerter.process([grown])
        assert [(a["alert"], a["kind"]) for a in again] == [("aleppo", "grown")]
        assert alerter.process([grown]) == []
        more_sources = grown.model_copy(update={"doc_ids": ["doc-1", "doc-2"]})
        assert [a["kind"] for a in alerter.process([more_sources])] == ["grown"]
        lines = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text().splitlines()]
        rows = WatchState(store.engine).alerts()
    finally:
        store.dispose()
    assert len(lines) == 3 and out.getvalue().count("ALERT aleppo") == 3
    payload = lines[0]
    assert payload["event"]["event_id_cnty"] == event.event_id_cnty
    assert payload["sources"] == [{"doc_id": "doc-1", "source": "Demo", "url": None, "title": None,
                                   "date": "2016-11-04"}]
    assert payload["evidence"][0]["text"] == "Fighting" and "Aleppo" in payload["summary"]
    assert {(r["rule"], r["times"], r["delivery"]) for r in rows} == {("aleppo", 3, "ok"), ("once", 1, "ok")}


def test_alerts_failed_webhook_is_recorded_not_fatal(db_url: str, tmp_path: Path) -> None:
    with LocalSite() as gone:
        dead = gone.url("/hook")
    store = open_store(db_url)
    try:
        rule = AlertRule.model_validate({"name": "r", "sinks": [
            {"type": "webhook", "url": dead, "timeout": 0.3},
            {"type": "jsonl", "path": str(tmp_path / "a.jsonl")}]})
        alerter = Alerter([rule], WatchState(store.engine))
        sent = alerter.process([ALEPPO])
        assert alerter.process([ALEPPO]) == []  # recorded before delivery: never an alert storm
        rows = WatchState(store.engine).alerts()
        alerter.close()
    finally:
        store.dispose()
    assert len(sent) == 1 and (tmp_path / "a.jsonl").read_text().count("\n") == 1
    assert "webhook" in rows[0]["delivery"] and "ConnectError" in rows[0]["delivery"]


def test_alerts_poll_fires_to_jsonl_and_webhook_once_across_restarts(
        site: LocalSite, fast: FetchSettings, db_url: str, tmp_path: Path, client: httpx.Client) -> None:
    site.set("/a", page("Shelling", KILLED.format(n=5), "Residents said shelling went on."))
    site.set("/b", page("Nairobi", "In Nairobi, 2 people were killed in a protest.", "Police said."))
    site.set("/rss", rss("Wire", [("a", site.url("/a")), ("b", site.url("/b"))]))
    jsonl = tmp_path / "alerts.jsonl"
    alerts = [{"name": "aleppo", "bbox": [36.5, 35.5, 38.5, 37.0], "min_fatalities": 1,
               "sinks": [{"type": "jsonl", "path": str(jsonl)},
                         {"type": "webhook", "url": site.url("/hook")}]}]
    config = watch_config([{"name": "Wire", "feeds": [site.url("/rss")]}], fast, alerts)
    for _run in range(2):  # the second run is a restarted watcher on the same database
        poller, store, coder = make_poller(db_url, config, client=client)
        try:
            report = poller.poll()
            poller.poll()
            n_docs = store.count("documents")
        finally:
            poller.close()
            store.dispose()
        assert n_docs == 2
        if _run == 0:
            assert len(report.alerts) == 1 and len(coder.calls) == 2
        else:
            assert report.alerts == [] and coder.calls == [] and report.new_articles == 0
    lines = [json.loads(x) for x in jsonl.read_text().splitlines()]
    posts = site.posts("/hook")
    assert len(lines) == 1 and len(posts) == 1
    hooked = json.loads(posts[0].body)
    assert hooked == lines[0]
    assert hooked["event"]["location"] == "Aleppo" and hooked["event"]["fatalities"] == 5
    assert hooked["sources"][0]["url"] == site.url("/a") and hooked["sources"][0]["source"] == "Wire"
    assert "5 people were killed" in hooked["evidence"][0]["text"]
    assert posts[0].headers["Content-Type"] == "application/json"


def test_alerts_merged_report_fires_a_grown_alert(site: LocalSite, fast: FetchSettings, db_url: str,
                                                  tmp_path: Path, client: httpx.Client) -> None:
    pytest.importorskip("sitrep.store.merges")
    from sitrep.watch.poll import merging_writer

    body = "In Aleppo, {n} people were killed when shells hit a market on Monday, {who} said."
    site.set("/one", page("Market shelled", body.format(n=5, who="a monitor"), "More later."))
    site.set("/two", page("Toll rises", body.format(n=5, who="rescuers"), "Rescuers dug all night."))
    feed = site.set("/rss", rss("Wire", [("one", site.url("/one"))]))
    jsonl = tmp_path / "alerts.jsonl"
    config = watch_config([{"name": "Wire", "feeds": [site.url("/rss")]}], fast,
                          [{"name": "aleppo", "areas": [{"admin1": "Aleppo"}],
                            "sinks": [{"type": "jsonl", "path": str(jsonl)}]}])
    poller, store, _coder = make_poller(db_url, config, client=client)
    poller.writer = merging_writer(store)
    try:
        first = poller.poll()
        feed.body = rss("Wire", [("two", site.url("/two")), ("one", site.url("/one"))]).encode()
        second = poller.poll()
        n_events = store.count("events")
    finally:
        poller.close()
        store.dispose()
    assert [a["kind"] for a in first.alerts] == ["new"]
    assert n_events == 1  # the second report merged into the first event
    assert [a["kind"] for a in second.alerts] == ["grown"]
    assert len(second.alerts[0]["sources"]) == 2
    assert jsonl.read_text(encoding="utf-8").count("\n") == 2


def test_alerts_failed_webhook_is_retried_at_later_polls(site: LocalSite, db_url: str,
                                                         tmp_path: Path) -> None:
    hook = site.set("/hook", status=500)
    store = open_store(db_url)
    try:
        rule = AlertRule.model_validate({"name": "r", "sinks": [
            {"type": "jsonl", "path": str(tmp_path / "a.jsonl")},
            {"type": "webhook", "url": site.url("/hook")}]})
        alerter = Alerter([rule], WatchState(store.engine), max_attempts=3)
        assert len(alerter.process([ALEPPO])) == 1
        assert alerter.retry() == 0  # still failing: second attempt
        hook.status = 200
        assert alerter.retry() == 1  # third attempt gets through
        assert alerter.retry() == 0  # nothing left
        rows = WatchState(store.engine).alerts()
        hook.status = 500
        alerter.process([ALEPPO.model_copy(update={"event_id_cnty": "SYR-other"})])
        for _ in range(5):
            alerter.retry()
        given_up = WatchState(store.engine).alerts()[1]
        alerter.close()
    finally:
        store.dispose()
    assert len(site.posts("/hook")) == 3 + 3  # three tries each, never more
    assert (tmp_path / "a.jsonl").read_text().count("\n") == 2  # the file sink got each alert once
    assert rows[0]["delivery"] == "ok" and rows[0]["attempts"] == 3 and not rows[0]["failed_sinks"]
    assert given_up["attempts"] == 3 and given_up["failed_sinks"] == [1]
    assert "HTTP 500" in given_up["delivery"]
