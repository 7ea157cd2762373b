"""English written in capitals read in ordinary case (rule ``capitals-read-as-written``).

Wire services, broadcast monitors (FBIS), telex archives and headlines write whole stories in
capitals. Every reader of sitrep takes a capital for the sign of a name, so such a story is all
names: "CONCERNING THE CREATION OF THE TWO MOVEMENTS" becomes a place and every village homonym
abroad a candidate. A careful reader restores the case first. The case of each word comes from
what is known of it, in this order:

1. the report's own words written in ordinary case elsewhere (a headline in capitals over a body
   that is not);
2. names the knowledge base writes with capitals (actors, countries, demonyms), whole phrases
   first ("SHINING PATH" -> "Shining Path");
3. places the gazetteer knows by that many words, spelt as written ("NEW YORK", "SAN SALVADOR",
   "WEST GARFIELD PARK"), unless English writes them as a phrase of its own ("DE FACTO");
4. English words (spaCy's lexicon of lemmas, with its inflection rules): lower case, unless a
   noun is also a notable place ("LIMA", "PARIS"); function words always lower case; month names
   only next to a day or a date word ("ON 6 AUGUST", not "THE MARCH ON THE CAPITAL");
5. any other word is a name: an initialism when short ("FMLN", "MRTA", "PN"), else a capital and
   lower case ("ZURITA").

A phrase English writes as words ("DE FACTO", "AIR STRIKE") stays lower case unless it names a
notable place. Each sentence then begins with a capital. Letters keep their place: the text read has the same
length as the text given, so offsets still point into the stored document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["CaseLexicon", "NOTABLE_POPULATION", "capitalised_names", "case_lexicon", "common_word",
           "lexicon_from_lookups", "truecase"]

#: A place this populous (or a country or a province) is a name even where its words are English.
NOTABLE_POPULATION = 50_000
#: Longest phrase looked up as one name.
_MAX_PHRASE = 4
#: An unknown word this short, or without a vowel, is an initialism ("PN", "FMLN").
_INITIALISM = 4

_WORD = re.compile(r"(?<![\w'’])[^\W\d_](?:[\w'’.\-]*[^\W_])?")
_CONNECTORS = frozenset(("of", "de", "del", "la", "le", "al", "el", "y", "and", "the", "da", "do", "dos", "du",
                         "des", "bin", "ibn", "ash", "ad", "ar", "as", "az"))
_MONTHS = frozenset(("january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec"))
_DAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
#: How English words begin with two consonants; other pairs begin an initialism ("MR" of "MRTA").
_ONSETS = frozenset("bl br ch cl cr dr fl fr gl gr kn ph pl pr qu sc sh sk sl sm sn sp st sw th tr tw wh wr".split())
_MONTH_BEFORE = frozenset(("in", "on", "of", "since", "until", "till", "by", "early", "late", "mid", "last",
                           "next", "this", "from", "to", "through", "during", "before", "after", "between"))
_FIRST_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_START = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?([^\W\d_])")
_INITIALS_BEFORE = re.compile(r"(?:\b\w\.){2,}[\"'”’)]*\s+[\"'“‘(]?$")  # "u.s. raids" goes on


@dataclass(frozen=True)
class CaseLexicon:
    """What the truecaser knows of words: English lemmas by part of speech with the inflection
    rules that reach them, function words, and names written with capitals (folded -> as written)."""

    lemmas: Mapping[str, frozenset[str]]  # "noun" | "verb" | "adj" | "adv" -> lemmas
    rules: Mapping[str, tuple[tuple[str, str], ...]]  # part of speech -> (suffix, replacement)
    exceptions: Mapping[str, Mapping[str, tuple[str, ...]]]  # part of speech -> form -> lemmas
    function_words: frozenset[str]
    names: Mapping[str, str] = field(default_factory=dict)
    phrases: frozenset[str] = frozenset()  # English phrases of several words ("de facto")

    def parts_of_speech(self, word: str) -> set[str]:
        """The parts of speech ``word`` (lower case) has as an English word, inflected or not."""
        found = set()
        for pos, lemmas in self.lemmas.items():
            if word in lemmas:
                found.add(pos)
                continue
            if word in self.exceptions.get(pos, {}):
                found.add(pos)
                continue
            for suffix, repl in self.rules.get(pos, ()):
                if word.endswith(suffix) and len(word) > len(suffix) + 1 \
                        and word[:len(word) - len(suffix)] + repl in lemmas:
                    found.add(pos)
                    break
        return found


def _recase(chars: list[str], start: int, written: str) -> None:
    """Set the case of ``chars[start:start + len(written)]`` as ``written`` has it (letters only)."""
    for k, c in enumerate(written):
        at = start + k
        if at < len(chars) and chars[at].lower() == c.lower() and len(c) == 1:
            chars[at] = c


def _title(chars: list[str], start: int, word: str) -> None:
    """A name's case: a capital after each break of the word ("AL-NUSRA" -> "Al-Nusra")."""
    up = True
    for k, c in enumerate(word):
        if c.isalpha():
            if up and len(c.upper()) == 1:
                chars[start + k] = c.upper()
            up = False
        else:
            up = c in "-."


def _upper(chars: list[str], start: int, word: str) -> None:
    for k, c in enumerate(word):
        if len(c.upper()) == 1:
            chars[start + k] = c.upper()


def _month(words: list[tuple[int, str]], i: int) -> bool:
    """A month name used as one: next to a day number, a year or a date word."""
    before = words[i - 1][1].lower() if i else ""
    after = words[i + 1][1] if i + 1 < len(words) else ""
    return before in _MONTH_BEFORE or before.isdigit() or after[:1].isdigit()


def truecase(text: str, lexicon: CaseLexicon, *, place: Callable[[str], int],
             own: Mapping[str, str] | None = None, spans: Iterable[tuple[int, int]] | None = None,
             sentence_starts: bool = False) -> str:
    """``text`` with the regions ``spans`` (default: all of it) read in ordinary case.

    ``place(phrase)``: 2 when the gazetteer knows a notable place by that name, 1 any place, else
    0; ``own``: the
    report's own words as it writes them in ordinary case (folded -> as written)."""
    chars = list(text)
    own = own or {}
    for start, end in (spans if spans is not None else [(0, len(text))]):
        region = text[start:end]
        for k, c in enumerate(region):
            if len(c.lower()) == 1:
                chars[start + k] = c.lower()
        words = [(m.start() + start, m.group(0)) for m in _WORD.finditer(region)]
        i = 0
        while i < len(words):
            i += _case_at(chars, text, words, i, lexicon, place, own)
        starts = [m.start() for m in _FIRST_LETTER.finditer(region)][:1]
        if sentence_starts:  # a text in lower case: its sentences were never told apart
            starts += [m.start(1) for m in _SENTENCE_START.finditer(region)
                       if not _INITIALS_BEFORE.search(region, 0, m.start(1))]
        for at in starts:
            if len(chars[start + at].upper()) == 1:
                chars[start + at] = chars[start + at].upper()
    return "".join(chars)


def _joined(text: str, words: list[tuple[int, str]], i: int, n: int) -> str | None:
    """Words ``i .. i+n-1`` as one phrase (lower case, single spaces) when only a space or a
    hyphen parts each from the next."""
    parts = [words[i][1]]
    for j in range(i + 1, i + n):
        prev_end = words[j - 1][0] + len(words[j - 1][1])
        gap = text[prev_end:words[j][0]]
        if gap not in (" ", "-", "\n"):
            return None
        parts.append(words[j][1])
    return " ".join(parts).lower()


def _initialism(word: str) -> bool:
    """A short word no English or transliterated name is spelt like: "FMLN", "MRTA", "URNG", "PN"."""
    letters = "".join(c for c in word if c.isalpha())
    vowels = sum(c in "aeiouy" for c in letters)
    if vowels == 0:
        return True
    if len(letters) <= 3:
        return vowels == 1 and letters[0] not in "aeiouy" and letters[1] not in "aeiouy"  # "NPA", not "BAB"
    if len(letters) > 5:
        return False
    two_consonants = letters[0] not in "aeiouy" and letters[1] not in "aeiouy" and letters[:2] not in _ONSETS
    lone_first_vowel = letters[0] in "aeiou" and vowels == 1  # "URNG", "ELN"
    return two_consonants or lone_first_vowel


def _acronym_form(written: str) -> bool:
    """A name the knowledge base writes with two capitals or more ("TIP", "LeT", "JeM"): an
    acronym, not a word ("Hamas", "Taliban")."""
    return sum(c.isupper() for c in written) >= 2


def _no_place(phrase: str) -> int:
    return 0


def common_word(lexicon: CaseLexicon, word: str) -> bool:
    """Whether ``word`` (lower case) is an English function word or an inflection of a lemma."""
    return word in lexicon.function_words or bool(lexicon.parts_of_speech(word))


def _case_at(chars: list[str], text: str, words: list[tuple[int, str]], i: int, lexicon: CaseLexicon,
             place: Callable[[str], int], own: Mapping[str, str]) -> int:
    """Set the case of the word (or name) at ``words[i]``; how many words it took."""
    for n in range(min(_MAX_PHRASE, len(words) - i), 1, -1):
        phrase = _joined(text, words, i, n)
        if phrase is None:
            continue
        written = lexicon.names.get(phrase)
        if written is not None and any(c.isupper() for c in written):
            start, end = words[i][0], words[i + n - 1][0] + len(words[i + n - 1][1])
            if len(written) == end - start:
                _recase(chars, start, written)  # "Shining Path", "al-Nusra Front" as the base writes them
            else:
                for at, w in words[i:i + n]:
                    if w.lower() not in _CONNECTORS:
                        _title(chars, at, w)
            return n
        if phrase in lexicon.phrases and place(phrase) < 2:
            return n  # an English phrase ("de facto", "air strike"): lower case
        tokens = phrase.split()
        if tokens[0] in lexicon.function_words or tokens[-1] in lexicon.function_words \
                or tokens[0] in _CONNECTORS or tokens[-1] in _CONNECTORS:
            continue
        level = place(phrase)
        if level:  # a place spelt so in the gazetteer ("WEST GARFIELD PARK", "SAN SALVADOR")
            for at, w in words[i:i + n]:
                if w.lower() not in _CONNECTORS:
                    _title(chars, at, w)
            return n
    at, word = words[i]
    low = word.lower()
    base = re.sub(r"['’](?:s|t|re|ve|ll|d|m)$", "", low)
    if low in own:
        _recase(chars, at, own[low])
    elif base in lexicon.names and any(c.isupper() for c in lexicon.names[base]) \
            and base not in lexicon.function_words \
            and not (_acronym_form(lexicon.names[base]) and common_word(lexicon, base)):
        # "IS" of "IT IS" is no Islamic State; "TEXT A TIP TO" no Turkistan Islamic Party (rule
        # english-word-not-acronym: an acronym spelt like an English word is the word in capitals)
        _recase(chars, at, lexicon.names[base] + word[len(base):])
    elif low == "i":
        chars[at] = "I"
    elif low in lexicon.function_words or low in _CONNECTORS or base.endswith("n") and low.endswith(("n't", "n’t")) \
            or low in ("a.m", "p.m"):
        pass
    elif low in _DAYS or (low in _MONTHS and _month(words, i)):
        _title(chars, at, word)
    elif "." in low.strip(".") and all(len(p) <= 2 for p in low.split(".")):
        _upper(chars, at, word)  # "U.S.", "U.N."
    else:
        pos = lexicon.parts_of_speech(base)
        parts = [p for p in base.split("-") if p]
        if len(parts) > 1 and not pos and all(common_word(lexicon, p) for p in parts):
            pos = {"compound"}  # "SUB-MACHINE", "US-LED": English words joined
        if len(base) < 4:
            place = _no_place  # two or three letters: a place's code ("KM", "PN"), not its name
        if pos - {"noun"}:
            pass  # an English verb, adjective or adverb
        elif pos:  # an English noun: a name only as a notable place or an initialism ("MRTA")
            if place(base) == 2:
                _title(chars, at, word)
            elif _initialism(base):
                _upper(chars, at, word)
        elif place(base):
            _title(chars, at, word)
        elif _initialism(base):
            _upper(chars, at, word)
        else:
            _title(chars, at, word)
    return 1


def case_lexicon(nlp: object, names: Mapping[str, str]) -> CaseLexicon:
    """The lexicon from a spaCy English pipeline's lemmatizer tables (its WordNet lemmas by part
    of speech, the suffix rules and irregular forms that reach them) and spaCy's English function
    words, with ``names`` (folded -> as written)."""
    return lexicon_from_lookups(nlp.get_pipe("lemmatizer").lookups, names)  # type: ignore[attr-defined]


def lexicon_from_lookups(lookups: object, names: Mapping[str, str]) -> CaseLexicon:
    """:func:`case_lexicon` from the lemmatizer's lookup tables themselves (a ``spacy.lookups.Lookups``)."""
    from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

    tables = ("lemma_index", "lemma_rules", "lemma_exc")
    index, rules, exc = (lookups.get_table(t) for t in tables)  # type: ignore[attr-defined]
    parts = ("noun", "verb", "adj", "adv")
    return CaseLexicon(
        lemmas={p: frozenset(index[p]) for p in parts if p in index},
        rules={p: tuple((a, b) for a, b in rules[p]) for p in parts if p in rules},
        exceptions={p: {k: tuple(v) for k, v in exc[p].items()} for p in parts if p in exc},
        function_words=frozenset(SPACY_STOP_WORDS),
        names=dict(names),
        phrases=frozenset(w.replace("_", " ") for p in parts if p in index for w in index[p] if "_" in w))


def capitalised_names(aliases: Iterable[str]) -> dict[str, str]:
    """Names (folded, single spaces) -> as written, for the aliases written with a capital."""
    out: dict[str, str] = {}
    for alias in aliases:
        alias = " ".join(alias.split())
        if any(c.isupper() for c in alias) and len(alias) > 1:
            out.setdefault(alias.lower(), alias)
    return out
