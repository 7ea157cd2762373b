"""``create_app``: the FastAPI app for the API and the web UI. Nothing is built at import."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .._version import __version__
from ..config import Settings
from ..schema import Doc, Document
from ..store import normalise_url, open_store
from .deps import ApiState, Coder
from .errors import install_error_handlers
from .middleware import (LOOPBACK_HOSTS, BodyLimitMiddleware, HostAllowListMiddleware,
                         SecurityHeadersMiddleware)
from .models import ErrorResponse
from .routes import control, documents, events, export, health, merges, places, web

__all__ = ["DEFAULT_MAX_BODY", "TOKEN_ENV", "create_app"]

TOKEN_ENV = "SITREP_API_TOKEN"
DEFAULT_MAX_BODY = 2 * 1024 * 1024
_log = logging.getLogger("sitrep.api")

_DESCRIPTION = """\
Coded conflict events with their evidence, and the review workflow.

Reading is open (the server binds to 127.0.0.1 by default). Every write
(`POST /api/documents`, `PATCH /api/events/{id}`, `POST /api/events/{id}/split`,
`POST /api/merges/{id}/undo`) needs `Authorization: Bearer <token>`.
Every error has the shape `{"error": {"code", "message", "detail"}}`.
"""


def create_app(
    settings: Settings | None = None,
    *,
    db_url: str,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    cors_origins: Sequence[str] = (),
    pipeline: Callable[[Document], Doc] | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """Build the app over the database at ``db_url`` (migrated on open).

    - ``settings``: pipeline settings for coding posted reports (the Pipeline loads on first POST).
    - ``token``: bearer token for writes; default ``$SITREP_API_TOKEN``, else a random one
      (``app.state.sitrep.token_generated`` is then true, so the caller can show it).
    - ``max_body``: request body limit in bytes (413 above it).
    - ``cors_origins``: origins allowed cross-site; none by default (CORS off).
    - ``pipeline``: a ready Pipeline (or any ``Document -> Doc`` callable) to code posted reports.
    - ``allowed_hosts``: the ``Host`` names answered (400 ``bad_host`` otherwise), against DNS
      rebinding; None (the default) answers only the loopback names (``LOOPBACK_HOSTS``), so an
      embedded app is safe unless its caller names more; ``sitrep serve`` adds its ``--host`` and
      ``--allowed-host``; ``["*"]`` answers any host.
    """
    settings = settings or Settings()
    given = token or os.environ.get(TOKEN_ENV) or ""
    store = open_store(db_url)
    url = normalise_url(db_url)
    state = ApiState(
        settings=settings, store=store, token=given or secrets.token_urlsafe(24),
        token_generated=not given, coder=Coder(settings, pipeline), max_body=max_body,
        database="sqlite" if url.startswith("sqlite") else url.split(":", 1)[0].split("+")[0])

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.dispose()
        gazetteer = state.extra.get("gazetteer")
        if gazetteer is not None:
            gazetteer.close()

    app = FastAPI(
        title="sitrep", version=__version__, description=_DESCRIPTION, lifespan=lifespan,
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,  # docs pages use a CDN
        responses={code: {"model": ErrorResponse, "description": text} for code, text in (
            (400, "unreadable body or Host not allowed"), (401, "no valid token"), (404, "not found"), (413, "body too large"),
            (422, "invalid request"))},
    )
    app.state.sitrep = state
    install_error_handlers(app)
    for module in (health, events, documents, export, control, merges, places, web):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=web.static_dir()), name="static")
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins),
                           allow_methods=["GET", "POST", "PATCH"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)
    app.add_middleware(HostAllowListMiddleware,
                       allowed=LOOPBACK_HOSTS if allowed_hosts is None else allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)
    if state.token_generated:
        _log.warning("no API token configured: generated one for this run")
    return app
