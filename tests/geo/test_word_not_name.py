"""Issue 22, rule ``word-not-name``: an English word capitalised only because it opens its sentence
is no small place ("Day 2.", "Forest officials"), while a notable place spelt as written stays
one, and so does a word the sentence says is a place."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.geo.spans import find_spans
from sitrep.lang.en.words import is_english_word
from sitrep.schema import Doc, PlaceMention


def _rec(uid: str, name: str, cc: str, country: str, kind: str, population: int,
         admin1: str) -> PlaceRecord:
    return PlaceRecord(uid=uid, name=name, lat=10.0 + len(uid), lon=20.0, cc=cc, country=country,
                       kind=kind, population=population, admin1=admin1)


GAZ = MemoryGazetteer([
    _rec("a:day", "Day", "US", "United States", "admin2", 0, "South Dakota"),
    _rec("v:forest", "Forest", "BE", "Belgium", "village", 2_000, "Brussels"),
    _rec("t:mobile", "Mobile", "US", "United States", "city", 190_000, "Alabama"),
    _rec("v:mobile-small", "Mobile", "CA", "Canada", "village", 300, "Ontario"),
])


def _geocode(geocode: Callable[..., Doc], text: str, trigger: str) -> Doc:
    return geocode(GAZ, text, [trigger], sub="Protest with intervention")


def _mention(doc: Doc, text: str) -> PlaceMention:
    return next(pm for pm in doc.places if pm.span.text == text)


def test_lexicon_knows_english_words_and_not_foreign_names() -> None:
    assert is_english_word("day") and is_english_word("forest") and is_english_word("officials")
    assert not is_english_word("idlib") and not is_english_word("homs")


def test_sentence_opening_word_names_no_small_place(geocode: Callable[..., Doc]) -> None:
    doc = _geocode(geocode, "Farmers began an indefinite protest over water access. Day 48.", "protest")
    day = _mention(doc, "Day")
    assert day.place is None
    assert any("'Day' is no place here (rule word-not-name" in n for n in doc.notes)
    cand = doc.candidates[0]
    assert cand.place is None or cand.place.place is None or cand.place.place.country != "United States"


def test_sentence_opening_word_before_a_name_names_no_small_place(geocode: Callable[..., Doc]) -> None:
    doc = _geocode(geocode, "Forest Department officials and tribals clashed over land.", "clashed")
    assert all(pm.place is None for pm in doc.places if pm.span.text.startswith("Forest"))
    assert any("rule word-not-name" in n for n in doc.notes)


def test_notable_place_spelt_as_written_stays_at_a_sentence_opening(geocode: Callable[..., Doc]) -> None:
    doc = _geocode(geocode, "Mobile police said protesters were dispersed.", "dispersed")
    place = _mention(doc, "Mobile").place
    assert place is not None and place.name == "Mobile" and place.country == "United States"


def test_the_same_word_inside_a_sentence_is_still_read(geocode: Callable[..., Doc]) -> None:
    doc = _geocode(geocode, "Tribals protested in Forest over land rights.", "protested")
    place = _mention(doc, "Forest").place
    assert place is not None and place.country == "Belgium"


def test_plural_acronym_in_brackets_is_no_container() -> None:
    spans = find_spans("Members of the Accredited Social Health Activists (ASHAs) took out a rally.")
    assert all(not s.hint for s in spans)
