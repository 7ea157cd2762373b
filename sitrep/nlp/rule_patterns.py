"""The regular expressions the English typing rules test (:mod:`sitrep.nlp.typing_rules.en_flags`
names each flag's test; :mod:`sitrep.nlp.rules` keeps the no-event tests). Kept apart from the rule
table so the table reads as a list of rules, not of patterns. Patterns built with :func:`_ci` are
compiled for lower-cased text.
"""

from __future__ import annotations

import re

from .cues import _lower_literals

__all__ = [
    "ABDUCT",
    "ACT_AS_CAUSE",
    "AIRBORNE",
    "ARMED",
    "ARMED_CROWD",
    "ARMED_HIT",
    "ARMED_OR_ARMS",
    "ARMED_TAKEN",
    "ARREST",
    "ARREST_FOR_PROTEST",
    "ATTRIBUTION",
    "BY_AGENT",
    "CAPTIVES",
    "CAUSE_BEFORE",
    "CIVILIAN",
    "CIVILIAN_TARGET",
    "CLASHED_WITH",
    "CLASH_WORDS",
    "COUNTED_BLASTS",
    "CRIME_ONLY",
    "CRIMINAL_VICTIM",
    "CROWD_WORD",
    "DEATH_CAUSE",
    "DEMAND_ONLY",
    "DEVICE",
    "DIED_AFTER",
    "DIPLOMATIC",
    "EXCHANGE",
    "FIGHT",
    "FORCE",
    "FORCES_BEFORE",
    "FORCE_ON_PROTESTERS",
    "HANDOVER",
    "HEAVY",
    "INTERVENED",
    "LETHAL",
    "LIGHT_FIRE",
    "MOB_ACT",
    "MOVES_IN",
    "NONSTATE_ARRESTER",
    "NOT_POLITICAL",
    "NO_FIGHT",
    "NO_LASTING_TAKE",
    "OFF_DUTY",
    "PLACE_ATTACKED",
    "PROTEST",
    "RIOTERS",
    "STANDOFF",
    "STATE_ARRESTER",
    "STATE_SIDE",
    "STRONG_PROTEST",
    "TAKING",
    "TERRITORY",
    "TERRITORY_CUE",
    "TYRES",
    "UNARMED_GROUPS",
    "VIOLENCE",
    "VIOLENCE_FIRST",
    "VIOLENT_CROWD",
    "WEAPON_AGENT",
    "WITHDRAWAL",
]


def _ci(pattern: str) -> re.Pattern[str]:
    """Compile for lower-cased text: literals lower-cased, no IGNORECASE (2-3 times faster)."""
    return re.compile(_lower_literals(pattern))


ARMED = _ci(
    r"\b(?:soldiers?|troops|police(?:m[ae]n)?|officers?|commandos?|militants?|fighters?|militiam[ae]n|"
    r"security (?:forces|personnel)|army|military|servicem[ae]n|guards?|insurgents|rebels|taliban|"
    r"combatants?|members? of (?:the )?(?!(?:\w+ ){0,2}(?:community|communities|tribe|clan|family|party|union)\b)[A-Z]\w+|"
    r"arbakis?|gendarmes?|bodyguards?|(?:NDS|ANA|ANP|ANDSF) \w+|lieutenants?|sergeants?|colonels?|corporals?|"
    r"commanders?|militia (?:leaders?|members?)|(?:armed|militant|\w+-\w+) elements)\b")
CIVILIAN = _ci(
    r"\b(?:civilians?(?!-)|residents?|villagers?|(?<!armed )m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|farmers?|"
    r"journalists?|teachers?|students?|worshippers|passengers|famil(?:y|ies)|people|persons?|"
    r"shepherds?|drivers?|traders?|businessm[ae]n|doctors?|nurses?|inmates?|prisoners?|"
    r"(?:drug )?suspects?|suspected drug \w+)\b")


_HIT = (r"(?:killed|killing|shot|shooting|attacked|attacking|ambushed|ambushing|targeted|targeting|wounded|"
        r"wounding|injured|injuring|assassinated|beheaded|executed|stabbed|beat|beaten|hit|struck|"
        r"opened fire (?:on|at|against)|fired (?:on|at|upon|against))")
#: an armed person on the receiving end: after the act ("killed two soldiers"), or as the
#: subject of a passive ("a policeman was shot"); not the armed attacker of someone else
_ARMED_ALT = ARMED.pattern[2:-2]  # the alternation inside \b...\b
ARMED_HIT = _ci(rf"\b{_HIT} (?:(?!by\b)\w+\W+){{0,5}}?{_ARMED_ALT}\b"
                 rf"|\b{_ARMED_ALT}\W+(?:\w+\W+){{0,4}}?(?:was|were|been|being) (?:\w+ )?{_HIT}\b")
#: the person killed or hurt belonged to an armed criminal group (a trafficker, a gang member): ACLED
#: counts both sides as armed, so the violence is a clash
CRIMINAL_VICTIM = _ci(
    r"\b(?:victims?|he|she|the (?:man|men|woman|deceased|other|dead man)|who|both|one of (?:them|the victims))\b[^.;]{0,60}?"
    r"\b(?:drug[- ]traffick\w*|drug dealers?|drug dealing|gang members?|members? of (?:a |the )?(?:\w+ )?(?:gang|cartel)|"
    r"(?:gang|cartel) (?:leader|member)s?)\b"
    r"|\b(?:(?:alleged|suspected) )?(?:drug[- ]traffickers?|drug dealers?|gang members?|cartel members?) "
    r"(?:was|were) (?:\w+ )?(?:shot|killed|murdered|found dead|stabbed|attacked|injured|wounded)\b")
#: soldiers or police seized by an armed group: ACLED codes it as a clash between the two
ARMED_TAKEN = _ci(rf"\b(?:abducted|kidnapped|seized) (?:(?!by\b)\w+\W+){{0,4}}?{_ARMED_ALT}\b"
                   rf"|\b{_ARMED_ALT}\W+(?:\w+\W+){{0,3}}?(?:was|were) (?:abducted|kidnapped)\b")
BY_AGENT = re.compile(r"\bby (?:(?:a|an|the|two|three|\d+|some|several|unknown|unidentified|armed|suspected|"
                       r"local|angry|masked|young) )*\w+\b")
ARMED_OR_ARMS = _ci(
    r"\b(?:soldiers?|troops|police|officers?|commandos?|militants?|fighters?|militias?|army|military|"
    r"forces|insurgents|rebels|gunmen|armed|taliban|guerrillas?|jihadists?|brigades?|battalions?|cartels?|gangs?|"
    r"sniper|artillery|mortars?|rockets?|ambush\w*)\b")
#: some fight or harm is reported (groups merely named do not fight)
FIGHT = _ci(r"\b(?:fight\w*|clash\w*|scuffle\w*|brawl\w*|attack\w*|hurt|violen\w*|stones?|sticks|machetes|"
             r"knives|clubs|injur\w*|kill\w*|torch\w*|burn\w*|set fire|assault\w*|beat\w*|quarrel\w*|dispute\w*)\b")
UNARMED_GROUPS = _ci(
    r"\b(?:disputes?|groups? of (?:villagers|residents|farmers|youths?)|two groups|villagers|residents|"
    r"supporters|families|neighbou?rs|relatives|mob|crowd|youths|party (?:workers|members|supporters|activists|cadres)|"
    r"(?:members|supporters|activists|workers) of (?:the )?(?:\w+ ){0,2}party)\b")
STATE_SIDE = _ci(
    r"\b(?:army|military|government|regime|troops|soldiers|security forces|pro-government|"
    r"national (?:army|forces)|armed forces|pro-(?:government|regime|Hadi|Assad)|government-(?:backed|allied)|"
    r"loyal to the (?:president|government)|"
    # forces ACLED codes as the state or its allies when they take ground (Yemen's pro-Hadi camp,
    # Afghan and other national forces named by acronym, police and gendarmerie)
    r"southern resistance|popular resistance|national resistance|amajid brigade|security belt|"
    r"giants brigades?|joint forces|ANDSF|ANSF|ANA|ANP|afghan (?:forces|commandos|police)|commandos|"
    r"police|gendarmerie|national guard|(?:military|police) forces of|FARDC|tatmadaw|"
    # a country's own forces named by its adjective ("Iraqi troops", "Malian army")
    r"(?:afghan|syrian|iraqi|yemeni|nigerian|somali|malian|burkinabe|nigerien|cameroonian|congolese|sudanese|"
    r"libyan|ukrainian|russian|turkish|israeli|indian|pakistani|egyptian|ethiopian|kenyan|ugandan|mozambican|"
    r"philippine|filipino|colombian|mexican|burmese|lebanese|chadian|iranian|azerbaijani|armenian|algerian) "
    r"(?:army|troops|soldiers|military|forces|government|security forces|armed forces|police))\b")
_TAKE = (r"(?:t(?:ook|aken|aking)(?! place| part| up\b| office| over as| (?:his|her|their) )|seiz(?:ed|ing)|captur(?:ed|ing)|regain(?:ed|ing)|ret(?:ook|aken|aking)|"
         r"recaptur(?:ed|ing)|overr(?:an|unning)|overt(?:ook|aken)|recover(?:ed|ing)|dr(?:ove|iving)|"
         r"occup(?:ied|ying|y))")
TERRITORY_CUE = _ci(rf"\b{_TAKE} (?:\w+\W+){{0,4}}?(?:control|towns?|villages?|city|cities|areas?|regions?|bases?|"
                     r"(?:check)?posts?|(?:check)?points?|positions?|districts?|hills?|ground|crossings?|"
                     r"neighbou?rhoods?|airports?|fields|headquarters|HQs?|outskirts|suburbs?|centre|center)"
                     r"|control (?:of|over)\b"
                     r"|\bground was (?:regained|gained|lost)\b")
#: people, not places, were captured ("killed, injured or captured", "two fighters were captured")
CAPTIVES = _ci(r"\b(?:killed|injured|wounded|arrested|detained)(?:,)? (?:and |or )?captured\b|"
                r"\b(?:was|were|been|being) captured\b(?! \w+ (?:the |a )?(?:town|village|city|district|area|base))")
TERRITORY = _ci(rf"\b(?:{_TAKE}|gained|control)\b")
#: a taking of a place told as an act (ACLED: "overtakes" / "regains" territory): a taking verb with a
#: place or control as its object, a taking noun ("the capture of"), a place that "fell to" a side or
#: "came under" its control, ground gained or lost; not a place only described as held ("the occupied
#: city", "rebel-held", "clinging to control of")
_NOT_ATTRIBUTIVE = r"(?<!\bthe )(?<!\ban )(?<!\ba )(?<!\bits )(?<!\btheir )(?<!-)"
_TAKE_ANY = (r"(?:t(?:ake|akes|ook|aken|aking)(?! place| part| up\b| office| over as| (?:his|her|their) )|"
             r"seiz(?:e|es|ed|ing)|captur(?:e|es|ed|ing)|re-?captur(?:e|es|ed|ing)|regain(?:s|ed|ing)?|"
             r"ret(?:ake|akes|ook|aken|aking)|overr(?:an|un|uns|unning)|overt(?:ake|akes|ook|aken)|"
             r"occup(?:y|ies|ied|ying)|liberat(?:e|es|ed|ing)|reclaim(?:s|ed|ing)?|storm(?:s|ed|ing)? and took)")
TAKING = _ci(rf"{_NOT_ATTRIBUTIVE}\b{_TAKE_ANY} (?:\w+\W+){{0,4}}?(?:control|towns?|villages?|city|cities|"
             r"areas?|regions?|bases?|(?:check)?posts?|(?:check)?points?|positions?|districts?|hills?|ground|"
             r"crossings?|neighbou?rhoods?|airports?|fields|headquarters|hqs?|outskirts|suburbs?|centre|center)"
             rf"|{_NOT_ATTRIBUTIVE}\b(?:re-?captur(?:e|es|ed|ing)|captur(?:e|es|ed|ing)|overr(?:an|un|uns|unning)|"
             r"overt(?:ook|aken)|ret(?:ake|akes|ook|aken|aking)|liberat(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)|"
             r"regain(?:s|ed|ing)?|reclaim(?:s|ed|ing)?|won back|seized back|"
             r"t(?:ake|akes|ook|aken|aking) over)\b"
             r"|\b(?:wrest\w*|assum\w+|establish\w+|restor\w+|extend\w*|impos\w+|gain\w*|lost|los(?:es|ing)) "
             r"(?:full |complete |total |effective )?(?:state |government |their |its |his )?control\b"
             r"|\b(?:came|comes|come|coming|fell|falls|fallen|brought|returned) (?:back )?under (?:the )?"
             r"(?:full |complete |total )?control\b"
             r"|\b(?:fell|falls|fallen|falling) (?:to|into)\b"
             r"|\b(?:capture|re-?capture|seizure|takeover|take-over|liberation|fall) of\b"
             r"|\bdr(?:ove|iven|iving) (?:\w+\W+){0,4}?out\b"
             r"|\b(?:gained|gaining|lost|losing) ground\b|\bground was (?:regained|gained|lost)\b"
             r"|\blost (?:the )?(?:town|village|city|district|neighbou?rhood|base|position|hill|airport)s?\b")


NOT_POLITICAL = _ci(
    r"\b(?:accident\w*|crash\w*|collision|gas (?:leak\w*|cylinder|explosion|plant)|leak(?:ed|age)|short circuit|derail\w*|"
    r"earthquake|flood\w*|(?:a|the|tropical|winter|snow|severe|heavy|dust) storms?|cyclone|hurricane|wildfire|landslide|drought|snow\w*|blizzard|avalanche|"
    r"torrential|mudslides?|heat ?waves?|bush ?fires?|forest fires?|tsunami|typhoon|tornado|tested positive|"
    r"testing positive|alcohol poisoning|"
    r"nuclear test|test of a|industrial|factory fire|plant exploded|tank exploded|"
    r"drowned|overturned|volcan\w*|eruption|cyber\w*|hackers?|websites? (?:was |were )?(?:hacked|defaced|blocked))\b")
# "march" but not the month in "18 March 2020"
PROTEST = _ci(r"\b(?:protest\w*|demonstrat\w+|(?<!\d )march(?:ed|es|ing)?\b(?! \d| deeper| further| towards?\b| on the (?:town|city|capital))|rall(?:y|ies|ied)|"
                      r"sit-ins?|human chains?|dharnas?|(?:to )?demand(?:ed|ing|s)? (?!(?:a |the )?ransom)\w+|"
                      r"strikers\b|on strike\b|striking (?:\w+ )?(?:workers|employees|staff|teachers|doctors|nurses|"
                      r"drivers|miners|students)\b)")
LETHAL = _ci(r"\b(?:killed|died|dies|die(?!-in)|dead|death|fatal|fatally|live (?:rounds|ammunition|fire|bullets)|gunfire|"
              r"shot(?! (?:\w+ )?(?:in|to|into) the air))\b")
VIOLENT_CROWD = _ci(r"\b(?:(?<!anti-)riot(?!\w* (?:police|control|gear|squads?|units?|forces|officers))\w*|stones|stone[- ]?pelting|pelt\w*|molotov|petrol bombs?|torched|"
                            r"set (?:on )?fire|clash(?:ed|es|ing)?|attacked|assaulted|vandali\w+|turned violent|"
                            r"ablaze|looted|smashed|burn\w*|brawl|storm(?:ed|ing)?|broke into|"
                            r"forc\w+ (?:their|its|them(?:selves)?) (?:way )?in(?:to)?)\b")
_FORCES = (r"(?:police\w*|security (?:forces|personnel|officers)|officers|authorities|gendarm\w+|soldiers|"
           r"troops|army|military|guards?|agents)")
#: the police or troops named as the subject right before a violent word: their act, not the crowd's
FORCES_BEFORE = _ci(rf"\b{_FORCES}\s+(?:\w+\s+)?$")
#: the authorities act on the protest (arrests, dispersal), not a protest *against* an arrest
INTERVENED = _ci(
    rf"\b{_FORCES}\b[^.;]{{0,80}}?\b(?:arrest(?:ed|ing)|detain(?:ed|ing)|dispers\w+|broke up|intervened|"
    r"lathi|baton|tear ?gas|water cannon|rubber bullets|removed|evicted|fined|prevented|stopped|"
    r"took (?:\w+ )?into custody|suppress\w*|crack(?:ed|ing)? down|pepper[- ]spray\w*|dragg(?:ed|ing)|"
    r"used force|fired (?:warning )?shots|shot (?:\w+ )?(?:in)?to the air|fired (?:\w+ )?in(?:to)? the air)\b"
    r"|\bcrackdown\b|\bpepper[- ]spray\w*"
    # the passive names the protesters, not someone arrested before ("he was arrested", "activists who
    # had been detained"), whose arrest the protest is about
    r"|\b(?<!\bwho )(?<!\bthat )(?<!\bwhich )(?<!\bhe )(?<!\bshe )(?<!\bhad )(?<!\bhave )(?<!\bhas )"
    r"(?:were|was|been|got) (?:\w+ )?(?:arrested|detained|dispersed|taken into custody|removed)\b"
    r"|\b(?:lathi|baton)[- ]charg\w*|\btear ?gas\b|\bwater cannons?\b|\brubber bullets\b")
#: fire traded "in both directions" across a front line is an exchange, i.e. a clash
EXCHANGE = _ci(r"\bboth directions of the (?:front|line|contact)|(?:fire|shots|explosions|projectiles|bursts)\b"
                r"[^.;]{0,60}?\bin both directions\b|\bexchange[sd]? (?:of )?(?:\w+ )?(?:fire|gunfire|artillery|shell\w*)\b|"
                r"\b(?:shelling|artillery|fire) exchanges?\b|\btraded fire\b|\b(?:fired|shot) back\b|\bexchanging fire\b|"
                r"\b(?:reacted|responded|retaliated) with (?:gun)?fire\b|\breturned fire\b|\bresponded to\b[^.;]{0,30}?"
                r"\b(?:shelling|fire|attack)|\bsmall[- ]arms\b")
#: bursts of fire suggest a fight, unless heavy weapons were what fired
LIGHT_FIRE = _ci(r"\bbursts\b")
HEAVY = _ci(r"\b(?:heavy (?:machine ?guns?|weapons)|grenade launchers?|IFVs?|BMPs?|cannons?|mortars?|artillery|"
             r"anti-aircraft|ZU-23)\b")
#: weapons fired from a distance, with no sign of an exchange: shelling, not a clash
STANDOFF = _ci(r"\b(?:RPGs?|rocket-propelled grenades?|grenade launchers?|anti-tank|mortars?|"
                       r"artillery|shell(?:s|ed|ing)|rockets?|missiles?|pounded|heavy (?:machine ?guns?|weapons)|"
                       r"IFVs?|cannons?|anti-?aircraft|1[2-9]\.\d ?mm|\d{2,3} ?mm)\b")
#: explosions counted or heard with no device named: remote fire across a front, not a planted bomb
COUNTED_BLASTS = _ci(r"\b(?:\d+|two|three|four|five|several|many|multiple|dozens of|series of|total of \d+) "
                      r"(?:\w+ )?(?:explosions|blasts)\b|\bexplosions (?:were |was )?(?:heard|recorded|observed)\b")
DEVICE = _ci(r"\b(?:bombs?|IEDs?|devices?|(?:land)?mines?|car|vehicle|suicide|grenades?|explosives|detonat\w+|booby)\b")
#: people were killed, hurt or fought over: weapons seized or property destroyed there are the
#: aftermath of that violence, not the event
VIOLENCE = _ci(r"\b(?:killed|killing|kiled|dead|died|wounded|injured|injuring|clash\w*|fighting|fought|"
                r"battles?|air ?strikes?|shelling|shelled|exchanged (?:gun)?fire|gun ?fights?|firefights?|"
                r"ambush\w*|thwarted|repel\w*|stabbed|beat|beaten|beating|assault\w*|tortur\w*|opened fire|lynch\w*|"
                r"hacked to death)\b")
#: the weapon itself is what killed or hurt ("a roadside bomb killed two", "an air strike hit a
#: school"), or a device was planted or set off: the sub-type is the weapon's, not an attack's
WEAPON_AGENT = _ci(
    r"\b(?:bombs?|IEDs?|(?:land)?mines?|explosive devices?|explosives|blasts?|explosions?|air ?strikes?|drone strikes?|"
    r"shells?|mortars?|rockets?|missiles?|grenades?)\b(?: (?:\w+ ){0,8}?(?:planted|placed|fired|launched|thrown|"
    r"dropped) by (?:\w+ ){1,3}?)?(?:\w+ ){0,1}(?:killed|killing|wounded|wounding|injured|injuring|hit|struck|destroyed|"
    r"damaged)\b"
    r"|\b(?:planted|placed|set off|activated|detonated) (?:\w+ ){0,2}?(?:bombs?|IEDs?|explosive devices?|explosives|mines?)\b"
    # the weapon named as the means ("destroyed a truck with an ATGM", "targeted ... using drones")
    r"|\b(?:destroy\w*|damag\w*|hit|struck|target\w*|killed|killing|wounded|injured) (?:\w+\W+){0,8}?(?:with|using|by) "
    r"(?:an? |the )?(?:\w+ )?(?:ATGMs?|anti-tank missiles?|missiles?|rockets?|shells?|mortars?|artillery|drones?|"
    r"air ?strikes?|IEDs?|explosive devices?|grenades?)\b")
#: an aircraft or drone is what fired or dropped the weapon: an air strike, whatever it fired
AIRBORNE = _ci(r"\b(?:warplanes?|war planes?|jets?|aircraft|helicopters?|drones?|planes?|gunships?|UAVs?)\b"
                r"[^.;]{0,40}?\b(?:fired|launched|dropped|struck|bombed|targeted|hit|shelled|raided|carried out)\b"
                r"|\b(?:from|by) (?:a |an )?(?:\w+ )?(?:drones?|helicopters?|warplanes?|aircraft|UAVs?|jets?)\b")
#: two sides named as fighting each other
CLASHED_WITH = _ci(r"\bclashed\b|\bclash(?:es)? (?:erupted |broke out |took place )?(?:between|with)\b|"
                    r"\b(?:fighting|battles?) (?:erupted |broke out |raged |took place )?between\b|"
                    r"\bfought (?:with|against)\b|"
                    r"\bexchanged (?:gun)?fire\b|\bgun ?battles?\b|\bshoot-?outs?\b|\bfire ?fights?\b|\bgunfights?\b")
CLASH_WORDS = _ci(r"\b(?:clash\w*|fighting|fought|battle\w*|gun ?fights?|firefights?|"
                          r"returned fire|repel\w*|ambush\w*)\b")
_VICTIMS = (r"(?:(?:a|an|one|two|three|\d+|several|many|some|the|of the) )?(?:peaceful |unarmed |[a-z]+-[a-z]+ |elderly |young |female |male |student )?"
            r"(?:protesters?|protestors?|demonstrators?|marchers|crowd)")
#: state force turned on the protesters themselves (not a protest *about* a killing)
FORCE_ON_PROTESTERS = _ci(
    rf"\b(?:open(?:ed|ing) fire|fir(?:ed|ing)(?: live \w+)?)(?: on| at| into) {_VICTIMS}\b"
    rf"|\b(?:killing|killed|shot(?: dead)?|wounding|injuring|beat(?:ing)?) {_VICTIMS}\b"
    rf"|\b{_VICTIMS} (?:was|were) (?:killed|shot|beaten to death)\b"
    rf"|\b(?:attacks?|crackdown|assault) (?:on|against) {_VICTIMS}\b[^.;]{{0,80}}?\b(?:killed|dead|died|deaths?|fatal)\b"
    rf"|\b(?:killed|dead|died|deaths?|fatal)\b[^.;]{{0,80}}?\b(?:attacks?|crackdown|assault) (?:on|against) {_VICTIMS}\b")
ABDUCT = _ci(r"\b(?:kidnap\w*|abduct\w*)\b")
DIED_AFTER = _ci(r"\b(?:killed|dead|death|corpse|bod(?:y|ies)|stabbed|executed|murdered)\b")
ARREST = _ci(r"\b(?:arrest\w*|detain\w*)\b")
#: arrests whose reason or target is a protest, made apart from it ("detain people who organise
#: or participate in the demonstrations", "arrest activists in anticipation of mass protests"):
#: ACLED codes the arrests, not a demonstration
ARREST_FOR_PROTEST = _ci(r"\b(?:arrest\w*|detain\w*|round(?:ed|ing)? up)\b[^.;]{0,80}?\b(?:who (?:organi[sz]e|"
                         r"participate|took part|join|called for)\w*|(?:for|over) (?:organi[sz]ing|participating|"
                         r"taking part|joining|calling for)|ahead of|in anticipation of)\b[^.;]{0,60}$")
VIOLENCE_FIRST = _ci(r"\b(?:killed|shot|dead|attacked|injured|wounded|seized|robbed|opened fire|lynch\w*|raided|looted|"
                      r"stole|stolen|torched|set (?:on )?fire|burn(?:ed|t)|beat(?:en)?|stabbed|assaulted|abducted|kidnapped|"
                      r"pelted|vandali[sz]ed|clashed)\b")
_CROWD = (r"(?:locals|residents|villagers|citizens|neighbou?rs|passers-by|bystanders|onlookers|sellers|vendors|traders|youths|migrants|nationals|worshippers|"
          r"(?:migrant )?(?:workers|labou?rers)|refugees|volunteers|palestinians|relatives|farmers|"
          r"(?:a |an angry )?(?:group|crowd|mob) of (?:\w+ ){0,2}?\w+)")
#: an unarmed crowd turns on someone (police included) outside a demonstration: mob violence
MOB_ACT = _ci(
    rf"\b{_CROWD}\b[^.;]{{0,50}}?\b(?:attacked|assaulted|beat|lynched|pelted|stoned|torched|vandali[sz]ed|"
    r"threw stones|hurled stones|clashed|fought|scuffled|"
    rf"chased)\b|\b(?:beaten(?: up)?|lynched|attacked|assaulted) by (?:a |the )?(?:angry )?{_CROWD}\b"
    rf"|\bclash(?:es)? (?:\w+ )?(?:erupted |broke out )?between {_CROWD}\b"
    r"|\b(?:a |an angry )?mob\b")
#: the words that name a demonstration by themselves (not "march", "demand" or burning tyres)
STRONG_PROTEST = _ci(r"(?:protest|demonstrat|rall(?:y|ies|ied)\b|sit-in|human chain|dharna)")
#: an armed crowd: what it does is no demonstration (ACLED: demonstrators are unarmed)
ARMED_CROWD = _ci(r"\b(?:armed (?:men|members|groups?|individuals|youths?|gangs?)|militias?|militiam[ae]n|gangs?|"
                   r"gunmen|militants|fighters|insurgents|rebels)\b")
#: a crowd is named (a mob needs one: "a pair of people" throwing a petrol bomb at a shop is no mob)
CROWD_WORD = _ci(r"\b(?:mobs?|crowds?|dozens|hundreds|thousands|scores|residents|villagers|locals|youths|supporters|"
                  r"rioters|migrants|workers|traders|vendors|students|farmers|fans|worshippers|relatives|families|"
                  r"neighbou?rs|(?:wedding |funeral )?party|gathering|(?:group|band|gang) of (?:\w+ )?(?:people|youths|men|residents|villagers))\b")
#: tyres or barricades set alight (usually to block a road): a violent demonstration's mark
TYRES = _ci(r"\b(?:burn\w*|lit|light\w*|set fire to|set ablaze|torch\w*) (?:\w+ )?(?:tyres|tires|objects|material|"
             r"barricades)\b|\b(?:burning|flaming) (?:tyres|tires|barricades)\b")
#: a "demand" is the weakest sign of a demonstration: an unarmed crowd's attack outweighs it
DEMAND_ONLY = _ci(r"\bdemand\w*")
#: crime without force (theft, fraud, forgery, smuggling) is no event (coding rules), unless a weapon or
#: violence is named
CRIME_ONLY = _ci(r"\b(?:robber(?:y|ies)|robbed|thefts?|stealing|stole|stolen|counterfeit|fake (?:currency|notes)|"
                  r"fraud\w*|forg(?:ed|ery)|smuggl\w+|burglar\w*|pickpocket\w*)\b")
FORCE = _ci(r"\b(?:armed|guns?|gunpoint|gunmen|pistols?|rifles?|firearms?|explosives?|grenades?|bombs?|knives|"
             r"machetes?|shot|shoot\w*|fired|fire|killed|dead|died|injur\w*|wound\w*|beat\w*|stabb\w*|attack\w*|"
             r"raid\w*|looted|torched|burn\w*|kidnap\w*|abduct\w*|hostage|"
             # an armed actor's theft or seizure is property destruction (ACLED)
             r"military|army|soldiers|troops|militia\w*|militants|fighters|rebels|insurgents)\b")
#: a government's answer to an attack, not the attack
DIPLOMATIC = _ci(r"\b(?:(?:imposed|announced|approved|new|tougher) (?:\w+ )?sanctions|sanctions against|"
                  r"(?:retaliatory|punitive|diplomatic) (?:measures|move|steps)|expel\w* (?:\w+ ){0,3}embassy staff|"
                  r"expel(?:led|s)? (?:\w+ ){0,2}diplomats|diplomats (?:were |was )?expelled|summoned the ambassador)\b")
#: the text's own statement is a claim or an accusation about an attack ("IS claimed responsibility
#: for ...", "officials blamed the group for ...")
ATTRIBUTION = _ci(r"^[^.;]{0,100}?\b(?:(?:claimed|claims|claiming|claim) (?:the )?responsibility|"
                   r"(?:takes?|took|taking) credit for|(?:has |have )?claimed (?:the )?(?:murder|killing|assassination)|"
                   r"(?:blamed|blames|blaming)\b[^.;]{0,60}?\bfor\b|accusations\b)")
#: violence aimed at an unarmed person named right after the verb ("armed men attacked a taxi driver")
_CIV_NOUNS = (
    r"(?:workers?|drivers?|civilians?|villagers?|residents?|m[ae]n|wom[ae]n|"
    r"child(?:ren)?|boys?|girls?|farmers?|teachers?|journalists?|correspondents?|reporters?|students?|traders?|"
    r"vendors?|shopkeepers?|passengers|worshippers|elders?|chiefs?|councillors?|refugees|migrants|"
    r"(?:party )?members of the \w+ party|activists?|employees?|villages?|communit(?:y|ies)|hamlets?|settlers|"
    r"herders|pastoralists|cattle owners|(?:\w+ )?members?|leaders?|officials?|owners?|chairpersons?|chairm[ae]n|"
    r"councilors?|politicians?|candidates?|supporters?|pastors?|priests?|imams?|nurses?|doctors?|(?:health|aid) workers|"
    r"shepherds?|collectors?|labou?rers|fishermen|miners|hunters|people|persons?|individuals|pedestrians|motorists|"
    r"customers|tourists|guests|pilgrims|mourners|patients|passers-by|bystanders|"
    # places full of unarmed people
    r"hotels?|mosques?|church(?:es)?|markets?|marketplaces?|restaurants?|bars?|wedding\w*|funerals?|bus(?:es)?)")
CIVILIAN_TARGET = _ci(
    r"\b(?:attacked|assaulted|shot(?: and killed| dead)?|killed|stabbed|beat|beaten|hacked|injured|wounded|"
    r"ambushed|targeted|open(?:ed)? fired? (?:on|at|against)|fired (?:\w+ ){0,2}?(?:on|at|against)) "
    r"(?:and (?:killed|injured|wounded) )?(?:(?:at least|about|around|some|nearly|up to) )?(?:a |an |the |two |three |\d+ |several |"
    rf"a group of (?:\w+ )?)?(?:\w+ ){{0,2}}?{_CIV_NOUNS}\b")
#: an armed group attacked a place by its name ("militants attacked Kalamo"): its people, not a force
#: (case-sensitive: the name is capitalised, and a force's name would follow it)
PLACE_ATTACKED = re.compile(
    r"\battacked (?:the (?:village|town|locality|community|hamlet|settlement) of )?[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?"
    r"(?= ?\(|,| in\b| on\b| near\b| village| town| and\b| at\b|\.)")
STATE_ARRESTER = _ci(r"\b(?:police\w*|authorities|army|military|government|regime|state|gendarm\w*|"
                      r"intelligence|security services|soldiers|troops|officers|customs|prosecutors?|"
                      r"national guard|border guards?)\b")
#: armed groups that "arrest" people (ACLED codes it as an abduction); named before the arrest
NONSTATE_ARRESTER = _ci(
    r"\b(?:militants?|rebels?|insurgents?|taliban|gunmen|fighters|militia\w*|jihadists?|armed (?:group|men)|"
    r"factions?|QSD|SDF|HTS|Hay'?at Tahrir al-Sham|(?:al-)?Shabaa?b|Boko Haram|ISWAP|ISIS|ISIL|IS|"
    r"Islamic State|PKK|YPG|Hezbollah|Hamas|vigilantes?|self-defen[cs]e|cartel|gangs?|ELN|FARC|"
    r"dissidents|separatists?|guerrillas?)\b")
#: territory handed over, or left to another side that moves in, with no fighting
HANDOVER = _ci(r"\bhand(?:ed|s|ing)? (?:over )?(?:\w+ ){0,3}?(?:control|authority|territory|town|city|area|"
                r"positions?|base|district|crossing)|\bhand(?:ed|s|ing)? (?:it |them )?over to\b|\bhandover of\b")
WITHDRAWAL = _ci(r"\b(?:withdr[ae]w\w*|pulled out|vacated|evacuated|retreated)\b")
#: said outright: the place changed hands without a fight
NO_FIGHT = _ci(r"\bwithout (?:\w+ )?(?:any |a )?(?:armed )?(?:fight\w*|clash\w*|resistance|confrontation|"
                r"bloodshed|a shot|firing)\b")
#: a capture reversed within the day, or only tried: no lasting change of control (ACLED: a clash)
NO_LASTING_TAKE = _ci(rf"\b(?:briefly|temporarily|momentarily|for (?:a few|several|two|three) hours) "
                       rf"(?:\w+ )?{_TAKE}|\b(?:intend\w*|tr(?:y|ies|ied|ying)|attempt\w*|fail\w*|aim\w*|"
                       rf"sought|seek\w*|plan\w*|bid) to (?:re-?)?(?:take|seize|capture|regain|overrun|occupy)\b")
MOVES_IN = _ci(r"\b(?:entered|moved into|took over|deployed in|came under (?:the )?control|re-?captured|"
                r"under (?:the )?control of|(?:took|assumed|taking) control)\b")
RIOTERS = _ci(r"\b(?:rioters|rioting|riots?)\b")
OFF_DUTY = _ci(r"\b(?:off[- ]duty|former (?:soldier|police\w*|officer|member|commander)|retired|"
                       r"civilian clothes|at (?:his|her) (?:home|house))\b")


#: violence named as the protest's cause or background ("after last month's riots", "against the
#: looting of funds"), not as what the crowd did
CAUSE_BEFORE = re.compile(r"\b(?:after|following|since|against|over|about|condemn\w*|denounc\w*|"
                           r"because of|in response to|during|demand\w*|recover\w*|(?:return|replacement) of)\b[^.;]{0,60}$")
#: the authorities' act named right before as the protest's cause ("rejecting police actions", "after the
#: police stopped them"), not an intervention at it
ACT_AS_CAUSE = re.compile(r"\b(?:after|following|against|over|about|reject\w*|condemn\w*|denounc\w*|"
                           r"in response to)\s+(?:\w+\s+){0,2}$")
#: a death named as the protest's cause ("over the death of", "whose killing", "justice for")
DEATH_CAUSE = re.compile(r"\b(?:whose|over|against|about|condemn\w*|denounc\w*|mourn\w*|honou?r\w*|justice for|"
                          r"in memory of|in the (?:death|killing|shooting) of|following the|after the)\b[^.;]{0,90}$")
