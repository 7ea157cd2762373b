"""The Arabic pack: normalisation, cues, modality, numbers, dates, figures, claimants, framing,
actors, places, place-name forms, detector.

The readers live in :mod:`sitrep.nlp.arabic` (normalisation with an offset map),
:mod:`sitrep.nlp.arabic_cues`, :mod:`sitrep.nlp.arabic_modality`, :mod:`sitrep.nlp.detect_ar`,
:mod:`sitrep.normalise.arabic_numbers`, :mod:`sitrep.normalise.arabic_dates`,
:mod:`sitrep.normalise.arabic_lexicons` and :mod:`sitrep.geo.arabic`. The argument stages
(``dates.v1`` ... ``actors.v1``) read Arabic candidates with them under the dispatch rules
(:attr:`ArabicPack.rules`). Arabic is told by its script (:func:`sitrep.nlp.lang.detect_language`),
Persian and Urdu apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date as Date
from typing import TYPE_CHECKING

from .._protocol import ActorTerm, ArgumentRules, DetectorSetup, LanguagePack, PlaceMatch, SentenceDetector
from .places import TRANSLITERATED_ARTICLES, strip_proclitic

if TYPE_CHECKING:
    from ...geo.gazetteer import Gazetteer
    from ...nlp.classify import EventClassifier
    from ...nlp.cues import CueHit
    from ...nlp.modality import Modality
    from ...normalise.casualties import Figure
    from ...normalise.date_rules import DateMatch
    from ...normalise.framing import LexiconEntry

__all__ = ["PACK", "ArabicPack"]

_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFF]")
_NOT_ARABIC = re.compile(r"[پچژگکیںےٹڈڑۓہھ]")  # letters only Persian or Urdu use

#: Where a place named in Arabic script is looked for when the report names no country: the states
#: where Arabic is an official language (the Arab League's members, ISO codes). The gazetteer's
#: Arabic-script alternate names cover places worldwide, and many are also everyday words ("هام",
#: "important", is Hamm in Germany; "الميدان", "the square", is Medan in Indonesia): read anywhere, an
#: Arabic headline lands abroad. A report about another country names it or is given it (``country``).
ARABIC_STATES = frozenset({"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS",
                           "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE"})


class ArabicPack:
    """Arabic (``ar``); see the module docstring."""

    code = "ar"
    name = "Arabic"
    stop_words: frozenset[str] = frozenset()  # told by its script
    place_articles = TRANSLITERATED_ARTICLES | frozenset({"ال"})
    #: Short local dispatches and headlines; places and actors from the pack's own readers. A
    #: report naming no country gets the one its Arabic places tell (``geo.v1``), else none.
    rules = ArgumentRules(dates="dispatch", fatalities="dispatch", places="pack", actors="pack")

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

    def deaths_without_number(self, text: str) -> int | None:
        from ...normalise.arabic_numbers import arabic_deaths_without_number

        return arabic_deaths_without_number(text)

    def claimants(self, text: str, start: int) -> list[str]:
        from ...normalise.arabic_lexicons import find_arabic_claimant

        found = find_arabic_claimant(text)
        return [found] if found else []

    def framing(self, text: str) -> list[tuple[LexiconEntry, int, int]]:
        from ...normalise.arabic_lexicons import find_arabic_framing
        from ...normalise.framing import LexiconEntry

        return [(LexiconEntry(term=t.term, pattern=t.pattern.pattern, normalised=t.normalised, kind=t.kind,
                              side=t.side), a, b) for t, a, b in find_arabic_framing(text)]

    def actors(self, text: str) -> list[ActorTerm]:
        from ...normalise.arabic_lexicons import find_arabic_actors

        return [ActorTerm(name=e.name, inter=e.inter, country=e.country, start=a, end=b)
                for e, a, b in find_arabic_actors(text)]

    def places(self, text: str, gazetteer: Gazetteer, country: str | None) -> list[PlaceMatch]:
        return self.places_and_unknown(text, gazetteer, country)[0]

    def places_and_unknown(self, text: str, gazetteer: Gazetteer, country: str | None
                           ) -> tuple[list[PlaceMatch], list[tuple[int, int, str, str]]]:
        from ...geo.arabic import find_arabic_places

        unknown: list[tuple[int, int, str, str]] = []
        found = find_arabic_places(text, gazetteer, country=country, region=None if country else ARABIC_STATES,
                                   unknown=unknown)
        return found, unknown

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
