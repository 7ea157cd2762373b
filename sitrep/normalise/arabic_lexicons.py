"""Arabic lexicons: actor aliases (``actors/data/ar/aliases.yaml``; a subfolder, so the English knowledge base does not read it) and partisan framing terms
(``normalise/lexicon/ar_framing.yaml``), compiled over normalised spelling, read on first use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources

from ..nlp.arabic import ArabicText, normalise, normalise_pattern

__all__ = ["ArabicActorEntry", "ArabicTerm", "find_arabic_actors", "find_arabic_claimant", "find_arabic_framing",
           "load_arabic_actors", "load_arabic_framing"]

_PREFIX = r"(?<![\w])(?:[وف]?(?:بال|لل|ال|[بل])?)"
# "الدفاع المدني" (civil defence) is not a civilian
_NOT_CIVILIAN = re.compile(normalise_pattern(r"الدفاع\s+$"))
#: "according to / X said" + up to three words: who a sentence cites
_CLAIMANT = re.compile(normalise_pattern(
    r"(?<![\w])(?:بحسب|حسب|وفق|وفقا ل|نقلا عن|نقل عن|أفاد|أفادت|قال|قالت|أكد|أكدت|ذكر|ذكرت)\s+"
    r"((?:\S+)(?:\s+\S+){0,2})"))
#: sources named without an attribution verb
_SOURCES = re.compile(normalise_pattern(r"مصادر طبية|مصادر محلية|ناشطون|ناشطين|الدفاع المدني|مراسل\S*|"
                                        r"المرصد السوري|مصدر عسكري"))


@dataclass(frozen=True)
class ArabicActorEntry:
    name: str
    inter: int
    pattern: re.Pattern[str]
    country: str | None = None  # a state force's own country (abroad it is an external force, inter 8)


@dataclass(frozen=True)
class ArabicTerm:
    term: str
    normalised: str
    kind: str
    side: str
    pattern: re.Pattern[str]


def _compile(alternatives: list[str]) -> re.Pattern[str]:
    # the article comes from the prefix group, so "للطيران الروسي" matches "الطيران الروسي"
    bare = (normalise_pattern(a) for a in alternatives)
    alts = sorted({a[2:] if a.startswith("ال") and len(a) > 4 else a for a in bare}, key=len, reverse=True)
    return re.compile(rf"{_PREFIX}(?:{'|'.join(alts)})(?![\w])")


def _yaml(package: str, name: str) -> dict[str, object]:
    import yaml

    text = importlib_resources.files(package).joinpath(name).read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def load_arabic_actors() -> tuple[ArabicActorEntry, ...]:
    """The Arabic actor aliases (read once; immutable)."""
    raw = _yaml("sitrep.actors", "data/ar/aliases.yaml").get("actors", [])
    assert isinstance(raw, list)
    return tuple(ArabicActorEntry(name=str(e["name"]), inter=int(e["inter"]),
                                  pattern=_compile([str(p) for p in e["patterns"]]),
                                  country=str(e["country"]) if e.get("country") else None) for e in raw)


@lru_cache(maxsize=1)
def load_arabic_framing() -> tuple[ArabicTerm, ...]:
    """The Arabic framing lexicon (read once; immutable)."""
    raw = _yaml("sitrep.normalise.lexicon", "ar_framing.yaml").get("terms", [])
    assert isinstance(raw, list)
    return tuple(ArabicTerm(term=str(e["term"]), normalised=str(e["normalised"]), kind=str(e.get("kind", "partisan")),
                            side=str(e.get("side", "either")), pattern=_compile(str(e["pattern"]).split("|")))
                 for e in raw)


def _spans(norm: ArabicText, pattern: re.Pattern[str]) -> list[tuple[int, int, int, int]]:
    """(normalised start, end, original start, end) of each match."""
    out = []
    for m in pattern.finditer(norm.text):
        a, b = norm.span(m.start(), m.end())
        out.append((m.start(), m.end(), a, b))
    return out


def find_arabic_actors(text: str | ArabicText) -> list[tuple[ArabicActorEntry, int, int]]:
    """(entry, start, end) per actor mention, offsets into the original text; the longest
    mention wins where two overlap ("قوات النظام" over "النظام")."""
    norm = text if isinstance(text, ArabicText) else normalise(text)
    found: list[tuple[ArabicActorEntry, int, int, int]] = []
    for entry in load_arabic_actors():
        for ns, _ne, a, b in _spans(norm, entry.pattern):
            if entry.inter == 7 and _NOT_CIVILIAN.search(norm.text[max(0, ns - 8):ns]):
                continue
            found.append((entry, a, b, ns))
    found.sort(key=lambda x: (x[1], -(x[2] - x[1])))
    out: list[tuple[ArabicActorEntry, int, int]] = []
    last_end = -1
    for entry, a, b, _ns in found:
        if a >= last_end:
            out.append((entry, a, b))
            last_end = b
    return out


def find_arabic_framing(text: str | ArabicText) -> list[tuple[ArabicTerm, int, int]]:
    """(term, start, end) per partisan or loaded term, offsets into the original text."""
    norm = text if isinstance(text, ArabicText) else normalise(text)
    found = [(term, a, b) for term in load_arabic_framing() for _s, _e, a, b in _spans(norm, term.pattern)]
    found.sort(key=lambda x: (x[1], -(x[2] - x[1])))
    out: list[tuple[ArabicTerm, int, int]] = []
    last_end = -1
    for term, a, b in found:
        if a >= last_end:
            out.append((term, a, b))
            last_end = b
    return out


def find_arabic_claimant(text: str | ArabicText) -> str | None:
    """Who the sentence ``text`` cites ("بحسب ناشطين" -> "ناشطين"), as written, else None."""
    norm = text if isinstance(text, ArabicText) else normalise(text)
    m = _CLAIMANT.search(norm.text)
    if m is not None:
        return norm.original_span(m.start(1), m.end(1)).rstrip(".،,؛:!؟ ")
    s = _SOURCES.search(norm.text)
    return norm.original_span(s.start(), s.end()) if s is not None else None
