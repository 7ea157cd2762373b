"""Language packs: one folder per language (``sitrep/lang/en/``, ``sitrep/lang/ar/``), one protocol.

A pack (:class:`LanguagePack`) holds what a language needs: how to tell it, normalise it, its event
cues, modality and negation cues, numbers, dates and place-name forms, and the detector stage
``detect.v1`` runs on its sentences. Stages ask this registry for the pack of a language code
instead of testing codes themselves.

Adding a language: add ``sitrep/lang/xx/__init__.py`` with a class implementing
:class:`LanguagePack`, and its module path to :data:`BUILTIN_PACKS` (or call :func:`register_pack`
at run time, as the tests do with a fake pack). A report in a language without a pack is detected
and reported as unsupported (:func:`no_pack_reason`), never coded.

Packs are imported on first use, never at ``import sitrep.lang``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

from ._protocol import DetectorSetup, LanguagePack, SentenceDetector

__all__ = [
    "BUILTIN_PACKS",
    "DEFAULT_LANGUAGE",
    "DetectorSetup",
    "LanguagePack",
    "SentenceDetector",
    "get_pack",
    "no_pack_reason",
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
        if not isinstance(pack, LanguagePack) or pack.code != code:
            raise TypeError(f"{path} is not a language pack for {code!r}")
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


def register_pack(pack: LanguagePack) -> None:
    """Make ``pack`` the pack of ``pack.code`` (replacing a built-in one of the same code)."""
    if not isinstance(pack, LanguagePack):
        raise TypeError(f"{pack!r} does not implement LanguagePack")
    _REGISTRY.add(pack)


def unregister_pack(code: str) -> None:
    """Undo :func:`register_pack` (a built-in code gets its built-in pack back)."""
    _REGISTRY.remove(code)


def get_pack(code: str | None) -> LanguagePack | None:
    """The pack of ISO 639-1 ``code``, or None when the language has none."""
    return _REGISTRY.get(code) if code else None


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
