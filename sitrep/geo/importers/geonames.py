"""GeoNames dump importer (``SY.txt``, ``allCountries.txt``, ``cities500.txt`` layout).

19 tab-separated columns: geonameid, name, asciiname, alternatenames (comma-separated), latitude,
longitude, feature class, feature code, country code, cc2, admin1..admin4 codes, population,
elevation, dem, timezone, modification date. Admin1 names come from the file's own ADM1 rows.
"""

from __future__ import annotations

from pathlib import Path

from ..gazetteer import PlaceRecord
from .base import ImportReport, RowError, parse_coords, read_rows

__all__ = ["GEONAMES_COLUMNS", "geonames_core", "read_geonames_places"]

GEONAMES_COLUMNS = 19


def _kind(feature_class: str, code: str, population: int) -> str | None:
    if feature_class == "P":
        if code == "PPLX":
            return "neighbourhood"
        if code in ("PPLC", "PPLA") or population >= 100_000:
            return "city"
        return "town" if population >= 10_000 or code.startswith("PPLA") else "village"
    if feature_class == "A":
        return {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3", "PCLI": "country"}.get(code)
    if feature_class in ("S", "L", "T", "R", "H", "V"):
        return "landmark"
    return None


def geonames_core(row: list[str]) -> tuple[str, str, float, float, int]:
    """Id, name, latitude, longitude and population of one 19-column GeoNames row; a row that
    cannot be a place raises :class:`RowError` with the reason (shared by the file importer and
    ``sitrep gazetteer download``)."""
    gid, name = row[0].strip(), row[1].strip()
    if not gid.isdigit():
        raise RowError("geonameid is not a number")
    if not name:
        raise RowError("no name")
    lat, lon = parse_coords(row[4], row[5])
    population = int(row[14]) if row[14].strip().isdigit() else 0
    return gid, name, lat, lon, population


def read_geonames_places(path: Path, report: ImportReport) -> list[PlaceRecord]:
    """Places of one GeoNames dump file; bad rows go to ``report``."""
    rows: list[tuple[str, list[str]]] = []
    admin1_names: dict[tuple[str, str], str] = {}
    for where, row in read_rows(path, delimiter="\t", header=False, report=report):
        assert isinstance(row, list)
        if len(row) != GEONAMES_COLUMNS:
            report.reject(where, f"wrong number of columns ({len(row)} for {GEONAMES_COLUMNS})")
            continue
        if row[7] == "ADM1":
            admin1_names[(row[8], row[10])] = row[1]
        rows.append((where, row))
    out: list[PlaceRecord] = []
    for where, row in rows:
        try:
            gid, name, lat, lon, population = geonames_core(row)
            kind = _kind(row[6], row[7], population)
            if kind is None:
                raise RowError(f"feature {row[6]}.{row[7]} is not a place")
        except RowError as exc:
            report.reject(where, str(exc))
            continue
        cc = row[8].strip().upper() or None
        alts = [a for a in (row[2], *row[3].split(",")) if a and a != name and len(a) > 2]
        out.append(PlaceRecord(
            uid=f"geonames:{gid}", name=name, lat=lat, lon=lon, cc=cc,
            admin1=admin1_names.get((row[8], row[10])), kind=kind, population=population,
            source="geonames-import", alt_names=tuple(dict.fromkeys(alts))[:80]))
    return out
