"""sitrep: an offline conflict-event coder (ACLED/UCDP conventions)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .config import Settings
from .errors import SitrepError
from .pipeline import Pipeline
from .schema import Document, Event

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Document",
    "Event",
    "Pipeline",
    "Settings",
    "SitrepError",
    "__version__",
    "extract",
    "to_dataframe",
]


def extract(
    text_or_documents: str | Document | Iterable[Document | str],
    *,
    date: Date | None = None,
    model: str | Path | None = None,
) -> list[Event]:
    """Code a text (or documents) into events with a fresh :class:`Pipeline`."""
    settings = Settings(model_dir=Path(model) if model else None)
    return Pipeline(settings).extract(text_or_documents, date=date)


def to_dataframe(events: Iterable[Event]) -> pandas.DataFrame:
    """Events as a pandas DataFrame (all contract fields)."""
    import pandas as pd

    rows: list[dict[str, Any]] = [e.model_dump(mode="json") for e in events]
    return pd.DataFrame(rows)
