from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.export import write_events
from sitrep.schema import ACLED_COLUMNS, Event
from tests.helpers import make_event


def test_writers_acled_csv_has_31_columns_in_order() -> None:
    out = io.StringIO()
    assert write_events([make_event(), make_event(event_id_cnty="x2", actor2=None)], "acled-csv", out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows[0]) == 31
    assert rows[1][ACLED_COLUMNS.index("event_date")] == "2016-11-03"
    assert rows[2][ACLED_COLUMNS.index("actor2")] == ""  # missing -> empty cell


def test_writers_jsonl_roundtrip() -> None:
    out = io.StringIO()
    write_events([make_event()], "jsonl", out)
    assert Event.model_validate_json(out.getvalue().strip()) == make_event()


def test_writers_ucdp_csv_uses_ged_names() -> None:
    out = io.StringIO()
    write_events([make_event()], "ucdp-csv", out)
    header = out.getvalue().splitlines()[0].split(",")
    assert {"side_a", "side_b", "best", "low", "high", "where_prec", "date_prec"} <= set(header)


def test_writers_geojson_points() -> None:
    out = io.StringIO()
    write_events([make_event(), make_event(event_id_cnty="n", latitude=None, longitude=None)], "geojson", out)
    data = json.loads(out.getvalue())
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [37.16, 36.2]}
    assert data["features"][1]["geometry"] is None


def test_writers_parquet_roundtrip(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "e.parquet"
    write_events([make_event(), make_event(event_id_cnty="b")], "parquet", path)
    table = pq.read_table(path)
    assert table.num_rows == 2 and "fatalities_high" in table.column_names


def test_writers_unknown_format() -> None:
    with pytest.raises(ConfigError):
        write_events([], "xlsx", io.StringIO())


@pytest.mark.parametrize("fmt", ["jsonl", "acled-csv", "ucdp-csv", "geojson"])
def test_writers_streaming_writer_matches_batch_writer(fmt: str) -> None:
    from sitrep.export import open_writer

    events = [make_event(event_id_cnty=f"e{i}") for i in range(3)]
    batch = io.StringIO()
    write_events(events, fmt, batch)
    stream = io.StringIO()
    with open_writer(fmt, stream) as w:
        w.write(events[:1])
        w.write(events[1:])
    if fmt == "geojson":
        assert json.loads(stream.getvalue()) == json.loads(batch.getvalue())
    else:
        assert stream.getvalue() == batch.getvalue()
    assert w.count == 3


def test_writers_streaming_parquet_row_groups(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from sitrep.export import EventWriter

    path = tmp_path / "s.parquet"
    with EventWriter("parquet", path, row_group=2) as w:
        w.write([make_event(event_id_cnty=f"e{i}") for i in range(5)])
    assert pq.read_table(path).num_rows == 5
    assert pq.ParquetFile(path).num_row_groups == 3
