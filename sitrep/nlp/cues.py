"""Trigger cues: the linguistic rules that find where an event may be mentioned.

Each cue is a regular expression tied to a sub-event type and a weight. Cues do two things:
they gate detection (a clause with no cue is not an event mention, which keeps plans, analysis
and boilerplate cheap to skip) and they add a prior to the learned classifier's scores.
A weight of 1.0 or more marks a cue that is nearly decisive on its own (e.g. "chlorine gas").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CARRIED_EXPLOSIVES", "CUES", "Cue", "CueHit", "SUICIDE_ATTACK_WORDS", "find_cues", "note_heading"]


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    sub_event_type: str
    weight: float
    keys: tuple[str, ...] = ()  # lower-case substrings one of which must occur; () = always run
    lower: re.Pattern[str] | None = None  # the same pattern for lower-cased text (faster than re.I)
    gate: re.Pattern[str] | None = None  # the keys as one literal alternation


@dataclass(frozen=True)
class CueHit:
    start: int  # offsets into the text given to find_cues
    end: int
    text: str
    sub_event_type: str
    weight: float


_RAW: list[tuple[str, str, float]] = [
    # Battles
    (r"clash(?:es|ed)?|fighting|fought|gun ?fights?|exchanges? of (?:fire|gunfire)|"
     r"exchanged (?:fire|gunfire)|traded fire|battles?|battled|skirmish(?:es)?|ambush(?:ed|es)?|"
     r"firefights?|engaged|repel(?:led)?|offensive|assault(?:ed|s)?|stormed|"
     r"attack(?:ed|s)? (?:on |against )?(?:\w+\W+){0,5}?(?:positions?|checkpoints?|posts?|bases?|"
     r"patrols?|convoys?|troops|soldiers|forces|barracks)|small arms|machine ?guns?|shots|"
     r"fired (?:\w+\W+){0,8}?(?:at|on) (?:the )?(?:\w+\W+){0,4}?positions?|shoot-?outs?|shootings?",
     "Armed clash", 0.6),
    (r"attacks?|attacked", "Armed clash", 0.2),
    (r"(?:re-?took|re-?captur\w+|regain\w*|reclaim\w*|restor\w+ (?:state )?control|liberat\w+|"
     r"seized back|won back|retaken|drove (?:\w+\W+){0,4}?out|recovered (?:the )?(?:town|village|city|area))",
     "Government regains territory", 0.7),
    (r"(?:seiz\w*|took|taken|tak\w+|gain\w*|wrest\w*|assum\w+|establish\w+) (?:full |complete )?"
     r"control|captur\w+|overr[au]n|overt(?:ook|aken)|took over|taken over|fell to|lost (?:the )?(?:control|town|"
     r"village|city|district|neighbou?rhood|\W)|gained ground|"
     r"seiz(?:ed|es|ing) (?:\w+\W+){0,3}?(?:towns?|villages?|city|district|bases?|areas?|airport|hills?|"
     r"positions?|neighbou?rhoods?|(?:oil )?fields?|crossings?)", "Non-state actor overtakes territory", 0.7),
    # Explosions / remote violence
    (r"chlorine|sarin|mustard gas|toxic gas|poison(?:ous)? gas|nerve agent|chemical (?:attack|weapons?|agents?)",
     "Chemical weapon", 1.6),
    (r"air ?strikes?|air ?raids?|warplanes?|war ?planes|jets?|aircraft|helicopters?|drones?|"
     r"bombed from the air|barrel bombs?|aerial|air force|UAVs?|airstrike|choppers?|gunships?", "Air/drone strike", 1.0),
    (r"suicide(?! attempt)|explosive (?:vest|belt)|blew (?:him|her)self up|VBIED", "Suicide bomb", 1.6),
    (r"shell(?:ed|ing|s)?|artillery|mortars?|rockets?|missiles?|grads?|howitzers?|ATGMs?|anti-tank|"
     r"tank fire|projectiles?|katyusha", "Shelling/artillery/missile attack", 0.9),
    (r"car bombs?|booby[- ]trapped|IEDs?|roadside bombs?|landmines?|land mines?|mines?|"
     r"explosive devices?|(?<!petrol )(?<!fire )bombs?|bombings?|blasts?|explosions?|explod\w+|detonat\w+|"
     r"went off", "Remote explosive/landmine/IED", 0.8),
    (r"(?<!propelled )(?<!-propelled )grenades?(?! launchers?)", "Grenade", 1.3),
    # Violence against civilians
    (r"rap(?:e|ed|es|ing)|gang-?rap\w*|sexual(?:ly)? (?:assault\w*|abus\w*|violence)|molest\w*",
     "Sexual violence", 1.6),
    (r"shot dead|gunned down|killed|killing|murder\w*|assassinat\w+|execut\w+|beat\w*|stabb\w+|"
     r"hacked|lynch\w*|opened fire|fir(?:ed|ing) (?:randomly|at|on)|shot|"
     r"snipers?|massacre\w*|torture\w*|found dead|bod(?:y|ies) (?:was|were) (?:found|discovered)|"
     r"found (?:the )?bod(?:y|ies)|discovered (?:the )?bod(?:y|ies)|bod(?:y|ies) of (?:\w+\W+){1,5}?(?:was|were) found|"
     r"beheaded|mutilated|gunshot wounds?|drive-by", "Attack", 0.35),
    (r"attack(?:ed|s)? (?:on |against )?(?:\w+\W+){0,4}?(?:civilians?|residents|villagers|homes?|"
     r"houses?|passengers|worshippers|farmers?|journalists?|people|man|woman|family|families|"
     r"children|students|teachers|doctors|aid workers)", "Attack", 0.6),
    (r"kidnap\w*|abduct\w*|taken hostage|hostages?|disappear\w*|whereabouts", "Abduction/forced disappearance",
     1.2),
    # Protests and riots
    (r"protest\w*|demonstrat(?:ed|ion|ions|ors|ing)|rall(?:y|ied|ies)|march(?:ed|es)?|sit-ins?|"
     r"strikes? (?:by|over|against)|went on strike|vigil|gathered|motorcade|denounc\w+|"
     r"closed (?:the |a )?(?:main )?roads?|blocked (?:the |a )?(?:main )?roads?", "Peaceful protest", 0.8),
    (r"live (?:rounds|ammunition|fire|bullets)|violently (?:suppress|dispers|crush)\w*|"
     r"(?:protesters?|demonstrators?) (?:were |was )?(?:killed|shot dead|died)", "Excessive force against protesters",
     1.0),
    (r"dispers\w+|tear ?gas|water cannon|rubber bullets|lathi|baton charge", "Protest with intervention", 0.8),
    (r"riot(?!\w* (?:police|control|gear|squads?|units?))\w*|torched|set (?:fire|ablaze)|burn\w* (?:rubber )?(?:tyres|tires)|pelted|stones|rocks|"
     r"molotov|petrol bombs?|fire ?bombs?|brawl|hurl\w*|vandali\w+|turned violent|violent (?:protests?|demonstrations?|riots?)|ablaze",
     "Violent demonstration", 0.8),
    (r"mob|vigilantes?|lynch\w*|communal|disputes?|scuffle\w*|quarrel\w*|two (?:groups|families|villages)|"
     r"rival (?:groups|supporters|factions)|physical fight|fight broke out", "Mob violence", 0.8),
    # Strategic developments
    (r"ceasefire|cease-fire|truce|peace (?:deal|agreement|accord)|agreement|agreed|accord|"
     r"prisoner exchange|exchanged prisoners|reconciliation|prisoner swap|swap|peace talks|deal|"
     r"exchange (?:process )?of (?:the )?prisoners|in exchange for (?:the )?release", "Agreement", 0.8),
    (r"arrest\w*|detain\w*|detention|custody|rounded up|apprehend\w*", "Arrests", 0.5),
    (r"deploy\w*|reinforcements?|curfew|recruit\w*|merg\w+|new leader|defect\w*|redeploy\w*|"
     r"military exercises?|exercises?|convoys?|withdr[ae]w\w*|training|lockdown|banned|imposed|"
     r"mandatory|measures?|joined|fortifications?|fortified|dispatch\w*|mobili[sz]\w*|"
     r"moving (?:\w+ )?(?:troops|forces|reinforcements)|sent (?:\w+ ){0,2}(?:troops|forces)|drills?|"
     r"deliver\w* (?:\w+ ){0,2}?(?:food|aid|packages|supplies|boxes|masks)|"
     r"distribut\w* (?:\w+ ){0,2}?(?:food|aid|packages|supplies|boxes|masks)|"
     r"hand\w* out (?:\w+ ){0,2}?(?:food|aid|packages|supplies|boxes|masks)|"
     r"food (?:packages|parcels|boxes|aid)",
     "Change to group/activity", 0.6),
    (r"defus\w+|dismantl\w+ (?:\w+\W+){0,3}?(?:bombs?|IEDs?|explosives?|devices?|mines?|weapons|rockets?|"
     r"launchers?|workshops?|factory|factories)|weapons cache|arms cache|cache of|caches of|shot down|foiled|"
     r"intercept\w+(?:\W+\w+){0,6}?\W+(?:missiles?|drones?|rockets?|projectiles?|shells?|UAVs?|weapons|arms|"
     r"ammunition|explosives|guns|rifles|pistols|firearms)|"
     r"(?:missiles?|drones?|rockets?|projectiles?|UAVs?) (?:was|were) intercepted|"
     r"neutrali[sz]\w+|(?:seiz\w+|found|discover\w+|recover\w+|confiscat\w+|unearth\w+|destroy\w+|clear\w+)"
     r"(?:\W+\w+){0,7}?\W+(?:caches?|ammunition|ammo|firearms|guns|rifles|pistols|rounds|explosives|weapons|arms|"
     r"grenades|landmines|mines|detonators|ieds?|bombs?|shells|explosive devices?)|"
     r"(?:ammunition|ammo|weapons|explosives|explosive devices?|bombs?|ieds?|landmines|mines|grenades|pistols|"
     r"guns|rifles|firearms|bullets|rounds|packages|caches?)(?:\W+\w+){0,8}?\W+(?:was|were|has been|have been|"
     r"had been) (?:found|discovered|seized|captured|recovered|confiscated|defused|intercepted)", "Disrupted weapons use", 1.6),
    (r"(?:establish\w*|set up|sets up|setting up|buil[dt]\w*|opened|install\w*)(?:\W+\w+){0,4}?\W+"
     r"(?:bases?|headquarters|outposts?|posts?|points?|camps?|barracks|command cent(?:re|er)s?)",
     "Headquarters or base established", 1.4),
    (r"(?:military )?(?:bases?|headquarters|outposts?|posts?|points?|camps?) (?:was|were|has been|have been|had been) "
     r"(?:established|set up|built|installed)", "Headquarters or base established", 1.4),
    (r"raided|taking away|took away|stole|stolen|robbery|robbed|arson|loot\w*|plunder\w*|vandali[sz]\w*|destroy\w*|demolish\w*|dismantl\w+ (?:\w+\W+){0,3}?(?:labs?|laboratories|plantations?|crops|stalls|"
     r"structures|houses?|homes?|buildings?|shops?)|torch\w*|burn\w* (?:down )?"
     r"(?:houses?|homes?|shops?|crops|vehicles?)|set (?:fire|ablaze)|ransack\w*", "Looting/property destruction",
     0.8),
    # Other: security-relevant happenings with no other home (displacement, prison breaks, shots
    # fired into the air, planes intercepted, bodies exchanged)
    (r"displac\w+|fled (?:from )?(?:their |the )?(?:homes?|villages?|towns?|areas?|city)|are fleeing|were fleeing|"
     r"evacuat\w+ (?:their |the )?(?:homes?|villages?|town)|prison ?breaks?|jail ?breaks?|"
     r"escaped from (?:the )?(?:\w+ )?(?:prison|jail)|intercepted by|exchange[sd]? (?:of )?(?:the )?(?:bodies|remains)|"
     r"quarantine", "Other", 0.5),
    # warning shots into the air hurt no one and answer nothing: not a clash
    (r"shots? (?:\w+ ){0,3}?in(?:to)? the air|fired (?:\w+ ){0,4}?in(?:to)? the air|warning shots", "Other", 0.9),
    (r"handed over|hand over|handover|withdrew from|peacefully|without (?:a )?(?:fight|clashes)|"
     r"transferred", "Non-violent transfer of territory", 0.6),
]

_LITERAL = re.compile(r"[a-z' -]+")
_TERRITORY_KEYS = ("took", "tak", "seiz", "gain", "wrest", "assum", "establish", "captur", "overr",
                   "fell to", "lost", "overt", "retak", "recaptur", "regain", "reclaim", "restor", "liberat",
                   "re-took", "re-captur", "drove", "occupied", "recovered", "won back")


def _split_top(pattern: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for i, ch in enumerate(pattern):
        escaped = i > 0 and pattern[i - 1] == "\\"
        if ch == "(" and not escaped:
            depth += 1
        elif ch == ")" and not escaped:
            depth -= 1
        if ch == "|" and depth == 0 and not escaped:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


def _keys(pattern: str) -> tuple[str, ...]:
    """Literal prefixes of the top-level alternatives (a cheap pre-filter), or () if any
    alternative has none."""
    keys: list[str] = []
    for alt in _split_top(pattern):
        m = _LITERAL.match(alt.lower())
        prefix = m.group(0) if m else ""
        if prefix and len(alt) > len(prefix) and alt[len(prefix)] in "?*{":
            prefix = prefix[:-1]
        prefix = prefix.strip()
        if len(prefix) < 3:
            return ()
        keys.append(prefix)
    return tuple(dict.fromkeys(keys))


def _lower_literals(pattern: str) -> str:
    """Lower-case the literal letters of a pattern, leaving escapes such as ``\\W`` intact."""
    return re.sub(r"\\.|[A-Z]", lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).lower(),
                  pattern)


_MANUAL_KEYS = {
    "Disrupted weapons use": ("defus", "dismantl", "cache", "shot down", "intercept", "foiled", "neutrali",
                              "seiz", "found", "discover", "recover", "confiscat", "unearth", "arms",
                              "ammunition", "ammo", "weapons", "explosive", "destroy", "clear", "pistol",
                              "gun", "rifle", "firearm", "bullet", "round", "package", "bomb", "ied",
                              "landmine", "mine", "grenade", "missile", "drone", "rocket", "projectile", "uav"),
    "Excessive force against protesters": ("live", "violently", "protester", "demonstrator"),
    "Grenade": ("grenade",),
    "Remote explosive/landmine/IED": ("car bomb", "booby", "ied", "roadside", "landmine", "land mine", "mine",
                                      "explosive", "bomb", "blast", "explosion", "explod", "detonat", "went off"),
    "Headquarters or base established": ("establish", "set", "buil", "opened", "install"),
}


def _compile(pattern: str, sub: str, weight: float) -> Cue:
    keys = _keys(pattern)
    if not keys and sub in ("Government regains territory", "Non-state actor overtakes territory"):
        keys = _TERRITORY_KEYS
    keys = keys or _MANUAL_KEYS.get(sub, ())
    return Cue(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), sub, weight, keys,
               re.compile(rf"\b(?:{_lower_literals(pattern)})\b"),
               re.compile("|".join(re.escape(k) for k in keys)) if keys else None)


#: Compiled cues, in a fixed order (tuple: immutable module state).
CUES: tuple[Cue, ...] = tuple(_compile(pattern, sub, weight) for pattern, sub, weight in _RAW)


_TOKEN = re.compile(r"[a-z0-9']+")


def _gate_index() -> tuple[dict[str, frozenset[int]], tuple[int, ...], frozenset[int]]:
    """Cue matches start at a word boundary, so a cue can only match if some word of the text
    starts with the first word of one of its keys: index those first words by prefix."""
    index: dict[str, set[int]] = {}
    for i, cue in enumerate(CUES):
        for key in cue.keys:
            first = _TOKEN.findall(key)[0] if _TOKEN.findall(key) else key
            index.setdefault(first, set()).add(i)
    always = frozenset(i for i, cue in enumerate(CUES) if not cue.keys)
    lengths = tuple(sorted({len(k) for k in index}))
    return {k: frozenset(v) for k, v in index.items()}, lengths, always


_GATE_INDEX, _GATE_LENGTHS, _ALWAYS = _gate_index()


def _active_cues(low: str) -> list[int]:
    """Indices of the cues that may match ``low`` (a cheap superset)."""
    active = set(_ALWAYS)
    for token in set(_TOKEN.findall(low)):
        for n in _GATE_LENGTHS:
            if n > len(token):
                break
            owners = _GATE_INDEX.get(token[:n])
            if owners:
                active |= owners
    return sorted(active)


def find_cues(text: str) -> list[CueHit]:
    """Every cue match in ``text``, ordered by position."""
    low = text.lower()
    same = len(low) == len(text)  # lower-casing kept offsets (true for nearly all text)
    hits = [
        CueHit(m.start(), m.end(), text[m.start():m.end()], cue.sub_event_type, cue.weight)
        for cue in (CUES[i] for i in _active_cues(low))
        for m in (cue.lower.finditer(low) if same and cue.lower is not None
                  else cue.pattern.finditer(text))
    ]
    went_off = [(h, _went_off(low, h)) for h in hits]
    hits = [_as_gunshot(h) if off == "firearm" else h for h, off in went_off if off != "nothing"]
    if any(h.text[:1].isupper() for h in hits) and not _title_case(text):
        hits = [h for h in hits if not _in_a_name(text, h)]
    hits = [h for h in hits if not _is_date_word(text, h) and not _is_self_harm(low, h)
            and not _is_charge(low, h) and not _is_no_place_taken(low, h) and not _is_arsenal(low, h)]
    hits.sort(key=lambda h: (h.start, -h.weight))
    return hits


_CAPITAL_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")
_WORDS = re.compile(r"[A-Za-z][a-z]{3,}")


def _title_case(text: str) -> bool:
    """A headline written in title case ("Rebels Attack Army Base"): capitals say nothing there."""
    words = _WORDS.findall(text)
    return bool(words) and sum(w[0].isupper() for w in words) * 2 >= len(words)


def _in_a_name(text: str, hit: CueHit) -> bool:
    """Rule ``cue-in-a-name``: a capitalised cue word inside a sentence, followed by another
    capitalised word, is part of a name ("Mary Jo Nye of Battle Creek", "Fort Riot Road"), not a
    happening; at a sentence's start it is the sentence's first word."""
    if not hit.text[:1].isupper() or not text[:hit.start].strip() \
            or text[:hit.start].rstrip()[-1:] in ".!?:;\"“”'‘’(-—–":
        return False
    return bool(_CAPITAL_NEXT.match(text, hit.end))


#: the crime a charge, warrant or conviction names: "charged with murder", "a warrant for
#: attempted murder", "convicted of the killing": a legal step, not a happening of its own (coding
#: rules: reports of trials or sentences are not events; the happening is coded where it is told)
_CHARGE = re.compile(r"\b(?:charg(?:e|es|ed|ing)|indict(?:ed|ment)|convict(?:ed|ion)|warrants?|counts?|"
                     r"acquitted|sentenced|guilty|pleaded|pled)\s+(?:\w+\s+){0,2}?"
                     r"(?:with|of|for|on|to)\s+(?:(?:an?|the|one|two|three|four|five|six|\d+|first|second|"
                     r"third|capital|attempted|counts?|of|degree|first-degree|second-degree|third-degree|"
                     r"felony|criminal|and)\s+)*$")


_WARRANT_AFTER = re.compile(r"\s+warrants?\b")
_WARRANT_BEFORE = re.compile(r"\bwarrants?\s+(?:\w+\s+){0,2}?for\s+(?:his|her|their|the|an?)\s+$")


def _is_charge(low: str, hit: CueHit) -> bool:
    """'charged with murder' names a charge, 'an arrest warrant' a wanted arrest: legal steps, not
    happenings (only what happened is an event); the killing is coded where the story tells it."""
    if hit.sub_event_type == "Arrests":
        return bool(_WARRANT_AFTER.match(low, hit.end)
                    or _WARRANT_BEFORE.search(low, max(0, hit.start - 50), hit.start))
    return hit.sub_event_type in ("Attack", "Armed clash", "Mob violence", "Sexual violence",
                                  "Abduction/forced disappearance") \
        and bool(_CHARGE.search(low, max(0, hit.start - 60), hit.start))


_SELF_HARM = re.compile(r"\b(?:commit(?:s|ted|ting)?|attempted|tried) $")
# ACLED's suicide bomb: the attacker detonates the explosives they carry ("suicide bomber", "a
# suicide car bomb", "a suicide attack on the checkpoint", "blew himself up")
SUICIDE_ATTACK_WORDS = r"suicide[\s-]+(?:attack|operation|mission|assault|raid|squad|fighter|militant|commando)"
#: what a suicide bombing is made of: the explosives the attacker carries ("bomb", "exploded",
#: "vest", "VBIED"), one definition for the cue (:func:`_is_self_harm`) and the typing rule
#: ``suicide-needs-explosives`` (:mod:`sitrep.nlp.typing_rules.en_scores`)
CARRIED_EXPLOSIVES = r"bomb\w*|explos\w*|detonat\w*|blew|blown|blast\w*|vests?|belts?|ieds?|vbieds?"
_SUICIDE_ATTACK = re.compile(SUICIDE_ATTACK_WORDS)
_BOMBING = re.compile(rf"\b(?:{CARRIED_EXPLOSIVES}|car|truck|vehicle)\b")


def _is_self_harm(low: str, hit: CueHit) -> bool:
    """'committed suicide', 'an apparent murder-suicide', 'shot himself in a suicide': no suicide
    bombing. The word counts only with an attack or explosives in its sentence (ACLED's definition:
    an attacker who detonates the explosives they carry)."""
    if hit.sub_event_type != "Suicide bomb" or not low.startswith("suicide", hit.start):
        return False
    if _SELF_HARM.search(low, max(0, hit.start - 12), hit.start):
        return True
    return not (_SUICIDE_ATTACK.match(low, hit.start) or _BOMBING.search(low))


#: a firearm: what "went off" when a sentence names one
_FIREARM = re.compile(r"\b(?:guns?|handguns?|pistols?|rifles?|shotguns?|revolvers?|firearms?|weapons?)\b")
_EXPLOSIVE = re.compile(r"\b(?:bombs?|explosi\w*|devices?|ieds?|mines?|grenades?|shells?|rockets?|missiles?|"
                        r"mortars?|detonat\w*|vbied)\b")


def _went_off(low: str, hit: CueHit) -> str | None:
    """What "went off": ACLED's remote explosive needs an explosive device, so "went off" is an
    explosion only when its sentence names an explosive and no firearm; with a firearm it is a
    shot ('the gun went off': ``"firearm"``), with neither it is no violence ('the alarm went off':
    ``"nothing"``). None for any other cue."""
    if hit.sub_event_type != "Remote explosive/landmine/IED" or not low.startswith("went off", hit.start):
        return None
    if _FIREARM.search(low):
        return "firearm"
    return None if _EXPLOSIVE.search(low) else "nothing"


#: the weight of a shot told as a gun going off: that of "shot" (the Attack cue)
_GUNSHOT_WEIGHT = 0.35


def _as_gunshot(hit: CueHit) -> CueHit:
    """A firearm that "went off" fired a shot: the cue of a shooting, not of an explosion."""
    return CueHit(hit.start, hit.end, hit.text, "Attack", _GUNSHOT_WEIGHT)


#: what a camera "captured", what someone "handed over" or "transferred" that is no territory, and
#: falling to the floor: no place changed hands
_NOT_TERRITORY_AFTER = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their|its|this|some|on)\s+)?(?:\w+\s+){0,2}?(?:video|footage|images?|photos?|"
    r"pictures?|camera|moment|attention|floor|ground|knees?|death|custody|hospital|jail|prison|court|care|"
    r"case|cases|phone|money|cash|keys?|shirt|polo|jacket|evidence|documents?|suspect|child|baby|patients?)\b")
_TERRITORY_OBJECT = re.compile(r"\s+(?:\w+\W+){0,4}?(?:control|authority|territory|towns?|city|cities|areas?|"
                               r"positions?|bases?|districts?|crossings?|villages?|checkpoints?|neighbou?rhoods?|"
                               r"regions?|hills?|posts?|airports?)\b")


def _is_no_place_taken(low: str, hit: CueHit) -> bool:
    """ACLED's territory events need a place to change hands. 'SKY 4 captured video', 'people fell
    to the floor', 'the hospital transferred him to another hospital', 'a man handed over his
    shirt': nothing was taken. A hand-over or transfer counts only with territory or control as
    its object ("handed over control of the crossing")."""
    if hit.sub_event_type not in ("Government regains territory", "Non-state actor overtakes territory",
                                  "Non-violent transfer of territory"):
        return False
    word = hit.text.lower()
    if word.startswith(("transferred", "handed over", "hand over")):
        return not _TERRITORY_OBJECT.match(low, hit.end)
    return word.startswith(("captur", "fell to")) and bool(_NOT_TERRITORY_AFTER.match(low, hit.end))


#: chemical weapons held, handed over, inspected or banned: an arsenal or its diplomacy, not a use
_ARSENAL_AFTER = re.compile(r"[\s-]+(?:\w+\s+)?(?:stocks?|stockpiles?|arsenals?|programm?es?|convention|inspectors?|"
                            r"inspections?|deals?|agreements?|facilit(?:y|ies)|production|removal|destruction|"
                            r"watchdog|ban|treaty|disarmament|agency|experts?)\b")
_ARSENAL_BEFORE = re.compile(r"\b(?:hand(?:ed|ing|s)? over|destroy\w*|remov\w*|dismantl\w*|give up|gave up|"
                             r"surrender\w*|eliminat\w*|relinquish\w*|declar\w*|ship(?:ped|ping)? out|"
                             r"possess\w*|stock\w*|ban(?:ned|ning|s)?|prohibit\w*)\s+(?:\w+\s+){0,3}?$")


def _is_arsenal(low: str, hit: CueHit) -> bool:
    """ACLED's chemical weapon event is a use of chemical weapons: 'its chemical weapons stocks',
    'hand over its chemical weapons', 'the chemical weapons convention' tell of an arsenal or its
    diplomacy, not of an attack."""
    if hit.sub_event_type != "Chemical weapon":
        return False
    return bool(_ARSENAL_AFTER.match(low, hit.end) or _ARSENAL_BEFORE.search(low, max(0, hit.start - 60), hit.start))


_DATE_WORDS = frozenset({"March", "May"})


def _is_date_word(text: str, hit: CueHit) -> bool:
    """'March' in '2 March 2020' is a month, not a protest march."""
    if hit.text not in _DATE_WORDS:
        return False
    return bool(re.search(r"\d\s*$", text[max(0, hit.start - 4):hit.start])
                or re.match(r"\s*\d", text[hit.end:hit.end + 3]))


#: ACLED writes a short heading before the notes of most strategic developments
#: ("Property destruction: On 4 May ...", "Security measures: ..."); the heading names the sub-type.
_HEADINGS: dict[str, str] = {
    "property destruction": "Looting/property destruction", "looting": "Looting/property destruction",
    "land seizure": "Looting/property destruction", "arson": "Looting/property destruction",
    "looting/property destruction": "Looting/property destruction",
    "security measures": "Change to group/activity", "movement of forces": "Change to group/activity",
    "change to armed group": "Change to group/activity", "change to group/activity": "Change to group/activity",
    "change to group": "Change to group/activity", "recruitment": "Change to group/activity",
    "non-violent activity": "Other", "other": "Other",
    "arrests": "Arrests", "arrest": "Arrests",
    "agreement": "Agreement", "ceasefire": "Agreement", "prisoner exchange": "Agreement",
    "defusal": "Disrupted weapons use", "detonation": "Disrupted weapons use",
    "interception": "Disrupted weapons use", "weapons seizure": "Disrupted weapons use",
    "disrupted weapons use": "Disrupted weapons use",
    "headquarters or base established": "Headquarters or base established",
    "non-violent transfer of territory": "Non-violent transfer of territory",
}
_HEADING = re.compile(r"^\s*([A-Za-z][A-Za-z /-]{1,40}?)\s*:\s")


def note_heading(text: str) -> str | None:
    """The sub-type an ACLED-style heading at the start of ``text`` names, if any."""
    m = _HEADING.match(text)
    return _HEADINGS.get(m.group(1).lower()) if m else None
