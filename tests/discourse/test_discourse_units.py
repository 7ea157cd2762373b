"""The document-level stage on hand-built mentions: status, coreference, deaths counted once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sitrep.assemble import Assembler
from sitrep.discourse.coref import group_happenings, place_relation
from sitrep.discourse.cues import aggregate_cue, earlier_month_cue, no_number_cue, unspecified_time_cue
from sitrep.discourse.stage import DiscourseStage
from sitrep.discourse.status import focus_date, mention_status
from sitrep.schema import (
    Actor,
    Claim,
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
from sitrep.taxonomy import TYPE_OF_SUB

PUB = date(2016, 11, 4)


def _doc(*sentences: str) -> Doc:
    text, out, at = "", [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(index=i, start=at, end=at + len(s), text=s))
        text += s + " "
        at += len(s) + 1
    doc = Doc(document=Document(id="d", text=text, date=PUB))
    doc.sentences = out
    return doc


def _place(name: str, kind: str = "city", admin1: str = "Aleppo") -> Place:
    return Place(name=name, latitude=36.2, longitude=37.1, country="Syria", admin1=admin1, kind=kind,
                 place_id=f"{kind}:{name}")


def _cand(doc: Doc, sent: int, trigger: str, sub: str = "Armed clash", *, place: Place | None = None,
          place_text: str | None = None, day: date = PUB, date_rule: str = "weekday:sentence",
          fatalities: int = 0, figure_at: int | None = None, actors: tuple[str, ...] = ()) -> EventCandidate:
    s = doc.sentences[sent]
    at = s.start + s.text.index(trigger)
    pm = None
    if place is not None:
        pm = PlaceMention(span=Span(start=s.start, end=s.start + 1, text=place_text or place.name),
                          sentence_index=sent, place=place)
    cand = EventCandidate(sentence_index=sent, trigger=Span(start=at, end=at + len(trigger), text=trigger),
                          event_type=TYPE_OF_SUB[sub], sub_event_type=sub,
                          date=DateInfo(event_date=day, expression="Thursday"), place=pm,
                          fatalities=fatalities, fatalities_low=fatalities, fatalities_best=fatalities,
                          fatalities_high=fatalities,
                          actor1=Actor(name=actors[0], inter=1) if actors else None,
                          actor2=Actor(name=actors[1], inter=2) if len(actors) > 1 else None)
    cand.extra["date_rule"] = date_rule
    if fatalities and figure_at is not None:
        cand.evidence.append(Evidence(doc_id="d", field="fatalities", start=figure_at, end=figure_at + 2,
                                      text=str(fatalities)))
    return cand


@pytest.mark.parametrize("text", [
    "More than 300,000 people have been killed since the conflict began in 2011.",
    "The war has killed hundreds of thousands of people.",
    "At least 112 civilians have been killed since the rebel assault began on Sunday.",
    "Air strikes have killed 40 people over the past three weeks.",
    "so far this year 90 people died in the province",
    "Shelling in the past 48 hours killed 10 people in the city.",  # more than a day
    "The group counts 23 reporters killed in the country's 30-month war.",
    "At least 100 rebels have been killed by the police this year.",  # rule period-total
    "AT LEAST 100 MRTA MEMBERS HAVE BEEN KILLED BY THE POLICE THIS YEAR.",
    "Death squads had killed 2,000 people in 1989, the report said.",
    # rule toll-over-many-events
    "He said 145 guerrillas and 53 soldiers had been killed in 386 clashes in January.",
    "Over 600 peasants were murdered in more than 40 massacres by hired assassins.",
    "Cocaine lords have set off more than 260 bombs, killing at least 190 people.",
    "The rebels sustained 2,352 dead from 11 November 1989 to 30 January 1990.",
    "The command reports that 840 terrorists have been killed as of today.",
    "The army suffered 443 casualties during the same period.",
    "In only three months the press reported the discovery of 137 bodies.",
    "The 10-week war killed more than 1,000 people.",
    "The rebel offensive launched on Saturday has left more than 600 dead.",
    "The war between the Medellin and Cali drug cartels has already claimed more than 120 deaths.",
    "Since the party was founded, nearly 1,000 of its members have been murdered.",
    "Up until this morning 784 terrorists have been killed and 527 wounded.",
    "More than 200 soldiers have been killed in clashes that have taken place since 11 November.",
    "The national offensive launched on 12 November by the Farabundo Marti National Liberation Front "
    "against the government has resulted in 305 dead.",
])
def test_discourse_aggregate_cue_finds_running_tolls(text: str) -> None:
    assert aggregate_cue(text)


@pytest.mark.parametrize("text", [
    "At least 22 people were killed in air strikes on Raqqa on Saturday.",
    "A car bomb killed 44 people in Qamishli on Wednesday, the monitor said.",
    "Rebels shelled the district a day after the army advanced.",
    "Shelling in the past 24 hours killed 10 people in the city.",  # one day: one event
    "The deadliest attack this year has killed 40 people in the market.",  # ranks one event
    "Gunmen have killed five people on the 5th of this month in Lima.",  # dates it
    "Twelve soldiers were killed in an ambush this month, the army said.",  # no running count
    "Two attacks on the market killed 12 people in Azaz on Monday.",  # a count of the day's attacks
    "Rebels killed five soldiers in two ambushes near Idlib on Tuesday.",  # names them, same day
    "Gunmen killed three people in the attack on Sunday, police said.",
    "The offensive killed 30 fighters on Monday, the monitor said.",  # one day of it
    "Families fleeing from Aleppo to Idlib were killed when a shell hit their bus.",  # places, no dates
    "At least 20 were killed in nearly 40 air raids on Eastern Ghouta on Thursday.",  # one day's raids
])
def test_discourse_aggregate_cue_leaves_single_events(text: str) -> None:
    assert aggregate_cue(text) is None


def test_discourse_other_cues() -> None:
    assert no_number_cue("He did not offer a number for those killed.")
    assert no_number_cue("Ten people were killed.") is None
    assert unspecified_time_cue("The army says it has killed dozens of militants in recent weeks.")
    assert earlier_month_cue("In May an air raid on the camp left dozens dead", date(2016, 10, 2)) == "In May"
    assert earlier_month_cue("in October the town was shelled", date(2016, 10, 20)) is None
    assert earlier_month_cue("in late September the town was shelled", date(2016, 10, 2)) is None


def test_discourse_status_recalled_by_date_before_the_lede() -> None:
    doc = _doc("Rebels attacked the town on Thursday.", "The 2013 attack killed hundreds there.")
    lede = _cand(doc, 0, "attacked")
    old = _cand(doc, 1, "attack", "Chemical weapon", day=date(2013, 8, 21), date_rule="year:sentence")
    doc.candidates = [lede, old]
    focus = focus_date(doc)
    assert focus == PUB
    assert mention_status(doc, lede, focus).label == "new"
    status = mention_status(doc, old, focus)
    assert (status.label, status.rule) == ("recalled", "date.before_focus")


def test_discourse_status_keeps_flags_and_tolls() -> None:
    doc = _doc("Officials said the town would fall next.", "The conflict has killed thousands since 2011.")
    plan = _cand(doc, 0, "fall", "Non-state actor overtakes territory")
    plan.hypothetical = True
    toll = _cand(doc, 1, "killed", "Attack")
    assert mention_status(doc, plan, PUB).label == "irrealis"
    status = mention_status(doc, toll, PUB)
    assert status.label == "aggregate" and status.evidence


def test_discourse_coref_restatement_joins_but_other_neighbourhood_does_not() -> None:
    doc = _doc("Clashes in Aleppo on Thursday.", "Fighting raged in 3000 Apartments.", "Clashes hit Menyan.")
    city = _place("Aleppo")
    a = _cand(doc, 0, "Clashes", place=city)
    b = _cand(doc, 1, "Fighting", place=city, place_text="3000 Apartments")
    b.place.geo_precision = 2  # type: ignore[union-attr]
    c = _cand(doc, 2, "Clashes", place=city, place_text="Menyan")
    c.place.geo_precision = 2  # type: ignore[union-attr]
    haps = group_happenings([a, b, c])
    assert [[m.trigger.text for m in h.members] for h in haps] == [["Clashes", "Fighting"], ["Clashes"]]
    assert "same place" in haps[0].reasons[1]


def test_discourse_coref_region_contains_town_and_days_apart_split() -> None:
    doc = _doc("Air strikes hit Idlib province on Thursday.", "The strikes on Saraqib killed ten.",
               "Strikes hit Saraqib again a week later.")
    prov = _place("Idlib", kind="admin1", admin1="Idlib")
    town = _place("Saraqib", admin1="Idlib")
    a = _cand(doc, 0, "Air strikes", "Air/drone strike", place=prov)
    b = _cand(doc, 1, "strikes", "Air/drone strike", place=town)
    c = _cand(doc, 2, "Strikes", "Air/drone strike", place=town, day=date(2016, 11, 11))
    assert place_relation(a, b) == "Idlib contains Saraqib"
    haps = group_happenings([a, b, c])
    assert len(haps) == 2 and len(haps[0].members) == 2


def test_discourse_coref_disjoint_dyads_stay_apart() -> None:
    doc = _doc("Army and rebels clashed in Hama.", "Kurds and ISIS fought in Hama.")
    hama = _place("Hama", admin1="Hama")
    a = _cand(doc, 0, "clashed", place=hama, actors=("Army", "Rebels"))
    b = _cand(doc, 1, "fought", place=hama, actors=("Kurds", "ISIS"))
    assert len(group_happenings([a, b])) == 2


def test_discourse_stage_counts_a_shared_figure_once_and_explains() -> None:
    doc = _doc("A car bomb killed 16 in Azaz on Thursday.", "Elsewhere, rebels seized Menyan on Thursday.")
    azaz, menyan = _place("Azaz"), _place("Menyan")
    bomb = _cand(doc, 0, "car bomb", "Remote explosive/landmine/IED", place=azaz, fatalities=16, figure_at=20)
    seized = _cand(doc, 1, "seized", "Non-state actor overtakes territory", place=menyan, fatalities=16,
                   figure_at=20)
    doc.candidates = [seized, bomb]
    DiscourseStage()(doc)
    assert bomb.fatalities == 16 and seized.fatalities == 0
    assert any("counted in happening" in w for w in seized.extra["why"])
    assert bomb.extra["status"] == "new" and bomb.extra["happening"] != seized.extra["happening"]


def test_discourse_stage_restated_toll_counted_once() -> None:
    doc = _doc("Suicide bomber kills 25 soldiers in Aleppo.", "On Monday a bomber killed 25 in Aleppo, they said.")
    aleppo = _place("Aleppo")
    head = _cand(doc, 0, "Suicide bomber", "Suicide bomb", place=aleppo, fatalities=25, figure_at=22,
                 day=date(2016, 11, 4))
    body = _cand(doc, 1, "bomber", "Suicide bomb", place=_place("Aleppo", kind="admin1"), fatalities=25,
                 figure_at=70, day=date(2016, 11, 2))
    doc.candidates = [head, body]
    DiscourseStage()(doc)
    assert head.fatalities + body.fatalities == 25


def test_discourse_stage_article_of_only_background_says_why() -> None:
    doc = _doc("The war has killed more than 400,000 people since 2011.")
    doc.candidates = [_cand(doc, 0, "killed", "Attack")]
    DiscourseStage()(doc)
    assert doc.candidates[0].extra["status"] == "aggregate"
    assert any("no happening reported as new" in n for n in doc.notes)


def test_discourse_day_total_then_details_counts_each_death_once() -> None:
    doc = _doc("Air strikes killed 16 people in Aleppo province on Thursday.",
               "Raids killed 10 civilians in Atareb on Thursday.", "A raid killed 2 in Anadan on Thursday.")
    province = _place("Aleppo", kind="admin1", admin1="Aleppo")
    total = _cand(doc, 0, "Air strikes", "Air/drone strike", place=province, fatalities=16, figure_at=20)
    atareb = _cand(doc, 1, "Raids", "Air/drone strike", place=_place("Atareb", kind="town"), fatalities=10,
                   figure_at=75)
    anadan = _cand(doc, 2, "raid", "Air/drone strike", place=_place("Anadan", kind="town"), fatalities=2,
                   figure_at=120)
    doc.candidates = [total, atareb, anadan]
    DiscourseStage()(doc)
    assert (total.fatalities, atareb.fatalities, anadan.fatalities) == (4, 10, 2)
    assert any("day's total" in w for w in total.extra["why"])


def test_discourse_province_total_holds_its_capital_city() -> None:
    doc = _doc("At least 70 fighters were killed in Aleppo province on Thursday.",
               "The monitor said 50 fighters were killed in battles around Aleppo on Thursday.")
    province = _place("Aleppo", kind="admin1", admin1="Aleppo")
    total = _cand(doc, 0, "killed", place=province, fatalities=70, figure_at=9)
    # 50 is no round figure of 70 (a lede restated, see coref.restated_lede): a total, then a detail
    detail = _cand(doc, 1, "battles", place=_place("Aleppo", kind="city"), fatalities=50, figure_at=80)
    doc.candidates = [total, detail]
    DiscourseStage()(doc)
    assert total.fatalities + detail.fatalities == 70


def test_discourse_place_named_only_by_a_condition_is_not_inherited() -> None:
    doc = _doc("Rebels shelled Aleppo on Thursday.", "If they take Ard al-Sabbagh, the siege breaks.",
               "Their attack in recent days turned the army into a defender.")
    city = _place("Aleppo")
    lede = _cand(doc, 0, "shelled", "Shelling/artillery/missile attack", place=city)
    plan = _cand(doc, 1, "take", "Non-state actor overtakes territory", place=_place("Ard al-Sabbagh", kind="neighbourhood"))
    plan.hypothetical = True
    later = _cand(doc, 2, "attack", place=_place("Ard al-Sabbagh", kind="neighbourhood"))
    assert later.place is not None
    later.place.sentence_index = 1  # inherited from the conditional sentence
    doc.candidates = [lede, plan, later]
    DiscourseStage()(doc)
    assert later.place is not None and later.place.place is not None
    assert later.place.place.name == "Aleppo" and later.place.geo_precision >= 2
    assert any("reports no news" in w for w in later.extra["why"])


def test_discourse_civilians_killed_by_a_strike_are_the_strike() -> None:
    doc = _doc("Air strikes hit Manbij on Thursday.", "The strikes killed 15 civilians in Manbij on Thursday.",
               "Rebels clashed with the army in Manbij on Thursday.")
    manbij = _place("Manbij")
    strike = _cand(doc, 0, "Air strikes", "Air/drone strike", place=manbij)
    victims = _cand(doc, 1, "killed", "Attack", place=manbij, fatalities=15, figure_at=60)
    clash = _cand(doc, 2, "clashed", place=manbij)
    haps = group_happenings([strike, victims])
    assert len(haps) == 1 and "restates" in haps[0].reasons[1]
    apart = group_happenings([victims, _cand(doc, 2, "clashed", place=manbij)])
    assert len(apart) == 2  # an attack and a battle stay two events (ACLED notes code both)
    del clash


def _lede_and_body(*, lede_sub: str = "Air/drone strike", lede_toll: int = 8, body_toll: int = 0,
                   body_day: date = date(2016, 11, 2), lede_place: Place | None = None,
                   lede_actors: tuple[str, ...] = (), body_sub: str = "Air/drone strike"
                   ) -> tuple[Doc, EventCandidate, EventCandidate]:
    doc = _doc("Airstrikes killed eight rescuers, activists said.",
               "The raid hit their centre in Kafr Zita on Wednesday.")
    lede = _cand(doc, 0, "Airstrikes", lede_sub, place=lede_place, date_rule="default", fatalities=lede_toll,
                 actors=lede_actors)
    body = _cand(doc, 1, "raid", body_sub, place=_place("Kafr Zita", admin1="Hama"), day=body_day,
                 fatalities=body_toll, actors=("Russia", "Civilians") if lede_actors else ())
    doc.candidates = [lede, body]
    return doc, lede, body


def test_discourse_coref_placeless_lede_restated_in_the_body_is_one_happening() -> None:
    doc, lede, body = _lede_and_body()
    DiscourseStage(salience=None)(doc)
    assert lede.extra["happening"] == body.extra["happening"]
    assert any("coreference: the body places the lede" in w for w in body.extra["why"])
    # the lede had only the publication's day: the happening takes the body's
    assert lede.date is not None and lede.date.event_date == date(2016, 11, 2)
    (event,) = Assembler()(doc).events
    assert event.fatalities == 8 and event.location == "Kafr Zita" and event.event_date == date(2016, 11, 2)


@pytest.mark.parametrize("case", [
    {"body_toll": 8, "lede_place": _place("Syria", kind="country", admin1="")},  # the country holds the town
    {"body_toll": 10},  # eight rescuers among ten dead
    {"lede_toll": 30, "body_toll": 28},  # a round figure of the body's count
    {"body_day": date(2016, 11, 1)},  # three days before the publication: the news window's first day
])
def test_discourse_coref_compatible_ledes_join(case: dict[str, object]) -> None:
    _, lede, body = _lede_and_body(**case)  # type: ignore[arg-type]
    haps = group_happenings([lede, body])
    assert len(haps) == 1 and "the body places the lede" in haps[0].reasons[1]


@pytest.mark.parametrize("case", [
    {"lede_toll": 20, "body_toll": 8},  # the lede tells more deaths than the body places: a total, then a detail
    {"body_day": date(2016, 10, 30)},  # five days before the publication: outside the news window
    {"lede_place": _place("Saraqib", admin1="Idlib")},  # the lede names another town
    {"lede_place": _place("Idlib", kind="admin1", admin1="Idlib")},  # a province that does not hold the town
    {"body_sub": "Peaceful protest"},  # another family
    {"body_sub": "Non-state actor overtakes territory"},  # a capture is its own event, not a lede's restatement
    {"lede_actors": ("Rebels", "Army")},  # other sides
])
def test_discourse_coref_incompatible_ledes_stay_apart(case: dict[str, object]) -> None:
    _, lede, body = _lede_and_body(**case)  # type: ignore[arg-type]
    assert len(group_happenings([lede, body])) == 2


def test_discourse_coref_body_dates_a_placed_lede_dated_by_the_publication() -> None:
    """Rule body-dates-the-lede: 'Police identified two men killed in a shooting' (the day only
    the publication's) and 'The shooting happened about 7:42 p.m. Sunday' (its day, no place of
    its own) are one happening; a body mention of another day outside the news window is not."""
    doc = _doc("Police in Marlow identified two men killed in a shooting.",
               "The shooting happened about 7:42 p.m. Sunday, investigators say.")
    marlow = _place("Marlow")
    lede = _cand(doc, 0, "shooting", "Attack", place=marlow, date_rule="default", fatalities=2)
    body = _cand(doc, 1, "shooting", "Attack", place=marlow, day=PUB - timedelta(days=2))
    body.place = lede.place  # inherited from the lede, not its own sentence's
    haps = group_happenings([lede, body])
    assert len(haps) == 1 and "rule body-dates-the-lede" in haps[0].reasons[1]
    late = _cand(doc, 1, "shooting", "Attack", place=marlow, day=PUB - timedelta(days=6))
    late.place = lede.place
    lede2 = _cand(doc, 0, "shooting", "Attack", place=marlow, date_rule="default", fatalities=2)
    assert len(group_happenings([lede2, late])) == 2


def _day_toll_article(toll_sentence: str, *, second_actors: tuple[str, str] = ("Rebels", "Army")
                      ) -> tuple[EventCandidate, EventCandidate]:
    """Fighting in two districts on Thursday, then a toll sentence; the first district's mention
    carries the toll, as the fatalities stage gives a mention the figures of the sentences after it."""
    doc = _doc("Rebels attacked army positions in Hamdaniya on Thursday.",
               "Rebels also assaulted army posts in Ramouseh on Thursday.", toll_sentence)
    third = doc.sentences[2]
    at = third.start + third.text.index("57")
    first = _cand(doc, 0, "attacked", place=_place("Hamdaniya", kind="neighbourhood"), fatalities=57,
                  figure_at=at, actors=("Rebels", "Army"))
    first.claims.append(Claim(quantity="killed", low=57, high=57, start=at, end=at + 2,
                              claimant_chain=["Outlet", "medical sources"]))
    second = _cand(doc, 1, "assaulted", place=_place("Ramouseh", kind="neighbourhood"), actors=second_actors)
    doc.candidates = [first, second]
    DiscourseStage()(doc)
    return first, second


def test_discourse_day_toll_spanning_two_districts_is_divided() -> None:
    # coding rules, "Fatalities": a total that spans several events is divided among them
    first, second = _day_toll_article("The military hospital received 57 bodies on Thursday, sources said.")
    assert (first.fatalities, second.fatalities) == (29, 28)
    assert any("total-spans-its-day" in w for w in first.extra["why"] + second.extra["why"])
    assert [c.low for c in second.claims] == [57]  # the claim and its chain travel with each share
    assert second.claims[0].claimant_chain == ["Outlet", "medical sources"]


def test_discourse_day_toll_told_of_one_district_or_other_sides_is_not_divided() -> None:
    named, _ = _day_toll_article("The hospital said 57 bodies came from Hamdaniya on Thursday.")
    assert named.fatalities == 57
    first, second = _day_toll_article("The military hospital received 57 bodies on Thursday.",
                                      second_actors=("Kurds", "Islamic State"))
    assert (first.fatalities, second.fatalities) == (57, 0)
