"""Read a downloaded GeoNames country dump (``CC.zip`` holding ``CC.txt``) and the admin-code
tables (``admin1CodesASCII.txt``, ``admin2Codes.txt``) into place records.

Kept: populated places (feature class P, neighbourhoods PPLX included) and admin areas (class A:
ADM1-3 and the country), each with its Latin and Arabic-script alternate names; other classes
(mountains, roads, buildings) are skipped, not counted as rejected. A row with coordinates out of
range or a bad id is rejected on its own and counted; a file that is not a readable zip, lacks its
``CC.txt`` or whose lines are mostly not the 19-column table is rejected whole (nothing is
imported from it), because a truncated or wrong file would otherwise import half a country.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from ...errors import InputError
from ..build import clean_admin1
from ..gazetteer import PlaceRecord
from .base import ImportReport, RowError
from .geonames import GEONAMES_COLUMNS, geonames_core

__all__ = ["KEPT_CLASSES", "read_admin_codes", "read_country_zip", "verify_zip"]

KEPT_CLASSES = frozenset({"P", "A"})
_ADMIN_KINDS = {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3", "PCLI": "country"}
# Latin (with accents) and Arabic script; other scripts add keys nobody types into a report
_OTHER_SCRIPT = re.compile(r"[^\x00-\u024F\u02B0-\u036F\u1E00-\u1EFF\u2000-\u206F"
                           r"\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_MAX_ALTS = 80
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
               NotImplementedError)


def _kind(feature_class: str, code: str, population: int) -> str | None:
    if feature_class == "P":
        if code.startswith("PPLX"):
            return "neighbourhood"
        if code in ("PPLC", "PPLA") or population >= 100_000:
            return "city"
        if population >= 10_000 or code.startswith("PPLA"):
            return "town"
        return "village"
    return _ADMIN_KINDS.get(code) if feature_class == "A" else None


def _keep_alt(name: str, main: str) -> bool:
    return (2 < len(name) <= 80 and name != main and not name.startswith("http")
            and _OTHER_SCRIPT.search(name) is None)


def verify_zip(path: Path, cc: str) -> None:
    """Raise :class:`InputError` unless ``path`` is an intact zip holding ``CC.txt``."""
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
            names = zf.namelist()
    except _ZIP_ERRORS as exc:
        raise InputError(f"not a readable zip (corrupt or truncated download): {exc}",
                         origin=str(path), code="E234") from exc
    if bad is not None:
        raise InputError(f"zip member {bad} fails its checksum (corrupt download)",
                         origin=str(path), code="E234")
    if f"{cc}.txt" not in names:
        raise InputError(f"zip holds no {cc}.txt (found {', '.join(names[:5]) or 'nothing'})",
                         origin=str(path), code="E235")


def read_admin_codes(path: Path) -> dict[str, str]:
    """``{"SY.09": "Aleppo", "SY.09.SY0200": "Jabal Sam'an"}`` from an admin-code table."""
    out: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read admin-code table: {exc}", origin=str(path),
                         code="E235") from exc
    lines = [line for line in text.splitlines() if line.strip()]
    for line in lines:
        cols = line.split("\t")
        if len(cols) >= 2 and "." in cols[0] and cols[1].strip():
            out[cols[0].strip()] = clean_admin1(cols[1].strip())
    if lines and len(out) < len(lines) / 2:
        raise InputError("not a GeoNames admin-code table (expected CODE<tab>name<tab>...)",
                         origin=str(path), code="E235")
    return out


def _lines(path: Path, cc: str) -> list[str]:
    try:
        with zipfile.ZipFile(path) as zf:
            raw = zf.read(f"{cc}.txt")
    except _ZIP_ERRORS as exc:
        raise InputError(f"cannot read {cc}.txt from the zip: {exc}", origin=str(path),
                         code="E234") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{cc}.txt is not UTF-8: {exc}", origin=str(path), code="E235") from exc
    return [line for line in text.split("\n") if line.strip()]


def read_country_zip(path: Path, cc: str, admin_codes: dict[str, str],
                     report: ImportReport) -> list[PlaceRecord]:
    """The kept places of a verified ``CC.zip``; bad rows are counted in ``report``."""
    verify_zip(path, cc)
    lines = _lines(path, cc)
    rows = [line.rstrip("\r").split("\t") for line in lines]
    well_formed = sum(1 for r in rows if len(r) == GEONAMES_COLUMNS)
    if not rows or well_formed < len(rows) / 2:
        raise InputError(f"{cc}.txt is not a GeoNames table ({well_formed} of {len(rows)} lines "
                         f"have the {GEONAMES_COLUMNS} tab-separated columns)",
                         origin=str(path), code="E235")
    admin1_rows = {(r[8], r[10]): clean_admin1(r[1]) for r in rows
                   if len(r) == GEONAMES_COLUMNS and r[7] == "ADM1"}
    out: list[PlaceRecord] = []
    for number, row in enumerate(rows, start=1):
        where = f"{cc}.txt:{number}"
        if len(row) != GEONAMES_COLUMNS:
            report.reject(where, f"wrong number of columns ({len(row)} for {GEONAMES_COLUMNS})")
            continue
        if row[6] not in KEPT_CLASSES:
            continue
        try:
            gid, name, lat, lon, population = geonames_core(row)
        except RowError as exc:
            report.reject(where, str(exc))
            continue
        kind = _kind(row[6], row[7], population)
        if kind is None:
            continue
        code1 = f"{row[8]}.{row[10]}"
        admin1 = admin_codes.get(code1) or admin1_rows.get((row[8], row[10]))
        admin2 = admin_codes.get(f"{code1}.{row[11]}") if row[11] else None
        alts = [a.strip() for a in (row[2], *row[3].split(","))]
        out.append(PlaceRecord(
            uid=f"geonames:{gid}", name=name, lat=lat, lon=lon,
            cc=row[8].strip().upper() or cc, admin1=admin1, admin2=admin2, kind=kind,
            population=population, source="geonames-download",
            alt_names=tuple(dict.fromkeys(a for a in alts if _keep_alt(a, name)))[:_MAX_ALTS]))
    return _with_cities(out)


_CELL = 0.15  # degrees: how far a neighbourhood may lie from the city it belongs to


def _with_cities(records: list[PlaceRecord]) -> list[PlaceRecord]:
    """Give each neighbourhood the nearest city of its own file (within ~15 km), found on a
    grid here rather than by one gazetteer query per row (the import's slowest step otherwise)."""
    from dataclasses import replace

    grid: dict[tuple[int, int], list[PlaceRecord]] = {}
    for rec in records:
        if rec.kind in ("city", "town"):
            grid.setdefault((int(rec.lat // _CELL), int(rec.lon // _CELL)), []).append(rec)
    out: list[PlaceRecord] = []
    for rec in records:
        if rec.kind == "neighbourhood" and not rec.city:
            gy, gx = int(rec.lat // _CELL), int(rec.lon // _CELL)
            near = [c for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                    for c in grid.get((gy + dy, gx + dx), ())
                    if abs(c.lat - rec.lat) <= _CELL and abs(c.lon - rec.lon) <= _CELL]
            if near:
                best = min(near, key=lambda c: (c.kind != "city",
                                                (c.lat - rec.lat) ** 2 + (c.lon - rec.lon) ** 2))
                rec = replace(rec, city=best.name, admin1=rec.admin1 or best.admin1)
        out.append(rec)
    return out
