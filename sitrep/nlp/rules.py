"""Linguistic rules that separate look-alike ACLED sub-types by who acts on whom.

Each rule is a small regular-expression test on one clause or note. The classifier uses them in
two ways: as score shifts on top of the shipped codebook model (:class:`~sitrep.nlp.classify.
EventClassifier`), and, in models written by ``sitrep train``, as extra features whose weights are
learned from the user's notes (:func:`rule_features`, :func:`stem_with_rules`).
"""

from __future__ import annotations

import re

from .cues import find_cues, note_heading
from .rule_patterns import (
    _ABDUCT,
    _ACT_AS_CAUSE,
    _AIRBORNE,
    _ARMED,
    _ARMED_CROWD,
    _ARMED_HIT,
    _ARMED_OR_ARMS,
    _ARMED_TAKEN,
    _ARREST,
    _ATTRIBUTION,
    _BY_AGENT,
    _CAPTIVES,
    _CAUSE_BEFORE,
    _CIVILIAN,
    _CIVILIAN_TARGET,
    _CLASHED_WITH,
    _CLASH_WORDS,
    _COUNTED_BLASTS,
    _CRIME_ONLY,
    _CRIMINAL_VICTIM,
    _CROWD_WORD,
    _DEATH_CAUSE,
    _DEMAND_ONLY,
    _DEVICE,
    _DIED_AFTER,
    _DIPLOMATIC,
    _EXCHANGE,
    _FIGHT,
    _FORCE,
    _FORCES_BEFORE,
    _FORCE_ON_PROTESTERS,
    _HANDOVER,
    _HEAVY,
    _INTERVENED,
    _LETHAL,
    _LIGHT_FIRE,
    _MOB_ACT,
    _MOVES_IN,
    _NONSTATE_ARRESTER,
    _NOT_POLITICAL,
    _NO_FIGHT,
    _NO_LASTING_TAKE,
    _OFF_DUTY,
    _PLACE_ATTACKED,
    _PROTEST,
    _RIOTERS,
    _STANDOFF,
    _STATE_ARRESTER,
    _STATE_SIDE,
    _STRONG_PROTEST,
    _TERRITORY,
    _TERRITORY_CUE,
    _TYRES,
    _UNARMED_GROUPS,
    _VIOLENCE,
    _VIOLENCE_FIRST,
    _VIOLENT_CROWD,
    _WEAPON_AGENT,
    _WITHDRAWAL,
)

__all__ = [
    "armed_victims_only",
    "not_political",
    "protesters_killed",
    "reports_no_event",
    "rule_features",
    "rule_flags",
    "state_takes_territory",
    "stem_text",
    "stem_with_rules",
    "unarmed_groups_clash",
]

_SUFFIX = re.compile(r"(?<=\w\w\w)(?:ings?|ed|es|s|ly)\b")
_DIGITS = re.compile(r"\d+")


def stem_text(text: str) -> str:
    """Lower-case, strip common English suffixes and fold digits (cheap, module-level so
    fitted pipelines pickle)."""
    return _SUFFIX.sub("", _DIGITS.sub("0", text.lower()))


def not_political(text: str) -> bool:
    """Rule: accidents, disasters and epidemics are not events, whatever exploded or died."""
    text = text.lower()
    return bool(_NOT_POLITICAL.search(text))


def reports_no_event(text: str) -> bool:
    """Rule: the text is about something other than an event of ACLED's kinds: an accident or
    disaster (:func:`not_political`), a diplomatic answer to an attack (sanctions, expelled
    diplomats), a claim of responsibility or blame for one, or crime without force (theft, fraud,
    smuggling; coding rules). A protest about any of these is
    still a protest."""
    text = text.lower()
    crime = _CRIME_ONLY.search(text) and not _FORCE.search(text)
    return (bool(_NOT_POLITICAL.search(text) or _DIPLOMATIC.search(text) or _ATTRIBUTION.search(text) or crime)
            and not _PROTEST.search(text))


def protesters_killed(text: str) -> bool:
    """Rule: a protest where people were shot or killed, with no sign the crowd was violent."""
    text = text.lower()
    return bool(_PROTEST.search(text) and _LETHAL.search(text) and not _VIOLENT_CROWD.search(text))


def unarmed_groups_clash(text: str) -> bool:
    """Rule: a fight between unarmed groups (villagers, families, party supporters) is mob violence."""
    text = text.lower()
    return bool(_UNARMED_GROUPS.search(text)) and not _ARMED_OR_ARMS.search(text) \
        and bool(_VIOLENCE.search(text) or _FIGHT.search(text))


def state_takes_territory(text: str) -> bool:
    """Rule: the first actor named in the territory verb's sentence, before the verb (its subject),
    is on the state's side; with no actor there, any state actor named before the verb."""
    text = text.lower()
    m = _TERRITORY_CUE.search(text) or _TERRITORY.search(text)
    if m is None:
        return False
    before = text[text.rfind(". ", 0, m.start()) + 1: m.start()]
    state = _STATE_SIDE.search(before)
    # "rebel-held", "fighters of the ...": a place's holder or a noun's head named later, not the subject
    other = next((a for a in _NONSTATE_ARRESTER.finditer(before)
                  if not re.match(r"-held| of\b", before[a.end():])), None)
    if state or other:
        return state is not None and (other is None or state.start() < other.start())
    return bool(_STATE_SIDE.search(text[: m.start()]))


def armed_victims_only(text: str) -> bool:
    """Rule: an 'attack' whose only victims are armed (soldiers, police, fighters) is a clash."""
    text = text.lower()
    return bool(_ARMED.search(text)) and not _CIVILIAN.search(text)


_NON_LETTERS = re.compile(r"[^a-z]")
def _at_the_protest(pattern: re.Pattern[str], text: str, cause: re.Pattern[str] = _CAUSE_BEFORE) -> bool:
    """Some match of ``pattern`` in ``text`` (lower-cased) names what happened at the protest, not
    its cause or background (``cause`` matching just before it)."""
    return any(not cause.search(text, max(0, m.start() - 100), m.start())
               for m in pattern.finditer(text))


def _crowd_violence(text: str) -> bool:
    """Some violent-crowd word in ``text`` (lower-cased) names what the crowd did (not its cause, and
    not what the police did: "police attacked the human chain")."""
    return any(not _CAUSE_BEFORE.search(text, max(0, m.start() - 100), m.start())
               and not _FORCES_BEFORE.search(text, max(0, m.start() - 40), m.start())
               for m in _VIOLENT_CROWD.finditer(text))


def rule_flags(text: str) -> frozenset[str]:
    """Names of the rules that fire on ``text`` (each test runs only where it can matter, which
    keeps this cheap enough for every clause with a cue):

    - ``protest``, and then ``forceprot`` (force on the protesters themselves), ``protesterskilled``
      (:func:`protesters_killed`), ``violentcrowd``, ``intervened`` (arrests, dispersal);
    - ``mobact``: an unarmed crowd turns on someone, outside a demonstration; ``rioters``: riots
      named without a protest word; ``crowd``: a crowd is named; ``armedcrowd``: militias, gunmen or armed men are named (their
      "march" or burning tyres is no demonstration, and their fight no mob's);
    - ``exchange`` (fire traded, small arms), else ``standoff`` (mortars, rockets, heavy machine guns,
      explosions counted with no device named) and ``clashwords``; ``violence``: people killed, hurt
      or fighting (weapons seized or property destroyed there are its aftermath); ``weaponagent``: a
      bomb, strike or shell is what killed or hurt, or a device was planted or set off; ``clashedwith``:
      two sides named as fighting each other; ``airborne``: an aircraft or drone fired or dropped it;
    - ``armedvictims`` (:func:`armed_victims_only`) and ``offduty``; ``criminalvictim``: the victim
      was a trafficker or gang member (an armed group: a clash); ``armedtaken``: soldiers or
      police abducted (ACLED: a clash); ``unarmedgroups``;
    - ``civiliantarget``: violence aimed at an unarmed person named right after the verb;
    - ``stateterritory`` / ``nonstateterritory``: a place was taken, and by which side, unless
      ``nolastingtake``: held only briefly, or only tried (ACLED: a clash); ``captives``:
      people, not places, were captured;
    - ``abductkilled``: kidnapped, then killed (ACLED: an attack);
    - ``arrestafter``: an arrest reported after the violent act (its aftermath, not the event);
      ``arrestonly``: an arrest by state forces with no violence or protest around it, and
      ``nonstatearrest`` the same by a named non-state armed group (ACLED: an abduction);
    - ``handover``: territory handed over, or left to a side that moves in, without fighting;
    - ``notpolitical``: accidents and disasters.
    """
    raw, text = text, text.lower()
    out: set[str] = set()
    protest = _PROTEST.search(text)
    if protest and _DEMAND_ONLY.match(text, protest.start()) and _MOB_ACT.search(text) \
            and not _PROTEST.search(text, protest.end()):
        protest = None  # migrants stoning police "demanding to go home": a mob, not a demonstration
    tyres = _TYRES.search(text)
    armed_crowd = _ARMED_CROWD.search(text)
    if armed_crowd:
        out.add("armedcrowd")
    if (protest or tyres) and armed_crowd \
            and not any(_STRONG_PROTEST.match(text, m.start()) for m in _PROTEST.finditer(text)):
        protest = tyres = None  # armed men "marching" on a village or burning tyres: no demonstration
    if protest or tyres:
        out.add("protest")
        if tyres:
            out.add("violentcrowd")
        if _FORCE_ON_PROTESTERS.search(text):
            out.add("forceprot")
        crowd = _crowd_violence(text)
        if _at_the_protest(_LETHAL, text, _DEATH_CAUSE):
            out.add("violentcrowd" if crowd else "protesterskilled")
        elif crowd:
            out.add("violentcrowd")
        if _at_the_protest(_INTERVENED, text, _ACT_AS_CAUSE):
            out.add("intervened")
    elif _MOB_ACT.search(text):
        out.add("mobact")
    if _CROWD_WORD.search(text):
        out.add("crowd")
    if "protest" not in out and _RIOTERS.search(text):
        out.add("rioters")
    if _EXCHANGE.search(text) or (_LIGHT_FIRE.search(text) and not _HEAVY.search(text)):
        out.add("exchange")
    elif _STANDOFF.search(text) or (_COUNTED_BLASTS.search(text) and not _DEVICE.search(text)):
        out.add("standoff")
        if _CLASH_WORDS.search(text):
            out.add("clashwords")
    if _VIOLENCE.search(text):
        out.add("violence")
    if _WEAPON_AGENT.search(text):
        out.add("weaponagent")
    if _CLASHED_WITH.search(text):
        out.add("clashedwith")
    if _AIRBORNE.search(text):
        out.add("airborne")
    if _CIVILIAN_TARGET.search(text) or ("attacked" in text and _PLACE_ATTACKED.search(raw)):
        out.add("civiliantarget")
    if _ARMED.search(text):
        # the victims decide: civilians named as the agent ("by unknown men") do not count
        if _ARMED_HIT.search(text) and not _CIVILIAN.search(_BY_AGENT.sub(" ", text)):
            out.add("armedvictims")
        if _OFF_DUTY.search(text):
            out.add("offduty")
    if _CRIMINAL_VICTIM.search(text):
        out.add("criminalvictim")
    if _ABDUCT.search(text) and _ARMED_TAKEN.search(text):
        out.add("armedtaken")
    if unarmed_groups_clash(text):
        out.add("unarmedgroups")
    if _NO_LASTING_TAKE.search(text):
        out.add("nolastingtake")
    elif _TERRITORY_CUE.search(text):
        out.add("stateterritory" if state_takes_territory(text) else "nonstateterritory")
    if _CAPTIVES.search(text):
        out.add("captives")
    abduct = _ABDUCT.search(text)
    if abduct and _DIED_AFTER.search(text, abduct.end()):
        out.add("abductkilled")
    arrest = _ARREST.search(text)
    if arrest and _VIOLENCE_FIRST.search(text, 0, arrest.start()):
        out.add("arrestafter")
    elif arrest and not out & {"protest", "exchange", "standoff"} and not _LETHAL.search(text) \
            and not _CLASH_WORDS.search(text):
        # ACLED: only state forces make arrests; a rebel or militia "arrest" is an abduction
        if _STATE_ARRESTER.search(text):
            out.add("arrestonly")
        elif _NONSTATE_ARRESTER.search(text, 0, arrest.start()):
            out.add("nonstatearrest")
    if (_HANDOVER.search(text) or (_WITHDRAWAL.search(text) and _MOVES_IN.search(text))
            or (_NO_FIGHT.search(text) and _TERRITORY.search(text))) \
            and not _CLASH_WORDS.search(text) and not _LETHAL.search(text):
        out.add("handover")
    if _NOT_POLITICAL.search(text):
        out.add("notpolitical")
    return frozenset(out)


_LIST_END = re.compile(r"[.;:](?:\s|$)")
#: a year used as a modifier right before a cue ("a deadly 2017 chemical attack") dates it to the past
_DATED_BEFORE = re.compile(r"\b(?:a|an|the|its|their)\s+(?:\w+\s+)?(?:19|20)\d\d\s+(?:\w+\s+)?$", re.IGNORECASE)


def _reads_english(text: str) -> bool:
    """Most letters are Latin: the English rules can tell something from a flag's absence."""
    letters = [c for c in text[:400] if c.isalpha()]
    return sum(c.isascii() for c in letters) * 2 > len(letters)


def _list_end(text: str, pos: int) -> int:
    """End of the sentence or clause that runs on from ``pos`` (where a list of items ends)."""
    m = _LIST_END.search(text, pos)
    return m.start() if m else len(text)


def _token(name: str) -> str:
    return "x" + _NON_LETTERS.sub("", name.lower())


def rule_features(text: str) -> str:
    """The rules, trigger cues and note heading that fire on ``text``, as pseudo-words
    ("xexchange", "xcuearmedclashhi", "xheadingother") a learned model can weigh."""
    out = {_token("cue" + h.sub_event_type) + ("hi" if h.weight >= 0.6 else "lo") for h in find_cues(text)}
    heading = note_heading(text)
    if heading is not None:
        out.add(_token("heading" + heading))
    out.update("x" + name for name in rule_flags(text))
    return " ".join(sorted(out))


def stem_with_rules(text: str) -> str:
    """:func:`stem_text` plus :func:`rule_features` (the preprocessor of trained models)."""
    return stem_text(text) + " " + rule_features(text)
