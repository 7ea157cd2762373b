"""``sitrep train ACLED_CSV... -o MODEL_DIR``: thin wrapper over :func:`sitrep.learn.train.train`."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import SitrepError
from .app import app

__all__ = ["train_command"]


@app.command("train")
def train_command(
    acled_csv: list[Path] = typer.Argument(..., help="ACLED export(s) with notes and sub_event_type."),
    output: Path = typer.Option(..., "-o", "--output", help="Model directory to write."),
    chars: bool = typer.Option(False, "--chars/--no-chars",
                               help="Add character n-grams (slightly better, slower extraction)."),
) -> None:
    """Learn event types (and actor/place names) from your own ACLED export; use with --model."""
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from ..learn.train import train

    console = Console(stderr=True)
    try:
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("training", total=None)

            def progress(step: str, done: int, total: int) -> None:
                bar.update(task, description=step, completed=done, total=total)

            report = train(list(acled_csv), output, progress=progress, chars=chars)
    except SitrepError as exc:
        typer.secho(f"error: {exc}", err=True, fg="red")
        raise typer.Exit(1) from None
    table = Table(title=f"model written to {report.out_dir}")
    table.add_column("sub_event_type")
    table.add_column("rows", justify="right")
    for label, count in report.class_counts.items():
        table.add_row(label, str(count))
    Console().print(table)
    skipped = f"; not available: {', '.join(report.skipped_harvesters)}" if report.skipped_harvesters else ""
    typer.echo(f"{report.rows_used} of {report.rows_read} rows used in {report.seconds} s; "
               f"harvested: {', '.join(report.harvested) or 'nothing'}{skipped}")
