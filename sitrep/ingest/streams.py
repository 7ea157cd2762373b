"""Streamed many-document formats: JSONL and CSV, one line or row at a time.

Why streamed and per line: a corpus file may be larger than memory, and one bad byte, one NUL or
one over-long line must cost that line only, never the thousands of good documents around it.
JSONL lines are split on ``\\n`` only (never ``str.splitlines()``, which also breaks at U+2028,
U+0085 and other characters that are valid inside a JSON string). The size limit applies to each
line or row (setting ``max_document_bytes``), not to the file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date as Date
from typing import IO, Any

from .decode import looks_binary
from .documents import Item, doc_from_mapping, quarantine
from .validate import DEFAULT_MAX_DOCUMENT_BYTES

__all__ = ["TEXT_COLUMNS", "iter_lines", "read_csv", "read_csv_stream", "read_jsonl",
           "read_jsonl_stream"]

TEXT_COLUMNS = ("text", "body", "content", "article", "notes", "story")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def iter_lines(fh: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line number, line bytes without the newline, size)``; bytes None when the line is
    longer than ``max_bytes`` (it is skipped without being held in memory)."""
    lineno = 0
    while True:
        chunk = fh.readline(max_bytes + 1)
        if not chunk:
            return
        lineno += 1
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            size = len(chunk)
            while chunk and not chunk.endswith(b"\n"):
                chunk = fh.readline(1 << 20)
                size += len(chunk)
            yield lineno, None, size
            continue
        line = chunk[:-1] if chunk.endswith(b"\n") else chunk
        yield lineno, line[:-1] if line.endswith(b"\r") else line, len(chunk)


def _text_lines(text: str, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """Lines of an already decoded text (UTF-16 files, read whole), re-encoded as UTF-8."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        raw = line.rstrip("\r").encode("utf-8", "surrogatepass")
        yield lineno, raw if len(raw) <= max_bytes else None, len(raw)


def _json_line(raw: bytes, origin: str, lineno: int, default_date: Date | None,
               max_bytes: int) -> Item | None:
    if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        return None
    if b"\x00" in raw:
        return quarantine(origin, "NUL byte in the line (binary content, not JSON)", lineno, raw)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return quarantine(origin, f"invalid UTF-8 at byte {exc.start + 1} of the line: {exc.reason}",
                          lineno, raw)
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nesting too deep"
        return quarantine(origin, f"malformed JSON: {reason}", lineno, line)
    if not isinstance(obj, dict):
        return quarantine(origin, f"expected a JSON object, got {type(obj).__name__}", lineno, line)
    return doc_from_mapping(obj, origin, lineno, default_date, max_bytes=max_bytes)


def read_jsonl_stream(fh: IO[bytes], *, origin: str, default_date: Date | None = None,
                      max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    """One Document or QuarantineItem per non-blank line of a binary stream."""
    head = fh.read(2)
    fh.seek(0)
    lines = iter_lines(fh, max_bytes)
    if head in _UTF16_BOMS:
        try:
            lines = _text_lines(fh.read().decode("utf-16"), max_bytes)
        except UnicodeDecodeError as exc:
            yield quarantine(origin, f"invalid UTF-16: {exc.reason}")
            return
    seen = False
    for lineno, raw, size in lines:
        if raw is None:
            seen = True
            yield quarantine(origin, f"line too long ({size} bytes > {max_bytes}; setting "
                                     "max_document_bytes)", lineno)
            continue
        item = _json_line(raw, origin, lineno, default_date, max_bytes)
        if item is not None:
            seen = True
            yield item
    if not seen:
        yield quarantine(origin, "empty file")


def read_jsonl(data: bytes, *, origin: str, default_date: Date | None = None,
               max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    """:func:`read_jsonl_stream` over bytes already in memory."""
    yield from read_jsonl_stream(io.BytesIO(data), origin=origin, default_date=default_date,
                                 max_bytes=max_bytes)


def _row_mapping(row: dict[str | None, Any], col: str) -> dict[str, Any]:
    obj: dict[str, Any] = {k: v for k, v in row.items() if k is not None}
    obj["text"] = obj.get(col)
    if col == "notes" and not obj.get("id"):
        obj["id"] = obj.get("event_id_cnty") or None
    if not obj.get("date") and obj.get("event_date"):
        obj["date"] = None  # an ACLED event date is not a publication date
    return obj


def read_csv_stream(fh: IO[bytes], *, origin: str, default_date: Date | None = None,
                    max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    """One Document or QuarantineItem per CSV row (a ``.tsv`` origin is tab-separated).

    Bytes that are not UTF-8 are kept as surrogate escapes, so the validation rules quarantine the
    row that holds them, naming the byte, and the other rows are read.
    """
    head = fh.read(4096)
    fh.seek(0)
    if not head.strip():
        yield quarantine(origin, "empty file")
        return
    encoding = "utf-16" if head[:2] in _UTF16_BOMS else "utf-8-sig"
    if encoding != "utf-16" and looks_binary(head):
        yield quarantine(origin, "binary content (control characters), not a CSV file", 1, head)
        return
    text = io.TextIOWrapper(fh, encoding=encoding, errors="surrogateescape", newline="")
    csv.field_size_limit(max(max_bytes, 1024))
    delimiter = "\t" if origin.lower().endswith(".tsv") else ","
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        col = next((c for c in TEXT_COLUMNS if c in header), None)
        if col is None:
            yield quarantine(origin, f"no text column (looked for {', '.join(TEXT_COLUMNS)}; found "
                             f"{', '.join(header) or 'none'})", 1)
            return
        reader.fieldnames = header
        for row in reader:
            yield doc_from_mapping(_row_mapping(row, col), origin, reader.line_num, default_date,
                                   max_bytes=max_bytes)
    except csv.Error as exc:
        yield quarantine(origin, f"malformed CSV: {exc} (rows after it not read)", reader.line_num)
    except UnicodeDecodeError as exc:
        yield quarantine(origin, f"invalid UTF-16: {exc.reason} (rows after it not read)",
                         reader.line_num)
    finally:
        text.detach()


def read_csv(data: bytes, *, origin: str, default_date: Date | None = None,
             max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    """:func:`read_csv_stream` over bytes already in memory."""
    yield from read_csv_stream(io.BytesIO(data), origin=origin, default_date=default_date,
                               max_bytes=max_bytes)
