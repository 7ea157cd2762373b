"""The containers a report names around a place: "Kabushwa (Kabare, Sud-Kivu)", "the Biabanak
area of Maywand district, Kandahar", "near Kruta Balka, Donetsk".

Reporters (and ACLED's own notes) name a small place together with the district and province
it lies in. Those containers decide between homonyms (the Kruta Balka in Donetsk oblast, not the
one 260 km away), reject a match that contradicts them, and give the place to fall back to when
the small place is in no gazetteer (the district town, else the province) instead of the
country or a guess.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .gazetteer import Gazetteer, PlaceRecord
from .match import FEATURE_WORDS, name_key, similarity

__all__ = ["Containers", "containers_of", "far_from", "great_circle_km", "haversine_km", "point_km",
           "same_admin1"]

_ABBREVIATION = re.compile(r"^[A-Z](?:&?[A-Z]){1,3}$")
_POPULATED = ("city", "town", "village", "admin3", "admin2")
_EXTRA_WORDS = frozenset(("lga", "district", "province", "state", "governorate", "region",
                          "county", "municipality", "department", "countryside", "area"))


def haversine_km(a: PlaceRecord, b: PlaceRecord) -> float:
    """Great-circle distance between two places."""
    return point_km(a.lat, a.lon, b.lat, b.lon)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points (degrees; haversine, mean Earth radius 6,371 km).
    The one distance of the project: places, merges and scores all measure with it."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


#: :func:`great_circle_km` remembered: the geocoder asks the same pairs of places again and again
point_km = functools.lru_cache(maxsize=65536)(great_circle_km)


def same_admin1(value: str | None, keys: Iterable[str]) -> bool:
    """Whether the admin1 name ``value`` is one of ``keys`` (name keys), allowing spellings."""
    if not value:
        return False
    k = name_key(value)
    return any(k == other or similarity(k, other) >= 85 for other in keys)


@dataclass
class Containers:
    """What the hint after a place names, in the focus country, finest part first."""

    admin1: list[PlaceRecord] = field(default_factory=list)  # provinces named
    parts: list[list[PlaceRecord]] = field(default_factory=list)  # populated places per part

    @property
    def admin1_keys(self) -> set[str]:
        return {name_key(r.admin1 or r.name) for r in self.admin1}

    def consistent(self, rec: PlaceRecord) -> bool | None:
        """True/False when the containers say whether ``rec`` can be inside them; None: silent.

        With a province named: whether ``rec`` lies in it. With only towns named ("Shehpur
        area of Ahmedabad city"): whether ``rec`` is within 100 km of one of them.
        """
        if rec.kind == "country":
            return None
        if not self.admin1:
            if not self.parts or rec.kind == "admin1":
                return None
            return self.near(rec, 100.0)
        return same_admin1(rec.admin1 or (rec.name if rec.kind == "admin1" else None),
                           self.admin1_keys)

    def near(self, rec: PlaceRecord, km: float) -> bool:
        return any(haversine_km(rec, p) <= km for part in self.parts for p in part)

    def base(self) -> PlaceRecord | None:
        """The finest container to stand in for an unknown place: the first named populated
        place that lies in the named province, else the province."""
        for part in self.parts:
            fitting = [p for p in part if self.consistent(p) is not False]
            if fitting:
                return max(fitting, key=lambda p: (p.priority, p.population))
        if self.admin1:
            return max(self.admin1, key=lambda p: (p.priority, p.population))
        return None


def _clean(part: str) -> str:
    words = [w for w in part.split() if w.lower().strip(".") not in FEATURE_WORDS | _EXTRA_WORDS]
    return " ".join(words).strip(" .'\"")


def containers_of(gaz: Gazetteer, hint: str, focus: str | None,
                  cache: dict[tuple[str, str | None], Containers] | None = None) -> Containers:
    """The containers named in ``hint`` ("Kalehe, Sud-Kivu"), read in ``focus``'s gazetteer."""
    if cache is not None and (hint, focus) in cache:
        return cache[(hint, focus)]
    out = Containers()
    names = [_clean(p) for p in re.split(r"[,;/()]|\s+and\s+|\s+of\s+", hint)]
    names = [n for n in names if (len(n) >= 3 and n[0].isupper()) or _ABBREVIATION.match(n)]
    for i, name in enumerate(names):
        records = [r for r in gaz.lookup(name_key(name)) if focus is None or r.cc == focus]
        if _ABBREVIATION.match(name):  # "(UP)", "(J&K)": only a province of the focus country
            records = [r for r in records if r.kind == "admin1" and focus is not None]
        admin1 = [r for r in records if r.kind == "admin1"]
        populated = [r for r in records if r.kind in _POPULATED]
        if admin1 and (i == len(names) - 1 or not populated):  # "(district, province)"
            out.admin1.extend(admin1)
            continue
        if populated:
            out.parts.append(populated)
    if cache is not None:
        cache[(hint, focus)] = out
    return out



_BESIDE_KM = {"admin2": 75.0, "admin3": 40.0}


def far_from(rec: PlaceRecord, candidates: Sequence[tuple[PlaceRecord, float]],
             chosen: PlaceRecord | None) -> bool:
    """Whether ``rec`` cannot be the place said to lie in or near another place, under any of
    that place's readings (``candidates`` and the ``chosen`` one): "Celaya, Guanajuato" is the
    state, not only its capital 70 km away."""
    readings = [c for c, _ in candidates]
    if chosen is not None:
        readings.append(chosen)
    return bool(readings) and not any(_within(rec, c) for c in readings)


def _within(rec: PlaceRecord, c: PlaceRecord) -> bool:
    if c.kind == "country":
        return rec.cc == c.cc
    if rec.cc != c.cc:
        return False
    inside = {name_key(v) for v in (rec.admin1, rec.admin2, rec.admin3, rec.city) if v}
    if name_key(c.name) in inside or (rec.admin1 and c.admin1
                                      and name_key(rec.admin1) == name_key(c.admin1)):
        return True
    return haversine_km(rec, c) <= _BESIDE_KM.get(c.kind, 60.0)
