"""Kill -9 a resumable run at random moments, N times, then finish it and compare.

Shared by ``tests/hardening/test_faults.py`` (a few cycles) and ``benchmarks/bench_hardening.py``
(20 cycles a database). Every kill is followed by a consistency check of the store.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.config import Settings
from sitrep.engine import run_local
from sitrep.store import open_store
from tests.hardening.fakes import RichFakePipeline, check_store, child_pids

__all__ = ["CycleReport", "reference_counts", "run_kill_cycles"]

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CycleReport:
    cycles: int = 0
    kills_landed: int = 0  # the child was still running when SIGKILL arrived
    documents_at_kill: list[int] = field(default_factory=list)
    orphans: int = 0  # worker processes still alive 10 s after their parent was killed
    problems: list[str] = field(default_factory=list)  # consistency problems, any cycle
    final_documents: int = 0
    final_events: int = 0
    lost: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)  # per-document event counts differ
    seconds: float = 0.0


def reference_counts(corpus: Path, tmp: Path) -> dict[str, int]:
    """Events per document of an uninterrupted run (in this process, its own SQLite file)."""
    store = open_store(f"sqlite:///{tmp / 'reference.db'}")
    try:
        run_local([corpus], RichFakePipeline(Settings()), store=store)
        return check_store(store).per_document
    finally:
        store.dispose()


def _start(corpus: Path, db_url: str, workers: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.hardening.fakes", str(corpus), db_url,
                             str(workers)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)


def _wait_ready(proc: subprocess.Popen[str], timeout: float) -> None:
    guard = threading.Timer(timeout, proc.kill)  # a child that never says "ready" is killed
    guard.start()
    try:
        line = proc.stdout.readline() if proc.stdout else ""
    finally:
        guard.cancel()
    if not line.startswith("ready"):
        raise RuntimeError(f"writer did not start (said {line!r})")


def _reap(pids: list[int], timeout: float) -> int:
    """Wait for ``pids`` (children of a killed run) to exit; SIGKILL and count the stragglers."""
    deadline = time.monotonic() + timeout
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if Path(f"/proc/{p}").exists()
                 and "Z" not in Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[-1][:3]]
        time.sleep(0.1)
    for pid in alive:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
    return len(alive)


def run_kill_cycles(corpus: Path, db_url: str, reference: dict[str, int], *, cycles: int,
                    seed: int = 11, max_delay: float = 0.6) -> CycleReport:
    """``cycles`` runs killed after a random delay (workers alternating 1 and 2), then one to
    the end; the store is checked after every kill and compared with ``reference`` at the end."""
    rng = random.Random(seed)
    report = CycleReport()
    started = time.monotonic()
    store = open_store(db_url)
    try:
        for cycle in range(cycles):
            before = store.count("documents")
            proc = _start(corpus, db_url, workers=1 + cycle % 2)
            _wait_ready(proc, timeout=60)
            # kill while documents are being stored (workers take a while to spawn), not before
            deadline = time.monotonic() + 60
            while (store.count("documents") == before and proc.poll() is None
                   and time.monotonic() < deadline):
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, max_delay))
            kids = child_pids(proc.pid)
            landed = proc.poll() is None
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            if proc.stdout:
                proc.stdout.close()
            report.cycles += 1
            report.kills_landed += landed
            report.orphans += _reap(kids, timeout=10)
            state = check_store(store)
            report.documents_at_kill.append(state.documents)
            report.problems += [f"cycle {cycle}: {p}" for p in state.problems]
        proc = _start(corpus, db_url, workers=2)
        _wait_ready(proc, timeout=60)
        proc.wait(timeout=300)
        if proc.stdout:
            proc.stdout.close()
        if proc.returncode != 0:
            report.problems.append(f"final run exited {proc.returncode}")
        state = check_store(store)
        report.problems += [f"final: {p}" for p in state.problems]
        report.final_documents, report.final_events = state.documents, state.events
        report.lost = sorted(set(reference) - set(state.per_document))
        report.mismatched = sorted(d for d, n in state.per_document.items()
                                   if reference.get(d) != n)
    finally:
        store.dispose()
    report.seconds = round(time.monotonic() - started, 2)
    return report
