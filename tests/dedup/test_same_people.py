"""Two outlets' reports of one shooting name the same victim; two shootings in one city do not.

Team-made reports. The geocoder's point is deliberately wrong for one report (a slip to a town of
the same name in another state): the people named, the dates (allowing the reporting delay) and the
types decide.
"""

from __future__ import annotations

from datetime import date

from sitrep.dedup.features import doc_context, people_names
from sitrep.dedup.index import MergeIndex
from sitrep.schema import Event

A = ("Police say Marla Quintero, 34, was shot outside her home on Thursday night. Neighbours said "
     "Quintero had just come back from work. Sheriff Dale Hobbs said no arrest had been made.")
B = ("A woman shot on Thursday has died. Marla Quintero was taken to a hospital where she died. "
     "Investigators are asking for help. Dale Hobbs said the case is open.")
OTHER = ("Police say Teodoro Vance, 41, was shot on Thursday in a parking lot. No arrest was made, "
         "Sheriff Dale Hobbs said.")


def _event(doc: str, day: date, lat: float, lon: float, location: str, admin1: str) -> Event:
    return Event(event_id_cnty=f"USA-{doc}", event_date=day, year=day.year, time_precision=1,
                 disorder_type="Political violence", event_type="Violence against civilians",
                 sub_event_type="Attack", actor1="Unidentified Armed Group (United States)", inter1=3,
                 actor2="Civilians (United States)", inter2=7, interaction="37", country="United States",
                 admin1=admin1, location=location, latitude=lat, longitude=lon, geo_precision=1,
                 source="test", notes="A woman was shot.", fatalities=1, doc_id=doc, doc_ids=[doc])


def test_people_names_are_full_names_not_places_groups_or_speakers() -> None:
    assert people_names(A) == {"marla quintero"}  # the sheriff is quoted: not a particular
    text = ("Clashes in Nad Ali and near Pul-e Khumri city; Boko Haram militants attacked. "
            "North Carolina police named the victim as Jonas Whitfield. Andrew Kessler said it was sad.")
    assert people_names(text) == {"jonas whitfield"}


def test_reports_naming_the_same_victim_merge_despite_a_geocoder_slip() -> None:
    index = MergeIndex(contexts={
        "a": doc_context(A, published=date(2016, 3, 11)),
        "b": doc_context(B, published=date(2016, 3, 15)),
        "other": doc_context(OTHER, published=date(2016, 3, 11)),
    })
    first, _ = index.add(_event("a", date(2016, 3, 10), 40.1, -75.1, "Milltown", "Pennsylvania"))
    # the later report is dated on its own publication day and geocoded 2,000 km away
    cid, match = index.add(_event("b", date(2016, 3, 15), 39.0, -104.9, "Milltown", "Colorado"))
    assert cid == first and match is not None
    assert match.features["decision"] == "same people"
    assert match.features["people"] == ["marla quintero"]
    # the same city and day, another victim: another incident (the quoted sheriff is no link)
    cid_other, match_other = index.add(_event("other", date(2016, 3, 10), 40.1, -75.1, "Milltown",
                                              "Pennsylvania"))
    assert match_other is None or match_other.features.get("decision") != "same people"


def test_a_name_in_many_incidents_is_no_particular() -> None:
    text = "Carmen Ostrova, a neighbour, was there. A man was shot."
    days = [date(2016, 1, 1), date(2016, 2, 20), date(2016, 4, 10), date(2016, 4, 11)]
    index = MergeIndex(contexts={f"d{i}": doc_context(text, published=d) for i, d in enumerate(days)})
    for i in range(3):  # three incidents months apart that all name her: she is common
        _, match = index.add(_event(f"d{i}", days[i], 30.0 + 3 * i, -90.0, f"Town{i}", f"State{i}"))
        assert match is None
    assert index.common("carmen ostrova")
    _, match = index.add(_event("d3", days[3], 45.0, -70.0, "Elsewhere", "Maine"))
    assert match is None
    fresh = MergeIndex(contexts={"x": doc_context(text, published=days[2]),
                                 "y": doc_context(text, published=days[3])})
    fresh.add(_event("x", days[2], 36.0, -90.0, "Town2", "State2"))
    _, match = fresh.add(_event("y", days[3], 45.0, -70.0, "Elsewhere", "Maine"))
    assert match is not None  # named in one incident only, she links the two reports


def test_a_date_stated_in_full_gets_no_reporting_delay() -> None:
    """A report that says "on 10 March" happened then; one dated only by its publication day may
    be weeks late. Same people, dates five days apart: one incident only in the second case."""
    from sitrep.schema import Evidence

    def dated(doc: str, day: date, text: str | None) -> Event:
        ev = _event(doc, day, 40.1, -75.1, "Milltown", "Pennsylvania")
        spans = [Evidence(doc_id=doc, field="event_date", start=0, end=len(text), text=text)] if text else []
        return ev.model_copy(update={"evidence": spans})

    def index() -> MergeIndex:
        return MergeIndex(contexts={"a": doc_context(A, published=date(2016, 3, 10)),
                                    "b": doc_context(B, published=date(2016, 3, 15))})

    stated = index()
    stated.add(dated("a", date(2016, 3, 10), "10 March"))
    _, match = stated.add(dated("b", date(2016, 3, 15), "15 March"))
    assert match is None
    published = index()
    published.add(dated("a", date(2016, 3, 10), "10 March"))
    _, match = published.add(dated("b", date(2016, 3, 15), None))
    assert match is not None and (match.features.get("decision") == "same people"
                                  or match.features.get("date_rule") == "undated_report_lags")


def test_a_victim_named_only_further_down_is_another_incident() -> None:
    """A report of a new shooting recalls last week's victim after its lede: no link."""
    later = ("Police say Teodoro Vance, 41, was shot on Thursday in a parking lot. " + "The area is quiet. " * 150
             + "Last week Marla Quintero was shot nearby.")
    index = MergeIndex(contexts={"a": doc_context(A, published=date(2016, 3, 11)),
                                 "later": doc_context(later, published=date(2016, 3, 15))})
    index.add(_event("a", date(2016, 3, 10), 40.1, -75.1, "Milltown", "Pennsylvania"))
    _, match = index.add(_event("later", date(2016, 3, 15), 39.0, -104.9, "Milltown", "Colorado"))
    assert match is None


def test_one_shooting_coded_as_a_clash_by_one_outlet_and_an_attack_by_another() -> None:
    index = MergeIndex(contexts={"a": doc_context(A, published=date(2016, 3, 11)),
                                 "b": doc_context(B, published=date(2016, 3, 12))})
    index.add(_event("a", date(2016, 3, 10), 40.1, -75.1, "Milltown", "Pennsylvania"))
    clash = _event("b", date(2016, 3, 12), 39.0, -104.9, "Milltown", "Colorado").model_copy(
        update={"disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash"})
    _, match = index.add(clash)
    assert match is not None and match.features["decision"] == "same people"


def test_a_group_the_actor_knowledge_base_knows_is_no_particular() -> None:
    """"Al Shabaab" reads like a full name, but a group is named in every attack it makes."""
    a = "Witnesses blamed Al Shabaab for the blast at a checkpoint."
    b = "Witnesses blamed Al Shabaab for the attack on a convoy."
    assert "al shabaab" in people_names(a)
    index = MergeIndex(contexts={"a": doc_context(a, published=date(2016, 3, 11)),
                                 "b": doc_context(b, published=date(2016, 3, 11))})
    index.add(_event("a", date(2016, 3, 10), 2.0, 45.3, "Milltown", "Banaadir"))
    _, match = index.add(_event("b", date(2016, 3, 10), 1.7, 44.8, "Marka", "Lower Shabeelle"))
    assert match is None


def test_a_report_without_a_point_keeps_the_place_its_sentence_names() -> None:
    """Same person, two places named: the report the geocoder could not place at all did not slip
    to a namesake, so its named place stands against the other report's."""
    text = "Party cadres including Tutwa Quimby beat members of a rival faction."
    index = MergeIndex(contexts={"a": doc_context(text, published=date(2016, 3, 11)),
                                 "b": doc_context(text, published=date(2016, 3, 11))})
    unplaced = _event("a", date(2016, 3, 10), 40.1, -75.1, "Milltown", "Pennsylvania").model_copy(
        update={"latitude": None, "longitude": None, "location": None, "admin1": None,
                "notes": "Cadres beat members of a rival faction in Kindar."})
    placed = _event("b", date(2016, 3, 10), 39.0, -104.9, "Bemal", "Colorado").model_copy(
        update={"notes": "Cadres beat members of a rival faction in Bemal."})
    index.add(unplaced)
    _, match = index.add(placed)
    assert match is None
    same = MergeIndex(contexts=dict(index.contexts))
    same.add(unplaced)
    _, match = same.add(placed.model_copy(update={"notes": "Cadres beat members of a rival faction in Kindar."}))
    assert match is not None and match.features["decision"] == "same people"
