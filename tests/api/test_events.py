from __future__ import annotations

import pytest

from tests.api.conftest import Api


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"SYR-1", "SYR-2", "UKR-1", "KEN-1"}),
    ("country=Syria", {"SYR-1", "SYR-2"}),
    ("event_type=Protests", {"KEN-1"}),
    ("sub_event_type=Air/drone%20strike", {"SYR-2"}),
    ("date_from=2016-11-04&date_to=2022-12-31", {"SYR-2", "UKR-1"}),
    ("bbox=30,30,40,40", {"SYR-1", "SYR-2"}),
    ("bbox=-180,-10,180,0", {"KEN-1"}),
    ("actor=russia", {"SYR-2", "UKR-1"}),
    ("q=kharkiv", {"UKR-1"}),
    ("status=new", {"SYR-1", "SYR-2", "UKR-1", "KEN-1"}),
    ("status=accepted", set()),
    ("country=Syria&event_type=Battles", {"SYR-1"}),
])
def test_events_list_filters(read_api: Api, query: str, expected: set[str]) -> None:
    r = read_api.client.get(f"/api/events?{query}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert {e["event_id_cnty"] for e in body["items"]} == expected
    assert body["total"] == len(expected)
    assert all(e["status"] == "new" for e in body["items"])


@pytest.mark.parametrize(("limit", "offset", "n"), [(2, 0, 2), (2, 2, 2), (3, 3, 1), (10, 4, 0)])
def test_events_list_paginates_with_total(read_api: Api, limit: int, offset: int, n: int) -> None:
    body = read_api.client.get(f"/api/events?limit={limit}&offset={offset}").json()
    assert (len(body["items"]), body["total"], body["limit"], body["offset"]) == (n, 4, limit, offset)


def test_events_list_orders_by_date(read_api: Api) -> None:
    dates = [e["event_date"] for e in read_api.client.get("/api/events").json()["items"]]
    assert dates == sorted(dates)


def test_events_points_are_compact_rows(read_api: Api) -> None:
    body = read_api.client.get("/api/events/points?country=Syria").json()
    assert body["columns"] == ["id", "date", "event_type", "latitude", "longitude", "fatalities",
                               "status"]
    assert sorted(body["rows"]) == [["SYR-1", "2016-11-03", "Battles", 36.2, 37.16, 12, "new"],
                                    ["SYR-2", "2016-11-04", "Explosions/Remote violence", 35.93,
                                     36.63, 5, "new"]]
    assert body["total"] == 2 and body["truncated"] is False


def test_events_detail_has_evidence_claims_documents(read_api: Api) -> None:
    body = read_api.client.get("/api/events/SYR-1").json()
    event = body["event"]
    assert event["event_id_cnty"] == "SYR-1" and event["status"] == "new"
    assert event["evidence"][0] == {"doc_id": "doc-aleppo", "field": "trigger", "start": 0,
                                    "end": 8, "text": "Fighting"}
    assert event["claims"][0]["claimant_chain"] == ["Demo", "sources"]
    assert [d["id"] for d in body["documents"]] == ["doc-aleppo"]
    doc = body["documents"][0]
    span = event["evidence"][0]
    assert doc["text"][span["start"]:span["end"]] == span["text"]
    assert body["audit"] == [] and body["merged_from"] == []


@pytest.mark.parametrize("event_id", ["nope", "SYR-1'; DROP TABLE events; --", "x%00y", "%F0"])
def test_events_detail_unknown_is_404_in_error_shape(read_api: Api, event_id: str) -> None:
    r = read_api.client.get(f"/api/events/{event_id}")
    assert r.status_code == 404
    assert set(r.json()) == {"error"} and r.json()["error"]["code"] == "not_found"
    assert read_api.table_count("events") == 4
