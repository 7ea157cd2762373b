"""The English tests the flag rules run: the text read once (:class:`EnglishText`, each shared
match found on first use) and the predicates that need more than one regular expression.

Every test works on lower-cased text; the patterns are in :mod:`sitrep.nlp.rule_patterns`.
"""

from __future__ import annotations

import re
from functools import cached_property

from ..rule_patterns import (
    ARMED,
    ARMED_CROWD,
    ARMED_OR_ARMS,
    ARREST,
    ARREST_FOR_PROTEST,
    CAUSE_BEFORE,
    CIVILIAN,
    CLASH_WORDS,
    DEMAND_ONLY,
    FIGHT,
    FORCES_BEFORE,
    LETHAL,
    MOB_ACT,
    NONSTATE_ARRESTER,
    NOT_POLITICAL,
    PROTEST,
    STATE_SIDE,
    STRONG_PROTEST,
    TERRITORY,
    TERRITORY_CUE,
    TYRES,
    UNARMED_GROUPS,
    VIOLENCE,
    VIOLENT_CROWD,
)

__all__ = [
    "EnglishText",
    "armed_victims_only",
    "at_the_protest",
    "crowd_violence",
    "not_political",
    "protesters_killed",
    "reads_english",
    "state_takes_territory",
    "unarmed_groups_clash",
]


def reads_english(text: str) -> bool:
    """Most letters are Latin: the English rules can tell something from a flag's absence."""
    letters = [c for c in text[:400] if c.isalpha()]
    return sum(c.isascii() for c in letters) * 2 > len(letters)


def not_political(text: str) -> bool:
    """Accidents, disasters and epidemics are not events, whatever exploded or died."""
    return bool(NOT_POLITICAL.search(text.lower()))


def protesters_killed(text: str) -> bool:
    """A protest where people were shot or killed, with no sign the crowd was violent."""
    text = text.lower()
    return bool(PROTEST.search(text) and LETHAL.search(text) and not VIOLENT_CROWD.search(text))


def unarmed_groups_clash(text: str) -> bool:
    """A fight between unarmed groups (villagers, families, party supporters) is mob violence."""
    text = text.lower()
    return bool(UNARMED_GROUPS.search(text)) and not ARMED_OR_ARMS.search(text) \
        and bool(VIOLENCE.search(text) or FIGHT.search(text))


def state_takes_territory(text: str) -> bool:
    """The first actor named in the territory verb's sentence, before the verb (its subject),
    is on the state's side; with no actor there, any state actor named before the verb."""
    text = text.lower()
    m = TERRITORY_CUE.search(text) or TERRITORY.search(text)
    if m is None:
        return False
    before = text[text.rfind(". ", 0, m.start()) + 1: m.start()]
    state = STATE_SIDE.search(before)
    # "rebel-held", "fighters of the ...": a place's holder or a noun's head named later, not the subject
    other = next((a for a in NONSTATE_ARRESTER.finditer(before)
                  if not re.match(r"-held| of\b", before[a.end():])), None)
    if state or other:
        return state is not None and (other is None or state.start() < other.start())
    return bool(STATE_SIDE.search(text[: m.start()]))


def armed_victims_only(text: str) -> bool:
    """An 'attack' whose only victims are armed (soldiers, police, fighters) is a clash."""
    text = text.lower()
    return bool(ARMED.search(text)) and not CIVILIAN.search(text)


def at_the_protest(pattern: re.Pattern[str], text: str, cause: re.Pattern[str] = CAUSE_BEFORE) -> bool:
    """Some match of ``pattern`` in ``text`` (lower-cased) names what happened at the protest, not
    its cause or background (``cause`` matching just before it)."""
    return any(not cause.search(text, max(0, m.start() - 100), m.start())
               for m in pattern.finditer(text))


def crowd_violence(text: str) -> bool:
    """Some violent-crowd word in ``text`` (lower-cased) names what the crowd did (not its cause, and
    not what the police did: "police attacked the human chain")."""
    return any(not CAUSE_BEFORE.search(text, max(0, m.start() - 100), m.start())
               and not FORCES_BEFORE.search(text, max(0, m.start() - 40), m.start())
               for m in VIOLENT_CROWD.finditer(text))


class EnglishText:
    """One clause or note as the flag rules read it: ``raw`` as given, ``text`` lower-cased, and
    the matches several rules share, each found on first use."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = raw.lower()

    @cached_property
    def armed_crowd(self) -> bool:
        return ARMED_CROWD.search(self.text) is not None

    @cached_property
    def demonstration(self) -> tuple[re.Match[str] | None, re.Match[str] | None]:
        """The protest word and the burning tyres that make a demonstration, once the crowds that
        are no demonstration are set aside."""
        text = self.text
        protest = PROTEST.search(text)
        if protest and DEMAND_ONLY.match(text, protest.start()) and MOB_ACT.search(text) \
                and not PROTEST.search(text, protest.end()):
            protest = None  # migrants stoning police "demanding to go home": a mob, not a demonstration
        if protest and all(ARREST_FOR_PROTEST.search(text, 0, m.start()) for m in PROTEST.finditer(text)):
            protest = None  # arrests made over a protest, apart from it: the arrests are the event
        tyres = TYRES.search(text)
        if (protest or tyres) and self.armed_crowd \
                and not any(STRONG_PROTEST.match(text, m.start()) for m in PROTEST.finditer(text)):
            protest = tyres = None  # armed men "marching" on a village or burning tyres: no demonstration
        return protest, tyres

    @property
    def in_protest(self) -> bool:
        protest, tyres = self.demonstration
        return bool(protest or tyres)

    @cached_property
    def crowd_violence(self) -> bool:
        return crowd_violence(self.text)

    @cached_property
    def arrest(self) -> re.Match[str] | None:
        return ARREST.search(self.text)

    @cached_property
    def armed(self) -> bool:
        return ARMED.search(self.text) is not None

    @cached_property
    def state_takes(self) -> bool:
        return state_takes_territory(self.text)

    def arrest_alone(self, earlier_fight: bool) -> bool:
        """An arrest with no protest, fire, death or fighting around it (``earlier_fight``: the
        protest, exchange and standoff flags)."""
        return self.arrest is not None and not earlier_fight and not LETHAL.search(self.text) \
            and not CLASH_WORDS.search(self.text)
