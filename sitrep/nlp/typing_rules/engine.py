"""The typed names and the one small engine that applies the sub-type rule tables.

Two kinds of rule, both plain data with a name, an order, a one-line reason and an example:

- a :class:`FlagRule` tests the text (a regular expression or a small predicate) and sets one
  :class:`Flag`: who acts on whom, what was fired, whether a crowd or a protest is named;
- a :class:`ScoreRule` reads flags (and, where it must, the cue prior) and shifts the sub-type
  scores: which sub-types it may raise or lower is declared, so a test can hold it to that.

Flags and score-rule names are enums: a misspelt name in a table fails when the table is built
(``E170``/``E171``), and :func:`check_tables` refuses duplicate names, flags read before any rule
sets them, flags nobody sets, and rules out of order (``E172``-``E177``), so a typo cannot silently
do nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

import numpy as np

from ...errors import ConfigError
from ...taxonomy import SUB_EVENT_TYPES

__all__ = [
    "Flag",
    "FlagRule",
    "RuleName",
    "ScoreContext",
    "ScoreRule",
    "apply_flag_rules",
    "apply_score_rules",
    "as_flag",
    "as_rule_name",
    "check_tables",
]


class Flag(StrEnum):
    """What a flag rule found in a text. The values are the pseudo-words (``"x" + value``) that
    models written by ``sitrep train`` have learned weights for: never rename a value."""

    ARMED_CROWD = "armedcrowd"
    PROTEST = "protest"
    VIOLENT_CROWD = "violentcrowd"
    FORCE_ON_PROTESTERS = "forceprot"
    PROTESTERS_KILLED = "protesterskilled"
    INTERVENED = "intervened"
    MOB_ACT = "mobact"
    CROWD = "crowd"
    RIOTERS = "rioters"
    EXCHANGE = "exchange"
    STANDOFF = "standoff"
    CLASH_WORDS = "clashwords"
    VIOLENCE = "violence"
    WEAPON_AGENT = "weaponagent"
    CLASHED_WITH = "clashedwith"
    AIRBORNE = "airborne"
    CIVILIAN_TARGET = "civiliantarget"
    ARMED_VICTIMS = "armedvictims"
    OFF_DUTY = "offduty"
    CRIMINAL_VICTIM = "criminalvictim"
    ARMED_TAKEN = "armedtaken"
    UNARMED_GROUPS = "unarmedgroups"
    NO_LASTING_TAKE = "nolastingtake"
    TAKING = "taking"
    STATE_TERRITORY = "stateterritory"
    NONSTATE_TERRITORY = "nonstateterritory"
    CAPTIVES = "captives"
    ABDUCT_KILLED = "abductkilled"
    ARREST_AFTER = "arrestafter"
    ARREST_ONLY = "arrestonly"
    NONSTATE_ARREST = "nonstatearrest"
    HANDOVER = "handover"
    NOT_POLITICAL = "notpolitical"


class RuleName(StrEnum):
    """The score rules (cue-prior and score phases), as recorded in ``extra["typing"]["rules"]``."""

    AFTERMATH_OF_VIOLENCE = "aftermath_of_violence"
    NO_PROTEST_FOR_PROTEST_FORCE = "no_protest_for_protest_force"
    ARMED_MARCHERS = "armed_marchers"
    NO_DEMONSTRATORS = "no_demonstrators"
    SECONDARY_NEXT_TO_VIOLENCE = "secondary_next_to_violence"
    ARMED_VICTIMS = "armed_victims"
    CRIMINAL_VICTIM = "criminal_victim"
    CIVILIAN_TARGET = "civilian_target"
    TWO_SIDES_FOUGHT = "two_sides_fought"
    ARMED_CROWD_FOUGHT = "armed_crowd_fought"
    UNARMED_GROUPS = "unarmed_groups"
    MOB_ACT = "mob_act"
    WEAPON_AGENT = "weapon_agent"
    AIRBORNE = "airborne"
    EXCHANGE_OF_FIRE = "exchange_of_fire"
    STANDOFF_FIRE = "standoff_fire"
    NONSTATE_ARREST = "nonstate_arrest"
    ARMED_TAKEN = "armed_taken"
    ABDUCT_KILLED = "abduct_killed"
    ARREST_AFTER = "arrest_after"
    ARREST_ONLY = "arrest_only"
    RIOTERS = "rioters"
    NO_MOB = "no_mob"
    NO_PROTESTERS = "no_protesters"
    FORCE_ON_PROTESTERS = "force_on_protesters"
    PROTESTERS_KILLED = "protesters_killed"
    VIOLENT_CROWD = "violent_crowd"
    INTERVENED = "intervened"
    STATE_TAKES_TERRITORY = "state_takes_territory"
    NONSTATE_TAKES_TERRITORY = "nonstate_takes_territory"
    NO_PLACE_TAKEN = "no_place_taken"
    NO_TAKING = "no_taking"
    NO_LASTING_TAKE = "no_lasting_take"
    CAPTIVES = "captives"
    HANDOVER = "handover"
    SUICIDE_NEEDS_EXPLOSIVES = "suicide_needs_explosives"
    NOTE_HEADING = "note_heading"


def as_flag(value: Flag | str, *, rule: str = "?") -> Flag:
    """``value`` as a :class:`Flag`; an unknown name is an error, not a test that never fires."""
    try:
        return Flag(value)
    except ValueError:
        known = ", ".join(f.value for f in Flag)
        raise ConfigError(f"unknown flag {value!r} in rule {rule!r} (known: {known})", code="E171") from None


def as_rule_name(value: RuleName | str) -> RuleName:
    """``value`` as a :class:`RuleName`, or ``E170``."""
    try:
        return RuleName(value)
    except ValueError:
        known = ", ".join(r.value for r in RuleName)
        raise ConfigError(f"unknown rule name {value!r} (known: {known})", code="E170") from None


def _flags(values: Iterable[Flag | str], rule: str) -> frozenset[Flag]:
    return frozenset(as_flag(v, rule=rule) for v in values)


T = TypeVar("T")
_NONE: frozenset[Flag] = frozenset()


@dataclass(frozen=True)
class FlagRule(Generic[T]):
    """Sets ``flag`` when ``test(text, flags_so_far)`` holds. ``reads`` names the earlier flags the
    test looks at (checked: each must be set by a rule of lower ``order``)."""

    flag: Flag
    order: int
    test: Callable[[T, frozenset[Flag]], bool]
    reason: str
    example: str
    reads: frozenset[Flag] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "flag", as_flag(self.flag))
        object.__setattr__(self, "reads", _flags(self.reads, self.flag.value))


@dataclass
class ScoreContext:
    """What a score rule may read, and the scores it shifts in place (``scores``: the cue prior
    in the prior phase, the sub-type totals in the score phase, indexed like ``SUB_EVENT_TYPES``)."""

    text: str
    scores: np.ndarray
    flags: frozenset[Flag]
    raw: np.ndarray | None = None  # the cue prior, in the score phase
    scale: float = 1.0  # shrinks the shifts when a trained model already types the text
    heading: str | None = None  # the ACLED note heading, if the text starts with one
    hits: Sequence[Any] = ()  # the cue hits (CueHit)
    cache: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoreRule:
    """Applies ``effect`` when every flag of ``requires``, at least one of ``any_of`` (if given),
    none of ``unless`` and ``when`` (if given) hold. ``raises``/``lowers``: the only sub-types
    the effect may move up/down."""

    name: RuleName
    order: int
    effect: Callable[[ScoreContext], None]
    raises: tuple[str, ...]
    lowers: tuple[str, ...]
    reason: str
    example: str
    requires: frozenset[Flag] = frozenset()
    any_of: frozenset[Flag] = frozenset()
    unless: frozenset[Flag] = frozenset()
    when: Callable[[ScoreContext], bool] | None = None

    def __post_init__(self) -> None:
        name = as_rule_name(self.name)
        object.__setattr__(self, "name", name)
        for attr in ("requires", "any_of", "unless"):
            object.__setattr__(self, attr, _flags(getattr(self, attr), name.value))
        unknown = [s for s in (*self.raises, *self.lowers) if s not in SUB_EVENT_TYPES]
        if unknown:
            raise ConfigError(f"rule {name.value!r} moves unknown sub-types {unknown}", code="E177")

    def reads(self) -> frozenset[Flag]:
        return self.requires | self.any_of | self.unless

    def applies(self, ctx: ScoreContext) -> bool:
        flags = ctx.flags
        return (self.requires <= flags and (not self.any_of or bool(self.any_of & flags))
                and not self.unless & flags and (self.when is None or self.when(ctx)))


def apply_flag_rules(rules: Sequence[FlagRule[T]], text: T) -> frozenset[Flag]:
    """The flags whose rules fire on ``text``, rules applied in table order; a rule's test sees
    only the earlier flags it declares in ``reads``."""
    out: set[Flag] = set()
    for rule in rules:
        if rule.test(text, frozenset(out & rule.reads) if rule.reads else _NONE):
            out.add(rule.flag)
    return frozenset(out)


def apply_score_rules(rules: Sequence[ScoreRule], ctx: ScoreContext) -> list[RuleName]:
    """Apply ``rules`` in table order to ``ctx.scores``; the names of those that fired and moved
    some score (a rule that scales down a cue prior of 0 decided nothing, and is not listed)."""
    fired: list[RuleName] = []
    for rule in rules:
        if rule.applies(ctx):
            before = ctx.scores.copy()
            rule.effect(ctx)
            if not np.array_equal(before, ctx.scores):
                fired.append(rule.name)
    return fired


def _in_order(orders: list[int], what: str) -> None:
    if any(b <= a for a, b in zip(orders, orders[1:], strict=False)):
        raise ConfigError(f"{what}: rules must be listed in strictly increasing order ({orders})", code="E175")


def check_tables(flag_rules: Sequence[FlagRule[Any]], *score_tables: Sequence[ScoreRule],
                 names: Iterable[RuleName] | None = None) -> None:
    """Refuse a rule table that would silently misbehave: a flag set twice or never, a flag read
    before (or without) a rule that sets it, a rule name used twice, unused or missing, rules out
    of order. Called when the tables are built (import), and by the tests."""
    set_by: dict[Flag, int] = {}
    for rule in flag_rules:
        if rule.flag in set_by:
            raise ConfigError(f"flag {rule.flag.value!r} is set by two rules", code="E172")
        late = [f.value for f in rule.reads if set_by.get(f) is None]
        if late:
            raise ConfigError(f"flag rule {rule.flag.value!r} reads {late} before any rule sets them",
                              code="E174")
        set_by[rule.flag] = rule.order
    _in_order([r.order for r in flag_rules], "flag rules")
    missing = [f.value for f in Flag if f not in set_by]
    if missing:
        raise ConfigError(f"flags no rule sets: {missing}", code="E173")
    seen: set[RuleName] = set()
    for table in score_tables:
        _in_order([r.order for r in table], "score rules")
        for score_rule in table:
            if score_rule.name in seen:
                raise ConfigError(f"rule name {score_rule.name.value!r} is used twice", code="E172")
            seen.add(score_rule.name)
    expected = set(RuleName) if names is None else set(names)
    if seen != expected:
        raise ConfigError(f"rule names without a rule: {sorted(expected - seen)}; "
                          f"rules without a name: {sorted(seen - expected)}", code="E176")
