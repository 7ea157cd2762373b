"""Transliteration-aware name keys and fuzzy ranking.

Two spellings of one Arabic place name should give the same key::

    >>> name_key("Halab al-Jadideh") == name_key("New Aleppo")
    True
    >>> name_key("al-Masharqa") == name_key("Masharqah")
    True

The key lowercases, strips accents and ayn/hamza marks, drops articles (al-/el-/ad-/ar-/as-/az-/
ash-...), folds q/k/g, kh/h, ou/u, e/i, v/w, doubled letters and the -eh/-ah/-a endings, translates a
few common words (jadida = new, halab = Aleppo, shamal/nord = north, ...) and sorts the tokens. Arabic script gets its
own normalisation (no diacritics, one alef, taa marbuta = ha, no article).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..lang.ar.places import TRANSLITERATED_ARTICLES

__all__ = [
    "FEATURE_WORDS",
    "KEY_VERSION",
    "arabic_key",
    "best_matches",
    "fold",
    "has_arabic",
    "name_key",
    "name_keys",
    "similarity",
    "skeleton",
]

#: Bump when keys change: stores built with another version are rebuilt.
KEY_VERSION = "7"

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_TASHKEEL = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_NON_ALNUM = re.compile(r"[^0-9a-z\u0600-\u06FF]+")
_DIGIT_ALPHA = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")

_ARTICLES = TRANSLITERATED_ARTICLES  # "al-", "el-", "ez-": the Arabic pack's place-name forms
#: Words that say what kind of place a name is ("X district"); dropped when a span is matched.
FEATURE_WORDS = frozenset(
    ["district", "districts", "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "quarter", "village", "villages", "town", "area", "region", "province", "governorate", "countryside", "suburb", "suburbs", "camp", "outskirts", "municipality", "locality", "hamlet", "sub-district", "subdistrict", "project", "lga", "partido", "county", "raion", "rayon", "oblast", "commune", "barangay", "tehsil", "township", "settlement"]
)
_ALIASES_RAW: dict[str, tuple[str, ...]] = {
    "aleppo": ("halab", "haleb", "alep", "alepo"),
    "new": ("jadideh", "jadida", "jadidah", "jadid", "jdideh", "jdeideh", "jdaideh", "jedideh"),
    "old": ("qadima", "qadimeh", "qadimah", "qadim", "atiq", "atiqa"),
    "east": ("sharqi", "sharqiya", "sharqiyeh", "sharqiyah", "eastern", "oriental"),
    "west": ("gharbi", "gharbiya", "gharbiyeh", "gharbiyah", "western", "ouest", "occidental"),
    "north": ("shamali", "shamaliya", "shamaliyeh", "northern", "nord", "shamal", "shimal"),
    "far": ("extreme", "extrem"),
    "south": ("janubi", "janubiya", "janoubi", "southern", "sud", "janub", "junub"),
    "damascus": ("dimashq", "damas"),
    "homs": ("hims",),
    "hama": ("hamah", "hamat"),
}
_AR_ALIASES: dict[str, str] = {"حلب": "aleppo", "جديده": "new", "الجديده": "new", "دمشق": "damascus"}


def fold(text: str) -> str:
    """Lower case without accents, as names are compared ("Ḩawījah" -> "hawijah", "Gießen" ->
    "giessen")."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower().replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")


_REPLACEMENTS = (("kh", "h"), ("gh", "h"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("ch", "sh"),
                 ("q", "k"), ("g", "k"), ("c", "k"), ("ou", "u"), ("oo", "u"), ("o", "u"),
                 ("ee", "i"), ("ei", "i"), ("ie", "i"), ("ai", "i"), ("ay", "i"), ("e", "i"),
                 ("y", "i"), ("w", "u"), ("v", "u"), ("x", "ks"))
_DOUBLE = re.compile(r"(.)\1+")
_END_H = re.compile(r"h$")
_END_VOWELS = re.compile(r"[aiu]+$")


@lru_cache(maxsize=262_144)
def _phonetic(token: str) -> str:
    if token.isdigit():
        return token
    t = token
    for a, b in _REPLACEMENTS:
        if a in t:
            t = t.replace(a, b)
    t = _DOUBLE.sub(r"\1", t)  # doubled letters
    if len(t) > 3:
        t = _END_H.sub("", t)  # -eh / -ah
    if len(t) > 4:
        t = _END_VOWELS.sub("a", t)  # -a / -e / -iya endings
        t = _DOUBLE.sub(r"\1", t)
    return t


def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for canon, variants in _ALIASES_RAW.items():
        for v in (canon, *variants):
            table[_phonetic(v)] = canon
    return table


_ALIAS_TABLE = _aliases()  # pure computation on constants, no I/O
_CANON = {canon: _phonetic(canon) for canon in _ALIASES_RAW}


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def arabic_key(name: str) -> str:
    """Normalised key of an Arabic-script name."""
    text = _TASHKEEL.sub("", unicodedata.normalize("NFKC", name))
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ة", "ه"), ("ى", "ي"),
                 ("ؤ", "و"), ("ئ", "ي")):
        text = text.replace(a, b)
    tokens = []
    for tok in re.split(r"[^\u0600-\u06FF0-9]+", text):
        if not tok:
            continue
        if tok.startswith("ال") and len(tok) > 3:
            tok = tok[2:]
        tokens.append(_AR_ALIASES.get(tok, tok))
    return " ".join(sorted(tokens))


_MARK_TABLE = str.maketrans("", "", "’‘ʿʾʼ'`´ʻ\u02BE\u02BF")
_DIGIT = re.compile(r"\d")
_SKIP_WORDS = frozenset(("the", "of", "de", "la", "le", "du", "des"))


def _tokens(name: str) -> list[str]:
    text = fold(name).translate(_MARK_TABLE)
    if _DIGIT.search(text):
        text = _DIGIT_ALPHA.sub(" ", text)
    raw = [t for t in _NON_ALNUM.split(text) if t]
    last = len(raw) - 1
    out: list[str] = []
    for i, tok in enumerate(raw):
        if i < last and (tok in _ARTICLES or tok in _SKIP_WORDS):
            continue
        ph = _phonetic(tok)
        canon = _ALIAS_TABLE.get(ph)
        out.append(_CANON[canon] if canon else ph)
    return out


@lru_cache(maxsize=262_144)
def name_key(name: str) -> str:
    """The transliteration-insensitive key of ``name`` (Latin or Arabic script)."""
    if has_arabic(name):
        return arabic_key(name)
    return " ".join(sorted(_tokens(name)))


def name_keys(name: str, *, drop_feature_words: bool = True) -> set[str]:
    """Keys to index ``name`` under: its key, and the key without feature words ("X district")."""
    keys = {name_key(name)}
    if drop_feature_words and not FEATURE_WORDS.isdisjoint(name.lower().split()) \
            and not has_arabic(name):
        words = [w for w in re.split(r"\s+", name) if w.lower().strip(".,") not in FEATURE_WORDS]
        if words and len(words) < len(name.split()):
            keys.add(name_key(" ".join(words)))
    keys.discard("")
    return keys


def skeleton(key: str) -> str:
    """Consonant skeleton of a key (vowels dropped), for loose candidate generation."""
    return " ".join(re.sub(r"(?<=.)[aiu]", "", t) or t for t in key.split())


def similarity(a: str, b: str) -> float:
    """0-100 similarity of two keys, order-insensitive."""
    return float(fuzz.token_sort_ratio(a, b))


def best_matches(
    key: str, choices: Sequence[str] | Iterable[str], *, limit: int = 5, cutoff: float = 85.0
) -> list[tuple[str, float]]:
    """The ``limit`` choices nearest to ``key`` (rapidfuzz WRatio), at or above ``cutoff``."""
    found = process.extract(key, list(choices), scorer=fuzz.ratio, limit=limit,
                            score_cutoff=cutoff)
    return [(choice, float(score)) for choice, score, _ in found]
