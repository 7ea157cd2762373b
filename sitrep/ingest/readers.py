"""Dispatch inputs to format readers by extension or sniffed content.

Each reader yields ``Document`` or ``QuarantineItem``; nothing is dropped silently.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date as Date
from pathlib import Path

from ..schema import Document, QuarantineItem
from .formats import read_csv, read_feed, read_html, read_jsonl, read_txt

__all__ = ["MAX_BYTES", "read_inputs", "read_path"]

Item = Document | QuarantineItem

#: Per-file size cap (a larger file is quarantined, not loaded).
MAX_BYTES = 50 * 1024 * 1024

_BY_EXT = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}  # fmt: skip


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head):
        return "feed"
    if head.startswith((b"<rss", b"<feed")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "txt"


def _read_bytes(data: bytes, origin: str, kind: str, default_date: Date | None) -> Iterator[Item]:
    if kind == "txt":
        yield from read_txt(data, origin=origin, default_date=default_date)
    elif kind == "html":
        yield from read_html(data, origin=origin, default_date=default_date)
    elif kind == "jsonl":
        yield from read_jsonl(data, origin=origin, default_date=default_date)
    elif kind == "csv":
        yield from read_csv(data, origin=origin, default_date=default_date)
    elif kind == "feed":
        yield from read_feed(data, origin=origin, default_date=default_date)
    else:  # pragma: no cover - kinds come from the tables above
        yield QuarantineItem(origin=origin, reason=f"unknown input kind {kind!r}")


def read_path(path: Path, *, default_date: Date | None = None) -> Iterator[Item]:
    """Read one file, or walk a directory (sorted, hidden files skipped)."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts):
                yield from read_path(child, default_date=default_date)
        return
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield QuarantineItem(origin=origin, reason=f"file too large ({size} bytes > {MAX_BYTES})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield QuarantineItem(origin=origin, reason=f"cannot read file: {exc.strerror or exc}")
        return
    kind = _BY_EXT.get(path.suffix.lower()) or _sniff(data)
    if kind == "feed" and path.suffix.lower() == ".xml" and _sniff(data) != "feed":
        kind = _sniff(data)
    yield from _read_bytes(data, origin, kind, default_date)


def read_inputs(inputs: Iterable[str | Path], *, default_date: Date | None = None) -> Iterator[Item]:
    """Read every input (``-`` is stdin) in order."""
    for raw in inputs:
        if str(raw) == "-":
            data = sys.stdin.buffer.read()
            yield from _read_bytes(data, "-", _sniff(data), default_date)
            continue
        path = Path(raw)
        if not path.exists():
            yield QuarantineItem(origin=str(raw), reason="no such file or directory")
            continue
        yield from read_path(path, default_date=default_date)
