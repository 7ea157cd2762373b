"""Dependencies: the app's state, the store, write authorisation, filters and paging."""

from __future__ import annotations

import math
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..config import Settings
from ..pipeline import Pipeline
from ..schema import Doc, Document
from ..store import EventFilter, Store
from ..store.listing import SORTABLE
from ..store.review import STATUSES
from .errors import ApiError
from .models import IsoDate

__all__ = [
    "BBOX_PATTERN", "ApiState", "Coder", "FilterDep", "PageDep", "Paging", "SortDep", "StateDep",
    "StoreDep", "WriterDep", "event_filter", "get_state", "require_writer", "safe_id",
]  # fmt: skip


class Coder:
    """The Pipeline, built on first use and shared by the requests of one app (one at a time)."""

    def __init__(self, settings: Settings,
                 pipeline: Callable[[Document], Doc] | None = None) -> None:
        self._settings = settings
        self._pipeline: Callable[[Document], Doc] | None = pipeline
        self._lock = threading.Lock()

    def __call__(self, document: Document) -> Doc:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self._settings)
            return self._pipeline(document)


@dataclass
class ApiState:
    """Everything the routes share; one per app, built by ``create_app``."""

    settings: Settings
    store: Store
    token: str
    token_generated: bool
    coder: Coder
    max_body: int
    database: str
    extra: dict[str, Any] = field(default_factory=dict)


def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.sitrep
    return state


StateDep = Annotated[ApiState, Depends(get_state)]


def get_store(state: StateDep) -> Store:
    return state.store


StoreDep = Annotated[Store, Depends(get_store)]

_bearer = HTTPBearer(auto_error=False, description="the server's API token (writes only)")


def require_writer(
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """Every write needs ``Authorization: Bearer <token>``; returns a label for the audit log."""
    given = credentials.credentials if credentials else ""
    if not given or not secrets.compare_digest(given.encode("utf-8", "replace"),
                                               state.token.encode("utf-8")):
        raise ApiError(401, "unauthorized", "a valid bearer token is needed to change data",
                       headers={"WWW-Authenticate": "Bearer"})
    return "token"


WriterDep = Annotated[str, Depends(require_writer)]


def safe_id(value: str, what: str) -> str:
    """Ids from the path: anything a database cannot hold cannot name a row (404)."""
    if "\x00" in value or len(value) > 1000 or not value.isprintable():
        raise ApiError(404, "not_found", f"no {what} with that id")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(404, "not_found", f"no {what} with that id") from None
    return value


def _text(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if "\x00" in value or len(value) > 300:
        raise ApiError(422, "validation_error", f"{name} is not valid",
                       detail=[{"loc": ["query", name], "msg": "no NUL, at most 300 characters",
                                "type": "value_error"}])
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(422, "validation_error", f"{name} is not valid Unicode") from None
    return value


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = [float(p) for p in value.split(",")]
    except ValueError:
        parts = []
    ok = (len(parts) == 4 and all(math.isfinite(p) for p in parts)
          and -180 <= parts[0] <= parts[2] <= 180 and -90 <= parts[1] <= parts[3] <= 90)
    if not ok:
        raise ApiError(422, "validation_error", "bbox must be minlon,minlat,maxlon,maxlat",
                       detail=[{"loc": ["query", "bbox"], "msg": "four finite numbers, min <= max, "
                                "longitudes in [-180, 180], latitudes in [-90, 90]",
                                "type": "value_error"}])
    return parts[0], parts[1], parts[2], parts[3]


_NUM = r"\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*"
_BBOX = f"^{_NUM},{_NUM},{_NUM},{_NUM}$"
BBOX_PATTERN = _BBOX  # minlon,minlat,maxlon,maxlat (checked further by parse_bbox)
_Str = Annotated[str | None, Query(max_length=300)]


def event_filter(
    date_from: Annotated[IsoDate | None, Query(description="first event date (YYYY-MM-DD)")] = None,
    date_to: Annotated[IsoDate | None, Query(description="last event date (YYYY-MM-DD)")] = None,
    bbox: Annotated[str | None, Query(max_length=200, pattern=_BBOX,
                                      description="minlon,minlat,maxlon,maxlat")] = None,
    country: Annotated[str | None, Query(max_length=300, description=(
        "country name, ignoring case and accents"))] = None,
    admin1: Annotated[str | None, Query(max_length=300, description=(
        "words of the admin1 name, ignoring case and accents (Hudaydah: Al Ḩudaydah)"))] = None,
    event_type: _Str = None,
    sub_event_type: _Str = None,
    actor: Annotated[str | None, Query(max_length=300, description="substring of actor1/actor2")] = None,
    q: Annotated[str | None, Query(max_length=300, description=(
        "words in the reports (title and text: all words, \"a phrase\", or, -word) or in the "
        "location, admin1, actor and type names"))] = None,
    status: Annotated[Literal["new", "accepted", "edited", "rejected"] | None, Query()] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=2**31 - 1,
                                                description="at least this many fatalities")] = None,
) -> EventFilter:
    assert status is None or status in STATUSES
    return EventFilter(
        date_from=date_from, date_to=date_to, bbox=parse_bbox(bbox),
        country=_text("country", country), admin1=_text("admin1", admin1),
        event_type=_text("event_type", event_type),
        sub_event_type=_text("sub_event_type", sub_event_type), actor=_text("actor", actor),
        text=_text("q", q), status=status, min_fatalities=min_fatalities)


FilterDep = Annotated[EventFilter, Depends(event_filter)]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=1000, description="page size")] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000_000, description="rows to skip")] = 0,
) -> Paging:
    return Paging(limit=limit, offset=offset)


PageDep = Annotated[Paging, Depends(paging)]

_SORT = f"^-?({'|'.join(SORTABLE)})$"


def sort_order(
    sort: Annotated[str | None, Query(max_length=40, pattern=_SORT, description=(
        f"order of the list: one of {', '.join(SORTABLE)}; -name for descending"))] = None,
) -> str | None:
    return sort or None


SortDep = Annotated[str | None, Depends(sort_order)]
