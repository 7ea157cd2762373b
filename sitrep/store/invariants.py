"""Invariants of a stored database: every document is in exactly the events it should be.

``check_invariants(store)`` reads the whole store and returns every violation it finds (an empty
list means the store is consistent). It is library code so that tests, the stress benchmark and
an operator after an incident run the same checks:

- **links**: the ``event_documents`` rows of an event are exactly its ``doc_ids``, and its
  ``doc_id`` column is one of them;
- **reports**: a merged event holds every report its merge log says it was built from (a report
  overwritten by a concurrent writer shows up here), and an event no reviewer edited or split is
  exactly ``merge_cluster`` of those reports (a stale write shows up here; a merge into an edited
  event recomputes it from its reports, so edited events are checked on their documents only);
- **edits**: an event a reviewer edited still holds every edit not recorded as dropped (the last
  value of each edited field; edits before a split excepted), however many merges or undos rebuilt
  it since (:mod:`sitrep.store.reapply`);
- **documents**: a document coded with *n* events is linked to at least *n* events (a split may
  add one; a lost report leaves fewer);
- **rows**: each event has one evidence row per evidence span and one claim row per claim;
- **orphans**: no child row (links, evidence, claims, blocking keys, merge log) without its event,
  no event or link without its document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from ..dedup.merge import merge_cluster
from ..schema import Event
from . import tables as t
from .merges import _chunks, _dump, _in, _logged, _reports_from, event_blocks, merges
from .reapply import LiveEdit, live_edits
from .repository import Store
from .review import audit_log

__all__ = ["Violation", "check_invariants"]


@dataclass(frozen=True)
class Violation:
    """One broken invariant: ``kind`` (links, reports, edits, documents, rows, orphans), what, why."""

    kind: str
    subject: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}: {self.detail}"


def _orphans(conn: Any) -> Iterable[Violation]:
    e, d = t.events.c, t.documents.c
    for table, col in ((t.event_documents, t.event_documents.c.event_pk), (t.evidence, t.evidence.c.event_pk),
                       (t.claims, t.claims.c.event_pk), (event_blocks, event_blocks.c.event_pk),
                       (merges, merges.c.target_event_pk)):
        n = conn.execute(select(func.count()).select_from(table).where(~col.in_(select(e.id)))).scalar_one()
        if n:
            yield Violation("orphans", table.name, f"{n} rows without their event")
    for table, col in ((t.events, e.doc_id), (t.event_documents, t.event_documents.c.doc_id)):
        n = conn.execute(select(func.count()).select_from(table).where(~col.in_(select(d.id)))).scalar_one()
        if n:
            yield Violation("orphans", table.name, f"{n} rows without their document")


def _counts(conn: Any, table: Any) -> Counter[int]:
    rows = conn.execute(select(table.c.event_pk, func.count()).group_by(table.c.event_pk))
    return Counter({int(pk): int(n) for pk, n in rows})


def _check_event(pk: int, row: Any, links: set[str], logged: list[Any] | None, n_evidence: int,
                 n_claims: int, reviewed: bool) -> Iterable[Violation]:
    event = Event.model_validate(row.data)
    name = f"{row.event_id_cnty} (pk {pk})"
    docs = set(event.doc_ids or ([event.doc_id] if event.doc_id else []))
    if links != docs:
        yield Violation("links", name, f"linked to {sorted(links)}, its doc_ids are {sorted(docs)}")
    if row.doc_id not in links or event.doc_id != row.doc_id:
        yield Violation("links", name, f"doc_id {row.doc_id!r} is not among its documents")
    if n_evidence != len(event.evidence) or n_claims != len(event.claims):
        yield Violation("rows", name, f"{n_evidence} evidence / {n_claims} claim rows for "
                        f"{len(event.evidence)} spans / {len(event.claims)} claims")
    if not logged:
        return
    reports = _reports_from(logged)
    expected = merge_cluster(reports)
    lost = set(expected.doc_ids) - docs
    if lost:
        yield Violation("reports", name, f"reports of {sorted(lost)} are in its merge log, not in the event")
    extra = docs - set(expected.doc_ids)
    if extra:
        yield Violation("reports", name, f"documents {sorted(extra)} are in the event, not in its merge log")
    if not reviewed and not lost and not extra and _dump(expected) != _dump(event):
        yield Violation("reports", name, "differs from merging its reports again (a stale write)")


def _check_edits(pk: int, row: Any, edits: list[LiveEdit]) -> Iterable[Violation]:
    """Each field a live edit set holds the value of the last edit that set it."""
    last: dict[str, LiveEdit] = {}
    for edit in edits:
        last.update(dict.fromkeys(edit.fields, edit))
    data = dict(row.data)
    for name, edit in last.items():
        if data.get(name) != edit.fields[name]:
            yield Violation("edits", f"{row.event_id_cnty} (pk {pk})",
                            f"{name} is {data.get(name)!r}, edit {edit.id} by {edit.who} set "
                            f"{edit.fields[name]!r} (lost, and not recorded as dropped)")


def check_invariants(store: Store, *, chunk: int = 1000) -> list[Violation]:
    """Every violation of the invariants listed in the module docstring (empty: consistent)."""
    found: list[Violation] = []
    e = t.events.c
    with store.engine.connect() as conn:
        found += _orphans(conn)
        n_evidence, n_claims = _counts(conn, t.evidence), _counts(conn, t.claims)
        reviewed = set(conn.execute(select(audit_log.c.event_pk).where(
            audit_log.c.action.in_(("edit", "split")))).scalars())
        linked_events: Counter[str] = Counter()
        last = 0
        while True:
            rows = conn.execute(select(e.id, e.event_id_cnty, e.doc_id, e.status, e.data)
                                .where(e.id > last).order_by(e.id).limit(chunk)).all()
            if not rows:
                break
            last = int(rows[-1].id)
            pks = [int(r.id) for r in rows]
            links: dict[int, set[str]] = {pk: set() for pk in pks}
            for part in _chunks(pks):
                q = select(t.event_documents.c.event_pk, t.event_documents.c.doc_id) \
                    .where(_in(conn, t.event_documents.c.event_pk))
                for pk, doc_id in conn.execute(q, {"ids": part}):
                    links[int(pk)].add(doc_id)
            logged = _logged(conn, pks)
            edits = live_edits(conn, pks)
            for r in rows:
                pk = int(r.id)
                linked_events.update(links[pk])
                found += _check_event(pk, r, links[pk], logged.get(pk), n_evidence[pk], n_claims[pk],
                                      pk in reviewed)
                found += _check_edits(pk, r, edits.get(pk, []))
        for doc_id, n_events in conn.execute(select(t.documents.c.id, t.documents.c.n_events)):
            if linked_events[doc_id] < int(n_events or 0):
                found.append(Violation("documents", doc_id, f"coded with {n_events} events, linked to "
                                       f"{linked_events[doc_id]}"))
    return found
