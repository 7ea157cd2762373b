from __future__ import annotations

import csv
import json
from pathlib import Path

from sitrep.schema import ACLED_COLUMNS


def test_demo_codes_samples_and_export_reads_them(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.db"
    result = cli("demo", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert "sitrep export" in result.stdout and "sitrep serve" in result.stdout
    out = tmp_path / "e.csv"
    exported = cli("export", "--db", f"sqlite:///{db}", "--format", "acled-csv", "-o", str(out))
    assert exported.exit_code == 0
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) > 3
    # running the demo again starts from a fresh database: same number of events
    again = cli("demo", "--db", str(db))
    assert again.exit_code == 0
    exported2 = cli("export", "--db", f"sqlite:///{db}", "--format", "jsonl")
    assert len([json.loads(x) for x in exported2.stdout.splitlines()]) == len(rows) - 1


def test_export_filters_by_country(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.db"
    cli("demo", "--db", str(db))
    result = cli("export", "--db", f"sqlite:///{db}", "--format", "jsonl", "--country", "Kenya")
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert all(r["country"] == "Kenya" for r in rows)


def test_export_unreachable_database_is_a_clean_error(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("export", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "--format", "jsonl")
    assert result.exit_code == 1
    assert "E40" in result.stderr
