from __future__ import annotations

import pytest

from sitrep.nlp.cues import CUES, find_cues, note_heading


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Helicopters dropped barrels of chlorine on the village.", "Chemical weapon"),
        ("A suicide bomber blew himself up at the gate.", "Suicide bomb"),
        ("Men threw a grenade at the police post.", "Grenade"),
        ("Rebels clashed with troops near the bridge.", "Armed clash"),
        ("Police dispersed the crowd with tear gas.", "Protest with intervention"),
        ("The army recaptured the hill from the militants.", "Government regains territory"),
        ("Troops established a new base near the dam.", "Headquarters or base established"),
    ],
)
def test_cues_find_the_sub_type_cue(text: str, sub: str) -> None:
    hits = find_cues(text)
    assert sub in {h.sub_event_type for h in hits}
    for h in hits:
        assert text[h.start:h.end] == h.text


@pytest.mark.parametrize("text", [
    "A suicide attack on the checkpoint killed five soldiers.",
    "A suicide car bomb exploded near the base.",
])
def test_cues_suicide_with_an_attack_or_explosives_is_a_suicide_bomb(text: str) -> None:
    assert "Suicide bomb" in {h.sub_event_type for h in find_cues(text)}


@pytest.mark.parametrize("text", [
    "Police said the man died in an apparent murder-suicide on Friday.",
    "The man committed suicide after shooting his wife.",
    "Investigators ruled the shooting a suicide.",
])
def test_cues_suicide_without_an_attack_or_explosives_is_no_bombing(text: str) -> None:
    assert "Suicide bomb" not in {h.sub_event_type for h in find_cues(text)}


_TERRITORY = {"Government regains territory", "Non-state actor overtakes territory",
              "Non-violent transfer of territory"}


@pytest.mark.parametrize("text", [
    "A news helicopter captured video of detectives carrying bags out of the house.",
    "Bullets hit the walls and people fell to the floor.",
    "The hospital transferred the boy to a children's hospital.",
    "Both suspects are being transferred to the county jail.",
    "A bystander handed over his shirt to stop the bleeding.",
])
def test_cues_no_place_taken_is_no_territory_event(text: str) -> None:
    assert not _TERRITORY & {h.sub_event_type for h in find_cues(text)}


@pytest.mark.parametrize(("text", "sub"), [
    ("The rebels handed over control of the crossing to the police.", "Non-violent transfer of territory"),
    ("Rebels captured the village of Tal Hamra on Monday.", "Non-state actor overtakes territory"),
    ("The town fell to the militants after a week of fighting.", "Non-state actor overtakes territory"),
])
def test_cues_a_place_taken_is_still_a_territory_cue(text: str, sub: str) -> None:
    assert sub in {h.sub_event_type for h in find_cues(text)}


@pytest.mark.parametrize(("text", "used"), [
    ("Russia proposed that its ally hand over its chemical weapons stocks.", False),
    ("Syria joined the chemical weapons convention last year.", False),
    ("Inspectors of the chemical weapons watchdog arrived on Monday.", False),
    ("A chemical attack killed 80 people in the town on Tuesday.", True),
    ("Helicopters dropped barrels of chlorine on the village.", True),
])
def test_cues_a_chemical_arsenal_or_its_diplomacy_is_no_chemical_attack(text: str, used: bool) -> None:
    assert ("Chemical weapon" in {h.sub_event_type for h in find_cues(text)}) is used


def test_cues_a_gun_that_went_off_fired_a_shot_not_a_bomb() -> None:
    gun = {h.sub_event_type for h in find_cues("The pistol went off when it fell, and the bullet hit the boy.")}
    assert "Remote explosive/landmine/IED" not in gun and "Attack" in gun
    bomb = {h.sub_event_type for h in find_cues("A roadside bomb went off near the convoy.")}
    assert "Remote explosive/landmine/IED" in bomb
    assert not find_cues("The fire alarm went off at noon.")


def test_cues_rocket_propelled_grenade_is_not_a_grenade_cue() -> None:
    hits = find_cues("Fighters fired rocket-propelled grenades at the army positions.")
    assert "Grenade" not in {h.sub_event_type for h in hits}
    assert "Armed clash" in {h.sub_event_type for h in hits}


def test_cues_offsets_survive_case_folding_that_changes_length() -> None:
    text = "İstanbul: police arrested five men."  # 'İ'.lower() is two characters
    hits = find_cues(text)
    assert [text[h.start:h.end] for h in hits] == [h.text for h in hits]
    assert any(h.text == "arrested" for h in hits)


def test_cues_none_in_plain_text() -> None:
    assert find_cues("The weather was sunny and the market was busy.") == []


def test_cues_every_cue_has_a_prefilter() -> None:
    assert all(c.gate is not None for c in CUES)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Property destruction: On 4 May 2021, soldiers pulled down a shed.", "Looting/property destruction"),
        ("Security measures: On 2 June 2021, the governor banned gatherings.", "Change to group/activity"),
        ("Non-violent activity: On 1 May 2021, prisoners were released.", "Other"),
        ("  Detonation : two fighters died when their own device went off.", "Disrupted weapons use"),
    ],
)
def test_cues_note_heading_names_the_sub_type(text: str, sub: str) -> None:
    assert note_heading(text) == sub


@pytest.mark.parametrize(
    "text",
    ["On 4 May 2021: soldiers pulled down a shed.", "Rebels said: we took the hill.",
     "Property destruction was reported in the town.", ""],
)
def test_cues_note_heading_ignores_other_colons(text: str) -> None:
    assert note_heading(text) is None


def test_cues_overtook_is_a_territory_cue() -> None:
    hits = find_cues("The militants overtook three checkpoints on the road.")
    assert "Non-state actor overtakes territory" in {h.sub_event_type for h in hits}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air defences intercepted two drones over the airport.", True),
        ("Three rockets were intercepted over the city.", True),
        ("Coast guards intercepted a boat carrying forty migrants.", False),
    ],
)
def test_cues_interception_is_of_weapons(text: str, expected: bool) -> None:
    assert ("Disrupted weapons use" in {h.sub_event_type for h in find_cues(text)}) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Two explosive devices were found in a canal near the zoo.",
        "Special forces destroyed large caches of weapons during the operation.",
        "Over two hundred pistols and thousands of bullets were captured in the capital.",
        "Deminers cleared more than a thousand landmines from the farmland.",
    ],
)
def test_cues_weapons_found_seized_or_destroyed(text: str) -> None:
    assert "Disrupted weapons use" in {h.sub_event_type for h in find_cues(text)}


@pytest.mark.parametrize(
    "text",
    ["Hundreds of families fled their homes in the district.", "Dozens of inmates escaped from the central prison.",
     "Border guards fired several shots into the air near the river."],
)
def test_cues_other_happenings(text: str) -> None:
    assert "Other" in {h.sub_event_type for h in find_cues(text)}


def test_cues_people_fleeing_a_group_are_no_other_cue() -> None:
    assert "Other" not in {h.sub_event_type for h in find_cues("Soldiers abused women fleeing the militants.")}



@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Insurgents seized a village near the border on Friday.", "Non-state actor overtakes territory"),
        ("The armed group gained ground in the western suburbs.", "Non-state actor overtakes territory"),
        ("Loyalist fighters won back the hill after a night of fighting.", "Government regains territory"),
        ("Rebels in the north came under fire from army choppers.", "Air/drone strike"),
        ("Two men molested a girl on her way to school.", "Sexual violence"),
        ("The army freed ten rebels in exchange for the release of four soldiers.", "Agreement"),
        ("A new military point was set up on the road south of the town.", "Headquarters or base established"),
        ("The government is moving troops to the eastern border.", "Change to group/activity"),
    ],
)
def test_cues_more_phrasings(text: str, sub: str) -> None:
    assert sub in {h.sub_event_type for h in find_cues(text)}


@pytest.mark.parametrize("text", [
    "An arrest warrant was issued charging him with murder.",
    "Prosecutors said he was indicted on two counts of murder.",
    "He pleaded guilty to murder last year.",
    "A judge signed a warrant for his arrest.",
])
def test_cues_a_charge_names_a_crime_not_a_happening(text: str) -> None:
    """A warrant, a charge or a plea is a legal step: neither an arrest nor an attack happened."""
    assert not find_cues(text)


@pytest.mark.parametrize(("text", "sub"), [
    ("Gunmen murdered two farmers on Monday.", "Attack"),
    ("Police arrested a man wanted for the killing.", "Arrests"),
])
def test_cues_told_happenings_still_cue(text: str, sub: str) -> None:
    assert sub in {h.sub_event_type for h in find_cues(text)}


@pytest.mark.parametrize(("text", "cues"), [
    # rule cue-in-a-name: a capitalised cue word inside a sentence, before another capitalised word
    ("All four women, among them Mary Jo Nye of Battle Creek, were killed.", ["killed"]),
    ("Gunmen shot a member of the regime's Air Force Intelligence in the town.", ["shot"]),
    ("The Battle of Aleppo raged on for weeks.", ["Battle"]),  # "of": an event's own name
    ("Rebels Attack Army Base In Idlib", ["Attack"]),  # a title-case headline: capitals say nothing
])
def test_cues_a_cue_word_inside_a_name_is_no_cue(text: str, cues: list[str]) -> None:
    assert sorted({h.text.split()[0] for h in find_cues(text)}) == cues
