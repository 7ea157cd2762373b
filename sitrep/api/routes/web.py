"""The web UI: one page (hash routes in app.js) and its static files."""

from __future__ import annotations

from importlib import resources
from string import Template

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from ..._version import __version__

__all__ = ["router", "static_dir"]

router = APIRouter(include_in_schema=False)


def static_dir() -> str:
    return str(resources.files("sitrep.web") / "static")


def _index() -> str:  # ~1 kB read per page load: no cache to keep in step
    text = (resources.files("sitrep.web") / "templates" / "index.html").read_text(encoding="utf-8")
    return Template(text).safe_substitute(version=__version__)


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    return HTMLResponse(_index())
