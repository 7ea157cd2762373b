"""Review keeps events valid under ACLED's codebook; undoing a merge is audited."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.config import Settings
from tests.api.conftest import AUTH, Api
from tests.api.seed import TOKEN, seed_merged


@pytest.mark.parametrize(("fields", "field"), [
    ({"sub_event_type": "Banana"}, "sub_event_type"),
    ({"event_type": "Banana"}, "event_type"),
    ({"event_type": "Protests", "sub_event_type": "Armed clash"}, "sub_event_type"),
    ({"sub_event_type": "Peaceful protest"}, "sub_event_type"),  # SYR-1 stays a Battle
    ({"event_type": "Riots"}, "sub_event_type"),  # Armed clash is no Riot
    ({"inter1": 9}, "inter1"),
    ({"inter1": 0}, "inter1"),
    ({"inter1": None}, "inter1"),
    ({"inter2": -1}, "inter2"),
    ({"inter1": True}, "inter1"),
    ({"disorder_type": "Demonstrations"}, "disorder_type"),
    ({"interaction": "99"}, "interaction"),
    ({"year": 1999}, "year"),
    ({"event_date": "2999-01-01"}, "event_date"),
    ({"date_start": "2016-11-05", "date_end": "2016-11-01"}, "date_end"),
])
def test_review_rules_refuse_values_outside_the_codebook(read_api: Api, fields: dict[str, Any],
                                                         field: str) -> None:
    r = read_api.client.patch("/api/events/SYR-1", json={"action": "edit", "fields": fields},
                              headers=AUTH)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_edit" and error["message"]
    assert field in [d["field"] for d in error["detail"]], error
    after = read_api.client.get("/api/events/SYR-1").json()
    assert after["event"]["status"] == "new" and after["audit"] == []
    assert after["event"]["sub_event_type"] == "Armed clash"


def test_review_rules_message_names_the_choices(read_api: Api) -> None:
    r = read_api.client.patch("/api/events/SYR-1", json={"action": "edit", "fields": {
        "event_type": "Protests", "sub_event_type": "Armed clash"}}, headers=AUTH)
    [detail] = r.json()["error"]["detail"]
    assert "Battles" in detail["reason"] and "Peaceful protest" in detail["reason"]


@pytest.mark.parametrize(("fields", "disorder"), [
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, "Demonstrations"),
    ({"event_type": "Riots", "sub_event_type": "Mob violence"}, "Political violence"),
    ({"event_type": "Protests", "sub_event_type": "Excessive force against protesters"},
     "Political violence; Demonstrations"),
    ({"event_type": "Strategic developments", "sub_event_type": "Agreement"},
     "Strategic developments"),
])
def test_review_rules_recompute_disorder_type(api: Api, fields: dict[str, Any], disorder: str) -> None:
    r = api.client.patch("/api/events/SYR-1", json={"action": "edit", "fields": fields},
                         headers=AUTH)
    assert r.status_code == 200, r.text
    event = r.json()["event"]
    assert (event["event_type"], event["sub_event_type"], event["disorder_type"]) == (
        fields["event_type"], fields["sub_event_type"], disorder)
    if disorder != "Political violence":  # SYR-1's own, as a Battle
        assert r.json()["audit"][0]["after"]["disorder_type"] == disorder


def test_review_rules_recompute_interaction_and_year(api: Api) -> None:
    r = api.client.patch("/api/events/SYR-1", json={"action": "edit", "fields": {
        "inter1": 3, "inter2": 1, "event_date": "2017-01-02"}}, headers=AUTH)
    assert r.status_code == 200, r.text
    event = r.json()["event"]
    assert (event["inter1"], event["inter2"], event["interaction"], event["year"]) == (3, 1, "13", 2017)
    r = api.client.patch("/api/events/SYR-1", json={"action": "edit", "fields": {"inter2": None}},
                         headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["event"]["interaction"] == "30"


def test_review_rules_undoing_a_merge_is_audited(db_url: str) -> None:
    app = create_app(Settings(), db_url=db_url, token=TOKEN)
    seed_merged(app.state.sitrep.store)
    client = TestClient(app, base_url="http://127.0.0.1")
    [event] = client.get("/api/events").json()["items"]
    merge = client.get(f"/api/events/{event['event_id_cnty']}/merges").json()["merges"][0]
    r = client.post(f"/api/merges/{merge['id']}/undo", headers=AUTH)
    assert r.status_code == 200, r.text
    target = client.get(f"/api/events/{event['event_id_cnty']}").json()
    [entry] = target["audit"]
    assert (entry["action"], entry["who"]) == ("undo-merge", "default")
    assert merge["doc_id"] in entry["before"]["doc_ids"]
    assert merge["doc_id"] not in entry["after"]["doc_ids"]
    restored_id = entry["after"]["restored_event"]
    restored = client.get(f"/api/events/{restored_id}").json()
    assert [a["action"] for a in restored["audit"]] == ["undo-merge"]
    assert restored["audit"][0]["before"]["merged_into"] == event["event_id_cnty"]
    # undoing again changes nothing and writes nothing
    assert client.post(f"/api/merges/{merge['id']}/undo", headers=AUTH).status_code == 200
    assert len(client.get(f"/api/events/{event['event_id_cnty']}").json()["audit"]) == 1
