"""Casualty figures: what is not a count."""

from __future__ import annotations

import pytest

from sitrep.normalise.casualties import find_figures
from sitrep.normalise.fatalities import FatalityExtractor

from .conftest import DocFactory


@pytest.mark.parametrize("text", ["The coroner confirmed that Freda Lockett, 39, was killed.",
                                  "Ahmed (12) was killed in the raid.", "A man aged 45 was shot dead.",
                                  "Police said a 17-year-old was shot dead on the porch."])
def test_casualties_age_is_no_count(text: str) -> None:
    assert all(f.value not in (39, 12, 45) for f in find_figures(text))


@pytest.mark.parametrize(("text", "killed"), [
    ("Two men, 19 and 22, were killed.", [2]),
    ("Three children, aged 3, 5 and 7, were killed.", [3]),
    ("The gunman killed two girls, aged 7, 9 and 12, in the village.", [2]),
    ("Clashes killed 19 and wounded 22.", [19]),  # no list of ages: a count and another count
])
def test_casualties_a_list_of_ages_is_no_count(text: str, killed: list[int]) -> None:
    assert [f.value for f in find_figures(text) if f.quantity == "killed"] == killed


@pytest.mark.parametrize(("text", "parts"), [
    ("The monitor said at least 14 of the dead were rebels.", {14}),
    ("It said three children and two women were among the dead.", {3, 2}),
    ("Five of those killed were women.", {5}),
    ("He said many of those killed were from the same family.", {10}),
    ("Dozens of the dead were children.", {12}),
])
def test_casualties_who_some_of_the_dead_were_is_a_part(text: str, parts: set[int]) -> None:
    """A figure saying who some of the dead were is part of the toll, not a competing count."""
    figures = [f for f in find_figures(text) if f.quantity == "killed"]
    assert {f.value for f in figures} == parts
    assert all(f.subset for f in figures)


def test_casualties_parts_do_not_lower_the_toll(make_doc: DocFactory) -> None:
    doc = make_doc("At least 20 people were killed in a car bomb blast on Thursday, local sources said. "
                   "The Observatory said at least 14 of the dead were rebels.")
    FatalityExtractor()(doc)
    assert doc.candidates[0].fatalities == 20


@pytest.mark.parametrize(("text", "value"), [
    ("The death toll from a bomb attack on a crowded bus convoy outside the city has reached at least 126.", 126),
    ("A local journalist placed the death toll from the air raids at 50.", 50),
    ("The monitor raised the death toll from strikes on a market in the town to 61 as rescuers searched.", 61),
    ("The death toll in a car bomb attack on buses has risen to at least 112, a monitoring group said.", 112),
])
def test_casualties_toll_with_a_long_subject_is_a_total(text: str, value: int) -> None:
    killed = [f for f in find_figures(text) if f.quantity == "killed"]
    assert [(f.value, f.total) for f in killed] == [(value, True)]


@pytest.mark.parametrize(("text", "killed"), [
    ("Barrel bombs kill 11 civilians in town", [11]),
    ("Twin car bombs kill 32 in the provincial capital", [32]),
    ("The group threatened to kill 5 hostages.", []),
    ("The gunmen did not kill 3 guards.", []),
])
def test_casualties_headline_present_kill(text: str, killed: list[int]) -> None:
    assert [f.value for f in find_figures(text) if f.quantity == "killed"] == killed


@pytest.mark.parametrize(("text", "killed"), [
    ("A man shot and killed his two sons on Saturday.", [2]),
    ("The gunman killed their three neighbours.", [3]),
    ("A man killed his wife on Saturday.", [1]),
    ("He shot and killed his sons, ages 3 and 4, then turned the gun on himself.", [2]),
])
def test_casualties_a_possessive_before_the_count_keeps_the_count(text: str, killed: list[int]) -> None:
    """'killed his two sons' are two deaths, not one person killed; 'his sons, ages 3 and 4' two,
    one for each age listed."""
    assert [f.value for f in find_figures(text) if f.quantity == "killed"] == killed


@pytest.mark.parametrize("text", [
    "Four teenagers were shot, one fatally, while sitting in a parked van.",
    "A shooting on Friday claimed the life of a boy.",
    "The toddler fatally shot in the minivan lived nearby.",
    "EMS took her to the hospital, where she died on Saturday morning.",
    "A teenage girl in the town has died from a gunshot wound.",
])
def test_casualties_one_death_told_in_words(text: str) -> None:
    assert [(f.value, f.rule) for f in find_figures(text) if f.quantity == "killed"] == [(1, "single")]


def test_fatalities_stage_fatally_shot_passes_the_gate(make_doc: DocFactory) -> None:
    doc = FatalityExtractor()(make_doc("Police said a teenage girl was fatally shot in the chest on Monday."))
    assert doc.candidates[0].fatalities == 1


def test_casualties_shot_and_one_killed_is_one_death() -> None:
    killed = [f.value for f in find_figures("Police came after 10 people were shot and one killed downtown.")
              if f.quantity == "killed"]
    assert killed == [1]


def test_fatalities_stage_toll_of_an_earlier_year_is_recalled(make_doc: DocFactory) -> None:
    doc = FatalityExtractor()(make_doc("A gunman killed 12 people at the yard on Monday, the worst loss of life "
                                       "in the city since an airliner crashed into the river in 1982, killing 78."))
    assert doc.candidates[0].fatalities == 12
    assert any(c.status == "recalled" and c.low == 78 for c in doc.claims)


def test_fatalities_stage_toll_of_a_happening_days_before_is_recalled(make_doc: DocFactory) -> None:
    """Rule after-clause-is-earlier: the deaths of the happening a report's shooting came "two
    days after" are that earlier happening's; a sentence that opens with "Days after" sets the new
    happening's time, and its own deaths count."""
    doc = FatalityExtractor()(make_doc("An 8-year-old girl was shot on Friday night, just two days after a "
                                       "3-year-old girl was shot and killed nearby."))
    assert not doc.candidates[0].fatalities
    assert any(c.status == "recalled" and c.low == 1 for c in doc.claims)
    doc = FatalityExtractor()(make_doc("Days after a chemical attack a woman was killed on a bus on Saturday."))
    assert doc.candidates[0].fatalities == 1


@pytest.mark.parametrize("text", ["The previous death toll was 20, with 50 others injured.",
                                  "The source earlier put the death toll at 5 civilians.",
                                  "According to earlier information, 5 people were killed."])
def test_casualties_replaced_count_is_earlier(text: str) -> None:
    assert all(f.earlier for f in find_figures(text) if f.quantity == "killed")


def test_fatalities_stage_latest_count_replaces_the_earlier_one(make_doc: DocFactory) -> None:
    doc = FatalityExtractor()(make_doc("The death toll from the blast rose to 12, the source said; "
                                       "the source earlier put the death toll at 5."))
    assert doc.candidates[0].fatalities == 12


@pytest.mark.parametrize(("text", "total"), [
    ("The gunman opened fire, killing four women and a man and injuring three others.", 5),
    ("Three soldiers and a child were killed in the blast.", 4),
    ("Rebels killed 3 soldiers and a tank was destroyed.", 3),
    ("Two people were killed and a man was wounded.", 2),
])
def test_fatalities_stage_person_listed_after_a_count_is_one_more(make_doc: DocFactory, text: str, total: int) -> None:
    assert FatalityExtractor()(make_doc(text)).candidates[0].fatalities == total


@pytest.mark.parametrize(("text", "expected"), [
    ("Civilian killed 3 injured in shelling on the market", [("wounded", 3)]),
    ("3 killed 4 injured in an attack on a checkpoint", [("killed", 3), ("wounded", 4)]),
    ("Man killed, 2 others wounded in a shooting", [("wounded", 2)]),
    ("The strike killed 3 people and injured 10.", [("killed", 3), ("wounded", 10)]),
])
def test_casualties_number_before_an_injury_word_counts_the_injured(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(f.quantity, f.value) for f in find_figures(text)] == expected


@pytest.mark.parametrize(("text", "value"), [
    ("Six children were among 19 civilians killed Thursday in the bombing.", 19),
    ("Five soldiers killed Monday night in an ambush near the border.", 5),
])
def test_casualties_a_day_after_the_death_verb_is_no_named_victim(text: str, value: int) -> None:
    """'killed Thursday': the day is when, not whom; the number before the verb counts the dead."""
    assert value in [f.value for f in find_figures(text) if f.quantity == "killed"]


def test_casualties_a_named_victim_after_the_verb_makes_the_number_the_killers() -> None:
    assert not [f for f in find_figures("Two gunmen killed Ahmed in the market.") if f.quantity == "killed"]


@pytest.mark.parametrize("text", [
    "Police found the 911 caller's father dead inside the home.",  # a phone line
    "Officers responded to the 1200 block of Main Street, where a man was found dead.",  # an address
    "Suicide is the second cause of death for children ages 10 to 14.",  # an age range
    "As many as seven officers returned fire and Wilkes was shot and killed.",  # the officers lived
])
def test_casualties_numbers_that_name_or_count_others_are_no_deaths(text: str) -> None:
    assert all(f.value in (0, 1) for f in find_figures(text) if f.quantity == "killed")


def test_casualties_number_before_an_age_counts_the_dead() -> None:
    assert [(f.quantity, f.value) for f in find_figures("Two 15-year-old boys were killed.")] == [("killed", 2)]


@pytest.mark.parametrize(("text", "total"), [
    ("A woman and her three children were found dead in the house.", 4),
    ("Father and two sons found dead in farmhouse", 3),
    ("3 men, woman slain in parking lot shooting", 4),
    ("Police said two men, a woman and a boy were killed.", 4),
    ("Two soldiers and a child were killed.", 3),
])
def test_casualties_single_persons_listed_with_a_counted_group_add_one_each(text: str, total: int) -> None:
    """Deaths of different people add up: a person listed with a counted group is one more."""
    figures = [f for f in find_figures(text) if f.quantity == "killed" and not f.subset]
    assert sum(f.value for f in figures) == total


@pytest.mark.parametrize(("text", "total"), [
    ("One man and one officer died in the exchange.", 2),
    ("Six people, including a child, were killed.", 6),
    ("4 men, unnamed relative killed in ambush", 4),
    ("A man and two women were wounded.", 0),
])
def test_casualties_listed_person_is_not_counted_twice_or_when_qualified(text: str, total: int) -> None:
    """A person with a count of its own, a part of the group ("including"), a qualified item and the
    wounded add nothing."""
    figures = [f for f in find_figures(text) if f.quantity == "killed" and not f.subset]
    assert sum(f.value for f in figures) == total


def _killed(text: str) -> list[int]:
    return [f.value for f in find_figures(text) if f.quantity == "killed"]


def _wounded(text: str) -> list[int]:
    return [f.value for f in find_figures(text) if f.quantity == "wounded"]


@pytest.mark.parametrize(("text", "dead", "hurt"), [
    ("Syria 12 Civilians Killed Dozens Injured in Rocket Attacks on Homs", [12], [12]),
    ("8 civilians killed 30 injured in shelling on Homs", [8], [30]),
    ("6 Soldiers Killed In Ambush Near Palmyra", [6], []),
])
def test_casualties_headline_case_and_no_comma(text: str, dead: list[int], hurt: list[int]) -> None:
    """Headlines drop the comma and the "and" between the dead and the hurt, and capitalise every
    word: a count of the hurt after the death word, or a capitalised preposition, is no object that
    makes the first number count the killers."""
    assert _killed(text) == dead
    assert _wounded(text) == hurt


@pytest.mark.parametrize(("text", "dead"), [
    ("30 people injured in shelling on Homs", []),  # the hurt are no deaths
    ("Two gunmen killed 3 shepherds near Hama", [3]),  # the number before the verb counts the killers
    ("Three Gunmen Killed Omar Haddad on the Road", []),  # a named victim, not the three
])
def test_casualties_headline_case_keeps_the_killers_and_the_hurt_apart(text: str, dead: list[int]) -> None:
    assert _killed(text) == dead


@pytest.mark.parametrize(("text", "who"), [
    ("Car bomb kills woman wounds 12 in Homs", "woman"),
    ("Gunmen kill policeman in Deraa", "policeman"),
    ("Sniper killed teenager, residents said.", "teenager"),
])
def test_casualties_headline_one_victim_without_article(text: str, who: str) -> None:
    singles = [f for f in find_figures(text) if f.quantity == "killed" and f.rule == "single"]
    assert [(f.value, f.what) for f in singles] == [(1, who)]


@pytest.mark.parametrize("text", [
    "Police killed civilian protesters in the square.",  # "civilian" names the protesters: no one victim
    "The group threatened to kill soldier hostages.",
    "Rebels plan to kill commander in his base.",
])
def test_casualties_no_single_victim_from_an_adjective_or_a_threat(text: str) -> None:
    assert not [f for f in find_figures(text) if f.quantity == "killed" and f.rule == "single"]


@pytest.mark.parametrize("text", [
    "Officials said 3 militants were killed, injured or captured in the operation.",
    "Officials said 1 soldier was killed or wounded by a sniper.",
])
def test_casualties_killed_or_injured_is_no_count_of_deaths(text: str) -> None:
    """One number for the dead and the hurt together says nothing of how many died."""
    assert not [f for f in find_figures(text) if f.quantity == "killed" and f.rule in ("number", "vague")]
    assert [f.quantity for f in find_figures(text) if f.rule == "number"] == ["casualties"]


@pytest.mark.parametrize(("text", "killed"), [
    # rule death-as-cause: the number counts who acts for or over a death, not the dead
    ("Two factions have clashed since, the one retaliating for Smith's death and the other.", []),
    ("Three men accused of the killing appeared in court on Monday.", []),
    ("The one who died was a child.", [1]),
    ("Five people were killed for refusing to pay.", [5]),
])
def test_casualties_a_death_as_the_cause_is_no_count(text: str, killed: list[int]) -> None:
    assert [f.value for f in find_figures(text) if f.quantity == "killed"] == killed


def test_casualties_killed_then_a_count_of_injured_stays_two_counts() -> None:
    text = "At least 10 people were killed, injured 25 others in the blast."
    assert _killed(text) == [10]
    text = "Shelling left 4 dead, 9 injured in the town."
    assert _killed(text) == [4] and _wounded(text) == [9]


def test_casualties_named_group_below_an_unnamed_toll_is_part_of_it(make_doc: DocFactory) -> None:
    doc = make_doc("At least 40 people were killed in the city on Monday, monitors said. "
                   "At least 11 civilians were killed by air strikes in one district, activists said.")
    FatalityExtractor()(doc)
    assert doc.candidates[0].fatalities == 40


def test_casualties_rival_unnamed_tolls_keep_the_lowest(make_doc: DocFactory) -> None:
    doc = make_doc("At least 40 people were killed in the city on Monday, monitors said. "
                   "The governor said 25 people were killed in the city.")
    FatalityExtractor()(doc)
    assert doc.candidates[0].fatalities == 25


@pytest.mark.parametrize("text", [
    "After his acquittal for the 1984 killing of a reporter, he fled.",
    "AFTER HIS ACQUITTAL FOR THE 1984 KILLING OF AN ANTI-DRUG REPORTER, HE FLED.",
    "Survivors of the 1982 Hama massacre said they were killed in the hundreds.",
])
def test_casualties_year_before_an_event_is_no_count(text: str) -> None:
    # rule year-names-an-event: the year dates the event, it counts no dead
    assert all(f.value < 1900 for f in find_figures(text) if f.quantity == "killed")



def test_casualties_a_number_that_causes_the_deaths_is_no_count() -> None:
    # rule cause-of-deaths-no-count: the 5,000 are the group's men, the 20,000 its dead
    figs = find_figures("The group, which operates with approximately 5,000 armed men, has caused the death "
                        "of 20,000 people.")
    assert [f.value for f in figs if f.quantity == "killed"] == [20000]
    figs = find_figures("Gunfire led to the deaths of 12 people at the market.")
    assert [f.value for f in figs if f.quantity == "killed"] == [12]
