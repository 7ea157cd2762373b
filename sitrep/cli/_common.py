"""Shared CLI plumbing: consoles, settings, clean exits for domain errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date as Date
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from ..config import Settings
from ..errors import SitrepError
from ..schema import QuarantineItem

__all__ = ["err", "handle_errors", "make_progress", "make_settings", "parse_date", "report_quarantine"]

err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn SitrepError into a one-line message and exit code 1 (no traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SitrepError as exc:
            err.print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


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


def make_progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
        TextColumn("{task.completed} docs"), TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(), console=err, transient=True,
    )
