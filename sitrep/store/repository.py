"""Store: write documents with their events (idempotent), quarantine, and read them back."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, func, insert, or_, select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError

from ..errors import StoreError
from ..ingest.validate import document_problem, printable
from ..schema import Doc, Event, QuarantineItem
from . import search
from . import tables as t
from .engine import make_engine, migrate
from .txn import MERGE_LOCK, retrying, write_transaction

__all__ = ["DocumentRejected", "EventFilter", "Store", "is_document_error", "open_store"]


class DocumentRejected(StoreError):
    """The database refuses this one document (a rule it breaks, a constraint its events break).

    Unlike a lost connection, it says nothing about the next document: a run quarantines this one
    with the reason and goes on.
    """

    code = "E414"


def is_document_error(exc: BaseException) -> bool:
    """True when ``exc`` concerns one document's content, not the database as a whole."""
    if isinstance(exc, DocumentRejected):
        return True
    return isinstance(exc, StoreError) and isinstance(
        exc.__cause__, IntegrityError | DataError | UnicodeEncodeError)


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """Filters for listing events (all optional)."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    text: str | None = None
    status: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    doc_id: str | None = None
    min_fatalities: int | None = None


def _like(value: str) -> str:
    """A case-insensitive substring pattern with LIKE wildcards escaped."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    """Documents, events, evidence, claims, quarantine behind one SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- writing ---------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        try:
            with self.engine.connect() as conn:
                found = conn.execute(select(t.documents.c.id)
                                     .where(t.documents.c.id == doc_id)).first()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read document {doc_id}: {exc}", code="E413") from exc
        return found is not None

    def add(self, doc: Doc) -> bool:
        """Store a coded document and its events in one transaction.

        Returns False (and writes nothing) when the document is already stored; raises
        :class:`DocumentRejected` when the document breaks a rule of :mod:`sitrep.ingest.validate`
        or its events a constraint (the same on SQLite and PostgreSQL).
        """
        d = doc.document
        problem = document_problem(d, max_text_bytes=sys.maxsize)
        if problem is not None:
            raise DocumentRejected(f"cannot store document {d.id[:255]!r}: {problem}")
        now = _now()

        def write() -> bool:
            # the same concurrency model as merging (sitrep.store.txn): on SQLite the write lock
            # from the first read, so a merge committing in between cannot void this transaction;
            # on PostgreSQL the merge lock held shared, so no merge batch is between its read of
            # "stored documents" and its insert while this document goes in
            with write_transaction(self.engine, lock=MERGE_LOCK, shared=True) as conn:
                exists = conn.execute(select(t.documents.c.id).where(t.documents.c.id == d.id)).first()
                if exists:
                    return False
                conn.execute(insert(t.documents).values(
                    id=d.id, text=d.text, date=d.date, source=d.source, url=d.url, title=d.title,
                    language=d.language or doc.language, country=d.country, origin=d.origin,
                    n_events=len(doc.events), notes=doc.notes[:200], ingested_at=now))
                for event in doc.events:
                    self._insert_event(conn, event, now)
            return True

        try:
            return retrying(write)
        except IntegrityError as exc:
            if self.has_document(d.id):
                return False  # a concurrent writer stored the same document first
            raise DocumentRejected(f"cannot store document {d.id}: {exc.orig}", code="E412") from exc
        except DataError as exc:
            raise DocumentRejected(f"cannot store document {d.id}: {exc.orig}") from exc
        except UnicodeEncodeError as exc:
            raise DocumentRejected(f"cannot store document {d.id}: {exc.reason}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store document {d.id}: {exc}", code="E410") from exc

    def stored_text(self, doc_id: str) -> str | None:
        """The text stored under ``doc_id`` (None when there is none): tells a re-run of the same
        report from a different report that reuses its id."""
        try:
            with self.engine.connect() as conn:
                return conn.execute(select(t.documents.c.text)
                                    .where(t.documents.c.id == doc_id)).scalar_one_or_none()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read document {doc_id}: {exc}", code="E413") from exc

    def _insert_event(self, conn: Any, event: Event, now: datetime) -> int:
        data = event.model_dump(mode="json")
        pk = conn.execute(insert(t.events).values(
            event_id_cnty=event.event_id_cnty, doc_id=event.doc_id, event_date=event.event_date,
            year=event.year, event_type=event.event_type, sub_event_type=event.sub_event_type,
            actor1=event.actor1, actor2=event.actor2, inter1=event.inter1, inter2=event.inter2,
            country=event.country, admin1=event.admin1, location=event.location,
            latitude=event.latitude, longitude=event.longitude, fatalities=event.fatalities,
            confidence=event.confidence, status="new", data=data, created_at=now, updated_at=now,
        ).returning(t.events.c.id)).scalar_one()
        for doc_id in dict.fromkeys(event.doc_ids or ([event.doc_id] if event.doc_id else [])):
            if doc_id:
                conn.execute(insert(t.event_documents).values(event_pk=pk, doc_id=doc_id))
        if event.evidence:
            conn.execute(insert(t.evidence), [
                {"event_pk": pk, "doc_id": e.doc_id, "field": e.field, "start": e.start,
                 "end": e.end, "text": e.text} for e in event.evidence])
        if event.claims:
            conn.execute(insert(t.claims), [
                {"event_pk": pk, "doc_id": c.doc_id, "quantity": c.quantity, "what": c.what,
                 "low": c.low, "high": c.high, "claimant_chain": c.claimant_chain,
                 "sentence": c.sentence, "start": c.start, "end": c.end} for c in event.claims])
        return int(pk)

    def quarantine(self, item: QuarantineItem) -> bool:
        """Keep an unreadable input; the same (origin, line, reason, content) is stored once.

        The content counts: a second run whose bad line at the same place holds something else
        is recorded too. (Items without content keep the fingerprint of earlier versions.)
        """
        key = f"{item.origin}|{item.line}|{item.reason}"
        if item.raw is not None:
            key += "|" + hashlib.sha1(item.raw.encode("utf-8", "backslashreplace")).hexdigest()
        fp = hashlib.sha1(key.encode("utf-8", "backslashreplace")).hexdigest()
        try:
            with self.engine.begin() as conn:
                if conn.execute(select(t.quarantine.c.id).where(t.quarantine.c.fingerprint == fp)).first():
                    return False
                conn.execute(insert(t.quarantine).values(
                    origin=printable(item.origin, 10_000), line=item.line,
                    reason=printable(item.reason, 10_000),
                    raw=None if item.raw is None else printable(item.raw, 10_000),
                    fingerprint=fp, created_at=_now()))
        except IntegrityError:
            return False
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store quarantine item: {exc}", code="E411") from exc
        return True

    # -- reading ---------------------------------------------------------
    def _contains(self, value: str, *cols: Any) -> Any:
        """Any of ``cols`` contains ``value``, ignoring case. SQLite's LIKE already ignores ASCII
        case (its lower() folds nothing more), so no per-row lower() there; PostgreSQL's
        ``lower(col) LIKE`` is about twice as fast as ILIKE (measured at 10,000 events)."""
        like = _like(value)
        if self.engine.dialect.name == "postgresql":
            return or_(*(func.lower(col).like(like, escape="\\") for col in cols))
        return or_(*(col.like(like, escape="\\") for col in cols))

    def _countries_named(self, value: str) -> list[str]:
        """The stored country names that equal ``value`` once folded (``ukraine`` = "Ukraine").
        Countries are few: folding their distinct values here lets the filter use the index,
        where folding every row in SQL cost PostgreSQL 0.5 s at 10,000 events."""
        wanted = search.fold(value)
        with self.engine.connect() as conn:
            names = conn.execute(select(t.events.c.country).distinct()).scalars().all()
        return [n for n in names if n is not None and search.fold(n) == wanted]

    def _event_query(self, f: EventFilter) -> Any:
        c = t.events.c
        q = select(t.events.c.data, c.id, c.status)
        if f.date_from:
            q = q.where(c.event_date >= f.date_from)
        if f.date_to:
            q = q.where(c.event_date <= f.date_to)
        for col, value in ((c.event_type, f.event_type), (c.sub_event_type, f.sub_event_type),
                           (c.status, f.status), (c.doc_id, f.doc_id)):
            if value:
                q = q.where(col == value)
        dialect = self.engine.dialect.name  # names without case or accents, text in the reports too
        if f.country:
            q = q.where(c.country.in_(self._countries_named(f.country)))
        if f.admin1:
            q = q.where(search.name_has_words(dialect, c.admin1, f.admin1))
        if f.min_fatalities is not None:
            q = q.where(c.fatalities >= f.min_fatalities)
        if f.actor:
            q = q.where(self._contains(f.actor, c.actor1, c.actor2))
        if f.text:
            q = q.where(search.events_matching_text(dialect, f.text))
        if f.bbox:
            x0, y0, x1, y1 = f.bbox
            q = q.where(c.longitude.between(x0, x1), c.latitude.between(y0, y1))
        return q.order_by(c.event_date, c.id)

    def event_query(self, f: EventFilter) -> Any:
        """SELECT data, id, status of events matching ``f``, in list order (composable)."""
        return self._event_query(f)

    def iter_events(self, f: EventFilter | None = None, *, limit: int | None = None,
                    offset: int = 0) -> Iterator[Event]:
        q = self._event_query(f or EventFilter())
        if limit is not None:
            q = q.limit(limit)
        if offset:
            q = q.offset(offset)
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                yield Event.model_validate(row.data)

    def count(self, table: str) -> int:
        tbl = getattr(t, table)
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(tbl)).scalar_one())

    def quarantined(self) -> list[QuarantineItem]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.quarantine).order_by(t.quarantine.c.id)).mappings().all()
        return [QuarantineItem(origin=r["origin"], line=r["line"], reason=r["reason"], raw=r["raw"])
                for r in rows]

    def document_ids(self) -> Sequence[str]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(t.documents.c.id).order_by(t.documents.c.id))]

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, migrate_schema: bool = True) -> Store:
    """Open (and migrate) the database at ``url``."""
    engine = make_engine(url)
    if migrate_schema:
        try:
            migrate(engine)
        except StoreError:
            raise
        except OperationalError as exc:  # pragma: no cover - migrate translates these
            raise StoreError(f"cannot reach database: {exc}", code="E403") from exc
    return Store(engine)
