"""``sitrep export`` from a database that is not there: a clear message, exit 1, nothing created."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("fmt", ["jsonl", "acled-csv"])
def test_export_missing_sqlite_database_is_an_error_and_creates_nothing(
        cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "typo" / "x.db"
    out = tmp_path / "out.csv"
    result = cli("export", "--db", f"sqlite:///{db}", "--format", fmt, "-o", str(out))
    assert result.exit_code == 1
    assert "E404" in result.stderr and "no database at" in result.stderr
    assert "events exported" not in result.stderr
    assert not db.exists() and not db.parent.exists() and not out.exists()


def test_export_unreachable_postgresql_names_the_server_not_the_password(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("export", "--db", "postgresql+psycopg://nobody:s3cret@127.0.0.1:1/none", "--format", "jsonl")
    assert result.exit_code == 1
    text = " ".join(result.stderr.split())
    assert "E403" in text and "cannot reach database" in text and "127.0.0.1:1" in text
    assert "s3cret" not in text


def test_export_existing_empty_database_exports_zero(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sitrep.store import open_store

    db = tmp_path / "empty.db"
    open_store(f"sqlite:///{db}").dispose()
    result = cli("export", "--db", f"sqlite:///{db}", "--format", "jsonl")
    assert result.exit_code == 0 and "0 events exported" in result.stderr
