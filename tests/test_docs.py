"""The README documents every command and the quick start is exactly the two commands."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from sitrep.cli.app import _load_commands, app

README = Path(__file__).resolve().parents[1] / "README.md"


def _command_names() -> list[str]:
    _load_commands()
    group = typer.main.get_command(app)
    names = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        names.append(name)
        for sub in getattr(cmd, "commands", {}):
            names.append(f"{name} {sub}")
    return names


def test_docs_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [n for n in _command_names() if f"sitrep {n}" not in text]
    assert not missing, f"commands missing from README.md: {missing}"


def test_docs_every_command_has_help() -> None:
    _load_commands()
    group = typer.main.get_command(app)
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        assert (cmd.help or "").strip(), f"sitrep {name} has no help text"


def test_docs_quick_start_is_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^\s*(make \w+)", quick, flags=re.MULTILINE)
    assert commands == ["make demo", "make test"]
