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
    r"|\b(?:years?|months?)[- ]long\b|\b\w+[- ](?:year|month)[- ](?:old\s+|long\s+)?" + _WAR + r"\b"
    r"|\b" + _WAR + r"\b[^.;:]{0,40}?\b(?:has|have|had)\s+(?:now\s+|so\s+far\s+|already\s+)?"
    r"(?:killed|claimed|left|cost)\b"
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


def aggregate_cue(text: str) -> str | None:
    """The words that make ``text`` (a clause or sentence) a running or aggregate toll, else None."""
    m = _AGGREGATE.search(text)
    return m.group(0) if m else None


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
