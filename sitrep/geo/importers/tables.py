"""Importers for tables: OCHA COD (CSV/GeoJSON with pcodes and Arabic names), the Syrian Archive
location list, and generic CSV.

Generic CSV columns: ``name, alt_names, lat, lon, admin1, admin2, admin3, kind`` (``alt_names``
separated by ``|`` or ``;``; optional ``country``/``cc``/``iso3``, ``city``). OCHA tables are
recognised by their column names (``name_en``/``adm3_name``/``name``, ``name_ar``/``name1``,
``lat``/``y_coord``/``center_lat``, ``adm1_en``/``adm1_name``, ``neighborhood_pcode``, ...);
GeoJSON features without point coordinates are placed at their polygon's centroid; polygon
features also keep their outline (simplified to about 20 m, at most ~100 kB) for the map.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..gazetteer import KINDS, PlaceRecord
from ..match import has_arabic
from .base import ImportReport, RowError, ShapedPlace, parse_coords, read_rows, uid_for

__all__ = ["CSV_COLUMNS", "SYRIANARCHIVE_COLUMNS", "read_csv_places", "read_ocha_places", "read_syrianarchive_places"]

CSV_COLUMNS = ("name", "alt_names", "lat", "lon", "admin1", "admin2", "admin3", "kind")

_SYN: dict[str, tuple[str, ...]] = {
    "name": ("name_en", "adm3_name", "name", "NAME", "adm2_name", "adm1_name", "FACILITY_N",
             "unosat_neighborhood_name"),
    "name_ar": ("name_ar", "name1", "adm3_name1", "NAME_A", "adm2_name1", "adm1_name1"),
    "alt": ("alt_names", "alternate_names", "adm3_ref_n"),
    "lat": ("lat", "latitude", "y_coord", "center_lat", "mean_lat", "Lat", "LAT", "y"),
    "lon": ("lon", "longitude", "x_coord", "center_lon", "mean_lon", "Long", "LON", "lng", "x"),
    "admin1": ("adm1_en", "adm1_name", "admin1"),
    "admin2": ("adm2_en", "adm2_name", "admin2"),
    "admin3": ("adm3_en", "adm3_name", "admin3"),
    "city": ("city_en", "city"),
    "pcode": ("neighborhood_pcode", "pcode", "csr_id", "Id"),
    "cc": ("adm0_pcode", "cc", "country_code", "iso2"),
    "country": ("country",),
    "level": ("admin_leve", "adm_p_lvl", "admin_level"),
}
_LEVEL_KIND = {"0": "country", "1": "admin1", "2": "admin2", "3": "admin3"}


def _pick(row: dict[str, object], field: str) -> str:
    for col in _SYN[field]:
        value = row.get(col)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _centroid(geometry: object) -> tuple[float, float] | None:
    if not isinstance(geometry, dict):
        return None
    from shapely.errors import GEOSException
    from shapely.geometry import shape

    try:
        geom = shape(geometry)
        point = geom.centroid if not geom.is_empty else None
    except (GEOSException, ValueError, TypeError, AttributeError):
        return None
    return None if point is None else (float(point.y), float(point.x))


_SIMPLIFY_DEG = 0.0002  # ~20 m: finer than a neighbourhood, coarse enough to stay small
_MAX_SHAPE = 100_000  # characters of GeoJSON per place


def _rounded(coords: object) -> object:
    if isinstance(coords, (list, tuple)):
        if coords and isinstance(coords[0], (int, float)):
            return [round(float(c), 6) for c in coords]
        return [_rounded(c) for c in coords]
    return coords


def _outline(geometry: object) -> str | None:
    """A polygon's outline as compact GeoJSON text (None for points, lines, broken geometry)."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    from shapely import make_valid, unary_union
    from shapely.errors import GEOSException
    from shapely.geometry import mapping, shape

    try:
        geom = shape(geometry)
        if not geom.is_valid:  # keep only the polygonal parts of the repaired geometry
            fixed = make_valid(geom)
            parts = getattr(fixed, "geoms", [fixed])
            geom = unary_union([g for g in parts if g.geom_type in ("Polygon", "MultiPolygon")])
        tolerance = _SIMPLIFY_DEG
        while not geom.is_empty:
            simple = geom.simplify(tolerance, preserve_topology=True)
            if simple.is_empty or simple.geom_type not in ("Polygon", "MultiPolygon"):
                return None
            data = mapping(simple)
            text = json.dumps({"type": data["type"], "coordinates": _rounded(data["coordinates"])},
                              separators=(",", ":"))
            if len(text) <= _MAX_SHAPE or tolerance > 0.05:
                return text if len(text) <= _MAX_SHAPE else None
            tolerance *= 4
    except (GEOSException, ValueError, TypeError, AttributeError, KeyError):
        return None
    return None


def _ocha_kind(row: dict[str, object], path: Path) -> str:
    level = _pick(row, "level")
    if level in _LEVEL_KIND:
        return _LEVEL_KIND[level]
    if row.get("neighborhood_pcode") or "neighbo" in path.name.lower():
        return "neighbourhood"
    if "adm3_pcode" in row and "center_lat" in row:
        return "admin3"
    if "typology" in row or "FACILITY_N" in row:
        return "landmark"
    return "village"


def _record(row: dict[str, object], *, prefix: str, kind: str) -> PlaceRecord:
    name = _pick(row, "name")
    name_ar = _pick(row, "name_ar")
    if not name and name_ar:
        name = name_ar
    if not name:
        raise RowError("no name")
    lat_raw, lon_raw = _pick(row, "lat"), _pick(row, "lon")
    if not lat_raw and not lon_raw and row.get("_geometry") is not None:
        centre = _centroid(row.get("_geometry"))
        if centre is None:
            raise RowError("geometry without a usable centroid")
        lat, lon = centre
    else:
        lat, lon = parse_coords(lat_raw, lon_raw)
    alts = [a.strip() for a in _pick(row, "alt").replace(";", "|").split("|") if a.strip()]
    if name_ar and name_ar != name:
        alts.append(name_ar)
    if kind == "admin3" and row.get("adm3_name1") and has_arabic(str(row["adm3_name1"])):
        alts.append(str(row["adm3_name1"]).removeprefix("مركز ").strip())
    cc_raw = _pick(row, "cc")
    cc = cc_raw[:2].upper() if len(cc_raw) >= 2 and cc_raw[:2].isalpha() else None
    pcode = _pick(row, "pcode") or None
    if kind in ("admin1", "admin2", "admin3") and not pcode:
        pcode = str(row.get(f"adm{kind[-1]}_pcode") or "") or None
    admin = {f"admin{i}": _pick(row, f"admin{i}") or None for i in (1, 2, 3)}
    if kind == "country":
        cc = cc or None
    fields = dict(
        uid=uid_for(prefix, pcode, name, lat, lon), name=name, lat=lat, lon=lon, cc=cc,
        country=_pick(row, "country") or None, admin1=admin["admin1"], admin2=admin["admin2"],
        admin3=admin["admin3"], kind=kind, source=prefix.split(":")[0],
        city=_pick(row, "city") or None, alt_names=tuple(dict.fromkeys(alts)))
    outline = _outline(row.get("_geometry"))
    if outline is not None:
        return ShapedPlace(**fields, shape=outline)  # type: ignore[arg-type]
    return PlaceRecord(**fields)  # type: ignore[arg-type]


def _read_places(path: Path, report: ImportReport, *, prefix: str,
                 header_ok: Callable[[dict[str, Any]], bool],
                 kind_of: Callable[[dict[str, Any]], str],
                 plain: Callable[[dict[str, Any]], dict[str, object]] | None = None) -> list[PlaceRecord]:
    """Rows of a place table to records: ``header_ok(first row)`` False skips the file;
    ``kind_of(row)`` raising :class:`RowError` (or a bad row) rejects that row into ``report``;
    ``plain(row)``: the row in the columns :data:`_SYN` knows, for a table of its own columns."""
    out: list[PlaceRecord] = []
    first = True
    for where, row in read_rows(path, report=report):
        assert isinstance(row, dict)
        if first:
            first = False
            if not header_ok(row):
                return []
        try:
            out.append(_record(plain(row) if plain else row, prefix=prefix, kind=kind_of(row)))
        except RowError as exc:
            report.reject(where, str(exc))
    return out


def read_ocha_places(path: Path, report: ImportReport) -> list[PlaceRecord]:
    """Places of one OCHA COD table (CSV or GeoJSON); bad rows go to ``report``."""
    def header_ok(row: dict[str, Any]) -> bool:
        if any(c in row for c in _SYN["name"] + _SYN["name_ar"]) and (
                any(c in row for c in _SYN["lat"]) or row.get("_geometry") is not None):
            return True
        report.skipped_files.append(f"{path.name}: no name/coordinate columns")
        return False

    return _read_places(path, report, prefix=f"ocha:{path.stem}", header_ok=header_ok,
                        kind_of=lambda row: _ocha_kind(row, path))


def _columns_required(path: Path, needed: tuple[str, ...], expected: tuple[str, ...]
                      ) -> Callable[[dict[str, Any]], bool]:
    """A header check for a table of fixed columns: a file without ``needed`` is an error (E232)."""
    def header_ok(row: dict[str, Any]) -> bool:
        missing = [c for c in needed if c not in row]
        if missing:
            from ...errors import InputError

            raise InputError(f"missing columns {missing}; expected {list(expected)}",
                             origin=str(path), code="E232")
        return True

    return header_ok


def read_csv_places(path: Path, report: ImportReport) -> list[PlaceRecord]:
    """Places of a generic CSV (see :data:`CSV_COLUMNS`); bad rows go to ``report``."""
    header_ok = _columns_required(path, ("name", "lat", "lon"), CSV_COLUMNS)

    def kind_of(row: dict[str, Any]) -> str:
        kind = str(row.get("kind") or "village").strip().lower() or "village"
        kind = "neighbourhood" if kind == "neighborhood" else kind
        if kind not in KINDS:
            raise RowError(f"unknown kind {kind!r}")
        return kind

    return _read_places(path, report, prefix=f"csv:{path.stem}", header_ok=header_ok, kind_of=kind_of)


#: The Syrian Archive location list (``locations.json`` of its API, as CSV): OCHA communities and
#: the neighbourhoods and landmarks its staff geocoded (``sa_loc_only``).
SYRIANARCHIVE_COLUMNS = ("sa_id", "name_ar_short", "name_ar_full", "name_en_full", "pcode", "lat", "lon",
                         "sa_loc_only")


def read_syrianarchive_places(path: Path, report: ImportReport) -> list[PlaceRecord]:
    """Places of the Syrian Archive location list: the English short name (the first part of
    ``name_en_full``, after a city's "ALEPPO : "), the Arabic short name as an alternate (after
    "مدينة حلب : ", without a leading حي), Syria; rows its staff geocoded are neighbourhoods or
    landmarks of a city (kind ``neighbourhood``), the others OCHA communities (``village``). A row
    without coordinates is rejected with the reason."""
    header_ok = _columns_required(path, ("name_ar_short", "name_en_full", "lat", "lon"), SYRIANARCHIVE_COLUMNS)

    def plain(row: dict[str, Any]) -> dict[str, object]:
        english = str(row.get("name_en_full") or "").split(" - ")[0].split(" : ")[-1].strip()
        arabic = re.sub(r"^حي\s+", "", re.split(r"\s*:\s*", str(row.get("name_ar_short") or ""))[-1].strip())
        return {"name": english or arabic, "name_ar": arabic, "lat": row.get("lat"), "lon": row.get("lon"),
                "pcode": (str(row.get("pcode") or "") + ":" + str(row.get("sa_id") or "")).strip(":"),
                "cc": "SY", "country": "Syria"}

    def kind_of(row: dict[str, Any]) -> str:
        return "neighbourhood" if str(row.get("sa_loc_only") or "").strip().upper() == "TRUE" else "village"

    return _read_places(path, report, prefix=f"syrianarchive:{path.stem}", header_ok=header_ok,
                        kind_of=kind_of, plain=plain)
