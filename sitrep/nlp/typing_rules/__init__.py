"""Sub-type rules as named data: typed flags and rule names, one engine, one table per phase.

- :mod:`.engine`: :class:`Flag`, :class:`RuleName`, the rule records and the engine;
- :mod:`.en_flags`: the English flag rules (what the text says: who acts on whom, with what);
- :mod:`.en_prior` and :mod:`.en_scores`: how the flags shift the cue prior and the sub-type scores.

Arabic texts go through the same score rules (their flags come from the English tests, which find
little in Arabic; the Arabic cues live in :mod:`sitrep.nlp.arabic_cues`). The tables are checked
when this package is imported (:func:`check_tables`).
"""

from __future__ import annotations

from .en_flags import FLAG_RULES_EN
from .en_prior import PRIOR_RULES
from .en_scores import SCORE_RULES
from .en_tests import EnglishText
from .engine import (
    Flag,
    FlagRule,
    RuleName,
    ScoreContext,
    ScoreRule,
    apply_flag_rules,
    apply_score_rules,
    as_flag,
    as_rule_name,
    check_tables,
)

__all__ = [
    "FLAG_RULES_EN",
    "PRIOR_RULES",
    "SCORE_RULES",
    "Flag",
    "FlagRule",
    "RuleName",
    "ScoreContext",
    "ScoreRule",
    "apply_flag_rules",
    "apply_score_rules",
    "as_flag",
    "as_rule_name",
    "check_tables",
    "english_flags",
]

check_tables(FLAG_RULES_EN, PRIOR_RULES, SCORE_RULES)


def english_flags(text: str) -> frozenset[Flag]:
    """The flags the English flag rules set on ``text``."""
    return apply_flag_rules(FLAG_RULES_EN, EnglishText(text))
