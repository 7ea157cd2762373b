"""Rule ``dateline-holds-its-parts`` (issue 22): a local report datelined in a town tells what
happened in and around it; a small namesake of one of its names far away is another place.

Team-made reports and a hand-made gazetteer: "Maple Heights" is a small town in two far states and,
in one case, also a village within the dateline town's reach.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.schema import Doc

Geocode = Callable[..., Doc]


def _rec(uid: str, name: str, lat: float, lon: float, kind: str, population: int, admin1: str) -> PlaceRecord:
    return PlaceRecord(uid=uid, name=name, lat=lat, lon=lon, kind=kind, population=population,
                       admin1=admin1, cc="US", country="United States")


BASE = [
    _rec("c:US", "United States", 38.9, -77.0, "country", 300_000_000, ""),
    _rec("a1:oh", "Ohio", 40.4, -82.7, "admin1", 11_000_000, "Ohio"),
    _rec("t:centerville", "Centerville", 39.63, -84.16, "town", 23_000, "Ohio"),
    _rec("t:maple-co", "Maple Heights", 39.7, -105.0, "town", 90_000, "Colorado"),
    _rec("t:maple-ut", "Maple Heights", 40.7, -111.9, "town", 3_000, "Utah"),
    _rec("t:columbus", "Columbus", 39.96, -83.0, "city", 900_000, "Ohio"),
    _rec("t:columbus-ga", "Columbus", 32.46, -84.99, "city", 200_000, "Georgia"),
]


def _place(doc: Doc) -> tuple[str, str, int]:
    pm = doc.candidates[0].place
    assert pm is not None and pm.place is not None
    return (pm.fallback_from or pm.place.name), pm.place.name, pm.geo_precision


def test_a_far_small_namesake_is_a_part_of_the_dateline_town(geocode: Geocode) -> None:
    doc = geocode(MemoryGazetteer(BASE), "CENTERVILLE, Ohio (WXYZ) — Two men were shot on Sunday night "
                  "in Maple Heights, police said.", ["shot"], sub="Attack")
    # the name is kept, the point is the dateline town's, at ACLED's precision for a part of it
    assert _place(doc) == ("Maple Heights", "Centerville", 2)


def test_the_namesake_within_the_dateline_towns_reach_is_the_place(geocode: Geocode) -> None:
    gaz = MemoryGazetteer([*BASE, _rec("t:maple-oh", "Maple Heights", 40.03, -84.16, "village", 900, "Ohio")])
    doc = geocode(gaz, "CENTERVILLE (WXYZ) — Two men were shot on Sunday night in Maple Heights, "
                  "police said.", ["shot"], sub="Attack")
    pm = doc.candidates[0].place
    assert pm is not None and pm.place is not None
    assert (pm.place.name, pm.place.admin1, pm.geo_precision) == ("Maple Heights", "Ohio", 1)


def test_a_big_town_elsewhere_is_named_for_itself(geocode: Geocode) -> None:
    doc = geocode(MemoryGazetteer(BASE), "CENTERVILLE, Ohio (WXYZ) — A man was shot on Sunday night "
                  "in Columbus, police said.", ["shot"], sub="Attack")
    pm = doc.candidates[0].place
    assert pm is not None and pm.place is not None
    assert (pm.place.name, pm.place.admin1) == ("Columbus", "Ohio")


def test_without_a_dateline_the_rule_does_not_apply(geocode: Geocode) -> None:
    doc = geocode(MemoryGazetteer(BASE), "Two men were shot on Sunday night in Maple Heights, police said.",
                  ["shot"], sub="Attack")
    pm = doc.candidates[0].place
    assert pm is not None and pm.place is not None
    assert pm.place.name == "Maple Heights" and pm.fallback_from is None


def test_at_after_a_verb_of_aiming_names_a_target_not_a_place() -> None:
    from sitrep.geo.spans import find_spans

    text = "He shot at Darnell Vickers outside a store in Marlow."
    spans = {text[s.start:s.end]: s for s in find_spans(text)}
    assert not spans["Darnell Vickers"].locative  # "shot at": the one aimed at
    assert spans["Marlow"].locative  # "in Marlow": where it happened


def test_a_photo_credit_names_no_place() -> None:
    """Rule credit-is-no-place: who took the photo and for which outlet is no place of the story."""
    from sitrep.geo.spans import find_spans

    text = "A man was shot in Kentwood on Sunday. (Photo: Ryan Garza, Detroit Free Press)"
    assert [s.text for s in find_spans(text)] == ["Kentwood"]
    assert [s.text for s in find_spans("Photo: Jane Doe / Houston Chronicle")] == []
    gallery = "Two men died after the gun went off. (Metro Video) Photo: Metro Video  Image 5 of 11 in Houston."
    assert [s.text for s in find_spans(gallery)] == ["Houston"]


def test_without_a_dateline_the_town_whose_police_tell_the_story_holds_its_parts(geocode: Geocode) -> None:
    doc = geocode(MemoryGazetteer(BASE), "Centerville police are investigating after two men were shot on "
                  "Sunday night in Maple Heights.", ["shot"], sub="Attack")
    assert _place(doc) == ("Maple Heights", "Centerville", 2)


def test_a_venue_named_after_someone_is_no_town() -> None:
    from sitrep.geo.spans import is_organisation

    assert is_organisation("Boss NightClub") and is_organisation("Aladdin's Hookah Lounge")
    assert not is_organisation("3000 Apartments") and not is_organisation("Halab al-Jadideh")


def test_the_street_of_an_address_is_no_town() -> None:
    """Rule address-is-no-place: "the 15400 block of Pine Hollow" names a street of the town the
    report is about, with or without "Street" after it; the town beside it stays a place."""
    from sitrep.geo.spans import find_spans

    text = "A boy was shot in the 15400 block of Pine Hollow on Kentwood's west side."
    assert [s.text for s in find_spans(text)] == ["Kentwood's"]
    assert [s.text for s in find_spans("Police went to the 200 block of Maple Heights Road.")] == []
    assert [s.text for s in find_spans("A man was shot in Maple Heights on Monday.")] == ["Maple Heights"]


def test_a_name_before_a_numbered_street_is_the_streets() -> None:
    """Rule address-is-no-place: "near Beach 22nd Street" names a street, not a town "Beach"."""
    from sitrep.geo.spans import find_spans

    text = "The shooting occurred on Collier Avenue near Beach 22nd Street in Maple Heights."
    assert [s.text for s in find_spans(text)] == ["Collier Avenue", "Maple Heights"]
    assert [s.text for s in find_spans("A man was shot near Beach Haven on Monday.")] == ["Beach Haven"]


def test_the_kind_word_of_a_venue_is_no_place(geocode: Geocode) -> None:
    """Rule venue-word-not-place: a town called "Lounge" is not where a shooting "in the parking
    lot of Aladdin's Hookah Lounge" happened; the dateline town is."""
    gaz = MemoryGazetteer([*BASE, _rec("t:lounge", "Lounge", 40.1, -84.3, "village", 400, "Ohio")])
    doc = geocode(gaz, "CENTERVILLE, Ohio (WXYZ) — Six people were shot on Sunday in the parking lot of "
                  "Aladdin's Hookah Lounge, police said.", ["shot"], sub="Attack")
    assert "Lounge" not in _place(doc)[:2]
    doc = geocode(gaz, "CENTERVILLE, Ohio (WXYZ) — Six people were shot on Sunday in Lounge, police said.",
                  ["shot"], sub="Attack")
    assert _place(doc)[1] == "Lounge"


def test_without_dateline_or_police_the_ledes_scene_holds_its_parts(geocode: Geocode) -> None:
    """Rule lede-names-the-home: the lede says the report's town ("in Centerville", a name no other
    place bears); a far small namesake said later is a part of it. A lede town that other places
    are also called is no home (the last test of the dateline rule above)."""
    text = ("Two men were shot on Sunday night in Centerville. A third man was wounded an hour later "
            "in Maple Heights.")
    doc = geocode(MemoryGazetteer(BASE), text, ["wounded"], sub="Attack")
    assert _place(doc) == ("Maple Heights", "Centerville", 2)
    twin = [*BASE, _rec("t:centerville-ia", "Centerville", 40.73, -92.87, "town", 5_000, "Iowa")]
    doc = geocode(MemoryGazetteer(twin), text, ["wounded"], sub="Attack")
    pm = doc.candidates[0].place
    assert pm is not None and pm.place is not None and pm.fallback_from is None


def test_outlet_words_are_the_addresss_host_and_first_segment() -> None:
    from sitrep.geo.resolve import outlet_words

    assert outlet_words("http://www.abc7columbus.com:80/news/local/x-1", None) == ("columbus",)
    assert outlet_words("https://www.citynews.com/columbus/2016/07/x", "citynews.com") == ("citynews", "columbus")
    assert outlet_words(None, None) == ()
    assert outlet_words("http://" + "x" * 5000 + ".com/", "::::") == ()  # malformed: bounded, no word
    # an outlet's name, as ACLED's source column gives it, is where it is based, not its beat
    assert outlet_words(None, "Columbus Times") == () and outlet_words(None, "columbus.com") == ("columbus",)


def test_a_local_outlet_is_filed_from_its_town() -> None:
    """Rule outlet-is-home: a report without dateline, police or a lede town no other place is
    called is filed from the big town its outlet's address spells; far small namesakes are parts
    of it. A town under 100,000 or of another country is no outlet's home."""
    from sitrep.geo.resolve import outlet_town
    from sitrep.config import Settings
    from sitrep.geo.stage import Geocoder
    from sitrep.nlp.segment import segment_text
    from sitrep.resources import Resources
    from sitrep.schema import Document, EventCandidate, Span

    gaz = MemoryGazetteer(BASE)
    columbus = outlet_town(gaz, ("abc", "columbus"), "US")
    assert columbus is not None and columbus.admin1 == "Ohio"  # the bigger Columbus
    assert outlet_town(gaz, ("centerville",), "US") is None  # too small to name an outlet
    assert outlet_town(gaz, ("columbus",), "GB") is None

    text = "Two men were shot on Sunday night in Maple Heights."
    resources = Resources(Settings())
    resources.put("geo.gazetteer", gaz)
    for url, expected in (("http://www.abc6columbus.com/news/x", ("Maple Heights", "Columbus", 2)),
                          ("http://www.localnews.com/x", None)):
        doc_ = Doc(document=Document(id="t", text=text, url=url), country_hint="United States")
        doc_.sentences = segment_text(text)
        i = text.index("shot")
        doc_.candidates.append(EventCandidate(sentence_index=0, trigger=Span(start=i, end=i + 4, text="shot"),
                                              event_type="Violence against civilians", sub_event_type="Attack"))
        out = Geocoder(resources)(doc_)
        if expected is not None:
            assert _place(out) == expected
        else:
            pm = out.candidates[0].place
            assert pm is not None and pm.place is not None and pm.fallback_from is None


def test_a_day_after_a_name_is_no_part_of_it() -> None:
    """"in Antioch Friday afternoon" names Antioch whole (not a part of "Antioch Friday", whose
    vote for the report's country counts less); a name of its own that holds a day stays whole,
    and a pronoun opening a sentence ("None of them") is no name."""
    from sitrep.geo.spans import find_spans

    spans = find_spans("Police said a suspect was killed in Antioch Friday afternoon.")
    assert [(s.text, s.locative) for s in spans if s.text != "Police"] == [("Antioch", True)]
    assert [s.text for s in find_spans("A man was shot in Sunday Valley on Monday.")] == ["Sunday Valley"]
    assert [s.text for s in find_spans("None of them were hurt. Both men were released.")] == []


@pytest.mark.parametrize(("name", "population", "person", "place"), [
    # an age: "the shooting death of Juzahris Quintez Webb, 17"; a count after a place stays a place
    ("Webb", 300, "Police arrested two men on Sunday in the shooting death of Juzahris Quintez Webb, 17.",
     "A gunman opened fire on Sunday in Maple Heights, 12 were hurt."),
    # kin in apposition: places have no mother; "the town where" after a place stays a place
    ("Jones", 90_000, "A woman wiped a tear from the cheek of Lashea Jones, the mother of the boy shot on Sunday.",
     "A gunman opened fire on Sunday in Maple Heights, the town where he lived."),
])
def test_a_full_name_with_an_age_or_kin_is_a_person_after_of(geocode: Geocode, name: str, population: int,
                                                              person: str, place: str) -> None:
    """Rule aged-name-not-place: a full name followed by an age or by its kin or role is a person
    even after "of"; a place followed by a count or a description of it stays a place."""
    kind = "village" if population < 1_000 else "city"
    gaz = MemoryGazetteer([*BASE, _rec(f"t:{name.lower()}", name, 40.2, -84.2, kind, population, "Ohio")])
    trigger = "shooting" if "shooting" in person else "shot"
    doc = geocode(gaz, f"CENTERVILLE, Ohio (WXYZ) — {person}", [trigger], sub="Attack")
    assert name not in _place(doc)[:2]
    assert any("aged-name-not-place" in n for n in doc.notes)
    doc = geocode(gaz, f"CENTERVILLE, Ohio (WXYZ) — {place}", ["opened fire"], sub="Attack")
    assert _place(doc)[0] == "Maple Heights"


def test_a_towns_police_written_as_a_name_files_the_report(geocode: Geocode) -> None:
    """Rule town-police-files-the-report: "Centerville Police Department" names the force of the
    town the report is filed from, as a dateline would: its parts stay there, and an event the
    report places nowhere else is there, not at the country."""
    doc = geocode(MemoryGazetteer(BASE), "Two men were shot on Sunday night in Maple Heights, the "
                  "Centerville Police Department said.", ["shot"], sub="Attack")
    assert _place(doc) == ("Maple Heights", "Centerville", 2)
    doc = geocode(MemoryGazetteer(BASE), "Two men were shot on Sunday night. Officers of the Centerville "
                  "Police Department found them in a car.", ["shot"], sub="Attack")
    assert _place(doc)[1] == "Centerville"
    # a place the report names for the event stays its place
    doc = geocode(MemoryGazetteer(BASE), "Two men were shot on Sunday night in Columbus, the "
                  "Centerville Police said.", ["shot"], sub="Attack")
    assert _place(doc)[1] == "Columbus"


def test_the_doer_of_an_act_is_no_place(geocode: Geocode) -> None:
    """Rule agent-not-place: a police dog called "Turbo" that "followed them" is no town Turbo; a
    name the text places something in stays a place, and "Metro police" names no town Metro."""
    gaz = MemoryGazetteer([*BASE, _rec("t:turbo", "Turbo", 40.1, -84.1, "village", 900, "Ohio"),
                           _rec("t:metro", "Metro", 40.2, -84.0, "town", 20_000, "Ohio")])
    doc = geocode(gaz, "CENTERVILLE, Ohio (WXYZ) — Metro police said a suspect was shot on Friday. A K-9 unit, "
                  "\"Turbo\" followed them into the woods.", ["shot"], sub="Attack")
    assert not {"Turbo", "Metro"} & set(_place(doc)[:2])
    assert any("agent-not-place" in n for n in doc.notes)
    doc = geocode(gaz, "CENTERVILLE, Ohio (WXYZ) — A suspect was shot on Friday in Turbo, police said.",
                  ["shot"], sub="Attack")
    assert _place(doc)[1] == "Turbo"



def test_a_speaker_is_no_place() -> None:
    """Rule agent-not-place: a full name that "said" or "says" something is a person ("Police
    Chief Cathy Lanier said"), not a place; "in Lanier, police said" still reads as a place, and a
    lone name that speaks may be its officials ("Memphis said nothing")."""
    from sitrep.geo.evidence import agent_name
    from sitrep.geo.spans import SpanCandidate

    sentence = "One gunman was killed, Police Chief Cathy Lanier said at a press conference."
    i = sentence.index("Lanier")
    assert agent_name(SpanCandidate(start=i, end=i + 6, text="Lanier", lead="Cathy "), sentence)
    sentence = "Chief Lanier says the shooting was over by noon."
    assert agent_name(SpanCandidate(start=6, end=12, text="Lanier", lead="Chief "), sentence)
    assert not agent_name(SpanCandidate(start=6, end=12, text="Lanier"), sentence)
    sentence = "Cathy Lanier said the gunman was dead."
    assert agent_name(SpanCandidate(start=0, end=12, text="Cathy Lanier"), sentence)
    sentence = "A man was shot in Lanier, police said."
    i = sentence.index("Lanier")
    assert not agent_name(SpanCandidate(start=i, end=i + 6, text="Lanier", locative=True), sentence)


def test_a_congregations_name_holds_no_town(geocode: Geocode) -> None:
    """Rule name-inside-a-venue: "Bethel Christian Fellowship" is a congregation, no town Bethel;
    the town its service is held in is the one the text places it in."""
    gaz = MemoryGazetteer([*BASE, _rec("t:bethel", "Bethel", 41.4, -73.4, "town", 19_000, "Ohio")])
    doc = geocode(gaz, "Mourners gathered for the boy shot and killed last week, at Bethel Christian Fellowship "
                  "in Columbus.", ["killed"], sub="Attack")
    assert _place(doc)[1] == "Columbus"
    assert all(pm.place is None or pm.place.name != "Bethel" for pm in doc.places)


def test_where_a_victim_lives_is_not_where_he_was_shot(geocode: Geocode) -> None:
    """Rule residence-not-scene: "Tom Reed, 25, of Centerville" says where he lives; the event is
    where the text places it, even when that place is named further away from the trigger."""
    doc = geocode(MemoryGazetteer(BASE), "Police in Columbus said a man was killed on Sunday. The victim, "
                  "Tom Reed, 25, of Centerville, was killed outside a bar.", ["was killed outside"], sub="Attack")
    assert _place(doc)[1] == "Columbus"
    assert any(pm.role == "residence" and pm.place is not None and pm.place.name == "Centerville"
               for pm in doc.places)


def test_a_county_is_read_where_counties_are() -> None:
    """Rule county-where-counties-are: "Conejos County" names a county; a Mexican village called
    Conejos is no reading of it, while a US town of the name stays one (a county seat)."""
    from sitrep.geo.resolve import resolve_document
    from sitrep.geo.spans import find_spans

    mx = PlaceRecord(uid="t:conejos-mx", name="Conejos", lat=20.1, lon=-98.7, kind="village", population=900,
                     admin1="Hidalgo", cc="MX", country="Mexico")
    text = "The Conejos County coroner said three people died."
    res = resolve_document(MemoryGazetteer([*BASE, mx]), [(0, 0, find_spans(text))], texts=[text])
    assert all(r.cc != "MX" for m in res if m.span.text.endswith("Conejos County") or m.key == "conejos"
               for r, _ in m.candidates)
    us = _rec("t:conejos-us", "Conejos", 37.1, -106.0, "town", 2_000, "Colorado")
    res = resolve_document(MemoryGazetteer([*BASE, mx, us]), [(0, 0, find_spans(text))], texts=[text])
    assert any(r.uid == "t:conejos-us" for m in res for r, _ in m.candidates)


def test_an_unknown_place_falls_back_to_the_home_town_not_a_namesake_it_overruled(geocode: Geocode) -> None:
    """Rule focus-after-home: "South Side" is first read as a town of another state; the police's
    town overrules that reading, and the unknown neighbourhood beside it then falls back to the
    town the report is filed from, not to the overruled namesake (nor to the country)."""
    gaz = MemoryGazetteer([*BASE, _rec("t:south-ny", "South Side", 40.5, -74.2, "town", 10_000, "New York"),
                           _rec("t:south-or", "South Side", 45.5, -122.6, "town", 4_000, "Oregon")])
    doc = geocode(gaz, "A boy was shot on Friday in the Oak Hollow neighborhood on the South Side, "
                  "Centerville Police said.", ["shot"], sub="Attack")
    places = {(pm.fallback_from, pm.place.name) for pm in doc.places if pm.place is not None and pm.role == "event"}
    assert ("Oak Hollow", "Centerville") in places
    assert all(name == "Centerville" for _, name in places)


def test_a_towns_police_department_names_a_place_many_towns_bear(geocode: Geocode) -> None:
    """Rule town-force-names-a-place: a name many small towns bear, read without a state, is no
    place of its own (small-homonym-needs-support), but one whose police department or sheriff's
    office the report names is a town: the report is filed from there."""
    gaz = MemoryGazetteer([*BASE, _rec("t:fair-oh", "Fairview", 41.4, -81.9, "town", 16_000, "Ohio"),
                           _rec("t:fair-ut", "Fairview", 39.6, -111.4, "village", 1_200, "Utah")])
    doc = geocode(gaz, "A man was shot on Sunday, according to the Fairview Police Department.",
                  ["shot"], sub="Attack")
    assert _place(doc)[1] == "Fairview"
    doc = geocode(gaz, "A man was shot on Sunday, according to police in Fairview.", ["shot"], sub="Attack")
    assert _place(doc)[1] == "Fairview"  # a locative says so too (unchanged)
    doc = geocode(gaz, "A man was shot on Sunday, Fairview said.", ["shot"], sub="Attack")
    pm = doc.candidates[0].place  # no evidence: no town of that name is read
    assert pm is None or pm.place is None or pm.place.name != "Fairview"


def test_a_province_name_the_text_puts_in_another_province_is_not_that_province(geocode: Geocode) -> None:
    """"TEXAS TOWNSHIP, Mich." is a township of Michigan: the state of Texas, which the name reads
    as once "Township" is dropped, is contradicted by the province the dateline gives."""
    gaz = MemoryGazetteer([*BASE, _rec("a1:tx", "Texas", 31.0, -100.0, "admin1", 25_000_000, "Texas"),
                           _rec("a1:mi", "Michigan", 44.3, -85.6, "admin1", 10_000_000, "Michigan")])
    doc = geocode(gaz, "TEXAS TOWNSHIP, Mich. (WOOD) — A man was shot on Saturday night, police said.",
                  ["shot"], sub="Attack")
    assert all(pm.place is None or pm.place.admin1 != "Texas" for pm in doc.places)
    assert _place(doc)[1] == "Michigan"


def test_a_far_reading_in_another_state_is_a_namesake_however_few_bear_the_name(geocode: Geocode) -> None:
    """Only one place in the gazetteer is called "Larkspur Bend", a town of 150,000 two states and
    hundreds of km away: in a Centerville police story it is no that town, whatever its size or
    however few places bear the name (the gazetteer lacks the report's own)."""
    gaz = MemoryGazetteer([*BASE, _rec("t:larkspur", "Larkspur Bend", 30.0, -95.5, "city", 150_000, "Texas")])
    doc = geocode(gaz, "Centerville police are investigating after two men were shot on Sunday night "
                  "in Larkspur Bend.", ["shot"], sub="Attack")
    assert _place(doc) == ("Larkspur Bend", "Centerville", 2)


def test_a_far_reading_in_the_home_state_keeps_the_old_limits(geocode: Geocode) -> None:
    """The same name read 300 km off but inside the home town's own state is no far namesake: one
    reading only, so it stays the place the text names."""
    gaz = MemoryGazetteer([*BASE, _rec("t:larkspur-oh", "Larkspur Bend", 41.65, -80.6, "town", 20_000, "Ohio")])
    doc = geocode(gaz, "Centerville police are investigating after two men were shot on Sunday night "
                  "in Larkspur Bend.", ["shot"], sub="Attack")
    pm = doc.candidates[0].place
    assert pm is not None and pm.place is not None
    assert (pm.place.name, pm.place.admin1, pm.fallback_from) == ("Larkspur Bend", "Ohio", None)
