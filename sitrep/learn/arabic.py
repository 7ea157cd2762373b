"""Arabic notes in ``sitrep train``: which rows are Arabic, and the model fitted on them.

An ACLED-format export whose notes are Arabic cannot share the English classifier (English
stemming, English codebook). Its Arabic rows are normalised as the Arabic detector normalises
text (:func:`sitrep.nlp.arabic.normalise`) and fitted, with the team-written Arabic codebook, into
``classifier_ar.joblib``; :func:`sitrep.nlp.detect_ar.load_arabic_classifier` loads it with
``--model`` in place of the codebook model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..nlp.arabic import normalise
from ..nlp.classify import fit_text_model
from ..nlp.codebook import training_pairs

__all__ = ["ARABIC_CLASSIFIER", "fit_arabic_notes_model", "is_arabic_note"]

#: File name of the Arabic classifier in a model directory (manifest key ``classifier_ar``).
ARABIC_CLASSIFIER = "classifier_ar.joblib"
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")


def is_arabic_note(text: str) -> bool:
    """True when most letters of ``text`` are Arabic (an English note quoting a place name in
    Arabic stays English)."""
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_ARABIC_LETTER.findall(text)) / letters > 0.5


def fit_arabic_notes_model(texts: Sequence[str], labels: Sequence[str], *, with_codebook: bool = True,
                           c: float = 1.0) -> Any:
    """Fit the Arabic pipeline (word and character n-grams over normalised text, linear SVM) on
    (notes, sub_event_type) plus the whole Arabic codebook, non-events included: the result can
    stand in for the codebook model, so the Arabic cue priors keep their full weight (a few hundred
    notes are too few to outvote them)."""
    texts = [normalise(t).text for t in texts]
    labels = list(labels)
    if with_codebook:
        cb_texts, cb_labels = training_pairs(language="ar")
        texts.extend(normalise(t).text for t in cb_texts)
        labels.extend(cb_labels)
    return fit_text_model(texts, labels, c=c, chars=True).pipeline
