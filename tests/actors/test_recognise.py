from __future__ import annotations

import time

import pytest

from sitrep.actors.recognise import Matcher, infer_inter


def _names(matcher: Matcher, text: str) -> list[str]:
    return [h.text for h in matcher.find(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Army of Conquest stormed the hill.", ["Army of Conquest"]),
    ("Gunmen opened fire on villagers near the market.", ["Gunmen", "villagers"]),
    ("Regime forces shelled the town while the Resistance held out.", ["Regime forces", "the Resistance"]),
    ("al-Assad’s forces and Iranian militias advanced.", ["al-Assad’s forces", "Iranian militias"]),
    ("Russian warplanes struck the bakery.", ["Russian warplanes"]),
    ("Fighters of HTS clashed with the SDF.", ["Fighters", "HTS", "SDF"]),
])
def test_recognise_finds_aliases_and_descriptions(matcher: Matcher, text: str, expected: list[str]) -> None:
    assert _names(matcher, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an alias's acronym is matched as written, its other words in any case (title-case headlines)
    ("US-Led Air Strikes Kill Seven Fighters Near The Border", "Global Coalition Against Daesh"),
    ("US-led air strikes killed seven fighters.", "Global Coalition Against Daesh"),
    ("The SDF's fighters held the bridge.", "QSD: Syrian Democratic Forces"),
])
def test_recognise_title_case_words_around_an_acronym(matcher: Matcher, text: str, expected: str) -> None:
    hit = matcher.find(text)[0]
    assert [e.name for e in hit.entries][:1] == [expected]


@pytest.mark.parametrize("text", ["Kurdish-led Syrian Democratic Forces fighters clashed with IS.",
                                  "Raqqa Syrian Democratic Forces clashed with IS."])
def test_recognise_words_before_a_known_name_describe_it(matcher: Matcher, text: str) -> None:
    """Rule known-name-ends-it: a capitalised name whose last words are a known group's is that
    group; "Kurdish-led" or "Raqqa" before it make no new, unknown group."""
    hits = matcher.find(text)
    assert not any(h.unknown for h in hits)
    assert any(e.name == "QSD: Syrian Democratic Forces" for h in hits for e in h.entries)


def test_recognise_acronym_still_matched_only_as_written(matcher: Matcher) -> None:
    assert not any(any(e.name == "Global Coalition Against Daesh" for e in h.entries)
                   for h in matcher.find("Both of us led air strikes drills last year."))


@pytest.mark.parametrize("text", [
    "This is what the report says.",  # "IS" is case-sensitive
    "Military sources said the road was open.",  # a claimant, not an actor
    "Please don't let me die, she begged.",  # "LeT" is a mixed-case acronym: matched as written
])
def test_recognise_ignores_false_friends(matcher: Matcher, text: str) -> None:
    assert _names(matcher, text) == []


def test_recognise_no_acronyms_in_a_sentence_written_in_capitals(matcher: Matcher) -> None:
    hits = matcher.find("THE SHOOTING IS UNDER INVESTIGATION AND THEY LET THE CROWD GO HOME.")
    assert not any(h.text in ("IS", "LET") for h in hits)
    assert [h.text for h in matcher.find("IS fighters attacked the town.")][:1] == ["IS fighters"] \
        or matcher.find("IS fighters attacked the town.")[0].text.startswith("IS")


def test_recognise_mixed_case_acronym_as_written(matcher: Matcher) -> None:
    hits = matcher.find("LeT militants attacked the post.")
    assert [h.text for h in hits][:1] == ["LeT militants"] or hits[0].text.startswith("LeT")
    assert any("Lashkar" in (e.name or "") for e in hits[0].entries)


def test_recognise_offsets_point_into_text(matcher: Matcher) -> None:
    text = "Intro line.\nOn Monday the Free Syrian Army attacked."
    hits = matcher.find(text[12:], offset=12, sentence_index=1)
    assert [text[h.start:h.end] for h in hits] == ["Free Syrian Army"]
    assert hits[0].sentence_index == 1


@pytest.mark.parametrize(("text", "inter"), [
    ("Liwa al-Tawhid al-Jadid", 2),
    ("the Black Hawk Brigade", 2),
    ("the Los Toros Cartel", 3),
    ("the Marri Tribal Militia", 4),
])
def test_recognise_unknown_groups_kept_with_inferred_inter(matcher: Matcher, text: str, inter: int) -> None:
    hits = matcher.find(f"On Monday {text} attacked a checkpoint.")
    unknown = [h for h in hits if h.unknown]
    assert unknown and unknown[0].unknown_inter == inter
    assert infer_inter(unknown[0].text) == inter


def test_recognise_is_fast_enough(matcher: Matcher) -> None:
    text = ("Factions of the Syrian Resistance renewed their assault against al-Assad's forces west of "
            "Aleppo, where Jaysh al-Fateh used car bombs and residents fled as warplanes circled. ") * 24
    matcher.find(text)
    start = time.process_time()  # CPU time: robust on a busy machine
    for _ in range(10):
        matcher.find(text)
    assert (time.process_time() - start) / 10 < 0.02


def test_recognise_same_sentence_at_another_offset_gives_the_same_hits_shifted(matcher: Matcher) -> None:
    # the geo stage asks at offset 0, the actors stage at the sentence's offset: one answer for both
    text = "Syrian Democratic Forces fighters clashed with Islamic State near Raqqa."
    plain = matcher.find(text)
    plain[:] = []  # a caller changing its list changes no later answer
    plain = matcher.find(text)
    moved = matcher.find(text, offset=100, sentence_index=3)
    assert len(plain) >= 2 and len(moved) == len(plain)
    for a, b in zip(plain, moved, strict=True):
        assert (b.start, b.end, b.sentence_index) == (a.start + 100, a.end + 100, 3)
        assert (b.text, b.entries) == (a.text, a.entries) and a.sentence_index == 0
        assert text[a.start:a.end] == a.text
