"""Light pipeline, consistency checks and a kill-able writer for the hardening tests and stress.

:class:`RichFakePipeline` is :class:`tests.engine.fakes.FakePipeline` with evidence and a claim
on every event, so that a half-written document would show up as orphan rows.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from sitrep.config import Settings
from sitrep.registry import Stage
from sitrep.schema import Claim, Doc, Evidence
from sitrep.store import Store
from sitrep.store import tables as t
from tests.engine.fakes import FakePipeline, FakeStage

__all__ = ["Consistency", "RichFakePipeline", "check_store", "child_pids", "main"]


class _RichStage(FakeStage):
    def __call__(self, doc: Doc) -> Doc:
        doc = super().__call__(doc)
        for event in doc.events:
            start = doc.text.find("clash")
            event.evidence = [Evidence(doc_id=doc.document.id, field="trigger", start=start,
                                       end=start + 5, text="clash")]
            event.claims = [Claim(quantity="killed", low=1, high=2, claimant_chain=["Desk"],
                                  sentence=event.notes or "", doc_id=doc.document.id)]
        return doc


class RichFakePipeline(FakePipeline):
    """One event per "clash" line, each with one evidence span and one claim."""

    @property
    def stages(self) -> list[tuple[str, Stage]]:
        if self._stages is None:
            self._stages = [("fake.rich.v1", _RichStage())]
        return self._stages


@dataclass
class Consistency:
    """What a store holds, and every way it breaks the invariants (``problems`` empty = clean)."""

    documents: int = 0
    events: int = 0
    per_document: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def check_store(store: Store) -> Consistency:
    """Count rows and look for duplicates, orphans and half-written documents."""
    out = Consistency()
    e, d = t.events.c, t.documents.c
    with store.engine.connect() as conn:
        out.documents = int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())
        out.events = int(conn.execute(select(func.count()).select_from(t.events)).scalar_one())
        dup = conn.execute(select(e.event_id_cnty).group_by(e.event_id_cnty)
                           .having(func.count() > 1)).scalars().all()
        if dup:
            out.problems.append(f"duplicated event ids: {dup[:5]}")
        orphan_events = conn.execute(select(func.count()).select_from(t.events).where(
            ~e.doc_id.in_(select(d.id)))).scalar_one()
        for table in (t.evidence, t.claims, t.event_documents):
            orphans = conn.execute(select(func.count()).select_from(table).where(
                ~table.c.event_pk.in_(select(e.id)))).scalar_one()
            if orphans:
                out.problems.append(f"{orphans} {table.name} rows without their event")
        if orphan_events:
            out.problems.append(f"{orphan_events} events without their document")
        counted: dict[str, int] = dict(
            conn.execute(select(e.doc_id, func.count()).group_by(e.doc_id)).all())
        for doc_id, n_events in conn.execute(select(d.id, d.n_events)):
            out.per_document[doc_id] = int(counted.get(doc_id, 0))
            if int(counted.get(doc_id, 0)) != int(n_events):
                out.problems.append(f"document {doc_id}: {counted.get(doc_id, 0)} events stored, "
                                    f"{n_events} coded (half-written)")
        for label, table in (("evidence", t.evidence), ("claims", t.claims)):
            n = conn.execute(select(func.count()).select_from(table)).scalar_one()
            if n != out.events:
                out.problems.append(f"{n} {label} rows for {out.events} events")
    return out


def child_pids(pid: int) -> list[int]:
    """Direct children of ``pid`` (from /proc; empty where /proc is absent)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.parent.name))
    return found


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.hardening.fakes CORPUS DB_URL WORKERS``: a resumable run to be killed.

    Prints ``ready`` once imports are done and the store is open, then codes and stores.
    """
    from sitrep.engine import run_local
    from sitrep.store import open_store

    corpus, db_url, workers = (argv or sys.argv[1:])[:3]
    store = open_store(db_url)
    print("ready", os.getpid(), flush=True)
    try:
        run_local([corpus], RichFakePipeline(Settings()), store=store, resume=True,
                  workers=int(workers), batch_size=4)
    finally:
        store.dispose()
    print("finished", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
