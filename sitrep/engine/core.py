"""What every engine shares: the job stream (with resume/skip decisions) and the result sink.

An engine is a *mapper*: it takes ``(ordinal, job)`` pairs in input order and yields
``(ordinal, result)`` pairs in the same order. Only :class:`~sitrep.schema.Document` jobs are
coded; anything else (reader quarantine items, :class:`Skipped` markers) passes through untouched,
so output order never depends on how many processes did the work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..errors import ResourceError, SitrepError, StoreError
from ..ingest import read_inputs
from ..ingest.validate import printable
from ..pipeline import Pipeline
from ..schema import Doc, Document, Event, QuarantineItem
from .ids import DocumentIds
from .outcomes import Reconciler, no_event_reason

if TYPE_CHECKING:
    from ..store import Store
    from .resume import RunLedger

__all__ = [
    "DUPLICATE_REASON", "CodingFailure", "Job", "Mapper", "PipelineFactory", "Result", "RunReport",
    "Skipped", "build_failed", "build_stages", "code_document", "consume", "document_quarantine",
    "plan_jobs", "slim",
]  # fmt: skip

#: Builds a pipeline in a worker; must be picklable (a module-level callable, e.g. ``Pipeline``).
PipelineFactory = Callable[[Settings], Pipeline]


@dataclass(frozen=True)
class Skipped:
    """A document not coded again: already stored, or finished by an earlier attempt of this run."""

    ordinal: int
    doc_id: str | None
    reason: str  # "stored" | "resumed"


@dataclass(frozen=True)
class CodingFailure:
    """A readable document whose coding failed (exception, or its worker process died)."""

    doc_id: str
    item: QuarantineItem


Job = Document | QuarantineItem | Skipped
Result = Doc | QuarantineItem | Skipped | CodingFailure
Mapper = Callable[[Iterable[tuple[int, Job]]], Iterator[tuple[int, Result]]]


@dataclass
class RunReport:
    documents: int = 0
    events: int = 0
    stored: int = 0
    skipped_existing: int = 0
    resumed: int = 0
    quarantined: list[QuarantineItem] = field(default_factory=list)
    unsupported: int = 0
    run_id: str | None = None
    #: outcome of each input item: "events", "no event", "quarantined", "skipped" -> count
    outcomes: dict[str, int] = field(default_factory=dict)
    no_event_reasons: dict[str, int] = field(default_factory=dict)
    #: ordinals of input items that ended with no outcome at all (should be empty)
    unaccounted: list[int] = field(default_factory=list)
    #: documents whose events carry no date (no publication date, none stated in the text)
    undated: int = 0
    #: documents kept under a new id because a different text held theirs (:mod:`.ids`)
    renamed: int = 0
    #: the first few of those renames, ``(old id, new id)``, for the summary
    renames: list[tuple[str, str]] = field(default_factory=list)


def _where(doc: Document) -> tuple[str, int | None]:
    """(file, line) of a document from its origin (``path:12`` for a JSONL line or CSV row)."""
    origin = doc.origin or doc.id
    head, sep, tail = origin.rpartition(":")
    return (head, int(tail)) if sep and tail.isdigit() else (origin, None)


def document_quarantine(doc: Document, reason: str) -> QuarantineItem:
    """A quarantine item for a readable document refused later (duplicate id, storage)."""
    origin, line = _where(doc)
    return QuarantineItem(origin=printable(origin, 10_000), line=line,
                          reason=printable(f"document {doc.id!r}: {reason}", 2000),
                          raw=printable(doc.text))


#: A document whose id another writer stored, with a different text, while this run coded it (a
#: duplicate id *planned* in this run is renamed instead, :mod:`.ids`); run again, it is renamed.
DUPLICATE_REASON = ("duplicate id with different text, stored meanwhile by another writer "
                    "(the stored document keeps its text; run again to keep this one under a new id)")


def build_failed(reason: str, *, where: str = "") -> ResourceError:
    """The error that stops a run whose pipeline cannot be built (E322)."""
    return ResourceError(f"the pipeline could not be built{where}, so no document was coded: "
                         f"{reason}"[:1000], code="E322")


def build_stages(pipeline: Pipeline) -> None:
    """Build every stage now, before the first document is coded.

    Why: a stage that fails to import or load fails every document alike; caught per document,
    it would quarantine the whole input as "coding failed" and exit 0. Built here, it stops the
    run with one clear error (a SitrepError from a stage, e.g. an unknown stage, passes as is).
    """
    try:
        _ = pipeline.stages
    except SitrepError:
        raise
    except Exception as exc:  # noqa: BLE001 - any import/load failure is the run's, not a document's
        raise build_failed(f"{type(exc).__name__}: {exc}") from exc


def code_document(pipeline: Pipeline, document: Document) -> Doc | CodingFailure:
    """Run the pipeline on one document; any exception becomes a quarantine item for it.

    The pipeline's stages must be built already (:func:`build_stages`): a failure here is this
    document's alone."""
    try:
        return pipeline(document)
    except Exception as exc:  # noqa: BLE001 - per-document isolation: one bad report never stops a run
        reason = f"coding failed: {type(exc).__name__}: {exc}"[:500]
        return CodingFailure(document.id, QuarantineItem(origin=document.origin or document.id,
                                                         reason=reason))


def slim(result: Doc | CodingFailure) -> Doc | CodingFailure:
    """Drop what the sink does not need (parses, mentions) before crossing a process boundary."""
    if isinstance(result, CodingFailure):
        return result
    return Doc(document=result.document, language=result.language, events=result.events,
               notes=result.notes, country_hint=result.country_hint)


def plan_jobs(
    inputs: Iterable[str | Path],
    *,
    settings: Settings,
    store: Store | None = None,
    ledger: RunLedger | None = None,
    ids: DocumentIds | None = None,
) -> Iterator[tuple[int, Job]]:
    """Read inputs lazily and number them; mark what need not be coded again.

    Each document gets the id it is kept under first (``ids``, by default a fresh
    :class:`~.ids.DocumentIds` over ``store``): a document whose id a different text holds, in
    the store or earlier in this run, is renamed here, before coding. Pass the same ``ids`` to
    :func:`consume` so the rename's note reaches the document and the report."""
    ids = ids if ids is not None else DocumentIds(store)
    items = read_inputs(inputs, default_date=settings.date, max_bytes=settings.max_document_bytes)
    for ordinal, item in enumerate(items):
        if isinstance(item, Document):
            item, stored = ids.assign(ordinal, item)
            if ledger is not None and ledger.is_done(ordinal, item.id):
                # quarantined by an earlier attempt (its events could not be stored, or an old
                # duplicate id): there are no stored events of its own to write out again
                kept = None if ordinal in ledger.quarantined else item.id
                yield ordinal, Skipped(ordinal, kept, "resumed")
                continue
            if stored:
                yield ordinal, Skipped(ordinal, item.id, "stored")
                continue
        yield ordinal, item


def in_process(pipeline: Pipeline) -> Mapper:
    """The single-process mapper: code each document in this process, in order.

    The stages are built when the first document arrives (a run with nothing to code loads no
    model); if they cannot be, the run stops (:func:`build_stages`)."""

    def mapper(jobs: Iterable[tuple[int, Job]]) -> Iterator[tuple[int, Result]]:
        built = False
        for ordinal, job in jobs:
            if isinstance(job, Document):
                if not built:
                    build_stages(pipeline)
                    built = True
                yield ordinal, code_document(pipeline, job)
            else:
                yield ordinal, job

    return mapper


def _write(store: Store, doc: Doc, *, merge: bool) -> bool | QuarantineItem:
    """Store one coded document: True if written, False if already stored with the same text,
    or the quarantine item for a document the database refuses (the run goes on)."""
    from ..store.repository import is_document_error

    try:
        if not merge:
            written = store.add(doc)
        else:
            from ..store.merges import merge_into_store

            written = merge_into_store(store, doc).skipped_existing == 0
    except StoreError as exc:
        if not is_document_error(exc):
            raise  # the database itself failed: stopping is the truthful outcome
        return document_quarantine(doc.document, f"storage failed: {exc.message}")
    if written:
        return True
    stored = store.stored_text(doc.document.id)
    if stored is not None and stored != doc.document.text:
        return document_quarantine(doc.document, DUPLICATE_REASON)
    return False


def report_order(event: Event) -> tuple[str, int, str]:
    """The order a merging run writes a document's events in, the same whether they were just
    coded or come back from the store: date, then where the trigger stands in the text."""
    trigger = next((ev.start for ev in event.evidence if ev.field == "trigger"), -1)
    return (event.event_date.isoformat() if event.event_date else "", trigger, event.event_id_cnty or "")


def _undated(doc: Doc) -> bool:
    return any(e.event_date is None for e in doc.events)


def consume(
    results: Iterable[tuple[int, Result]],
    *,
    store: Store | None = None,
    ledger: RunLedger | None = None,
    on_events: Callable[[list[Event]], None] | None = None,
    on_quarantine: Callable[[QuarantineItem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    merge: bool = False,
    reconciler: Reconciler | None = None,
    ids: DocumentIds | None = None,
) -> RunReport:
    """Write results back: store, checkpoint, callbacks. Single writer, in the calling process.

    With ``merge``, each document's events are merged into matching stored events of other
    reports (:func:`sitrep.store.merges.merge_into_store`) instead of stored side by side.
    A document the database refuses (a constraint its events break) is quarantined with the
    reason and the run goes on; a failing database stops it. With ``reconciler`` (which saw the
    jobs planned), items that never came back are listed in ``RunReport.unaccounted``. With
    ``ids`` (the one :func:`plan_jobs` used), a renamed document gets its note and is counted.
    """
    report = RunReport(run_id=ledger.run_id if ledger is not None else None)
    tally = reconciler or Reconciler()

    def quarantined(ordinal: int, item: QuarantineItem, doc_id: str | None) -> None:
        report.quarantined.append(item)
        if store is not None:
            store.quarantine(item)
        if on_quarantine:
            on_quarantine(item)
        if ledger is not None:
            ledger.mark(ordinal, doc_id=doc_id, status="quarantined", n_events=0)
        tally.settle(ordinal, "quarantined")

    for handled, (ordinal, result) in enumerate(results, start=1):
        rename = ids.take(ordinal) if ids is not None else None
        if rename is not None:
            report.renamed += 1
            if len(report.renames) < 5:
                report.renames.append((rename.old, rename.new))
            if isinstance(result, Doc):
                result.notes.insert(0, rename.note)
        if isinstance(result, QuarantineItem | CodingFailure):
            item = result.item if isinstance(result, CodingFailure) else result
            doc_id = result.doc_id if isinstance(result, CodingFailure) else None
            report.documents += doc_id is not None
            quarantined(ordinal, item, doc_id)
        elif isinstance(result, Skipped):
            report.documents += 1
            if result.reason == "resumed":
                report.resumed += 1
            else:
                report.skipped_existing += 1
            if ledger is not None and result.reason != "resumed":
                ledger.mark(ordinal, doc_id=result.doc_id, status="stored", n_events=0)
            tally.settle(ordinal, "skipped")
            if on_events and store is not None and result.doc_id is not None:
                from ..store import EventFilter

                if merge:  # its own reports, not the merged events other documents joined
                    from ..store.merges import document_reports

                    stored = sorted(document_reports(store, result.doc_id), key=report_order)
                else:
                    stored = list(store.iter_events(EventFilter(doc_id=result.doc_id)))
                if stored:
                    on_events(stored)
        else:
            report.documents += 1
            written = _write(store, result, merge=merge) if store is not None else True
            if isinstance(written, QuarantineItem):
                quarantined(ordinal, written, result.document.id)
                if on_progress:
                    on_progress(handled)
                continue
            if written and store is not None:
                report.stored += 1
            elif not written:
                report.skipped_existing += 1
            if any(n.startswith("unsupported language") for n in result.notes):
                report.unsupported += 1
            report.events += len(result.events)
            report.undated += _undated(result)
            if ledger is not None:
                ledger.mark(ordinal, doc_id=result.document.id, status="done",
                            n_events=len(result.events))
            if result.events:
                tally.settle(ordinal, "events")
            else:
                tally.settle(ordinal, "no event", no_event_reason(result))
            if on_events and result.events:
                on_events(sorted(result.events, key=report_order) if merge and store is not None
                          else result.events)
        if on_progress:
            on_progress(handled)
    if ledger is not None:
        ledger.finish()
    report.outcomes = dict(tally.outcomes)
    report.no_event_reasons = dict(tally.no_event_reasons)
    report.unaccounted = tally.missing() if reconciler is not None else []
    return report
