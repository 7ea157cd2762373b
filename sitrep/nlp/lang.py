"""Offline language identification: script counts plus stopword votes (no model download).

Good enough to route a report: English is coded, anything else is reported as unsupported.
Arabic, Persian and Urdu share a script and are told apart by the letters only Persian/Urdu use
(پ چ ژ گ ک ی) and the letters only Urdu uses (ں ے ٹ ڈ ڑ).
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["LATIN_STOPWORDS", "detect_language"]

_ARABIC_BLOCK = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_PERSIAN_LETTERS = re.compile(r"[پچژگکی]")
_URDU_LETTERS = re.compile(r"[ںےٹڈڑۓہھ]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_HEBREW = re.compile(r"[\u0590-\u05FF]")
_CJK = re.compile(r"[\u4E00-\u9FFF]")
_KANA = re.compile(r"[\u3040-\u30FF]")
_HANGUL = re.compile(r"[\uAC00-\uD7AF]")
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_WORD = re.compile(r"[a-zà-ÿœ']+")

#: Frequent function words per Latin-script language (team-chosen, short on purpose).
LATIN_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(["the", "of", "and", "to", "in", "is", "was", "were", "that", "for", "on", "with", "by", "from", "at", "as", "are", "have", "has", "had", "been", "which", "this", "it", "they", "their", "said", "after", "its", "an", "be"]),
    "fr": frozenset(["le", "la", "les", "des", "du", "et", "est", "dans", "une", "un", "pour", "que", "qui", "sur", "par", "au", "aux", "ont", "été", "sont", "avec", "ce", "cette", "il", "elle"]),
    "es": frozenset(["el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "con", "una", "un", "para", "se", "fue", "su", "sus", "al", "es", "son", "han", "como"]),
    "pt": frozenset(["o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "em", "que", "por", "com", "uma", "um", "para", "foi", "seu", "sua", "ao", "são", "não", "no", "na"]),
    "de": frozenset(["der", "die", "das", "und", "ist", "in", "den", "dem", "des", "nicht", "mit", "ein", "eine", "von", "zu", "auf", "für", "sich", "wurde", "wurden", "im"]),
    "it": frozenset(["il", "lo", "la", "gli", "le", "di", "e", "che", "in", "un", "una", "per", "con", "del", "della", "sono", "è", "stato", "nel", "alla", "dei"]),
    "tr": frozenset(["ve", "bir", "bu", "da", "de", "ile", "için", "olarak", "olan", "en", "çok", "gibi", "ama", "daha", "sonra"]),
    "id": frozenset(["yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "tidak", "dalam", "pada", "adalah", "oleh"]),
}


def _script_language(text: str) -> str | None:
    counts = {
        "arabic": len(_ARABIC_BLOCK.findall(text)),
        "ru": len(_CYRILLIC.findall(text)),
        "he": len(_HEBREW.findall(text)),
        "zh": len(_CJK.findall(text)),
        "ja": len(_KANA.findall(text)),
        "ko": len(_HANGUL.findall(text)),
        "hi": len(_DEVANAGARI.findall(text)),
        "latin": len(_LATIN.findall(text)),
    }
    best = max(counts, key=lambda k: counts[k])
    if counts[best] == 0:
        return "und"
    if best == "latin":
        return None
    if best == "zh" and counts["ja"] > 0:
        return "ja"
    if best == "arabic":
        if _URDU_LETTERS.search(text):
            return "ur"
        return "fa" if _PERSIAN_LETTERS.search(text) else "ar"
    return best


def detect_language(text: str, *, max_chars: int = 5000) -> str:
    """ISO 639-1 code of ``text`` (``"und"`` when there is nothing to judge).

    ``max_chars``: only the first characters are read, so 1 MB documents cost no more.
    """
    sample = text[:max_chars]
    script = None if sample.isascii() else _script_language(sample)
    if script is not None:
        return script
    words = _WORD.findall(sample.lower())
    if not words:
        return "und"
    counts = Counter(words)
    votes = {lang: sum(counts[w] for w in stops) for lang, stops in LATIN_STOPWORDS.items()}
    best = max(votes, key=lambda k: (votes[k], k == "en"))
    if votes[best] == 0:
        return "en" if len(words) < 4 else "und"
    return best
