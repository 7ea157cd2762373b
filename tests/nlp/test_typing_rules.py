"""The sub-type rule tables: every rule named, explained and shown firing; typos refused; the
rules and scores that typed a candidate recorded on it."""

from __future__ import annotations

import importlib
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from sitrep.assemble import Assembler
from sitrep.errors import ConfigError
from sitrep.nlp.classify import EventClassifier, train_codebook_model, typing_evidence
from sitrep.nlp.detect import Detector
from sitrep.nlp.rules import rule_features, rule_flags
from sitrep.nlp.segment import segment_text
from sitrep.nlp.typing_rules import (
    FLAG_RULES_EN,
    PRIOR_RULES,
    SCORE_RULES,
    Flag,
    FlagRule,
    RuleName,
    ScoreContext,
    ScoreRule,
    check_tables,
)
from sitrep.schema import DateInfo, Doc, Document, EventCandidate, Sentence, Span
from sitrep.taxonomy import SUB_EVENT_TYPES, TYPE_OF_SUB

ALL_SCORE_RULES = (*PRIOR_RULES, *SCORE_RULES)


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier(train_codebook_model())


@pytest.mark.parametrize("rule", FLAG_RULES_EN, ids=lambda r: r.flag.value)
def test_typing_rules_flag_rule_fires_on_its_example(rule: FlagRule[object]) -> None:
    assert len(rule.reason) > 20
    assert rule.flag in rule_flags(rule.example)


@pytest.mark.parametrize("rule", ALL_SCORE_RULES, ids=lambda r: r.name.value)
def test_typing_rules_score_rule_fires_on_its_example(classifier: EventClassifier, rule: ScoreRule) -> None:
    assert len(rule.reason) > 20
    assert rule.raises or rule.lowers
    pred = classifier.predict([rule.example], allow_none=False)[0]
    assert rule.name.value in pred.rules


def test_typing_rules_tables_are_named_once_and_in_order() -> None:
    check_tables(FLAG_RULES_EN, PRIOR_RULES, SCORE_RULES)
    assert {r.flag for r in FLAG_RULES_EN} == set(Flag)
    assert {r.name for r in ALL_SCORE_RULES} == set(RuleName)
    assert [r.order for r in SCORE_RULES] == sorted(r.order for r in SCORE_RULES)


@pytest.mark.parametrize("rule", ALL_SCORE_RULES, ids=lambda r: r.name.value)
def test_typing_rules_effect_moves_only_the_sub_types_it_declares(rule: ScoreRule) -> None:
    rng = np.random.default_rng(7)
    index = {s: i for i, s in enumerate(SUB_EVENT_TYPES)}
    up = {index[s] for s in rule.raises}
    down = {index[s] for s in rule.lowers}
    for _ in range(50):
        scores = rng.uniform(0.0, 1.5, len(SUB_EVENT_TYPES))
        ctx = ScoreContext(text="x", scores=scores.copy(), flags=rule.requires | rule.any_of,
                           raw=rng.uniform(0.0, 1.0, len(SUB_EVENT_TYPES)), heading="Armed clash")
        rule.effect(ctx)
        for i, (old, new) in enumerate(zip(scores, ctx.scores, strict=True)):
            if i not in up | down:
                assert new == old, SUB_EVENT_TYPES[i]
            elif i not in down:
                assert new >= old, SUB_EVENT_TYPES[i]
            elif i not in up:
                assert new <= old, SUB_EVENT_TYPES[i]


def _rule(**kw: object) -> ScoreRule:
    fields: dict[str, object] = dict(name="armed_victims", order=1, effect=lambda c: None, raises=("Attack",),
                                     lowers=(), reason="a reason", example="an example")
    fields.update(kw)
    return ScoreRule(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: _rule(requires={"notpolitcal"}), "E171"),  # a misspelt flag is refused, not ignored
        (lambda: _rule(unless={"protest", "mobacts"}), "E171"),
        (lambda: FlagRule("armedvictim", 1, lambda t, f: True, "r", "e"), "E171"),
        (lambda: _rule(name="armed_victim"), "E170"),
        (lambda: _rule(raises=("Armed clashes",)), "E177"),
    ],
)
def test_typing_rules_unknown_names_fail_with_a_code(make: object, code: str) -> None:
    with pytest.raises(ConfigError) as err:
        make()  # type: ignore[operator]
    assert err.value.code == code
    assert "unknown" in err.value.message


def test_typing_rules_a_table_with_a_typo_fails_at_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "typo_table.py").write_text(
        "from sitrep.nlp.typing_rules import ScoreRule\n"
        "RULES = (ScoreRule('handover', 1, lambda c: None, ('Other',), (), 'reason', 'example',\n"
        "                   requires={'hand_over'}),)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("typo_table", None)
    with pytest.raises(ConfigError, match="unknown flag 'hand_over' in rule 'handover'"):
        importlib.import_module("typo_table")


@pytest.mark.parametrize(
    ("tables", "code"),
    [
        ((FLAG_RULES_EN, PRIOR_RULES, (*SCORE_RULES, replace(SCORE_RULES[0], order=999))), "E172"),
        ((FLAG_RULES_EN[:-1], PRIOR_RULES, SCORE_RULES), "E173"),  # "notpolitical" set by no rule
        ((FLAG_RULES_EN[8:9] + FLAG_RULES_EN[:8] + FLAG_RULES_EN[9:], PRIOR_RULES, SCORE_RULES), "E174"),
        ((FLAG_RULES_EN, PRIOR_RULES, SCORE_RULES[1:] + SCORE_RULES[:1]), "E175"),
        ((FLAG_RULES_EN, PRIOR_RULES, SCORE_RULES[:-1]), "E176"),
    ],
    ids=["duplicate-name", "flag-never-set", "flag-read-before-set", "out-of-order", "name-without-rule"],
)
def test_typing_rules_check_refuses_broken_tables(tables: tuple[tuple[object, ...], ...], code: str) -> None:
    with pytest.raises(ConfigError) as err:
        check_tables(*tables)  # type: ignore[arg-type]
    assert err.value.code == code


def test_typing_rules_flags_keep_the_pseudo_words_of_trained_models() -> None:
    assert "xarmedvictims" in rule_features("Rebel fighters shot dead two soldiers near the village.").split()
    assert "armedvictims" in rule_flags("Rebel fighters shot dead two soldiers near the village.")


def test_typing_rules_prediction_records_rules_and_scores(classifier: EventClassifier) -> None:
    pred = classifier.predict(["Rebel fighters shot dead two soldiers near the village."])[0]
    assert pred.label == "Armed clash"
    assert "armed_victims" in pred.rules and "armedvictims" in pred.flags
    evidence = typing_evidence(pred)
    assert list(evidence["scores"])[0] == "Armed clash" and len(evidence["scores"]) == 3
    assert "armed_victims" in evidence["rules"]
    assert evidence["why"].startswith("typing: Armed clash (rules: ") and "armed_victims" in evidence["why"]


def test_typing_rules_a_rule_that_moves_nothing_is_not_recorded(classifier: EventClassifier) -> None:
    # no cue of a seized weapon or destroyed property: scaling their prior of 0 decided nothing
    pred = classifier.predict(["Rebel fighters shot dead two soldiers near the village."])[0]
    assert "aftermath_of_violence" not in pred.rules
    pred = classifier.predict(["Soldiers killed three militants and seized their weapons."])[0]
    assert "aftermath_of_violence" in pred.rules


def test_typing_rules_detector_writes_typing_on_each_candidate(classifier: EventClassifier) -> None:
    text = "Gunmen kidnapped three soldiers at a checkpoint. Police detained the editor at his office."
    doc = Doc(document=Document(id="t", text=text, date=date(2020, 5, 9)))
    doc.sentences = segment_text(text)
    Detector(classifier)(doc)
    assert doc.candidates
    for cand in doc.candidates:
        typing = cand.extra["typing"]
        assert typing["rules"] and typing["scores"] and typing["why"].startswith("typing: ")
    assert any("armed_taken" in c.extra["typing"]["rules"] for c in doc.candidates)
    assert any("arrest_only" in c.extra["typing"]["rules"] for c in doc.candidates)


def test_typing_rules_event_why_shows_the_typing_line() -> None:
    line = "typing: Armed clash (rules: exchange_of_fire; scores: Armed clash 1.10)"
    cand = EventCandidate(sentence_index=0, trigger=Span(start=0, end=1, text="x"), event_type=TYPE_OF_SUB["Armed clash"],
                          sub_event_type="Armed clash", date=DateInfo(event_date=date(2020, 5, 8)),
                          extra={"typing": {"rules": ["exchange_of_fire"], "why": line}})
    doc = Doc(document=Document(id="d", text="x", date=date(2020, 5, 9)))
    doc.sentences = [Sentence(index=0, start=0, end=1, text="x")]
    doc.candidates = [cand]
    (event,) = Assembler()(doc).events
    assert event.why[1] == line


_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


@pytest.mark.parametrize("text", [
    "The rebels' violent attack in recent days turned the army into a defender clinging to control of its strongholds.",
    "Five civilians were killed in the occupied neighbourhood of Bab al-Nairab by random fire.",
    "Fighting raged around the rebel-held town for a third day.",
])
def test_typing_rules_no_capture_without_a_taking(classifier: EventClassifier, text: str) -> None:
    # ACLED: a change of territory needs a side to take control of a place, told in the clause
    pred = classifier.predict([text], allow_none=False)[0]
    assert "taking" not in rule_flags(text)
    assert pred.label not in _TERRITORY


@pytest.mark.parametrize("text", [
    "Rebels seized control of two villages north of the city on Monday.",
    "The army recaptured the town from the militants.",
    "The village fell to the insurgents after a week of fighting.",
    "Government troops entered and took control of the district.",
    "Insurgents overran an army base in the north.",
])
def test_typing_rules_capture_with_a_taking(classifier: EventClassifier, text: str) -> None:
    pred = classifier.predict([text], allow_none=False)[0]
    assert "taking" in rule_flags(text)
    assert pred.label in _TERRITORY and "no_taking" not in pred.rules


@pytest.mark.parametrize(("text", "expected"), [
    ("Family Dead in County Murder-Suicide.", "Attack"),
    ("A suicide bomber blew himself up at the army checkpoint, killing four soldiers.", "Suicide bomb"),
])
def test_typing_rules_a_suicide_bomb_needs_explosives(classifier: EventClassifier, text: str, expected: str) -> None:
    assert classifier.predict([text], allow_none=False)[0].label == expected
