"""Documents as the learned merge decision sees them (:class:`sitrep.dedup.features.DocContext`).

Kept apart from :mod:`.merges` (which stays the write path): the contexts of a batch's incoming
documents come from the coded ``Doc``; those of the stored reports it may merge into are read
from the ``documents`` table in one query per 400 ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from ..dedup.features import DocContext, doc_context
from ..dedup.index import MergeIndex
from ..nlp.reading import ReadingText
from ..nlp.segment import segment_text
from ..resources import Resources
from ..schema import Doc
from . import tables as t

__all__ = ["incoming_contexts", "stored_contexts"]

_CHUNK = 400


def incoming_contexts(docs: Iterable[Doc]) -> dict[str, DocContext]:
    """Context of each incoming document, by id, from its text as the stages read it (a wire
    story in capitals gives the names of its ordinary-case reading; :mod:`sitrep.nlp.reading`)."""
    return {d.document.id: doc_context(d.text, published=d.document.date, title=d.document.title,
                                       source=d.document.source) for d in docs}


@lru_cache(maxsize=1)
def _reader() -> ReadingText:
    """One reader per process for stored reports (its lexicon and gazetteer load only when a
    stored report is written in capitals)."""
    return ReadingText(Resources())


def _reading(text: str) -> str:
    """A stored report's text as the stages read it, as its incoming context was built."""
    return _reader().text_of(text, segment_text)


def stored_contexts(conn: Any, index: MergeIndex) -> None:
    """Add to ``index.contexts`` the stored documents of every report the index holds."""
    ids = sorted({r.doc_id for c in index.clusters.values() for r in c.reports
                  if r.doc_id and r.doc_id not in index.contexts})
    cols = (t.documents.c.id, t.documents.c.text, t.documents.c.date, t.documents.c.title, t.documents.c.source)
    for i in range(0, len(ids), _CHUNK):
        for row in conn.execute(select(*cols).where(t.documents.c.id.in_(ids[i:i + _CHUNK]))):
            index.contexts[row.id] = doc_context(_reading(row.text or ""), published=row.date, title=row.title,
                                                 source=row.source)
