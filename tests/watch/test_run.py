from __future__ import annotations

import threading

import pytest

from sitrep.errors import ConfigError, StoreError
from sitrep.watch.poll import CycleReport
from sitrep.watch.run import parse_duration, run_watch


@pytest.mark.parametrize(("text", "seconds"), [
    ("10m", 600.0), ("90s", 90.0), ("1h30m", 5400.0), ("250ms", 0.25), ("45", 45.0), ("1d", 86400.0)])
def test_run_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "10x", "0s", "-5m"])
def test_run_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_duration(text)


class _FlakyPoller:
    """Raises StoreError on its first poll; sets ``stop`` on its third."""

    def __init__(self, stop: threading.Event) -> None:
        self.calls = 0
        self.stop = stop

    def poll(self, *, stop: threading.Event | None = None) -> CycleReport:
        self.calls += 1
        if self.calls == 1:
            raise StoreError("database is away", code="E403")
        if self.calls == 3:
            self.stop.set()
        return CycleReport()


def test_run_watch_survives_a_database_outage_until_stopped() -> None:
    stop = threading.Event()
    errors: list[StoreError] = []
    poller = _FlakyPoller(stop)
    cycles = run_watch(poller, every=0.01, stop=stop, on_error=errors.append)  # type: ignore[arg-type]
    assert cycles == 2 and poller.calls == 3 and len(errors) == 1


def test_run_watch_once_reports_a_database_outage() -> None:
    with pytest.raises(StoreError):
        run_watch(_FlakyPoller(threading.Event()), every=0.01, once=True)  # type: ignore[arg-type]


def test_run_watch_wakes_at_once_on_stop() -> None:
    stop = threading.Event()
    poller = _FlakyPoller(stop)
    poller.calls = 1  # no outage
    timer = threading.Timer(0.1, stop.set)
    timer.start()
    cycles = run_watch(poller, every=3600, stop=stop)
    timer.join()
    assert cycles == 1
