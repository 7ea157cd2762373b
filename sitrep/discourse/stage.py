"""Stage ``discourse.v1``: which happenings a whole article reports, each once, each death once.

Runs between the argument stages (dates, fatalities, places, actors) and assembly:

1. every mention gets a status (:mod:`.status`); only ``new`` mentions go on, the others stay in
   ``doc.notes`` with the rule and the words that decided;
2. new mentions are grouped into happenings (:mod:`.coref`): the assembler makes one event of each;
3. deaths are reconciled across happenings (:mod:`.deaths`).

Each mention keeps its reasons in ``extra["why"]``; the assembler copies them to ``Event.why``.
"""

from __future__ import annotations

from ..assemble import headline_indexes
from ..config import Settings
from ..registry import stage
from ..resources import Resources
from ..schema import Doc
from .coref import group_happenings
from .deaths import reconcile_deaths, split_day_totals
from .status import focus_date, mention_status

__all__ = ["DiscourseStage"]


class DiscourseStage:
    """Stage ``discourse.v1`` (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        if not doc.candidates:
            return doc
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
        happenings = group_happenings(new, headlines=frozenset(headline_indexes(doc)))
        for number, happening in enumerate(happenings):
            for cand, why in zip(happening.members, happening.reasons, strict=True):
                cand.extra["happening"] = number
                cand.extra["why"].append(f"coreference: {why}")
        reconcile_deaths(doc, happenings)
        split_day_totals(doc, happenings)
        new_count = len(happenings)
        if not new and doc.candidates:
            doc.notes.append("discourse: no happening reported as new in this article "
                             f"({len(doc.candidates)} mention(s) of background, tolls or plans)")
        elif new_count < len(new):
            doc.notes.append(f"discourse: {len(new)} new mention(s) form {new_count} happening(s)")
        return doc


@stage("discourse.v1")
def make_discourse(settings: Settings, resources: Resources) -> DiscourseStage:
    return DiscourseStage()
