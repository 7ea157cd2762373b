"""End-of-run reconciliation: every input item ends with exactly one outcome.

Why: a run that loses an item (a worker that never answered, a mapper bug) would otherwise look
like a clean run. The outcomes are: events, no event (with the reason), quarantined (with the
reason), or skipped (already stored, finished by an earlier attempt). Items planned but never
settled are *unaccounted*, and the CLI exits non-zero when there are any.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TypeVar

from ..schema import Doc

__all__ = ["OUTCOMES", "Reconciler", "no_event_reason"]

#: The outcome names, in the order the summary prints them.
OUTCOMES = ("events", "no event", "quarantined", "skipped")

T = TypeVar("T")


class Reconciler:
    """Counts planned items and their outcomes; what was planned and never settled is missing."""

    def __init__(self) -> None:
        self.outstanding: set[int] = set()
        self.planned = 0
        self.outcomes: Counter[str] = Counter()
        self.no_event_reasons: Counter[str] = Counter()

    def watch(self, jobs: Iterable[tuple[int, T]]) -> Iterator[tuple[int, T]]:
        """Pass ``jobs`` through, noting each ordinal as planned."""
        for ordinal, job in jobs:
            self.outstanding.add(ordinal)
            self.planned += 1
            yield ordinal, job

    def settle(self, ordinal: int, outcome: str, reason: str | None = None) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        self.outstanding.discard(ordinal)
        self.outcomes[outcome] += 1
        if outcome == "no event" and reason:
            self.no_event_reasons[reason] += 1

    def missing(self) -> list[int]:
        return sorted(self.outstanding)


def no_event_reason(doc: Doc) -> str:
    """Why a coded document gave no event, in a few words (its notes hold the details)."""
    for note in doc.notes:  # the language pack's own words: "language fr has no pack (supported: en, ar)"
        if " has no pack " in note or note.startswith("no language could be identified"):
            return note
    for note in doc.notes:
        if note.startswith("unsupported language"):
            return "unsupported language"
    dropped = [n.rsplit(": ", 1)[-1] for n in doc.notes if n.startswith("dropped ")]
    if dropped:
        return f"every event mention dropped ({Counter(dropped).most_common(1)[0][0]})"
    return "no event mention found"
