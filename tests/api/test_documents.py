from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.errors import InputError
from sitrep.pipeline import Pipeline
from sitrep.schema import Doc, Document
from tests.api.conftest import AUTH, TOKEN, Api
from tests.helpers import make_event

SAMPLE = Path(__file__).resolve().parents[2] / "sitrep" / "demo" / "samples" / "04-kharkiv-shelling.txt"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture
def coding_client(db_url: str, pipeline: Pipeline) -> Iterator[TestClient]:
    with TestClient(create_app(db_url=db_url, token=TOKEN, pipeline=pipeline),
                    raise_server_exceptions=False, base_url="http://127.0.0.1") as client:
        yield client


def test_documents_list_and_detail(read_api: Api) -> None:
    page = read_api.client.get("/api/documents?limit=2").json()
    assert page["total"] == 3 and len(page["items"]) == 2
    assert {"id", "n_events", "ingested_at"} <= set(page["items"][0])
    doc = read_api.client.get("/api/documents/doc-aleppo").json()
    assert doc["text"].startswith("Fighting in Aleppo")
    assert [e["event_id_cnty"] for e in doc["events"]] == ["SYR-1", "SYR-2"]
    assert read_api.client.get("/api/documents?q=kharkiv").json()["total"] == 1


@pytest.mark.slow
def test_documents_post_codes_stores_and_reposting_is_a_noop(coding_client: TestClient) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    body = {"text": text, "date": "2022-03-01", "source": "Demo wire"}
    first = coding_client.post("/api/documents", json=body, headers=AUTH)
    assert first.status_code == 201, first.text
    created = first.json()
    assert created["created"] is True and created["document"]["source"] == "Demo wire"
    assert created["events"], "the Kharkiv sample codes to at least one event"
    assert all(e["status"] == "new" and e["evidence"] for e in created["events"])
    again = coding_client.post("/api/documents", json=body, headers=AUTH)
    assert again.status_code == 200 and again.json()["created"] is False
    assert [e["event_id_cnty"] for e in again.json()["events"]] == [
        e["event_id_cnty"] for e in created["events"]]
    assert coding_client.get("/api/documents").json()["total"] == 1
    listed = coding_client.get("/api/events").json()
    assert listed["total"] == len(created["events"])


class StubCoder:
    """Codes every report as one event whose id comes from the text (no models)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, document: Document) -> Doc:
        self.calls += 1
        if "unreadable" in document.text:
            raise InputError("cannot code this", origin="api")
        doc = Doc(document=document)
        eid = "EV-" + document.text.split()[0]
        doc.events = [make_event(event_id_cnty=eid, doc_id=document.id, doc_ids=[document.id])]
        return doc


@pytest.fixture
def stub_client(db_url: str) -> Iterator[tuple[TestClient, StubCoder]]:
    coder = StubCoder()
    with TestClient(create_app(db_url=db_url, token=TOKEN, pipeline=coder),
                    raise_server_exceptions=False, base_url="http://127.0.0.1") as client:
        yield client, coder


def test_documents_post_stores_once_per_text(stub_client: tuple[TestClient, StubCoder]) -> None:
    client, coder = stub_client
    first = client.post("/api/documents", json={"text": "alpha report", "source": "S"}, headers=AUTH)
    assert first.status_code == 201 and first.json()["created"] is True
    assert [e["event_id_cnty"] for e in first.json()["events"]] == ["EV-alpha"]
    again = client.post("/api/documents", json={"text": "alpha report"}, headers=AUTH)
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["document"]["id"] == first.json()["document"]["id"]
    assert coder.calls == 1  # the stored document is returned, not coded again
    named = client.post("/api/documents", json={"text": "beta report", "id": "my-id"}, headers=AUTH)
    assert named.status_code == 201 and named.json()["document"]["id"] == "my-id"
    assert client.get("/api/documents").json()["total"] == 2


@pytest.mark.parametrize(("text", "status", "code"), [
    ("unreadable text", 422, "coding_failed"),
    ("alpha again, same event id", 409, "conflict"),
])
def test_documents_post_failures_store_nothing(stub_client: tuple[TestClient, StubCoder], text: str,
                                               status: int, code: str) -> None:
    client, _ = stub_client
    assert client.post("/api/documents", json={"text": "alpha report"}, headers=AUTH).status_code == 201
    clash = text.replace("alpha again,", "alpha")
    r = client.post("/api/documents", json={"text": clash}, headers=AUTH)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code
    assert client.get("/api/documents").json()["total"] == 1
    store = client.app.state.sitrep.store  # type: ignore[attr-defined]
    quarantined = store.quarantined()
    assert len(quarantined) == (1 if code == "coding_failed" else 0)
    if quarantined:
        assert quarantined[0].raw == clash and "cannot code this" in quarantined[0].reason
