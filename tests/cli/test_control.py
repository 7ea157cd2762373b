from __future__ import annotations

import csv
import importlib
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli.app import _load_commands, app
from sitrep.schema import Doc, Document
from sitrep.store import open_store
from sitrep.store.merges import merge_documents
from tests.helpers import make_event


@pytest.fixture
def control_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    # every command module registers itself on the real list first (importing it here, after the
    # list was swapped for a copy, would register ``control`` on the copy only: later tests calling
    # ``_load_commands()`` would find the module imported and the command gone)
    _load_commands()
    monkeypatch.setattr(app, "registered_commands", list(app.registered_commands))
    module = importlib.import_module("sitrep.cli.control")
    if not any(c.name == "control" for c in app.registered_commands):
        app.command("control")(module.control)
    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(url)
    docs = []
    for i, place in enumerate(("Dahyat al-Assad", "Menyan")):
        doc = Doc(document=Document(id=f"seed-{i}", text="x", date=date(2016, 11, 4)))
        doc.events = [make_event(
            event_id_cnty=f"SYR-seed-{i}", doc_id=f"seed-{i}", doc_ids=[f"seed-{i}"], location=place,
            latitude=36.2 + i / 50, sub_event_type="Non-state actor overtakes territory", actor1="Jaysh al-Fateh",
            inter1=2, actor2="Military Forces of Syria (2000-)", inter2=1, event_date=date(2016, 11, 1),
            date_start=date(2016, 10, 30), date_end=date(2016, 11, 3), time_precision=2)]
        docs.append(doc)
    merge_documents(store, docs)
    store.dispose()
    return url


@pytest.mark.parametrize(("args", "expected"), [
    (["Menyan", "--on", "2016-11-04"], "Jaysh al-Fateh"),
    (["Minyan", "--on", "2016-10-01"], "Military Forces of Syria"),
    (["Dahyat al-Assad"], "2016-10-30..2016-11-03"),
    ([], "Latest known holder"),
])
def test_control_cli_prints_timeline_or_holder(control_db: str, args: list[str], expected: str) -> None:
    result = CliRunner().invoke(app, ["control", *args, "--db", control_db])
    assert result.exit_code == 0, result.output
    assert expected in result.output


@pytest.mark.parametrize("suffix", ["csv", "geojson"])
def test_control_cli_exports_state_on_a_date(control_db: str, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"state.{suffix}"
    result = CliRunner().invoke(app, ["control", "--export", str(out), "--on", "2016-11-05", "--db", control_db])
    assert result.exit_code == 0, result.output
    if suffix == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
    else:
        rows = [f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
    assert sorted(r["place"] for r in rows) == ["Dahyat al-Assad", "Menyan"]
    assert {r["holder"] for r in rows} == {"Jaysh al-Fateh"}


@pytest.mark.parametrize("args", [["Nowhere"], ["--export", "x.kml", "--on", "2016-11-05"], ["--export", "x.csv"]])
def test_control_cli_rejects_bad_requests(control_db: str, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["control", *args, "--db", control_db])
    assert result.exit_code != 0
