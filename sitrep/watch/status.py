"""Per-source status: written after each poll of a source, read by the CLI table and the API.

The API reads it with :func:`read_status` (plain dicts via :meth:`SourceStatus.as_dict`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, inspect, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from . import tables as t

__all__ = [
    "SourceOutcome", "SourceStatus", "alert_failures", "read_status", "record_outcome", "record_outcomes",
    "render_table", "status_snapshot",
]


@dataclass(frozen=True, kw_only=True)
class SourceOutcome:
    """What one poll of one source did."""

    name: str
    new_articles: int = 0
    errors: int = 0
    error: str | None = None  # the last error's reason
    fetched_ok: bool = False  # at least one feed/URL answered (200 or 304)
    duration: float = 0.0


@dataclass(frozen=True, kw_only=True)
class SourceStatus:
    name: str
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    new_articles: int = 0
    total_articles: int = 0
    errors: int = 0
    total_errors: int = 0
    consecutive_failures: int = 0
    polls: int = 0
    last_duration: float | None = None

    @property
    def state(self) -> str:
        if self.polls == 0:
            return "waiting"
        if self.consecutive_failures:
            return "down"
        return "degraded" if self.errors else "ok"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, datetime):
                data[key] = value.isoformat()
        data["state"] = self.state
        return data


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # SQLite hands back naive datetimes
    return value


def record_outcome(engine: Engine, outcome: SourceOutcome, *, now: datetime | None = None) -> None:
    """Fold one poll's outcome into the source's row."""
    record_outcomes(engine, [outcome], now=now)


def record_outcomes(engine: Engine, outcomes: list[SourceOutcome], *, now: datetime | None = None) -> None:
    """Fold several sources' outcomes into their rows, in one transaction."""
    if not outcomes:
        return
    now = now or datetime.now(UTC)
    tbl = t.watch_sources
    try:
        with engine.begin() as conn:
            names = [o.name for o in outcomes]
            rows = {r["name"]: r for r in conn.execute(
                select(tbl).where(tbl.c.name.in_(names))).mappings()}
            for outcome in outcomes:
                _fold(conn, rows.get(outcome.name), outcome, now)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot record source status: {exc}", code="E610") from exc


def _fold(conn: Any, row: Any, outcome: SourceOutcome, now: datetime) -> None:
    tbl = t.watch_sources
    failed = not outcome.fetched_ok and outcome.errors > 0
    values: dict[str, Any] = {
        "last_attempt": now, "new_articles": outcome.new_articles, "errors": outcome.errors,
        "last_duration": round(outcome.duration, 4)}
    if outcome.fetched_ok:
        values["last_success"] = now
    if outcome.error:
        values.update(last_error=outcome.error[:1000], last_error_at=now)
    if row is None:
        conn.execute(insert(tbl).values(
            name=outcome.name, total_articles=outcome.new_articles, total_errors=outcome.errors,
            consecutive_failures=int(failed), polls=1, **values))
    else:
        conn.execute(update(tbl).where(tbl.c.name == outcome.name).values(
            total_articles=row["total_articles"] + outcome.new_articles,
            total_errors=row["total_errors"] + outcome.errors,
            consecutive_failures=row["consecutive_failures"] + 1 if failed else 0,
            polls=row["polls"] + 1, **values))


def read_status(engine: Engine, *, names: list[str] | None = None) -> list[SourceStatus]:
    """Status of every source the watcher has polled (and of ``names`` not yet polled).

    Returns an empty list on a database the watcher never touched.
    """
    try:
        if not inspect(engine).has_table("watch_sources"):
            return [SourceStatus(name=n) for n in names or []]
        with engine.connect() as conn:
            rows = conn.execute(select(t.watch_sources).order_by(t.watch_sources.c.name)).mappings().all()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read watch status: {exc}", code="E610") from exc
    found = {}
    for r in rows:
        data = dict(r)
        for key in ("last_attempt", "last_success", "last_error_at"):
            data[key] = _aware(data[key])
        found[r["name"]] = SourceStatus(**data)
    if names is None:
        return list(found.values())
    return [found.get(n) or SourceStatus(name=n) for n in names]


def alert_failures(engine: Engine, *, limit: int = 20) -> tuple[int, list[dict[str, Any]]]:
    """Alerts with a sink still undelivered (a webhook answering 5xx, a full disk): the count and
    the newest ``limit`` as ``{"rule", "event_key", "delivery", "attempts", "fired_at"}``."""
    from sqlalchemy import func

    a = t.watch_alerts.c
    failing = a.failed_sinks.is_not(None)
    try:
        if not inspect(engine).has_table("watch_alerts"):
            return 0, []
        with engine.connect() as conn:
            count = int(conn.execute(select(func.count()).select_from(t.watch_alerts).where(failing))
                        .scalar_one())
            rows = conn.execute(select(a.rule, a.event_key, a.delivery, a.attempts, a.fired_at)
                                .where(failing).order_by(a.id.desc()).limit(limit)).mappings().all()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read watch alerts: {exc}", code="E610") from exc
    out = []
    for r in rows:
        fired = _aware(r["fired_at"])
        out.append({"rule": r["rule"], "event_key": r["event_key"], "delivery": r["delivery"],
                    "attempts": r["attempts"], "fired_at": fired.isoformat() if fired else None})
    return count, out


def status_snapshot(engine: Engine) -> dict[str, Any]:
    """Everything the API/UI shows about the watcher, as JSON-ready data.

    ``{"active": bool, "last_poll": iso|None, "sources": [...], "articles": {status: n},
    "alerts_fired": n, "alerts_failed": n, "alert_failures": [...]}``; ``active`` is False on a
    database the watcher never used. ``alerts_failed`` counts alerts a sink has not accepted.
    """
    from sqlalchemy import func

    sources = read_status(engine)
    if not sources:
        return {"active": False, "last_poll": None, "sources": [], "articles": {}, "alerts_fired": 0,
                "alerts_failed": 0, "alert_failures": []}
    try:
        with engine.connect() as conn:
            seen = t.watch_seen.c
            articles = {str(r[0]): int(r[1]) for r in conn.execute(
                select(seen.status, func.count()).group_by(seen.status))}
            fired = int(conn.execute(select(func.count()).select_from(t.watch_alerts)).scalar_one())
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read watch status: {exc}", code="E610") from exc
    failed, failures = alert_failures(engine)
    attempts = [s.last_attempt for s in sources if s.last_attempt is not None]
    return {"active": True, "last_poll": max(attempts).isoformat() if attempts else None,
            "sources": [s.as_dict() for s in sources], "articles": articles, "alerts_fired": fired,
            "alerts_failed": failed, "alert_failures": failures}


def _ago(value: datetime | None, now: datetime) -> str:
    if value is None:
        return "never"
    secs = max(0, int((now - value).total_seconds()))
    if secs < 60:
        return f"{secs}s ago"
    if secs < 3600:
        return f"{secs // 60}m ago"
    return f"{secs // 3600}h{(secs % 3600) // 60:02d}m ago"


def render_table(statuses: list[SourceStatus], *, now: datetime | None = None,
                 title: str | None = None, failed_alerts: int = 0) -> Any:
    """A rich Table of the sources (rich imported here, not at module import); alerts a sink has
    not accepted are counted in red under it."""
    from rich.table import Table
    from rich.text import Text

    now = now or datetime.now(UTC)
    caption = Text(f"{failed_alerts} alert(s) not delivered: a sink is failing", style="red") \
        if failed_alerts else None
    table = Table(title=title, caption=caption, expand=False)
    for col, kw in (("source", {}), ("state", {}), ("last success", {}),
                    ("new", {"justify": "right"}), ("total", {"justify": "right"}),
                    ("errors", {"justify": "right"}), ("last error", {"overflow": "fold", "max_width": 60})):
        table.add_column(col, **kw)
    colours = {"ok": "green", "degraded": "yellow", "down": "red", "waiting": "dim"}
    for s in statuses:
        stale = bool(s.last_error_at and s.last_success and s.last_error_at < s.last_success)
        err = Text(s.last_error or "", style="dim" if stale and not s.errors else "")
        table.add_row(Text(s.name), Text(s.state, style=colours[s.state]), _ago(s.last_success, now),
                      str(s.new_articles), str(s.total_articles), f"{s.errors}/{s.total_errors}", err)
    return table
