"""Bytes -> text, refusing binary junk and invalid UTF-8 with a located reason."""

from __future__ import annotations

import re
from datetime import date as Date

__all__ = ["DecodeFailure", "decode", "find_pub_date", "looks_binary"]


class DecodeFailure(ValueError):
    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def decode(data: bytes) -> str:
    """Decode UTF-8 (BOM allowed; UTF-16 with BOM too). Raise DecodeFailure with the line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeFailure(f"invalid UTF-16: {exc.reason}") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        raise DecodeFailure("binary content (NUL bytes), not a text document", line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DecodeFailure(f"invalid UTF-8 at byte {exc.start}: {exc.reason}", line) from exc
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if text and controls / min(len(text), 4096) > 0.05:
        raise DecodeFailure("binary content (control characters), not a text document", 1)
    return text


_CONTROL = frozenset(range(32)) - frozenset(b"\t\n\r\f\v")


def looks_binary(head: bytes) -> bool:
    """True when more than 5 % of ``head`` are control bytes (NUL included): a binary file.

    A streamed file is judged on its head only, so one stray NUL deep inside costs its own line
    or row, not the file.
    """
    return bool(head) and sum(b in _CONTROL for b in head) / len(head) > 0.05


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_MDY = re.compile(rf"\b{_MON}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _safe(y: int, m: int, d: int) -> Date | None:
    try:
        return Date(y, m, d)
    except ValueError:
        return None


def find_pub_date(text: str, *, head_lines: int = 5) -> Date | None:
    """A publication date in the first lines (a dateline), or None."""
    head = "\n".join(text.lstrip().splitlines()[:head_lines])[:600]
    for m in _ISO.finditer(head):
        found = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if found:
            return found
    for m in _DMY.finditer(head):
        found = _safe(int(m.group(3)), _MONTHS[m.group(2).lower()[:3]], int(m.group(1)))
        if found:
            return found
    for m in _MDY.finditer(head):
        found = _safe(int(m.group(3)), _MONTHS[m.group(1).lower()[:3]], int(m.group(2)))
        if found:
            return found
    return None
