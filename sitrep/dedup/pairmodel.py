"""The learned merge decision: logistic regression over :func:`.features.pair_features`.

The weights live in ``pair_model.json`` beside this module, written by
``benchmarks/train_merge.py`` from the development part of the GVA multi-outlet articles (never the
untouched slice), with the regularisation and the decision threshold chosen by cross-validation
grouped by incident. Loaded on first use, not at import. A decision keeps its reasons: the features
that pushed the probability up the most, kept in the merge record.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from .features import FEATURES

__all__ = ["PairModel", "default_pair_model"]


@dataclass(frozen=True)
class PairModel:
    """Standardised logistic regression: p = sigmoid(intercept + sum coef * (x - mean) / scale).

    threshold: the lowest probability at which two reports are the same incident.
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> PairModel:
        try:
            model = cls(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]),  # type: ignore[arg-type]
                        tuple(data["coef"]), float(data["intercept"]), float(data["threshold"]))  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"pair model is malformed: {exc}", code="E180") from exc
        if model.features != FEATURES or not (len(model.mean) == len(model.scale) == len(model.coef) == len(FEATURES)):
            raise ConfigError("pair model features differ from sitrep.dedup.features.FEATURES; "
                              "retrain with benchmarks/train_merge.py", code="E181")
        return model

    def contributions(self, feats: dict[str, float]) -> dict[str, float]:
        """Each feature's share of the log-odds."""
        return {name: c * (feats.get(name, 0.0) - m) / (s or 1.0)
                for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True)}

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(self.contributions(feats).values())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def reasons(self, feats: dict[str, float], n: int = 3) -> list[str]:
        """The ``n`` features that argued most for merging, strongest first."""
        parts = sorted(self.contributions(feats).items(), key=lambda kv: -kv[1])
        return [f"{k}={feats.get(k, 0.0):.2f}" for k, v in parts[:n] if v > 0]

    def to_dict(self) -> dict[str, object]:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept, "threshold": self.threshold}


@lru_cache(maxsize=1)
def default_pair_model() -> PairModel:
    """The shipped model (``pair_model.json``), read once."""
    try:
        text = resources.files(__package__).joinpath("pair_model.json").read_text(encoding="utf-8")
        return PairModel.from_dict(json.loads(text))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read the pair model: {exc}", code="E182") from exc
