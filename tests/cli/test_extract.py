from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sitrep.schema import ACLED_COLUMNS

REPORT = ("Demo Desk | 9 May, 2020\n\nGovernment warplanes carried out airstrikes on the town of "
          "Ariha in Idlib on Friday, killing three civilians, rescuers said.\n")


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_extract_version(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("sitrep ")


@pytest.mark.slow
def test_extract_seed_report_acled_csv(cli, seed_report: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("extract", str(seed_report), "--format", "acled-csv")
    assert result.exit_code == 0, result.stderr
    rows = _csv_rows(result.stdout)
    assert tuple(rows[0]) == ACLED_COLUMNS
    dates = [r[ACLED_COLUMNS.index("event_date")] for r in rows[1:]]
    assert any(d.startswith("2016-11") for d in dates)


def test_extract_jsonl_from_stdin(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("extract", "-", input=REPORT)
    assert result.exit_code == 0
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert events, result.stderr
    assert all(e["event_date"].startswith("2020-05") for e in events)
    assert all("doc_id" in e and "evidence" in e and "claims" in e for e in events)


def test_extract_bad_inputs_continue_and_strict_fails(cli, tmp_path: Path, db_url: str) -> None:  # type: ignore[no-untyped-def]
    db = db_url
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)))
    (tmp_path / "bad.jsonl").write_text('{"text": "ok text here on Monday"}\n{oops\n', encoding="utf-8")
    (tmp_path / "nocol.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = cli("extract", str(tmp_path), "--db", db)
    assert result.exit_code == 0
    for name in ("empty.txt", "junk.txt", "bad.jsonl:2", "nocol.csv:1"):
        assert name in result.stderr
    assert any(json.loads(x)["event_date"] for x in result.stdout.splitlines())
    strict = cli("extract", str(tmp_path), "--db", db, "--strict")
    assert strict.exit_code != 0

    from sitrep.store import open_store

    store = open_store(db)
    assert len(store.quarantined()) == 4  # stored once despite two runs
    assert store.count("documents") == 2
    store.dispose()


def test_extract_rerun_with_db_never_duplicates(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'r.db'}"
    first = cli("extract", str(path), "--db", db)
    second = cli("extract", str(path), "--db", db)
    assert first.stdout.count("\n") == second.stdout.count("\n") > 0

    from sitrep.store import open_store

    store = open_store(db)
    assert store.count("documents") == 1
    assert store.count("events") == first.stdout.count("\n")


def test_extract_unknown_format_is_a_usage_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = cli("extract", str(path), "--format", "xlsx")
    assert result.exit_code == 2


def test_extract_merge_needs_db(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert cli("extract", str(path), "--merge").exit_code == 2


def test_extract_merge_combines_two_outlets(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(REPORT, encoding="utf-8")
    b.write_text(REPORT.replace("Demo Desk", "Other Wire").replace("rescuers said", "a monitor said"),
                 encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'm.db'}"
    plain = f"sqlite:///{tmp_path / 'p.db'}"
    assert cli("extract", str(a), str(b), "--db", db, "--merge").exit_code == 0
    assert cli("extract", str(a), str(b), "--db", plain, "--no-merge").exit_code == 0

    from sitrep.store import open_store

    merged, separate = open_store(db), open_store(plain)
    assert merged.count("documents") == separate.count("documents") == 2
    assert 0 < merged.count("events") < separate.count("events")
    assert all(len(e.doc_ids) == 2 for e in merged.iter_events())
    merged.dispose()
    separate.dispose()
