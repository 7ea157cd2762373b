"""CSV exports never hand a spreadsheet a formula; numbers and the ACLED columns stay exact."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.export import open_writer, write_events
from sitrep.export.writers import csv_safe
from sitrep.schema import ACLED_COLUMNS, Doc, Document
from tests.helpers import make_event

HOSTILE = dict(notes="=HYPERLINK(\"http://evil.example\",\"x\")", actor1="+1+cmd|' /C calc'!A0",
               actor2="-2+3", location="@SUM(A1:A9)", admin1="\tTab", admin2="\rReturn",
               source="Agency - wire")  # "-" inside a cell is fine


def _event(**extra: object):  # type: ignore[no-untyped-def]
    return make_event(**HOSTILE, latitude=-3.25, longitude=-12.5, fatalities=0, **extra)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("value", ["=1+1", "+1+1", "-2+3", "@A1", "\t=1", "\r=1", "-", "=", "-12.5x"])
def test_csv_safe_escapes_formula_text(value: str) -> None:
    assert csv_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["-12.5", "+3", "-7", "1e-3", "-0.5e+2", ".5", "Aleppo", "a=b", "",
                                   "'=already", -12.5, -3, 0, None, 2.0])
def test_csv_safe_leaves_numbers_and_plain_text(value: object) -> None:
    assert csv_safe(value) == value


def test_csv_acled_export_escapes_text_and_keeps_numbers_and_columns() -> None:
    out = io.StringIO()
    write_events([_event()], "acled-csv", out)
    lines = out.getvalue().splitlines()
    assert tuple(lines[0].split(",")) == ACLED_COLUMNS
    rows = _rows(out.getvalue())
    assert len(rows) == 1 and len(rows[0]) == len(ACLED_COLUMNS)
    row = rows[0]
    for field in ("notes", "actor1", "actor2", "location", "admin1", "admin2"):
        assert row[field] == "'" + HOSTILE[field], field
    assert row["source"] == "Agency - wire"
    assert (row["latitude"], row["longitude"], row["fatalities"]) == ("-3.25", "-12.5", "0")
    assert row["event_date"] == "2016-11-03" and row["interaction"] == "12"


def test_csv_ucdp_and_streaming_writer_escape_too(tmp_path: Path) -> None:
    out = io.StringIO()
    write_events([_event()], "ucdp-csv", out)
    row = _rows(out.getvalue())[0]
    assert row["side_a"] == "'" + HOSTILE["actor1"] and row["side_b"] == "'" + HOSTILE["actor2"]
    assert row["longitude"] == "-12.5"
    path = tmp_path / "e.csv"
    with open_writer("acled-csv", path) as w:
        w.write([_event()])
    streamed = _rows(path.read_text(encoding="utf-8"))[0]
    assert streamed["notes"] == "'" + HOSTILE["notes"] and streamed["longitude"] == "-12.5"


def test_csv_jsonl_export_is_unchanged() -> None:
    out = io.StringIO()
    write_events([_event()], "jsonl", out)
    assert HOSTILE["notes"].replace('"', '\\"') in out.getvalue() and "'=" not in out.getvalue()


def test_csv_api_and_cli_exports_escape(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sitrep.cli.app import _load_commands
    from sitrep.cli.app import app as cli_app

    db = f"sqlite:///{tmp_path / 'x.db'}"
    app = create_app(db_url=db, token="t")
    doc = Doc(document=Document(id="d1", text="Fighting.", date=date(2016, 11, 4), source="Demo"))
    doc.events = [_event(doc_id="d1", doc_ids=["d1"])]
    assert app.state.sitrep.store.add(doc)
    with TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1") as client:
        api_row = _rows(client.get("/api/export?format=acled-csv").text)[0]
    _load_commands()
    result = CliRunner().invoke(cli_app, ["export", "--db", db, "--format", "acled-csv"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    cli_row = _rows(result.stdout)[0]
    for row in (api_row, cli_row):
        assert row["notes"] == "'" + HOSTILE["notes"] and row["location"] == "'" + HOSTILE["location"]
        assert row["longitude"] == "-12.5" and row["latitude"] == "-3.25"
