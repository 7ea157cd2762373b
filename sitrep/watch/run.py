"""The long-lived loop: poll, wait ``every`` seconds (waking at once on stop), poll again."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

from ..errors import ConfigError, StoreError
from .errors import WatchError
from .poll import CycleReport, Poller

__all__ = ["check_once", "parse_duration", "run_watch"]

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?", re.IGNORECASE)
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """``"10m"``, ``"90s"``, ``"1h30m"``, ``"250ms"`` or plain seconds (``"45"``) -> seconds."""
    s = text.strip().lower().replace(" ", "")
    pos, total = 0, 0.0
    while pos < len(s):
        m = _PART.match(s, pos)
        if not m or m.end() == pos:
            raise ConfigError(f"{text!r} is not a duration (e.g. 30s, 10m, 1h)", code="E163")
        total += float(m.group(1)) * _UNIT[m.group(2) or "s"]
        pos = m.end()
    if not s or total <= 0:
        raise ConfigError(f"{text!r} is not a positive duration", code="E163")
    return total


def run_watch(poller: Poller, *, every: float, once: bool = False,
              stop: threading.Event | None = None,
              on_cycle: Callable[[CycleReport], None] | None = None,
              on_error: Callable[[StoreError], None] | None = None) -> int:
    """Poll until ``stop`` is set (or once). Returns the number of cycles run.

    Cycles start ``every`` seconds apart; a cycle longer than that is followed at once by the next.
    A database that cannot be reached ends a ``once`` run; a long-lived run reports it through
    ``on_error`` and tries again next interval.
    """
    stop = stop or threading.Event()
    cycles = 0
    while not stop.is_set():
        started = time.monotonic()
        try:
            report = poller.poll(stop=stop)
        except StoreError as exc:
            if once:
                raise
            if on_error:
                on_error(exc)
        else:
            cycles += 1
            if on_cycle:
                on_cycle(report)
        if once:
            break
        stop.wait(max(0.0, every - (time.monotonic() - started)))
    return cycles


def check_once(report: CycleReport) -> None:
    """A ``--once`` poll tells the truth in its exit code: raise :class:`WatchError` when no
    source answered (E630) or an alert sink refused an alert (E623). A stopped poll is not judged.
    """
    if report.stopped:
        return
    problems = []
    code = "E623"
    if report.all_down:
        code = "E630"
        problems.append(f"every source is down ({', '.join(report.down)})")
    if report.delivery_failures:
        shown = "; ".join(report.delivery_failures[:3])
        more = len(report.delivery_failures) - 3
        problems.append(f"{len(report.delivery_failures)} alert deliveries failed: {shown}"
                        + (f" (and {more} more)" if more > 0 else ""))
    if problems:
        raise WatchError("; ".join(problems), code=code)
