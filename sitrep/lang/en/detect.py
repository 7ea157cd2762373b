"""English event detection: the English pack's detector, run by stage ``detect.v1``.

For each sentence: split into clauses; a clause with no trigger cue is skipped; the others are
classified together in one batch (:class:`~sitrep.nlp.classify.EventClassifier`: learned n-gram
models plus cue priors). A clause yields its best sub-type and, when it also holds a strong cue
of another sub-type (a car bomb inside a battle), a second candidate. Each candidate carries the
modality flags of :mod:`sitrep.nlp.modality`; spaCy parses a sentence only when a modal cue is
too far from the trigger for the rules to be sure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...config import Settings
from .._protocol import MAX_SENTENCE_CHARS
from ...nlp.classify import EventClassifier, load_trained_model, train_codebook_model, typing_evidence
from ...nlp.codebook import NONE_LABEL
from ...nlp.cues import CueHit, find_cues
from ...nlp.modality import clause_spans, modality_of, scope_with_parser
from ...resources import Resources
from ...schema import Doc, EventCandidate, Sentence, Span
from ...taxonomy import TYPE_OF_SUB

__all__ = ["EnglishDetector", "load_event_classifier"]

_MAX_PARSE_WORDS = 50  # longer sentences keep the rule decision (parsing them costs ~20 ms)
_SECOND_CUE_WEIGHT = 0.8  # a second sub-type in one clause needs a cue at least this strong
_EXPLOSIONS = frozenset(sub for sub, et in TYPE_OF_SUB.items() if et == "Explosions/Remote violence")


@dataclass(frozen=True)
class _Clause:
    sentence_index: int
    sent_start: int  # offset of the sentence in the document
    sentence: str
    start: int  # clause offsets within the sentence
    end: int
    hits: tuple[CueHit, ...]


class EnglishDetector:
    """Appends English event candidates to ``doc.candidates``.

    ``classifier``: the English event classifier; ``resources``: where spaCy is found (None: no
    parser); ``parser``: let spaCy settle ambiguous modality; ``min_score``: candidates below this
    confidence are dropped.
    """

    def __init__(self, classifier: EventClassifier, *, resources: Resources | None = None,
                 parser: bool = True, min_score: float = 0.0) -> None:
        self.classifier = classifier
        self.resources = resources
        self.parser = parser
        self.min_score = min_score

    def _clauses(self, sentences: Sequence[Sentence]) -> list[_Clause]:
        out: list[_Clause] = []
        for sent in sentences:
            text = sent.text[:MAX_SENTENCE_CHARS]
            for start, end in clause_spans(text):
                hits = tuple(
                    CueHit(h.start + start, h.end + start, h.text, h.sub_event_type, h.weight)
                    for h in find_cues(text[start:end])
                )
                if hits:
                    out.append(_Clause(sent.index, sent.start, text, start, end, hits))
        return out

    def _parse(self, sentence: str) -> Any | None:
        if not self.parser or self.resources is None:
            return None
        if len(sentence.split()) > _MAX_PARSE_WORDS:
            return None
        from ...errors import ResourceError
        from ...nlp.spacy_loader import load_spacy

        try:
            nlp = self.resources.get("spacy", load_spacy)
        except ResourceError:
            return None
        keep = {"tok2vec", "parser"}
        return nlp(sentence, disable=[name for name in nlp.pipe_names if name not in keep])

    def _candidate(self, clause: _Clause, hit: CueHit, sub: str, score: float,
                   parsed: dict[int, Any]) -> EventCandidate:
        mod = modality_of(clause.sentence, hit.start, hit.end)
        hypothetical = mod.hypothetical
        if mod.ambiguous:
            if clause.sentence_index not in parsed:
                parsed[clause.sentence_index] = self._parse(clause.sentence)
            tree = parsed[clause.sentence_index]
            if tree is not None:
                hypothetical = scope_with_parser(tree, hit.start)
        start = clause.sent_start + hit.start
        return EventCandidate(
            sentence_index=clause.sentence_index,
            trigger=Span(start=start, end=clause.sent_start + hit.end, text=hit.text),
            event_type=TYPE_OF_SUB[sub],
            sub_event_type=sub,
            score=score,
            negated=mod.negated,
            hypothetical=hypothetical,
            background=mod.background,
            extra={"modality_cue": mod.cue} if mod.cue else {},
        )

    def __call__(self, doc: Doc, sentences: Sequence[Sentence]) -> Doc:
        clauses = self._clauses(sentences)
        texts = [c.sentence[c.start:c.end] for c in clauses]
        local_hits = [[CueHit(h.start - c.start, h.end - c.start, h.text, h.sub_event_type, h.weight)
                       for h in c.hits] for c in clauses]
        preds = self.classifier.predict(texts, cues=local_hits)
        parsed: dict[int, Any] = {}
        for clause, pred in zip(clauses, preds, strict=True):
            if pred.label == NONE_LABEL or pred.score < self.min_score:
                continue
            main = next((h for h in clause.hits if h.sub_event_type == pred.label), clause.hits[0])
            doc.candidates.append(self._candidate(clause, main, pred.label, pred.score, parsed))
            doc.candidates[-1].extra["typing"] = typing_evidence(pred)
            seen = {pred.label}
            for hit in clause.hits:
                if hit.sub_event_type in seen or hit.weight < _SECOND_CUE_WEIGHT:
                    continue
                if hit.sub_event_type not in _EXPLOSIONS and pred.label not in _EXPLOSIONS:
                    continue
                seen.add(hit.sub_event_type)
                doc.candidates.append(self._candidate(clause, hit, hit.sub_event_type,
                                                      round(pred.score * 0.6, 3), parsed))
                doc.candidates[-1].extra["typing"] = typing_evidence(pred, second_cue=hit)
        return doc


def load_event_classifier(settings: Settings) -> EventClassifier:
    """Codebook model (trained now, from the shipped YAML) plus ``settings.model_dir`` if set."""
    trained = load_trained_model(settings.model_dir) if settings.model_dir else None
    return EventClassifier(train_codebook_model(), trained=trained)
