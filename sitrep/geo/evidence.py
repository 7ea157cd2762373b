"""Whether a capitalised span is used as a place at all (issue 22, honest precision).

The gazetteer is searched with loose transliteration keys (:func:`~sitrep.geo.match.name_key`), so
that "Halab al-Jadideh" finds "New Aleppo"; the same looseness lets a caption word ("Video") or a
surname ("Johnson") meet a village of another name, and a person's surname meet a village of the
same name. Rules, each a piece of data with its name and reason, decide before a reading is
chosen and leave that reason on the mention (``Resolution.rejected``, written to the document's
notes by the stage):

- ``loose-key-needs-evidence``: a reading reached only through the loose key (its name is not the
  span after ordinary folding: case, accents, an article, a feature word) is kept only when the
  text says the span is a place ("in X", "X district", "X (Y, Z)", "X, Texas", "near X"), or
  it is a close spelling of a sizeable town or an admin area ("Raqqa" for "Ar Raqqah"). A span
  naming its kind ("Henry County") is never a place whose name is unlike it (a key collision,
  not a spelling of it).
- ``person-not-place``: a capitalised word the document uses as a person's name ("Officer X",
  "Robert X, 45,", "X said") is that person wherever the text gives no locative evidence for it
  (a name the text also says is a place, "in X", stays a place).
- ``street-name-not-place``: "Poplar Street", "Franklin Avenue": a name followed by a street word
  inside one capitalised name names the street (somewhere in the report's town), not a town
  called Poplar; the street word itself is no place either.
- ``places-lie-together`` (a scoring term, :func:`shared_province`): homonyms are read in the one
  province where most of the names the text says are places can be read.
- ``word-not-name``: an English word capitalised only because it begins its sentence ("Day 2.",
  "Forest officials and tribals clashed") is read only as a notable place spelt as written, unless
  the sentence says it is a place.
- ``small-homonym-needs-support``: a village or small town read without locative evidence is not
  chosen when no other place of the document lies in its province or within 150 km of it (the
  report is about somewhere else, or the word is not a place).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lang.en.truecase import NOTABLE_POPULATION
from .context import haversine_km
from .gazetteer import PRIORITY_IMPORT, PlaceRecord
from .match import FEATURE_WORDS
from .spans import ADMIN_KIND_WORDS, ORG_WORDS, is_stop

if TYPE_CHECKING:
    from .resolve import Resolution
    from .spans import SpanCandidate

__all__ = ["POSSESSIVE_END", "RULES", "aged_name", "agent_name", "body_word", "english_word_readings", "has_evidence", "names_a_district", "person_words", "reject_loose", "reject_persons",
           "reject_unsupported", "shared_province", "street_name", "surname", "surnames",
           "written_as"]

#: Rule name -> the principle it states (written with each decision).
RULES = {
    "loose-key-needs-evidence": "matched only through the loose name key and nothing in the text "
                                "says it is a place",
    "person-not-place": "the document uses this word as a person's name and gives no locative "
                        "evidence here",
    "street-name-not-place": "a word of a street's name (\"X Street\", \"Y Avenue\") names the "
                             "street, not a place called X",
    "surname-not-place": "the last word of a capitalised name whose other words name no place "
                         "(\"Edward Tillman\") is a person's surname",
    "agent-not-place": "the sentence makes the name the doer of a person's or an animal's act "
                       "(\"Turbo followed them\", \"Cathy Lanier said\")",
    "aged-name-not-place": "a full name followed by an age (\"Juzahris Quintez Webb, 17\") or by "
                           "its kin or role (\"Lashea Jones, the mother of\") is a person, whatever "
                           "word before it reads as a locative",
    "small-homonym-needs-support": "a small place read without locative evidence, and no other "
                                   "place of the document lies near it",
    "surname-elsewhere-not-place": "the document writes this word as the surname of a full name "
                                   "elsewhere (\"Mike Smith ... Smith\") and gives no locative "
                                   "evidence here",
    "word-not-name": "an English word capitalised only because it begins its sentence (\"Day 2.\", "
                     "\"Forest officials\") names no small place; only a notable place spelt as "
                     "written",
}

_SMALL = 50_000  # population under which a place needs support to be read without evidence
_SUPPORT_KM = 150.0
_MINOR = 20  # a namesake this many times smaller than the name's main town: a minor reading
_SPELLED = 20_000  # a place this big is named in several spellings ("Raqqa", "Raqa", "Ar Raqqah")
_AREAS = ("admin1", "country")
_PLAIN = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^(?:the|al|el|ad|ar|as|at|az|ash|an|la|le|les|los|las)\s+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}


@lru_cache(maxsize=1 << 16)  # record names recur across mentions and documents
def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = re.sub(r"[’']s$", "", folded)
    words = [w for w in _PLAIN.sub(" ", folded).split() if w not in FEATURE_WORDS]
    words = [_ABBREVIATIONS.get(w, w) for w in words]
    return _ARTICLE.sub("", " ".join(words)).replace(" ", "")


def written_as(text: str, rec: PlaceRecord) -> bool:
    """Whether ``rec``'s own name (or an alternate name it carries) is ``text`` after ordinary
    folding: case, accents, punctuation, an article, a feature word ("X district")."""
    written = _plain(text)
    if not written:
        return False
    return any(_plain(n) == written for n in (rec.name, *rec.alt_names))


#: ", 17," / ", 17." / ", 17, was": an age right after a name; stricter than :data:`_AGED`, which
#: also reads an age before "were" or "of", as a count can ("in Maple Heights, 12 were hurt")
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*(?:,|\.(?:\s|$)|\)|;|\s+(?:was|who|is|and)\b)")


#: Nouns of a person's kin or counsel (rule ``aged-name-not-place`` and :data:`_KIN`)
_KIN_WORDS = (r"mother|father|son|daughter|brother|sister|wife|husband|uncle|aunt|cousin|nephew|niece|"
              r"grandmother|grandfather|girlfriend|boyfriend|fianc[eé]e?|friend|lawyer|attorney")
#: ", the mother of", ", a spokesman for": a noun naming a person's kin or role in apposition
_ROLE_AFTER = re.compile(rf",\s+(?:the|a|an|his|her|their)\s+(?:\w+\s+)?(?:{_KIN_WORDS}|neighbou?r|"
                         r"spokes(?:man|woman|person)|suspect|victim|gunman|shooter|pastor|owner)\b")


def aged_name(span: SpanCandidate, sentence: str) -> bool:
    """Rule ``aged-name-not-place``: a full name (two capitalised words or more) followed by an
    age ("the shooting death of Juzahris Quintez Webb, 17") or by a noun naming a person's kin or
    role ("the cheek of Lashea Jones, the mother of ...") is a person, whatever word before it
    ("of") might read as a locative: places have no age and no mother."""
    words = [w for w in span.text.split() if w[:1].isupper()]
    after = sentence[span.end:span.end + 40]
    return len(words) >= 2 and bool(_AGE_AFTER.match(after[:12]) or _ROLE_AFTER.match(after))


#: rule ``agent-not-place``: a verb of a person's or an animal's own act right after a name
_AGENT_AFTER = re.compile(r"[”\"’']?\s+(?:followed|chased|apprehend(?:ed|s)|bit|grabbed|tackled|caught|"
                          r"pulled|pointed|fled|ran|jumped|told|testified|recalled|tried|shot|fired)\b")
#: a speech verb after a full name ("Cathy Lanier said"); after a lone name it may be a town's
#: officials speaking ("Memphis said nothing"), which keeps the name a place
_SAID_AFTER = re.compile(r"[”\"’']?,?\s+(?:said|says)\b")


def agent_name(span: SpanCandidate, sentence: str) -> bool:
    """Rule ``agent-not-place``: a name the sentence makes the doer of a person's or an animal's
    act ("K-9 "Turbo" followed them", "Turbo took down ...", "Jackson testified", and a full
    name that "said": "Chief Cathy Lanier said") is no place,
    unless the text says it is one (a locative word before it, a feature word after it)."""
    if span.locative or span.near or span.explicit:
        return False
    after = sentence[span.end:span.end + 30]
    full = bool(span.lead) or len(span.text.split()) >= 2
    return bool(_AGENT_AFTER.match(after) or (full and _SAID_AFTER.match(after)))


_OPENING = " \t\"'“‘([-–—"
_THE_END = re.compile(r"(?:^|\s)the$", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r"\s*(?:of\s+)?[A-Z]")


def _the_word(before: str, after: str) -> bool:
    """Rule ``the-word-not-name``: a capitalised English word after "the" that no other name word
    follows ("the Congress", "the Capital") names an institution or a feature, as the sentence's
    first word does: "the Congress" is no village of Arizona."""
    return bool(_THE_END.search(before)) and not _NAME_GOES_ON.match(after)


def english_word_readings(part: SpanCandidate, sentence: str, records: Sequence[PlaceRecord],
                          common: Callable[[str], bool]) -> list[PlaceRecord]:
    """Rule ``word-not-name``: the readings left to a one-word span that is an English word
    (``common``: spaCy's lexicon of lemmas and function words) written with a capital only
    because it begins its sentence ("Day 2.", "Forest officials and tribals clashed", "More than
    40 employees"), whether or not more capitalised words follow it ("Forest Department officials").
    The capital says nothing there, so only a notable place spelt as written stays
    a reading ("Mobile police said": Mobile, Alabama), unless the sentence says the word is a place
    (a feature word, a container or a bracket after it, "X, near Y"). The same for such a word
    after "the" that no other name word follows (rule ``the-word-not-name``: "The Congress
    workers", "a rally in the Capital").

    Measured and not kept: the same for one word of a longer capitalised name ("the Professional
    Examination Board", "International Human Rights Day"): fewer foreign hamlets in South Asian
    notes, but US local news loses place readings it needed (GVA place within 25 km 0.901 -> 0.873
    on the development part)."""
    words = part.text.split()
    the = len(words) == 2 and words[0].lower() == "the"  # "The Congress": the article read with it
    if (len(words) != 1 and not the) or not records:
        return list(records)
    word = POSSESSIVE_END.sub("", words[-1]).strip(".,;:").lower()
    before = sentence[:part.start].strip(_OPENING) + (" the" if the else "")
    if not word or not common(word) or (before and not _the_word(before, sentence[part.end:])):
        return list(records)
    if part.explicit or part.hint or part.beside or part.admin_word or part.near:
        return list(records)
    return [r for r in records if written_as(part.text, r)
            and (r.population >= NOTABLE_POPULATION or r.kind in _AREAS or r.priority >= PRIORITY_IMPORT)]


#: A possessive ending ("Aleppo's"), dropped before a word is looked up.
POSSESSIVE_END = re.compile(r"[’']s$")


def has_evidence(m: Resolution) -> bool:
    """Whether the text says the span is a place: a locative word before it, a feature word, a
    container or comma hint after it, "X province", "X, near Y", "north of the city"."""
    s = m.span
    return bool(s.locative or s.explicit or s.near or s.hint or s.admin_word or s.beside
                or s.of_the_city or m.containers is not None)


#: The kind words that end a district's name inside the span ("DeKalb County", "Camden Borough")
_DISTRICT_WORDS = frozenset((*ADMIN_KIND_WORDS, "borough", "district"))


def names_a_district(span: SpanCandidate) -> bool:
    """Whether the text names an administrative area here: "DeKalb County", "Wayne County
    deputies", "Idlib province" (the kind word ends the name or follows it)."""
    words = span.text.lower().split()
    return span.admin_word or (len(words) > 1 and words[-1].strip(".,") in _DISTRICT_WORDS)


def _kind_in_span(text: str) -> bool:
    words = text.lower().split()
    return len(words) > 1 and words[-1].strip(".,") in FEATURE_WORDS


def _similar(text: str, rec: PlaceRecord) -> bool:
    """A close spelling of one of the record's names, or the first words of one ("Acapulco" for
    "Acapulco de Juárez")."""
    from rapidfuzz import fuzz

    a = _plain(text)
    return any(fuzz.ratio(a, _plain(n)) >= 75 or (len(a) >= 4 and _plain(n).startswith(a)
                                                     and _plain(n)[len(a):len(a) + 2] in ("de", "di", "el", "al"))
               for n in (rec.name, *rec.alt_names))


def reject_loose(m: Resolution) -> None:
    """Rule ``loose-key-needs-evidence`` on one mention (before its reading is chosen)."""
    if not m.candidates:
        return
    evidence = has_evidence(m) and len(_plain(m.span.text)) >= 3  # "D." of "D.C." is no name
    kept = []
    for rec, quality in m.candidates:
        if written_as(m.span.text, rec) or rec.priority >= PRIORITY_IMPORT:
            kept.append((rec, quality))  # its own name, or a place the user imported
        elif m.span.shouted:
            continue  # "FROM THE SCENE" in a transcript in capitals: any loose key meets a village
        elif evidence and not (_kind_in_span(m.span.text) and not _similar(m.span.text, rec)):
            kept.append((rec, quality))
        elif len(_plain(m.span.text)) >= 4 and _similar(m.span.text, rec) \
                and (rec.population >= _SPELLED or rec.kind in _AREAS):
            kept.append((rec, quality))  # "Raqqa" for "Ar Raqqah": a town's other spelling
    if not kept:
        m.rejected = "loose-key-needs-evidence"
    m.candidates = kept


_STREET_WORDS = frozenset(("street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd",
                           "drive", "lane", "ln", "court", "ct", "place", "pl", "highway", "hwy",
                           "parkway", "pkwy", "terrace", "trail", "pike", "expressway",
                           "freeway", "alley"))


def street_name(span: SpanCandidate, part: SpanCandidate) -> bool:
    """Rule ``street-name-not-place``: whether ``part`` (a piece of the capitalised ``span``) is
    the name of a street: followed somewhere inside the span by a street word, or a street word
    itself."""
    words = part.text.lower().strip(".,").split()
    if words and words[-1].strip(".") in _STREET_WORDS:
        return True
    rest = span.text[part.end - span.start:].lower().split()
    # "Davis Corner Road": every word of the name before the street word names the street
    return any(w.strip(".,;:") in _STREET_WORDS for w in rest)


#: Words that may stand before a place inside one capitalised name: a direction or part
#: ("North Minneapolis", "Downtown Dallas", "Rural Damascus"), the first word of a place's own
#: name ("Mount", "Port", "Kafr", "Sheikh"); any other name-like word makes the name a person's
#: ("Edward Tillman") or an institution's.
_LEADING = frozenset((
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast",
    "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "central", "downtown", "uptown", "midtown", "greater", "metro", "rural",
    "upper", "lower", "inner", "outer", "old", "new", "mount", "fort", "port", "saint", "st",
    "san", "santa", "santo", "lake", "cape", "point", "kafr", "deir", "tal", "tell", "beit",
    "ain", "bir", "wadi", "jebel", "jabal", "khan", "sheikh", "bab", "ras", "jisr", "umm",
    "abu", "bani", "beni", "qasr", "hayy", "hay", "mazraat", "tel", "kfar", "ein", "nahr"))


def surname(part: SpanCandidate) -> bool:
    """Rule ``surname-not-place``: whether ``part``, the end of a longer capitalised name, is a
    person's surname: the capitalised words before it in that name (``part.lead``: "Edward" of
    "Edward Tillman", "Officer John" of "Officer John Smith") hold a name-like word that is
    neither a direction nor the first word of a place's name, and nothing says the whole name
    is a place ("in Colonia Agricola Pantitlan", "the village of Majdel Aanjar")."""
    if part.locative or part.near or part.explicit:
        return False
    words = part.lead.split()
    if any(not w[:1].isupper() for w in words):
        return False  # "Malakhyano of Arghandab", "Ciudad de Mexico": a place of a place
    if any(body_word(w) for w in words):
        return False  # "Youth Organisations Nepal", "Student Federation Bangladesh": a body's name, no person's
    for word in words:
        w = word.strip(".,;:'’\"“”()")
        if len(w) < 2 or not w[0].isupper() or w.isupper() or "-" in w or not w.isalpha():
            continue  # "Regime-held Aleppo", "ISIS": no given name
        if w.lower() in _LEADING or w.lower() in FEATURE_WORDS or is_stop(w):
            continue
        return True
    return False


#: Words of a body's name: the spans' ORG_WORDS and these; a name holding one is no person's
_BODY_WORDS = ORG_WORDS | frozenset((
    "association", "organisation", "organization", "federation", "committee", "alliance", "coalition", "society",
    "foundation", "institute", "ministry", "department", "agency", "commission", "network", "forum", "assembly",
    "congress", "parishad", "sangh", "samiti", "sabha", "mahasabha", "manch", "morcha", "dal", "tehrik", "jamaat"))


def body_word(word: str) -> bool:
    """Whether ``word`` names a kind of body (a party, union, association, committee ...), in the
    singular or the plural."""
    w = word.strip(".,;:'’\"“”()").lower()
    return w in _BODY_WORDS or (w.endswith("s") and w[:-1] in _BODY_WORDS)


# "Officer X", "Sgt. X Y", "Mayor X Y": a title before a name
_TITLES = (r"(?:Officer|Officers|Sgt|Sergeant|Detective|Det|Deputy|Sheriff|Chief|Mayor|Lt|"
           r"Lieutenant|Capt|Captain|Cpl|Corporal|Trooper|Agent|Judge|Attorney|Prosecutor|"
           r"Mr|Mrs|Ms|Miss|Dr|Rev|Reverend|Pastor|Coach|Sen|Senator|Rep|Gov|Governor|"
           r"Councilman|Councilwoman|Alderman|Ald|Commissioner|Superintendent|Principal|"
           r"President|Minister|General|Gen|Colonel|Col|Major|Maj|Private|Pvt|Spokesman|"
           r"Spokeswoman|Spokesperson)\.?")
_NAME = r"[A-Z][a-z][\w'’-]*"
_FULL = rf"{_NAME}(?:\s+(?:[A-Z]\.\s+)?{_NAME}){{0,2}}"
_TITLED = re.compile(rf"\b{_TITLES}\s+({_FULL})")
# "Robert Smith, 45," / "Smith, 45; ...": a name with an age
_AGED = re.compile(rf"(?<![\w'’])({_FULL}),\s+\d{{1,3}}(?=\s*[,;.)]|\s+(?:and|of|who|was|were|is)\b)")
# "Smith's girlfriend", "Malone's death": a person's kin, body or fate
_KIN = re.compile(rf"(?<![\w'’])({_FULL})['’]s?\s+(?:\w+\s+)?(?:{_KIN_WORDS}|mom|dad|grandson|"
                  r"granddaughter|killers?)\b")
# "Smith was struck", "Sims and Davis were arrested": what happens to people, not to places
_SUFFERED = re.compile(rf"(?<![\w'’.])({_FULL})\s+(?:was|were|had been|has been)\s+(?:fatally\s+)?"
                       r"(?:shot|struck|killed|arrested|charged|booked|pronounced|wounded|"
                       r"jailed|sentenced|convicted|indicted|hospitali[sz]ed|taken into custody)\b")
# "killed Smith", "arrested Kenneth Anderson", "the murder of Alexis Malone"
_VICTIM = re.compile(rf"\b(?:shot|killed|murdered|arrested|charged|booked|identified|named|"
                     rf"murder of|death of|killing of|shooting of)\s+(?:as\s+)?({_FULL})")
# "Smith said", "Jane Doe told reporters": a speaker (a one-word sequence or the last of a name)
_SPEAKER = re.compile(rf"(?<![\w'’.])({_NAME}(?:\s+{_NAME})?)\s+(?:said|says|told|added|explained|testified|"
                      r"recalled|wrote|pleaded|admitted|confessed)\b")
#: Last words of a speaker that is a body, not a person ("Dallas Police said")
_PLACE_LEAD = frozenset(("in", "at", "of", "on", "to", "by", "from", "the", "and", "near",
                         "including", "outside", "into"))
_BODIES = frozenset(("police", "department", "office", "officials", "authorities", "county",
                     "city", "news", "post", "times", "tribune", "herald", "sheriff", "services",
                     "service", "center", "hospital", "company", "council", "court", "station",
                     "agency", "bureau", "patrol", "fire", "rescue", "school", "schools",
                     "district", "university", "college", "church", "family", "families",
                     "government", "state", "statement", "report", "reports", "records",
                     "documents", "investigators", "detectives", "prosecutors", "deputies",
                     "officers", "troopers", "witnesses", "neighbors", "neighbours", "residents",
                     "relatives", "friends", "sources", "media", "command", "centre",
                     "today", "tv", "channel", "radio", "monitor", "observatory",
                     "forces", "army", "ministry", "observatory", "agency", "group", "rebels"))


def person_words(texts: Sequence[str]) -> set[str]:
    """Lower-case words the document uses as a person's given name or surname."""
    words: set[str] = set()
    for text in texts:
        for regex in (_TITLED, _AGED, _SPEAKER, _KIN, _SUFFERED, _VICTIM):
            for m in regex.finditer(text):
                name = m.group(1).split()
                if name[-1].lower().strip(".,") in _BODIES:
                    continue
                before = text[max(0, m.start() - 12):m.start()].split()
                if regex is _SPEAKER and before and before[-1].lower() in _PLACE_LEAD:
                    continue  # "a reporter in X said": X is where, not who
                words.update(w.lower().strip(".,") for w in name)
    return words


def surnames(res: Sequence[Resolution]) -> set[str]:
    """Lower-case words the document writes as the last word of a person's full name (the parts
    rule ``surname-not-place`` rejected: "Mike Smith")."""
    return {w.lower().strip(".,’'") for m in res if m.rejected == "surname-not-place"
            for w in m.span.text.split()}


def _possessive(m: Resolution, texts: Sequence[str]) -> bool:
    """"the mother of Smith's child": the name is followed by a possessive, so the word before
    it governs what the name owns, not the name (no locative statement about it)."""
    if not 0 <= m.sentence_index < len(texts):
        return False
    after = texts[m.sentence_index][m.span.end:m.span.end + 2]
    return after in ("'s", "’s") or m.span.text.endswith(("'s", "’s"))


def reject_persons(res: Sequence[Resolution], persons: set[str],
                   family: AbstractSet[str] = frozenset(), texts: Sequence[str] = ()) -> None:
    """Rule ``person-not-place``: drop the readings of a mention whose words are all a person's
    name in this document, unless this mention has locative evidence ("in Johnson, Kansas").
    Rule ``surname-elsewhere-not-place``: the same for a word the document writes elsewhere as
    the surname of a full name (``family``, :func:`surnames`): "Mike Smith ... Smith arrived"."""
    named = persons
    persons = persons | set(family)
    if not persons:
        return
    placed = {m.key for m in res if has_evidence(m) and m.candidates  # "in X" elsewhere: a place
              and not (m.span.locative and not m.span.explicit and _possessive(m, texts))}
    for m in res:
        if m.key in placed:
            continue
        words = [w.lower().strip(".,’'") for w in m.span.text.split()]
        words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
        if m.candidates and words and all(w in persons for w in words) and not has_evidence(m) \
                and not any(r.kind == "country" for r, _ in m.candidates):
            m.candidates = []
            m.rejected = "person-not-place" if all(w in named for w in words) \
                else "surname-elsewhere-not-place"


def reject_unsupported(res: Sequence[Resolution]) -> None:
    """Rule ``small-homonym-needs-support``, on the readings already chosen."""
    anchors = [m.record for m in res if m.record is not None and m.record.kind != "country"
               and m.span.role == "event" and (has_evidence(m) or m.record.population >= _SMALL
                                               or m.record.kind in ("admin1", "admin2"))]
    for m in res:
        rec = m.record
        # rule town-force-names-a-place: "the York Police Department" is a town's force
        if rec is None or has_evidence(m) or m.span.force or m.fallback_from is not None \
                or rec.kind not in ("village", "town", "city", "neighbourhood") \
                or rec.population >= _SMALL or rec.priority >= PRIORITY_IMPORT \
                or m.homonyms < 2:  # the only place of that name: nothing to mistake it for
            continue
        if any(a.uid != rec.uid and _near(rec, a) for a in anchors):
            continue
        if any(o is not m and o.record is not None and o.record.uid == rec.uid and has_evidence(o)
               for o in res):
            continue
        m.record = None
        m.rejected = "small-homonym-needs-support"


def _near(rec: PlaceRecord, other: PlaceRecord) -> bool:
    if rec.cc != other.cc:
        return False
    if other.kind == "admin1":
        return bool(rec.admin1) and rec.admin1 == (other.admin1 or other.name)
    if rec.admin1 and rec.admin1 == other.admin1:
        return True
    return haversine_km(rec, other) <= _SUPPORT_KM


def shared_province(mentions: Sequence[Resolution], focus: str | None) -> tuple[str, str] | None:
    """Rule ``places-lie-together``: the province (country, admin1) in which more of the
    document's distinct names said to be places (with locative evidence, or the dateline)
    can be read than in any other, when at least two can; homonyms are
    then read there ("Montgomery" with "Aurora" is Illinois, "Jacksonville" with "Onslow County"
    North Carolina). None when no province stands out."""
    votes: Counter[tuple[str, str]] = Counter()
    size: Counter[tuple[str, str]] = Counter()
    seen: set[str] = set()
    for m in mentions:
        if _plain(m.span.text) in seen or not m.candidates \
                or not (has_evidence(m) or m.span.role == "dateline"):
            continue
        seen.add(_plain(m.span.text))  # "Dallas" and "the Dallas area" are one name
        # only readings under the name the text wrote: a loose-key namesake ("Penn" for a
        # village called otherwise) says nothing about where the story lies
        # nor does a hamlet a twentieth the size of the name's main town ("Lowell" is the
        # city of 110,000, not a village of 3,000 that shares a province with another word)
        own = [r for r, _ in m.candidates if r.cc and r.kind != "country"
               and (focus is None or r.cc == focus) and written_as(m.span.text, r)]
        top = max((r.population for r in own), default=0)
        found: dict[tuple[str, str], int] = {}
        for r in own:
            p = (r.cc or "", r.admin1 or (r.name if r.kind == "admin1" else ""))
            # a county only where the text names one ("Wayne County"; "Dallas" is the city)
            county = r.kind in ("admin2", "admin3")
            if p[1] and (m.span.admin_word if county else
                         r.population * _MINOR >= top or r.kind == "admin1"):
                found[p] = max(found.get(p, 0), r.population)
        votes.update(found.keys())
        size.update(found)
    ranked = sorted(votes.items(), key=lambda kv: (kv[1], size[kv[0]]), reverse=True)[:2]
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        # rule places-lie-together, tie: the province whose readings are the bigger towns
        # (Aurora and Montgomery are both in Illinois and in Texas; Illinois' are the towns
        # a report names), unless that is no clear difference
        if size[ranked[0][0]] < 2 * size[ranked[1][0]]:
            return None
    return ranked[0][0]
