"""Store-side cross-report merging: match incoming events against stored ones, merge, log, undo.

``merge_into_store(store, doc)`` stores a coded document like ``Store.add`` but, for each event,
looks up stored events sharing a blocking key (``event_blocks``), and either inserts the event or
merges it into the best compatible stored event. Every merge writes a ``merges`` row with the
incoming report, the stored event before and after, and the features that matched;
``unmerge(store, merge_id)`` puts the report back as its own event and recomputes the target from
its remaining reports (so undoing the last merge restores the target exactly as it was).

A merged event is always ``merge_cluster(reports)`` of its reports: the report it was first stored
from, then every live merge's incoming report, in order (after a split, the first report is the one its
``split-base`` row records), with its reviewers' edits re-applied (:mod:`.reapply`). With documents known,
the learned decision matches (:mod:`.merge_context`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import (ARRAY, JSON, Column, DateTime, Float, Integer, MetaData, String, Table, any_, bindparam,
                        delete, insert, or_, select, text, update)  # fmt: skip
from sqlalchemy.exc import SQLAlchemyError

from ..dedup.block import GEOHASH_PRECISION, KEY_CHARS, index_keys
from ..dedup.framing import OutletFraming, framing_summary
from ..dedup.index import MergeIndex
from ..dedup.match import DEFAULT_MATCH_CONFIG, MatchConfig
from ..dedup.merge import merge_cluster
from ..errors import StoreError
from ..schema import Doc, Event
from . import tables as t
from .engine import refresh_planner_stats
from .merge_context import incoming_contexts, stored_contexts
from .repository import Store
from .reapply import merged_with_edits, with_edits
from .txn import MERGE_LOCK, retrying, write_transaction
from .undo_audit import audit_undo, undo_state

__all__ = ["SPLIT_BASE", "MergeRecord", "MergeReport", "event_blocks", "framing_for_event", "index_stored_events",
           "merge_documents", "merge_into_store", "merge_log", "merges", "reports_of", "unmerge"]

_meta = MetaData()
event_blocks = Table(
    "event_blocks", _meta,
    Column("event_pk", Integer, primary_key=True),
    Column("key", String(KEY_CHARS), primary_key=True),
)  # fmt: skip
merges = Table(
    "merges", _meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_event_pk", Integer, nullable=False),
    Column("doc_id", String(255), nullable=False),
    Column("incoming", JSON, nullable=False),
    Column("target_before", JSON, nullable=False),
    Column("merged", JSON, nullable=False),
    Column("features", JSON, nullable=False),
    Column("score", Float, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("undone_at", DateTime(timezone=True)),
    Column("restored_event_pk", Integer),
    Column("kind", String(16)),  # None: a merge; split-base / split-keep / split-undone: a split
)  # fmt: skip

#: ``merges.kind`` of the row recording an event's first report after a split.
SPLIT_BASE = "split-base"

_CHUNK = 400
_STATS_TABLES = ("documents", "events", "event_documents", "evidence", "claims", "event_blocks", "merges")
_NEW = 1 << 40  # ids of events created in a batch, before they get their primary keys


@dataclass
class MergeReport:
    """What ``merge_documents`` did."""

    documents: int = 0
    skipped_existing: int = 0
    inserted: int = 0
    merged: int = 0
    comparisons: int = 0
    merge_ids: list[int] = field(default_factory=list)

    def add(self, other: MergeReport) -> None:  # batches are retried on their own report
        for name in ("documents", "skipped_existing", "inserted", "merged", "comparisons"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.merge_ids += other.merge_ids


@dataclass(frozen=True)
class MergeRecord:
    id: int
    target_event_pk: int
    doc_id: str
    features: dict[str, Any]
    score: float
    created_at: datetime
    undone_at: datetime | None
    restored_event_pk: int | None
    kind: str | None = None


def _keys(event: Event, precision: int) -> list[str]:
    return list(dict.fromkeys(index_keys(event, precision=precision)))


def _now() -> datetime:
    return datetime.now(UTC)


def _dump(event: Event) -> dict[str, Any]:
    return event.model_dump(mode="json")


def _columns(event: Event) -> dict[str, Any]:
    """The ``events`` columns derived from an event (as ``Store._insert_event`` writes them)."""
    return dict(
        event_id_cnty=event.event_id_cnty, doc_id=event.doc_id, event_date=event.event_date,
        year=event.year, event_type=event.event_type, sub_event_type=event.sub_event_type,
        actor1=event.actor1, actor2=event.actor2, inter1=event.inter1, inter2=event.inter2,
        country=event.country, admin1=event.admin1, location=event.location,
        latitude=event.latitude, longitude=event.longitude, fatalities=event.fatalities,
        confidence=event.confidence, data=_dump(event))


def _in(conn: Any, col: Any) -> Any:
    """``col IN :ids``; on PostgreSQL ``col = ANY(:ids)``: one statement text whatever the length."""
    if conn.dialect.name == "postgresql":
        return col == any_(bindparam("ids", type_=ARRAY(col.type)))
    return col.in_(bindparam("ids", expanding=True))


def _chunks(items: Sequence[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield list(items[i:i + _CHUNK])


def _insert_events(conn: Any, events: Sequence[Event], now: datetime) -> list[int]:
    """Insert event rows (no children); pks in input order."""
    if not events:
        return []
    rows = [{**_columns(e), "status": "new", "created_at": now, "updated_at": now} for e in events]
    return _insert_with_ids(conn, t.events, rows)


def _insert_with_ids(conn: Any, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows; their new primary keys, in input order.

    On PostgreSQL the keys come from the table's sequence first, then a plain executemany: a multi-row
    ``INSERT ... RETURNING`` of 1,000 wide rows is re-parsed by psycopg each time (a third of the time).
    """
    if conn.dialect.name == "postgresql":
        ids = [int(i) for i in conn.execute(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
            {"table": table.name, "n": len(rows)}).scalars()]
        conn.execute(insert(table), [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
        return ids
    result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [int(r[0]) for r in result]


def _write_children(conn: Any, items: Sequence[tuple[int, Event, list[str]]], *, replace: bool) -> None:
    """(Re)write documents, evidence, claims and blocking keys of stored events."""
    if replace:
        pks = [pk for pk, _, _ in items]
        for tbl in (t.event_documents, t.evidence, t.claims, event_blocks):
            for chunk in _chunks(pks):
                conn.execute(delete(tbl).where(_in(conn, tbl.c.event_pk)), {"ids": chunk})
    links, spans, claims, blocks = [], [], [], []
    for pk, e, keys in items:
        links += [{"event_pk": pk, "doc_id": d} for d in dict.fromkeys(e.doc_ids or [e.doc_id or ""]) if d]
        spans += [{"event_pk": pk, "doc_id": x.doc_id, "field": x.field, "start": x.start, "end": x.end,
                   "text": x.text} for x in e.evidence]
        claims += [{"event_pk": pk, "doc_id": c.doc_id, "quantity": c.quantity, "what": c.what, "low": c.low,
                    "high": c.high, "claimant_chain": c.claimant_chain, "sentence": c.sentence,
                    "start": c.start, "end": c.end} for c in e.claims]
        blocks += [{"event_pk": pk, "key": k} for k in keys]
    for tbl, rows in ((t.event_documents, links), (t.evidence, spans), (t.claims, claims),
                      (event_blocks, blocks)):
        if rows:
            conn.execute(insert(tbl), rows)


def _update_events(conn: Any, items: Sequence[tuple[int, Event]], now: datetime) -> None:
    if items:
        stmt = update(t.events).where(t.events.c.id == bindparam("target_pk"))
        conn.execute(stmt, [{**_columns(e), "updated_at": now, "target_pk": pk} for pk, e in items])


def _reports_from(rows: Sequence[Any]) -> list[Event]:
    """First report (of the first row, or of the newest split's base row), then live merges'."""
    start = max((i for i, r in enumerate(rows) if r.kind == SPLIT_BASE), default=0)
    reports = [Event.model_validate(rows[start].target_before)]
    reports += [Event.model_validate(r.incoming) for r in rows[start:] if r.undone_at is None]
    return reports


def _logged(conn: Any, pks: Sequence[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {}
    for chunk in _chunks(pks):
        q = select(merges.c.id, merges.c.target_event_pk, merges.c.target_before, merges.c.incoming,
                   merges.c.undone_at, merges.c.kind, merges.c.doc_id) \
            .where(_in(conn, merges.c.target_event_pk)).order_by(merges.c.id)
        for r in conn.execute(q, {"ids": chunk}):
            out.setdefault(int(r.target_event_pk), []).append(r)
    return out


def _reports(conn: Any, pk: int) -> list[Event]:
    """The reports a stored event is built from: its first report, then every live merge's."""
    rows = _logged(conn, [pk]).get(pk)
    if not rows:
        data = conn.execute(select(t.events.c.data).where(t.events.c.id == pk)).scalar_one()
        return [Event.model_validate(data)]
    return _reports_from(rows)


def _preload(conn: Any, index: MergeIndex, keys: Sequence[str]) -> None:
    """Load every stored event filed under one of ``keys`` (with its reports) into the index."""
    found: dict[int, list[str]] = {}
    for chunk in _chunks(keys):
        q = select(event_blocks.c.event_pk, event_blocks.c.key).where(_in(conn, event_blocks.c.key))
        for pk, key in conn.execute(q, {"ids": chunk}):
            found.setdefault(int(pk), []).append(key)
    pks = sorted(found)
    rows = []
    for chunk in _chunks(pks):  # row locks in key order (no deadlock with review), then the log
        q = select(t.events.c.id, t.events.c.data).where(_in(conn, t.events.c.id)) \
            .order_by(t.events.c.id).with_for_update()
        rows += conn.execute(q, {"ids": chunk}).all()
    logged = _logged(conn, pks)
    for r in rows:
        merged = Event.model_validate(r.data)
        log = logged.get(int(r.id))
        index.preload(int(r.id), merged, _reports_from(log) if log else [merged], keys=found[int(r.id)])


def _insert_documents(conn: Any, docs: Sequence[Doc], now: datetime) -> None:
    conn.execute(insert(t.documents), [
        {"id": d.document.id, "text": d.document.text, "date": d.document.date, "source": d.document.source,
         "url": d.document.url, "title": d.document.title, "language": d.document.language or d.language,
         "country": d.document.country, "origin": d.document.origin, "n_events": len(d.events),
         "notes": d.notes[:200], "ingested_at": now} for d in docs])


def _merge_batch(conn: Any, docs: Sequence[Doc], report: MergeReport, config: MatchConfig,
                 precision: int) -> None:
    now = _now()
    ids = list(dict.fromkeys(d.document.id for d in docs))
    stored: set[str] = set()
    for chunk in _chunks(ids):
        stored.update(r[0] for r in conn.execute(select(t.documents.c.id).where(_in(conn, t.documents.c.id)),
                                                 {"ids": chunk}))
    todo: dict[str, Doc] = {}
    for d in docs:
        if d.document.id in stored or d.document.id in todo:
            report.skipped_existing += 1
        else:
            todo[d.document.id] = d
    if not todo:
        return
    index = MergeIndex(config=config, precision=precision, first_id=_NEW,
                       contexts=incoming_contexts(todo.values()))
    work = [(d.events, [index.query(e) for e in d.events]) for d in todo.values()]
    _preload(conn, index, list(dict.fromkeys(k for _, keys in work for ks in keys for k in ks)))
    stored_contexts(conn, index)
    for events, keys in work:
        for _, m in index.add_document(events, keys=keys):
            report.inserted += m is None
            report.merged += m is not None
    report.comparisons += index.comparisons
    _insert_documents(conn, list(todo.values()), now)
    new = sorted(c for c in index.changed if c >= _NEW)
    old = sorted(c for c in index.changed if c < _NEW)
    pk_of = dict(zip(new, _insert_events(conn, [index.clusters[c].merged for c in new], now)))
    pk_of.update((c, c) for c in old)
    rebuilt = merged_with_edits(conn, index, old, now=now)  # a merge adds reports, keeps reviews
    _update_events(conn, [(c, rebuilt[c]) for c in old], now)
    _write_children(conn, [(c, rebuilt[c], index.keys_of(c)) for c in old], replace=True)
    _write_children(conn, [(pk_of[c], index.clusters[c].merged, index.keys_of(c)) for c in new],
                    replace=False)
    if index.steps:
        rows = [{"target_event_pk": pk_of[s.target], "doc_id": s.incoming.doc_id or "",
                 "incoming": _dump(s.incoming), "target_before": _dump(s.before), "merged": _dump(s.after),
                 "features": s.match.features, "score": s.match.score, "created_at": now}
                for s in index.steps]
        report.merge_ids += _insert_with_ids(conn, merges, rows)


def merge_documents(store: Store, docs: Iterable[Doc], *, config: MatchConfig = DEFAULT_MATCH_CONFIG,
                    precision: int = GEOHASH_PRECISION, batch_size: int = 1000) -> MergeReport:
    """Store documents, merging each event into a matching stored event.

    Documents already stored are skipped, so running twice changes nothing. Work is done in batches
    of ``batch_size`` documents, one transaction each: stored candidates for the whole batch are
    loaded at once, matched in memory (``MergeIndex``) and written back in bulk. Each batch is a
    write transaction under ``MERGE_LOCK`` with its candidate rows locked, retried as a whole on a
    conflict (:mod:`sitrep.store.txn`), so concurrent writers never overwrite each other's merges.
    config: matcher thresholds. precision: geohash length of the blocking cells.
    """
    report = MergeReport()
    it = iter(docs)

    def one_batch(batch: list[Doc]) -> MergeReport:
        part = MergeReport(documents=len(batch))
        with write_transaction(store.engine, lock=MERGE_LOCK) as conn:
            _merge_batch(conn, batch, part, config, precision)
        return part

    try:
        while batch := list(islice(it, batch_size)):
            report.add(retrying(lambda: one_batch(batch)))  # noqa: B023 - called before the next batch
            with store.engine.begin() as conn:
                refresh_planner_stats(conn, _STATS_TABLES)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot merge documents: {exc}", code="E420") from exc
    return report


def merge_into_store(store: Store, doc: Doc, *, config: MatchConfig = DEFAULT_MATCH_CONFIG,
                     precision: int = GEOHASH_PRECISION) -> MergeReport:  # one document: see merge_documents
    return merge_documents(store, [doc], config=config, precision=precision)


def unmerge(store: Store, merge_id: int, *, precision: int = GEOHASH_PRECISION,
            who: str = "system") -> int:
    """Undo a merge: the report becomes its own event again; returns that event's pk.

    Undoing twice is harmless (the same pk is returned). Both events get an audit row (``who``).
    """
    def undo() -> int:
        now = _now()
        with write_transaction(store.engine, lock=MERGE_LOCK) as conn:
            row = conn.execute(select(merges).where(merges.c.id == merge_id)).first()
            if row is None:
                raise StoreError(f"no merge {merge_id}", code="E421")
            if row.undone_at is not None:
                return int(row.restored_event_pk)
            conn.execute(select(t.events.c.id).where(t.events.c.id == row.target_event_pk).with_for_update())
            before = undo_state(conn, int(row.target_event_pk))
            incoming = Event.model_validate(row.incoming)
            (pk,) = _insert_events(conn, [incoming], now)
            _write_children(conn, [(pk, incoming, _keys(incoming, precision))], replace=False)
            conn.execute(update(merges).where(merges.c.id == merge_id)
                         .values(undone_at=now, restored_event_pk=pk))
            target = int(row.target_event_pk)
            merged = with_edits(conn, {target: merge_cluster(_reports(conn, target))}, who=who, now=now,
                                why=lambda _: f"undoing merge {merge_id}")[target]
            _update_events(conn, [(target, merged)], now)
            _write_children(conn, [(target, merged, _keys(merged, precision))], replace=True)
            audit_undo(conn, merge_id=merge_id, target_pk=target, restored_pk=pk, before=before,
                       who=who, now=now)
        return pk

    try:
        return retrying(undo)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot undo merge {merge_id}: {exc}", code="E422") from exc


def index_stored_events(store: Store, *, precision: int = GEOHASH_PRECISION) -> int:
    """File events stored without merging (``Store.add``) under their blocking keys; returns how many.
    Afterwards new documents merged with ``merge_into_store`` can match them."""
    done = select(event_blocks.c.event_pk)
    try:
        with write_transaction(store.engine, lock=MERGE_LOCK) as conn:
            rows = conn.execute(select(t.events.c.id, t.events.c.data).where(t.events.c.id.not_in(done))).all()
            items = [(int(r.id), e, _keys(e, precision)) for r in rows
                     for e in (Event.model_validate(r.data),)]
            blocks = [{"event_pk": pk, "key": k} for pk, _, keys in items for k in keys]
            if blocks:
                conn.execute(insert(event_blocks), blocks)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot index stored events: {exc}", code="E423") from exc
    return len(items)


def merge_log(store: Store, *, event_pk: int | None = None) -> list[MergeRecord]:
    """Merges (all, or into one event), oldest first."""
    q = select(merges).order_by(merges.c.id)
    if event_pk is not None:
        q = q.where(merges.c.target_event_pk == event_pk)
    with store.engine.connect() as conn:
        return [MergeRecord(int(r.id), int(r.target_event_pk), r.doc_id, dict(r.features), float(r.score),
                            r.created_at, r.undone_at, r.restored_event_pk, r.kind)
                for r in conn.execute(q)]


def document_reports(store: Store, doc_id: str) -> list[Event]:
    """The events one document was coded into, as it coded them: its own report in every stored
    event it is part of (merged or not), so a resumed or re-run merging run writes out what an
    uninterrupted one wrote for it."""
    with store.engine.connect() as conn:
        linked = select(t.event_documents.c.event_pk).where(t.event_documents.c.doc_id == doc_id)
        rows = conn.execute(
            select(t.events.c.id, t.events.c.data)
            .where(or_(t.events.c.doc_id == doc_id, t.events.c.id.in_(linked)))
            .order_by(t.events.c.id)).all()
        logged = _logged(conn, [int(r.id) for r in rows])  # one query for every event's log
        reports = [_reports_from(logged[int(r.id)]) if int(r.id) in logged
                   else [Event.model_validate(r.data)] for r in rows]
        return [r for each in reports for r in each if r.doc_id == doc_id]


def reports_of(store: Store, event_pk: int) -> list[Event]:
    """The reports (one per document) a stored event was merged from."""
    with store.engine.connect() as conn:
        return _reports(conn, event_pk)


def framing_for_event(store: Store, event_pk: int) -> list[OutletFraming]:
    """Which partisan terms each outlet reporting this event used."""
    return framing_summary(reports_of(store, event_pk))
