"""Shared read-only resources (models, gazetteer, knowledge bases), loaded once, on first use."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

from .config import Settings

__all__ = ["Resources"]

T = TypeVar("T")


class Resources:
    """A per-process cache of heavy objects, keyed by name.

    Stages ask ``resources.get("gazetteer", loader)``; the loader runs once per process.
    Tests inject doubles with ``resources.put(name, obj)``.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._items: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, name: str, loader: Callable[[Settings], T]) -> T:
        if name not in self._items:
            with self._lock:
                if name not in self._items:
                    self._items[name] = loader(self.settings)
        return cast(T, self._items[name])  # the loader (or put) under this name made it

    def put(self, name: str, value: object) -> None:
        self._items[name] = value

    def loaded(self) -> list[str]:
        return sorted(self._items)
