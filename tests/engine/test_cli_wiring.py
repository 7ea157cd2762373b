"""``sitrep extract --workers/--engine/--scheduler/--resume`` reach the engines (light pipeline)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import sitrep.cli.extract as extract_cmd
from sitrep.cli.app import _load_commands, app
from tests.engine.fakes import FakePipeline, events_of, write_corpus


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    _load_commands()
    monkeypatch.setattr(extract_cmd, "Pipeline", FakePipeline)
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, ["extract", *args], catch_exceptions=False)

    return invoke


def test_cli_wiring_workers_and_dask_scheduler_match_one_process(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    distributed = pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "in", 10)
    one = run(str(corpus))
    two = run(str(corpus), "--workers", "2")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        dask = run(str(corpus), "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert one.exit_code == two.exit_code == dask.exit_code == 0, dask.stderr
    assert events_of(two.stdout) == events_of(dask.stdout) == events_of(one.stdout) != []
    assert "10 documents" in dask.stderr


@pytest.mark.parametrize("args", [["--resume"], ["--engine", "spark"], ["--workers", "0"]])
def test_cli_wiring_bad_engine_options_are_usage_errors(run, tmp_path: Path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    corpus = write_corpus(tmp_path / "in", 1)
    result = run(str(corpus), *args)
    assert result.exit_code == 2


def test_cli_wiring_resume_reports_items_from_the_earlier_attempt(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = write_corpus(tmp_path / "in", 5)
    db = f"sqlite:///{tmp_path / 'r.db'}"
    first = run(str(corpus), "--db", db, "--resume")
    second = run(str(corpus), "--db", db, "--resume")
    assert events_of(second.stdout) == events_of(first.stdout) != []
    assert "5 from an earlier attempt" in " ".join(second.stderr.split())
    assert "earlier attempt" not in first.stderr
