"""Format readers: txt, html, jsonl, csv, RSS/Atom. Each yields Document | QuarantineItem."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date as Date
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from ..schema import Document, QuarantineItem
from .decode import DecodeFailure, decode, find_pub_date
from .text import content_id

__all__ = ["read_csv", "read_feed", "read_html", "read_jsonl", "read_txt"]

Item = Document | QuarantineItem
_TEXT_COLUMNS = ("text", "body", "content", "article", "notes", "story")
_SOURCE_LINE = re.compile(
    r"^\s*(?P<src>[^|\n]{2,60}?)(?:\s+(?:Editor|Staff|Correspondent|Reporter))?\s*\|[^\n]*?\d{4}", re.MULTILINE)


def _q(origin: str, reason: str, line: int | None = None, raw: str | bytes | None = None) -> QuarantineItem:
    if isinstance(raw, bytes):
        raw = raw[:200].decode("utf-8", "replace")
    clean = raw[:200].replace("\x00", "\\x00") if raw else None  # PostgreSQL text holds no NUL
    return QuarantineItem(origin=origin, line=line, reason=reason, raw=clean)


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


def read_txt(data: bytes, *, origin: str, default_date: Date | None = None) -> Iterator[Item]:
    text = _decode_nonempty(data, origin, "empty document")
    if isinstance(text, QuarantineItem):
        yield text
        return
    src = _SOURCE_LINE.search("\n".join(text.splitlines()[:5]))
    yield Document(
        id=content_id(text), text=text, date=find_pub_date(text) or default_date,
        source=src.group("src").strip() if src else None, origin=origin,
        title=text.strip().splitlines()[0][:300],
    )


def _parse_date(value: Any) -> Date | None:
    if value in (None, ""):
        return None
    if isinstance(value, Date):
        return value
    s = str(value).strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    return find_pub_date(s, head_lines=1)


def read_html(data: bytes, *, origin: str, default_date: Date | None = None) -> Iterator[Item]:
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
    pub = _parse_date(meta.date) if meta and meta.date else None
    source = (meta.sitename if meta else None) or None
    url = (meta.url if meta else None) or None
    full = f"{title}\n\n{text}" if title and not text.startswith(title) else text
    yield Document(id=content_id(full), text=full, date=pub or find_pub_date(full) or default_date,
                   source=source, url=url, title=title, origin=origin)


def _doc_from_mapping(obj: dict[str, Any], origin: str, line: int, default_date: Date | None) -> Item:
    text = obj.get("text")
    if not isinstance(text, str):
        return _q(origin, "missing or non-string 'text' field", line, json.dumps(obj)[:200])
    if _empty(text):
        return _q(origin, "empty 'text' field", line)
    try:
        date = _parse_date(obj.get("date"))
    except (TypeError, ValueError):
        date = None
    if obj.get("date") and date is None:
        return _q(origin, f"unparseable date {obj.get('date')!r}", line)
    fields = {k: (str(obj[k]) if obj.get(k) is not None else None)
              for k in ("source", "url", "title", "language", "country")}
    try:
        return Document(id=str(obj.get("id") or content_id(text)), text=text,
                        date=date or default_date, origin=f"{origin}:{line}", **fields)
    except ValidationError as exc:
        return _q(origin, f"invalid document: {exc.errors()[0]['msg']}", line)


def read_jsonl(data: bytes, *, origin: str, default_date: Date | None = None) -> Iterator[Item]:
    text = _decode_nonempty(data, origin, "empty file")
    if isinstance(text, QuarantineItem):
        yield text
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nesting too deep"
            yield _q(origin, f"malformed JSON: {reason}", lineno, line)
            continue
        if not isinstance(obj, dict):
            yield _q(origin, f"expected a JSON object, got {type(obj).__name__}", lineno, line)
            continue
        yield _doc_from_mapping(obj, origin, lineno, default_date)


def read_csv(data: bytes, *, origin: str, default_date: Date | None = None) -> Iterator[Item]:
    text = _decode_nonempty(data, origin, "empty file")
    if isinstance(text, QuarantineItem):
        yield text
        return
    delimiter = "\t" if origin.lower().endswith(".tsv") else ","
    csv.field_size_limit(50 * 1024 * 1024)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    col = next((c for c in _TEXT_COLUMNS if c in header), None)
    if col is None:
        yield _q(origin, f"no text column (looked for {', '.join(_TEXT_COLUMNS)}; found "
                 f"{', '.join(header) or 'none'})", 1)
        return
    reader.fieldnames = header
    try:
        for row in reader:
            lineno = reader.line_num
            obj: dict[str, Any] = {k: v for k, v in row.items() if k is not None}
            obj["text"] = obj.get(col)
            if col == "notes" and not obj.get("id"):
                obj["id"] = obj.get("event_id_cnty") or None
            if not obj.get("date") and obj.get("event_date"):
                obj["date"] = None  # an ACLED event date is not a publication date
            yield _doc_from_mapping(obj, origin, lineno, default_date)
    except csv.Error as exc:
        yield _q(origin, f"malformed CSV: {exc}", reader.line_num)


def read_feed(data: bytes, *, origin: str, default_date: Date | None = None) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(data)
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
        yield Document(id=str(entry.get("id") or entry.get("link") or content_id(text)), text=text,
                       date=pub or default_date, source=feed_title, url=entry.get("link"),
                       title=title or None, origin=f"{origin}#{i}")
