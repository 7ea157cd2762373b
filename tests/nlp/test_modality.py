from __future__ import annotations

import pytest

from sitrep.nlp.modality import Modality, clause_spans, modality_of


def _mod(sentence: str, trigger: str) -> Modality:
    i = sentence.index(trigger)
    return modality_of(sentence, i, i + len(trigger))


@pytest.mark.parametrize(
    ("sentence", "trigger", "flag"),
    [
        ("If the rebels capture the hill, the road will fall.", "capture", "hypothetical"),
        ("The army plans to attack the town next week.", "attack", "hypothetical"),
        ("In case the factions seize control of the district, the airport would be cut off.",
         "seize control", "hypothetical"),
        ("The ministry denied that warplanes had bombed the market.", "bombed", "negated"),
        ("There were no clashes in the city on Sunday.", "clashes", "negated"),
        ("The guards didn’t open fire on the crowd.", "open fire", "negated"),  # a curly apostrophe
        ("A few weeks before, the regime captured the road and the camp.", "captured", "background"),
        ("Earlier this year the militants overran the base.", "overran", "background"),
        ("They learned from the previous battle in the east.", "battle", "background"),
        ("In the past, such air strikes killed civilians in the town.", "air strikes", "background"),
        ("What does the capture of the district mean?", "capture", "hypothetical"),
        # an instruction: no happening (MUC-4's "mines must be placed where enemy troops travel")
        ("Mines must be placed only where enemy troops travel.", "Mines", "hypothetical"),
    ],
)
def test_modality_flags(sentence: str, trigger: str, flag: str) -> None:
    assert getattr(_mod(sentence, trigger), flag) is True


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("On Thursday rebels clashed with the army in the western district.", "clashed"),
        ("On 9 May 2020, regime forces shelled the outskirts of the town.", "shelled"),
        ("The factions seized control of the village a few days ago.", "seized control"),
        ("A landmine, previously planted by the group, killed two shepherds on Monday.", "landmine"),
        ("Militants attacked the post, and the commander said they will return.", "attacked"),
        # "must have": an inference about what happened, not an order
        ("The gunmen must have fled after they attacked the post.", "attacked"),
        # a window up to the report is no background
        ("At least 50 fighters were killed in the past 24 hours in clashes and air strikes.", "air strikes"),
        ("Air strikes in the past two days killed 30 people in the town.", "Air strikes"),
    ],
)
def test_modality_factual_mentions_carry_no_flag(sentence: str, trigger: str) -> None:
    mod = _mod(sentence, trigger)
    assert not (mod.hypothetical or mod.negated or mod.background)


def test_modality_question_only_flags_its_last_clause_in_long_sentences() -> None:
    sentence = ("The factions seized control of the village and of the hill overlooking the main road "
                "yesterday afternoon after a long fight; so will the coming days bring more losses?")
    assert not _mod(sentence, "seized control").hypothetical


def test_modality_clause_spans_cover_the_sentence() -> None:
    s = "Rebels attacked the post; the army shelled the village, while police arrested two men."
    spans = clause_spans(s)
    assert len(spans) == 3
    assert spans[0][0] == 0 and spans[-1][1] == len(s)
