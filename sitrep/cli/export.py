"""``sitrep export``: stored events to a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..export import FORMATS, write_events
from ..export.source import open_existing_store
from ..store import EventFilter
from ..store.review import STATUSES, iter_export
from ._common import err, handle_errors, parse_date
from .app import app

__all__ = ["export"]


@app.command("export")
@handle_errors
def export(
    db: Annotated[str, typer.Option("--db", help="Database URL.")],
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default stdout).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First event date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last event date.")] = None,
    country: Annotated[str | None, typer.Option("--country")] = None,
    admin1: Annotated[str | None, typer.Option("--admin1")] = None,
    event_type: Annotated[str | None, typer.Option("--event-type")] = None,
    sub_event_type: Annotated[str | None, typer.Option("--sub-event-type")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Substring of actor1/actor2.")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Words in the reports or the event's names "
                                          "(as the API's q).")] = None,
    min_fatalities: Annotated[int | None, typer.Option("--min-fatalities", min=0,
                                                       help="At least this many fatalities.")] = None,
    status: Annotated[str | None, typer.Option("--status", help=(
        f"Only events in this review state ({', '.join(STATUSES)}); without it, every state "
        "except rejected."))] = None,
) -> None:
    """Export stored events, filtered as the API's export (rejected events only with --status)."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if status is not None and status not in STATUSES:
        raise typer.BadParameter(f"--status must be one of {', '.join(STATUSES)}")
    store = open_existing_store(db)  # never creates a database: a typo is an error, not "0 events"
    flt = EventFilter(date_from=parse_date(date_from), date_to=parse_date(date_to), country=country,
                      admin1=admin1, event_type=event_type, sub_event_type=sub_event_type,
                      actor=actor, text=q, min_fatalities=min_fatalities, status=status)
    events = iter_export(store, flt)
    if output is None:
        if fmt == "parquet":
            raise typer.BadParameter("parquet needs -o FILE")
        n = write_events(events, fmt, sys.stdout)
    else:
        n = write_events(events, fmt, output)
    err.print(f"{n} events exported", highlight=False)
