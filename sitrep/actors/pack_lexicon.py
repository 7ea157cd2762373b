"""``actors.v1`` for packs with their own actor lexicon (:class:`sitrep.lang.ArgumentRules`
``actors="pack"``; Arabic).

The pack's :meth:`~sitrep.lang.LanguagePack.actors` reader names actors in every sentence. A state
force is an external force (inter 8) outside its own country; an actor with no country of its own
takes the report's (the input's hint, else the one ``geo.v1`` read from the report's places, else
none). A candidate's actor1/actor2 are the first two armed actors of its sentence (else of the
sentence before, else of the headline); civilians are actor2 of a battle, explosion or attack
when no second armed actor is named; a protest naming no one is the report country's protesters.
When the lexicon names no actor1 the knowledge base's choice (made just before) stands.
"""

from __future__ import annotations

from ..lang import MAX_SENTENCE_CHARS, LanguagePack
from ..schema import Actor, ActorMention, Doc, EventCandidate, Span

__all__ = ["assign_pack_actors", "pack_mentions"]

_ACTIVE = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def pack_mentions(doc: Doc, pack: LanguagePack, home: str | None) -> dict[int, list[ActorMention]]:
    """Sentence index -> the actors ``pack``'s lexicon names there (document offsets)."""
    out: dict[int, list[ActorMention]] = {}
    for s in doc.sentences:
        for t in pack.actors(s.text[:MAX_SENTENCE_CHARS]):
            abroad = t.inter == 1 and t.country is not None and t.country != home
            actor = Actor(name=t.name, inter=8 if abroad else t.inter, country=t.country or home)
            out.setdefault(s.index, []).append(ActorMention(
                span=Span(start=s.start + t.start, end=s.start + t.end, text=s.text[t.start:t.end]),
                sentence_index=s.index, actor=actor))
    return out


def assign_pack_actors(cand: EventCandidate, mentions: dict[int, list[ActorMention]], home: str | None) -> None:
    """actor1/actor2, ``cand.actors`` and civilian targeting of one candidate of the pack."""
    si = cand.sentence_index
    near = mentions.get(si, []) or mentions.get(si - 1, []) or mentions.get(0, [])
    armed = [m.actor for m in near if m.actor.inter != 7]
    civ = next((m.actor for m in near if m.actor.inter == 7), None)
    names: list[Actor] = []
    for a in armed:
        if all(a.name != b.name for b in names):
            names.append(a)
    a1 = names[0] if names else None
    a2 = names[1] if len(names) > 1 else None
    if a2 is None and civ is not None and cand.event_type in _ACTIVE:
        a2 = civ
    if cand.event_type == "Protests" and a1 is None:
        a1 = Actor(name=f"Protesters ({home or 'International'})", inter=6, country=home)
    if a1 is not None:
        cand.actor1, cand.actor2 = a1, a2
    cand.actors = mentions.get(si, [])
    if cand.event_type == "Violence against civilians" and a2 is not None and a2.inter == 7:
        cand.civilian_targeting = True
