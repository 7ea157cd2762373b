"""``--engine dask``: the same pipeline over dask.distributed.

Documents are cut into batches (partitions) as they are read and submitted as tasks, at most
``max_batches`` outstanding, so memory stays bounded on the client. Each Dask worker holds one
pipeline, built from the settings on its first batch by a worker plugin (models load once per
worker, inside a task thread, never on the worker's event loop). Results come back in input
order and are written by the client through the same sink as the local runner (store, resume
checkpoints, callbacks); ``parquet_dir`` also has each batch write its events to one Parquet
file there (``part-<first ordinal>.parquet``), on the worker.

Point it at a real cluster with ``--scheduler tcp://HOST:8786``; without one, a LocalCluster of
``workers`` single-threaded processes is started for the run.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..config import Settings
from ..errors import ConfigError
from ..pipeline import Pipeline
from ..schema import Document, Event, QuarantineItem
from ..store import Store
from .core import (
    CodingFailure,
    Job,
    PipelineFactory,
    Result,
    RunReport,
    build_failed,
    code_document,
    slim,
)  # fmt: skip
from .local import run_with

__all__ = ["DaskMapper", "PipelinePlugin", "run_dask"]


class PipelinePlugin(WorkerPlugin):
    """Worker plugin holding one pipeline per Dask worker, built on first use."""

    def __init__(self, settings: Settings, factory: PipelineFactory, name: str) -> None:
        self.settings = settings
        self.factory = factory
        self.name = name
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def setup(self, worker: Any) -> None:
        return None

    def teardown(self, worker: Any) -> None:
        self._pipeline = None

    def pipeline(self) -> Pipeline:
        with self._lock:
            if self._pipeline is None:
                pipeline = self.factory(self.settings)
                _ = pipeline.stages  # kept only once built: a failed build fails every batch
                self._pipeline = pipeline
            return self._pipeline

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "factory": self.factory, "name": self.name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["settings"], state["factory"], state["name"])  # type: ignore[misc]


#: Ordinal of the one result a batch returns when its worker cannot build the pipeline.
_BUILD_FAILED = -1


def _code_batch(batch: list[tuple[int, Document]], plugin_name: str,
                parquet_dir: str | None) -> list[tuple[int, Any]]:
    """Runs on a Dask worker: code one batch with that worker's pipeline."""
    from distributed import get_worker

    plugin: PipelinePlugin = get_worker().plugins[plugin_name]  # type: ignore[assignment]
    try:
        pipeline = plugin.pipeline()
    except Exception as exc:  # noqa: BLE001 - sent back as such: the client stops the run
        return [(_BUILD_FAILED, f"{type(exc).__name__}: {exc}")]
    results = [(ordinal, slim(code_document(pipeline, doc))) for ordinal, doc in batch]
    if parquet_dir is not None:
        events = [e for _, r in results if not isinstance(r, CodingFailure) for e in r.events]
        if events:
            from ..export import write_events

            write_events(events, "parquet", Path(parquet_dir) / f"part-{batch[0][0]:09d}.parquet")
    return results


class DaskMapper:
    """Map jobs over a ``distributed.Client``, in order, with at most ``max_batches`` in flight."""

    def __init__(self, client: Any, settings: Settings, *, factory: PipelineFactory = Pipeline,
                 batch_size: int = 16, max_batches: int | None = None,
                 parquet_dir: Path | None = None) -> None:
        import hashlib

        self.client = client
        self.batch_size = max(1, batch_size)
        nthreads = sum(client.nthreads().values()) or 1
        self.max_batches = max_batches or 2 * nthreads
        digest = hashlib.sha1(settings.model_dump_json().encode()).hexdigest()[:12]
        self.plugin = PipelinePlugin(settings, factory, f"sitrep-pipeline-{digest}")
        self.parquet_dir = str(parquet_dir) if parquet_dir is not None else None
        if parquet_dir is not None:
            Path(parquet_dir).mkdir(parents=True, exist_ok=True)

    def __call__(self, jobs: Iterable[tuple[int, Job]]) -> Iterator[tuple[int, Result]]:
        self.client.register_plugin(self.plugin, name=self.plugin.name)
        slots: deque[tuple[Any, list[tuple[int, Document]] | tuple[int, Job]]] = deque()
        outstanding = 0
        source = iter(jobs)
        exhausted = False
        batch: list[tuple[int, Document]] = []

        def submit() -> None:
            nonlocal batch, outstanding
            if batch:
                future = self.client.submit(_code_batch, batch, self.plugin.name,
                                            self.parquet_dir, pure=False)
                slots.append((future, batch))
                outstanding += 1
                batch = []

        while True:
            while not exhausted and outstanding < self.max_batches:
                try:
                    ordinal, job = next(source)
                except StopIteration:
                    exhausted = True
                    submit()
                    break
                if isinstance(job, Document):
                    batch.append((ordinal, job))
                    if len(batch) >= self.batch_size:
                        submit()
                else:
                    submit()
                    slots.append((None, (ordinal, job)))
            if not slots:
                if exhausted:
                    return
                submit()
                continue
            future, payload = slots.popleft()
            if future is None:
                yield payload  # type: ignore[misc]
                continue
            outstanding -= 1
            yield from self._collect(future, payload)  # type: ignore[arg-type]

    @staticmethod
    def _collect(future: Any, batch: list[tuple[int, Document]]) -> Iterator[tuple[int, Result]]:
        try:
            results: list[tuple[int, Result]] = future.result()
        except Exception as exc:  # noqa: BLE001 - a lost batch is quarantined, the run goes on
            reason = f"coding failed: dask task failed: {type(exc).__name__}: {exc}"[:500]
            results = [(o, CodingFailure(d.id, QuarantineItem(origin=d.origin or d.id, reason=reason)))
                       for o, d in batch]
        finally:
            future.release()
        if results and results[0][0] == _BUILD_FAILED:
            # every batch would fail alike: stop the run instead of quarantining the input
            raise build_failed(str(results[0][1]), where=" on a Dask worker")
        yield from results


def run_dask(
    inputs: Iterable[str | Path],
    pipeline: Pipeline,
    *,
    scheduler: str | None = None,
    client: Any = None,
    workers: int = 2,
    store: Store | None = None,
    resume: bool = False,
    total: int | None = None,
    factory: PipelineFactory | None = None,
    batch_size: int = 48,
    max_batches: int | None = None,
    parquet_dir: Path | None = None,
    on_events: Callable[[list[Event]], None] | None = None,
    on_quarantine: Callable[[QuarantineItem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    merge: bool = False,
) -> RunReport:
    """Code every input on a Dask cluster; same options and report as :func:`.local.run_local`.

    - ``client``: an existing ``distributed.Client`` (left open); else ``scheduler`` (an address)
      is connected to, else a LocalCluster of ``workers`` single-threaded processes is started.
    - ``parquet_dir``: also write each batch's events as a Parquet file there (on the workers).
    """
    from distributed import Client, LocalCluster
    owned: list[Any] = []
    try:
        if client is None:
            if scheduler:
                client = Client(scheduler)
            else:
                cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                       processes=True, dashboard_address=None)
                owned.append(cluster)
                client = Client(cluster)
            owned.insert(0, client)
        mapper = DaskMapper(client, pipeline.settings, factory=factory or type(pipeline),
                            batch_size=batch_size, max_batches=max_batches, parquet_dir=parquet_dir)
        return run_with(inputs, pipeline, mapper, store=store, resume=resume, total=total,
                        on_events=on_events, on_quarantine=on_quarantine, on_progress=on_progress,
                        merge=merge)
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler {scheduler!r}: {exc}", code="E153") from exc
    finally:
        for thing in owned:
            thing.close()
