from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sitrep.config import Settings
from sitrep.engine import RunLedger, run_local
from sitrep.engine.inputs import input_identity
from sitrep.engine.resume import run_items, run_key, runs
from sitrep.errors import ConfigError
from sitrep.store import open_store
from tests.engine.fakes import FakePipeline, write_corpus

ROOT = Path(__file__).resolve().parents[2]


class _Interrupted(Exception):
    pass


def test_resume_run_key_follows_inputs_and_settings(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    identity = input_identity([corpus])
    key = run_key(identity, Settings())
    assert key == run_key(input_identity([corpus]), Settings())
    assert key != run_key(identity, Settings(scope="political"))
    (corpus / "r001.txt").write_text("changed clash\n", encoding="utf-8")
    assert key != run_key(input_identity([corpus]), Settings())


def test_resume_interrupted_run_finishes_without_gaps_or_duplicates(tmp_path: Path,
                                                                     db_url: str) -> None:
    corpus = write_corpus(tmp_path / "in", 20, extra={7: "POISON clash\n"})
    reference = run_local([corpus], FakePipeline(Settings()))
    store = open_store(db_url)
    try:
        def stop_after_nine(n: int) -> None:
            if n == 9:
                raise _Interrupted

        with pytest.raises(_Interrupted):
            run_local([corpus], FakePipeline(Settings()), store=store, resume=True,
                      on_progress=stop_after_nine)
        assert 0 < store.count("documents") < 20
        again = run_local([corpus], FakePipeline(Settings()), store=store, resume=True)
        assert again.resumed == 9  # checkpoints were flushed when the first attempt stopped
        assert store.count("documents") == 19  # the poisoned one is quarantined, not stored
        assert store.count("events") == reference.events
        assert len(store.quarantined()) == 1
        with store.engine.connect() as conn:
            assert conn.execute(select(runs.c.status)).scalar_one() == "done"
            assert conn.execute(select(func.count()).select_from(run_items)).scalar_one() == 20
    finally:
        store.dispose()


def test_resume_refuses_stdin(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    with pytest.raises(ConfigError, match="stdin"):
        RunLedger.open(store.engine, ["-"], Settings())
    store.dispose()


_CLI = """
import sys
import sitrep.cli.extract as extract
from tests.engine.fakes import SlowFakePipeline
extract.Pipeline = SlowFakePipeline
from sitrep.cli.app import main
sys.argv = ["sitrep", "extract", *sys.argv[1:]]
main()
"""


def _extract(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", _CLI, *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_resume_cli_sigkilled_midway_then_rerun_matches_uninterrupted(tmp_path: Path,
                                                                       db_url: str) -> None:
    corpus = write_corpus(tmp_path / "in", 60)
    ref = open_store(f"sqlite:///{tmp_path / 'reference.db'}")
    run_local([corpus], FakePipeline(Settings()), store=ref, merge=True)  # uninterrupted, merging as the CLI does by default
    expected_ids = sorted(e.event_id_cnty or "" for e in ref.iter_events())
    expected = (ref.count("documents"), len(expected_ids))
    ref.dispose()
    assert expected[0] == 60 and expected[1] > 0

    victim = _extract(str(corpus), "--db", db_url, "--resume")
    store = open_store(db_url)
    try:
        deadline = time.monotonic() + 60
        while store.count("documents") < 10 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=10)
        killed_at = store.count("documents")
        assert 10 <= killed_at < 60, "the run must be killed midway"

        rerun = _extract(str(corpus), "--db", db_url, "--resume", "--workers", "2")
        _, stderr = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, stderr.decode()
        assert (store.count("documents"), store.count("events")) == expected
        assert sorted(e.event_id_cnty or "" for e in store.iter_events()) == expected_ids
        with store.engine.connect() as conn:
            ids = [r[0] for r in conn.execute(select(runs.c.id))]
            statuses = conn.execute(select(run_items.c.status)).scalars().all()
        assert len(ids) == 1  # the rerun continued the same run
        assert len(statuses) == 60
    finally:
        store.dispose()
