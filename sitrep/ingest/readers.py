"""Dispatch inputs to format readers by extension or sniffed content.

Each reader yields ``Document`` or ``QuarantineItem``; nothing is dropped silently: a file that
cannot be read (a dangling link, a symlink loop, a FIFO, a permission error) is a quarantine item
too. JSONL and CSV files are streamed; the size limit (``max_document_bytes``) applies to each
document, line or row, never to a whole JSONL or CSV file.
"""

from __future__ import annotations

import stat
import sys
from collections.abc import Iterable, Iterator
from datetime import date as Date
from pathlib import Path

from ..schema import QuarantineItem
from .documents import Item, quarantine
from .formats import read_feed, read_html, read_txt
from .streams import read_csv, read_csv_stream, read_jsonl, read_jsonl_stream
from .validate import DEFAULT_MAX_DOCUMENT_BYTES, printable

__all__ = ["MAX_BYTES", "read_inputs", "read_path"]

#: Default per-document size cap (setting ``max_document_bytes``); kept under its old name.
MAX_BYTES = DEFAULT_MAX_DOCUMENT_BYTES

_BY_EXT = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}  # fmt: skip
_STREAMED = {"jsonl": read_jsonl_stream, "csv": read_csv_stream}
_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFSOCK: "a socket",
          stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device"}


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


def _read_bytes(data: bytes, origin: str, kind: str, default_date: Date | None,
                max_bytes: int) -> Iterator[Item]:
    readers = {"txt": read_txt, "html": read_html, "jsonl": read_jsonl, "csv": read_csv,
               "feed": read_feed}
    yield from readers[kind](data, origin=origin, default_date=default_date, max_bytes=max_bytes)


def _unreadable(path: Path) -> str | None:
    """Why ``path`` is no regular file to read (a broken link, a loop, a FIFO...), or None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "dangling symbolic link" if path.is_symlink() else "no such file or directory"
    except RuntimeError:
        return "symbolic link loop"
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return "symbolic link loop"
        return f"cannot read file: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "symbolic link to a directory (not followed)"
    return f"not a regular file: {_KINDS.get(stat.S_IFMT(mode), 'a special file')}"


def _walk(path: Path) -> Iterator[Path]:
    """Files and links under ``path``, sorted, hidden ones skipped; directories are not followed
    through symbolic links (a loop cannot recurse)."""
    for child in sorted(path.rglob("*")):
        if any(p.startswith(".") for p in child.relative_to(path).parts):
            continue
        if child.is_symlink() or not child.is_dir():
            yield child


def read_path(path: Path, *, default_date: Date | None = None,
              max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    """Read one file, or walk a directory (sorted, hidden files skipped)."""
    if path.is_dir():
        for child in _walk(path):
            yield from _read_file(child, default_date, max_bytes)
        return
    yield from _read_file(path, default_date, max_bytes)


def _read_file(path: Path, default_date: Date | None, max_bytes: int) -> Iterator[Item]:
    origin = printable(str(path), 10_000)
    problem = _unreadable(path)
    if problem is not None:
        yield quarantine(origin, problem)
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
            kind = _BY_EXT.get(path.suffix.lower()) or _sniff(head)
            if kind == "feed" and path.suffix.lower() == ".xml" and _sniff(head) != "feed":
                kind = _sniff(head)
            if kind in _STREAMED:
                fh.seek(0)
                yield from _STREAMED[kind](fh, origin=origin, default_date=default_date,
                                           max_bytes=max_bytes)
                return
            size = path.stat().st_size
            if size > max_bytes:
                yield quarantine(origin, f"document too large ({size} bytes > {max_bytes}; "
                                         "setting max_document_bytes)")
                return
            data = head + fh.read()
    except OSError as exc:
        yield quarantine(origin, f"cannot read file: {exc.strerror or exc}")
        return
    yield from _read_bytes(data, origin, kind, default_date, max_bytes)


def read_inputs(inputs: Iterable[str | Path], *, default_date: Date | None = None,
                max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    """Read every input (``-`` is stdin) in order."""
    for raw in inputs:
        if str(raw) == "-":
            data = sys.stdin.buffer.read()
            yield from _read_bytes(data, "-", _sniff(data), default_date, max_bytes)
            continue
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            yield QuarantineItem(origin=printable(str(raw), 10_000), reason="no such file or directory")
            continue
        yield from read_path(path, default_date=default_date, max_bytes=max_bytes)
