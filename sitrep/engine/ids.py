"""One id, one text: a document whose id a different text already holds is kept under a new id.

Why (issue 23): two reports may share an id (two feeds that both number from 1, a CSV exported
again after edits). Quarantining the second one lost a readable report; storing it under the id
of the first would mix their events. So the second is kept as ``<id>~<sha1(text)[:8]>`` with a
note saying so. The new id depends only on the text, so a re-run (or ``--resume``) finds the
document stored under that same id with the same text and skips it: re-running changes nothing.

The ids are decided where the jobs are planned, in one process, before any coding: events,
evidence and claims then carry the new id, whatever engine (workers, Dask) codes the document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING

from ..ingest.validate import FIELD_LIMITS
from ..schema import Document

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["DocumentIds", "Rename", "candidate_ids"]

#: Longest id the store keeps (the ``documents.id`` column).
_MAX_ID = FIELD_LIMITS["id"]


@dataclass(frozen=True)
class Rename:
    """A document kept under ``new`` because ``old`` was taken by a different text."""

    old: str
    new: str

    @property
    def note(self) -> str:
        return f"id {self.old!r} was already used by a different text; kept as {self.new!r}"


def _tagged(doc_id: str, tag: str) -> str:
    """``doc_id~tag`` within the id column (the original part is cut when too long)."""
    return f"{doc_id[:_MAX_ID - len(tag) - 1]}~{tag}"


def candidate_ids(doc_id: str, digest: str) -> Iterator[str]:
    """The ids a document may be kept under, in the order tried: its own, then ``id~`` and the
    first 8, 16 and 40 hex digits of its text's sha1, then ``id~<8 hex>-2``, ``-3``... (only a
    crafted input that takes each of those with another text gets that far). Never ends."""
    yield doc_id
    for width in (8, 16, 40):
        yield _tagged(doc_id, digest[:width])
    for n in count(2):
        yield _tagged(doc_id, f"{digest[:8]}-{n}")


class DocumentIds:
    """Gives each document of a run the id it is kept under (see the module docstring).

    Remembers the ids this run has given out, each with a 64-bit hash of its text (one small
    dict entry per document); ``store``, when given, holds the ids of earlier runs. The renames
    wait here, by input ordinal, until the result sink writes their note (:meth:`take`).
    """

    def __init__(self, store: Store | None = None) -> None:
        self.store = store
        self._given: dict[str, int] = {}
        self._pending: dict[int, Rename] = {}

    def assign(self, ordinal: int, document: Document) -> tuple[Document, bool]:
        """``document`` under the id it is kept as (a copy when renamed), and whether the store
        already holds that id with this text."""
        digest = hashlib.sha1(document.text.encode("utf-8")).hexdigest()
        key = int(digest[:16], 16)
        for candidate in candidate_ids(document.id, digest):
            given = self._given.get(candidate)
            if given is not None and given != key:
                continue  # an earlier document of this run, another text
            stored = self.store.stored_text(candidate) if self.store is not None else None
            if stored is not None and stored != document.text:
                continue  # an earlier run's document, another text
            self._given[candidate] = key
            if candidate == document.id:
                return document, stored is not None
            self._pending[ordinal] = Rename(document.id, candidate)
            return document.model_copy(update={"id": candidate}), stored is not None
        raise AssertionError("candidate_ids never ends")  # pragma: no cover

    def take(self, ordinal: int) -> Rename | None:
        """The rename of the item at ``ordinal`` (once: it is forgotten), or None."""
        return self._pending.pop(ordinal, None)
