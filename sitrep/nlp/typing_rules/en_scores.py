"""The score rules: how the flags shift the sub-type scores, in the order they apply.

Two phases, one table each: ``PRIOR_RULES`` (:mod:`.en_prior`) weigh the cue prior (what the
trigger words suggest) before it joins the model scores; ``SCORE_RULES`` (here) then shift the
combined scores. Order matters
where a rule raises a sub-type to ``max(...)`` of others: the rows are listed, and applied, by
``order``. Each row says which sub-types it may raise or lower, why (ACLED's definition where
there is one) and a sentence it fires on (checked by ``tests/nlp/test_typing_rules.py``).

To add a rule: a member of :class:`~sitrep.nlp.typing_rules.engine.RuleName`, a row with an
order between its neighbours' and an effect that moves only the sub-types it declares; then
``python benchmarks/check_typing_identity.py --compare`` lists every text whose sub-type changed.
"""

from __future__ import annotations

import re

from collections.abc import Callable

from ...taxonomy import SUB_EVENT_TYPES, TYPE_OF_SUB
from ..cues import CARRIED_EXPLOSIVES, SUICIDE_ATTACK_WORDS
from .en_tests import reads_english
from .engine import Flag, RuleName, ScoreContext, ScoreRule

__all__ = [
    "AFTERMATH_FACTOR",
    "ARMED_VICTIM_SHIFT",
    "CIVILIAN_TARGET_SHIFT",
    "EXCHANGE_SHIFT",
    "HEADING_BONUS",
    "INTERVENTION_SHIFT",
    "SCORE_RULES",
    "english",
    "STANDOFF_SHIFT",
    "VIOLENT_CROWD_SHIFT",
]

#: The size of most shifts (scaled by ``ScoreContext.scale``), and of the named exceptions.
ARMED_VICTIM_SHIFT = 0.3
EXCHANGE_SHIFT = 0.3
STANDOFF_SHIFT = 0.15
INTERVENTION_SHIFT = 0.45
CIVILIAN_TARGET_SHIFT = 0.3
VIOLENT_CROWD_SHIFT = 0.3
HEADING_BONUS = 0.5
#: How far below the best other sub-type a change of territory falls when no taking is told.
NO_TAKING_MARGIN = 0.01
#: How much of a cue prior is left when the rules say it names another act's aftermath or weapons.
AFTERMATH_FACTOR = 0.3
SECONDARY_FACTOR = 0.3

F, R = Flag, RuleName
I = {sub: i for i, sub in enumerate(SUB_EVENT_TYPES)}  # noqa: E741
EXPLOSIONS = tuple(s for s in SUB_EVENT_TYPES if TYPE_OF_SUB[s] == "Explosions/Remote violence")
REMOTE = [I[s] for s in EXPLOSIONS]
ATTACK, CLASH, GRENADE, AIR = I["Attack"], I["Armed clash"], I["Grenade"], I["Air/drone strike"]
SHELLING, MOB, VD = I["Shelling/artillery/missile attack"], I["Mob violence"], I["Violent demonstration"]
ABDUCTION, ARRESTS = I["Abduction/forced disappearance"], I["Arrests"]
PEACEFUL, PWI = I["Peaceful protest"], I["Protest with intervention"]
EF = I["Excessive force against protesters"]
GOV, NSA = I["Government regains territory"], I["Non-state actor overtakes territory"]
NVT, LOOTING = I["Non-violent transfer of territory"], I["Looting/property destruction"]
#: seized weapons and destroyed property next to killing or fighting are that violence's aftermath
AFTERMATH = ("Disrupted weapons use", "Looting/property destruction")
#: force used on a demonstration: without one, live rounds and tear gas are another act's weapons
AT_PROTESTS = ("Excessive force against protesters", "Protest with intervention")
SECONDARY = ("Arrests", "Change to group/activity")
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
#: a clash named at a protest, by a mob or by unarmed groups is no fight between armed sides
NOT_A_FIGHT = frozenset({F.PROTEST, F.MOB_ACT, F.UNARMED_GROUPS, F.RIOTERS})
NOT_ARMED_VICTIMS = frozenset({F.OFF_DUTY, F.MOB_ACT, F.UNARMED_GROUPS})
TAKEN = frozenset({F.STATE_TERRITORY, F.NONSTATE_TERRITORY})


def _shift(c: ScoreContext) -> float:
    return ARMED_VICTIM_SHIFT * c.scale


def english(c: ScoreContext) -> bool:
    if "english" not in c.cache:
        c.cache["english"] = reads_english(c.text)
    return bool(c.cache["english"])


def _armed_victims(c: ScoreContext) -> None:
    t, shift = c.scores, _shift(c)
    t[ATTACK] -= shift
    # armed victims of an air strike or shelling do not make it a clash
    remote = max(t[i] for i in REMOTE)
    gain = shift if t[CLASH] >= remote else min(shift, max(0.0, remote - t[CLASH] - 0.01))
    t[CLASH] += gain
    if t[CLASH] >= remote:
        t[CLASH] = max(t[CLASH], t[ATTACK] + shift / 2)


def _clash_over_attack(c: ScoreContext) -> None:
    c.scores[CLASH] = max(c.scores[CLASH], c.scores[ATTACK] + _shift(c) / 2)


def _civilian_target(c: ScoreContext) -> None:
    c.scores[ATTACK] += CIVILIAN_TARGET_SHIFT * c.scale
    c.scores[CLASH] -= CIVILIAN_TARGET_SHIFT * c.scale / 2


def _not_fought_nor_weapon(c: ScoreContext) -> bool:
    fought = F.CLASHED_WITH in c.flags and not c.flags & NOT_A_FIGHT
    # civilians killed by a bomb, shell or air strike count in that explosion's event (coding rules)
    weapon = c.raw is not None and max(c.raw[i] for i in REMOTE) >= 0.8
    return not fought and not weapon


def _two_sides_fought(c: ScoreContext) -> None:
    t, shift = c.scores, _shift(c)
    t[ATTACK] -= shift
    t[CLASH] = max(t[CLASH], t[ATTACK] + shift, t[GRENADE] + shift / 2)


def _armed_crowd_fought(c: ScoreContext) -> None:
    c.scores[CLASH] = max(c.scores[CLASH], c.scores[MOB] + _shift(c) / 2)


def _unarmed_groups(c: ScoreContext) -> None:
    c.scores[MOB] += _shift(c)
    c.scores[CLASH] -= _shift(c)


def _mob_act(c: ScoreContext) -> None:
    t, shift = c.scores, _shift(c)
    t[MOB] = max(t[MOB], t[VD]) + shift
    t[CLASH] -= shift / 2


def _best_weapon(c: ScoreContext) -> int:
    raw = c.raw
    assert raw is not None
    return max(REMOTE, key=lambda i: raw[i])


def _weapon_cue(c: ScoreContext) -> bool:
    return c.raw is not None and c.raw[_best_weapon(c)] > 0


def _weapon_agent(c: ScoreContext) -> None:
    best = _best_weapon(c)
    c.scores[best] = max(c.scores[best], c.scores[ATTACK]) + _shift(c) / 2


def _airborne(c: ScoreContext) -> None:
    c.scores[AIR] = max(c.scores[AIR], *(c.scores[i] for i in REMOTE)) + _shift(c) / 2


def _exchange(c: ScoreContext) -> None:
    t = c.scores
    t[CLASH] = max(t[CLASH], t[SHELLING], t[GRENADE]) + EXCHANGE_SHIFT * c.scale


def _standoff(c: ScoreContext) -> None:
    c.scores[SHELLING] = max(c.scores[SHELLING], c.scores[CLASH]) + STANDOFF_SHIFT * c.scale


def _nonstate_arrest(c: ScoreContext) -> None:
    t, shift = c.scores, _shift(c)
    t[ABDUCTION] = max(t[ABDUCTION], t[ARRESTS] + shift / 2)
    t[ARRESTS] -= shift


def _armed_taken(c: ScoreContext) -> None:
    t, shift = c.scores, _shift(c)
    t[ABDUCTION] -= shift
    t[CLASH] = max(t[CLASH], t[ABDUCTION] + shift)


def _abduct_killed(c: ScoreContext) -> None:
    c.scores[ABDUCTION] -= 2 * _shift(c)
    c.scores[ATTACK] += _shift(c)


def _arrest_after(c: ScoreContext) -> None:
    c.scores[ARRESTS] -= _shift(c)


def _arrest_only(c: ScoreContext) -> None:
    c.scores[ARRESTS] += _shift(c)
    # no demonstration was found, only arrests: a peaceful protest cannot outrank them (the
    # protest words give their reason: "arrest activists in anticipation of mass protests")
    c.scores[PEACEFUL] = min(c.scores[PEACEFUL], c.scores[ARRESTS] - NO_TAKING_MARGIN)


def _rioters(c: ScoreContext) -> None:
    c.scores[MOB] += VIOLENT_CROWD_SHIFT * c.scale


def _no_mob(c: ScoreContext) -> None:
    c.scores[MOB] -= _shift(c)


def _peaceful_or_armed(c: ScoreContext) -> bool:
    return (F.PROTEST in c.flags and not c.flags & {F.VIOLENT_CROWD, F.MOB_ACT}) or F.ARMED_CROWD in c.flags


def _no_protesters(c: ScoreContext) -> None:
    for sub in AT_PROTESTS:
        c.scores[I[sub]] -= _shift(c)


def _force_on_protesters(c: ScoreContext) -> None:
    c.scores[EF] += 2 * _shift(c)


def _protesters_killed(c: ScoreContext) -> None:
    c.scores[EF] = max(c.scores[EF], c.scores[PWI]) + _shift(c)


def _violent_crowd(c: ScoreContext) -> None:
    t = c.scores
    t[VD] = max(t[VD], t[PEACEFUL], t[PWI]) + VIOLENT_CROWD_SHIFT * c.scale


def _intervened(c: ScoreContext) -> None:
    c.scores[PWI] = max(c.scores[PWI], c.scores[PEACEFUL]) + INTERVENTION_SHIFT * c.scale


def _taken_by(side: int, other: int) -> Callable[[ScoreContext], None]:
    def effect(c: ScoreContext) -> None:
        c.scores[side] = max(c.scores[side], c.scores[other]) + _shift(c)
    return effect


def _no_place_named(c: ScoreContext) -> bool:
    return c.raw is not None and c.raw[GOV] == c.raw[NSA] == 0


def _no_territory(c: ScoreContext) -> None:
    c.scores[GOV] -= _shift(c)
    c.scores[NSA] -= _shift(c)


#: what a suicide bombing is made of (ACLED: the attacker detonates explosives they carry)
_EXPLOSIVE = re.compile(rf"\b(?:{CARRIED_EXPLOSIVES}|{SUICIDE_ATTACK_WORDS}\w*)\b", re.IGNORECASE)
_SUICIDE = I["Suicide bomb"]


def _suicide_best(c: ScoreContext) -> bool:
    return english(c) and int(c.scores.argmax()) == _SUICIDE and not _EXPLOSIVE.search(c.text)


def _no_suicide_bomb(c: ScoreContext) -> None:
    _below_best_other(c, (_SUICIDE,))


def _territory_best(c: ScoreContext) -> bool:
    return english(c) and int(c.scores.argmax()) in (GOV, NSA)


def _no_taking(c: ScoreContext) -> None:
    _below_best_other(c, (GOV, NSA))


def _below_best_other(c: ScoreContext, ruled_out: tuple[int, ...]) -> None:
    """The sub-types ``ruled_out`` (their indices) score just under the best other one, which wins."""
    t = c.scores
    best_other = max(v for i, v in enumerate(t) if i not in ruled_out)
    for i in ruled_out:
        t[i] = min(t[i], best_other - NO_TAKING_MARGIN)


def _no_lasting_take(c: ScoreContext) -> None:
    t, shift = c.scores, _shift(c)
    t[GOV] -= 2 * shift
    t[NSA] -= 2 * shift
    t[CLASH] += shift / 2


def _handover(c: ScoreContext) -> None:
    t = c.scores
    t[NVT] = max(t[NVT], t[GOV], t[NSA]) + _shift(c)


def _heading(c: ScoreContext) -> None:
    assert c.heading is not None
    c.scores[I[c.heading]] += HEADING_BONUS


SCORE_RULES: tuple[ScoreRule, ...] = (
    ScoreRule(R.ARMED_VICTIMS, 100, _armed_victims, ("Armed clash",), ("Attack",),
              "ACLED: violence against armed people (soldiers, police, fighters) is a clash, not an attack; "
              "armed victims of an air strike or shelling do not make it a clash",
              "Rebel fighters shot dead two soldiers near the village.",
              any_of=frozenset({F.ARMED_VICTIMS, F.CRIMINAL_VICTIM}), unless=NOT_ARMED_VICTIMS),
    ScoreRule(R.CRIMINAL_VICTIM, 110, _clash_over_attack, ("Armed clash",), (),
              "ACLED counts a gang member or trafficker as an armed actor: violence against one is a clash",
              "A woman was found dead in her car; the victim had been charged with drug trafficking.",
              requires=frozenset({F.CRIMINAL_VICTIM}), unless=NOT_ARMED_VICTIMS),
    ScoreRule(R.CIVILIAN_TARGET, 120, _civilian_target, ("Attack",), ("Armed clash",),
              "ACLED: violence by an armed group on unarmed people is an attack (unless the two sides fought, "
              "or a bomb, shell or air strike did it: then that event counts them)",
              "Armed men attacked a taxi driver on the road to the market.",
              requires=frozenset({F.CIVILIAN_TARGET}), unless=frozenset({F.ARMED_VICTIMS, F.CRIMINAL_VICTIM}),
              when=_not_fought_nor_weapon),
    ScoreRule(R.TWO_SIDES_FOUGHT, 130, _two_sides_fought, ("Armed clash",), ("Attack",),
              "two sides fought: not a one-sided attack, whoever died; an explosion within a battle is the "
              "battle's clash (coding rules)", "Government troops clashed with rebels near the border.",
              requires=frozenset({F.CLASHED_WITH}), unless=NOT_A_FIGHT),
    ScoreRule(R.ARMED_CROWD_FOUGHT, 140, _armed_crowd_fought, ("Armed clash",), (),
              "militias or gunmen that fought are armed sides, no mob",
              "Vigilante militiamen pursued cattle raiders and clashed with them near the village.",
              requires=frozenset({F.CLASHED_WITH, F.ARMED_CROWD}), unless=NOT_A_FIGHT),
    ScoreRule(R.UNARMED_GROUPS, 150, _unarmed_groups, ("Mob violence",), ("Armed clash",),
              "ACLED: a fight between unarmed groups is mob violence, not a clash",
              "Two groups of villagers fought with sticks over a disputed field.",
              requires=frozenset({F.UNARMED_GROUPS})),
    ScoreRule(R.MOB_ACT, 160, _mob_act, ("Mob violence",), ("Armed clash",),
              "ACLED: stones and arson with no demonstration around them are a mob's, not a demonstration's",
              "A group of traders assaulted a municipal inspector in the market.",
              requires=frozenset({F.MOB_ACT}), unless=frozenset({F.PROTEST})),
    ScoreRule(R.WEAPON_AGENT, 170, _weapon_agent, EXPLOSIONS, (),
              "the weapon killed or hurt: the strongest weapon cue's sub-type, not an attack",
              "A bomb planted by militants killed two traders on the highway.",
              requires=frozenset({F.WEAPON_AGENT}), unless=frozenset({F.EXCHANGE}), when=_weapon_cue),
    ScoreRule(R.AIRBORNE, 180, _airborne, ("Air/drone strike",), (),
              "missiles or grenades fired from an aircraft or drone are an air strike",
              "Warplanes fired missiles at the market.",
              requires=frozenset({F.AIRBORNE}), unless=frozenset({F.EXCHANGE})),
    ScoreRule(R.EXCHANGE_OF_FIRE, 190, _exchange, ("Armed clash",), (),
              "fire traded both ways is a clash, whatever the weapons; a grenade answered with gunfire is "
              "part of the fight", "The two sides exchanged artillery fire along the front line overnight.",
              requires=frozenset({F.EXCHANGE})),
    ScoreRule(R.STANDOFF_FIRE, 200, _standoff, ("Shelling/artillery/missile attack",), (),
              "heavy weapons fired with no sign of an answer or a fight: remote fire, whatever the verbs",
              "The rebels fired mortars and grenade launchers at the army positions.",
              requires=frozenset({F.STANDOFF}), unless=frozenset({F.EXCHANGE, F.CLASH_WORDS, F.AIRBORNE})),
    ScoreRule(R.NONSTATE_ARREST, 210, _nonstate_arrest, ("Abduction/forced disappearance",), ("Arrests",),
              "ACLED: an 'arrest' by anyone but the state is an abduction",
              "The armed group arrested several young men in the town on charges of spying.",
              requires=frozenset({F.NONSTATE_ARREST})),
    ScoreRule(R.ARMED_TAKEN, 220, _armed_taken, ("Armed clash",), ("Abduction/forced disappearance",),
              "ACLED: soldiers or police abducted is a clash", "Gunmen kidnapped three soldiers at a checkpoint.",
              requires=frozenset({F.ARMED_TAKEN}), unless=frozenset({F.OFF_DUTY})),
    ScoreRule(R.ABDUCT_KILLED, 230, _abduct_killed, ("Attack",), ("Abduction/forced disappearance",),
              "ACLED: kidnapped, then killed, is an attack",
              "Gunmen abducted a trader; his body was found two days later.", requires=frozenset({F.ABDUCT_KILLED})),
    ScoreRule(R.ARREST_AFTER, 240, _arrest_after, (), ("Arrests",),
              "arrests after the act are its aftermath, not the event",
              "A man shot a guard at the bank; police arrested him later.", requires=frozenset({F.ARREST_AFTER})),
    ScoreRule(R.ARREST_ONLY, 250, _arrest_only, ("Arrests",), ("Peaceful protest",),
              "ACLED: an arrest by state forces with nothing else around it is the event, even when a "
              "protest is its reason",
              "Police detained the editor of an opposition newspaper at his office.",
              requires=frozenset({F.ARREST_ONLY}), unless=frozenset({F.ARREST_AFTER})),
    ScoreRule(R.RIOTERS, 260, _rioters, ("Mob violence",), (),
              "ACLED: rioters with no demonstration lean to mob violence",
              "Rioters clashed with police along the dividing wall.", requires=frozenset({F.RIOTERS})),
    ScoreRule(R.NO_MOB, 270, _no_mob, (), ("Mob violence",),
              "a peaceful crowd, or armed men, make no mob",
              "Hundreds of nurses marched to the ministry to demand their salaries.", when=_peaceful_or_armed),
    ScoreRule(R.NO_PROTESTERS, 280, _no_protesters, (), AT_PROTESTS,
              "force against protesters needs protesters", "Police fired tear gas at the market.",
              unless=frozenset({F.PROTEST}), when=english),
    ScoreRule(R.FORCE_ON_PROTESTERS, 290, _force_on_protesters, ("Excessive force against protesters",), (),
              "ACLED: lethal or grave force on demonstrators is excessive force against protesters",
              "Soldiers opened fire on the protesters in the square.",
              requires=frozenset({F.PROTEST, F.FORCE_ON_PROTESTERS})),
    ScoreRule(R.PROTESTERS_KILLED, 300, _protesters_killed, ("Excessive force against protesters",), (),
              "ACLED: deaths at a protest with no sign the crowd was violent are force beyond an intervention",
              "Two marchers died after police used tear gas and bullets to break up the opposition rally.",
              requires=frozenset({F.PROTEST, F.PROTESTERS_KILLED}), unless=frozenset({F.FORCE_ON_PROTESTERS})),
    ScoreRule(R.VIOLENT_CROWD, 310, _violent_crowd, ("Violent demonstration",), (),
              "ACLED: the crowd's own violence makes a violent demonstration, however the authorities answered",
              "Relatives protested outside the prison and threw stones at the gate.",
              requires=frozenset({F.PROTEST, F.VIOLENT_CROWD}),
              unless=frozenset({F.FORCE_ON_PROTESTERS, F.PROTESTERS_KILLED})),
    ScoreRule(R.INTERVENED, 320, _intervened, ("Protest with intervention",), (),
              "ACLED: any arrest or dispersal of a peaceful protest makes it a protest with intervention",
              "Workers protested at the gate, and police detained five of them.",
              requires=frozenset({F.PROTEST, F.INTERVENED}),
              unless=frozenset({F.FORCE_ON_PROTESTERS, F.PROTESTERS_KILLED, F.VIOLENT_CROWD})),
    ScoreRule(R.STATE_TAKES_TERRITORY, 330, _taken_by(GOV, NSA), ("Government regains territory",), (),
              "ACLED: who took the place decides; the state's side regains territory (at a protest, police "
              "'taking control' win no territory)", "Government troops took control of the village from the rebels.",
              requires=frozenset({F.STATE_TERRITORY, F.TAKING}), unless=frozenset({F.PROTEST})),
    ScoreRule(R.NONSTATE_TAKES_TERRITORY, 340, _taken_by(NSA, GOV), ("Non-state actor overtakes territory",), (),
              "ACLED: a non-state group that takes a place overtakes territory",
              "The rebels took control of the village from the army.",
              requires=frozenset({F.NONSTATE_TERRITORY, F.TAKING}),
              unless=frozenset({F.PROTEST, F.STATE_TERRITORY})),
    ScoreRule(R.NO_PLACE_TAKEN, 350, _no_territory, (), TERRITORY,
              "no place named as taken and no territory cue: no territory changed hands",
              "Rebel fighters shot dead two soldiers near the village.",
              unless=TAKEN, when=_no_place_named),
    ScoreRule(R.NO_TAKING, 355, _no_taking, (), TERRITORY,
              "ACLED: 'Non-state actor overtakes territory' and 'Government regains territory' need a side to "
              "take control of a place; with no taking told in the clause (only fighting, or a place held), "
              "the best other sub-type wins",
              "The rebels' attack turned the army into a defender clinging to control of its strongholds.",
              unless=frozenset({F.TAKING}), when=_territory_best),
    ScoreRule(R.NO_LASTING_TAKE, 360, _no_lasting_take, ("Armed clash",), TERRITORY,
              "ACLED: a place held only briefly, or only tried for, is a clash",
              "The militants tried to take the hill but were pushed back.", requires=frozenset({F.NO_LASTING_TAKE})),
    ScoreRule(R.CAPTIVES, 370, _no_territory, (), TERRITORY,
              "fighters captured: no ground changed hands",
              "Five militants were killed, injured or captured during the operation.",
              requires=frozenset({F.CAPTIVES}), unless=TAKEN),
    ScoreRule(R.HANDOVER, 380, _handover, ("Non-violent transfer of territory",), (),
              "ACLED: territory handed over without fighting is a non-violent transfer",
              "The rebels handed over control of the crossing to the police under the deal.",
              requires=frozenset({F.HANDOVER})),
    ScoreRule(R.SUICIDE_NEEDS_EXPLOSIVES, 385, _no_suicide_bomb, (), ("Suicide bomb",),
              "ACLED: a suicide bomb is an attacker detonating the explosives they carry; 'suicide' with no "
              "explosive told (a murder-suicide, a man who shot himself) is none, the best other sub-type wins",
              "Family Dead in County Murder-Suicide.", when=_suicide_best),
    ScoreRule(R.NOTE_HEADING, 390, _heading, SUB_EVENT_TYPES, (),
              "an ACLED note that starts with its sub-type's name ('Armed clash: ...') says what it is",
              "Property destruction: On 2 May 2021, the army shelled the village.",
              when=lambda c: c.heading is not None),
)
