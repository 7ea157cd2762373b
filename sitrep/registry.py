"""Stage registry: factories declared by name, loaded on first use (never at import)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from .errors import ConfigError

if TYPE_CHECKING:
    from .config import Settings
    from .resources import Resources
    from .schema import Doc

__all__ = ["Stage", "StageFactory", "get_stage_factory", "stage"]


class Stage(Protocol):
    """A pipeline stage: ``Doc -> Doc``."""

    def __call__(self, doc: Doc) -> Doc: ...


StageFactory = Callable[["Settings", "Resources"], Stage]

_FACTORIES: dict[str, StageFactory] = {}

#: Modules that declare the built-in stages; imported when a stage is first looked up.
_STAGE_MODULES = (
    "sitrep.nlp.segment",
    "sitrep.nlp.detect",
    "sitrep.normalise.dates",
    "sitrep.normalise.fatalities",
    "sitrep.normalise.framing",
    "sitrep.geo.stage",
    "sitrep.actors.stage",
    "sitrep.discourse.stage",
    "sitrep.assemble",
    "sitrep.dedup.within",
)


def stage(name: str) -> Callable[[StageFactory], StageFactory]:
    """Declare a stage factory under ``name`` (e.g. ``"geo.v1"``)."""

    def register(factory: StageFactory) -> StageFactory:
        _FACTORIES[name] = factory
        return factory

    return register


def _ensure_loaded() -> None:
    for module in _STAGE_MODULES:
        importlib.import_module(module)


def get_stage_factory(name: str) -> StageFactory:
    if name not in _FACTORIES:
        _ensure_loaded()
    try:
        return _FACTORIES[name]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES))
        raise ConfigError(f"unknown stage {name!r}; known: {known}", code="E101") from None
