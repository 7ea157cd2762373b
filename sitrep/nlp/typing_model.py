"""The learned sub-type model: a linear model over richer features than the codebook model's.

Why: rules written while reading development text stopped generalising (issue 21). This model
reads what the rules read and more, and learns how far to trust each part from labelled notes:

- word 1-2 grams (crudely stemmed) and character 3-5 grams of the candidate text;
- the trigger cues that fire (sub-type and strength), the trigger words themselves and the words
  around each trigger (``near:`` features, up to :data:`NEAR` tokens either side);
- the typing rules' flags and the ACLED note heading, as pseudo-words;
- actor-type cues (police, protesters, civilians, soldiers, militants ... named near the trigger);
- the rules' own sub-type scores (the shipped rule-based decision), as dense features, so the
  rules keep the sub-types where they carry ACLED's definitions and few labelled notes exist.

All text features are hashed (:data:`HASH_BITS`): the saved weights hold no words or text, only
numbers. Weights are kept as a sparse matrix in an ``.npz`` file and loaded once, on first use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .cues import CueHit
from .rules import stem_text

__all__ = ["HASH_BITS", "NEAR", "LearnedTyper", "TypingInput", "featurize", "fit_typer"]

#: 2**HASH_BITS hashed columns per text block (words, characters, cues)
HASH_BITS = 17
#: tokens either side of a trigger that count as its neighbourhood
NEAR = 4
#: weight of the rules' dense score block against the l2-normalised hashed blocks
RULE_BLOCK_SCALE = 1.0
#: saved-model format; a file of another format is refused
FORMAT = "sitrep-typer-1"

_WORD = re.compile(r"[a-z0-9]+")
_ACTORS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    ("police", r"\b(?:police|policem[ae]n|officers?|gendarm|constabular)"),
    ("military", r"\b(?:army|soldiers?|troops?|military|forces|navy|marines?|air force|jets?|warplanes?)\b"),
    ("rebel", r"\b(?:rebels?|militants?|insurgents?|gunmen|fighters|militia\w*|jihadists?|taliban|"
              r"isis|is|al[- ]shabaab|boko haram|hts|sdf|ypg|pkk|naxal\w*|maoists?)\b"),
    ("civilian", r"\b(?:civilians?|villagers?|residents?|farmers?|children|women|students?|worshippers?|"
                 r"journalists?|traders?|passengers?)\b"),
    ("crowd", r"\b(?:protesters?|demonstrators?|crowds?|rioters?|mobs?|supporters?|activists?|"
              r"workers?|strikers?)\b"),
    ("unknown", r"\b(?:unknown|unidentified)\b"),
    ("official", r"\b(?:officials?|mayor|governor|minister|leaders?|councill?ors?|politicians?|candidates?)\b"),
))


@dataclass(frozen=True)
class TypingInput:
    """What the model reads about one candidate: its text, the cues found in it, the rule flags and
    heading, and the rules' score per sub-type (in ``EventClassifier``'s sub-type order)."""

    text: str
    hits: Sequence[CueHit]
    flags: Sequence[str]
    heading: str | None
    rule_scores: np.ndarray


def _token(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.lower())


def cue_tokens(item: TypingInput) -> list[str]:
    """The pseudo-words of the cue block: cues, triggers, their neighbourhoods, flags, heading,
    actor types (near a trigger and anywhere)."""
    low = item.text.lower()
    out = [f"flag:{f}" for f in item.flags]
    if item.heading is not None:
        out.append(f"heading:{_token(item.heading)}")
    spans = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(low)]
    for hit in item.hits:
        sub = _token(hit.sub_event_type)
        out.append(f"cue:{sub}:{'hi' if hit.weight >= 0.6 else 'lo'}")
        trigger = stem_text(hit.text)
        out.append(f"trig:{trigger}")
        out.append(f"trigcue:{sub}:{trigger}")
        first = next((i for i, (s, e, _w) in enumerate(spans) if e > hit.start), len(spans))
        last = next((i for i, (s, _e, _w) in enumerate(spans) if s >= hit.end), len(spans))
        for w in spans[max(0, first - NEAR):first]:
            out.append(f"before:{stem_text(w[2])}")
        for w in spans[last:last + NEAR]:
            out.append(f"after:{stem_text(w[2])}")
        window = low[max(0, hit.start - 60):hit.end + 60]
        out.extend(f"nearactor:{name}" for name, pattern in _ACTORS if pattern.search(window))
    out.extend(f"actor:{name}" for name, pattern in _ACTORS if pattern.search(low))
    if not item.hits:
        out.append("nocue")
    return out


def _vectorizers() -> tuple[Any, Any, Any]:
    from sklearn.feature_extraction.text import HashingVectorizer

    words = HashingVectorizer(n_features=2**HASH_BITS, ngram_range=(1, 2), preprocessor=stem_text,
                              alternate_sign=False, norm="l2")
    chars = HashingVectorizer(n_features=2**HASH_BITS, analyzer="char_wb", ngram_range=(3, 5),
                              lowercase=True, alternate_sign=False, norm="l2")
    cues = HashingVectorizer(n_features=2**HASH_BITS, analyzer=_identity, alternate_sign=False, norm="l2")
    return words, chars, cues


def _identity(tokens: list[str]) -> list[str]:
    """Analyzer of the cue block (module-level: the vectorizer is rebuilt, never pickled)."""
    return tokens


def featurize(items: Sequence[TypingInput]) -> Any:
    """One sparse row per candidate: words | characters | cues | rule scores."""
    import scipy.sparse as sp

    words, chars, cues = _vectorizers()
    texts = [i.text for i in items]
    dense = np.vstack([np.asarray(i.rule_scores, dtype=float) for i in items]) * RULE_BLOCK_SCALE
    return sp.hstack([words.transform(texts), chars.transform(texts),
                      cues.transform([cue_tokens(i) for i in items]), sp.csr_matrix(dense)], format="csr")


@dataclass
class LearnedTyper:
    """Sparse linear weights over :func:`featurize`'s columns; ``scores`` gives soft-maxed margins."""

    labels: tuple[str, ...]
    coef: Any  # scipy.sparse csr, (n_features, n_labels)
    intercept: np.ndarray
    temperature: float = 3.0

    def margins(self, items: Sequence[TypingInput]) -> np.ndarray:
        out: np.ndarray = np.asarray((featurize(items) @ self.coef).toarray()) + self.intercept
        return out

    def scores(self, items: Sequence[TypingInput]) -> np.ndarray:
        z = self.margins(items) * self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def save(self, path: Path) -> None:
        """Write the weights (float32, pruned of exact zeros) and labels to one ``.npz`` file."""
        import scipy.sparse as sp

        coef = sp.csr_matrix(self.coef, dtype=np.float32)
        coef.eliminate_zeros()
        np.savez_compressed(path, format=np.array(FORMAT), labels=np.array(self.labels),
                            hash_bits=np.array(HASH_BITS), data=coef.data, indices=coef.indices,
                            indptr=coef.indptr, shape=np.array(coef.shape),
                            intercept=self.intercept.astype(np.float32), temperature=np.array(self.temperature))

    @classmethod
    def load(cls, path: Path) -> LearnedTyper:
        """Read a file :meth:`save` wrote; a file of another format or hash size is refused."""
        import scipy.sparse as sp

        from ..errors import ConfigError

        try:
            with np.load(path, allow_pickle=False) as data:
                if str(data["format"]) != FORMAT or int(data["hash_bits"]) != HASH_BITS:
                    raise ConfigError(f"{path} is not a {FORMAT} model with {HASH_BITS}-bit hashing", code="E113")
                coef = sp.csr_matrix((data["data"], data["indices"], data["indptr"]), shape=tuple(data["shape"]))
                return cls(labels=tuple(str(x) for x in data["labels"]), coef=coef,
                           intercept=np.asarray(data["intercept"], dtype=float),
                           temperature=float(data["temperature"]))
        except (OSError, KeyError, ValueError) as exc:
            raise ConfigError(f"cannot load typing model {path}: {exc}", code="E113") from exc


def fit_typer(items: Sequence[TypingInput], labels: Sequence[str], *, c: float = 0.5,
              prune: float = 0.0) -> LearnedTyper:
    """Fit a class-balanced linear SVM; weights below ``prune`` in magnitude are dropped (smaller
    file, same decisions in practice)."""
    import scipy.sparse as sp
    from sklearn.svm import LinearSVC

    svm = LinearSVC(C=c, class_weight="balanced", random_state=0, max_iter=5000)
    svm.fit(featurize(items), list(labels))
    coef = np.asarray(svm.coef_, dtype=float)
    intercept = np.asarray(svm.intercept_, dtype=float)
    if coef.shape[0] == 1:  # two classes
        coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
    if prune > 0:
        coef[np.abs(coef) < prune] = 0.0
    return LearnedTyper(labels=tuple(str(x) for x in svm.classes_), coef=sp.csr_matrix(coef.T),
                        intercept=intercept)
