"""``geo.v1`` for packs that read places themselves (:class:`sitrep.lang.ArgumentRules`
``places="pack"``; Arabic).

The pack's :meth:`~sitrep.lang.LanguagePack.places` reader finds the gazetteer's places in each
sentence. The country: the input's hint, else the one most of the report's places are in (every
telling mention counts, see :func:`country_weight`; the first named wins a tie), else none, and then
only telling matches are places; no pack assumes a country. A name read abroad while the telling
places are at home is read again inside that country. A candidate is placed at the
place of its own sentence nearest the trigger (a settlement over an area), else at the finest
place of the nearest sentence before it (up to three) or of any other sentence (precision at
least 2, except the headline's), else at the city in the outlet's name ("Aleppo News") when the
report names no other place.
"""

from __future__ import annotations

from collections import Counter

from ..lang import MAX_SENTENCE_CHARS, LanguagePack, PlaceMatch
from ..schema import Doc, EventCandidate, PlaceMention, Span
from .gazetteer import PRIORITY_DEFAULT, Gazetteer

__all__ = ["country_weight", "place_pack_candidates", "places_country"]

_LOOKBACK = 3
_OUTLET = -1  # key of the places named only in the outlet's name


#: A city this large is known well enough for its name to tell the country.
_TELLING_POPULATION = 100_000


def country_weight(p: PlaceMatch) -> int:
    """How much one match tells the report's country: the outlet's own city, a province or country
    name, a place of a gazetteer the user imported or trained (the places of the country they work
    on) 2; a large city or a name after a feature word ("the village of X") 1; any other match (a
    small place somewhere whose name is also an everyday word) nothing."""
    if p.outlet or p.record.kind in ("admin1", "country") or p.record.priority > PRIORITY_DEFAULT:
        return 2
    return int(p.explicit or (p.record.kind == "city" and p.record.population >= _TELLING_POPULATION))


def places_country(found: list[list[PlaceMatch]]) -> str | None:
    """The country the telling matches weigh most for (ACLED name; the first named wins a tie),
    None when no match tells one."""
    counts: Counter[str] = Counter()
    for ps in found:
        for p in ps:
            name, weight = p.record.country or p.record.cc, country_weight(p)
            if name and weight:
                counts[name] += weight
    return counts.most_common(1)[0][0] if counts else None


def _read(doc: Doc, pack: LanguagePack, gazetteer: Gazetteer) -> tuple[list[list[PlaceMatch]], str | None]:
    texts = [s.text[:MAX_SENTENCE_CHARS] for s in doc.sentences]
    if doc.country_hint:
        return [pack.places(t, gazetteer, doc.country_hint) for t in texts], doc.country_hint
    found = [pack.places(t, gazetteer, None) for t in texts]
    country = places_country(found)
    if country is None:  # nothing tells the country: only matches that tell something are places
        return [[p for p in ps if country_weight(p)] for ps in found], None
    if any((p.record.country or p.record.cc) != country for ps in found for p in ps):
        found = [pack.places(t, gazetteer, country) for t in texts]  # names abroad, read at home
    return found, country


def _place(cand: EventCandidate, places: dict[int, list[PlaceMention]]) -> None:
    si = cand.sentence_index
    own = places.get(si, [])
    if not any(places.get(i) for i in places if i != _OUTLET):
        own = places.get(_OUTLET, [])[:1]  # only the outlet's city ("حلب نيوز") names a place
    if own:
        exact = [p for p in own if p.geo_precision == 1] or own
        cand.place = min(exact, key=lambda p: abs(p.span.start - cand.trigger.start))
        return
    for i in (*range(si - 1, max(-1, si - _LOOKBACK - 1), -1), *sorted(k for k in places if k != _OUTLET)):
        if places.get(i):  # the finest place of the nearest sentence that names one
            p = min(places[i], key=lambda q: (q.geo_precision, -q.span.start))
            cand.place = p.model_copy(update={"geo_precision": max(p.geo_precision, 2) if i != 0 else
                                              p.geo_precision, "where_prec": p.where_prec})
            return


def place_pack_candidates(doc: Doc, cands: list[EventCandidate], pack: LanguagePack,
                          gazetteer: Gazetteer) -> str | None:
    """Place ``cands`` (candidates of ``pack``), add the places to ``doc.places``; return the
    country read (the hint, else the places' country, else None)."""
    found, country = _read(doc, pack, gazetteer)
    places: dict[int, list[PlaceMention]] = {}
    for s, matches in zip(doc.sentences, found, strict=True):
        for p in matches:
            places.setdefault(_OUTLET if p.outlet else s.index, []).append(PlaceMention(
                span=Span(start=s.start + p.start, end=s.start + p.end, text=p.text), sentence_index=s.index,
                place=p.record.to_place(), geo_precision=p.geo_precision, where_prec=p.where_prec,
                role="event"))
    doc.places.extend(p for i, ps in places.items() if i != _OUTLET for p in ps)
    for cand in sorted(cands, key=lambda c: (c.sentence_index, -c.score)):
        _place(cand, places)
    return country
