"""The country a document is about, from all of its evidence.

The input's ``country`` field decides when given. Otherwise every piece of evidence casts a vote
spread over the countries it may point to, and the country with the most weight wins:

- **each place mention** (every mention counts, so a town named five times weighs five times):
  its gazetteer readings get a prior ``surface**4 * size`` — ``surface`` how closely the reading's
  own name matches what the text wrote (a reading reached only through the transliteration key,
  "Xinyu" for "Chennai", is nearly worthless), ``size`` grows with log population, an admin
  level (a province, a country named outright) and the user's imported data. The mention's vote is
  these priors normalised over countries (a name found in one country only gives it the whole
  vote; "Tripoli" splits between Libya and Lebanon), scaled by the best ``surface`` and by the
  mention's role: an event place 1, a source or hypothetical place less, the **dateline** 0.4 (the
  city the reporter files from, "MOSCOW (Sputnik)", is not where the events are), a country
  named outright 3; a place named with its province ("Balaka (Balaka, Southern)") votes only
  for the countries where a reading lies in that province, else for the province's countries;
- **demonyms** ("Syrian", "Ukrainian") 0.5 each, 0.25 before "forces"/"warplanes" (armies
  fight abroad), none for "Saudi-led"/"Iran-backed" (a foreign backer says nothing about where
  the fighting is); words used about one country only ("Houthi", "OSCE", "barangay") 1, and so
  phrases only one country's news writes ("the 3100 block of", "the sheriff's office": the US);
- **actors** of the knowledge base with a home country ("Imbonerakure", "LNA", "YPG") 1 each,
  state forces excepted (they fight abroad);
- **places lying together**: the names of one report lie near each other, their homonyms abroad
  scatter ("Arnold" and "Westmoreland County" both in Pennsylvania; Arnold in England and
  Westmoreland in Jamaica are bigger). Each further name with a reading within ``COHERENT_KM`` of
  another name's reading in one country adds ``COHERENT`` to that country (:func:`coherent_names`).

This is a naive-Bayes style sum of per-mention posteriors (each mention independent evidence,
its reading distribution from the gazetteer prior). Kept apart from :mod:`sitrep.geo.resolve`,
which then reads ambiguous names inside the winning country.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from rapidfuzz import fuzz

from .context import haversine_km
from .gazetteer import PRIORITY_IMPORT, Gazetteer, PlaceRecord
from .match import name_key

if TYPE_CHECKING:
    from .resolve import Resolution

__all__ = ["ARTICLE", "country_code", "country_votes", "demonym_votes", "focus_country",
           "hint_country", "named_countries", "prefer_focus", "sentence_countries", "surface"]

#: A name starting with an Arabic article ("al-Maleh") names no country ("Mali").
ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|az|ash|an)[-\s'’]", re.IGNORECASE)

#: Weight of a place mention's vote by its role (see :mod:`sitrep.geo.spans`).
ROLE_WEIGHT = {"event": 1.0, "source": 0.7, "hypothetical": 0.6, "dateline": 0.4,
               "residence": 1.0,  # where a person lives says the country as well as a scene
               "speaker": 0.7}  # "Moscow denied": a government speaking, as a country named as an actor
COUNTRY_NAMED = 2.0  # "in Syria": a country named outright as the place
COUNTRY_ACTOR = 0.7  # "Turkey and Russia conducted a patrol": a country as an actor
COUNTRY_ORIGIN = 0.2  # "migrants from Afghanistan": where people came from, not where it happened
DEMONYM = 0.5
CUE = 1.0  # a word only used about one country (countries.DEMONYMS)
FORCES_DEMONYM = 0.25  # "Russian forces", "Turkish warplanes": they also fight abroad
_FORCES = frozenset(("forces", "force", "troops", "army", "military", "soldiers", "warplanes",
                     "jets", "aircraft", "drones", "drone", "patrol", "patrols", "police",
                     "navy", "air", "artillery", "reconnaissance", "officials", "government"))
ACTOR = 1.0
FOCUS_FLOOR = 0.05  # a country with no more evidence than this is no country of the document
_KIND_SIZE = {"country": 10.0, "admin1": 3.0, "admin2": 1.5}
#: How much less closely than the best reading (surface, 0-1) a reading may match the name as
#: written and still vote (rule spelt-as-written)
SPELLING_MARGIN = 0.05
PARTIAL = 0.3  # "Supreme" of "Supreme Court", "Rural" of "Rural Damascus": a word, rarely a place
_BACKER = re.compile(r"-(?:led|backed|allied|aligned|affiliated|sponsored|supported|funded)$")
_PLAIN = re.compile(r"[^a-z0-9]+")


def _plain(text: str, *, article: bool = True) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return _PLAIN.sub(" ", ARTICLE.sub("", folded) if article else folded).strip()


@lru_cache(maxsize=65536)
def surface(written: str, name: str, *, article: bool = True) -> float:
    """0-1: how closely a gazetteer name matches the name as written (accents, case and, with
    ``article``, an Arabic article aside); the transliteration key is looser and lets unrelated
    names meet."""
    a, b = _plain(written, article=article), _plain(name, article=article)
    if not a or not b:
        return 0.0
    ratio = max(fuzz.ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))) / 100.0
    # "As-Sweida" / "As-Suwayda": one name transliterated twice (its own name, not an alias)
    return max(ratio, 0.85) if name_key(written) == name_key(name) else ratio


def _prior(rec: PlaceRecord, surf: float) -> float:
    """How likely a reading is before context: a city of 1.5 million is named far more often
    than a town of 15,000 (square root of population), a province more than a village."""
    size = math.sqrt(rec.population + 1000) * _KIND_SIZE.get(rec.kind, 1.0)
    if rec.priority >= PRIORITY_IMPORT:
        size *= 3.0  # the user imported this country's places: they work on it
    return surf ** 4 * size


def _specificity(rec: PlaceRecord) -> float:
    """0.5-1.5: a province or a big town says more about the country than a hamlet."""
    level = 0.5 if rec.kind in ("admin1", "country") else 0.0
    return 0.5 + 0.5 * min(1.0, math.log10(rec.population + 1) / 6) + level


def _in_province(rec: PlaceRecord, provinces: Sequence[PlaceRecord]) -> bool:
    from .context import same_admin1

    own = rec.admin1 or (rec.name if rec.kind == "admin1" else None)
    return any(p.cc == rec.cc and same_admin1(own, {name_key(p.admin1 or p.name)})
               for p in provinces)


def mention_votes(m: Resolution, provinces: Sequence[PlaceRecord] = (),
                  only: frozenset[str] | None = None) -> dict[str, float]:
    """One mention's vote, spread over the countries of its readings.

    ``provinces``: the provinces its container hint names ("Balaka (Balaka, Southern)"), in any
    country. A place named with its province is read where the two agree: readings in the named
    province keep the vote; with none there (a homonym abroad, the place itself missing from
    the gazetteer), the named provinces' countries take it. ``only``: the countries a place
    this mention is the container of was read in ("Punjab" of "Tarn Taran (Punjab)")."""
    readings = [r for r, _ in m.candidates if r.cc
                and not (r.kind == "country" and ARTICLE.match(m.span.text))]
    if only is not None and any(r.cc in only for r in readings):
        readings = [r for r in readings if r.cc in only]
    provinces = [p for p in provinces if p.cc and p.kind == "admin1"]
    if provinces:
        inside = [r for r in readings if _in_province(r, provinces)]
        if inside:
            readings = inside
        elif all(r.kind != "country" for r in readings):
            return _province_votes(m, provinces)
    if not readings:
        return {}
    # a country's article is part of its name: "Salvador" is not "El Salvador"
    surf = {r.uid: surface(m.span.text, r.name, article=r.kind != "country") for r in readings}
    readings = [r for r in readings if r.kind != "country" or surf[r.uid] >= 0.9]
    if not readings:
        return {}
    # rule spelt-as-written: readings spelt as the text writes the name speak for it, not the
    # looser spellings of other places ("El Centro" is El Centro, not the Centre region)
    top = max(surf[r.uid] for r in readings)
    readings = [r for r in readings if surf[r.uid] >= top - SPELLING_MARGIN]
    mass: dict[str, float] = {}
    best, best_prior = readings[0], -1.0
    for r in readings:  # a country's best reading: fifty Mexican "San Isidro" hamlets are one
        cc, prior = r.cc or "", _prior(r, surf[r.uid])
        mass[cc] = max(mass.get(cc, 0.0), prior)
        if prior > best_prior:
            best, best_prior = r, prior
    total = sum(mass.values())
    if total <= 0:
        return {}
    named = any(r.kind == "country" and surf[r.uid] >= 0.85 for r in readings)
    # "in Lebanon" says where; "Turkey and Russia conducted a patrol" names two actors
    # rule origin-is-elsewhere: "migrants (mostly from Afghanistan)" came from there
    boost = (COUNTRY_ORIGIN if m.span.origin else COUNTRY_NAMED if m.span.locative else COUNTRY_ACTOR) \
        if named else 1.0
    weight = ROLE_WEIGHT.get(m.span.role, 1.0) * boost
    weight *= max(surf.values()) ** 2 * _specificity(best) * (PARTIAL if m.span.partial else 1.0)
    return {cc: weight * v / total for cc, v in mass.items()}


def _province_votes(m: Resolution, provinces: Sequence[PlaceRecord]) -> dict[str, float]:
    mass: dict[str, float] = {}
    for p in provinces:
        mass[p.cc or ""] = max(mass.get(p.cc or "", 0.0), _prior(p, 1.0))
    total = sum(mass.values())
    weight = ROLE_WEIGHT.get(m.span.role, 1.0) * (PARTIAL if m.span.partial else 1.0)
    return {cc: weight * v / total for cc, v in mass.items()} if total > 0 else {}


def demonym_votes(texts: Sequence[str]) -> dict[str, float]:
    """Votes per country from demonyms ("Syrian", "pro-Russian"), not from foreign backers
    ("Saudi-led", "Iran-backed")."""
    # A Counter (a missing country reads as 0) of float weights; typeshed types Counter's values as int.
    votes = cast("dict[str, float]", Counter())
    for text in texts:
        for cc, weight in _text_votes(text):
            votes[cc] += weight
    return votes


@lru_cache(maxsize=4096)
def _text_votes(text: str) -> tuple[tuple[str, float], ...]:
    """One text's demonym and phrase votes, in the order they are found (several stages ask them
    of the same sentences)."""
    from .countries import DEMONYMS

    out: list[tuple[str, float]] = []
    forms = _demonym_index()
    if _any_phrase_cue().search(text):
        for rx, cc in _phrase_cues():
            found = len(rx.findall(text))
            if found:  # a country no phrase points to gets no entry (callers read the keys)
                out.append((cc, CUE * found))
    raw = [w.strip(".,;:()'’\"").lower() for w in re.split(r"[\s/]+", text)]
    raw = [w for w in raw if w]
    for i, w in enumerate(raw):
        if "-" in w and _BACKER.search(w):
            continue
        w = w.removeprefix("pro-").removeprefix("anti-")
        if w in DEMONYMS:  # "OSCE", "Houthi", "barangay": only ever about one country
            out.append((DEMONYMS[w], CUE))
        elif w in forms:
            nxt = raw[i + 1] if i + 1 < len(raw) else ""
            out.append((forms[w], FORCES_DEMONYM if nxt in _FORCES else DEMONYM))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_phrase_cue() -> re.Pattern[str]:
    """Every phrase cue in one pattern: most sentences hold none, and one search tells."""
    from .countries import PHRASE_CUES

    return re.compile("|".join(f"(?:{rx})" for rx in PHRASE_CUES), re.IGNORECASE)


@lru_cache(maxsize=1)
def _phrase_cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    from .countries import PHRASE_CUES

    return tuple((re.compile(rx, re.IGNORECASE), cc) for rx, cc in PHRASE_CUES.items())


@lru_cache(maxsize=1)
def _demonym_index() -> dict[str, str]:
    from .countries import country_demonyms

    out: dict[str, str] = {}
    for cc, forms in sorted(country_demonyms().items()):
        for f in forms:
            out.setdefault(f, cc)
    return out


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    from .countries import load_countries

    out: dict[str, str] = {}
    for cc, info in load_countries().items():
        for n in (info.name, *info.alt_names):
            out.setdefault(_plain(n), cc)
    return out


def country_code(name: str | None) -> str | None:
    """ISO alpha-2 code of a country name (ACLED's or GeoNames' spelling), or None."""
    return _country_codes().get(_plain(name)) if name else None


def country_votes(res: Sequence[Resolution], texts: Sequence[str] = (),
                  actor_countries: Iterable[str] = (), gaz: Gazetteer | None = None
                  ) -> dict[str, float]:
    """Every country's weight of evidence (see the module docstring); ``gaz``: read the
    provinces of the mentions' container hints (:func:`mention_votes`)."""
    from .context import Containers, containers_of

    cache: dict[tuple[str, str | None], Containers] = {}
    votes = demonym_votes(texts)  # a Counter: see demonym_votes
    for name in actor_countries:
        cc = country_code(name)
        if cc:
            votes[cc] += ACTOR
    agreed: dict[tuple[int, str], frozenset[str]] = {}
    for m in res:
        provinces: Sequence[PlaceRecord] = containers_of(gaz, m.span.hint, None, cache).admin1 \
            if gaz is not None and m.span.hint else ()
        inside = frozenset(r.cc for r, _ in m.candidates if r.cc and provinces
                           and _in_province(r, provinces))
        if inside:  # the hint's own mentions are read with the place they contain
            for part in re.split(r"[,;/()]", m.span.hint):
                agreed.setdefault((m.sentence_index, name_key(part.strip())), inside)
        only = agreed.get((m.sentence_index, m.key)) if not m.span.hint else None
        for cc, v in mention_votes(m, provinces, only).items():
            votes[cc] += v
        if m.span.province_country and (cc := country_code(m.span.province_country)):
            votes[cc] += COUNTRY_NAMED  # "York, Pa.": the province says the country
    for cc, names in coherent_names(res).items():
        votes[cc] += COHERENT * (names - 1)
    return votes


#: Vote of each further name that lies beside another name of the document in one country.
COHERENT = 0.5
#: Two readings this close (km) are one neighbourhood of places: a town and its county, a suburb.
COHERENT_KM = 40.0


def coherent_names(res: Sequence[Resolution]) -> dict[str, int]:
    """Per country, the most names of the document that have readings (spelt as written) within
    COHERENT_KM of one of them: the places of one report lie together ("Arnold" and "Westmoreland
    County" in Pennsylvania), homonyms abroad scatter (Arnold in England, Westmoreland in
    Jamaica). Countries with fewer than two such names are left out."""
    by_cc: dict[str, dict[str, list[PlaceRecord]]] = {}
    for m in res:
        if m.rejected:
            continue
        for r, _ in m.candidates:
            if r.cc and r.kind != "country" and _spelt(m.span.text, r.name):
                by_cc.setdefault(r.cc, {}).setdefault(m.key, []).append(r)
    out: dict[str, int] = {}
    for cc, names in by_cc.items():
        if len(names) < 2:
            continue
        best = 1
        for key, recs in names.items():
            for a in recs[:25]:
                near = 1 + sum(1 for other, orecs in names.items() if other != key
                               and any(_near(a, b) for b in orecs[:25]))
                best = max(best, near)
        if best >= 2:
            out[cc] = best
    return out


_KIND_WORD = re.compile(r"\s+(?:county|parish|city|town|township|borough|district|province|governorate)$",
                        re.IGNORECASE)


def _spelt(written: str, name: str) -> bool:
    """Whether a reading is the name as written, a kind word aside ("Westmoreland County")."""
    return surface(written, name) >= 0.9 or surface(_KIND_WORD.sub("", written), name) >= 0.9


def _near(a: PlaceRecord, b: PlaceRecord) -> bool:
    """Within COHERENT_KM (a degree of latitude is about 111 km: most pairs stop at that check)."""
    return abs(a.lat - b.lat) <= COHERENT_KM / 111.0 and haversine_km(a, b) <= COHERENT_KM


def hint_country(gaz: Gazetteer, hint: str | None) -> PlaceRecord | None:
    """The country a document's ``country`` field names (a name or an ISO alpha-2 code)."""
    if not hint:
        return None
    for r in gaz.lookup(name_key(hint)):
        if r.kind == "country" and r.cc:
            return r
    return gaz.country(hint.upper()) if len(hint) == 2 else None


def focus_country(gaz: Gazetteer, hint: str | None, res: Sequence[Resolution],
                  texts: Sequence[str] = (), actor_countries: Iterable[str] = (),
                  learnt: Mapping[str, float] | None = None) -> str | None:
    """ISO alpha-2 code of the document's country, or None when nothing points to one.

    ``learnt``: votes of the country words a ``sitrep train`` model learnt (rule
    ``learnt-country-words``, :class:`sitrep.geo.learn.CountryWords`)."""
    named = hint_country(gaz, hint)
    if named is not None:
        return named.cc
    votes = country_votes(res, texts, actor_countries, gaz)
    if learnt and max(votes.values(), default=0.0) <= FOCUS_FLOOR:
        # rule learnt-country-words: the words decide only where the text's own evidence is silent
        votes = dict(learnt)
    if not votes:
        return None
    cc, weight = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    return cc if weight > FOCUS_FLOOR else None


def named_countries(res: Iterable[Resolution]) -> set[str]:
    """Countries named outright by the mentions ("in Syria", "Kilis, Turkey")."""
    return {r.cc for m in res for r, _ in m.candidates
            if r.kind == "country" and r.cc and not ARTICLE.match(m.span.text)
            and surface(m.span.text, r.name) >= 0.85}


def sentence_countries(sentences: Sequence[tuple[int, int, Sequence[object]]],
                       texts: Sequence[str], res: Sequence[Resolution]) -> dict[int, set[str]]:
    """Countries each sentence names outright or by demonym ("the Turkish town of Kilis")."""
    out: dict[int, set[str]] = {}
    for (index, _offset, _spans), text in zip(sentences, texts, strict=False):
        out.setdefault(index, set()).update(demonym_votes([text]))
    for m in res:
        out.setdefault(m.sentence_index, set()).update(named_countries([m]))
    return out


def prefer_focus(res: Sequence[Resolution], focus: str, local: dict[int, set[str]]) -> None:
    """A name the document's country has ("Mara", "Medan" in a Syrian report) is read there,
    unless its own sentence names the other country ("Kilis, Turkey")."""
    for m in res:
        if not any(r.cc == focus and surface(m.span.text, r.name) >= 0.6 for r, _ in m.candidates):
            continue
        keep = local.get(m.sentence_index, set()) | {focus}
        m.candidates = [(r, q) for r, q in m.candidates if r.cc in keep or r.kind == "country"]
