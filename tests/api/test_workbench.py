"""The analyst's charts and review queue through the API: top actors and admin1 counted in SQL
under the list's filters, the queue order, bulk accept/reject (all or nothing, one audit row per
event, the token's name as reviewer)."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.store.review import audit_log
from sitrep.schema import Doc, Document
from tests.api.conftest import AUTH, TOKEN, Api
from tests.helpers import make_event

#: (id, actor1, actor2, admin1, fatalities, confidence, date)
ROWS = [
    ("A-1", "Rebels", "Army", "North", 5, 0.9, date(2020, 1, 1)),
    ("A-2", "Rebels", None, "North", 1, 0.4, date(2020, 1, 2)),
    ("A-3", "Army", "Army", "South", 7, 0.2, date(2020, 2, 1)),  # one event, one actor count
    ("A-4", "Police", "Rebels", "North", 0, None, date(2020, 3, 1)),
    ("A-5", "Police", None, "Ḩaḑramawt", 2, 0.7, date(2021, 1, 1)),
]


def _client(db_url: str) -> TestClient:
    app = create_app(db_url=db_url, token=TOKEN)
    doc = Doc(document=Document(id="d", text="Clashes.", date=date(2021, 1, 2), source="Demo"))
    doc.events = [make_event(event_id_cnty=i, doc_id="d", doc_ids=["d"], actor1=a1, actor2=a2,
                             admin1=adm, fatalities=f, confidence=c, event_date=d, year=d.year,
                             claims=[]) for i, a1, a2, adm, f, c, d in ROWS]
    app.state.sitrep.store.add(doc)
    return TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1")


def test_workbench_stats_top_actors_and_admin1_follow_filters(db_url: str) -> None:
    with _client(db_url) as client:
        r = client.get("/api/events/stats", params={"by": "actor"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["total"] == 5
        top = [(v["value"], v["events"], v["fatalities"]) for v in body["values"]]
        # Rebels in 3 events (5+1+0 dead); Army in 2 (A-3 counts once); Police in 2
        assert top == [("Rebels", 3, 6), ("Army", 2, 12), ("Police", 2, 2)]
        admin = client.get("/api/events/stats", params={"by": "admin1", "limit": 1}).json()
        assert [(v["value"], v["events"]) for v in admin["values"]] == [("North", 3)]
        # the list's filters apply: dates, then fatalities
        early = client.get("/api/events/stats", params={"by": "admin1", "date_to": "2020-01-31"}).json()
        assert early["total"] == 2 and [v["value"] for v in early["values"]] == ["North"]
        dead = client.get("/api/events/stats", params={"by": "actor", "min_fatalities": 2}).json()
        assert {v["value"]: v["events"] for v in dead["values"]} == {"Rebels": 1, "Army": 2, "Police": 1}
        accent = client.get("/api/events/stats", params={"by": "admin1", "admin1": "hadramawt"}).json()
        assert [v["value"] for v in accent["values"]] == ["Ḩaḑramawt"]
        bad = client.get("/api/events/stats", params={"by": "notes"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_error"


def test_workbench_queue_orders_unreviewed_then_least_confident(db_url: str) -> None:
    with _client(db_url) as client:
        assert client.patch("/api/events/A-3", json={"action": "accept"}, headers=AUTH).status_code == 200
        items = client.get("/api/events", params={"sort": "queue"}).json()["items"]
        # new first (unknown confidence first, then 0.4, 0.7, 0.9), the reviewed A-3 (0.2) last
        assert [e["event_id_cnty"] for e in items] == ["A-4", "A-2", "A-5", "A-1", "A-3"]
        assert client.get("/api/events", params={"sort": "-queue"}).status_code == 422


def test_workbench_bulk_review_applies_all_and_audits_each(api: Api) -> None:
    r = api.client.post("/api/events/review", headers=AUTH,
                        json={"action": "reject", "ids": ["SYR-1", "KEN-1", "SYR-1"], "note": "dupes"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["changed"], body["by"]) == (2, "default")
    assert body["events"] == {"SYR-1": "rejected", "KEN-1": "rejected"}
    for event_id in ("SYR-1", "KEN-1"):
        detail = api.client.get(f"/api/events/{event_id}").json()
        assert detail["event"]["status"] == "rejected"
        [entry] = detail["audit"]
        assert (entry["action"], entry["who"], entry["note"]) == ("reject", "default", "dupes")
        assert (entry["before"], entry["after"]) == ({"status": "new"}, {"status": "rejected"})
    assert api.client.get("/api/events/SYR-2").json()["audit"] == []


def _audit_rows(api: Api) -> int:
    from sqlalchemy import func, select

    with api.app.state.sitrep.store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(audit_log)).scalar_one())


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"action": "accept", "ids": ["SYR-1", "NOPE-9", "UKR-1"]}, 404, "not_found"),
    ({"action": "edit", "ids": ["SYR-1"]}, 422, "validation_error"),
    ({"action": "accept", "ids": []}, 422, "validation_error"),
    ({"action": "accept", "ids": ["SYR-1"] * 1001}, 422, "validation_error"),
    ({"action": "accept", "ids": ["SYR-1"], "reviewer": "mallory"}, 422, "validation_error"),
])
def test_workbench_bulk_review_refuses_and_changes_nothing(api: Api, body: dict[str, object],
                                                           status: int, code: str) -> None:
    audit_before = _audit_rows(api)
    r = api.client.post("/api/events/review", headers=AUTH, json=body)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert error["code"] == code
    if status == 404:
        assert error["detail"] == [{"field": "NOPE-9", "reason": "no such event"}]
    assert _audit_rows(api) == audit_before
    statuses = {e["status"] for e in api.client.get("/api/events", params={"limit": 100}).json()["items"]}
    assert statuses == {"new"}


def test_workbench_bulk_review_needs_a_token(api: Api) -> None:
    r = api.client.post("/api/events/review", json={"action": "accept", "ids": ["SYR-1"]},
                        headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    assert _audit_rows(api) == 0
