from __future__ import annotations

from datetime import date, timedelta

import pytest

from sitrep.normalise.date_rules import find_dates, make_span
from sitrep.normalise.dates import DateResolver

from .conftest import FRIDAY, DocFactory

D = date


@pytest.mark.parametrize(
    ("text", "event_date", "time_precision", "date_prec"),
    [
        ("Rebels stormed the post on Thursday.", D(2016, 11, 3), 1, 1),
        ("Rebels stormed the post Thursday night.", D(2016, 11, 3), 1, 1),
        ("Rebels stormed the post last Friday.", D(2016, 10, 28), 1, 1),
        ("Rebels stormed the post yesterday.", D(2016, 11, 3), 1, 1),
        ("Rebels stormed the post the day before yesterday.", D(2016, 11, 2), 1, 1),
        ("Rebels stormed the post this morning.", D(2016, 11, 4), 1, 1),
        ("Rebels stormed the post three days ago.", D(2016, 11, 1), 1, 1),
        ("Rebels stormed the post a few days ago.", D(2016, 11, 1), 2, 2),
        ("Rebels stormed the post last week.", D(2016, 10, 27), 2, 3),
        ("Rebels stormed the post earlier this month.", D(2016, 11, 2), 3, 4),
        ("Rebels stormed the post last month.", D(2016, 10, 16), 3, 4),
        ("Shelling went on for the sixth day in a row.", D(2016, 11, 4), 1, 2),
        ("Shelling went on for the tenth consecutive day.", D(2016, 11, 4), 1, 3),
        ("On 2 November 2016, rebels stormed the post.", D(2016, 11, 2), 1, 1),
        ("On November 2, 2016, rebels stormed the post.", D(2016, 11, 2), 1, 1),
        ("The post fell on 2-Nov-16.", D(2016, 11, 2), 1, 1),
        ("The post fell on 2016-11-02.", D(2016, 11, 2), 1, 1),
        ("The post fell on 02/11/2016.", D(2016, 11, 2), 1, 1),
        ("The post fell on 2 November.", D(2016, 11, 2), 1, 1),
        ("The post fell on 20 December.", D(2015, 12, 20), 1, 1),
        ("Raids took place between 1 and 3 November.", D(2016, 11, 2), 2, 2),
        ("Raids took place in early October 2016.", D(2016, 10, 5), 2, 3),
    ],
)
def test_dates_rules_resolve_against_friday(text: str, event_date: date, time_precision: int, date_prec: int) -> None:
    found = [d for d in find_dates(text, FRIDAY) if not d.background]
    assert found, text
    d = found[0]
    assert (d.event_date, d.time_precision, d.date_prec) == (event_date, time_precision, date_prec)
    assert d.date_start <= d.event_date <= d.date_end
    assert text[d.start:d.end] == d.expression


@pytest.mark.parametrize(
    "text",
    ["A few weeks before the offensive, the army shelled the road.", "Earlier this year the army took the road.",
     "Last year the army took the road.", "Months ago the army took the road."],
)
def test_dates_rules_background(text: str) -> None:
    found = find_dates(text, FRIDAY)
    assert found and all(d.background for d in found)


@pytest.mark.parametrize(("text", "flag"), [("The post fell on 31 February 2016.", "impossible"),
                                            ("The post fell on 10 December 2016.", "after publication")])
def test_dates_rules_flag_bad_dates(text: str, flag: str) -> None:
    (d,) = find_dates(text, FRIDAY)
    assert d.flag is not None and flag in d.flag


@pytest.mark.parametrize("text", ["They may 20 times refuse.", "3 Marines were hurt.", "It was a sunny morning."[:0] + "No date here."])
def test_dates_rules_ignore_non_dates(text: str) -> None:
    assert find_dates(text, FRIDAY) == []


def test_dates_make_span_midpoint() -> None:
    assert make_span(D(2016, 11, 1), D(2016, 11, 5)) == (D(2016, 11, 3), 2, 2)
    assert make_span(D(2016, 11, 1), D(2016, 11, 1)) == (D(2016, 11, 1), 1, 1)


def test_dates_stage_sets_date_and_evidence(make_doc: DocFactory) -> None:
    doc = DateResolver()(make_doc("Rebels stormed the post on Thursday near the river.", trigger="stormed"))
    cand = doc.candidates[0]
    assert cand.date is not None and cand.date.event_date == D(2016, 11, 3)
    assert cand.date.start is not None and doc.text[cand.date.start:cand.date.end] == "on Thursday"
    assert [e.field for e in cand.evidence] == ["event_date"]
    assert doc.text[cand.evidence[0].start:cand.evidence[0].end] == cand.evidence[0].text


@pytest.mark.parametrize(("text", "expected"), [
    # rule dateline-dates-the-report: the dateline's date is the report's (the publication date)
    ("LUCKNOW, November 4, 2016 - Police fired on protesters on Thursday.", D(2016, 11, 3)),
    ("ALEPPO, Syria, 4 November 2016 — Rebels stormed the post on Thursday.", D(2016, 11, 3)),
    # a dateline date the publication does not confirm stays a date of the text
    ("HOMS, 2 November 2016 - Rebels stormed the post on Wednesday.", D(2016, 11, 2)),
])
def test_dates_stage_dateline_dates_the_report(make_doc: DocFactory, text: str, expected: date) -> None:
    doc = DateResolver()(make_doc(text, trigger="fired" if "fired" in text else "stormed"))
    cand = doc.candidates[0]
    assert cand.date is not None and cand.date.event_date == expected


def test_dates_stage_nearest_expression_wins(make_doc: DocFactory) -> None:
    text = "Fighting went on for the eighth day in a row, and rebels took the village a few days ago."
    doc = DateResolver()(make_doc(text, triggers=("Fighting", "took the village")))
    fight, took = doc.candidates
    assert fight.date is not None and fight.date.event_date == FRIDAY and fight.date.date_start == D(2016, 10, 28)
    assert took.date is not None and took.date.time_precision == 2


def test_dates_stage_context_carries_date(make_doc: DocFactory) -> None:
    text = ("Rebels stormed the army post on Wednesday after a long siege of the town. "
            "Car bombs hit the gate of the post and the walls of the barracks.")
    doc = DateResolver()(make_doc(text, trigger="Car bombs"))
    cand = doc.candidates[0]
    assert cand.date is not None and cand.date.event_date == D(2016, 11, 2)
    assert cand.extra["date_rule"] == "weekday:context"


def test_dates_stage_background_flag(make_doc: DocFactory) -> None:
    doc = DateResolver()(make_doc("Earlier this year the army shelled the road.", trigger="shelled"))
    assert doc.candidates[0].background is True
    assert any("background" in n for n in doc.notes)


@pytest.mark.parametrize(("text", "tp"), [("The army shelled the road.", 2), ("The army is shelling the road.", 1)])
def test_dates_stage_defaults_to_publication(make_doc: DocFactory, text: str, tp: int) -> None:
    doc = DateResolver()(make_doc(text, trigger="shell"))
    cand = doc.candidates[0]
    assert cand.date is not None and cand.date.event_date == FRIDAY and cand.date.time_precision == tp
    assert any("publication" in n for n in doc.notes)


def test_dates_stage_without_publication_date(make_doc: DocFactory) -> None:
    undated = DateResolver()(make_doc("The army shelled the road on Thursday.", pub=None, trigger="shelled"))
    assert undated.candidates[0].date is None
    assert any("left undated" in n for n in undated.notes)
    explicit = DateResolver()(make_doc("The army shelled the road on 3 May 2020.", pub=None, trigger="shelled"))
    assert explicit.candidates[0].date is not None and explicit.candidates[0].date.event_date == D(2020, 5, 3)


@pytest.mark.parametrize(
    ("text", "event_date", "tp"),
    [("The army shelled the road on 31 February 2016.", D(2016, 2, 15), 3),
     ("The army shelled the road on 10 December 2016.", FRIDAY, 2)],
)
def test_dates_stage_bad_dates_are_conservative(make_doc: DocFactory, text: str, event_date: date, tp: int) -> None:
    doc = DateResolver()(make_doc(text, trigger="shelled"))
    cand = doc.candidates[0]
    assert cand.date is not None and (cand.date.event_date, cand.date.time_precision) == (event_date, tp)
    assert any(n.startswith("dates:") and ("impossible" in n or "after" in n) for n in doc.notes)


def test_dates_stage_dateparser_fallback(make_doc: DocFactory) -> None:
    doc = DateResolver()(make_doc("The army shelled the road on the 2nd, residents said.", trigger="shelled"))
    cand = doc.candidates[0]
    assert cand.date is not None and cand.date.event_date == D(2016, 11, 2)
    assert cand.extra["date_rule"] == "dateparser:sentence"


def _story(lede: str) -> str:
    middle = " ".join(f"Witness number {k} told reporters what the scene at the hotel looked like." for k in range(4))
    return f"{lede} {middle} Police said four people were killed inside the hotel room."


@pytest.mark.parametrize(("lede", "expected", "rule"), [
    # rule lede-sets-the-time: the story's later sentences tell of the happening its lede dated
    ("The shooting was reported at about 1:25 p.m. on Thursday when a hotel worker called police.",
     D(2016, 11, 3), "weekday:lede"),
    # a lede date days before publication is a recalled happening, not the news's time
    ("The hotel had been the scene of a robbery last week, when a man was hurt by a guest.",
     FRIDAY, "default"),
])
def test_dates_stage_lede_sets_the_time(make_doc: DocFactory, lede: str, expected: date, rule: str) -> None:
    doc = DateResolver()(make_doc(_story(lede), trigger="killed"))
    cand = doc.candidates[0]
    assert cand.date is not None and cand.date.event_date == expected
    assert cand.extra["date_rule"] == rule


@pytest.mark.parametrize(("text", "expected"), [
    # rule small-hours-are-the-day: after midnight, the night before publication is its own day
    ("A teen was shot and killed overnight on the east side. It happened around 1:45 a.m. on the corner.",
     FRIDAY),
    ("A teen was shot and killed overnight on the east side. It happened around 11:30 p.m. on the corner.",
     FRIDAY - timedelta(days=1)),
    ("A teen was shot and killed last night on the east side, police said.", FRIDAY - timedelta(days=1)),
])
def test_dates_stage_small_hours_are_the_publication_day(make_doc: DocFactory, text: str,
                                                         expected: date) -> None:
    doc = DateResolver()(make_doc(text, trigger="killed"))
    cand = doc.candidates[0]
    assert cand.date is not None and cand.date.event_date == expected


@pytest.mark.parametrize(("text", "published", "start", "end"), [
    # the weekend just past, told on a weekday
    ("Airstrikes over the weekend killed 13 people.", D(2016, 8, 9), D(2016, 8, 6), D(2016, 8, 7)),
    ("Airstrikes at the weekend killed 13 people.", D(2016, 8, 8), D(2016, 8, 6), D(2016, 8, 7)),
    ("Airstrikes last weekend killed 13 people.", D(2016, 8, 9), D(2016, 8, 6), D(2016, 8, 7)),
    # the weekend under way, told on it: up to the day of publication
    ("Airstrikes over the weekend killed 13 people.", D(2016, 8, 7), D(2016, 8, 6), D(2016, 8, 7)),
    ("Airstrikes during the weekend killed 13 people.", D(2016, 8, 6), D(2016, 8, 6), D(2016, 8, 6)),
])
def test_dates_rules_the_weekend(text: str, published: date, start: date, end: date) -> None:
    """"over the weekend" dates a happening to the weekend's days, as "last weekend" does."""
    (d,) = [d for d in find_dates(text, published) if not d.background]
    assert (d.date_start, d.date_end, d.time_precision) == (start, end, 2)
