"""Every death counted once per article (coding rules, "Whole articles").

The fatalities stage gives each mention the figures of its own sentence and of the figure
sentences that follow it. Across the happenings of one article this counts a death again whenever
a figure is shared or restated, so, happenings in order (fighting and remote violence first, the
events where deaths happen; then the others, each in text order):

- a mention whose toll and figures were already counted in another happening counts 0, except
  the shares of one figure that a mention listing several places was split into ("shelling hit
  X, Y and Z, killing six": two deaths at each; rule ``place-shares``);
- a mention restating, in other words, a toll already counted in another happening (the same
  number of deaths, at least :data:`RESTATED_MIN`) counts 0;
- deaths "reported" with no number where the report says it gave none count 0;
- a day's total for a region followed by details by place in it ("16 killed in Aleppo province
  on Monday ... 10 of them in Atareb"): the details are the events, the total a check; the
  region keeps only the deaths the details do not place (coding rules, "Whole articles");
- a day's toll told apart from the places it spans ("the hospital received 57 bodies on Thursday",
  after the fighting in two districts that day): divided among the happenings it spans (coding
  rules, "Fatalities"; rule ``total-spans-its-day``).
"""

from __future__ import annotations

import bisect
from datetime import date

from ..geo.context import point_km
from ..geo.match import name_key
from ..schema import Claim, Doc, EventCandidate, Evidence, Place
from .coref import Happening, dyad, family, lethal, place_level
from .cues import no_number_cue

__all__ = ["RESTATED_MIN", "SPAN_KM", "contradictory_sources", "count_once", "divide_spanning_totals",
           "reconcile_deaths", "split_day_totals"]

#: Equal tolls of two happenings are the same deaths restated only from this size up: "two
#: killed in X ... two killed in Y" are often two small events.
RESTATED_MIN = 5

#: The places a day's toll can span lie this close to one another (the districts of one city, the
#: villages of one front).
SPAN_KM = 50.0

#: At most this many happenings told before a day's toll share it (a story tells of a few places a
#: day; a megabyte "article" stays linear).
_SPANNED_MAX = 8


def _zero(doc: Doc, cand: EventCandidate, why: str) -> None:
    doc.notes.append(f"deaths: {cand.fatalities} at {cand.trigger.text!r} not counted: {why}")
    cand.extra.setdefault("why", []).append(f"deaths: {cand.fatalities} not counted ({why})")
    cand.extra["fatalities_counted_elsewhere"] = cand.fatalities
    cand.fatalities = 0
    cand.fatalities_low = 0
    cand.deaths_civilians = None


def _named(cand: EventCandidate) -> list[frozenset[str]]:
    """The persons named as dead whose count is the mention's toll (fatalities rule "named" alone),
    each as the set of its name's words."""
    if cand.extra.get("fatalities_rule") != "named":
        return []
    return [frozenset(w.strip(".").lower() for w in name.split())
            for c in cand.toll_claims() if c.what for name in c.what.split(";") if name.strip()]


def reconcile_deaths(doc: Doc, happenings: list[Happening]) -> None:
    """Zero the figures of mentions whose deaths another happening of the article already counts."""
    spans_of: dict[int, int] = {}  # figure offset -> happening number that counted it
    values_of: dict[int, int] = {}  # toll -> happening number that counted it
    named_of: list[tuple[int, frozenset[str]]] = []  # (happening number, a named dead person's words)
    shares: dict[int, tuple[int, int]] = {}  # figure offset -> trigger of the listed-places mention sharing it
    order = sorted(range(len(happenings)),
                   key=lambda k: (lethal(family(happenings[k].head)) != "violence", happenings[k].head.sentence_index))
    for k in order:
        mine_spans: set[int] = set()
        mine_values: set[int] = set()
        for cand in happenings[k].members:
            if not cand.fatalities:
                continue
            sent = doc.sentences[cand.sentence_index].text
            if cand.extra.get("fatalities_rule") == "unnumbered" and no_number_cue(sent):
                _zero(doc, cand, f"the report gives no number ({no_number_cue(sent)!r})")
                continue
            used = cand.toll_starts()
            trigger = (cand.trigger.start, cand.trigger.end)
            if cand.extra.get("split_across_places"):
                if used and all(shares.get(x, trigger) == trigger for x in used) \
                        and any(x in shares for x in used):
                    mine_values.add(cand.fatalities)  # rule place-shares: its share of one figure
                    continue
                shares.update((x, trigger) for x in used)
            owner = values_of.get(cand.fatalities)
            persons = _named(cand)
            other = [j for j, have in named_of if j != k]
            if persons and all(any(p <= have for j, have in named_of if j != k) for p in persons):
                _zero(doc, cand, "the persons it names are counted in happening "
                      f"{other[0] + 1}")
                continue
            named_of.extend((k, p) for p in persons)
            if owner is None or owner == k:
                pass
            elif used and all(s in spans_of and spans_of[s] != k for s in used):
                _zero(doc, cand, f"its figure is counted in happening {owner + 1}")
                continue
            elif cand.fatalities >= RESTATED_MIN:
                _zero(doc, cand, f"the same toll ({cand.fatalities}) is counted in happening {owner + 1}")
                continue
            mine_spans |= used
            mine_values.add(cand.fatalities)
        for s in mine_spans:
            spans_of.setdefault(s, k)
        for v in mine_values:
            values_of.setdefault(v, k)


def _region_holds(big: Place, small: Place) -> bool:
    """Is ``small`` a place inside the region ``big`` names (a province, district or country, or a
    city named like its province: Syria's governorates carry their capitals' names)?"""
    if big.country != small.country or (big.place_id and big.place_id == small.place_id) or (
            name_key(big.name) == name_key(small.name) and big.kind == small.kind):
        return False  # the same place (a province does hold the city that shares its name)
    if place_level(small) >= max(place_level(big), 1):
        return False  # a region holds finer places only (a city named like its province ranks 1)
    if big.kind == "country":
        return True
    region = big.admin1 if big.kind in ("admin1", "city", "town") else None
    if big.kind == "admin1":
        region = big.admin1 or big.name
    elif region is None or name_key(region) != name_key(big.name):
        return False
    return bool(small.admin1) and name_key(small.admin1 or "") == name_key(region)


def split_day_totals(doc: Doc, happenings: list[Happening]) -> None:
    """A region's toll for a day that detailed happenings in it already place: keep the rest."""
    lethal_haps = [h for h in happenings if lethal(family(h.head)) == "violence" and h.toll > 0]
    tolls = {id(h): h.toll for h in lethal_haps}  # as reported, before any total is split
    for total in lethal_haps:
        region = total.place
        day = total.head.date.event_date if total.head.date else None
        if region is None or day is None:
            continue
        details = []
        for other in lethal_haps:
            place = other.place
            if other is total or place is None or other.head.date is None:
                continue
            if abs((other.head.date.event_date - day).days) <= 1 and _region_holds(region, place):
                details.append(other)
        placed = sum(tolls[id(d)] for d in details)
        if not details or placed > tolls[id(total)]:
            continue
        rest = tolls[id(total)] - placed
        for cand in total.members:
            if (cand.fatalities or 0) > rest:
                note = (f"deaths: {cand.fatalities} at {cand.trigger.text!r} is the day's total for "
                        f"{region.name}; {placed} are placed by {len(details)} detailed event(s), "
                        f"{rest} kept here")
                doc.notes.append(note)
                cand.extra.setdefault("why", []).append(note.removeprefix("deaths: "))
                cand.extra["fatalities_day_total"] = cand.fatalities
                cand.fatalities = rest
                cand.fatalities_low = min(cand.fatalities_low or 0, rest)


def _sources(cand: EventCandidate) -> frozenset[str]:
    """Who the mention's deciding figures come from (the innermost claimant of each)."""
    return frozenset(c.claimant_chain[-1].lower() for c in cand.toll_claims() if c.claimant_chain)


def _counted(cand: EventCandidate) -> bool:
    """Does the mention's toll rest on a stated number? A vague figure ("tens of", "dozens") or
    one named victim is consistent with a count, never a competing claim that lowers it; a count
    the report says a later one replaced ("the previous toll was 20") competes with none."""
    rules = set(str(cand.extra.get("fatalities_rule", "")).split("+"))
    return bool(rules & {"number", "coded", "split"}) and not cand.extra.get("fatalities_earlier")


def contradictory_sources(doc: Doc, happenings: list[Happening]) -> None:
    """Mentions of one happening whose tolls differ and come from different sources are competing
    claims about the same deaths: the happening keeps the lowest (ACLED's conservative figure),
    the highest stays as ``fatalities_high``. Tolls from one source are updates or parts: the
    assembler keeps the largest."""
    for hap in happenings:
        told = [(m, _sources(m)) for m in hap.members if m.fatalities]
        if any(_counted(m) for m, _ in told):
            # "tens of terrorists", "a child was killed": no count that contradicts a number
            told = [(m, src) for m, src in told if _counted(m)]
        if len({m.fatalities for m, _ in told}) < 2:
            continue
        sources = [src for _, src in told]
        if any(not src for src in sources) or len(set().union(*sources)) < 2 \
                or any(a & b for i, a in enumerate(sources) for b in sources[i + 1:]):
            continue
        low = min(m.fatalities or 0 for m, _ in told)
        high = max(m.fatalities or 0 for m, _ in told)
        for cand, src in told:
            cand.fatalities_high = max(cand.fatalities_high or 0, high)
            if (cand.fatalities or 0) > low:
                note = (f"{cand.fatalities} from {', '.join(sorted(src))} competes with {low} from another "
                        f"source for the same happening; kept the lowest")
                doc.notes.append(f"deaths: {note}")
                cand.extra.setdefault("why", []).append(f"deaths: {note}")
                cand.fatalities = low


def _sentence_of(doc: Doc, offset: int) -> int:
    starts = [s.start for s in doc.sentences]
    return doc.sentences[max(bisect.bisect_right(starts, offset) - 1, 0)].index


def _deciding_claims(cand: EventCandidate) -> list[Claim]:
    """The killed-claims whose figure is the mention's toll on its own (none when the toll adds
    several figures up: such a toll counts groups, not one day's dead)."""
    return [c for c in cand.toll_claims() if not c.status and cand.fatalities in (c.low, c.high)]


def _names_place(text: str, hap: Happening) -> bool:
    folded = name_key(text)
    for m in hap.members:
        pm = m.place
        if pm is None:
            continue
        for name in (pm.span.text, pm.place.name if pm.place and not pm.fallback_from else ""):
            key = name_key(name)
            if key and key in folded:
                return True
    return False


def _near(a: Place, b: Place) -> bool:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return False
    return point_km(a.latitude, a.longitude, b.latitude, b.longitude) <= SPAN_KM


def divide_spanning_totals(doc: Doc, happenings: list[Happening]) -> None:
    """Rule ``total-spans-its-day`` (coding rules, "Fatalities": a total that spans several events is
    divided among them). A happening's toll comes from a sentence of its own (no mention of the
    happening in it) that names none of the places fought over, after the article has told of
    fighting between the same two sides on the same day at other places nearby that give no toll of
    their own: the figure is the day's toll for all of them, not for the first one. It is divided
    among them in text order, each keeping the claim with its chain."""
    lethal_haps = [h for h in happenings if lethal(family(h.head)) == "violence"]
    tolled = [h for h in lethal_haps if h.toll > 0]
    if not tolled:
        return
    untolled: dict[tuple[date, frozenset[str]], list[Happening]] = {}
    for h in lethal_haps:  # the places a toll may span, by day and dyad (bounded work on long input)
        if h.toll == 0 and h.place is not None and place_level(h.place) == 0 and h.head.date is not None:
            untolled.setdefault((h.head.date.event_date, dyad(h.head)), []).append(h)
    for hap in tolled:
        here = hap.place
        day = hap.head.date.event_date if hap.head.date else None
        pair = dyad(hap.head)
        if hap.toll <= 0 or here is None or place_level(here) > 0 or day is None or len(pair) < 2:
            continue
        carriers = [m for m in hap.members if m.fatalities == hap.toll]
        claims = [c for m in carriers for c in _deciding_claims(m)]
        if not claims or any(c.start is None for c in claims):
            continue
        fig_sents = {_sentence_of(doc, c.start or 0) for c in claims}
        if fig_sents & {m.sentence_index for m in hap.members}:
            continue  # the figure is told with the happening itself
        fig_text = " ".join(doc.sentences[i].text for i in sorted(fig_sents))
        if _names_place(fig_text, hap):
            continue
        first = min(fig_sents)
        told_before = [o for o in untolled.get((day, pair), []) if o.head.sentence_index < first]
        spanned = [o for o in told_before[-_SPANNED_MAX:]
                   if o.place is not None and _near(here, o.place) and not _names_place(fig_text, o)]
        if not spanned:
            continue
        group = sorted([hap, *spanned], key=lambda h: h.head.sentence_index)
        total, n = hap.toll, len(group)
        names = ", ".join(repr(h.head.place.span.text if h.head.place else "?") for h in group)
        figures = ", ".join(repr(doc.text[c.start or 0:c.end or 0]) for c in claims)
        for rank, part in enumerate(group):
            share = total // n + (1 if rank < total % n else 0)
            note = (f"{total} from {figures} is the day's toll of {n} happenings between the same sides "
                    f"({names}); {share} counted here (rule total-spans-its-day)")
            targets = carriers if part is hap else [part.head]
            for cand in targets:
                cand.extra.setdefault("why", []).append(f"deaths: {note}")
                cand.extra["fatalities_day_total"] = total
                cand.fatalities = share
                cand.fatalities_best = share
                cand.fatalities_high = max(cand.fatalities_high or 0, total)
                if part is hap:
                    cand.fatalities_low = min(cand.fatalities_low or 0, share)
                    continue
                cand.fatalities_low = 0
                cand.extra["fatalities_rule"] = "split"
                cand.claims.extend(c for c in claims if c not in cand.claims)
                cand.evidence.extend(Evidence(doc_id=doc.document.id, field="fatalities", start=c.start or 0,
                                              end=c.end or 0, text=doc.text[c.start or 0:c.end or 0]) for c in claims)
            doc.notes.append(f"deaths: {note} at {part.head.trigger.text!r}")


def count_once(doc: Doc, happenings: list[Happening]) -> None:
    """The article's death reconciliation, in its order: competing sources inside a happening,
    then figures shared or restated across happenings, then day totals against their details,
    then day totals divided among the places they span."""
    contradictory_sources(doc, happenings)
    reconcile_deaths(doc, happenings)
    split_day_totals(doc, happenings)
    divide_spanning_totals(doc, happenings)
