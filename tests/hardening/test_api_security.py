"""API hardening: auth on every write route, body limits, SQL injection, path traversal, CORS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.config import Settings
from tests.api.seed import AUTH, TOKEN, seed_docs
from tests.hardening.fakes import RichFakePipeline, check_store

WRITE_METHODS = ("post", "put", "patch", "delete")
INJECTIONS = [
    "' OR '1'='1", "1; DROP TABLE events; --", "\" OR \"\"=\"",
    "1' UNION SELECT id, text FROM documents --", "%' OR 1=1 --",
    "'); DELETE FROM documents; --", "\\'; SELECT pg_sleep(0); --",
    "admin'--", "1 OR 1=1", "_%_%",
]  # fmt: skip
LIMIT = 4096


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    app = create_app(db_url=db_url, token=TOKEN, max_body=LIMIT,
                     pipeline=RichFakePipeline(Settings()))
    for doc in seed_docs():
        assert app.state.sitrep.store.add(doc)
    with TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1") as c:
        yield c


def _operations(client: TestClient) -> Iterator[tuple[str, str, dict[str, Any]]]:
    spec = client.get("/api/openapi.json").json()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            yield method, path, op


def _fill(path: str) -> str:
    return (path.replace("{event_id}", "SYR-1").replace("{doc_id}", "doc-aleppo")
            .replace("{merge_id}", "1"))


def test_api_every_write_route_refuses_missing_or_wrong_token(client: TestClient) -> None:
    writes = [(m, p) for m, p, _ in _operations(client) if m in WRITE_METHODS]
    assert len(writes) >= 2  # POST /api/documents, PATCH /api/events/{id}
    before = check_store(client.app.state.sitrep.store)  # type: ignore[attr-defined]
    for method, path in writes:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                        {"Authorization": "Basic " + TOKEN}):
            r = client.request(method.upper(), _fill(path), headers=headers,
                               json={"text": "A clash in Aleppo.", "action": "accept"})
            assert r.status_code == 401, (method, path, headers, r.text)
            assert r.json()["error"]["code"] == "unauthorized"
            assert r.headers["www-authenticate"] == "Bearer"
    after = check_store(client.app.state.sitrep.store)  # type: ignore[attr-defined]
    assert (after.documents, after.events) == (before.documents, before.events)


def test_api_body_over_limit_is_413_by_length_and_by_stream(client: TestClient) -> None:
    big = {"text": "clash " * LIMIT}
    r = client.post("/api/documents", json=big, headers=AUTH)
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies while streaming
        yield b'{"text": "'
        for _ in range(LIMIT // 64 + 2):
            yield b"clash " * 11
        yield b'"}'

    r = client.post("/api/documents", content=chunks(),
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413
    r = client.post("/api/documents", content=b"x" * (LIMIT + 1))  # no token either
    assert r.status_code == 413
    assert client.post("/api/documents", json={"text": "A clash here."}, headers=AUTH).status_code == 201


def test_api_sql_injection_in_every_query_parameter(client: TestClient) -> None:
    store = client.app.state.sitrep.store  # type: ignore[attr-defined]
    before = check_store(store)
    tried = 0
    for method, path, op in _operations(client):
        if method != "get":
            continue
        for param in op.get("parameters", []):
            for value in INJECTIONS:
                if param["in"] == "query":
                    r = client.get(_fill(path), params={param["name"]: value})
                else:
                    r = client.get(_fill(path).replace(
                        "SYR-1" if "event_id" in path else "doc-aleppo", value))
                tried += 1
                assert r.status_code in (200, 404, 422), (path, param["name"], value, r.text)
                if r.status_code == 200 and path == "/api/events" and param["name"] != "status":
                    assert r.json()["total"] == 0, (param["name"], value)  # no filter bypassed
    assert tried >= 200
    after = check_store(store)
    assert after.problems == []
    assert (after.documents, after.events) == (before.documents, before.events)


@pytest.mark.parametrize("fmt", ["jsonl", "acled-csv", "ucdp-csv", "geojson"])
def test_api_export_file_names_are_fixed(client: TestClient, fmt: str) -> None:
    r = client.get("/api/export", params={"format": fmt, "q": "../../etc/passwd"})
    assert r.status_code == 200
    disposition = r.headers["content-disposition"]
    assert "/" not in disposition and ".." not in disposition and "sitrep-events" in disposition


@pytest.mark.parametrize("path", [
    "/api/export?format=../../../../etc/passwd", "/api/export?format=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/api/documents/../../../../etc/passwd", "/api/documents/..%2F..%2F..%2Fetc%2Fpasswd",
    "/api/events/..%2F..%2Fetc%2Fpasswd", "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/..%2F..%2F..%2Fetc%2Fpasswd",
    "/static/....//....//etc/passwd",
])  # fmt: skip
def test_api_path_traversal_reads_no_file(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (404, 422), (path, r.status_code)
    assert "root:" not in r.text
    assert r.headers["content-type"].startswith("application/json")


def test_api_cors_is_off_by_default(client: TestClient) -> None:
    origin = {"Origin": "https://evil.example"}
    preflight = client.options("/api/documents", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type"})
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code in (404, 405)
    for r in (client.get("/api/events", headers=origin),
              client.post("/api/documents", headers={**origin, **AUTH}, json={"text": "clash"})):
        assert "access-control-allow-origin" not in r.headers
        assert "access-control-allow-credentials" not in r.headers
