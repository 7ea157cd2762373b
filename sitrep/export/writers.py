"""Write events in the formats analysts' tools read."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ..errors import ConfigError
from ..schema import ACLED_COLUMNS, Event

__all__ = ["FORMATS", "UCDP_GED_COLUMNS", "write_events"]

FORMATS = ("jsonl", "acled-csv", "ucdp-csv", "geojson", "parquet")

#: UCDP GED column names for the fields sitrep fills (GED codebook spelling).
UCDP_GED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "event_id_cnty"), ("year", "year"), ("type_of_violence", "type_of_violence"),
    ("side_a", "actor1"), ("side_b", "actor2"), ("source_article", "source"),
    ("where_prec", "where_prec"), ("where_coordinates", "location"), ("adm_1", "admin1"),
    ("adm_2", "admin2"), ("latitude", "latitude"), ("longitude", "longitude"),
    ("country", "country"), ("region", "region"), ("event_clarity", "confidence"),
    ("date_prec", "date_prec"), ("date_start", "date_start"), ("date_end", "date_end"),
    ("deaths_civilians", "deaths_civilians"), ("best", "fatalities_best"),
    ("high", "fatalities_high"), ("low", "fatalities_low"),
)  # fmt: skip


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _csv(events: Iterable[Event], out: IO[str], columns: list[tuple[str, str]]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    n = 0
    for e in events:
        data = e.model_dump(mode="json")
        writer.writerow([_cell(data.get(field)) for _, field in columns])
        n += 1
    return n


def _geojson(events: Iterable[Event], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for e in events:
        data = e.model_dump(mode="json")
        geom = None
        if e.latitude is not None and e.longitude is not None:
            geom = {"type": "Point", "coordinates": [e.longitude, e.latitude]}
        props = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                 for k, v in data.items()}
        if n:
            out.write(",\n")
        out.write(json.dumps({"type": "Feature", "geometry": geom, "properties": props},
                             ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _parquet(events: Iterable[Event], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for e in events:
        data = e.model_dump(mode="json")
        rows.append({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                     for k, v in data.items()})
    fields = list(Event.model_fields)
    table = pa.Table.from_pylist(rows, schema=None) if rows else pa.table({f: [] for f in fields})
    pq.write_table(table, path)
    return len(rows)


def write_events(events: Iterable[Event], fmt: str, out: IO[str] | Path | None = None) -> int:
    """Write ``events`` as ``fmt`` to a text stream or a path; returns the count."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", code="E110")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ConfigError("parquet needs an output file (-o FILE)", code="E111")
        return _parquet(events, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_events(events, fmt, fh)
    stream: IO[str] = out if out is not None else io.StringIO()
    if fmt == "jsonl":
        n = 0
        for e in events:
            stream.write(e.model_dump_json() + "\n")
            n += 1
        return n
    if fmt == "acled-csv":
        return _csv(events, stream, [(c, c) for c in ACLED_COLUMNS])
    if fmt == "ucdp-csv":
        return _csv(events, stream, list(UCDP_GED_COLUMNS))
    return _geojson(events, stream)
