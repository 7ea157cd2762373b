"""Fatalities and claims (placeholder: digits before 'killed'; deepened by issue 5)."""

from __future__ import annotations

import re

from ..config import Settings
from ..registry import stage
from ..resources import Resources
from ..schema import Claim, Doc

__all__ = ["FatalityExtractor"]

_KILLED = re.compile(r"\b(\d{1,5})\s+(?:[\w-]+\s+){0,4}?(?:killed|dead|bodies|died)\b", re.I)


class FatalityExtractor:
    """Stage ``fatalities.v1``: claims per sentence, ACLED figure per candidate."""

    def __call__(self, doc: Doc) -> Doc:
        by_sentence: dict[int, list[Claim]] = {}
        for sent in doc.sentences:
            for m in _KILLED.finditer(sent.text):
                n = int(m.group(1))
                claim = Claim(quantity="killed", low=n, high=n, sentence=sent.text,
                              doc_id=doc.document.id, start=sent.start + m.start(),
                              end=sent.start + m.end())
                by_sentence.setdefault(sent.index, []).append(claim)
                doc.claims.append(claim)
        for cand in doc.candidates:
            claims = by_sentence.get(cand.sentence_index, [])
            cand.claims = list(claims)
            lows = [c.low for c in claims if c.low is not None]
            cand.fatalities = min(lows) if lows else 0
        return doc


@stage("fatalities.v1")
def make_fatality_extractor(settings: Settings, resources: Resources) -> FatalityExtractor:
    return FatalityExtractor()
