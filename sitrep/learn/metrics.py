"""Classification scores shared by ``sitrep eval`` and the benchmarks."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ClassScores", "LabelReport", "in_holdout", "label_report"]


@dataclass(frozen=True)
class ClassScores:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class LabelReport:
    accuracy: float
    macro_f1: float
    weighted_f1: float
    per_class: tuple[ClassScores, ...]
    n: int

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n, "accuracy": round(self.accuracy, 4), "macro_f1": round(self.macro_f1, 4),
            "weighted_f1": round(self.weighted_f1, 4),
            "per_class": {c.label: {"precision": round(c.precision, 4), "recall": round(c.recall, 4),
                                    "f1": round(c.f1, 4), "support": c.support}
                          for c in self.per_class},
        }


def label_report(gold: Sequence[str], pred: Sequence[str], *,
                 exclude_from_macro: Sequence[str] = ()) -> LabelReport:
    """Accuracy, macro/weighted F1 over the gold labels (minus ``exclude_from_macro``, e.g. a
    "none" label when it is not a class of interest) and per-class scores."""
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    if not gold:
        return LabelReport(0.0, 0.0, 0.0, (), 0)
    labels = sorted(set(gold) - set(exclude_from_macro))
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    _, _, macro, _ = precision_recall_fscore_support(gold, pred, labels=labels, average="macro",
                                                     zero_division=0)
    _, _, weighted, _ = precision_recall_fscore_support(gold, pred, labels=labels,
                                                        average="weighted", zero_division=0)
    per = tuple(ClassScores(lab, float(pi), float(ri), float(fi), int(si))
                for lab, pi, ri, fi, si in zip(labels, p, r, f, s, strict=True))
    return LabelReport(float(accuracy_score(gold, pred)), float(macro), float(weighted), per, len(gold))


def in_holdout(key: str, *, share: float = 0.3, salt: str = "sitrep") -> bool:
    """Deterministic split: True for about ``share`` of keys (stable across runs and machines)."""
    digest = hashlib.sha1(f"{salt}|{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share
