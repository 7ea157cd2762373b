from __future__ import annotations

import pickle

import pytest

from sitrep.nlp.rules import rule_features, rule_flags, stem_with_rules


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Monitors recorded bursts of fire in both directions of the front line near the village.", "exchange"),
        ("The rebels fired mortars and grenade launchers at the army positions.", "standoff"),
        ("Gunmen killed an off-duty police officer at his home.", "offduty"),
        ("A group of traders assaulted a municipal inspector in the market.", "mobact"),
        ("Workers protested at the gate, and police detained five of them.", "intervened"),
        ("Soldiers opened fire on the protesters in the square.", "forceprot"),
        ("Gunmen abducted a trader; his body was found two days later.", "abductkilled"),
        ("A man shot a guard at the bank; police arrested him later.", "arrestafter"),
        ("Government troops took control of the village from the rebels.", "stateterritory"),
        ("The rebels took control of the village from the army.", "nonstateterritory"),
    ],
)
def test_rules_flag_fires(text: str, flag: str) -> None:
    assert flag in rule_flags(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Workers protested against the arrest of their union leader.", "intervened"),
        ("Residents marched to condemn the killing of a teacher.", "forceprot"),
        ("Police arrested a man who later shot a guard.", "arrestafter"),
        ("Gunmen kidnapped two traders on the highway.", "abductkilled"),
        ("On 18 March 2020, a soldier was killed in the district.", "protest"),
    ],
)
def test_rules_flag_stays_quiet(text: str, flag: str) -> None:
    assert flag not in rule_flags(text)


def test_rules_features_are_pseudo_words_a_vectorizer_keeps() -> None:
    words = rule_features("Property destruction: On 2 May 2021, the army shelled the village.").split()
    assert "xheadinglootingpropertydestruction" in words
    assert "xcueshellingartillerymissileattackhi" in words
    assert all(w.isalpha() and w.startswith("x") for w in words)
    assert stem_with_rules("Soldiers clashed").startswith("soldier clash ")


def test_rules_preprocessor_pickles_for_model_dirs() -> None:
    assert pickle.loads(pickle.dumps(stem_with_rules))("x") == stem_with_rules("x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The group claimed responsibility for the bombing of the bus station.", True),
        ("Officials blamed the militia for the blast at the fuel depot.", True),
        ("The government imposed new sanctions on the army chiefs after the gas attack.", True),
        ("A bus overturned on the mountain road, killing nine passengers.", True),
        ("Students marched to demand justice for two classmates killed in a road accident.", False),
        ("Police are accused of beating a taxi driver during the curfew.", False),
        ("Gunmen attacked the convoy; the group later claimed responsibility.", False),
        # crime without force is no event; an armed actor's theft, or an armed robbery, is
        ("Two men stole a delivery van from a car park and sold its engine parts.", True),
        ("Customs officers found counterfeit banknotes worth millions hidden in a lorry.", True),
        ("Militiamen stole forty cows from a ranch outside the town.", False),
        ("Armed men robbed a bus at gunpoint on the highway.", False),
    ],
)
def test_rules_reports_no_event(text: str, expected: bool) -> None:
    from sitrep.nlp.rules import reports_no_event

    assert reports_no_event(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two armed men attacked a taxi driver outside the workshop.", True),
        ("Gunmen shot dead a local councillor in the market.", True),
        ("Gunmen attacked an army checkpoint near the bridge.", False),
        ("Protesters blocked the main road in both directions.", False),
    ],
)
def test_rules_civilian_target(text: str, expected: bool) -> None:
    assert ("civiliantarget" in rule_flags(text)) is expected


def test_rules_road_blocked_in_both_directions_is_no_exchange_of_fire() -> None:
    assert "exchange" not in rule_flags("Protesters blocked the highway in both directions.")
    assert "exchange" in rule_flags("Monitors recorded 40 explosions in both directions of the front line.")


def test_rules_rioters_without_a_protest_word() -> None:
    assert "rioters" in rule_flags("Rioters clashed with police along the dividing wall.")
    assert "rioters" not in rule_flags("Protesters rioted in the square.")  # the protest rules decide


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Police detained the editor of an opposition newspaper at his office.", "arrestonly"),
        ("The armed group arrested several young men in the town on charges of spying.", "nonstatearrest"),
        ("Troops pushed into the enclave, capturing a village at its southern edge.", "stateterritory"),
        ("Giants Brigades took control of two villages south of the port.", "stateterritory"),
        ("Afghan commandos recaptured the district centre from the Taliban.", "stateterritory"),
    ],
)
def test_rules_arrest_and_territory_flags(text: str, flag: str) -> None:
    assert flag in rule_flags(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rebels handed over control of the crossing to the police under the deal.", True),
        ("The army withdrew from the town and the allied militia moved into it.", True),
        ("Fighters withdrew from their positions and redeployed to the north.", False),
        ("The army withdrew from the town after heavy clashes with the rebels.", False),
    ],
)
def test_rules_handover_without_fighting(text: str, expected: bool) -> None:
    assert ("handover" in rule_flags(text)) is expected


def test_rules_arrest_without_a_named_armed_group_is_no_abduction() -> None:
    assert "nonstatearrest" not in rule_flags("Three men were arrested near the market for spreading rumours.")
    assert "nonstatearrest" in rule_flags("The militia arrested three men near the market.")


def test_rules_a_shoot_out_that_took_place_in_a_neighbourhood_takes_no_ground() -> None:
    flags = rule_flags("A shoot-out took place in the Vila Nova neighbourhood, residents reported.")
    assert not flags & {"stateterritory", "nonstateterritory"}


def test_rules_captured_fighters_are_captives_not_territory() -> None:
    assert "captives" in rule_flags("Five militants were killed, injured or captured during the operation.")
    assert "captives" not in rule_flags("The rebels captured the town after a week of fighting.")



def test_rules_volcanoes_and_credit_claims_report_no_event() -> None:
    from sitrep.nlp.rules import reports_no_event

    assert reports_no_event("Five people were killed when a volcano erupted off the coast on Monday.")
    assert reports_no_event("The group takes credit for the bombing that killed dozens last week.")
    assert not reports_no_event("Militants hacked two farmers to death in their field.")



def test_rules_a_protest_about_an_earlier_arrest_is_no_intervention() -> None:
    assert "intervened" not in rule_flags(
        "Journalists protested outside the press club and demanded the release of their editor. "
        "He was arrested last month over an old property case.")
    assert "intervened" not in rule_flags("Students rallied for classmates who had been detained in March.")
    assert "intervened" in rule_flags("Students rallied in the square; twelve of them were detained by police.")



def test_rules_a_demand_makes_a_protest_and_a_ransom_does_not() -> None:
    assert "protest" in rule_flags("Residents blocked the highway to demand the return of water supplies.")
    assert "protest" not in rule_flags("The kidnappers demanded a ransom for the two engineers.")


def test_rules_workers_stoning_police_outside_a_protest_are_a_mob() -> None:
    assert "mobact" in rule_flags("Hundreds of migrant workers threw stones at police at the border post.")



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Insurgents shot and killed two soldiers at a checkpoint.", True),
        ("A policeman was stabbed to death by unknown men near the market.", True),
        ("Militants ambushed and killed three Arbakis in the district.", True),
        # the armed men are the attackers here, the victims a village
        ("Militants attacked a village in the district and burned huts.", False),
    ],
)
def test_rules_armed_victims_are_on_the_receiving_end(text: str, expected: bool) -> None:
    assert ("armedvictims" in rule_flags(text)) is expected



@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("The two sides exchanged artillery fire along the front line overnight.", "exchange"),
        ("Government forces responded to the rebel shelling of their positions.", "exchange"),
        ("Monitors recorded 20 bursts of fire from heavy machine guns near the village.", "standoff"),
        ("Monitors recorded 20 bursts of fire near the village.", "exchange"),
    ],
)
def test_rules_heavy_weapons_alone_are_standoff_fire(text: str, flag: str) -> None:
    assert flag in rule_flags(text)



def test_rules_an_armed_group_attacking_villages_targets_civilians() -> None:
    assert "civiliantarget" in rule_flags("Militiamen attacked three villages in the county overnight.")
    assert "civiliantarget" not in rule_flags("Militiamen attacked an army base in the county overnight.")



def test_rules_a_suppressed_march_is_an_intervention() -> None:
    assert "intervened" in rule_flags("Police suppressed a peaceful march of opposition supporters in the city.")
    assert "intervened" in rule_flags("Officers used pepper spray on protesters outside the station.")


@pytest.mark.parametrize(
    ("text", "flag", "expected"),
    [
        # the armed agent named after "by" did the killing; the victim is a civilian
        ("A farmer was shot dead by suspected rebel fighters near the village.", "armedvictims", False),
        ("Rebel fighters shot dead two soldiers near the village.", "armedvictims", True),
        # explosions counted with no device named: remote fire
        ("Monitors recorded 14 explosions of unknown origin near the village.", "standoff", True),
        ("Two explosions from a roadside bomb hit a convoy.", "standoff", False),
        ("Soldiers killed three militants and seized their weapons.", "violence", True),
        ("Police seized two rifles and ammunition at a checkpoint.", "violence", False),
        # riot police are no violent crowd
        ("Students protested outside the ministry as riot police stood by.", "violentcrowd", False),
    ],
)
def test_rules_agents_blasts_and_aftermath(text: str, flag: str, expected: bool) -> None:
    assert (flag in rule_flags(text)) is expected


@pytest.mark.parametrize(
    ("text", "flag", "expected"),
    [
        ("Militants attacked Kalamo and burnt several houses.", "civiliantarget", True),
        ("Militants attacked Nigerian troops near the border.", "civiliantarget", False),
        ("Youths of the ruling party attacked and injured two opposition members in the market.",
         "civiliantarget", True),
        ("Gunmen killed seven members of the farming community near the river.", "armedvictims", False),
        ("One 'Arbaki' was killed by a sniper at his post.", "armedvictims", True),
        ("The militants tried to take the hill but were pushed back.", "nolastingtake", True),
        ("A man was shot dead outside his house; the victim had a record of drug trafficking.",
         "criminalvictim", True),
        ("A man was shot dead outside his house; police suspect a robbery.", "criminalvictim", False),
        ("The new governor was taking his position when gunmen attacked the compound.", "stateterritory", False),
    ],
)
def test_rules_targets_and_lasting_captures(text: str, flag: str, expected: bool) -> None:
    assert (flag in rule_flags(text)) is expected


@pytest.mark.parametrize(
    ("text", "flag", "expected"),
    [
        # tyres set alight to block a road mark a violent demonstration
        ("Residents closed the main road with burning tyres over water cuts.", "violentcrowd", True),
        # riots named as the protest's background are not the crowd's acts
        ("Relatives protested outside the prison, a month after riots broke out inside it.", "violentcrowd", False),
        ("Relatives protested outside the prison and threw stones at the gate.", "violentcrowd", True),
        # a crowd stoning police while "demanding" something is a mob; a demand alone still makes a protest
        ("Migrant workers threw stones at police at the checkpoint, demanding to be let through.", "mobact", True),
        ("Migrant workers threw stones at police at the checkpoint, demanding to be let through.", "protest", False),
        ("Clashes broke out between villagers and forest guards over the felling of trees.", "mobact", True),
    ],
)
def test_rules_crowds_demonstrations_and_mobs(text: str, flag: str, expected: bool) -> None:
    assert (flag in rule_flags(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two marchers died after police used tear gas and bullets to break up the opposition rally.", True),
        # the death is the protest's cause, not what happened at it
        ("Students marched for a third day over the death of a classmate in police custody.", False),
        ("Relatives held a vigil and protest for a young man whose death remains unexplained.", False),
        # shots into the air kill no one
        ("Inmates protested in the yard until guards intervened and shot into the air.", False),
    ],
)
def test_rules_deaths_at_a_protest_not_its_cause(text: str, expected: bool) -> None:
    assert ("protesterskilled" in rule_flags(text)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers were mobilised to dig out cars buried by heavy snowfall on the mountain road.",
        "The government announced retaliatory measures against its neighbour after the cyber attack.",
        "The ministry expelled three embassy staff members in a tit-for-tat move.",
    ],
)
def test_rules_disasters_and_diplomatic_moves_report_no_event(text: str) -> None:
    from sitrep.nlp.rules import reports_no_event

    assert reports_no_event(text)


def test_rules_storming_a_building_is_no_storm() -> None:
    from sitrep.nlp.rules import reports_no_event

    assert not reports_no_event("Gunmen tried to storm the police headquarters, a local news website said.")
    assert reports_no_event("A tropical storm flattened houses along the coast.")


def test_rules_people_kidnapped_by_an_armed_group_are_not_armed() -> None:
    assert "armedtaken" not in rule_flags("Thirty travellers were kidnapped by the Taliban on the highway.")
    assert "armedtaken" in rule_flags("Gunmen kidnapped three soldiers at a checkpoint.")
