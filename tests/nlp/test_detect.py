from __future__ import annotations

import time
from datetime import date

import pytest

from sitrep.config import Settings
from sitrep.nlp.detect import Detector, make_detector
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document
from sitrep.taxonomy import TYPE_OF_SUB

REPORT = (
    "Rebels clashed with government troops in the northern district on Tuesday. "
    "Regime warplanes bombed the market of the town, killing four civilians. "
    "If the rebels capture the hill, the road to the airport will fall. "
    "The ministry denied that any shelling took place in the village. "
    "Years ago the regime captured the old castle road. "
    "The president met the ambassador to talk about trade."
)


@pytest.fixture(scope="module")
def detector() -> Detector:
    settings = Settings(stage_options={"detect.v1": {"parser": False}})
    return make_detector(settings, Resources(settings))


def _run(detector: Detector, text: str, **doc_fields: object) -> Doc:
    doc = Doc(document=Document(id="t", text=text, date=date(2020, 5, 9), **doc_fields))
    doc.sentences = segment_text(text)
    return detector(doc)


def test_detect_finds_events_and_flags_modality(detector: Detector) -> None:
    doc = _run(detector, REPORT)
    kept = {(c.sentence_index, c.sub_event_type) for c in doc.candidates
            if not (c.negated or c.hypothetical or c.background)}
    assert (0, "Armed clash") in kept
    assert (1, "Air/drone strike") in kept
    assert not any(i in (2, 3, 4, 5) for i, _ in kept)
    flagged = {c.sentence_index: c for c in doc.candidates if c.sentence_index in (2, 3, 4)}
    assert flagged[4].background
    # a conditional or a denial may already be rejected by the codebook's "none" class (its
    # examples include both) before modality is asked; if it becomes a candidate it must be flagged
    assert 2 not in flagged or flagged[2].hypothetical
    assert 3 not in flagged or flagged[3].negated


def test_detect_trigger_offsets_point_into_the_document(detector: Detector) -> None:
    doc = _run(detector, "Headline\n\n" + REPORT)
    assert doc.candidates
    for cand in doc.candidates:
        assert doc.text[cand.trigger.start:cand.trigger.end] == cand.trigger.text
        assert TYPE_OF_SUB[cand.sub_event_type] == cand.event_type


def test_detect_a_battle_with_a_car_bomb_gives_both_candidates(detector: Detector) -> None:
    doc = _run(detector, "On Thursday the factions attacked army positions in the district, where "
                         "they started the assault with a booby-trapped car, and violent clashes followed.")
    subs = {c.sub_event_type for c in doc.candidates}
    assert "Armed clash" in subs and "Remote explosive/landmine/IED" in subs


def test_detect_no_events_in_text_without_events(detector: Detector) -> None:
    doc = _run(detector, "The council discussed the new budget. Schools reopen next month.")
    assert doc.candidates == []


@pytest.mark.parametrize(("text", "lang"), [("هواپیماهای جنگی بازار شهر را بمباران کردند و چهار نفر کشته شدند", "fa"),
                                            ("Les rebelles ont attaqué la ville et les soldats ont fui.", "fr")])
def test_detect_non_english_is_reported_not_coded(detector: Detector, text: str, lang: str) -> None:
    doc = _run(detector, text)
    assert doc.candidates == []
    assert f"unsupported language: {lang}" in doc.notes


def test_detect_given_language_wins_over_detection(detector: Detector) -> None:
    doc = _run(detector, "Rebels clashed with troops near the town.", language="fr")
    assert doc.candidates == [] and "unsupported language: fr" in doc.notes


def test_detect_long_document_finishes_in_bounded_time(detector: Detector) -> None:
    text = ("Troops shelled the village and rebels fired back at their positions. " * 3000
            + "x" * 20000)  # ~230 kB, plus a pathological 20 kB token
    start = time.perf_counter()
    doc = _run(detector, text)
    assert time.perf_counter() - start < 20
    assert len(doc.candidates) >= 3000


@pytest.mark.slow
def test_detect_parser_settles_far_modal_cue() -> None:
    settings = Settings()
    resources = Resources(settings)
    det = make_detector(settings, resources)
    text = ("The commander said that the brigade would reach the edge of the town within days, "
            "but local sources said the army shelled the village on Monday.")
    doc = _run(det, text)
    shelled = [c for c in doc.candidates if c.trigger.text == "shelled"]
    assert shelled and not shelled[0].hypothetical


def test_segment_a_clock_time_before_its_day_ends_no_sentence() -> None:
    from sitrep.nlp.segment import segment_text

    text = ("She was shot just before 5 p.m. Monday in a home on Alcoa Drive. Police came at 6 a.m. "
            "The street was calm. Shots at 2 a.m. EST woke them.")
    assert [s.text for s in segment_text(text)] == [
        "She was shot just before 5 p.m. Monday in a home on Alcoa Drive.", "Police came at 6 a.m.",
        "The street was calm.", "Shots at 2 a.m. EST woke them."]
