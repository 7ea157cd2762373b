"""The rules' face to the rest of sitrep: the flags a text sets, the no-event test, and the
rule features of trained models.

The rules themselves are data in :mod:`sitrep.nlp.typing_rules` (each named, with its test, its
effect, its order and its reason). The classifier uses them in two ways: as score shifts on top of
the shipped codebook model (:class:`~sitrep.nlp.classify.EventClassifier`), and, in models written
by ``sitrep train``, as extra features whose weights are learned from the user's notes
(:func:`rule_features`, :func:`stem_with_rules`; this module path is pickled into those models).
"""

from __future__ import annotations

import re

from .cues import find_cues, note_heading
from .rule_patterns import ATTRIBUTION, CRIME_ONLY, DIPLOMATIC, FORCE, NOT_POLITICAL, PROTEST
from .typing_rules import Flag, english_flags
from .typing_rules.en_tests import (
    armed_victims_only,
    not_political,
    protesters_killed,
    state_takes_territory,
    unarmed_groups_clash,
)

__all__ = [
    "armed_victims_only",
    "not_political",
    "protesters_killed",
    "reports_no_event",
    "rule_features",
    "rule_flags",
    "state_takes_territory",
    "stem_text",
    "stem_with_rules",
    "unarmed_groups_clash",
]

_SUFFIX = re.compile(r"(?<=\w\w\w)(?:ings?|ed|es|s|ly)\b")
_DIGITS = re.compile(r"\d+")
_NON_LETTERS = re.compile(r"[^a-z]")


def stem_text(text: str) -> str:
    """Lower-case, strip common English suffixes and fold digits (cheap, module-level so
    fitted pipelines pickle)."""
    return _SUFFIX.sub("", _DIGITS.sub("0", text.lower()))


def reports_no_event(text: str) -> bool:
    """Rule: the text is about something other than an event of ACLED's kinds: an accident or
    disaster (:func:`not_political`), a diplomatic answer to an attack (sanctions, expelled
    diplomats), a claim of responsibility or blame for one, or crime without force (theft, fraud,
    smuggling; coding rules). A protest about any of these is
    still a protest."""
    text = text.lower()
    crime = CRIME_ONLY.search(text) and not FORCE.search(text)
    return (bool(NOT_POLITICAL.search(text) or DIPLOMATIC.search(text) or ATTRIBUTION.search(text) or crime)
            and not PROTEST.search(text))


def rule_flags(text: str) -> frozenset[Flag]:
    """The flags the English flag rules set on ``text`` (:mod:`sitrep.nlp.typing_rules.en_flags`
    lists each with its test, its reason and an example; :class:`Flag` values are plain strings,
    so ``"exchange" in rule_flags(text)`` works)."""
    return english_flags(text)


def _token(name: str) -> str:
    return "x" + _NON_LETTERS.sub("", name.lower())


def rule_features(text: str) -> str:
    """The rules, trigger cues and note heading that fire on ``text``, as pseudo-words
    ("xexchange", "xcuearmedclashhi", "xheadingother") a learned model can weigh."""
    out = {_token("cue" + h.sub_event_type) + ("hi" if h.weight >= 0.6 else "lo") for h in find_cues(text)}
    heading = note_heading(text)
    if heading is not None:
        out.add(_token("heading" + heading))
    out.update("x" + flag.value for flag in rule_flags(text))
    return " ".join(sorted(out))


def stem_with_rules(text: str) -> str:
    """:func:`stem_text` plus :func:`rule_features` (the preprocessor of trained models)."""
    return stem_text(text) + " " + rule_features(text)
