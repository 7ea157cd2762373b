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

from ..geo.spans import ADDRESS_STREET
from ..schema import Event
from .block import date_window

__all__ = ["FEATURES", "LAG_DAYS", "DocContext", "doc_context", "lagged_gap", "pair_features", "people_names",
           "street_names"]

#: Longest delay between an incident and a local report of it that the date features allow.
LAG_DAYS = 30

#: How much of a report is its lede (about 400 words, the first third of a local news story): the
#: people a report is about are named there; people named only later are often those of another
#: incident it recalls. On the GVA development part any value from 2,000 to 4,000 characters gives
#: the same merges; 1,200 loses a third of them.
LEDE_CHARS = 2500

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
    """What the matcher knows of a report's document: publication date, names and numbers, and the
    full names of people it names (``people``: "wanda espinoza")."""

    date: date | None
    names: frozenset[str]
    source: str | None = None
    people: frozenset[str] = frozenset()
    lede_people: frozenset[str] = frozenset()
    lede_streets: frozenset[str] = frozenset()


def doc_context(text: str, *, published: date | None = None, title: str | None = None,
                source: str | None = None) -> DocContext:
    """Names (capitalised words never written in lower case in the text, minus a stop list) and
    multi-digit numbers of a document: the words two outlets' copy of one incident shares."""
    full = f"{title or ''}\n{text}"
    lower = {w for w in _LOWER.findall(full)}
    names = {w.casefold() for w in _WORD.findall(full)
             if w.casefold() not in lower and w.casefold() not in _STOP and not w.isupper()}
    names |= {n for n in _NUMBER.findall(full) if not 1900 <= int(n) <= 2100}
    people = people_names(full, lower)
    head = f"{title or ''}\n{text[:LEDE_CHARS]}"
    lede = frozenset(p for p in people_names(head, lower) if p in people)
    return DocContext(published, frozenset(names), source, people, lede, street_names(head))


_STREET_WORD = r"(?:[A-Z][\w'’]*|\d+(?:st|nd|rd|th))"
#: A street of an address: "the 700 block of Tennessee Street", "1417 Orchard Ave.", "on South
#: Exchange Avenue", "Beach 22nd Street and Collier Avenue". A court is a street only with a
#: number before it ("12 Maple Court", not "36th District Court").
_STREET_KINDS = (r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|"
                 r"Circle|Cir|Parkway|Pkwy|Highway|Hwy|Terrace|Trail|Pike|Alley")
_STREET = re.compile(rf"(?:\b(\d{{1,6}})\s+(?:block\s+of\s+)?)?\b({_STREET_WORD}(?:\s+{_STREET_WORD}){{0,3}})\s+"
                     rf"({_STREET_KINDS})\b")
_STREET_SUFFIX = re.compile(rf"\s(?:{_STREET_KINDS})\.?$")
_STREET_LEAD = frozenset(("north", "south", "east", "west", "n", "s", "e", "w", "the", "on", "at", "of",
                          "in", "near", "along", "and", "block"))


def street_names(text: str) -> frozenset[str]:
    """The streets a text gives as addresses, folded to compare across outlets' spellings
    ("South Exchange Avenue", "S. Exchange Ave." -> "exchange"; "Ocean Front" -> "oceanfront"):
    the finest place name local news gives, which two outlets' reports of one shooting share and
    two shootings in one city on one day do not (:func:`.index.streets_apart`)."""
    out: set[str] = set()
    named = [m.group(2) for m in _STREET.finditer(text) if not (m.group(3) in ("Court", "Ct") and not m.group(1))]
    # "the 15400 block of Murray Hill": an address whose street the copy writes without "Street"
    named += [m.group(1) for m in ADDRESS_STREET.finditer(text) if not _STREET_SUFFIX.search(m.group(1))]
    for street in named:
        words = [w.casefold().strip(".").replace("’", "'") for w in street.split()]
        owner = [i for i, w in enumerate(words) if w.endswith("'s")]
        words = words[owner[-1] + 1:] if owner else words  # "Smith's Collier Avenue apartment"
        while words and words[0] in _STREET_LEAD:
            words = words[1:]
        if words:
            out.add("".join(words))
    return frozenset(out)


#: Words that make a capitalised run an institution, a place or a title rather than a person.
_NOT_PERSON = {w.casefold() for w in """
Hospital Medical Memorial Center Centre Clinic County Parish Township Borough City State District Street
Avenue Road Boulevard Drive Lane Highway Interstate Route Square Park Mall Plaza Station Airport Bridge
River Lake Mount Fort Saint San Santa Los Las New North South East West Upper Lower Office Bureau
Department Patrol Police Sheriff Attorney Court Judge Jail Prison University College School Academy
Church Mosque Temple Cathedral Club Bar Restaurant Hotel Motel Apartments Company Inc Corp Bank Market
Store Walmart Press News Times Post Herald Tribune Journal Daily Gazette Radio Television Channel Fox
Facebook Twitter Instagram Youtube Google Chief Officer Officers Deputy Detective Sergeant Lieutenant
Captain Trooper Agent Special Mayor Governor Senator President Minister Secretary Director Spokesman
Spokeswoman Coroner Examiner Commissioner Council Committee Association Foundation Museum Institute
Army Navy Air Force Guard National International United Federal American Republican Democratic
Islamic Muslim Christian Catholic Day Eve Year Happy Merry Christmas Easter Thanksgiving Black Lives
Matter Crime Stoppers Unit Division Task Team Services Service Health Fire Rescue Emergency Public
Like Us Tags Follow Share Comments Comment Click Photo Photos Video Watch Sign Subscribe Related Story
Desk Staff Writer Editor Editorial Wire Newsroom Bureau Correspondent Contributor Demo
""".split()}
_PERSON = re.compile(r"\b([A-Z][a-z'’\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’\-]+){1,2})\b")


_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|into|outside|around|across|towards?|through|from)\s+(?:the\s+)?$")
_PLACE_AFTER = re.compile(r"\s+(?:district|province|city|town|village|county|area|region|camp|street|road|"
                          r"avenue|neighbou?rhood|suburb|valley|river|militants|fighters|forces|group)\b")


_TITLE_BEFORE = re.compile(
    r"\b(?:sheriff|chief|officer|sgt|sergeant|lt|lieutenant|capt|captain|det|detective|deputy|spokes\w+|"
    r"activist|mayor|judge|attorney|prosecutor|dr|rev|reverend|pastor|bishop|commissioner|coroner|sen|"
    r"senator|rep|gov|governor|president|minister|trooper|agent|superintendent|director|councilman|"
    r"councilwoman|alderman|professor|analyst|reporter|correspondent)\.?\s+$", re.IGNORECASE)
_SPEAKS_AFTER = re.compile(r",?\s+(?:said|says|told|stated|added|explained|wrote|tweeted|(?:a|the|an)\s+"
                           r"[\w ]{0,30}?(?:spokes\w+|chief|officer|sheriff|activist|director|coroner|"
                           r"attorney|prosecutor|official|pastor|analyst|reporter))\b")


def people_names(text: str, lower: set[str] | None = None) -> frozenset[str]:
    """Full names of people a document gives ("Wanda Espinoza", "Carl T. Brown" -> "carl brown"):
    runs of two or three capitalised words of which none is written in lower case elsewhere in the
    text, none is an institution, place or title word, and the run is not set as a place ("in Nad
    Ali", "Pul-e Khumri city") or a group ("Boko Haram militants"). The particulars two outlets' reports of one incident share, and two incidents
    in one city on one day do not."""
    if lower is None:
        lower = set(_LOWER.findall(text))
    out: set[str] = set()
    speakers: set[str] = set()
    for m in _PERSON.finditer(text):
        if _PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start()) \
                or _PLACE_AFTER.match(text, m.end()):
            continue  # "in Nad Ali", "Pul-e Khumri city": a place
        if _TITLE_BEFORE.search(text, max(0, m.start() - 25), m.start()) or _SPEAKS_AFTER.match(text, m.end()):
            speakers.add(" ".join(m.group(1).casefold().split()[-1:]))
            continue  # "Sheriff Carroll Smith", "Andrew Holmes said": quoted in many incidents
        words = [w for w in m.group(1).split() if not w.endswith(".")]
        folded = [w.casefold().replace("’", "'") for w in words]
        if len(words) < 2 or any(w in lower or w in _NOT_PERSON or w in _STOP for w in folded):
            continue
        if any(w.endswith("'s") for w in folded[:-1]):
            continue
        out.add(folded[0] + " " + folded[-1].removesuffix("'s"))
    return frozenset(p for p in out if p.split()[-1] not in speakers)


def lagged_gap(a: Event, b: Event, ctx_a: DocContext | None, ctx_b: DocContext | None) -> int | None:
    """Days between two reports' date windows once a report dated on its own publication day may
    have happened up to LAG_DAYS earlier (``None`` when a date is missing)."""
    wa, wb = date_window(a), date_window(b)
    if wa is None or wb is None:
        return None
    return _gap(_lagged(a, wa, ctx_a), _lagged(b, wb, ctx_b))


def _gap(wa: tuple[date, date], wb: tuple[date, date]) -> int:
    return max(0, (max(wa[0], wb[0]) - min(wa[1], wb[1])).days)


def _lagged(event: Event, window: tuple[date, date], ctx: DocContext | None) -> tuple[date, date]:
    """A report dated on (or one day before) its publication may have happened up to LAG_DAYS
    earlier: its date is then the reporting day, not the incident's. Not when the report states
    the date in full (an ``event_date`` span with a day number: "on 25 June"): then the date is the
    event's. A weekday ("on Thursday") may be read against a later publication day, so it keeps
    the allowance."""
    if ctx is None or ctx.date is None or event.event_date is None:
        return window
    if any(ev.field == "event_date" and any(c.isdigit() for c in ev.text) for ev in event.evidence or ()):
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
