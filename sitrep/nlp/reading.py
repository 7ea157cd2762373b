"""The text as the stages read it (``Doc.reading``): hard-wrapped lines run on (rule
``wrapped-lines-run-on``, :mod:`sitrep.nlp.unwrap`) and sentences written in capitals read in
ordinary case (rule ``capitals-read-as-written``, :mod:`sitrep.lang.en.truecase`). Same length as
the stored text: every offset the stages record points into it."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from ..lang.capitals import written_in_capitals
from ..lang.en.truecase import NOTABLE_POPULATION, CaseLexicon, capitalised_names, case_lexicon, truecase
from ..resources import Resources
from ..schema import Sentence
from .unwrap import unwrap

__all__ = ["LOWER_CASE_SHARE", "ReadingText", "case_lexicon_of", "own_case"]

_WORD = re.compile(r"(?<=[a-z,;]\s)([A-Za-z][a-z'’-]+)\b")
#: How many phrases' notability a reader keeps (a caps report asks a few thousand).
_NOTABLE_CACHE = 50_000


def case_lexicon_of(resources: Resources) -> CaseLexicon:
    """spaCy's English lemmas with the knowledge base's capitalised names, countries and demonyms,
    from the spaCy pipeline and the actor knowledge base the other stages load (``resources``;
    each is fetched before the lexicon's own loader runs: a loader must not ask ``resources``)."""
    from ..actors.stage import load_matcher
    from ..geo.countries import CUE_FORMS, DEMONYMS
    from .spacy_loader import load_spacy

    kb = resources.get("actors.matcher", load_matcher).kb
    nlp = resources.get("spacy", load_spacy)

    def build(_settings: object) -> CaseLexicon:
        aliases = [a for e in kb.entries for a in e.aliases] + [e.name for e in kb.entries
                                                                 if e.name and "{" not in e.name]
        for country in kb.countries.values():
            aliases += [country.name, *country.adj]
        names = capitalised_names(aliases)
        for word in DEMONYMS:
            form = CUE_FORMS.get(word, word.title())  # "ANC" in capitals; "upazila" is no name
            if form is not None:
                names.setdefault(word, form)
        return case_lexicon(nlp, names)

    return resources.get("en.case_lexicon", build)


def own_case(text: str, sentences: list[Sentence], caps: set[int]) -> dict[str, str]:
    """The report's words as it writes them outside its capitals, mid-sentence (folded -> as
    written, the more frequent form when it writes both)."""
    seen: dict[str, Counter[str]] = {}
    for s in sentences:
        if s.index in caps:
            continue
        for m in _WORD.finditer(s.text):
            seen.setdefault(m.group(1).lower(), Counter())[m.group(1)] += 1
    return {k: c.most_common(1)[0][0] for k, c in seen.items()}


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).lower().replace("-", " ").split())


#: A text with fewer capitals than this share of its letters (and enough letters to tell) is
#: written in lower case: scraped or normalised copy ("lucknow: the all-india babri masjid ...").
LOWER_CASE_SHARE = 0.005
_LOWER_MIN_LETTERS = 200


def _lower_case(text: str) -> bool:
    letters = [c for c in text[:20_000] if c.isalpha()]
    return len(letters) >= _LOWER_MIN_LETTERS and any(c.islower() for c in letters) \
        and sum(c.isupper() for c in letters) < LOWER_CASE_SHARE * len(letters)


class ReadingText:
    """Builds a document's reading text; the lexicon and the gazetteer load on the first report
    written in capitals."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self._notable: dict[str, int] = {}

    def _lexicon(self) -> CaseLexicon:
        return case_lexicon_of(self.resources)

    def _place(self, phrase: str) -> int:
        """2: the gazetteer knows a notable place by this name (a country, a province, a city of
        :data:`NOTABLE_POPULATION`), 1: any place, 0: none."""
        found = self._notable.get(phrase)
        if found is None:
            from ..geo.match import name_key
            from ..geo.stage import load_gazetteer

            # the gazetteer's keys are loose (transliterations: "SCENE" meets Skien); the name must
            # be the place's own or one of its other names, as spelt
            records = [r for r in self.resources.get("geo.gazetteer", load_gazetteer).lookup(name_key(phrase))
                       if phrase in {_fold(n) for n in (r.name, *r.alt_names)}]
            found = 2 if any(r.kind in ("country", "admin1") or r.population >= NOTABLE_POPULATION
                             for r in records) else 1 if records else 0
            if len(self._notable) >= _NOTABLE_CACHE:
                self._notable.clear()
            self._notable[phrase] = found
        return found

    def text_of(self, text: str, segment: Callable[[str], list[Sentence]]) -> str:
        """The reading text alone. A report on one line, not in lower case and with capitals for
        under half the letters of its head, reads as stored without being segmented (most stored
        reports: the store reads them again whenever a later batch may merge into them)."""
        head = text[:2000]
        if "\n" not in text and not _lower_case(text) \
                and sum(c.isupper() for c in head) * 2 < sum(c.isalpha() for c in head):
            return text
        return self(text, segment)[0]

    def __call__(self, text: str, segment: Callable[[str], list[Sentence]]
                 ) -> tuple[str, list[str], list[Sentence] | None]:
        """(reading text, notes, its sentences unless the case changed) of the stored ``text``;
        ``segment`` splits a text into sentences."""
        notes = []
        reading = unwrap(text)
        if reading != text:
            notes.append("segment: the text is hard-wrapped; a line break inside a paragraph is read as "
                         "a space (rule `wrapped-lines-run-on`)")
        sentences = segment(reading)
        caps = {s.index for s in sentences if written_in_capitals(s.text)}
        if caps and sum(len(s.text) for s in sentences if s.index in caps) * 2 >= len(reading.strip()):
            # a report written in capitals: its short lines too ("THE LAUTARO POPULAR")
            caps |= {s.index for s in sentences if written_in_capitals(s.text, min_letters=1)}
        if _lower_case(reading):
            reading = truecase(reading, self._lexicon(), place=self._place, sentence_starts=True)
            notes.append("segment: the text is written in lower case; read in ordinary case (rule "
                         "`capitals-read-as-written`)")
            return reading, notes, None
        if caps:
            reading = truecase(reading, self._lexicon(), place=self._place,
                               own=own_case(reading, sentences, caps),
                               spans=[(s.start, s.end) for s in sentences if s.index in caps])
            notes.append(f"segment: {len(caps)} of {len(sentences)} sentences are written in capitals; "
                         "read in ordinary case (rule `capitals-read-as-written`)")
            return reading, notes, None
        return reading, notes, sentences
