"""Hard-wrapped copy (wire, e-mail, PDF text) is read as running text: the same sentences and the
same events as the story written one paragraph per line (rule ``wrapped-lines-run-on``)."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.nlp.segment import segment_text
from sitrep.nlp.unwrap import unwrap, wrapping
from sitrep.pipeline import Pipeline
from sitrep.schema import Document

PARAGRAPHS = [
    "A car bomb exploded in a crowded market in the town of Azaz on Monday, killing at least 16 "
    "people and wounding dozens more, a monitor said.",
    "The Syrian Observatory for Human Rights said 16 people were killed in the blast in Azaz, "
    "near the border with Turkey, and that the toll could rise.",
    "Residents said the explosion destroyed several shops and cars near the market, where many "
    "families had come to buy food before the holiday.",
]
HEADLINE = "Car bomb kills 16 in Azaz market"


def _wire(width: int, *, blank_lines: bool = True) -> str:
    gap = "\n\n" if blank_lines else "\n"
    return HEADLINE + "\n\n" + gap.join(textwrap.fill(p, width) for p in PARAGRAPHS)


def _flat(texts: list[str]) -> list[str]:
    return [" ".join(t.split()) for t in texts]


@pytest.mark.parametrize("width", [50, 64, 70, 79])
@pytest.mark.parametrize("blank_lines", [True, False])
def test_unwrap_wrapped_story_segments_as_the_unwrapped_one(width: int, blank_lines: bool) -> None:
    plain = HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS)
    wired = _wire(width, blank_lines=blank_lines)
    assert wrapping(wired) is not None
    sentences = segment_text(unwrap(wired))
    assert _flat([s.text for s in sentences]) == _flat([s.text for s in segment_text(plain)])


def test_unwrap_keeps_the_writers_own_breaks() -> None:
    # one paragraph per line, a headline and a short list: no break is a wrap
    text = (HEADLINE + "\n" + "\n".join(PARAGRAPHS) + "\nKilled:\n- two children\n- a teacher\n")
    assert wrapping(text) is None
    assert unwrap(text) == text
    # a wrapped story keeps its headline and its list items apart from the running text
    wired = _wire(70) + "\n\nThe dead included:\n- two children\n- a teacher of the town school"
    read = unwrap(wired)
    assert read.startswith(HEADLINE + "\n")
    assert "\n- two children\n- a teacher" in read


def test_unwrap_a_dash_carried_to_the_next_line_runs_on() -> None:
    text = ("Four people were killed at the party on Wednesday, said a tearful Jessica Shelton\n"
            "-- the mother of two of the victims -- who spoke to reporters outside the house on\n"
            "Thursday morning, a day after the shooting that shocked the small borough's people\n"
            "and left the police searching for two gunmen who fled on foot through the yards.")
    assert [s.text.count("\n") for s in segment_text(unwrap(text))] == [0]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab cD.\n\r-é"), max_size=400))
def test_unwrap_never_moves_an_offset(text: str) -> None:
    read = unwrap(text)
    assert len(read) == len(text)
    assert all(a == b or (a in "\r\n" and b == " ") for a, b in zip(text, read, strict=True))


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def test_unwrap_wired_story_codes_the_same_event(pipe: Pipeline) -> None:
    day = date(2019, 3, 5)
    plain = pipe(Document(id="p", text=HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS), date=day,
                          country="Syria"))
    wired = pipe(Document(id="w", text=_wire(64), date=day, country="Syria"))
    assert [(e.sub_event_type, e.fatalities, e.location) for e in wired.events] == \
        [(e.sub_event_type, e.fatalities, e.location) for e in plain.events]
    assert sum(e.fatalities or 0 for e in wired.events) == 16
    assert any("wrapped-lines-run-on" in n for n in wired.notes)
    # the stored text is untouched; evidence offsets point into it
    assert wired.document.text == _wire(64)
    for event in wired.events:
        for ev in event.evidence:
            assert " ".join(wired.document.text[ev.start:ev.end].split()) == " ".join(ev.text.split())
