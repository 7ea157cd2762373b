"""Sentence segmentation with character offsets (rule-based, fast, language-aware)."""

from __future__ import annotations

import re

from ..config import Settings
from ..lang.en.admin_abbreviations import DOTTED
from ..registry import stage
from ..resources import Resources
from ..schema import Doc, Sentence
from .reading import ReadingText

__all__ = ["LEDE_SENTENCES", "Segmenter", "segment_text"]

#: A story's lede: its first sentences, where it says what happened, where and when (the
#: date rule ``lede-sets-the-time`` and the place rule ``lede-names-the-home`` read these).
LEDE_SENTENCES = 3

# A sentence ends at . ! ? (and Arabic ؟ ،-free full stops) followed by space + an opener,
# or at a blank line / line break (headlines, datelines).
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Brig|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|U\.S|U\.N|e\.g|i\.e|vs|approx|Gov|Sen|Rep|Prof|Inc|Co|Ltd|Mt|Ft|Pt|Ste|"
    r"ST|MT|FT|PT|STE|" + "|".join(sorted((re.escape(a) for a in DOTTED), key=len, reverse=True))
    + r")\.|\b[A-Z]\.)$"
)  # a state after a town ("Mt. Juliet, Tenn.") does not end the dateline's sentence
#: "5 p.m. Monday", "at 2 a.m. ET": a clock time's abbreviation before the day, month or time zone
#: it belongs to ends no sentence (the weekday would otherwise lose its event)
_CLOCK = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_CLOCK_TAIL = re.compile(r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                         r"March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
                         r"Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|[ECMP][SD]?T|ET|CT|MT|PT|GMT|UTC)\b")
# Arabic adds the semicolon ؛ and the headline bar | (only before Arabic text, so English
# bylines such as "Aleppo | Reuters" stay whole); the Arabic comma ، is a clause boundary, not a
# sentence one (see sitrep.nlp.detect_ar), since a casualty figure often follows it.
_BOUNDARY = re.compile(r"[.!?؟]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\u0600-\u06FF#])|\n\s*\n|\n|[؟!.](?=\s*$)|"
                       r"؛|\|(?=\s*[\u0600-\u06FF])")


#: How far into the text a document's title is looked for (a dateline or byline may precede it).
TITLE_REACH = 400


def _title_cuts(text: str, title: str | None) -> list[int]:
    """Offsets where the document's title, glued into the text without a full stop ("Sun 05 Jul
    2015 22 dead in raids on Raqa Six civilians were ..."), begins and ends: a headline is a
    sentence of its own, so that its figures and the lede's are not read as one sentence's."""
    title = (title or "").strip()
    if len(title) < 12:
        return []
    at = text.find(title, 0, TITLE_REACH + len(title))
    if at < 0:
        return []
    end = at + len(title)
    # a title already closed by its own full stop needs no cut at its end
    return [at] if text[end:end + 3].lstrip()[:1] in (".", "!", "?") else [at, end]


def segment_text(text: str, *, title: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences; offsets point into ``text``. ``title``: the document's
    headline, made a sentence of its own where the text holds it near its start."""
    sentences: list[Sentence] = []
    start = 0
    cuts = _title_cuts(text, title)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        while cuts and cuts[0] <= match.start():
            if start < cuts[0]:
                _add(sentences, text, start, cuts[0])
                start = cuts[0]
            cuts.pop(0)
        piece = text[start:end]
        if match.group(0)[:1] in ".!?" and _ABBREV.search(text[start:match.start() + 1]):
            continue
        if match.group(0)[:1] == "." and _CLOCK.search(text[start:match.start() + 1]) \
                and _CLOCK_TAIL.match(text, match.start() + 1):
            continue
        _add(sentences, text, start, end)
        start = end
        del piece
    for cut in cuts:
        if start < cut:
            _add(sentences, text, start, cut)
            start = cut
    _add(sentences, text, start, len(text))
    return sentences


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))


class Segmenter:
    """Stage ``segment.v1``: ``doc.reading`` (the text as the stages read it:
    :class:`~sitrep.nlp.reading.ReadingText`) and ``doc.sentences``.

    - ``resources``: where the case lexicon and the gazetteer load once, on the first report
      written in capitals.
    """

    def __init__(self, resources: Resources | None = None) -> None:
        self.reader = ReadingText(resources or Resources())

    def __call__(self, doc: Doc) -> Doc:
        title = doc.document.title
        reading, notes, sentences = self.reader(doc.document.text, lambda text: segment_text(text, title=title))
        if reading != doc.document.text:
            doc.reading = reading
        doc.notes.extend(notes)
        doc.sentences = sentences if sentences is not None else segment_text(doc.text, title=title)
        return doc


@stage("segment.v1")
def make_segmenter(settings: Settings, resources: Resources) -> Segmenter:
    return Segmenter(resources)
