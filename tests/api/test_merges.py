from __future__ import annotations

from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.config import Settings
from sitrep.schema import FramingFlag
from sitrep.store import open_store
from sitrep.store.merges import merge_into_store
from tests.helpers import make_doc, make_event


def _seed_two_outlets(db_url: str) -> None:
    store = open_store(db_url)
    for doc_id, source, term in (("m1", "Outlet A", "regime"), ("m2", "Outlet B", "terrorists")):
        doc = make_doc(doc_id, n_events=0)
        doc.document.source = source
        doc.events = [make_event(event_id_cnty=f"E-{doc_id}", doc_id=doc_id, doc_ids=[doc_id],
                                 source=source,
                                 framing=[FramingFlag(term=term, normalised="x", kind="partisan")])]
        merge_into_store(store, doc)
    store.dispose()


def test_merges_history_framing_and_undo(db_url: str) -> None:
    _seed_two_outlets(db_url)
    client = TestClient(create_app(Settings(), db_url=db_url, token="tok"), base_url="http://127.0.0.1")
    listed = client.get("/api/events").json()
    assert listed["total"] == 1
    event_id = listed["items"][0]["event_id_cnty"]
    body = client.get(f"/api/events/{event_id}/merges").json()
    assert len(body["merges"]) == 1 and body["merges"][0]["features"]
    assert {f["source"] for f in body["framing"]} == {"Outlet A", "Outlet B"}
    merge_id = body["merges"][0]["id"]
    assert client.post(f"/api/merges/{merge_id}/undo").status_code == 401  # no token
    undone = client.post(f"/api/merges/{merge_id}/undo", headers={"Authorization": "Bearer tok"})
    assert undone.status_code == 200
    assert client.get("/api/events").json()["total"] == 2
    missing = client.post("/api/merges/99999/undo", headers={"Authorization": "Bearer tok"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_merges_watch_status_on_a_fresh_database(db_url: str) -> None:
    client = TestClient(create_app(Settings(), db_url=db_url, token="tok"), base_url="http://127.0.0.1")
    body = client.get("/api/watch").json()
    assert body["active"] is False
