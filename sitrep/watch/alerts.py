"""Alert rules over coded events: match, fire once per (rule, event), deliver to sinks.

An event fires a rule when it first matches it; it fires that rule again only when it has grown
(more fatalities or more sources) and the rule says ``on_growth``. What was fired is kept in
``watch_alerts`` *before* delivery, so a restart never re-alerts; a sink that failed (a webhook
that is down) is recorded on the row and tried again at the next polls, up to ``max_attempts``
deliveries, the sinks that succeeded never again.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TextIO

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from ..schema import Event
from ..store import tables as store_tables
from .config import (
    AlertRule,
    FileSink,
    Sink,
    StdoutSink,
    WebhookSink,
    default_user_agent,
)
from .errors import DeliveryError
from .state import WatchState

__all__ = ["Alerter", "alert_payload", "event_key", "rule_matches"]

_EVENT_FIELDS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                 "assoc_actor_1", "assoc_actor_2", "country", "admin1", "admin2", "location",
                 "latitude", "longitude", "fatalities", "fatalities_low", "fatalities_high",
                 "civilian_targeting", "notes", "confidence")


def event_key(event: Event) -> str:
    if event.event_id_cnty:
        return event.event_id_cnty
    basis = json.dumps([event.doc_id, event.event_date and event.event_date.isoformat(),
                        event.sub_event_type, event.location, event.actor1], sort_keys=True)
    return "anon:" + hashlib.sha1(basis.encode()).hexdigest()[:16]


def _eq(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip().casefold() == b.strip().casefold()


def rule_matches(rule: AlertRule, event: Event) -> bool:
    """Every criterion the rule gives must hold (lists: any element)."""
    if rule.bbox is not None:
        x0, y0, x1, y1 = rule.bbox
        if event.latitude is None or event.longitude is None:
            return False
        if not (x0 <= event.longitude <= x1 and y0 <= event.latitude <= y1):
            return False
    if rule.areas and not any(
        all(_eq(want, getattr(event, level)) for level, want in area.model_dump().items() if want)
        for area in rule.areas
    ):
        return False
    if rule.event_types and not any(_eq(t, event.event_type) or _eq(t, event.sub_event_type)
                                    for t in rule.event_types):
        return False
    if rule.min_fatalities is not None and (event.fatalities or 0) < rule.min_fatalities:
        return False
    if rule.actors:
        names = " | ".join(a for a in (event.actor1, event.actor2, event.assoc_actor_1,
                                       event.assoc_actor_2) if a).casefold()
        if not any(a.casefold() in names for a in rule.actors):
            return False
    return True


def _doc_ids(event: Event) -> list[str]:
    return list(dict.fromkeys([*(event.doc_ids or []), *([event.doc_id] if event.doc_id else [])]))


def alert_payload(rule: AlertRule, event: Event, *, kind: str, sources: list[dict[str, Any]],
                  fired_at: datetime) -> dict[str, Any]:
    """The alert as sent: the event, its sources (outlet, URL, title) and its evidence spans."""
    data = event.model_dump(mode="json")
    return {
        "alert": rule.name,
        "kind": kind,  # "new" | "grown"
        "fired_at": fired_at.isoformat(),
        "event_key": event_key(event),
        "event": {k: data[k] for k in _EVENT_FIELDS},
        "sources": sources,
        "evidence": data["evidence"],
        "summary": _summary(event, len(sources)),
    }


def _summary(event: Event, n_sources: int) -> str:
    where = ", ".join(p for p in (event.location, event.admin1, event.country) if p) or "unknown place"
    who = " vs ".join(a for a in (event.actor1, event.actor2) if a) or "unknown actors"
    deaths = f", {event.fatalities} killed" if event.fatalities else ""
    return (f"{event.event_date or 'undated'} {event.sub_event_type or event.event_type} in {where} "
            f"({who}){deaths}; {n_sources} source(s)")


class Alerter:
    """Evaluate rules on new or grown events and deliver each alert once.

    Options (keyword-only): ``engine`` the store's engine, to name each event's sources;
    ``http`` client for webhooks (built lazily); ``stdout`` stream for stdout sinks;
    ``max_attempts`` deliveries tried per alert before a failing sink is given up.
    """

    def __init__(self, rules: list[AlertRule], state: WatchState, *, engine: Engine | None = None,
                 http: httpx.Client | None = None, stdout: TextIO | None = None,
                 max_attempts: int = 5) -> None:
        self.rules = rules
        self.state = state
        self.engine = engine if engine is not None else state.engine
        self._http = http
        self._stdout = stdout
        self.max_attempts = max_attempts
        self.failures: list[str] = []

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def process(self, events: Iterable[Event]) -> list[dict[str, Any]]:
        """Fire every rule each event newly matches (or has grown under); return the alerts sent."""
        sent: list[dict[str, Any]] = []
        for event in events:
            matching = [r for r in self.rules if rule_matches(r, event)]
            if not matching:
                continue
            key = event_key(event)
            n_sources = len(_doc_ids(event)) or 1
            sources: list[dict[str, Any]] | None = None
            for rule in matching:
                before = self.state.fired(rule.name, key)
                if before is not None and not (rule.on_growth and (
                        (event.fatalities or 0) > (before.fatalities or 0) or n_sources > before.n_sources)):
                    continue
                if sources is None:
                    sources = self._sources(event)
                kind = "new" if before is None else "grown"
                payload = alert_payload(rule, event, kind=kind, sources=sources, fired_at=datetime.now(UTC))
                if not self.state.record_alert(rule.name, key, fatalities=event.fatalities,
                                               n_sources=n_sources, payload=payload):
                    continue
                outcome, failed = self._deliver(rule.sinks, payload, range(len(rule.sinks)))
                self.state.set_delivery(rule.name, key, outcome, failed=failed)
                sent.append(payload)
        return sent

    def retry(self) -> int:
        """Deliver again to the sinks that failed before; returns how many alerts got through."""
        rules = {r.name: r for r in self.rules}
        delivered = 0
        for row in self.state.undelivered(max_attempts=self.max_attempts):
            rule = rules.get(row["rule"])
            if rule is None:
                continue
            indexes = [i for i in row["failed_sinks"] if i < len(rule.sinks)]
            outcome, failed = self._deliver(rule.sinks, row["payload"], indexes)
            self.state.set_delivery(rule.name, row["event_key"], outcome, failed=failed, retry=True)
            delivered += not failed
        return delivered

    def _sources(self, event: Event) -> list[dict[str, Any]]:
        ids = _doc_ids(event)
        d = store_tables.documents.c
        try:
            with self.engine.connect() as conn:
                rows = {r.id: r for r in conn.execute(
                    select(d.id, d.source, d.url, d.title, d.date).where(d.id.in_(ids)))}
        except SQLAlchemyError:
            rows = {}
        out = []
        for doc_id in ids:
            r = rows.get(doc_id)
            out.append({"doc_id": doc_id, "source": r.source if r else None, "url": r.url if r else None,
                        "title": r.title if r else None,
                        "date": r.date.isoformat() if r is not None and r.date else None})
        return out

    def _deliver(self, sinks: list[Sink], payload: dict[str, Any],
                 indexes: Iterable[int]) -> tuple[str, list[int]]:
        problems: list[str] = []
        failed: list[int] = []
        for i in indexes:
            try:
                self._send(sinks[i], payload)
            except DeliveryError as exc:
                problems.append(exc.message)
                failed.append(i)
        if problems:
            self.failures.extend(problems)
            return "; ".join(problems), failed
        return "ok", []

    def _send(self, sink: Sink, payload: dict[str, Any]) -> None:
        line = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        if isinstance(sink, FileSink):
            try:
                sink.path.parent.mkdir(parents=True, exist_ok=True)
                with sink.path.open("a", encoding="utf-8") as fh:
                    fh.write(line + "\n")
            except OSError as exc:
                raise DeliveryError(f"file {sink.path}: {exc.strerror or exc}", code="E621") from exc
        elif isinstance(sink, WebhookSink):
            if self._http is None:
                self._http = httpx.Client(headers={"User-Agent": default_user_agent()})
            try:
                resp = self._http.post(sink.url, content=line.encode("utf-8"), timeout=sink.timeout,
                                       headers={"Content-Type": "application/json", **sink.headers})
            except httpx.HTTPError as exc:
                raise DeliveryError(f"webhook {sink.url}: {type(exc).__name__}: {exc}"[:300],
                                    code="E622") from exc
            if resp.status_code >= 300:
                raise DeliveryError(f"webhook {sink.url}: HTTP {resp.status_code}", code="E622")
        elif isinstance(sink, StdoutSink):
            out = self._stdout or sys.stdout
            out.write(f"ALERT {payload['alert']} [{payload['kind']}] {payload['summary']}\n")
            if sink.json_lines:
                out.write(line + "\n")
            out.flush()
