"""Modality of an event mention: hypothetical/future/conditional, negated/denied, undated background.

Rules work on the clause that holds the trigger (clauses split at ``;``, ``, but``, ``, while``,
``, where`` ...). A cue only counts when it comes *before* the trigger in the same sentence and no
strong boundary lies between them. When a cue is far from the trigger the regex cannot tell
whether it scopes over it; :func:`scope_with_parser` then asks spaCy's dependency parse (used
only on those few sentences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Modality", "clause_spans", "modality_of", "scope_with_parser", "split_clauses"]

_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s*(?:but|while|whereas|where|and then|meanwhile)\b|\s(?:while|whereas|but)\s", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|in case|unless|would|will|could|(?-i:may)(?! \d)|might|shall|should|must(?! have)|"
    r"plan(?:s|ned|ning)? to|"
    r"intend(?:s|ed)? to|threat(?:en(?:s|ed)?)? to|vow(?:s|ed)? to|prepar(?:e|es|ed|ing) to|"
    r"expected to|likely to|aim(?:s|ed)? to|seek(?:s|ing)? to|going to|in order to|attempts? to|"
    r"tr(?:y|ies|ied|ying) to|warn(?:s|ed)? (?:of|that)|fear(?:s|ed)? (?:of|that)|"
    r"call(?:s|ed)? for|demand(?:s|ed)?|possible|potential|upcoming|next (?:week|month)|"
    r"coming days)\b", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:no|not|never|neither|nor|denied|denies|deny|refuted|dismissed reports|without|"
    r"failed to|false)\b|n['’]t\b", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"\b(?:(?:a few|several|some|two|three|four|five|\d+) (?:weeks|months|years) (?:before|ago|earlier)|"
    r"(?:earlier|last) (?:this )?(?:year|month|summer|winter|spring|autumn)|previously|formerly|"
    # "in the past", not "in the past 24 hours" or "the past two days": a window up to the report
    r"in the past(?!\s+(?:[\w-]+\s+)?(?:hours?|days?|weeks?|night)\b)|since (?:19|20)\d\d|in (?:19|20)\d\d|years? ago|months? ago|history of|"
    r"the previous (?:battle|offensive|year)|had (?:already )?(?:been )?(?:captured|taken|seized|lost))\b",
    re.IGNORECASE)
_BACKGROUND_AFTER = re.compile(
    r"\b(?:(?:a few|several|some|two|three|four|five|\d+) (?:weeks|months|years) (?:before|ago|earlier)|"
    r"(?:earlier|last) (?:this )?(?:year|month)|in (?:19|20)\d\d|years? ago|months? ago)\b", re.IGNORECASE)
_MODAL_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,2}?((?:must|should|shall|will|would)(?!\s+have\b))\b", re.IGNORECASE)
_PAST_ADJECTIVE = re.compile(r"\b(?:previous|former|past|last year's|earlier)\s+$", re.IGNORECASE)
_NEAR = 60  # characters: a cue this close to the trigger is trusted without the parser


@dataclass(frozen=True)
class Modality:
    hypothetical: bool = False
    negated: bool = False
    background: bool = False
    ambiguous: bool = False  # a cue was found far from the trigger: the parser may settle it
    cue: str | None = None


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """Clause boundaries inside a sentence, as (start, end) offsets."""
    return split_clauses(sentence, _CLAUSE_BREAK)


def split_clauses(sentence: str, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) offsets of the stretches of ``sentence`` between matches of ``breaks``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in breaks.finditer(sentence):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans or [(0, len(sentence))]


def modality_of(sentence: str, trigger_start: int, trigger_end: int) -> Modality:
    """Modality of the trigger at ``[trigger_start, trigger_end)`` of ``sentence``."""
    clauses = clause_spans(sentence)
    clause_start = 0
    for start, end in clauses:
        if start <= trigger_start < end:
            clause_start = start
            break
    if sentence.rstrip().endswith("?") and (len(sentence.split()) <= 25 or clause_start == clauses[-1][0]):
        return Modality(hypothetical=True, cue="?")
    before = sentence[clause_start:trigger_start]
    neg = None
    for m in _NEGATION.finditer(before):
        neg = m
    if neg is not None and trigger_start - neg.end() <= 30:
        return Modality(negated=True, cue=neg.group(0))
    # background cues scope over the clause they open, even when they follow the trigger closely
    after = sentence[trigger_end: trigger_end + 40]
    bg = (_BACKGROUND.search(before) or _BACKGROUND_AFTER.search(after)
          or _PAST_ADJECTIVE.search(before))
    if bg is not None and not re.search(r"\b(?:days? ago|yesterday|today)\b", bg.group(0), re.IGNORECASE):
        return Modality(background=True, cue=bg.group(0))
    # hypothetical cues carry over clause breaks (a condition scopes over the sentence)
    hyp = None
    for m in _HYPOTHETICAL.finditer(sentence[:trigger_start]):
        hyp = m
    if hyp is not None:
        near = trigger_start - hyp.end() <= _NEAR and hyp.start() >= clause_start
        return Modality(hypothetical=True, ambiguous=not near, cue=hyp.group(0))
    # the trigger as the subject of a modal: "mines must be placed", "the offensive will begin"
    subject_of = _MODAL_AFTER.match(sentence, trigger_end)
    if subject_of is not None:
        return Modality(hypothetical=True, cue=subject_of.group(1))
    return Modality()


_MODAL_WORDS = {"would", "will", "could", "may", "might", "shall", "should", "must", "'ll", "wo"}
_COND_MARKS = {"if", "unless", "case"}


def scope_with_parser(parsed: Any, trigger_start: int) -> bool:
    """True when a modal auxiliary or a condition governs the trigger in ``parsed`` (a spaCy Doc
    of the sentence; ``trigger_start`` an offset into it)."""
    token = None
    for tok in parsed:
        if tok.idx <= trigger_start < tok.idx + max(1, len(tok.text)):
            token = tok
            break
    if token is None:
        return True
    node = token
    for _ in range(12):
        for child in node.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass") and word in _MODAL_WORDS:
                return True
            if child.dep_ == "mark" and word in _COND_MARKS:
                return True
            if child.dep_ == "prep" and word == "in" and any(g.lower_ == "case" for g in child.children):
                return True
        if node.dep_ == "xcomp" and node.head.lower_[:4] in {"plan", "thre", "vow", "vowe", "try", "trie", "seek", "aim", "aims"}:
            return True
        if node.head is node:
            break
        node = node.head
    return False
