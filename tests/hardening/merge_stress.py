"""Concurrent merge writers plus a reviewer on one database, then the invariant check (issue 20).

``merge_stress(url, folder, writers=N)`` starts N writer processes running the extract-with-merge
path (the one ``sitrep watch`` uses too: ``merge_into_store`` per document) on one hand-built
corpus in different orders, and one reviewer process accepting and editing events while they run.
It returns what the store holds against what must hold: every incident one event with all its
documents, and no invariant violation. Used by ``tests/hardening`` and ``make stress``.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

__all__ = ["StressOutcome", "merge_stress", "run_reviewer"]


@dataclass
class StressOutcome:
    writers: int
    documents: int = 0
    events: int = 0
    reviews: int = 0
    errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    wrong_events: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.errors or self.violations or self.wrong_events)


def run_reviewer(url: str, stop: Any, queue: Any, seed: int) -> None:
    """Accept or edit random events until ``stop`` is set; puts ("reviewer", count or error)."""
    try:
        from sitrep.store import open_store
        from sitrep.store import tables as t
        from sitrep.store.review import review_event

        rng = random.Random(seed)
        store = open_store(url)
        done = 0
        try:
            while not stop.is_set() or done == 0:
                with store.engine.connect() as conn:
                    ids = conn.execute(select(t.events.c.event_id_cnty)).scalars().all()
                if not ids:
                    stop.wait(0.01)
                    continue
                event_id = rng.choice(sorted(ids))
                if rng.random() < 0.5:
                    review_event(store, event_id, action="accept", who="stress")
                else:
                    review_event(store, event_id, action="edit", who="stress",
                                 fields={"notes": f"Reviewed {done}."})
                done += 1
        finally:
            store.dispose()
        queue.put(("reviewer", str(done)))
    except BaseException:  # noqa: BLE001 - reported to the parent
        queue.put(("reviewer", traceback.format_exc()))


def merge_stress(url: str, folder: Path, *, writers: int, incidents: int = 6, reports: int = 5,
                 reviewer: bool = True, seed: int = 0, timeout: float = 300) -> StressOutcome:
    """One run on a fresh database ``url`` (see the module docstring)."""
    from sitrep.schema import Event
    from sitrep.store import open_store
    from sitrep.store import tables as t
    from sitrep.store.invariants import check_invariants
    from tests.hardening.racers import incident_corpus, run_merge_writer

    out = StressOutcome(writers=writers)
    wanted = incident_corpus(folder, incidents=incidents, reports=reports)
    open_store(url).dispose()  # migrated once here: this run is about merging
    ctx = mp.get_context("spawn")
    barrier, queue, stop = ctx.Barrier(writers), ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=run_merge_writer,
                         args=(url, barrier, queue, f"w{i}", str(folder / "docs.jsonl"), i + seed))
             for i in range(writers)]
    if reviewer:
        procs.append(ctx.Process(target=run_reviewer, args=(url, stop, queue, seed)))
    for p in procs:
        p.start()
    try:
        for _ in range(writers):
            name, outcome = queue.get(timeout=timeout)
            if outcome != "ok":
                out.errors.append(f"{name}: {outcome.strip().splitlines()[-1]}")
        stop.set()
        if reviewer:
            name, outcome = queue.get(timeout=timeout)
            if outcome.isdigit():
                out.reviews = int(outcome)
            else:
                out.errors.append(f"{name}: {outcome.strip().splitlines()[-1]}")
    finally:
        stop.set()
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
                p.join()
    store = open_store(url)
    try:
        out.violations = [str(v) for v in check_invariants(store)]
        with store.engine.connect() as conn:
            events = [Event.model_validate(d) for d in conn.execute(select(t.events.c.data)).scalars()]
        out.documents, out.events = store.count("documents"), len(events)
        got = sorted(sorted(e.doc_ids) for e in events)
        want = sorted(sorted(docs) for docs in wanted.values())
        out.wrong_events = [str(g) for g in got if g not in want] + [str(w) for w in want if w not in got]
    finally:
        store.dispose()
    return out
