"""Plain text -> Document."""

from __future__ import annotations

import hashlib
from datetime import date as Date

from ..schema import Document

__all__ = ["content_id", "document_from_text"]


def content_id(text: str) -> str:
    """Stable document id from the content hash."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def document_from_text(text: str, *, date: Date | None = None, origin: str | None = None,
                       **fields: object) -> Document:
    return Document(id=content_id(text), text=text, date=date, origin=origin, **fields)  # type: ignore[arg-type]
