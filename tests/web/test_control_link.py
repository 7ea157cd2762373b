"""The event page's "control timeline" of a capture coded at its city: the places that changed
hands (named in the text, no gazetteer knew them) have the timelines, as `sitrep control` lists;
``/api/control?event=ID`` gives those, where ``?place=<the event's location>`` has none."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep.api import create_app
from sitrep.schema import Doc, Document, Evidence
from sitrep.store import open_store
from tests.helpers import make_event

TEXT = "Jaysh al-Fateh took Menyan and Dahyat al-Assad west of Aleppo a few days ago."


def capture_doc() -> Doc:
    """A capture of two unknown neighbourhoods, located at Aleppo (geo precision 2)."""
    doc = Doc(document=Document(id="cap-doc", text=TEXT, date=date(2016, 11, 4), source="Demo"))
    places = [Evidence(doc_id="cap-doc", field="location", start=TEXT.index(n), end=TEXT.index(n) + len(n),
                       text=n) for n in ("Menyan", "Dahyat al-Assad", "Aleppo")]
    doc.events = [make_event(
        event_id_cnty="SYR-CAP", doc_id="cap-doc", doc_ids=["cap-doc"], event_type="Strategic developments",
        sub_event_type="Non-state actor overtakes territory", disorder_type="Strategic developments",
        actor1="Jaysh al-Fateh", inter1=2, actor2="Military Forces of Syria (2000-)", inter2=1,
        location="Aleppo", geo_precision=2, event_date=date(2016, 11, 1), date_start=date(2016, 11, 1),
        date_end=date(2016, 11, 1), fatalities=0, claims=[], evidence=places)]
    return doc


def test_control_by_event_gives_the_timelines_the_cli_lists(db_url: str) -> None:
    from sitrep.cli.app import _load_commands, app

    store = open_store(db_url)
    store.add(capture_doc())
    store.dispose()
    client = TestClient(create_app(db_url=db_url, token="t"), base_url="http://127.0.0.1")
    by_location = client.get("/api/control", params={"place": "Aleppo"}).json()
    assert by_location["items"] == []  # what the page's old link asked for
    body = client.get("/api/control", params={"event": "SYR-CAP"}).json()
    assert body["places"] == ["Menyan", "Dahyat al-Assad"]
    taken = [(i["place"], i["holder"], i["inferred"]) for i in body["items"]]
    assert ("Menyan", "Jaysh al-Fateh", False) in taken and ("Dahyat al-Assad", "Jaysh al-Fateh", False) in taken
    _load_commands()
    for place in body["places"]:
        cli = CliRunner().invoke(app, ["control", place, "--db", db_url])
        assert cli.exit_code == 0, cli.output
        assert "Jaysh al-Fateh" in cli.output and place in cli.output
        api_place = client.get("/api/control", params={"place": place}).json()
        assert [i["holder"] for i in api_place["items"]] == [i["holder"] for i in body["items"] if i["place"] == place]
    assert client.get("/api/control", params={"event": "NOPE"}).status_code == 404
    assert client.get("/api/control", params={"event": "SYR-CAP", "place": "Menyan"}).status_code == 422
