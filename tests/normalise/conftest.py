"""Hand-built docs for the argument stages (no detector, no models)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from sitrep.nlp.segment import segment_text
from sitrep.schema import Doc, Document, EventCandidate, Span

FRIDAY = date(2016, 11, 4)

DocFactory = Callable[..., Doc]


def build_doc(text: str, *, pub: date | None = FRIDAY, source: str | None = "Test Wire",
              trigger: str | None = None, triggers: tuple[str, ...] = ()) -> Doc:
    """A segmented Doc with one candidate per trigger word (default: the first sentence's start)."""
    doc = Doc(document=Document(id="t1", text=text, date=pub, source=source))
    doc.sentences = segment_text(text)
    words = triggers or ((trigger,) if trigger else ())
    if not words:
        first = doc.sentences[0]
        doc.candidates.append(EventCandidate(sentence_index=0, trigger=Span(start=first.start, end=first.start, text=""),
                                             event_type="Battles", sub_event_type="Armed clash"))
    for word in words:
        m = re.search(re.escape(word), text)
        assert m, word
        idx = next(s.index for s in doc.sentences if s.start <= m.start() < s.end)
        doc.candidates.append(EventCandidate(sentence_index=idx, trigger=Span(start=m.start(), end=m.end(), text=word),
                                             event_type="Battles", sub_event_type="Armed clash"))
    return doc


@pytest.fixture
def make_doc() -> DocFactory:
    return build_doc
