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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..taxonomy import SUB_EVENT_TYPES
from .codebook import NONE_LABEL, training_pairs
from .cues import CueHit, find_cues, note_heading

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
    "unarmed_groups_clash",
]

#: How much a cue's weight adds to a sub-type's score, and how much the codebook counts
#: against a trained model when both are present.
CUE_PRIOR = 0.45
CUE_PRIOR_WITH_TRAINED = 0.1
CODEBOOK_SHARE_WITH_TRAINED = 0.25
ARMED_VICTIM_SHIFT = 0.3
NOT_POLITICAL_BONUS = 1.0
#: How much the actor rules count on top of a trained model, and what an ACLED heading adds.
TRAINED_RULE_SCALE = 0.5
HEADING_BONUS = 0.5
EXCHANGE_SHIFT = 0.6


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


def make_vectorizer(*, max_features: int | None = None, chars: bool = False) -> Any:
    """Word 1-2 grams over crudely stemmed tokens, TF-IDF weighted; with ``chars``, also
    character 2-5 grams (better on notes, but four times slower at run time)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                           max_features=max_features, preprocessor=stem_text)
    if not chars:
        return word
    return FeatureUnion([
        ("word", word),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                 min_df=1, max_features=max_features)),
    ])


_SUFFIX = re.compile(r"(?<=\w\w\w)(?:ings?|ed|es|s|ly)\b")
_DIGITS = re.compile(r"\d+")


def stem_text(text: str) -> str:
    """Lower-case, strip common English suffixes and fold digits (cheap, module-level so
    fitted pipelines pickle)."""
    return _SUFFIX.sub("", _DIGITS.sub("0", text.lower()))


def fit_text_model(texts: Sequence[str], labels: Sequence[str], *, c: float = 0.5,
                   balanced: bool = True, max_features: int | None = None,
                   chars: bool = False) -> TextModel:
    """Fit a linear SVM over :func:`make_vectorizer` features."""
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    pipe = Pipeline([
        ("features", make_vectorizer(max_features=max_features, chars=chars)),
        ("svm", LinearSVC(C=c, class_weight="balanced" if balanced else None)),
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


_ARMED = re.compile(
    r"\b(?:soldiers?|troops|police(?:m[ae]n)?|officers?|commandos?|militants?|fighters?|militiam[ae]n|"
    r"security (?:forces|personnel)|army|military|servicem[ae]n|guards?|insurgents|rebels|taliban|"
    r"combatants?|members? of (?:the )?[A-Z]\w+)\b", re.IGNORECASE)
_CIVILIAN = re.compile(
    r"\b(?:civilians?|residents?|villagers?|m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|farmers?|"
    r"journalists?|teachers?|students?|worshippers|passengers|famil(?:y|ies)|people|persons?|"
    r"shepherds?|drivers?|traders?|businessm[ae]n|doctors?|nurses?|inmates?|prisoners?|victims?|body|"
    r"(?:drug )?suspects?|suspected drug \w+)\b",
    re.IGNORECASE)


_ARMED_OR_ARMS = re.compile(
    r"\b(?:soldiers?|troops|police|officers?|commandos?|militants?|fighters?|militias?|army|military|"
    r"forces|insurgents|rebels|gunmen|armed|taliban|guerrillas?|jihadists?|brigades?|battalions?|"
    r"sniper|artillery|mortars?|rockets?|ambush\w*)\b", re.IGNORECASE)
_UNARMED_GROUPS = re.compile(
    r"\b(?:disputes?|groups? of (?:villagers|residents|farmers|youths?)|two groups|villagers|residents|"
    r"supporters|families|neighbou?rs|relatives|mob|crowd|youths|party (?:workers|members))\b", re.IGNORECASE)
_STATE_SIDE = re.compile(
    r"\b(?:army|military|government|regime|troops|soldiers|security forces|pro-government|"
    r"national (?:army|forces)|armed forces|pro-(?:government|regime|Hadi|Assad)|government-(?:backed|allied)|"
    r"loyal to the (?:president|government))\b",
    re.IGNORECASE)
_TERRITORY_CUE = re.compile(r"\b(?:took|taken|seized|captured|regained|retook|recaptured|overran|overtook|recovered|"
                           r"drove|occupied|occupy) (?:\w+\W+){0,4}?(?:control|town|village|city|areas?|regions?|base|"
                           r"(?:check)?posts?|(?:check)?points?|positions?|district|hill|ground)|control (?:of|over)\b", re.IGNORECASE)
_TERRITORY = re.compile(r"\b(?:took|taken|seized|gained|captured|regained|retook|recaptured|overtook|overran|"
                        r"control)\b", re.IGNORECASE)


_NOT_POLITICAL = re.compile(
    r"\b(?:accident\w*|crash\w*|collision|gas (?:leak\w*|cylinder|explosion|plant)|leak(?:ed|age)|short circuit|derail\w*|"
    r"earthquake|flood\w*|storm|cyclone|hurricane|wildfire|landslide|drought|"
    r"nuclear test|test of a|industrial|factory fire|plant exploded|tank exploded|"
    r"drowned|overturned)\b", re.IGNORECASE)
# "march" but not the month in "18 March 2020"
_PROTEST = re.compile(r"\b(?:protest\w*|demonstrat\w+|(?<!\d )march(?:ed|es|ing)?\b(?! \d)|rall(?:y|ies)|"
                      r"sit-ins?)", re.IGNORECASE)
_LETHAL = re.compile(r"\b(?:killed|died|dead|death|live (?:rounds|ammunition|fire|bullets)|gunfire|shot)\b",
                     re.IGNORECASE)
_VIOLENT_CROWD = re.compile(r"\b(?:riot\w*|stones|stone[- ]?pelting|pelt\w*|molotov|petrol bombs?|torched|"
                            r"set (?:on )?fire|clashed|attacked|assaulted|vandali\w+|turned violent|retaliat\w*|"
                            r"ablaze|looted|smashed|burn\w*|brawl)\b", re.IGNORECASE)
_FORCES = (r"(?:police\w*|security (?:forces|personnel|officers)|officers|authorities|gendarm\w+|soldiers|"
           r"troops|army|military|guards?|agents)")
#: the authorities act on the protest (arrests, dispersal), not a protest *against* an arrest
_INTERVENED = re.compile(
    rf"\b{_FORCES}\b[^.;]{{0,80}}?\b(?:arrest(?:ed|ing)|detain(?:ed|ing)|dispers\w+|broke up|intervened|"
    r"lathi|baton|tear ?gas|water cannon|rubber bullets|removed|evicted|fined|prevented|stopped|"
    r"took (?:\w+ )?into custody)\b"
    r"|\b(?:were|was|been|got) (?:\w+ )?(?:arrested|detained|dispersed|taken into custody|removed)\b"
    r"|\b(?:lathi|baton)[- ]charg\w*|\btear ?gas\b|\bwater cannons?\b|\brubber bullets\b", re.IGNORECASE)
#: fire traded "in both directions" across a front line is an exchange, i.e. a clash
_EXCHANGE = re.compile(r"\bboth directions\b|\bexchange[sd]? (?:of )?(?:fire|gunfire)\b|\btraded fire\b|"
                       r"\bsmall[- ]arms\b|\bbursts\b", re.IGNORECASE)
#: weapons fired from a distance, with no sign of an exchange: shelling, not a clash
_STANDOFF = re.compile(r"\b(?:RPGs?|rocket-propelled grenades?|grenade launchers?|anti-tank|mortars?|"
                       r"artillery|shell(?:s|ed|ing)|rockets?|missiles?|pounded)\b", re.IGNORECASE)
_CLASH_WORDS = re.compile(r"\b(?:clash\w*|fighting|fought|battle\w*|gun ?fights?|firefights?|"
                          r"returned fire|repel\w*|ambush\w*)\b", re.IGNORECASE)
_VICTIMS = r"(?:(?:a|one|two|three|\d+|several|many|some|the|of the) )?(?:peaceful )?(?:protesters?|demonstrators?|marchers|crowd)"
#: state force turned on the protesters themselves (not a protest *about* a killing)
_FORCE_ON_PROTESTERS = re.compile(
    rf"\b(?:open(?:ed|ing) fire|fir(?:ed|ing) (?:live \w+ )?)(?: on| at| into) {_VICTIMS}\b"
    rf"|\b(?:killing|killed|shot(?: dead)?|wounding|injuring|beat(?:ing)?) {_VICTIMS}\b"
    rf"|\b{_VICTIMS} (?:was|were) (?:killed|shot|beaten to death)\b", re.IGNORECASE)
_ABDUCT = re.compile(r"\b(?:kidnap\w*|abduct\w*)\b", re.IGNORECASE)
_DIED_AFTER = re.compile(r"\b(?:killed|dead|death|corpse|bod(?:y|ies)|stabbed|executed|murdered)\b",
                         re.IGNORECASE)
_ARREST = re.compile(r"\b(?:arrest\w*|detain\w*)\b", re.IGNORECASE)
_VIOLENCE_FIRST = re.compile(r"\b(?:killed|shot|dead|attacked|injured|wounded|seized|robbed|opened fire)\b",
                             re.IGNORECASE)
_CROWD = (r"(?:locals|residents|villagers|citizens|sellers|vendors|traders|youths|migrants|nationals|"
          r"(?:a |an angry )?(?:group|crowd|mob) of (?:\w+ ){0,2}?\w+)")
#: an unarmed crowd turns on someone (police included) outside a demonstration: mob violence
_MOB_ACT = re.compile(
    rf"\b{_CROWD}\b[^.;]{{0,50}}?\b(?:attacked|assaulted|beat|lynched|pelted|stoned|torched|vandali[sz]ed|"
    rf"chased)\b|\b(?:beaten(?: up)?|lynched|attacked|assaulted) by (?:a |the )?(?:angry )?{_CROWD}\b"
    r"|\b(?:a |an angry )?mob\b", re.IGNORECASE)
_OFF_DUTY = re.compile(r"\b(?:off[- ]duty|former (?:soldier|police\w*|officer|member|commander)|retired|"
                       r"civilian clothes|at (?:his|her) (?:home|house))\b", re.IGNORECASE)


def not_political(text: str) -> bool:
    """Rule: accidents, disasters and epidemics are not events, whatever exploded or died."""
    return bool(_NOT_POLITICAL.search(text))


def protesters_killed(text: str) -> bool:
    """Rule: a protest where people were shot or killed, with no sign the crowd was violent."""
    return bool(_PROTEST.search(text) and _LETHAL.search(text) and not _VIOLENT_CROWD.search(text))


def unarmed_groups_clash(text: str) -> bool:
    """Rule: a fight between unarmed groups (villagers, families, party supporters) is mob violence."""
    return bool(_UNARMED_GROUPS.search(text)) and not _ARMED_OR_ARMS.search(text)


def state_takes_territory(text: str) -> bool:
    """Rule: the actor named before the territory verb is on the state's side."""
    m = _TERRITORY.search(text)
    return m is not None and bool(_STATE_SIDE.search(text[: m.start()]))


def armed_victims_only(text: str) -> bool:
    """Rule: an 'attack' whose only victims are armed (soldiers, police, fighters) is a clash."""
    return bool(_ARMED.search(text)) and not _CIVILIAN.search(text)


_SECONDARY = ("Arrests", "Change to group/activity")


@dataclass(frozen=True)
class Prediction:
    label: str  # a sub_event_type or "none"
    score: float
    cues: tuple[CueHit, ...] = ()
    ranking: tuple[tuple[str, float], ...] = field(default=())


class EventClassifier:
    """Combine the codebook model, an optional trained model and the cue rules."""

    def __init__(self, codebook: TextModel, *, trained: TextModel | None = None) -> None:
        self.codebook = codebook
        self.trained = trained
        self._subs = SUB_EVENT_TYPES
        self._cb_index = [codebook.labels.index(s) if s in codebook.labels else -1 for s in self._subs]
        self._cb_none = codebook.labels.index(NONE_LABEL) if NONE_LABEL in codebook.labels else -1
        self._attack = self._subs.index("Attack")
        self._clash = self._subs.index("Armed clash")
        self._tr_index = ([trained.labels.index(s) if s in trained.labels else -1 for s in self._subs]
                          if trained is not None else [])

    def _apply_actor_rules(self, text: str, total: np.ndarray, scale: float = 1.0) -> None:
        """Who fights whom decides between look-alike sub-types (in place on ``total``);
        ``scale`` shrinks the shifts when a trained model already types the text."""
        idx = self._subs.index
        shift = ARMED_VICTIM_SHIFT * scale
        if armed_victims_only(text) and not _OFF_DUTY.search(text):
            total[self._attack] -= shift
            total[self._clash] += shift
        if _MOB_ACT.search(text) and not _PROTEST.search(text):
            total[idx("Mob violence")] += shift
            total[self._clash] -= shift / 2
        if unarmed_groups_clash(text):
            total[idx("Mob violence")] += shift
            total[self._clash] -= shift
        if _EXCHANGE.search(text):
            total[self._clash] += EXCHANGE_SHIFT * scale
        elif _STANDOFF.search(text) and not _CLASH_WORDS.search(text):
            total[idx("Shelling/artillery/missile attack")] += shift / 2
        abduct = _ABDUCT.search(text)
        if abduct and _DIED_AFTER.search(text, abduct.end()):  # kidnapped, then killed: an attack
            total[idx("Abduction/forced disappearance")] -= 2 * shift
            total[self._attack] += shift
        arrest = _ARREST.search(text)
        if arrest and _VIOLENCE_FIRST.search(text, 0, arrest.start()):  # arrests after the act
            total[idx("Arrests")] -= shift
        protest = _PROTEST.search(text)
        if protest and _FORCE_ON_PROTESTERS.search(text):
            total[idx("Excessive force against protesters")] += 2 * shift
        elif protest and protesters_killed(text):
            total[idx("Excessive force against protesters")] += shift
        elif protest and _VIOLENT_CROWD.search(text):
            total[idx("Violent demonstration")] += shift / 2
        elif protest and _INTERVENED.search(text):
            total[idx("Protest with intervention")] += shift
        gov, nsa = idx("Government regains territory"), idx("Non-state actor overtakes territory")
        if _TERRITORY_CUE.search(text):  # who took the place decides regain vs overtake
            side, other = (gov, nsa) if state_takes_territory(text) else (nsa, gov)
            total[side] = max(total[side], total[other]) + shift
        heading = note_heading(text)
        if heading is not None:
            total[idx(heading)] += HEADING_BONUS

    def _cue_prior(self, hits: Sequence[CueHit]) -> np.ndarray:
        prior = np.zeros(len(self._subs))
        for hit in hits:
            i = self._subs.index(hit.sub_event_type)
            prior[i] = max(prior[i], hit.weight)
        # an arrest or a deployment reported next to violence is usually its aftermath
        if any(h.weight >= 0.6 and h.sub_event_type not in _SECONDARY for h in hits):
            for sub in _SECONDARY:
                prior[self._subs.index(sub)] *= 0.3
        return prior

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
        for k, hits in enumerate(hits_per_text):
            raw = self._cue_prior(hits)
            if allow_none and require_cue and not hits:
                out.append(Prediction(NONE_LABEL, float(cb_none[k])))
                continue
            detect = cb_subs[k] + raw * CUE_PRIOR
            none_score = cb_none[k] + (NOT_POLITICAL_BONUS if not_political(texts[k]) else 0.0)
            if allow_none and none_score > detect.max():
                out.append(Prediction(NONE_LABEL, float(cb_none[k]), tuple(hits)))
                continue
            total = typing[k] + raw * typing_prior
            self._apply_actor_rules(texts[k], total, 1.0 if self.trained is None else TRAINED_RULE_SCALE)
            order = np.argsort(-total)
            best = int(order[0])
            confidence = float(min(1.0, max(0.05, typing[k][best] + 0.25 * min(1.0, raw[best]))))
            ranking = tuple((self._subs[int(i)], float(total[int(i)])) for i in order[:3])
            out.append(Prediction(self._subs[best], round(confidence, 3), tuple(hits), ranking))
        return out
