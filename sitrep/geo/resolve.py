"""Resolution in context: which gazetteer entry each span means, and how precisely.

Compute first (:func:`resolve_document` returns :class:`Resolution` objects), write back later
(the stage turns them into ``PlaceMention``). Scoring weighs the document's focus country
(the input's ``country`` field when given: events then stay in it unless the text names another
country), imported/model layers over defaults, population, the district and province named with
a place (:mod:`sitrep.geo.context`: "Verulam (eThekwini, KwaZulu-Natal)", "the X area of Y
district, Z", "X, Z"; a match they contradict is rejected), "X province" wording, and distance
to the other places named. An explicit place no gazetteer knows ("3000 Apartments
neighbourhood") falls back to the containing place it can trust (its own district or province,
a city named beside it, the document's focus city, its country) with lower precision; it is
never dropped and never wipes the other places.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..nlp.segment import LEDE_SENTENCES
from .context import Containers, containers_of, far_from, haversine_km
from .evidence import (POSSESSIVE_END, aged_name, agent_name, body_word, english_word_readings, names_a_district,
                       person_words, reject_loose,
                       reject_persons, reject_unsupported, shared_province, street_name, surname, surnames)
from .focus import ARTICLE as _ARTICLE
from .focus import demonym_votes, hint_country, named_countries, prefer_focus, sentence_countries
from .focus import focus_country as _focus_country
from .gazetteer import PRIORITY_IMPORT, PRIORITY_MODEL, Gazetteer, PlaceRecord
from .match import FEATURE_WORDS, best_matches, fold, name_key
from .spans import ORG_WORDS, TOWN_FORCE, VENUE_WORDS, SpanCandidate, is_organisation, is_stop

__all__ = ["Resolution", "haversine_km", "hint_country", "precision_of", "resolve_document",
           "outlet_town", "outlet_words", "resolve_in_country"]

_POPULATED = ("neighbourhood", "landmark", "village", "town", "city")
_WORD = re.compile(r"[^\s]+")
_CAPITAL_JOIN = re.compile(r"-(?=[A-Z])")


def _words(text: str) -> list[tuple[int, int]]:
    """Word offsets; "Tripoli-Beirut" is two words (whole names such as "Al-Hasakeh" and
    "Deir-ez-Zor" are still tried first, as the longest sequence)."""
    out: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        start = m.start()
        for cut in _CAPITAL_JOIN.finditer(m.group()):
            out.append((start, m.start() + cut.start()))
            start = m.start() + cut.end()
        out.append((start, m.end()))
    return out
_DEMONYM_ENDS = ("ian", "ians", "ese", "ish", "ians'")
#: Lower-case words that join the words of a body's name ("Party of India", "Bank of the West")
_JOINING_WORDS = frozenset(("of", "the", "and", "for", "in", "at", "on", "to", "from", "by", "with"))
#: Words that begin a place name and make a place of their own with the name after them (Arabic
#: kafr "village", deir "monastery", beit "house", ain "spring", tal "hill", khirbet "ruin", ...):
#: "Kafr Hamra", "Deir al-Asafir", "Beit Jinn" are not Hamra, Asafir or Jinn.
NAME_PREFIXES = frozenset(("kafr", "kfar", "kafar", "deir", "dayr", "beit", "bayt", "ain", "ayn", "bir", "tal", "tell",
                           "tall", "khirbet", "khirbat", "jabal", "jebel", "wadi", "umm", "ras", "maarat", "maaret",
                           "marat", "qasr", "marj", "hayy", "harat", "mazraat", "jisr", "tel", "kfr"))
_ADMIN_KINDS = frozenset(("county", "parish", "province", "governorate", "oblast", "prefecture"))
#: Countries whose first- or second-level areas are called counties in English (ISO alpha-2): the
#: United States, the United Kingdom, Ireland, Kenya, Liberia, South Sudan, China, Taiwan,
#: Hungary, Croatia, Romania, Norway, Sweden, Estonia, Lithuania, Poland
COUNTY_COUNTRIES = frozenset(("US", "GB", "IE", "KE", "LR", "SS", "CN", "TW", "HU", "HR", "RO", "NO",
                              "SE", "EE", "LT", "PL"))
_ADJECTIVE_KEYS = frozenset(name_key(w) for w in ("new", "old", "east", "west", "north", "south",
                                                   "upper", "lower", "great", "small"))


@dataclass
class Resolution:
    sentence_index: int
    span: SpanCandidate  # offsets relative to the sentence
    offset: int  # sentence start in the document
    key: str
    candidates: list[tuple[PlaceRecord, float]] = field(default_factory=list)  # (record, quality)
    record: PlaceRecord | None = None
    score: float = 0.0
    geo_precision: int = 1
    where_prec: int = 1
    fallback_from: str | None = None  # the unknown name this location stands in for
    fallback_by: str = ""  # what placed it: "containers", "beside" (its sentence), "focus" or "part"
    containers: Containers | None = None  # district/province named with it ("X (Y, Z)")
    provinces: frozenset[str] = frozenset()  # provinces of this very name ("Al Jawf")
    homonyms: int = 0  # how many gazetteer readings the name had before any was ruled out
    rejected: str = ""  # the rule that said the span is no place (:mod:`sitrep.geo.evidence`)
    part_of: SpanCandidate | None = None  # the whole name of a part of the place ("Halab al-Jadideh")

    @property
    def start(self) -> int:
        return self.offset + self.span.start

    @property
    def end(self) -> int:
        return self.offset + self.span.end


def precision_of(kind: str, *, near: bool = False) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) of a place of ``kind``."""
    if kind in _POPULATED:
        return (2, 2) if near else (1, 1)
    # ACLED: 2 for "in the district of" (its centre), 3 for a province or larger
    return {"admin3": (2, 3), "admin2": (2, 3), "admin1": (3, 4), "country": (3, 6)}.get(kind, (2, 5))


def _dedup(records: Sequence[PlaceRecord]) -> list[PlaceRecord]:
    best: dict[tuple[str, str, int, int], PlaceRecord] = {}
    for r in records:
        k = (r.kind, name_key(r.name), round(r.lat * 20), round(r.lon * 20))
        if k not in best or r.priority > best[k].priority:
            best[k] = r
    return list(best.values())


def _split_span(gaz: Gazetteer, span: SpanCandidate) -> list[tuple[SpanCandidate, list[PlaceRecord]]]:
    """Longest gazetteer matches inside a span, left to right."""
    text = span.text
    words = _words(text)
    found: list[tuple[SpanCandidate, list[PlaceRecord]]] = []
    i = last = 0  # last: where the words after the previous match begin

    def word(k: int) -> str:
        """The span's ``k``-th word, lower case, without its possessive or trailing punctuation."""
        return POSSESSIVE_END.sub("", text[words[k][0]:words[k][1]].lower().strip(",.;:"))

    # rule name-inside-a-venue: a name whose last word is a venue's or a congregation's ("Bethel
    # Christian Fellowship", "Club Blu Nightclub") holds no place before that word (the venue's
    # own town is told beside it). Not a party's or a force's name: "Pakistan Muslim League" still
    # says which country the report is about
    body = bool(words) and word(-1) in VENUE_WORDS
    while i < len(words):
        if i > 0 and POSSESSIVE_END.sub("", text[words[i - 1][0]:words[i - 1][1]]).lower() in NAME_PREFIXES:
            i += 1  # rule name-prefix-makes-a-place: "Kafr Hamra" is a village of its own, not Hamra
            continue
        if text[words[i][0]:words[i][1]] in _JOINING_WORDS and any(body_word(word(k)) for k in range(i)):
            # rule body-of-a-place: in a body's name ("Socialist Democratic Party of India") the place
            # after "of" is read by itself: "of India" read whole meets "Indio" through the loose key
            i += 1
            continue
        for j in range(min(len(words), i + 6), i, -1):
            sub = POSSESSIVE_END.sub("", text[words[i][0]:words[j - 1][1]].strip(",.;:()"))
            if not sub or is_stop(sub) or (j - i == 1 and sub.endswith(_DEMONYM_ENDS)):
                continue
            if set(name_key(sub).split()) <= _ADJECTIVE_KEYS:  # "al-Jadideh" alone = "new"
                continue
            after = word(j) if j < len(words) else ""
            if after in ORG_WORDS and not (after == "police" and i == 0):
                continue  # "the Azov Battalion", "Gafsa Phosphate Company", "Luhansk People's"
            if body and j < len(words):
                continue
            if j - i == 1 and j == len(words) > 1 and sub.lower() in ORG_WORDS:
                continue  # rule venue-word-not-place: the kind word ending a venue's or body's
                # name is no place of its own ("Aladdin's Hookah Lounge" is no town "Lounge")
            tail = sub.split()[-1].lower()  # its last word: "County", "Street", "Province"
            records = gaz.lookup(name_key(sub))
            if not records and j - i > 1 and tail in FEATURE_WORDS:
                records = gaz.lookup(name_key(" ".join(sub.split()[:-1])))
            if records and j - i > 1 and tail == "county":
                # rule county-where-counties-are: "Conejos County" is a county, read in a country
                # whose areas are called counties, never a village of that name in Mexico
                records = [r for r in records if r.kind in ("admin1", "admin2") or r.cc in COUNTY_COUNTRIES]
            if records:
                s0 = span.start + words[i][0]
                # the span's context, for the part: "north of the city" only follows the last
                # "Henry County": a name that says it is an admin area (not a town called Henry)
                admin = span.admin_word or tail in _ADMIN_KINDS
                part = replace(span, start=s0, end=s0 + len(sub), text=sub, admin_word=admin,
                               partial=(j - i) < len(words) and len(words) > 1,
                               of_the_city=span.of_the_city and j == len(words))
                if after == "police":
                    # rule town-police-files-the-report: "Minneapolis Police", "York Police
                    # Department" name the force of the town the report is filed from, as a
                    # dateline does: where its events are when it places them nowhere else
                    part.partial = False
                    part.role = "dateline" if span.role == "event" else span.role
                if j == len(words) and i > last:  # "Edward Tillman": the words before it
                    part.lead = text[words[last][0]:words[i][0]] + (
                        sub.split()[0] if sub[:1].islower() else "")  # "X of Y": "of" joins places
                found.append((part, _dedup(records)))
                last = j
                i = j
                break
        else:
            i += 1
    return found


def _hint_keys(m: Resolution) -> set[str]:
    return {name_key(p) for p in re.split(r"[,;/]| and | of ", m.span.hint) if p.strip()}


def _people(rec: PlaceRecord, m: Resolution) -> int:
    """A reading's size: a town's people; a county's (its towns' sum) only where the text names a
    county ("DeKalb County": the Georgia one of 700,000 before Illinois' of 100,000); a bare
    "Washington" is no county for the people of one."""
    return rec.people if rec.kind in ("admin2", "admin3") and names_a_district(m.span) else rec.population


def _score(rec: PlaceRecord, quality: float, m: Resolution, *, focus: str | None,
           doc_keys: set[str], chosen: Sequence[PlaceRecord],
           region: tuple[str, str] | None = None) -> float:
    s = quality
    if region is not None and m.containers is None and not m.provinces \
            and (rec.cc, rec.admin1) == region:
        s += _REGION  # rule places-lie-together (evidence.shared_province)
    if focus and rec.cc == focus:
        s += 3.0
    s += 2.0 if rec.priority >= PRIORITY_IMPORT else 0.0
    s += 3.0 if rec.priority >= PRIORITY_MODEL else 0.0  # the user's own coding of this name
    s += min(math.log10(_people(rec, m) + 1), 7.0) / 2.0
    hint = _hint_keys(m) if m.span.hint else set()
    for value in (rec.admin1, rec.admin2, rec.admin3, rec.city):
        if value:
            k = name_key(value)
            if k in hint:
                s += 5.0
            elif k in doc_keys and k != m.key:
                s += 1.0
    if m.span.admin_word:
        s += 4.0 if rec.kind in ("admin1", "admin2", "admin3") else 0.0
    elif rec.kind in _POPULATED:
        s += 0.7
    if rec.kind == "country":
        s += 2.0
    if m.provinces and rec.kind in _POPULATED and rec.admin1 not in m.provinces \
            and not set(m.key.split()) <= set(name_key(rec.admin1 or "").split()):
        # (a capital city may be a province of its own: Kyiv in "Kyiv City", not Kyiv oblast)
        s -= 3.0  # "Al Jawf" is the province, not a town of that name in another one
    if m.containers is not None:
        inside = m.containers.consistent(rec)
        s += 4.0 if inside else -6.0 if inside is False else 0.0
        if m.containers.parts and rec.kind != "admin1" and m.containers.near(rec, 30.0):
            s += 2.0
    if chosen:
        near = min(haversine_km(rec, c) for c in chosen)
        s += 2.0 if near < 30 else 1.0 if near < 150 else 0.0
    return s




def _plausible(rec: PlaceRecord, m: Resolution, focus: str | None,
               foreign: frozenset[str] | None = None) -> bool:
    """Whether a match is trustworthy enough to keep (foreign hamlets named like words are not).

    ``foreign``: when the document's input names its country, the other countries it may
    place events in (those the text names); None: no such restriction.
    """
    if foreign is not None and rec.cc != focus and rec.cc not in foreign:
        return False
    if rec.kind == "country" and _ARTICLE.match(m.span.text):
        return False  # "al-Maleh" folds to "mali": a name with an Arabic article names no country
    if rec.kind == "country" or focus is None or rec.cc == focus:
        if len(m.span.text) >= 4 or rec.kind == "country":
            return True
        # "in Qom", "Nis, Serbia": a short name only for a real town said to be a place
        return (m.span.locative or m.span.explicit or m.containers is not None) and (
            rec.population >= 5_000 or rec.priority >= 10 or rec.kind == "admin1")
    if m.span.partial:
        return False
    if m.span.hint and {name_key(v) for v in (rec.admin1, rec.admin2, rec.city) if v} & _hint_keys(m):
        return True
    if rec.priority >= 10 and m.span.explicit:
        return True
    return rec.population >= 200_000 and name_key(rec.name) == m.key and len(m.key) >= 4


_REGION = 2.0  # one province the document's names can be read in (its own containers decide first)


def _choose(m: Resolution, *, focus: str | None, doc_keys: set[str],
            chosen: Sequence[PlaceRecord], region: tuple[str, str] | None = None) -> None:
    """The best of ``m``'s (plausible) candidates, given the places ``chosen`` so far."""
    scored = [(_score(r, q, m, focus=focus, doc_keys=doc_keys, chosen=chosen, region=region), r)
              for r, q in m.candidates]
    m.record = None
    if scored:
        m.score, m.record = max(scored, key=lambda t: (t[0], t[1].priority, t[1].population))
        m.geo_precision, m.where_prec = precision_of(
            m.record.kind, near=m.span.near or (m.span.partial and m.span.explicit))


def _joined(gaz: Gazetteer, m: Resolution, focus: str) -> None:
    """"Mirpurkhas" for "Mirpur Khas": a long one-word name split in two."""
    if " " in m.key or len(m.key) < 7:
        return
    for i in range(3, len(m.key) - 2):
        key = " ".join(sorted((m.key[:i], m.key[i:])))
        for rec in gaz.lookup(key):
            if rec.cc == focus:
                m.candidates.append((rec, 0.8))


def _fuzzy(gaz: Gazetteer, m: Resolution, focus: str | None) -> None:
    if not focus or len(m.key) < 5 or m.key[0].isdigit():
        return
    _joined(gaz, m, focus)
    if m.candidates:
        return
    cutoff = 88.0 if len(m.key) >= 8 else 93.0
    for key, score in best_matches(m.key, gaz.keys(focus), limit=3, cutoff=cutoff):
        for rec in gaz.lookup(key):
            if rec.cc == focus:
                m.candidates.append((rec, (score - cutoff) / (100.0 - cutoff) - 0.5))


_OF_CITY_KM = 100.0  # "north of the city" names a place around it, not in the next province


def _fallback(m: Resolution, same_sentence: list[Resolution], focus_city: PlaceRecord | None,
              focus_place: PlaceRecord | None) -> None:
    """Stand an unknown explicit place in for the nearest containing place we trust: the
    district or province named with it, else a place named beside it, else the focus.

    Rule ``fallback-stays-home``: a country named beside it is no container unless it is the
    report's own ("fighters from Jordan in the X district": X is not in Jordan)."""
    home = focus_place.cc if focus_place is not None else None
    later = [o for o in same_sentence if o.record is not None and o.fallback_from is None
             and o.record.kind != "neighbourhood" and o is not m
             and not (o.record.kind == "country" and home is not None and o.record.cc != home)
             and o.span.role == "event"]  # not the hospital that counted, nor the dateline
    later.sort(key=lambda o: (o.record is not None and o.record.kind == "country",
                              o.start < m.start, abs(o.start - m.start)))
    base = m.containers.base() if m.containers is not None and m.span.hint else None
    m.fallback_by = "containers" if base is not None else "beside" if later else "focus"
    base = base or (later[0].record if later else focus_city or focus_place)
    if base is None:
        return
    m.record = base
    m.fallback_from = m.span.text
    gp, wp = precision_of(base.kind, near=True)
    m.geo_precision, m.where_prec = max(gp, 2), max(wp, 2)
    m.score = 0.5


def _inherit_containers(mentions: list[Resolution], focus: str | None) -> None:
    """"X, Y and Z of W district, P", "X in Quneitra": a place named without containers takes
    those of the next place of its sentence that has them, or the next province named."""
    by_sentence: dict[int, list[Resolution]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    for group in by_sentence.values():
        group.sort(key=lambda m: m.start)
        following: Containers | None = None
        for m in reversed(group):
            if m.containers is not None and m.containers.admin1:
                following = m.containers
            elif m.containers is not None:  # "X (Marja) district, Helmand": towns, then province
                if following is not None:
                    m.containers = Containers(admin1=following.admin1, parts=m.containers.parts)
            else:
                province = [r for r, _ in m.candidates if r.kind == "admin1" and r.cc == focus
                            and name_key(r.name) == m.key]
                if following is not None and not province:  # "between X and Y provinces"
                    m.containers = following
                if province:
                    following = Containers(admin1=province)


def _postal_check(m: Resolution) -> None:
    """Rule ``postal-code-checks``: a US state's postal code after a place ("Birmingham, AL")
    keeps the place's readings in that state, and then says the country; when the gazetteer has
    no reading of the place there the code is some other code ("Chennai, TN" is Tamil Nadu's) and
    says nothing."""
    if not m.span.postal:
        return
    state = name_key(m.span.postal)
    inside = [(r, q) for r, q in m.candidates if r.cc == "US" and r.admin1 and name_key(r.admin1) == state]
    if inside:
        m.candidates = inside
        m.span.province_country = "United States"


def _in_name(span: SpanCandidate, names: Sequence[tuple[int, int]]) -> bool:
    return any(a <= span.start and span.end <= b for a, b in names)


def _placed_beside(span: SpanCandidate) -> bool:
    """"shelling in Pisochne, near Donetsk": an unknown name said to be where something happened
    and placed by the place named after it stands in for that place (honest precision 2/3),
    instead of being dropped and leaving the event at that place as if exactly there."""
    return span.locative and span.beside and not span.partial and len(span.text) >= 4


def resolve_document(gaz: Gazetteer, sentences: Sequence[tuple[int, int, list[SpanCandidate]]],
                     *, country_hint: str | None = None, texts: Sequence[str] = (),
                     actor_countries: Sequence[str] = ()) -> list[Resolution]:
    """Resolve the spans of every sentence: ``(sentence index, sentence start, spans)``.

    ``texts``: the sentences' texts (demonyms), aligned with ``sentences``; ``actor_countries``:
    home countries of the knowledge-base actors the document names (both vote for its country
    when ``country_hint`` is None, :mod:`sitrep.geo.focus`)."""
    return resolve_in_country(gaz, sentences, country_hint=country_hint, texts=texts,
                              actor_countries=actor_countries)[0]


def resolve_in_country(gaz: Gazetteer, sentences: Sequence[tuple[int, int, list[SpanCandidate]]],
                       *, country_hint: str | None = None, texts: Sequence[str] = (),
                       actor_countries: Sequence[str] = (),
                       names: Mapping[int, Sequence[tuple[int, int]]] | None = None,
                       outlet: Sequence[str] = (), common: Callable[[str], bool] | None = None,
                       learnt: Mapping[str, float] | None = None
                       ) -> tuple[list[Resolution], str | None]:
    """:func:`resolve_document`, and the document's country (ISO alpha-2) it read them in.

    ``outlet``: the words of the report's web address (host and first path segment,
    :func:`outlet_words`), whose town a local outlet is (rule ``outlet-is-home``).

    ``names``: per sentence index, the (start, end) offsets in the sentence of the armed groups
    it names; rule ``place-in-a-name``: a place word inside one ("Ahrar al-Sham", "the Islamic
    State of Iraq and the Levant", "Liwa Idlib") names the group, not where anything happened
    nor the report's country.

    ``common``: whether a lower-case word is an English word (rule ``word-not-name``,
    :func:`sitrep.geo.evidence.english_word_readings`); None reads every capital as a name.
    ``learnt``: the country votes of a ``sitrep train`` model's country words (rule
    ``learnt-country-words``), which decide only where the document's own evidence is silent."""
    res: list[Resolution] = []
    unknown: list[Resolution] = []
    for pos, (index, offset, spans) in enumerate(sentences):
        inside = (names or {}).get(index, ())
        text = texts[pos] if pos < len(texts) else ""
        for span in spans:
            if _in_name(span, inside):
                continue
            matched = _split_span(gaz, span)
            parts = [(part, records) for part, records in matched if not _in_name(part, inside)]
            aged = aged_name(span, text)
            agent = agent_name(span, text)
            for part, records in parts:
                if part.role == "speaker" and part.end != span.end:
                    part = replace(part, role="event")  # "Aleppo DAESH said": the group speaks
                if not part.force and TOWN_FORCE.match(text, part.end):
                    part = replace(part, force=True)  # "the York Police Department"
                why = "street-name-not-place" if street_name(span, part) else \
                    "surname-not-place" if surname(part) else "aged-name-not-place" if aged else \
                    "agent-not-place" if agent and part.end == span.end else ""
                res.append(Resolution(index, part, offset, name_key(part.text),
                                      [] if why else [(r, 1.0) for r in records], rejected=why,
                                      part_of=named_part(span, part)))
            if not matched and span.role == "event" and (span.explicit or _placed_beside(span)) \
                    and not is_organisation(span.text):
                unknown.append(Resolution(index, span, offset, name_key(span.text)))
    for m in res:  # rules loose-key-needs-evidence and person-not-place (sitrep.geo.evidence)
        m.homonyms = len(m.candidates)
        reject_loose(m)
        _postal_check(m)
    reject_persons(res, person_words(texts), surnames(res), texts)
    if common is not None:  # after the rules that name a more particular reason
        text_of = {index: texts[pos] for pos, (index, _o, _s) in enumerate(sentences) if pos < len(texts)}
        for m in res:
            if m.candidates and not m.rejected:
                kept = english_word_readings(m.span, text_of.get(m.sentence_index, ""),
                                             [r for r, _ in m.candidates], common)
                if len(kept) < len(m.candidates):  # by identity: comparing records field by field
                    ids = {id(r) for r in kept}  # was quadratic in a common name's homonyms
                    m.candidates = [(r, q) for r, q in m.candidates if id(r) in ids]
                    m.rejected = "" if m.candidates else "word-not-name"
    named = hint_country(gaz, country_hint)
    focus = named.cc if named is not None else _focus_country(gaz, None, res, texts,
                                                              actor_countries, learnt)
    cache: dict[tuple[str, str | None], Containers] = {}
    for m in res + unknown:
        if m.span.hint:
            found = containers_of(gaz, m.span.hint, focus, cache)
            m.containers = found if found.admin1 or found.parts else None  # none known
    _inherit_containers(res + unknown, focus)
    foreign: frozenset[str] | None = None
    if named is not None:  # other countries only where the text names them
        foreign = frozenset(r.cc for m in res for r, _ in m.candidates
                            if r.kind == "country" and r.cc)
    elif focus is not None:  # inferred: those it names or whose people/forces it names
        foreign = frozenset(named_countries(res)) | frozenset(demonym_votes(texts))
    if focus is not None:
        prefer_focus(res, focus, sentence_countries(sentences, texts, res))
    for m in unknown:
        _fuzzy(gaz, m, focus)
    for m in res + unknown:
        m.candidates = [(r, q) for r, q in m.candidates if _plausible(r, m, focus, foreign)]
        m.provinces = frozenset(r.admin1 or r.name for r, _ in m.candidates
                                if r.kind == "admin1" and name_key(r.name) == m.key)
    doc_keys = {m.key for m in res}
    region = shared_province(res, focus)
    for m in res + unknown:
        _choose(m, focus=focus, doc_keys=doc_keys, chosen=(), region=region)
    for _ in range(2):  # proximity to the other places chosen (distinct places: linear in mentions)
        chosen_by_uid: dict[str, PlaceRecord] = {}
        names_of: dict[str, set[str]] = {}  # the names (keys) that chose each place
        for o in res:
            if o.record is not None and o.record.kind not in ("country", "admin1"):
                chosen_by_uid.setdefault(o.record.uid, o.record)
                names_of.setdefault(o.record.uid, set()).add(o.key)
        for m in res + unknown:
            # rule no-self-support: a name's own reading, however often the name is repeated, is
            # no neighbour of itself ("Dallas County" twice read in Alabama does not make Alabama
            # near); another name read at the same place is ("Halab" and "Aleppo")
            others = [r for uid, r in chosen_by_uid.items() if names_of[uid] - {m.key}]
            if others or len(m.candidates) > 1:  # else the first pass already decided it
                _choose(m, focus=focus, doc_keys=doc_keys, chosen=others, region=region)
    reject_unsupported(res)
    everything = sorted(res + unknown, key=lambda m: m.start)
    focus_city = _focus_city(everything, focus)
    focus_place = gaz.country(focus) if focus else None
    for m in everything:  # a match its own district/province contradicts is not that place
        if (m.record is not None and m.containers is not None and m.fallback_from is None
                and (m.record.kind not in ("admin1", "country") and m.record.population < 100_000
                     # "TEXAS TOWNSHIP, Mich.": a province's name that the text puts in another
                     # province names something of that other province
                     or m.record.kind == "admin1")
                and m.containers.consistent(m.record) is False):
            m.record = None
            # named with its own containers: stand in for them; else (inherited) just drop it
            m.span.explicit = m.span.explicit or bool(m.span.hint)
    for m in everything:  # "Rubizhne north-east of the city": not a namesake 200 km away
        if (m.span.of_the_city and m.record is not None and focus_city is not None
                and m.record.uid != focus_city.uid and haversine_km(m.record, focus_city) > _OF_CITY_KM):
            m.record = None
            m.span.explicit = True
    for i, m in enumerate(everything):  # "Mineralne, near Donetsk": not a namesake 900 km away
        nxt = everything[i + 1] if i + 1 < len(everything) else None
        if (m.span.beside and m.record is not None and m.record.population < 100_000
                and nxt is not None
                and nxt.sentence_index == m.sentence_index and nxt.record is not None
                and far_from(m.record, nxt.candidates, nxt.record)):
            m.record = None
    home = _home_town(everything, focus, texts, lambda: outlet_town(gaz, tuple(outlet), focus))
    _dateline_holds_its_parts(everything, home)
    # rule focus-after-home: the city unknown names fall back to is counted from the readings the
    # home town left standing ("on the South Side" of a Chicago report is no namesake in New York);
    # not the dateline's town itself: a capital's agency reports from all over its country
    focus_city = _focus_city(everything, focus)
    for m in everything:
        if m.record is None and (m.span.explicit or _placed_beside(m.span)):
            same = [o for o in everything if o.sentence_index == m.sentence_index]
            _fallback(m, same, focus_city, focus_place)
    for m in everything:
        if m.part_of is not None and m.record is not None and m.fallback_from is None \
                and m.record.kind in _POPULATED:
            _stand_in_for_part(m, m.part_of)
    _one_sense(everything)
    return everything, focus


def _focus_city(mentions: Sequence[Resolution], focus: str | None) -> PlaceRecord | None:
    """The city the report's event mentions name most often, in its own country: not the
    hospital's or the dateline's city, nor a capital abroad that is only named."""
    cities: Counter[str] = Counter()
    by_name: dict[str, PlaceRecord] = {}
    for m in mentions:
        if m.record is not None and m.record.kind in ("city", "town", "village") \
                and m.span.role == "event" and (focus is None or m.record.cc == focus):
            cities[m.record.uid] += 1
            by_name[m.record.uid] = m.record
    return by_name[cities.most_common(1)[0][0]] if cities else None


#: A dateline town's reach: its parts and suburbs lie within it; a homonym farther away read
#: without anything else of the report near it is another place than the story's.
_DATELINE_KM = 60.0
#: Towns at least this big are named for themselves, not as a part of the dateline's town.
_OWN_NAME_POPULATION = 100_000
#: A reading in another province this far from the report's home town is another place's name
_STORY_KM = 300.0
#: ... unless a city this big: named in a local story, it is itself ("relatives in Chicago")
_NAMESAKE_POPULATION = 500_000


#: "Birmingham police", "the Houston Police Department", "Orange County Sheriff's Office": the
#: town whose police tell the story
_HOME_POLICE = re.compile(r"\s+(?:police|police department|sheriff['’]s office|sheriff['’]s department)\b",
                          re.IGNORECASE)


def _home_town(mentions: Sequence[Resolution], focus: str | None, texts: Sequence[str],
               outlet: Callable[[], PlaceRecord | None] | None = None) -> PlaceRecord | None:
    """The town a local report is filed from: its dateline's, else the town whose police the report
    names first ("Birmingham police are investigating"), else the lede's scene (rule
    ``lede-names-the-home``), in the report's own country and named as the gazetteer writes it
    ("Spring Township police" is no police of Spring, Texas), else its outlet's town (``outlet``,
    rule ``outlet-is-home``)."""
    def local(m: Resolution) -> bool:
        return m.record is not None and m.record.kind in _POPULATED and focus is not None \
            and m.record.cc == focus and m.fallback_from is None

    def as_written(m: Resolution) -> bool:
        """A local town named whole, as the gazetteer writes it."""
        return local(m) and not m.span.partial and m.record is not None and name_key(m.record.name) == m.key

    for m in mentions:
        if m.span.role == "dateline" and local(m):
            return m.record
    for m in mentions:
        if as_written(m) and 0 <= m.sentence_index < len(texts) \
                and _HOME_POLICE.match(texts[m.sentence_index], m.span.end):
            return m.record
    # rule lede-names-the-home: a report with neither tells where it happened in its lede ("Four
    # people were shot in Daytona Beach late Tuesday"): the first town said to be the scene there
    # that no other place is called, named as the gazetteer writes it (a big city there, "in
    # Tripoli", "the coast of Oaxaca", may be a namesake or the province: no home)
    for m in mentions:
        if 0 <= m.sentence_index < LEDE_SENTENCES and as_written(m) and m.span.locative and m.homonyms <= 1:
            return m.record
    return outlet() if outlet is not None else None


#: Towns at least this big give their name to local outlets ("abc7chicago.com", "click2houston.com").
_OUTLET_TOWN_POPULATION = 100_000
#: Host and path words that name no town ("www", "news", the top-level domains).
_NOT_OUTLET = frozenset(("www", "m", "com", "org", "net", "news", "articles", "edition", "co", "uk", "us", "story"))


#: Longer words are no outlet's name (bounded work on a malformed address).
_OUTLET_WORD_CHARS = 30
_ADDRESS = re.compile(r"^(?:[a-z]+://)?[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:/\S*)?$", re.IGNORECASE)


def outlet_words(url: str | None, source: str | None) -> tuple[str, ...]:
    """The words of a report's web address that may name its outlet's town: the host's labels
    ("chicago.suntimes.com") and the first path segment ("dnainfo.com/chicago/..."), each split
    at digits and hyphens ("abc7chicago" -> "abc", "chicago"). ``source`` counts only when it is
    a web address too (ACLED's source column names outlets: "Kabul Times" covers the country)."""
    words: list[str] = []
    for address in (url, source):
        if not address or not _ADDRESS.match(address):
            continue  # an outlet's name ("Dawn (Karachi)", "Kabul Times") tells where it is based, not its beat
        rest = re.sub(r"^[a-z]+://", "", address.lower())
        host, _, path = rest.partition("/")
        labels = host.split(":")[0].split(".") + path.split("/")[:1]
        words += [w for label in labels for w in re.split(r"[^a-z]+", label)
                  if 4 <= len(w) <= _OUTLET_WORD_CHARS and w not in _NOT_OUTLET]
    return tuple(dict.fromkeys(words))


def _letters(name: str) -> str:
    """"Chicago" -> "chicago", "St. Louis" -> "stlouis": a name as a web address spells it."""
    return re.sub(r"[^a-z]", "", fold(name))


def outlet_town(gaz: Gazetteer, words: tuple[str, ...], focus: str | None) -> PlaceRecord | None:
    """Rule ``outlet-is-home``: a local outlet covers its town ("click2houston.com",
    "chicago.cbslocal.com", "bostonherald.com"): the biggest town of the report's country,
    of at least _OUTLET_TOWN_POPULATION, whose one-word name begins or ends a word of the
    outlet's address. A report the dateline, police and lede place nowhere is filed from there."""
    if focus is None or not words:
        return None
    best: PlaceRecord | None = None
    for word in words:
        parts = {word[:j] for j in range(5, len(word) + 1)} | {word[i:] for i in range(0, len(word) - 4)}
        for part in parts:
            for rec in gaz.lookup(name_key(part)):
                if rec.cc == focus and rec.kind in _POPULATED and rec.population >= _OUTLET_TOWN_POPULATION \
                        and _letters(rec.name) == part and (best is None or rec.population > best.population):
                    best = rec
    return best


def _dateline_holds_its_parts(mentions: Sequence[Resolution], anchor: PlaceRecord | None) -> None:
    """Rule ``dateline-holds-its-parts``: a report datelined in a town of its own country
    ("KENTWOOD, Mich. --", "CHICAGO (CBS) --") tells what happened in and around that town. A
    name of the report that the gazetteer has as a small town elsewhere ("on the South Side",
    "in Bailey's Grove", "Graham said"), many places bear (two readings at least) and nothing of
    the report places (no district, province or state given with it) is not that far namesake: it
    is read as the namesake within the dateline town's reach when there is one, else it stands for
    a part of the dateline town (precision 2, its own name kept) when the report says it is a
    place, else it is no place. A report without a dateline is filed from the town whose police
    it names, the scene its lede names or its outlet's town (``anchor``, :func:`_home_town`)."""
    if anchor is None:
        return
    for m in mentions:
        rec = m.record
        if rec is None or m.span.role == "dateline" or m.fallback_from or rec.kind not in _POPULATED \
                or m.containers is not None or m.span.hint or m.span.province_country or m.span.postal:
            continue
        km = haversine_km(rec, anchor)
        if km <= _DATELINE_KM:
            continue
        # a reading in another province far off is a namesake whatever its size or however few
        # places bear its name ("the Cypress Cove community" of a Margate, Florida, story is no
        # Cypress, Texas), unless it is a city named for itself
        far_off = rec.cc == anchor.cc and (rec.admin1 or "") != (anchor.admin1 or "") and km > _STORY_KM
        if rec.population >= (_NAMESAKE_POPULATION if far_off else _OWN_NAME_POPULATION) \
                or (m.homonyms < 2 and not far_off):
            continue
        near = [r for r, _ in m.candidates if haversine_km(r, anchor) <= _DATELINE_KM]
        if near:
            m.record = max(near, key=lambda r: (r.priority, r.population))
            m.geo_precision, m.where_prec = precision_of(m.record.kind, near=m.span.near)
        elif m.span.locative or m.span.explicit:
            m.record, m.fallback_from, m.fallback_by = anchor, m.span.text, "dateline"
            m.geo_precision, m.where_prec = 2, 2
            m.score = 0.5
        else:
            m.record = None


def named_part(span: SpanCandidate, part: SpanCandidate) -> SpanCandidate | None:
    """Rule ``named-part-of-place``: a name made of a known place and a trailing adjective
    ("Halab al-Jadideh", New Aleppo; "Mosul al-Qadima", the old city) names a district of that
    place, not the place itself. The whole name's span, or None when ``part`` is no such head."""
    if not part.partial or part.start != span.start or part.end >= span.end:
        return None
    rest = name_key(span.text[part.end - span.start:].strip(" ,.;:()"))
    return span if rest and set(rest.split()) <= _ADJECTIVE_KEYS else None


def _stand_in_for_part(m: Resolution, whole: SpanCandidate) -> None:
    """The place stands in for the named part of it, as for an unknown neighbourhood: the mention
    spans the whole name, which the event's location keeps, at the place's point and ACLED's
    precision 2."""
    m.span = replace(m.span, end=whole.end, text=whole.text, partial=False)
    m.fallback_from, m.fallback_by = whole.text, "part"
    m.geo_precision, m.where_prec = max(m.geo_precision, 2), max(m.where_prec, 2)


def _one_sense(mentions: Sequence[Resolution]) -> None:
    """Rule ``unknown-name-one-place``: an unknown name the report places once by what it names
    beside it ("the district of X in Idlib province") is that place wherever else the report
    names it without a container ("the district of X was hit"), not the report's main city."""
    placed: dict[str, Resolution] = {}
    for m in mentions:
        if m.fallback_from and m.record is not None and m.fallback_by in ("containers", "beside"):
            placed.setdefault(m.key, m)
    for m in mentions:
        other = placed.get(m.key)
        if m.fallback_from and m.fallback_by == "focus" and other is not None:
            m.record, m.fallback_by = other.record, "elsewhere"
            m.geo_precision, m.where_prec = other.geo_precision, other.where_prec
    _province_given(mentions)
    _county_named(mentions)


def _county_named(mentions: Sequence[Resolution]) -> None:
    """Rule ``county-named-once``: a name the report writes once as a county ("shootings in
    DeKalb County") is that county wherever else it writes the name bare ("DeKalb Police
    Chief", "in DeKalb"), unless the bare name reads as a place inside that county's own
    province: not the town of DeKalb, Illinois, in a Georgia county's story."""
    counties: dict[str, Resolution] = {}
    for m in mentions:
        if m.record is not None and m.record.kind in ("admin2", "admin3") and not m.fallback_from \
                and names_a_district(m.span):
            counties.setdefault(name_key(m.record.name), m)
    if not counties:
        return
    for m in mentions:
        county = counties.get(m.key)
        if county is None or county.record is None or m is county or m.record is None \
                or names_a_district(m.span) or m.record.kind in ("country", "admin1") \
                or (m.record.cc, m.record.admin1) == (county.record.cc, county.record.admin1):
            continue
        m.record, m.geo_precision, m.where_prec = county.record, county.geo_precision, county.where_prec


def _province_given(mentions: Sequence[Resolution]) -> None:
    """Rule ``province-given-decides``: the province the report gives a name ("X in Quneitra
    province") is that name's province wherever else the report names it without one; a
    homonym read elsewhere ("X" alone, read as a village of another province) takes the
    reading made inside the given province (the place itself, or the province standing in
    for it when the gazetteer has no X there)."""
    given: dict[str, Resolution] = {}
    for m in mentions:
        if m.record is None or m.containers is None or not m.containers.admin1 \
                or m.record.kind in ("country", "admin1") and not m.fallback_from:
            continue
        # the province said to hold it ("in Quneitra province", "in Idlib"), not a city the
        # distance is measured from ("60 km northeast of Damascus")
        keys = m.containers.admin1_keys
        stated = any(o.sentence_index == m.sentence_index and o.start > m.start
                     and (o.span.admin_word or o.span.locative) and not o.span.near
                     and o.record is not None and o.record.kind == "admin1"
                     and name_key(o.record.admin1 or o.record.name) in keys for o in mentions)
        if stated and m.containers.consistent(m.record) is not False:
            given.setdefault(m.key, m)
    for m in mentions:
        other = given.get(m.key)
        if other is None or m is other or m.record is None or m.containers is not None \
                or m.record.kind == "country" or other.containers is None \
                or other.containers.consistent(m.record) is not False:
            continue
        m.record, m.fallback_from, m.fallback_by = other.record, other.fallback_from and m.span.text, \
            "elsewhere" if other.fallback_from else m.fallback_by
        m.geo_precision, m.where_prec = other.geo_precision, other.where_prec
