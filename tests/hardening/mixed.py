"""A plain ``extract --db`` writer and a ``--merge`` writer on one database at once (issue 20).

Why: both runs may store the same document. Unless the plain write takes part in the store's
concurrency model, the merge batch that read "not stored yet" meets the plain run's row at insert
time (a unique violation: the document is quarantined as a storage failure, or the batch fails
E420), or SQLite refuses the plain run's deferred write after the merge committed (the run stops).
``mixed_writers`` runs the two (spawned processes, started together) and returns what each said.
"""

from __future__ import annotations

import multiprocessing as mp
import traceback
from pathlib import Path
from typing import Any

from sitrep.config import Settings

__all__ = ["mixed_writers", "run_writer"]


def run_writer(url: str, barrier: Any, queue: Any, name: str, corpus: str, merge: bool) -> None:
    """``run_local`` (the extract path) with or without merging; puts (name, outcome text)."""
    try:
        from sitrep.engine import run_local
        from sitrep.store import open_store
        from tests.hardening.racers import IncidentPipeline

        store = open_store(url)
        barrier.wait(timeout=60)
        try:
            report = run_local([corpus], IncidentPipeline(Settings()), store=store, merge=merge)
        finally:
            store.dispose()
        refused = [q.reason for q in report.quarantined]
        queue.put((name, f"ok {report.documents} {dict(report.outcomes)} {refused}"
                   if not refused and not report.unaccounted else f"lost: {refused[:3]}"))
    except BaseException:  # noqa: BLE001 - reported to the parent, which fails the test
        queue.put((name, traceback.format_exc()))


def mixed_writers(url: str, folder: Path, *, plain: int = 1, merging: int = 1, reports: int = 8,
                  incidents: int = 12, timeout: float = 300) -> dict[str, str]:
    """Start ``plain`` plain and ``merging`` merge writers on the same corpus, in different
    orders; each one's outcome ("ok ..." when it lost nothing)."""
    from sitrep.store import open_store
    from tests.hardening.racers import _writer_input, collect, incident_corpus

    incident_corpus(folder, incidents=incidents, reports=reports)
    open_store(url).dispose()  # migrated here: this is about writing
    n = plain + merging
    ctx = mp.get_context("spawn")
    barrier, queue = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=run_writer, args=(
        url, barrier, queue, f"{'merge' if i >= plain else 'plain'}{i}",
        str(_writer_input(folder / "docs.jsonl", i)), i >= plain)) for i in range(n)]
    return collect(procs, queue, timeout)
