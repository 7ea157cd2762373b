"""Event-mention detection (placeholder: trigger lexicon + modality; deepened by issue 4)."""

from __future__ import annotations

import re

from ..config import Settings
from ..registry import stage
from ..resources import Resources
from ..schema import Doc, EventCandidate, Span
from ..taxonomy import TYPE_OF_SUB

__all__ = ["Detector"]

_TRIGGERS: list[tuple[str, str]] = [
    (r"air ?strikes?|airstrikes?|warplanes?|bombed from the air|drone strikes?", "Air/drone strike"),
    (r"shell(?:ed|ing)|artillery|mortars?|rockets?|missiles?", "Shelling/artillery/missile attack"),
    (r"suicide (?:bomb(?:er|ing)?|attack)", "Suicide bomb"),
    (r"car bombs?|booby-trapped cars?|ied|roadside bomb|landmine|explosive device", "Remote explosive/landmine/IED"),
    (r"clash(?:es|ed)?|fighting|battles?|assault|attack(?:ed|s)? (?:on|against) .{0,40}positions", "Armed clash"),
    (r"(?:seized?|captured?|took) control|captured|overran", "Non-state actor overtakes territory"),
    (r"protest(?:ed|ers|s)?|demonstrat(?:ed|ion|ors)|rall(?:y|ied)|march(?:ed)?", "Peaceful protest"),
    (r"riot(?:s|ed|ers)?|mob", "Violent demonstration"),
    (r"shot dead|gunned down|killed .{0,30}civilians?|executed|firing randomly", "Attack"),
    (r"kidnapp(?:ed|ing)|abduct(?:ed|ion)", "Abduction/forced disappearance"),
    (r"arrest(?:ed|s)?|detained", "Arrests"),
]
_COMPILED = [(re.compile(rf"\b(?:{p})\b", re.I), sub) for p, sub in _TRIGGERS]
_HYPOTHETICAL = re.compile(r"\b(?:if|in case|would|will|could|may|might|plan(?:s|ned)? to|threaten(?:s|ed)?)\b", re.I)
_NEGATION = re.compile(r"\b(?:no|not|denied|never|without)\b", re.I)


class Detector:
    """Stage ``detect.v1``: one candidate per (sentence, sub-event type)."""

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            seen: set[str] = set()
            for pattern, sub in _COMPILED:
                m = pattern.search(sent.text)
                if not m or sub in seen:
                    continue
                seen.add(sub)
                start = sent.start + m.start()
                doc.candidates.append(
                    EventCandidate(
                        sentence_index=sent.index,
                        trigger=Span(start=start, end=sent.start + m.end(), text=m.group(0)),
                        event_type=TYPE_OF_SUB[sub],
                        sub_event_type=sub,
                        score=0.5,
                        hypothetical=bool(_HYPOTHETICAL.search(sent.text[: m.start()])),
                        negated=bool(_NEGATION.search(sent.text[max(0, m.start() - 25): m.start()])),
                    )
                )
        return doc


@stage("detect.v1")
def make_detector(settings: Settings, resources: Resources) -> Detector:
    return Detector()
