"""``sitrep watch``: poll feeds and sites, code new reports as they appear, alert on rules."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer

from ._common import err, handle_errors, make_settings
from .app import app

__all__ = ["watch"]


def _install_stop(stop: threading.Event) -> dict[int, Any]:
    """SIGINT/SIGTERM set ``stop`` (the current article is finished); a second one exits now."""
    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        err.print(f"[yellow]{signal.Signals(signum).name}[/yellow]: finishing the current article "
                  "(again to quit at once)", highlight=False)

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, handler)
    return previous


@app.command("watch")
@handle_errors
def watch(
    sources: Annotated[Path, typer.Argument(help="SOURCES.yaml: feeds, URLs and alert rules.")],
    db: Annotated[str | None, typer.Option("--db", help="Database (SQLAlchemy URL).")] = None,
    every: Annotated[str, typer.Option("--every", help="Poll interval: 30s, 10m, 1h.")] = "10m",
    once: Annotated[bool, typer.Option("--once", help="Poll every source once, then exit.")] = False,
) -> None:
    """Watch feeds and sites: code new reports as they appear, store them, and alert."""
    from rich.live import Live

    from ..config import default_db_url
    from ..pipeline import Pipeline
    from ..store import open_store
    from ..watch import CycleReport, Poller, load_config, read_status, render_table
    from ..watch.poll import merging_writer
    from ..watch.run import check_once, parse_duration, run_watch
    from ..watch.status import alert_failures

    config = load_config(sources)
    interval = parse_duration(every)
    store = open_store(db or default_db_url())
    names = [s.name for s in config.sources if s.enabled]
    stop = threading.Event()
    previous = _install_stop(stop)

    reports: list[CycleReport] = []

    def table() -> Any:
        return render_table(read_status(store.engine, names=names),
                            title=f"sitrep watch: {len(names)} sources, every {every}",
                            failed_alerts=alert_failures(store.engine, limit=0)[0])

    try:
        with Live(table(), console=err, refresh_per_second=2, transient=False) as live:
            poller = Poller(config, store, Pipeline(make_settings()), writer=merging_writer(store),
                            on_source=lambda _outcome: live.update(table()),
                            log=lambda line: live.console.print(line, highlight=False, markup=False))

            def summary(report: CycleReport) -> None:
                reports[:] = [report]
                live.update(table())
                for failure in report.delivery_failures:
                    live.console.print(f"alert not delivered: {failure}", highlight=False, markup=False)
                live.console.print(
                    f"poll: {report.new_articles} new articles, {report.events} events, "
                    f"{len(report.alerts)} alerts, {report.errors} errors, "
                    f"{report.feeds_not_modified} feeds unchanged"
                    + (f", {len(report.resting)} down sources resting" if report.resting else "")
                    + (f", {len(report.delivery_failures)} alert deliveries failed"
                       if report.delivery_failures else "")
                    + f" ({report.duration:.1f} s)",
                    highlight=False)

            try:
                run_watch(poller, every=interval, once=once, stop=stop, on_cycle=summary,
                          on_error=lambda exc: live.console.print(
                              f"poll failed, retrying in {every}: {exc}", highlight=False, markup=False))
            finally:
                poller.close()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        store.dispose()
    if once and reports:
        check_once(reports[0])  # every source down, or an alert not delivered: exit 1
