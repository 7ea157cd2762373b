"""``sitrep extract``: code reports into events."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import TextColumn

from ..engine import estimate_total, run_local
from ..errors import ConfigError
from ..export import FORMATS, open_writer
from ..pipeline import Pipeline
from ..schema import Event
from ._common import (
    check_inputs,
    err,
    handle_errors,
    make_progress,
    make_settings,
    report_outcomes,
    report_quarantine,
)  # fmt: skip
from .app import app

__all__ = ["extract"]


def _output_error(where: str, exc: OSError) -> ConfigError:
    return ConfigError(f"cannot write {where}: {exc.strerror or exc}", code="E112")


@app.command("extract")
@handle_errors
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default stdout).")] = None,
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "jsonl",
    model: Annotated[Path | None, typer.Option("--model", help="Model directory from `sitrep train`.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for documents without one.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Also store documents and events (SQLAlchemy URL).")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes (each loads the models once).")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://HOST:8786); without it --engine dask starts a local cluster of --workers processes.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Checkpoint the run in --db; started again after a kill, it skips what was finished.")] = False,
    scope: Annotated[str, typer.Option("--scope", help="all, or political (ACLED's narrower scope).")] = "all",
    country: Annotated[str | None, typer.Option("--country", help="Country hint for documents without one.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero if any input was quarantined.")] = False,
    merge: Annotated[bool | None, typer.Option("--merge/--no-merge", help="With --db (the default there): merge each event into the matching stored event of another report, keeping every source and the reasons (undoable); --no-merge stores every report's events apart.")] = None,
    max_document_mb: Annotated[float, typer.Option("--max-document-mb", min=0.001, help="Largest document, JSONL line or CSV row read, in MB (larger ones are quarantined; big files are streamed).")] = 50,
) -> None:
    """Code reports into events (JSONL to stdout unless -o)."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if engine not in ("local", "dask"):
        raise typer.BadParameter("--engine must be local or dask")
    if merge and not db:
        raise typer.BadParameter("--merge needs --db (events merge with stored ones)")
    # Storing merges by default (issue 23): several outlets' reports of one incident become one
    # event with every source (GVA real local news: pairwise precision 1.0 on the development
    # part and the untouched slice). --no-merge keeps every report's events apart, e.g. for a
    # list whose rows are each an event already (ACLED notes: about one in nine would join
    # another note's event, half of them notes with one identical text).
    merge = merge is not False and db is not None
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("parquet needs -o FILE")
    if resume and not db:
        raise typer.BadParameter("--resume needs --db (progress is kept in the database)")
    check_inputs(inputs)
    settings = make_settings(model=model, date=date, scope=scope, country=country)
    settings = settings.model_copy(update={"max_document_bytes": int(max_document_mb * 1024 * 1024)})
    pipeline = Pipeline(settings)
    store = None
    if db:
        from ..store import open_store

        store = open_store(db)
    where = str(output) if output is not None else "standard output"
    try:
        writer = open_writer(fmt, output if output is not None else sys.stdout)
    except OSError as exc:
        raise _output_error(where, exc) from exc

    def write(events: list[Event]) -> None:
        """Events out; a full disk or a closed pipe stops the run with one line (what was stored
        stays stored: ``--resume`` writes it out again)."""
        try:
            writer.write(events)
        except OSError as exc:
            raise _output_error(where, exc) from exc
    started = time.perf_counter()
    total = estimate_total(inputs)
    with make_progress() as progress:
        progress.columns = (*progress.columns, TextColumn("{task.fields[eta]}"))
        task = progress.add_task("coding", total=total, rate="", eta="")

        def tick(n: int) -> None:
            rate = n / max(time.perf_counter() - started, 1e-9)
            eta = f"ETA {max(total - n, 0) / rate:.0f} s" if total and rate > 0 else ""
            progress.update(task, completed=n, rate=f"{rate:.1f} reports/s", eta=eta)

        options = {"store": store, "on_events": write, "on_quarantine": report_quarantine,
                   "on_progress": tick, "workers": workers, "resume": resume, "total": total,
                   "merge": merge}
        if engine == "dask":
            from ..engine.dask import run_dask

            report = run_dask(inputs, pipeline, scheduler=scheduler, **options)  # type: ignore[arg-type]
        else:
            report = run_local(inputs, pipeline, **options)  # type: ignore[arg-type]
    try:
        writer.close()
    except OSError as exc:
        raise _output_error(where, exc) from exc
    elapsed = time.perf_counter() - started
    resumed = f", {report.resumed} from an earlier attempt" if report.resumed else ""
    err.print(f"{report.documents} documents, {writer.count} events, "
              f"{len(report.quarantined)} quarantined, {report.skipped_existing} already stored"
              f"{resumed} ({elapsed:.1f} s)", highlight=False)
    report_outcomes(report)
    if report.unaccounted:
        raise typer.Exit(3)
    if strict and report.quarantined:
        raise typer.Exit(2)
