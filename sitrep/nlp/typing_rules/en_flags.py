"""The English flag rules: one row per flag, in the order they apply (a row's test may read the
flags of earlier rows it declares in ``reads``), each with its test, its reason and a sentence it
fires on (checked by ``tests/nlp/test_typing_rules.py``).

To add a flag: add a member to :class:`~sitrep.nlp.typing_rules.engine.Flag`, a row here with an
order between its neighbours', and a score rule that reads it (``en_scores.py``); a model trained
by ``sitrep train`` also sees it as the pseudo-word ``"x" + flag``.
"""

from __future__ import annotations

from .. import rule_patterns as p
from .en_tests import EnglishText, at_the_protest, unarmed_groups_clash
from .engine import Flag, FlagRule

__all__ = ["FLAG_RULES_EN"]

F = Flag
_FIGHTING = frozenset({F.PROTEST, F.EXCHANGE, F.STANDOFF})


def _arrest_alone(t: EnglishText, f: frozenset[Flag]) -> bool:
    return F.ARREST_AFTER not in f and t.arrest_alone(bool(f & _FIGHTING))


def _nonstate_arrest(t: EnglishText, f: frozenset[Flag]) -> bool:
    arrest = t.arrest
    return arrest is not None and _arrest_alone(t, f) and not p.STATE_ARRESTER.search(t.text) \
        and p.NONSTATE_ARRESTER.search(t.text, 0, arrest.start()) is not None


def _abduct_killed(t: EnglishText, f: frozenset[Flag]) -> bool:
    abduct = p.ABDUCT.search(t.text)
    return abduct is not None and p.DIED_AFTER.search(t.text, abduct.end()) is not None


def _arrest_after(t: EnglishText, f: frozenset[Flag]) -> bool:
    arrest = t.arrest
    return arrest is not None and p.VIOLENCE_FIRST.search(t.text, 0, arrest.start()) is not None


def _armed_victims(t: EnglishText, f: frozenset[Flag]) -> bool:
    # the victims decide: civilians named as the agent ("by unknown men") do not count
    return t.armed and bool(p.ARMED_HIT.search(t.text)) and not p.CIVILIAN.search(p.BY_AGENT.sub(" ", t.text))


def _handover(t: EnglishText, f: frozenset[Flag]) -> bool:
    text = t.text
    return bool(p.HANDOVER.search(text) or (p.WITHDRAWAL.search(text) and p.MOVES_IN.search(text))
                or (p.NO_FIGHT.search(text) and p.TERRITORY.search(text))) \
        and not p.CLASH_WORDS.search(text) and not p.LETHAL.search(text)


FLAG_RULES_EN: tuple[FlagRule[EnglishText], ...] = (
    FlagRule(F.ARMED_CROWD, 10, lambda t, f: t.armed_crowd,
             "militias, gunmen or armed men are named: their march or burning tyres is no demonstration, "
             "their fight no mob's (ACLED: demonstrators are unarmed)",
             "Gunmen marched into the village at dawn."),
    FlagRule(F.PROTEST, 20, lambda t, f: t.in_protest,
             "a demonstration is named (a protest word, or tyres set alight), unless the crowd is armed "
             "or its only 'demand' comes with a mob's attack",
             "Hundreds of nurses marched to the ministry to demand their salaries."),
    FlagRule(F.VIOLENT_CROWD, 30, lambda t, f: t.in_protest and (t.demonstration[1] is not None or t.crowd_violence),
             "the demonstrators themselves turned violent (stones, arson, riots), not its cause or the police",
             "Relatives protested outside the prison and threw stones at the gate."),
    FlagRule(F.FORCE_ON_PROTESTERS, 40,
             lambda t, f: t.in_protest and bool(p.FORCE_ON_PROTESTERS.search(t.text)) and not t.crowd_violence,
             "state force turned on the protesters themselves, not a protest about a killing; ACLED: on "
             "peaceful protesters (a crowd throwing stones at the police is a violent demonstration)",
             "Soldiers opened fire on the protesters in the square."),
    FlagRule(F.PROTESTERS_KILLED, 50,
             lambda t, f: t.in_protest and at_the_protest(p.LETHAL, t.text, p.DEATH_CAUSE) and not t.crowd_violence,
             "people were killed or shot at the protest with no sign the crowd was violent",
             "Two marchers died after police used tear gas and bullets to break up the opposition rally."),
    FlagRule(F.INTERVENED, 60, lambda t, f: t.in_protest and at_the_protest(p.INTERVENED, t.text, p.ACT_AS_CAUSE),
             "ACLED: an arrest or a dispersal at the protest makes it a protest with intervention",
             "Workers protested at the gate, and police detained five of them."),
    FlagRule(F.MOB_ACT, 70, lambda t, f: not t.in_protest and bool(p.MOB_ACT.search(t.text)),
             "an unarmed crowd turns on someone outside a demonstration: mob violence",
             "A group of traders assaulted a municipal inspector in the market."),
    FlagRule(F.CROWD, 80, lambda t, f: bool(p.CROWD_WORD.search(t.text)),
             "a crowd is named (a mob needs one)",
             "Villagers gathered outside the clinic."),
    FlagRule(F.RIOTERS, 90, lambda t, f: F.PROTEST not in f and bool(p.RIOTERS.search(t.text)),
             "riots named with no protest word (ACLED: rioters with no demonstration lean to a mob)",
             "Rioters clashed with police along the dividing wall.", reads=frozenset({F.PROTEST})),
    FlagRule(F.EXCHANGE, 100,
             lambda t, f: bool(p.EXCHANGE.search(t.text)
                               or (p.LIGHT_FIRE.search(t.text) and not p.HEAVY.search(t.text))),
             "fire traded both ways, or small arms: a fight between two sides",
             "The two sides exchanged artillery fire along the front line overnight."),
    FlagRule(F.STANDOFF, 110,
             lambda t, f: F.EXCHANGE not in f and bool(
                 p.STANDOFF.search(t.text) or (p.COUNTED_BLASTS.search(t.text) and not p.DEVICE.search(t.text))),
             "heavy weapons fired, or explosions counted with no device named, and no exchange: remote fire",
             "The rebels fired mortars and grenade launchers at the army positions.",
             reads=frozenset({F.EXCHANGE})),
    FlagRule(F.CLASH_WORDS, 120, lambda t, f: F.STANDOFF in f and bool(p.CLASH_WORDS.search(t.text)),
             "heavy weapons fired within a named fight (clashes, battle, ambush)",
             "Mortars were fired during the fighting near the bridge.", reads=frozenset({F.STANDOFF})),
    FlagRule(F.VIOLENCE, 130, lambda t, f: bool(p.VIOLENCE.search(t.text)),
             "people were killed, hurt or fought: weapons seized or property destroyed there are the aftermath",
             "Soldiers killed three militants and seized their weapons."),
    FlagRule(F.WEAPON_AGENT, 140, lambda t, f: bool(p.WEAPON_AGENT.search(t.text)),
             "the weapon itself killed or hurt, or a device was planted or set off: the weapon's sub-type",
             "A bomb planted by militants killed two traders on the highway."),
    FlagRule(F.CLASHED_WITH, 150, lambda t, f: bool(p.CLASHED_WITH.search(t.text)),
             "two sides named as fighting each other",
             "Government troops clashed with rebels near the border."),
    FlagRule(F.AIRBORNE, 160, lambda t, f: bool(p.AIRBORNE.search(t.text)),
             "an aircraft or drone fired or dropped the weapon: an air strike, whatever it fired",
             "Warplanes fired missiles at the market."),
    FlagRule(F.CIVILIAN_TARGET, 170,
             lambda t, f: bool(p.CIVILIAN_TARGET.search(t.text)
                               or ("attacked" in t.text and p.PLACE_ATTACKED.search(t.raw))),
             "violence aimed at an unarmed person or place named right after the verb",
             "Militiamen attacked three villages in the county overnight."),
    FlagRule(F.ARMED_VICTIMS, 180, _armed_victims,
             "the people hit were armed (soldiers, police, fighters), not civilians",
             "Rebel fighters shot dead two soldiers near the village."),
    FlagRule(F.OFF_DUTY, 190, lambda t, f: t.armed and bool(p.OFF_DUTY.search(t.text)),
             "the armed victim was off duty, retired or at home: a civilian target",
             "Gunmen killed an off-duty police officer at his home."),
    FlagRule(F.CRIMINAL_VICTIM, 200, lambda t, f: bool(p.CRIMINAL_VICTIM.search(t.text)),
             "ACLED counts a trafficker or gang member as armed: violence against one is a clash",
             "A man was shot dead outside his house; the victim had a record of drug trafficking."),
    FlagRule(F.ARMED_TAKEN, 210, lambda t, f: bool(p.ABDUCT.search(t.text) and p.ARMED_TAKEN.search(t.text)),
             "ACLED: soldiers or police abducted is a clash between the two sides",
             "Gunmen kidnapped three soldiers at a checkpoint."),
    FlagRule(F.UNARMED_GROUPS, 220, lambda t, f: unarmed_groups_clash(t.text),
             "a fight between unarmed groups (villagers, families, party supporters) is mob violence",
             "Two groups of villagers fought with sticks over a disputed field."),
    FlagRule(F.NO_LASTING_TAKE, 230, lambda t, f: bool(p.NO_LASTING_TAKE.search(t.text)),
             "ACLED: a place held only briefly, or only tried for, changed no hands: a clash",
             "The militants tried to take the hill but were pushed back."),
    FlagRule(F.TAKING, 235, lambda t, f: bool(p.TAKING.search(t.text)),
             "ACLED: territory is overtaken or regained when a side takes control of a place: a taking verb "
             "or noun (captured, seized, took control, regained, fell to, came under control), not a place "
             "described as held ('the occupied city', 'clinging to control of')",
             "The rebels captured the village after two days of fighting."),
    FlagRule(F.STATE_TERRITORY, 240,
             lambda t, f: F.NO_LASTING_TAKE not in f and bool(p.TERRITORY_CUE.search(t.text)) and t.state_takes,
             "a place was taken and the state's side is the subject of the taking",
             "Government troops took control of the village from the rebels.",
             reads=frozenset({F.NO_LASTING_TAKE})),
    FlagRule(F.NONSTATE_TERRITORY, 250,
             lambda t, f: F.NO_LASTING_TAKE not in f and bool(p.TERRITORY_CUE.search(t.text)) and not t.state_takes,
             "a place was taken by a side other than the state's",
             "The rebels took control of the village from the army.", reads=frozenset({F.NO_LASTING_TAKE})),
    FlagRule(F.CAPTIVES, 260, lambda t, f: bool(p.CAPTIVES.search(t.text)),
             "people, not places, were captured",
             "Five militants were killed, injured or captured during the operation."),
    FlagRule(F.ABDUCT_KILLED, 270, _abduct_killed,
             "ACLED: kidnapped, then killed, is an attack",
             "Gunmen abducted a trader; his body was found two days later."),
    FlagRule(F.ARREST_AFTER, 280, _arrest_after,
             "an arrest reported after the violent act is its aftermath, not the event",
             "A man shot a guard at the bank; police arrested him later."),
    FlagRule(F.ARREST_ONLY, 290,
             lambda t, f: _arrest_alone(t, f) and bool(p.STATE_ARRESTER.search(t.text)),
             "an arrest by state forces with no violence or protest around it",
             "Police detained the editor of an opposition newspaper at his office.",
             reads=frozenset({F.ARREST_AFTER, *_FIGHTING})),
    FlagRule(F.NONSTATE_ARREST, 300, _nonstate_arrest,
             "ACLED: only state forces make arrests; a named armed group's 'arrest' is an abduction",
             "The armed group arrested several young men in the town on charges of spying.",
             reads=frozenset({F.ARREST_AFTER, *_FIGHTING})),
    FlagRule(F.HANDOVER, 310, _handover,
             "territory handed over, or left to a side that moves in, without fighting",
             "The rebels handed over control of the crossing to the police under the deal."),
    FlagRule(F.NOT_POLITICAL, 320, lambda t, f: bool(p.NOT_POLITICAL.search(t.text)),
             "accidents and disasters are no event (a feature for trained models; the no-event decision "
             "reads the same pattern in sitrep.nlp.rules.reports_no_event)",
             "A bus overturned on the mountain road, killing nine passengers."),
)
