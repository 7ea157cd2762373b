"""Stage ``actors.v1``: actor mentions (``doc.actors``) and actor1/actor2 per candidate.

Options (``settings.stage_options["actors.v1"]``):

- ``extra_files``: list of YAML/CSV actor files layered over the shipped knowledge base.

``settings.model_dir``: when it holds ``actors.yaml`` (or ``actors.csv``) written by
:func:`sitrep.actors.learn.harvest`, that layer is loaded too.

Every candidate gets the knowledge base's choice; a candidate whose pack has its own actor lexicon
(:class:`sitrep.lang.ArgumentRules` ``actors="pack"``, Arabic) then gets the lexicon's
(:mod:`sitrep.actors.pack_lexicon`), whose mentions join ``doc.actors``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

from ..config import Settings
from ..lang import candidates_by_pack
from ..registry import stage
from ..resources import Resources
from ..schema import ActorMention, Doc, EventCandidate, Span
from .assign import Context, Participant, air_antecedent, choose_actors, main_rebel, participant
from .kb import KnowledgeBase, distinctive_words, load_kb
from .pack_lexicon import assign_pack_actors, pack_mentions
from .recognise import Hit, Matcher, build_matcher

__all__ = ["ActorResolver", "extra_layers", "learned_layers", "load_matcher", "make_actor_resolver"]

_log = logging.getLogger("sitrep.actors")


def learned_layers(settings: Settings) -> list[Path]:
    """``actors.yaml``/``actors.csv`` of the model directory written by ``sitrep train``."""
    if settings.model_dir is None:
        return []
    return [settings.model_dir / n for n in ("actors.yaml", "actors.csv") if (settings.model_dir / n).is_file()]


def extra_layers(settings: Settings) -> list[Path]:
    """User actor files named by ``stage_options["actors.v1"]["extra_files"]``, in load order."""
    paths: list[Path] = []
    options = settings.stage_options.get("actors.v1", {})
    files = options.get("extra_files", [])
    items: list[object] = [files] if isinstance(files, (str, Path)) else list(files) \
        if isinstance(files, (list, tuple)) else []
    paths.extend(Path(str(f)) for f in items)
    return paths


def load_matcher(settings: Settings) -> Matcher:
    """Resource loader: knowledge base (shipped + learned + user layers) and its matcher.

    Duplicate aliases are logged (``sitrep.actors``) as warnings; a broken file raises ConfigError.
    """
    kb = load_kb(learned=learned_layers(settings), extra=extra_layers(settings))
    for problem in kb.problems:
        _log.warning("actor knowledge base: %s", problem)
    return build_matcher(kb)


#: How many other sentences (nearest first) the document-level actor fallback looks at.
_DOC_WINDOW = 60


def _paragraphs(doc: Doc) -> list[int]:
    """Paragraph number of every sentence (a blank line starts a new paragraph)."""
    out: list[int] = []
    para, prev_end = 0, 0
    for sent in doc.sentences:
        if "\n\n" in doc.text[prev_end:sent.start] or "\n \n" in doc.text[prev_end:sent.start]:
            para += 1
        out.append(para)
        prev_end = sent.end
    return out


class ActorResolver:
    """Recognise actor mentions, then choose actor1/actor2 for every candidate."""

    def __init__(self, *, matcher: Matcher | None = None, resources: Resources | None = None,
                 settings: Settings | None = None) -> None:
        self._matcher = matcher
        self._resources = resources
        self._settings = settings or Settings()

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            resources = self._resources or Resources(self._settings)
            self._matcher = resources.get("actors.matcher", load_matcher)
        return self._matcher

    @property
    def kb(self) -> KnowledgeBase:
        return self.matcher.kb

    def _doc_country(self, doc: Doc) -> str | None:
        if doc.country_hint:
            return doc.country_hint
        if doc.inferred_country:  # geo.v1 weighed places, actors, demonyms and the dateline
            return doc.inferred_country
        counts = Counter(p.place.country for p in doc.places if p.place and p.place.country)
        if counts:
            return counts.most_common(1)[0][0]
        words = Counter(self.matcher.country_words(doc.text))
        return words.most_common(1)[0][0] if words else None

    def __call__(self, doc: Doc) -> Doc:
        matcher = self.matcher
        sentences = doc.sentences
        hits: list[Hit] = []
        by_sentence: dict[int, list[Hit]] = {}
        for sent in sentences:
            found = matcher.find(sent.text, offset=sent.start, sentence_index=sent.index)
            hits.extend(found)
            by_sentence[sent.index] = found
        country = self._doc_country(doc)
        year = doc.pub_date.year if doc.pub_date else None
        rebel = main_rebel(hits, country)
        opposition = main_rebel(hits, country, self.kb, opposition=True)
        doc_ctx = Context(kb=self.kb, country=country, year=year, main_rebel=rebel, main_opposition=opposition)
        mentions: list[ActorMention] = []
        for hit in hits:
            p = participant(hit, doc_ctx, doc.text)
            if p is None:
                continue
            partisan = any(e.partisan for e in hit.entries)
            mentions.append(ActorMention(span=Span(start=hit.start, end=hit.end, text=hit.text),
                                         sentence_index=hit.sentence_index, actor=p.actor, partisan=partisan))
        doc.actors = mentions
        for name in dict.fromkeys(m.actor.name for m in mentions if m.actor.review):
            doc.notes.append(f"actor {name!r} not in the knowledge base: kept verbatim for review")
        paras = _paragraphs(doc)
        cache: dict[tuple[str | None, int | None], dict[int, list[Participant]]] = {}
        mentions_at = self._mentions_by_sentence(doc)
        for cand in doc.candidates:
            self._assign(doc, cand, by_sentence, paras, country, year, rebel, cache,
                         mentions_at=mentions_at, opposition=opposition)
        home = doc.country_hint or doc.inferred_country  # the country geo.v1 read, never assumed
        for pack, cands in candidates_by_pack(doc):
            if pack.rules.actors != "pack":
                continue
            named = pack_mentions(doc, pack, home)
            doc.actors.extend(m for ms in named.values() for m in ms)
            for cand in sorted(cands, key=lambda c: (c.sentence_index, -c.score)):
                assign_pack_actors(cand, named, home)
        return doc

    @staticmethod
    def _mentions_by_sentence(doc: Doc) -> dict[int, list[ActorMention]]:
        out: dict[int, list[ActorMention]] = {}
        for m in doc.actors:
            out.setdefault(m.sentence_index, []).append(m)
        return out

    def _assign(self, doc: Doc, cand: EventCandidate, by_sentence: dict[int, list[Hit]], paras: list[int],
                country: str | None, year: int | None, rebel: str | None,
                cache: dict[tuple[str | None, int | None], dict[int, list[Participant]]], *,
                mentions_at: dict[int, list[ActorMention]], opposition: str | None = None) -> None:
        c = country
        if cand.place is not None and cand.place.place is not None and cand.place.place.country:
            c = cand.place.place.country if not doc.country_hint else doc.country_hint
        if cand.date is not None:
            year = cand.date.event_date.year
        ctx = Context(kb=self.kb, country=c, year=year, main_rebel=rebel, main_opposition=opposition)

        resolved = cache.get((c, year))
        if resolved is None:  # participants depend only on the event country and year
            resolved = cache[(c, year)] = {
                i: [p for p in (participant(h, ctx, doc.text) for h in found) if p is not None]
                for i, found in by_sentence.items()}

        def parts(indices: list[int]) -> list[Participant]:
            return [p for i in indices for p in resolved.get(i, [])]

        si = cand.sentence_index
        # paragraph, then the rest of the document, bounded to the nearest sentences so that
        # very long documents stay linear (news articles fall well inside the window)
        lo, hi = max(0, si - _DOC_WINDOW), min(len(paras), si + _DOC_WINDOW + 1)
        para_idx = [i for i in range(lo, hi) if i != si and paras[i] == paras[si]] if si < len(paras) else []
        sent_parts = air_antecedent(parts([si]), [resolved.get(i, []) for i in range(si - 1, lo - 1, -1)])
        para_parts = parts(para_idx)
        skip = set(para_idx) | {si}
        doc_parts = parts([i for i in range(lo, hi) if i in by_sentence and i not in skip])
        drone = si < len(doc.sentences) and bool(_DRONE.search(doc.sentences[si].text))
        a1, a2 = choose_actors(cand.event_type, cand.sub_event_type, sent_parts, para_parts, doc_parts, ctx,
                               drone=drone)
        if a1 is not None and a2 is not None and (a1.name == a2.name or same_group(a1.name, a2.name)):
            a2 = None
        cand.actor1, cand.actor2 = a1, a2
        cand.actors = mentions_at.get(si, [])
        if cand.event_type == "Violence against civilians" and a2 is not None and a2.inter == 7:
            cand.civilian_targeting = True


#: A drone named in the candidate's sentence: armed groups fly those, not aircraft
_DRONE = re.compile(r"\b(?:drones?|UAVs?|quadcopters?)\b", re.IGNORECASE)

#: How alike (rapidfuzz ratio, 0-100) two groups' own words must be to be one group
_SAME_GROUP = 90


def _core(name: str) -> str:
    """"QSD: Syrian Democratic Forces" -> "syrian democratic": the distinctive words of the group's
    name (:func:`.kb.distinctive_words`) without its initials prefix or its country in brackets."""
    name = re.sub(r"^[A-Z][A-Za-z]{1,6}:\s*", "", name)
    return " ".join(distinctive_words(re.sub(r"\s*\([^)]*\)\s*$", "", name)))


def same_group(a: str, b: str) -> bool:
    """Rule ``one-group-one-side``: two names of one group, spelt apart ("Syria Democratic Forces
    (SDF)" written by the report, "QSD: Syrian Democratic Forces" from the knowledge base), are no
    two sides of an event. Names of two or more words of their own that differ by a letter or two;
    a country's forces ("Military Forces of Syria", "Police Forces of Syria") are told apart by
    their kind, so one-word cores never count."""
    ca, cb = _core(a), _core(b)
    return len(ca.split()) >= 2 and len(cb.split()) >= 2 and fuzz.ratio(ca, cb) >= _SAME_GROUP


@stage("actors.v1")
def make_actor_resolver(settings: Settings, resources: Resources) -> ActorResolver:
    return ActorResolver(resources=resources, settings=settings)
