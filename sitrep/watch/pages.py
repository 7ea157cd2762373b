"""Page and feed-entry helpers: bytes in the declared encoding to UTF-8, entry dates."""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Any

from .fetch import FetchResult

__all__ = ["entry_date", "to_utf8"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def to_utf8(res: FetchResult) -> bytes:
    """Re-encode a page as UTF-8 from its declared (header or meta) charset, when not UTF-8."""
    data = res.content
    charset = res.charset
    if charset is None:
        try:
            data.decode("utf-8")
            return data
        except UnicodeDecodeError:
            found = _META_CHARSET.search(data[:4096])
            charset = found.group(1).decode("ascii") if found else None
    if charset is None or charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        return data
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data  # read_html reports the bad bytes with their position


def entry_date(entry: Any) -> Date | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            try:
                return Date(t.tm_year, t.tm_mon, t.tm_mday)
            except ValueError:
                return None
    return None
