"""One exception root for sitrep, with coded messages.

    SitrepError
    ├── ConfigError        (E1xx) bad settings, unknown stage, bad model directory
    ├── InputError         (E2xx) a document that cannot be read (goes to quarantine)
    ├── ResourceError      (E3xx) a model/gazetteer/knowledge base that cannot be loaded
    ├── StoreError         (E4xx) the database refused or is unreachable
    └── WatchError         (E6xx, in sitrep.watch.errors) fetch, state and alert delivery
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "ResourceError", "SitrepError", "StoreError"]


class SitrepError(Exception):
    """Root of every error sitrep raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class ConfigError(SitrepError):
    code = "E100"


class InputError(SitrepError):
    """A document could not be read. ``origin`` and ``line`` say where."""

    code = "E200"

    def __init__(
        self, message: str, *, origin: str = "-", line: int | None = None, code: str | None = None
    ) -> None:
        where = origin if line is None else f"{origin}:{line}"
        super().__init__(f"{where}: {message}", code=code)
        self.origin = origin
        self.line = line
        self.reason = message


class ResourceError(SitrepError):
    code = "E300"


class StoreError(SitrepError):
    code = "E400"
