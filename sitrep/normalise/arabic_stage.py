"""Stage ``arabic.v1``: dates, fatalities, claims, actors and framing for Arabic candidates.

Runs after the English-oriented argument stages and before ``assemble.v1``; it touches only
documents whose language is Arabic (or candidates the Arabic detector made in mixed text), so
English output is unchanged. It overwrites what the English rules left on Arabic candidates
(they cannot read Arabic numbers or dates) and adds Arabic framing flags to ``doc.framing``.
Which candidates are Arabic, and the country assumed when a document names none, come from the
Arabic pack (:mod:`sitrep.lang.ar`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import timedelta
from itertools import chain

from ..config import Settings
from ..lang.ar import PACK as _ARABIC
from ..lang.ar import ArabicPack
from ..nlp.arabic import normalise, normalise_pattern
from ..registry import stage
from ..resources import Resources
from ..schema import (
    Actor,
    ActorMention,
    Claim,
    DateInfo,
    Doc,
    EventCandidate,
    Evidence,
    FramingFlag,
    PlaceMention,
    Span,
)
from .arabic_dates import find_arabic_dates
from .arabic_lexicons import find_arabic_actors, find_arabic_framing
from .arabic_numbers import find_arabic_figures
from .casualties import Figure
from .date_rules import DateMatch

__all__ = ["ArabicArguments", "make_arabic_arguments"]

_LOOKBACK = 3
_MAX_SENTENCE_CHARS = 2000  # as in detect.v1: run-on "sentences" are cut, keeping time bounded
_SIGNIFICANT = re.compile(normalise_pattern(r"مجزرة|مجازر|عشرات|مئات"))
_CLAIMANT = re.compile(normalise_pattern(
    r"(?<![\w])(?:بحسب|حسب|وفق|وفقا ل|نقلا عن|نقل عن|أفاد|أفادت|قال|قالت|أكد|أكدت|ذكر|ذكرت)\s+"
    r"((?:\S+)(?:\s+\S+){0,2})"))
_SOURCES = re.compile(normalise_pattern(r"مصادر طبية|مصادر محلية|ناشطون|ناشطين|الدفاع المدني|مراسل\S*|"
                                        r"المرصد السوري|مصدر عسكري"))
_OUTLET = -1  # key of the places named only in the outlet's name
_DEATHS = re.compile(normalise_pattern(r"شهداء|شهدائ|شهداؤ|قتلى|ضحايا|مقتل|استشهاد|استشهد|قتل|مجزرة|مجازر|جثث|أشلاء|"
                                       r"قضوا|وفاة"))
_EXPLICIT = frozenset({"ar_dmy", "ar_iso", "ar_day_month"})
_ACTIVE = ("Battles", "Explosions/Remote violence", "Violence against civilians")


_HOME = ArabicPack.default_country  # when the document names no country (see its docstring)


def _is_arabic(doc: Doc, cand: EventCandidate) -> bool:
    return cand.extra.get("language") == _ARABIC.code


class ArabicArguments:
    """Fills Arabic candidates' dates, fatalities, claims, places and actors; adds framing flags.

    ``resources``: where the gazetteer is found (``"geo.gazetteer"``, as for ``geo.v1``); None
    leaves places to ``geo.v1``.
    """

    def __init__(self, *, resources: Resources | None = None) -> None:
        self.resources = resources

    def _places(self, doc: Doc) -> dict[int, list[PlaceMention]]:
        if self.resources is None:
            return {}
        from ..errors import SitrepError
        from ..geo.arabic import find_arabic_places
        from ..geo.stage import load_gazetteer

        try:
            gazetteer = self.resources.get("geo.gazetteer", load_gazetteer)
        except SitrepError as exc:
            doc.notes.append(f"geo: no gazetteer for Arabic places ({exc})")
            return {}
        country = doc.country_hint or _HOME
        out: dict[int, list[PlaceMention]] = {}
        for s in doc.sentences:
            for p in find_arabic_places(s.text[:_MAX_SENTENCE_CHARS], gazetteer, country=country):
                out.setdefault(_OUTLET if p.outlet else s.index, []).append(PlaceMention(
                    span=Span(start=s.start + p.start, end=s.start + p.end, text=p.text), sentence_index=s.index,
                    place=p.record.to_place(), geo_precision=p.geo_precision, where_prec=p.where_prec,
                    role="event"))
        return out

    @staticmethod
    def _place(cand: EventCandidate, places: dict[int, list[PlaceMention]], country: str) -> None:
        si = cand.sentence_index
        if cand.place is not None and cand.place.place is not None and cand.place.place.country != country:
            cand.place = None  # geo.v1 read Arabic words as a place abroad (الفردوس → Ferdows, Iran)
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

    def _date(self, doc: Doc, cand: EventCandidate, dates: dict[int, list[DateMatch]]) -> None:
        si = cand.sentence_index
        order = chain((si,), range(si - 1, max(-1, si - _LOOKBACK - 1), -1),
                      (i for i in sorted(dates) if dates[i] and (i > si or i < si - _LOOKBACK)))
        found: DateMatch | None = None
        for i in order:
            if dates.get(i):
                # a date written out beats a weekday or "yesterday" in the same sentence
                explicit = [d for d in dates[i] if d.rule in _EXPLICIT] or dates[i]
                found = min(explicit, key=lambda d: abs(d.start - cand.trigger.start))
                break
        cand.evidence = [e for e in cand.evidence if e.field != "event_date"]
        pub = doc.pub_date
        if found is None:
            if pub is None:
                cand.date = None
                doc.notes.append(f"dates: no date for {cand.trigger.text!r}; left undated")
                return
            cand.date = DateInfo(event_date=pub, time_precision=1, date_prec=1, date_start=pub, date_end=pub)
            cand.extra["date_rule"] = "ar_default"
            doc.notes.append(f"dates: {cand.trigger.text!r} dated by publication date")
            return
        d = found
        # a written date one day after publication is the outlet's local date (UTC upload times)
        slack = timedelta(days=1 if d.rule in _EXPLICIT else 0)
        if pub is not None and d.event_date > pub + slack:
            d = replace(d, event_date=pub, rule=d.rule + "_after_pub", time_precision=2, date_prec=2,
                        date_start=pub - timedelta(days=1), date_end=pub)
        cand.date = DateInfo(event_date=d.event_date, time_precision=d.time_precision, date_prec=d.date_prec,
                             date_start=d.date_start, date_end=d.date_end, expression=d.expression,
                             start=d.start, end=d.end)
        cand.extra["date_rule"] = d.rule
        cand.evidence.append(Evidence(doc_id=doc.document.id, field="event_date", start=d.start, end=d.end,
                                      text=d.expression))

    @staticmethod
    def _chain(doc: Doc, sentence: str) -> list[str]:
        norm = normalise(sentence)
        chain = [doc.document.source] if doc.document.source else []
        m = _CLAIMANT.search(norm.text)
        if m is not None:
            chain.append(norm.original_span(m.start(1), m.end(1)).rstrip(".،,؛:!؟ "))
        else:
            s = _SOURCES.search(norm.text)
            if s is not None:
                chain.append(norm.original_span(s.start(), s.end()))
        return chain

    def _fatalities(self, doc: Doc, cand: EventCandidate, figs: list[tuple[Figure, int]],
                    first_in_sentence: bool) -> None:
        cand.evidence = [e for e in cand.evidence if e.field != "fatalities"]
        killed = [(f, s) for f, s in figs if f.quantity == "killed"] if first_in_sentence else []
        claims = []
        for f, si in (figs if first_in_sentence else []):
            sent = doc.sentences[si]
            claims.append(Claim(quantity=f.quantity, low=f.low, high=f.high, claimant_chain=self._chain(doc, sent.text),
                                sentence=sent.text, doc_id=doc.document.id, start=f.start, end=f.end))
        cand.claims = claims
        if killed:
            best = max(killed, key=lambda x: x[0].low)[0]
            cand.fatalities = best.low
            cand.fatalities_low = min(f.low for f, _ in killed)
            cand.fatalities_best = best.value
            cand.fatalities_high = max(f.high for f, _ in killed)
            cand.extra["fatalities_rule"] = best.rule
            cand.evidence.append(Evidence(doc_id=doc.document.id, field="fatalities", start=best.start,
                                          end=best.end, text=best.text))
            return
        sent_text = normalise(doc.sentences[cand.sentence_index].text).text
        deaths_word = bool(_DEATHS.search(sent_text))
        n = 0
        if first_in_sentence and deaths_word and cand.event_type in _ACTIVE:
            n = 10 if _SIGNIFICANT.search(sent_text) else 3
            doc.notes.append(f"fatalities: deaths without a number for {cand.trigger.text!r}; coded {n}")
        cand.fatalities = n
        cand.fatalities_low = cand.fatalities_best = cand.fatalities_high = n
        cand.extra["fatalities_rule"] = "ar_unnumbered" if n else "none"

    @staticmethod
    def _actors(doc: Doc, cand: EventCandidate,
                mentions: dict[int, list[ActorMention]]) -> None:
        si = cand.sentence_index
        near = mentions.get(si, []) or mentions.get(si - 1, []) or mentions.get(0, [])
        armed = [m.actor for m in near if m.actor.inter != 7]
        civ = next((m.actor for m in near if m.actor.inter == 7), None)
        names: list[Actor] = []
        for a in armed:
            if all(a.name != b.name for b in names):
                names.append(a)
        a1 = names[0] if names else None
        a2 = names[1] if len(names) > 1 else None
        if a2 is None and civ is not None and cand.event_type in _ACTIVE:
            a2 = civ
        if cand.event_type == "Protests" and a1 is None:
            a1 = Actor(name=f"Protesters ({_HOME})", inter=6, country=_HOME)
        if a1 is not None:
            cand.actor1, cand.actor2 = a1, a2
        cand.actors = mentions.get(si, [])
        if cand.event_type == "Violence against civilians" and a2 is not None and a2.inter == 7:
            cand.civilian_targeting = True

    def __call__(self, doc: Doc) -> Doc:
        cands = [c for c in doc.candidates if _is_arabic(doc, c)]
        if doc.language != _ARABIC.code and not cands:
            return doc
        norms = {s.index: normalise(s.text[:_MAX_SENTENCE_CHARS]) for s in doc.sentences}
        for s in doc.sentences:  # framing for the whole report, as framing.v1 does in English
            for term, a, b in find_arabic_framing(norms[s.index]):
                doc.framing.append(FramingFlag(term=term.term, normalised=term.normalised, kind=term.kind,
                                               start=s.start + a, end=s.start + b))
        if not cands:
            return doc
        pub = doc.pub_date
        dates = {s.index: [replace(d, start=s.start + d.start, end=s.start + d.end)
                           for d in find_arabic_dates(norms[s.index], pub)] for s in doc.sentences}
        mentions: dict[int, list[ActorMention]] = {}
        for s in doc.sentences:
            for entry, a, b in find_arabic_actors(norms[s.index]):
                home = doc.country_hint or _HOME
                abroad = entry.inter == 1 and entry.country is not None and entry.country != home
                actor = Actor(name=entry.name, inter=8 if abroad else entry.inter, country=entry.country or home)
                mentions.setdefault(s.index, []).append(ActorMention(
                    span=Span(start=s.start + a, end=s.start + b, text=s.text[a:b]), sentence_index=s.index,
                    actor=actor))
        doc.actors.extend(m for ms in mentions.values() for m in ms)
        figures = {s.index: [(replace(f, start=s.start + f.start, end=s.start + f.end), s.index)
                             for f in find_arabic_figures(norms[s.index])] for s in doc.sentences}
        event_sentences = sorted({c.sentence_index for c in cands})
        owned: dict[int, list[tuple[Figure, int]]] = {i: list(figures.get(i, [])) for i in event_sentences}
        for i in range(len(doc.sentences)):
            if i in owned or not figures.get(i):
                continue
            k = bisect_left(event_sentences, i)
            owner = event_sentences[k - 1] if k else (event_sentences[0] if event_sentences else None)
            if owner is not None:
                owned[owner].extend(figures[i])
        triggers = tuple(repr(c.trigger.text) for c in cands)  # the English rules' notes do not apply
        doc.notes = [n for n in doc.notes if not (n.startswith(("dates:", "fatalities:")) and
                                                  any(t in n for t in triggers))]
        places = self._places(doc)
        doc.places.extend(p for i, ps in places.items() if i != _OUTLET for p in ps)
        seen: set[int] = set()
        for cand in sorted(cands, key=lambda c: (c.sentence_index, -c.score)):
            self._date(doc, cand, dates)
            first = cand.sentence_index not in seen
            seen.add(cand.sentence_index)
            self._fatalities(doc, cand, owned.get(cand.sentence_index, []), first)
            self._actors(doc, cand, mentions)
            self._place(cand, places, doc.country_hint or _HOME)
        return doc


@stage("arabic.v1")
def make_arabic_arguments(settings: Settings, resources: Resources) -> ArabicArguments:
    return ArabicArguments(resources=resources)
