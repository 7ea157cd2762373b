from __future__ import annotations

from datetime import date

import pytest

from sitrep.dedup.block import (
    date_window,
    geohash,
    index_keys,
    neighbour_cells,
    query_keys,
)
from sitrep.dedup.match import distance_km
from tests.helpers import make_event


@pytest.mark.parametrize(("lat", "lon", "precision", "expected"), [
    (57.64911, 10.40744, 11, "u4pruydqqvj"),
    (42.6, -5.6, 5, "ezs42"),
    (-33.8688, 151.2093, 5, "r3gx2"),
])
def test_block_geohash_known_values(lat: float, lon: float, precision: int, expected: str) -> None:
    assert geohash(lat, lon, precision) == expected


@pytest.mark.parametrize(("lat", "lon", "km", "bearing_lon"), [
    (36.2, 37.16, 70.0, 1.0), (36.2, 37.16, 70.0, 0.0), (2.04, 45.31, 74.0, 1.0),
    (64.9, 25.0, 74.0, 1.0), (-33.9, 18.4, 60.0, 0.7),
])
def test_block_neighbours_cover_the_largest_radius(lat: float, lon: float, km: float, bearing_lon: float) -> None:
    dlon = bearing_lon * km / (111.32 * __import__("math").cos(__import__("math").radians(lat)))
    dlat = (1 - bearing_lon) * km / 111.32
    other = (lat + dlat, lon + dlon)
    assert distance_km(lat, lon, *other) <= 75.5
    assert geohash(*other) in neighbour_cells(lat, lon)


@pytest.mark.parametrize(("overrides", "window"), [
    ({}, (date(2016, 11, 3), date(2016, 11, 3))),
    ({"date_start": date(2016, 10, 30), "date_end": date(2016, 11, 3), "time_precision": 2},
     (date(2016, 10, 30), date(2016, 11, 3))),
    ({"date_start": None, "date_end": None, "time_precision": 2}, (date(2016, 10, 31), date(2016, 11, 6))),
    ({"date_start": None, "date_end": None, "time_precision": 3}, (date(2016, 11, 1), date(2016, 11, 30))),
    ({"event_date": None, "date_start": None, "date_end": None}, None),
])
def test_block_date_window_follows_precision(overrides: dict[str, object], window: object) -> None:
    assert date_window(make_event(**overrides)) == window


@pytest.mark.parametrize(("stored", "incoming", "shared"), [
    ({}, {"latitude": 36.6, "longitude": 37.5}, True),  # ~53 km away, same day
    ({}, {"event_date": date(2016, 11, 4), "date_start": date(2016, 11, 4), "date_end": date(2016, 11, 4)},
     False),
    ({}, {"date_start": date(2016, 10, 30), "date_end": date(2016, 11, 3), "time_precision": 2}, True),
    ({"latitude": None, "longitude": None}, {}, True),  # no coordinates: met through the country
    ({}, {"latitude": None, "longitude": None}, True),
    ({}, {"latitude": 48.6, "longitude": 38.0, "country": "Ukraine"}, False),
])
def test_block_keys_meet_when_a_match_is_possible(stored: dict[str, object], incoming: dict[str, object],
                                                  shared: bool) -> None:
    a, b = make_event(**stored), make_event(**incoming)
    assert bool(set(index_keys(a)) & set(query_keys(b))) is shared


def _reference_geohash(lat: float, lon: float, precision: int) -> str:
    """Textbook bisection, to check the bit-interleaving implementation against."""
    alphabet = "0123456789bcdefghjkmnpqrstuvwxyz"
    lat_r, lon_r, out, bits, n, even = [-90.0, 90.0], [-180.0, 180.0], "", 0, 0, True
    while len(out) < precision:
        rng, value = (lon_r, lon) if even else (lat_r, lat)
        mid = (rng[0] + rng[1]) / 2
        bit = int(value >= mid)
        rng[1 - bit] = mid
        even, bits, n = not even, bits * 2 + bit, n + 1
        if n == 5:
            out, bits, n = out + alphabet[bits], 0, 0
    return out


@pytest.mark.parametrize("precision", [1, 2, 3, 4, 5, 7, 9])
def test_block_geohash_agrees_with_bisection(precision: int) -> None:
    import random

    rng = random.Random(precision)
    points = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(500)]
    assert [geohash(la, lo, precision) for la, lo in points] == \
        [_reference_geohash(la, lo, precision) for la, lo in points]
