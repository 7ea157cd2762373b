"""``sitrep control``: territorial-control timeline of a place, or the control state on a date."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..config import default_db_url
from ..dedup.control import (
    ControlSpell,
    stored_timeline,
    find_place,
    holder_on,
    place_key,
    state_on,
    write_control,
)  # fmt: skip
from ..errors import SitrepError
from ..store import open_store
from ._common import err, handle_errors, parse_date
from .app import app

__all__ = ["control"]


@app.command("control")
@handle_errors
def control(
    place: Annotated[str | None, typer.Argument(
        help="Place name (any spelling close to the coded one).")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Date YYYY-MM-DD: the holder on that day.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default: the user database).")] = None,
    export: Annotated[Path | None, typer.Option(
        "--export",
        help="Write the control state on --on (every place) to FILE.csv or FILE.geojson.")] = None,
) -> None:
    """Who held a place, since when and until when, from territory events (captures, regains, transfers)."""
    day = parse_date(on)
    store = open_store(db or default_db_url())
    try:
        timeline = stored_timeline(store)
    finally:
        store.dispose()
    if export is not None:
        fmt = export.suffix.lower().lstrip(".")
        if fmt not in ("csv", "geojson"):
            raise typer.BadParameter("--export needs a .csv or .geojson file name")
        if day is None:
            raise typer.BadParameter("--export needs --on DATE")
        spells = state_on(timeline, day)
        if place is not None:
            key = _find(timeline, place)
            spells = [s for s in spells if place_key(s.place) == key]
        n = write_control(spells, export, fmt=fmt)
        err.print(f"{n} places written to {export}", highlight=False)
        return
    out = Console()
    if place is None:
        spells = state_on(timeline, day) if day else [s[-1] for s in timeline.values()]
        _table(out, spells, title=f"Control on {day}" if day else "Latest known holder")
        return
    key = _find(timeline, place)
    if day is not None:
        spell = holder_on(timeline[key], day)
        out.print(f"{timeline[key][0].place} on {day}: "
                  f"{(spell.holder or 'nobody known') if spell else 'unknown (no holder known that day)'}",
                  highlight=False)
        return
    _table(out, timeline[key], title=f"Control of {timeline[key][0].place}")


def _find(timeline: dict[str, list[ControlSpell]], place: str) -> str:
    key = find_place(timeline, place)
    if key is None:
        raise SitrepError(f"no territory events for {place!r}", code="E430")
    return key


def _table(out: Console, spells: list[ControlSpell], *, title: str) -> None:
    table = Table(title=title)
    for col in ("place", "holder", "since", "until", "documents"):
        table.add_column(col, no_wrap=col in ("since", "until"), overflow="fold")
    for s in spells:
        since = "before" if s.since is None else (
            f"{s.since}..{s.since_end}" if s.since_end else str(s.since))
        table.add_row(s.place, s.holder or "nobody known", since, str(s.until or "-"),
                      ", ".join(s.doc_ids) or "(inferred)")
    out.print(table)
