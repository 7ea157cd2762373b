"""Format readers: txt, html, jsonl, csv, RSS/Atom. Each yields Document | QuarantineItem."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date as Date

from ..schema import QuarantineItem
from .decode import DecodeFailure, decode, find_pub_date
from .documents import Item, make_document, parse_date
from .documents import quarantine as _q
from .streams import read_csv, read_jsonl
from .text import content_id
from .validate import DEFAULT_MAX_DOCUMENT_BYTES, FIELD_LIMITS

__all__ = ["read_csv", "read_feed", "read_html", "read_jsonl", "read_txt"]

_SOURCE_LINE = re.compile(
    r"^\s*(?P<src>[^|\n]{2,60}?)(?:\s+(?:Editor|Staff|Correspondent|Reporter))?\s*\|[^\n]*?\d{4}", re.MULTILINE)
_MAX = DEFAULT_MAX_DOCUMENT_BYTES


def _decode(data: bytes, origin: str) -> str | QuarantineItem:
    try:
        return decode(data)
    except DecodeFailure as exc:
        return _q(origin, exc.reason, exc.line, data)


def _decode_nonempty(data: bytes, origin: str, empty_reason: str) -> str | QuarantineItem:
    """Decoded text, or the quarantine item saying why there is none (undecodable, empty)."""
    text = _decode(data, origin)
    if isinstance(text, str) and _empty(text):
        return _q(origin, empty_reason)
    return text


def _empty(text: str) -> bool:
    return not text.strip()


def _cut(value: str | None, field: str) -> str | None:
    """Metadata a page or feed carries (not given by the user) is cut to the field's limit."""
    return value[:FIELD_LIMITS[field]] if value else None


def read_txt(data: bytes, *, origin: str, default_date: Date | None = None,
             max_bytes: int = _MAX) -> Iterator[Item]:
    text = _decode_nonempty(data, origin, "empty document")
    if isinstance(text, QuarantineItem):
        yield text
        return
    src = _SOURCE_LINE.search("\n".join(text.splitlines()[:5]))
    yield make_document(
        where=origin, max_bytes=max_bytes,
        id=content_id(text), text=text, date=find_pub_date(text) or default_date,
        source=src.group("src").strip() if src else None, origin=origin,
        title=text.strip().splitlines()[0][:300],
    )


def read_html(data: bytes, *, origin: str, default_date: Date | None = None,
              max_bytes: int = _MAX) -> Iterator[Item]:
    html = _decode(data, origin)
    if isinstance(html, QuarantineItem):
        yield html
        return
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # noqa: BLE001 - trafilatura/lxml raise many kinds on bad markup
        yield _q(origin, f"unreadable HTML: {type(exc).__name__}: {exc}", 1, html)
        return
    if not text or _empty(text):
        yield _q(origin, "unreadable HTML: no main text found", 1, html)
        return
    title = meta.title if meta else None
    pub = parse_date(meta.date) if meta and meta.date else None
    source = (meta.sitename if meta else None) or None
    url = (meta.url if meta else None) or None
    full = f"{title}\n\n{text}" if title and not text.startswith(title) else text
    yield make_document(where=origin, max_bytes=max_bytes, id=content_id(full), text=full,
                        date=pub or find_pub_date(full) or default_date, source=_cut(source, "source"),
                        url=url, title=_cut(title, "title"), origin=origin)


def read_feed(data: bytes, *, origin: str, default_date: Date | None = None,
              max_bytes: int = _MAX) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))  # bytes, never a path or URL to open
    entries = list(parsed.entries)
    if not entries:
        reason = "no entries in feed"
        if parsed.get("bozo"):
            reason = f"malformed feed: {parsed.get('bozo_exception')}"
        yield _q(origin, reason, None, data)
        return
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    for i, entry in enumerate(entries, start=1):
        html = ""
        if entry.get("content"):
            html = " ".join(c.get("value", "") for c in entry.content)
        html = html or entry.get("summary", "") or ""
        body = re.sub(r"<[^>]+>", " ", html)
        body = re.sub(r"[ \t]+", " ", body).strip()
        title = (entry.get("title") or "").strip()
        text = f"{title}\n\n{body}" if title else body
        if _empty(text):
            yield _q(origin, "feed entry without text", i)
            continue
        pub = None
        for key in ("published_parsed", "updated_parsed"):
            if entry.get(key):
                t = entry.get(key)
                pub = Date(t.tm_year, t.tm_mon, t.tm_mday)
                break
        yield make_document(where=origin, line=i, max_bytes=max_bytes,
                            id=str(entry.get("id") or entry.get("link") or content_id(text)),
                            text=text, date=pub or default_date, source=_cut(feed_title, "source"),
                            url=entry.get("link"), title=_cut(title, "title"), origin=f"{origin}#{i}")
