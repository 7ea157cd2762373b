"""One JSON error shape for every error the API returns.

    {"error": {"code": "not_found", "message": "no event 'X'", "detail": null}}

``code`` is a stable snake_case word, ``message`` a sentence for people, ``detail`` optional
structure (validation errors list ``{"loc", "msg", "type"}``).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import SitrepError, StoreError
from ..store.review import EventNotFoundError, InvalidEditError
from ..store.split import InvalidSplitError

__all__ = ["ApiError", "error_body", "error_response", "install_error_handlers"]

_log = logging.getLogger("sitrep.api")

_STATUS_CODES: dict[int, str] = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
    415: "unsupported_media_type", 422: "validation_error", 500: "internal_error",
    503: "unavailable",
}  # fmt: skip


class ApiError(Exception):
    """An error the API answers with on purpose."""

    def __init__(self, status: int, code: str, message: str, *, detail: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = headers


def error_body(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "detail": detail}}


def error_response(status: int, code: str, message: str, detail: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, detail), status_code=status, headers=headers)


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))} for e in exc.errors()]


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.detail, exc.headers)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    return error_response(exc.status_code, code, message, None, getattr(exc, "headers", None))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "validation_error", "the request is not valid",
                          _validation_detail(exc))


async def _sitrep_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SitrepError)
    if isinstance(exc, EventNotFoundError):
        return error_response(404, "not_found", exc.message)
    if isinstance(exc, InvalidSplitError):
        return error_response(422, "invalid_split", exc.message, exc.detail)
    if isinstance(exc, InvalidEditError):
        return error_response(422, "invalid_edit", exc.message, exc.detail)
    if isinstance(exc, StoreError):
        _log.error("store error: %s", exc)
        return error_response(503, "store_error", exc.message, {"sitrep_code": exc.code})
    return error_response(400, "bad_request", exc.message, {"sitrep_code": exc.code})


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    _log.exception("unexpected error", exc_info=exc)
    return error_response(500, "internal_error", "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(SitrepError, _sitrep_error)
    app.add_exception_handler(Exception, _unexpected)
