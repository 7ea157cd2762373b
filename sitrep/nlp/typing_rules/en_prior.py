"""The cue-prior rules: before the cue prior (what the trigger words suggest) joins the model
scores, the flags say which cues name another act's aftermath or weapons and weigh them down.
Same row shape and rules for adding one as :mod:`.en_scores`.
"""

from __future__ import annotations

from collections.abc import Callable

from .en_scores import AFTERMATH, AFTERMATH_FACTOR, AT_PROTESTS, LOOTING, MOB, SECONDARY, SECONDARY_FACTOR, VD, I, english
from .engine import Flag, RuleName, ScoreContext, ScoreRule

__all__ = ["PRIOR_RULES"]

F, R = Flag, RuleName


def _scale_down(subs: tuple[str, ...], factor: float) -> Callable[[ScoreContext], None]:
    def effect(c: ScoreContext) -> None:
        for sub in subs:
            c.scores[I[sub]] *= factor
    return effect


def _no_demonstrators(c: ScoreContext) -> None:
    to = MOB if c.flags & {F.CROWD, F.VIOLENCE} else LOOTING
    c.scores[to] = max(c.scores[to], c.scores[VD])
    c.scores[VD] *= AFTERMATH_FACTOR


def _strong_primary_cue(c: ScoreContext) -> bool:
    return any(h.weight >= 0.6 and h.sub_event_type not in SECONDARY for h in c.hits) \
        or (c.heading is None and bool(c.flags & {F.VIOLENCE, F.PROTEST}))


PRIOR_RULES: tuple[ScoreRule, ...] = (
    ScoreRule(R.AFTERMATH_OF_VIOLENCE, 10, _scale_down(AFTERMATH, AFTERMATH_FACTOR),
              (), AFTERMATH, "weapons seized or property destroyed where people were killed or fought are "
              "that violence's aftermath", "Soldiers killed three militants and seized their weapons.",
              requires=frozenset({F.VIOLENCE}), when=lambda c: c.heading is None),
    ScoreRule(R.NO_PROTEST_FOR_PROTEST_FORCE, 20, _scale_down(AT_PROTESTS, AFTERMATH_FACTOR),
              (), AT_PROTESTS, "live rounds or tear gas with no demonstration in sight are another act's weapons",
              "Police fired tear gas at the market.", unless=frozenset({F.PROTEST}), when=english),
    ScoreRule(R.ARMED_MARCHERS, 30, _scale_down(("Peaceful protest",), AFTERMATH_FACTOR),
              (), ("Peaceful protest",), "ACLED: demonstrators are unarmed; armed men marching or "
              "demanding make no protest", "Gunmen marched into the village at dawn.",
              requires=frozenset({F.ARMED_CROWD}), unless=frozenset({F.PROTEST}), when=english),
    ScoreRule(R.NO_DEMONSTRATORS, 40, _no_demonstrators, ("Mob violence", "Looting/property destruction"),
              ("Violent demonstration",), "ACLED: a violent demonstration needs demonstrators; stones or "
              "arson with no crowd and no one hurt are property destruction, with a crowd a mob's",
              "Unknown people set fire to a shop in the night.",
              unless=frozenset({F.PROTEST, F.RIOTERS}), when=english),
    ScoreRule(R.SECONDARY_NEXT_TO_VIOLENCE, 50, _scale_down(SECONDARY, SECONDARY_FACTOR),
              (), SECONDARY, "an arrest or a deployment reported next to violence is usually its aftermath",
              "Soldiers killed three militants and arrested two others.", when=_strong_primary_cue),
)
