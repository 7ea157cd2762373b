"""Arabic date expressions, resolved against the publication date.

Explicit dates written in the text (25-9-2016, 25/9/2016, 2016-09-25, with Arabic-Indic digits
too), day + month name with or without the year in both month sets (Levantine كانون الثاني …
تشرين الثاني and the other standard set يناير … نوفمبر), weekdays (يوم الخميس: the latest such
day on or before publication), أمس/البارحة, أول أمس, اليوم/الليلة/صباح اليوم, ليلة أمس,
قبل يومين / قبل N أيام, and قبل أيام (a span, ACLED time_precision 2). Offsets point into the
ORIGINAL text. Found dates are :class:`~sitrep.normalise.date_rules.DateMatch` records, as the
English rules give (rules named ``ar_*``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

from ..nlp.arabic import ArabicText, normalise, normalise_pattern
from .arabic_numbers import parse_arabic_number
from .date_rules import DateMatch

__all__ = ["find_arabic_dates"]

_P = normalise_pattern
_MONTHS_RAW = {
    1: ("كانون الثاني", "يناير", "جانفي"), 2: ("شباط", "فبراير", "فيفري"), 3: ("آذار", "مارس"),
    4: ("نيسان", "أبريل", "ابريل", "إبريل", "أفريل"), 5: ("أيار", "مايو", "ماي"),
    6: ("حزيران", "يونيو", "يونيه", "جوان"), 7: ("تموز", "يوليو", "يوليه", "جويلية"),
    8: ("آب", "أغسطس", "اغسطس", "أوت"), 9: ("أيلول", "سبتمبر"),
    10: ("تشرين الأول", "أكتوبر", "اكتوبر"), 11: ("تشرين الثاني", "نوفمبر"),
    12: ("كانون الأول", "ديسمبر"),
}
_MONTHS = {_P(name): num for num, names in _MONTHS_RAW.items() for name in names}
_MONTH_ALT = "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True))
_WEEKDAYS = {_P(k): v for k, v in {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2,
                                      "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6}.items()}
_WEEKDAY_ALT = "|".join(re.escape(k) for k in _WEEKDAYS)

#: d-m-yyyy with "-", "/", ".", "_" or bare spaces ("17 4 2015", "6_10_2015": headline styles)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})(?:\s*[-/._]\s*|\s+)(\d{1,2})(?:\s*[-/._]\s*|\s+)((?:19|20)\d\d)(?!\d)")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)")
_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({_MONTH_ALT})(?:\s+(?:من\s+)?(?:عام\s+)?((?:19|20)\d\d))?(?![\w])")
_WEEKDAY = re.compile(rf"(?<![\w])(?:يوم\s+|نهار\s+|ليله\s+|مساء\s+|صباح\s+|فجر\s+)?(?:[وف]?)({_WEEKDAY_ALT})(?![\w])")
_RELATIVE = re.compile(_P(
    r"(?<![\w])(?P<before2>أول أمس|أول من أمس|أول البارحة)|(?P<last_night>ليلة أمس|الليلة الماضية|مساء أمس|"
    r"صباح أمس|فجر أمس)|(?P<yesterday>[وف]?(?:أمس|البارحة))|(?P<today>[وف]?(?:اليوم|الليلة|صباح اليوم|"
    r"مساء اليوم|فجر اليوم|ظهر اليوم))|(?P<ago>قبل (?P<n>\S+(?: \S+)?) (?:أيام|يوما))|"
    r"(?P<two_days>قبل يومين)|(?P<few>قبل أيام|منذ أيام|خلال الأيام الماضية|الأسبوع الماضي)(?![\w])"))


@dataclass(frozen=True)
class _Found:
    """A date read from the normalised text, before its span is mapped to the original."""

    event_date: Date
    rule: str
    time_precision: int = 1
    date_prec: int = 1
    date_start: Date | None = None
    date_end: Date | None = None


def _safe(y: int, m: int, d: int) -> Date | None:
    try:
        return Date(y, m, d)
    except ValueError:
        return None


def _explicit(norm: str, pub: Date | None) -> list[tuple[int, int, Date, str]]:
    out: list[tuple[int, int, Date, str]] = []
    for m in _NUMERIC.finditer(norm):
        d = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d is not None:
            out.append((m.start(), m.end(), d, "ar_dmy"))
    for m in _ISO.finditer(norm):
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is not None:
            out.append((m.start(), m.end(), d, "ar_iso"))
    for m in _DAY_MONTH.finditer(norm):
        month = _MONTHS[m.group(2)]
        year = int(m.group(3)) if m.group(3) else (pub.year if pub else None)
        if year is None:
            continue
        d = _safe(year, month, int(m.group(1)))
        if d is not None and not m.group(3) and pub is not None and d > pub:
            d = _safe(year - 1, month, int(m.group(1)))  # "25 كانون الأول" in a January report
        if d is not None:
            out.append((m.start(), m.end(), d, "ar_day_month"))
    return out


def _relative(norm: str, pub: Date) -> list[tuple[int, int, _Found]]:
    out: list[tuple[int, int, _Found]] = []
    for m in _WEEKDAY.finditer(norm):
        back = (pub.weekday() - _WEEKDAYS[m.group(1)]) % 7
        out.append((m.start(), m.end(), _Found(pub - timedelta(days=back), "ar_weekday")))
    for m in _RELATIVE.finditer(norm):
        kind = m.lastgroup if m.lastgroup != "n" else "ago"
        if m.group("before2"):
            kind, days = "before2", 2
        elif m.group("last_night") or m.group("yesterday"):
            kind, days = "yesterday", 1
        elif m.group("today"):
            kind, days = "today", 0
        elif m.group("two_days"):
            kind, days = "two_days", 2
        elif m.group("ago"):
            value = parse_arabic_number(m.group("n"))
            if value is None:
                continue
            kind, days = "ago", value[0]
        else:
            start, end = pub - timedelta(days=6), pub - timedelta(days=1)
            out.append((m.start(), m.end(), _Found(start + (end - start) / 2, "ar_few_days", time_precision=2,
                                                   date_prec=2, date_start=start, date_end=end)))
            continue
        out.append((m.start(), m.end(), _Found(pub - timedelta(days=days), f"ar_{kind}")))
    return out


def find_arabic_dates(text: str | ArabicText, pub: Date | None) -> list[DateMatch]:
    """Date expressions in ``text``, in order; relative ones only when ``pub`` is known."""
    norm = text if isinstance(text, ArabicText) else normalise(text)
    found: list[tuple[int, int, _Found]] = []
    for s, e, day, rule in _explicit(norm.text, pub):
        found.append((s, e, _Found(day, rule)))
    if pub is not None:
        taken = [(s, e) for s, e, _ in found]
        found.extend(x for x in _relative(norm.text, pub)
                     if not any(s <= x[0] < e for s, e in taken))
    out: list[DateMatch] = []
    for s, e, d in sorted(found, key=lambda x: x[0]):
        a, b = norm.span(s, e)
        out.append(DateMatch(event_date=d.event_date, time_precision=d.time_precision, date_prec=d.date_prec,
                             date_start=d.date_start or d.event_date, date_end=d.date_end or d.event_date,
                             expression=norm.original[a:b], start=a, end=b, rule=d.rule))
    return out
