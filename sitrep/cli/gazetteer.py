"""``sitrep gazetteer``: import or download places, show coverage, build the default gazetteer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..config import Settings
from ..errors import SitrepError
from .app import app

if TYPE_CHECKING:
    from rich.progress import TaskID

    from ..geo.store import SQLiteGazetteer

__all__ = ["gazetteer_app"]

gazetteer_app = typer.Typer(help="The local gazetteer: import places, show coverage.",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

_DB = typer.Option("--gazetteer", help="Gazetteer file (default: gazetteer.db in the user data "
                   "dir).")


def _fail(exc: SitrepError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(code=2)


class _Bars:
    """A rich progress bar per downloaded file (on stderr), fed by the downloader's callback."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn,
                                   TransferSpeedColumn)

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                                 TransferSpeedColumn(), console=Console(stderr=True),
                                 transient=False)
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, name: str, done: int, total: int | None) -> None:
        if name not in self.tasks:
            self.tasks[name] = self.progress.add_task(name, total=total)
        task = self.tasks[name]
        self.progress.update(task, completed=done, total=total)

    def __enter__(self) -> _Bars:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def _progress() -> _Bars:
    return _Bars()


def _store(path: Path | None) -> SQLiteGazetteer:
    from ..geo.build import default_gazetteer_path, ensure_built
    from ..geo.store import SQLiteGazetteer

    return SQLiteGazetteer(ensure_built(default_gazetteer_path(Settings(gazetteer_path=path))))


@gazetteer_app.command("import")
def import_cmd(
    kind: Annotated[str, typer.Argument(help="File format: geonames, ocha, syrianarchive or csv.")],
    path: Annotated[Path, typer.Argument(help="A file, or a directory of files.")],
    gazetteer: Annotated[Path | None, _DB] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Add places to the local gazetteer (they outrank the shipped defaults)."""
    from ..geo.importers import import_path

    try:
        store = _store(gazetteer)
        report = import_path(kind, path, store)
    except SitrepError as exc:
        raise _fail(exc) from None
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"imported {report.added} places from {path} ({kind}); "
               f"rejected {report.rejected} rows")
    for reason, count in report.reasons.most_common():
        typer.echo(f"  {count:6d}  {reason}")
    for example in report.examples[:10]:
        typer.echo(f"  e.g. {example}")
    for skipped in report.skipped_files:
        typer.echo(f"  skipped {skipped}")


@gazetteer_app.command("stats")
def stats_cmd(
    gazetteer: Annotated[Path | None, _DB] = None,
    country: Annotated[str | None, typer.Option(help="Only this country (ACLED name).")] = None,
    top: Annotated[int, typer.Option(help="Countries to list.")] = 30,
) -> None:
    """Coverage: places per country and kind."""
    try:
        stats = _store(gazetteer).stats()
    except SitrepError as exc:
        raise _fail(exc) from None
    per_country: dict[str, dict[str, int]] = {}
    for (name, kind), n in stats.items():
        per_country.setdefault(name, {})[kind] = n
    rows = sorted(per_country.items(), key=lambda kv: -sum(kv[1].values()))
    if country:
        rows = [r for r in rows if r[0].lower() == country.lower()]
    total = sum(stats.values())
    typer.echo(f"{total} places in {len(per_country)} countries")
    for name, kinds in rows[:top]:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
        typer.echo(f"{name:32s} {sum(kinds.values()):7d}  {detail}")


@gazetteer_app.command("build")
def build_cmd(gazetteer: Annotated[Path | None, _DB] = None) -> None:
    """Build the default gazetteer now (it is otherwise built on first use)."""
    try:
        store = _store(gazetteer)
    except SitrepError as exc:
        raise _fail(exc) from None
    typer.echo(f"gazetteer ready: {store.path} ({store.count()} places)")


@gazetteer_app.command("download")
def download_cmd(
    countries: Annotated[list[str], typer.Argument(help="ISO alpha-2 country codes (SY UA SD).")],
    gazetteer: Annotated[Path | None, _DB] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", envvar="SITREP_GEONAMES_URL",
        help="GeoNames dump folder (default https://download.geonames.org/export/dump).")] = None,
    refresh: Annotated[bool, typer.Option(help="Fetch again even if a copy is cached.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Fetch GeoNames' dump of each country (villages, neighbourhoods, alternate names) and
    import it above the default places; nothing is imported unless every file is sound."""
    from ..geo.download import check_country_codes, download_countries

    try:
        codes = check_country_codes(countries)
        store = _store(gazetteer)
        with _progress() as bar:
            report = download_countries(codes, store, url=base_url, refresh=refresh,
                                        progress=bar)
    except SitrepError as exc:
        typer.echo(f"error: {exc}", err=True)
        typer.echo("the gazetteer is unchanged", err=True)
        raise typer.Exit(code=1) from None
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    for cc, n in report.per_country.items():
        typer.echo(f"{cc}: {n} places kept")
    typer.echo(f"imported {report.added} places; rejected {report.rejected} rows "
               f"(cache: {report.cache})")
    for reason, count in sorted(report.reasons.items(), key=lambda kv: -kv[1]):
        typer.echo(f"  {count:6d}  {reason}")
    for example in report.examples[:10]:
        typer.echo(f"  e.g. {example}")
