"""A pipeline that cannot be built stops the run (clear error, exit 1); a document whose coding
fails is still quarantined on its own and the run goes on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep import registry
from sitrep.config import Settings
from sitrep.engine import run_local
from sitrep.errors import ResourceError
from sitrep.pipeline import Pipeline
from sitrep.store import open_store
from tests.engine.fakes import BrokenPipeline, FakePipeline, write_corpus


def _unimportable(settings: Settings, resources: object) -> object:
    raise ImportError("No module named 'some_model_package'")


@pytest.fixture
def broken_stage(monkeypatch: pytest.MonkeyPatch) -> str:
    """The first stage of the default pipeline fails to import when the pipeline is built."""
    name = Settings().stages[0]
    registry.get_stage_factory(name)  # load the registry before patching one of its entries
    monkeypatch.setitem(registry._FACTORIES, name, _unimportable)
    return name


def test_build_failure_in_process_stops_the_run_before_any_document(tmp_path: Path,
                                                                     broken_stage: str) -> None:
    corpus = write_corpus(tmp_path / "in", 4)
    quarantined: list[object] = []
    with pytest.raises(ResourceError, match="could not be built.*ImportError.*some_model_package") as info:
        run_local([corpus], Pipeline(Settings()), on_quarantine=quarantined.append)
    assert info.value.code == "E322"
    assert quarantined == []


def test_build_failure_extract_exits_non_zero_and_quarantines_nothing(tmp_path: Path, db_url: str,
                                                                        broken_stage: str) -> None:
    from sitrep.cli.app import _load_commands, app

    _load_commands()
    corpus = write_corpus(tmp_path / "in", 3)
    result = CliRunner().invoke(app, ["extract", str(corpus), "--db", db_url], catch_exceptions=False)
    assert result.exit_code == 1
    assert "could not be built" in result.stderr and "ImportError" in result.stderr
    assert "quarantined" not in result.stderr
    store = open_store(db_url)
    try:
        assert store.quarantined() == []
    finally:
        store.dispose()


def test_build_failure_a_failing_document_is_still_quarantined_alone(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 4, extra={2: "POISON clash\n"})
    report = run_local([corpus], FakePipeline(Settings()))
    assert [q.reason.split(":")[0] for q in report.quarantined] == ["coding failed"]
    assert report.documents == 4 and report.outcomes.get("quarantined") == 1


@pytest.fixture(scope="module")
def dask_client() -> Iterator[object]:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_build_failure_on_dask_stops_the_run(tmp_path: Path, dask_client: object) -> None:
    from sitrep.engine.dask import run_dask

    corpus = write_corpus(tmp_path / "in", 5)
    quarantined: list[object] = []
    with pytest.raises(ResourceError, match="could not be built on a Dask worker.*model files missing"):
        run_dask([corpus], FakePipeline(Settings()), client=dask_client, factory=BrokenPipeline,
                 batch_size=2, on_quarantine=quarantined.append)
    assert quarantined == []
