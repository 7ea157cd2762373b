"""Many synthetic events for the browser test at scale (the same generator the benchmarks use),
stored a hundred to a document so 10,000 events take seconds, not minutes."""

from __future__ import annotations

from sitrep.dedup.scenarios import synthetic_events
from sitrep.schema import Doc, Document
from sitrep.store import Store

__all__ = ["seed_synthetic"]


def seed_synthetic(store: Store, n: int, *, per_doc: int = 100) -> None:
    """Store ``n`` synthetic events (war-zone places, 2015 onwards), ``per_doc`` to a report."""
    events = list(synthetic_events(n))
    for k in range(0, n, per_doc):
        doc_id = f"bulk-{k // per_doc}"
        doc = Doc(document=Document(id=doc_id, text=f"Synthetic report {doc_id}.", source="Synthetic"))
        doc.events = [e.model_copy(update={"doc_id": doc_id, "doc_ids": [doc_id]})
                      for e in events[k:k + per_doc]]
        assert store.add(doc)
