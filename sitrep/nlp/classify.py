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

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..taxonomy import SUB_EVENT_TYPES, TYPE_OF_SUB
from .codebook import NONE_LABEL, training_pairs
from .cues import CueHit, find_cues, note_heading
from .rules import (
    _DATED_BEFORE,
    _list_end,
    _reads_english,
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
CODEBOOK_SHARE_WITH_TRAINED = 0.1
ARMED_VICTIM_SHIFT = 0.3
NOT_POLITICAL_BONUS = 1.0
#: How much the actor rules count on top of a trained model, and what an ACLED heading adds.
TRAINED_RULE_SCALE = 0.25
HEADING_BONUS = 0.5
EXCHANGE_SHIFT = 0.3
STANDOFF_SHIFT = 0.15
INTERVENTION_SHIFT = 0.45
CIVILIAN_TARGET_SHIFT = 0.3
VIOLENT_CROWD_SHIFT = 0.3


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


_SECONDARY = ("Arrests", "Change to group/activity")
_EXPLOSIONS = frozenset(s for s, t in TYPE_OF_SUB.items() if t == "Explosions/Remote violence")
#: seized weapons and destroyed property next to killing or fighting are that violence's aftermath
_AFTERMATH = ("Disrupted weapons use", "Looting/property destruction")
AFTERMATH_FACTOR = 0.3
#: force used on a demonstration: without one, live rounds and tear gas are another act's weapons
_AT_PROTESTS = ("Excessive force against protesters", "Protest with intervention")


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
        self._remote = [i for i, sub in enumerate(self._subs) if sub in _EXPLOSIONS]
        self._tr_index = ([trained.labels.index(s) if s in trained.labels else -1 for s in self._subs]
                          if trained is not None else [])

    def _apply_actor_rules(self, text: str, total: np.ndarray, scale: float = 1.0,
                           flags: frozenset[str] | None = None, raw: np.ndarray | None = None) -> None:
        """Who fights whom decides between look-alike sub-types (in place on ``total``);
        ``scale`` shrinks the shifts when a trained model already types the text; ``flags`` are the
        text's :func:`rule_flags` (found here if not given), ``raw`` its cue prior."""
        idx = self._subs.index
        shift = ARMED_VICTIM_SHIFT * scale
        flags = rule_flags(text) if flags is None else flags
        if flags & {"armedvictims", "criminalvictim"} and not flags & {"offduty", "mobact", "unarmedgroups"}:
            total[self._attack] -= shift
            # armed victims of an air strike or shelling do not make it a clash
            remote = max(total[i] for i in self._remote)
            gain = shift if total[self._clash] >= remote else min(shift, max(0.0, remote - total[self._clash] - 0.01))
            total[self._clash] += gain
            if total[self._clash] >= remote:  # only armed people hit: a clash, not an attack (ACLED)
                total[self._clash] = max(total[self._clash], total[self._attack] + shift / 2)
        fought = "clashedwith" in flags and not flags & {"protest", "mobact", "unarmedgroups", "rioters"}
        if "criminalvictim" in flags and not flags & {"offduty", "mobact", "unarmedgroups"}:
            # ACLED counts a gang member or trafficker as an armed actor: violence against one is a clash
            total[self._clash] = max(total[self._clash], total[self._attack] + shift / 2)
        # civilians killed by a bomb, shell or air strike count in that explosion's event (coding rules)
        weapon = raw is not None and max(raw[i] for i in self._remote) >= 0.8
        if "civiliantarget" in flags and not flags & {"armedvictims", "criminalvictim"} and not fought \
                and not weapon:
            total[self._attack] += CIVILIAN_TARGET_SHIFT * scale
            total[self._clash] -= CIVILIAN_TARGET_SHIFT * scale / 2
        if fought:
            # two sides fought: not a one-sided attack, whoever died (the weapons and any territory
            # change still decide among the other sub-types)
            total[self._attack] -= shift
            # a grenade thrown in a fight is part of it (coding rules: an explosion within a battle is
            # merged into the battle's clash)
            total[self._clash] = max(total[self._clash], total[self._attack] + shift, total[idx("Grenade")] + shift / 2)
            if "armedcrowd" in flags:  # militias or gunmen that fought: armed sides, no mob
                total[self._clash] = max(total[self._clash], total[idx("Mob violence")] + shift / 2)
        if "unarmedgroups" in flags:
            total[idx("Mob violence")] += shift
            total[self._clash] -= shift
        if "mobact" in flags and "protest" not in flags:
            # stones and arson with no demonstration around them are a mob's, not a demonstration's
            mob = idx("Mob violence")
            total[mob] = max(total[mob], total[idx("Violent demonstration")]) + shift
            total[self._clash] -= shift / 2
        if "weaponagent" in flags and "exchange" not in flags and raw is not None:
            # the weapon killed or hurt: the strongest weapon cue's sub-type, not an attack
            best = max(self._remote, key=lambda i: raw[i])
            if raw[best] > 0:
                total[best] = max(total[best], total[self._attack]) + shift / 2
        if "airborne" in flags and "exchange" not in flags:  # missiles or grenades from the air
            air = idx("Air/drone strike")
            total[air] = max(total[air], *(total[i] for i in self._remote)) + shift / 2
        if "exchange" in flags:  # fire traded both ways is a clash, whatever the weapons
            shelling = idx("Shelling/artillery/missile attack")
            grenade = idx("Grenade")  # a grenade answered with gunfire is part of the fight
            total[self._clash] = max(total[self._clash], total[shelling], total[grenade]) + EXCHANGE_SHIFT * scale
        elif "standoff" in flags and "clashwords" not in flags:
            # heavy weapons fired with no sign of an answer or a fight: remote fire, whatever the verbs
            shelling = idx("Shelling/artillery/missile attack")
            total[shelling] = max(total[shelling], total[self._clash]) + STANDOFF_SHIFT * scale
        if "nonstatearrest" in flags:  # ACLED: an "arrest" by anyone but the state is an abduction
            abduction, arrests = idx("Abduction/forced disappearance"), idx("Arrests")
            total[abduction] = max(total[abduction], total[arrests] + shift / 2)
            total[arrests] -= shift
        if "armedtaken" in flags and "offduty" not in flags:  # soldiers or police abducted: a clash
            abduction = idx("Abduction/forced disappearance")
            total[abduction] -= shift
            total[self._clash] = max(total[self._clash], total[abduction] + shift)
        if "abductkilled" in flags:  # kidnapped, then killed: an attack
            total[idx("Abduction/forced disappearance")] -= 2 * shift
            total[self._attack] += shift
        if "arrestafter" in flags:  # arrests after the act are its aftermath
            total[idx("Arrests")] -= shift
        elif "arrestonly" in flags:
            total[idx("Arrests")] += shift
        if "rioters" in flags:  # ACLED: rioters with no demonstration lean to a mob
            total[idx("Mob violence")] += VIOLENT_CROWD_SHIFT * scale
        if ("protest" in flags and not flags & {"violentcrowd", "mobact"}) or "armedcrowd" in flags:
            total[idx("Mob violence")] -= shift  # a peaceful crowd, or armed men: no mob
        if "protest" not in flags and _reads_english(text):  # force against protesters needs protesters
            for sub in _AT_PROTESTS:
                total[idx(sub)] -= shift
        if "protest" in flags:
            peaceful = idx("Peaceful protest")
            if "forceprot" in flags:
                total[idx("Excessive force against protesters")] += 2 * shift
            elif "protesterskilled" in flags:  # deaths at a protest with no sign the crowd was violent:
                ef = idx("Excessive force against protesters")  # force beyond an intervention (ACLED)
                total[ef] = max(total[ef], total[idx("Protest with intervention")]) + shift
            elif "violentcrowd" in flags:  # the protest cue names the family, the crowd's acts the sub-type
                vd = idx("Violent demonstration")  # however the authorities answered (ACLED)
                total[vd] = max(total[vd], total[peaceful], total[idx("Protest with intervention")]) \
                    + VIOLENT_CROWD_SHIFT * scale
            elif "intervened" in flags:  # ACLED: any arrest or dispersal makes it an intervention
                pwi = idx("Protest with intervention")
                total[pwi] = max(total[pwi], total[peaceful]) + INTERVENTION_SHIFT * scale
        gov, nsa = idx("Government regains territory"), idx("Non-state actor overtakes territory")
        # who took the place decides (not at a protest: police "taking control" of a building there
        # ends the protest, it wins no territory)
        if ("stateterritory" in flags or "nonstateterritory" in flags) and "protest" not in flags:
            side, other = (gov, nsa) if "stateterritory" in flags else (nsa, gov)
            total[side] = max(total[side], total[other]) + shift
        if raw is not None and not flags & {"stateterritory", "nonstateterritory"} and raw[gov] == raw[nsa] == 0:
            total[gov] -= shift  # no place named as taken: no territory changed hands
            total[nsa] -= shift
        if "nolastingtake" in flags:  # held only briefly, or only tried: a clash (ACLED)
            total[gov] -= 2 * shift
            total[nsa] -= 2 * shift
            total[self._clash] += shift / 2
        if "captives" in flags and not flags & {"stateterritory", "nonstateterritory"}:
            total[gov] -= shift  # fighters captured: no ground changed hands
            total[nsa] -= shift
        if "handover" in flags:  # no fighting: neither side regained or overtook anything
            nvt = idx("Non-violent transfer of territory")
            total[nvt] = max(total[nvt], total[gov], total[nsa]) + shift
        heading = note_heading(text)
        if heading is not None:
            total[idx(heading)] += HEADING_BONUS

    def _cue_prior(self, hits: Sequence[CueHit], flags: frozenset[str] = frozenset(),
                   heading: str | None = None, text: str = "") -> np.ndarray:
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
        if heading is None and "violence" in flags:
            for sub in _AFTERMATH:
                prior[self._subs.index(sub)] *= AFTERMATH_FACTOR
        # live rounds or tear gas with no demonstration in sight (only where the rules can read)
        if "protest" not in flags and _reads_english(text):
            for sub in _AT_PROTESTS:
                prior[self._subs.index(sub)] *= AFTERMATH_FACTOR
            # stones or arson with no demonstration named are a mob's (ACLED: a violent demonstration
            # needs demonstrators; riot words have their own rule, "rioters")
            if "armedcrowd" in flags:  # armed men "marching" or "demanding": no demonstration
                prior[self._subs.index("Peaceful protest")] *= AFTERMATH_FACTOR
            if "rioters" not in flags:  # no crowd and no one hurt: property destruction
                vd = self._subs.index("Violent demonstration")
                to = self._subs.index("Mob violence" if flags & {"crowd", "violence"} else "Looting/property destruction")
                prior[to] = max(prior[to], prior[vd])
                prior[vd] *= AFTERMATH_FACTOR
        # an arrest or a deployment reported next to violence is usually its aftermath, and lockdown
        # or curfew words at a protest are its cause
        if any(h.weight >= 0.6 and h.sub_event_type not in _SECONDARY for h in hits) \
                or (heading is None and flags & {"violence", "protest"}):
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
            if allow_none and require_cue and not hits:
                out.append(Prediction(NONE_LABEL, float(cb_none[k])))
                continue
            flags = rule_flags(texts[k])
            raw = self._cue_prior(hits, flags, note_heading(texts[k]), texts[k])
            detect = cb_subs[k] + raw * CUE_PRIOR
            none_score = cb_none[k] + (NOT_POLITICAL_BONUS if reports_no_event(texts[k]) else 0.0)
            if allow_none and none_score > detect.max():
                out.append(Prediction(NONE_LABEL, float(cb_none[k]), tuple(hits)))
                continue
            total = typing[k] + raw * typing_prior
            self._apply_actor_rules(texts[k], total, 1.0 if self.trained is None else TRAINED_RULE_SCALE, flags, raw)
            order = np.argsort(-total)
            best = int(order[0])
            confidence = float(min(1.0, max(0.05, typing[k][best] + 0.25 * min(1.0, raw[best]))))
            ranking = tuple((self._subs[int(i)], float(total[int(i)])) for i in order[:3])
            out.append(Prediction(self._subs[best], round(confidence, 3), tuple(hits), ranking))
        return out
