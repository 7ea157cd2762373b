"""Runs ``sitrep watch`` in a child process with the hand-written coder (no models)."""

from __future__ import annotations

import sys
from typing import Any


def main(argv: list[str]) -> None:
    import sitrep.pipeline

    from .fakes import FakeCoder

    def fake_pipeline(*_args: Any, **_kwargs: Any) -> FakeCoder:
        return FakeCoder()

    sitrep.pipeline.Pipeline = fake_pipeline  # type: ignore[assignment,misc]
    from sitrep.cli import watch as _watch  # noqa: F401  (registers the command)
    from sitrep.cli.app import app

    app(argv, prog_name="sitrep")


if __name__ == "__main__":
    main(sys.argv[1:])
