"""One JSON error shape for every error; hostile inputs get a 4xx, never a 500 or a changed row."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import AUTH, Api

_REQUESTS: list[tuple[str, str, dict[str, Any], int]] = [
    ("GET", "/api/no-such-route", {}, 404),
    ("GET", "/api/events/NOPE", {}, 404),
    ("GET", "/api/documents/NOPE", {}, 404),
    ("DELETE", "/api/events/SYR-1", {}, 405),
    ("PATCH", "/api/events/SYR-1", {"json": {"action": "accept"}}, 401),
    ("POST", "/api/documents", {"json": {"text": "x"}}, 401),
    ("GET", "/api/events?date_from=yesterday", {}, 422),
    ("GET", "/api/events?bbox=0,0,1", {}, 422),
    ("GET", "/api/events?bbox=10,0,1,1", {}, 422),
    ("GET", "/api/events?bbox=nan,0,1,1", {}, 422),
    ("GET", "/api/events?limit=100000", {}, 422),
    ("GET", "/api/events?offset=-1", {}, 422),
    ("GET", "/api/events?status=maybe", {}, 422),
    ("GET", "/api/export?format=xlsx", {}, 422),
    ("PATCH", "/api/events/SYR-1", {"content": b"{not json", "headers": {
        **AUTH, "Content-Type": "application/json"}}, 422),
    ("POST", "/api/documents", {"json": {"text": "x", "colour": "red"}, "headers": AUTH}, 422),
    ("POST", "/api/documents", {"json": {"text": ""}, "headers": AUTH}, 422),
    ("POST", "/api/documents", {"json": {"text": "a\u0000b"}, "headers": AUTH}, 422),
    ("POST", "/api/documents", {"content": b'{"text": "\\ud800"}', "headers": {
        **AUTH, "Content-Type": "application/json"}}, 422),
    ("POST", "/api/documents", {"content": b"x" * (2 * 1024 * 1024 + 1), "headers": {
        **AUTH, "Content-Type": "application/json"}}, 413),
]


@pytest.mark.parametrize(("method", "url", "kwargs", "status"), _REQUESTS)
def test_errors_have_one_json_shape(read_api: Api, method: str, url: str, kwargs: dict[str, Any],
                                    status: int) -> None:
    r = read_api.client.request(method, url, **kwargs)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert list(body) == ["error"]
    assert set(body["error"]) == {"code", "message", "detail"}
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert read_api.table_count("documents") == 3 and read_api.table_count("events") == 4


def test_errors_body_limit_applies_to_streamed_bodies(read_api: Api) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"x" * 65536

    r = read_api.client.post("/api/documents", content=chunks(),
                             headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"


_SQLISH = ["' OR '1'='1", "x'; DROP TABLE events; --",
           "Syria'--", "\\'; DELETE FROM documents WHERE '1'='1"]


@pytest.mark.parametrize("value", _SQLISH)
@pytest.mark.parametrize("param", ["country", "admin1", "event_type", "sub_event_type", "actor", "q",
                                   "status", "date_from", "bbox", "limit", "format"])
def test_errors_sql_strings_in_every_parameter_are_harmless(read_api: Api, param: str,
                                                            value: str) -> None:
    # names are compared without case or punctuation: "Syria'--" is the name Syria
    folded = param in ("country", "admin1") and value == "Syria'--"
    expected = read_api.client.get("/api/events", params={param: "Syria"}).json()["total"] \
        if folded else 0
    for path in ("/api/events", "/api/export", "/api/events/points", "/api/documents"):
        r = read_api.client.get(path, params={param: value})
        assert r.status_code in (200, 422), (path, r.status_code, r.text)
        if r.status_code == 200 and path == "/api/events" and param not in ("format", "limit"):
            assert r.json()["total"] == expected
    assert read_api.table_count("documents") == 3 and read_api.table_count("events") == 4


@pytest.mark.parametrize("value", _SQLISH)
def test_errors_sql_strings_in_paths_and_bodies_are_harmless(read_api: Api, value: str) -> None:
    assert read_api.client.get(f"/api/events/{value}").status_code == 404
    assert read_api.client.get(f"/api/documents/{value}").status_code == 404
    r = read_api.client.patch(f"/api/events/{value}", json={"action": "reject", "reviewer": value},
                              headers=AUTH)
    assert r.status_code == 404
    assert read_api.table_count("events") == 4
    assert read_api.client.get("/api/events?status=rejected").json()["total"] == 0
