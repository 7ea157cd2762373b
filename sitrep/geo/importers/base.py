"""What every importer shares: reading rows, checking them one by one, one transaction.

A row is rejected (with a reason, counted) when it has no name, coordinates that are not
numbers, out of range or swapped, or bytes that are not UTF-8. Accepted rows are written in a
single transaction, so a failure leaves the gazetteer as it was.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError
from ..gazetteer import PRIORITY_IMPORT, PlaceRecord
from ..match import name_key
from ..store import SQLiteGazetteer

__all__ = ["ImportReport", "RowError", "ShapedPlace", "commit", "parse_coords", "read_rows",
           "uid_for"]

_CITY_KINDS = ("city", "town", "village")


class RowError(ValueError):
    """A row that cannot be imported; the message is the reason counted in the report."""


@dataclass(frozen=True, slots=True)
class ShapedPlace(PlaceRecord):
    """A place read with its outline: ``shape`` is simplified GeoJSON geometry text."""

    shape: str | None = field(default=None, compare=False)


@dataclass
class ImportReport:
    path: str
    kind: str
    added: int = 0
    outlines: int = 0  # places written with their polygon (``places.shape``)
    rejected: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)  # "file:line: reason", first few
    skipped_files: list[str] = field(default_factory=list)

    def reject(self, where: str, reason: str) -> None:
        self.rejected += 1
        self.reasons[reason] += 1
        if len(self.examples) < 20:
            self.examples.append(f"{where}: {reason}")

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "kind": self.kind, "added": self.added,
                "outlines": self.outlines, "rejected": self.rejected, "reasons": dict(self.reasons),
                "examples": self.examples, "skipped_files": self.skipped_files}


def _decode_lines(raw: bytes) -> Iterator[tuple[int, str | None]]:
    """(line number, text or None when the line is not UTF-8)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for number, line in enumerate(raw.splitlines(keepends=True), start=1):
        try:
            yield number, line.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None


def read_rows(path: Path, *, delimiter: str | None = None, header: bool = True,
              report: ImportReport) -> Iterator[tuple[str, dict[str, object] | list[str]]]:
    """Rows of a CSV/TSV (dicts if ``header``, else lists) or GeoJSON (properties + ``_geometry``).

    Yields ``(where, row)``; lines that are not UTF-8 are rejected into ``report``.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read gazetteer file: {exc}", origin=str(path),
                         code="E230") from exc
    if path.suffix.lower() in (".geojson", ".json"):
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"not a GeoJSON file: {exc}", origin=str(path), code="E231") from exc
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list):
            raise InputError("GeoJSON without a features list", origin=str(path), code="E231")
        for i, feat in enumerate(features, start=1):
            props = dict(feat.get("properties") or {}) if isinstance(feat, dict) else {}
            props["_geometry"] = feat.get("geometry") if isinstance(feat, dict) else None
            yield f"{path.name}#{i}", props
        return
    good: list[str] = []
    numbers: list[int] = []
    for number, text in _decode_lines(raw):
        if text is None:
            report.reject(f"{path.name}:{number}", "not UTF-8 (mixed encoding)")
            continue
        good.append(text)
        numbers.append(number)
    if not good:
        return
    sep = delimiter or ("\t" if path.suffix.lower() in (".txt", ".tsv") else ",")
    reader = csv.reader(io.StringIO("".join(good)), delimiter=sep,
                        quoting=csv.QUOTE_NONE if sep == "\t" else csv.QUOTE_MINIMAL)
    columns: list[str] | None = None
    for row in reader:
        where = f"{path.name}:{numbers[min(reader.line_num, len(numbers)) - 1]}"
        if not row or all(not c.strip() for c in row):
            continue
        if header and columns is None:
            columns = [c.strip().lstrip("\ufeff") for c in row]
            continue
        if not header:
            yield where, row
            continue
        assert columns is not None
        if len(row) != len(columns):
            report.reject(where, f"wrong number of columns ({len(row)} for {len(columns)})")
            continue
        yield where, dict(zip(columns, (c.strip() for c in row), strict=True))


def parse_coords(lat: object, lon: object) -> tuple[float, float]:
    """Latitude and longitude as floats; :class:`RowError` if missing, not numbers or out of range."""
    if lat in (None, "") or lon in (None, ""):
        raise RowError("missing coordinates")
    try:
        la, lo = float(str(lat).replace(",", ".")), float(str(lon).replace(",", "."))
    except ValueError:
        raise RowError("coordinates are not numbers") from None
    if math.isnan(la) or math.isnan(lo):
        raise RowError("coordinates are not numbers")
    if not -90.0 <= la <= 90.0:
        if -90.0 <= lo <= 90.0 and -180.0 <= la <= 180.0:
            raise RowError("latitude out of range (latitude/longitude swapped?)")
        raise RowError("latitude out of range")
    if not -180.0 <= lo <= 180.0:
        raise RowError("longitude out of range")
    if la == 0.0 and lo == 0.0:
        raise RowError("coordinates are 0,0")
    return la, lo


def _enrich(rec: PlaceRecord, store: SQLiteGazetteer) -> PlaceRecord:
    """Fill country/admin names and the containing city from the nearest default place."""
    from dataclasses import replace

    need_city = rec.kind in ("neighbourhood", "landmark") and not rec.city
    if rec.cc and rec.admin1 and not need_city:
        return rec
    near = store.nearest(rec.lat, rec.lon, kinds=_CITY_KINDS)
    if near is None:
        return rec
    updates: dict[str, object] = {}
    if not rec.cc:
        updates.update(cc=near.cc, country=near.country, iso=near.iso, iso3=near.iso3,
                       region=near.region)
    if not rec.admin1 and (rec.cc in (None, near.cc)):
        updates["admin1"] = near.admin1
    if need_city:
        city = store.nearest(rec.lat, rec.lon, kinds=("city",), within_deg=0.15)
        if city is not None:
            updates["city"] = city.name
    return replace(rec, **updates)  # type: ignore[arg-type]


def _fill_country(rec: PlaceRecord, store: SQLiteGazetteer) -> PlaceRecord:
    from dataclasses import replace

    if rec.cc and not rec.country:
        country = store.country(rec.cc)
        if country is not None:
            return replace(rec, country=country.name, iso=country.iso, iso3=country.iso3,
                           region=country.region)
    return rec


def commit(records: list[PlaceRecord], store: SQLiteGazetteer, report: ImportReport) -> None:
    """Enrich and write ``records`` (priority of imports) in one transaction."""
    out: list[PlaceRecord] = []
    seen: set[str] = set()
    for rec in records:
        if rec.uid in seen:
            continue
        seen.add(rec.uid)
        rec = _enrich(_fill_country(rec, store), store)
        out.append(rec.with_priority(max(rec.priority, PRIORITY_IMPORT)))
    shapes = {r.uid: r.shape for r in out if isinstance(r, ShapedPlace) and r.shape}
    report.added += store.add(out, meta={f"import:{report.kind}:{report.path}": str(len(out))},
                              shapes=shapes)
    report.outlines += len(shapes)


def uid_for(prefix: str, pcode: str | None, name: str, lat: float, lon: float) -> str:
    if pcode:
        return f"{prefix}:{pcode}"
    return f"{prefix}:{name_key(name)}:{lat:.4f}:{lon:.4f}"
