"""Request (Create/Patch) and response (Public) models of the API."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from datetime import date as Date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
)

from ..ingest.validate import FIELD_LIMITS, check_text
from ..schema import Event
from ..store.review import AuditEntry, DocumentRecord, DocumentSummary, StoredEvent

__all__ = [
    "AuditPublic", "DocumentCreate", "DocumentCreated", "DocumentPage", "DocumentPublic",
    "DocumentSummaryPublic", "ErrorInfo", "ErrorResponse", "EventDetail", "EventPage", "EventPatch",
    "EventPlace", "EventPublic", "EventSplit", "EventSplitResult", "Health", "IsoDate",
    "MultiPolygonGeometry", "PlaceShape", "PlaceShapes", "PointsPublic", "PolygonGeometry", "SafeStr",
    "TaxonomyPublic", "ValueCount", "ValuesPublic", "check_text",
]  # fmt: skip


def aware(value: datetime) -> datetime:
    """Timestamps as RFC 3339 with an offset (SQLite hands them back naive, in UTC)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


SafeStr = Annotated[str, AfterValidator(check_text)]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: object) -> object:
    """Dates in requests are ``YYYY-MM-DD`` strings, as the OpenAPI schema says (pydantic alone
    would also take ``0`` or ``"0"`` as 1970-01-01)."""
    if value is None or isinstance(value, Date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError("dates are YYYY-MM-DD")


IsoDate = Annotated[Date, BeforeValidator(iso_date)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorInfo(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str
    detail: Any = None


class ErrorResponse(BaseModel):
    """Every error the API returns has this shape."""

    error: ErrorInfo


class EventPublic(Event):
    """An event as stored, with its review state."""

    status: str = Field(description="new | accepted | edited | rejected")

    @classmethod
    def of(cls, stored: StoredEvent) -> EventPublic:
        return cls.model_validate({**stored.event.model_dump(), "status": stored.status})


class EventPage(BaseModel):
    items: list[EventPublic]
    total: int
    limit: int
    offset: int


class ValueCount(BaseModel):
    value: str
    count: int = Field(description="events with this value")


class ValuesPublic(BaseModel):
    """The distinct values of one field, most frequent first."""

    field: str
    values: list[ValueCount]


class TaxonomyPublic(BaseModel):
    """ACLED's codebook as the review pickers offer it (sitrep.taxonomy)."""

    event_types: dict[str, list[str]] = Field(description="event type -> its sub-event types")
    inter: dict[str, str] = Field(description="inter code -> actor category")
    disorder_types: dict[str, str] = Field(description="sub-event type -> disorder type")


class PointsPublic(BaseModel):
    """Compact rows for the map and timeline."""

    columns: list[str]
    rows: list[list[Any]]
    total: int
    truncated: bool


class AuditPublic(BaseModel):
    id: int
    action: str
    who: str
    at: datetime
    before: dict[str, Any]
    after: dict[str, Any]
    note: str | None = None

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditPublic:
        return cls(id=entry.id, action=entry.action, who=entry.who, at=aware(entry.at),
                   before=entry.before, after=entry.after, note=entry.note)


class DocumentSummaryPublic(BaseModel):
    id: str
    date: Date | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = None
    n_events: int
    ingested_at: datetime

    @classmethod
    def of(cls, s: DocumentSummary) -> DocumentSummaryPublic:
        return cls(id=s.id, date=s.date, source=s.source, title=s.title, url=s.url,
                   language=s.language, n_events=s.n_events, ingested_at=aware(s.ingested_at))


class DocumentPublic(DocumentSummaryPublic):
    text: str
    events: list[EventPublic] = Field(default_factory=list)

    @classmethod
    def of_record(cls, r: DocumentRecord, *, with_events: bool = True) -> DocumentPublic:
        base = DocumentSummaryPublic.of(r.summary).model_dump()
        events = [EventPublic.of(e) for e in r.events] if with_events else []
        return cls(**base, text=r.text, events=events)


class DocumentPage(BaseModel):
    items: list[DocumentSummaryPublic]
    total: int
    limit: int
    offset: int


class EventDetail(BaseModel):
    """One event with the documents behind it (text for its evidence spans) and its audit trail."""

    event: EventPublic
    documents: list[DocumentPublic]
    merged_from: list[str] = Field(description="document ids when the event merges several reports")
    audit: list[AuditPublic]


class DocumentCreate(_In):
    """A report to code on arrival."""

    text: Annotated[SafeStr, Field(min_length=1, max_length=1_000_000)]
    id: Annotated[SafeStr, Field(min_length=1, max_length=FIELD_LIMITS["id"])] | None = Field(
        default=None, description="document id; default: a hash of the text")
    date: IsoDate | None = Field(default=None, description="publication date")
    source: Annotated[SafeStr, Field(max_length=FIELD_LIMITS["source"])] | None = None
    url: Annotated[SafeStr, Field(max_length=FIELD_LIMITS["url"])] | None = None
    title: Annotated[SafeStr, Field(max_length=FIELD_LIMITS["title"])] | None = None
    language: Annotated[SafeStr, Field(max_length=FIELD_LIMITS["language"])] | None = None
    country: Annotated[SafeStr, Field(max_length=FIELD_LIMITS["country"])] | None = None

    @field_validator("id", "text")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        """The file readers' rule too (:mod:`sitrep.ingest.validate`): blank is no id or text."""
        if value is not None and not value.strip():
            raise ValueError("must not be blank")
        return value


class DocumentCreated(BaseModel):
    created: bool = Field(description="false when the document was already stored (no-op)")
    document: DocumentSummaryPublic
    events: list[EventPublic]


def _check_values(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """Edited field values are scalars a database column can hold."""
    for v in (value or {}).values():
        if isinstance(v, str):
            check_text(v)
        elif v is not None and not isinstance(v, (int, float, bool)):
            raise ValueError("field values must be strings, numbers, booleans or null")
    return value


class EventPatch(_In):
    """A review action: accept, reject, or edit fields (ACLED/UCDP columns)."""

    action: Literal["accept", "reject", "edit"]
    fields: dict[SafeStr, Any] | None = Field(
        default=None, description="for edit: field name -> new value", min_length=1, max_length=60)
    reviewer: Annotated[SafeStr, Field(min_length=1, max_length=200)] | None = None
    note: Annotated[SafeStr, Field(max_length=2000)] | None = None

    @field_validator("fields")
    @classmethod
    def _clean_values(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        return _check_values(value)


class EventSplit(_In):
    """Split an event in two: move documents out of a merged event, or make a second event from a
    single report with edited fields (both may be given: the fields apply to the new event)."""

    documents: list[Annotated[SafeStr, Field(min_length=1, max_length=255)]] | None = Field(
        default=None, min_length=1, max_length=500,
        description="ids of the documents whose reports move to the new event")
    fields: dict[SafeStr, bool | int | float | SafeStr | None] | None = Field(
        default=None, min_length=1, max_length=60,
        description="field name -> value of the new event (ACLED/UCDP columns)")
    reviewer: Annotated[SafeStr, Field(min_length=1, max_length=200)] | None = None
    note: Annotated[SafeStr, Field(max_length=2000)] | None = None


class EventSplitResult(BaseModel):
    """Both events after a split: the original (same id) and the new one."""

    original: EventDetail
    created: EventDetail


Position = Annotated[list[float], Field(min_length=2, max_length=3, description="[lon, lat]")]


class PolygonGeometry(BaseModel):
    type: Literal["Polygon"]
    coordinates: list[list[Position]] = Field(description="rings: outer, then holes")


class MultiPolygonGeometry(BaseModel):
    type: Literal["MultiPolygon"]
    coordinates: list[list[list[Position]]]


class PlaceProperties(BaseModel):
    uid: str
    name: str
    kind: str = Field(description="neighbourhood, village, admin3, ... (gazetteer kinds)")
    lat: float
    lon: float


class PlaceShape(BaseModel):
    """A gazetteer place's outline as a GeoJSON Feature (simplified to about 20 m)."""

    type: Literal["Feature"]
    id: str
    geometry: Annotated[PolygonGeometry | MultiPolygonGeometry, Field(discriminator="type")]
    properties: PlaceProperties


class PlaceShapes(BaseModel):
    """A GeoJSON FeatureCollection of outlines."""

    type: Literal["FeatureCollection"]
    features: list[PlaceShape]
    truncated: bool = Field(description="more outlines lie in the box than the limit")


class EventPlace(BaseModel):
    event: str
    place: PlaceShape | None = Field(description="null when the gazetteer has no outline for it")


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    database: str
    events: int
    documents: int
