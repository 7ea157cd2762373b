from __future__ import annotations

import pytest

from sitrep.normalise.casualties import find_figures, is_civilian
from sitrep.normalise.fatalities import FatalityExtractor

from .conftest import DocFactory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seven soldiers were killed in the ambush.", [("killed", 7)]),
        ("The raid killed 4 guards and wounded 9 others.", [("killed", 4), ("wounded", 9)]),
        ("About 30 people were injured in the blast.", [("wounded", 30)]),
        ("Militants captured 12 policemen at the checkpoint.", [("captured", 12)]),
        ("The hospital received 40 bodies overnight.", [("killed", 40)]),
        ("The strike led to the deaths of dozens of fighters.", [("killed", 12)]),
        ("Tens of gunmen died in the fighting.", [("killed", 10)]),
        ("Hundreds of residents were wounded.", [("wounded", 100)]),
        ("A shepherd was killed by a landmine.", [("killed", 1)]),
        ("Gunmen shot dead a teacher in the market.", [("killed", 1)]),
        ("The shelling caused casualties among the troops.", [("killed", 0)]),
        ("Eight airstrikes hit the town, killing 3 farmers.", [("killed", 3)]),
        ("Between 10 and 15 recruits died.", [("killed", 10)]),
    ],
)
def test_casualties_find_figures(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(f.quantity, f.value) for f in find_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "value", "rule"),
    [
        ("Fatalities coded as 4.", 4, "coded"),
        ("Unclear fatalities coded as 10 and split between 2 events.", 5, "coded"),
        ("Fatalities are split across 3 events (2).", 2, "split"),
        ("9 fatalities split between 3 events.", 3, "split"),
    ],
)
def test_casualties_coding_notes(text: str, value: int, rule: str) -> None:
    (fig,) = find_figures(text)
    assert (fig.value, fig.rule) == (value, rule)


@pytest.mark.parametrize(
    ("what", "civilian"),
    [("civilians", True), ("children", True), ("residents", True), ("soldiers", False),
     ("regime elements", False), ("civilian casualties", True), (None, False)],
)
def test_casualties_is_civilian(what: str | None, civilian: bool) -> None:
    assert is_civilian(what) is civilian


@pytest.mark.parametrize(
    ("text", "fatalities", "civilians"),
    [
        ("Gunmen killed five villagers at the well.", 5, 5),
        ("Twenty people were injured when the shell hit the market.", 0, None),
        ("At least five civilians were killed in the shelling.", 5, 5),
        ("Two soldiers were killed in the attack. Troops then killed 3 militants in the hills.", 5, None),
        ("At least 12 fighters including 2 commanders and 3 soldiers were killed.", 15, None),
        ("The clash left 6 dead, including 2 rebels and 4 soldiers.", 6, None),
        ("The army said 8 rebels were killed, while the rebels said 30 of their men were killed.", 8, None),
        ("Heavy shelling caused casualties in the old city.", 10, None),
        ("The mortar round caused casualties near the school.", 3, None),
        ("Mortars hit the town. No casualties were reported.", 0, None),
        ("Fighters killed 12 soldiers across the province. Fatalities split between 4 events.", 3, None),
        ("Fighting killed 4 soldiers. The death toll later rose to 9.", 9, None),
    ],
)
def test_fatalities_stage_acled_figure(make_doc: DocFactory, text: str, fatalities: int, civilians: int | None) -> None:
    doc = FatalityExtractor()(make_doc(text))
    cand = doc.candidates[0]
    assert cand.fatalities == fatalities
    assert cand.deaths_civilians == civilians
    assert cand.fatalities_low is not None and cand.fatalities_high is not None
    assert cand.fatalities_low <= cand.fatalities <= cand.fatalities_high


def test_fatalities_stage_ucdp_range_and_flags(make_doc: DocFactory) -> None:
    text = "The army said 8 rebels were killed, while the rebels said 30 of their men were killed."
    doc = FatalityExtractor()(make_doc(text))
    cand = doc.candidates[0]
    assert (cand.fatalities_low, cand.fatalities, cand.fatalities_best, cand.fatalities_high) == (8, 8, 30, 30)
    assert any("contradictory" in n for n in doc.notes)


@pytest.mark.parametrize("text", ["1e309 people were killed in the raid.", "999999 people were killed in the raid."])
def test_fatalities_stage_absurd_numbers(make_doc: DocFactory, text: str) -> None:
    doc = FatalityExtractor()(make_doc(text))
    assert len(doc.claims) == 1
    assert any(n.startswith("flag:") for n in doc.notes)
    assert doc.candidates[0].fatalities in (3, 10)


def test_fatalities_stage_claims_and_evidence(make_doc: DocFactory) -> None:
    text = "Rebels attacked the base on Monday. The ministry told Reuters that 14 soldiers were killed."
    doc = FatalityExtractor()(make_doc(text, trigger="attacked"))
    (claim,) = doc.claims
    assert (claim.quantity, claim.low, claim.high, claim.what) == ("killed", 14, 14, "soldiers")
    assert claim.claimant_chain == ["Test Wire", "Reuters", "The ministry"]
    cand = doc.candidates[0]
    assert cand.claims == [claim] and cand.fatalities == 14
    (ev,) = [e for e in cand.evidence if e.field == "fatalities"]
    assert doc.text[ev.start:ev.end] == ev.text and ev.text.startswith("14")


def test_fatalities_stage_clause_split_between_events(make_doc: DocFactory) -> None:
    text = "Shelling killed 9 fighters at the base, while gunmen shot 2 farmers dead in the village."
    doc = FatalityExtractor()(make_doc(text, triggers=("Shelling", "gunmen shot")))
    shelling, shooting = doc.candidates
    assert (shelling.fatalities, shooting.fatalities) == (9, 2)
    assert shooting.deaths_civilians == 2


def test_fatalities_stage_open_ended_claim(make_doc: DocFactory) -> None:
    doc = FatalityExtractor()(make_doc("At least 7 guards were killed."))
    (claim,) = doc.claims
    assert (claim.low, claim.high) == (7, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Two gunmen on a motorbike shot and killed a trader.", [("killed", 1)]),
     ("Four militants killed 3 guards at the gate.", [("killed", 3)]),
     ("6 killed in the raid on the market.", [("killed", 6)]),
     ("The death toll rose to 11.", [("killed", 11)])],
)
def test_casualties_agents_are_not_victims(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(f.quantity, f.value) for f in find_figures(text)] == expected


@pytest.mark.parametrize(
    ("event_type", "fatalities"), [("Protests", 0), ("Violence against civilians", 1)],
)
def test_fatalities_stage_protest_cause_not_counted(make_doc: DocFactory, event_type: str, fatalities: int) -> None:
    doc = make_doc("Residents marched to the police station after the killing of a trader by unknown gunmen.")
    doc.candidates[0].event_type = event_type
    assert FatalityExtractor()(doc).candidates[0].fatalities == fatalities


@pytest.mark.parametrize(
    ("policy", "text", "calls"),
    [("always", "The army said 8 rebels were killed.", 1),
     ("fallback", "The army said 8 rebels were killed.", 0),
     ("always", "Eight rebels were killed near the bridge.", 0),
     ("always", "The army said the bridge was closed.", 0)],
)
def test_fatalities_stage_parser_only_where_needed(make_doc: DocFactory, policy: str, text: str, calls: int) -> None:
    seen: list[str] = []

    def fake_parser(sentence: str) -> list[object]:
        seen.append(sentence)
        return []  # an empty parse: the regex reading stands

    loaded: list[bool] = []

    def loader() -> object:
        loaded.append(True)
        return fake_parser

    extractor = FatalityExtractor(parser_loader=loader, parser_policy=policy)  # type: ignore[arg-type]
    doc = extractor(make_doc(text))
    assert len(seen) == calls and len(loaded) == min(calls, 1)
    assert all(c.claimant_chain[0] == "Test Wire" for c in doc.claims)


def test_fatalities_stage_rejects_unknown_policy() -> None:
    with pytest.raises(ValueError, match="parser_policy"):
        FatalityExtractor(parser_policy="sometimes")


def test_fatalities_combatant_bodies_go_to_the_battle_not_the_attack() -> None:
    from datetime import date as _date

    from sitrep.nlp.segment import segment_text
    from sitrep.normalise.fatalities import FatalityExtractor
    from sitrep.schema import Doc, Document, EventCandidate, Span

    text = ("Rebels clashed with army units in the east of the city on Monday. "
            "A hospital received 40 bodies of soldiers, while gunfire killed three civilians in the old market.")
    doc = Doc(document=Document(id="x", text=text, date=_date(2020, 1, 7)))
    doc.sentences = segment_text(text)
    clash_at = text.index("clashed")
    attack_at = text.index("gunfire killed")
    doc.candidates = [
        EventCandidate(sentence_index=0, trigger=Span(start=clash_at, end=clash_at + 7, text="clashed"),
                       event_type="Battles", sub_event_type="Armed clash"),
        EventCandidate(sentence_index=1, trigger=Span(start=attack_at, end=attack_at + 14, text="gunfire killed"),
                       event_type="Violence against civilians", sub_event_type="Attack"),
    ]
    out = FatalityExtractor()(doc)
    clash, attack = out.candidates
    assert attack.fatalities == 3
    assert clash.fatalities == 40


@pytest.mark.parametrize("toll", [
    "More than 230,000 people have been killed since the conflict began in 2011.",
    "The war has killed 12,000 people in the province so far.",
])
def test_fatalities_stage_running_toll_counts_for_no_event(make_doc: DocFactory, toll: str) -> None:
    doc = FatalityExtractor()(make_doc(f"Rebels attacked the base on Monday, killing 7 soldiers. {toll}",
                                       trigger="attacked"))
    assert doc.candidates[0].fatalities == 7
    assert [c.status for c in doc.claims] == [None, "aggregate"]
    assert any("running or aggregate toll" in n for n in doc.notes)


@pytest.mark.parametrize(("after", "status"), [
    ("“We are lucky this didn’t rise to a level where someone was killed,” the sheriff said.", "negated"),
    ("Two more people could have been killed, the sheriff said.", "irrealis"),
])
def test_fatalities_stage_a_death_that_did_not_happen_counts_none(make_doc: DocFactory, after: str,
                                                                  status: str) -> None:
    """Rule unreal-deaths-uncounted: the figure stays as a claim with its status and a note."""
    doc = FatalityExtractor()(make_doc(f"A teen was shot in the neck on Tuesday while friends played with a gun. "
                                       f"{after}", trigger="shot"))
    assert doc.candidates[0].fatalities == 0
    assert [c.status for c in doc.claims if c.quantity == "killed"] == [status]
    assert any("unreal-deaths-uncounted" in n for n in doc.notes)
    real = FatalityExtractor()(make_doc("A teen was shot in the neck on Tuesday. The sheriff said he died.",
                                        trigger="shot"))
    assert real.candidates[0].fatalities == 1


def test_fatalities_stage_restated_figure_in_one_sentence_is_not_added(make_doc: DocFactory) -> None:
    doc = FatalityExtractor()(make_doc("Bomb kills 16 in Azaz A motorbike bomb killed 16 people in Azaz on Monday."))
    assert doc.candidates[0].fatalities == 16


def test_fatalities_stage_vague_figure_is_no_rival_of_a_number(make_doc: DocFactory) -> None:
    doc = FatalityExtractor()(make_doc("Troops killed 32 rebels in the ambush, a monitor said, "
                                       "while state TV said tens of terrorists were killed."))
    assert doc.candidates[0].fatalities == 32


@pytest.mark.parametrize(("text", "fatalities"), [
    ("A woman was found shot to death in her home on Monday.", 1),
    ("A man was found fatally shot in his car.", 1),
    ("Two men were shot outside a store. Both men died at the hospital.", 2),
    ("Two men were shot outside a store. Both of them were pronounced dead.", 2),
    ("A man fatally shot his girlfriend before taking his own life.", 2),
    ("He shot and killed his wife and then killed himself, police said.", 2),
    ("A man shot his wife and then killed himself.", 1),  # the wife is not said to have died
    ("Both sides exchanged fire; both were wounded.", 0),
    ("A 19-year-old man was pronounced dead at the scene.", 1),
    ("The victim, a 23-year-old man, died at the hospital.", 1),
    ("Police are investigating a double homicide on the east side.", 2),
    ("A shooting on Sunday left a man dead and two women injured.", 1),
    ("A Macon, Georgia, man died Sunday from a gunshot wound.", 1),
    ("Deputies shot and killed the suspect after he opened fire on them.", 1),
    ("The gunman killed five people before he was shot dead by police.", 6),
    ("John Smith was shot on Sunday. He was killed instantly, police said.", 1),
    ("A man and a woman were killed in a shooting on Sunday.", 2),
    ("A woman and her 7-year-old son were shot dead on Sunday.", 2),
    ("A shooting on Sunday killed a mother and her two daughters.", 3),
    ("A soldier and a rebel were wounded in the clashes.", 0),
    ("Air strikes on the town killed a family of five.", 5),
    ("A family of six was displaced by the fighting.", 0),
    # one victim told by the deed's name
    ("Police are investigating the fatal shooting of a man on Main Street.", 1),
    ("Two juveniles were involved in the fatal shooting of 15-year-old girl in the apartment.", 1),
    ("He is accused of fatally shooting his cousin on Friday night.", 1),
    ("He is charged with homicide in the Nov. 7 killing of Akira Marie Waters.", 1),
    ("Police are investigating a fatal shooting on Main Street.", 1),
    ("Police are investigating the fatal shooting of two men on Main Street.", 0),  # no count of one
    ("The killing of Syrian civilians went on.", 0),  # a people, not a person's name
    ("John Smith, 25, was gunned down outside his home.", 1),
    ("Police said the slaying of a woman remains unsolved.", 1),
    ("Officers found the victim, who was later pronounced dead.", 1),
    ("The homicide victim was identified as Jane Doe, 34.", 1),
])
def test_fatalities_stage_deaths_told_without_a_number(make_doc: DocFactory, text: str, fatalities: int) -> None:
    """Local-news ways of telling deaths: found shot to death, 'both died', the killer's own death
    beside his victims' (two people, never one restated)."""
    doc = FatalityExtractor()(make_doc(text))
    assert doc.candidates[0].fatalities == fatalities


def test_fatalities_stage_vague_figure_restates_a_number_told_elsewhere(make_doc: DocFactory) -> None:
    # rule vague-restates-a-number: "scores of people" and "44 victims" are the same dead
    doc = FatalityExtractor()(make_doc("A car bomb exploded in the market. A source said that scores of people were "
                                       "killed in the residential area. Medical sources told the agency that "
                                       "hospitals received the bodies of 44 victims as well as 140 injured people."))
    assert doc.candidates[0].fatalities == 44


def test_fatalities_stage_vague_figure_of_another_group_still_adds(make_doc: DocFactory) -> None:
    doc = FatalityExtractor()(make_doc("A car bomb exploded in the market. Dozens of civilians were killed. "
                                       "Five soldiers were killed at the checkpoint."))
    assert doc.candidates[0].fatalities > 5
