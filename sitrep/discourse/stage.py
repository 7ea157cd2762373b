"""Stage ``discourse.v1``: which happenings a whole article reports, each once, each death once.

Runs between the argument stages (dates, fatalities, places, actors) and assembly:

1. every mention gets a status (:mod:`.status`); only ``new`` mentions go on, the others stay in
   ``doc.notes`` with the rule and the words that decided;
2. new mentions are grouped into happenings (:mod:`.coref`): the assembler makes one event of each;
   a learned model (:mod:`.salience`) sets aside happenings the article mentions only in passing,
   and another (:mod:`.coref_model`) joins reported happenings the rules kept apart that are one
   happening told twice;
3. deaths are reconciled across happenings (:mod:`.deaths`).

Each mention keeps its reasons in ``extra["why"]``; the assembler copies them to ``Event.why``.
"""

from __future__ import annotations

from datetime import date as Date
from typing import NamedTuple

from ..assemble import headline_indexes
from ..config import Settings
from ..registry import stage
from ..resources import Resources
from ..schema import Doc, EventCandidate
from .coref import Happening, group_happenings
from .coref_model import join_happenings, load_coref_model
from .linear import LinearModel
from .deaths import count_once
from .salience import SalienceModel, choose_kept, happening_features, load_salience_model
from .status import focus_date, mention_status

__all__ = ["Article", "DiscourseStage", "read_article"]


_CONTAINING = ("city", "town", "admin3", "admin2", "admin1")


def _rehome_inherited_places(doc: Doc, new: list[EventCandidate]) -> None:
    """A mention that names no place inherits the last one named; when that place was named
    only by mentions that are not news (a condition, a plan, background), it is not where this
    happened ("would capture Ard al-Sabbagh" ... "the attack in recent days"). The mention then
    takes the place of the latest reported mention before it in the same province, preferring a
    city or region that holds it, at precision 2 at least."""
    news_sentences = {c.sentence_index for c in new}
    for cand in new:
        pm = cand.place
        if pm is None or pm.place is None or pm.sentence_index == cand.sentence_index \
                or pm.sentence_index in news_sentences:
            continue
        earlier = [c for c in new if c.sentence_index < cand.sentence_index and c.place is not None
                   and c.place.place is not None and c.place.sentence_index == c.sentence_index
                   and c.place.place.admin1 == pm.place.admin1]
        if not earlier:
            continue
        wide = [c for c in earlier if c.place is not None and c.place.place is not None
                and c.place.place.kind in _CONTAINING]
        source = (wide or earlier)[-1].place
        assert source is not None
        cand.place = source.model_copy(update={"geo_precision": max(source.geo_precision, 2),
                                               "where_prec": max(source.where_prec, 2)})
        note = (f"place {pm.span.text!r} was named only in sentence {pm.sentence_index}, which reports "
                f"no news; located with {source.span.text!r} instead")
        cand.extra.setdefault("why", []).append(f"location: {note}")
        doc.notes.append(f"discourse: {cand.trigger.text!r}: {note}")


class Article(NamedTuple):
    """What the rules read in an article before the salience model: its new mentions, their
    happenings, its focus date and its headline sentences."""

    new: list[EventCandidate]
    happenings: list[Happening]
    focus: Date | None
    headlines: frozenset[int]


def read_article(doc: Doc) -> Article:
    """Status of every mention (written on it, the others noted), then the new mentions' places
    and happenings; shared by the stage and the salience trainer so both see the same happenings."""
    focus = focus_date(doc)
    new = []
    for cand in doc.candidates:
        status = mention_status(doc, cand, focus)
        cand.extra["status"] = status.label
        cand.extra["why"] = [f"status: {status.explain()}"]
        if status.label == "new":
            new.append(cand)
        else:
            doc.notes.append(f"discourse: {cand.sub_event_type!r} at {cand.trigger.text!r} "
                             f"is {status.explain()}; not coded")
    _rehome_inherited_places(doc, new)
    headlines = frozenset(headline_indexes(doc))
    return Article(new, group_happenings(new, headlines=headlines), focus, headlines)


class DiscourseStage:
    """Stage ``discourse.v1`` (see the module docstring).

    Options (keyword-only):
    - ``salience``: a :class:`~.salience.SalienceModel` deciding which happenings the article
      reports as news (None: every new happening is coded).
    - ``min_sentences``: the model reads stories, not notes: a text shorter than this (an ACLED
      note, a snippet) codes every new happening (default 6).
    - ``keep_territory``: changes of territory stay with the rules, the model never sets one
      aside (default True): the development data code deaths, not captures, so the model has
      not learned them (a capture told in one line of a story about a battle is still news).
    - ``coref``: a :class:`~.linear.LinearModel` over :data:`~.coref_model.PAIR_FEATURES` joining
      reported happenings that are one (None: the rules alone group); like the salience model it
      reads stories of ``min_sentences`` or more only.
    """

    def __init__(self, *, salience: SalienceModel | None = None, min_sentences: int = 6,
                 keep_territory: bool = True, coref: LinearModel | None = None) -> None:
        self.salience = salience
        self.min_sentences = min_sentences
        self.keep_territory = keep_territory
        self.coref = coref

    def _drop_context(self, doc: Doc, happenings: list[Happening], focus: Date | None,
                      headlines: frozenset[int]) -> list[Happening]:
        """Happenings the model reads as mentioned in passing leave; the most salient one stays."""
        model = self.salience
        if model is None or len(happenings) < 2 or len(doc.sentences) < self.min_sentences:
            return happenings
        feats = [happening_features(doc, happenings, k, focus, headlines) for k in range(len(happenings))]
        probs = [model.probability(f) for f in feats]
        reasons = choose_kept(happenings, probs, model.threshold, keep_territory=self.keep_territory)
        kept = []
        for k, hap in enumerate(happenings):
            why = f"salience {probs[k]:.2f} (threshold {model.threshold:.2f}; {', '.join(model.strongest(feats[k]))})"
            if reasons[k] is not None:
                for cand in hap.members:
                    cand.extra.setdefault("why", []).append(f"reported: {reasons[k]}, {why}")
                kept.append(hap)
                continue
            for cand in hap.members:
                cand.extra["status"] = "context"
                cand.extra.setdefault("why", []).append(f"status: context (model.salience: {why})")
            doc.notes.append(f"discourse: {hap.head.sub_event_type!r} at {hap.head.trigger.text!r} is mentioned "
                             f"in passing ({why}); not coded")
        return kept

    def __call__(self, doc: Doc) -> Doc:
        if not doc.candidates:
            return doc
        article = read_article(doc)
        new = article.new
        happenings = self._drop_context(doc, article.happenings, article.focus, article.headlines)
        if self.coref is not None and len(happenings) > 1 and len(doc.sentences) >= self.min_sentences:
            happenings = join_happenings(doc, happenings, self.coref, article.headlines)
        for number, happening in enumerate(happenings):
            for cand, why in zip(happening.members, happening.reasons, strict=True):
                cand.extra["happening"] = number
                cand.extra["why"].append(f"coreference: {why}")
        count_once(doc, happenings)
        new_count = len(happenings)
        if not new and doc.candidates:
            doc.notes.append("discourse: no happening reported as new in this article "
                             f"({len(doc.candidates)} mention(s) of background, tolls or plans)")
        elif new_count < len(new):
            doc.notes.append(f"discourse: {len(new)} new mention(s) form {new_count} happening(s)")
        return doc


@stage("discourse.v1")
def make_discourse(settings: Settings, resources: Resources) -> DiscourseStage:
    opts = settings.stage_options.get("discourse.v1", {})
    return DiscourseStage(salience=load_salience_model() if opts.get("salience", True) else None,
                          min_sentences=int(opts.get("min_sentences", 6)),  # type: ignore[call-overload]
                          keep_territory=bool(opts.get("keep_territory", True)),
                          coref=load_coref_model() if opts.get("coref_model", True) else None)
