"""/api/health: is the server up and its database reachable."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.exc import SQLAlchemyError

from ..._version import __version__
from ..deps import StateDep
from ..errors import ApiError
from ..models import Health

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["meta"])


@router.get("/health", response_model=Health, summary="Server and database status")
def health(state: StateDep) -> Health:
    try:
        events, documents = state.store.count("events"), state.store.count("documents")
    except SQLAlchemyError as exc:
        raise ApiError(503, "unavailable", "the database cannot be reached") from exc
    return Health(status="ok", version=__version__, database=state.database, events=events,
                  documents=documents)
