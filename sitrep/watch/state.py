"""What the watcher remembers between polls and restarts: seen articles, validators, alerts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, null, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import StoreError
from . import tables as t

__all__ = ["FetchState", "FiredAlert", "WatchState", "content_hash", "url_hash"]


def url_hash(url: str) -> str:
    return hashlib.sha256(url.strip().encode("utf-8", "surrogatepass")).hexdigest()


def content_hash(text: str) -> str:
    """Hash of the extracted text, whitespace-normalised: the same article under two URLs."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class FetchState:
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    last_error: str | None = None


@dataclass(frozen=True, kw_only=True)
class FiredAlert:
    fatalities: int | None
    n_sources: int
    times: int


class WatchState:
    """Seen articles, per-URL fetch validators and fired alerts in the sitrep database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- seen articles -------------------------------------------------------
    def seen_urls(self, urls: list[str]) -> set[str]:
        """The subset of ``urls`` already met (one query)."""
        if not urls:
            return set()
        by_hash = {url_hash(u): u for u in urls}
        found: set[str] = set()
        keys = list(by_hash)
        with self._connect() as conn:
            for i in range(0, len(keys), 500):
                rows = conn.execute(select(t.watch_seen.c.url_hash)
                                    .where(t.watch_seen.c.url_hash.in_(keys[i:i + 500])))
                found.update(by_hash[r[0]] for r in rows)
        return found

    def content_seen(self, digest: str) -> str | None:
        """The doc id stored for this content hash, if any article had the same text."""
        with self._connect() as conn:
            row = conn.execute(select(t.watch_seen.c.doc_id).where(
                t.watch_seen.c.content_hash == digest, t.watch_seen.c.status == "stored")).first()
        return None if row is None else (row[0] or "")

    def mark_seen(self, url: str, *, source: str, status: str, content_hash: str | None = None,
                  doc_id: str | None = None, reason: str | None = None) -> bool:
        """Remember ``url``; False when it was already remembered (kept as first seen)."""
        try:
            with self.engine.begin() as conn:
                key = url_hash(url)
                if conn.execute(select(t.watch_seen.c.id).where(t.watch_seen.c.url_hash == key)).first():
                    if content_hash is not None:  # a plain URL whose page changed
                        conn.execute(update(t.watch_seen).where(t.watch_seen.c.url_hash == key).values(
                            content_hash=content_hash, doc_id=doc_id, status=status, reason=reason))
                    return False
                conn.execute(insert(t.watch_seen).values(
                    url_hash=key, url=url, content_hash=content_hash, source=source, doc_id=doc_id,
                    status=status, reason=(reason or None) and reason[:500], first_seen=_now()))
        except IntegrityError:
            return False
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot remember {url}: {exc}", code="E610") from exc
        return True

    def count_seen(self, *, status: str | None = None) -> int:
        from sqlalchemy import func

        q = select(func.count()).select_from(t.watch_seen)
        if status:
            q = q.where(t.watch_seen.c.status == status)
        with self._connect() as conn:
            return int(conn.execute(q).scalar_one())

    # -- fetch validators ----------------------------------------------------
    def fetch_state(self, url: str) -> FetchState:
        return self.fetch_states([url])[url]

    def fetch_states(self, urls: list[str]) -> dict[str, FetchState]:
        """Validators of many URLs in one query (unknown URLs get an empty state)."""
        by_hash = {url_hash(u): u for u in urls}
        out = {u: FetchState() for u in urls}
        keys = list(by_hash)
        tbl = t.watch_fetch_state
        with self._connect() as conn:
            for i in range(0, len(keys), 500):
                for row in conn.execute(select(tbl).where(tbl.c.url_hash.in_(keys[i:i + 500]))).mappings():
                    out[by_hash[row["url_hash"]]] = FetchState(
                        etag=row["etag"], last_modified=row["last_modified"],
                        content_hash=row["content_hash"], last_error=row["last_error"])
        return out

    def save_fetch(self, url: str, *, status: int | None, etag: str | None = None,
                   last_modified: str | None = None, content_hash: str | None = None,
                   error: str | None = None) -> None:
        """Record the outcome; validators and hash are kept unless new ones are given."""
        key = url_hash(url)
        values: dict[str, Any] = {"last_status": status, "last_error": error, "fetched_at": _now()}
        if error is None:
            if etag is not None or last_modified is not None:
                values.update(etag=etag, last_modified=last_modified)
            if content_hash is not None:
                values["content_hash"] = content_hash
        try:
            with self.engine.begin() as conn:
                tbl = t.watch_fetch_state
                if conn.execute(select(tbl.c.url_hash).where(tbl.c.url_hash == key)).first():
                    conn.execute(update(tbl).where(tbl.c.url_hash == key).values(**values))
                else:
                    conn.execute(insert(tbl).values(url_hash=key, url=url, **values))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot save fetch state of {url}: {exc}", code="E610") from exc

    # -- alerts --------------------------------------------------------------
    def fired(self, rule: str, event_key: str) -> FiredAlert | None:
        tbl = t.watch_alerts
        with self._connect() as conn:
            row = conn.execute(select(tbl.c.fatalities, tbl.c.n_sources, tbl.c.times).where(
                tbl.c.rule == rule, tbl.c.event_key == event_key)).first()
        return None if row is None else FiredAlert(fatalities=row[0], n_sources=row[1], times=row[2])

    def record_alert(self, rule: str, event_key: str, *, fatalities: int | None, n_sources: int,
                     payload: dict[str, Any]) -> bool:
        """Claim the right to send this alert; False when another writer (or run) already did."""
        tbl = t.watch_alerts
        try:
            with self.engine.begin() as conn:
                row = conn.execute(select(tbl.c.times, tbl.c.fatalities, tbl.c.n_sources).where(
                    tbl.c.rule == rule, tbl.c.event_key == event_key)).first()
                if row is None:
                    conn.execute(insert(tbl).values(
                        rule=rule, event_key=event_key, fatalities=fatalities, n_sources=n_sources,
                        times=1, payload=payload, attempts=0, fired_at=_now()))
                    return True
                if (fatalities or 0) <= (row[1] or 0) and n_sources <= row[2]:
                    return False
                conn.execute(update(tbl).where(tbl.c.rule == rule, tbl.c.event_key == event_key)
                             .values(fatalities=fatalities, n_sources=n_sources, times=row[0] + 1,
                                     payload=payload, attempts=0, failed_sinks=null(), fired_at=_now()))
                return True
        except IntegrityError:
            return False
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot record alert {rule}/{event_key}: {exc}", code="E610") from exc

    def set_delivery(self, rule: str, event_key: str, outcome: str, *, failed: list[int] | None = None,
                     retry: bool = False) -> None:
        """Record a delivery; ``failed`` lists the sinks (by index) to try again next poll."""
        tbl = t.watch_alerts
        values: dict[str, Any] = {"delivery": outcome[:2000], "failed_sinks": failed or null(),
                                  "attempts": (tbl.c.attempts + 1) if retry else 1}
        with self.engine.begin() as conn:
            conn.execute(update(tbl).where(tbl.c.rule == rule, tbl.c.event_key == event_key).values(**values))

    def undelivered(self, *, max_attempts: int) -> list[dict[str, Any]]:
        """Alerts with sinks still to deliver to, tried fewer than ``max_attempts`` times."""
        tbl = t.watch_alerts
        with self._connect() as conn:
            rows = conn.execute(select(tbl.c.rule, tbl.c.event_key, tbl.c.payload, tbl.c.failed_sinks)
                                .where(tbl.c.failed_sinks.is_not(None), tbl.c.attempts < max_attempts)
                                .order_by(tbl.c.id)).mappings().all()
        return [dict(r) for r in rows if r["failed_sinks"]]

    def alerts(self) -> list[dict[str, Any]]:
        tbl = t.watch_alerts
        with self._connect() as conn:
            rows = conn.execute(select(tbl).order_by(tbl.c.id)).mappings().all()
        return [dict(r) for r in rows]

    def _connect(self) -> Any:
        try:
            return self.engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot reach the database: {exc}", code="E403") from exc
