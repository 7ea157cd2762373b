"""The English pack: English cues, modality, numbers, dates and the English detector.

The readers live where the English stages always had them (:mod:`sitrep.nlp.cues`,
:mod:`sitrep.nlp.modality`, :mod:`sitrep.normalise.numbers`, :mod:`sitrep.normalise.casualties`,
:mod:`sitrep.normalise.date_rules`); this pack is the one place that names them as English.
English is the default pack (:data:`sitrep.lang.DEFAULT_LANGUAGE`): a document with no other
pack's language is read as English.
"""

from __future__ import annotations

import re
from datetime import date as Date
from typing import TYPE_CHECKING

from .._protocol import DetectorSetup, LanguagePack, SentenceDetector
from ..ar.places import TRANSLITERATED_ARTICLES
from .stop_words import STOP_WORDS

if TYPE_CHECKING:
    from ...nlp.cues import CueHit
    from ...nlp.modality import Modality
    from ...normalise.casualties import Figure
    from ...normalise.date_rules import DateMatch

__all__ = ["PACK", "EnglishPack"]

_WORD = re.compile(r"[a-zà-ÿœ']+")
_LEADING_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|az|ash|an)[-\s'’]+(?=\w)", re.IGNORECASE)


class EnglishPack:
    """English (``en``); see the module docstring."""

    code = "en"
    name = "English"
    stop_words = STOP_WORDS
    #: English reports write Arabic place names with a transliterated article ("al-Bab", "Deir ez-Zor").
    place_articles = TRANSLITERATED_ARTICLES
    places_itself = False
    default_country = None  # geo.v1 infers the country of English reports (sitrep.geo.focus)

    def detection_score(self, text: str) -> float:
        """Share of the words of ``text`` that are English function words (about 0.4 in prose)."""
        words = _WORD.findall(text.lower())
        return sum(w in STOP_WORDS for w in words) / len(words) if words else 0.0

    def normalise(self, text: str) -> str:
        return text  # the English readers match case-insensitively on the text as written

    def cues(self, text: str) -> list[CueHit]:
        from ...nlp.cues import find_cues

        return find_cues(text)

    def clause_spans(self, sentence: str) -> list[tuple[int, int]]:
        from ...nlp.modality import clause_spans

        return clause_spans(sentence)

    def modality(self, sentence: str, start: int, end: int) -> Modality:
        from ...nlp.modality import modality_of

        return modality_of(sentence, start, end)

    def parse_number(self, text: str) -> tuple[int, int] | None:
        from ...normalise.numbers import parse_number_word

        value = parse_number_word(text)
        return None if value is None else (value, value)

    def figures(self, text: str) -> list[Figure]:
        from ...normalise.casualties import find_figures

        return find_figures(text)

    def dates(self, text: str, pub: Date | None) -> list[DateMatch]:
        from ...normalise.date_rules import find_dates

        return find_dates(text, pub)

    def place_forms(self, name: str) -> list[str]:
        m = _LEADING_ARTICLE.match(name)
        return [name, name[m.end():]] if m else [name]

    def make_detector(self, setup: DetectorSetup) -> SentenceDetector:
        from .detect import EnglishDetector, load_event_classifier

        classifier = setup.classifier
        if classifier is None:
            if setup.resources is None:
                from ...config import Settings

                classifier = load_event_classifier(Settings())
            else:
                classifier = setup.resources.get("event_classifier", load_event_classifier)
        return EnglishDetector(classifier, resources=setup.resources, parser=setup.parser,
                               min_score=setup.min_score)


PACK: LanguagePack = EnglishPack()  # typed so mypy checks the pack against the protocol
