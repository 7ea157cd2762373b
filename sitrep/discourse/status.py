"""The status of each event mention in its article: which happenings the article reports.

Statuses (only ``new`` becomes an event; the others stay in the notes and in ``why``):

- ``new``: a happening this article reports;
- ``negated``: denied or negated ("the army denied shelling the town");
- ``irrealis``: a plan, threat, prediction or condition ("would fall next");
- ``recalled``: an earlier event recalled as context (a background cue, or a date more than
  :data:`RECALL_DAYS` before the article's focus date, the date of its lede);
- ``aggregate``: a running or aggregate toll ("since 2011", "the war has killed");
- ``unspecified``: a claim about no fixed time ("in recent weeks"), unless the text dates it;
- ``undated``: a mention with no date of its own in a dated document; in a document with no
  publication date and no date in its text, mentions are ``new`` and coded undated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date

from ..nlp.modality import clause_spans
from ..schema import Doc, EventCandidate
from .coref import own_date
from .cues import MAX_EVENT_DEATHS, aggregate_cue, earlier_month_cue, unspecified_time_cue

__all__ = ["RECALL_DAYS", "STATUSES", "Status", "focus_date", "mention_status"]

#: A mention dated this many days or more before the article's focus date (its lede) is recalled
#: context: the news window is the lede's day and the three days before it ("a few days ago").
RECALL_DAYS = 4

STATUSES = ("new", "negated", "irrealis", "recalled", "aggregate", "unspecified", "undated")


@dataclass(frozen=True)
class Status:
    """A mention's status, the rule that decided it and the words it rests on."""

    label: str
    rule: str
    evidence: str = ""

    def explain(self) -> str:
        return f"{self.label} ({self.rule}{': ' + repr(self.evidence) if self.evidence else ''})"


_TOLL_WORDS = re.compile(r"\b(?:kill\w*|dead|deaths?|died|toll|casualt\w*|fatalit\w*|lives|massacre\w*|bodies)\b",
                         re.IGNORECASE)


def _explicit(cand: EventCandidate) -> bool:
    rule = str(cand.extra.get("date_rule", "default"))
    return cand.date is not None and not rule.startswith("default")


def focus_date(doc: Doc) -> Date | None:
    """The date the article is about: the first explicitly dated mention that is not already
    marked negated, hypothetical or background (the lede), else the publication date."""
    for cand in sorted(doc.candidates, key=lambda c: (c.sentence_index, c.trigger.start)):
        if _explicit(cand) and not (cand.negated or cand.hypothetical or cand.background):
            assert cand.date is not None
            return cand.date.event_date
    return doc.pub_date


def _clause(doc: Doc, cand: EventCandidate) -> str:
    sent = doc.sentences[cand.sentence_index]
    at = cand.trigger.start - sent.start
    for start, end in clause_spans(sent.text):
        if start <= at < end:
            return sent.text[start:end]
    return sent.text


def mention_status(doc: Doc, cand: EventCandidate, focus: Date | None) -> Status:
    """Decide one mention's status (first matching rule wins)."""
    if cand.negated:
        return Status("negated", "modality.negation")
    if cand.hypothetical:
        return Status("irrealis", "modality.hypothetical")
    if cand.background:
        return Status("recalled", "modality.background")
    clause = _clause(doc, cand)
    cue = aggregate_cue(clause) if _TOLL_WORDS.search(clause) else None
    if cue:
        return Status("aggregate", "toll.period", cue)
    cue = unspecified_time_cue(clause)
    if cue and not own_date(cand):  # no day of its own
        return Status("unspecified", "time.unspecified", cue)
    killed = [c for c in cand.claims if c.quantity == "killed" and c.low is not None]
    if killed and max(c.low or 0 for c in killed) > MAX_EVENT_DEATHS:
        return Status("aggregate", "toll.magnitude", str(max(c.low or 0 for c in killed)))
    if cand.date is None:
        if doc.pub_date is None:  # the document gives no date at all: coded undated, not dropped
            return Status("new", "reported.undated")
        return Status("undated", "date.none")
    month = earlier_month_cue(clause, focus) if focus is not None else None
    if month:
        return Status("recalled", "date.earlier_month", month)
    if focus is not None and _explicit(cand) and (focus - cand.date.event_date).days >= RECALL_DAYS:
        return Status("recalled", "date.before_focus",
                      f"{cand.date.expression or cand.date.event_date} vs {focus.isoformat()}")
    return Status("new", "reported")
