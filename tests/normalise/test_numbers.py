from __future__ import annotations

import pytest

from sitrep.normalise.numbers import ABSURD, find_numbers, parse_number_word


@pytest.mark.parametrize(
    ("text", "value"),
    [("five", 5), ("twenty-five", 25), ("two hundred and five", 205), ("1,200", 1200), ("14", 14),
     ("a dozen", 12), ("two dozen", 24), ("dozen", 12), ("eleven", 11), ("banana", None), ("", None), ("1e309", None)],
)
def test_numbers_parse_number_word(text: str, value: int | None) -> None:
    assert parse_number_word(text) == value


@pytest.mark.parametrize(
    ("text", "value", "low", "high"),
    [
        ("Five men were hurt.", 5, 5, 5),
        ("at least seven fighters died", 7, 7, 14),
        ("about 160 wounded", 160, 128, 192),
        ("more than 20 militants", 20, 20, 40),
        ("between 10 and 15 guards", 10, 10, 15),
        ("10 to 15 guards", 10, 10, 15),
        ("dozens of soldiers", 12, 12, 60),
        ("tens of soldiers", 10, 10, 90),
        ("hundreds of people", 100, 100, 900),
        ("several houses", 3, 3, 9),
        ("nearly 50 people", 50, 40, 49),
    ],
)
def test_numbers_find_values_and_bounds(text: str, value: int, low: int, high: int) -> None:
    found = find_numbers(text)
    assert [(n.value, n.low, n.high) for n in found] == [(value, low, high)]


@pytest.mark.parametrize("text", ["the COVID-19 crisis", "14.5mm guns", "at 10 pm", "a strike 12 km away"])
def test_numbers_skip_units_and_codes(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(("text", "flag"), [("1e309 were killed", "overflow"), ("999999 were killed", "absurd")])
def test_numbers_flag_absurd_values(text: str, flag: str) -> None:
    (num,) = find_numbers(text)
    assert num.flag == flag
    assert num.value == 0 or num.value > ABSURD


def test_numbers_two_separate_counts() -> None:
    found = find_numbers("killed two and wounded three")
    assert [n.value for n in found] == [2, 3]
