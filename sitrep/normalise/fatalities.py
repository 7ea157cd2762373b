"""Stage ``fatalities.v1``: every casualty figure becomes a :class:`Claim`; candidates get figures.

ACLED ``fatalities``: the most conservative credible figure (deaths only; "dozens" 12, "at least
five" 5; deaths with no number 10 for a significant attack, 3 for a limited one; the note's own
"fatalities coded as N" wins; "N fatalities split between K events" gives N // K). Figures for
different groups add up ("2 soldiers killed ... killed 3 militants" -> 5); a later total or a
restatement does not add; contradictory claims about the same people keep the lowest, flagged.
UCDP-style low/best/high range over all claims. spaCy parses only sentences with a figure and an
attribution cue, to read the claimant chain.

That is the narrative rule set (:class:`sitrep.lang.ArgumentRules` ``fatalities="narrative"``, the
English pack's); candidates whose pack asks for the dispatch rules are filled by
:func:`sitrep.normalise.dispatch_fatalities.fatalities_dispatch` in the same stage. The narrative
reading of a document's figures runs when it has narrative candidates, or none and its language's
pack reads narratively; its figures are owned by the nearest event sentence of any language.
"""

from __future__ import annotations

from datetime import date

import bisect
import re
from collections.abc import Callable
from typing import Any

from ..config import Settings
from ..lang import DEFAULT_LANGUAGE, candidates_by_pack, get_pack
from ..registry import stage
from ..resources import Resources
from ..schema import Claim, Doc, EventCandidate, Evidence
from .casualties import OWN_DEATH, Figure, find_figures
from .claims import (
    ATTRIBUTION_CUE,
    chain_from_parse,
    chain_from_regex,
    claimant_chain,
    clause_bounds,
)
from .date_rules import NUMERIC_RULES, find_dates
from .dispatch_fatalities import fatalities_dispatch
from ..discourse.cues import MAX_EVENT_DEATHS, aggregate_cue

__all__ = ["FatalityExtractor", "Tally", "deaths_without_number", "tally"]

_SIGNIFICANT = re.compile(r"\b(?:heavy|fierce|violent|massive|large-scale|significant|major|intense|dozens|"
                          r"huge|great|bloody|massacre|air\s*strikes?|suicide|car\s+bombs?)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:fatalit(?:y|ies)|death\s+toll|total|in\s+all|altogether|overall)\b", re.IGNORECASE)
_ALSO = re.compile(r"\b(?:also|another|other|further|additional|more)\b", re.IGNORECASE)
_GATE = re.compile(r"\d|kill|dead|death|died|bod(?:y|ies)|wound|injur|casualt|fatalit|martyr|captur|arrest|"
                   r"detain|abduct|kidnap|execut|behead|murder|homicid|slay|slain|dozens|hundreds|tens\b|lost their|fatal|succumb|"
                   r"life\b|lives\b")
_CAUSE = re.compile(r"\b(?:after|following|over|against|in\s+reaction\s+to|protest(?:ing|ed)?|justice|denounc\w*|"
                    r"condemn\w*|demand\w*|mourn\w*|vigil|commemorat\w*|funeral)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)


_OPEN = ("at least", "more than", "over", "upwards of", "no fewer than", "not less than", "in excess of")


def _claim_high(f: Figure) -> int | None:
    """A claim's upper figure as written: a range's end, None when open-ended ("at least 5")."""
    if f.qualifier in _OPEN or (f.ranged and f.rule == "vague"):
        return None
    return f.high if f.ranged else f.value


def deaths_without_number(text: str) -> int | None:
    """ACLED's count for deaths an English sentence reports without a number (10 significant, 3
    limited), None when it reports none (the English pack's reader)."""
    if not any(f.quantity == "killed" and f.rule == "unnumbered" for f in find_figures(text)):
        return None
    return 10 if _SIGNIFICANT.search(text) else 3


class Tally:
    """Result of aggregating one candidate's figures."""

    def __init__(self) -> None:
        self.fatalities = 0
        self.low = 0
        self.best = 0
        self.high = 0
        self.civilians: int | None = None
        self.used: list[tuple[Figure, int]] = []  # (figure, its sentence offset)
        self.notes: list[str] = []


_GENERIC = re.compile(r"^(?:people|persons|others|victims|individuals|dead|deaths)?$", re.IGNORECASE)


def _generic(what: str | None) -> bool:
    """Counted people named by no group ("16 people"): a restatement can be of anyone."""
    return what is None or bool(_GENERIC.match(what.strip()))


def _category(fig: Figure) -> str:
    return "civilian" if fig.civilian else "other"


def _named_persons(named: list[Figure]) -> list[str]:
    """The distinct persons named as dead: a name whose words are all in a longer one is the same
    person ("Thompson" and "Charles Dean Thompson")."""
    names = sorted({n.strip() for f in named for n in (f.what or "").split(";") if n.strip()},
                   key=lambda n: -len(n.split()))
    kept: list[set[str]] = []
    out: list[str] = []
    for name in names:
        words = {w.strip(".").lower() for w in name.split() if w.strip(".").lower() not in ("mr", "mrs", "ms", "dr")}
        if any(words <= k for k in kept):
            continue
        kept.append(words)
        out.append(name)
    return out


def tally(figs: list[tuple[Figure, int, list[str]]], *, significant: bool) -> Tally:
    """Aggregate (figure, sentence offset, claimant chain) triples into ACLED/UCDP figures.

    Persons named as dead (rule "named") are counted once each, across sentences; they are the
    dead the story names, a part of any stated toll: the toll stands unless the named persons
    are more."""
    named = [(f, off) for f, off, _ in figs if f.quantity == "killed" and f.rule == "named" and not f.subset]
    t = _tally([x for x in figs if x[0].rule != "named"], significant=significant)
    persons = _named_persons([f for f, _ in named])
    if persons and len(persons) > t.fatalities and not any(f.rule in ("coded", "split") for f, _ in t.used):
        if t.fatalities:
            t.notes.append(f"fatalities: {len(persons)} persons named as dead ({'; '.join(persons)}) "
                           f"outnumber the stated toll {t.fatalities}")
        n = len(persons)
        t.fatalities, t.low, t.best, t.high = n, max(t.low, n), max(t.best, n), max(t.high, n)
        t.used.extend(named)
    return t


def _tally(figs: list[tuple[Figure, int, list[str]]], *, significant: bool) -> Tally:
    t = Tally()
    killed = [(f, off, ch) for f, off, ch in figs if f.quantity == "killed"]
    coded = [x for x in killed if x[0].rule in ("coded", "split")]
    if coded:
        f, off, _ = coded[-1]
        t.fatalities = t.low = t.best = f.value
        t.high = max(f.high, f.value)
        t.used.append((f, off))
        rest = [x for x in killed if x[0].rule not in ("coded", "split", "unnumbered")
                and not x[0].subset and x[0].flag is None]
        if rest and f.rule == "coded":
            t.high = max(t.high, sum(x[0].high for x in rest))
        civ = [x[0].value for x in rest if x[0].civilian]
        t.civilians = min(sum(civ), t.fatalities) if civ else None
        return t
    for f, _off, _ch in killed:
        if f.flag:
            t.notes.append(f"fatalities: flagged figure {f.text!r} ({f.flag}); not counted")
    units = [x for x in killed if x[0].rule not in ("unnumbered", "divide", "none_reported")
             and x[0].flag is None and not x[0].subset]
    if any(not x[0].earlier for x in units):
        replaced = [x for x in units if x[0].earlier]
        for f, _off, _ch in replaced:
            t.notes.append(f"fatalities: {f.text!r} is an earlier count a later report replaced; not counted")
        units = [x for x in units if not x[0].earlier]
    if not units:
        reported_none = any(x[0].rule == "none_reported" for x in killed)
        if not reported_none and any(x[0].rule == "unnumbered" or x[0].flag for x in killed):
            n = 10 if significant else 3
            t.fatalities = t.low = t.best = n
            t.high = max(n, 10)
            t.notes.append(f"fatalities: deaths reported without a credible number; coded {n}")
            t.used.extend((x[0], x[1]) for x in killed)
        subs = [x[0].value for x in killed if x[0].subset and x[0].civilian and x[0].flag is None]
        if subs:
            t.civilians = sum(subs)
        return t
    # group: same people counted again (restatement, other claimant) vs different people (add up)
    groups: list[list[tuple[Figure, int, list[str]]]] = []
    for item in units:
        f, off, chain = item
        placed = False
        for g in groups:
            g0 = g[0][0]
            same_sentence = g[0][1] == off
            if (f.what == OWN_DEATH) != (g0.what == OWN_DEATH):
                continue  # "killed his wife before killing himself": two people
            restated = g0.value == f.value and (g0.what == f.what or _generic(g0.what) or _generic(f.what))
            # rule vague-restates-a-number: "scores of people were killed" and, in another
            # sentence, "the bodies of 44 victims" count the same dead; a vague figure is never
            # added to a stated one unless a group tells them apart ("dozens of civilians")
            restated = restated or ("vague" in (g0.rule, f.rule) and not same_sentence
                                    and (_generic(g0.what) or _generic(f.what)))
            if same_sentence and chain == g[0][2] and not restated:
                continue  # two figures in one attributed sentence: different people
            if _category(g0) != _category(f) and not restated:
                continue
            if f.total:
                continue  # a summary total: handled below
            if _ALSO.search(f.text) or (f.what and _ALSO.search(f.what)):
                continue
            if g0.value == f.value or chain != g[0][2] or (not same_sentence and (_generic(f.what) or _generic(g0.what))):
                g.append(item)
                placed = True
                break
        if not placed:
            groups.append([item])
    totals = [g for g in groups if len(g) == 1 and g[0][0].total]
    others = [g for g in groups if g not in totals]
    if totals and others:
        parts = sum(min(x[0].value for x in g) for g in others)
        total = totals[-1][0][0].value
        if total >= parts:
            groups = [totals[-1]] if total > parts else others
        else:
            groups = others
    elif totals:
        groups = [totals[-1]]
    for g in groups:
        # a vague figure ("tens of", "dozens") is consistent with a stated number, not a rival count
        counted = [x for x in g if x[0].rule != "vague"] or g
        values = {x[0].value for x in counted}
        lo = min(counted, key=lambda x: x[0].value)
        whole = [x for x in counted if _generic(x[0].what)]
        if whole and len(whole) < len(counted) \
                and min(x[0].value for x in whole) > max(x[0].value for x in counted if x not in whole):
            # "45 people were killed ... at least 12 civilians were killed": a named group counted
            # below an unnamed toll is a part of it, no rival count of the same people
            lo = min(whole, key=lambda x: x[0].value)
            t.notes.append("fatalities: " + ", ".join(repr(x[0].text) for x in counted if x not in whole)
                           + f" counted as part of the toll {lo[0].text!r} ({lo[0].value})")
        elif len(values) > 1:
            t.notes.append("fatalities: contradictory figures " + ", ".join(repr(x[0].text) for x in counted)
                           + f"; kept the lowest ({min(values)})")
        t.fatalities += lo[0].value
        t.low += min(x[0].low for x in g)
        t.best += max(x[0].value for x in g)
        t.high += max(x[0].high for x in g)
        t.used.extend((x[0], x[1]) for x in g)
    divide = [x[0] for x in killed if x[0].rule == "divide"]
    if divide and t.fatalities:
        k = divide[-1].divisor
        t.notes.append(f"fatalities: total {t.fatalities} divided among {k} events")
        t.fatalities, t.low, t.best = t.fatalities // k, t.low // k, -(-t.best // k)
        t.high = -(-t.high // k)
        t.used.append((divide[-1], next(x[1] for x in killed if x[0] is divide[-1])))
    civ = [min(x[0].value for x in g) for g in groups if g[0][0].civilian]
    subs = [x[0].value for x in killed if x[0].subset and x[0].civilian and x[0].flag is None]
    if civ or subs:
        t.civilians = min(sum(civ) or sum(subs), t.fatalities)
    return t


class FatalityExtractor:
    """Stage ``fatalities.v1``: ``doc.claims``, then figures and claims on each candidate.

    Options (keyword-only):
    - ``parser``: a callable ``str -> spaCy Doc`` for claimant chains (None: regex only).
    - ``parser_loader``: builds the parser on first need (the stage factory passes spaCy via
      ``resources``), so documents without attributed figures never load a model.
    - ``parser_policy``: ``"always"`` parses every sentence holding a figure and an attribution
      cue (dependency chain first, regex when the parse finds fewer hops); ``"fallback"`` parses
      only when the regex reader finds no claimant (much faster).
    """

    def __init__(self, *, parser: Callable[[str], Any] | None = None,
                 parser_loader: Callable[[], Callable[[str], Any]] | None = None,
                 parser_policy: str = "always") -> None:
        if parser_policy not in ("always", "fallback"):
            raise ValueError(f"parser_policy must be 'always' or 'fallback', not {parser_policy!r}")
        self._parser = parser
        self._loader = parser_loader
        self.parser_policy = parser_policy

    @property
    def has_parser(self) -> bool:
        return self._parser is not None or self._loader is not None

    def _parse(self, text: str) -> Any:
        if self._parser is None and self._loader is not None:
            self._parser = self._loader()
            self._loader = None
        return self._parser(text) if self._parser is not None else None

    def _chains(self, text: str, figs: list[Figure], outlet: str | None) -> list[list[str]]:
        regex = [chain_from_regex(text, f.start) for f in figs]
        wants = self.has_parser and ATTRIBUTION_CUE.search(text) is not None
        if wants and self.parser_policy == "fallback":
            wants = not any(regex)
        if not wants:
            return [claimant_chain(h, outlet=outlet) for h in regex]
        parsed = self._parse(text)
        out = []
        for f, hops in zip(figs, regex, strict=True):
            deep = chain_from_parse(parsed, f.start) if parsed is not None else []
            out.append(claimant_chain(deep if deep and len(deep) >= len(hops) else hops, outlet=outlet))
        return out

    def _sentence_figures(self, doc: Doc) -> dict[int, list[tuple[Figure, int, list[str]]]]:
        out: dict[int, list[tuple[Figure, int, list[str]]]] = {}
        outlet = doc.document.source
        for sent in doc.sentences:
            if not _GATE.search(sent.text.lower()):
                continue
            skip = ([(d.start, d.end) for d in find_dates(sent.text, doc.pub_date, only=NUMERIC_RULES)]
                    if _DIGIT.search(sent.text) else [])
            skip += [(m.start(), m.end()) for m in _TIME.finditer(sent.text)]
            figs = find_figures(sent.text, skip=skip)
            if not figs:
                continue
            chains = self._chains(sent.text, figs, outlet)
            out[sent.index] = [(f, sent.start, chain) for f, chain in zip(figs, chains, strict=True)]
            for f, _off, chain in out[sent.index]:
                claim = Claim(quantity=f.quantity, what=f.what, low=f.value, high=_claim_high(f),
                              claimant_chain=chain, sentence=sent.text, doc_id=doc.document.id,
                              start=sent.start + f.start, end=sent.start + f.end, civilian=f.civilian)
                doc.claims.append(claim)
                if f.flag:
                    doc.notes.append(f"flag: implausible figure {f.text!r} ({f.flag}) in sentence {sent.index}")
        return out

    @staticmethod
    def _owner(doc: Doc, figure_sentence: int, event_sentences: list[int]) -> int | None:
        """The event sentence a figure sentence without events belongs to (previous first)."""
        k = bisect.bisect_right(event_sentences, figure_sentence)  # event_sentences is sorted
        if k:
            return event_sentences[k - 1]
        return event_sentences[0] if event_sentences else None

    def __call__(self, doc: Doc) -> Doc:
        groups = candidates_by_pack(doc)
        narrative = {id(c) for pack, cands in groups if pack.rules.fatalities == "narrative" for c in cands}
        own = get_pack(doc.language) or get_pack(DEFAULT_LANGUAGE)
        if narrative or (not doc.candidates and own is not None and own.rules.fatalities == "narrative"):
            self._narrative(doc, narrative)
        for pack, cands in groups:
            if pack.rules.fatalities == "dispatch":
                fatalities_dispatch(doc, cands, pack)
        return doc

    def _narrative(self, doc: Doc, narrative: set[int]) -> None:
        """The narrative rules; only the candidates in ``narrative`` (ids) are written."""
        per_sentence = self._sentence_figures(doc)
        claims_by_start = {c.start: c for c in doc.claims}
        self._set_aside_tolls(doc, per_sentence, claims_by_start)
        event_sentences = sorted({c.sentence_index for c in doc.candidates})
        attached: dict[int, list[tuple[Figure, int, list[str]]]] = {i: [] for i in event_sentences}
        for idx in sorted(per_sentence):
            owner = self._owner(doc, idx, event_sentences)
            if owner is not None:
                attached[owner].extend(per_sentence[idx])
        cands_at: dict[int, list[EventCandidate]] = {}
        for c in doc.candidates:
            cands_at.setdefault(c.sentence_index, []).append(c)
        per_cand = [self._for_candidate(doc, c, attached.get(c.sentence_index, []), cands_at)
                    for c in doc.candidates]
        self._reroute_combatants(doc, per_cand)
        for cand, figs in zip(doc.candidates, per_cand, strict=True):
            if id(cand) in narrative:
                self._fill(doc, cand, figs, claims_by_start)

    @staticmethod
    def _set_aside_tolls(doc: Doc, per_sentence: dict[int, list[tuple[Figure, int, list[str]]]],
                         claims_by_start: dict[int | None, Claim]) -> None:
        """A running or aggregate toll ("since 2011", "the war has killed", a figure above any one
        event's) counts for no event: its claim stays in ``doc.claims`` with status "aggregate";
        so does a death the text says did not happen (status "negated" or "irrealis")."""
        for idx, figs in list(per_sentence.items()):
            text = doc.sentences[idx].text
            kept = []
            for item in figs:
                f, off, _ = item
                c0, c1 = clause_bounds(text, f.start)
                cue = aggregate_cue(text[c0:c1])
                if cue is None and f.quantity == "killed" and f.flag is None and f.value > MAX_EVENT_DEATHS:
                    cue = f"{f.value} deaths"
                year = _earlier_year(text[max(0, f.start - _YEAR_REACH):f.start], doc.pub_date) \
                    or _days_after(text[c0:f.start])
                unreal = _unreal(doc, text, f) if cue is None and year is None else None
                if cue is None and year is None and unreal is None:
                    kept.append(item)
                    continue
                claim = claims_by_start.get(off + f.start)
                if claim is not None:
                    claim.status = "aggregate" if cue else "recalled" if year else unreal
                what = f"a running or aggregate toll ({cue!r})" if cue else \
                    f"the toll of an earlier event ({year!r})" if year else \
                    f"a death that did not happen (a {unreal} clause, rule unreal-deaths-uncounted)"
                doc.notes.append(f"fatalities: {f.text!r} is {what}; counted for no event")
            if kept:
                per_sentence[idx] = kept
            else:
                del per_sentence[idx]

    @staticmethod
    def _reroute_combatants(doc: Doc, per_cand: list[list[tuple[Figure, int, list[str]]]]) -> None:
        """Combatant deaths are not an attack on civilians: a non-civilian figure outside the
        attack's own clause goes to the nearest battle or explosion of the report instead
        ("the hospital received 57 bodies of regime elements" belongs to the fighting)."""
        fights = [i for i, c in enumerate(doc.candidates)
                  if c.event_type in ("Battles", "Explosions/Remote violence")]
        if not fights:
            return
        for i, cand in enumerate(doc.candidates):
            if cand.event_type != "Violence against civilians":
                continue
            sent = doc.sentences[cand.sentence_index]
            keep, moved = [], []
            for item in per_cand[i]:
                f, off, _ = item
                if f.civilian or f.quantity != "killed":
                    keep.append(item)
                    continue
                if off == sent.start:
                    c0, c1 = clause_bounds(sent.text, f.start)
                    if c0 <= cand.trigger.start - sent.start < c1:
                        keep.append(item)
                        continue
                moved.append(item)
            if not moved:
                continue
            target = min(fights, key=lambda j: (abs(doc.candidates[j].sentence_index - cand.sentence_index),
                                                doc.candidates[j].sentence_index > cand.sentence_index))
            per_cand[i] = keep
            have = {(f.start, off) for f, off, _ in per_cand[target]}
            per_cand[target].extend(x for x in moved if (x[0].start, x[1]) not in have)
            doc.notes.append(f"fatalities: {len(moved)} combatant figure(s) moved from "
                             f"{cand.trigger.text!r} to {doc.candidates[target].trigger.text!r}")

    @staticmethod
    def _for_candidate(doc: Doc, cand: EventCandidate, figs: list[tuple[Figure, int, list[str]]],
                       cands_at: dict[int, list[EventCandidate]] | None = None,
                       ) -> list[tuple[Figure, int, list[str]]]:
        """Figures of the candidate's own clause when its sentence holds several events."""
        sent = doc.sentences[cand.sentence_index]
        pool = cands_at.get(cand.sentence_index, []) if cands_at is not None else doc.candidates
        others = [c for c in pool if c.sentence_index == cand.sentence_index
                  and c.trigger.start != cand.trigger.start]
        if not others:
            return figs
        out = []
        for item in figs:
            f, off, _ = item
            if off != sent.start:
                out.append(item)  # a figure from a following sentence: all events share it
                continue
            c0, c1 = clause_bounds(sent.text, f.start)
            inside = [c for c in (cand, *others) if c0 <= c.trigger.start - sent.start < c1]
            if not inside or cand in inside:
                out.append(item)
        return out

    @staticmethod
    def _fill(doc: Doc, cand: EventCandidate, figs: list[tuple[Figure, int, list[str]]],
              claims_by_start: dict[int | None, Claim]) -> None:
        sent_text = doc.sentences[cand.sentence_index].text if cand.sentence_index < len(doc.sentences) else ""
        significant = bool(_SIGNIFICANT.search(sent_text))
        if cand.event_type == "Protests":
            # a death that caused the protest ("after the killing of a trader") is not the protest's
            kept = [x for x in figs if not _CAUSE.search(doc.text[max(x[1], x[1] + x[0].start - 80):x[1] + x[0].start])]
            if len(kept) != len(figs):
                doc.notes.append(f"fatalities: {len(figs) - len(kept)} figure(s) read as the protest's cause")
            figs = kept
        result = tally(figs, significant=significant)
        cand.claims = [claims_by_start[off + f.start] for f, off, _ in figs if off + f.start in claims_by_start]
        cand.fatalities = result.fatalities
        cand.fatalities_low = result.low
        cand.fatalities_best = result.best
        cand.fatalities_high = max(result.high, result.best)
        cand.deaths_civilians = result.civilians
        rules = sorted({f.rule for f, _ in result.used if f.quantity == "killed"})
        cand.extra["fatalities_rule"] = "+".join(rules) if rules else "none"
        used_killed = [f for f, _ in result.used if f.quantity == "killed"]
        if used_killed and all(f.earlier for f in used_killed):
            cand.extra["fatalities_earlier"] = True  # only a count a later report replaced
        for note in result.notes:
            doc.notes.append(f"{note} (candidate {cand.trigger.text!r})")
        for f, off in result.used:
            cand.evidence.append(Evidence(doc_id=doc.document.id, field="fatalities",
                                          start=off + f.start, end=off + f.end, text=f.text))


#: How far before a figure a year is read as its date ("... in 1982, killing 78").
_YEAR_REACH = 100
_YEAR = re.compile(r"\b(?:in|of|since|during)\s+(?:\w+\s+)?((?:19|20)\d{2})\b")


#: "two people could have been killed", "many more would've died": deaths that did not happen
_COUNTERFACTUAL = re.compile(r"\b(?:could|would|might|may)(?:\s+(?:not\s+)?have|n?['’]ve)\b", re.IGNORECASE)


def _unreal(doc: Doc, sentence: str, fig: Figure) -> str | None:
    """Rule ``unreal-deaths-uncounted``: "negated" or "irrealis" when a figure of the dead stands
    in a negated clause or right after a condition or modal ("this didn't rise to a level where
    someone was killed", "two more people could have been killed"), else None."""
    if fig.quantity != "killed":
        return None
    pack = get_pack(doc.language) or get_pack(DEFAULT_LANGUAGE)
    if pack is None:
        return None
    mod = pack.modality(sentence, fig.start, fig.end)
    if mod.negated:
        return "negated"
    if (mod.hypothetical and not mod.ambiguous) or _COUNTERFACTUAL.search(fig.text):
        return "irrealis"
    return None


#: "just two days after", "weeks after", "a day after", "hours after": what follows happened earlier
_DAYS_AFTER = re.compile(r"\b(?:(?:just|only|some|about|barely|nearly|less\s+than|more\s+than)\s+)?"
                         r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|a\s+few|"
                         r"several|few)\s+)?(?:days?|weeks?|months?|hours?)\s+after\b", re.IGNORECASE)


def _days_after(clause: str) -> str | None:
    """Rule ``after-clause-is-earlier``: a death figure in a clause that sets the happening before
    it some days after another ("an 8-year-old was shot Friday, just two days after a 3-year-old
    was shot and killed"; "the attacks came one day after ... leading to four deaths") tells of
    that earlier happening: it is recalled context, counted for no event of the report."""
    m = _DAYS_AFTER.search(clause)
    # only after a main clause ("was shot Friday, just two days after"): one that opens the
    # sentence ("Just days after a chemical attack, a woman was killed") sets the new happening's time
    return m.group(0) if m and m.group(0)[:1].islower() else None


def _earlier_year(before: str, pub: date | None) -> str | None:
    """A year before the publication's, stated just before a figure: the deaths of an earlier
    event recalled as context ("the worst loss since an airliner crashed in 1982, killing 78")."""
    if pub is None:
        return None
    years = [m for m in _YEAR.finditer(before) if int(m.group(1)) < pub.year]
    return years[-1].group(0) if years else None


@stage("fatalities.v1")
def make_fatality_extractor(settings: Settings, resources: Resources) -> FatalityExtractor:
    opts = settings.stage_options.get("fatalities.v1", {})
    # "fallback" (default): the dependency parse runs only when the attribution patterns find no
    # claimant, which keeps spaCy off most sentences (speed); "always" parses every attributed figure.
    policy = str(opts.get("parser", "fallback"))  # "always" | "fallback" | "off"
    if policy == "off" or not opts.get("use_parser", True):
        return FatalityExtractor()

    def loader() -> Callable[[str], Any]:
        from ..nlp.spacy_loader import load_spacy

        nlp = resources.get("spacy", load_spacy)
        skip = [name for name in ("ner",) if name in nlp.pipe_names]  # chains need no entities

        def parse(text: str) -> Any:
            return nlp(text, disable=skip)

        return parse

    return FatalityExtractor(parser_loader=loader, parser_policy=policy)
