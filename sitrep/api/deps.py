"""Dependencies: the app's state, the store, write authorisation, filters and paging."""

from __future__ import annotations

import math
import re
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..config import Settings
from ..errors import ConfigError
from ..pipeline import Pipeline
from ..schema import Doc, Document
from ..store import EventFilter, Store
from ..store.listing import QUEUE, SORTABLE
from ..store.review import STATUSES
from .errors import ApiError
from .models import IsoDate

__all__ = [
    "BBOX_PATTERN", "DEFAULT_TOKEN_NAME", "ApiState", "Coder", "FilterDep", "PageDep", "Paging",
    "SortDep", "StateDep", "StoreDep", "TOKENS_ENV", "WriterDep", "event_filter", "get_state",
    "install_tokens", "parse_tokens", "require_writer", "safe_id", "token_name", "token_settings",
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
    #: Named write tokens (name -> secret), each reviewer's own; see :func:`install_tokens`.
    tokens: dict[str, str] = field(default_factory=dict)


def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.sitrep
    return state


StateDep = Annotated[ApiState, Depends(get_state)]


def get_store(state: StateDep) -> Store:
    return state.store


StoreDep = Annotated[Store, Depends(get_store)]

#: The name the audit log gives the single token (``--token SECRET``, ``$SITREP_API_TOKEN``).
DEFAULT_TOKEN_NAME = "default"
_TOKEN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
_NAMED = re.compile(rf"({_TOKEN_NAME.pattern})=([^=\s].*)", re.DOTALL)


def parse_tokens(values: Iterable[str]) -> tuple[dict[str, str], str | None]:
    """Split token settings into named tokens and the single unnamed one.

    Each value is ``NAME=SECRET`` (a reviewer's own token; NAME: letters, digits, ``_.@-``, at
    most 64) or a bare ``SECRET`` (the single token, named ``default``). Blank values and ``#``
    comments (a tokens file's lines) are skipped. A name given twice, two bare secrets, or one
    secret under two names is a :class:`ConfigError`: the audit must name one reviewer per token.
    """
    named: dict[str, str] = {}
    single: str | None = None
    for raw in values:
        value = raw.strip()
        if not value or value.startswith("#"):
            continue
        match = _NAMED.fullmatch(value)
        if match is None:
            if single is not None:
                raise ConfigError("more than one unnamed token; name them NAME=SECRET", code="E140")
            single = value
            continue
        name, secret = match.group(1), match.group(2).strip()
        if name in named or name == DEFAULT_TOKEN_NAME and single is not None:
            raise ConfigError(f"token name {name!r} given twice", code="E141")
        named[name] = secret
    secrets_ = [*named.values(), *([single] if single else [])]
    if len(set(secrets_)) != len(secrets_):
        raise ConfigError("one secret is given under two names", code="E142")
    return named, single


#: Named tokens from the environment: ``NAME=SECRET`` entries separated by commas or whitespace.
TOKENS_ENV = "SITREP_API_TOKENS"


def token_settings(options: Iterable[str], *, env: str | None = None,
                   file: Path | None = None) -> list[str]:
    """Every token setting, in order: ``--token`` values, then ``$SITREP_API_TOKENS`` (``env``),
    then the lines of a tokens ``file`` (``NAME=SECRET`` a line; ``#`` starts a comment); for
    :func:`parse_tokens`. An unreadable file is a :class:`ConfigError`."""
    values = [*options, *re.split(r"[,\s]+", env or "")]
    if file is not None:
        try:
            values += file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read tokens file {file}: {exc}", code="E143") from exc
    return values


def install_tokens(state: ApiState, named: dict[str, str]) -> None:
    """Accept ``named`` tokens (name -> secret) on an app's state, besides its single token (which
    keeps working, as ``default``, unless it was only generated because none was given)."""
    for name, secret in named.items():
        if not _TOKEN_NAME.fullmatch(name) or not secret:
            raise ConfigError(f"token name {name!r} is not valid (letters, digits, _.@-)", code="E141")
    state.tokens.update(named)


def token_name(state: ApiState, given: bytes) -> str | None:
    """The name of the token ``given`` is, or None. Every token is compared, in constant time,
    so the answer's timing tells nothing about which token or how much of it matched."""
    candidates = list(state.tokens.items())
    if not (state.tokens and state.token_generated):
        candidates.append((DEFAULT_TOKEN_NAME, state.token))
    found: str | None = None
    for name, secret in candidates:
        if secrets.compare_digest(given, secret.encode("utf-8")) and given:
            found = found or name
    return found


_bearer = HTTPBearer(auto_error=False, description="the server's API token (writes only)")


def require_writer(
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """Every write needs ``Authorization: Bearer <token>``; returns the token's name, which the
    audit log records as the reviewer (never a name the request states)."""
    given = (credentials.credentials if credentials else "").encode("utf-8", "replace")
    name = token_name(state, given)
    if name is None:
        raise ApiError(401, "unauthorized", "a valid bearer token is needed to change data",
                       headers={"WWW-Authenticate": "Bearer"})
    return name


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

_SORT = f"^(-?({'|'.join(SORTABLE)})|{QUEUE})$"


def sort_order(
    sort: Annotated[str | None, Query(max_length=40, pattern=_SORT, description=(
        f"order of the list: one of {', '.join(SORTABLE)}; -name for descending; {QUEUE}: "
        "the review queue (not yet reviewed first, then the least confident)"))] = None,
) -> str | None:
    return sort or None


SortDep = Annotated[str | None, Depends(sort_order)]
