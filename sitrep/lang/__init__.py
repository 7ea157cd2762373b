"""Language packs: one folder per language (``sitrep/lang/en/``, ``sitrep/lang/ar/``), one protocol.

A pack (:class:`LanguagePack`) holds what a language needs: how to tell it, normalise it, its event
cues, modality and negation cues, numbers, dates, casualty figures, claimants, framing terms, actor
and place readers, the argument rules its candidates get (:class:`ArgumentRules`), and the
detector stage ``detect.v1`` runs on its sentences. Stages ask this registry for the pack of a
language code (:func:`pack_for` for a candidate's ``extra["language"]``) instead of testing codes
themselves; every argument stage reads each candidate with its own pack's readers.

Adding a language: add ``sitrep/lang/xx/__init__.py`` with a class implementing
:class:`LanguagePack`, and its module path to :data:`BUILTIN_PACKS` (or call :func:`register_pack`
at run time, as the tests do with a fake pack). A report in a language without a pack is detected
and reported as unsupported (:func:`no_pack_reason`), never coded.

Packs are imported on first use, never at ``import sitrep.lang``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

from typing import TYPE_CHECKING

from ._protocol import (
    MAX_SENTENCE_CHARS,
    ActorTerm,
    ArgumentRules,
    DetectorSetup,
    LanguagePack,
    PlaceMatch,
    SentenceDetector,
    UnknownPlaceReader,
)

if TYPE_CHECKING:
    from ..schema import Doc, EventCandidate

__all__ = [
    "BUILTIN_PACKS",
    "DEFAULT_LANGUAGE",
    "MAX_SENTENCE_CHARS",
    "ActorTerm",
    "ArgumentRules",
    "DetectorSetup",
    "LanguagePack",
    "PlaceMatch",
    "SentenceDetector",
    "UnknownPlaceReader",
    "candidates_by_pack",
    "get_pack",
    "missing_members",
    "no_pack_reason",
    "pack_for",
    "packs",
    "register_pack",
    "supported_languages",
    "unregister_pack",
]

#: The built-in packs: language code -> ``module:attribute`` of the pack instance.
BUILTIN_PACKS: dict[str, str] = {
    "en": "sitrep.lang.en:PACK",
    "ar": "sitrep.lang.ar:PACK",
}

#: The pack a document falls back to when it holds no other pack's language (ASCII text, headings).
DEFAULT_LANGUAGE = "en"


class _Registry:
    """Code -> pack; built-in packs are imported when first asked for."""

    def __init__(self) -> None:
        self._paths: dict[str, str] = dict(BUILTIN_PACKS)
        self._loaded: dict[str, LanguagePack] = {}

    def codes(self) -> tuple[str, ...]:
        return tuple(self._paths)

    def get(self, code: str) -> LanguagePack | None:
        if code in self._loaded:
            return self._loaded[code]
        path = self._paths.get(code)
        if path is None:
            return None
        module, _, attr = path.partition(":")
        pack = getattr(importlib.import_module(module), attr)
        missing = missing_members(pack)
        if missing or not isinstance(pack, LanguagePack) or pack.code != code:
            lacks = f" (it lacks {', '.join(missing)})" if missing else ""
            raise TypeError(f"{path} is not a language pack for {code!r}{lacks}")
        self._loaded[code] = pack
        return pack

    def add(self, pack: LanguagePack) -> None:
        self._paths[pack.code] = f"<registered {type(pack).__name__}>"
        self._loaded[pack.code] = pack

    def remove(self, code: str) -> None:
        self._loaded.pop(code, None)
        if code in BUILTIN_PACKS:
            self._paths[code] = BUILTIN_PACKS[code]
        else:
            self._paths.pop(code, None)


_REGISTRY = _Registry()


def missing_members(pack: object) -> list[str]:
    """The :class:`LanguagePack` members (readers, data) ``pack`` lacks, in protocol order."""
    names = [n for n in vars(LanguagePack) if not n.startswith("_")]
    return [n for n in names if not hasattr(pack, n)]


def register_pack(pack: LanguagePack) -> None:
    """Make ``pack`` the pack of ``pack.code`` (replacing a built-in one of the same code).

    Raises TypeError naming every reader or attribute of :class:`LanguagePack` it lacks."""
    missing = missing_members(pack)
    if missing or not isinstance(pack, LanguagePack):
        raise TypeError(f"{type(pack).__name__} does not implement LanguagePack: it lacks "
                        f"{', '.join(missing) or 'nothing by name (a member has the wrong kind)'}")
    _REGISTRY.add(pack)


def unregister_pack(code: str) -> None:
    """Undo :func:`register_pack` (a built-in code gets its built-in pack back)."""
    _REGISTRY.remove(code)


def get_pack(code: str | None) -> LanguagePack | None:
    """The pack of ISO 639-1 ``code``, or None when the language has none."""
    return _REGISTRY.get(code) if code else None


def pack_for(code: str | None) -> LanguagePack:
    """The pack of a candidate's ``extra["language"]`` (None: the default pack's candidates).

    Raises LookupError for a code with no pack (``detect.v1`` makes candidates only for languages
    that have one, so this is a candidate made by hand or a pack unregistered mid-run)."""
    pack = get_pack(code or DEFAULT_LANGUAGE)
    if pack is None:
        raise LookupError(no_pack_reason(code or ""))
    return pack


def candidates_by_pack(doc: Doc) -> list[tuple[LanguagePack, list[EventCandidate]]]:
    """``doc``'s candidates grouped by their pack, packs in order of first candidate."""
    groups: dict[str, tuple[LanguagePack, list[EventCandidate]]] = {}
    for cand in doc.candidates:
        code = cand.extra.get("language")
        pack = pack_for(code if isinstance(code, str) else None)
        groups.setdefault(pack.code, (pack, []))[1].append(cand)
    return list(groups.values())


def supported_languages() -> tuple[str, ...]:
    """Codes that have a pack, in registration order (built-ins first)."""
    return _REGISTRY.codes()


def packs() -> Iterator[LanguagePack]:
    """Every registered pack, loading built-ins as needed."""
    for code in _REGISTRY.codes():
        pack = _REGISTRY.get(code)
        if pack is not None:
            yield pack


def no_pack_reason(code: str) -> str:
    """The note for a document in a language with no pack."""
    supported = ", ".join(supported_languages())
    if code in ("und", ""):
        return f"no language could be identified (supported: {supported})"
    return f"language {code} has no pack (supported: {supported})"
