"""The store applies the validation rules itself and keeps distinct bad inputs apart."""

from __future__ import annotations

import pytest

from sitrep.schema import QuarantineItem
from sitrep.store import open_store
from sitrep.errors import StoreError
from tests.helpers import make_doc


@pytest.mark.parametrize("text", ["Fighting \x00 in Aleppo.", "Fighting \udc80 in Aleppo."])
def test_validation_store_rejects_what_no_database_holds(db_url: str, text: str) -> None:
    store = open_store(db_url)
    try:
        with pytest.raises(StoreError, match="'text'"):
            store.add(make_doc("d1", text=text))
        assert store.count("documents") == 0
        assert store.add(make_doc("d2")) is True
    finally:
        store.dispose()


def test_validation_store_rejects_an_over_long_id_alike(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with pytest.raises(StoreError, match="'id'"):
            store.add(make_doc("x" * 256))
    finally:
        store.dispose()


def test_validation_quarantine_keeps_a_different_bad_line_at_the_same_place(db_url: str) -> None:
    store = open_store(db_url)
    try:
        first = QuarantineItem(origin="in.jsonl", line=3, reason="malformed JSON", raw="{oops")
        other = QuarantineItem(origin="in.jsonl", line=3, reason="malformed JSON", raw="{other")
        assert store.quarantine(first) is True
        assert store.quarantine(first) is False
        assert store.quarantine(other) is True
        odd = QuarantineItem(origin="in\udcff.jsonl", line=1, reason="bad \x00", raw="a\ud800\x00")
        assert store.quarantine(odd) is True
        assert len(store.quarantined()) == 3
    finally:
        store.dispose()
