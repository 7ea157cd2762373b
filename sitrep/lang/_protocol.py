"""What a language pack provides: the protocol every ``sitrep/lang/xx/`` implements.

A pack holds a language's data and readers (spaCy's ``spacy/lang/xx/`` is the model); the stages
stay language-neutral and ask :func:`sitrep.lang.get_pack` for the pack of a document or sentence.
Offsets: every reader takes the text it is given and returns offsets into THAT text; readers that
match on normalised text (Arabic) map their spans back themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..nlp.classify import EventClassifier
    from ..nlp.cues import CueHit
    from ..nlp.modality import Modality
    from ..normalise.casualties import Figure
    from ..normalise.date_rules import DateMatch
    from ..resources import Resources
    from ..schema import Doc, Sentence

__all__ = ["DetectorSetup", "LanguagePack", "SentenceDetector"]


@dataclass(frozen=True)
class DetectorSetup:
    """What stage ``detect.v1`` hands a pack to build its detector.

    - ``resources``: shared resources (models load once per process); None in bare unit tests.
    - ``parser``: the pack may use a parser to settle ambiguous modality.
    - ``min_score``: candidates below this confidence are dropped.
    - ``classifier``: a classifier the caller already holds for this pack (``Detector(classifier)``
      passes it to the default pack); None: the pack loads its own.
    """

    resources: Resources | None = None
    parser: bool = True
    min_score: float = 0.0
    classifier: EventClassifier | None = None


class SentenceDetector(Protocol):
    """Appends the event candidates of ``sentences`` (sentences of ``doc``) to ``doc.candidates``."""

    def __call__(self, doc: Doc, sentences: Sequence[Sentence]) -> Doc: ...


@runtime_checkable
class LanguagePack(Protocol):
    """One language's data and readers.

    - ``code``: ISO 639-1 code (``"en"``), as :func:`sitrep.nlp.lang.detect_language` reports it.
    - ``name``: English name, used in notes (``"mixed text: 3 Arabic and 2 other sentences"``).
    - ``stop_words``: frequent function words that vote for this language when a Latin-script text
      is identified (empty for a language told by its script, such as Arabic).
    - ``place_articles``: articles and prefixes a place name may carry in this language's writing
      (``al``/``el`` for Arabic names in Latin letters; the proclitics ``ب ل ك و ف`` in Arabic script).
    - ``places_itself``: True when the pack's own argument stage places its candidates, so
      ``geo.v1`` leaves documents whose candidates are all this pack's alone.
    - ``default_country``: the country a report in this language is taken to be from when the
      document names none (None: no assumption; the country is inferred from the text).
    """

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def stop_words(self) -> frozenset[str]: ...

    @property
    def place_articles(self) -> frozenset[str]: ...

    @property
    def places_itself(self) -> bool: ...

    @property
    def default_country(self) -> str | None: ...

    def detection_score(self, text: str) -> float:
        """How strongly ``text`` (a document, paragraph or sentence) reads as this language, 0-1."""
        ...

    def normalise(self, text: str) -> str:
        """``text`` folded for matching (spelling variants, digits); same length not guaranteed."""
        ...

    def cues(self, text: str) -> list[CueHit]:
        """Event trigger cues in ``text`` (the cue lexicon), offsets into ``text``."""
        ...

    def clause_spans(self, sentence: str) -> list[tuple[int, int]]:
        """Clause boundaries of ``sentence`` (normalised by :meth:`normalise`)."""
        ...

    def modality(self, sentence: str, start: int, end: int) -> Modality:
        """Negation, hypothetical and background cues around the trigger ``[start, end)`` of
        ``sentence`` (normalised by :meth:`normalise`)."""
        ...

    def parse_number(self, text: str) -> tuple[int, int] | None:
        """The value of a number written in words or digits, as ``(low, high)`` (vague words such
        as "dozens" give a range); None when ``text`` is not a number."""
        ...

    def figures(self, text: str) -> list[Figure]:
        """Casualty figures (killed, wounded, ...) in a sentence, offsets into ``text``."""
        ...

    def dates(self, text: str, pub: Date | None) -> list[DateMatch]:
        """Date expressions in ``text`` resolved against the publication date ``pub``."""
        ...

    def place_forms(self, name: str) -> list[str]:
        """``name`` and its forms without an attached article or prefix, most literal first."""
        ...

    def make_detector(self, setup: DetectorSetup) -> SentenceDetector:
        """The detector stage ``detect.v1`` runs on this language's sentences."""
        ...
