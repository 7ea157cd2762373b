"""Every death counted once per article (coding rules, "Whole articles").

The fatalities stage gives each mention the figures of its own sentence and of the figure
sentences that follow it. Across the happenings of one article this counts a death again whenever
a figure is shared or restated, so, happenings in order (fighting and remote violence first, the
events where deaths happen; then the others, each in text order):

- a mention whose toll and figures were already counted in another happening counts 0;
- a mention restating, in other words, a toll already counted in another happening (the same
  number of deaths, at least :data:`RESTATED_MIN`) counts 0;
- deaths "reported" with no number where the report says it gave none count 0.
"""

from __future__ import annotations

from ..schema import Doc, EventCandidate
from .coref import Happening, family, lethal
from .cues import no_number_cue

__all__ = ["RESTATED_MIN", "reconcile_deaths"]

#: Equal tolls of two happenings are the same deaths restated only from this size up: "two
#: killed in X ... two killed in Y" are often two small events.
RESTATED_MIN = 5


def _used(cand: EventCandidate) -> set[int]:
    return {e.start for e in cand.evidence if e.field == "fatalities"}


def _zero(doc: Doc, cand: EventCandidate, why: str) -> None:
    doc.notes.append(f"deaths: {cand.fatalities} at {cand.trigger.text!r} not counted: {why}")
    cand.extra.setdefault("why", []).append(f"deaths: {cand.fatalities} not counted ({why})")
    cand.extra["fatalities_counted_elsewhere"] = cand.fatalities
    cand.fatalities = 0
    cand.fatalities_low = 0
    cand.deaths_civilians = None


def reconcile_deaths(doc: Doc, happenings: list[Happening]) -> None:
    """Zero the figures of mentions whose deaths another happening of the article already counts."""
    spans_of: dict[int, int] = {}  # figure offset -> happening number that counted it
    values_of: dict[int, int] = {}  # toll -> happening number that counted it
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
            used = _used(cand)
            owner = values_of.get(cand.fatalities)
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
