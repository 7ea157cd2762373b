"""Coreference inside one article: the headline, the lede and later restatements of one happening.

Two new mentions are one happening when ACLED's unit of analysis allows it: the same kind of
event (all fighting and remote violence are one family; an attack on civilians stays apart, as
in assembly), days
at most :data:`DAY_WINDOW` apart, places that can be the same (the same gazetteer place, or one
is a region, district or country that contains the other, or one is not located), and dyads that
are not disjoint. Two different neighbourhoods that both fell back to one city stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..geo.match import name_key
from ..schema import EventCandidate, Place
from ..taxonomy import EVENT_TYPES

__all__ = ["DAY_WINDOW", "LEDE_WINDOW", "Happening", "anaphoric", "dyad", "family", "group_happenings", "lethal",
           "own_date", "own_place", "place_level", "place_relation", "restated_lede"]

#: Restatements of one happening may be dated a day apart ("on Saturday" in the lede, the
#: publication date later).
DAY_WINDOW = 1

#: A lede dated only by the publication day restates a happening the body dates up to this many days
#: before it (the news window: the lede's day and the three days before it, as in ``status.RECALL_DAYS``).
LEDE_WINDOW = 3

_RECENT = 16  # a mention is compared with this many latest happenings, and their first and latest
#               this many members, at most (an article tells of fewer; a megabyte "article" stays linear)
_COARSE = {"country": 3, "admin1": 2, "admin2": 1, "admin3": 1}
_FIGHTING = ("Battles", "Explosions/Remote violence")
_EXPLOSIONS = frozenset(EVENT_TYPES["Explosions/Remote violence"])
_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def family(cand: EventCandidate) -> str:
    """The event family coreference works within."""
    if cand.event_type in _FIGHTING:
        return "violence"
    if cand.event_type == "Protests":
        return "protest"
    return cand.sub_event_type


def _place(cand: EventCandidate) -> Place | None:
    return cand.place.place if cand.place is not None else None


def _fallback(cand: EventCandidate) -> str:
    """The own name of a place the gazetteer did not know and placed at a coarser one."""
    pm = cand.place
    if pm is None or pm.place is None or pm.geo_precision < 2 or not pm.span.text.strip():
        return ""
    key = name_key(pm.span.text)
    return "" if key == name_key(pm.place.name) else key


def place_level(p: Place) -> int:
    """How coarse a place is: 3 a country, 2 a province, 1 a district, 0 anything finer."""
    return _COARSE.get(p.kind or "", 0)


def _contains(big: Place, small: Place) -> bool:
    if big.country and small.country and big.country != small.country:
        return False
    kind = big.kind or ""
    if kind == "country":
        return True
    if kind == "admin1":
        return bool(small.admin1) and name_key(small.admin1 or "") == name_key(big.admin1 or big.name)
    if kind in ("admin2", "admin3"):
        own = big.admin2 if kind == "admin2" else big.admin3
        other = small.admin2 if kind == "admin2" else small.admin3
        return bool(other) and name_key(other or "") == name_key(own or big.name)
    return False


def place_relation(a: EventCandidate, b: EventCandidate) -> str | None:
    """Why the places of ``a`` and ``b`` can be one happening's place, or None when they cannot."""
    pa, pb = _place(a), _place(b)
    if pa is None or pb is None:
        return "one mention unlocated"
    same = (pa.place_id and pa.place_id == pb.place_id) or (
        not pa.place_id and not pb.place_id and name_key(pa.name) == name_key(pb.name))
    if same:
        fa, fb = _fallback(a), _fallback(b)
        if fa and fb and fa != fb:
            return None  # two different unknown places that fell back to one city
        return "same place"
    la, lb = place_level(pa), place_level(pb)
    if la > lb and _contains(pa, pb):
        return f"{pa.name} contains {pb.name}"
    if lb > la and _contains(pb, pa):
        return f"{pb.name} contains {pa.name}"
    return None


def dyad(cand: EventCandidate) -> frozenset[str]:
    return frozenset(a.name for a in (cand.actor1, cand.actor2) if a is not None)


def _tolls_differ(a: EventCandidate, b: EventCandidate) -> bool:
    """Does the region's toll exceed the toll of the place inside it (a total, then a detail)?"""
    pa, pb = _place(a), _place(b)
    if not a.fatalities or not b.fatalities or pa is None or pb is None:
        return False
    big, small = (a, b) if place_level(pa) > place_level(pb) else (b, a)
    return (big.fatalities or 0) > (small.fatalities or 0)


def _specific_elsewhere(hap: Happening, cand: EventCandidate) -> bool:
    """Does the happening already hold a town or neighbourhood other than ``cand``'s own one?"""
    mine = _place(cand)
    if mine is None or place_level(mine) > 0:
        return False
    return any((p := _place(m)) is not None and place_level(p) == 0 and place_relation(m, cand) != "same place"
               for m in hap.sample)


@dataclass
class Happening:
    """Mentions of one happening, in text order, with the reason each one joined."""

    members: list[EventCandidate] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def head(self) -> EventCandidate:
        return self.members[0]

    @property
    def toll(self) -> int:
        """The largest toll any of its mentions gives (the assembler keeps the largest)."""
        return max((m.fatalities or 0) for m in self.members)

    @property
    def place(self) -> Place | None:
        """The place of its first located mention."""
        return next((p for m in self.members if (p := _place(m)) is not None), None)

    @property
    def sample(self) -> list[EventCandidate]:
        """The members a new mention is compared with: the first and the latest few (bounded
        work when a megabyte "article" piles thousands of mentions on one happening)."""
        if len(self.members) <= 2 * _RECENT:
            return self.members
        return self.members[:_RECENT] + self.members[-_RECENT:]

    def _victims_of_explosion(self, cand: EventCandidate) -> bool:
        """An attack on civilians and an air strike, shelling or bomb that killed them are one
        event (coding rules: civilians killed in an explosion count in that event)."""
        subs = {m.sub_event_type for m in self.sample} | {cand.sub_event_type}
        return "Attack" in subs and bool(subs & _EXPLOSIONS) and subs <= _EXPLOSIONS | {"Attack"}

    def joins(self, cand: EventCandidate) -> str | None:
        """The reason ``cand`` restates this happening, or None."""
        if family(cand) != family(self.head) and not self._victims_of_explosion(cand):
            return None
        dated = [m.date.event_date for m in self.sample if m.date is not None]
        # an undated document (no publication date, no date in the text): days cannot tell apart
        days = min(abs((cand.date.event_date - d).days) for d in dated) if cand.date is not None and dated else 0
        if days > DAY_WINDOW:
            return None
        own = _fallback(cand)
        if own and any(_fallback(m) and _fallback(m) != own for m in self.sample):
            return None  # another neighbourhood of the same city
        d2 = dyad(cand)
        if d2 and all(dyad(m) and not (dyad(m) & d2) for m in self.sample):
            return None
        for member in self.sample:
            why = place_relation(member, cand)
            if why is not None and " contains " in why and _tolls_differ(member, cand):
                continue  # a region's total and a detail inside it: two happenings (see deaths)
            if why is not None and why != "same place" and _specific_elsewhere(self, cand):
                continue
            if why is not None:
                return f"restates {member.trigger.text!r} ({why}, {days} day(s) apart)"
        return None


def lethal(fam: str) -> str:
    """Fighting, remote violence and attacks on civilians: one happening can be told as either."""
    return "violence" if fam in ("violence", "Attack") else fam


def own_place(cand: EventCandidate) -> bool:
    """Does the mention's own sentence name its place (not inherited from an earlier one)?"""
    return cand.place is not None and cand.place.sentence_index == cand.sentence_index \
        and bool(cand.place.span.text.strip())


def own_date(cand: EventCandidate) -> bool:
    """Does the mention's own sentence give its date (not an earlier sentence or the publication)?"""
    return str(cand.extra.get("date_rule", "default")).endswith(":sentence")


def anaphoric(cand: EventCandidate) -> bool:
    """A mention that names neither its own place nor its own date (both inherited from earlier
    sentences or the publication): it tells more of a happening already reported."""
    return not own_place(cand) and not own_date(cand)


def _vague(cand: EventCandidate) -> bool:
    """A lede-style mention: no place, or only a country or region."""
    p = _place(cand)
    return p is None or place_level(p) > 0


def _toll_within(part: int, whole: int) -> bool:
    """Is ``part`` the same deaths as ``whole``, some of them ("eight rescuers" of ten dead) or a
    round figure of them (within a tenth)? No figure on either side is no contradiction."""
    return not part or not whole or part <= whole or part - whole <= max(1, whole // 10)


def restated_lede(lede: Happening, cand: EventCandidate) -> str | None:
    """The reason a placed body mention restates the article's placeless lede, or None.

    A story often opens with a lede that names no place, or only the country or a region, often
    dated only by the publication ("Airstrikes killed eight rescuers, activists said."); the body
    then tells the same happening with its place and day ("The raid hit their centre in Kafr Zita
    on Saturday."). They are one happening (coding rules, "Whole articles": the lede and later
    paragraphs restate the same happening; code it once) when the family is the same (fighting,
    remote violence and attacks on civilians are one, as for anaphora), the body's day falls in
    the lede's news window (:data:`LEDE_WINDOW` days before a lede dated only by the publication,
    :data:`DAY_WINDOW` around a lede's own day), the lede's place is none or holds the body's, the
    sides are not different ones, and the lede's toll is the body's, a part of it or a round
    figure of it. Only while the lede holds no placed mention of its own; a change of territory is
    its own event (ACLED codes the capture apart from the fighting), never a lede's restatement."""
    if lethal(family(lede.head)) != lethal(family(cand)):
        return None
    if any(m.sub_event_type in _TERRITORY for m in (*lede.members, cand)) or cand.date is None:
        return None
    if _place(cand) is None or not own_place(cand):
        return _dated_by_body(lede, cand)
    if not all(_vague(m) for m in lede.members):
        return None
    dated = [m.date.event_date for m in lede.members if m.date is not None]
    if not dated:
        return None
    before = (dated[0] - cand.date.event_date).days
    window = DAY_WINDOW if any(own_date(m) for m in lede.members) else LEDE_WINDOW
    if not -DAY_WINDOW <= before <= window:
        return None
    relations = [place_relation(m, cand) for m in lede.members]
    if any(r is None or r == "same place" for r in relations):
        return None
    d2 = dyad(cand)
    if d2 and any(dyad(m) and not (dyad(m) & d2) for m in lede.members):
        return None
    if not _toll_within(lede.toll, cand.fatalities or 0):
        return None
    where = next((r for r in relations if r and " contains " in r), "the lede names no place")
    when = "its own day" if window == DAY_WINDOW else "the publication's day"
    return (f"the body places the lede {lede.head.trigger.text!r} ({where}; the lede is dated {before} day(s) "
            f"after, by {when}; tolls {lede.toll} and {cand.fatalities or 0})")


def _dated_by_body(lede: Happening, cand: EventCandidate) -> str | None:
    """Rule ``body-dates-the-lede``: a lede dated only by the publication ("Police identified two
    men killed in a shooting") and a body sentence that gives the day but no place of its own
    ("The shooting happened about 7:42 p.m. Sunday") tell one happening when the body's day falls
    in the lede's news window, the body names no other place than the lede's, the sides are not
    different ones and the lede's toll is the body's, a part of it or a round figure of it."""
    if not own_date(cand) or any(own_date(m) for m in lede.members):
        return None
    dated = [m.date.event_date for m in lede.members if m.date is not None]
    if not dated or cand.date is None:
        return None
    before = (dated[0] - cand.date.event_date).days
    if not 0 <= before <= LEDE_WINDOW:
        return None
    if any(place_relation(m, cand) is None for m in lede.members if _place(m) is not None and _place(cand) is not None):
        return None
    d2 = dyad(cand)
    if d2 and any(dyad(m) and not (dyad(m) & d2) for m in lede.members):
        return None
    if not _toll_within(lede.toll, cand.fatalities or 0) and not _toll_within(cand.fatalities or 0, lede.toll):
        return None
    return (f"the body dates the lede {lede.head.trigger.text!r} (the lede had only the publication's day, "
            f"{before} day(s) after the body's; no other place; tolls {lede.toll} and {cand.fatalities or 0}; "
            f"rule body-dates-the-lede)")


def _adopt_body(lede: Happening, cand: EventCandidate) -> None:
    """The lede's own mentions take the day the body gives (they had only the publication's)."""
    for m in lede.members:
        if own_date(m):
            continue
        if cand.date is not None and m.date is not None and m.date != cand.date:
            m.extra.setdefault("why", []).append(
                f"date: {cand.date.event_date.isoformat()} from the body's {cand.trigger.text!r} "
                f"(the lede had only the publication's {m.date.event_date.isoformat()})")
            m.date = cand.date
            m.extra["date_rule"] = "lede:body"


def group_happenings(cands: list[EventCandidate], *, headlines: frozenset[int] = frozenset()
                     ) -> list[Happening]:
    """Group new mentions (in text order) into happenings, greedily, first match wins. Mentions
    in the ``headlines`` sentences join the first body happening of their family (a headline
    summarises the story), else they are grouped like the others."""
    happenings: list[Happening] = []
    body = [c for c in cands if c.sentence_index not in headlines]
    heads = [c for c in cands if c.sentence_index in headlines]
    for cand in sorted(heads, key=lambda c: (c.sentence_index, c.trigger.start)):
        if any(lethal(family(c)) == lethal(family(cand)) for c in body):
            body_first = [c for c in body if lethal(family(c)) == lethal(family(cand))]
            cand.extra["headline_of"] = min(body_first, key=lambda c: (c.sentence_index, c.trigger.start))
    ordered = sorted(body, key=lambda c: (c.sentence_index, c.trigger.start)) + \
        sorted((c for c in heads if "headline_of" not in c.extra), key=lambda c: (c.sentence_index, c.trigger.start))
    for cand in ordered:
        if anaphoric(cand):
            same = [h for h in happenings[-_RECENT:] if lethal(family(h.head)) == lethal(family(cand))]
            if same:
                target = max(same, key=lambda h: h.members[-1].sentence_index)
                if family(target.head) != family(cand):
                    cand.extra["anaphoric"] = True  # tells of the happening; does not retype it
                target.members.append(cand)
                target.reasons.append("tells more of the happening reported before it "
                                      "(no place or date of its own)")
                continue
        for hap in happenings[-_RECENT:]:  # bounded work on a megabyte "article"
            why = hap.joins(cand)
            if why is not None:
                hap.members.append(cand)
                hap.reasons.append(why)
                break
        else:
            why = restated_lede(happenings[0], cand) if happenings else None
            if why is not None:
                _adopt_body(happenings[0], cand)
                happenings[0].members.append(cand)
                happenings[0].reasons.append(why)
            else:
                happenings.append(Happening(members=[cand], reasons=["first mention"]))
    for cand in heads:
        target = cand.extra.pop("headline_of", None)
        for hap in happenings:
            if target is not None and any(m is target for m in hap.members):
                hap.members.insert(0, cand)
                hap.reasons.insert(0, f"headline restating {target.trigger.text!r}")
                break
    return happenings
