"""The web UI: one page (hash routes in app.js), its static files, and the map's npm assets.

The map library (Leaflet, its clustering plugin), the TopoJSON reader and Natural Earth's borders
are npm packages that ``make install`` puts in ``node_modules/`` beside ``package.json`` (never in
the repository). ``/vendor/{package}/{file}`` serves exactly the files the UI loads and each
package's licence, from an allow-list: a path not listed is 404, so no ``..`` can reach anything
else. Without the packages every vendor URL is 404 and the UI falls back to its canvas map.
"""

from __future__ import annotations

import json
import mimetypes
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from ..._version import __version__
from ..errors import ApiError

__all__ = ["NODE_MODULES_ENV", "VENDOR_FILES", "VENDOR_LICENCES", "node_modules_dir", "router",
           "static_dir", "vendor_packages"]

router = APIRouter(include_in_schema=False)

#: Where the npm packages are, when not in the ``node_modules`` beside the source checkout.
NODE_MODULES_ENV = "SITREP_NODE_MODULES"

#: package -> its licence file (served at /vendor/PACKAGE/FILE like the assets).
VENDOR_LICENCES: dict[str, str] = {
    "leaflet": "LICENSE",
    "leaflet.markercluster": "MIT-LICENCE.txt",
    "topojson-client": "LICENSE",
    "world-atlas": "LICENSE",
}

#: package -> the files the UI loads (relative to the package folder), licence included.
VENDOR_FILES: dict[str, frozenset[str]] = {
    "leaflet": frozenset({"dist/leaflet.js", "dist/leaflet.css", "dist/images/layers.png",
                          "dist/images/layers-2x.png", "dist/images/marker-icon.png",
                          "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png"}),
    "leaflet.markercluster": frozenset({"dist/leaflet.markercluster.js", "dist/MarkerCluster.css"}),
    "topojson-client": frozenset({"dist/topojson-client.min.js"}),
    "world-atlas": frozenset({"countries-50m.json", "countries-110m.json"}),
}
VENDOR_FILES = {pkg: files | {VENDOR_LICENCES[pkg]} for pkg, files in VENDOR_FILES.items()}

_TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json",
          ".png": "image/png", ".txt": "text/plain", "": "text/plain"}


def static_dir() -> str:
    return str(resources.files("sitrep.web") / "static")


def _index() -> str:  # ~1 kB read per page load: no cache to keep in step
    text = (resources.files("sitrep.web") / "templates" / "index.html").read_text(encoding="utf-8")
    return Template(text).safe_substitute(version=__version__)


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    return HTMLResponse(_index())


def node_modules_dir() -> Path | None:
    """``$SITREP_NODE_MODULES``, else the ``node_modules`` of the checkout sitrep runs from (an
    editable install, as ``make install`` makes); None when neither holds Leaflet."""
    given = os.environ.get(NODE_MODULES_ENV)
    candidates = [Path(given)] if given else [
        parent / "node_modules" for parent in Path(__file__).resolve().parents[3:5]]
    for folder in candidates:
        if (folder / "leaflet" / "package.json").is_file():
            return folder
    return None


@lru_cache(maxsize=16)
def _package_json(path: Path, mtime: float) -> dict[str, Any]:
    del mtime  # part of the cache key only: a re-install is seen
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def vendor_packages() -> list[dict[str, Any]]:
    """Each map package: installed or not, its version and licence (name and URL)."""
    root = node_modules_dir()
    out = []
    for pkg, licence in VENDOR_LICENCES.items():
        meta_path = root / pkg / "package.json" if root is not None else None
        meta: dict[str, Any] = {}
        if meta_path is not None and meta_path.is_file():
            meta = _package_json(meta_path, meta_path.stat().st_mtime)
        out.append({"name": pkg, "installed": bool(meta), "version": meta.get("version"),
                    "license": meta.get("license"), "licence_url": f"/vendor/{pkg}/{licence}"})
    return out


@router.get("/vendor/licences")
def vendor_licences() -> dict[str, Any]:
    """The map packages the UI uses and where their licences are."""
    packages = vendor_packages()
    return {"available": all(p["installed"] for p in packages), "packages": packages}


@router.get("/vendor/{package}/{path:path}")
def vendor_file(package: str, path: str) -> FileResponse:
    """One allow-listed file of an npm package (404 for anything else, traversal included)."""
    allowed = VENDOR_FILES.get(package)
    if allowed is None or path not in allowed:
        raise ApiError(404, "not_found", f"no vendor file {package[:100]!r}/{path[:200]!r}")
    root = node_modules_dir()
    target = root / package / path if root is not None else None
    if target is None or not target.is_file():
        raise ApiError(404, "not_found",
                       f"{package} is not installed (run `make install`: it fetches the map packages)")
    suffix = Path(path).suffix.lower()
    media = _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    return FileResponse(target, media_type=media, headers={"Cache-Control": "public, max-age=3600"})
