"""Victims named by name (coding rules: a list of victims adds up, a victim who died later is a
death, a part "one of the N" is no toll). Team-written sentences."""

from __future__ import annotations

import pytest

from sitrep.normalise.casualties import find_figures
from sitrep.normalise.fatalities import tally


def _killed(text: str) -> list[tuple[int, str, bool]]:
    return [(f.value, f.rule, f.subset) for f in find_figures(text) if f.quantity == "killed"]


@pytest.mark.parametrize(("text", "n"), [
    ("Ann Vale, 34, was shot and killed on Tuesday.", 1),
    ("Vale died at the hospital on Saturday.", 1),
    ("Ann Vale, 31, and Rob Kent, 40, were fatally shot inside the shop.", 2),
    ("Deputies found Ann Vale, 50, Rob Kent, 21, Joe Kent, 20, and toddler Mia Kent - all dead.", 4),
    ("Two of her sons, Rob Kent, 30, and Joe Kent, 28, were killed, along with a friend, Sam Ode, 26.", 3),
    ("Killed in the attack were Rob Kent, 30, Joe Kent, 28, and their cousin Sam Ode, 26.", 3),
])
def test_named_victims_add_up(text: str, n: int) -> None:
    assert (n, "named", False) in _killed(text)


@pytest.mark.parametrize("text", [
    "A neighbour in Troy died last year.",     # a place, no named victim
    "Vale's father died years ago.",           # someone else's relative
    "The raid did not kill Sam Ode.",          # no death
    "Gunmen killed Thursday two guards.",      # a common noun starting the sentence
])
def test_named_victims_negative(text: str) -> None:
    assert not any(rule == "named" for _, rule, _ in _killed(text))


def test_the_killer_is_no_victim() -> None:
    assert not [f for f in find_figures("Police said Vale killed Kent.") if f.rule == "named"]
    assert not [f for f in find_figures("Man killed, 2 others wounded") if f.rule == "named"]


def test_one_of_the_men_killed_is_no_toll() -> None:
    assert _killed("He was named as one of the men killed by the gunman.") == [(1, "number", True)]
    # a death among the victims is a count of its own
    assert _killed("One of the victims was killed.") == [(1, "number", False)]


def _tally(*sentences: str) -> int:
    figs = [(f, i * 1000, []) for i, s in enumerate(sentences) for f in find_figures(s)]
    return tally(figs, significant=False).fatalities


def test_named_victims_are_part_of_a_stated_toll() -> None:
    assert _tally("Four people were killed in the shooting.", "Ann Vale, 34, was killed.") == 4
    # the same person named twice is one death
    assert _tally("Ann Vale, 34, was shot and killed.", "Vale died at the hospital.") == 1
    # more persons named than a stated toll: the list counts
    assert _tally("One person was killed.", "Ann Vale, 31, and Rob Kent, 40, were killed.") == 2


@pytest.mark.parametrize(("text", "value"), [
    ("Shelling killed at least five civilians in the town.", 5),
    ("Bombardment killed 3 people on Monday.", 3),
])
def test_named_victims_subject_that_killed_a_count_is_no_victim(text: str, value: int) -> None:
    """A capitalised subject followed by the count it killed did the killing: no named victim."""
    figures = [f for f in find_figures(text) if f.quantity == "killed"]
    assert [(f.value, f.rule) for f in figures] == [(value, "number")]
