"""ACLED actor conventions on whole-article Syrian copy (issue 19): whose air strikes, who "rebels" are."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.actors.recognise import Matcher
from sitrep.actors.stage import ActorResolver
from sitrep.nlp.segment import segment_text
from sitrep.schema import Doc, Document, EventCandidate, Span

COALITION = "Global Coalition Against Daesh"
SYRIA = "Military Forces of Syria (2000-)"


def _last(resolver: ActorResolver, text: str, event_type: str, sub: str) -> EventCandidate:
    sents = segment_text(text)
    doc = Doc(document=Document(id="t", text=text, date=date(2016, 11, 4)), sentences=sents, country_hint="Syria")
    doc.candidates = [EventCandidate(sentence_index=len(sents) - 1, trigger=Span(start=0, end=1, text="x"),
                                     event_type=event_type, sub_event_type=sub)]
    return resolver(doc).candidates[0]


def _names(c: EventCandidate) -> tuple[str | None, str | None]:
    return (c.actor1.name if c.actor1 else None, c.actor2.name if c.actor2 else None)


def test_bare_rebels_are_not_the_nusra_front_the_story_names_most(resolver: ActorResolver) -> None:
    text = ("The Nusra Front said it held the hill. Nusra Front fighters dug in on the ridge. "
            "Rebels attacked army positions near the base on Friday.")
    assert set(_names(_last(resolver, text, "Battles", "Armed clash"))) == {"Opposition Rebels (Syria)", SYRIA}


def test_militants_still_stand_for_the_group_the_story_names(resolver: ActorResolver) -> None:
    text = ("The Nusra Front said it held the hill. Nusra Front fighters dug in on the ridge. "
            "Militants attacked army positions near the base on Friday.")
    assert _names(_last(resolver, text, "Battles", "Armed clash"))[0] == "JFS: Jabhat Fateh al Sham"


def test_kurdish_fighters_are_the_ypg(resolver: ActorResolver) -> None:
    cand = _last(resolver, "Kurdish fighters repelled an Islamic State assault on the town.", "Battles",
                 "Armed clash")
    assert set(_names(cand)) == {"YPG: Peoples Protection Units", "Islamic State (Syria)"}


def test_bare_air_strikes_are_the_named_air_force_of_the_sentence(resolver: ActorResolver) -> None:
    text = "Air strikes in the east kill dozens as US-led air strikes pounded Islamic State positions."
    assert _names(_last(resolver, text, "Explosions/Remote violence", "Air/drone strike")) == \
        (COALITION, "Islamic State (Syria)")


@pytest.mark.parametrize(("text", "expected"), [
    ("US-led air strikes hit Islamic State positions near the town on Monday. The air strikes killed 12 people.",
     COALITION),
    ("Russia's warplanes hit the town on Monday. The air raids killed 12 people.", "Military Forces of Russia (2000-)"),
    # nobody says whose the first strikes were: the country's air force, as before
    ("Warplanes hit the town on Monday. The air strikes killed 12 people.", SYRIA),
    # an indefinite mention is a new strike, not the coalition's of the earlier sentence
    ("US-led air strikes hit Islamic State positions on Monday. Air strikes killed 12 people in another town.",
     SYRIA),
])
def test_the_air_strikes_are_those_named_before(resolver: ActorResolver, text: str, expected: str) -> None:
    assert _names(_last(resolver, text, "Explosions/Remote violence", "Air/drone strike"))[0] == expected


@pytest.mark.parametrize(("text", "mention", "ref"), [
    ("Russias jets bombed the town.", "Russias jets", "foreign:Russia:Military"),
    ("Turkey's artillery shelled the village.", "Turkey's artillery", "foreign:Turkey:Military"),
    ("Dozens of US cruise missiles struck the air base.", "US cruise missiles", "foreign:United States:Military"),
    ("The Russian Aerospace Forces struck a convoy.", "Russian Aerospace Forces", "foreign:Russia:Military"),
])
def test_possessives_and_weapons_name_a_countrys_forces(matcher: Matcher, text: str, mention: str, ref: str) -> None:
    hits = [h for h in matcher.find(text) if h.entries]
    assert [(h.text, h.entries[0].ref) for h in hits] == [(mention, ref)]


def test_plural_words_are_not_read_as_possessives(matcher: Matcher) -> None:
    assert [h.text for h in matcher.find("Kurds and Arabs lived in the town.") if h.entries] == []


@pytest.mark.parametrize(("text", "expected"), [
    # rule air-strike-needs-an-air-force: the groups beside the strikes have no aircraft
    ("Barrel bombs dropped on the rebel-held town killed 20 people.", (SYRIA, "Opposition Rebels (Syria)")),
    # one strike is its force's as much as many ("a Syrian air strike")
    ("A Syrian air strike on an Islamic State training camp killed 17 militants.", (SYRIA, "Islamic State (Syria)")),
    # rule fliers-strike-together: two air forces named as flying are not each other's target
    ("Russian warplanes and Turkish jets struck the town held by Islamic State.",
     ("Military Forces of Russia (2000-)", "Islamic State (Syria)")),
])
def test_an_air_strike_is_flown_by_an_air_force(resolver: ActorResolver, text: str,
                                                 expected: tuple[str, str]) -> None:
    assert _names(_last(resolver, text, "Explosions/Remote violence", "Air/drone strike")) == expected


def test_armed_groups_fly_drones(resolver: ActorResolver) -> None:
    text = "Islamic State fighters used a drone to bomb Kurdish fighters near the town."
    assert _names(_last(resolver, text, "Explosions/Remote violence", "Air/drone strike"))[0] == \
        "Islamic State (Syria)"
