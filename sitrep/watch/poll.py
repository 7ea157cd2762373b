"""One polling cycle: feeds -> new entries -> article pages -> main text -> coded, stored, alerted.

Every article URL is handled once (``watch_seen``), and the same text under another URL is
recognised by its content hash and not coded again. A feed's validators (ETag/Last-Modified) are
saved only once all its new entries are handled, so a stop or a transient article failure never
hides entries behind a later 304. Each source is isolated: its failures are counted in its status
and the other sources go on.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import date as Date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import SitrepError, StoreError
from ..ingest.formats import read_html, read_txt
from ..schema import Doc, Document, Event, QuarantineItem
from ..store import Store
from ..store import tables as store_tables
from .alerts import Alerter
from .config import Source, WatchConfig
from .errors import FetchError
from .fetch import Fetcher, FetchResult
from .pages import entry_date, to_utf8
from .state import FetchState, WatchState, content_hash
from .status import SourceOutcome, SourceStatus, read_status, record_outcomes

__all__ = ["Coder", "CycleReport", "Poller", "Writer", "merging_writer"]

#: Anything that codes a Document: a :class:`sitrep.Pipeline`, or a test double.
Coder = Callable[[Document], Doc]
#: Stores a coded document (and may merge its events into stored ones), like ``Store.add``.
Writer = Callable[[Doc], object]

_HTML_TYPES = frozenset({"", "text/html", "application/xhtml+xml", "application/xml", "text/xml"})
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5"


@dataclass
class CycleReport:
    """Counts for one poll over every source."""

    sources: int = 0
    resting: list[str] = field(default_factory=list)  # down sources waiting out their backoff
    feeds_not_modified: int = 0
    new_articles: int = 0  # articles coded and stored this poll
    duplicates: int = 0
    skipped: int = 0  # robots.txt, wrong type, too large, ...
    quarantined: int = 0
    errors: int = 0
    events: int = 0
    alerts: list[dict[str, Any]] = field(default_factory=list)
    stopped: bool = False
    duration: float = 0.0
    outcomes: list[SourceOutcome] = field(default_factory=list)
    delivery_failures: list[str] = field(default_factory=list)  # alert sinks that refused, this poll

    @property
    def down(self) -> list[str]:
        """Sources that answered nothing this poll (their errors) or rested after failing before."""
        return [o.name for o in self.outcomes if not o.fetched_ok and o.errors] + self.resting

    @property
    def all_down(self) -> bool:
        """No source answered: every polled source failed and the others are resting."""
        return bool(self.outcomes or self.resting) and len(self.down) == len(self.outcomes) + len(
            self.resting)


@dataclass
class _Tally:
    new: int = 0
    errors: int = 0
    error: str | None = None
    ok: bool = False

    def fail(self, reason: str) -> None:
        self.errors += 1
        self.error = reason


@dataclass(frozen=True)
class _Entry:
    url: str
    date: Date | None


def merging_writer(store: Store) -> Writer:
    """Store documents merging their events into matching stored ones (cross-report dedup),
    or plainly with ``store.add`` when this build has no store-side merging."""
    try:
        from ..store.merges import merge_into_store
    except ImportError:
        return store.add

    def write(doc: Doc) -> object:
        return merge_into_store(store, doc)

    return write


class Poller:
    """Polls the sources of a :class:`WatchConfig` into a :class:`Store`.

    Options (keyword-only): ``fetcher`` (built from ``config.fetch`` if absent); ``alerter``
    (built from ``config.alerts``); ``writer`` stores each coded document (default
    ``store.add``; :func:`merging_writer` merges its events into stored ones);
    ``today`` the date for articles that carry none; ``now`` the wall clock (source backoff);
    ``on_source`` called after each source with its outcome (the live table); ``log`` called
    with one line per notable happening.
    """

    def __init__(self, config: WatchConfig, store: Store, coder: Coder, *,
                 fetcher: Fetcher | None = None, alerter: Alerter | None = None,
                 writer: Writer | None = None, today: Callable[[], Date] | None = None,
                 on_source: Callable[[SourceOutcome], None] | None = None,
                 log: Callable[[str], None] | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        self.config = config
        self.store = store
        self.coder = coder
        self.state = WatchState(store.engine)
        self.fetcher = fetcher or Fetcher(config.fetch)
        self.alerter = alerter or Alerter(config.alerts, self.state, engine=store.engine)
        self.writer: Writer = writer or store.add
        self.now = now or (lambda: datetime.now(UTC))
        self.today = today or (lambda: self.now().date())
        self.on_source = on_source
        self.log = log or (lambda _line: None)
        self.status_every = 2.0  # seconds between status writes within a poll
        self._prior: dict[str, FetchState] = {}

    def close(self) -> None:
        self.fetcher.close()
        self.alerter.close()

    # -- cycle -----------------------------------------------------------------
    def poll(self, *, stop: threading.Event | None = None) -> CycleReport:
        """Poll every enabled source once. ``stop`` is checked between articles."""
        stop = stop or threading.Event()
        report = CycleReport()
        started = time.perf_counter()
        now = self.now()
        status = {s.name: s for s in read_status(self.store.engine)}
        sources = []
        for s in self.config.sources:
            if s.enabled and self._due(status.get(s.name), now):
                sources.append(s)
            elif s.enabled:
                report.resting.append(s.name)
        failures_before = len(self.alerter.failures)
        if self.alerter.rules:
            self.alerter.retry()  # sinks that failed at an earlier poll
        self._prior = self.state.fetch_states([u for s in sources for u in (*s.feeds, *s.urls)])
        pending: list[SourceOutcome] = []
        flushed = time.perf_counter()
        for source in sources:
            if stop.is_set():
                report.stopped = True
                break
            t0 = time.perf_counter()
            tally = _Tally()
            try:
                self._poll_source(source, tally, report, stop)
            except (SitrepError, SQLAlchemyError) as exc:
                tally.fail(f"{type(exc).__name__}: {exc}"[:300])
            except Exception as exc:  # noqa: BLE001 - one source's bug must not stop the others
                tally.fail(f"internal error {type(exc).__name__}: {exc}"[:300])
            outcome = SourceOutcome(name=source.name, new_articles=tally.new, errors=tally.errors,
                                    error=tally.error, fetched_ok=tally.ok,
                                    duration=time.perf_counter() - t0)
            report.sources += 1
            report.errors += tally.errors
            report.outcomes.append(outcome)
            pending.append(outcome)
            if time.perf_counter() - flushed > self.status_every:  # status rows: batched writes
                self._flush(pending)
                flushed = time.perf_counter()
            if self.on_source:
                self.on_source(outcome)
        self._flush(pending)
        report.delivery_failures = self.alerter.failures[failures_before:]
        report.stopped = report.stopped or stop.is_set()
        report.duration = time.perf_counter() - started
        return report

    def _due(self, status: SourceStatus | None, now: datetime) -> bool:
        """A source down for ``down_after`` polls rests: ``down_retry`` seconds, doubling, capped."""
        f = self.config.fetch
        if status is None or status.last_attempt is None or status.consecutive_failures < f.down_after:
            return True
        rest = min(f.down_retry * 2 ** (status.consecutive_failures - f.down_after), f.down_retry_max)
        return bool((now - status.last_attempt).total_seconds() >= rest)

    def _flush(self, pending: list[SourceOutcome]) -> None:
        try:
            record_outcomes(self.store.engine, pending, now=self.now())
        except SitrepError as exc:
            self.log(f"cannot record source status: {exc}")
        pending.clear()

    def _poll_source(self, source: Source, tally: _Tally, report: CycleReport,
                     stop: threading.Event) -> None:
        for feed in source.feeds:
            if stop.is_set():
                return
            self._poll_feed(source, feed, tally, report, stop)
        for url in source.urls:
            if stop.is_set():
                return
            self._poll_page(source, url, tally, report)

    # -- feeds -----------------------------------------------------------------
    def _poll_feed(self, source: Source, feed: str, tally: _Tally, report: CycleReport,
                   stop: threading.Event) -> None:
        import feedparser

        prior = self._prior.get(feed) or self.state.fetch_state(feed)
        try:
            res = self.fetcher.fetch(feed, etag=prior.etag, last_modified=prior.last_modified,
                                     accept=_FEED_ACCEPT, allow_private=source.allow_private)
        except FetchError as exc:
            self._fetch_failed(source, feed, exc, tally)
            return
        if res.not_modified:
            tally.ok = True
            report.feeds_not_modified += 1
            if prior.last_error:  # a quiet 304 writes nothing
                self.state.save_fetch(feed, status=304)
            return
        # a stream, never bytes or str: feedparser opens those as a path or URL when they look like one
        parsed = feedparser.parse(io.BytesIO(res.content))
        entries: list[_Entry] = []
        for entry in parsed.entries:
            link = (entry.get("link") or "").strip()
            if not link.startswith(("http://", "https://")):
                ident = str(entry.get("id") or "")
                link = ident if ident.startswith(("http://", "https://")) else ""
            if link:
                entries.append(_Entry(link, entry_date(entry)))
        if not entries and (parsed.get("bozo") or not parsed.get("version") or parsed.entries):
            reason = f"malformed feed: {parsed.get('bozo_exception') or 'not RSS/Atom'}"[:300]
            if parsed.entries and not parsed.get("bozo"):
                reason = f"{len(parsed.entries)} feed entries, none with an http(s) link"
            tally.fail(reason)
            self.log(f"{source.name}: {feed}: {reason}")
            self.state.save_fetch(feed, status=res.status, error=reason)
            return
        tally.ok = True  # the feed answered and parsed
        seen = self.state.seen_urls([e.url for e in entries])
        fresh = list({e.url: e for e in entries if e.url not in seen}.values())
        complete = len(fresh) <= source.max_articles
        for entry in fresh[:source.max_articles]:
            if stop.is_set():
                complete = False
                break
            if not self._article(source, entry.url, entry.date, tally, report):
                complete = False
        # validators only once nothing is left behind: a 304 must never hide an entry
        if complete:
            changed = (res.etag, res.last_modified) != (prior.etag, prior.last_modified)
            if fresh or prior.last_error or changed:  # a quiet poll writes nothing
                self.state.save_fetch(feed, status=res.status, etag=res.etag, last_modified=res.last_modified)
        else:
            self.state.save_fetch(feed, status=res.status)

    def _fetch_failed(self, source: Source, url: str, exc: FetchError, tally: _Tally) -> None:
        tally.fail(exc.reason)
        self.log(f"{source.name}: {url}: {exc.reason}")
        self.state.save_fetch(url, status=None, error=exc.reason)

    # -- pages -----------------------------------------------------------------
    def _poll_page(self, source: Source, url: str, tally: _Tally, report: CycleReport) -> None:
        """A plain URL: fetched conditionally each poll; coded again only when its text changed."""
        prior = self._prior.get(url) or self.state.fetch_state(url)
        try:
            res = self.fetcher.fetch(url, etag=prior.etag, last_modified=prior.last_modified,
                                     accept=_PAGE_ACCEPT, allow_private=source.allow_private)
        except FetchError as exc:
            self._fetch_failed(source, url, exc, tally)
            return
        tally.ok = True
        if res.not_modified:
            if prior.last_error:
                self.state.save_fetch(url, status=304)
            return
        digest = self._handle_page(source, url, res, None, tally, report, known=prior.content_hash)
        if digest is not None:
            self.state.save_fetch(url, status=res.status, etag=res.etag,
                                  last_modified=res.last_modified, content_hash=digest)

    def _article(self, source: Source, url: str, date: Date | None, tally: _Tally,
                 report: CycleReport) -> bool:
        """Fetch and handle one feed entry; False when it should be tried again next poll."""
        try:
            res = self.fetcher.fetch(url, accept=_PAGE_ACCEPT, allow_private=source.allow_private)
        except FetchError as exc:
            tally.fail(exc.reason)
            self.log(f"{source.name}: {url}: {exc.reason}")
            if exc.permanent:
                report.skipped += 1
                self.state.mark_seen(url, source=source.name, status="skipped", reason=exc.reason)
                return True
            return False
        self._handle_page(source, url, res, date, tally, report, known=None)
        return True

    def _handle_page(self, source: Source, url: str, res: FetchResult, date: Date | None,
                     tally: _Tally, report: CycleReport, *, known: str | None) -> str | None:
        """Extract, dedupe, code, store, alert. Returns the content hash when the text was read."""
        media = res.media_type
        if media not in _HTML_TYPES and media != "text/plain":
            reason = f"not an article (content type {media})"
            tally.fail(reason)
            report.skipped += 1
            self.state.mark_seen(url, source=source.name, status="skipped", reason=reason)
            return None
        reader = read_txt if media == "text/plain" else read_html
        items = list(reader(to_utf8(res), origin=url, default_date=date or self.today()))
        item = items[0] if items else QuarantineItem(origin=url, reason="nothing extracted")
        if isinstance(item, QuarantineItem):
            tally.fail(item.reason)
            report.quarantined += 1
            self.store.quarantine(item)
            self.state.mark_seen(url, source=source.name, status="quarantined", reason=item.reason)
            self.log(f"{source.name}: {url}: {item.reason}")
            return None
        digest = content_hash(item.text)
        if digest == known:
            return digest
        document = item.model_copy(update={
            "source": source.name, "url": url, "origin": f"watch:{source.name}",
            "language": item.language or source.language, "country": item.country or source.country})
        if self.state.content_seen(digest) is not None or self.store.has_document(document.id):
            report.duplicates += 1
            self.state.mark_seen(url, source=source.name, status="duplicate", content_hash=digest,
                                 doc_id=document.id)
            self._alert(self._events_of(document.id), report)
            return digest
        doc = self._code(document)
        if isinstance(doc, QuarantineItem):
            tally.fail(doc.reason)
            report.quarantined += 1
            self.store.quarantine(doc)
            self.state.mark_seen(url, source=source.name, status="quarantined", content_hash=digest,
                                 reason=doc.reason)
            return digest
        try:
            self.writer(doc)
        except StoreError as exc:  # e.g. an event id clash: keep the article aside, never re-code it
            item = QuarantineItem(origin=url, reason=f"cannot store: {exc.message}"[:500])
            tally.fail(item.reason)
            report.quarantined += 1
            self.store.quarantine(item)
            self.state.mark_seen(url, source=source.name, status="quarantined", content_hash=digest,
                                 reason=item.reason)
            return digest
        self.state.mark_seen(url, source=source.name, status="stored", content_hash=digest,
                             doc_id=document.id)
        tally.new += 1
        report.new_articles += 1
        report.events += len(doc.events)
        self._alert(self._events_of(document.id) if doc.events else [], report)
        return digest

    def _code(self, document: Document) -> Doc | QuarantineItem:
        try:
            return self.coder(document)
        except Exception as exc:  # noqa: BLE001 - a stage failing on one article must not stop the watcher
            return QuarantineItem(origin=document.url or document.id,
                                  reason=f"coding failed: {type(exc).__name__}: {exc}"[:500])

    def _events_of(self, doc_id: str) -> list[Event]:
        """Stored events this document is a source of (its own, and those it was merged into)."""
        ev, links = store_tables.events, store_tables.event_documents
        q = (select(ev.c.data).join(links, links.c.event_pk == ev.c.id)
             .where(links.c.doc_id == doc_id).order_by(ev.c.id))
        with self.store.engine.connect() as conn:
            return [Event.model_validate(row[0]) for row in conn.execute(q)]

    def _alert(self, events: list[Event], report: CycleReport) -> None:
        if events and self.alerter.rules:
            report.alerts.extend(self.alerter.process(events))
