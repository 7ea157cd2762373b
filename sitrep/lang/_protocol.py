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
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..geo.gazetteer import Gazetteer, PlaceRecord
    from ..nlp.classify import EventClassifier
    from ..nlp.cues import CueHit
    from ..nlp.modality import Modality
    from ..normalise.casualties import Figure
    from ..normalise.date_rules import DateMatch
    from ..normalise.framing import LexiconEntry
    from ..resources import Resources
    from ..schema import Doc, Sentence

__all__ = ["MAX_SENTENCE_CHARS", "ActorTerm", "ArgumentRules", "DetectorSetup", "LanguagePack", "PlaceMatch",
           "SentenceDetector"]


#: How much of one sentence the detectors and a pack's readers read: longer "sentences" (tables,
#: run-ons without punctuation) are cut, keeping time bounded.
MAX_SENTENCE_CHARS = 2000

@dataclass(frozen=True)
class ArgumentRules:
    """Which of the argument stages' rule sets a pack's candidates get (data, one field per stage).

    - ``dates`` (``dates.v1``): ``"narrative"``: the date nearest the trigger, else one a longer
      sentence just before lends, else the publication date as a two-day span (wire reports);
      ``"dispatch"``: a date written out beats a weekday or "yesterday", any dated sentence of the
      report lends, else the publication day itself (short dispatches and headlines).
    - ``fatalities`` (``fatalities.v1``): ``"narrative"``: figures tallied over the report with
      claimant chains, restatements and totals; ``"dispatch"``: the first event of a sentence takes
      the figures of its sentence and of the undated ones after it, the highest killed figure wins.
    - ``places`` (``geo.v1``): ``"spans"``: the Latin-script place-span resolver over the whole
      document; ``"pack"``: the pack's :meth:`LanguagePack.places` reader.
    - ``actors`` (``actors.v1``): ``"knowledge_base"``: the actor knowledge base alone;
      ``"pack"``: the pack's :meth:`LanguagePack.actors` lexicon first, the knowledge base's choice
      when the lexicon names no armed actor.
    """

    dates: Literal["narrative", "dispatch"] = "narrative"
    fatalities: Literal["narrative", "dispatch"] = "narrative"
    places: Literal["spans", "pack"] = "spans"
    actors: Literal["knowledge_base", "pack"] = "knowledge_base"


@dataclass(frozen=True)
class ActorTerm:
    """An actor named in a sentence by a pack's actor lexicon (offsets into the text read).

    ``country``: a state force's own country (abroad it is an external force), else None."""

    name: str
    inter: int
    country: str | None
    start: int
    end: int


@dataclass(frozen=True)
class PlaceMatch:
    """A place a pack's :meth:`LanguagePack.places` reader found in a sentence.

    - ``start``/``end``/``text``: offsets into the text read and the words as written;
    - ``explicit``: after a feature word ("the village of") that the record's kind fits (a
      neighbourhood word before a town elsewhere is not); ``near``: "near"/"countryside of";
    - ``geo_precision``/``where_prec``: ACLED precisions of the mention as written;
    - ``outlet``: the city in the outlet's name ("Aleppo News"): where to fall back, not an event place;
    - ``hood``: written as a neighbourhood of a city ("the X neighbourhood"): it lies in that city.
    """

    record: PlaceRecord
    start: int
    end: int
    text: str
    explicit: bool
    near: bool
    geo_precision: int
    where_prec: int
    outlet: bool = False
    hood: bool = False


@runtime_checkable
class UnknownPlaceReader(Protocol):
    """A pack that also names the places the gazetteer does not know (optional): with its
    :meth:`LanguagePack.places` from the same reading, ``(start, end, name, kind)`` of each name
    written as a neighbourhood ("the X neighbourhood", kind ``neighbourhood``) or a village, town
    or camp (``village``) that no gazetteer record matches, offsets into the text read. The
    geocoder places them at the report's city (a neighbourhood at geo_precision 2, a village at 2
    or 3), keeping the name (``fallback_from``)."""

    def places_and_unknown(self, text: str, gazetteer: Gazetteer, country: str | None
                           ) -> tuple[list[PlaceMatch], list[tuple[int, int, str, str]]]: ...


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
    - ``rules``: which rule sets the argument stages apply to this pack's candidates
      (:class:`ArgumentRules`); the readers below feed them. No pack assumes a country: a report
      that names none gets the one its places tell, else none.

    Registering a pack that lacks a member fails with the names of the missing ones
    (:func:`sitrep.lang.register_pack`).
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
    def rules(self) -> ArgumentRules: ...

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

    def deaths_without_number(self, text: str) -> int | None:
        """ACLED's count for deaths ``text`` (a sentence) reports without a number: 10 for a
        significant attack (a massacre, dozens), 3 for a limited one; None when it reports none."""
        ...

    def claimants(self, text: str, start: int) -> list[str]:
        """Who ``text`` (a sentence) cites for the figure at ``start``, outermost first (the
        outlet not included); empty when it cites no one."""
        ...

    def framing(self, text: str) -> list[tuple[LexiconEntry, int, int]]:
        """Partisan and loaded terms in ``text`` with their neutral reading, offsets into ``text``."""
        ...

    def actors(self, text: str) -> list[ActorTerm]:
        """Actors the pack's lexicon names in ``text`` (read under ``rules.actors == "pack"``)."""
        ...

    def places(self, text: str, gazetteer: Gazetteer, country: str | None) -> list[PlaceMatch]:
        """Places of ``gazetteer`` named in ``text`` (read under ``rules.places == "pack"``);
        ``country`` (ACLED name): only places in it, None: any country."""
        ...

    def place_forms(self, name: str) -> list[str]:
        """``name`` and its forms without an attached article or prefix, most literal first."""
        ...

    def make_detector(self, setup: DetectorSetup) -> SentenceDetector:
        """The detector stage ``detect.v1`` runs on this language's sentences."""
        ...
