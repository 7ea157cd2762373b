"""Settings: one object passed around, never a global."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path

from pydantic import BaseModel, Field

__all__ = ["DEFAULT_STAGES", "Settings", "default_db_url"]

#: Stage order (names registered in :mod:`sitrep.registry`), versioned like spaCy factories.
DEFAULT_STAGES: tuple[str, ...] = (
    "segment.v1",
    "detect.v1",
    "dates.v1",
    "fatalities.v1",
    "framing.v1",
    "geo.v1",
    "actors.v1",
    "discourse.v1",
    "assemble.v1",
    "dedup.v1",
)


def default_db_url() -> str:
    """SQLite file in the user data dir (platformdirs)."""
    from platformdirs import user_data_dir

    path = Path(user_data_dir("sitrep", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path / 'sitrep.db'}"


class Settings(BaseModel):
    """Everything a run can be told.

    - ``stages``: stage names in order.
    - ``model_dir``: a directory written by ``sitrep train`` (None: the shipped model).
    - ``date``: publication date to assume when a document has none.
    - ``scope``: ``all`` (political and other armed violence) or ``political`` (ACLED's scope).
    - ``country``: country hint for documents that carry none.
    - ``gazetteer_path``: SQLite file of the local gazetteer (None: ``$SITREP_GAZETTEER``, else the
      user data dir).
    - ``spacy_model``: spaCy package to load when a stage needs the parser.
    - ``max_document_bytes``: largest document a reader accepts (a text or HTML file, one JSONL
      line, one CSV row, a feed file), in bytes; default 50 MB. A larger one is quarantined with
      the reason; JSONL and CSV files of any size are streamed (``sitrep extract --max-document-mb``).
    """

    stages: tuple[str, ...] = DEFAULT_STAGES
    model_dir: Path | None = None
    date: Date | None = None
    scope: str = "all"
    country: str | None = None
    gazetteer_path: Path | None = None
    spacy_model: str | None = None
    stage_options: dict[str, dict[str, object]] = Field(default_factory=dict)
    max_document_bytes: int = Field(default=50 * 1024 * 1024, gt=0)
