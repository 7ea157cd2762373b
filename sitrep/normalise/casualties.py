"""Casualty figures in one sentence: which number counts whom, and how (killed, wounded, ...).

``find_figures(text)`` returns :class:`Figure` records with offsets into ``text``. It reads
numbers (:mod:`.numbers`), the quantity word near each ("were killed", "killing", "bodies",
"wounded", "captured"), who was counted ("civilians", "regime elements"), singular victims
("a soldier was killed" -> 1), deaths without a number ("incurring fatalities"), and ACLED's own
coding notes ("fatalities coded as 3", "20 fatalities split between 3 events").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .numbers import NumberSpan, find_numbers

__all__ = ["OWN_DEATH", "Figure", "find_figures", "is_civilian"]

#: ``Figure.what`` of the killer's own death ("before killing himself"): never the same person as
#: the others the sentence counts.
OWN_DEATH = "the killer himself or herself"

_KILLED = (r"(?:shot|stabbed|beaten|burned|burnt|hacked|stoned|lynched|strangled|tortured|clubbed|bludgeoned|"
           r"hanged|crushed)\s+(?:\w+\s+)?to\s+death|fatally\s+(?:shot|stabbed|wounded|injured|assaulted|beaten|hit)|"
           r"shot\s+and\s+killed|shot\s+and\s+died|succumbed|kil+ed|kiled|killing|kills|dead|deaths?|died|dies|bodies|body|fatalities|fatality|death\s+toll|"
           r"lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|martyred|martyrs|slain|"
           r"shot\s+dead|gunned\s+down|executed|executing|beheaded|massacred|murdered|murdering|assassinated|lifeless")
_WOUNDED = r"wounded|wounding|injured|injuring|injuries|injury|hurt|casualties\s+and\s+injuries"
_CAPTURED = r"captured|capturing|arrested|arresting|detained|detaining|abducted|abducting|kidnapped|kidnapping|taken\s+prisoner|held\s+hostage|hostages?"
_MISSING = r"missing|disappeared"
_NOT_DONE = (r"(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bmay\s)(?<!\bmight\s)(?<!\bcan\s)"
             r"(?<!\bnot\s)(?<!\bshould\s)(?<!\bn't\s)(?<!\bplan\s)(?<!\bplans\s)(?<!\bthreaten\s)(?<!\bthreatens\s)"
             r"(?<!\bthreatened\s)")
_QUANT = re.compile(rf"\b(?P<killed>{_KILLED})\b|\b(?P<wounded>{_WOUNDED})\b|\b(?P<captured>{_CAPTURED})\b|\b(?P<missing>{_MISSING})\b", re.IGNORECASE)
_TOLL = re.compile(r"\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities))\s+(?:\w+\s+){0,3}?(?:rose|climbed|reached|increased|stood|stands|is|was|jumped|risen|hit)\s+(?:to\s+|at\s+)?$", re.IGNORECASE)
#: A toll whose subject runs long before its verb ("the death toll from a bomb attack on a bus
#: convoy outside Aleppo has reached at least 126"), or set by a reporter ("placed the death toll
#: from the air raids at 50", "raised the death toll ... to 61"): no other number, no sentence
#: break in between.
_TOLL_LONG = re.compile(
    r"\b(?:death\s+toll|toll\s+of\s+(?:the\s+)?dead|number\s+of\s+(?:dead|deaths|fatalities|people\s+killed))"
    r"(?:\s+(?:from|in|of|on)\b[^.;:\d]{0,120}?)?\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:rose|rises|climbed|climbs|reached|reaches|increased|increases|stood|stands|"
    r"jumped|risen|hit|was|is|now)\s+(?:to\s+|at\s+)?(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|some\s+|about\s+)?$"
    r"|\b(?:put|puts|placed|places|raised|raises|revised|set|sets)\s+(?:the|its|their)\s+(?:death\s+)?toll"
    r"(?:\s+(?:from|in|of|on)\b[^.;:\d]{0,120}?)?\s+(?:at|to)\s+(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+)?$",
    re.IGNORECASE)
_TOTAL_WORD = re.compile(r"^\s*(?:fatalit(?:y|ies)|deaths|dead|people\s+dead|in\s+total|in\s+all)\b", re.IGNORECASE)
#: "Barrel bombs kill 11 civilians": the headline present, but not "to kill", "will kill", "did not kill".
_KILL_PRESENT = (r"(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bmay\s)(?<!\bmight\s)(?<!\bcan\s)"
                 r"(?<!\bnot\s)(?<!\bshould\s)(?<!\bn't\s)kill")
_LEFT_VERB = re.compile(rf"\b(?:((?:{_KILLED}|{_KILL_PRESENT})(?:\s+(?:a|an|one|his|her|their|the)\s+[a-z][\w'-]+\s+and"
                        rf"(?:\s+(?:his|her|their|the))?|\s+(?:his|her|their))?)|({_WOUNDED}|wounds|injures|injure)|({_CAPTURED}))\s+(?:of\s+)?(?:(?:at\s+least|some|about|around|nearly|over|more\s+than)\s+)?$", re.IGNORECASE)
_RIGHT_BREAK = re.compile(r"[;:]|\bwhile\b|\bafter\b|\bwhen\b|\bbefore\b|\bfollowing\b|\bas\s+a\s+result\b")
_WHAT = re.compile(r"\s*(?:of\s+)?((?:(?:the|their|his|her)\s+)?(?:[\w'’-]+\s+){0,5}?[\w'’-]+?)(?=\s+(?:were|was|are|have|had|who|and|in|on|at|from|during|including|killed|wounded|injured|dead|died)\b|[,.;]|$)", re.IGNORECASE)
_ANY_QUANT = re.compile(rf"\b(?:{_KILLED}|{_WOUNDED}|{_CAPTURED})\b", re.IGNORECASE)
_KILLED_RE = re.compile(rf"\b(?:{_KILLED})\b", re.IGNORECASE)
_DEATH_CUE = re.compile(r"kill|dead|death|died|gunned|bod(?:y|ies)|fatal|succumb|\blife\b|\blives\b|casualt|losses|shot|murder|homicid|slay|execut|behead|"
                        r"assassin|slain|martyr|massacre")
#: the object of a death verb ("gunmen killed a man", "... killed Ahmed"): the number before the verb
#: then counts the killers. A day or month is no object: "19 civilians killed Thursday" are the dead.
_AGENT = re.compile(r"\s+(?:a|an|the|his|her|their|its|\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
                    r"several|dozens|(?!(?:In|At|On|Near|By|As|After|During|Since|Amid|Across|Outside|Inside|Over|"
                    r"From|For|With|Without|Including|And|Or|While|Following|Despite|Injured|Wounded|Hurt|"
                    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
                    r"February|March|April|May|June|July|August|September|October|November|December)\b)[A-Z]\w+)\b")
#: a second count after the death verb, of the hurt ("20 civilians killed 15 injured", "10 Killed
#: Scores Injured"): headline style drops the comma and the "and"; that count is no object of the verb
_NEXT_HURT = re.compile(r"\s+(?:(?:at\s+least|more\s+than|over|about|some|nearly|around)\s+)?"
                        r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|tens|hundreds|"
                        r"several|many|others?|more)(?:\s+(?:of\s+)?(?:people|persons|others|civilians|more))?"
                        r"\s+(?:were\s+|are\s+)?(?:wounded|injured|hurt)\b", re.IGNORECASE)
#: a hurt word right after the death word, as one alternative or list ("3 militants were killed,
#: injured or captured", "1 soldier was killed or wounded"): the number counts the dead and the hurt
#: together, and no one of them is a counted death ("10 killed, 20 injured" are two counts)
_AND_HURT = re.compile(r"\s*(?:,|/|\bor\b)\s*(?:wounded|injured|hurt)\b(?!\s+(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+)?\d)", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get)\b", re.IGNORECASE)
_CASUALTY = re.compile(r"\bcasualt(?:y|ies)\b", re.IGNORECASE)
#: Nouns a number before them counts instead of people ("12 houses", "three air strikes").
_STOP_NOUNS = (
    r"(?:air\s*strikes?|strikes?|raids?|rockets?|missiles?|shells?|mortars?|rounds|bombs?|"
    r"houses?|homes?|vehicles?|cars?|trucks?|buildings?|villages?|towns?|drones?|times|days?|hours?|"
    r"weeks?|months?|years?|km|kilomet(?:er|re)s?|met(?:er|re)s?|miles?|tons?|dollars?|percent|"
    r"shots|bullets|explosions?|blasts?|attacks?|positions?|checkpoints?|bases?|offensives?|"
    r"fronts?|frontlines?|districts?|provinces?|neighbou?rhoods?|events?|sorties|barrels?|guns?|bulldozers?|"
    r"excavators?|tanks?|weapons?|motorcycles?|shops?|stores?|schools?|hospitals?|mosques?|churches?|"
    r"locations?|areas?|sectors?|groups?|operations?|incidents?|cases?|arrests?|protests?|raids?|"
    # a number that names, not counts: an address ("the 1200 block of"), an emergency line ("911 call")
    r"blocks?|calls?|callers?|dispatch(?:ers?)?|operators?)\b"
)  # fmt: skip
_STOP_NOUN = re.compile(r"^(?:[\w'-]+\s+){0,2}?" + _STOP_NOUNS, re.IGNORECASE)  # within two words
_STOP_NOUN_NEXT = re.compile(r"^" + _STOP_NOUNS, re.IGNORECASE)  # the very next word
_SUBSET = re.compile(r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|one\s+of|incl\.|"
                     r"among\s+(?:the|those)\s+(?:dead|killed|victims|fatalities)\s+(?:were|was|are|is))\s*$",
                     re.IGNORECASE)
#: A figure telling who some of the dead were is a part of the toll, never a competing count of it
#: (coding rules: contradictory figures are claims about the same people): "14 of the dead were
#: rebels", "three children and two women were among the dead".
_PART_OF = re.compile(
    r"\s*(?:of\s+(?:the|those)\s+(?:dead|killed|victims|fatalities|deceased|bodies|people\s+killed)\b"
    # "two of the victims died": a death among the victims (the shot), no part of the dead
    r"(?!\s+(?:(?:later|also)\s+)?(?:(?:was|were|has\s+been|have\s+been)\s+(?:later\s+)?(?:killed|fatally)|died|succumbed))"
    # "one of the men killed": the participle names the dead; "one of" them is no toll
    r"|of\s+(?:the|those)\s+(?:(?!(?:was|were|is|are|has|have|had|been)\b)[\w'’-]+\s+){1,2}?(?:killed|slain|dead)\b(?!\s+(?:\d|one|two|three|four|five))"
    r"|(?:[\w'’-]+\s+){0,4}?(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:the|those)\s+"
    r"(?:dead|killed|victims|fatalities|deceased|bodies)\b)", re.IGNORECASE)
_OF_TAIL = re.compile(r"\bof\s*$")
#: a named subject of its own between a number and the death verb: the number does not count the dead
_OTHER_SUBJECT = re.compile(r"\band\s+(?:(?:the|a|an)\s+)?[A-Z][\w'’-]+\s+(?:was|were|is)\b")
_K = r"(\d+|two|three|four|five|six|seven|eight|nine|ten)"
_SPREAD = rf"(?:spread|split|divided|distributed)(?:\s+up)?\s+(?:across|between|among|over)\s+{_K}\s+(?:separate\s+|different\s+)?(?:events|locations|days|incidents)"
_CODED = re.compile(
    rf"\bfatalit\w*(?:\s+and\s+injuries)?\s+(?:were\s+|was\s+|is\s+|are\s+)?coded\s+as\s+(?P<n>\d+)\b"
    rf"(?:\s*\([^)]{{0,40}}\))?(?:,?\s*(?:and\s+)?{_SPREAD})?"
    rf"|\bcoded\s+as\s+(?P<n2>\d+)\s+fatalit\w*",
    re.IGNORECASE,
)  # fmt: skip
_SPLIT_PAREN = re.compile(rf"\bfatalit\w*\s+(?:are\s+|were\s+)?{_SPREAD}\s*\((?P<n>\d+)\)", re.IGNORECASE)
_SPLIT = re.compile(rf"\b(?P<n>\d+)\s+fatalit(?:y|ies)\s+(?:were\s+|are\s+)?{_SPREAD}", re.IGNORECASE)
_SPLIT_ONLY = re.compile(rf"\bfatalit\w*\s+(?:are\s+|were\s+)?{_SPREAD}", re.IGNORECASE)
_NONE_REPORTED = re.compile(r"\b(?:no|neither|zero)\s+(?:\w+\s+){0,2}?(?:fatalities|deaths|casualties)\b|\bno\s+one\s+(?:was\s+)?(?:killed|died|hurt)\b|\bnobody\s+(?:was\s+)?(?:killed|died)\b", re.IGNORECASE)
_WORD_K = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
#: One victim named by a singular noun with no article, as headlines write ("Bomb kills woman
#: wounds 25", "Gunmen kill policeman in Homs"): the noun must end its phrase ("killed civilian
#: protesters" counts protesters, no one person).
_ONE_PERSON = (r"(?:wom[ae]n|man|boy|girl|child|teen|teenager|toddler|baby|infant|civilian|soldier|policeman|"
               r"policewoman|officer|journalist|reporter|photographer|activist|doctor|medic|nurse|teacher|student|"
               r"farmer|shepherd|priest|imam|cleric|commander|leader|fighter|militant|rebel|guard|pilot|"
               r"worker|driver|resident|villager|judge|official|mayor|lawyer|blogger|cameraman)")
#: Who one victim is after a deed ("of 15-year-old girl", "his cousin", "Akira Marie Waters"), not
#: a number of them ("of two men", "the two brothers")
_ONE_VICTIM = (r"(?:a|an|one|his|her|their|the)\s+(?!(?:two|three|four|five|six|seven|eight|nine|ten|\d+|"
               r"several|both|multiple)\b)[\w'-]+|\d{1,3}-year-old|(?-i:[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+)")
_AFTER_ONE = (r"in|at|on|near|and|as|after|during|outside|inside|with|while|north|south|east|west|"
              r"wounds|wounding|injures|injuring|hurts|over|for|amid|from")
_SINGLE = re.compile(
    rf"\b(?:(?:killed|killing|shot\s+dead|murdered|executed|beheaded|assassinated)\s+(?:a|an|one|his|her|their)\s+"
    rf"(?!(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b)(?P<w1>[\w'-]+(?:\s+[\w'-]+)?)"
    rf"|(?P<art>\b(?:a|an|one)\s+(?P<w2>[\w'-]+(?:\s+[\w'-]+){{0,3}}?)\s+(?:was|has\s+been|had\s+been|is)\s+(?:reportedly\s+)?(?:found\s+|pronounced\s+)?(?:{_KILLED}|dead|died))"
    rf"|(?P<body>\bthe\s+(?:lifeless\s+)?body\s+of\s+(?:a|an|one)\b)"
    rf"|(?P<w3>\b(?:a|an|one|the)\s+(?:(?:[\w'-]+,?\s+){{0,4}}?|[\w'-]+\s*,\s*(?:a|an)\s+[^,.;]{{1,40}},\s*)"
    rf"(?:(?:has|had)\s+died|died|succumbed|was\s+(?:found\s+|pronounced\s+)?(?:{_KILLED})))"
    # one's own death after killing others: "killed himself", "before taking his own life"
    rf"|(?P<own>\b(?:killed|kills|killing)\s+(?:himself|herself)|\b(?:took|takes|taking|take)\s+(?:his|her)\s+own\s+life"
    rf"|\bcommitt(?:ed|ing)\s+suicide|\bdied\s+by\s+suicide)"
    rf"|(?P<fatally>\b(?:a|an|one|the)\s+[\w'-]+(?:\s+[\w'-]+)?\s+fatally\s+(?:shot|stabbed|wounded|struck))"
    rf"|(?P<onefatal>\bone\s+(?:of\s+them\s+)?fatally\b)"
    rf"|(?P<life>\bclaim(?:ed|s|ing)\s+the\s+life\s+of\b)"
    rf"|(?P<pron>\b(?:he|she)\s+(?:later\s+)?(?:died|succumbed|was\s+pronounced\s+dead|was\s+(?:shot\s+dead|fatally\s+shot|shot\s+and\s+killed|killed)\b(?!\s+(?:in\s+the\s+leg|in\s+the\s+arm))))"
    # "left a man dead"; "shot and killed the suspect", "police killed the gunman": one person
    rf"|(?P<left>\bleft\s+(?:a|an|one)\s+(?:[\w'-]+\s+){{0,2}}?dead)"
    rf"|(?:killed|killing|shot\s+dead|fatally\s+shot)\s+the\s+(?:[\w'-]+\s+)?(?P<w5>{_ONE_PERSON}|suspect|gunman|shooter|attacker|assailant|robber|intruder|husband|wife)(?![\w'’-])(?!\s+(?:and|or)\b)"
    rf"|(?P<of>\bthe\s+(?:killing|death|murder|assassination)\s+of\s+(?:a|an|one|the|their|his|her)\s+[\w'-]+)"
    # one victim told by the deed's name: "the fatal shooting of 15-year-old girl", "the Nov. 7
    # killing of Akira Marie Waters", "accused of fatally shooting his cousin", "a fatal stabbing"
    rf"|(?P<deed>\b(?:killing|murder|slaying|fatal\s+(?:shooting|stabbing|beating)|shooting\s+death)"
    rf"\s+of\s+(?:{_ONE_VICTIM})"
    rf"|\bfatally\s+(?:shot|shooting|stabbed|stabbing|struck|striking|beat|beating|wounded|wounding)\s+"
    rf"(?:{_ONE_VICTIM})"
    rf"|\b(?:a|the)\s+fatal\s+(?:shooting|stabbing)\b(?!\s+of\b)"
    # "the victim, who was later pronounced dead"; "the homicide victim"
    rf"|\b(?:the|a)\s+(?:[\w'-]+\s+)?(?:victim|man|woman|boy|girl|person|teen|teenager|child),?\s+who\s+"
    rf"(?:was\s+|had\s+)?(?:later\s+)?(?:died|pronounced\s+dead|succumbed)"
    rf"|\b(?:the|a)\s+homicide\s+victim\b(?!s))"
    rf"|(?P<death>\bresulting\s+in\s+(?:one|a\s+single)\s+death|\bone\s+death)"
    rf"|(?P<bare>\b(?:{_NOT_DONE}kill|kills|killed|{_NOT_DONE}execute|executes|executed|beheads|beheaded|murders|murdered|assassinates|assassinated)\s+"
    rf"(?:(?:[a-z][\w'-]+|[A-Z][a-z]+)\s+)?(?P<w4>{_ONE_PERSON})(?![\w'’-])(?=\s*(?:[,.;:]|$|\s+(?:{_AFTER_ONE})\b)))"
    rf"|(?:killing|killed)\s+(?:him|her))\b",
    re.IGNORECASE,
)  # fmt: skip
#: "killed a family of five", "a family of four was found dead": the family's size is the count.
_FAMILY_N = r"(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_FAMILY = re.compile(
    rf"\b(?:{_KILLED}|{_KILL_PRESENT}s?)\s+(?:an?\s+|the\s+|entire\s+|whole\s+)+family\s+of\s+(?P<n>{_FAMILY_N})\b"
    rf"|\b(?:an?|the)\s+family\s+of\s+(?P<n2>{_FAMILY_N})\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    rf"(?:all\s+)?(?:found\s+)?(?:{_KILLED}|dead)\b", re.IGNORECASE)
#: "a double homicide", "quadruple murder": the word says how many were killed.
_MULTIPLE = re.compile(r"\b(?P<k>double|triple|quadruple|quintuple)[\s-]+(?:homicides?|murders?|killings?|slayings?|"
                       r"murder-suicide)\b", re.IGNORECASE)
_FAMILY_K = {**_WORD_K, "eleven": 11, "twelve": 12}
#: "killed his sons, ages 3 and 4", "killed two girls, aged 7, 9 and 12": each age listed is one dead.
_AGES = re.compile(
    rf"\b(?:{_KILLED}|{_KILL_PRESENT}s?)\s+(?:(?:his|her|their|the)\s+)?(?:[\w'-]+\s+)?"
    r"(?:sons|daughters|children|kids|brothers|sisters|boys|girls|men|women|people|victims|grandchildren|"
    r"siblings|cousins|nephews|nieces|teens|teenagers),?\s+(?:ages|aged)\s+"
    r"(?P<ages>\d{1,3}(?:\s*,\s*\d{1,3})*,?\s+and\s+\d{1,3})\b", re.IGNORECASE)
_MULTIPLE_K = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
#: "Both men died", "both of them were killed", "both were pronounced dead": two deaths.
_BOTH = re.compile(r"\bboth\s+(?:of\s+(?:them|the\s+[\w'-]+)\s+|(?:[\w'-]+\s+)?)(?:were\s+|have\s+|had\s+)?"
                   r"(?:later\s+|also\s+)?(?:died|killed|pronounced\s+dead|(?:found\s+)?dead|succumbed|shot\s+dead)\b",
                   re.IGNORECASE)
_UNNUMBERED = re.compile(
    r"\b(?:incurring|incurred|causing|caused|resulting\s+in|resulted\s+in|leaving|left|with|inflicting|inflicted|suffering|suffered|sustained)\s+(?:\w+\s+){0,2}?(?:fatalities|deaths|casualties|losses)\b"
    r"|\b(?:killing|killed|kills)\s+(?:and\s+(?:injuring|wounding)\s+)?(?:an?\s+)?(?:unknown|unspecified|undisclosed|undetermined|unconfirmed)\s+number\b"
    r"|\bunknown\s+number\s+of\s+fatalities\b|\bfatalities\s+(?:were\s+)?reported\b|\bkilling\s+and\s+(?:injuring|wounding)\b"
    r"|\bkilled\s+and\s+(?:injured|wounded)\b(?!\s+\d)|\b(?:significant|heavy|huge|great)\s+(?:human\s+)?losses\b",
    re.IGNORECASE,
)  # fmt: skip
_NO_DEATH = re.compile(r"\b(?:no|neither|without|nobody|none)\b[^.;]{0,40}\b(?:fatalit|casualt|killed|deaths?|injur|dead)", re.IGNORECASE)
_CIVILIAN = re.compile(
    r"\b(?:civilians?|children|child|kids?|women|woman|girls?|boys?|residents?|villagers?|farmers?|students?|"
    r"worshippers|family|families|people|persons?|men|man|shepherds?|teachers?|doctors?|nurses?|journalists?|"
    r"passengers?|pedestrians?|traders?|merchants?|infants?|babies|elderly|displaced|refugees?|inhabitants?|"
    r"worker|workers|driver|drivers|victims?|bodies|body)\b",
    re.IGNORECASE,
)  # fmt: skip
_COMBATANT = re.compile(r"\b(?:soldiers?|troops?|fighters?|militants?|members?\s+of\s+the|police\w*|officers?|elements|gunmen|"
                        r"rebels?|insurgents?|combatants?|militia\w*|commanders?|guards?|forces|personnel|jihadists?|terrorists?|army)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One casualty figure found in a sentence."""

    quantity: str  # killed | wounded | captured | missing
    value: int  # the ACLED-style stated figure
    low: int
    high: int
    start: int
    end: int
    text: str
    what: str | None = None
    civilian: bool = False
    rule: str = "number"  # number | vague | single | unnumbered | coded | split
    subset: bool = False  # "including two commanders": part of a figure already counted
    flag: str | None = None
    divisor: int = 1
    qualifier: str | None = None  # "at least", "about", ... as written
    ranged: bool = False  # "10 to 15", "dozens": high is a bound of its own
    total: bool = False  # "the death toll rose to 9", "10 fatalities": a total, not a group
    earlier: bool = False  # "the previous toll was 20": a count a later report replaced


def _named(pattern: re.Pattern[str]) -> set[int]:
    return set(pattern.groupindex.values())


def is_civilian(what: str | None) -> bool:
    """Do the counted people read as civilians (and not as fighters)?"""
    if not what:
        return False
    if re.search(r"\bcivilian", what, re.IGNORECASE):
        return True
    if re.match(r"(?:their|our|its|his|her)\s+(?:own\s+)?(?:men|members|ranks|comrades)\b", what, re.IGNORECASE):
        return False
    return bool(_CIVILIAN.search(what)) and not _COMBATANT.search(what)


#: an injury word right after a number ("3 injured", "2 others wounded")
_HURT_NEXT = re.compile(r"\s+(?:(?:people|persons|others|civilians)\s+)?(?:were\s+)?(?:wounded|injured|hurt)\b",
                        re.IGNORECASE)


#: rule ``death-as-cause``: a death named as the cause or object of what the counted people do
#: ("two factions, the one retaliating for Smith's death", "thousands mourning the deaths", "three
#: charged in the killing"): the number counts them, not the dead
#: rule ``cause-of-deaths-no-count``: a number that causes the deaths ("an army of 5,000 men that
#: has caused the death of 20,000 people") counts the agents; the dead are the number after "of"
_CAUSED_DEATH = re.compile(r"\b(?:caus\w*|led\s+to|resulted\s+in|responsible\s+for)\s+(?:the\s+)?deaths?\s+of\b",
                           re.IGNORECASE)
_FOR_A_DEATH = re.compile(r"\b(?:for|avenging|mourning|mourned|protesting|protested|blamed\s+for|"
                          r"charged\s+(?:with|in)|accused\s+of|responsible\s+for|suspected\s+in)"
                          r"\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


def _quantity_near(text: str, num: NumberSpan, next_start: int) -> tuple[str, str | None, int] | None:
    """The quantity word governing ``num`` and who was counted."""
    left = text[max(0, num.start - 40):num.start]
    lm = _LEFT_VERB.search(left)
    right_end = min(next_start, num.end + 90)
    right = text[num.end:right_end]
    clause = _RIGHT_BREAK.split(right, maxsplit=1)[0]
    what_m = _WHAT.match(clause)
    what = what_m.group(1).strip() if what_m and what_m.group(1) else None
    if what and (_QUANT.match(what) or _CASUALTY.match(what) or what.lower() in ("people", "persons", "others")):
        what = None if not what.lower() in ("people", "persons") else what
    if _TOLL.search(left) or _TOLL_LONG.search(text, max(0, num.start - 200), num.start):
        return "toll", None, num.end
    stop = _STOP_NOUN_NEXT if lm else _STOP_NOUN  # after "killed": only the very next word can make it no count
    if not _QUANT.match(right.lstrip()) and stop.match(right.lstrip(" -of")):
        return None
    if lm:
        q = "killed" if lm.group(1) else "wounded" if lm.group(2) else "captured"
        hurt = _HURT_NEXT.match(right)
        if q == "killed" and hurt:
            # "Civilian killed 3 injured", "3 killed 4 injured": a number right before an injury
            # word counts the injured, whatever death word comes before it
            return "wounded", None, num.end + hurt.end()
        return q, what, num.end + (what_m.end() if what_m else 0)
    rm = _QUANT.search(clause)
    if rm is None:
        if _CASUALTY.search(clause[:40]):
            return "casualties", what, num.end + len(clause)
        return None
    between = clause[:rm.start()]
    if len(between.split()) > 9:
        return None
    if rm.group("killed") and _AGENT.match(text, num.end + rm.end()) \
            and not _NEXT_HURT.match(text, num.end + rm.end()) and not _PASSIVE.search(between) \
            and not re.search(r"\b(?:killed|dead|died)\b", between, re.IGNORECASE) and len(between.split()) >= 1:
        return None  # "two gunmen shot and killed a man": the number counts the killers
    q = next(k for k in ("killed", "wounded", "captured", "missing") if rm.group(k))
    if q == "killed" and _FOR_A_DEATH.search(between):
        return None  # "the one retaliating for Smith's death": the number counts who acts for it
    if q == "killed" and _CAUSED_DEATH.search(clause[:rm.end() + 12]):
        return None  # "5,000 armed men, has caused the death of 20,000": the number counts the cause
    if q == "killed" and _AND_HURT.match(text, num.end + rm.end()):
        # "2 militants were killed, injured or captured": one count of the dead and the hurt
        return "both", what, num.end + rm.end()
    if _OTHER_SUBJECT.search(between):
        return None  # "seven officers returned fire and Wilkes was shot and killed": Wilkes died
    if q == "killed" and re.search(r"(?:\band|,)\s+(?:one|another)\b", between, re.IGNORECASE):
        # "10 people were shot and one killed": the death word counts the "one", not the 10
        return ("wounded", what, num.end + len(between)) if re.search(r"\b(?:shot|wounded|injured|hurt)\b", between, re.IGNORECASE) else None
    if what is None:
        of = re.match(r"\s+of\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+?)(?=\s+(?:were|was|who|and|in|on|at|from|during|including)\b|[,.;]|$)",
                      clause[rm.end():])
        what = of.group(1) if of else None
    if q == "killed" and re.search(r"\b(?:injur|wound)", between, re.IGNORECASE) and re.search(r"\band\b", between):
        q = "killed"  # "injured and killed": both; deaths are what counts
    return q, what, num.end + rm.end()


#: A count the report says was replaced: "the previous death toll was 20", "the source earlier put
#: the toll at 5", "according to earlier information 5 people were killed" (ACLED: the latest report).
_EARLIER = re.compile(r"\b(?:previous|earlier|initial|preliminary|first)\s+(?:death\s+)?(?:toll|figure|count|"
                      r"information|reports?|estimate)\b[^.;]*$|\bearlier\s+(?:put|gave|said|reported|set)\b[^.;]*$",
                      re.IGNORECASE)
_CLAUSE_VERB = re.compile(r"(?<!\bwho\s)(?<!\bwhich\s)(?<!\bthat\s)\b(?:were|was|are|is|have|has|had)\b", re.IGNORECASE)
_LIST_GAP = re.compile(r"^[^.;:]{0,60}?(?:,|\band\b|\bas\s+well\s+as\b|\bincluding\b|\()\s*$", re.IGNORECASE)


def _inherit(text: str, nums: list[NumberSpan], figures: list[Figure]) -> list[Figure]:
    """Numbers listed before a counted one share its quantity ("21 militants including 2
    commanders and 4 soldiers were killed"); items after "including" are part of the head's
    count only when they add up to it."""
    by_start = {f.start: f for f in figures}
    out = list(figures)
    for i in range(len(nums) - 2, -1, -1):
        num, nxt = nums[i], nums[i + 1]
        if num.start in by_start or nxt.start not in by_start:
            continue
        gap = text[num.end:nxt.start]
        if not _LIST_GAP.match(gap) or _ANY_QUANT.search(gap) or _CLAUSE_VERB.search(gap):
            continue  # "10 people were shot and one killed": a clause of its own, not a list
        if _STOP_NOUN.match(text[num.end:].lstrip(" -of")):
            continue
        f = by_start[nxt.start]
        what = re.match(r"\s*((?:[\w'’-]+\s+){0,4}?[\w'’-]+?)(?=\s*(?:,|\(|\band\b|\bincluding\b|\bas\s+well\b))", gap)
        w = what.group(1) if what else None
        new = Figure(f.quantity, num.value, num.low, num.high, num.start, num.end, text[num.start:num.end],
                     what=w, civilian=is_civilian(w), rule="vague" if num.vague else "number",
                     subset=bool(_SUBSET.search(text[max(0, num.start - 30):num.start]))
                     or (f.subset and not re.search(r"\bincluding\b", gap, re.IGNORECASE)),
                     flag=num.flag, qualifier=num.qualifier, ranged=num.vague)
        by_start[num.start] = new
        out.append(new)
    for i in range(1, len(nums)):  # forward: "10 fatalities, including 4 rebels, 4 soldiers"
        num, prev = nums[i], by_start.get(nums[i - 1].start)
        if num.start in by_start or prev is None or prev.rule not in ("number", "vague"):
            continue
        gap = text[prev.end:num.start]
        if not _LIST_GAP.match(gap) or _ANY_QUANT.search(gap):
            continue
        if _STOP_NOUN.match(text[num.end:].lstrip(" -of")):
            continue
        what = re.match(r"\s*((?:[\w'’-]+\s+){0,4}?[\w'’-]+?)(?=\s*(?:,|\(|\)|\.|\band\b|$))", text[num.end:])
        w = what.group(1) if what else None
        new = Figure(prev.quantity, num.value, num.low, num.high, num.start, num.end, text[num.start:num.end],
                     what=w, civilian=is_civilian(w), rule="vague" if num.vague else "number",
                     subset=prev.subset or bool(_SUBSET.search(gap)), flag=num.flag,
                     qualifier=num.qualifier, ranged=num.vague)
        by_start[num.start] = new
        out.append(new)
    out.sort(key=lambda f: f.start)
    # "10 fatalities, including 4 rebels, 4 soldiers and 2 civilians": all parts of the head
    for j, head in enumerate(out):
        if head.quantity != "killed" or head.subset or head.rule not in ("number", "vague"):
            continue
        parts = []
        for f in out[j + 1:]:
            if f.quantity != head.quantity or f.rule not in ("number", "vague"):
                break
            parts.append(f)
        if parts and parts[0].subset and sum(p.value for p in parts) == head.value:
            for p in parts:
                if not p.subset:
                    out[out.index(p)] = Figure(**{**p.__dict__, "subset": True})
    return out


_AND_ONE = re.compile(r"\s+and\s+(?:a|an|one)\s+([\w'’-]+)\b", re.IGNORECASE)


def _one_more(text: str, figures: list[Figure]) -> list[Figure]:
    """"killing four women and a man", "three soldiers and a child were killed": the person
    listed after a counted group is one more death of the same count."""
    out = []
    for f in figures:
        if f.quantity != "killed" or f.rule not in ("number", "vague") or f.subset or f.total:
            continue
        what_end = f.start + len(str(f.value) if f.text[:1].isdigit() else f.text.split()[0])
        words = re.match(r"[\w'’-]*(?:\s+[\w'’-]+)?", text[what_end:])
        at = what_end + (words.end() if words else 0)
        m = _AND_ONE.match(text, at)
        if m is None or not (_CIVILIAN.fullmatch(m.group(1)) or _COMBATANT.fullmatch(m.group(1))):
            continue
        if any(g.start <= m.start(1) < g.end and g is not f for g in figures):
            continue
        noun = m.group(1)
        out.append(Figure("killed", 1, 1, 1, m.start(), m.end(), m.group(0).strip(), what=noun,
                          civilian=is_civilian(noun), rule="number", subset=False))
    return out


#: One person named by a singular noun: counted as one death when listed with a counted group.
_PERSON = (r"(?:man|woman|boy|girl|child|kid|baby|infant|toddler|teen|teenager|father|mother|dad|mom|son|"
           r"daughter|husband|wife|brother|sister|grandmother|grandfather|grandson|granddaughter|uncle|aunt|"
           r"nephew|niece|cousin|friend|girlfriend|boyfriend|neighbou?r|officer|deputy|trooper|soldier|"
           r"suspect|gunman|shooter|victim)")
#: "a man and his two children were found dead", "Father and two kids killed": the person listed
#: right before a counted group
_ONE_BEFORE = re.compile(rf"(?:^|(?<=[\s,;:(\u2014\u2013-]))(?:(?:a|an|one|the|his|her|their)\s+)?(?P<p>{_PERSON})"
                         r"(?:\s*,\s*|\s+and\s+)(?:(?:his|her|their|the)\s+)?$", re.IGNORECASE)
#: the items of a headline-style list after a counted group, up to its death word: "4 women, man,
#: unborn child slain" (only a bare singular person noun is one more death; a qualified item is not
#: counted, the conservative reading)
_LIST_ITEM = re.compile(r"(?:\s*,\s*|\s+and\s+)(?:(?P<art>a|an|one|the|his|her|their)\s+)?(?P<item>[\w'’-]+(?:\s+(?!(?:and|were|was|are|found)\b|(?:"
                        rf"{_KILLED})\b)[\w'’-]+)?)", re.IGNORECASE)


#: "A man and a woman were killed", "a woman and her son were shot dead": two persons, two deaths.
_PAIR = re.compile(rf"\b(?:a|an|one|the)\s+(?:[\w'-]+\s+)?{_PERSON}\s+and\s+(?:a|an|one|the|his|her|their)\s+"
                   rf"(?:[\w'-]+\s+)?{_PERSON}\s+(?:were|have\s+been|had\s+been)\s+(?:both\s+)?(?:found\s+)?"
                   rf"(?:{_KILLED}|dead)\b", re.IGNORECASE)
_COUNTED_BEFORE = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w'’-]+\s+)?$",
                             re.IGNORECASE)


def _listed_persons(text: str, figures: list[Figure]) -> list[Figure]:
    """Single persons listed with a counted group of the dead add one death each (coding rules:
    deaths of different people add up): "a man and his two kids were found dead" -> 1 + 2,
    "4 women, man, unborn child slain" -> 4 + 1. A person already counted by a figure of its own is
    not counted again."""
    out: list[Figure] = []
    spans = [(g.start, g.end) for g in figures]

    def free(s: int, e: int, own: Figure) -> bool:
        if _COUNTED_BEFORE.search(text, max(0, s - 25), s):
            return False  # "one man and one officer died": the person has a count of its own
        return not any(s < ge and gs < e and (gs, ge) != (own.start, own.end) for gs, ge in spans)

    for f in figures:
        if f.quantity != "killed" or f.rule not in ("number", "vague") or f.subset or f.total or f.earlier:
            continue
        m = _ONE_BEFORE.search(text, max(0, f.start - 40), f.start)
        if m and m.end() == f.start and free(m.start("p"), m.end("p"), f):
            out.append(Figure("killed", 1, 1, 1, m.start("p"), m.end("p"), m.group("p"), what=m.group("p"),
                              civilian=is_civilian(m.group("p")), rule="number"))
            spans.append((m.start("p"), m.end("p")))
        # a list after the group's noun, ended by a death word: headline style, no verb in between
        what_end = f.start + len(str(f.value) if f.text[:1].isdigit() else f.text.split()[0])
        head = re.match(r"\s+[\w'’-]+", text[what_end:])
        if head is None:
            continue
        at = what_end + head.end()
        items: list[re.Match[str]] = []
        while True:
            it = _LIST_ITEM.match(text, at)
            if it is None:
                break
            items.append(it)
            at = it.end()
            if re.match(rf"\s+(?:(?:were|was)\s+)?(?:found\s+)?(?:{_KILLED})\b", text[at:], re.IGNORECASE):
                break
        if not items or not re.match(rf"\s+(?:(?:were|was)\s+)?(?:found\s+)?(?:{_KILLED})\b", text[at:],
                                     re.IGNORECASE):
            continue
        if _AND_ONE.match(text, what_end + head.end()):
            continue  # "killing four women and a man": read by _one_more
        if _SUBSET.search(text[what_end:at]):
            continue  # "5 people, including a child, killed": the child is one of the five
        for it in items:
            item = it.group("item")
            if re.fullmatch(_PERSON, item, re.IGNORECASE) and free(it.start("item"), it.end("item"), f):
                out.append(Figure("killed", 1, 1, 1, it.start("item"), it.end("item"), item, what=item,
                                  civilian=is_civilian(item), rule="number"))
                spans.append((it.start("item"), it.end("item")))
    return out


#: A person's age is no count: "Freda Lockett, 39, was killed", "Lockett (39)", "aged 39",
#: "ages 10 to 14", "two 15-year-old boys".
_AGE = re.compile(r"\b[A-Z][\w'’-]+,\s+(\d{1,3}),|\b(?:man|woman|boy|girl|teen|teenager|victim|son|daughter|father|"
                  r"mother|suspect|driver|student)s?,\s+(\d{1,3})\b(?=\s*,|\s+(?:dies|died|killed|is|was|shot)\b)|\b[A-Z][\w'’-]+\s+\((\d{1,3})\)|\baged?s?\s+(\d{1,3})\b"
                  r"|\bages?\s+\d{1,3}\s*(?:to|-|–|and)\s*(\d{1,3})\b|\b(\d{1,3})[- ](?:year|month)s?[- ]old\b")


#: A list of ages is no count either: "aged 7, 9 and 12", "ages 19 and 22", "two men, 19 and 22,".
#: rule ``year-names-an-event``: a year written before the event it dates ("the 1984 killing of a
#: reporter", "the 1982 Hama massacre") is no count of the dead
_YEAR_OF_EVENT = re.compile(
    r"\b(?:the|a|an|its|his|her|their|that|this|[\w-]+'s)\s+((?:1[89]|20)\d\d)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:killings?|massacres?|attacks?|bombings?|murders?|assassinations?|war|uprising|revolution|coup|"
    r"elections?|invasion|offensive|siege|riots?|protests?|clashes|shootings?|genocide|crackdown|raids?|"
    r"ambush|hijacking|kidnapping|strikes?)\b", re.IGNORECASE)
_AGE_LIST = re.compile(
    r"\bage[sd]?\s+(?P<list>\d{1,3}(?:\s*,\s*\d{1,3})*,?\s+(?:and|&)\s+\d{1,3})\b"
    r"|\b(?:men|women|boys|girls|children|kids|teens|teenagers|brothers|sisters|sons|daughters|victims|people),\s+"
    r"(?P<list2>\d{1,3}(?:\s*,\s*\d{1,3})*,?\s+(?:and|&)\s+\d{1,3})(?=\s*,)", re.IGNORECASE)


#: Named victims (coding rules: a list of victims adds up): a person named by name, with or without
#: an age ("Ann Lee, 34," "toddler Ben Lee"), as the subject of a death predicate ("Ann Lee, 34,
#: was shot and killed", "Lee died at the hospital", "A, 35, B, 27, and C, 25, were killed", "...
#: and D - all dead"), or listed after "those killed were" / "killed were" / "the dead were".
_NAME_WORD = r"(?:Mr\.|Mrs\.|Ms\.|Dr\.|[A-Z][a-z][\w'’-]*|[A-Z]\.|[A-Z]['’][A-Z][\w'’-]*)"
_NOT_NAME = re.compile(
    r"^(?:The|A|An|He|She|They|It|His|Her|Their|Its|This|That|These|Those|Police|Officers?|Authorities|"
    r"Investigators|Detectives|Officials|Deputies|Witnesses|Neighbors|Family|Both|All|One|Two|Three|Four|"
    r"Five|Six|Seven|Eight|Nine|Ten|Who|Where|When|While|After|Before|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|God|Jesus|Mom|Dad|I|We|You|Victim|Suspect|Sheriff|Chief|Capt|Sgt|Lt|Officer|Gov|President|"
    r"Gunmen|Gunman|Shooter|Militants?|Soldiers?|Rebels?|Civilians?|People|Men|Women|Children|Fighters?|Troops|"
    r"Many|Several|Others?|Some|Most|Residents?|Students?|Teens?|Teenagers?|Kids?|Bodies|Body|Nobody|None|Everyone|"
    r"Someone|Man|Woman|Boy|Girl|Child|Toddler|Baby|Infant|Father|Mother|Son|Daughter|Husband|Wife|Brother|Sister)$")
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|[\"“][A-Z][\w'’ -]{{0,20}}[\"”]))*"
_AGED = r"(?:,\s*\d{1,3}\s*,?|\s+\(\d{1,3}\))"
_NAMED_ITEM = re.compile(rf"(?:(?:\d{{1,3}}-year-old|toddler|baby|infant)\s+)?(?P<name>{_NAME})(?P<age>{_AGED})?\s*$")
_NAMED_SEP = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s*;\s*(?:and\s+)?|\s+and\s+)$")
_DEATH_PRED = re.compile(
    r"\s*(?:[\u2014\u2013-]\s*)?(?:(?:was|were|had\s+been|has\s+been)\s+)?(?:(?:later|also|both|all)\s+)?"
    r"(?:shot\s+and\s+killed|fatally\s+(?:shot|wounded|stabbed)|(?:shot|stabbed|beaten)\s+to\s+death|killed|slain|gunned\s+down|"
    r"murdered|found\s+dead|pronounced\s+dead|declared\s+dead|dead\b(?=\s*(?:[,.;]|$|\s+(?:from|of|at|in|after)\b)))"
    r"|\s*(?:(?:later|has|had|also|then)\s+)?(?:died|succumbed)\b")
_NAMED_HEAD = re.compile(r"\b(?:(?:those|the\s+people|the\s+victims)\s+killed|killed|the\s+dead|the\s+deceased)\b"
                         r"[^.;:]{0,60}?\b(?:were|are)\s+(?:(?:identified\s+as|siblings|brothers|sisters)\s*:?\s*)?",
                         re.IGNORECASE)
_PREP_BEFORE = re.compile(r"\b(?:in|at|of|from|near|on|by|for|to|with|into|the|a|an|against|toward|towards)\s*$",
                          re.IGNORECASE)


_AFTER_DEATH = re.compile(r"\s*(?:[,.;:!?)]|$|(?:in|at|on|near|after|during|while|when|by|inside|outside|last|early|late|"
                          r"this|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")


def _names_before(text: str, end: int) -> tuple[list[str], int, bool]:
    """The named persons listed right before ``end`` (a death predicate), nearest last; their
    start; whether any has an age."""
    names: list[str] = []
    aged = False
    at = end
    while True:
        window = text[max(0, at - 90):at]
        m = _NAMED_ITEM.search(window)
        if m is None:
            break
        name = m.group("name")
        words = name.split()
        while words and _NOT_NAME.match(words[0]):
            words.pop(0)  # "Police identified": not part of the name
        if not words or any(_NOT_NAME.match(w) for w in words):
            break
        names.append(" ".join(words))
        aged = aged or bool(m.group("age"))
        at = at - len(window) + (m.start() if len(words) == len(name.split()) else
                                 m.start("name") + len(name) - len(" ".join(words)))
        sep = _NAMED_SEP.search(text[max(0, at - 12):at])
        if sep is None:
            break
        probe = _NAMED_ITEM.search(text[max(0, at - len(sep.group(0)) - 90):at - len(sep.group(0))])
        if probe is None or probe.group("age") is None and not aged:
            break  # only a list of aged persons runs on: "In Troy, Smith" is no list
        at -= len(sep.group(0))
    return names[::-1], at, aged


_COUNT_AFTER = re.compile(r"\s+(?:(?:at\s+least|more\s+than|nearly|about|some|around|up\s+to|over)\s+)?"
                          r"(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|"
                          r"dozens\b|scores\b|hundreds\b)", re.IGNORECASE)


def _named_victims(text: str, taken: list[tuple[int, int]]) -> list[Figure]:
    """Deaths of persons named by name (rule "named"): one per distinct name."""
    out: list[Figure] = []
    for pred in re.finditer(r"\b(?:killed|slain|murdered|dead|died|succumbed|fatally|to\s+death|gunned\s+down)\b", text):
        m = None
        for start in range(max(0, pred.start() - 40), pred.start() + 1):
            mm = _DEATH_PRED.match(text, start)
            if mm and mm.end() >= pred.end() and (start == 0 or not text[start - 1].isalnum()):
                m = mm
                break
        if m is None:
            continue
        if not re.match(r"\s*(?:[\u2014\u2013-]\s*)?(?:was|were|had|has|later|also|both|all|then)\b", m.group(0)) \
                and not re.match(r"\s*(?:died|succumbed|dead)\b", m.group(0)) \
                and not _AFTER_DEATH.match(text, m.end()):
            continue  # "Smith killed Jones": an active verb; Smith is the killer
        if _COUNT_AFTER.match(text, m.end()):
            continue  # "Shelling killed at least five civilians": the subject did the killing
        names, at, aged = _names_before(text, m.start())
        if not names:
            continue
        before = text[max(0, at - 25):at]
        if _PREP_BEFORE.search(before) or re.search(r"['’]s\s*$", before):
            continue  # "a man in Troy died", "Smith's father died": no named victim
        if not aged and len(names) == 1 and re.search(r"\b(?:by|of|from)\s+\S+\s*$", before):
            continue
        if any(s < m.end() and at < e for s, e in taken):
            continue  # a figure of its own already counts them
        tail = re.match(r"[^.;]*?\balong\s+with\b([^.;]*)", text[m.end():])
        if tail:
            names += [n.group(1) for n in re.finditer(rf"({_NAME}){_AGED}", tail.group(1))]
        out.append(Figure("killed", len(names), len(names), len(names), at, m.end(), text[at:m.end()],
                          what="; ".join(names), civilian=True, rule="named"))
        taken.append((at, m.end()))
    for head in _NAMED_HEAD.finditer(text):
        rest = text[head.end():]
        stop = re.search(r"[.;](?!\s*(?:and\s+)?(?:(?:a|an|their|his|her)\s+[\w\s]{0,30}?,\s*)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*,\s*\d)",
                         rest)
        span = rest[:stop.start()] if stop else rest
        names = [n.group(1) for n in re.finditer(rf"({_NAME}){_AGED}", span)]
        names = [n for n in names if not _NOT_NAME.match(n.split()[0])]
        if len(names) < 1 or any(s < head.end() + len(span) and head.start() < e for s, e in taken):
            continue
        out.append(Figure("killed", len(names), len(names), len(names), head.start(), head.end() + len(span),
                          text[head.start():head.end() + len(span)], what="; ".join(names), civilian=True,
                          rule="named"))
    return out


def _overlaps(m: re.Match[str], taken: list[tuple[int, int]]) -> bool:
    return any(m.start() < e and s < m.end() for s, e in taken)


def _family_size(m: re.Match[str]) -> int:
    word = (m.group("n") or m.group("n2")).lower()
    return int(word) if word.isdigit() else _FAMILY_K[word]


def _counted_by_words(text: str, pattern: re.Pattern[str], count: Callable[[re.Match[str]], int],
                      taken: list[tuple[int, int]], *, what: str | None = None,
                      civilian: bool = False) -> list[Figure]:
    """Deaths whose words say how many ("a double homicide", "both men died", "a family of
    five"), where no earlier figure already covers the words; ``taken`` grows by each one."""
    out = []
    for m in pattern.finditer(text):
        if _overlaps(m, taken):
            continue
        k = count(m)
        out.append(Figure("killed", k, k, k, m.start(), m.end(), m.group(0), what=what, civilian=civilian,
                          rule="number"))
        taken.append((m.start(), m.end()))
    return out


def find_figures(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[Figure]:
    """Casualty figures in ``text``; ``skip`` masks spans (dates, times) that are not counts."""
    skip = skip or []
    figures: list[Figure] = []
    low = text.lower()
    meta = (("coded", _CODED), ("split", _SPLIT_PAREN), ("split", _SPLIT), ("divide", _SPLIT_ONLY))
    for rule, pattern in meta if "fatalit" in low else ():
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in figures):
                continue
            k_groups = [g for i, g in enumerate(m.groups(), 1) if g and i not in _named(pattern)]
            k = (_WORD_K.get(k_groups[-1].lower()) or int(k_groups[-1])) if k_groups else 1
            k = max(k, 1)
            n_text = m.groupdict().get("n") or m.groupdict().get("n2")
            n = int(n_text) if n_text else 0
            if rule == "divide":
                figures.append(Figure("killed", 0, 0, 0, m.start(), m.end(), m.group(0), rule=rule, divisor=k))
            elif pattern is _SPLIT_PAREN:  # "split across 3 events (5)": 5 is this event's share
                figures.append(Figure("killed", n, n, n, m.start(), m.end(), m.group(0), rule=rule, divisor=k))
            else:
                figures.append(Figure("killed", n // k, n // k, -(-n // k), m.start(), m.end(), m.group(0),
                                      rule=rule, divisor=k))
    none_cue = any(w in low for w in ("no ", "neither", "zero", "nobody", "no one"))
    for m in _NONE_REPORTED.finditer(text) if none_cue else ():
        figures.append(Figure("killed", 0, 0, 0, m.start(), m.end(), m.group(0), rule="none_reported"))
    taken = [(f.start, f.end) for f in figures] + list(skip) + [m.span(m.lastindex or 0) for m in _AGE.finditer(text)] \
        + [m.span("list") if m.group("list") else m.span("list2") for m in _AGE_LIST.finditer(text)] \
        + [m.span(1) for m in _YEAR_OF_EVENT.finditer(text)]
    nums = [n for n in find_numbers(text) if not any(n.start < e and s < n.end for s, e in taken)]
    for i, num in enumerate(nums):
        nxt = nums[i + 1].start if i + 1 < len(nums) else len(text)
        found = _quantity_near(text, num, nxt)
        if found is None:
            continue
        quantity, what, end = found
        total = quantity == "toll" or (what is None and bool(_TOTAL_WORD.match(text[num.end:end])))
        quantity = "killed" if quantity == "toll" else quantity
        # a vague number keeps its "of" ("dozens of"): "many of those killed" is a part of the dead
        of_tail = _OF_TAIL.search(text, num.start, num.end)
        subset = bool(_SUBSET.search(text[max(0, num.start - 30):num.start])) or bool(_PART_OF.match(text, num.end)) \
            or bool(of_tail and _PART_OF.match(text, of_tail.start()))
        if quantity == "both":
            quantity = "casualties"
        elif quantity == "casualties":
            # "N casualties": killed and wounded together; deaths count only when said so
            after = text[num.end:min(len(text), num.end + 60)]
            quantity = "killed" if _KILLED_RE.search(after) else "casualties"
        figures.append(Figure(quantity, num.value, num.low, num.high, num.start, end, text[num.start:end],
                              what=what, civilian=is_civilian(what), rule="vague" if num.vague else "number",
                              subset=subset, flag=num.flag, qualifier=num.qualifier, total=total,
                              ranged=num.vague or num.high != num.low and num.qualifier is None))
    figures = [Figure(**{**f.__dict__, "earlier": True}) if f.quantity == "killed" and _EARLIER.search(
        text[max(0, f.start - 60):f.start]) else f for f in figures]
    figures = _inherit(text, nums, figures)
    figures += _one_more(text, figures)
    figures += _listed_persons(text, figures)
    taken = [(f.start, f.end) for f in figures] + list(skip)
    death_cue = bool(_DEATH_CUE.search(low))
    if death_cue and "famil" in low:
        figures += _counted_by_words(text, _FAMILY, _family_size, taken, what="family", civilian=True)
    if death_cue and ("ages" in low or "aged" in low):
        figures += _counted_by_words(text, _AGES, lambda m: len(re.findall(r"\d+", m.group("ages"))), taken)
    for m in _SINGLE.finditer(text) if death_cue else ():
        if _overlaps(m, taken):
            continue
        what = OWN_DEATH if m.group("own") else \
            re.sub(r"\s+(?:in|at|on|from|near|by|with)$", "", (m.group("w1") or m.group("w2") or m.group("w4")
                                                                or m.group("w5") or "").strip()) or None
        subset = bool(_SUBSET.search(text[max(0, m.start() - 20):m.start()]))
        figures.append(Figure("killed", 1, 1, 1, m.start(), m.end(), m.group(0), what=what,
                              civilian=is_civilian(what), rule="single", subset=subset))
        taken.append((m.start(), m.end()))
    if death_cue:
        figures += _counted_by_words(text, _MULTIPLE, lambda m: _MULTIPLE_K[m.group("k").lower()], taken)
        figures += _counted_by_words(text, _PAIR, lambda m: 2, taken, what="two persons")
        figures += _counted_by_words(text, _BOTH, lambda m: 2, taken, what="both")
        figures += _named_victims(text, taken)
    if death_cue and not any(f.quantity == "killed" and f.rule != "none_reported" for f in figures) \
            and not _NO_DEATH.search(text):
        un = _UNNUMBERED.search(text)
        if un:
            figures.append(Figure("killed", 0, 0, 0, un.start(), un.end(), un.group(0), rule="unnumbered"))
    return sorted(figures, key=lambda f: f.start)
