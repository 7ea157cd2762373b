"""Rule one-group-one-side: one group named two ways is no two sides of an event."""

from __future__ import annotations

import pytest

from sitrep.actors.stage import same_group


@pytest.mark.parametrize(("a", "b", "same"), [
    # the report's spelling and the knowledge base's name of one group
    ("Syria Democratic Forces", "QSD: Syrian Democratic Forces", True),
    ("Ahrar al-Sham", "Ahrar al Sham Movement", True),
    # two groups, two countries' forces, a force and another of its country
    ("JFS: Jabhat Fateh al Sham", "HTS: Hayat Tahrir al-Sham", False),
    ("Jaish al Islam", "Jaish al Fateh", False),
    ("Military Forces of Syria (2000-)", "Military Forces of Russia (2000-)", False),
    ("Military Forces of Syria (2000-)", "Police Forces of Syria (2000-)", False),
    ("Opposition Rebels (Syria)", "Civilians (Syria)", False),
])
def test_one_group_named_two_ways(a: str, b: str, same: bool) -> None:
    assert same_group(a, b) is same


def test_a_group_named_with_its_initials_does_not_fight_itself() -> None:
    from datetime import date

    from sitrep.pipeline import Pipeline
    from sitrep.schema import Document

    doc = Pipeline()(Document(id="sdf", date=date(2016, 7, 19), text=(
        "A Syria Democratic Forces (SDF) fighter walks in the mills of Manbij after the SDF took "
        "control of the town in Aleppo Governorate on July 1 2016.")))
    for event in doc.events:
        assert not (event.actor1 and event.actor2 and same_group(event.actor1, event.actor2)), event
