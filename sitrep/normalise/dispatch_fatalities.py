"""The dispatch fatality rules of ``fatalities.v1`` (:class:`sitrep.lang.ArgumentRules`
``fatalities="dispatch"``).

A dispatch reports one event per sentence or so: the first candidate of a sentence (by score)
takes the figures of its sentence and of the following sentences that hold no event (a headline's
toll in the description below); each becomes a :class:`~sitrep.schema.Claim` on the candidate,
its claimant chain the outlet and whom the sentence cites (the pack's
:meth:`~sitrep.lang.LanguagePack.claimants`). ``fatalities`` is the highest killed figure,
low/best/high the range over the killed figures. Deaths named without a number count 10 for a
massacre, 3 otherwise (:meth:`~sitrep.lang.LanguagePack.deaths_without_number`), for battles,
explosions and violence against civilians only.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from ..lang import MAX_SENTENCE_CHARS, LanguagePack
from ..schema import Claim, Doc, EventCandidate, Evidence
from .casualties import Figure

__all__ = ["fatalities_dispatch"]

_ACTIVE = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _owned(doc: Doc, cands: list[EventCandidate], pack: LanguagePack) -> dict[int, list[tuple[Figure, int]]]:
    """Event sentence -> its (figure, sentence index) pairs, document offsets."""
    figures = {s.index: [(replace(f, start=s.start + f.start, end=s.start + f.end), s.index)
                         for f in pack.figures(s.text[:MAX_SENTENCE_CHARS])] for s in doc.sentences}
    event_sentences = sorted({c.sentence_index for c in cands})
    owned: dict[int, list[tuple[Figure, int]]] = {i: list(figures.get(i, [])) for i in event_sentences}
    for i in range(len(doc.sentences)):
        if i in owned or not figures.get(i):
            continue
        k = bisect_left(event_sentences, i)
        owner = event_sentences[k - 1] if k else (event_sentences[0] if event_sentences else None)
        if owner is not None:
            owned[owner].extend(figures[i])
    return owned


def _fill(doc: Doc, cand: EventCandidate, figs: list[tuple[Figure, int]], first: bool, pack: LanguagePack) -> None:
    cand.evidence = [e for e in cand.evidence if e.field != "fatalities"]
    figs = figs if first else []
    source = [doc.document.source] if doc.document.source else []
    cand.claims = [Claim(quantity=f.quantity, low=f.low, high=f.high,
                         claimant_chain=source + pack.claimants(doc.sentences[si].text,
                                                                        f.start - doc.sentences[si].start),
                         sentence=doc.sentences[si].text, doc_id=doc.document.id, start=f.start, end=f.end)
                   for f, si in figs]
    killed = [f for f, _ in figs if f.quantity == "killed"]
    if killed:
        best = max(killed, key=lambda f: f.low)
        cand.fatalities = best.low
        cand.fatalities_low = min(f.low for f in killed)
        cand.fatalities_best = best.value
        cand.fatalities_high = max(f.high for f in killed)
        cand.extra["fatalities_rule"] = best.rule
        cand.evidence.append(Evidence(doc_id=doc.document.id, field="fatalities", start=best.start,
                                      end=best.end, text=best.text))
        return
    n = 0
    if first and cand.event_type in _ACTIVE:
        n = pack.deaths_without_number(doc.sentences[cand.sentence_index].text) or 0
        if n:
            doc.notes.append(f"fatalities: deaths without a number for {cand.trigger.text!r}; coded {n}")
    cand.fatalities = n
    cand.fatalities_low = cand.fatalities_best = cand.fatalities_high = n
    cand.extra["fatalities_rule"] = f"{pack.code}_unnumbered" if n else "none"


def fatalities_dispatch(doc: Doc, cands: list[EventCandidate], pack: LanguagePack) -> None:
    """Figures, claims and fatalities of ``cands`` (candidates of ``pack``) by the dispatch rules."""
    owned = _owned(doc, cands, pack)
    seen: set[int] = set()
    for cand in sorted(cands, key=lambda c: (c.sentence_index, -c.score)):
        first = cand.sentence_index not in seen
        seen.add(cand.sentence_index)
        _fill(doc, cand, owned.get(cand.sentence_index, []), first, pack)
