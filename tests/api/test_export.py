from __future__ import annotations

import csv
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.schema import ACLED_COLUMNS
from tests.api.conftest import Api


@pytest.mark.parametrize(("fmt", "filename", "media"), [
    ("jsonl", "sitrep-events.jsonl", "application/x-ndjson"),
    ("acled-csv", "sitrep-events-acled.csv", "text/csv"),
    ("ucdp-csv", "sitrep-events-ucdp.csv", "text/csv"),
    ("geojson", "sitrep-events.geojson", "application/geo+json"),
    ("parquet", "sitrep-events.parquet", "application/vnd.apache.parquet"),
])
def test_export_formats_have_fixed_names_and_read_back(read_api: Api, fmt: str, filename: str,
                                                       media: str) -> None:
    r = read_api.client.get(f"/api/export?format={fmt}&country=Syria")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)
    assert r.headers["content-disposition"] == f'attachment; filename="{filename}"'
    if fmt == "jsonl":
        ids = [json.loads(line)["event_id_cnty"] for line in r.text.splitlines()]
    elif fmt == "geojson":
        ids = [f["properties"]["event_id_cnty"] for f in r.json()["features"]]
        assert r.json()["features"][0]["geometry"]["type"] == "Point"
    elif fmt == "parquet":
        ids = pq.read_table(pa.BufferReader(r.content)).column("event_id_cnty").to_pylist()
    else:
        rows = list(csv.reader(io.StringIO(r.text)))
        if fmt == "acled-csv":
            assert tuple(rows[0]) == ACLED_COLUMNS
        ids = [row[0] for row in rows[1:]]
    assert sorted(ids) == ["SYR-1", "SYR-2"]


@pytest.mark.parametrize("fmt", ["../../etc/passwd", "jsonl/../../x", "acled-csv\r\nX-Evil: 1"])
def test_export_format_is_never_a_path(read_api: Api, fmt: str) -> None:
    r = read_api.client.get("/api/export", params={"format": fmt})
    assert r.status_code == 422
    assert "content-disposition" not in r.headers
