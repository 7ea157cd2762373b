"""The place a report's sentence names that its coded location does not stand for.

"Regime forces shelled Kinda in Idleb" is coded at Idlib when the gazetteer does not know the
village: the event sits at the province's point, and so does "regime forces shelled Qoqfin in Idleb"
the same day. At 0 km, same day, same actors, the two look like one event; the sentences say they
are two. ACLED's unit of analysis is one place, so a name the sentence gives for where it happened
is a *particular* of the event: two reports that each name a different particular place are two
events, whatever point the geocoder gave them (:func:`.match._place`).

A particular is a capitalised name after a locative preposition ("in", "at", "near", "on",
"outside", "outskirts of" ...) that is not the event's own location or one of its containers
(admin1-3, country), nor a country name or demonym ("attacks on Afghan forces"), a month or a day.
Stated as text, so it needs no gazetteer: it is exactly the case the gazetteer could not resolve.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from ..geo.spans import VENUE_WORDS
from ..schema import Event

__all__ = ["country_only", "named_place", "other_places", "particular_places", "particular_spans", "similar_names",
           "unresolved_place"]

_PREP = (r"(?:in|at|near|on|outside|around|inside|into|(?:outskirts|countryside|vicinity|area|village|town|city"
         r"|district|province|governorate|suburbs?|neighbou?rhood)\s+of)")
_NAME = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|ed|es|et)[-‐]|(?:al|el) )?[A-Z][\w'’‘-]*"
#: a name of one or more capitalised words ("Sahm El Golan", "Deir ez-Zor", "Tal al-Mal")
_PLACE_NAME = rf"{_NAME}(?:[ -](?:(?:al|el|ad|de|du|la)[- ])?[A-Z][\w'’‘-]*)*"
_PHRASE = re.compile(rf"\b{_PREP}\s+(?:the\s+)?({_PLACE_NAME})")
_AREA = (r"(?:southern|northern|eastern|western|rural|north|south|east|west|outskirts|countryside|vicinity"
         r"|province|district|governorate)")
#: "shelled Kinda in Idleb", "Ftireh, Idleb": a name set before the container it lies in.
_BEFORE_IN = re.compile(rf"(?<=[a-z,] )({_PLACE_NAME})"
                        rf"(?:\s+(?:district|village|town|area|camp|front|frontline|countryside))?"
                        rf"(?:,\s+[A-Z]|(?: in| near)\s+(?:the\s+)?(?:[A-Z]|{_AREA}\b))")
#: A generic word after a place name ("Ardo district", "Tarinkot city", "the Pretoria area").
_GENERIC_SUFFIX = r"(?:district|village|town|city|area|camp|province|governorate|neighbou?rhood|sub-?city)"
#: consonant-skeleton similarity (0-100) for two transliterations ("Basira", "Al Busayrah"); stricter
#: than the merge's name threshold, as short skeletons meet by chance ("Charbolak" / "Balkh": 75).
_SIMILAR_SKELETON = 85.0


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    """Capitalised words after a preposition that do not name a place: months, days, countries'
    demonyms and adjectives (their country names are containers, handled per event)."""
    from ..geo.countries import country_demonyms

    words = {m.casefold() for m in (*calendar.month_name, *calendar.day_name) if m}
    for forms in country_demonyms().values():
        words |= {f.casefold() for f in forms}
    return frozenset(words)


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|es|et) ")


def _fold(text: str) -> str:
    """Casefolded, without diacritics, punctuation or a leading Arabic article ("Al Manşūrah" ->
    "mansurah"), so transliterations of one name compare equal."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    plain = re.sub(r"[^\w ]+", " ", plain.casefold()).replace("_", " ")
    return _ARTICLE.sub("", " ".join(plain.split()))


#: What joins the items of a list of places ("in A, B and C districts"; "in A and B of C"), or
#: puts a part inside an area ("in the Pretoria area (Mamelodi)"): the next name is a place too.
_LIST_NEXT = re.compile(rf"(?:(?:\s+{_GENERIC_SUFFIX}s?)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)|\s+areas?\s*\(\s*)"
                        rf"(?:the\s+)?({_PLACE_NAME})")


def particular_spans(sentence: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each capitalised name the sentence gives as a place, in order: after a
    locative preposition, before its container, or listed after another place (lists included)."""
    out: list[tuple[str, int, int]] = []
    stop = _not_places()
    found = [*_PHRASE.finditer(sentence), *_BEFORE_IN.finditer(sentence)]
    todo = list(found)
    starts = {x.start(1) for x in found}
    while todo:  # follow each list to its end: "in Kalancheki and Sara Baghal of Maywand"
        m = todo.pop()
        head = _fold(m.group(1)).split()[:1]
        if not head or head[0] in stop:
            continue  # "on Sunday, Salvato was arrested": no list of places
        nxt = _LIST_NEXT.match(sentence, m.end(1))
        if nxt is not None and nxt.start(1) not in starts:
            starts.add(nxt.start(1))
            found.append(nxt)
            todo.append(nxt)
    found.sort(key=lambda m: m.start(1))
    for m in found:
        name = m.group(1).strip(" -'’‘")
        first = _fold(name).split()
        if first and first[-1] in VENUE_WORDS:
            continue  # rule name-inside-a-venue: "Bethel Christian Fellowship" is no place
        if not first or first[0] in stop or _fold(name) in stop or \
                any(n == name or s <= m.start(1) < e for n, s, e in out):
            continue
        out.append((name, m.start(1), m.start(1) + len(m.group(1))))
    return out


def particular_places(sentence: str) -> list[str]:
    """The capitalised names a sentence gives as places, in order."""
    return [name for name, _, _ in particular_spans(sentence)]


def similar_names(a: str, b: str) -> bool:
    """Two spellings of one place name (transliteration, article, diacritics, a longer form)."""
    from .match import place_similarity

    fa, fb = _fold(a), _fold(b)
    if not fa or not fb:
        return False
    if fuzz.ratio(fa, fb) >= 80 or place_similarity(fa, fb) >= _SIMILAR_SKELETON:
        return True
    wa, wb = set(fa.split()), set(fb.split())
    return wa <= wb or wb <= wa  # "Balkh" and "Khas Balkh"; "Ash-Shajara" on "Sahm El Golan-Ash-Shajara"


#: What lies between a place and the container it is said to be in: "Kinda in Idleb", "Charbolak
#: district, Balkh", "Kansafra in the southern countryside of Idleb", "Torah Garah of Arghistan",
#: "Khirbat Ferro south of Tell Abiad" (a place set by its bearing from a town lies in its area).
_INSIDE = re.compile(r"^['’‘\s]*(?:(?:district|village|town|area|camp|front|frontline|city|neighbou?rhood|road|"
                     r"suburb)s?\s*)?(?:,|in|near|of|outside|(?:north|south|east|west)(?:-?(?:east|west))?\s+of)"
                     r"\s+(?:the\s+)?(?:(?:[a-z]+ern|rural|outskirts|"
                     r"countryside|vicinity|province|district|governorate|area|city|town|limits)\s+(?:of\s+)?)*$")


#: What lies between two items of a list of places ("Hazrat and Timurak", "Kot, Khogyani").
_LIST_JOIN = re.compile(rf"^(?:\s+{_GENERIC_SUFFIX}s?)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$")

#: A part named in brackets after the area it lies in: "the Pretoria area (Mamelodi)".
_PART_OF = re.compile(rf"\s+areas?\s*\(\s*(?:the\s+)?({_PLACE_NAME})")

_LEAD = re.compile(r"^(?:(?:of|in|at|near|on|the)\s+)+", re.IGNORECASE)


def _location_mention(event: Event) -> str | None:
    for ev in event.evidence or ():
        if getattr(ev, "field", None) == "location" and getattr(ev, "text", None):
            return str(ev.text)
    return None


def unresolved_place(event: Event) -> str | None:
    """The place the event's sentence names that its coded location does not stand for.

    When the location was read in the sentence, that is a place said to lie *in* it ("Kinda in
    Idleb": the gazetteer resolved the container, not the village); a place listed beside it
    ("in A, B and C districts", one event each) is another event's. When the location came from
    elsewhere in the report, the sentence's first place unless it is the location or one of its
    containers. Actors' names are skipped ("an attack on Taliban in ...")."""
    if not event.notes:
        return None
    known = tuple(x for x in (event.location, event.admin1, event.admin2, event.admin3, event.country) if x)
    return _unresolved(event.notes, _location_mention(event), event.location or "", known,
                       (event.actor1 or "", event.actor2 or ""))


@lru_cache(maxsize=65536)
def _unresolved(sentence: str, mention: str | None, location: str, known: tuple[str, ...],
                actors: tuple[str, str]) -> str | None:
    actor_words = {w for a in actors for w in _fold(a).split()}
    spans = [s for s in particular_spans(sentence) if not set(_fold(s[0]).split()) <= actor_words]
    if mention:
        mention = _LEAD.sub("", mention)
    at = sentence.find(mention) if mention else -1
    if at >= 0:
        part = _PART_OF.match(sentence, at + len(mention or ""))
        if part is not None and not (location and similar_names(part.group(1), location)):
            return part.group(1)  # "in the Pretoria area (Mamelodi)": the part the report is about
        name = None
        while True:  # walk the chain back: "Kala Murchi of Deh Rahwod district, Urozgan"
            before = [s for s in spans if s[2] <= at and _INSIDE.match(sentence[s[2]:at])]
            if not before:
                break
            if any(_LIST_JOIN.match(sentence[s[2]:before[-1][1]]) for s in spans if s[2] <= before[-1][1]):
                break  # "in Hazrat and Timurak areas of Charbolak": a list, the container stands for it
            name, at = before[-1][0], before[-1][1]
        return None if name is None or (location and similar_names(name, location)) else name
    if not spans:
        return None
    name = spans[0][0]
    return None if any(similar_names(name, k) for k in known) else name


def other_places(event: Event) -> list[str]:
    """Every place the event's sentence names beside its coded location and that location's
    containers (lists included, actors' names skipped): "in Kalancheki and Sara Baghal of Maywand"
    coded at Maywand names Kalancheki and Sara Baghal."""
    if not event.notes:
        return []
    known = [x for x in (event.location, event.admin1, event.admin2, event.admin3, event.country,
                         event.geo_fallback) if x]
    actor_words = {w for a in (event.actor1, event.actor2) if a for w in _fold(a).split()}
    return [n for n in particular_places(event.notes)
            if not set(_fold(n).split()) <= actor_words and not any(similar_names(n, k) for k in known)]


def named_place(event: Event) -> tuple[str | None, str | None]:
    """(the place the report stands for, the point it sits at when that is another place, or None).

    An explicit fallback (``geo_fallback``: the geocoder knew it did not resolve the name) comes
    first; a report placed only at its country (:func:`country_only`) stands for the sentence's
    place, or the country, at the country's point; otherwise the sentence's first particular place,
    when the coded location does not stand for it ("Kinda" coded at Idlib; "Charbolak district"
    coded at the city of Balkh)."""
    if event.geo_fallback:
        return event.location, event.geo_fallback
    implicit = unresolved_place(event)
    if country_only(event):
        return implicit or event.location, event.country
    if implicit is not None:
        return implicit, event.location
    return event.location, None


def country_only(event: Event) -> bool:
    """Whether the report is placed at nothing finer than its country ("Somalia", at the capital's
    point by convention). A country is no place in ACLED's unit of analysis: such a report fell
    back to the country as an unknown village falls back to its province, so its distance to any
    other report is unknown (it matches another account of the same unplaced event, not the capital)."""
    if not event.location or not event.country or event.admin1:
        return False
    return _fold(event.location) == _fold(event.country)
