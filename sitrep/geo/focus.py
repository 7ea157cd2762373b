"""The country a document is about: the input's ``country`` field, else votes from the places it
names (a country named outright counts most, then provinces, then the likeliest reading of each
place) and its demonyms ("Syrian forces"). Kept apart from :mod:`sitrep.geo.resolve`, which uses
the focus to weigh every reading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .gazetteer import Gazetteer, PlaceRecord
from .match import name_key

if TYPE_CHECKING:
    from .resolve import Resolution

__all__ = ["ARTICLE", "demonym_votes", "focus_country", "hint_country"]

#: A name starting with an Arabic article ("al-Maleh") names no country ("Mali").
ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|az|ash|an)[-\s'’]", re.IGNORECASE)


def demonym_votes(texts: Sequence[str]) -> Counter[str]:
    """Votes per country from demonyms ("Syrian", "pro-Russian")."""
    from .countries import DEMONYMS, country_demonyms

    votes: Counter[str] = Counter()
    words = [w.lower().strip(".,;:()'’\"") for t in texts for w in re.split(r"[\s/]+", t)]
    words = [w.removeprefix("pro-").removeprefix("anti-") for w in words if w]
    for w in words:
        if w in DEMONYMS:
            votes[DEMONYMS[w]] += 2
    candidates = {w for w in words if len(w) >= 4 and w[-1] in "nisheN"}
    if candidates:
        for cc, forms in country_demonyms().items():
            hits = len(candidates & forms)
            if hits:
                votes[cc] += 2 * hits
    return votes


def hint_country(gaz: Gazetteer, hint: str | None) -> PlaceRecord | None:
    """The country a document's ``country`` field names (a name or an ISO alpha-2 code)."""
    if not hint:
        return None
    for r in gaz.lookup(name_key(hint)):
        if r.kind == "country" and r.cc:
            return r
    return gaz.country(hint.upper()) if len(hint) == 2 else None


def focus_country(gaz: Gazetteer, hint: str | None, res: list[Resolution],
                  texts: Sequence[str] = ()) -> str | None:
    """ISO alpha-2 code of the document's country, or None when nothing points to one."""
    named = hint_country(gaz, hint)
    if named is not None:
        return named.cc
    votes: Counter[str] = demonym_votes(texts)
    for m in res:
        countries = [r for r, _ in m.candidates if r.kind == "country" and r.cc
                     and not ARTICLE.match(m.span.text)]
        if countries:
            votes[countries[0].cc or ""] += 4
            continue
        ccs = {r.cc for r, _ in m.candidates if r.cc}
        for cc in sorted({r.cc for r, _ in m.candidates if r.kind == "admin1" and r.cc}):
            exact = any(r.cc == cc and r.kind == "admin1" and name_key(r.name) == m.key
                        for r, _ in m.candidates)  # "Ankara", not a province's other name
            votes[cc] += 3 if len(ccs) <= 3 or exact else 1
        if m.candidates:
            top = max(m.candidates, key=lambda c: (c[0].priority, name_key(c[0].name) == m.key,
                                                   c[0].population))[0]
            if top.cc:
                votes[top.cc] += 2 if len(ccs) == 1 else 1
    return votes.most_common(1)[0][0] if votes else None
