"""Arabic place-name forms: the article in Latin transliteration, the proclitics in Arabic script.

``TRANSLITERATED_ARTICLES``: how the article ال is written in Latin letters ("al-Bab", "Deir
ez-Zor", "Ras ul-Ain"); the gazetteer keys of :mod:`sitrep.geo.match` drop them. In Arabic script a
name may carry a conjunction or preposition (بحلب "in Aleppo", وحلب "and Aleppo"):
:func:`strip_proclitic` gives the bare forms, as :mod:`sitrep.geo.arabic` looks names up.
"""

from __future__ import annotations

import re

__all__ = ["PROCLITIC", "PROCLITICS", "TRANSLITERATED_ARTICLES", "strip_proclitic"]

TRANSLITERATED_ARTICLES: frozenset[str] = frozenset(
    ["al", "el", "il", "ul", "ad", "ed", "ar", "er", "as", "es", "az", "ez", "ash", "esh", "at", "et", "an", "en",
     "ath", "adh", "ag"]
)
#: The letters a name may carry attached: conjunctions و ف, prepositions ب ل ك.
PROCLITICS: frozenset[str] = frozenset("وفبلك")
#: An attached conjunction and/or preposition (on normalised text, :func:`sitrep.nlp.arabic.normalise`).
PROCLITIC = re.compile(r"^(?:[وف]?(?:ب|ل|ك)(?=ال|\w{3,})|[وف](?=\w{3,}))")


def strip_proclitic(token: str) -> list[str]:
    """The token and its form without an attached conjunction/preposition (بحلب → حلب)."""
    out = [token]
    m = PROCLITIC.match(token)
    if m and m.end() < len(token):
        out.append(token[m.end():])
    return out
