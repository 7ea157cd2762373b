"""Partisan framing flags (placeholder lexicon; deepened by issue 5)."""

from __future__ import annotations

import re

from ..config import Settings
from ..registry import stage
from ..resources import Resources
from ..schema import Doc, FramingFlag

__all__ = ["FramingTagger"]

_LEXICON = {
    "occupied": "government-held",
    "regime": "government",
    "resistance": "armed opposition",
    "terrorists": "armed group",
    "martyrs": "killed",
}
_PATTERN = re.compile(r"\b(" + "|".join(_LEXICON) + r")\b", re.I)


class FramingTagger:
    """Stage ``framing.v1``: fills ``doc.framing``."""

    def __call__(self, doc: Doc) -> Doc:
        seen: set[str] = set()
        for m in _PATTERN.finditer(doc.text):
            term = m.group(1).lower()
            if term in seen:
                continue
            seen.add(term)
            doc.framing.append(FramingFlag(term=term, normalised=_LEXICON[term], kind="partisan",
                                           start=m.start(), end=m.end()))
        return doc


@stage("framing.v1")
def make_framing_tagger(settings: Settings, resources: Resources) -> FramingTagger:
    return FramingTagger()
