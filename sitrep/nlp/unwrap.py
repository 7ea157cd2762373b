"""Hard-wrapped copy read as running text: a line break that only wraps a long line is a space.

Wire copy, e-mailed bulletins, broadcast transcripts and text pulled from PDFs break every line at
a fixed width ("... AT LEAST 22 PEOPLE KILLED\\nIN U.S. AIR STRIKES ON ..."). Read literally, each
line is a sentence of its own and a figure, its verb and its place fall into different sentences.
A line break is a wrap when the document is wrapped (most of its line breaks inside a paragraph
fall where the next word would not have fitted on the line) and this break is one of those; a
break before which the next word would have fitted was made by the writer (a headline, a
dateline, a list item) and stays. The reading text has the same length as the document's, so
every offset still points into the stored text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["WRAP_LIMIT", "Wrapping", "unwrap", "wrapping"]

#: Widest line a wrapped document is taken to have (typewriter, terminal and wire widths are
#: 60-100 characters; a paragraph written on one line is far longer).
WRAP_LIMIT = 160
#: Share of a document's in-paragraph line breaks that must be wraps for it to be wrapped.
_WRAPPED_SHARE = 0.6
#: Share of a wrapped document's lines at or under the width it was wrapped at.
_WIDTH_QUANTILE = 0.9
#: In-paragraph line breaks a document needs before its width can be told.
_MIN_BREAKS = 3
#: A list item, a bullet or an indented line starts a unit of its own; a dash of the running text
#: carried to the next line ("-- the mother of ...", "— said") does not.
_OWN_START = re.compile(r"\s|(?:[*•·>]|-(?!-))\s|\d{1,3}[.)]\s|\(?[a-zA-Z]\)\s")


@dataclass(frozen=True)
class Wrapping:
    """How a document is wrapped: its line ``width`` and the offsets of its wrap breaks."""

    width: int
    breaks: tuple[int, ...]


def _first_word(line: str) -> str:
    parts = line.split(maxsplit=1)
    return parts[0] if parts else ""


def wrapping(text: str) -> Wrapping | None:
    """The document's wrapping, or None when its line breaks are the writer's own."""
    if text.count("\n") < _MIN_BREAKS:
        return None
    lines: list[tuple[int, str]] = []  # (offset of the "\n" ending the line, the line)
    at = 0
    for line in text.split("\n"):
        lines.append((at + len(line), line.rstrip()))
        at += len(line) + 1
    inside = [(nl, line, nxt) for (nl, line), (_, nxt) in zip(lines, lines[1:], strict=False)
              if line.strip() and nxt.strip()]
    if len(inside) < _MIN_BREAKS:
        return None
    long_lines = sum(len(line) > WRAP_LIMIT for _, line in lines)
    if long_lines * 10 > len(lines):
        return None
    # the width the text was wrapped at: most lines reach close to it, a few run over (a long
    # word the wrapper could not break), so the 90th percentile rather than the longest line
    lengths = sorted(len(line) for _, line in lines if 0 < len(line) <= WRAP_LIMIT)
    width = lengths[min(len(lengths) - 1, int(_WIDTH_QUANTILE * len(lengths)))] if lengths else 0
    fits = [(nl, len(line) + 1 + len(_first_word(nxt)) > width and not _OWN_START.match(nxt))
            for nl, line, nxt in inside]
    if sum(ok for _, ok in fits) < _WRAPPED_SHARE * len(fits):
        return None
    return Wrapping(width=width, breaks=tuple(nl for nl, ok in fits if ok))


def unwrap(text: str) -> str:
    """``text`` with its wrap breaks read as spaces (same length, same offsets)."""
    found = wrapping(text)
    if found is None or not found.breaks:
        return text
    chars = list(text)
    for nl in found.breaks:
        chars[nl] = " "
        if nl and chars[nl - 1] == "\r":
            chars[nl - 1] = " "
    return "".join(chars)
