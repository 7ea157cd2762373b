"""The dispatch date rules of ``dates.v1`` (:class:`sitrep.lang.ArgumentRules` ``dates="dispatch"``).

Short dispatches and headlines (the Arabic outlets' style) write the day of the event out, or say
"yesterday" or a weekday. A date written out (day and month) beats a weekday or "yesterday" in
the same sentence; the candidate's sentence lends first, then the ``lookback`` sentences before
it, then any dated sentence of the report (a headline's date below the description); else the
publication day itself. A written date one day after publication is the outlet's local date (UTC
upload times); a later one is clamped to the publication date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from itertools import chain

from ..lang import MAX_SENTENCE_CHARS, LanguagePack
from ..schema import DateInfo, Doc, EventCandidate, Evidence
from .date_rules import DateMatch

__all__ = ["WRITTEN_OUT", "date_dispatch"]

#: Rules of dates written out with their month (as opposed to weekdays and relative words).
WRITTEN_OUT = frozenset({"ar_dmy", "ar_iso", "ar_day_month", "iso", "dmy", "mdy", "numeric", "day_range"})


def _choose(cand: EventCandidate, dates: dict[int, list[DateMatch]], lookback: int) -> DateMatch | None:
    si = cand.sentence_index
    order = chain((si,), range(si - 1, max(-1, si - lookback - 1), -1),
                  (i for i in sorted(dates) if dates[i] and (i > si or i < si - lookback)))
    for i in order:
        if dates.get(i):
            written = [d for d in dates[i] if d.rule in WRITTEN_OUT] or dates[i]
            return min(written, key=lambda d: abs(d.start - cand.trigger.start))
    return None


def _write(doc: Doc, cand: EventCandidate, found: DateMatch | None, pack: LanguagePack) -> None:
    cand.evidence = [e for e in cand.evidence if e.field != "event_date"]
    pub = doc.pub_date
    if found is None:
        if pub is None:
            cand.date = None
            doc.notes.append(f"dates: no date for {cand.trigger.text!r}; left undated")
            return
        cand.date = DateInfo(event_date=pub, time_precision=1, date_prec=1, date_start=pub, date_end=pub)
        cand.extra["date_rule"] = f"{pack.code}_default"
        doc.notes.append(f"dates: {cand.trigger.text!r} dated by publication date")
        return
    d = found
    slack = timedelta(days=1 if d.rule in WRITTEN_OUT else 0)
    if pub is not None and d.event_date > pub + slack:
        d = replace(d, event_date=pub, rule=d.rule + "_after_pub", time_precision=2, date_prec=2,
                    date_start=pub - timedelta(days=1), date_end=pub)
    cand.date = DateInfo(event_date=d.event_date, time_precision=d.time_precision, date_prec=d.date_prec,
                         date_start=d.date_start, date_end=d.date_end, expression=d.expression,
                         start=d.start, end=d.end)
    cand.extra["date_rule"] = d.rule
    cand.evidence.append(Evidence(doc_id=doc.document.id, field="event_date", start=d.start, end=d.end,
                                  text=d.expression))


def date_dispatch(doc: Doc, cands: list[EventCandidate], pack: LanguagePack, *, lookback: int = 3) -> None:
    """Date ``cands`` (candidates of ``pack``) by the dispatch rules (see the module docstring)."""
    pub = doc.pub_date
    dates = {s.index: [replace(d, start=s.start + d.start, end=s.start + d.end)
                       for d in pack.dates(s.text[:MAX_SENTENCE_CHARS], pub)] for s in doc.sentences}
    for cand in sorted(cands, key=lambda c: (c.sentence_index, -c.score)):
        _write(doc, cand, _choose(cand, dates, lookback), pack)
