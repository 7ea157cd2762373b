"""``sitrep eval PREDICTIONS GOLD``: thin wrapper over :func:`sitrep.learn.evaluate.evaluate_files`."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import SitrepError
from .app import app

__all__ = ["eval_command"]


@app.command("eval")
def eval_command(
    predictions: Path = typer.Argument(..., help="Predicted events: JSONL, or CSV with doc_id."),
    gold: Path = typer.Argument(..., help="Gold events: an ACLED export (doc_id = event_id_cnty)."),
) -> None:
    """Score predicted events against ACLED gold rows: per-field table and a summary line."""
    from rich.console import Console
    from rich.table import Table

    from ..learn.evaluate import evaluate_files

    try:
        report = evaluate_files(predictions, gold)
    except SitrepError as exc:
        typer.secho(f"error: {exc}", err=True, fg="red")
        raise typer.Exit(1) from None
    console = Console()
    table = Table(title="sitrep eval")
    table.add_column("field")
    table.add_column("score", justify="right")
    table.add_column("of", justify="right")
    table.add_row("detection precision", f"{report.precision:.3f}", str(report.predicted_events))
    table.add_row("detection recall", f"{report.recall:.3f}", str(report.gold_events))
    table.add_row("detection F1", f"{report.f1:.3f}", "")
    table.add_row("event_type accuracy (matched)", f"{report.event_type_accuracy:.3f}", str(report.matched))
    sub = report.sub_event_type
    table.add_row("sub_event_type accuracy", f"{sub.accuracy:.3f}", str(sub.n))
    table.add_row("sub_event_type macro-F1", f"{sub.macro_f1:.3f}", "")
    table.add_row("sub_event_type weighted-F1", f"{sub.weighted_f1:.3f}", "")
    for name, (ok, total) in report.fields.items():
        table.add_row(name, f"{ok / total:.3f}" if total else "-", str(total))
    console.print(table)
    per = Table(title="sub_event_type per class")
    for col in ("class", "precision", "recall", "F1", "support"):
        per.add_column(col, justify="left" if col == "class" else "right")
    for c in sub.per_class:
        per.add_row(c.label, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.support))
    console.print(per)
    typer.echo(report.summary())
