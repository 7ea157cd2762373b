"""Whether a lower-case word is an English word: spaCy's English lexicon of lemmas (the installed
model's lemmatizer tables, with their inflection rules) and function words, read once per process
from the model's files without loading its pipeline (the geocoder asks it for the capitalised word
that begins a sentence or follows "the", rules ``word-not-name`` and ``the-word-not-name``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .truecase import CaseLexicon, common_word, lexicon_from_lookups

__all__ = ["english_lexicon", "is_english_word"]


@lru_cache(maxsize=1)
def english_lexicon() -> CaseLexicon | None:
    """The lexicon of the first installed English model (None when none is installed)."""
    import spacy.util
    from spacy.lookups import Lookups

    from ...nlp.spacy_loader import SPACY_CANDIDATES

    for name in SPACY_CANDIDATES:
        try:
            root = Path(spacy.util.get_package_path(name))
        except (ImportError, ModuleNotFoundError, OSError):
            continue
        for tables in sorted(root.glob("**/lemmatizer/lookups")):
            return lexicon_from_lookups(Lookups().from_disk(tables), {})
    return None


@lru_cache(maxsize=1 << 16)
def is_english_word(word: str) -> bool:
    """Whether ``word`` (lower case) is an English function word or an inflection of a lemma;
    False for every word when no English model is installed."""
    lexicon = english_lexicon()
    return lexicon is not None and common_word(lexicon, word)
