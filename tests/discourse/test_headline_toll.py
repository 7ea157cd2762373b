"""The headline's toll is a story's check (coding rules, "Whole articles"): the events coded from one
story count no more deaths than its headline reports; the headline's own event keeps its deaths,
the others give up theirs, each with its reason; a story below its headline's toll is not raised
(the conservative figure stands), unless its body counts no death at all: then the headline's one
plain count is the story's toll. Team-written stories."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.assemble import headline_toll
from sitrep.pipeline import Pipeline
from sitrep.schema import Doc, Document

TWO_HAPPENINGS = """Air strikes kill 9 in Saraqib

Air strikes hit a market in the town of Saraqib in Idlib province on Monday, killing nine people, a monitor said.

The Syrian Observatory for Human Rights said the nine dead included three children.

On Sunday, rebel shelling killed 14 soldiers at an army post in the town of Morek in Hama province, the monitor said.

Residents said several shops were destroyed in the Saraqib strikes."""

BELOW_HEADLINE = """Government shelling hit a residential area of Douma on Tuesday, killing at least seven civilians, rescuers said.

Rescuers were still searching the rubble of two buildings late on Tuesday.

Officials did not comment on the shelling, and the army made no statement about it."""


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _code(pipe: Pipeline, text: str, *, title: bool = True) -> Doc:
    return pipe(Document(id="story", text=text, date=date(2019, 3, 5),
                         title=text.splitlines()[0] if title else None, country="Syria"))


def test_headline_toll_bounds_the_story_and_explains_the_lowered_event(pipe: Pipeline) -> None:
    # the policy's known cost: a roundup's second happening (Morek, the day before) gives up its
    # deaths to the headline's toll. Keeping other days' events out of the check was measured:
    # FA-KES untouched slice within 20 % 0.745 -> 0.709, as most such events are recalled ones.
    doc = _code(pipe, TWO_HAPPENINGS)
    assert sum(e.fatalities or 0 for e in doc.events) == 9
    strike = next(e for e in doc.events if e.location == "Saraqib" and e.fatalities)
    assert strike.fatalities == 9  # the headline's own event keeps its deaths
    lowered = [e for e in doc.events if any("the headline reports 9 deaths" in w for w in e.why)]
    assert lowered and all(e.fatalities == 0 and e.fatalities_low == 0 for e in lowered)
    assert any("lowered to 0" in n for n in doc.notes)


def test_headline_toll_never_raises_a_story_below_it(pipe: Pipeline) -> None:
    # the title is the document's, not a line of its text: the body's seven are all it places
    doc = pipe(Document(id="story", text=BELOW_HEADLINE, date=date(2019, 3, 5),
                        title="Shelling kills 12 in Douma", country="Syria"))
    assert headline_toll(doc) == (12, -1, -1)
    assert sum(e.fatalities or 0 for e in doc.events) == 7
    assert not any("headline reports" in n for n in doc.notes)


def test_headline_toll_reads_a_stated_count_only(pipe: Pipeline) -> None:
    def toll(title: str) -> int | None:
        doc = pipe(Document(id="t", text=title + "\n\nNothing else happened there.", date=date(2019, 3, 5),
                            title=title, country="Syria"))
        found = headline_toll(doc)
        return found[0] if found else None

    assert toll("Air strikes kill 22 in Idlib") == 22
    assert toll("2 medics among 31 dead in Hama shelling") == 31
    assert toll("Dozens killed in Idlib air strikes") is None  # vague: no check
    assert toll("The war has killed 400000 people since 2011") is None  # a running toll
    assert toll("Rebels shell Aleppo") is None
    # headline style: no comma between the dead and the hurt, no article before one victim
    assert toll("8 Civilians Killed 30 Injured in Homs Shelling") == 8
    assert toll("Car bomb kills woman wounds 12 in Homs") == 1
    assert toll("Car bomb wounds 12 in Homs") is None  # the hurt are no toll
    # the killer's own death alone counts none of his victims; beside them it is one more death
    assert toll("Autopsies show children shot, father committed suicide") is None
    assert toll("Gunman kills 3 before killing himself in Homs") == 4


def test_headline_toll_without_title_uses_the_headline_line(pipe: Pipeline) -> None:
    doc = _code(pipe, TWO_HAPPENINGS, title=False)
    found = headline_toll(doc)
    assert found is not None and found[0] == 9
    assert sum(e.fatalities or 0 for e in doc.events) == 9


NO_COUNT_IN_BODY = """Police were called to a motel on Main Street on Friday after a guest heard shots.

Officers found the victims inside a room, police said in a statement.

The names of those killed were not released."""


def test_headline_toll_fills_a_body_that_counts_no_death(pipe: Pipeline) -> None:
    """A story whose body counts no death takes its headline's one plain count."""
    doc = pipe(Document(id="story", text=NO_COUNT_IN_BODY, date=date(2019, 3, 5),
                        title="3 dead in shooting at motel", country="United States"))
    assert doc.events
    assert sum(e.fatalities or 0 for e in doc.events) == 3
    assert any("raised to 3" in n for n in doc.notes)
    # negative: a headline with no stated count raises nothing
    doc = pipe(Document(id="story", text=NO_COUNT_IN_BODY, date=date(2019, 3, 5),
                        title="Deadly shooting at motel", country="United States"))
    assert sum(e.fatalities or 0 for e in doc.events) == 0
