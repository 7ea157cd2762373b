"""SQLite gazetteer: a ``places`` table and a normalised-key index (``names``).

Lookups go through a bounded in-process cache; the connection opens on first use.
Writes (``add``) run in one transaction: a batch goes in whole or not at all.
Schema 2 adds ``places.shape`` (a simplified GeoJSON polygon, when an import had one), schema 3
``places.people`` (a district's people, the sum of its towns'); an older file is upgraded in place
when it is opened (the columns are added, no place changes).
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from ..errors import ResourceError
from .gazetteer import PlaceRecord

__all__ = ["SCHEMA_VERSION", "SQLiteGazetteer"]

SCHEMA_VERSION = "3"
_COLUMNS = ("uid", "name", "lat", "lon", "cc", "country", "iso", "iso3", "region", "admin1",
            "admin2", "admin3", "kind", "population", "source", "priority", "city", "people")
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, cc TEXT, country TEXT, iso INTEGER, iso3 TEXT, region TEXT, admin1 TEXT,
    admin2 TEXT, admin3 TEXT, kind TEXT NOT NULL, population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL, priority INTEGER NOT NULL DEFAULT 0, city TEXT, shape TEXT,
    people INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS places_cc ON places (cc, kind);
CREATE INDEX IF NOT EXISTS places_lat ON places (lat);
CREATE INDEX IF NOT EXISTS names_place ON names (place);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');
"""
_CACHE_MAX = 200_000


def _upgrade(conn: sqlite3.Connection) -> None:
    """Schema 1 -> 3: add ``places.shape`` and ``places.people`` (another process may have just
    added them)."""
    have = {r[1] for r in conn.execute("PRAGMA table_info(places)")}
    missing = [(c, kind) for c, kind in (("shape", "TEXT"), ("people", "INTEGER NOT NULL DEFAULT 0"))
               if c not in have]
    if not missing:
        return
    for column, kind in missing:
        try:
            conn.execute(f"ALTER TABLE places ADD COLUMN {column} {kind}")
        except sqlite3.OperationalError as exc:
            if "duplicate column" not in str(exc):
                raise
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))


class SQLiteGazetteer:
    """The gazetteer in one SQLite file.

    - ``path``: the database file (created with the schema if missing on first write).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._cache: dict[str, list[PlaceRecord]] = {}
        self._keys: dict[str | None, list[str]] = {}
        self._countries: dict[str, PlaceRecord | None] = {}

    # -- connection -----------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(str(self.path), check_same_thread=False,
                                       isolation_level=None)
                conn.executescript(_SCHEMA)
                _upgrade(conn)
            except (sqlite3.Error, OSError) as exc:
                raise ResourceError(f"cannot open gazetteer {self.path}: {exc}",
                                    code="E310") from exc
            self._conn = conn
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _invalidate(self) -> None:
        self._cache.clear()
        self._keys.clear()
        self._countries.clear()

    # -- reads ----------------------------------------------------------------------------
    @staticmethod
    def _record(row: Sequence[object]) -> PlaceRecord:
        values = dict(zip(_COLUMNS, row, strict=True))
        return PlaceRecord(**values)  # type: ignore[arg-type]

    def lookup(self, key: str) -> list[PlaceRecord]:
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        cols = ", ".join(f"p.{c}" for c in _COLUMNS)
        with self._lock:
            rows = self.conn.execute(
                f"SELECT {cols} FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?",
                (key,)).fetchall()
        found = [self._record(r) for r in rows]
        if len(self._cache) >= _CACHE_MAX:
            self._cache.clear()
        self._cache[key] = found
        return found

    def keys(self, cc: str | None) -> Sequence[str]:
        if cc not in self._keys:
            with self._lock:
                if cc is None:
                    rows = self.conn.execute("SELECT DISTINCT key FROM names").fetchall()
                else:
                    rows = self.conn.execute(
                        "SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place "
                        "WHERE p.cc = ?", (cc,)).fetchall()
            self._keys[cc] = [r[0] for r in rows]
        return self._keys[cc]

    def country(self, cc: str) -> PlaceRecord | None:
        if cc not in self._countries:
            cols = ", ".join(_COLUMNS)
            with self._lock:
                row = self.conn.execute(
                    f"SELECT {cols} FROM places WHERE cc = ? AND kind = 'country' "
                    "ORDER BY priority DESC LIMIT 1", (cc,)).fetchone()
            self._countries[cc] = self._record(row) if row else None
        return self._countries[cc]

    def nearest(self, lat: float, lon: float, *, kinds: Sequence[str] = ("city", "town", "village"),
                within_deg: float = 0.5) -> PlaceRecord | None:
        """The nearest place of one of ``kinds`` within a box of ``within_deg`` degrees."""
        cols = ", ".join(_COLUMNS)
        marks = ", ".join("?" for _ in kinds)
        with self._lock:
            row = self.conn.execute(
                f"SELECT {cols} FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
                f"AND kind IN ({marks}) ORDER BY (lat - ?) * (lat - ?) + (lon - ?) * (lon - ?) "
                "LIMIT 1",
                (lat - within_deg, lat + within_deg, lon - within_deg, lon + within_deg, *kinds,
                 lat, lat, lon, lon)).fetchone()
        return self._record(row) if row else None

    def stats(self) -> Counter[tuple[str, str]]:
        with self._lock:
            rows = self.conn.execute(
                "SELECT coalesce(country, '?'), kind, count(*) FROM places GROUP BY 1, 2"
            ).fetchall()
        return Counter({(c, k): n for c, k, n in rows})

    def count(self, *, source: str | None = None) -> int:
        with self._lock:
            if source is None:
                return int(self.conn.execute("SELECT count(*) FROM places").fetchone()[0])
            return int(self.conn.execute("SELECT count(*) FROM places WHERE source = ?",
                                         (source,)).fetchone()[0])

    def shapes_in(self, min_lon: float, min_lat: float, max_lon: float, max_lat: float, *,
                  limit: int = 500) -> list[tuple[str, str, str, float, float, str]]:
        """(uid, name, kind, lat, lon, GeoJSON) of places with a shape centred in the box."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT uid, name, kind, lat, lon, shape FROM places WHERE lat BETWEEN ? AND ? "
                "AND lon BETWEEN ? AND ? AND shape IS NOT NULL ORDER BY priority DESC, id LIMIT ?",
                (min_lat, max_lat, min_lon, max_lon, limit)).fetchall()
        return [tuple(r) for r in rows]

    def meta(self, key: str) -> str | None:
        with self._lock:
            row = self.conn.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # -- writes ---------------------------------------------------------------------------
    @contextmanager
    def _transaction(self, begin: str, meta: dict[str, str]) -> Iterator[sqlite3.Connection]:
        """One write transaction that also records ``meta``; rolled back on any error.

        The caller holds ``self._lock``; cached lookups are dropped either way.
        """
        conn = self.conn
        conn.execute(begin)
        try:
            yield conn
            for k, v in meta.items():
                conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, v))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            self._invalidate()

    def add(self, records: Iterable[PlaceRecord], *, meta: dict[str, str] | None = None,
            shapes: Mapping[str, str] | None = None) -> int:
        """Insert or replace (by ``uid``) in one transaction; returns the number written.

        ``shapes``: GeoJSON geometry text by uid, kept in ``places.shape``.
        """
        placeholders = ", ".join("?" for _ in _COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:])
        n = 0
        with self._lock, self._transaction("BEGIN IMMEDIATE", meta or {}) as conn:
            for rec in records:
                values = [getattr(rec, c) for c in _COLUMNS]
                place_id = conn.execute(
                    f"INSERT INTO places ({', '.join(_COLUMNS)}) VALUES ({placeholders}) "
                    f"ON CONFLICT(uid) DO UPDATE SET {updates} RETURNING id",
                    values).fetchone()[0]
                if shapes and rec.uid in shapes:
                    conn.execute("UPDATE places SET shape = ? WHERE id = ?",
                                 (shapes[rec.uid], place_id))
                conn.execute("DELETE FROM names WHERE place = ?", (place_id,))
                conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)",
                                 [(k, place_id) for k in rec.keys()])
                n += 1
        return n

    def bulk_load(self, records: Iterable[tuple[PlaceRecord, Iterable[str]]], *,
                  meta: dict[str, str]) -> int:
        """Fast first fill of an empty store from (record, keys) pairs; one transaction."""
        n = 0
        with self._lock:
            conn = self.conn
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("DROP INDEX IF EXISTS names_place")
            with self._transaction("BEGIN", meta):
                names: list[tuple[str, int]] = []
                for rec, keys in records:
                    n += 1
                    conn.execute(
                        f"INSERT INTO places (id, {', '.join(_COLUMNS)}) "
                        f"VALUES (?, {', '.join('?' for _ in _COLUMNS)})",
                        [n, *(getattr(rec, c) for c in _COLUMNS)])
                    names.extend((k, n) for k in keys)
                names.sort()  # appends in key order: the B-tree grows at its right edge
                conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names)
                conn.execute("CREATE INDEX names_place ON names (place)")
        return n
