"""Hand-built documents and events the API and UI tests share."""

from __future__ import annotations

from datetime import date

from sitrep.schema import Doc, Document, Evidence
from sitrep.store import Store
from tests.helpers import make_doc, make_event

__all__ = ["AUTH", "OUTLETS", "SEED", "TOKEN", "seed_docs", "seed_merged"]

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

ALEPPO_TEXT = "Fighting in Aleppo killed 12 fighters on Thursday, the observatory said."
#: (doc id, text, [(event id, country, type, sub-type, date, lat, lon, fatalities, actor1)])
SEED: list[tuple[str, str, list[tuple[str, str, str, str, date, float, float, int, str]]]] = [
    ("doc-aleppo", ALEPPO_TEXT, [
        ("SYR-1", "Syria", "Battles", "Armed clash", date(2016, 11, 3), 36.2, 37.16, 12,
         "Military Forces of Syria (2000-)"),
        ("SYR-2", "Syria", "Explosions/Remote violence", "Air/drone strike", date(2016, 11, 4),
         35.93, 36.63, 5, "Military Forces of Russia (2000-)"),
    ]),
    ("doc-kharkiv", "Shelling hit Kharkiv on Saturday; three civilians died.", [
        ("UKR-1", "Ukraine", "Explosions/Remote violence", "Shelling/artillery/missile attack",
         date(2022, 2, 26), 49.98, 36.25, 3, "Military Forces of Russia (2000-)"),
    ]),
    ("doc-nairobi", "Police fired tear gas at protesters in Nairobi on Monday.", [
        ("KEN-1", "Kenya", "Protests", "Protest with intervention", date(2023, 3, 20), -1.29,
         36.82, 0, "Protesters (Kenya)"),
    ]),
]


def seed_docs() -> list[Doc]:
    docs = []
    for doc_id, text, rows in SEED:
        doc = Doc(document=Document(id=doc_id, text=text, date=date(2023, 1, 1), source="Demo"))
        for eid, country, etype, sub, day, lat, lon, fat, actor1 in rows:
            start = text.index(text.split()[0])
            doc.events.append(make_event(
                event_id_cnty=eid, doc_id=doc_id, doc_ids=[doc_id], country=country,
                admin1=None, location=text.split()[2].strip(";."), event_type=etype,
                sub_event_type=sub, event_date=day, year=day.year, latitude=lat, longitude=lon,
                fatalities=fat, actor1=actor1, why=["status: new (reported)", "coreference: first mention"],
                evidence=[Evidence(doc_id=doc_id, field="trigger", start=start,
                                   end=start + len(text.split()[0]), text=text.split()[0])]))
        docs.append(doc)
    return docs


#: (doc id, outlet, fatalities): three reports of one clash that the matcher merges.
OUTLETS = [("m1", "Outlet A", 10), ("m2", "Outlet B", 20), ("m3", "Outlet C", 30)]


def seed_merged(store: Store) -> None:
    """Three outlets' reports of one clash, merged by the store into one event."""
    from sitrep.store.merges import merge_into_store

    for doc_id, source, dead in OUTLETS:
        doc = make_doc(doc_id, n_events=0)
        doc.document.source = source
        doc.events = [make_event(event_id_cnty=f"E-{doc_id}", doc_id=doc_id, doc_ids=[doc_id],
                                 source=source, fatalities=dead, fatalities_low=dead,
                                 fatalities_best=dead, fatalities_high=dead, claims=[])]
        merge_into_store(store, doc)
