"""Cheap looks at the inputs before a run: their identity (for resume keys) and a total (for ETA)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["InputFile", "estimate_total", "input_identity", "walk_inputs"]

#: Kinds whose item count is the number of files (one report per file).
_ONE_PER_FILE = {".txt", ".text", ".md", ".html", ".htm", ".xhtml"}
_LINES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class InputFile:
    path: Path
    size: int
    mtime_ns: int


def walk_inputs(inputs: Iterable[str | Path]) -> Iterator[InputFile | str]:
    """Files in the order the readers visit them; ``-`` and missing paths come back as strings."""
    for raw in inputs:
        path = Path(raw)
        if str(raw) == "-" or not path.exists():
            yield str(raw)
            continue
        children: Iterator[Path]
        if path.is_dir():
            children = (c for c in sorted(path.rglob("*"))
                        if not any(p.startswith(".") for p in c.relative_to(path).parts))
        else:
            children = iter([path])
        for child in children:
            try:
                if child.is_file():
                    st = child.stat()
                    yield InputFile(child.resolve(), st.st_size, st.st_mtime_ns)
            except OSError:
                yield str(child)


def input_identity(inputs: Iterable[str | Path]) -> list[list[object]]:
    """What a run is keyed by: every file's path, size and modification time, in reading order."""
    return [[str(f.path), f.size, f.mtime_ns] if isinstance(f, InputFile) else [f]
            for f in walk_inputs(inputs)]


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        for line in fh:
            n += bool(line.strip())
    return n


def estimate_total(inputs: Iterable[str | Path], *, max_files: int = 1_000_000) -> int | None:
    """How many documents the inputs hold, when that is cheap to know; None otherwise.

    Text/HTML files count one each, JSONL files one per non-blank line; CSV, feeds, stdin or
    more than ``max_files`` files give None (no ETA, the bar still shows reports/s).
    """
    total = 0
    for n, f in enumerate(walk_inputs(inputs)):
        if n >= max_files or f == "-":
            return None
        if isinstance(f, str):  # missing or unreadable: the readers quarantine it as one item
            total += 1
            continue
        suffix = f.path.suffix.lower()
        if suffix in _ONE_PER_FILE:
            total += 1
        elif suffix in _LINES:
            try:
                total += _count_lines(f.path)
            except OSError:
                total += 1
        else:
            return None
    return total
