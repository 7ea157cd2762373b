"""Features of a pair of reports for the learned merge decision (:mod:`.pairmodel`).

Real copy is not clean: local outlets report a shooting 0-30 days after it happened (a later
report's event date is often its own publication date, or "last week"), the geocoder may put one
street name in another state, and the coded type of one incident differs between outlets. So the
decision weighs many weak signals instead of gating on each:

- date: the gap between the two date windows, and the same gap once a report dated on (or the day
  before) its own publication is allowed to have happened up to ``LAG_DAYS`` earlier;
- place: distance, admin1 and place-name agreement, scaled by the coarser precision;
- type and actors: :func:`.match.type_compatibility` and the actor-slot similarity;
- casualties: equal tolls are evidence; a higher later toll is an update, not a contradiction;
- text: overlap of the *names and numbers* of the two documents (:class:`DocContext`: capitalised
  words the document never writes in lower case, and multi-digit numbers), and a fuzzy ratio of
  the two event sentences. Both come without any corpus statistics, so they work on a batch of one.

A document's context is what a report needs beyond its event: publication date and name tokens.
The store builds it from the stored document text; events without one get neutral text features.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from ..schema import Event
from .block import date_window

__all__ = ["FEATURES", "LAG_DAYS", "DocContext", "doc_context", "pair_features"]

#: Longest delay between an incident and a local report of it that the date features allow.
LAG_DAYS = 30

#: Feature names, in the order of the model's weights.
FEATURES = ("type", "same_sub_type", "date_gap", "date_gap_lag", "date_same", "far", "log_km",
            "no_coords", "same_admin1", "place_name", "fallback_clash", "actors", "actor_conflict",
            "killed_equal", "killed_gap", "name_overlap", "name_shared", "sentence", "same_outlet")

_STOP = {w.casefold() for w in """
The A An And Or But In On At To For From By With As Of It Its This That These Those He She They We I You
His Her Their Our Police Officers Officer Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February March April May June July August September October November December Mr Mrs Ms Dr Sgt Lt Capt
Chief Det St Ave Road Street County City Department News Associated Press Reuters AP Copyright Facebook
Twitter Email Share Related Photo Video Click Read More Updated Posted According Authorities When Where
After Before If Not No One Two Three Four Five Six Seven Eight Nine Ten There Here What Who Why How
""".split()}
_WORD = re.compile(r"\b[A-Z][A-Za-z'\-]{2,}\b")
_LOWER = re.compile(r"\b[a-z][a-z'\-]{2,}\b")
_NUMBER = re.compile(r"(?<![\d.,])\d{2,5}(?!\d|,\d)")


@dataclass(frozen=True)
class DocContext:
    """What the matcher knows of a report's document: publication date, names and numbers."""

    date: date | None
    names: frozenset[str]
    source: str | None = None


def doc_context(text: str, *, published: date | None = None, title: str | None = None,
                source: str | None = None) -> DocContext:
    """Names (capitalised words never written in lower case in the text, minus a stop list) and
    multi-digit numbers of a document: the words two outlets' copy of one incident shares."""
    full = f"{title or ''}\n{text}"
    lower = {w for w in _LOWER.findall(full)}
    names = {w.casefold() for w in _WORD.findall(full)
             if w.casefold() not in lower and w.casefold() not in _STOP and not w.isupper()}
    names |= {n for n in _NUMBER.findall(full) if not 1900 <= int(n) <= 2100}
    return DocContext(published, frozenset(names), source)


def _gap(wa: tuple[date, date], wb: tuple[date, date]) -> int:
    return max(0, (max(wa[0], wb[0]) - min(wa[1], wb[1])).days)


def _lagged(event: Event, window: tuple[date, date], ctx: DocContext | None) -> tuple[date, date]:
    """A report dated on (or one day before) its publication may have happened up to LAG_DAYS
    earlier: its date is then the reporting day, not the incident's."""
    if ctx is None or ctx.date is None or event.event_date is None:
        return window
    if (ctx.date - event.event_date).days <= 1 or (event.time_precision or 1) > 1:
        return min(window[0], ctx.date - timedelta(days=LAG_DAYS)), window[1]
    return window


def _killed(a: Event, b: Event) -> tuple[float, float]:
    fa, fb = a.fatalities, b.fatalities
    if fa is None or fb is None:
        return 0.0, 0.0
    if fa == fb:
        return (1.0 if fa > 0 else 0.5), 0.0
    return 0.0, math.log1p(abs(fa - fb))


def pair_features(a: Event, b: Event, ctx_a: DocContext | None = None,
                  ctx_b: DocContext | None = None) -> dict[str, float]:
    """The feature vector of a pair of reports (names in ``FEATURES``)."""
    from .match import _actors, DEFAULT_MATCH_CONFIG, distance_km, place_similarity, type_compatibility

    f: dict[str, float] = dict.fromkeys(FEATURES, 0.0)
    f["type"] = type_compatibility(a, b)
    f["same_sub_type"] = float(bool(a.sub_event_type) and a.sub_event_type == b.sub_event_type)
    wa, wb = date_window(a), date_window(b)
    if wa is not None and wb is not None:
        f["date_gap"] = math.log1p(min(_gap(wa, wb), 60))
        f["date_gap_lag"] = math.log1p(min(_gap(_lagged(a, wa, ctx_a), _lagged(b, wb, ctx_b)), 60))
        f["date_same"] = float(a.event_date == b.event_date)
    else:
        f["date_gap"] = f["date_gap_lag"] = math.log1p(60)
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        d = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        radius = DEFAULT_MATCH_CONFIG.radius_km.get(max(a.geo_precision or 3, b.geo_precision or 3), 75.0)
        f["log_km"] = math.log1p(min(d, 3000.0))
        f["far"] = float(d > radius)
    else:
        f["no_coords"] = 1.0
        f["log_km"] = math.log1p(3000.0)
    f["same_admin1"] = float(bool(a.admin1) and (a.admin1 or "").casefold() == (b.admin1 or "").casefold())
    if a.location and b.location:
        f["place_name"] = place_similarity(a.location, b.location) / 100
    if (a.geo_fallback or b.geo_fallback) and f["place_name"] < 0.75:
        f["fallback_clash"] = 1.0  # one point stands for two unresolved places
    ok, sim, _ = _actors(a, b, DEFAULT_MATCH_CONFIG)
    f["actors"], f["actor_conflict"] = sim, float(not ok)
    f["killed_equal"], f["killed_gap"] = _killed(a, b)
    if ctx_a is not None and ctx_b is not None and ctx_a.names and ctx_b.names:
        shared = len(ctx_a.names & ctx_b.names)
        f["name_overlap"] = shared / min(len(ctx_a.names), len(ctx_b.names))
        f["name_shared"] = math.log1p(shared)
        f["same_outlet"] = float(bool(ctx_a.source) and ctx_a.source == ctx_b.source)
    if a.notes and b.notes:
        f["sentence"] = fuzz.token_set_ratio(a.notes, b.notes) / 100
    return f
