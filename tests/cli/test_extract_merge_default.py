"""``sitrep extract --db`` merges reports of one incident by default (issue 23), as with
``--merge``; with ``--no-merge`` every report's events stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.store import open_store

from .test_extract import REPORT


def _two_outlets(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(REPORT, encoding="utf-8")
    b.write_text(REPORT.replace("Demo Desk", "Other Wire").replace("rescuers said", "a monitor said"),
                 encoding="utf-8")
    return a, b


@pytest.mark.parametrize("flags, merged", [((), True), (("--merge",), True), (("--no-merge",), False)])
def test_extract_merges_unless_told_not_to(cli, tmp_path: Path, flags: tuple[str, ...],  # type: ignore[no-untyped-def]
                                              merged: bool) -> None:
    a, b = _two_outlets(tmp_path)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = cli("extract", str(a), str(b), "--db", db, *flags)
    assert result.exit_code == 0, result.stderr
    store = open_store(db)
    try:
        events = list(store.iter_events())
        assert store.count("documents") == 2 and events
        if merged:
            assert all(len(e.doc_ids) == 2 for e in events)
        else:
            assert all(len(e.doc_ids or [e.doc_id]) == 1 for e in events)
    finally:
        store.dispose()


def test_extract_no_merge_without_db_is_accepted(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, _ = _two_outlets(tmp_path)
    assert cli("extract", str(a), "--no-merge").exit_code == 0
