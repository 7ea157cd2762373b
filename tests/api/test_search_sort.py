"""/api/events: words of the reports (q), folded names, minimum fatalities, sorting, pickers."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.schema import Doc, Document
from tests.api.conftest import Api
from tests.helpers import make_event


@pytest.fixture
def api_more(api: Api) -> Api:
    """The seed plus two reports whose words are only in their text (Arabic, Yemen)."""
    store = api.app.state.sitrep.store
    for doc_id, body, eid, country, admin1, dead in (
            ("d-ar", "قصف جوي على حلب وسقوط ضحايا", "SYR-9", "Syria", "Ḩalab", 9),
            ("d-ye", "Houthi gunmen stormed the port, local sources said.", "YEM-1", "Yemen",
             "Al Ḩudaydah", 1)):
        doc = Doc(document=Document(id=doc_id, text=body, date=date(2020, 5, 1)))
        doc.events = [make_event(event_id_cnty=eid, doc_id=doc_id, doc_ids=[doc_id],
                                 country=country, admin1=admin1, location="Somewhere",
                                 actor1="Unidentified Armed Group", actor2=None,
                                 event_date=date(2020, 5, 1), fatalities=dead, notes=None)]
        assert store.add(doc)
    return api


def _ids(api: Api, query: str) -> list[str]:
    r = api.client.get(f"/api/events?{query}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"])
    return [e["event_id_cnty"] for e in body["items"]]


@pytest.mark.parametrize(("query", "expected"), [
    ("q=killed", {"SYR-1", "SYR-2"}),  # only in the Aleppo report's text
    ("q=Houthi", {"YEM-1"}),
    ("q=%D8%AD%D9%84%D8%A8", {"SYR-9"}),  # حلب
    ("q=tear%20gas", {"KEN-1"}),
    ("q=%22gas%20tear%22", set()),
    ("country=ukraine", {"UKR-1"}),
    ("country=YEMEN", {"YEM-1"}),
    ("admin1=Hudaydah", {"YEM-1"}),
    ("admin1=halab", {"SYR-9"}),
    ("min_fatalities=5", {"SYR-1", "SYR-2", "SYR-9"}),
    ("min_fatalities=10&country=syria", {"SYR-1"}),
])
def test_search_api_filters(api_more: Api, query: str, expected: set[str]) -> None:
    assert set(_ids(api_more, query)) == expected
    points = api_more.client.get(f"/api/events/points?{query}").json()
    assert {r[0] for r in points["rows"]} == expected


@pytest.mark.parametrize(("sort", "key", "reverse"), [
    ("fatalities", "fatalities", False), ("-fatalities", "fatalities", True),
    ("country", "country", False), ("-event_date", "event_date", True),
    ("location", "location", False),
])
def test_search_api_sorts_by_allowed_columns(read_api: Api, sort: str, key: str, reverse: bool) -> None:
    items = read_api.client.get(f"/api/events?sort={sort}").json()["items"]
    values = [e[key] for e in items]
    assert len(values) == 4 and values == sorted(values, reverse=reverse)
    page = read_api.client.get(f"/api/events?sort={sort}&limit=2&offset=2").json()
    assert [e["event_id_cnty"] for e in page["items"]] == [e["event_id_cnty"] for e in items[2:]]


@pytest.mark.parametrize("sort", ["data", "id;drop", "-", "fatalities desc", "notes", "x" * 50])
def test_search_api_sort_outside_the_allow_list_is_422(read_api: Api, sort: str) -> None:
    r = read_api.client.get("/api/events", params={"sort": sort})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "validation_error"


def test_search_api_min_fatalities_must_be_a_count(read_api: Api) -> None:
    for bad in ("-1", "many", "1.5"):
        r = read_api.client.get(f"/api/events?min_fatalities={bad}")
        assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"


def test_search_api_values_fill_the_pickers(read_api: Api) -> None:
    r = read_api.client.get("/api/events/values?field=actor")
    assert r.status_code == 200, r.text
    values = r.json()["values"]
    assert values[:2] == [{"value": "Jaysh al-Fateh", "count": 4},  # actor2 of every seed event
                          {"value": "Military Forces of Russia (2000-)", "count": 2}]
    assert {v["value"] for v in values} == {"Jaysh al-Fateh", "Military Forces of Russia (2000-)",
                                            "Military Forces of Syria (2000-)", "Protesters (Kenya)"}
    subs = read_api.client.get("/api/events/values?field=sub_event_type").json()["values"]
    assert sorted(v["value"] for v in subs) == ["Air/drone strike", "Armed clash",
                                                "Protest with intervention",
                                                "Shelling/artillery/missile attack"]
    assert read_api.client.get("/api/events/values?field=data").status_code == 422
    assert read_api.client.get("/api/events/values").status_code == 422


@pytest.mark.parametrize(("q", "expected"), [
    ("killed", {"doc-aleppo"}),  # words of the text
    ("tear gas", {"doc-nairobi"}),
    ("kharkiv", {"doc-kharkiv"}),
    ("doc-", {"doc-aleppo", "doc-kharkiv", "doc-nairobi"}),  # the id, as before
    ("nothing", set()),
])
def test_search_api_documents_by_words_of_their_text(read_api: Api, q: str, expected: set[str]) -> None:
    body = read_api.client.get("/api/documents", params={"q": q}).json()
    assert {d["id"] for d in body["items"]} == expected and body["total"] == len(expected)
