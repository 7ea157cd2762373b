from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli.app import _load_commands, app
from sitrep.geo.store import SQLiteGazetteer


def test_cli_import_and_stats(tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer) -> None:
    _load_commands()
    db = str(sqlite_gazetteer.path)
    csv = tmp_path / "p.csv"
    csv.write_text("name,lat,lon,kind\nKafr Hamra,36.26,37.08,village\nBad,x,1,village\n",
                   encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "import", "csv", str(csv), "--gazetteer", db])
    assert result.exit_code == 0, result.output
    assert "imported 1 places" in result.output and "rejected 1" in result.output
    result = runner.invoke(app, ["gazetteer", "stats", "--gazetteer", db])
    assert result.exit_code == 0 and "Syria" in result.output


def test_cli_errors_are_clean(tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer) -> None:
    _load_commands()
    result = CliRunner().invoke(app, ["gazetteer", "import", "kml", str(tmp_path),
                                      "--gazetteer", str(sqlite_gazetteer.path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
