"""A learned decision: does the article report a happening as its news, or mention it in passing?

A story reports a few happenings and mentions many more (coding rules, "Whole articles"). After
the status rules and coreference, each happening is described by named features of where and how
the article tells it (lede or late paragraph, how often, with its own date and place, how far
from the lede's date, with a toll, with "meanwhile" or "earlier", ...). A logistic regression over
those features, trained on real articles with crowd-coded events (``benchmarks/train_salience.py``:
the development parts of FA-KES and GVA only, settings by cross-validation grouped by article),
gives each happening a probability; below the threshold chosen by that cross-validation it is
"context" and not coded. The article's most salient happening is never dropped by the model.

The shipped weights (``salience.json``) are numbers over these named features, nothing else.
"""

from __future__ import annotations

import math
import re
from datetime import date as Date
from functools import lru_cache
from pathlib import Path

from ..schema import Doc, EventCandidate
from ..dedup.control import TERRITORY_SUB_EVENTS
from .coref import Happening, family, lethal, own_date, own_place
from .linear import LinearModel, read_linear_model

__all__ = ["FEATURES", "SalienceModel", "choose_kept", "happening_features", "load_salience_model", "model_decides"]

MODEL_PATH = Path(__file__).with_name("salience.json")

_ELSEWHERE = re.compile(r"\b(?:elsewhere|meanwhile|separately|in\s+another|in\s+a\s+separate|also|other|"
                        r"further|additionally)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:earlier|previous(?:ly)?|last\s+(?:week|month|year)|ago|had\s+(?:been|\w+ed)|"
                    r"before|former(?:ly)?|since)\b", re.IGNORECASE)
_REPORTING = re.compile(r"\b(?:said|says|reported|according\s+to|told|monitor|observatory|sources?)\b",
                        re.IGNORECASE)

#: The named features, in the order of the model's weights.
FEATURES: tuple[str, ...] = (
    "first_position", "in_lede", "in_headline", "log_mentions", "own_date", "own_place",
    "days_before_focus", "days_after_focus", "place_precision", "country_only", "has_toll", "log_toll",
    "family_violence", "family_attack", "family_protest", "family_other", "order",
    "cue_elsewhere", "cue_past", "cue_reporting", "mean_score", "same_region_as_first", "log_happenings",
)


def _admin1(h: Happening) -> str | None:
    p = h.place
    return (p.admin1 or p.name) if p is not None else None


def happening_features(doc: Doc, happenings: list[Happening], number: int, focus: Date | None,
                       headlines: frozenset[int]) -> dict[str, float]:
    """The named features of ``happenings[number]`` in ``doc``."""
    h = happenings[number]
    members = h.members
    first = min(m.sentence_index for m in members)
    n_sent = max(1, len(doc.sentences))
    head_sent = doc.sentences[first].text if first < len(doc.sentences) else ""
    days = [(focus - m.date.event_date).days for m in members if m.date is not None and focus is not None]
    toll = h.toll
    fam = lethal(family(h.head))
    precisions = [m.place.geo_precision for m in members if m.place is not None and m.place.place is not None]
    kinds = {m.place.place.kind for m in members if m.place is not None and m.place.place is not None}
    region, first_region = _admin1(h), _admin1(happenings[0])
    return {
        "first_position": first / n_sent,
        "in_lede": float(any(m.sentence_index <= 2 for m in members)),
        "in_headline": float(any(m.sentence_index in headlines for m in members)),
        "log_mentions": math.log1p(len(members)),
        "own_date": float(any(own_date(m) for m in members)),
        "own_place": float(any(own_place(m) for m in members)),
        "days_before_focus": min(max(min(days), 0), 7) / 7 if days else 0.0,
        "days_after_focus": min(max(-max(days), 0), 7) / 7 if days else 0.0,
        "place_precision": (min(precisions) if precisions else 3) / 3,
        "country_only": float(bool(kinds) and kinds <= {"country"}),
        "has_toll": float(toll > 0),
        "log_toll": math.log1p(toll) / 5,
        "family_violence": float(fam == "violence" and family(h.head) != "Attack"),
        "family_attack": float(family(h.head) == "Attack"),
        "family_protest": float(fam == "protest"),
        "family_other": float(fam not in ("violence", "protest")),
        "order": min(number, 3) / 3,
        "cue_elsewhere": float(bool(_ELSEWHERE.search(head_sent))),
        "cue_past": float(bool(_PAST.search(head_sent))),
        "cue_reporting": float(bool(_REPORTING.search(head_sent))),
        "mean_score": sum(m.score for m in members) / len(members),
        "same_region_as_first": float(number == 0 or (region is not None and region == first_region)),
        "log_happenings": math.log1p(len(happenings)) / 3,
    }


#: The salience model is a :class:`~.linear.LinearModel` over :data:`FEATURES`.
SalienceModel = LinearModel


@lru_cache(maxsize=4)
def load_salience_model(path: Path = MODEL_PATH) -> SalienceModel | None:
    """The shipped model, or None when no weights file is present (the rules alone then decide)."""
    return read_linear_model(path, FEATURES)


def model_decides(hap: Happening) -> bool:
    """Does the salience model decide this happening? Not when it holds a change of territory:
    the development data code deaths, not captures, so the model has not learned them."""
    return not any(m.sub_event_type in TERRITORY_SUB_EVENTS for m in hap.members)


def choose_kept(happenings: list[Happening], probs: list[float], threshold: float, *,
                keep_territory: bool = True) -> list[str | None]:
    """For each happening, why it stays ("salient", "most salient", ...), or None when it is
    set aside as mentioned in passing. The most salient happening always stays; when no kept
    happening reports deaths but a set-aside one does, the most salient of those stays too (a
    story that reports deaths codes them)."""
    best = max(range(len(happenings)), key=lambda k: probs[k])
    out: list[str | None] = []
    for k, hap in enumerate(happenings):
        if k == best:
            out.append("the most salient happening of the story")
        elif probs[k] >= threshold:
            out.append("salient")
        elif keep_territory and not model_decides(hap):
            out.append("a change of territory (rules decide)")
        else:
            out.append(None)
    if not any(h.toll for h, why in zip(happenings, out, strict=True) if why):
        lethal_left = [k for k, h in enumerate(happenings) if out[k] is None and h.toll]
        if lethal_left:
            out[max(lethal_left, key=lambda k: probs[k])] = "the most salient happening with deaths"
    return out
