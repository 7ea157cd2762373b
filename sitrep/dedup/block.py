"""Blocking keys for cross-report merging: date bucket x spatial cell.

Two events can only be compared when they share a key, which keeps merging near-linear in corpus
size. An event is *indexed* under one key per day of its date window and its own geohash cell
(plus a country key, so events without coordinates can still meet); a *query* enumerates the same
days and the cells around its position wide enough to cover the largest match radius. Any pair whose
date windows overlap and whose distance is within that radius therefore shares a key.

Keys look like ``2016-11-03|sy7`` (day, geohash cell) or ``2016-11-03|c:syria`` (day, country of
an event without coordinates; ``k:syria`` for one with).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

from ..schema import Event

__all__ = [
    "GEOHASH_PRECISION",
    "KEY_CHARS",
    "MAX_WINDOW_DAYS",
    "QUERY_RADIUS_KM",
    "cell_size_deg",
    "date_window",
    "geohash",
    "index_keys",
    "neighbour_cells",
    "query_keys",
]

#: Default geohash length for blocking cells (3 -> about 156 x 156 km at the equator).
GEOHASH_PRECISION = 3
#: Longest date window considered; month-precision events are capped around their middle.
MAX_WINDOW_DAYS = 45
#: Largest match radius (geo_precision 3); queries cover at least this distance around a point.
QUERY_RADIUS_KM = 75.0

_BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"
_KM_PER_DEG = 111.32


def _bits(precision: int) -> tuple[int, int]:
    total = 5 * precision
    return (total + 1) // 2, total // 2


def _spread(v: int) -> int:
    """Put a zero bit between each bit of ``v`` (16 bits in, 32 out)."""
    v = (v | (v << 8)) & 0x00FF00FF
    v = (v | (v << 4)) & 0x0F0F0F0F
    v = (v | (v << 2)) & 0x33333333
    return (v | (v << 1)) & 0x55555555


def _encode_xy(x: int, y: int, precision: int) -> str:
    lon_bits, lat_bits = _bits(precision)
    x %= 1 << lon_bits  # wrap around the antimeridian
    if precision > 6:  # beyond 16 bits a coordinate: interleave bit by bit
        code = 0
        for i in range(5 * precision):  # bits alternate lon, lat, lon ... from the most significant
            bit = (x >> (lon_bits - 1 - i // 2)) & 1 if i % 2 == 0 else (y >> (lat_bits - 1 - i // 2)) & 1
            code = (code << 1) | bit
    elif lon_bits == lat_bits:
        code = (_spread(x) << 1) | _spread(y)
    else:
        code = _spread(x) | (_spread(y) << 1)
    return "".join(_BASE32[(code >> (5 * (precision - 1 - k))) & 31] for k in range(precision))


def _xy(lat: float, lon: float, precision: int) -> tuple[int, int]:
    lon_bits, lat_bits = _bits(precision)
    lat = max(-90.0, min(90.0, lat))
    lon = ((lon + 180.0) % 360.0) - 180.0
    x = min(int((lon + 180.0) / 360.0 * (1 << lon_bits)), (1 << lon_bits) - 1)
    y = min(int((lat + 90.0) / 180.0 * (1 << lat_bits)), (1 << lat_bits) - 1)
    return x, y


def geohash(lat: float, lon: float, precision: int = GEOHASH_PRECISION) -> str:
    """Standard geohash of a point (base-32, ``precision`` characters)."""
    return _encode_xy(*_xy(lat, lon, precision), precision)


def cell_size_deg(precision: int = GEOHASH_PRECISION) -> tuple[float, float]:
    """(height, width) of a geohash cell in degrees of latitude and longitude."""
    total = 5 * precision
    lon_bits = (total + 1) // 2
    lat_bits = total // 2
    return 180.0 / (1 << lat_bits), 360.0 / (1 << lon_bits)


def neighbour_cells(lat: float, lon: float, *, precision: int = GEOHASH_PRECISION,
                    radius_km: float = QUERY_RADIUS_KM) -> list[str]:
    """Every cell within ``radius_km`` of the point's cell (3 x 3 or wider near the poles)."""
    h, w = cell_size_deg(precision)
    lat_km = h * _KM_PER_DEG
    lon_km = max(w * _KM_PER_DEG * math.cos(math.radians(min(abs(lat) + h, 89.0))), 1e-6)
    k_lat = max(1, math.ceil(radius_km / lat_km))
    k_lon = min(max(1, math.ceil(radius_km / lon_km)), int(360 / w) // 2)
    x, y = _xy(lat, lon, precision)
    n_rows = 1 << _bits(precision)[1]
    cells: dict[str, None] = {}
    for dy in range(-k_lat, k_lat + 1):
        if 0 <= y + dy < n_rows:
            for dx in range(-k_lon, k_lon + 1):
                cells[_encode_xy(x + dx, y + dy, precision)] = None
    return list(cells)


def date_window(event: Event, *, slack_days: int = 0) -> tuple[date, date] | None:
    """The span of days the event may have happened on, from its dates and time precision.

    ``date_start``/``date_end`` win when present; otherwise time_precision 2 means the week around
    ``event_date`` and 3 the whole month. Windows longer than MAX_WINDOW_DAYS are cut around their
    middle. ``slack_days`` widens both ends.
    """
    d = event.event_date
    start = event.date_start or d
    end = event.date_end or d
    if start is None or end is None:
        return None
    if start > end:
        start, end = end, start
    precision = event.time_precision or 1
    if start == end and d is not None:
        if precision == 2:
            start, end = d - timedelta(days=3), d + timedelta(days=3)
        elif precision >= 3:
            start = d.replace(day=1)
            nxt = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
            end = nxt - timedelta(days=1)
    if (end - start).days + 1 > MAX_WINDOW_DAYS:
        mid = start + (end - start) / 2
        half = timedelta(days=MAX_WINDOW_DAYS // 2)
        start, end = mid - half, mid + half
    if slack_days:
        start, end = start - timedelta(days=slack_days), end + timedelta(days=slack_days)
    return start, end


def _days(window: tuple[date, date]) -> Iterable[date]:
    start, end = window
    for i in range((end - start).days + 1):
        yield start + timedelta(days=i)


def _country_key(event: Event, prefix: str) -> str:
    # "c:" files events without coordinates, "k:" those with; a query with coordinates looks up
    # only "c:" (so a busy country-day is not scanned), a query without looks up both.
    return f"{prefix}:" + (event.country or "?").strip().casefold()


#: The stored key column holds 80 characters: every blocking key is cut to it.
KEY_CHARS = 80


def _region_key(event: Event) -> str | None:
    """"a:<country>|<admin1>": the key of a report placed at nothing finer than its province."""
    if not event.admin1:
        return None
    return "a:" + (event.country or "?").strip().casefold() + "|" + event.admin1.strip().casefold()


def region_only(event: Event) -> bool:
    """The report is placed only at its state or province (geo_precision 3, location = admin1):
    it lies anywhere in it (rule ``region-holds-its-places`` of :mod:`.match`)."""
    if (event.geo_precision or 3) < 3 or not event.location or not event.admin1:
        return False
    fold = "".join(ch for ch in event.location.casefold() if ch.isalnum())
    return fold == "".join(ch for ch in event.admin1.casefold() if ch.isalnum())


def index_keys(event: Event, *, precision: int = GEOHASH_PRECISION) -> list[str]:
    """Keys a stored event is filed under: each day of its window x (own cell, country; a report
    placed only at its province also under the province)."""
    window = date_window(event)
    if window is None:
        return []
    if event.latitude is not None and event.longitude is not None:
        places = [geohash(event.latitude, event.longitude, precision), _country_key(event, "k")]
    else:
        places = [_country_key(event, "c")]
    region = _region_key(event)
    if region is not None and region_only(event):
        places.append(region)
    return [f"{day.isoformat()}|{p}"[:KEY_CHARS] for day in _days(window) for p in places]


def query_keys(event: Event, *, precision: int = GEOHASH_PRECISION,
               radius_km: float = QUERY_RADIUS_KM, slack_days: int = 0, whole_country: bool = False) -> list[str]:
    """Keys to look up for an incoming event: each day of its window x nearby cells (+ country).

    Events without coordinates look up only their country key (every stored event of that country
    and day is then a candidate, compared by place name). ``whole_country``: every stored event of
    the country and days is a candidate, wherever it was geocoded (for the learned decision, which
    weighs the text against a geocoder's slip).
    """
    window = date_window(event, slack_days=slack_days)
    if window is None:
        return []
    if event.latitude is not None and event.longitude is not None:
        places = neighbour_cells(event.latitude, event.longitude, precision=precision,
                                 radius_km=radius_km) + [_country_key(event, "c")]
        if whole_country or region_only(event):  # a province-level report: anywhere in it
            places.append(_country_key(event, "k"))
    else:
        places = [_country_key(event, "c"), _country_key(event, "k")]
    region = _region_key(event)
    if region is not None:
        places.append(region)  # reports placed only at this event's province
    return [f"{day.isoformat()}|{p}"[:KEY_CHARS] for day in _days(window) for p in places]
