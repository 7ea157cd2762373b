"""The Arabic pack: normalisation, cues, modality, numbers, dates, place-name forms, detector.

The readers live in :mod:`sitrep.nlp.arabic` (normalisation with an offset map),
:mod:`sitrep.nlp.arabic_cues`, :mod:`sitrep.nlp.arabic_modality`, :mod:`sitrep.nlp.detect_ar`,
:mod:`sitrep.normalise.arabic_numbers`, :mod:`sitrep.normalise.arabic_dates`,
:mod:`sitrep.normalise.arabic_lexicons` and :mod:`sitrep.geo.arabic`; the argument stage that
fills Arabic candidates is ``arabic.v1`` (:mod:`sitrep.normalise.arabic_stage`). Arabic is told by
its script (:func:`sitrep.nlp.lang.detect_language`), Persian and Urdu apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date as Date
from typing import TYPE_CHECKING

from .._protocol import DetectorSetup, LanguagePack, SentenceDetector
from .places import TRANSLITERATED_ARTICLES, strip_proclitic

if TYPE_CHECKING:
    from ...nlp.classify import EventClassifier
    from ...nlp.cues import CueHit
    from ...nlp.modality import Modality
    from ...normalise.casualties import Figure
    from ...normalise.date_rules import DateMatch

__all__ = ["PACK", "ArabicPack"]

_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFF]")
_NOT_ARABIC = re.compile(r"[پچژگکیںےٹڈڑۓہھ]")  # letters only Persian or Urdu use


class ArabicPack:
    """Arabic (``ar``); see the module docstring."""

    code = "ar"
    name = "Arabic"
    stop_words: frozenset[str] = frozenset()  # told by its script
    place_articles = TRANSLITERATED_ARTICLES | frozenset({"ال"})
    places_itself = True  # arabic.v1 places Arabic candidates with the Arabic gazetteer reader
    #: The country an Arabic report is taken to be from when the document names none: the Arabic
    #: gazetteer reader prefers its places, actors are "home" or foreign by it, protesters are named
    #: after it. The Arabic readers were built on Syrian reports; inferring the country from the
    #: Arabic text itself is not built yet (the English inference, :mod:`sitrep.geo.focus`, reads
    #: Latin-script names).
    default_country = "Syria"

    def detection_score(self, text: str) -> float:
        """Share of the letters of ``text`` that are Arabic; 0 when Persian or Urdu letters occur."""
        if _NOT_ARABIC.search(text):
            return 0.0
        letters = len(_LETTER.findall(text))
        return len(_ARABIC_LETTER.findall(text)) / letters if letters else 0.0

    def normalise(self, text: str) -> str:
        from ...nlp.arabic import normalise

        return normalise(text).text

    def cues(self, text: str) -> list[CueHit]:
        from ...nlp.arabic_cues import find_arabic_cues

        return find_arabic_cues(text)

    def clause_spans(self, sentence: str) -> list[tuple[int, int]]:
        from ...nlp.arabic_modality import arabic_clause_spans

        return arabic_clause_spans(sentence)

    def modality(self, sentence: str, start: int, end: int) -> Modality:
        from ...nlp.arabic_modality import arabic_modality

        return arabic_modality(sentence, start, end)

    def parse_number(self, text: str) -> tuple[int, int] | None:
        from ...normalise.arabic_numbers import parse_arabic_number

        return parse_arabic_number(text)

    def figures(self, text: str) -> list[Figure]:
        from ...normalise.arabic_numbers import find_arabic_figures

        return find_arabic_figures(text)

    def dates(self, text: str, pub: Date | None) -> list[DateMatch]:
        from ...normalise.arabic_dates import find_arabic_dates

        return find_arabic_dates(text, pub)

    def place_forms(self, name: str) -> list[str]:
        from ...nlp.arabic import normalise

        return strip_proclitic(normalise(name).text)

    def make_detector(self, setup: DetectorSetup) -> SentenceDetector:
        from ...nlp.detect_ar import ArabicDetector, load_arabic_classifier

        resources = setup.resources
        if setup.classifier is not None:
            given = setup.classifier
            return ArabicDetector(lambda: given, min_score=setup.min_score)
        if resources is not None:
            return ArabicDetector(lambda: resources.get("event_classifier_ar", load_arabic_classifier),
                                  min_score=setup.min_score)
        return ArabicDetector(_cached_classifier(), min_score=setup.min_score)


def _cached_classifier() -> Callable[[], EventClassifier]:
    """A loader that trains the Arabic model once, on the first Arabic sentence (English runs never
    pay for it), for a detector built without shared resources."""
    box: list[EventClassifier] = []

    def load() -> EventClassifier:
        from ...nlp.detect_ar import load_arabic_classifier

        if not box:
            box.append(load_arabic_classifier())
        return box[0]

    return load


PACK: LanguagePack = ArabicPack()  # typed so mypy checks the pack against the protocol
