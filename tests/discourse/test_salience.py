"""The learned salience decision: named features, shipped weights, and how the stage uses it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.discourse.coref import group_happenings
from sitrep.discourse.salience import FEATURES, SalienceModel, happening_features, load_salience_model
from sitrep.discourse.stage import DiscourseStage

from .test_discourse_units import PUB, _cand, _doc, _place


def test_salience_shipped_model_covers_exactly_the_named_features() -> None:
    model = load_salience_model()
    assert model is not None
    assert set(model.weights) == set(FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert model.info["cv_5fold_grouped"]


def test_salience_model_with_unknown_feature_fails_at_load(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"weights": {"no_such_feature": 1.0}, "intercept": 0, "threshold": 0.5}))
    with pytest.raises(ValueError, match="no_such_feature"):
        load_salience_model(path)


def _story() -> tuple:
    sentences = ["Air strikes killed 12 people in Saraqib on Thursday, a monitor said."]
    sentences += [f"Residents described the damage in line {i}." for i in range(5)]
    sentences += ["Earlier, shelling killed 3 in Hama on Wednesday."]
    doc = _doc(*sentences)
    lede = _cand(doc, 0, "Air strikes", "Air/drone strike", place=_place("Saraqib", admin1="Idlib"),
                 fatalities=12, figure_at=19)
    later = _cand(doc, 6, "shelling", "Shelling/artillery/missile attack", place=_place("Hama", admin1="Hama"),
                  fatalities=3, figure_at=400, day=date(2016, 11, 3))
    doc.candidates = [lede, later]
    return doc, lede, later


def test_salience_features_describe_position_and_cues() -> None:
    doc, lede, later = _story()
    haps = group_happenings([lede, later])
    first = happening_features(doc, haps, 0, PUB, frozenset())
    second = happening_features(doc, haps, 1, PUB, frozenset())
    assert set(first) == set(FEATURES)
    assert first["in_lede"] == 1.0 and second["in_lede"] == 0.0
    assert second["first_position"] > first["first_position"]
    assert second["cue_past"] == 1.0 and second["same_region_as_first"] == 0.0


def test_salience_stage_sets_aside_a_passing_mention_and_says_why() -> None:
    doc, lede, later = _story()
    weights = {n: 0.0 for n in FEATURES}
    weights["first_position"] = -10.0
    model = SalienceModel(weights=weights, intercept=2.0, threshold=0.5, info={})
    DiscourseStage(salience=model)(doc)
    assert lede.extra["status"] == "new" and later.extra["status"] == "context"
    assert any("model.salience" in w and "first_position" in w for w in later.extra["why"])


def test_salience_stage_keeps_the_most_salient_and_leaves_notes_alone() -> None:
    doc, lede, later = _story()
    model = SalienceModel(weights={n: 0.0 for n in FEATURES}, intercept=-5.0, threshold=0.5, info={})
    DiscourseStage(salience=model)(doc)
    assert [lede.extra["status"], later.extra["status"]].count("new") == 1
    short, a, b = _story()
    short.sentences = short.sentences[:1] + short.sentences[6:]
    b.sentence_index = 1
    DiscourseStage(salience=model)(short)
    assert a.extra["status"] == b.extra["status"] == "new"


def test_salience_choose_kept_keeps_the_story_deaths() -> None:
    from sitrep.discourse.salience import choose_kept

    doc, lede, later = _story()
    lede.fatalities = 0
    haps = group_happenings([lede, later])
    assert choose_kept(haps, [0.9, 0.1], 0.5) == ["the most salient happening of the story",
                                                   "the most salient happening with deaths"]
    later.fatalities = 0
    assert choose_kept(haps, [0.9, 0.1], 0.5)[1] is None
    later.sub_event_type = "Government regains territory"
    assert choose_kept(haps, [0.9, 0.1], 0.5)[1] == "a change of territory (rules decide)"
