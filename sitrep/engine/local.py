"""Local streaming runner: documents in, events out, quarantine for the unreadable.

One process by default; ``workers=N`` codes in N worker processes (:mod:`.workers`);
``resume=True`` checkpoints progress in the store (:mod:`.resume`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from ..errors import ConfigError, StoreError
from ..pipeline import Pipeline
from ..schema import Event, QuarantineItem
from ..store import Store
from .core import Mapper, PipelineFactory, RunReport, consume, in_process, plan_jobs
from .ids import DocumentIds
from .outcomes import Reconciler
from .resume import RunLedger

__all__ = ["RunReport", "run_local", "run_with"]


def run_with(
    inputs: Iterable[str | Path],
    pipeline: Pipeline,
    mapper: Mapper,
    *,
    store: Store | None = None,
    resume: bool = False,
    total: int | None = None,
    on_events: Callable[[list[Event]], None] | None = None,
    on_quarantine: Callable[[QuarantineItem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    merge: bool = False,
) -> RunReport:
    """Plan jobs, map them with ``mapper`` (any engine), write results back. Shared by engines.

    Every planned item is reconciled with its outcome; ``RunReport.unaccounted`` lists the ones
    the mapper never returned. A document whose id a different text holds is kept under a new id
    (:mod:`.ids`), counted in ``RunReport.renamed``.
    """
    inputs = list(inputs)
    ledger = None
    if resume:
        if store is None:
            raise ConfigError("resuming a run needs a database (--db)", code="E151")
        ledger = RunLedger.open(store.engine, inputs, pipeline.settings, total=total)
    reconciler = Reconciler()
    ids = DocumentIds(store)  # ids are decided here, in the planning process, never in a worker
    jobs = reconciler.watch(plan_jobs(inputs, settings=pipeline.settings, store=store, ledger=ledger,
                                      ids=ids))
    try:
        report = consume(mapper(jobs), store=store, ledger=ledger, on_events=on_events,
                         on_quarantine=on_quarantine, on_progress=on_progress, merge=merge,
                         reconciler=reconciler, ids=ids)
    except BaseException:
        if ledger is not None:
            # keep what finished; if the database is gone this fails too: report the first error
            with suppress(StoreError):
                ledger.flush()
        raise
    if ledger is not None:
        ledger.flush()
    return report


def run_local(
    inputs: Iterable[str | Path],
    pipeline: Pipeline,
    *,
    store: Store | None = None,
    on_events: Callable[[list[Event]], None] | None = None,
    on_quarantine: Callable[[QuarantineItem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    workers: int = 1,
    resume: bool = False,
    total: int | None = None,
    factory: PipelineFactory | None = None,
    batch_size: int = 8,
    max_in_flight: int | None = None,
    start_method: str = "spawn",
    merge: bool = False,
) -> RunReport:
    """Code every input; each document is isolated from the others' failures.

    - ``workers``: 1 codes in this process with ``pipeline``; N > 1 starts N worker processes,
      each building its own pipeline from ``pipeline.settings`` with ``factory`` (default: the
      pipeline's own class, so a subclass is rebuilt as itself).
    - ``resume``: key the run by its inputs and settings and checkpoint it in ``store``; a run
      started again after a kill skips what was finished.
    - ``total``: expected number of items (for progress only).
    - ``merge``: merge events into matching stored events of other reports (needs ``store``).
    - ``batch_size`` / ``max_in_flight`` / ``start_method``: see :class:`.workers.WorkerPool`.

    ``on_progress`` receives the number of input items handled so far.
    """
    mapper: Mapper
    if workers <= 1:
        mapper = in_process(pipeline)
    else:
        from .workers import WorkerPool

        mapper = WorkerPool(pipeline.settings, workers=workers, factory=factory or type(pipeline),
                            batch_size=batch_size, max_in_flight=max_in_flight,
                            start_method=start_method)
    return run_with(inputs, pipeline, mapper, store=store, resume=resume, total=total,
                    on_events=on_events, on_quarantine=on_quarantine, on_progress=on_progress,
                    merge=merge)
