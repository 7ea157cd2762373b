"""Actor stage (placeholder dictionary; deepened by issue 7)."""

from __future__ import annotations

import re

from ..config import Settings
from ..registry import stage
from ..resources import Resources
from ..schema import Actor, ActorMention, Doc, Span

__all__ = ["ActorResolver"]

_GENERIC: list[tuple[str, str, int]] = [
    (r"government forces|security forces|army|soldiers|regime|al-Assad'?s? forces", "Military Forces of {c}", 1),
    (r"police", "Police Forces of {c}", 1),
    (r"protesters|demonstrators", "Protesters ({c})", 6),
    (r"rioters", "Rioters ({c})", 5),
    (r"civilians?|residents|villagers", "Civilians ({c})", 7),
    (r"gunmen|unidentified armed", "Unidentified Armed Group ({c})", 3),
    (r"rebels|factions|militants|insurgents|resistance", "Rebel Group ({c})", 2),
]
_COMPILED = [(re.compile(rf"\b(?:{p})\b", re.I), n, i) for p, n, i in _GENERIC]


class ActorResolver:
    """Stage ``actors.v1``: actor mentions and actor1/actor2 per candidate."""

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            for pattern, template, inter in _COMPILED:
                for m in pattern.finditer(sent.text):
                    country = doc.country_hint or "Unknown"
                    start = sent.start + m.start()
                    doc.actors.append(ActorMention(
                        span=Span(start=start, end=sent.start + m.end(), text=m.group(0)),
                        sentence_index=sent.index,
                        actor=Actor(name=template.format(c=country), inter=inter, country=country)))
        for cand in doc.candidates:
            names: list[Actor] = []
            for mention in doc.actors:
                if mention.sentence_index == cand.sentence_index and mention.actor.name not in {
                    a.name for a in names
                }:
                    names.append(mention.actor)
            cand.actor1 = names[0] if names else None
            cand.actor2 = names[1] if len(names) > 1 else None
        return doc


@stage("actors.v1")
def make_actor_resolver(settings: Settings, resources: Resources) -> ActorResolver:
    return ActorResolver()
