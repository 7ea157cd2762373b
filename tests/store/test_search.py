"""Full-text search over reports and folded name filters, in the store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from sitrep.schema import Doc, Document
from sitrep.store import EventFilter, Store, make_engine, migrate, open_store
from sitrep.store.engine import _MIGRATIONS
from sitrep.store.search import fold, fts5_query
from tests.helpers import make_event

#: (doc id, report text, event id, country, admin1, location, fatalities)
REPORTS = [
    ("d-yem", "Houthi forces shelled a market; seven people were killed, medics said.",
     "YEM-1", "Yemen", "Al Ḩudaydah", "Ad Durayhimi", 7),
    ("d-syr", "اشتباكات عنيفة في حلب بين قوات النظام والفصائل", "SYR-1", "Syria", "Aleppo",
     "Aleppo", 3),
    ("d-ukr", "Shelling damaged a school in Kharkiv overnight; nobody was hurt.", "UKR-1",
     "Ukraine", "Kharkivs'ka", "Kharkiv", 0),
]


def _docs() -> list[Doc]:
    out = []
    for doc_id, body, eid, country, admin1, location, dead in REPORTS:
        doc = Doc(document=Document(id=doc_id, text=body, date=date(2020, 1, 2), source="Wire"))
        doc.events = [make_event(event_id_cnty=eid, doc_id=doc_id, doc_ids=[doc_id], country=country,
                                 admin1=admin1, location=location, fatalities=dead,
                                 actor1="Unidentified Armed Group", actor2=None, notes=None)]
        out.append(doc)
    return out


def _ids(store: Store, flt: EventFilter) -> set[str]:
    return {e.event_id_cnty or "" for e in store.iter_events(flt)}


@pytest.fixture
def store(db_url: str) -> Store:
    s = open_store(db_url)
    for doc in _docs():
        assert s.add(doc)
    return s


@pytest.mark.parametrize(("q", "expected"), [
    ("killed", {"YEM-1"}),
    ("KILLED", {"YEM-1"}),
    ("Houthi", {"YEM-1"}),
    ("حلب", {"SYR-1"}),
    ("school kharkiv", {"UKR-1"}),
    ('"seven people"', {"YEM-1"}),
    ('"people seven"', set()),
    ("killed or hurt", {"YEM-1", "UKR-1"}),
    ("shelled -killed", set()),
    ("durayhimi", {"YEM-1"}),  # an event field still counts
    ("ad durayhimi", {"YEM-1"}),
    ("'; DROP TABLE events; --", set()),
    ('"', set()),
    ("nowhere", set()),
])
def test_search_text_finds_words_of_the_reports(store: Store, q: str, expected: set[str]) -> None:
    assert _ids(store, EventFilter(text=q)) == expected


@pytest.mark.parametrize(("flt", "expected"), [
    (EventFilter(country="ukraine"), {"UKR-1"}),
    (EventFilter(country="UKRAINE"), {"UKR-1"}),
    (EventFilter(country="Ukr"), set()),  # a country is the whole name
    (EventFilter(admin1="Hudaydah"), {"YEM-1"}),
    (EventFilter(admin1="al hudaydah"), {"YEM-1"}),
    (EventFilter(admin1="Al Ḩudaydah"), {"YEM-1"}),
    (EventFilter(admin1="Hudayda"), set()),  # whole words
    (EventFilter(admin1="kharkivska"), {"UKR-1"}),
    (EventFilter(admin1="100%"), set()),
    (EventFilter(min_fatalities=3), {"YEM-1", "SYR-1"}),
    (EventFilter(min_fatalities=0), {"YEM-1", "SYR-1", "UKR-1"}),
    (EventFilter(min_fatalities=8), set()),
])
def test_search_names_ignore_case_and_accents(store: Store, flt: EventFilter,
                                              expected: set[str]) -> None:
    assert _ids(store, flt) == expected


def test_search_follows_document_deletes(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM documents WHERE id = 'd-yem'"))
    assert _ids(store, EventFilter(text="killed")) == set()


def test_search_migration_indexes_documents_stored_before_it(db_url: str) -> None:
    engine = make_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, ["0003_review", "0004_runs", "0005_watch", "0006_split"])
    old = Store(engine)
    for doc in _docs():
        assert old.add(doc)
    migrate(engine)
    assert _ids(old, EventFilter(text="killed")) == {"YEM-1"}
    assert _ids(old, EventFilter(text="حلب")) == {"SYR-1"}
    engine.dispose()


@pytest.mark.parametrize(("raw", "folded"), [
    ("Al Ḩudaydah", "al hudaydah"), ("Sana'a", "sanaa"), ("Ta‘izz", "taizz"),
    ("ÎLE-DE-FRANCE", "ile de france"), ("حَلَب", "حلب"), ("  A  b ", "a b"), ("Łódź", "lodz"),
])
def test_search_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(("q", "expected"), [
    ("a b", '"a" AND "b"'), ('x "a b"', '"x" AND "a b"'), ("a or b", '("a" OR "b")'),
    ("a -b", '"a" NOT "b"'), ('say "hi"" there', '"say" AND "hi" AND " there"'), ("-a", None), ("--", None),
])
def test_search_fts5_query_quotes_every_term(q: str, expected: str | None) -> None:
    assert fts5_query(q) == expected
