"""The English pack: English cues, modality, numbers, dates, figures, claimants, framing, detector.

The readers live where the English stages always had them (:mod:`sitrep.nlp.cues`,
:mod:`sitrep.nlp.modality`, :mod:`sitrep.normalise.numbers`, :mod:`sitrep.normalise.casualties`,
:mod:`sitrep.normalise.date_rules`, :mod:`sitrep.normalise.claims`, :mod:`sitrep.normalise.framing`);
this pack is the one place that names them as English. Its candidates get the narrative argument
rules (:class:`~sitrep.lang.ArgumentRules` defaults): actors come from the knowledge base and places
from ``geo.v1``'s span resolver, so its :meth:`EnglishPack.actors` and :meth:`EnglishPack.places`
readers find nothing.
English is the default pack (:data:`sitrep.lang.DEFAULT_LANGUAGE`): a document with no other
pack's language is read as English.
"""

from __future__ import annotations

import re
from datetime import date as Date
from typing import TYPE_CHECKING

from .._protocol import ActorTerm, ArgumentRules, DetectorSetup, LanguagePack, PlaceMatch, SentenceDetector
from ..ar.places import TRANSLITERATED_ARTICLES
from .stop_words import STOP_WORDS

if TYPE_CHECKING:
    from ...geo.gazetteer import Gazetteer
    from ...nlp.cues import CueHit
    from ...nlp.modality import Modality
    from ...normalise.casualties import Figure
    from ...normalise.date_rules import DateMatch
    from ...normalise.framing import LexiconEntry

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
    rules = ArgumentRules()  # narrative rules; geo.v1 infers the country (sitrep.geo.focus)

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

    def deaths_without_number(self, text: str) -> int | None:
        from ...normalise.fatalities import deaths_without_number

        return deaths_without_number(text)

    def claimants(self, text: str, start: int) -> list[str]:
        from ...normalise.claims import chain_from_regex, claimant_chain

        return claimant_chain(chain_from_regex(text, start), outlet=None)

    def framing(self, text: str) -> list[tuple[LexiconEntry, int, int]]:
        from ...normalise.framing import load_lexicon

        return load_lexicon().find(text)

    def actors(self, text: str) -> list[ActorTerm]:
        return []  # the knowledge base (actors.v1) reads English actors

    def places(self, text: str, gazetteer: Gazetteer, country: str | None) -> list[PlaceMatch]:
        return []  # geo.v1's span resolver reads English places document-wide

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
