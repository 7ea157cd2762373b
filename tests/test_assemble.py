from __future__ import annotations

from datetime import date

from sitrep.assemble import Assembler
from sitrep.schema import Actor, DateInfo, Doc, Document, EventCandidate, Place, PlaceMention, Sentence, Span
from sitrep.taxonomy import TYPE_OF_SUB, interaction

D = date(2016, 11, 3)


def _cand(sub: str, place: str, *, day: date = D, a1: str | None = "A", a2: str | None = "B",
          **kw: object) -> EventCandidate:
    pm = PlaceMention(span=Span(start=0, end=1, text=place), sentence_index=0,
                      place=Place(name=place, latitude=36.0, longitude=37.0, country="Syria"))
    return EventCandidate(
        sentence_index=0, trigger=Span(start=0, end=1, text="x"), event_type=TYPE_OF_SUB[sub],
        sub_event_type=sub, date=DateInfo(event_date=day), place=pm,
        actor1=Actor(name=a1, inter=2) if a1 else None, actor2=Actor(name=a2, inter=1) if a2 else None,
        **kw)


def _run(*cands: EventCandidate) -> Doc:
    doc = Doc(document=Document(id="d", text="x", date=date(2016, 11, 4)))
    doc.sentences = [Sentence(index=0, start=0, end=1, text="x")]
    doc.candidates = list(cands)
    return Assembler()(doc)


def test_assemble_explosion_inside_battle_merges_into_clash() -> None:
    doc = _run(_cand("Remote explosive/landmine/IED", "Halab al-Jadideh"),
               _cand("Armed clash", "Halab al-Jadideh"))
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"]


def test_assemble_two_places_two_events() -> None:
    doc = _run(_cand("Armed clash", "Halab al-Jadideh"), _cand("Armed clash", "3000 Apartments"))
    assert sorted(e.location for e in doc.events) == ["3000 Apartments", "Halab al-Jadideh"]


def test_assemble_two_days_two_events() -> None:
    doc = _run(_cand("Armed clash", "X"), _cand("Armed clash", "X", day=date(2016, 11, 2)))
    assert len(doc.events) == 2


def test_assemble_drops_hypothetical_negated_background_and_undated() -> None:
    undated = _cand("Armed clash", "Z")
    undated.date = None
    doc = _run(_cand("Armed clash", "X", hypothetical=True), _cand("Armed clash", "Y", negated=True),
               _cand("Armed clash", "W", background=True), undated)
    assert doc.events == []
    assert len(doc.notes) == 4


def test_assemble_interaction_lower_code_first() -> None:
    (event,) = _run(_cand("Armed clash", "X")).events
    assert event.interaction == "12" and event.inter1 == 2 and event.inter2 == 1
    assert interaction(7, None) == "70"
