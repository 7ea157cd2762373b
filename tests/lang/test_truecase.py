"""Stories written in capitals are read in ordinary case (rule ``capitals-read-as-written``)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.lang.en.truecase import CaseLexicon, truecase
from sitrep.pipeline import Pipeline
from sitrep.schema import Document

LEXICON = CaseLexicon(
    lemmas={"noun": frozenset({"army", "clash", "member", "police", "town", "lima", "bean", "mrta", "man", "side",
                               "park"}),
            "verb": frozenset({"kill", "die", "report", "police", "march"}),
            "adj": frozenset({"national", "new", "west"}), "adv": frozenset({"today"})},
    rules={"noun": (("s", ""),), "verb": (("ed", ""), ("ed", "e"), ("s", ""))},
    exceptions={"verb": {"shot": ("shoot",)}},
    function_words=frozenset({"the", "in", "of", "a", "with", "have", "on", "is", "and", "that", "was"}),
    names={"shining path": "Shining Path", "peru": "Peru", "peruvian": "Peruvian", "bean": "BEAN",
           "mrta": "MRTA", "let": "LeT"},
    phrases=frozenset({"de facto"}))
PLACES = {"lima": 2, "new york": 2, "chiclayo": 1, "west garfield park": 1}


def _read(text: str, **kw: object) -> str:
    return truecase(text, LEXICON, place=lambda p: PLACES.get(p, 0), **kw)  # type: ignore[arg-type]


def test_truecase_restores_names_and_lowers_english() -> None:
    text = "THREE MRTA MEMBERS HAVE DIED IN A CLASH WITH THE NATIONAL POLICE (PN) IN LIMA ON 6 MARCH."
    assert _read(text) == ("Three MRTA members have died in a clash with the national police (PN) in Lima "
                           "on 6 March.")


def test_truecase_phrases_names_and_unknown_words() -> None:
    assert _read("SHINING PATH REBELS KILLED JUAN ZURITA IN CHICLAYO AND NEW YORK") == \
        "Shining Path Rebels killed Juan Zurita in Chiclayo and New York"
    # a month name as a verb stays a verb; a function word that is also a name stays one
    assert _read("THE POLICE MARCHED IN LIMA; THE STATE IS DE FACTO PERUVIAN") == \
        "The police marched in Lima; the State is de facto Peruvian"


def test_truecase_an_acronym_spelt_like_an_english_word_is_the_word() -> None:
    # rule english-word-not-acronym: "TEXT A TIP TO" names no Turkistan Islamic Party (here "BEAN"),
    # while an acronym no English word spells, or one the lexicon knows only as a name, keeps its case
    assert _read("A BEAN IN THE MRTA POLICE; LET THE POLICE MARCH") == "A bean in the MRTA police; LeT the police march"


def test_truecase_a_place_of_english_words_spelt_as_the_gazetteer_spells_it() -> None:
    assert _read("A MAN WAS SHOT IN WEST GARFIELD PARK ON THE WEST SIDE") == \
        "A man was shot in West Garfield Park on the west side"


def test_truecase_own_case_wins_and_spans_limit_the_change() -> None:
    text = "MARCH ON THE ARMY. Army of the Marchers killed two."
    head = (0, len("MARCH ON THE ARMY."))
    read = _read(text, spans=[head], own={"army": "Army"})
    assert read == "March on the Army. Army of the Marchers killed two."


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from("ABCDİẞ ÉŁ.-'’1\nxy"), max_size=200))
def test_truecase_keeps_every_offset(text: str) -> None:
    read = _read(text)
    assert len(read) == len(text)
    assert all(a.lower() == b.lower() or a == b for a, b in zip(text, read, strict=True))


WIRE = ("Three rebels killed in clash near Lima\n\n"
        "Three members of the Shining Path were killed in a clash with the police in Huancayo, in "
        "central Peru, on Monday, the interior ministry said.\n\n"
        "The police said the rebels had attacked a patrol on the road to Lima.")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def test_truecase_story_in_capitals_codes_like_the_same_story_in_ordinary_case(pipe: Pipeline) -> None:
    day = date(1990, 3, 6)
    plain = pipe(Document(id="p", text=WIRE, date=day))
    caps = pipe(Document(id="c", text=WIRE.upper(), date=day))
    assert [(e.sub_event_type, e.location, e.country, e.fatalities) for e in caps.events] == \
        [(e.sub_event_type, e.location, e.country, e.fatalities) for e in plain.events]
    assert any((e.location or "").startswith("Huanca") and e.fatalities == 3 for e in caps.events)
    assert any("capitals-read-as-written" in n for n in caps.notes)
    assert caps.document.text == WIRE.upper()  # stored as given


def test_truecase_story_in_lower_case_codes_like_the_same_story_in_ordinary_case(pipe: Pipeline) -> None:
    # scraped or normalised copy has lost every capital, and with them its sentence breaks
    day = date(1990, 3, 6)
    plain = pipe(Document(id="p", text=WIRE, date=day))
    low = pipe(Document(id="l", text=WIRE.lower(), date=day))
    assert len(low.sentences) == len(plain.sentences)
    assert [(e.sub_event_type, e.location, e.country, e.fatalities) for e in low.events] == \
        [(e.sub_event_type, e.location, e.country, e.fatalities) for e in plain.events]
    assert any("written in lower case" in n for n in low.notes)


def test_truecase_sentence_starts_in_lower_case_text() -> None:
    assert _read("police killed a member. the u.s. police marched in lima! juan reported the clash.",
                 sentence_starts=True) == "Police killed a member. The U.S. police marched in Lima! Juan reported the clash."
