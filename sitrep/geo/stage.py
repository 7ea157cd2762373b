"""Geocoding stage ``geo.v1``: place mentions in ``doc.places``, event location in ``cand.place``.

For each candidate, the location is the place where it happened: an event-role mention of its
own sentence (not a hospital receiving bodies, a city the reporter is in, or a place that "would"
fall), the nearest to the trigger and the finest; a sentence naming no place inherits the last
event location (geo_precision 2) or the document's focus city/country.

That is the span rule set (:class:`sitrep.lang.ArgumentRules` ``places="spans"``, the English
pack's). Candidates whose pack reads places itself (``places="pack"``, Arabic) are placed in the
same stage by :func:`sitrep.geo.pack_places.place_pack_candidates`; the span resolver runs
unless the document's language and all its candidates are such a pack's.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..actors.recognise import Hit
from ..config import Settings
from ..errors import SitrepError
from ..lang import candidates_by_pack, get_pack
from ..lang.en.words import is_english_word
from ..registry import stage
from ..resources import Resources
from ..schema import Doc, EventCandidate, PlaceMention, Span
from .build import default_gazetteer_path, ensure_built
from .evidence import RULES as PLACE_RULES
from .gazetteer import Gazetteer, LayeredGazetteer, PlaceRecord
from .learn import load_country_words
from .match import name_key
from .pack_places import place_pack_candidates
from .resolve import Resolution, hint_country, outlet_words, precision_of, resolve_in_country
from .spans import find_spans
from .store import SQLiteGazetteer

__all__ = ["Geocoder", "load_gazetteer", "locate_candidates"]

_KIND_RANK = {"landmark": 0, "neighbourhood": 0, "village": 1, "town": 1, "city": 1,
              "admin3": 2, "admin2": 3, "admin1": 4, "country": 5}


def load_gazetteer(settings: Settings) -> Gazetteer:
    """The store at the settings' path (built on first use), under the ``--model`` layer."""
    store = SQLiteGazetteer(ensure_built(default_gazetteer_path(settings)))
    if settings.model_dir is not None and (Path(settings.model_dir) / "places.csv").exists():
        from .learn import load_model_places

        return LayeredGazetteer([load_model_places(Path(settings.model_dir) / "places.csv"),
                                 store])
    return store


def _mention(m: Resolution) -> PlaceMention:
    place = m.record.to_place() if m.record is not None else None
    return PlaceMention(
        span=Span(start=m.start, end=m.end, text=m.span.text), sentence_index=m.sentence_index,
        place=place, geo_precision=m.geo_precision, where_prec=m.where_prec,
        score=round(m.score, 3), role=m.span.role,
        fallback_from=m.fallback_from if place is not None else None)


_CONTRAST = re.compile(r"[,;]\s*(?:but|while|whereas|although|though|however|yet)\b|;", re.IGNORECASE)


def _clause(doc: Doc, cand: EventCandidate) -> tuple[int, int]:
    """Document offsets of the trigger's clause, cut at contrastive joints (", but", ";")."""
    sent = doc.sentences[cand.sentence_index]
    rel = cand.trigger.start - sent.start
    start, end = sent.start, sent.end
    for m in _CONTRAST.finditer(sent.text):
        if m.end() <= rel:
            start = sent.start + m.start()
        elif m.start() >= rel:
            end = sent.start + m.start()
            break
    return start, end


def _pick(cand: EventCandidate, mentions: list[tuple[Resolution, PlaceMention]],
          doc: Doc | None = None) -> PlaceMention | None:
    own = [(r, pm) for r, pm in mentions if r.sentence_index == cand.sentence_index
           and pm.place is not None and pm.role == "event"]
    return _pick_from(cand, own, doc)


def _pick_from(cand: EventCandidate, own: list[tuple[Resolution, PlaceMention]],
               doc: Doc | None, home: str | None = None) -> PlaceMention | None:
    """``home``: the document's country (ACLED name); a clause naming a place in it and one
    abroad ("strikes in Syria, Moscow said") puts the event at home."""
    if doc is not None and own and cand.sentence_index < len(doc.sentences):
        c0, c1 = _clause(doc, cand)
        own = [(r, pm) for r, pm in own if c0 <= r.start < c1]
        own = _outside_relative_happenings(doc, cand, own)
    if home is not None:
        own = [(r, pm) for r, pm in own if pm.place is not None
               and pm.place.country == home] or own
    if not own:
        return None
    fine = [(r, pm) for r, pm in own if r.record is not None and r.record.kind != "country"]
    pool = fine or own
    trigger = cand.trigger.start

    def cost(item: tuple[Resolution, PlaceMention]) -> tuple[int, float]:
        r, _pm = item
        rank = _KIND_RANK.get(r.record.kind if r.record else "", 3)
        if r.fallback_from and r.span.hint and rank in (2, 3):
            rank = 1  # "Qaniyah front (Mahliyah, Marib)": a village, placed at its district
        distance = abs(r.start - trigger) + (0 if r.start >= trigger else 40)
        return (1 if rank >= 4 else 0, distance + 60 * rank - (60 if r.span.locative else 0)
                + (80 if r.span.way else 0) + (60 if r.span.origin else 0))

    best = min(pool, key=cost)
    finer = _inside_province(best[0], pool)
    if finer:
        best = min(finer, key=cost)
    # "the X area of Y district": the event is somewhere in Y, not at Y itself (precision 2)
    within = [(r, pm) for r, pm in pool if r.fallback_from and r.record is not None
              and best[0].record is not None and r.record.uid == best[0].record.uid]
    return within[0][1] if within and not best[0].fallback_from else best[1]


#: A relative clause after the trigger: "an airbase that was used for a chemical attack in
#: Idlib", "the town where". "that" opens one when a verb follows it at once; before a subject it
#: opens what was said or known ("announced on Sunday that it had stepped up air strikes")
_RELATIVE = re.compile(r"\b(?:(?:which|where|who|whose)\b|that\s+(?:was|were|is|are|has|have|had|will|would|"
                       r"could|can|may|might|(?!armed\b)[a-z]+ed)\b)", re.IGNORECASE)


def _outside_relative_happenings(doc: Doc, cand: EventCandidate,
                                 own: list[tuple[Resolution, PlaceMention]]
                                 ) -> list[tuple[Resolution, PlaceMention]]:
    """Rule ``relative-clause-keeps-its-place``: a relative clause after the trigger that tells
    another happening keeps the places named after that happening's trigger ("US missiles
    struck an airbase that was used for a chemical attack on a village in Idlib": the strike is
    not in Idlib). The candidate's places outside any such clause (empty when none is left)."""
    sent = doc.sentences[cand.sentence_index]
    trigger = cand.trigger.start
    others = sorted(c.trigger.start for c in doc.candidates
                    if c.sentence_index == cand.sentence_index and c.trigger.start > cand.trigger.end)
    if not others:
        return own
    cut: int | None = None
    for m in _RELATIVE.finditer(sent.text, max(0, trigger - sent.start)):
        at = sent.start + m.start()
        later = [q for q in others if q > at]
        if later:
            cut = later[0]
            break
    if cut is None:
        return own
    return [(r, pm) for r, pm in own if r.start < cut]


def _inside_province(best: Resolution, pool: list[tuple[Resolution, PlaceMention]]
                     ) -> list[tuple[Resolution, PlaceMention]]:
    """"the coast of Oaxaca, near San Vicente Coatlan", "Qoqfin in Idleb", "Maywand district,
    Kandahar": a city named like its province stands for the province when the clause names a
    finer place (or district) inside it."""
    rec = best.record
    if rec is None or rec.kind not in ("city", "town") or not rec.admin1 \
            or name_key(rec.admin1) != best.key:
        return []
    return [(r, pm) for r, pm in pool if r.record is not None and r is not best
            and r.record.kind in ("village", "town", "city", "neighbourhood", "landmark",
                                  "admin3", "admin2")
            and r.record.uid != rec.uid and r.record.admin1 == rec.admin1 and r.key != best.key]


# "X and Y", "X, Y and Z", "X district and the district of Y": places listed together
_JOINED = re.compile(
    r"""^[\s"'“”‘’]*(?:(?:district|neighbou?rhood|area|village|town|camp|project)\s*)?"""
    r"""(?:,|and|,\s*and|as\s+well\s+as)\s+(?:the\s+)?(?:(?:district|neighbou?rhood|area|"""
    r"""village|town|city|camp)s?\s+(?:of\s+)?)?[\s"'“”‘’]*$""", re.IGNORECASE)


def _coordinated(doc: Doc, cand: EventCandidate, chosen: PlaceMention,
                 pairs: list[tuple[Resolution, PlaceMention]]) -> list[PlaceMention]:
    """Further event places listed together with ``chosen`` in the candidate's sentence."""
    own = sorted((pm for r, pm in pairs if pm.place is not None
                  and _KIND_RANK.get(pm.place.kind or "", 3) <= 2), key=lambda pm: pm.span.start)
    if chosen not in own:
        return []
    i = own.index(chosen)
    chain = [chosen]
    for left, right in zip(own[i:], own[i + 1:], strict=False):
        if not _JOINED.match(doc.text[left.span.end:right.span.start]):
            break
        if not _container_after(doc, left, right):
            chain.append(right)
    for right, left in zip(own[:i][::-1], own[1:i + 1][::-1], strict=False):
        if not _JOINED.match(doc.text[right.span.end:left.span.start]):
            break
        if not _container_after(doc, right, left):
            chain.insert(0, right)
    seen: set[str] = set()
    out = []
    for pm in chain:
        key = (pm.place.place_id or pm.place.name) if pm.place else pm.span.text
        if pm.geo_precision >= 2:  # an unknown place standing in for its city: keep its own name
            key = f"{key}|{pm.span.text.lower()}"
        if key not in seen:
            seen.add(key)
            out.append(pm)
    return out


def _container_after(doc: Doc, inner: PlaceMention, outer: PlaceMention) -> bool:
    """Rule ``container-after-comma``: "in Saraqib, Idlib" places Saraqib in its province; the
    province (or district) written after a bare comma is the first place's container, not a
    second place of the list. Only after a comma, and only when the gazetteer puts the first
    place inside a unit of that name."""
    if inner.place is None or outer.place is None:
        return False
    if doc.text[inner.span.end:outer.span.start].strip() != ",":
        return False
    names = {name_key(x) for x in (inner.place.admin1, inner.place.admin2, inner.place.admin3) if x}
    return bool(names & {name_key(outer.place.name), name_key(outer.span.text)})


def _split(cand: EventCandidate, places: list[PlaceMention]) -> list[EventCandidate]:
    """One candidate per listed place (ACLED: one event per location); totals are divided."""
    n = len(places)
    clones = []
    for k, pm in enumerate(places):
        share: dict[str, object] = {"place": pm}
        for name in ("fatalities", "fatalities_low", "fatalities_best", "fatalities_high",
                     "deaths_civilians"):
            value = getattr(cand, name)
            if value:
                share[name] = value // n + (1 if k < value % n else 0)
        clone = cand.model_copy(update=share, deep=True)
        clone.extra["split_across_places"] = n
        clones.append(clone)
    return clones


def locate_candidates(doc: Doc, resolved: list[Resolution], *,
                      country: PlaceRecord | None = None,
                      inferred: PlaceRecord | None = None) -> None:
    """Set ``cand.place`` for every candidate of ``doc`` (write-back step).

    A candidate whose sentence lists several event places together ("in X and the district of
    Y") becomes one candidate per place, its figures divided among them. ``country``: the
    country the document's input names, where an event no place locates is put (precision 3);
    ``inferred``: the country read from the text (:mod:`sitrep.geo.focus`), used the same way
    when the input names none.
    """
    pairs = [(r, _mention(r)) for r in resolved]
    # the dateline's city only when the report names no other place for its events, and only
    # in the document's country ("MOSCOW (Sputnik) - ... in Idlib": not Moscow)
    home = country or inferred
    dateline = _focus_mention(pairs, role="dateline")
    if dateline is not None and (home is None or dateline.place is None
                                 or dateline.place.country != home.country):
        dateline = None
    focus = _focus_mention(pairs)
    if focus is None or (dateline is not None and _passing(focus, pairs)):
        focus = dateline
    country = home
    last: PlaceMention | None = None
    out: list[EventCandidate] = []
    by_sentence: dict[int, list[tuple[Resolution, PlaceMention]]] = {}
    for r, pm in pairs:
        if pm.place is not None and pm.role == "event":
            by_sentence.setdefault(r.sentence_index, []).append((r, pm))
    for cand in sorted(doc.candidates, key=lambda c: (c.sentence_index, c.trigger.start)):
        out.append(cand)
        chosen = _pick_from(cand, by_sentence.get(cand.sentence_index, []), doc,
                            home.country if home is not None else None)
        if chosen is not None and _only_country(chosen):
            # rule ``country-is-no-location``: "in northern Syria", "Al-Qaeda's branch in Syria":
            # a clause naming only the country takes the story's place inside it (the last event
            # place, else its focus) at precision 2, as a sentence naming no place does
            inner = last if last is not None and _within(last, chosen) else \
                focus if focus is not None and _within(focus, chosen) else None
            if inner is not None:
                chosen = _borrowed(inner)
        if chosen is not None:
            cand.place = chosen
            last = chosen
            listed = _coordinated(doc, cand, chosen, by_sentence.get(cand.sentence_index, []))
            if len(listed) > 1:
                out[-1:] = _split(cand, listed)
                doc.notes.append(f"geo: {cand.sub_event_type!r} at {cand.trigger.text!r} split across "
                                 f"{', '.join(p.span.text for p in listed)}")
        elif last is not None:
            cand.place = _borrowed(last)
        elif (focus is None or focus is not dateline) \
                and (ahead := _told_next(cand, pairs, home)) is not None:
            # (a dateline in the report's country says where the report is from: its events
            # stay there when the body names other places only in passing)
            cand.place = ahead
        elif focus is not None:
            cand.place = focus
        elif country is not None:
            gp, wp = precision_of("country")
            cand.place = PlaceMention(
                span=Span(start=cand.trigger.start, end=cand.trigger.start, text=""),
                sentence_index=cand.sentence_index, place=country.to_place(), geo_precision=gp,
                where_prec=wp, score=0.0, role="event")
    doc.candidates = out


def _borrowed(pm: PlaceMention) -> PlaceMention:
    """Another sentence's place lent to an event its own sentence does not place: precise at
    most to the town (geo_precision and where_prec at least 2)."""
    return pm.model_copy(update={"geo_precision": max(pm.geo_precision, 2),
                                 "where_prec": max(pm.where_prec, 2)})


#: How many sentences after a placeless lede the body may name the lede's place.
LEDE_REACH = 3


def _told_next(cand: EventCandidate, pairs: list[tuple[Resolution, PlaceMention]],
               home: PlaceRecord | None) -> PlaceMention | None:
    """Rule ``lede-takes-the-body-place``: a lede or headline naming no place before any event
    place of the report ("Army repels attack, kills 10") happened where the next sentences tell
    it ("... an attack on its post in X"): the first place inside the report's country the
    body names within :data:`LEDE_REACH` sentences (precision 2), not the city the report
    names most often."""
    for r, pm in pairs:
        if pm.role != "event" or pm.place is None or pm.place.kind == "country" \
                or not cand.sentence_index < r.sentence_index <= cand.sentence_index + LEDE_REACH:
            continue
        if home is not None and pm.place.country != home.country:
            continue
        return _borrowed(pm)
    return None


def _only_country(pm: PlaceMention) -> bool:
    """The mention names a whole country, not a place in it."""
    return pm.place is not None and pm.place.kind == "country"


def _within(inner: PlaceMention, outer: PlaceMention) -> bool:
    """``inner`` is a place inside the country ``outer`` names."""
    return inner.place is not None and outer.place is not None and inner.place.kind != "country" \
        and inner.place.country == outer.place.country


#: Sentences of a report's lede for rule ``dateline-over-passing-place``: a place named there is
#: what the report is about (two, narrower than :data:`sitrep.nlp.segment.LEDE_SENTENCES`, as
#: this rule was measured)
PASSING_LEDE_SENTENCES = 2


def _passing(focus: PlaceMention, pairs: list[tuple[Resolution, PlaceMention]]) -> bool:
    """Rule ``dateline-over-passing-place``: a place the report names once, after its lede
    ("a handgun reported stolen in Wilson County"), does not take the report's events from the
    town its dateline names in the same country ("NASHVILLE, Tenn. (WKRN) -- A man shot ...")."""
    same = [pm for _, pm in pairs if pm.role == "event" and pm.place is not None
            and focus.place is not None and pm.place.name == focus.place.name]
    return len(same) <= 1 and all(pm.sentence_index >= PASSING_LEDE_SENTENCES for pm in same)


def _focus_mention(pairs: list[tuple[Resolution, PlaceMention]], *, role: str = "event"
                   ) -> PlaceMention | None:
    counts: dict[str, int] = {}
    first: dict[str, PlaceMention] = {}
    for r, pm in pairs:
        if r.record is None or pm.role != role:
            continue
        counts[r.record.uid] = counts.get(r.record.uid, 0) + (2 if r.record.kind in (
            "city", "town", "village") else 1)
        first.setdefault(r.record.uid, pm)
    if not counts:
        return None
    # rule ``focus-is-a-place-in-the-country``: the country the report is about is its focus
    # only when it names no place inside it ("Syria" named twice and "Tibni" once: the events
    # of a sentence naming no place are at Tibni, the most precise place the report gives)
    inside = {u for u, pm in first.items() if pm.place is not None and pm.place.kind != "country"}
    if inside:
        counts = {u: n for u, n in counts.items() if u in inside}
    uid = max(counts, key=lambda u: counts[u])
    pm = first[uid]
    kind = pm.place.kind if pm.place and pm.place.kind else "city"
    gp, wp = precision_of(kind, near=True)
    # the focus is the city itself, not an unknown place that fell back to it
    return pm.model_copy(update={"geo_precision": max(gp, 2), "where_prec": max(wp, 2),
                                 "fallback_from": None})


class Geocoder:
    """Stage ``geo.v1``.

    - ``resources``: where the gazetteer is loaded once (``"geo.gazetteer"``); tests put a
      :class:`~sitrep.geo.gazetteer.MemoryGazetteer` there.
    """

    def __init__(self, resources: Resources) -> None:
        self.resources = resources

    @property
    def gazetteer(self) -> Gazetteer:
        return self.resources.get("geo.gazetteer", load_gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        groups = candidates_by_pack(doc)
        spans = [c for pack, cands in groups if pack.rules.places == "spans" for c in cands]
        own = get_pack(doc.language)
        if spans or own is None or own.rules.places == "spans":
            pack_cands = [c for pack, cands in groups if pack.rules.places == "pack" for c in cands]
            if pack_cands:
                doc.candidates = spans
            self._spans(doc)
            if pack_cands:  # back in the order locate_candidates gives
                doc.candidates = sorted([*doc.candidates, *pack_cands],
                                        key=lambda c: (c.sentence_index, c.trigger.start))
        for pack, cands in groups:
            if pack.rules.places == "pack":
                try:
                    gazetteer = self.gazetteer
                except SitrepError as exc:
                    doc.notes.append(f"geo: no gazetteer for {pack.name} places ({exc})")
                    continue
                country = place_pack_candidates(doc, cands, pack, gazetteer)
                if not doc.country_hint and doc.inferred_country is None:
                    doc.inferred_country = country
        return doc

    def _learnt(self, doc: Doc) -> dict[str, float] | None:
        """Rule ``learnt-country-words``: the country votes of the words a ``sitrep train`` model
        learnt (None without such a model, or when the input names the country)."""
        if doc.country_hint:
            return None
        model = self.resources.get("geo.country_words",
                                   lambda settings: load_country_words(settings.model_dir))
        if model is None:
            return None
        return model.votes(" ".join(s.text for s in doc.sentences))

    def _spans(self, doc: Doc) -> None:
        """The span resolver: ``doc.places``, ``doc.inferred_country``, every candidate's place."""
        hits = self._actor_hits(doc)
        sentences = [(s.index, s.start, find_spans(s.text)) for s in doc.sentences]
        texts = [s.text for s in doc.sentences]
        actors = [] if doc.country_hint else _actor_countries(hits)
        # place words inside a known group's name ("Ahrar al-Sham") name the group, not a place;
        # an unknown group's name ("X Liberation Front of Y") may be the only word of its country
        names = {i: [(h.start, h.end) for h in sentence_hits if h.entries]
                 for i, sentence_hits in hits.items()}
        resolved, inferred = resolve_in_country(self.gazetteer, sentences, texts=texts,
                                                country_hint=doc.country_hint,
                                                actor_countries=actors, names=names,
                                                outlet=outlet_words(doc.document.url, doc.document.source),
                                                common=is_english_word if doc.language in (None, "en") else None,
                                                learnt=self._learnt(doc))
        doc.places = [_mention(r) for r in resolved]
        named = hint_country(self.gazetteer, doc.country_hint)
        doc.inferred_country = _country_name(self.gazetteer, inferred)
        locate_candidates(doc, resolved, country=named, inferred=(
            self.gazetteer.country(inferred) if named is None and inferred else None))
        for r in resolved:
            if r.rejected:
                doc.notes.append(f"geo: {r.span.text!r} is no place here (rule {r.rejected}: "
                                 f"{PLACE_RULES[r.rejected]})")
            if r.fallback_from and r.record is not None:
                doc.notes.append(f"geo: {r.fallback_from!r} not in the gazetteer; "
                                 f"located at {r.record.name} (geo_precision {r.geo_precision})")


    def _actor_hits(self, doc: Doc) -> dict[int, list[Hit]]:
        """The actors each sentence names (knowledge-base aliases and unknown named groups)."""
        from ..actors.stage import load_matcher

        matcher = self.resources.get("actors.matcher", load_matcher)
        return {sent.index: matcher.find(sent.text) for sent in doc.sentences}


def _actor_countries(hits: dict[int, list[Hit]]) -> list[str]:
    """Home countries (ACLED names) of the non-state actors the report names ("LNA",
    "Imbonerakure", "YPG"): evidence of its country. State forces fight abroad; an alias
    several countries share says nothing."""
    out: list[str] = []
    for sentence_hits in hits.values():
        for hit in sentence_hits:
            homes = {e.country for e in hit.entries}
            entry = hit.entries[0] if hit.entries else None
            if entry is not None and len(homes) == 1 and entry.country and \
                    not entry.scoped and (entry.inter not in (1, 8) or (
                        entry.name and _FACTION.search(entry.name))):
                out.append(entry.country)
    return out


#: "Military Forces of Yemen (2016-) Supreme Political Council": a faction of the country (the
#: Houthis), unlike the plain state forces of a country, which also fight abroad
_FACTION = re.compile(r"\(\d{4}-\d{0,4}\)\s*\w")


def _country_name(gaz: Gazetteer, cc: str | None) -> str | None:
    rec = gaz.country(cc) if cc else None
    return rec.country or rec.name if rec is not None else None


@stage("geo.v1")
def make_geocoder(settings: Settings, resources: Resources) -> Geocoder:
    return Geocoder(resources)
