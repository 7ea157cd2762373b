"""The gazetteer interface, its record type, an in-memory double and a layered view.

The SQLite store lives in :mod:`sitrep.geo.store`; stages only see :class:`Gazetteer`.
Priorities: shipped defaults 0, imported places 10, a ``--model`` directory's places 20.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..schema import Place
from .match import name_keys

__all__ = [
    "KINDS",
    "PRIORITY_DEFAULT",
    "PRIORITY_IMPORT",
    "PRIORITY_MODEL",
    "Gazetteer",
    "LayeredGazetteer",
    "MemoryGazetteer",
    "PlaceRecord",
]

PRIORITY_DEFAULT = 0
PRIORITY_IMPORT = 10
PRIORITY_MODEL = 20

#: Place kinds, finest first.
KINDS = ("landmark", "neighbourhood", "village", "town", "city", "admin3", "admin2", "admin1",
         "country")


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One gazetteer entry (lighter than :class:`~sitrep.schema.Place`)."""

    uid: str
    name: str
    lat: float
    lon: float
    cc: str | None = None  # ISO alpha-2
    country: str | None = None
    iso: int | None = None
    iso3: str | None = None
    region: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    kind: str = "village"
    population: int = 0
    source: str = "default"
    priority: int = PRIORITY_DEFAULT
    city: str | None = None  # the locality a neighbourhood/landmark belongs to
    #: a district's people (the sum of its towns'; the sources give districts no population):
    #: weighed only where the text names a district ("DeKalb County"), never as a town's size
    people: int = 0
    alt_names: tuple[str, ...] = field(default=(), compare=False)

    def keys(self) -> set[str]:
        keys: set[str] = set()
        for n in (self.name, *self.alt_names):
            keys |= name_keys(n)
        return keys

    def to_place(self) -> Place:
        return Place(
            name=self.name, latitude=self.lat, longitude=self.lon, country=self.country,
            iso=self.iso, iso3=self.iso3, region=self.region, admin1=self.admin1,
            admin2=self.admin2, admin3=self.admin3, kind=self.kind, source=self.source,
            place_id=self.uid,
        )

    def with_priority(self, priority: int) -> PlaceRecord:
        return replace(self, priority=priority)


class Gazetteer(Protocol):
    """What the geocoder needs from a gazetteer."""

    def lookup(self, key: str) -> list[PlaceRecord]:
        """Places indexed under the exact name key (see :func:`~sitrep.geo.match.name_key`)."""
        ...

    def keys(self, cc: str | None) -> Sequence[str]:
        """All name keys of one country (``None``: every key), for fuzzy matching."""
        ...

    def country(self, cc: str) -> PlaceRecord | None:
        """The country-level place for an ISO alpha-2 code."""
        ...

    def stats(self) -> Counter[tuple[str, str]]:
        """Number of places per (country, kind)."""
        ...


class MemoryGazetteer:
    """A gazetteer held in memory: the test double, and the ``--model`` layer."""

    def __init__(self, records: Iterable[PlaceRecord] = ()) -> None:
        self._index: dict[str, list[PlaceRecord]] = {}
        self._by_cc: dict[str | None, set[str]] = {}
        self._countries: dict[str, PlaceRecord] = {}
        self._records: list[PlaceRecord] = []
        self.add(records)

    def add(self, records: Iterable[PlaceRecord]) -> int:
        n = 0
        for rec in records:
            self._records.append(rec)
            for key in rec.keys():
                self._index.setdefault(key, []).append(rec)
                self._by_cc.setdefault(rec.cc, set()).add(key)
            if rec.kind == "country" and rec.cc:
                self._countries[rec.cc] = rec
            n += 1
        return n

    def lookup(self, key: str) -> list[PlaceRecord]:
        return list(self._index.get(key, ()))

    def keys(self, cc: str | None) -> Sequence[str]:
        if cc is None:
            return sorted(self._index)
        return sorted(self._by_cc.get(cc, ()))

    def country(self, cc: str) -> PlaceRecord | None:
        return self._countries.get(cc)

    def stats(self) -> Counter[tuple[str, str]]:
        return Counter((r.country or "?", r.kind) for r in self._records)

    def __len__(self) -> int:
        return len(self._records)


class LayeredGazetteer:
    """Several gazetteers seen as one; each record keeps its own priority."""

    def __init__(self, layers: Sequence[Gazetteer]) -> None:
        self.layers = list(layers)
        # a country's merged keys, built once: fuzzy matching asks for them per unknown name,
        # and merging and sorting tens of thousands of keys each time made a --model run slow
        self._keys: dict[str | None, tuple[str, ...]] = {}

    def lookup(self, key: str) -> list[PlaceRecord]:
        out: list[PlaceRecord] = []
        for layer in self.layers:
            out.extend(layer.lookup(key))
        return out

    def keys(self, cc: str | None) -> Sequence[str]:
        if cc not in self._keys:
            merged: set[str] = set()
            for layer in self.layers:
                merged.update(layer.keys(cc))
            self._keys[cc] = tuple(sorted(merged))
        return self._keys[cc]

    def country(self, cc: str) -> PlaceRecord | None:
        for layer in self.layers:
            found = layer.country(cc)
            if found is not None:
                return found
        return None

    def stats(self) -> Counter[tuple[str, str]]:
        total: Counter[tuple[str, str]] = Counter()
        for layer in self.layers:
            total.update(layer.stats())
        return total
