"""English function words: they vote for English when a Latin-script text is identified."""

from __future__ import annotations

__all__ = ["STOP_WORDS"]

STOP_WORDS: frozenset[str] = frozenset([
    "the", "of", "and", "to", "in", "is", "was", "were", "that", "for", "on", "with", "by", "from", "at",
    "as", "are", "have", "has", "had", "been", "which", "this", "it", "they", "their", "said", "after",
    "its", "an", "be",
])
