"""Whole articles through the real pipeline (team-written stories): each happening once,
background and running tolls never, every death counted once, and every decision explained."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.pipeline import Pipeline
from sitrep.schema import Doc, Document

WIRE = """Car bomb kills 16 in Azaz market

A car bomb exploded in a crowded market in the town of Azaz on Monday, killing at least 16 people, a monitor said.

The Syrian Observatory for Human Rights said 16 people were killed and dozens wounded in the blast in Azaz.

Residents said the explosion destroyed several shops and cars near the market.

In 2016 a similar bombing in the same town killed more than 40 people.

The war has killed more than 400,000 people since it began in 2011."""

EXPLAINER = """Five years on, Ghouta remembers

Five years ago, in August 2013, a chemical attack on the Ghouta suburbs killed hundreds of people.

The war has killed more than 400,000 people since 2011, according to monitors.

Survivors say they still live with the memory of that night, and many have since left the area.

Rights groups have repeatedly called for those responsible to face trial."""

CLAIMS = """Shelling kills civilians in Douma

Government shelling hit a residential area of Douma on Tuesday.

The Observatory said 12 civilians were killed in the shelling of Douma, while opposition media said 20 were killed.

Rescuers were still searching the rubble of two buildings late on Tuesday.

Officials did not comment on the shelling, and the army made no statement about the strikes."""


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _code(pipe: Pipeline, text: str, day: date) -> Doc:
    return pipe(Document(id="story", text=text, date=day, title=text.splitlines()[0], country="Syria"))


def test_discourse_article_wire_story_codes_the_bombing_once(pipe: Pipeline) -> None:
    doc = _code(pipe, WIRE, date(2019, 3, 5))
    deadly = [e for e in doc.events if e.fatalities]
    assert len(deadly) == 1 and deadly[0].fatalities == 16
    assert sum(e.fatalities or 0 for e in doc.events) == 16
    assert deadly[0].why and any("status: new" in w for w in deadly[0].why)
    assert any("aggregate" in n for n in doc.notes)  # the war toll is set aside, with its reason
    assert all(e.event_date is not None and e.event_date.year == 2019 for e in doc.events)


def test_discourse_article_of_only_background_yields_no_event(pipe: Pipeline) -> None:
    doc = _code(pipe, EXPLAINER, date(2018, 8, 21))
    assert doc.events == []
    assert any(n.startswith("discourse:") and "not coded" in n for n in doc.notes)


def test_discourse_article_contradictory_figures_are_claims_not_a_sum(pipe: Pipeline) -> None:
    doc = _code(pipe, CLAIMS, date(2019, 3, 6))
    deadly = [e for e in doc.events if e.fatalities]
    assert len(deadly) == 1
    event = deadly[0]
    assert event.fatalities == 12
    assert {c.low for c in event.claims if c.quantity == "killed"} >= {12, 20}
    assert event.fatalities_high is not None and event.fatalities_high >= 20


VAGUE = """Troops kill 32 rebels in ambush in Daraa

Syrian troops killed 32 rebels in an ambush in the southern province of Daraa on Sunday, a monitoring group said.

The ambush was also reported by state television, which said tens of terrorists had been killed in the attack.

The army has stepped up operations in the south in recent weeks."""


def test_discourse_article_vague_figure_does_not_lower_a_stated_count(pipe: Pipeline) -> None:
    """'tens of terrorists' is consistent with 32, not a rival count: the toll stays 32."""
    doc = _code(pipe, VAGUE, date(2014, 8, 24))
    assert sum(e.fatalities or 0 for e in doc.events) == 32


def test_discourse_article_without_any_date_is_coded_once_undated(pipe: Pipeline) -> None:
    """No publication date and no date in the text: the bombing is still coded, once, undated,
    and no note claims it was left out."""
    doc = pipe(Document(id="undated", text=WIRE.replace(" on Monday", ""), title=WIRE.splitlines()[0],
                        country="Syria"))
    deadly = [e for e in doc.events if e.fatalities]
    assert len(deadly) == 1 and deadly[0].fatalities == 16
    assert deadly[0].event_date is None and deadly[0].time_precision == 3
    assert not any("undated" in n and "not coded" in n for n in doc.notes)


@pytest.mark.parametrize(("text", "tolls"), [
    # one figure for several places: each place's event keeps its share, none loses it
    ("Shelling hit Aleppo, Idlib and Hama on 3 May 2020, killing six.", [2, 2, 2]),
    ("Gunmen killed two villagers in Saraqib and Kafr Nabl on 3 May 2020.", [1, 1]),
    # the province after a comma is the town's, not a second place taking a share
    ("Gunmen killed two villagers in Saraqib, Idlib on 3 May 2020.", [2]),
])
def test_discourse_article_a_figure_for_listed_places_is_shared_not_lost(pipe: Pipeline, text: str,
                                                                         tolls: list[int]) -> None:
    doc = _code(pipe, text, date(2020, 5, 3))
    assert [e.fatalities for e in doc.events] == tolls
