"""Sub-event-type classification: learned n-gram models plus the trigger-cue rules.

Two learned parts, one rule part, combined per text:

- the *codebook model*, a linear SVM over word and character n-grams trained at load time (well
  under a second) on the team-written codebook (``sitrep/nlp/codebook/*.yaml``), 25 sub-types
  plus ``none``; it decides event vs. no event and types the event when nothing else is loaded;
- an optional *trained model* written by ``sitrep train`` from a user's ACLED export
  (``settings.model_dir``), which dominates the typing when present;
- the cue rules of :mod:`sitrep.nlp.cues`: no cue, no event; strong cues add a prior.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..taxonomy import SUB_EVENT_TYPES, TYPE_OF_SUB
from .codebook import NONE_LABEL, training_pairs
from .cues import CueHit, find_cues, note_heading
from .rules import (
    armed_victims_only,
    not_political,
    protesters_killed,
    reports_no_event,
    rule_flags,
    state_takes_territory,
    stem_text,
    stem_with_rules,
    unarmed_groups_clash,
)
from .typing_model import LearnedTyper, TypingInput
from .typing_rules import PRIOR_RULES, SCORE_RULES, Flag, RuleName, ScoreContext, apply_score_rules
from .typing_rules.en_scores import (
    AFTERMATH_FACTOR,
    ARMED_VICTIM_SHIFT,
    CIVILIAN_TARGET_SHIFT,
    EXCHANGE_SHIFT,
    HEADING_BONUS,
    INTERVENTION_SHIFT,
    STANDOFF_SHIFT,
    VIOLENT_CROWD_SHIFT,
)

__all__ = [
    "EventClassifier",
    "Prediction",
    "TextModel",
    "armed_victims_only",
    "fit_text_model",
    "load_trained_model",
    "not_political",
    "protesters_killed",
    "state_takes_territory",
    "train_codebook_model",
    "typing_evidence",
    "unarmed_groups_clash",
]

#: How much a cue's weight adds to a sub-type's score, and how much the codebook counts
#: against a trained model when both are present.
CUE_PRIOR = 0.45
CUE_PRIOR_WITH_TRAINED = 0.1
CODEBOOK_SHARE_WITH_TRAINED = 0.1
NOT_POLITICAL_BONUS = 1.0
#: How much the score rules count on top of a trained model (their shift sizes, with
#: ``ARMED_VICTIM_SHIFT`` and the others, live with the rules in ``typing_rules/en_scores.py``).
TRAINED_RULE_SCALE = 0.25
#: a year used as a modifier right before a cue ("a deadly 2017 chemical attack") dates it to the past
_DATED_BEFORE = re.compile(r"\b(?:a|an|the|its|their)\s+(?:\w+\s+)?(?:19|20)\d\d\s+(?:\w+\s+)?$", re.IGNORECASE)
_LIST_END = re.compile(r"[.;:](?:\s|$)")


def _list_end(text: str, pos: int) -> int:
    """End of the sentence or clause that runs on from ``pos`` (where a list of items ends)."""
    m = _LIST_END.search(text, pos)
    return m.start() if m else len(text)


@dataclass
class TextModel:
    """A fitted sklearn pipeline and its labels; ``scores`` gives soft-maxed margins."""

    labels: tuple[str, ...]
    pipeline: Any
    temperature: float = 3.0

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        import sklearn

        # step by step: Pipeline.decision_function adds ~10 ms of validation per call
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            features = self.pipeline[:-1].transform(list(texts))
            margins = np.asarray(self.pipeline[-1].decision_function(features), dtype=float)
        if margins.ndim == 1:  # two classes
            margins = np.stack([-margins, margins], axis=1)
        z = margins * self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))


def make_vectorizer(*, max_features: int | None = None, chars: bool = False, rules: bool = False) -> Any:
    """Word 1-2 grams over crudely stemmed tokens, TF-IDF weighted; with ``rules``, also the
    cue and look-alike rules that fire (:func:`~sitrep.nlp.rules.rule_features`) as pseudo-words;
    with ``chars``, also character 2-5 grams (better on notes, but four times slower at run time)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_features=max_features,
                           preprocessor=stem_with_rules if rules else stem_text)
    if not chars:
        return word
    return FeatureUnion([
        ("word", word),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                 min_df=1, max_features=max_features)),
    ])


def fit_text_model(texts: Sequence[str], labels: Sequence[str], *, c: float = 0.5,
                   balanced: bool = True, max_features: int | None = None,
                   chars: bool = False, rules: bool = False) -> TextModel:
    """Fit a linear SVM over :func:`make_vectorizer` features."""
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    pipe = Pipeline([
        ("features", make_vectorizer(max_features=max_features, chars=chars, rules=rules)),
        ("svm", LinearSVC(C=c, class_weight="balanced" if balanced else None, random_state=0)),
    ])
    pipe.fit(list(texts), list(labels))
    return TextModel(labels=tuple(str(x) for x in pipe.classes_), pipeline=pipe)


def train_codebook_model() -> TextModel:
    """The shipped model: fitted on the team-written codebook only."""
    texts, labels = training_pairs()
    # unweighted (the codebook's classes are of similar size): better macro-F1 on the ACLED
    # training part, which the shipped model never sees
    return fit_text_model(texts, labels, c=1.0, balanced=False)


def load_trained_model(model_dir: Path) -> TextModel:
    """Load the classifier ``sitrep train`` wrote into ``model_dir``."""
    import json

    import joblib

    from ..errors import ConfigError

    manifest_path = model_dir / "model.json"
    if not manifest_path.is_file():
        raise ConfigError(f"{model_dir} is not a sitrep model directory (no model.json)", code="E110")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    clf_path = model_dir / str(manifest.get("classifier", "classifier.joblib"))
    try:
        pipeline = joblib.load(clf_path)
    except (OSError, ValueError, EOFError) as exc:
        raise ConfigError(f"cannot load classifier {clf_path}: {exc}", code="E111") from exc
    return TextModel(labels=tuple(str(x) for x in pipeline.classes_), pipeline=pipeline,
                     temperature=float(manifest.get("temperature", 3.0)))


_EXPLOSIONS = frozenset(s for s, t in TYPE_OF_SUB.items() if t == "Explosions/Remote violence")


@dataclass(frozen=True)
class Prediction:
    label: str  # a sub_event_type or "none"
    score: float
    cues: tuple[CueHit, ...] = ()
    ranking: tuple[tuple[str, float], ...] = field(default=())
    #: the score rules that fired (cue-prior phase, then score phase) and the flags they read
    rules: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


def typing_evidence(pred: Prediction, *, second_cue: CueHit | None = None) -> dict[str, Any]:
    """What decided a candidate's sub-type, for ``EventCandidate.extra["typing"]``: the rules that
    fired and moved a score, the flags they read, the three best sub-types with their scores, and a
    readable line. ``second_cue``: the candidate is a clause's second event, typed by this strong
    cue rather than by the scores (a car bomb inside a battle)."""
    scores = {sub: round(score, 3) for sub, score in pred.ranking}
    rules = ", ".join(pred.rules) or "none"
    top = ", ".join(f"{sub} {score:.2f}" for sub, score in scores.items())
    line = f"typing: {pred.label} (rules: {rules}; scores: {top})"
    out: dict[str, Any] = {"rules": list(pred.rules), "flags": list(pred.flags), "scores": scores}
    if second_cue is not None:
        out["second_cue"] = second_cue.text
        line = f"typing: {second_cue.sub_event_type} from the strong cue {second_cue.text!r} beside " + line[8:]
    out["why"] = line
    return out


class EventClassifier:
    """Combine the codebook model, an optional trained model and the cue rules."""

    def __init__(self, codebook: TextModel, *, trained: TextModel | None = None,
                 typer: LearnedTyper | None = None) -> None:
        """``typer``: the learned sub-type model (:mod:`sitrep.nlp.typing_model`); when given, it
        makes the typing decision, reading the rules' scores among its features; event vs. no event
        stays with the codebook model and the cue rules."""
        self.codebook = codebook
        self.trained = trained
        self.typer = typer
        self._subs = SUB_EVENT_TYPES
        self._cb_index = [codebook.labels.index(s) if s in codebook.labels else -1 for s in self._subs]
        self._cb_none = codebook.labels.index(NONE_LABEL) if NONE_LABEL in codebook.labels else -1
        self._tr_index = ([trained.labels.index(s) if s in trained.labels else -1 for s in self._subs]
                          if trained is not None else [])
        self._ty_index = ([typer.labels.index(s) if s in typer.labels else -1 for s in self._subs]
                          if typer is not None else [])

    def _cue_prior(self, hits: Sequence[CueHit], flags: frozenset[Flag] = frozenset(),
                   heading: str | None = None, text: str = "") -> tuple[np.ndarray, list[RuleName]]:
        """The strongest cue per sub-type, then the cue-prior rules (``PRIOR_RULES``); also the
        names of the rules that fired."""
        prior = np.zeros(len(self._subs))
        # weapons named as what was seized, found or defused (up to the end of that list) were not used
        seized = [(h.start, _list_end(text, h.end)) for h in hits if h.sub_event_type == "Disrupted weapons use"]
        for hit in hits:
            if hit.sub_event_type in _EXPLOSIONS and any(s <= hit.start and hit.end <= e for s, e in seized):
                continue
            if _DATED_BEFORE.search(text, max(0, hit.start - 40), hit.start):
                continue  # "the scene of a 2017 chemical attack": background, not the event (coding rules)
            i = self._subs.index(hit.sub_event_type)
            prior[i] = max(prior[i], hit.weight)
        return prior, apply_score_rules(PRIOR_RULES, ScoreContext(
            text=text, scores=prior, flags=flags, heading=heading, hits=hits))

    @staticmethod
    def _take(probs: np.ndarray, index: list[int]) -> np.ndarray:
        out = np.zeros((probs.shape[0], len(index)))
        for j, i in enumerate(index):
            if i >= 0:
                out[:, j] = probs[:, i]
        return out

    def predict(self, texts: Sequence[str], *, cues: Sequence[Sequence[CueHit]] | None = None,
                require_cue: bool = True, allow_none: bool = True) -> list[Prediction]:
        """One prediction per text. ``cues``: precomputed cue hits per text (else found here);
        ``require_cue``: a text without any cue is ``none`` whatever the models say;
        ``allow_none=False`` types every text (for texts known to report an event)."""
        if not texts:
            return []
        hits_per_text = [list(h) for h in cues] if cues is not None else [find_cues(t) for t in texts]
        cb = self.codebook.scores(texts)
        cb_subs = self._take(cb, self._cb_index)
        cb_none = cb[:, self._cb_none] if self._cb_none >= 0 else np.zeros(len(texts))
        if self.trained is not None:
            tr_subs = self._take(self.trained.scores(texts), self._tr_index)
            typing = CODEBOOK_SHARE_WITH_TRAINED * cb_subs + (1 - CODEBOOK_SHARE_WITH_TRAINED) * tr_subs
            typing_prior = CUE_PRIOR_WITH_TRAINED
        else:
            typing, typing_prior = cb_subs, CUE_PRIOR
        out: list[Prediction] = []
        learned: list[tuple[int, TypingInput, np.ndarray, list[RuleName]]] = []
        for k, hits in enumerate(hits_per_text):
            if allow_none and require_cue and not hits:
                out.append(Prediction(NONE_LABEL, float(cb_none[k])))
                continue
            flags = rule_flags(texts[k])
            heading = note_heading(texts[k])
            raw, fired = self._cue_prior(hits, flags, heading, texts[k])
            detect = cb_subs[k] + raw * CUE_PRIOR
            none_score = cb_none[k] + (NOT_POLITICAL_BONUS if reports_no_event(texts[k]) else 0.0)
            if allow_none and none_score > detect.max():
                out.append(Prediction(NONE_LABEL, float(cb_none[k]), tuple(hits)))
                continue
            total = typing[k] + raw * typing_prior
            fired += apply_score_rules(SCORE_RULES, ScoreContext(
                text=texts[k], scores=total, flags=flags, raw=raw, heading=heading,
                scale=1.0 if self.trained is None else TRAINED_RULE_SCALE, hits=hits))
            if self.typer is not None:  # decided below, in one batch
                learned.append((len(out), TypingInput(texts[k], hits, tuple(sorted(f.value for f in flags)),
                                                      heading, total), raw, fired))
                out.append(Prediction(NONE_LABEL, 0.0))
                continue
            out.append(self._decide(total, typing[k], raw, hits, fired, flags))
        if learned and self.typer is not None:
            probs = self._take(self.typer.scores([item for _, item, _, _ in learned]), self._ty_index)
            for (slot, item, raw, fired), p in zip(learned, probs, strict=True):
                out[slot] = self._decide(p, p, raw, item.hits, fired, item.flags)
        return out

    def typing_inputs(self, texts: Sequence[str]) -> list[TypingInput]:
        """What the learned typer reads about each text (known to report an event): the cues, flags,
        heading and the rule-based scores of the codebook model (for fitting a typer)."""
        if not texts:
            return []
        cb_subs = self._take(self.codebook.scores(texts), self._cb_index)
        items: list[TypingInput] = []
        for k, text in enumerate(texts):
            hits = find_cues(text)
            flags = rule_flags(text)
            heading = note_heading(text)
            raw, _ = self._cue_prior(hits, flags, heading, text)
            total = cb_subs[k] + raw * CUE_PRIOR
            apply_score_rules(SCORE_RULES, ScoreContext(text=text, scores=total, flags=flags, raw=raw,
                                                        heading=heading, scale=1.0, hits=hits))
            items.append(TypingInput(text, hits, tuple(sorted(f.value for f in flags)), heading, total))
        return items

    def _decide(self, total: np.ndarray, typing: np.ndarray, raw: np.ndarray, hits: Sequence[CueHit],
                fired: Sequence[RuleName], flags: Iterable[Flag] | Iterable[str]) -> Prediction:
        """The best sub-type of ``total``, with a confidence from the model's share ``typing`` and
        the cue prior ``raw``."""
        order = np.argsort(-total)
        best = int(order[0])
        confidence = float(min(1.0, max(0.05, typing[best] + 0.25 * min(1.0, raw[best]))))
        ranking = tuple((self._subs[int(i)], float(total[int(i)])) for i in order[:3])
        return Prediction(self._subs[best], round(confidence, 3), tuple(hits), ranking,
                          tuple(name.value for name in fired), tuple(sorted(str(f) for f in flags)))
