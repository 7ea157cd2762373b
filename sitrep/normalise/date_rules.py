"""Date expressions resolved against a publication date: our own rules first, dateparser last.

``find_dates(text, pub)`` returns :class:`DateMatch` records (offsets into ``text``) with the
ACLED ``time_precision`` (1 day, 2 week/few days, 3 month) and the UCDP ``date_prec`` (1 exact,
2 span <= 6 days, 3 week, 4 month, 5 year). Undated background ("earlier this year", "a few weeks
before") comes back with ``background=True``; impossible or future dates carry a ``flag``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date as Date
from datetime import timedelta

__all__ = ["NUMERIC_RULES", "DateMatch", "find_dates", "make_span", "parse_explicit"]

#: The rules whose expressions contain digits.
NUMERIC_RULES = frozenset({"iso", "day_range", "dmy", "mdy", "numeric", "month_year"})

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15,
        "twentieth": 20, "thirtieth": 30}  # fmt: skip
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMW = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"


@dataclass(frozen=True)
class DateMatch:
    """A resolved date expression."""

    event_date: Date
    time_precision: int
    date_prec: int
    date_start: Date
    date_end: Date
    expression: str
    start: int
    end: int
    rule: str
    background: bool = False
    flag: str | None = None


def make_span(start: Date, end: Date) -> tuple[Date, int, int]:
    """Midpoint and (ACLED, UCDP) precisions for a span of days."""
    days = (end - start).days
    mid = start + timedelta(days=days // 2)
    if days <= 0:
        return start, 1, 1
    if days <= 6:
        return mid, 2, 2
    if days <= 13:
        return mid, 2, 3
    if days <= 62:
        return mid, 3, 4
    return mid, 3, 5


def _month_span(year: int, month: int) -> tuple[Date, Date]:
    return Date(year, month, 1), Date(year, month, calendar.monthrange(year, month)[1])


def _num(word: str) -> int:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}.get(w, 1)


def _safe_date(year: int, month: int, day: int) -> tuple[Date, str | None]:
    """A real date; impossible days clamp to the month's last day, with a flag."""
    month = min(max(month, 1), 12)
    last = calendar.monthrange(year, month)[1]
    if 1 <= day <= last:
        return Date(year, month, day), None
    return Date(year, month, min(max(day, 1), last)), f"impossible date {day}/{month}/{year}"


def parse_explicit(day: int, month: int, year: int | None, pub: Date | None) -> tuple[Date, str | None]:
    """Explicit day-month(-year); a missing year is the latest one not after ``pub``."""
    if year is None:
        if pub is None:
            return _safe_date(2000, month, day)[0], "year unknown"
        year = pub.year
        d, flag = _safe_date(year, month, day)
        if d > pub:
            d, flag = _safe_date(year - 1, month, day)
        return d, flag
    if year < 100:
        year += 2000 if year < 70 else 1900
    return _safe_date(year, month, day)


Rule = Callable[[re.Match[str], Date | None], DateMatch | None]
_RULES: list[tuple[str, re.Pattern[str], Rule, tuple[str, ...]]] = []
_DIGIT = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
_MONTH_NEEDLES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NEEDLES: dict[str, tuple[str, ...]] = {
    "iso": _DIGIT, "day_range": _DIGIT, "dmy": _DIGIT, "numeric": _DIGIT, "mdy": _MONTH_NEEDLES,
    "month_year": _MONTH_NEEDLES, "consecutive": ("consecutive", "in a row", "straight", "running"),
    "background": ("before", "ago", "earlier", "last year", "in 19", "in 20", "previously", "past",
                   "since"),
    "n_ago": ("ago",), "few_days": ("days",), "week": ("week",), "month_rel": ("month",),
    "day_word": ("yesterday", "today", "tonight", "night", "morning", "afternoon", "evening"),
    "weekday": ("day",),
}  # fmt: skip


def _rule(name: str, pattern: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        _RULES.append((name, re.compile(pattern, re.IGNORECASE), fn, _NEEDLES[name]))
        return fn

    return register


def _dm(m: re.Match[str], rule: str, d: Date, tp: int = 1, dp: int = 1, start: Date | None = None,
        end: Date | None = None, background: bool = False, flag: str | None = None) -> DateMatch:
    return DateMatch(event_date=d, time_precision=tp, date_prec=dp, date_start=start or d,
                     date_end=end or d, expression=m.group(0), start=m.start(), end=m.end(),
                     rule=rule, background=background, flag=flag)


@_rule("iso", rf"\b({_YEAR})-(\d\d?)-(\d\d?)\b")
def _iso(m: re.Match[str], pub: Date | None) -> DateMatch:
    d, flag = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return _dm(m, "iso", d, flag=flag)


@_rule("day_range", rf"\b(?:between\s+)?({_DAY})\s*(?:-|–|to|and)\s*({_DAY})\s+({_MON})\b\.?(?:,?\s+({_YEAR}))?\b")
def _day_range(m: re.Match[str], pub: Date | None) -> DateMatch:
    month = _MONTHS[m.group(3).lower()[:3]]
    year = int(m.group(4)) if m.group(4) else None
    d1, f1 = parse_explicit(int(re.sub(r"\D", "", m.group(1))), month, year, pub)
    d2, f2 = parse_explicit(int(re.sub(r"\D", "", m.group(2))), month, d1.year, pub)
    if d2 < d1:
        d1, d2 = d2, d1
    mid, tp, dp = make_span(d1, d2)
    return _dm(m, "day_range", mid, tp, dp, d1, d2, flag=f1 or f2)


@_rule("dmy", rf"\b({_DAY})(?:\s+of)?[\s/-]+({_MON})\b\.?(?:,?[\s/-]+('?\d\d(?:\d\d)?)\b)?")
def _dmy(m: re.Match[str], pub: Date | None) -> DateMatch:
    month = _MONTHS[m.group(2).lower()[:3]]
    year = int(m.group(3).lstrip("'")) if m.group(3) else None
    d, flag = parse_explicit(int(re.sub(r"\D", "", m.group(1))), month, year, pub)
    return _dm(m, "dmy", d, flag=flag)


@_rule("mdy", rf"\b({_MON})\b\.?\s+({_DAY})\b(?:,?\s+({_YEAR})\b)?")
def _mdy(m: re.Match[str], pub: Date | None) -> DateMatch | None:
    if m.group(1) == "may":  # the modal verb, not the month
        return None
    month = _MONTHS[m.group(1).lower()[:3]]
    year = int(m.group(3)) if m.group(3) else None
    d, flag = parse_explicit(int(re.sub(r"\D", "", m.group(2))), month, year, pub)
    return _dm(m, "mdy", d, flag=flag)


@_rule("numeric", r"\b([0-3]?\d)[/.]([01]?\d)[/.]((?:19|20)?\d\d)\b")
def _numeric(m: re.Match[str], pub: Date | None) -> DateMatch:
    # day-first, as most war reporting outside the US; swap when the month is impossible
    a, b = int(m.group(1)), int(m.group(2))
    if b > 12 >= a:
        a, b = b, a
    d, flag = parse_explicit(a, b, int(m.group(3)), pub)
    return _dm(m, "numeric", d, flag=flag)


@_rule("month_year", rf"\b(?:(early|mid|late|end of|beginning of|start of)[\s-]+)?({_MON})\b\.?,?\s+({_YEAR})\b")
def _month_year(m: re.Match[str], pub: Date | None) -> DateMatch:
    s, e = _month_span(int(m.group(3)), _MONTHS[m.group(2).lower()[:3]])
    part = (m.group(1) or "").lower()
    if part == "early" or part.endswith("of") and part != "end of":
        e = s + timedelta(days=9)
    elif part == "mid":
        s, e = s + timedelta(days=10), s + timedelta(days=19)
    elif part in ("late", "end of"):
        s = s + timedelta(days=20)
    mid, tp, dp = make_span(s, e)
    return _dm(m, "month_year", mid, max(tp, 2), dp, s, e)


@_rule("consecutive", r"\bfor\s+the\s+(\w+)\s+(?:consecutive\s+day|day\s+in\s+a\s+row|straight\s+day|day\s+running)\b")
def _consecutive(m: re.Match[str], pub: Date | None) -> DateMatch | None:
    if pub is None:
        return None
    word = m.group(1).lower()
    n = _ORD.get(word) or (int(re.sub(r"\D", "", word)) if re.sub(r"\D", "", word) else 2)
    start = pub - timedelta(days=max(n - 1, 0))
    _, _, dp = make_span(start, pub)
    return _dm(m, "consecutive", pub, 1, dp, start, pub)


@_rule("background", r"\b(?:(?:a\s+few|several|two|three|some|many)\s+(?:weeks|months|years)\s+(?:before|ago|earlier|prior)"
       r"|earlier\s+(?:this|that|last)\s+year|last\s+year|(?:months|years)\s+ago|in\s+(?:19|20)\d\d"
       r"|(?:weeks|months)\s+earlier|previously|in\s+the\s+past|since\s+(?:19|20)\d\d)\b")
def _background(m: re.Match[str], pub: Date | None) -> DateMatch | None:
    if pub is None:
        return None
    return _dm(m, "background", pub, 3, 5, pub - timedelta(days=365), pub, background=True)


@_rule("n_ago", rf"\b({_NUMW})\s+(day|week|month)s?\s+ago\b")
def _n_ago(m: re.Match[str], pub: Date | None) -> DateMatch | None:
    if pub is None:
        return None
    n, unit = _num(m.group(1)), m.group(2).lower()
    if unit == "day":
        return _dm(m, "n_ago", pub - timedelta(days=n))
    if unit == "week":
        s, e = pub - timedelta(days=7 * n + 3), pub - timedelta(days=7 * n - 3)
        mid, tp, dp = make_span(s, e)
        return _dm(m, "n_ago", mid, tp, dp, s, e)
    return _dm(m, "n_ago", pub - timedelta(days=30 * n), 3, 4, background=n > 1)


@_rule("few_days", r"\b(?:a\s+few|several|some|the\s+past\s+few|the\s+last\s+few|recent)\s+days(?:\s+ago)?\b|\bin\s+recent\s+days\b|\bdays\s+ago\b")
def _few_days(m: re.Match[str], pub: Date | None) -> DateMatch | None:
    if pub is None:
        return None
    s, e = pub - timedelta(days=5), pub - timedelta(days=1)
    mid, tp, dp = make_span(s, e)
    return _dm(m, "few_days", mid, tp, dp, s, e)


@_rule("day_word", r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening)|overnight|(?:earlier|later)\s+today)\b")
def _day_word(m: re.Match[str], pub: Date | None) -> DateMatch | None:
    if pub is None:
        return None
    w = " ".join(m.group(0).lower().split())
    back = 2 if w.startswith("the day before") else 1 if w in ("yesterday", "last night", "overnight") else 0
    return _dm(m, "day_word", pub - timedelta(days=back))


@_rule("weekday", rf"\b(?:(last|this|past|on|early|late)\s+)?({_WD})(?:\s+(?:morning|afternoon|evening|night))?\b")
def _weekday(m: re.Match[str], pub: Date | None) -> DateMatch | None:
    if pub is None:
        return None
    wd = _WEEKDAYS[m.group(2).lower()]
    back = (pub.weekday() - wd) % 7
    if back == 0 and (m.group(1) or "").lower() in ("last", "past"):
        back = 7
    return _dm(m, "weekday", pub - timedelta(days=back))


@_rule("week", r"\b(last|this|past|previous)\s+week(?:end)?\b|\bearlier\s+this\s+week\b|"
              r"\b(?:over|at|during)\s+the\s+weekend\b")
def _week(m: re.Match[str], pub: Date | None) -> DateMatch | None:
    if pub is None:
        return None
    monday = pub - timedelta(days=pub.weekday())
    text = m.group(0).lower()
    if text.endswith("weekend"):
        # "over the weekend" is the one just past, or the one under way when published on it
        this = "this" in text or not (m.group(1) or "")
        s = monday - timedelta(days=2) if not this or pub.weekday() < 5 else monday + timedelta(days=5)
        e = min(s + timedelta(days=1), pub)
    elif "this" in text:
        s, e = monday, max(monday, pub - timedelta(days=1) if pub > monday else pub)
    else:  # last / past / previous week: the calendar week before
        s, e = monday - timedelta(days=7), monday - timedelta(days=1)
    mid, tp, dp = make_span(s, e)
    return _dm(m, "week", mid, max(tp, 2), max(dp, 3), s, e)


@_rule("month_rel", r"\b(earlier\s+this|this|last|past|previous|early\s+this|late\s+last|end\s+of\s+last)\s+month\b")
def _month_rel(m: re.Match[str], pub: Date | None) -> DateMatch | None:
    if pub is None:
        return None
    text = " ".join(m.group(1).lower().split())
    if "this" in text:
        s, e = Date(pub.year, pub.month, 1), pub
    else:
        prev = Date(pub.year, pub.month, 1) - timedelta(days=1)
        s, e = _month_span(prev.year, prev.month)
    mid, _, _ = make_span(s, e)
    return _dm(m, "month_rel", mid, 3, 4, s, e)


def find_dates(text: str, pub: Date | None, *, only: frozenset[str] | None = None) -> list[DateMatch]:
    """All date expressions of ``text``, non-overlapping, earlier rules winning ties.

    ``only``: restrict to these rule names (e.g. :data:`NUMERIC_RULES` to mask dates among numbers).
    """
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    for name, pattern, fn, needles in _RULES:
        if only is not None and name not in only:
            continue
        if not any(n in low for n in needles):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                dm = fn(m, pub)
            except (KeyError, ValueError, OverflowError):
                dm = None
            if dm is None:
                continue
            if pub is not None and dm.event_date > pub and not dm.background:
                dm = replace(dm, flag=(dm.flag + "; " if dm.flag else "") + "after publication date")
            found.append(dm)
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)
