"""Places learnt from a user's ACLED export: ``harvest`` writes ``places.csv`` into a model dir.

``sitrep train`` calls :func:`harvest` with the export's rows; ``--model DIR`` then loads
``DIR/places.csv`` as a gazetteer layer that outranks the defaults and imports.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from ..errors import ResourceError
from .countries import ACLED_NAMES
from .gazetteer import PRIORITY_IMPORT, PRIORITY_MODEL, MemoryGazetteer, PlaceRecord
from .importers.base import RowError, parse_coords
from .match import name_key

__all__ = ["PLACES_COLUMNS", "harvest", "load_model_places"]

PLACES_COLUMNS = ("name", "lat", "lon", "country", "iso", "iso3", "region", "admin1", "admin2",
                  "admin3", "kind", "count")
_PRECISION_KIND = {"1": "town", "2": "town", "3": "admin1"}


def harvest(rows: list[dict[str, str]], out_dir: Path) -> dict[str, object]:
    """Write the distinct locations of ACLED ``rows`` to ``out_dir/places.csv``.

    Uses the columns location, latitude, longitude, admin1-3, country, iso, iso3, region and
    geo_precision; rows without a usable location or coordinates are skipped and counted.
    """
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    skipped: Counter[str] = Counter()
    for row in rows:
        name = (row.get("location") or "").strip()
        if not name:
            skipped["no location"] += 1
            continue
        try:
            lat, lon = parse_coords(row.get("latitude"), row.get("longitude"))
        except RowError as exc:
            skipped[str(exc)] += 1
            continue
        groups[(name, f"{lat:.4f}", f"{lon:.4f}")].append(row)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "places.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=PLACES_COLUMNS)
        writer.writeheader()
        for (name, lat_s, lon_s), members in sorted(groups.items()):
            first = members[0]
            precision = Counter(m.get("geo_precision", "") for m in members).most_common(1)[0][0]
            writer.writerow({
                "name": name, "lat": lat_s, "lon": lon_s, "country": first.get("country", ""),
                "iso": first.get("iso", ""), "iso3": first.get("iso3", ""),
                "region": first.get("region", ""), "admin1": first.get("admin1", ""),
                "admin2": first.get("admin2", ""), "admin3": first.get("admin3", ""),
                "kind": _PRECISION_KIND.get(precision, "town"), "count": len(members)})
    return {"places": len(groups), "rows": len(rows), "skipped": dict(skipped), "path": str(path)}


def _cc_of(country: str, iso3: str) -> str | None:
    import pycountry

    for cc, name in ACLED_NAMES.items():
        if name == country:
            return cc
    rec = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    if rec is None and country:
        try:
            rec = pycountry.countries.lookup(country)
        except LookupError:
            rec = None
    return rec.alpha_2 if rec is not None else None


def load_model_places(path: Path) -> MemoryGazetteer:
    """A ``places.csv`` written by :func:`harvest`, as an in-memory layer of model priority."""
    records: list[PlaceRecord] = []
    ccs: dict[tuple[str, str], str | None] = {}
    try:
        with Path(path).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                try:
                    lat, lon = parse_coords(row.get("lat"), row.get("lon"))
                except RowError:
                    continue
                country, iso3 = row.get("country") or "", row.get("iso3") or ""
                if (country, iso3) not in ccs:
                    ccs[(country, iso3)] = _cc_of(country, iso3)
                iso = row.get("iso") or ""
                records.append(PlaceRecord(
                    uid=f"model:{row['name']}:{lat:.4f}:{lon:.4f}", name=row["name"], lat=lat,
                    lon=lon, cc=ccs[(country, iso3)], country=country or None,
                    iso=int(iso) if iso.isdigit() else None, iso3=iso3 or None,
                    region=row.get("region") or None, admin1=row.get("admin1") or None,
                    admin2=row.get("admin2") or None, admin3=row.get("admin3") or None,
                    kind=row.get("kind") or "town", population=int(row.get("count") or 0),
                    source="model", priority=PRIORITY_MODEL))
    except (OSError, UnicodeDecodeError, csv.Error, KeyError) as exc:
        raise ResourceError(f"cannot read model places {path}: {exc}", code="E312") from exc
    return MemoryGazetteer([*records, *_areas(records)])


def _areas(records: list[PlaceRecord]) -> list[PlaceRecord]:
    """The districts and provinces the learnt places lie in, as places themselves (in the
    export's own spelling): where 'X, Zhari district' stands when X is unknown. Each sits at
    its learnt place of the same name (a district centre), else at the mean of its places."""
    groups: dict[tuple[str | None, str, str], list[PlaceRecord]] = defaultdict(list)
    for rec in records:
        if rec.admin1:
            groups[(rec.cc, rec.admin1, "")].append(rec)
            if rec.admin2:
                groups[(rec.cc, rec.admin1, rec.admin2)].append(rec)
    out: list[PlaceRecord] = []
    for (cc, admin1, admin2), members in groups.items():
        name = admin2 or admin1
        named = [r for r in members if name_key(r.name) == name_key(name)]
        if named:
            lat, lon = named[0].lat, named[0].lon
        else:
            lat = sum(r.lat for r in members) / len(members)
            lon = sum(r.lon for r in members) / len(members)
        first = members[0]
        out.append(replace(
            first, uid=f"model-area:{cc}:{admin1}:{admin2}", name=name, lat=round(lat, 5),
            lon=round(lon, 5), admin2=admin2 or None, admin3=None,
            kind="admin2" if admin2 else "admin1",
            population=0, priority=PRIORITY_IMPORT))  # a stand-in, never above a learnt place
    return out
