"""Whether a sentence is written in capitals (any language with letter case)."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["written_in_capitals"]

#: Share of a sentence's letters in capitals above which capitals say nothing about names.
CAPITALS_SHARE = 0.8
_MIN_LETTERS = 20


@lru_cache(maxsize=4096)
def written_in_capitals(text: str, *, min_letters: int = _MIN_LETTERS) -> bool:
    """Whether ``text`` is written in capitals (a caps headline, a broadcast transcript). There
    every word is capitalised, so a capital is no sign of a name, and every short word looks like
    an acronym ("IT IS", "LET"). ``min_letters``: how many letters it takes to tell (a short line
    of a report known to be in capitals needs one)."""
    # asked of every sentence by several stages: cached, and counted with C-level iteration
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= max(min_letters, 1) and \
        sum(map(str.isupper, letters)) >= CAPITALS_SHARE * len(letters)
