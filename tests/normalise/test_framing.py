from __future__ import annotations

import pytest

from sitrep.normalise.framing import (
    FramingTagger,
    Lexicon,
    LexiconEntry,
    framing_summary,
    load_lexicon,
    neutral_reading,
)
from sitrep.schema import Doc, Document

from .conftest import DocFactory


@pytest.mark.parametrize(
    ("term", "neutral"),
    [("regime", "Syrian government"), ("the regime", "Syrian government"), ("Resistance", "armed opposition"),
     ("terrorists", "armed group"), ("martyrs", "killed"), ("occupied", "held by another party"),
     ("liberated", "captured"), ("mercenaries", "foreign fighters"), ("Assad's gangs", "Syrian government forces"),
     ("rebels", "armed opposition"), ("militias", "armed group"), ("soldiers", None), ("", None)],
)
def test_framing_neutral_reading(term: str, neutral: str | None) -> None:
    assert neutral_reading(term) == neutral


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("The regime shelled the occupied town.", ["regime", "occupied"]),
        ("Al-Assad's regime forces lost ground to the Resistance factions.", ["regime", "Resistance"]),
        ("Assad's gangs and Iranian militias attacked.", ["Assad's gangs", "militias"]),
        ("The terrorists fled; three martyrs were buried.", ["terrorists", "martyrs"]),
        ("Government troops shelled the town.", []),
        ("The Resistancefighters and preoccupied staff", []),
    ],
)
def test_framing_stage_flags_terms(make_doc: DocFactory, text: str, terms: list[str]) -> None:
    doc = FramingTagger()(make_doc(text))
    assert [f.term for f in doc.framing] == terms
    for flag in doc.framing:
        assert flag.start is not None and flag.end is not None
        assert neutral_reading(doc.text[flag.start:flag.end]) == flag.normalised


def test_framing_custom_lexicon(make_doc: DocFactory) -> None:
    lexicon = Lexicon.from_entries([LexiconEntry(term="heroes", pattern="heroes", normalised="fighters")],
                                   anchors=["hero"])
    doc = FramingTagger(lexicon=lexicon)(make_doc("The heroes and the regime."))
    assert [(f.term, f.normalised) for f in doc.framing] == [("heroes", "fighters")]


def test_framing_summary_per_source() -> None:
    tagger = FramingTagger()
    docs = [tagger(Doc(document=Document(id=str(i), text=text, source=src)))
            for i, (text, src) in enumerate([("The regime and the regime.", "A"), ("Rebels attacked.", "B"),
                                             ("The regime fell.", "A"), ("Martyrs.", None)])]
    assert framing_summary(docs) == {"A": {"regime": 3}, "B": {"rebels": 1}, "unknown": {"martyrs": 1}}


def test_framing_lexicon_every_entry_anchored() -> None:
    lexicon = load_lexicon()
    assert lexicon.unanchored == ()
    assert len({e.term for e in lexicon.entries}) == len(lexicon.entries)
