"""Worker processes that race each other on one database (importable under ``spawn``).

Each worker waits on a shared barrier so that all start their work at the same moment, then puts
``(name, "ok" | error text)`` on a queue. Used by the migration and merge concurrency tests and by
``benchmarks/bench_hardening.py``.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.config import Settings
from sitrep.pipeline import Pipeline
from sitrep.registry import Stage
from sitrep.schema import Claim, Doc, Evidence
from tests.helpers import make_event

__all__ = ["IncidentPipeline", "incident_corpus", "incident_doc", "race", "run_merge_writer", "run_open_store"]

#: Places of the hand-built incidents: (location, latitude, longitude), far enough apart never to match.
_PLACES = [("Menyan", 36.2167, 37.0833), ("Idlib", 35.93, 36.63), ("Daraa", 32.62, 36.10),
           ("Deir ez-Zor", 35.33, 40.14), ("Homs", 34.73, 36.72), ("Raqqa", 35.95, 39.01)]


class _IncidentStage:
    """Events from lines ``incident K FATALITIES``: one event per line, at incident K's place."""

    def __call__(self, doc: Doc) -> Doc:
        doc_id = doc.document.id
        events = []
        for i, line in enumerate(ln for ln in doc.text.splitlines() if ln.startswith("incident ")):
            _, k, fat = line.split()
            place, lat, lon = _PLACES[int(k) % len(_PLACES)]
            day = date(2016, 11, 3 + 7 * (int(k) // len(_PLACES)))  # at most 18 incidents
            events.append(make_event(
                event_id_cnty=f"SYR-{doc_id}-{i}", doc_id=doc_id, doc_ids=[doc_id], location=place,
                admin1=place, latitude=lat, longitude=lon, event_date=day, date_start=day, date_end=day,
                fatalities=int(fat), fatalities_low=int(fat), fatalities_best=int(fat),
                fatalities_high=int(fat), source=doc.document.source or "Desk", notes=line,
                evidence=[Evidence(doc_id=doc_id, field="trigger", start=0, end=8, text="incident")],
                claims=[Claim(quantity="killed", low=int(fat), high=int(fat), claimant_chain=["Desk"],
                              sentence=line, doc_id=doc_id)]))
        doc.events = events
        return doc


class IncidentPipeline(Pipeline):
    """A model-free pipeline whose events come from ``incident K N`` lines (see ``incident_corpus``)."""

    @property
    def stages(self) -> list[tuple[str, Stage]]:
        if self._stages is None:
            self._stages = [("test.incident.v1", _IncidentStage())]
        return self._stages


def incident_doc(doc_id: str, *incidents: int, source: str = "Desk") -> Doc:
    """A coded document reporting ``incidents`` (as the pipeline would code it)."""
    from sitrep.schema import Document

    text = "\n".join(f"incident {k} {3 + len(doc_id)}" for k in incidents)
    return _IncidentStage()(Doc(document=Document(id=doc_id, text=text, date=date(2016, 11, 4),
                                                  source=source)))


def incident_corpus(folder: Path, *, incidents: int, reports: int) -> dict[int, list[str]]:
    """Write ``incidents x reports`` documents as JSONL files, one per writer order.

    Report ``r`` of incident ``k`` is document ``k-r``; every third document also reports incident
    ``k + 1`` (a document with two events). Returns incident -> the documents that report it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    wanted: dict[int, list[str]] = {k: [] for k in range(incidents)}
    docs: list[dict[str, Any]] = []
    for k in range(incidents):
        for r in range(reports):
            doc_id = f"d{k}-{r}"
            lines = [f"incident {k} {2 + r}"]
            wanted[k].append(doc_id)
            if (k * reports + r) % 3 == 0 and k + 1 < incidents:
                lines.append(f"incident {k + 1} {3 + r}")
                wanted[k + 1].append(doc_id)
            docs.append({"id": doc_id, "text": "\n".join(lines), "date": "2016-11-04",
                         "source": f"Outlet {r}"})
    (folder / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return wanted


def _writer_input(corpus: Path, order: int) -> Path:
    """The corpus in a writer's own order (rotated and, for odd writers, reversed)."""
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    shift = (order * len(lines)) // 4 % max(len(lines), 1)
    mine = lines[shift:] + lines[:shift]
    if order % 2:
        mine.reverse()
    path = corpus.parent / f"writer-{order}.jsonl"
    path.write_text("".join(mine), encoding="utf-8")
    return path


def run_open_store(url: str, barrier: Any, queue: Any, name: str) -> None:
    """Open (and migrate) the store at ``url`` once the barrier lets go."""
    try:
        from sitrep.store import open_store

        barrier.wait(timeout=60)
        store = open_store(url)
        store.dispose()
        queue.put((name, "ok"))
    except BaseException:  # noqa: BLE001 - reported to the parent, which fails the test
        queue.put((name, traceback.format_exc()))


def run_merge_writer(url: str, barrier: Any, queue: Any, name: str, corpus: str, order: int) -> None:
    """Run the extract-with-merge path (``run_local(..., merge=True)``) on the corpus, in own order."""
    try:
        from sitrep.engine import run_local
        from sitrep.store import open_store

        path = _writer_input(Path(corpus), order)
        store = open_store(url)
        barrier.wait(timeout=60)
        try:
            run_local([path], IncidentPipeline(Settings()), store=store, merge=True)
        finally:
            store.dispose()
        queue.put((name, "ok"))
    except BaseException:  # noqa: BLE001 - reported to the parent, which fails the test
        queue.put((name, traceback.format_exc()))


def race(target: Callable[..., None], n: int, *args: Any, timeout: float = 120) -> dict[str, str]:
    """Start ``n`` spawned processes of ``target(*args[:2]..., name, *rest)`` together; their outcomes."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(n)
    queue = ctx.Queue()
    url, *rest = args
    procs = [ctx.Process(target=target, args=(url, barrier, queue, f"p{i}", *_each(rest, i)))
             for i in range(n)]
    return collect(procs, queue, timeout)


def collect(procs: list[Any], queue: Any, timeout: float) -> dict[str, str]:
    """Start the processes, gather each one's (name, outcome) from ``queue``, and always reap them."""
    for p in procs:
        p.start()
    outcomes: dict[str, str] = {}
    try:
        for _ in procs:
            name, outcome = queue.get(timeout=timeout)
            outcomes[name] = outcome
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
                p.join()
    return outcomes


def _each(rest: Sequence[Any], i: int) -> list[Any]:
    """Per-process arguments: a callable in ``rest`` is called with the process index."""
    return [a(i) if callable(a) else a for a in rest]
