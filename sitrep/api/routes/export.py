"""/api/export: stored events in the formats analysts' tools read, under a fixed file name."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ...export import write_events
from ...store.review import iter_export
from ..deps import FilterDep, StoreDep

__all__ = ["EXPORTS", "router"]

router = APIRouter(prefix="/api", tags=["export"])

#: format -> (download file name, media type). Names are fixed: nothing from the request.
EXPORTS: dict[str, tuple[str, str]] = {
    "jsonl": ("sitrep-events.jsonl", "application/x-ndjson"),
    "acled-csv": ("sitrep-events-acled.csv", "text/csv; charset=utf-8"),
    "ucdp-csv": ("sitrep-events-ucdp.csv", "text/csv; charset=utf-8"),
    "geojson": ("sitrep-events.geojson", "application/geo+json"),
    "parquet": ("sitrep-events.parquet", "application/vnd.apache.parquet"),
}


def _cleanup(path: Path) -> None:
    path.unlink(missing_ok=True)


@router.get(
    "/export",
    summary="Export events (filters as /api/events; rejected events only when status=rejected)",
    response_class=FileResponse,
    responses={200: {"content": {m: {} for _, m in EXPORTS.values()},
                     "description": "the export file"}},
)
def export(
    store: StoreDep,
    flt: FilterDep,
    format: Annotated[Literal["jsonl", "acled-csv", "ucdp-csv", "geojson", "parquet"],
                      Query(description="output format")] = "jsonl",
) -> FileResponse:
    name, media = EXPORTS[format]
    fd, tmp = tempfile.mkstemp(prefix="sitrep-export-", suffix=Path(name).suffix)
    os.close(fd)
    path = Path(tmp)
    try:
        write_events(iter_export(store, flt), format, path)
    except BaseException:
        _cleanup(path)
        raise
    return FileResponse(path, media_type=media, filename=name,
                        background=BackgroundTask(_cleanup, path))
