"""Candidate place spans in a sentence, found without NER.

Spans come from quoted names (“Halab al-Jadideh”), capitalised sequences (with lower-case
articles such as al-/el-, and numbers: "3000 Apartments"), and the words around them: a
feature word ("X district", "the village of Y") marks an explicit place even when no
gazetteer knows it; "near/west of/outskirts of X" marks an approximate location; a hospital,
"sources in X" or a conditional ("would fall") gives the span a non-event role.
"""

from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass

from ..lang.capitals import written_in_capitals
from ..lang.en.admin_abbreviations import POSTAL, expand
from .match import FEATURE_WORDS

__all__ = ["ADMIN_KIND_WORDS", "ORG_WORDS", "VENUE_WORDS", "SpanCandidate", "find_spans", "is_organisation", "is_stop"]

# Arabic articles: "al Kirsh", "as-Silw", "Deir ez-Zor", "Ras ul-Ain"; the short ones only hyphenated
# ("at Kathua" is English)
_TOKEN = (r"(?:(?:al|el|ad|ar|az|ash|ad-d|al-)[-‐ ]|(?:as|at|an|ez|es|ed|et|ul|ur|un|us|uz)[-‐]|"
          r"(?:Mt|Ft|St|MT|FT|ST)\.\s+(?=[A-Z]))?"
          r"(?:[A-Z\u00C0-\u00DE\u0600-\u06FF][\w'’‘ʿ`\u0600-\u06FF-]*|\d{2,5}(?=\s*[A-Za-z]))")
_CONNECT = (r"(?:\s+|-|(?:\s+(?:of|de|del|la|le|al|el|bin|ibn|du|des|da|do|dos|das|y|ash|as|ad|ar|az))"
            r"{1,2}\s+)")
_SEQ = re.compile(rf"(?<![\w'’]){_TOKEN}(?:{_CONNECT}{_TOKEN})*")
_QUOTED = re.compile(r"[“\"‘«]([^“”\"‘’«»\n]{2,60}?)[”\"’»]")
_ARABIC_SEQ = re.compile(r"[\u0600-\u06FF]+(?:\s+[\u0600-\u06FF]+){0,3}")

_STOP = frozenset(["a", "an", "the", "none", "both", "neither", "either", "each", "all", "any", "every", "on", "in", "at", "of", "to", "by", "for", "from", "with", "and", "or", "but", "as", "is", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "my", "who", "what", "when", "where", "which", "while", "after", "before", "during", "since", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "president", "minister", "ministry", "government", "regime", "forces", "force", "army", "military", "police", "security", "state", "islamic", "republic", "republican", "guard", "sources", "source", "media", "council", "party", "front", "brigade", "brigades", "division", "battalion", "group", "groups", "resistance", "factions", "faction", "opposition", "rebels", "rebel", "militia", "militias", "people", "civilians", "civilian", "unidentified", "unknown", "armed", "national", "democratic", "liberation", "popular", "revolutionary", "movement", "union", "united", "international", "coalition", "alliance", "operations", "operation", "room", "eyewitness", "breaking", "update", "news", "report", "reports", "according", "also", "however", "meanwhile", "later", "earlier", "today", "yesterday", "killed", "wounded", "reported", "said", "size", "no", "report", "other", "others", "several", "some", "many", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hospital", "hospitals", "university", "college", "airport", "metro", "road", "highway", "camp", "prison", "church", "mosque", "school", "assad", "bashar", "hafez", "jaysh", "jaish", "fateh", "fatah", "hezbollah", "hizbollah", "daesh", "isis", "isil", "nusra", "ahrar", "tahrir", "hayat", "taliban", "houthi", "houthis", "boko", "haram", "saudi", "ansar", "allah", "akbar", "sheikh", "emir", "king", "prince", "academy", "stage", "quarter", "district", "city", "town", "village", "province", "world", "committee", "looting", "association", "workers", "students", "protesters", "demonstrators", "farmers", "traders", "residents", "members", "community", "communal", "unidentified", "gunmen", "militiamen", "soldiers", "troops", "fighters", "customs", "agreement", "arrests", "arrest", "protest", "protests", "riot", "riots", "attack", "attacks", "clash", "clashes", "victory", "around", "about", "reported", "reportedly", "mine", "up", "down", "sugar", "communist", "cane", "mill", "wadi", "jebel", "jabal", "tal", "tell", "kafr", "deir", "beit", "ain", "bir",
                   # a bearing alone names no place ("Cedar Avenue Southwest" is no South West City)
                   "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                   "north-east", "north-west", "south-east", "south-west"])
# "Kabushwa village (Kabare, Sud-Kivu)": up to two lower-case words before the brackets
_NOT_KIND = r"(?!(?:in|at|on|of|near|from|to|and|by|with|the)\b)"
_KIND_WORDS = re.compile(rf"^\s*{_NOT_KIND}[a-z][\w-]*(?:\s+{_NOT_KIND}[a-z][\w-]*)?(?=\s*\()")
_WAYS = frozenset(("road", "roads", "street", "highway", "avenue", "bridge", "roundabout",
                   "junction", "crossing", "motorway", "boulevard"))
# "Saudi-led", "Iran-backed", "Turkish-supported": who is behind an actor, not a place
_BACKED = re.compile(r"-(?:led|backed|allied|aligned|affiliated|sponsored|supported|funded)$",
                     re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")
_DEMONYM = re.compile(r"(?:ian|ese|ish|i|an)s?$")
_NEAR = re.compile(r"(?:near|outskirts of|vicinity of|countryside of|around|outside|"
                   r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
                   r"(?:ern)?(?: of| countryside of)?|km (?:from|of)|kilometres (?:from|of)|"
                   r"kilometers (?:from|of)|close to|edge of|entrance to|direction of|towards)"
                   r"\s+(?:the\s+)?(?:city of\s+|town of\s+|village of\s+)?[“\"]?$", re.IGNORECASE)
_SOURCE = re.compile(r"(?:hospitals?(?: of| in)?|sources? in|based in|correspondents? in|"
                     r"reporters? in|media in|medics? in|morgue in|doctors? in|"
                     r"received (?:in|at)|transferred to|taken to|brought to|statement from)"
                     r"\s+(?:the\s+)?[“\"]?$", re.IGNORECASE)
# "taken to Christ Medical Center in Oak Lawn": where the victims were treated, not where they were
# shot ("shelling damaged a clinic in Marinka" keeps Marinka: the clinic was the target)
_CARE = re.compile(r"\b(?:taken|transported|rushed|brought|airlifted|flown|admitted|transferred|treated)\s+"
                   r"(?:to|at)\s+(?:the\s+|a\s+)?(?:[\w'’.-]+\s+){0,5}?(?:(?:medical|trauma|health)\s+"
                   r"cent(?:er|re)s?|clinics?)\s+(?:of|in)\s+(?:the\s+)?[“\"]?$", re.IGNORECASE)
#: Rule ``hospital-hit``: a hospital struck, shelled or bombed is where the event happened, not the
#: hospital that counted the dead ("warplanes struck a hospital in Idlib").
_HOSPITAL_HIT = re.compile(r"\b(?:struck|strikes?|hit|hits|shell(?:ed|s)?|bomb(?:ed|s)?|target(?:ed|s)?|attack(?:ed|s)?|"
                           r"raid(?:ed|s)?|destroy(?:ed|s)?|damag(?:ed|es)?|(?:strikes?|attacks?|raids?|bombing|"
                           r"shelling)\s+(?:on|of|against))\s+(?:an?\s+|the\s+|two\s+|three\s+)?(?:[\w'’-]+\s+){0,3}?"
                           r"hospitals?\s+(?:of\s+|in\s+)?(?:the\s+)?[“\"]?$", re.IGNORECASE)
_SOURCE_AFTER = re.compile(r"^[”\"]?\s*(?:hospital|medical|field hospital)", re.IGNORECASE)
_HYPO = re.compile(r"\b(?:would|could|might|will|shall|in case|if|unless|aim(?:s|ed)? to|"
                   r"plan(?:s|ned)? to|threaten(?:s|ed)? to|seek(?:s|ing)? to|towards|"
                   r"conclusion)\b[^.;\])]*$", re.IGNORECASE)  # not across a closed aside
#: The words after a name that say it names an administrative area ("Idlib province", "Wayne County")
ADMIN_KIND_WORDS = ("province", "governorate", "region", "state", "oblast", "prefecture", "department",
                    "county", "parish")
_ADMIN_WORDS = re.compile(rf"^\s*(?:{'|'.join(ADMIN_KIND_WORDS)})\b", re.IGNORECASE)
#: a capitalised preposition that opens a sentence before a name ("In Karachi, ..."): no word of it
_OPENING_PREPOSITION = re.compile(r"(?:In|At|Near|Outside|Around|Across|Inside)\s+(?=[A-Z])")
_LOCATIVE = re.compile(r"\b(?:in|near|at|of|outside|around|into|across|on)\s+(?:the\s+)?"
                       r"(?:[a-z]+\s+){0,2}[“\"]?$")

#: a person's name and age, then "of": where the person lives ("John Smith, 25, of Dallas")
_RESIDENCE = re.compile(r"[A-Z][\w'’-]+,\s*(?:age\s+)?\d{1,3},\s+(?:both\s+)?of\s+(?:the\s+)?$")

#: "shot at X", "fired at X", "yelled at X": "at" after a verb of aiming names a target (mostly a
#: person: "he shot at Travon Manuel"), not where something happened
_AIMED_AT = re.compile(r"\b(?:shot|shoots?|shooting|fired|fires|firing|aimed|aiming|pointed|pointing|lunged|"
                       r"swung|yelled|shouted|screamed|cursed|looked|stared|threw|throwing|thrown|lashed out)"
                       r"\s+at\s+[“\"]?$", re.IGNORECASE)

_HINT_NAME = r"[A-Z][\w'’-]+(?:(?:[ -]|\s+(?:de|del|la|do|da|dos)\s+)[A-Z][\w'’-]+){0,3}"
# "Barangay Minuyan, San Jose del Monte, Bulacan": up to two containers after commas
_COMMA_HINT = re.compile(rf"^\s*(?:[a-z]+\s*){{0,2}}?,\s*({_HINT_NAME}(?:\s*,\s*{_HINT_NAME})?)"
                         r"(?:\s+(?:department|province|state|district|governorate|region|county|"
                         r"municipality|oblast))?(?=\s*(?:[.;)]|,|$))")
# "Rubizhne north-east of the city", "a village 20 km south of the town"
_OF_THE_CITY = re.compile(r"^[”\"’]?\s*,?\s*(?:(?:about|some|around)\s+)?(?:\d+\s*(?:km|kilomet\w+|miles)\s+)?"
                          r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+the\s+"
                          r"(?:city|town|capital)\b", re.IGNORECASE)
# "Pisochne, in Donetsk", "Mineralne near Donetsk", "Spartak, 5 km north of Donetsk", "X, Y region"
_BESIDE_PREP = (r"(?:in|near|outside|close to|on the outskirts of|(?:(?:about|some|around)\s+)?"
                r"(?:\d+\s*(?:km|kilomet\w+|miles)\s+)?(?:north|south|east|west)(?:-?(?:east|west))?"
                r"(?:ern)?\s+of)\s+(?:the\s+)?(?:(?:city|town|district|region|province)\s+of\s+)?")
_BESIDE = re.compile(rf"^[”\"’]?\s*(?:,\s*(?:{_BESIDE_PREP})?|\s+{_BESIDE_PREP})[A-Z]")
# what an institution is called ("X Hospital, in Y") is not a village that fell back to Y
_INSTITUTIONS = frozenset(("hospital", "hospitals", "university", "school", "mosque", "church",
                           "prison", "airport", "base", "stadium", "hotel", "market", "clinic",
                           "morgue", "ministry", "court", "embassy", "company", "bank"))
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "DAMASCUS, March 2 (Reuters) -", "Aleppo, 2 March (SANA) -", "Idlib, Syria —": where the
# reporter files from, not where the event happened
_DATELINE = re.compile(
    rf"^\s*(?:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?(?=\s*[,(—–-]))?"
    rf"(?:\s*,\s*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?)?"
    rf"\s*(?:\([^()]{{1,40}}\))?\s*[—–|-]{{1,2}}\s")
#: Rule ``place-speaks-for-its-government``: a place that says, accuses or denies ("Washington and
#: Paris say", "Moscow denied", "Ankara has warned") is its government speaking, not where anything
#: happened. Other names may be listed with it; the verb must follow at once.
_SPEAKS_AFTER = re.compile(r"^(?:\s*(?:,|and)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)*\s+"
                           r"(?:has\s+|have\s+|had\s+|also\s+|again\s+|later\s+)?"
                           r"(?:say|says|said|accuse[sd]?|den(?:y|ies|ied)|warn(?:s|ed)?|claim(?:s|ed)?|"
                           r"blame[sd]?|insist(?:s|ed)?|condemn(?:s|ed)?|believe[sd]?|argue[sd]?|urge[sd]?|"
                           r"demand(?:s|ed)?|reject(?:s|ed)?|vow(?:s|ed)?|threaten(?:s|ed)?|maintain(?:s|ed)?)\b")
#: Rule ``town-force-names-a-place``: a police department or sheriff's office is a town's or a
#: county's ("the York Police Department", "York City Police Department"): the name before it is a
#: place even where many places bear it (not "Capitol Police", "State Police": no department)
TOWN_FORCE = re.compile(r"\s+(?:City\s+|County\s+)?(?:Police\s+Department|Police\s+Dept\b|"
                         r"Sheriff['’]s\s+(?:Office|Department))", re.IGNORECASE)
# "X Hospital received the bodies", "according to X hospital": who counted, not where
_SOURCE_PLACES = frozenset(("hospital", "morgue", "clinic", "infirmary"))
_SOURCE_VERB_AFTER = re.compile(r"^[”\"’]?\s*(?:,\s*which\s+)?(?:\w+\s+)?(?:received|said|says|"
                                r"reported|confirmed|announced|recorded|counted|told|stated)\b",
                                re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:staff\s+(?:at|of)\s+(?:the\s+)?)?[“\"]?$",
                        re.IGNORECASE)
_PAREN = re.compile(r"^\s*\(([A-Z][^()]{1,79})\)")
_NAME = r"[A-Z][\w'’-]+(?:[ -](?:al-|el-|de |del )?[A-Z][\w'’-]+){0,3}"
# "the Biabanak area of Maywand district, Kandahar": the district and province it lies in
_OF_CONTAINER = re.compile(
    rf"^[”\"’]?\s+(?:area|village|locality|neighbou?rhood|hamlet|region|vicinity|outskirts)s?\s+"
    rf"(?:of|in)\s+(?:the\s+)?({_NAME})(?:\s+(?:district|province|county|LGA|region))?"
    rf"(?:\s*,\s*({_NAME}))?")

# "Mt. Juliet, Tenn.", "Reading, PA", "Gastonia, N.C.": a province abbreviated after a town
_ABBREV_HINT = re.compile(r"^\s*,\s*((?:[A-Z][a-z]{0,4}\.){1,2}|[A-Z]{2,3}\b)")
# "MT. JULIET, Tenn. (WKRN) --", "YORK, Pa. --", "ST. LOUIS (AP) --": a dateline in capitals
_CAPS_DATELINE = re.compile(r"^\s*([A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]*){0,3})(?=\s*[,(—–-])")


# "the Afghan capital", "Somalia's capital" (not "the capital of ...", which names it after)
_COUNTRY_CAPITAL = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(['’]s)?\s+capital\b(?!\s+(?:city\s+)?of\b)")

# "the Islamic State group's de facto Syrian capital", "its self-declared capital": a group's seat
_OTHER_CAPITAL = re.compile(r"(?:de\s+facto|self-[a-z]+|proclaimed|so-called|former|['’]s)\s+(?:the\s+)?$",
                            re.IGNORECASE)


@lru_cache(maxsize=1)
def _capitals() -> tuple[dict[str, str], dict[str, str]]:
    """(country name -> capital, demonym -> capital), lower case, from the countries table; a
    demonym form two countries share ("guinean") names no capital."""
    from .countries import country_demonyms, load_countries

    countries = load_countries()
    by_name = {n.lower(): ci.capital for ci in countries.values() if ci.capital
               for n in (ci.name, *ci.alt_names)}
    by_form: dict[str, str | None] = {}
    for cc, forms in country_demonyms().items():
        capital = countries[cc].capital if cc in countries else None
        for f in forms:
            by_form[f] = capital if f not in by_form or by_form[f] == capital else None
    return by_name, {f: c for f, c in by_form.items() if c}


def capital_named(word: str, *, possessive: bool) -> str | None:
    """The capital a country ("Somalia's capital") or demonym ("the Afghan capital") names."""
    by_name, by_form = _capitals()
    return (by_name if possessive else by_form).get(word.lower())


# "Birmingham, AL", "PITTSBURGH, PA -": a state's postal code ending the dateline or the title
_POSTAL_HINT = re.compile(r"^\s*,\s*([A-Z]{2})(?=\s*(?:$|[-–—(|:]))")

# "Southeast D.C.", "a D.C. police officer": the US capital's district written alone (after
# "Washington," it is the province of the town before it: the abbreviated-province rule)
_CAPITAL_DISTRICT = re.compile(r"(?<![\w.])(?<!Washington, )(?<!Washington )D\.C\.?(?![\w.])")


@dataclass
class SpanCandidate:
    start: int  # offsets into the sentence text
    end: int
    text: str
    explicit: bool = False  # a feature word or quotes say it is a place
    near: bool = False  # "near X", "west of X": an approximate location
    admin_word: bool = False  # "X province": the admin area, not its capital
    role: str = "event"  # event | source | hypothetical | dateline | residence | speaker
    locative: bool = False  # after in/near/at/of...: likely where something happened
    way: bool = False  # "X road", "the X bridge": named after X, somewhere else
    origin: bool = False  # "workers from X": where they came from
    partial: bool = False  # only part of a longer capitalised name matched
    hint: str = ""  # parenthesised context after the name: "(eThekwini, KwaZulu-Natal)"
    of_the_city: bool = False  # "X north-east of the city": X lies near the report's city
    beside: bool = False  # "in X, near Y", "in X, in Y", "in X, 10 km north of Y": X is placed by Y
    province_country: str = ""  # the country of an abbreviated province after it ("X, Tenn.")
    postal: str = ""  # the US state a postal code after it may name ("X, AL"): a check, not a container
    lead: str = ""  # words of its capitalised name before it, when it ends the name ("Edward ")
    shouted: bool = False  # its sentence is written in capitals: the capitals say nothing
    force: bool = False  # "X Police Department", "X Sheriff's Office": a town or county with its force


#: Words that end a venue's or a congregation's name, named after someone, something or a far
#: place: "the Boss NightClub", "Aladdin's Hookah Lounge", "Bethel Christian Fellowship" are no
#: towns "Boss", "Aladdin" or "Bethel" (the venue's own town is told beside it)
VENUE_WORDS = frozenset(("nightclub", "lounge", "bar", "pub", "restaurant", "cafe", "hotel", "motel",
                         "theater", "theatre", "store", "supermarket", "mall",
                         "church", "fellowship", "chapel", "ministries", "cathedral", "tabernacle",
                         "synagogue"))

#: Words that end an organisation's name: "the Azov Battalion", "Gafsa Phosphate Company"
ORG_WORDS = frozenset(("battalion", "brigade", "regiment", "division", "party", "company",
                        "militia", "forces", "army", "front", "movement", "corps", "council",
                        "university", "hospital", "union", "league", "club", "group", "bank",
                        "phosphate", "oil", "airlines", "tribe", "clan", "people", "peoples",
                        "government", "authorities", "administration", "police", "cartel")) | VENUE_WORDS


def is_organisation(text: str) -> bool:
    """"Peoples Protection Units", "National Defense Forces", "Military Court": an organisation
    named like a place, never a place of its own."""
    words = text.lower().replace("’", "'").split()
    if not words:
        return False
    last = words[-1].removesuffix("'s")
    # "Union Partys": a possessive whose apostrophe the copy lost
    return (last in ORG_WORDS or (last.endswith("ys") and last[:-2] + "y" in ORG_WORDS)
            or last in ("units", "forces", "court", "courts"))


def is_stop(text: str) -> bool:
    """Whether a capitalised span is a common word, title or acronym rather than a name."""
    if _ACRONYM.match(text.strip()):
        return True
    words = [w.lower().strip(".'’-") for w in re.split(r"[\s-]+", text) if w]
    words = [w for w in words if w not in ("al", "el", "ad", "ar", "as", "az", "ash", "at", "an")]
    if not words:
        return True
    return all(w in _STOP or w.isdigit() for w in words)


def _context(sentence: str, start: int, end: int, cand: SpanCandidate) -> SpanCandidate:
    before = sentence[max(0, start - 60):start]
    after = sentence[end:end + 90]
    last_word = cand.text.rsplit(None, 1)[-1].lower() if cand.text.strip() else ""
    after_words = after.lower().lstrip(" ”\"’'").split()
    if after_words and after_words[0].strip(",.;:?!)") in FEATURE_WORDS:
        cand.explicit = True
    cand.way = bool(after_words) and after_words[0].strip(",.;:?!)") in _WAYS
    if re.search(r"(?:district|neighbou?rhood|village|town|city|area|suburb|quarter|camp)s?"
                 r"(?: of)?\s+(?:the\s+)?[“\"]?$", before, re.IGNORECASE):
        cand.explicit = True
    if re.search(r"\b(?:control\s+(?:of|over)|captur(?:e|ed|ing)|recaptur\w*|seiz(?:e|ed|ing)|took|"
                 r"entered|storm(?:ed|ing)?|overr?an|advanced?\s+(?:in|into|on|towards?))\s+(?:the\s+)?[“\"]?$",
                 before, re.IGNORECASE):
        cand.explicit = True  # what is captured or entered is a place
    cand.near = bool(_NEAR.search(before))
    cand.locative = cand.near or (bool(_LOCATIVE.search(before)) and not _AIMED_AT.search(before))
    cand.origin = not cand.near and bool(re.search(r"\bfrom\s+(?:the\s+)?[“\"]?$", before))
    residence = bool(_RESIDENCE.search(before))
    if residence:
        # rule residence-not-scene: "Melvonte Peterson, 25, of Brooklyn Center" says where a
        # person lives, not where the event happened ("of" there is no locative)
        cand.origin, cand.locative = True, False
    cand.admin_word = bool(_ADMIN_WORDS.match(after.lstrip("”\"’")))
    cand.force = bool(TOWN_FORCE.match(after))
    cand.of_the_city = bool(_OF_THE_CITY.match(after))
    cand.beside = bool(_BESIDE.match(after)) and last_word not in _INSTITUTIONS
    if (_SOURCE.search(before) and not _HOSPITAL_HIT.search(before)) or _CARE.search(before) \
            or _SOURCE_AFTER.match(after) or (
            last_word in _SOURCE_PLACES and (_SOURCE_VERB_AFTER.match(after)
                                             or _ACCORDING.search(before))):
        cand.role = "source"
    elif not sentence[:start].strip() and _DATELINE.match(after):
        cand.role = "dateline"
    elif not (cand.locative or cand.explicit) and _SPEAKS_AFTER.match(after):
        cand.role = "speaker"
    elif _HYPO.search(before[-50:]):
        cand.role = "hypothetical"
    elif residence:
        cand.role = "residence"
    paren = _PAREN.match(after) or _PAREN.match(_KIND_WORDS.sub("", after, count=1))
    if paren and cand.role == "dateline":
        pass  # "DAMASCUS (Reuters) -", "ST. LOUIS (AP) -": the outlet, no container
    elif paren and _abbreviates(paren.group(1), sentence[:end]):
        pass  # "the Syrian Observatory for Human Rights (SOHR)": the name's initials, no place
    elif paren:
        cand.hint = paren.group(1)
        cand.explicit = True  # "Lumbishi (Kalehe, Sud-Kivu)": the brackets say it is a place
    elif (of := _OF_CONTAINER.match(after)) is not None:
        cand.hint = ", ".join(g for g in of.groups() if g)
    elif (abbr := _ABBREV_HINT.match(after)) is not None and expand(abbr.group(1)) is not None:
        cand.province_country, cand.hint = expand(abbr.group(1))  # type: ignore[misc]
    elif (code := _POSTAL_HINT.match(after)) is not None and code.group(1) in POSTAL:
        cand.postal = POSTAL[code.group(1)]  # "Birmingham, AL": checked against the readings
    else:
        comma = _COMMA_HINT.match(after)
        if comma:
            cand.hint = comma.group(1)
    return cand


_INITIALS_OF = frozenset(("of", "for", "and", "the", "in", "al", "el", "de"))


def _abbreviates(paren: str, before: str) -> bool:
    """Rule ``acronym-is-no-container``: brackets holding the initials of the name before them
    ("Syrian Observatory for Human Rights (SOHR)", "Syrian Democratic Forces (SDF)") abbreviate
    that name; they say nothing about where a place lies. So does a plural one ("Accredited Social
    Health Activists (ASHAs)")."""
    acronym = paren.strip()
    if re.fullmatch(r"[A-Z]{2,6}s", acronym):
        acronym = acronym[:-1]
    if not re.fullmatch(r"[A-Z]{2,6}", acronym):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", before)[-8:]
             if w.lower() not in _INITIALS_OF]
    initials = "".join(w[0].upper() for w in words)
    return any(initials[i:].startswith(acronym) and len(initials) - i == len(acronym)
               for i in range(len(initials)))


def find_spans(sentence: str) -> list[SpanCandidate]:
    """Candidate place spans of one sentence (offsets relative to ``sentence``), in order."""
    out: list[SpanCandidate] = []
    taken: list[tuple[int, int]] = []
    caps = _CAPS_DATELINE.match(sentence)
    if caps and sum(c.isalpha() for c in caps.group(1)) >= 3 \
            and _DATELINE.match(sentence[caps.end(1):]):
        # rule ``dateline-in-capitals``: "MT. JULIET, Tenn. (WKRN) --" names the town the report
        # is filed from; read it as the name it is ("Mt. Juliet"), not as acronyms
        text = caps.group(1).rstrip(".-'’ ")
        cand = SpanCandidate(start=caps.start(1), end=caps.start(1) + len(text),
                             text=_spelled_out(text.title()))
        out.append(_context(sentence, cand.start, cand.end, cand))
        taken.append((cand.start, cand.end))
    for m in _COUNTRY_CAPITAL.finditer(sentence):
        # rule ``country-capital``: "the Afghan capital", "Somalia's capital" name Kabul, Mogadishu
        capital = capital_named(m.group(1), possessive=bool(m.group(2)))
        if capital is None or any(a <= m.start(1) < b for a, b in taken) \
                or _OTHER_CAPITAL.search(sentence[max(0, m.start(1) - 40):m.start(1)]):
            continue  # "the group's de facto Syrian capital" is Raqqa, not Damascus
        cand = _context(sentence, m.start(1), m.end(),
                        SpanCandidate(start=m.start(1), end=m.end(), text=capital))
        cand.explicit = True
        out.append(cand)
        taken.append((m.start(1), m.end()))
    for m in _CAPITAL_DISTRICT.finditer(sentence):
        # rule ``capital-district``: "in Southeast D.C." names Washington by its district's initials
        cand = _context(sentence, m.start(), m.end(),
                        SpanCandidate(start=m.start(), end=m.end(), text="Washington"))
        cand.province_country, cand.hint = "United States", "District of Columbia"
        out.append(cand)
        taken.append((m.start(), m.end()))
    for m in _QUOTED.finditer(sentence):
        text = m.group(1).strip(" ,.;:")
        if not text or len(text.split()) > 6 or not (text[0].isupper() or text[0].isdigit()
                                                      or text[:3].lower() in ("al-", "el-")):
            continue
        start = m.start(1) + m.group(1).index(text)
        cand = SpanCandidate(start=start, end=start + len(text), text=text)
        out.append(_context(sentence, m.start(), m.end(), cand))
        taken.append((m.start(), m.end()))
    taken.extend(m.span() for m in _CREDIT.finditer(sentence))
    taken.extend(m.span(1) for m in ADDRESS_STREET.finditer(sentence))
    taken.extend(m.span() for m in ORDINAL_STREET.finditer(sentence))
    for regex in (_SEQ, _ARABIC_SEQ):
        for m in regex.finditer(sentence):
            if any(a <= m.start() < b for a, b in taken):
                continue
            text = _TRAILING_DAY.sub("", m.group(0)).rstrip(".-'’")
            if is_stop(text) or (len(text) < 3 and not text.isdigit()) or _BACKED.search(text):
                continue
            if regex is _SEQ and " " not in text and _DEMONYM.search(text) and text.endswith(
                    ("ian", "ians", "ese", "ish")):
                continue
            start = m.start()
            lead = _OPENING_PREPOSITION.match(text) if regex is _SEQ else None
            if lead:  # rule opening-preposition: "In Karachi, JI arranged ..." names Karachi, as "in Karachi" does
                start, text = start + lead.end(), text[lead.end():]
            cand = SpanCandidate(start=start, end=start + len(text), text=_spelled_out(text))
            cand = _context(sentence, cand.start, cand.end, cand)
            if lead and not (cand.origin or cand.near):
                cand.locative = True
            out.append(cand)
            taken.append((cand.start, cand.end))
    out.sort(key=lambda c: c.start)
    _abbreviated_provinces(sentence, out)
    if written_in_capitals(sentence):
        for cand in out:
            cand.shouted = cand.role != "dateline"
    return out



#: rule ``credit-is-no-place``: a photo or video credit names who took it and for which outlet
#: ("(Photo: Ryan Garza, Detroit Free Press)", "Photo: Jane Doe / Houston Chronicle", "(Metro
#: Video)", "Photo: Metro Video Image 5 of 11"), no place
_CREDIT = re.compile(r"\((?:(?:AP |File |Staff )?(?:Photos?|Images?|Video|Credit|Courtesy)\b)[^)]{0,120}\)|"
                     r"\((?:[A-Z][\w.'’-]*\s+){1,4}(?:Photos?|Videos?|Images?)\)|"
                     r"\b(?:Photos?|Images?|Credit)\s*:\s*(?:[A-Z][\w.'’-]*\s+){1,4}(?:/|,)\s*"
                     r"(?:[A-Z][\w.&'’-]*\s*){1,4}|"
                     r"\b(?:Photos?|Images?|Credit)\s*:\s*(?:[A-Z][\w.'’-]*[ \t]*){1,4}(?=$|\n|Image\b)")


#: rule ``address-is-no-place``: the name after "the 15400 block of" is a street of the town the
#: report is about ("on the 15400 block of Murray Hill on Detroit's west side"), never a town of
#: its own (Murray Hill, Kentucky), whether or not the copy writes "Street" after it
#: A word of it: a name, an ordinal, or an abbreviation with its point ("N.", "St. Clair"); a
#: longer word's point ends the sentence ("the 700 block of Tennessee. That's south of ...")
_ADDRESS_WORD = r"(?:[A-Z][a-z]{0,2}\.|[A-Z][\w'’-]*|\d+(?:st|nd|rd|th))"
ADDRESS_STREET = re.compile(rf"\b\d{{1,6}}\s+block\s+of\s+({_ADDRESS_WORD}(?:\s+{_ADDRESS_WORD}){{0,3}})")


#: "in Antioch Friday afternoon", "in Kentwood Saturday": the day after a name is no part of it
_TRAILING_DAY = re.compile(r"(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                           r"January|February|March|April|June|July|August|September|October|"
                           r"November|December))+$")


#: rule ``address-is-no-place`` too: a name before a numbered street ("near Beach 22nd Street",
#: "at Beach 40th Street and Dover Road") is the street's name, not a town
ORDINAL_STREET = re.compile(r"\b[A-Z][\w'’]*\s+\d+(?:st|nd|rd|th)\s+(?:Street|St|Avenue|Ave|Road|Rd|"
                            r"Drive|Dr|Lane|Ln|Way|Place|Pl|Court|Ct|Terrace|Boulevard|Blvd)\b")


_PREFIX = re.compile(r"^(Mt|Ft)\.\s+", re.IGNORECASE)


def _spelled_out(text: str) -> str:
    """"Mt. Juliet" -> "Mount Juliet", "Ft. Worth" -> "Fort Worth": as gazetteers write them
    ("St." stays: GeoNames writes "St. Louis" as often as "Saint ...")."""
    return _PREFIX.sub(lambda m: ("Mount " if m.group(1).lower() == "mt" else "Fort "), text)


def _abbreviated_provinces(sentence: str, spans: list[SpanCandidate]) -> None:
    """Rule ``abbreviated-province``: "Tenn" after "Mt. Juliet," is Tennessee, named as the
    province that places the town (and part of the dateline when the town is the dateline)."""
    for prev, cand in zip(spans, spans[1:]):
        full = expand(cand.text)
        if full is None or not re.fullmatch(r"\s*,\s*", sentence[prev.end:cand.start]):
            continue
        prev.province_country, cand.text = full
        cand.admin_word = True
        if prev.role == "dateline":
            cand.role = "dateline"
