"""A pool of worker processes, each building its pipeline once, fed batches through bounded queues.

- Memory stays bounded: at most ``max_in_flight`` jobs are between reading and writing at any
  time, whatever the corpus size (results are re-ordered in a window of that size).
- Each worker has its own inbox, so the parent always knows which documents a worker holds: if a
  worker process dies (segfault, OOM kill), the document it was coding is quarantined with the
  reason, the rest of its batch goes to a fresh worker, and the run goes on.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import connection as mp_connection
from typing import Any

from ..config import Settings
from ..errors import ResourceError
from ..pipeline import Pipeline
from ..schema import Document, QuarantineItem
from .core import CodingFailure, Job, PipelineFactory, Result, code_document, slim

__all__ = ["WorkerPool"]

_READY = -1
_FAILED = -2
_PARENT_CHECK_SECONDS = 1.0


def _worker_main(factory: PipelineFactory, settings: Settings, inbox: Any, results: Any) -> None:
    """Worker loop: build the pipeline once, then code batches until told to stop (None).

    Results go through a pipe, written synchronously: whatever a worker finished before it died
    has reached the parent. A worker whose parent died exits by itself within about a second.
    """
    try:
        pipeline = factory(settings)
        _ = pipeline.stages  # build every stage now, not inside the first document's timing
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises a SitrepError
        results.send((_FAILED, f"{type(exc).__name__}: {exc}"))
        return
    results.send((_READY, None))
    parent = mp.parent_process()
    while True:
        try:
            batch = inbox.get(timeout=_PARENT_CHECK_SECONDS)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return  # the parent was killed (kill -9): never linger as an orphan
            continue
        if batch is None:
            return
        for ordinal, document in batch:
            results.send((ordinal, slim(code_document(pipeline, document))))


@dataclass
class _Worker:
    wid: int
    process: Any
    inbox: Any
    conn: Any
    pending: deque[tuple[int, Document]] = field(default_factory=deque)
    ready: bool = False


class WorkerPool:
    """Code documents in ``workers`` processes.

    Options (keyword-only):
    - ``factory``: builds the pipeline in each worker from ``settings`` (picklable; default
      :class:`~sitrep.pipeline.Pipeline`).
    - ``batch_size``: documents per message to a worker (fewer, larger messages).
    - ``max_in_flight``: jobs between reading and writing at most (default 4 batches per worker).
    - ``start_method``: ``spawn`` (default: safe with threads in the parent), ``forkserver``, ``fork``.
    - ``poll_seconds``: how often to check for dead workers while waiting.
    """

    def __init__(self, settings: Settings, *, workers: int = 2,
                 factory: PipelineFactory = Pipeline, batch_size: int = 8,
                 max_in_flight: int | None = None, start_method: str = "spawn",
                 poll_seconds: float = 1.0) -> None:
        self.settings = settings
        self.workers = max(1, workers)
        self.factory = factory
        self.batch_size = max(1, batch_size)
        self.max_in_flight = max_in_flight or self.workers * self.batch_size * 4
        self.poll_seconds = poll_seconds
        self._ctx: Any = mp.get_context(start_method)
        self.crashes = 0

    def _spawn(self, wid: int) -> _Worker:
        inbox = self._ctx.Queue()
        reader, writer = self._ctx.Pipe(duplex=False)
        process = self._ctx.Process(target=_worker_main, name=f"sitrep-worker-{wid}", daemon=True,
                                    args=(self.factory, self.settings, inbox, writer))
        process.start()
        writer.close()  # the parent keeps only the reading end: EOF when the worker is gone
        return _Worker(wid, process, inbox, reader)

    def __call__(self, jobs: Iterable[tuple[int, Job]]) -> Iterator[tuple[int, Result]]:
        return self.map(jobs)

    def map(self, jobs: Iterable[tuple[int, Job]]) -> Iterator[tuple[int, Result]]:
        """Yield ``(ordinal, result)`` in input order; non-Document jobs pass through."""
        pool: dict[int, _Worker] = {}
        for wid in range(self.workers):
            pool[wid] = self._spawn(wid)
        next_wid = self.workers
        order: deque[int] = deque()
        done: dict[int, Result] = {}
        source = iter(jobs)
        exhausted = False
        try:
            while True:
                # 1. hand out work while the window and a worker's queue have room
                while not exhausted and len(order) < self.max_in_flight:
                    target = min(pool.values(), key=lambda w: len(w.pending))
                    if len(target.pending) >= 2 * self.batch_size:
                        break
                    batch: list[tuple[int, Document]] = []
                    while len(batch) < self.batch_size and len(order) < self.max_in_flight:
                        try:
                            ordinal, job = next(source)
                        except StopIteration:
                            exhausted = True
                            break
                        order.append(ordinal)
                        if isinstance(job, Document):
                            batch.append((ordinal, job))
                        else:
                            done[ordinal] = job
                    if batch:
                        target.pending.extend(batch)
                        target.inbox.put(batch)
                # 2. yield whatever is finished, in order
                while order and order[0] in done:
                    ordinal = order.popleft()
                    yield ordinal, done.pop(ordinal)
                if exhausted and not order:
                    return
                if not any(w.pending for w in pool.values()):
                    continue  # the window holds only pass-through items: read on
                # 3. wait for results or for a worker to exit
                waitables = [w.conn for w in pool.values()] + [w.process.sentinel for w in pool.values()]
                if not mp_connection.wait(waitables, timeout=self.poll_seconds):
                    continue
                for worker in list(pool.values()):
                    self._drain(worker, done)
                    if not worker.process.is_alive():
                        next_wid = self._replace(worker, pool, done, next_wid)
        finally:
            self._shutdown(pool)

    @staticmethod
    def _drain(worker: _Worker, done: dict[int, Result]) -> None:
        """Read every message a worker has sent so far."""
        while True:
            try:
                if not worker.conn.poll():
                    return
                ordinal, payload = worker.conn.recv()
            except (EOFError, OSError):
                return
            if ordinal == _FAILED:
                raise ResourceError(f"worker could not build the pipeline: {payload}", code="E320")
            if ordinal == _READY:
                worker.ready = True
                continue
            if worker.pending and worker.pending[0][0] == ordinal:
                worker.pending.popleft()
            else:
                worker.pending = deque(p for p in worker.pending if p[0] != ordinal)
            done[ordinal] = payload

    def _replace(self, worker: _Worker, pool: dict[int, _Worker], done: dict[int, Result],
                 next_wid: int) -> int:
        """A worker died: quarantine the document it was coding, give the rest to a new one."""
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        if not worker.ready:
            raise ResourceError(f"worker process exited ({code}) before its pipeline was ready",
                                code="E321")
        self.crashes += 1
        del pool[worker.wid]
        worker.conn.close()
        leftover = list(worker.pending)
        if leftover:
            ordinal, document = leftover.pop(0)
            reason = f"coding failed: worker process died (exit code {code}) while coding this document"
            done[ordinal] = CodingFailure(document.id, QuarantineItem(
                origin=document.origin or document.id, reason=reason))
        fresh = self._spawn(next_wid)
        pool[fresh.wid] = fresh
        if leftover:
            fresh.pending.extend(leftover)
            fresh.inbox.put(leftover)
        return next_wid + 1

    def _shutdown(self, pool: dict[int, _Worker]) -> None:
        for worker in pool.values():
            if worker.process.is_alive():
                worker.inbox.put(None)
        for worker in pool.values():
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(timeout=5)
            worker.conn.close()
            worker.inbox.close()
            worker.inbox.cancel_join_thread()
