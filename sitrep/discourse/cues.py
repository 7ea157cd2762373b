"""Cues of a mention's status in the article, each stating an ACLED coding rule.

- A running or aggregate toll ("since 2011", "so far this year", "the war has killed") is no event:
  ACLED codes one day, one place, one pair of actors; a total over a period is context.
- A death figure above :data:`MAX_EVENT_DEATHS` is a running total, not one event's toll.
- "He did not give a number for those killed" states no figure.
"""

from __future__ import annotations

import re
from datetime import date as Date

__all__ = ["MAX_EVENT_DEATHS", "aggregate_cue", "earlier_month_cue", "no_number_cue", "unspecified_time_cue"]

#: No single political-violence event of the data sets we know of reaches this toll; a larger
#: figure in an article is a war or campaign total (ACLED: fatalities are per event).
MAX_EVENT_DEATHS = 5000

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_WAR = r"(?:war|conflict|uprising|crisis|revolution|revolt|insurgency)"
_NUMBER_WORD = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|many)"

_AGGREGATE = re.compile(
    r"\bsince\s+(?:the\s+|its\s+|it\s+)?(?:start|beginning|outbreak|onset|began|begin|erupted|broke\s+out|"
    r"uprising|conflict|war|revolt|revolution|crisis|intervention|protests?|(?:early|mid|late)[- ]\d{4}|"
    r"(?:19|20)\d\d|" + _MONTHS + r"\b|last\s+(?:year|month|week)|moscow|russia|the\s+\w+\s+(?:began|started))"
    r"|\bsince\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){1,4}(?:began|started|erupted|broke\s+out|was\s+launched|"
    r"were\s+launched|launched)\b"
    r"|\b(?:so\s+far|to\s+date|thus\s+far)\b"
    r"|\b(?:hundreds\s+of\s+thousands|tens\s+of\s+thousands|(?:a\s+)?quarter\s+of\s+a\s+million|half\s+a\s+million|"
    r"millions)\b"
    r"|\b(?:across|throughout)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:country|syria|iraq|yemen|nation)\b|\bnationwide\b"
    r"|\b(?:over|during|in|within|throughout)\s+the\s+(?:past|last|previous)\s+" + _NUMBER_WORD
    + r"\s+(?:weeks|months|years)\b"
    r"|\b(?:over|during|in|within|throughout)\s+the\s+(?:past|last|previous)\s+(?:\d{2,}|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|several|few)\s+days\b"
    # more than a day's hours ("in the past 48 hours"): ACLED codes one day at a time
    r"|\b(?:over|during|in|within|throughout)\s+the\s+(?:past|last|previous)\s+(?:2[5-9]|[3-9]\d|\d{3,})\s+hours\b"
    r"|\b(?:years?|months?)[- ]long\b|\b\w+[- ](?:year|month|week|day)[- ](?:old\s+|long\s+)?" + _WAR + r"\b"
    # a war or campaign told at length ("the war between the cartels has already claimed 120
    # lives", "the offensive launched on 12 November by the FMLN ... has resulted in 305 dead")
    r"|\b(?:" + _WAR + r"|offensive|campaign|repression|wave\s+of\s+violence|crackdown)\b[^.;:]{0,160}?"
    r"\b(?:has|have|had)\s+(?:now\s+|so\s+far\s+|already\s+)?(?:killed|claimed|left|cost|resulted\s+in|caused)\b"
    r"|\b(?:killed|died|dead|deaths?|lost\s+their\s+lives)\s+(?:in|during|since|throughout)\s+(?:the\s+|syria'?s\s+|"
    r"iraq'?s\s+|yemen'?s\s+|its\s+)?(?:\w+[- ](?:year|month)[- ](?:old\s+|long\s+)?|civil\s+|ongoing\s+|brutal\s+)?"
    + _WAR + r"\b"
    r"|\b(?:overall|total|cumulative)\s+(?:death\s+)?toll\s+(?:in|of|from)\s+(?:the|syria|iraq|yemen)\b"
    r"|\bdeath\s+toll\s+(?:in|of|from)\s+(?:the\s+)?" + _WAR + r"\b"
    r"|\bin\s+(?:the\s+)?(?:first|second|third|past)\s+(?:half|quarter|months?)\s+of\b"
    r"|\b(?:a|per|each|every)\s+(?:day|week|month)\b(?!\s+(?:after|before|later|earlier|ago))"
    r"|\b(?:on\s+average|in\s+all\s+of|monthly|annual|weekly|daily)\s+(?:toll|death|average)",
    re.IGNORECASE)

_NO_NUMBER = re.compile(
    r"\b(?:did\s+not|didn'?t|does\s+not|doesn'?t|would\s+not|wouldn'?t|could\s+not|couldn'?t|declined\s+to|"
    r"refused\s+to|was\s+unable\s+to|were\s+unable\s+to|no)\s+(?:offer|give|provide|specify|say|disclose|"
    r"release|confirm|immediate)\w*\s+(?:a\s+|any\s+|the\s+)?(?:number|figure|toll|count|casualty|details?|"
    r"information|word)\b",
    re.IGNORECASE)


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_IN_MONTH = re.compile(r"\b(?i:in|since|during|last|early|late|mid|until|by)[- ](?P<month>January|February|March|April|"
                       r"May|June|July|August|September|October|November|December)\b(?!\s+\d{1,2}\b)")


def earlier_month_cue(text: str, focus: Date) -> str | None:
    """A month named as the time of the clause ("in May") that cannot be the article's news
    window: an earlier month of the focus date's year, but not the month before it in the first
    ten days of the focus month."""
    for m in _IN_MONTH.finditer(text):
        month = _MONTH_NAMES.index(m.group("month").lower()) + 1
        previous = 12 if focus.month == 1 else focus.month - 1
        if month >= focus.month or (month == previous and focus.day <= 10):
            continue  # this month, or a later one (a plan, or last year: the words cannot tell)
        return m.group(0)
    return None


#: rule ``period-total``: deaths counted over a calendar year or month ("100 rebels have been
#: killed by the police this year", "in 1989 the death squads killed 2,000") are a total over the
#: period, not one day's toll; not when the period only ranks a single event ("the deadliest attack
#: this year") or dates it ("on the 5th of this month")
_PERIOD = re.compile(r"\b(?:this|last|that)\s+(?:year|month)\b|\b(?:in|during|throughout)\s+(?:19|20)\d\d\b",
                     re.IGNORECASE)
_RANKS_OR_DATES = re.compile(r"(?:\b\w+est|\bworst|\bfirst|\bsecond|\bthird|\blast|\bmost|\bbiggest|\bonly|"
                             r"\bof|\bearlier|\blater|\bsince|\buntil)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
_PERFECT_DEATHS = re.compile(r"\b(?:ha(?:s|ve|d)\s+(?:now\s+|already\s+)?(?:been\s+)?(?:killed|died|murdered|"
                             r"slain|executed|claimed|left)|deaths\s+(?:ha(?:s|ve)|rose|reached|stands?))\b",
                             re.IGNORECASE)


_EVENTS = (r"(?:clashes|attacks|incidents|operations|bombings|massacres|raids|confrontations|ambushes|"
           r"skirmishes|battles|strikes|air\s+strikes|airstrikes|explosions|bombs|assaults|killings)")
_DATE_WORDS = (r"(?:\d{1,2}\s+" + _MONTHS + r"(?:\s+\d{4})?|" + _MONTHS + r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?|"
               r"(?:19|20)\d\d)")
#: rule ``toll-over-many-events``: ACLED's unit is one event (one day, one place, one pair of
#: actors); a toll spread over many of them (five or more: two ambushes on one day are still the
#: day's report), over an interval of days or over a whole campaign
#: is a total: "killed in 386 clashes", "in more than 40 massacres", "set off 260 bombs, killing
#: 190", "from 11 November to 30 January", "as of today", "during the same period" (a war or
#: campaign told at length, "the offensive has left 600 dead", is in ``_AGGREGATE`` beside the war)
_MANY_EVENTS = re.compile(
    r"\b(?:in|during|through|after|with)\s+(?:(?:more\s+than|over|at\s+least|nearly|some|about)\s+)?"
    r"(?:[5-9]|\d{2,}|five|six|seven|eight|nine|ten|dozens\s+of|hundreds\s+of|numerous)\s+(?:[\w-]+\s+)?"
    + _EVENTS + r"\b"
    r"|\b(?:set\s+off|carried\s+out|staged|launched|planted|detonated|conducted)\s+(?:(?:more\s+than|over|"
    r"at\s+least|nearly|some|about)\s+)?(?:\d{2,}|dozens\s+of|hundreds\s+of)\s+(?:[\w-]+\s+)?" + _EVENTS + r"\b",
    re.IGNORECASE)
#: a clause dated to one day tells that day's events, however many ("40 air raids on Thursday")
_ONE_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
                      r"overnight|24\s+hours|on\s+\d{1,2}\s+" + _MONTHS + r"|on\s+" + _MONTHS + r"\s+\d{1,2})\b", re.IGNORECASE)
_SPREAD = re.compile(
    r"\bfrom\s+" + _DATE_WORDS + r"\s+(?:to|until|through)\s+" + _DATE_WORDS + r"\b"
    r"|\bbetween\s+" + _DATE_WORDS + r"\s+and\s+" + _DATE_WORDS + r"\b(?=[^.;]{0,80}\b(?:killed|dead|died|deaths))"
    r"|\bas\s+of\s+(?:today|now|this\s+\w+|\d{1,2}\s+" + _MONTHS + r"|" + _MONTHS + r"\s+\d{1,2})\b"
    r"|\b(?:during|in|over)\s+the\s+same\s+period\b"
    r"|\bup\s+(?:un)?til+\s+(?:now|today|this\s+\w+|\d{1,2}\s+" + _MONTHS + r"|" + _MONTHS + r")\b"
    r"|\bsince\s+(?:\d{1,2}\s+" + _MONTHS + r"|" + _MONTHS + r"\s+\d{1,2})\b"
    r"|\bin\s+(?:only|just)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days|weeks|months|years)\b"
    r"|\bsince\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){1,4}(?:was|were)\s+(?:founded|created|formed|"
    r"established|signed|elected|installed)\b",
    re.IGNORECASE)


def aggregate_cue(text: str) -> str | None:
    """The words that make ``text`` (a clause or sentence) a running or aggregate toll, else None."""
    m = _AGGREGATE.search(text) or _SPREAD.search(text)
    if m:
        return m.group(0)
    m = _MANY_EVENTS.search(text)
    if m and not _ONE_DAY.search(text):
        return m.group(0)
    if _PERFECT_DEATHS.search(text):
        for p in _PERIOD.finditer(text):
            if not _RANKS_OR_DATES.search(text[max(0, p.start() - 40):p.start()]):
                return p.group(0)
    return None


_UNSPECIFIED = re.compile(
    r"\b(?:in|over|during)\s+(?:recent|the\s+past\s+few|the\s+last\s+few)\s+(?:days|weeks|months|years)\b"
    r"|\b(?:over|in)\s+the\s+years\b|\b(?:repeatedly|regularly|routinely|frequently|time\s+and\s+again)\b"
    r"|\bthe\s+(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+(?:such\s+)?(?:death|attack|killing|bombing|"
    r"strike|incident)\s+(?:this|in\s+the\s+past)\s+(?:week|month|year)\b",
    re.IGNORECASE)


def unspecified_time_cue(text: str) -> str | None:
    """The words placing a claim at no fixed time ("in recent weeks", "repeatedly"), else None."""
    m = _UNSPECIFIED.search(text)
    return m.group(0) if m else None


def no_number_cue(text: str) -> str | None:
    """The words saying a report gave no figure ("did not offer a number"), else None."""
    m = _NO_NUMBER.search(text)
    return m.group(0) if m else None
