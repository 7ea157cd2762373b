"""Arabic event detection, called by stage ``detect.v1`` for Arabic sentences.

The same design as the English path (:mod:`sitrep.nlp.detect`): clauses without a trigger cue
are skipped; the others are typed by :class:`~sitrep.nlp.classify.EventClassifier` (a linear SVM
over word and character n-grams, trained at first use on the team-written Arabic codebook
``codebook/ar_*.yaml``, plus the Arabic cue priors of :mod:`sitrep.nlp.arabic_cues`); modality
comes from :mod:`sitrep.nlp.arabic_modality`. Matching runs on normalised text
(:mod:`sitrep.nlp.arabic`) and every span is mapped back into the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import Settings
from ..lang._protocol import MAX_SENTENCE_CHARS
from ..schema import Doc, EventCandidate, Sentence, Span
from ..taxonomy import TYPE_OF_SUB
from .arabic import ArabicText, normalise, normalise_pattern
from .arabic_cues import find_arabic_cues
from .arabic_modality import arabic_clause_spans, arabic_modality
from .classify import EventClassifier, TextModel, fit_text_model, typing_evidence
from .codebook import NONE_LABEL, training_pairs
from .cues import CueHit

__all__ = ["ArabicDetector", "load_arabic_classifier", "load_arabic_trained_model", "train_arabic_codebook_model"]

_CASUALTY_ONLY = 0.35  # a clause whose cues are all this weak only reports a toll (مقتل، استشهاد)
_SECOND_CUE_WEIGHT = 1.2
_NOT_A_REPORT = re.compile(normalise_pattern(
    r"\W*(?:[^:：]{0,40}[:：|]+\s*)?(?:لقاء|مقابلة|حوار|نداء|مناشدة|كلمة|تقرير عن|الذكرى|ذكرى|اشترك|شهادة|مداخلة|"
    r"استطلاع|برومو|جلسة|تشييع|آراء|أراء|اراء|تقرير (?:عن|حول|الزميل|مراسل))(?![\w])"))
#: someone speaking about events ("... يتحدث حول الصعوبات"): not a report unless a strong cue says one happened
_TALK = re.compile(normalise_pattern(
    r"(?<![\w])[وف]?(?:يتحدث|يتحدثون|تتحدث|يشرح|تشرح|يروي|تروي|يناشد|يناشدون)(?![\w])"))
_TALK_UNLESS = 0.8
#: a toll or count over a period ("حصيلة شهر تموز"، "توثيق 120 غارة خلال أسبوع"): a statistic, not an event
_TOLL_PERIOD = re.compile(normalise_pattern(
    r"(?<![\w])(?:حصيلة (?:ال)?(?:شهر|أسبوع|اسبوع|عام|سنة)|إحصائية|احصائية|توثيق \d+|منذ بداية)"))
_PERIOD = re.compile(normalise_pattern(
    r"(?<![\w])(?:خلال|طيلة|طوال|على مدى) (?:ال)?(?:شهر|أسبوع|اسبوع|أسابيع|أشهر|شهور|عام|سنة|أيام)(?![\w])"))
_COUNT = re.compile(r"\d")
_TOLL_ONLY = 0.5  # a clause whose cues are all this weak only names a toll (مجزرة، جثث)
_REMOTE = "Explosions/Remote violence"


@dataclass(eq=False)
class _DirectTextModel(TextModel):
    """The same fitted pipeline (TF-IDF word and character n-grams, linear SVM) scored in plain
    Python: sklearn's per-call validation costs ~3 ms a call, the arithmetic for a headline's
    clauses a tenth of that. Equal to :meth:`TextModel.scores` (a test checks)."""

    def __post_init__(self) -> None:
        features, svm = self.pipeline[0], self.pipeline[-1]
        parts = getattr(features, "transformer_list", [("", features)])
        self._parts = []
        offset = 0
        for _name, vec in parts:
            self._parts.append((vec.build_analyzer(), vec.vocabulary_, vec.idf_, offset, bool(vec.sublinear_tf)))
            offset += len(vec.idf_)
        self._direct = all(getattr(vec, "norm", None) == "l2" and getattr(vec, "use_idf", False) for _n, vec in parts)
        self._coef = np.asarray(svm.coef_, dtype=float)
        self._intercept = np.asarray(svm.intercept_, dtype=float)

    def _margins(self, text: str) -> np.ndarray:
        out = self._intercept.copy()
        for analyzer, vocab, idf, offset, sublinear in self._parts:
            counts: dict[int, int] = {}
            for gram in analyzer(text):
                j = vocab.get(gram)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            cols = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=float, count=len(counts))
            values = (np.log(tf) + 1.0 if sublinear else tf) * idf[cols]
            values /= np.sqrt(values @ values)
            out += self._coef[:, offset + cols] @ values
        return out

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        if not self._direct:
            return super().scores(texts)
        margins = np.array([self._margins(t) for t in texts], dtype=float).reshape(len(texts), -1)
        if margins.shape[1] == 1:  # two classes
            margins = np.hstack([-margins, margins])
        z = margins * self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))


def train_arabic_codebook_model() -> TextModel:
    """Linear SVM over word and character n-grams of the normalised Arabic codebook."""
    texts, labels = training_pairs(language="ar")
    model = fit_text_model([normalise(t).text for t in texts], labels, c=1.0, chars=True)
    return _DirectTextModel(labels=model.labels, pipeline=model.pipeline, temperature=model.temperature)


def load_arabic_trained_model(model_dir: Path) -> TextModel | None:
    """The Arabic classifier ``sitrep train`` fitted on Arabic notes into ``model_dir`` (manifest key
    ``classifier_ar``), or None when the export had no Arabic notes."""
    import json

    import joblib

    from ..errors import ConfigError

    manifest_path = model_dir / "model.json"
    if not manifest_path.is_file():
        raise ConfigError(f"{model_dir} is not a sitrep model directory (no model.json)", code="E110")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    name = manifest.get("classifier_ar")
    if not name:
        return None
    try:
        pipeline = joblib.load(model_dir / str(name))
    except (OSError, ValueError, EOFError) as exc:
        raise ConfigError(f"cannot load Arabic classifier {model_dir / str(name)}: {exc}", code="E111") from exc
    return _DirectTextModel(labels=tuple(str(x) for x in pipeline.classes_), pipeline=pipeline,
                            temperature=float(manifest.get("temperature", 3.0)))


def load_arabic_classifier(settings: Settings | None = None) -> EventClassifier:
    """The Arabic classifier: the Arabic codebook model, or, when ``settings.model_dir`` has one, the
    model ``sitrep train`` fitted on Arabic notes plus the codebook (a model trained on English
    notes would only blur it)."""
    model_dir = getattr(settings, "model_dir", None)
    trained = load_arabic_trained_model(model_dir) if model_dir else None
    if trained is not None and NONE_LABEL in trained.labels:
        return EventClassifier(trained)  # fitted on the codebook too: it replaces it, cue priors at full weight
    return EventClassifier(train_arabic_codebook_model(), trained=trained)


@dataclass(frozen=True)
class _Clause:
    sentence: Sentence
    norm: ArabicText
    start: int  # clause offsets in the normalised sentence
    end: int
    hits: tuple[CueHit, ...]  # offsets into the original sentence


class ArabicDetector:
    """Appends Arabic event candidates to ``doc.candidates``.

    ``classifier``: a zero-argument loader, called on the first Arabic sentence only (English
    runs never pay for training the Arabic model); ``min_score``: as in the English path.
    """

    def __init__(self, classifier: Callable[[], EventClassifier], *, min_score: float = 0.0) -> None:
        self._loader = classifier
        self.min_score = min_score

    def _clauses(self, sentences: Iterable[Sentence]) -> list[_Clause]:
        out: list[_Clause] = []
        for sent in sentences:
            norm = normalise(sent.text[:MAX_SENTENCE_CHARS])
            if _NOT_A_REPORT.match(norm.text):
                continue  # an interview, appeal, speech or commemoration talks about events
            hits = find_arabic_cues(norm)
            if not hits or (_TALK.search(norm.text) and max(h.weight for h in hits) < _TALK_UNLESS):
                continue
            if _TOLL_PERIOD.search(norm.text) or (_PERIOD.search(norm.text) and _COUNT.search(norm.text)):
                continue
            for start, end in arabic_clause_spans(norm.text):
                o_start, o_end = norm.span(start, end)
                inside = tuple(h for h in hits if o_start <= h.start < o_end)
                if inside:
                    out.append(_Clause(sent, norm, start, end, inside))
        return out

    def _candidate(self, clause: _Clause, hit: CueHit, sub: str, score: float) -> EventCandidate:
        n_start = bisect_left(clause.norm.offsets, hit.start)
        n_end = bisect_left(clause.norm.offsets, hit.end)
        mod = arabic_modality(clause.norm.text, n_start, max(n_end, n_start + 1))
        base = clause.sentence.start
        return EventCandidate(
            sentence_index=clause.sentence.index,
            trigger=Span(start=base + hit.start, end=base + hit.end, text=hit.text),
            event_type=TYPE_OF_SUB[sub], sub_event_type=sub, score=score,
            negated=mod.negated, hypothetical=mod.hypothetical, background=mod.background,
            extra={"language": "ar", **({"modality_cue": mod.cue} if mod.cue else {})},
        )

    def detect(self, doc: Doc, sentences: Iterable[Sentence] | None = None) -> list[EventCandidate]:
        """Candidates for ``sentences`` (default: every sentence of ``doc``)."""
        if doc.sentences and _NOT_A_REPORT.match(normalise(doc.sentences[0].text[:200]).text):
            return []  # "برومو | ..."، "لقاء مع ... || ...": the whole item is a promo or an interview
        clauses = self._clauses(doc.sentences if sentences is None else sentences)
        if not clauses:
            return []
        classifier = self._loader()
        preds = classifier.predict([c.norm.text[c.start:c.end] for c in clauses],
                                   cues=[c.hits for c in clauses])
        found: list[tuple[_Clause, EventCandidate]] = []
        for clause, pred in zip(clauses, preds, strict=True):
            if pred.label == NONE_LABEL or pred.score < self.min_score:
                continue
            main = next((h for h in clause.hits if h.sub_event_type == pred.label),
                        max(clause.hits, key=lambda h: h.weight))
            found.append((clause, self._candidate(clause, main, pred.label, pred.score)))
            found[-1][1].extra["typing"] = typing_evidence(pred)
            for hit in clause.hits:
                if hit.sub_event_type != pred.label and hit.weight >= _SECOND_CUE_WEIGHT:
                    found.append((clause, self._candidate(clause, hit, hit.sub_event_type,
                                                          round(pred.score * 0.6, 3))))
                    found[-1][1].extra["typing"] = typing_evidence(pred, second_cue=hit)
                    break
        # "غارة على الحي، ما أدى إلى مقتل خمسة": the toll clause belongs to the strike
        strong = {c.sentence.index for c, _ in found if max(h.weight for h in c.hits) >= _CASUALTY_ONLY}
        # "مجزرة دوار ..." over a report of the barrel bomb that caused it: one event, the strike
        remote = any(cand.event_type == _REMOTE for _c, cand in found)
        return [cand for clause, cand in found
                if (max(h.weight for h in clause.hits) >= _CASUALTY_ONLY
                    or not ({clause.sentence.index, clause.sentence.index - 1} & strong))
                and not (remote and cand.sub_event_type == "Attack"
                         and max(h.weight for h in clause.hits) <= _TOLL_ONLY)]

    def __call__(self, doc: Doc, sentences: Iterable[Sentence] | None = None) -> Doc:
        doc.candidates.extend(self.detect(doc, sentences))
        return doc
