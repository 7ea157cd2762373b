"""Shared CLI plumbing: consoles, settings, clean exits for domain errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from ..config import Settings
from ..errors import InputError, SitrepError
from ..schema import QuarantineItem

if TYPE_CHECKING:
    from ..engine.core import RunReport

__all__ = ["check_inputs", "err", "handle_errors", "make_progress", "make_settings", "parse_date",
           "report_outcomes", "report_quarantine"]

err = Console(stderr=True)
P = ParamSpec("P")
R = TypeVar("R")


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn SitrepError into a one-line message and exit code 1 (no traceback)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except SitrepError as exc:
            err.print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(1) from exc

    return wrapper


def parse_date(value: str | None) -> Date | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def make_settings(*, model: Path | None = None, date: str | None = None,
                  scope: str = "all", country: str | None = None) -> Settings:
    return Settings(model_dir=model, date=parse_date(date), scope=scope, country=country)


def report_quarantine(item: QuarantineItem) -> None:
    where = item.origin if item.line is None else f"{item.origin}:{item.line}"
    err.print(f"[yellow]quarantined[/yellow] {where}: {item.reason}", highlight=False, soft_wrap=True)


def check_inputs(inputs: list[str]) -> None:
    """A named input that does not exist is the user's typo, not a bad document: say so and stop
    before coding anything (exit 1), instead of quarantining it and exiting 0."""
    missing = [i for i in inputs if i != "-" and not Path(i).exists() and not Path(i).is_symlink()]
    if missing:
        raise InputError("no such file or directory", origin=", ".join(missing), code="E201")


def report_outcomes(report: RunReport) -> None:
    """The end-of-run reconciliation: each input item's outcome counted, and what is missing."""
    counts = report.outcomes
    total = sum(counts.values()) + len(report.unaccounted)
    err.print(f"outcomes of {total} inputs: {counts.get('events', 0)} with events, "
              f"{counts.get('no event', 0)} no event, {counts.get('quarantined', 0)} quarantined, "
              f"{counts.get('skipped', 0)} skipped (stored or resumed)", highlight=False)
    if report.renamed:
        shown = escape(", ".join(f"{old!r} -> {new!r}" for old, new in report.renames[:3]))
        more = ", ..." if report.renamed > 3 else ""
        err.print(f"renamed: {report.renamed} documents whose id was taken by a different text, "
                  f"kept under a new id with a note ({shown}{more})", highlight=False,
                  soft_wrap=True)
    if report.no_event_reasons:
        reasons = sorted(report.no_event_reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        err.print("no event: " + "; ".join(f"{r} ({n})" for r, n in reasons[:5]), highlight=False)
    if report.undated:
        err.print(f"[yellow]warning[/yellow] {report.undated} documents have undated events (no "
                  "publication date, no date in the text): time_precision 3; --date sets one",
                  highlight=False)
    if report.unaccounted:
        shown = ", ".join(str(o) for o in report.unaccounted[:10])
        err.print(f"[red]error[/red] {len(report.unaccounted)} inputs have no outcome (items "
                  f"{shown}): the run is incomplete", highlight=False)


def make_progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
        TextColumn("{task.completed} docs"), TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(), console=err, transient=True,
    )
