"""The learned coreference pair decision: what ACLED's unit allows, named features, joins that explain themselves."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.discourse.coref import Happening
from sitrep.discourse.coref_model import (
    PAIR_FEATURES,
    join_happenings,
    load_coref_model,
    pair_allowed,
    pair_features,
)
from sitrep.discourse.linear import LinearModel
from sitrep.discourse.stage import DiscourseStage
from sitrep.schema import Doc, EventCandidate

from .test_discourse_units import _cand, _doc, _place


def _model(threshold: float = 0.5, **weights: float) -> LinearModel:
    return LinearModel(weights={n: weights.get(n, 0.0) for n in PAIR_FEATURES}, intercept=0.0,
                       threshold=threshold, info={})


#: joins pairs told the same day, never pairs days apart
SAME_DAY = _model(days0=4.0, days1=-4.0, days_more=-8.0)


def _hap(*members: EventCandidate) -> Happening:
    return Happening(members=list(members), reasons=["first mention"] * len(members))


def _clashes() -> tuple[Doc, list[Happening]]:
    """A lede and a body paragraph telling one battle with the sides named differently."""
    doc = _doc("Fierce clashes near Douma left at least 40 dead on Friday, a monitor said.",
               "The clashes pitted Jaish al-Islam against Faylaq al-Rahman and killed 15 fighters.",
               "Residents stayed indoors.", "Shops were closed.", "Schools were shut.", "Roads were empty.")
    douma = _place("Douma", admin1="Rif Dimashq")
    lede = _cand(doc, 0, "clashes", place=douma, fatalities=40, actors=("Islamist militants",))
    body = _cand(doc, 1, "clashes", place=douma, fatalities=15, actors=("Jaish al-Islam", "Faylaq al-Rahman"))
    return doc, [_hap(lede), _hap(body)]


def test_coref_shipped_model_covers_exactly_the_named_features() -> None:
    model = load_coref_model()
    assert model is not None
    assert set(model.weights) == set(PAIR_FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert model.info["cv_5fold_grouped"] and model.info["rules_only"]


def test_coref_model_with_unknown_feature_fails_at_load(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"weights": {"no_such_pair_feature": 1.0}, "intercept": 0, "threshold": 0.5}))
    with pytest.raises(ValueError, match="no_such_pair_feature"):
        load_coref_model(path)


def test_coref_pair_features_read_how_the_article_tells_the_pair() -> None:
    doc, haps = _clashes()
    relation = pair_allowed(haps[0], haps[1])
    assert relation == "same place"
    feats = pair_features(doc, haps, 0, 1, relation, frozenset())
    assert set(feats) == set(PAIR_FEATURES)
    assert feats["days0"] == 1.0 and feats["same_place"] == 1.0
    assert feats["dyad_disjoint"] == 1.0 and feats["dyad_overlap"] == 0.0
    assert feats["definite"] == 1.0  # "The clashes"
    assert feats["toll_part"] == 1.0 and feats["toll_greater"] == 0.0
    assert feats["earlier_first"] == 1.0


def test_coref_unit_of_analysis_forbids_other_families_captures_countries_and_two_villages() -> None:
    doc = _doc("Shelling hit Kafr Zita and Latamneh on Friday.", "Protesters marched in Hama.",
               "The army took Souran.", "Strikes hit Mosul.")
    shell_a = _cand(doc, 0, "Shelling", "Shelling/artillery/missile attack", place=_place("Kafr Zita", admin1="Hama"))
    shell_b = _cand(doc, 0, "Shelling", "Shelling/artillery/missile attack", place=_place("Latamneh", admin1="Hama"))
    protest = _cand(doc, 1, "marched", "Peaceful protest", place=_place("Hama", admin1="Hama"))
    capture = _cand(doc, 2, "took", "Government regains territory", place=_place("Souran", admin1="Hama"))
    mosul = _place("Mosul", admin1="Nineveh").model_copy(update={"country": "Iraq"})
    strike = _cand(doc, 3, "Strikes", "Air/drone strike", place=mosul)
    assert pair_allowed(_hap(shell_a), _hap(shell_b)) is None  # two villages are two events
    assert pair_allowed(_hap(shell_a), _hap(protest)) is None
    assert pair_allowed(_hap(shell_a), _hap(capture)) is None
    assert pair_allowed(_hap(shell_a), _hap(strike)) is None
    unplaced = _cand(doc, 0, "Shelling", "Shelling/artillery/missile attack")
    assert pair_allowed(_hap(shell_a), _hap(unplaced)) == "one mention unlocated"


def test_coref_join_merges_one_battle_and_says_why() -> None:
    doc, haps = _clashes()
    out = join_happenings(doc, haps, SAME_DAY, frozenset())
    assert len(out) == 1
    assert [m.sentence_index for m in out[0].members] == [0, 1]
    assert out[0].head.sentence_index == 0
    assert "model.coref" in out[0].reasons[1] and "days0" in out[0].reasons[1]
    assert any("model.coref" in n for n in doc.notes)


def test_coref_join_below_threshold_or_days_apart_keeps_two() -> None:
    doc, haps = _clashes()
    assert len(join_happenings(doc, haps, _model(threshold=0.99), frozenset())) == 2
    doc, haps = _clashes()
    haps[1].members[0].date = haps[1].members[0].date.model_copy(update={"event_date": date(2016, 11, 1)})
    assert len(join_happenings(doc, haps, SAME_DAY, frozenset())) == 2


def test_coref_join_never_chains_two_villages_through_an_unplaced_mention() -> None:
    doc = _doc("Shelling hit Kafr Zita on Friday.", "Shelling also hit Latamneh.", "Shelling killed two.")
    a = _cand(doc, 0, "Shelling", "Shelling/artillery/missile attack", place=_place("Kafr Zita", admin1="Hama"))
    b = _cand(doc, 1, "Shelling", "Shelling/artillery/missile attack", place=_place("Latamneh", admin1="Hama"))
    c = _cand(doc, 2, "Shelling", "Shelling/artillery/missile attack", fatalities=2)
    out = join_happenings(doc, [_hap(a), _hap(b), _hap(c)], SAME_DAY, frozenset())
    assert len(out) == 2  # the unplaced mention joins one village, never both
    assert sorted(len(h.members) for h in out) == [1, 2]


def test_coref_stage_counts_the_battle_once_in_stories_only() -> None:
    doc, haps = _clashes()
    doc.candidates = [m for h in haps for m in h.members]
    DiscourseStage(coref=SAME_DAY)(doc)
    assert {c.extra["happening"] for c in doc.candidates} == {0}
    short, haps = _clashes()
    short.sentences = short.sentences[:2]  # a note, not a story: the rules alone decide
    short.candidates = [m for h in haps for m in h.members]
    DiscourseStage(coref=SAME_DAY)(short)
    assert {c.extra["happening"] for c in short.candidates} == {0, 1}
