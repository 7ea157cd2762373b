from __future__ import annotations

import time

import pytest

from sitrep.nlp.classify import EventClassifier, fit_text_model, train_codebook_model
from sitrep.nlp.codebook import NONE_LABEL, load_codebook
from sitrep.taxonomy import SUB_EVENT_TYPES


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier(train_codebook_model())


def test_classify_codebook_covers_every_sub_type_with_examples() -> None:
    entries = {e.label: e for e in load_codebook()}
    assert set(SUB_EVENT_TYPES) | {NONE_LABEL} == set(entries)
    assert all(len(e.examples) >= 8 for e in entries.values())


def test_classify_codebook_model_trains_fast() -> None:
    train_codebook_model()  # first call pays the scikit-learn imports
    start = time.perf_counter()
    model = train_codebook_model()
    assert time.perf_counter() - start < 2.0  # ~0.2 s on an idle machine
    assert NONE_LABEL in model.labels


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Jets bombed the outskirts of the village in the morning, killing a farmer.", "Air/drone strike"),
        ("The militia fired mortar shells at the market district overnight.",
         "Shelling/artillery/missile attack"),
        ("A bomb hidden in a parked car exploded near the checkpoint.", "Remote explosive/landmine/IED"),
        ("A man wearing an explosive belt blew himself up at the police academy.", "Suicide bomb"),
        ("Government troops and rebels fought for hours on the edge of the town.", "Armed clash"),
        ("Hundreds of nurses marched to the ministry to demand their unpaid salaries.", "Peaceful protest"),
        ("Gunmen abducted the village chief and his driver.", "Abduction/forced disappearance"),
        ("Bomb experts defused an explosive device found under the bridge.", "Disrupted weapons use"),
        ("The warring sides signed a ceasefire in the capital.", "Agreement"),
    ],
)
def test_classify_types_clear_sentences(classifier: EventClassifier, text: str, sub: str) -> None:
    (pred,) = classifier.predict([text])
    assert pred.label == sub
    assert 0.0 < pred.score <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "The central bank raised interest rates by half a point.",
        "Heavy rain flooded the lower town and people left their homes.",
        "The foreign minister met his counterpart to talk about trade.",
    ],
)
def test_classify_no_event_text_is_none(classifier: EventClassifier, text: str) -> None:
    (pred,) = classifier.predict([text])
    assert pred.label == NONE_LABEL


def test_classify_allow_none_false_always_types(classifier: EventClassifier) -> None:
    (pred,) = classifier.predict(["The central bank raised interest rates."], allow_none=False)
    assert pred.label in SUB_EVENT_TYPES


def test_classify_trained_model_dominates_typing() -> None:
    texts = ["zorblat happened at the farm", "zorblat seen near the river", "zorblat again today",
             "quimper at the farm", "quimper near the river", "quimper again today"]
    labels = ["Mob violence"] * 3 + ["Arrests"] * 3
    trained = fit_text_model(texts, labels)
    clf = EventClassifier(train_codebook_model(), trained=trained)
    (pred,) = clf.predict(["a mob and a zorblat at the farm"], allow_none=False)
    assert pred.label == "Mob violence"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # the authorities act on the protest -> intervention; a protest *against* an arrest stays peaceful
        ("About forty traders protested outside the town hall over rents, and police arrested six of them.",
         "Protest with intervention"),
        ("About forty traders protested outside the town hall against the arrest of a union leader.",
         "Peaceful protest"),
        # lethal force on the marchers themselves, not a march about a killing
        ("Residents marched on the governor's office over water cuts; soldiers opened fire on the protesters, "
         "killing two.", "Excessive force against protesters"),
        ("Residents marched on the governor's office to condemn the killing of a local teacher.",
         "Peaceful protest"),
        # taken, then killed: an attack on civilians rather than an abduction
        ("Gunmen kidnapped a shopkeeper from his home; his body was found the next day by the river.", "Attack"),
        # who took the place decides regain vs overtake
        ("The militants overtook two army checkpoints north of the town after a night of fighting.",
         "Non-state actor overtakes territory"),
        ("Pro-government forces took control of the two villages from the rebels after heavy fighting.",
         "Government regains territory"),
        # allied forces ACLED counts on the state's side, and a non-state group retaking ground
        ("Fighters of the Southern Resistance seized the hills overlooking the district from the Houthis.",
         "Government regains territory"),
        ("Hezbollah fighters retook the crossings on the edge of the town after a day of fighting.",
         "Non-state actor overtakes territory"),
        # an armed group's "arrest" is an abduction; a passive arrest stays an arrest
        ("Militants of the armed group arrested two teachers in the village and took them to an unknown place.",
         "Abduction/forced disappearance"),
        ("Two teachers were arrested in the village on charges of spreading rumours.", "Arrests"),
        # fighters captured in an operation: no ground changed hands
        ("Three rebels were killed and two were captured during a security operation in the hills.",
         "Armed clash"),
        # traders clashing with the police who cleared their stalls, outside any protest
        ("A group of fruit sellers clashed with municipal police officers who tried to remove their stalls.",
         "Mob violence"),
        # a grenade answered with gunfire is part of a fight
        ("Attackers threw a grenade at an army checkpoint on the edge of the town, and the soldiers "
         "responded with gunfire.", "Armed clash"),
        # supporters of rival parties fighting each other, no weapons named
        ("Members of the ruling party fought with members of the opposition party in the market of the town.",
         "Mob violence"),
        # a crowd beating police officers is mob violence, not a clash with armed men
        ("A crowd of about 80 migrants assaulted border police officers who tried to stop them at the crossing.",
         "Mob violence"),
        # people displaced, with no other event: other
        ("Around 200 families were displaced from two villages after tension between the armed groups, "
         "and sheltered in a school.", "Other"),
        # an unarmed crowd turning on the police outside any demonstration
        ("A group of vendors attacked two police officers who were enforcing the market closure.",
         "Mob violence"),
        # weapons seized during a deadly raid are its aftermath, and the seized grenades were not thrown
        ("Police raided a gang hideout; two suspects died in the shoot-out and officers seized rifles, "
         "pistols and grenades.", "Armed clash"),
        # equipment destroyed in a battle is part of the battle
        ("Government forces repelled a rebel incursion on the front, killing several fighters and destroying "
         "their equipment.", "Armed clash"),
        # an anti-tank missile fired at a vehicle is a missile attack
        ("The rebels destroyed an army truck on the front line with an ATGM.", "Shelling/artillery/missile attack"),
        # ACLED: a missile an aircraft fires is an air strike, whether the plane comes first or last
        ("Warplanes fired a missile at a group of men east of the town on Monday.", "Air/drone strike"),
        ("Two missiles were fired in a raid by enemy jets on the depot.", "Air/drone strike"),
        ("The rebels fired two missiles at the depot.", "Shelling/artillery/missile attack"),
        # riot police at a protest do not make it a riot
        ("Hundreds of students marched to the ministry, watched by riot police, and went home after an hour.",
         "Peaceful protest"),
        # a capture held only for hours, or only tried, is a clash (ACLED)
        ("Militants briefly seized the district centre before troops pushed them out the same night.",
         "Armed clash"),
        # the side named first in the capture's own sentence took the ground
        ("Rebels attacked a pro-government militia post at night. The rebels overran the post and kept it.",
         "Non-state actor overtakes territory"),
        # a place left by one side and taken by the other with no fighting
        ("The rebels withdrew from the town and government troops recaptured it without a fight.",
         "Non-violent transfer of territory"),
        # police beating a protester
        ("Police officers beat an elderly protester during a sit-in outside the ministry.",
         "Excessive force against protesters"),
        # "fired on" the crowd, as "opened fire on" it
        ("Police fired on a crowd of protesters in the town square, killing two people.",
         "Excessive force against protesters"),
        # ACLED: excessive force is against peaceful protesters; a stone-throwing crowd fired on is a
        # violent demonstration
        ("Police opened fire on demonstrators who pelted stones at the security forces, killing one.",
         "Violent demonstration"),
        # a headline's present tense: protesters who die in the crackdown (a "die-in" is a protest)
        ("Three protesters die as police break up the opposition march in the capital.",
         "Excessive force against protesters"),
        ("Hundreds of students staged a die-in outside the ministry to demand cleaner air.", "Peaceful protest"),
        # ACLED: arrests made over a protest, apart from it, are arrests, not a demonstration
        ("Police continue to arrest opposition activists in the capital in anticipation of mass protests.",
         "Arrests"),
        ("Police arrested five marchers at the rally in the capital.", "Protest with intervention"),
        # shots fired into the air, hurting no one: other
        ("Border guards fired shots into the air near the river crossing during the night.", "Other"),
        # an armed group handing out food parcels changes what it does
        ("Members of the cartel delivered food parcels to families in the town during the lockdown.",
         "Change to group/activity"),
        # a protest about a prisoner who attempted suicide is no suicide bombing
        ("Families of detainees rallied outside the court; one detainee had attempted suicide in his cell.",
         "Peaceful protest"),
        # police beating a driver for breaking the curfew: an attack, not a security measure
        ("Police officers beat a taxi driver for breaking the curfew imposed during the lockdown.", "Attack"),
        # the bomb killed: an explosion, not an attack
        ("A bomb planted by the insurgents killed three civilians at a bus stop in the town.",
         "Remote explosive/landmine/IED"),
        # two sides named as fighting: a clash, even with a civilian among the dead
        ("Soldiers clashed with militia fighters near the market; a trader was killed in the crossfire.",
         "Armed clash"),
        # a missile fired by a warplane is an air strike
        ("Warplanes fired two missiles at a weapons depot on the outskirts of the city.", "Air/drone strike"),
        # a country's forces named by its adjective are the state; troops marching on are no protest
        ("Iraqi troops captured two villages west of the city and marched deeper into the district.",
         "Government regains territory"),
        # a grenade thrown during a fight between two sides belongs to the clash (coding rules)
        ("Gunmen tried to throw a grenade at the commander's house and clashes erupted with his guards.",
         "Armed clash"),
        # two armed sides that clashed: a clash, even when one side's victim is named
        ("Army troops clashed with a local militia and killed a villager who was helping the militia.",
         "Armed clash"),
        # civilians killed by an air strike count in the strike (coding rules), not in an attack
        ("At least three civilians were killed and dozens wounded in air strikes on the province.",
         "Air/drone strike"),
        # troops opening fire on unarmed people
        ("Border troops opened fire on a group of herders crossing the river, killing two.", "Attack"),
        # live rounds with no demonstration in sight are no excessive force against protesters
        ("Soldiers fired live bullets at two farmers near the border fence, wounding both.", "Attack"),
        # police officers abducted by gunmen: ACLED codes a clash
        ("Unidentified gunmen abducted two police officers at a checkpoint outside the town.", "Armed clash"),
        # any arrest at the protest makes it an intervention, however peaceful the crowd
        ("Bakers marched to the governor's office over flour prices, and one of the marchers was detained.",
         "Protest with intervention"),
        # burning material on the road marks the crowd's own violence
        ("Farmers set fire to straw bales on the bypass as they protested against cheap imports.",
         "Violent demonstration"),
        # looted funds or a burnt transformer named in the demand are its cause, not the crowd's acts
        ("Pensioners rallied at the bank to demand the recovery of savings looted by its former managers.",
         "Peaceful protest"),
        # stones thrown with no demonstration named: a mob, not a violent demonstration
        ("A wedding party threw stones at a police team that came to stop the music after the curfew.", "Mob violence"),
        # arrests after a lynching are its aftermath
        ("Neighbours beat a man they caught breaking into a car until he lost consciousness; police later arrested him.",
         "Mob violence"),
        # armed sides that fought are no mob, and armed men "marching" on a village are no demonstration
        ("Militias of two rival clans clashed near the wells over grazing rights, and eleven men died.",
         "Armed clash"),
        ("Armed youths of the ruling party marched into the village and beat two opposition supporters.", "Attack"),
        # demonstrators who tried to force their way in are violent, whatever the police then did
        ("Dozens of farmers rallied at the land registry and tried to force their way into the building; "
         "police fired tear gas to disperse them.", "Violent demonstration"),
        # police that 'attacked' a sit-in: an intervention, not a violent crowd
        ("Police attacked a sit-in of nurses outside the ministry with batons and detained five of them.",
         "Protest with intervention"),
        # a police act named as the protest's cause is no intervention at it
        ("Street vendors protested in the town centre, rejecting police raids that seized their goods.",
         "Peaceful protest"),
        # a peaceful protest about a beating is no mob; striking workers who smash a clinic are demonstrators
        ("Market women demonstrated in the town after a soldier had beaten one of them in a dispute.",
         "Peaceful protest"),
        ("Striking cleaners smashed the windows of the hospital administration and overturned its desks.",
         "Violent demonstration"),
        # a place full of unarmed people attacked: an attack on civilians
        ("Armed men attacked a crowded restaurant in the old town on Saturday night; three diners died.", "Attack"),
        # a petrol bomb thrown at a shop by two men, no crowd and no one hurt: property destruction
        ("Two masked men threw a petrol bomb at a bakery at night and fled, damaging its front.",
         "Looting/property destruction"),
        # the note's own heading
        ("Property destruction: On 2 March 2021, the army pulled down two farm sheds near the village.",
         "Looting/property destruction"),
        # two sides fighting each other: a battle, whoever died in it
        ("Fighting between the army and a paramilitary force in the capital killed 56 civilians on Saturday.",
         "Armed clash"),
        ("Fierce battles raged between the two militias near the port, killing nine residents.", "Armed clash"),
    ],
)
def test_classify_rules_separate_look_alike_sub_types(classifier: EventClassifier, text: str, sub: str) -> None:
    (pred,) = classifier.predict([text], allow_none=False)
    assert pred.label == sub


def test_classify_march_the_month_is_not_a_protest() -> None:
    from sitrep.nlp.classify import protesters_killed

    assert not protesters_killed("On 18 March 2020, a policeman was killed by a sniper in the district.")
    assert protesters_killed("Police shot at a march in the capital, and one man died.")


def test_classify_rules_also_shape_a_trained_model() -> None:
    texts = ["residents protested at the hall", "workers protested at the gate", "people protested in town",
             "police arrested a man at home", "police arrested two men", "police detained a trader"]
    labels = ["Peaceful protest"] * 3 + ["Arrests"] * 3
    clf = EventClassifier(train_codebook_model(), trained=fit_text_model(texts, labels))
    (pred,) = clf.predict(["Property destruction: On 2 March 2021, the army pulled down two farm sheds."],
                          allow_none=False)
    assert pred.label == "Looting/property destruction"


def test_classify_police_taking_a_building_at_a_protest_is_no_territory(classifier: EventClassifier) -> None:
    (pred,) = classifier.predict(["About forty protesters stormed the clinic to demand news of patients and "
                                  "attacked two nurses; police took control of the clinic."], allow_none=False)
    assert pred.label not in ("Government regains territory", "Non-state actor overtakes territory")
