"""Offline language identification: script counts plus stopword votes (no model download).

Good enough to route a report: a language with a pack (:mod:`sitrep.lang`) is coded, anything
else is reported as unsupported. The packs' stop words (English's, and any a registered pack
brings) vote beside the built-in lists of languages without a pack.
Arabic, Persian and Urdu share a script and are told apart by the letters only Persian/Urdu use
(پ چ ژ گ ک ی) and the letters only Urdu uses (ں ے ٹ ڈ ڑ).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..lang import DEFAULT_LANGUAGE, no_pack_reason, packs, supported_languages
from ..lang.en.stop_words import STOP_WORDS as _ENGLISH_STOP_WORDS

__all__ = ["LATIN_STOPWORDS", "LanguageReport", "detect_language", "identify", "paragraph_languages"]

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

#: Frequent function words per Latin-script language (team-chosen, short on purpose); English's
#: come from its pack, the others name languages without a pack so the reason can say which.
LATIN_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _ENGLISH_STOP_WORDS,
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
    votes = {lang: sum(counts[w] for w in stops) for lang, stops in _stop_word_table().items()}
    best = max(votes, key=lambda k: (votes[k], k == DEFAULT_LANGUAGE))
    if votes[best] == 0:
        return DEFAULT_LANGUAGE if len(words) < 4 else "und"
    return best


def _stop_word_table() -> dict[str, frozenset[str]]:
    """The built-in lists, each registered pack's stop words replacing or joining them."""
    table = dict(LATIN_STOPWORDS)
    for pack in packs():
        if pack.stop_words:
            table[pack.code] = pack.stop_words
    return table


# UTF-8 Arabic decoded as cp1252/latin-1 ("Ø§Ù„"), or cp1256 bytes decoded as UTF-8 (U+FFFD).
_MOJIBAKE = re.compile(r"[ØÙÚÛ][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
_ARABIZI_WORD = re.compile(r"\b[a-z]*[a-z][2356789][a-z]+\b|\b[2356789](?!(?:st|nd|rd|th|km|am|pm|mm|kg)\b)[a-z]{2,}\b", re.IGNORECASE)
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class LanguageReport:
    """What a document is written in, per document and per paragraph.

    ``language``: the document's main language (ISO 639-1, or ``und``/``mixed`` sources aside);
    ``reason``: why it cannot be coded (``None`` when it can: its language has a pack);
    ``no_pack``: for a language without a pack, which packs there are (a second note);
    ``paragraphs``: ``(start, end, language)`` for each non-empty paragraph.
    """

    language: str
    reason: str | None = None
    no_pack: str | None = None
    paragraphs: tuple[tuple[int, int, str], ...] = field(default=())

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(lang for _s, _e, lang in self.paragraphs)


def _problem(sample: str) -> str | None:
    """A reason the text is not codable as any language (mojibake, Arabizi), else None."""
    if not sample:
        return None
    if sample.count("\ufffd") >= max(3, len(sample) // 50):
        return "mojibake: undecodable bytes (U+FFFD), perhaps Windows-1256 read as UTF-8"
    if len(_MOJIBAKE.findall(sample)) >= max(3, len(sample) // 40):
        return "mojibake: Arabic UTF-8 bytes read as Windows-1252/Latin-1"
    if sample.isascii():
        words = _WORD.findall(sample.lower())
        arabizi = _ARABIZI_WORD.findall(sample)
        if len(arabizi) >= 2 and len(arabizi) * 5 >= len(words):
            return "arabizi: Arabic written in Latin letters and digits"
    return None


def paragraph_languages(text: str, *, max_chars: int = 20000) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, language)`` per paragraph (split at line breaks) of the first ``max_chars``."""
    sample = text[:max_chars]
    out: list[tuple[int, int, str]] = []
    start = 0
    for m in [*_PARAGRAPH.finditer(sample), None]:
        end = m.start() if m is not None else len(sample)
        piece = sample[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + lead, start + len(piece.rstrip()), detect_language(piece)))
        if m is not None:
            start = m.end()
    return tuple(out)


def identify(text: str, *, given: str | None = None, max_chars: int = 5000) -> LanguageReport:
    """Language of a document with a reason when it cannot be coded. ``given`` (the input's
    ``language`` field) wins over detection."""
    sample = text[:max_chars]
    problem = _problem(sample)
    if problem is not None:
        return LanguageReport(language="und", reason=problem)
    paragraphs = paragraph_languages(text) if not sample.isascii() else ()
    lang = given.lower()[:2] if given else detect_language(text, max_chars=max_chars)
    if lang not in supported_languages():
        return LanguageReport(language=lang, reason=f"unsupported language: {lang}", no_pack=no_pack_reason(lang),
                              paragraphs=paragraphs)
    return LanguageReport(language=lang, paragraphs=paragraphs)
