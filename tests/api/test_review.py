from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import AUTH, Api


@pytest.mark.parametrize(("action", "status"), [("accept", "accepted"), ("reject", "rejected")])
def test_review_accept_reject_sets_status_and_audits(api: Api, action: str, status: str) -> None:
    r = api.client.patch("/api/events/SYR-1", json={"action": action, "reviewer": "ana"},
                         headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["event"]["status"] == status
    [entry] = body["audit"]
    assert (entry["action"], entry["who"]) == (action, "default")  # the token's name, not "ana"
    assert entry["before"] == {"status": "new"} and entry["after"] == {"status": status}
    listed = api.client.get(f"/api/events?status={status}").json()["items"]
    assert [e["event_id_cnty"] for e in listed] == ["SYR-1"]


def test_review_edit_changes_fields_columns_and_audit(api: Api) -> None:
    fields = {"fatalities": 40, "event_date": "2016-12-01", "location": "Aleppo city"}
    r = api.client.patch("/api/events/SYR-1", json={"action": "edit", "fields": fields,
                                                    "note": "figure from later report"},
                         headers=AUTH)
    assert r.status_code == 200, r.text
    event = r.json()["event"]
    assert (event["fatalities"], event["event_date"], event["year"], event["status"]) == (
        40, "2016-12-01", 2016, "edited")
    [entry] = r.json()["audit"]
    assert entry["before"] == {"status": "new", "event_date": "2016-11-03", "location": "Aleppo",
                               "fatalities": 12}
    assert entry["after"]["fatalities"] == 40 and entry["note"] == "figure from later report"
    # indexed columns follow the edit: filters see the new values
    found = api.client.get("/api/events?date_from=2016-12-01&q=aleppo%20city").json()["items"]
    assert [e["event_id_cnty"] for e in found] == ["SYR-1"]
    # exports carry the edit
    assert '"fatalities":40' in api.client.get("/api/export?format=jsonl&country=Syria").text


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": "Basic dGVzdA=="},
                                     {"Authorization": "Bearer "}])
@pytest.mark.parametrize("body", [{"action": "reject"},
                                  {"action": "edit", "fields": {"fatalities": 1}}])
def test_review_needs_a_valid_token(read_api: Api, headers: dict[str, str], body: dict[str, Any]) -> None:
    r = read_api.client.patch("/api/events/SYR-1", json=body, headers=headers)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    after = read_api.client.get("/api/events/SYR-1").json()
    assert after["event"]["status"] == "new" and after["event"]["fatalities"] == 12
    assert after["audit"] == []


@pytest.mark.parametrize(("body", "code"), [
    ({"action": "edit", "fields": {"fatalities": "many"}}, "invalid_edit"),
    ({"action": "edit", "fields": {"event_id_cnty": "X"}}, "invalid_edit"),
    ({"action": "edit", "fields": {"doc_id": "other"}}, "invalid_edit"),
    ({"action": "edit", "fields": {"no_such_field": 1}}, "invalid_edit"),
    ({"action": "edit", "fields": {"fatalities": 10**22}}, "invalid_edit"),
    ({"action": "edit", "fields": {"latitude": -90.5}}, "invalid_edit"),
    ({"action": "edit", "fields": {"confidence": "inf"}}, "invalid_edit"),
    ({"action": "edit"}, "invalid_edit"),
    ({"action": "edit", "fields": {"actor1": "a\x00b"}}, "validation_error"),
    ({"action": "edit", "fields": {"actor1": ["list"]}}, "validation_error"),
    ({"action": "accept", "fields": {"fatalities": 1}}, "validation_error"),
    ({"action": "merge"}, "validation_error"),
    ({"action": "accept", "unknown": 1}, "validation_error"),
])
def test_review_invalid_patch_is_422_and_changes_nothing(read_api: Api, body: dict[str, Any],
                                                         code: str) -> None:
    r = read_api.client.patch("/api/events/SYR-1", json=body, headers=AUTH)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == code
    after = read_api.client.get("/api/events/SYR-1").json()
    assert after["event"]["status"] == "new" and after["audit"] == []


def test_review_unknown_event_is_404(read_api: Api) -> None:
    r = read_api.client.patch("/api/events/NOPE", json={"action": "accept"}, headers=AUTH)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_review_rejected_events_leave_exports_unless_asked(api: Api) -> None:
    api.client.patch("/api/events/SYR-1", json={"action": "reject"}, headers=AUTH)
    default = api.client.get("/api/export?format=jsonl").text
    assert "SYR-1" not in default and "SYR-2" in default
    rejected = api.client.get("/api/export?format=jsonl&status=rejected").text
    assert "SYR-1" in rejected and "SYR-2" not in rejected


def test_review_audit_keeps_every_step_in_order(api: Api) -> None:
    for body in ({"action": "edit", "fields": {"fatalities": 20}}, {"action": "reject"},
                 {"action": "accept"}):
        assert api.client.patch("/api/events/UKR-1", json=body, headers=AUTH).status_code == 200
    audit = api.client.get("/api/events/UKR-1").json()["audit"]
    assert [a["action"] for a in audit] == ["edit", "reject", "accept"]
    assert [a["after"]["status"] for a in audit] == ["edited", "rejected", "accepted"]
