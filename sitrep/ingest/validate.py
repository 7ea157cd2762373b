"""One set of rules for what a document may hold, shared by every entry point.

Why: the database columns bound what can be stored (an id of 255 characters, a source of 500),
PostgreSQL refuses NUL characters where SQLite takes them, and SQLite's driver refuses lone
surrogates where PostgreSQL's would too, but later. Checking once, before anything is written,
makes both databases accept and reject exactly the same documents, and lets the reason name the
field and the position instead of surfacing as a database error that stops a run. The file
readers, the API request models and the store all call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ..schema import Document

__all__ = [
    "DEFAULT_MAX_DOCUMENT_BYTES", "FIELD_LIMITS", "Problem", "check_text", "document_problem",
    "printable", "text_problem",
]  # fmt: skip

#: Largest document (its text, UTF-8 encoded) or JSONL line / CSV row a reader accepts by default
#: (setting ``max_document_bytes``). Larger files are streamed; only the one document is refused.
DEFAULT_MAX_DOCUMENT_BYTES: Final = 50 * 1024 * 1024

#: Longest value, in characters, of each optional document field (the columns of
#: :mod:`sitrep.store.tables` where they are bounded, the API's limits where they are not).
FIELD_LIMITS: Final[dict[str, int]] = {
    "id": 255, "source": 500, "url": 2000, "title": 2000, "language": 16, "country": 120,
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """Why a document cannot be stored: the field and what is wrong with it."""

    field: str
    reason: str

    def __str__(self) -> str:
        return f"invalid field {self.field!r}: {self.reason}"


def text_problem(value: str) -> str | None:
    """What no database column can hold in ``value`` (NUL, a lone surrogate), or None.

    Positions are 1-based characters. A surrogate U+DC80..U+DCFF is how an undecodable byte reads
    after ``surrogateescape``, so the reason names that byte too.
    """
    nul = value.find("\x00")
    if nul >= 0:
        return f"NUL character (U+0000) at character {nul + 1}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        cp = ord(value[exc.start])
        hint = f" (undecodable byte 0x{cp - 0xDC00:02X})" if 0xDC80 <= cp <= 0xDCFF else ""
        return f"lone surrogate U+{cp:04X} at character {exc.start + 1}{hint}"
    return None


def check_text(value: str) -> str:
    """``value`` unchanged, or ValueError saying what no database column can hold (API models)."""
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(f"must not contain a {problem}")
    return value


def _field_problem(name: str, value: str | None, limit: int | None) -> Problem | None:
    if value is None:
        return None
    problem = text_problem(value)
    if problem is not None:
        return Problem(name, problem)
    if limit is not None and len(value) > limit:
        return Problem(name, f"{len(value)} characters, at most {limit} allowed")
    return None


def document_problem(doc: Document, *,
                     max_text_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Problem | None:
    """The first rule ``doc`` breaks, or None when every database accepts it."""
    if not doc.id.strip():
        return Problem("id", "empty")
    if not doc.text.strip():
        return Problem("text", "empty")
    for name, limit in FIELD_LIMITS.items():
        found = _field_problem(name, getattr(doc, name), limit)
        if found is not None:
            return found
    found = _field_problem("text", doc.text, None) or _field_problem("origin", doc.origin, None)
    if found is not None:
        return found
    size = len(doc.text.encode("utf-8"))
    if size > max_text_bytes:
        return Problem("text", f"{size} bytes, at most {max_text_bytes} allowed "
                               "(setting max_document_bytes)")
    return None


def printable(value: str, limit: int = 200) -> str:
    """The first ``limit`` characters of ``value`` in a form every database stores: NUL and lone
    surrogates written as escapes (for quarantine rows and messages)."""
    head = value[:limit]
    if text_problem(head) is None:
        return head
    head = head.replace("\x00", "\\x00")
    return head.encode("utf-8", "backslashreplace").decode("utf-8")
