"""A logistic regression over named features, as the discourse stage's learned decisions ship it.

Weights are stored by feature name in a JSON file (``weights``, ``intercept``, ``threshold`` and an
``info`` block of figures); a file naming a feature the code does not compute fails at load, so a
renamed feature can never be silently ignored.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LinearModel", "read_linear_model", "write_linear_model"]


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression over named features: weights, intercept, threshold."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    info: dict[str, object]

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def strongest(self, features: dict[str, float], k: int = 3) -> list[str]:
        """The ``k`` features that moved this probability most, signed."""
        parts = sorted(((self.weights.get(n, 0.0) * v, n) for n, v in features.items()), key=lambda t: -abs(t[0]))
        return [f"{n} {w:+.2f}" for w, n in parts[:k] if w]


def read_linear_model(path: Path, features: Iterable[str]) -> LinearModel | None:
    """The model stored at ``path`` (None when no file is there); raises on unknown feature names."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(data["weights"]) - set(features)
    if unknown:
        raise ValueError(f"{path}: weights for unknown features {sorted(unknown)}")
    return LinearModel(weights={k: float(v) for k, v in data["weights"].items()},
                       intercept=float(data["intercept"]), threshold=float(data["threshold"]),
                       info=dict(data.get("info", {})))


def write_linear_model(path: Path, model: LinearModel) -> None:
    """Store ``model`` at ``path`` as :func:`read_linear_model` reads it (weights rounded to 5 places)."""
    path.write_text(json.dumps({
        "weights": {n: round(float(w), 5) for n, w in model.weights.items()},
        "intercept": round(float(model.intercept), 5), "threshold": model.threshold, "info": model.info,
    }, indent=2) + "\n", encoding="utf-8")
