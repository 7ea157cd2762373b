"""``sitrep demo``: code the bundled samples into a fresh database and show the result."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..demo import sample_paths
from ..engine import run_local
from ..pipeline import Pipeline
from ..schema import Event
from ..store import normalise_url, open_store
from ._common import err, handle_errors, make_settings, report_quarantine
from .app import app

__all__ = ["demo"]


def _default_demo_db() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("sitrep", appauthor=False)) / "demo.db"


def events_table(events: list[Event], *, title: str) -> Table:
    def _actor(name: str | None, inter: int | None) -> str:
        return f"{name} ({inter if inter is not None else '-'})" if name else ""

    table = Table(title=title, show_lines=False, expand=False)
    for col in ("date", "type / sub-type", "location", "actor1", "actor2", "deaths", "source"):
        table.add_column(col, overflow="fold")
    for e in events:
        table.add_row(
            str(e.event_date or ""), f"{e.event_type}\n{e.sub_event_type}",
            ", ".join(x for x in (e.location, e.admin1, e.country) if x) or "?",
            _actor(e.actor1, e.inter1), _actor(e.actor2, e.inter2),
            str(e.fatalities if e.fatalities is not None else ""), e.source or "",
        )
    return table


@app.command("demo")
@handle_errors
def demo(
    db: Annotated[Path | None, typer.Option("--db", help="SQLite file for the demo (recreated).")] = None,
    model: Annotated[Path | None, typer.Option("--model", help="Model directory from `sitrep train`.")] = None,
) -> None:
    """Code the bundled sample reports into a fresh local database and print a summary."""
    path = (db or _default_demo_db()).expanduser().resolve()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = normalise_url(str(path))
    store = open_store(url)
    samples = sample_paths()
    events: list[Event] = []
    with err.status(f"coding {len(samples)} bundled reports…"):
        report = run_local(samples, Pipeline(make_settings(model=model)), store=store,
                           on_events=events.extend, on_quarantine=report_quarantine)
    out = Console(width=None if Console().is_terminal else 160)
    out.print(events_table(events, title=f"sitrep demo: {report.documents} reports → {len(events)} events"))
    out.print(f"\nStored in [bold]{path}[/bold]. Next:", highlight=False)
    for cmd in (
        f"sitrep export --db {url} --format acled-csv -o events.csv",
        f"sitrep export --db {url} --format geojson -o events.geojson",
        f"sitrep serve --db {url}",
        "sitrep extract YOUR_REPORTS/ --format jsonl --db " + url,
    ):
        out.print(f"  [cyan]{cmd}[/cyan]", highlight=False, soft_wrap=True)
