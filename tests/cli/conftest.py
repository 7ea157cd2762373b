from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sitrep.cli.app import _load_commands, app


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    _load_commands()
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke
