"""The document's country read from its places, actors, demonyms and dateline when the input
names none: ambiguous names are read inside it, a foreign dateline or capital does not carry the
events away, and actor names carry it (hand-written reports, a small hand-made gazetteer)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors.stage import ActorResolver
from sitrep.config import Settings
from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.schema import Doc

#: the ``geocode`` fixture (tests/geo/conftest.py)
Geocode = Callable[..., Doc]


def _cc(cc: str, country: str) -> dict[str, str]:
    return {"cc": cc, "country": country}


_SY, _RU = _cc("SY", "Syria"), _cc("RU", "Russia")
BASE = [
    PlaceRecord(uid="c:SY", name="Syria", lat=35.0, lon=38.0, kind="country",
                population=17_000_000, **_SY),
    PlaceRecord(uid="t:aleppo", name="Aleppo", lat=36.20, lon=37.16, kind="city",
                admin1="Aleppo", population=2_000_000, **_SY),
    PlaceRecord(uid="t:idlib", name="Idlib", lat=35.93, lon=36.63, kind="city", admin1="Idlib",
                population=130_000, **_SY),
    PlaceRecord(uid="t:saraqib", name="Saraqib", lat=35.86, lon=36.80, kind="town",
                admin1="Idlib", population=30_000, **_SY),
    PlaceRecord(uid="t:tal-rifaat", name="Tal Rifaat", lat=36.47, lon=37.10, kind="town",
                admin1="Aleppo", population=20_000, **_SY),
    PlaceRecord(uid="c:RU", name="Russia", lat=55.75, lon=37.62, kind="country",
                population=144_000_000, **_RU),
    PlaceRecord(uid="t:moscow", name="Moscow", lat=55.75, lon=37.62, kind="city",
                admin1="Moscow", population=12_000_000, **_RU),
    PlaceRecord(uid="t:vladimir", name="Vladimir", lat=56.13, lon=40.40, kind="city",
                admin1="Vladimir", population=350_000, **_RU),
    # homonyms abroad of names a Syrian report uses
    PlaceRecord(uid="a1:mara", name="Mara", lat=-1.75, lon=34.0, kind="admin1", admin1="Mara",
                population=1_700_000, **_cc("TZ", "Tanzania")),
    PlaceRecord(uid="t:medan", name="Medan", lat=3.58, lon=98.67, kind="city",
                admin1="North Sumatra", population=2_000_000, **_cc("ID", "Indonesia")),
    PlaceRecord(uid="t:zaria", name="Zaria", lat=11.1, lon=7.72, kind="city", admin1="Kaduna",
                population=500_000, **_cc("NG", "Nigeria")),
    PlaceRecord(uid="v:court", name="Court", lat=15.5, lon=-61.4, kind="village",
                admin1="Saint Paul", population=0, **_cc("DM", "Dominica")),
    # the Indian and Yemeni notes: a place only known abroad through a loose transliteration
    PlaceRecord(uid="c:IN", name="India", lat=21.0, lon=78.0, kind="country",
                population=1_300_000_000, **_cc("IN", "India")),
    PlaceRecord(uid="a1:polvamaa", name="Polvamaa", lat=58.1, lon=27.1, kind="admin1",
                admin1="Polvamaa", population=5_000, alt_names=("Pulwama",),
                **_cc("EE", "Estonia")),
    PlaceRecord(uid="c:YE", name="Yemen", lat=15.5, lon=48.0, kind="country",
                population=28_000_000, **_cc("YE", "Yemen")),
    PlaceRecord(uid="t:salim-in", name="Salim", lat=25.0, lon=80.0, kind="town",
                admin1="Uttar Pradesh", population=30_000, **_cc("IN", "India")),
]
MARE = PlaceRecord(uid="t:mare", name="Mare'", lat=36.47, lon=37.20, kind="town",
                   admin1="Aleppo", population=16_000, alt_names=("Marea", "Mara"), **_SY)


SHELLING = "Shelling/artillery/missile attack"


def _where(doc: Doc) -> tuple[str | None, str | None]:
    pm = doc.candidates[0].place
    place = pm.place if pm is not None else None
    return (place.country, place.name) if place is not None else (None, None)


def test_document_country_moscow_dateline_and_ministry_stay_out_of_a_syrian_report(geocode: Geocode) -> None:
    text = ("Russian strikes kill 120 fighters in Syria, Moscow says. The Russian Defence "
            "Ministry said its warplanes hit rebel depots in Saraqib and Idlib overnight.")
    doc = geocode(MemoryGazetteer(BASE), text, ["strikes"], sub=SHELLING)
    assert doc.inferred_country == "Syria"
    assert _where(doc)[0] == "Syria"


@pytest.mark.parametrize("text", [
    "MOSCOW (Sputnik) - Government forces shelled rebel positions in Idlib province on Monday, "
    "the Russian Defence Ministry said.",
    "MOSCOW (Sputnik) - Russian warplanes and Syrian artillery shelled rebel positions on Monday. "
    "The strikes hit Saraqib, a town in the Syrian province of Idlib.",
])
def test_document_country_dateline_is_weak_evidence(text: str, geocode: Geocode) -> None:
    doc = geocode(MemoryGazetteer(BASE), text, ["shelled"], sub=SHELLING)
    assert doc.inferred_country == "Syria"
    assert _where(doc)[0] == "Syria"
    assert _where(doc)[1] != "Moscow"


@pytest.mark.parametrize(("name", "extra", "expected"), [
    ("Mara", [], None), ("Medan", [], None), ("Zaria", [], None),
    ("Mara", [MARE], "Mare'"),  # the Syrian namesake when the gazetteer has it
])
def test_document_country_ambiguous_name_is_read_at_home(name: str, extra: list[PlaceRecord],
                                                         expected: str | None, geocode: Geocode) -> None:
    text = (f"Government forces shelled {name} on Tuesday. Rebels in Tal Rifaat and Aleppo said "
            "the Syrian army also hit Saraqib in Idlib.")
    doc = geocode(MemoryGazetteer([*BASE, *extra]), text, ["shelled"], sub=SHELLING)
    assert doc.inferred_country == "Syria"
    assert _where(doc)[0] == "Syria"
    assert all(p.place is None or p.place.country == "Syria" for p in doc.places)
    if expected is not None:
        assert _where(doc)[1] == expected


def test_document_country_organisation_and_common_words_are_no_place(geocode: Geocode) -> None:
    text = ("A Military Court sentenced fighters of the Peoples Protection Units (YPG) on Monday. "
            "Syrian rebels shelled Saraqib and Idlib the same day.")
    doc = geocode(MemoryGazetteer(BASE), text, ["sentenced"], sub=SHELLING)
    pm = doc.candidates[0].place
    assert pm is None or pm.place is None or pm.place.country == "Syria"
    assert all(p.place is None or p.place.country == "Syria" for p in doc.places)
    assert not any("Units" in (p.fallback_from or "") for p in doc.places)


@pytest.mark.parametrize(("text", "sub", "country"), [
    ("On 7 May, police fired on demonstrators who pelted stones at security forces at Pulwama "
     "city (J&K).", "Violent demonstration", "India"),
    ("On 1 May, Houthi forces shelled civilian areas of Salim, damaging homes.",
     "Shelling/artillery/missile attack", "Yemen"),
])
def test_document_country_actor_names_carry_the_inferred_country(text: str, sub: str,
                                                                 country: str, geocode: Geocode) -> None:
    doc = geocode(MemoryGazetteer(BASE), text, [text.split()[3]], sub=SHELLING)
    assert doc.inferred_country == country
    cand = doc.candidates[0]
    cand.event_type = "Riots" if sub == "Violent demonstration" else "Explosions/Remote violence"
    cand.sub_event_type = sub
    ActorResolver(settings=Settings())(doc)
    named = [a.name for a in (cand.actor1, cand.actor2) if a is not None and a.name.endswith(")")]
    assert named
    assert all(n.endswith(f"({country})") or "(20" in n or "(19" in n for n in named), named
    assert _where(doc)[0] in (country, None)


# A place named with its province: hand-made homonyms (invented names) in two countries
_PROVINCE_GAZ = [
    *(PlaceRecord(uid=f"c:{cc}", name=name, lat=0.0, lon=0.0, kind="country",
                  population=5_000_000, **_cc(cc, name))
      for cc, name in (("XA", "Xandria"), ("YB", "Yberia"), ("ZC", "Zcandia"))),
    PlaceRecord(uid="t:velmoro-xa", name="Velmoro", lat=10.0, lon=10.0, kind="city",
                admin1="Ostrel", population=900_000, **_cc("XA", "Xandria")),
    PlaceRecord(uid="t:velmoro-yb", name="Velmoro", lat=-5.0, lon=30.0, kind="town",
                admin1="Southern", population=40_000, **_cc("YB", "Yberia")),
    PlaceRecord(uid="a1:southern-yb", name="Southern", lat=-5.5, lon=30.5, kind="admin1",
                admin1="Southern", population=2_000_000, **_cc("YB", "Yberia")),
    PlaceRecord(uid="a1:kestrin-zc", name="Kestrin", lat=20.0, lon=50.0, kind="admin1",
                admin1="Kestrin", population=300_000, **_cc("ZC", "Zcandia")),
]


def test_document_country_a_place_is_read_in_the_province_named_with_it(geocode: Geocode) -> None:
    # the big homonym abroad loses to the reading inside the named province
    doc = geocode(MemoryGazetteer(_PROVINCE_GAZ),
                  "On 3 May, a house was torched in Velmoro (Velmoro, Southern).", ["torched"],
                  sub=SHELLING)
    assert doc.inferred_country == "Yberia"


def test_document_country_an_unknown_place_takes_its_named_province_country(geocode: Geocode) -> None:
    # no reading of the place lies in the named province: the province says the country
    doc = geocode(MemoryGazetteer(_PROVINCE_GAZ),
                  "On 3 May, soldiers shelled Velmoro (Velmoro, Kestrin).", ["shelled"],
                  sub=SHELLING)
    assert doc.inferred_country == "Zcandia"


_US, _GB, _JM = _cc("US", "United States"), _cc("GB", "United Kingdom"), _cc("JM", "Jamaica")
#: One report's places lie together in one country; their homonyms abroad are bigger but scattered.
HOMONYMS = [
    PlaceRecord(uid="c:US", name="United States", lat=39.8, lon=-98.6, kind="country",
                population=320_000_000, **_US),
    PlaceRecord(uid="c:GB", name="United Kingdom", lat=54.0, lon=-2.0, kind="country",
                population=66_000_000, **_GB),
    PlaceRecord(uid="c:JM", name="Jamaica", lat=18.1, lon=-77.3, kind="country",
                population=2_900_000, **_JM),
    PlaceRecord(uid="t:arnold-gb", name="Arnold", lat=53.0, lon=-1.13, kind="town",
                admin1="England", population=150_000, **_GB),
    PlaceRecord(uid="t:arnold-us", name="Arnold", lat=40.58, lon=-79.77, kind="town",
                admin1="Pennsylvania", population=5_000, **_US),
    PlaceRecord(uid="a1:westmoreland-jm", name="Westmoreland", lat=18.22, lon=-78.13, kind="admin1",
                admin1="Westmoreland", population=145_000, **_JM),
    PlaceRecord(uid="a2:westmoreland-us", name="Westmoreland", lat=40.31, lon=-79.47, kind="admin2",
                admin1="Pennsylvania", population=350_000, **_US),
]


def test_document_country_names_lying_together_outvote_bigger_scattered_homonyms(geocode: Geocode) -> None:
    text = ("A teenage girl was fatally shot Monday at a home in Westmoreland County. "
            "The shooting happened in the 1400 block of Orchard Avenue in Arnold.")
    doc = geocode(MemoryGazetteer(HOMONYMS), text, ["shot"], sub="Attack")
    assert doc.inferred_country == "United States"


@pytest.mark.parametrize("text", [
    "A teen was shot and killed Tuesday in Arnold. He was walking in the 3100 block of Cedar Avenue.",
    "A teen was shot and killed Tuesday in Arnold, the county sheriff's office said.",
])
def test_document_country_a_phrase_only_one_country_writes_is_its_cue(geocode: Geocode, text: str) -> None:
    # a street address told by its block, a sheriff's office: US local news (countries.PHRASE_CUES);
    # alone, the bigger English Arnold would win
    doc = geocode(MemoryGazetteer(HOMONYMS), text, ["shot"], sub="Attack")
    assert doc.inferred_country == "United States"
    alone = geocode(MemoryGazetteer(HOMONYMS), "A teen was shot and killed Tuesday in Arnold.", ["shot"], sub="Attack")
    assert alone.inferred_country == "United Kingdom"


def test_document_country_one_name_alone_gets_no_bonus_for_lying_together() -> None:
    from sitrep.geo.focus import coherent_names
    from sitrep.geo.resolve import Resolution
    from sitrep.geo.spans import SpanCandidate

    def mention(name: str, recs: list[PlaceRecord], index: int) -> Resolution:
        return Resolution(sentence_index=index, span=SpanCandidate(start=0, end=len(name), text=name),
                          offset=0, key=name.casefold(), candidates=[(r, 1.0) for r in recs])

    arnold = [r for r in HOMONYMS if r.name == "Arnold"]
    west = [r for r in HOMONYMS if r.name == "Westmoreland"]
    assert coherent_names([mention("Arnold", arnold, 0), mention("Arnold", arnold, 1)]) == {}
    assert coherent_names([mention("Arnold", arnold, 0), mention("Westmoreland County", west, 1)]) == {"US": 2}


def test_document_country_a_reading_spelt_as_written_outvotes_a_looser_spelling(
        geocode: Geocode, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule spelt-as-written: "El Centro" is the town of that name, not a big province whose name
    only the loose transliteration key joins to it ("Centre")."""
    import sitrep.geo.focus as focus

    gaz = MemoryGazetteer([
        PlaceRecord(uid="t:el-centro", name="El Centro", lat=32.79, lon=-115.56, kind="town",
                    admin1="California", population=44_000, **_cc("US", "United States")),
        PlaceRecord(uid="a1:centre", name="Centre", lat=12.4, lon=-1.5, kind="admin1",
                    admin1="Centre", population=2_500_000, **_cc("BF", "Burkina Faso")),
    ])
    text = "Two El Centro officers were wounded in a shooting on Thursday in El Centro."
    assert _where(geocode(gaz, text, ["shooting"], sub="Attack")) == ("United States", "El Centro")
    monkeypatch.setattr(focus, "SPELLING_MARGIN", 1.0)  # every spelling votes: the province wins
    assert _where(geocode(gaz, text, ["shooting"], sub="Attack"))[0] == "Burkina Faso"


def test_document_country_only_phrases_found_vote() -> None:
    # a country whose phrase cues are absent is no voter (its key alone would make its places
    # "named" and so plausible in every report)
    from sitrep.geo.focus import demonym_votes

    assert dict(demonym_votes(["Troops shelled the town on Monday."])) == {}
    assert set(demonym_votes(["He was shot in the 3100 block of Cedar Avenue."])) == {"US"}


@pytest.mark.parametrize(("text", "cc"), [
    ("Police clashed with BNP activists in the upazila on Monday.", "BD"),
    ("Clashes broke out between Madhesi protesters and police.", "NP"),
    ("The woreda administrator was shot dead.", "ET"),
    ("A Village Development Committee office was torched.", "NP"),
    ("Imbonerakure members beat a man at the market.", "BI"),
    ("FARDC soldiers clashed with a Mai-Mai militia near the village.", "CD"),
    ("HDP members were detained in the district.", "TR"),
    ("Carabineros dispersed protesters in the square.", "CL"),
    ("RAB members detained two men in the area.", "BD"),
    ("A Grama Niladhari officer was attacked at his home.", "LK"),
    ("MINUSMA peacekeepers were ambushed on the road.", "ML"),
])
def test_document_country_a_word_only_one_country_writes_is_its_cue(text: str, cc: str) -> None:
    from sitrep.geo.focus import demonym_votes

    votes = demonym_votes([text])
    assert max(votes, key=lambda k: votes[k]) == cc


def test_document_country_a_country_people_came_from_is_not_where_it_happened(geocode: Geocode) -> None:
    # rule origin-is-elsewhere: "migrants from Afghanistan" rallied against in a Greek town
    gaz = MemoryGazetteer([
        PlaceRecord(uid="c:AF", name="Afghanistan", lat=34.0, lon=66.0, kind="country", population=38_000_000,
                    **_cc("AF", "Afghanistan")),
        PlaceRecord(uid="c:GR", name="Greece", lat=39.0, lon=22.0, kind="country", population=10_700_000,
                    **_cc("GR", "Greece")),
        PlaceRecord(uid="t:kilkis", name="Kilkis", lat=40.99, lon=22.87, kind="town", admin1="Central Macedonia",
                    population=24_000, **_cc("GR", "Greece")),
    ])
    text = "Residents rallied outside a hotel in Kilkis against the arrival of migrants from Afghanistan."
    doc = geocode(gaz, text, ["rallied"], sub="Peaceful protest")
    assert doc.inferred_country == "Greece"
