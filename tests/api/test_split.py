"""POST /api/events/{id}/split: merged events by documents, single reports by fields (SQLite and
PostgreSQL), and every bad request answered with a 4xx that changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.config import Settings
from sitrep.dedup.merge import merge_cluster
from sitrep.store import open_store
from sitrep.store.merges import reports_of
from tests.api.conftest import AUTH, TOKEN, Api
from tests.api.seed import seed_merged

def _merged_client(db_url: str) -> TestClient:
    store = open_store(db_url)
    seed_merged(store)
    store.dispose()
    return TestClient(create_app(Settings(), db_url=db_url, token=TOKEN),
                      raise_server_exceptions=False, base_url="http://127.0.0.1")


def _pk(client: TestClient, event_id: str) -> int:
    store = client.app.state.sitrep.store  # type: ignore[attr-defined]
    from sitrep.store.review import get_event

    record = get_event(store, event_id)
    assert record is not None
    return record.stored.pk


def test_split_merged_event_moves_documents_into_a_new_event(db_url: str) -> None:
    client = _merged_client(db_url)
    [event] = client.get("/api/events").json()["items"]
    assert event["doc_ids"] == ["m1", "m2", "m3"] and event["fatalities"] == 10
    r = client.post(f"/api/events/{event['event_id_cnty']}/split", headers=AUTH,
                    json={"documents": ["m2"], "reviewer": "ana", "note": "two clashes"})
    assert r.status_code == 201, r.text
    original, created = r.json()["original"], r.json()["created"]
    assert original["event"]["event_id_cnty"] == event["event_id_cnty"]
    assert original["event"]["doc_ids"] == ["m1", "m3"] and created["event"]["doc_ids"] == ["m2"]
    assert created["event"]["fatalities"] == 20  # its own report's figure, not the merged one
    assert original["event"]["fatalities_high"] == 30 and created["event"]["fatalities_high"] == 20
    assert {original["event"]["status"], created["event"]["status"]} == {"edited"}
    [a_orig] = original["audit"]
    [a_new] = created["audit"]
    assert (a_orig["action"], a_orig["who"], a_orig["note"]) == ("split", "default", "two clashes")
    assert a_orig["before"]["doc_ids"] == ["m1", "m2", "m3"] and a_orig["after"]["doc_ids"] == ["m1", "m3"]
    assert a_orig["after"]["split_into"] == created["event"]["event_id_cnty"]
    assert a_new["before"]["split_from"] == event["event_id_cnty"] and a_new["who"] == "default"
    listed = client.get("/api/events").json()
    assert listed["total"] == 2
    # the merge log stays the truth: each event is merge_cluster of the reports the log gives it
    store = client.app.state.sitrep.store  # type: ignore[attr-defined]
    for detail, docs in ((original, ["m1", "m3"]), (created, ["m2"])):
        pk = _pk(client, detail["event"]["event_id_cnty"])
        reports = reports_of(store, pk)
        assert [x.doc_id for x in reports] == docs
        assert merge_cluster(reports).fatalities == detail["event"]["fatalities"]
    # a merge the split kept together can still be undone: m3 becomes its own event
    merges = client.get(f"/api/events/{event['event_id_cnty']}/merges").json()["merges"]
    keep = [m for m in merges if m["kind"] == "split-keep"]
    assert [m["doc_id"] for m in keep] == ["m3"]
    assert not [m for m in merges if m["kind"] is None and m["undone_at"] is None]  # superseded
    undone = client.post(f"/api/merges/{keep[0]['id']}/undo", headers=AUTH)
    assert undone.status_code == 200, undone.text
    after = client.get(f"/api/events/{event['event_id_cnty']}").json()["event"]
    assert after["doc_ids"] == ["m1"] and after["fatalities"] == 10
    assert client.get("/api/events").json()["total"] == 3


def test_split_moving_the_first_report_keeps_the_event_id(db_url: str) -> None:
    client = _merged_client(db_url)
    [event] = client.get("/api/events").json()["items"]
    eid = event["event_id_cnty"]
    r = client.post(f"/api/events/{eid}/split", headers=AUTH, json={"documents": ["m1", "m3"]})
    assert r.status_code == 201, r.text
    original, created = r.json()["original"]["event"], r.json()["created"]["event"]
    assert original["event_id_cnty"] == eid and original["doc_ids"] == ["m2"]
    assert original["doc_id"] == "m2" and original["fatalities"] == 20
    assert created["event_id_cnty"] != eid and created["doc_ids"] == ["m1", "m3"]
    assert created["fatalities"] == 10
    store = client.app.state.sitrep.store  # type: ignore[attr-defined]
    assert [x.doc_id for x in reports_of(store, _pk(client, eid))] == ["m2"]
    assert [x.doc_id for x in reports_of(store, _pk(client, created["event_id_cnty"]))] == ["m1", "m3"]
    # undoing the kept merge of the new event recomputes it without renaming it
    merges = client.get(f"/api/events/{created['event_id_cnty']}/merges").json()["merges"]
    [keep] = [m for m in merges if m["kind"] == "split-keep"]
    assert client.post(f"/api/merges/{keep['id']}/undo", headers=AUTH).status_code == 200
    again = client.get(f"/api/events/{created['event_id_cnty']}").json()["event"]
    assert again["doc_ids"] == ["m1"] and again["event_id_cnty"] == created["event_id_cnty"]


def test_split_single_report_event_by_fields(api: Api) -> None:
    fields = {"location": "Tadef", "latitude": 36.35, "longitude": 37.53}
    r = api.client.post("/api/events/SYR-1/split", headers=AUTH,
                        json={"fields": fields, "reviewer": "ana"})
    assert r.status_code == 201, r.text
    original, created = r.json()["original"], r.json()["created"]
    assert original["event"]["location"] == "Aleppo" and original["event"]["status"] == "new"
    assert created["event"]["event_id_cnty"] == "SYR-1-s1"
    assert (created["event"]["location"], created["event"]["latitude"]) == ("Tadef", 36.35)
    assert created["event"]["doc_id"] == "doc-aleppo" and created["event"]["status"] == "edited"
    assert [e["field"] for e in original["event"]["evidence"]] == ["trigger"]  # kept
    assert [d["id"] for d in created["documents"]] == ["doc-aleppo"]
    [a_orig], [a_new] = original["audit"], created["audit"]
    assert a_orig["after"] == {"status": "new", "split_into": "SYR-1-s1"}
    assert a_new["before"] == {"split_from": "SYR-1", "latitude": 36.2, "location": "Aleppo",
                               "longitude": 37.16}
    assert a_new["after"]["location"] == "Tadef" and a_new["who"] == "default"
    assert api.client.get("/api/events").json()["total"] == 5
    # the document now lists both events; a second split gets the next free id
    doc = api.client.get("/api/documents/doc-aleppo").json()
    assert {"SYR-1", "SYR-1-s1"} <= {e["event_id_cnty"] for e in doc["events"]}
    again = api.client.post("/api/events/SYR-1/split", headers=AUTH,
                            json={"fields": {"event_date": "2016-11-02"}})
    assert again.status_code == 201 and again.json()["created"]["event"]["event_id_cnty"] == "SYR-1-s2"
    assert again.json()["created"]["event"]["year"] == 2016


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"documents": ["nope"]}, 422, "invalid_split"),
    ({"documents": ["doc-aleppo"]}, 422, "invalid_split"),  # every document of the event
    ({}, 422, "invalid_split"),
    ({"fields": {"location": "Aleppo"}}, 422, "invalid_split"),  # same as the event
    ({"fields": {"no_such_field": 1}}, 422, "invalid_edit"),
    ({"fields": {"event_id_cnty": "X"}}, 422, "invalid_edit"),
    ({"fields": {"fatalities": "many"}}, 422, "invalid_edit"),
    ({"fields": {"actor1": ["list"]}}, 422, "validation_error"),
    ({"fields": {"fatalities": 10**22}}, 422, "invalid_edit"),  # no integer column holds it
    ({"fields": {"latitude": 91}}, 422, "invalid_edit"),
    ({"fields": {"longitude": "NaN"}}, 422, "invalid_edit"),
    ({"documents": []}, 422, "validation_error"),
    ({"documents": "doc-aleppo"}, 422, "validation_error"),
    ({"fields": {"location": "X"}, "extra": 1}, 422, "validation_error"),
    ({"fields": {"location": "a\x00b"}}, 422, "validation_error"),
])
def test_split_bad_requests_are_4xx_and_change_nothing(read_api: Api, body: dict[str, Any],
                                                      status: int, code: str) -> None:
    r = read_api.client.post("/api/events/SYR-1/split", json=body, headers=AUTH)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code
    assert read_api.client.get("/api/events").json()["total"] == 4
    assert read_api.client.get("/api/events/SYR-1").json()["audit"] == []


@pytest.mark.parametrize(("content", "headers"), [
    (b"{not json", {"Content-Type": "application/json"}),
    (b"", {"Content-Type": "application/json"}),
    (b"[1, 2]", {"Content-Type": "application/json"}),
    (b'{"fields": {"location": "X"}}', {"Content-Type": "text/plain"}),
    (b'{"fields": {"latitude": NaN}}', {"Content-Type": "application/json"}),
    (b'{"fields": {"latitude": Infinity}}', {"Content-Type": "application/json"}),
])
def test_split_malformed_bodies_are_4xx(read_api: Api, content: bytes, headers: dict[str, str]) -> None:
    r = read_api.client.post("/api/events/SYR-1/split", content=content, headers={**AUTH, **headers})
    assert 400 <= r.status_code < 500, r.text
    assert set(r.json()["error"]) == {"code", "message", "detail"}
    assert read_api.client.get("/api/events").json()["total"] == 4


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}])
def test_split_needs_the_token(read_api: Api, headers: dict[str, str]) -> None:
    r = read_api.client.post("/api/events/SYR-1/split", json={"fields": {"location": "X"}},
                             headers=headers)
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert read_api.client.get("/api/events").json()["total"] == 4


def test_split_unknown_event_is_404(read_api: Api) -> None:
    r = read_api.client.post("/api/events/NOPE/split", json={"fields": {"location": "X"}},
                             headers=AUTH)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("body", "code"), [
    ({"documents": ["m1", "m2", "m3"]}, "invalid_split"),
    ({"documents": ["m1", "zz"]}, "invalid_split"),
    ({"fields": {"location": "Elsewhere"}}, "invalid_split"),  # merged: say which documents
])
def test_split_merged_event_bad_documents(db_url: str, body: dict[str, Any], code: str) -> None:
    client = _merged_client(db_url)
    [event] = client.get("/api/events").json()["items"]
    r = client.post(f"/api/events/{event['event_id_cnty']}/split", json=body, headers=AUTH)
    assert r.status_code == 422 and r.json()["error"]["code"] == code, r.text
    [same] = client.get("/api/events").json()["items"]
    assert same["doc_ids"] == ["m1", "m2", "m3"] and same["status"] == "new"
