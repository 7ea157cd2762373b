"""Recognition of actor mentions: one compiled alias trie (regex), no parse.

Aliases of the knowledge base are compiled into two token-trie regexes (case-insensitive, and
case-sensitive for short acronyms such as "IS" or "SDF"); a third pattern catches named groups the
knowledge base does not know ("the Sultan Murad Brigade", "Liwa al-Tawhid"), kept verbatim for
review. Country names and demonyms are matched too, to guess the document's country.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..lang.capitals import written_in_capitals
from .kb import ActorEntry, KnowledgeBase, normalise_alias

__all__ = ["Hit", "Matcher", "build_matcher", "infer_inter"]

_GROUP_TAIL = (r"Brigades?|Battalions?|Division|Front|Movement|Army|Militias?|Corps|Regiment|Legion|Forces|"
               r"Cartel|Gang|Party|Union|Federation|Association|Organi[sz]ation|Council|Group|Committee|Coalition")
_GROUP_HEAD = r"Liwa|Jaysh|Jaish|Harakat|Kataib|Kata'ib|Faylaq|Failaq|Ansar|Jabhat|Saraya|Tajamu|Firqat|Katibat"
_CAP = r"(?:al-|el-|Al-|Al\s|al\s)?[A-Z][\w'’\-]+"
_UNKNOWN = re.compile(
    rf"\b(?:(?:{_GROUP_HEAD})\s+{_CAP}(?:\s+{_CAP}){{0,3}}"
    rf"|(?:{_CAP}\s+){{1,4}}(?:{_GROUP_TAIL}))\b"
)
_COMMUNAL = re.compile(r"\b([A-Z][a-z]{2,})\s+(ethnic\s+|communal\s+|clan\s+|tribal\s+)?(?:militias?|militiamen)\b")
_NOT_PEOPLE = {"rival", "allied", "two", "three", "several", "some", "many", "other", "islamist", "islamic",
               "these", "those", "both", "armed", "shiite", "sunni", "christian", "muslim", "afghan"}
_GENERIC_WORDS = {
    "the", "security", "government", "armed", "special", "state", "national", "police", "military", "local",
    "federal", "joint", "popular", "a", "an", "his", "their", "its", "of", "and", "on", "in", "at", "as", "air",
    "syrian", "pro-government", "opposition", "rebel", "this", "that", "unidentified", "unknown", "members", "all",
    "after", "when", "while", "group", "forces", "army", "party", "union", "front", "movement",
}  # fmt: skip


@dataclass(frozen=True)
class Hit:
    """One matched mention: character offsets into the document text."""

    start: int
    end: int
    text: str
    sentence_index: int
    entries: tuple[ActorEntry, ...]  # empty for an unknown named group
    unknown_inter: int = 0
    unknown_name: str = ""  # neutral name for an unknown group ("{c}": the event country)

    @property
    def unknown(self) -> bool:
        return not self.entries


def infer_inter(name: str) -> int:
    """Inter code for a named group the knowledge base does not know."""
    low = name.lower()
    if re.search(r"tribal|clan|ethnic|communal|tribe", low):
        return 4
    if re.search(r"cartel|gang|militia|vigilante", low):
        return 3
    if re.search(r"party|union|federation|association|organi[sz]ation|council|committee", low):
        return 6
    return 2


#: How many sentences' hits a matcher keeps (a few articles' worth).
_FOUND_KEPT = 2048

_TOKEN = re.compile(r"[^\s\-–—/]+")
_LEAD = "\"“”‘'([{«"
_TRAIL = "\"“”’'),;:!?.]}»"
_HARD = set(",;:()\"“”[]!?")
_NOT_ACTOR_NEXT = re.compile(
    r"\s+(?:sources?|spokes(?:man|men|person|woman)|hospital|academy|court|media|analysts?|experts?|observers?|"
    r"statement|correspondents?|reporters?|officials? said|bases?|airport|college|school)\b", re.IGNORECASE)


def _tokens(text: str) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, normalised, raw, hard_end) per word; hard_end after , ; : ( ) quotes."""
    out = []
    for m in _TOKEN.finditer(text):
        whole = m.group(0)
        left = whole.lstrip(_LEAD)
        raw = left.rstrip(_TRAIL)
        if not raw:
            continue
        start = m.start() + len(whole) - len(left)
        tail = left[len(raw):]
        hard = bool(tail) and (any(ch in _HARD for ch in tail)
                               or (tail[0] == "." and len(raw) > 2 and not raw[-1].isupper()))
        raw = raw.replace("’", "'")
        out.append((start, start + len(raw), raw.lower(), raw, hard))
    return out


def _case_sensitive(alias: str) -> bool:
    """An alias with an acronym ("IS", "SDF", and mixed-case ones such as "LeT" or "JeM", else "let
    me die" is Lashkar-e-Taiba) is matched with its acronyms as written."""
    return any(_acronym(t) for t in re.split(r"[\s\-]+", alias))


def _acronym(token: str) -> bool:
    """"IS", "SDF", "LeT": an acronym ("NATO" stays case-free: British copy writes "Nato")."""
    return token.isalpha() and ((len(token) <= 3 and token.isupper())
                                or (len(token) <= 4 and not (token.isupper() or token.islower() or token.istitle())))


def _case_word(token: str) -> str:
    """Only an alias's acronyms are matched as written: "US-led air strikes" is also the
    headline's "US-Led Air Strikes", never "us-led air strikes"."""
    return token if _acronym(token) else token.lower()


def _case_phrase(toks: list[tuple[int, int, str, str, bool]]) -> str:
    """The text's words as :func:`_raw_key` keys an alias ("the SDF's": "SDF")."""
    words = [t[3] for t in toks]
    words[-1] = words[-1].removesuffix("'s")
    return " ".join(_case_word(w) for w in words)


def _raw_key(alias: str) -> str:
    return " ".join(_case_word(t.strip(_LEAD + _TRAIL))
                    for t in re.split(r"[\s\-–—/]+", alias.replace("’", "'")) if t)


class Matcher:
    """Compiled alias matcher over a :class:`KnowledgeBase` (built once per process)."""

    def __init__(self, *, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.index: dict[str, tuple[ActorEntry, ...]] = {}
        for key, entries in kb.by_alias().items():
            self.index[key] = tuple(dict.fromkeys(entries))
        self.case_keys = {normalise_alias(a) for e in kb.entries for a in e.aliases if _case_sensitive(a)}
        self.case_raw = {_raw_key(a) for e in kb.entries for a in e.aliases if _case_sensitive(a)}
        self.countries = kb.country_of_word()
        self.prefixes: set[str] = set()
        for key in [*self.index, *self.countries]:
            toks = key.split(" ")
            self.prefixes.update(" ".join(toks[:n]) for n in range(1, len(toks) + 1))
        # the geo and actors stages both ask for the actors of every sentence: the last sentences'
        # hits are kept (at offset 0), bounded
        self._found: dict[str, list[Hit]] = {}

    def _possessive(self, tok: tuple[int, int, str, str, bool],
                    table: Mapping[str, object]) -> tuple[int, int, str, str, bool]:
        """A name's possessive written without its apostrophe ("Russias jets", "Assads forces",
        as some copy strips it) is read as the possessive when only that form is known."""
        start, end, norm, raw, hard = tok
        if len(norm) < 4 or not norm.endswith("s") or norm.endswith("'s") or not raw[:1].isupper() \
                or norm in self.prefixes or norm in table:
            return tok
        stem = norm[:-1]
        if f"{stem}'s" in self.prefixes or stem in table:
            return (start, end, f"{stem}'s", raw, hard)
        return tok

    def _scan(self, text: str, table: Mapping[str, object]) -> list[tuple[int, int, str]]:
        prefixes = self.prefixes
        toks = [self._possessive(t, table) for t in _tokens(text)]
        acronyms = not written_in_capitals(text)  # "IT IS", "LET": no acronyms
        out: list[tuple[int, int, str]] = []
        for i in range(len(toks)):
            first = toks[i][2]
            if first not in prefixes and not (first.endswith("'s") and first[:-2] in table):
                continue
            key, j, best, best_key = "", i, -1, ""
            while j < len(toks):
                norm = toks[j][2]
                options = [f"{key} {norm}".lstrip()]
                if norm.endswith("'s"):  # a possessive ends a phrase: "the regime's fire"
                    options.append(f"{key} {norm[:-2]}".lstrip())
                for option in options:
                    if option in table and (option not in self.case_keys
                                            or (acronyms and _case_phrase(toks[i:j + 1]) in self.case_raw)):
                        best, best_key = j, option
                        break
                key = options[0]
                if key not in prefixes or toks[j][4]:
                    break
                j += 1
            if best >= 0:
                out.append((toks[i][0], toks[best][1] - (2 if best_key != " ".join(
                    t[2] for t in toks[i:best + 1]) else 0), best_key))
        chosen: list[tuple[int, int, str]] = []  # longest first, then leftmost; no overlaps
        for span in sorted(out, key=lambda s: (s[0] - s[1], s[0])):
            if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
                chosen.append(span)
        return sorted(chosen)

    def find(self, text: str, *, offset: int = 0, sentence_index: int = 0) -> list[Hit]:
        """Non-overlapping hits in ``text`` (longest first at each place), offsets shifted by ``offset``."""
        found = self._found.get(text)
        if found is None:
            found = self._find(text)
            if len(self._found) >= _FOUND_KEPT:
                self._found.clear()
            self._found[text] = found
        if not offset and not sentence_index:
            return list(found)
        return [replace(h, start=h.start + offset, end=h.end + offset, sentence_index=sentence_index)
                for h in found]

    def _find(self, text: str) -> list[Hit]:
        """:meth:`find` at offset 0 of sentence 0, uncached."""
        spans: list[tuple[int, int, tuple[ActorEntry, ...], int]] = []
        for start, end, key in self._scan(text, self.index):
            if not _NOT_ACTOR_NEXT.match(text, end):
                spans.append((start, end, self.index[key], 0))
        # named groups, not descriptions ("Militia", "Cartel" alone describe any group)
        known_ends = {end for start, end, entries, _inter in spans if len(text[start:end].split()) > 1
                      and any(e.name and "{" not in e.name and not e.name.startswith("Unidentified")
                              for e in entries)}
        for m in _UNKNOWN.finditer(text):
            name = re.sub(r"^(?:The|the)\s+", "", m.group(0))
            words = {w.lower().strip("'’") for w in re.split(r"\s+", name)}
            if words <= _GENERIC_WORDS or len(name) < 6:
                continue
            if m.end() in known_ends:
                # rule known-name-ends-it: "Kurdish-led Syrian Democratic Forces", "Raqqa Syrian
                # Democratic Forces" are the known group its last words name; the words before
                # them describe it (who leads it, where it fights), they make no new group
                continue
            start = m.end() - len(name)
            spans.append((start, m.end(), (), infer_inter(name)))
        named: dict[int, str] = {}
        for m in _COMMUNAL.finditer(text):
            if m.group(1).lower() in _GENERIC_WORDS or m.group(1).lower() in _NOT_PEOPLE:
                continue
            kind = (m.group(2) or "communal").strip().title()
            named[m.start()] = f"{m.group(1)} {kind} Militia ({{c}})"
            spans.append((m.start(), m.end(), (), 4))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), len(s[2]) == 0))
        hits: list[Hit] = []
        last_end = -1
        for start, end, entries, inter in spans:
            if start < last_end:
                if hits and not entries and end > hits[-1].end and hits[-1].start == start:
                    continue
                continue
            hits.append(Hit(start=start, end=end, text=text[start:end],
                            sentence_index=0, entries=entries, unknown_inter=inter,
                            unknown_name=named.get(start, "") if not entries else ""))
            last_end = end
        return hits

    def country_words(self, text: str) -> list[str]:
        """Countries named in ``text`` (names and demonyms), in order."""
        return [self.countries[key] for _s, _e, key in self._scan(text, self.countries)]


def build_matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb=kb)
