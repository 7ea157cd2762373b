"""Stage ``dates.v1``: each candidate's date, resolved against the publication date.

Each candidate is read with its language pack (:func:`sitrep.lang.pack_for`): the pack's
:meth:`~sitrep.lang.LanguagePack.dates` reader finds the date expressions of a sentence, and its
``rules.dates`` says how one is chosen:

- ``"narrative"`` (English): a date expression in the candidate's sentence (the one nearest the
  trigger), then the last dated sentence just before it (narrative carries its date forward), then
  the publication date with lower precision. Undated background alone marks ``cand.background``.
  dateparser (``languages=["en"]``) is a last resort for month-bearing text our rules missed, with
  a per-stage cache.
- ``"dispatch"`` (Arabic; :mod:`sitrep.normalise.dispatch_dates`): a written-out date beats a
  weekday or "yesterday"; the sentence, then the three before it, then any dated sentence lend.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date as Date
from datetime import timedelta

from ..config import Settings
from ..lang import LanguagePack, candidates_by_pack, pack_for
from ..nlp.segment import LEDE_SENTENCES
from ..registry import stage
from ..resources import Resources
from ..schema import DateInfo, Doc, EventCandidate, Evidence, Sentence
from .date_rules import DateMatch, make_span
from .dispatch_dates import date_dispatch

__all__ = ["DateResolver", "resolve_sentence_dates"]

_PRESENT = re.compile(r"\b(?:is|are|continues?|continuing|ongoing|has been|have been|now|today)\b", re.IGNORECASE)
#: A dateline: the place a report is filed from, maybe its agency and date, then a dash.
_DATELINE = re.compile(r"^\s*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3},?[ \t]+[^\n.!?]{0,50}?[ \t](?:--?|—|–)[ \t]")
_LOOSE = re.compile(r"\b(?:on\s+the\s+\d{1,2}(?:st|nd|rd|th)|(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}(?:st|nd|rd|th))\b", re.IGNORECASE)


def resolve_sentence_dates(text: str, pub: Date | None, *, pack: LanguagePack | None = None) -> list[DateMatch]:
    """Date expressions of one sentence (offsets into ``text``), read by ``pack`` (None: the
    default pack)."""
    return (pack or pack_for(None)).dates(text, pub)


#: At most this many days before publication, a lede's date is the news's time.
_LEDE_RECENT_DAYS = 2
#: A sentence this short is a headline or a byline: it lends no date to the sentences after it.
_LENDING_WORDS = 8

#: rule ``small-hours-are-the-day``: "overnight" or "last night" told with a clock time after
#: midnight ("around 1:45 a.m.") in the mention's sentence, the two after it or the lede
_NIGHT_WORDS = ("overnight", "last night")
_SMALL_HOURS = re.compile(r"\b(?:12|0?[1-5])(?::[0-5]\d)?\s*a\.?\s?m\b", re.IGNORECASE)


class DateResolver:
    """Stage ``dates.v1``: sets ``candidate.date`` (a :class:`DateInfo`) and its evidence.

    Options (keyword-only):
    - ``lookback``: how many earlier sentences may lend their date (default 3).
    - ``use_dateparser``: try dateparser on month-bearing text the rules missed (default True).
    """

    def __init__(self, *, lookback: int = 3, use_dateparser: bool = True) -> None:
        self.lookback = lookback
        self.use_dateparser = use_dateparser
        self._dp_cache: dict[tuple[str, Date | None], Date | None] = {}

    # -- computing -------------------------------------------------------------------------
    def _dateparser(self, text: str, pub: Date | None) -> Date | None:
        key = (text.lower(), pub)
        if key not in self._dp_cache:
            from datetime import datetime

            import dateparser

            settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
            if pub is not None:
                settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
            try:
                parsed = dateparser.parse(text, languages=["en"], settings=settings)
            except (ValueError, TypeError, OverflowError):
                parsed = None
            self._dp_cache[key] = parsed.date() if parsed else None
        return self._dp_cache[key]

    def _sentence_matches(self, sent: Sentence, pub: Date | None, pack: LanguagePack) -> list[DateMatch]:
        found = pack.dates(sent.text, pub)
        if found and sent.index < LEDE_SENTENCES:
            # rule ``dateline-dates-the-report``: "LUCKNOW, March 10, 2002 - Police fired on
            # protesters on Saturday": the dateline's date is the report's, the event's is Saturday
            # (a dateline date the publication date does not confirm stays a date of the text)
            line = _DATELINE.match(sent.text)
            if line is not None:
                found = [d for d in found if d.start >= line.end() or d.event_date != pub]
        if found or not self.use_dateparser:
            return found
        m = _LOOSE.search(sent.text)
        if m is None:
            return found
        parsed = self._dateparser(re.sub(r"^on\s+the\s+", "", m.group(0), flags=re.IGNORECASE), pub)
        if parsed is None:
            return found
        return [DateMatch(event_date=parsed, time_precision=1, date_prec=1, date_start=parsed,
                          date_end=parsed, expression=m.group(0), start=m.start(), end=m.end(),
                          rule="dateparser")]

    @staticmethod
    def _nearest(matches: list[DateMatch], t_start: int, t_end: int) -> DateMatch:
        def distance(d: DateMatch) -> tuple[int, int]:
            if d.end <= t_start:
                gap = t_start - d.end
            elif d.start >= t_end:
                gap = d.start - t_end + 5  # a date after the trigger binds a little less
            else:
                gap = 0
            return (gap, 1 if d.background else 0)

        return min(matches, key=distance)

    def _choose(self, doc: Doc, cand: EventCandidate,
                per_sentence: dict[int, list[DateMatch]]) -> tuple[DateMatch | None, int, str]:
        """(match, sentence index it came from, how) for one candidate."""
        idx = cand.sentence_index
        own = per_sentence.get(idx, [])
        if own:
            sent = doc.sentences[idx]
            return (self._nearest(own, cand.trigger.start - sent.start, cand.trigger.end - sent.start),
                    idx, "sentence")
        for back in range(1, self.lookback + 1):
            j = idx - back
            if j < 0:
                break
            if len(doc.sentences[j].text.split()) < _LENDING_WORDS:
                continue  # headlines and bylines do not lend their date
            usable = [d for d in per_sentence.get(j, []) if not d.background]
            if usable:
                return usable[-1], j, "context"
            if per_sentence.get(j):
                break
        # rule lede-sets-the-time: a story's later sentences tell of the happening its lede dated
        # ("reported at about 1:25 p.m. on Friday" ... "four people were killed"): with no date of
        # its own or in the sentences before it, a mention takes the lede's first date, not the
        # day the story was published; when that date is recent (a lede date days before
        # publication tells of a recalled happening)
        pub = doc.pub_date
        for j in range(min(idx - self.lookback, LEDE_SENTENCES)):
            usable = [d for d in per_sentence.get(j, []) if not d.background]
            if usable and len(doc.sentences[j].text.split()) >= _LENDING_WORDS:
                first = usable[0]
                if pub is not None and 0 <= (pub - first.event_date).days <= _LEDE_RECENT_DAYS:
                    return first, j, "lede"
                break
        return None, idx, "default"

    def _to_info(self, doc: Doc, match: DateMatch, sent: Sentence, how: str) -> DateInfo:
        pub = doc.pub_date
        if match.flag:
            doc.notes.append(f"dates: {match.flag} in {match.expression!r}")
        if match.flag and "impossible" in match.flag:
            d = match.event_date
            s, e = Date(d.year, d.month, 1), d
            match = replace(match, event_date=s + timedelta(days=(e - s).days // 2),
                            time_precision=3, date_prec=4, date_start=s, date_end=e)
        if pub is not None and match.event_date > pub and match.rule != "consecutive":
            # conservative: the report cannot tell of a later event; keep its publication date
            match = replace(match, event_date=pub, time_precision=2, date_prec=2,
                            date_start=pub - timedelta(days=1), date_end=pub)
        tp = match.time_precision if how == "sentence" else max(match.time_precision, 1)
        return DateInfo(event_date=match.event_date, time_precision=tp, date_prec=match.date_prec,
                        date_start=match.date_start, date_end=match.date_end,
                        expression=match.expression, start=sent.start + match.start,
                        end=sent.start + match.end)

    @staticmethod
    def _small_hours(doc: Doc, idx: int) -> bool:
        """Whether the mention's sentence, the two after it or the lede give a time after
        midnight (rule ``small-hours-are-the-day``)."""
        near = set(range(idx, idx + 3)) | set(range(LEDE_SENTENCES))
        return any(_SMALL_HOURS.search(doc.sentences[i].text) for i in sorted(near) if i < len(doc.sentences))

    @staticmethod
    def _default(doc: Doc, sent: Sentence | None) -> DateInfo | None:
        pub = doc.pub_date
        if pub is None:
            return None
        if sent is not None and _PRESENT.search(sent.text):
            return DateInfo(event_date=pub, time_precision=1, date_prec=1, date_start=pub, date_end=pub)
        s = pub - timedelta(days=1)
        _, _, dp = make_span(s, pub)
        return DateInfo(event_date=pub, time_precision=2, date_prec=dp, date_start=s, date_end=pub)

    # -- writing back ----------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        for pack, cands in candidates_by_pack(doc):
            if pack.rules.dates == "dispatch":
                date_dispatch(doc, cands, pack, lookback=self.lookback)
            else:
                self._narrative(doc, cands, pack)
        return doc

    def _narrative(self, doc: Doc, cands: list[EventCandidate], pack: LanguagePack) -> None:
        pub = doc.pub_date
        wanted = {c.sentence_index for c in cands}
        wanted |= {i - k for i in wanted for k in range(1, self.lookback + 1) if i - k >= 0}
        wanted |= set(range(LEDE_SENTENCES))
        per_sentence = {i: self._sentence_matches(doc.sentences[i], pub, pack)
                        for i in sorted(wanted) if i < len(doc.sentences)}
        for cand in cands:
            if cand.date is not None:
                continue
            if cand.sentence_index >= len(doc.sentences):
                doc.notes.append(f"dates: candidate {cand.trigger.text!r} has no sentence")
                continue
            match, j, how = self._choose(doc, cand, per_sentence)
            if match is not None and pub is None and (match.flag or match.rule not in ("iso", "dmy", "mdy", "numeric", "day_range", "month_year", "dateparser")):
                match = None  # relative or yearless expression with nothing to resolve it against
            if match is not None and match.background:
                cand.background = True
                doc.notes.append(f"dates: {cand.trigger.text!r} tied only to undated background "
                                 f"{match.expression!r}")
            if match is not None and pub is not None and match.rule == "day_word" \
                    and " ".join(match.expression.lower().split()) in _NIGHT_WORDS \
                    and match.event_date < pub and self._small_hours(doc, cand.sentence_index):
                # the night before publication, after midnight: ACLED dates by the calendar day
                day = timedelta(days=1)
                match = replace(match, event_date=match.event_date + day,
                                date_start=match.date_start + day, date_end=match.date_end + day)
                doc.notes.append(f"dates: {match.expression!r} with a time after midnight is the "
                                 f"publication day (rule small-hours-are-the-day)")
            if match is not None:
                cand.date = self._to_info(doc, match, doc.sentences[j], how)
                cand.extra["date_rule"] = f"{match.rule}:{how}"
                assert cand.date.start is not None and cand.date.end is not None
                cand.evidence.append(Evidence(doc_id=doc.document.id, field="event_date",
                                              start=cand.date.start, end=cand.date.end,
                                              text=match.expression))
                continue
            cand.date = self._default(doc, doc.sentences[cand.sentence_index])
            cand.extra["date_rule"] = "default"
            if cand.date is None:
                doc.notes.append(f"dates: no publication date and no explicit date for "
                                 f"{cand.trigger.text!r}; left undated")
            else:
                doc.notes.append(f"dates: {cand.trigger.text!r} dated by publication date")


@stage("dates.v1")
def make_date_resolver(settings: Settings, resources: Resources) -> DateResolver:
    opts = settings.stage_options.get("dates.v1", {})
    return DateResolver(lookback=int(opts.get("lookback", 3)),  # type: ignore[call-overload]
                        use_dateparser=bool(opts.get("use_dateparser", True)))
