"""The ``sitrep`` command: a typer app; each command lives in its own module."""

from __future__ import annotations

import importlib

import typer

from .._version import __version__

__all__ = ["app", "main"]

app = typer.Typer(
    name="sitrep",
    help="Offline conflict-event coder: war reports in, ACLED/UCDP-style events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Command modules; each registers itself on ``app`` when imported.
COMMAND_MODULES = (
    "extract",
    "demo",
    "export",
    "train",
    "eval",
    "gazetteer",
    "serve",
    "watch",
    "control",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Offline conflict-event coder."""


def _load_commands() -> None:
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as exc:  # a command module not written yet
            if exc.name != f"{__package__}.{name}":
                raise


def main() -> None:
    _load_commands()
    app()
