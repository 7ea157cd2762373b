"""/api/documents: list, one document with its events, POST a report (coded on arrival)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from ...errors import SitrepError, StoreError
from ...ingest.text import content_id
from ...schema import Document, QuarantineItem
from ...store.review import get_document, list_documents
from ..deps import PageDep, StateDep, StoreDep, WriterDep, safe_id
from ..errors import ApiError
from ..models import (
    DocumentCreate,
    DocumentCreated,
    DocumentPage,
    DocumentPublic,
    DocumentSummaryPublic,
    EventPublic,
)  # fmt: skip

__all__ = ["router"]

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.get("", response_model=DocumentPage, summary="List documents, newest first")
def documents_list(store: StoreDep, page: PageDep,
                   q: Annotated[str | None, Query(max_length=300,
                                                  description="text in id, title or source, or words of the report (as the events' q)")] = None,
                   ) -> DocumentPage:
    if q is not None and "\x00" in q:
        raise ApiError(422, "validation_error", "q must not contain NUL characters")
    items, total = list_documents(store, limit=page.limit, offset=page.offset, q=q or None)
    return DocumentPage(items=[DocumentSummaryPublic.of(s) for s in items], total=total,
                        limit=page.limit, offset=page.offset)


@router.get("/{doc_id:path}", response_model=DocumentPublic,
            summary="One document: its text and the events coded from it")
def documents_get(store: StoreDep, doc_id: str) -> DocumentPublic:
    record = get_document(store, safe_id(doc_id, "document"))
    if record is None:
        raise ApiError(404, "not_found", f"no document {doc_id!r}")
    return DocumentPublic.of_record(record)


def _stored(store: StoreDep, doc_id: str, created: bool) -> DocumentCreated:
    record = get_document(store, doc_id)
    if record is None:  # pragma: no cover - just written or found
        raise ApiError(500, "internal_error", "the document vanished")
    return DocumentCreated(created=created, document=DocumentSummaryPublic.of(record.summary),
                           events=[EventPublic.of(e) for e in record.events])


@router.post("", response_model=DocumentCreated, status_code=201,
             responses={200: {"model": DocumentCreated, "description": "already stored (no-op)"}},
             summary="Code a report and store it with its events (token needed)")
def documents_post(state: StateDep, _writer: WriterDep, body: DocumentCreate,
                   response: Response) -> DocumentCreated:
    doc_id = body.id or content_id(body.text)
    if state.store.has_document(doc_id):
        response.status_code = 200
        return _stored(state.store, doc_id, created=False)
    document = Document(id=doc_id, text=body.text, date=body.date, source=body.source,
                        url=body.url, title=body.title, language=body.language,
                        country=body.country, origin="api")
    try:
        doc = state.coder(document)
    except StoreError:
        raise
    except (SitrepError, ValueError, RecursionError) as exc:
        # never silently dropped: kept in quarantine, as the batch runner does
        reason = f"coding failed: {exc}" if isinstance(exc, SitrepError) else \
            f"coding failed: {type(exc).__name__}: {exc}"
        state.store.quarantine(QuarantineItem(origin=f"api:{doc_id}", reason=reason[:500],
                                              raw=body.text[:500]))
        code = exc.code if isinstance(exc, SitrepError) else "E000"
        raise ApiError(422, "coding_failed", "the report could not be coded; it was quarantined",
                       detail={"sitrep_code": code, "reason": reason[:500]}) from exc
    try:
        created = state.store.add(doc)
    except StoreError as exc:
        if exc.code == "E412":
            raise ApiError(409, "conflict", "an event of this report clashes with a stored one",
                           detail={"sitrep_code": exc.code}) from exc
        raise
    if not created:
        response.status_code = 200
    return _stored(state.store, doc_id, created=created)
