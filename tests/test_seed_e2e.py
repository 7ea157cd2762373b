"""The report sitrep was built for, end to end with the two Syrian gazetteers imported.

Reads ../shared by path (skipped when absent); imports into a copy of the session's gazetteer so
other tests keep the defaults.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.geo.build import default_gazetteer_path, ensure_built
from sitrep.ingest import read_inputs
from sitrep.pipeline import Pipeline
from sitrep.schema import Document, Event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_events(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Event]]:
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    seed = shared / "examples" / "eldorar-2016-11-04-aleppo.txt"
    if not seed.is_file():
        pytest.skip("../shared is absent")
    from typer.testing import CliRunner

    from sitrep.cli.app import _load_commands, app

    base = ensure_built(default_gazetteer_path(Settings()))
    gaz = tmp_path_factory.mktemp("seedgaz") / "gazetteer.db"
    shutil.copy(base, gaz)
    _load_commands()
    runner = CliRunner()
    for folder in ("ocha-syria-cod-gazetteer", "aleppo-neighborhoods-csr"):
        result = runner.invoke(app, ["gazetteer", "import", "ocha", str(shared / "data" / folder),
                                     "--gazetteer", str(gaz)])
        assert result.exit_code == 0, result.output
    (doc,) = [d for d in read_inputs([seed]) if isinstance(d, Document)]
    yield Pipeline(Settings(gazetteer_path=gaz))(doc).events


@pytest.fixture(scope="module")
def seed_default_events() -> list[Event]:
    """The seed report with the default gazetteer only: its neighbourhoods are unknown to it."""
    seed = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "eldorar-2016-11-04-aleppo.txt"
    if not seed.is_file():
        pytest.skip("../shared is absent")
    (doc,) = [d for d in read_inputs([seed]) if isinstance(d, Document)]
    return Pipeline(Settings())(doc).events


def test_seed_one_event_per_neighbourhood_fought_in_without_a_neighbourhood_layer(
        seed_default_events: list[Event]) -> None:
    # both districts fall back to Aleppo's point, yet each keeps its own event (issue 19: one
    # event per neighbourhood and day); the hospital's 57 bodies count once in the article
    fights = [e for e in seed_default_events if e.event_type in ("Battles", "Explosions/Remote violence")
              and e.sub_event_type != "Non-state actor overtakes territory"]
    assert sorted(e.location or "" for e in fights) == ["3000 apartments project", "Halab al-Jadideh"]
    assert all(e.event_date is not None and e.event_date.isoformat() == "2016-11-03" for e in fights)
    assert all(e.geo_precision == 2 for e in fights)
    assert sum(e.fatalities or 0 for e in fights) == 57


def test_seed_hospital_toll_of_the_day_is_divided_between_the_districts(
        seed_default_events: list[Event]) -> None:
    # coding rules, "Fatalities": the 57 bodies of Thursday span the fighting in both districts
    fights = [e for e in seed_default_events if e.sub_event_type == "Armed clash"]
    assert len(fights) == 2 and all((e.fatalities or 0) > 0 for e in fights)
    for e in fights:
        assert any(c.low == 57 and "Mogambo" in c.claimant_chain[-1] for c in e.claims)
        assert any("total-spans-its-day" in w for w in e.why)


def _at(events: list[Event], location: str) -> list[Event]:
    return [e for e in events if e.location == location]


def test_seed_thursday_battle_in_new_aleppo(seed_events: list[Event]) -> None:
    (clash,) = _at(seed_events, "New Aleppo")
    assert clash.event_date is not None and clash.event_date.isoformat() == "2016-11-03"
    assert clash.sub_event_type == "Armed clash" and clash.geo_precision == 1
    assert {clash.actor1, clash.actor2} == {"Jaysh al-Fateh", "Military Forces of Syria (2000-)"}
    assert clash.interaction == "12"


def test_seed_civilians_killed_in_al_masharqa(seed_events: list[Event]) -> None:
    (attack,) = _at(seed_events, "Masharqa")
    assert attack.fatalities == 5 and attack.actor2 == "Civilians (Syria)" and attack.inter2 == 7


def test_seed_hospital_bodies_are_a_claim_with_its_chain(seed_events: list[Event]) -> None:
    claims = [c for e in seed_events for c in e.claims if c.low == 57]
    assert claims and claims[0].quantity == "killed"
    chain = claims[0].claimant_chain
    assert len(chain) >= 3 and "Sha" in chain[1] and "Mogambo" in chain[-1]
    assert all(e.location != "Mogambo" for e in seed_events)


def test_seed_nothing_for_hypothetical_or_background_places(seed_events: list[Event]) -> None:
    locations = {e.location for e in seed_events}
    assert not locations & {"Ard al-Sabbagh", "Ard As-Sabbagh", "Ramouseh", "Handarat", "Castello"}
    assert all(e.event_date is not None and e.event_date.year == 2016 for e in seed_events)


def test_seed_capture_a_few_days_ago_is_a_span(seed_events: list[Event]) -> None:
    captures = [e for e in seed_events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert captures and captures[0].time_precision == 2
    assert captures[0].date_start is not None and captures[0].date_end is not None
    assert captures[0].date_start < captures[0].date_end


def test_seed_capture_appears_in_the_control_timeline(seed_events: list[Event]) -> None:
    from datetime import date

    from sitrep.dedup.control import build_control, find_place, holder_on

    timeline = build_control(seed_events)
    for place in ("Dahyat al-Assad", "Menyan"):
        key = find_place(timeline, place)
        assert key is not None, (place, list(timeline))
        spells = timeline[key]
        taken = spells[-1]
        assert taken.holder == "Jaysh al-Fateh"
        assert taken.since is not None and taken.since_end is not None and taken.since < taken.since_end
        held = holder_on(spells, date(2016, 11, 4))
        assert held is not None and held.holder == "Jaysh al-Fateh"


def test_seed_every_toll_says_where_it_comes_from(seed_default_events: list[Event]) -> None:
    for event in seed_default_events:
        lines = [w for w in event.why if w.startswith("fatalities:")]
        assert bool(lines) == bool(event.fatalities)
    (attack,) = [e for e in seed_default_events if e.sub_event_type == "Attack"]
    (line,) = [w for w in attack.why if w.startswith("fatalities:")]
    assert "five civilian" in line and "Sha'hed Ayan" in line and "rule number" in line
