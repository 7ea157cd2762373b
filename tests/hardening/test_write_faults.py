"""Disk full and I/O errors at each write step of `sitrep extract --db --resume` (issue 20).

A failing database stops the run (by design): the CLI must say so in one line and exit non-zero,
the store must hold no half-written document, and `--resume` must then complete the run so that
`sitrep export` (JSONL and CSV) gives exactly what an uninterrupted run gives. The failure is the
driver's own error raised at the chosen write statement (tests/hardening/writefaults.py); the
output file failing is a real full device (/dev/full).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import sitrep.cli.extract as extract_cmd
from sitrep.cli.app import _load_commands, app
from sitrep.store import open_store
from tests.engine.fakes import write_corpus
from tests.hardening.fakes import RichFakePipeline, check_store
from tests.hardening.writefaults import MESSAGES, WriteFault, inject_write_fault

#: (write statement, which occurrence) at which the database fails; every kind a run writes.
STEPS = [("INSERT runs", 1), ("INSERT documents", 1), ("INSERT documents", 4), ("INSERT events", 1),
         ("INSERT events", 3), ("INSERT event_documents", 2), ("INSERT evidence", 2),
         ("INSERT claims", 3), ("INSERT quarantine", 1), ("INSERT quarantine", 2),
         ("INSERT run_items", 1), ("UPDATE runs", 1)]  # fmt: skip


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Any:
    _load_commands()
    monkeypatch.setattr(extract_cmd, "Pipeline", RichFakePipeline)
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


def _corpus(folder: Path) -> Path:
    """Six text reports (0-2 events each) and a JSONL file with good and refused lines."""
    write_corpus(folder, 6)
    rows = [{"id": "j1", "text": "A clash in the north.\nA clash in the south."},
            {"id": "j2", "text": "Shelling \u0000 at night."},
            {"id": "j3", "text": "A clash\u2028 at the bridge."},
            {"id": "j1", "text": "A different text under the id j1."}]
    (folder / "z.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n",
                                    encoding="utf-8")
    return folder


def _exports(cli: Any, url: str, folder: Path) -> dict[str, bytes]:
    out = {}
    for fmt in ("jsonl", "acled-csv"):
        path = folder / f"export.{fmt}"
        result = cli("export", "--db", url, "--format", fmt, "-o", str(path))
        assert result.exit_code == 0, result.stderr
        out[fmt] = path.read_bytes()
    return out


@pytest.fixture
def reference(cli: Any, tmp_path: Path) -> dict[str, Any]:
    """An uninterrupted run on its own SQLite file: its exports, output and writes, in order."""
    corpus = _corpus(tmp_path / "in")
    url = f"sqlite:///{tmp_path / 'reference.db'}"
    open_store(url).dispose()
    with inject_write_fault(WriteFault()) as seen:
        result = cli("extract", str(corpus), "--db", url, "--no-merge", "--resume", "-o", str(tmp_path / "ref.jsonl"))
    assert result.exit_code == 0, result.stderr
    (tmp_path / "ref").mkdir()
    exports = _exports(cli, url, tmp_path / "ref")
    assert exports["jsonl"].count(b"\n") >= 6
    return {"corpus": corpus, "exports": exports, "writes": seen.writes,
            "output": (tmp_path / "ref.jsonl").read_bytes()}


def _fail_then_resume(cli: Any, url: str, reference: dict[str, Any], fault: WriteFault,
                      out: Path) -> list[str]:
    """Run with ``fault``, then resume; what went wrong (empty: the step passed)."""
    problems: list[str] = []
    corpus = reference["corpus"]
    with inject_write_fault(fault):
        failed = cli("extract", str(corpus), "--db", url, "--no-merge", "--resume", "-o", str(out / "a.jsonl"))
    where = f"{fault.kind or 'write'} #{fault.at} ({fault.error})"
    if fault.raised != 1:
        return [f"{where}: injected {fault.raised} times"]
    said = " ".join(failed.stderr.split())
    if failed.exit_code != 1 or "error [E4" not in said or MESSAGES[fault.error][0] not in said \
            and MESSAGES[fault.error][1] not in said:
        problems.append(f"{where}: exit {failed.exit_code}, said {said[-300:]!r}")
    store = open_store(url)
    try:
        problems += [f"{where}: after the failure: {p}" for p in check_store(store).problems]
    finally:
        store.dispose()
    resumed = cli("extract", str(corpus), "--db", url, "--no-merge", "--resume", "-o", str(out / "b.jsonl"))
    if resumed.exit_code != 0:
        return [*problems, f"{where}: resume exit {resumed.exit_code}: {resumed.stderr[-300:]}"]
    if (out / "b.jsonl").read_bytes() != reference["output"]:
        problems.append(f"{where}: the resumed run's output differs from an uninterrupted run's")
    if _exports(cli, url, out) != reference["exports"]:
        problems.append(f"{where}: export after resume differs from an uninterrupted run's")
    return problems


@pytest.mark.parametrize(("kind", "nth"), STEPS, ids=[f"{k.replace(' ', '-')}-{n}" for k, n in STEPS])
def test_write_faults_each_kind_of_write_stops_then_resume_exports_the_same(
        cli: Any, reference: dict[str, Any], db_url: str, tmp_path: Path, kind: str, nth: int) -> None:
    assert reference["writes"].count(kind) >= nth, reference["writes"]
    open_store(db_url).dispose()
    error = "io-error" if nth % 2 == 0 else "disk-full"
    out = tmp_path / "out"
    out.mkdir()
    assert _fail_then_resume(cli, db_url, reference, WriteFault(at=nth, kind=kind, error=error), out) == []


def test_write_faults_every_write_step_of_a_run_sqlite(cli: Any, reference: dict[str, Any],
                                                       tmp_path: Path) -> None:
    """The sweep: the n-th write fails, for every n a run makes (SQLite, a fresh file each)."""
    steps = len(reference["writes"])
    assert steps >= 20
    problems: list[str] = []
    for at in range(1, steps + 1):
        folder = tmp_path / f"step{at}"
        folder.mkdir()
        url = f"sqlite:///{folder / 'db.sqlite'}"
        open_store(url).dispose()
        error = "io-error" if at % 2 == 0 else "disk-full"
        problems += _fail_then_resume(cli, url, reference, WriteFault(at=at, error=error), folder)
    assert problems == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_write_faults_full_output_device_stops_then_resume_writes_everything(
        cli: Any, reference: dict[str, Any], db_url: str, tmp_path: Path) -> None:
    corpus = reference["corpus"]
    failed = cli("extract", str(corpus), "--db", db_url, "--no-merge", "--resume", "-o", "/dev/full")
    said = " ".join(failed.stderr.split())
    assert failed.exit_code == 1
    assert "error [E" in said and "/dev/full" in said and "No space left on device" in said
    resumed = cli("extract", str(corpus), "--db", db_url, "--no-merge", "--resume", "-o", str(tmp_path / "b.jsonl"))
    assert resumed.exit_code == 0, resumed.stderr
    assert (tmp_path / "b.jsonl").read_bytes() == reference["output"]
    assert _exports(cli, db_url, tmp_path) == reference["exports"]
