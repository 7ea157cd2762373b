"""Bundled demo reports (written by the sitrep team, wire-service style)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["sample_paths"]


def sample_paths() -> list[Path]:
    """Paths of the bundled sample reports, sorted."""
    folder = resources.files(__package__) / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))
