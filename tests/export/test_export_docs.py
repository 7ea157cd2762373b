"""Every option of ``sitrep export`` is in the README, and the API's search parameters too."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from sitrep.cli.app import _load_commands, app

README = Path(__file__).resolve().parents[2] / "README.md"


def _export_options() -> list[list[str]]:
    _load_commands()
    command = typer.main.get_command(app).commands["export"]  # type: ignore[attr-defined]
    return [list(p.opts) for p in command.params]


def test_export_docs_every_option_in_readme() -> None:
    text = README.read_text(encoding="utf-8")
    options = _export_options()
    assert {"--q", "--min-fatalities", "--status"} <= {o for opts in options for o in opts}
    assert [opts for opts in options if not any(f"{o} " in text for o in opts)] == []


@pytest.mark.parametrize("param", ["q=", "min_fatalities=", "sort=", "/api/events/values",
                                   "/api/events/taxonomy", "undo-merge"])
def test_export_docs_api_search_parameters_in_readme(param: str) -> None:
    assert param in README.read_text(encoding="utf-8")
