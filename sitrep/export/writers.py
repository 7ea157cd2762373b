"""Write events in the formats analysts' tools read."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ..errors import ConfigError
from ..schema import ACLED_COLUMNS, Event

__all__ = ["FORMATS", "UCDP_GED_COLUMNS", "EventWriter", "csv_safe", "open_writer", "write_events"]

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


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading ``'`` (shown as text).

    Why: a report's notes or an actor name such as ``=HYPERLINK(...)`` or ``@SUM(...)`` is
    executed when the CSV is opened in Excel or LibreOffice (OWASP "CSV injection"). Numbers are
    left alone, as values and as text (``-12.5`` is a longitude, not a formula), so the ACLED
    columns keep their values; only text starting with ``= + - @``, a tab or a CR is changed.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return csv_safe(value)


class _RowWriter:
    """CSV rows ending in ``\n`` in which a cell holding a bare ``\r`` is quoted too.

    Why: with ``lineterminator="\n"`` the csv module quotes ``\n`` but leaves ``\r`` bare, and a
    bare CR splits the row in spreadsheets and in Python's own reader. Rows are written with
    ``\r\n`` (so both are quoted) and the terminator is then put back to ``\n``.
    """

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._buf = io.StringIO()
        self._writer = csv.writer(self._buf, lineterminator="\r\n")

    def writerow(self, row: list[Any]) -> None:
        self._buf.seek(0)
        self._buf.truncate()
        self._writer.writerow(row)
        self._out.write(self._buf.getvalue()[:-2] + "\n")


def _csv(events: Iterable[Event], out: IO[str], columns: list[tuple[str, str]]) -> int:
    writer = _RowWriter(out)
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


class EventWriter:
    """Write events as they come (bounded memory); Parquet is written in row groups.

    Use as a context manager: ``with open_writer("jsonl", sys.stdout) as w: w.write(events)``.
    """

    def __init__(self, fmt: str, out: IO[str] | Path, *, row_group: int = 5000) -> None:
        if fmt not in FORMATS:
            raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}",
                              code="E110")
        if fmt == "parquet" and not isinstance(out, Path):
            raise ConfigError("parquet needs an output file (-o FILE)", code="E111")
        self.fmt = fmt
        self.count = 0
        self._row_group = row_group
        self._pending: list[dict[str, Any]] = []
        self._pq: Any = None
        self._path = out if isinstance(out, Path) else None
        self._own = isinstance(out, Path) and fmt != "parquet"
        self._stream: IO[str] | None = (
            out.open("w", encoding="utf-8", newline="") if self._own and isinstance(out, Path)
            else out if not isinstance(out, Path) else None)
        self._csv: Any = None
        if fmt in ("acled-csv", "ucdp-csv"):
            cols = [(c, c) for c in ACLED_COLUMNS] if fmt == "acled-csv" else list(UCDP_GED_COLUMNS)
            self._columns = cols
            assert self._stream is not None  # opened above: CSV formats always write to a stream
            self._csv = _RowWriter(self._stream)
            self._csv.writerow([name for name, _ in cols])
        elif fmt == "geojson":
            assert self._stream is not None
            self._stream.write('{"type": "FeatureCollection", "features": [\n')

    def write(self, events: Iterable[Event]) -> None:
        for e in events:
            self._one(e)
            self.count += 1
        if self._stream is not None:
            self._stream.flush()

    def _one(self, e: Event) -> None:
        data = e.model_dump(mode="json")
        if self.fmt == "jsonl":
            assert self._stream is not None
            self._stream.write(e.model_dump_json() + "\n")
        elif self._csv is not None:
            self._csv.writerow([_cell(data.get(field)) for _, field in self._columns])
        elif self.fmt == "geojson":
            assert self._stream is not None
            buf = io.StringIO()
            _geojson([e], buf)
            feature = buf.getvalue().split("\n", 1)[1].rsplit("\n]}", 1)[0]
            self._stream.write(("," if self.count else "") + feature.strip() + "\n")
        else:
            self._pending.append({k: (json.dumps(v, ensure_ascii=False)
                                      if isinstance(v, (list, dict)) else v)
                                  for k, v in data.items()})
            if len(self._pending) >= self._row_group:
                self._flush_parquet()

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._pending:
            return
        table = pa.Table.from_pylist(self._pending)
        if self._pq is None:
            self._pq = pq.ParquetWriter(self._path, table.schema)
        else:
            table = table.cast(self._pq.schema)
        self._pq.write_table(table)
        self._pending = []

    def close(self) -> None:
        if self.fmt == "geojson" and self._stream is not None:
            self._stream.write("]}\n")
        if self.fmt == "parquet":
            self._flush_parquet()
            if self._pq is None:
                import pyarrow as pa
                import pyarrow.parquet as pq

                pq.write_table(pa.table({f: [] for f in Event.model_fields}), self._path)
            else:
                self._pq.close()
        if self._own and self._stream is not None:
            self._stream.close()
        elif self._stream is not None:
            self._stream.flush()

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_writer(fmt: str, out: IO[str] | Path) -> EventWriter:
    """A streaming writer for ``fmt`` to a text stream or a path."""
    return EventWriter(fmt, out)
