"""Stage ``framing.v1``: partisan and loaded terms, each with a neutral reading.

Every pack of the document reads it (:meth:`sitrep.lang.LanguagePack.framing`): the default
pack's (English) always, and the packs of the document's language and of its candidates. The
English lexicon is ``lexicon/framing.yaml`` inside this package (read on first use). Other stages use
:func:`neutral_reading` ("the regime" -> "Syrian government"); reports use
:func:`framing_summary` to count each source's terms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources

from ..config import Settings
from ..lang import DEFAULT_LANGUAGE, MAX_SENTENCE_CHARS, LanguagePack, get_pack, pack_for
from ..registry import stage
from ..resources import Resources
from ..schema import Doc, FramingFlag

__all__ = ["FramingTagger", "Lexicon", "LexiconEntry", "framing_summary", "load_lexicon", "neutral_reading"]


@dataclass(frozen=True)
class LexiconEntry:
    term: str
    pattern: str
    normalised: str
    kind: str = "partisan"
    side: str = "either"


@dataclass(frozen=True)
class Lexicon:
    """Entries, each compiled; literal anchors find the few places worth a full match."""

    entries: tuple[LexiconEntry, ...]
    compiled: tuple[re.Pattern[str], ...]
    anchors: re.Pattern[str]
    by_anchor: dict[str, tuple[int, ...]]
    unanchored: tuple[int, ...]

    @classmethod
    def from_entries(cls, entries: Iterable[LexiconEntry], *, anchors: Iterable[str] = ()) -> Lexicon:
        items = tuple(entries)
        compiled = tuple(re.compile(rf"(?<![\w-])(?:{e.pattern})(?![\w-])", re.IGNORECASE) for e in items)
        words = sorted({a.lower() for a in anchors}, key=len, reverse=True)
        by_anchor = {a: tuple(i for i, e in enumerate(items) if a in e.pattern.lower()) for a in words}
        covered = {i for ids in by_anchor.values() for i in ids}
        unanchored = tuple(i for i in range(len(items)) if i not in covered)
        pattern = re.compile("|".join(re.escape(a) for a in words) or r"(?!x)x")
        return cls(items, compiled, pattern, by_anchor, unanchored)

    def find(self, text: str) -> list[tuple[LexiconEntry, int, int]]:
        """Non-overlapping hits; the longest wins, then the earlier-listed entry."""
        hits: set[tuple[int, int, int]] = set()
        for m in self.anchors.finditer(text.lower()):
            lo, hi = max(0, m.start() - 30), min(len(text), m.end() + 40)
            for i in self.by_anchor.get(m.group(0), ()):
                for hit in self.compiled[i].finditer(text, lo, hi):
                    if hit.start() <= m.start() < hit.end():
                        hits.add((hit.start(), hit.end(), i))
        for i in self.unanchored:
            hits.update((h.start(), h.end(), i) for h in self.compiled[i].finditer(text))
        out: list[tuple[LexiconEntry, int, int]] = []
        end = -1
        for start, stop, i in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]), h[2])):
            if start >= end:
                out.append((self.entries[i], start, stop))
                end = stop
        return out

    def lookup(self, term: str) -> LexiconEntry | None:
        t = " ".join(term.split()).lower()
        for entry in self.entries:
            if entry.term.lower() == t:
                return entry
        for entry in self.entries:
            if re.fullmatch(entry.pattern, t, flags=re.IGNORECASE):
                return entry
        return None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon (read once; the result is immutable)."""
    import yaml

    text = importlib_resources.files("sitrep.normalise.lexicon").joinpath("framing.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    entries = [LexiconEntry(term=str(e["term"]), pattern=str(e["pattern"]), normalised=str(e["normalised"]),
                            kind=str(e.get("kind", "partisan")), side=str(e.get("side", "either")))
               for e in data.get("terms", [])]
    return Lexicon.from_entries(entries, anchors=[str(a) for a in data.get("anchors", [])])


def neutral_reading(term: str, *, lexicon: Lexicon | None = None) -> str | None:
    """The neutral normalisation of a partisan term ("regime" -> "Syrian government"), else None."""
    entry = (lexicon or load_lexicon()).lookup(term)
    return entry.normalised if entry else None


def framing_summary(docs: Iterable[Doc]) -> dict[str, dict[str, int]]:
    """Per source (``document.source`` or "unknown"), how often each lexicon term was used."""
    counts: dict[str, Counter[str]] = {}
    for doc in docs:
        source = doc.document.source or "unknown"
        counter = counts.setdefault(source, Counter())
        counter.update(flag.term for flag in doc.framing)
    return {source: dict(counter.most_common()) for source, counter in counts.items()}


class FramingTagger:
    """Stage ``framing.v1``: one :class:`FramingFlag` per occurrence in ``doc.framing``.

    Options (keyword-only): ``lexicon``: the default pack's lexicon (default: the shipped one, as
    its :meth:`~sitrep.lang.LanguagePack.framing` reader has it). Other packs' readers run on each
    sentence (cut at 2,000 characters, as ``detect.v1`` does).
    """

    def __init__(self, *, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        return self._lexicon

    def __call__(self, doc: Doc) -> Doc:
        found = self.lexicon.find(doc.text)
        doc.framing.extend(FramingFlag(term=entry.term, normalised=entry.normalised, kind=entry.kind,
                                       start=start, end=end) for entry, start, end in found)
        for pack in _other_packs(doc):
            for s in doc.sentences:
                doc.framing.extend(FramingFlag(term=entry.term, normalised=entry.normalised, kind=entry.kind,
                                               start=s.start + a, end=s.start + b)
                                   for entry, a, b in pack.framing(s.text[:MAX_SENTENCE_CHARS]))
        return doc




def _other_packs(doc: Doc) -> list[LanguagePack]:
    """The packs besides the default one whose readers the document needs: its language's and
    its candidates', in that order."""
    out: dict[str, LanguagePack] = {}
    own = get_pack(doc.language)
    if own is not None:
        out[own.code] = own
    for cand in doc.candidates:
        code = cand.extra.get("language")
        pack = pack_for(code if isinstance(code, str) else None)
        out.setdefault(pack.code, pack)
    out.pop(DEFAULT_LANGUAGE, None)
    return list(out.values())


@stage("framing.v1")
def make_framing_tagger(settings: Settings, resources: Resources) -> FramingTagger:
    return FramingTagger(lexicon=resources.get("framing_lexicon", lambda _s: load_lexicon()))
