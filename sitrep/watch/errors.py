"""Errors of the watcher, under the one sitrep root.

    SitrepError
    └── WatchError          (E6xx)
        ├── FetchError      (E60x) a feed or page could not be fetched (``permanent`` when retrying
        │   │                      next poll will not help: robots.txt, 404, too large, wrong type)
        │   └── EgressRefused (E606, in .egress) the host is not a public address
        └── DeliveryError   (E62x) an alert sink refused the alert

    ``watch --once`` ends with WatchError E630 (no source answered) or E623 (alerts undelivered).
"""

from __future__ import annotations

from ..errors import SitrepError

__all__ = ["DeliveryError", "FetchError", "WatchError"]


class WatchError(SitrepError):
    code = "E600"


class FetchError(WatchError):
    """``url`` could not be fetched; ``reason`` is short enough for the status table."""

    code = "E601"

    def __init__(self, reason: str, *, url: str, permanent: bool = False, code: str | None = None) -> None:
        super().__init__(f"{url}: {reason}", code=code)
        self.url = url
        self.reason = reason
        self.permanent = permanent


class DeliveryError(WatchError):
    code = "E620"
