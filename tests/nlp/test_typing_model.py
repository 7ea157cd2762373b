"""The learned sub-type model (issue 21): features, fitting, the saved weights, and its place in
the classifier (it types; the event/no-event gate stays with the codebook model and the cues)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from sitrep.errors import ConfigError
from sitrep.nlp.classify import EventClassifier, train_codebook_model
from sitrep.nlp.cues import find_cues
from sitrep.nlp.typing_model import HASH_BITS, LearnedTyper, TypingInput, cue_tokens, featurize, fit_typer

N_FEATURES = 3 * 2**HASH_BITS + 25


def _item(text: str) -> TypingInput:
    return TypingInput(text, find_cues(text), (), None, np.zeros(25))


@pytest.fixture(scope="module")
def codebook_classifier() -> EventClassifier:
    return EventClassifier(train_codebook_model())


def test_typing_model_cue_tokens_name_trigger_and_neighbours() -> None:
    tokens = cue_tokens(_item("Police arrested two journalists in the capital."))
    assert any(t.startswith("cue:arrests") for t in tokens)
    assert "before:police" in tokens and "nearactor:police" in tokens and "actor:civilian" in tokens


def test_typing_model_featurize_has_one_row_and_all_blocks() -> None:
    x = featurize([_item("Rebels clashed with soldiers."), _item("Protesters marched peacefully.")])
    assert x.shape == (2, N_FEATURES)
    assert x[:, N_FEATURES - 25:].nnz == 0  # the rule-score block of zero scores is empty


def test_typing_model_fit_learns_labels() -> None:
    texts = ["Rebels clashed with soldiers near the border.", "Gunmen fought troops for hours.",
             "Police arrested a journalist.", "Officers detained three activists.",
             "Protesters marched peacefully downtown.", "Students rallied outside parliament."]
    labels = ["Armed clash", "Armed clash", "Arrests", "Arrests", "Peaceful protest", "Peaceful protest"]
    typer = fit_typer([_item(t) for t in texts], labels, c=1.0)
    assert list(np.array(typer.labels)[typer.margins([_item(t) for t in texts]).argmax(axis=1)]) == labels


def test_typing_model_save_load_roundtrip(tmp_path: Path) -> None:
    typer = fit_typer([_item("Rebels clashed with soldiers."), _item("Police arrested a man.")],
                      ["Armed clash", "Arrests"], prune=1e-6)
    path = tmp_path / "typer.npz"
    typer.save(path)
    again = LearnedTyper.load(path)
    items = [_item("Soldiers clashed with gunmen."), _item("Police detained a man.")]
    assert again.labels == typer.labels
    np.testing.assert_allclose(again.margins(items), typer.margins(items), rtol=1e-5, atol=1e-6)


def test_typing_model_load_refuses_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    np.savez(bad, format=np.array("something-else"), hash_bits=np.array(HASH_BITS))
    with pytest.raises(ConfigError) as info:
        LearnedTyper.load(bad)
    assert info.value.code == "E113"
    with pytest.raises(ConfigError):
        LearnedTyper.load(tmp_path / "missing.npz")


def _always(label: str, other: str) -> LearnedTyper:
    """A typer that prefers ``label`` whatever it reads."""
    return LearnedTyper(labels=(label, other), coef=sp.csr_matrix((N_FEATURES, 2)), intercept=np.array([1.0, 0.0]))


def test_classify_typer_decides_the_sub_type(codebook_classifier: EventClassifier) -> None:
    text = "Soldiers clashed with rebels near the town on Monday."
    assert codebook_classifier.predict([text], allow_none=False)[0].label == "Armed clash"
    typed = EventClassifier(codebook_classifier.codebook, typer=_always("Arrests", "Armed clash"))
    pred = typed.predict([text], allow_none=False)[0]
    assert pred.label == "Arrests"
    assert pred.ranking[0][0] == "Arrests"


def test_classify_typer_leaves_the_event_gate_alone(codebook_classifier: EventClassifier) -> None:
    texts = ["The minister opened a new school on Monday.", "Soldiers clashed with rebels near the town."]
    typed = EventClassifier(codebook_classifier.codebook, typer=_always("Arrests", "Armed clash"))
    before = [p.label for p in codebook_classifier.predict(texts)]
    after = [p.label for p in typed.predict(texts)]
    assert before[0] == after[0] == "none"
    assert before[1] != "none" and after[1] == "Arrests"


def test_classify_typing_inputs_carry_the_rule_decision(codebook_classifier: EventClassifier) -> None:
    texts = ["Soldiers clashed with rebels near the town.", "Police arrested two protesters in the square.",
             "A roadside bomb exploded under a police car."]
    items = codebook_classifier.typing_inputs(texts)
    rule_labels = [codebook_classifier._subs[int(np.argmax(i.rule_scores))] for i in items]
    assert rule_labels == [p.label for p in codebook_classifier.predict(texts, allow_none=False)]
    assert all(i.hits for i in items)
