"""Building a Document from what a reader found, through the validation rules, or saying why not.

Every reader goes through :func:`make_document`, so a document leaves ``sitrep.ingest`` either
valid for every database (:mod:`.validate`) or as a :class:`QuarantineItem` naming the file, the
line and the field.
"""

from __future__ import annotations

import json
from datetime import date as Date
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from ..schema import Document, QuarantineItem
from .decode import find_pub_date
from .text import content_id
from .validate import DEFAULT_MAX_DOCUMENT_BYTES, document_problem, printable

__all__ = ["Item", "doc_from_mapping", "make_document", "parse_date", "quarantine"]

Item = Document | QuarantineItem


def quarantine(origin: str, reason: str, line: int | None = None,
               raw: str | bytes | None = None) -> QuarantineItem:
    """A quarantine item whose raw excerpt every database can store."""
    if isinstance(raw, bytes):
        raw = raw[:200].decode("utf-8", "replace")
    return QuarantineItem(origin=printable(origin, 10_000), line=line, reason=printable(reason, 2000),
                          raw=printable(raw) if raw else None)


def make_document(*, where: str, line: int | None = None,
                  max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES, **fields: Any) -> Item:
    """A validated Document from ``fields``, or the quarantine item (at ``where``, ``line``)
    saying which rule it breaks."""
    text = fields.get("text")
    try:
        doc = Document(**fields)
    except ValidationError as exc:
        return quarantine(where, f"invalid document: {exc.errors()[0]['msg']}", line,
                          text if isinstance(text, str) else None)
    problem = document_problem(doc, max_text_bytes=max_bytes)
    if problem is not None:
        return quarantine(where, str(problem), line, doc.text)
    return doc


def parse_date(value: Any) -> Date | None:
    """A publication date from ISO text (a time part is allowed) or a dateline; None if absent."""
    if value in (None, ""):
        return None
    if isinstance(value, Date):
        return value
    s = str(value).strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    return find_pub_date(s, head_lines=1)


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)[:200]


def doc_from_mapping(obj: dict[str, Any], origin: str, line: int, default_date: Date | None, *,
                     max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Item:
    """One JSONL object or CSV row -> Document | QuarantineItem (origin ``file:line``)."""
    text = obj.get("text")
    if not isinstance(text, str):
        return quarantine(origin, "missing or non-string 'text' field", line, _dump(obj))
    if not text.strip():
        return quarantine(origin, "empty 'text' field", line)
    try:
        date = parse_date(obj.get("date"))
    except (TypeError, ValueError, OverflowError):
        date = None
    if obj.get("date") and date is None:
        return quarantine(origin, f"unparseable date {printable(str(obj.get('date')), 80)!r}", line,
                          text)
    fields = {k: (str(obj[k]) if obj.get(k) is not None else None)
              for k in ("source", "url", "title", "language", "country")}
    raw_id = obj.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") else content_id(text)
    # no date field: a dateline in the text's first lines dates it, as it does a text file
    return make_document(where=origin, line=line, max_bytes=max_bytes, id=doc_id, text=text,
                         date=date or find_pub_date(text) or default_date, origin=f"{origin}:{line}", **fields)
