from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.config import Settings
from sitrep.store import open_store
from tests.helpers import make_doc, make_event


def test_control_route_gives_holder_timeline(db_url: str) -> None:
    store = open_store(db_url)
    doc = make_doc("c1", n_events=0)
    doc.events = [make_event(event_id_cnty="CAP1", doc_id="c1", doc_ids=["c1"],
                             sub_event_type="Non-state actor overtakes territory",
                             actor1="Jaysh al-Fateh", inter1=2,
                             actor2="Military Forces of Syria (2000-)", inter2=1,
                             location="Menyan", event_date=date(2016, 11, 1))]
    store.add(doc)
    store.dispose()
    client = TestClient(create_app(Settings(), db_url=db_url, token="t"), base_url="http://127.0.0.1")
    body = client.get("/api/control", params={"place": "Menyan"}).json()
    assert body["items"], body
    assert body["items"][-1]["holder"] == "Jaysh al-Fateh"
    on = client.get("/api/control", params={"place": "Menyan", "on": "2016-11-05"}).json()
    assert [i["holder"] for i in on["items"]] == ["Jaysh al-Fateh"]
    none = client.get("/api/control", params={"place": "Nowhere"}).json()
    assert none["items"] == []
    assert client.get("/api/control").status_code == 422
