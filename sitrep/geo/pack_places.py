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

import re
from collections import Counter
from dataclasses import replace

from ..lang import MAX_SENTENCE_CHARS, LanguagePack, PlaceMatch, UnknownPlaceReader
from ..schema import Doc, EventCandidate, PlaceMention, Span
from .context import haversine_km, point_km
from .gazetteer import PRIORITY_DEFAULT, Gazetteer, PlaceRecord
from .match import name_key

__all__ = ["country_weight", "outlet_places", "place_pack_candidates", "places_country"]

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


def outlet_places(doc: Doc, pack: LanguagePack, gazetteer: Gazetteer, country: str | None) -> list[PlaceMatch]:
    """Rule ``outlet-home``: the city in the name of the outlet that published the report (the
    document's ``source``: "مركز حلب الإعلامي", Aleppo Media Center), where a local outlet's reports
    are when they name no place of their own. Cities only: a province or a country in an outlet's
    name says less."""
    source = (doc.document.source or "")[:MAX_SENTENCE_CHARS]
    if not source:
        return []
    out: list[PlaceMatch] = []
    for p in pack.places(source, gazetteer, country):
        city = _as_city(gazetteer, p)
        if city is not None:
            out.append(replace(p, record=city, outlet=True))
    return out


def _as_city(gazetteer: Gazetteer, p: PlaceMatch) -> PlaceRecord | None:
    """The city or town a match names: its own record, else a city or town of the same name and
    country (an imported list may hold "Aleppo" as a village point above the default city)."""
    if p.record.kind in ("city", "town"):
        return p.record
    same = [r for r in gazetteer.lookup(name_key(p.record.name)) if r.kind in ("city", "town")
            and (r.cc or r.country) in (p.record.cc or p.record.country, None)]
    return max(same, key=lambda r: r.population, default=None)


Unknown = list[tuple[int, int, str, str]]  # (start, end, name, kind) of places no record matches


def _scan(texts: list[str], pack: LanguagePack, gazetteer: Gazetteer, country: str | None
          ) -> tuple[list[list[PlaceMatch]], list[Unknown]]:
    """Each text's places, and the names the pack reads as places the gazetteer does not know
    (one reading serves both; a pack that names none gives none)."""
    if isinstance(pack, UnknownPlaceReader):
        pairs = [pack.places_and_unknown(t, gazetteer, country) for t in texts]
        return [found for found, _ in pairs], [unknown for _, unknown in pairs]
    return [pack.places(t, gazetteer, country) for t in texts], [[] for _ in texts]


def _read(doc: Doc, pack: LanguagePack, gazetteer: Gazetteer
          ) -> tuple[list[list[PlaceMatch]], list[Unknown], str | None]:
    texts = [s.text[:MAX_SENTENCE_CHARS] for s in doc.sentences]
    if doc.country_hint:
        return (*_scan(texts, pack, gazetteer, doc.country_hint), doc.country_hint)
    found, unknown = _scan(texts, pack, gazetteer, None)
    country = places_country(found) or places_country([outlet_places(doc, pack, gazetteer, None)])
    if country is None:  # nothing tells the country: only matches that tell something are places
        return [[p for p in ps if country_weight(p)] for ps in found], unknown, None
    if any((p.record.country or p.record.cc) != country for ps in found for p in ps):
        found, unknown = _scan(texts, pack, gazetteer, country)  # names abroad, read at home
    return found, unknown, country


def _place(cand: EventCandidate, places: dict[int, list[PlaceMention]]) -> None:
    si = cand.sentence_index
    own = places.get(si, [])
    if not any(places.get(i) for i in places if i != _OUTLET):
        own = places.get(_OUTLET, [])[:1]  # only the outlet's city ("حلب نيوز") names a place
    if own:
        # a neighbourhood placed at its city (``fallback_from``) says more than the city's name
        exact = [p for p in own if p.geo_precision == 1 or p.fallback_from] or own
        cand.place = min(exact, key=lambda p: abs(p.span.start - cand.trigger.start))
        return
    for i in (*range(si - 1, max(-1, si - _LOOKBACK - 1), -1), *sorted(k for k in places if k != _OUTLET)):
        if places.get(i):  # the finest place of the nearest sentence that names one
            p = min(places[i], key=lambda q: (q.geo_precision, -q.span.start))
            cand.place = p.model_copy(update={"geo_precision": max(p.geo_precision, 2) if i != 0 else
                                              p.geo_precision, "where_prec": p.where_prec})
            return


#: How far from its city (km) a neighbourhood may lie: a reading of "the X neighbourhood" farther
#: away is another place of that name.
HOOD_KM = 15.0

#: A headline's label ("حلب نيوز || الميدان :"، "حلب - صلاح الدين ||"، "بستان الباشا :"): the words
#: before its last label separator within the first _HEADER_CHARS characters.
_HEADER_SEPARATORS = ("||", "::", "|", ":")
_HEADER_CHARS = 60
#: Kinds of place a label names as the scene (a district or province names a region, not a scene).
_SCENE_KINDS = frozenset({"neighbourhood", "landmark", "village", "town", "city"})


#: A place read this far (km) from the scene a label names lies outside the story's region.
_OUTSIDE_KM = 50.0


def _far_from_scene(p: PlaceMention, scene: PlaceMention) -> bool:
    """Whether ``p``, read after the label, lies outside the region of the label's scene
    (farther than _OUTSIDE_KM): a village the story's guns fire on lies near, a namesake of a
    common word ("الملعب", the stadium) or the place of a massacre a protest recalls far away."""
    a, b = p.place, scene.place
    if a is None or b is None or a.latitude is None or a.longitude is None or p.span.start < scene.span.end:
        return False
    return point_km(a.latitude, a.longitude, b.latitude or 0.0, b.longitude or 0.0) > _OUTSIDE_KM


def _header_end(text: str) -> int:
    """Where a local outlet's headline label ends in ``text`` (0 when it has none): the item's
    scene is written first, then what happened there."""
    head = text[:_HEADER_CHARS]
    ends = [i + len(sep) for sep in _HEADER_SEPARATORS if (i := head.rfind(sep)) > 0]
    return max(ends, default=0)


def _header_scene(doc: Doc, places: dict[int, list[PlaceMention]], label_end: int, featured: set[int],
                  home: PlaceRecord | None) -> PlaceMention | None:
    """Rule ``label-names-the-scene``: the finest settlement or neighbourhood the headline's label
    names (not the outlet's city), or None; the label ends at document offset ``label_end``
    (:func:`_header_end`) and may run over sentences ("حلب نيوز ||" and "بستان الباشا : ..."). A place is the scene only when it makes a part of the label by itself
    (digits aside), or with the one feature word the reader placed it by (``featured``: the
    start offsets of such matches, "حي الصاخور"): inside a longer part it names a group or a
    committee ("لواء شهداء بدر"، "تنسيقية أحرار الريان"), not where the item was filmed. With the
    report's city known (``home``), a scene outside its region is a namesake itself: none."""
    if not doc.sentences:
        return None
    start, end = doc.sentences[0].start, label_end
    text = doc.document.text
    scenes = []
    for i, ps in places.items():
        for p in ps:
            if i == _OUTLET or p.span.end > end or p.place is None or p.place.latitude is None \
                    or p.place.longitude is None:
                continue
            if not (p.fallback_from or (p.geo_precision == 1 and p.place.kind in _SCENE_KINDS)):
                continue  # "ريف حلب", a city's countryside (precision 2), holds the villages named after it
            if home is not None and point_km(p.place.latitude, p.place.longitude, home.lat, home.lon) > _OUTSIDE_KM:
                continue
            rest = _label_part(text[start:end], p.span.start - start, p.span.end - start)
            if len(rest) <= (1 if p.fallback_from or p.span.start in featured else 0):
                scenes.append(p)
    return min(scenes, key=lambda p: (p.geo_precision, -p.span.start)) if scenes else None


_LABEL_PART = re.compile(r"\|\||::|\||:|\s-\s?|-\s|\s-")
_NOT_A_WORD = re.compile(r"[\d\W_]+")


def _label_part(label: str, a: int, b: int) -> list[str]:
    """The other words of the label part that holds ``label[a:b]`` (digits and signs aside)."""
    seps = list(_LABEL_PART.finditer(label))
    lo = max((m.end() for m in seps if m.end() <= a), default=0)
    hi = min((m.start() for m in seps if m.start() >= b), default=len(label))
    rest = label[lo:a] + " " + label[b:hi]
    return [w for w in rest.split() if not _NOT_A_WORD.fullmatch(w)]


def _nearest(gazetteer: Gazetteer, name: str, home: PlaceRecord) -> PlaceRecord | None:
    """The reading of ``name`` nearest the report's city, if one lies within HOOD_KM of it."""
    near = [(d, r) for r in gazetteer.lookup(name_key(name)) if r.kind not in ("country", "admin1")
            and (d := haversine_km(r, home)) <= HOOD_KM]
    return min(near, key=lambda dr: dr[0])[1] if near else None


def _cities(gazetteer: Gazetteer, matches: list[PlaceMatch]) -> list[PlaceRecord]:
    return [c for p in matches if not p.outlet and not p.hood
            and (c := _as_city(gazetteer, p)) is not None and c.kind == "city"]


def _report_city(gazetteer: Gazetteer, found: list[list[PlaceMatch]], outlet: list[PlaceMatch]
                 ) -> PlaceRecord | None:
    """The city a neighbourhood lies in when its sentence names none: the city of the outlet
    (rule ``outlet-home``), else the first city the report names."""
    own = next((c for p in outlet if (c := _as_city(gazetteer, p)) is not None), None)
    if own is not None:
        return own
    return next((c for ps in found for c in _cities(gazetteer, ps)), None)


def _in_home(start: int, name: str, sentence_index: int, home: PlaceRecord, *, precision: int = 2) -> PlaceMention:
    """Rule ``hood-in-its-city``: a neighbourhood the gazetteer does not know, or knows only as a
    place far away, is placed at the report's city (geo_precision 2) and keeps its own name
    (``fallback_from``; the event's ``location``, with the city in ``geo_fallback``). An unknown
    village or camp named by its feature word is placed there too, at geo_precision 3 (somewhere
    in the city's region), keeping its name."""
    return PlaceMention(span=Span(start=start, end=start + len(name), text=name), sentence_index=sentence_index,
                        place=home.to_place(), geo_precision=precision, where_prec=precision, role="event",
                        fallback_from=name)


def place_pack_candidates(doc: Doc, cands: list[EventCandidate], pack: LanguagePack,
                          gazetteer: Gazetteer) -> str | None:
    """Place ``cands`` (candidates of ``pack``), add the places to ``doc.places``; return the
    country read (the hint, else the places' country, else None)."""
    found, unknown, country = _read(doc, pack, gazetteer)
    places: dict[int, list[PlaceMention]] = {}
    outlet = [p for ps in found for p in ps if p.outlet]
    if doc.sentences and not outlet:
        outlet = outlet_places(doc, pack, gazetteer, country)[:1]
        for p in outlet:  # not named in the text: no span
            places.setdefault(_OUTLET, []).append(PlaceMention(
                span=Span(start=doc.sentences[0].start, end=doc.sentences[0].start, text=""),
                sentence_index=doc.sentences[0].index, place=p.record.to_place(),
                geo_precision=3, where_prec=3, role="event"))
    report_city = _report_city(gazetteer, found, outlet)
    featured: set[int] = set()  # start offsets of matches placed by a feature word ("حي X", "قرية X")
    label_end = doc.sentences[0].start + _header_end(doc.document.text[doc.sentences[0].start:]) if doc.sentences else 0
    for s, matches, names in zip(doc.sentences, found, unknown, strict=True):
        # the city a neighbourhood of this sentence lies in: one the sentence names ("حي الشعار
        # بحلب"), else the report's
        here = _cities(gazetteer, matches)
        home = here[0] if here else report_city
        for p in matches:
            labelled = s.start + p.end <= label_end
            if home is not None and (p.hood or labelled) and not p.outlet and haversine_km(p.record, home) > HOOD_KM:
                # rule hood-in-its-city: "حي X" read at a place X far from the city is the city's
                # own X where the gazetteer has one, else an X it does not know; so is a name in a
                # local outlet's label ("حلب نيوز || العامرية - ..."), when the city has one
                near = _nearest(gazetteer, p.text, home)
                if near is None and p.hood:
                    places.setdefault(s.index, []).append(_in_home(s.start + p.start, p.text, s.index, home))
                    continue
                p = replace(p, record=near) if near is not None else p
            if p.explicit or p.hood:
                featured.add(s.start + p.start)
            places.setdefault(_OUTLET if p.outlet else s.index, []).append(PlaceMention(
                span=Span(start=s.start + p.start, end=s.start + p.end, text=p.text), sentence_index=s.index,
                place=p.record.to_place(), geo_precision=p.geo_precision, where_prec=p.where_prec,
                role="event"))
        if home is not None:
            # a village of a city the sentence names ("قرية X بريف حلب") is near it (2), one
            # placed only by the outlet's city somewhere in its region (3)
            village = 2 if here or any(p.near for p in matches) else 3
            for a, _b, name, kind in names:
                places.setdefault(s.index, []).append(
                    _in_home(s.start + a, name, s.index, home, precision=2 if kind == "neighbourhood" else village))
    doc.places.extend(p for i, ps in places.items() if i != _OUTLET for p in ps)
    scene = _header_scene(doc, places, label_end, featured, report_city)
    for cand in sorted(cands, key=lambda c: (c.sentence_index, -c.score)):
        _place(cand, places)
        # rule label-names-the-scene: a place the text reads outside the region of the scene its
        # label names ("حلب - صلاح الدين || اشتباكات عند نزلة الملعب": a village "الملعب" 180 km
        # away) is a namesake or another story's place (the massacre a protest recalls)
        if scene is not None and cand.place is not None and _far_from_scene(cand.place, scene):
            cand.place = scene
    return country
