from __future__ import annotations

from datetime import date

from sitrep.assemble import Assembler
from sitrep.schema import (
    Actor,
    DateInfo,
    Doc,
    Document,
    EventCandidate,
    Evidence,
    Place,
    PlaceMention,
    Sentence,
    Span,
)
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


def test_assemble_headline_restating_the_body_is_not_a_second_event() -> None:
    text = "Shelling kills five in Idlib\n\nForces shelled Ariha on Monday, killing five."
    doc = Doc(document=Document(id="h", text=text, date=date(2020, 1, 7)))
    doc.sentences = [Sentence(index=0, start=0, end=28, text=text[:28]),
                     Sentence(index=1, start=30, end=len(text), text=text[30:])]
    head = _cand("Shelling/artillery/missile attack", "Idlib", day=date(2020, 1, 7))
    body = _cand("Shelling/artillery/missile attack", "Ariha", day=date(2020, 1, 6))
    body.sentence_index = 1
    doc.candidates = [head, body]
    out = Assembler()(doc)
    assert [e.location for e in out.events] == ["Ariha"]
    assert any("headline" in n for n in out.notes)


def test_assemble_headline_in_the_body_happening_lends_its_toll_not_its_place() -> None:
    """The discourse stage put the headline in the body's happening: its updated toll counts for
    that event; the body still decides place, date and sides."""
    text = "Death toll in Idlib shelling rises to 12\n\nForces shelled Ariha on Monday, killing five."
    doc = Doc(document=Document(id="h", text=text, date=date(2020, 1, 7)))
    cut = text.index("\n")
    doc.sentences = [Sentence(index=0, start=0, end=cut, text=text[:cut]),
                     Sentence(index=1, start=cut + 2, end=len(text), text=text[cut + 2:])]
    head = _cand("Shelling/artillery/missile attack", "Idlib", day=date(2020, 1, 7), a1="Headline side",
                 fatalities=12, extra={"happening": 0})
    body = _cand("Shelling/artillery/missile attack", "Ariha", day=date(2020, 1, 6), fatalities=5,
                 extra={"happening": 0})
    body.sentence_index = 1
    doc.candidates = [head, body]
    out = Assembler()(doc)
    assert [(e.location, e.event_date, e.fatalities, e.actor1) for e in out.events] == \
        [("Ariha", date(2020, 1, 6), 12, "A")]


def test_assemble_territory_subtype_follows_who_took_it() -> None:
    (event,) = _run(_cand("Government regains territory", "X", a1="Rebels", a2=None)).events
    assert event.sub_event_type == "Non-state actor overtakes territory"


def test_assemble_protest_met_by_force_is_one_event() -> None:
    doc = _run(_cand("Peaceful protest", "Nairobi", a1="P", a2=None),
               _cand("Protest with intervention", "Nairobi", a1="P", a2="Police"))
    assert [e.sub_event_type for e in doc.events] == ["Protest with intervention"]


def test_every_evidence_span_is_the_text_it_points_at() -> None:
    """An event placed only by the document's country (no place named) gets no empty location span."""
    from sitrep.config import Settings
    from sitrep.pipeline import Pipeline
    from sitrep.schema import Document

    pipeline = Pipeline(Settings())
    for text in ("Unidentified gunmen shot dead two farmers on Tuesday, police said.",
                 "Soldiers clashed with militants on Monday, killing four."):
        doc = pipeline(Document(id="ev", text=text, date="2021-03-04", country="Nigeria"))
        assert [e.country for e in doc.events] == ["Nigeria"]
        for event in doc.events:
            for span in event.evidence:
                assert span.text.strip(), (event.location, span)
                assert text[span.start:span.end] == span.text


def _fallback(sub: str, span: str, **kw: object) -> EventCandidate:
    """A candidate at a name the gazetteer did not know, placed at Aleppo city (precision 2)."""
    cand = _cand(sub, "Aleppo", **kw)
    assert cand.place is not None
    cand.place = cand.place.model_copy(update={"span": Span(start=0, end=1, text=span),
                                               "geo_precision": 2})
    return cand


def test_assemble_unknown_places_at_one_city_split_unless_the_same_two_sides_fight() -> None:
    # a battle in one unknown district and an air strike on civilians in another: two events
    doc = _run(_fallback("Non-state actor overtakes territory", "Dahiyat al-Assad"),
               _fallback("Air/drone strike", "Salah al-Din", a1="B", a2="Civilians"))
    assert sorted(e.sub_event_type for e in doc.events) == [
        "Air/drone strike", "Non-state actor overtakes territory"]
    # the same two sides fighting with car bombs around two unknown districts: one battle
    doc = _run(_fallback("Armed clash", "3000 Apartments"),
               _fallback("Remote explosive/landmine/IED", "Halab al-Jadideh"))
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"]


def test_assemble_unknown_place_at_a_city_is_not_the_city_for_other_sides() -> None:
    # shelling of the city itself, and a village retaken "north-east of the city" placed there
    doc = _run(_cand("Shelling/artillery/missile attack", "Aleppo", a1="B", a2="Civilians"),
               _fallback("Government regains territory", "Rubizhne", a1="C", a2="B"))
    assert len(doc.events) == 2


def _dated(day: date, words: str | None, sentence: int = 0) -> EventCandidate:
    cand = _cand("Attack", "Fairbanks", day=day)
    cand.date = DateInfo(event_date=day, expression=words)
    cand.sentence_index = sentence
    return cand


def test_assemble_happening_is_dated_by_the_day_it_began() -> None:
    from datetime import timedelta

    from sitrep.assemble import event_from_group

    doc = _run()
    doc.sentences = [Sentence(index=i, start=0, end=1, text="x") for i in range(4)]
    friday, saturday = D - timedelta(days=1), D
    whys: list[str] = []
    for group in ([_dated(friday, "Friday afternoon"), _dated(saturday, "early Saturday", 3)],
                  [_dated(saturday, "early Saturday", 3), _dated(friday, "Friday afternoon")]):
        event = event_from_group(doc, group)
        assert event.event_date == friday  # the victim who died early Saturday was shot on Friday
        whys += event.why or []
    # whichever mention heads the group, the day comes out the same; when the later one heads
    # it, the event says which rule moved its date
    assert any("onset-date" in w for w in whys)
    # a date with no words of its own (the publication's) and a day far back are not the onset
    assert event_from_group(doc, [_dated(saturday, "early Saturday"), _dated(friday, None, 2)]).event_date == saturday
    # nor a day the mention took from the sentence before it ("Protesters marched on Friday. The
    # shooting ..."): the words are that sentence's, not the shooting's
    lent = _dated(friday, "Friday", 2)
    lent.extra["date_rule"] = "dow:context"
    assert event_from_group(doc, [_dated(saturday, "early Saturday"), lent]).event_date == saturday
    far = D - timedelta(days=3)
    assert event_from_group(doc, [_dated(saturday, "early Saturday"), _dated(far, "on Wednesday", 2)]).event_date == saturday


def test_assemble_weakly_typed_restatement_does_not_retype_the_happening() -> None:
    from sitrep.assemble import event_from_group

    doc = _run()
    bomb = _cand("Suicide bomb", "Nangarhar", score=0.67)
    attack = _cand("Armed clash", "Nangarhar", score=0.18)  # "the attack": a generic word
    event = event_from_group(doc, [bomb, attack])
    assert event.sub_event_type == "Suicide bomb" and event.event_type == "Explosions/Remote violence"
    assert any("weak-typing" in w for w in event.why or [])
    # two sure mentions: a bombing inside a battle is still the battle (ACLED)
    event = event_from_group(doc, [_cand("Suicide bomb", "Nangarhar", score=0.67),
                                   _cand("Armed clash", "Nangarhar", score=0.6)])
    assert event.sub_event_type == "Armed clash"


def _deaths_doc(town_role: str = "event", towns: tuple[str, ...] = ("Khan Sheikhoun",)) -> Doc:
    """A lede placing a chemical attack only in Syria; its 72 deaths told in a later sentence
    that names ``towns`` (with ``town_role``)."""
    lede = "A chemical attack in Syria killed 72 people."
    later = "At least 72 people died in the town of " + " and ".join(towns) + "."
    text = f"{lede} {later}"
    start = len(lede) + 1
    doc = Doc(document=Document(id="d", text=text, date=date(2017, 4, 5)))
    doc.sentences = [Sentence(index=0, start=0, end=len(lede), text=lede),
                     Sentence(index=1, start=start, end=len(text), text=later)]
    syria = PlaceMention(span=Span(start=22, end=27, text="Syria"), sentence_index=0,
                         place=Place(name="Syria", country="Syria", kind="country"), geo_precision=3)
    for town in towns:
        at = text.index(town)
        doc.places.append(PlaceMention(span=Span(start=at, end=at + len(town), text=town), sentence_index=1,
                                       place=Place(name=town, latitude=35.4, longitude=36.6, country="Syria",
                                                   admin1="Idlib", kind="town", place_id=town),
                                       role=town_role))
    figure = text.index("72 people died")
    cand = EventCandidate(sentence_index=0, trigger=Span(start=2, end=17, text="chemical attack"),
                          event_type="Explosions/Remote violence", sub_event_type="Chemical weapon",
                          date=DateInfo(event_date=date(2017, 4, 4)), place=syria, fatalities=72,
                          actor1=Actor(name="A", inter=1))
    cand.evidence = [Evidence(doc_id="d", field="fatalities", start=figure, end=figure + 2, text="72")]
    doc.candidates = [cand]
    return Assembler()(doc)


def test_assemble_event_in_a_country_happened_where_its_deaths_are_placed() -> None:
    event = _deaths_doc().events[0]
    assert (event.location, event.admin1) == ("Khan Sheikhoun", "Idlib")
    assert any("deaths-place" in w for w in event.why)


def test_assemble_deaths_place_needs_one_place_where_they_happened() -> None:
    assert _deaths_doc(town_role="source").events[0].location == "Syria"  # the hospital that counted
    assert _deaths_doc(towns=("Khan Sheikhoun", "Saraqib")).events[0].location == "Syria"


def test_assemble_air_strike_keeps_the_foreign_force_that_flew_it() -> None:
    from sitrep.assemble import STORY_SENTENCES, event_from_group

    story = _run()
    story.sentences = [Sentence(index=i, start=0, end=1, text="x") for i in range(STORY_SENTENCES)]
    # "intense fighting between the militants and rebels" (a weak battle word) and the coalition's
    # air strikes are one happening typed as the strike: its flier is actor1, not the rebels
    battle = _cand("Armed clash", "Manbij", a1="Rebels", a2="Islamic State", score=0.2)
    strike = _cand("Air/drone strike", "Manbij", a1=None, a2="Islamic State", score=0.63)
    strike.actor1 = Actor(name="Coalition", inter=8)
    event = event_from_group(story, [battle, strike])
    assert event.sub_event_type == "Air/drone strike" and event.actor1 == "Coalition"
    # a short note names its sides first ("an incursion backed by coalition airstrikes")
    assert event_from_group(_run(), [battle, strike]).actor1 == "Rebels"
    # the country's own air force (the default when nobody is named as flying) keeps the old order
    strike.actor1 = Actor(name="Air Force", inter=1)
    assert event_from_group(story, [battle, strike]).actor1 == "Rebels"
