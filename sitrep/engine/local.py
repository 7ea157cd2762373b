"""Local streaming runner: documents in, events out, quarantine for the unreadable."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SitrepError
from ..ingest import read_inputs
from ..pipeline import Pipeline
from ..schema import Doc, Document, Event, QuarantineItem
from ..store import Store

__all__ = ["RunReport", "run_local"]


@dataclass
class RunReport:
    documents: int = 0
    events: int = 0
    stored: int = 0
    skipped_existing: int = 0
    quarantined: list[QuarantineItem] = field(default_factory=list)
    unsupported: int = 0


def _process(pipeline: Pipeline, document: Document) -> Doc | QuarantineItem:
    try:
        return pipeline(document)
    except SitrepError as exc:
        return QuarantineItem(origin=document.origin or document.id, reason=f"coding failed: {exc}")
    except (ValueError, RecursionError, MemoryError) as exc:
        return QuarantineItem(origin=document.origin or document.id,
                              reason=f"coding failed: {type(exc).__name__}: {exc}"[:500])


def run_local(
    inputs: Iterable[str | Path],
    pipeline: Pipeline,
    *,
    store: Store | None = None,
    on_events: Callable[[list[Event]], None] | None = None,
    on_quarantine: Callable[[QuarantineItem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RunReport:
    """Code every input; each document is isolated from the others' failures."""
    report = RunReport()
    for item in read_inputs(inputs, default_date=pipeline.settings.date):
        if isinstance(item, QuarantineItem):
            report.quarantined.append(item)
            if store is not None:
                store.quarantine(item)
            if on_quarantine:
                on_quarantine(item)
            continue
        report.documents += 1
        if store is not None and store.has_document(item.id):
            report.skipped_existing += 1
            if on_events:
                from ..store import EventFilter

                stored = list(store.iter_events(EventFilter(doc_id=item.id)))
                if stored:
                    on_events(stored)
            if on_progress:
                on_progress(report.documents)
            continue
        result = _process(pipeline, item)
        if isinstance(result, QuarantineItem):
            report.quarantined.append(result)
            if store is not None:
                store.quarantine(result)
            if on_quarantine:
                on_quarantine(result)
            continue
        if any(n.startswith("unsupported language") for n in result.notes):
            report.unsupported += 1
        report.events += len(result.events)
        if store is not None and store.add(result):
            report.stored += 1
        if on_events and result.events:
            on_events(result.events)
        if on_progress:
            on_progress(report.documents)
    return report
