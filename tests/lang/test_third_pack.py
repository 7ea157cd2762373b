"""Adding a language is adding a pack: a small fake Esperanto pack, registered at run time, is
picked up by language identification and by the whole pipeline (team-written sentences)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import pytest

from sitrep.config import Settings
from sitrep.geo.gazetteer import Gazetteer, MemoryGazetteer, PlaceRecord
from sitrep.lang import (
    ActorTerm,
    ArgumentRules,
    DetectorSetup,
    LanguagePack,
    PlaceMatch,
    SentenceDetector,
    no_pack_reason,
    register_pack,
    supported_languages,
    unregister_pack,
)
from sitrep.nlp.cues import CueHit
from sitrep.nlp.lang import detect_language
from sitrep.nlp.modality import Modality
from sitrep.normalise.casualties import Figure
from sitrep.normalise.date_rules import DateMatch
from sitrep.normalise.framing import LexiconEntry
from sitrep.pipeline import Pipeline
from sitrep.resources import Resources
from sitrep.schema import Doc, Document, EventCandidate, Sentence, Span

_CUE = re.compile(r"\b(?:bombis|atakis)\b")
ESPERANTO = "La soldatoj atakis la vilaĝon kaj la policanoj diris ke ĉiuj estas sekuraj."
ENGLISH = "Government warplanes bombed the market of the town on Monday."


@dataclass
class _FakeDetector:
    """One 'Armed clash' candidate per cue word, tagged with its language."""

    min_score: float

    def __call__(self, doc: Doc, sentences: Sequence[Sentence]) -> Doc:
        for sent in sentences:
            for m in _CUE.finditer(sent.text):
                doc.candidates.append(EventCandidate(
                    sentence_index=sent.index,
                    trigger=Span(start=sent.start + m.start(), end=sent.start + m.end(), text=m.group(0)),
                    event_type="Battles", sub_event_type="Armed clash", score=0.9, extra={"language": "eo"}))
        return doc


class FakeEsperanto:
    code = "eo"
    name = "Esperanto"
    stop_words = frozenset({"la", "kaj", "estas", "ke", "de", "al", "diris", "en", "ĉiuj"})
    place_articles = frozenset({"la"})
    rules = ArgumentRules()

    def detection_score(self, text: str) -> float:
        words = text.lower().split()
        return sum(w in self.stop_words for w in words) / len(words) if words else 0.0

    def normalise(self, text: str) -> str:
        return text

    def cues(self, text: str) -> list[CueHit]:
        return [CueHit(m.start(), m.end(), m.group(0), "Armed clash", 0.9) for m in _CUE.finditer(text)]

    def clause_spans(self, sentence: str) -> list[tuple[int, int]]:
        return [(0, len(sentence))]

    def modality(self, sentence: str, start: int, end: int) -> Modality:
        return Modality()

    def parse_number(self, text: str) -> tuple[int, int] | None:
        return {"tri": (3, 3)}.get(text)

    def figures(self, text: str) -> list[Figure]:
        return []

    def dates(self, text: str, pub: date | None) -> list[DateMatch]:
        return []

    def deaths_without_number(self, text: str) -> int | None:
        return None

    def claimants(self, text: str, start: int) -> list[str]:
        return []

    def framing(self, text: str) -> list[tuple[LexiconEntry, int, int]]:
        return []

    def actors(self, text: str) -> list[ActorTerm]:
        return []

    def places(self, text: str, gazetteer: Gazetteer, country: str | None) -> list[PlaceMatch]:
        return []

    def place_forms(self, name: str) -> list[str]:
        return [name, name[3:]] if name.lower().startswith("la ") else [name]

    def make_detector(self, setup: DetectorSetup) -> SentenceDetector:
        return _FakeDetector(setup.min_score)


@pytest.fixture
def esperanto() -> Iterator[LanguagePack]:
    pack = FakeEsperanto()
    register_pack(pack)
    try:
        yield pack
    finally:
        unregister_pack("eo")


@pytest.fixture
def pipe() -> Pipeline:
    settings = Settings(stage_options={"detect.v1": {"parser": False}, "fatalities.v1": {"parser": "off"}})
    resources = Resources(settings)
    resources.put("geo.gazetteer", MemoryGazetteer([PlaceRecord(
        uid="t:x", name="Testville", lat=1.0, lon=1.0, kind="town", cc="SY", country="Syria")]))
    return Pipeline(settings, resources=resources)


def _doc(pipe: Pipeline, text: str) -> Doc:
    return pipe(Document(id="t", text=text, date=date(2016, 9, 30)))


def test_lang_third_pack_is_a_registered_protocol(esperanto: LanguagePack) -> None:
    assert isinstance(esperanto, LanguagePack)
    assert supported_languages() == ("en", "ar", "eo")
    assert no_pack_reason("fr") == "language fr has no pack (supported: en, ar, eo)"


def test_lang_third_pack_stop_words_join_identification(esperanto: LanguagePack) -> None:
    assert detect_language(ESPERANTO) == "eo"


def test_lang_without_the_pack_the_text_is_unsupported(pipe: Pipeline) -> None:
    doc = _doc(pipe, ESPERANTO)
    assert doc.events == [] and doc.candidates == []
    assert any(n.startswith("unsupported language") for n in doc.notes)
    assert any("has no pack (supported: en, ar)" in n for n in doc.notes)


def test_lang_pipeline_codes_the_third_pack(esperanto: LanguagePack, pipe: Pipeline) -> None:
    doc = _doc(pipe, ESPERANTO)
    assert doc.language == "eo"
    assert not any("unsupported" in n or "has no pack" in n for n in doc.notes)
    assert [c.trigger.text for c in doc.candidates] == ["atakis"]
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"]


def test_lang_mixed_document_goes_to_each_pack(esperanto: LanguagePack, pipe: Pipeline) -> None:
    doc = _doc(pipe, f"{ENGLISH}\n\n{ESPERANTO}")
    assert {c.extra.get("language") for c in doc.candidates} == {None, "eo"}  # English candidates carry none
    assert [c.trigger.start for c in doc.candidates] == sorted(c.trigger.start for c in doc.candidates)
    assert any(n.startswith("mixed text: 1 Esperanto and 1 other") for n in doc.notes)
