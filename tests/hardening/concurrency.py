"""8 clients reading and writing against a uvicorn server on 127.0.0.1 for a bounded time.

Writers POST uniquely named reports (1-2 events each) and PATCH their own events; readers list
and fetch. Afterwards every POSTed document must be stored exactly once with its events.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from sitrep.store import open_store
from tests.api.seed import AUTH, SEED
from tests.hardening.fakes import check_store

__all__ = ["LoadReport", "percentile", "run_load"]

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class LoadReport:
    clients: int = 0
    seconds: float = 0.0
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    latencies_ms: dict[str, list[float]] = field(default_factory=dict)
    posted: dict[str, int] = field(default_factory=dict)  # doc id -> events it must have
    patched: int = 0
    lost: list[str] = field(default_factory=list)
    wrong_events: list[str] = field(default_factory=list)
    stored_documents: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        every = [x for v in self.latencies_ms.values() for x in v]
        return {
            "clients": self.clients, "seconds": self.seconds, "requests": self.requests,
            "requests_per_s": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "errors": len(self.errors), "error_samples": self.errors[:5],
            "writes": len(self.posted), "patches": self.patched, "lost_writes": len(self.lost),
            "wrong_event_counts": len(self.wrong_events), "consistency_problems": self.problems,
            "p50_ms": percentile(every, 50), "p95_ms": percentile(every, 95),
            "p99_ms": percentile(every, 99), "max_ms": round(max(every), 1) if every else None,
            "p95_ms_by_kind": {k: percentile(v, 95) for k, v in sorted(self.latencies_ms.items())},
        }  # fmt: skip


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[k], 1)


def _client(cid: int, base: str, deadline: float, report: LoadReport, lock: threading.Lock) -> None:
    rng = random.Random(cid)
    mine: list[str] = []
    events: list[str] = []
    seed_ids = [d[0] for d in SEED]
    with httpx.Client(base_url=base, timeout=60) as http:
        i = 0
        while time.monotonic() < deadline:
            i += 1
            roll = rng.random()
            kind, expect = "", 200
            started = time.perf_counter()
            try:
                if roll < 0.4:
                    kind, expect = "post", 201
                    doc_id = f"c{cid}-{i:06d}"
                    n = 1 + i % 2
                    text = f"Report {doc_id}.\n" + "".join(f"A clash near {doc_id}-{k}.\n"
                                                           for k in range(n))
                    r = http.post("/api/documents", json={"id": doc_id, "text": text}, headers=AUTH)
                    if r.status_code == 201:
                        mine.append(doc_id)
                        events += [e["event_id_cnty"] for e in r.json()["events"]]
                        with lock:
                            report.posted[doc_id] = n
                elif roll < 0.5 and events:
                    kind = "patch"
                    r = http.patch(f"/api/events/{rng.choice(events)}", headers=AUTH,
                                   json={"action": rng.choice(["accept", "reject"]),
                                         "reviewer": f"client-{cid}"})
                    with lock:
                        report.patched += r.status_code == 200
                elif roll < 0.7:
                    kind = "list_events"
                    r = http.get("/api/events", params={"limit": 20, "q": "clash"})
                elif roll < 0.85:
                    kind = "list_documents"
                    r = http.get("/api/documents", params={"limit": 20})
                else:
                    kind = "get_document"
                    r = http.get(f"/api/documents/{rng.choice(mine or seed_ids)}")
                status = r.status_code
            except httpx.HTTPError as exc:
                status, r = -1, None
                with lock:
                    report.errors.append(f"{kind}: {type(exc).__name__}: {exc}")
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                report.requests += 1
                report.latencies_ms.setdefault(kind, []).append(elapsed)
                if status != expect and status != -1:
                    report.errors.append(f"{kind}: HTTP {status}: {r.text[:200] if r else ''}")


def _start_server(db_url: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.hardening.serve", db_url], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    guard = threading.Timer(60, proc.kill)
    guard.start()
    try:
        line = proc.stdout.readline() if proc.stdout else ""
    finally:
        guard.cancel()
    if not line.startswith("port"):
        proc.kill()
        raise RuntimeError(f"server did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    base = f"http://127.0.0.1:{line.split()[1]}"
    for _ in range(100):  # the socket is bound before uvicorn accepts: wait for /api/health
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    return proc, base


def run_load(db_url: str, *, seconds: float, clients: int = 8) -> LoadReport:
    """Start the server, run ``clients`` threads for ``seconds``, stop it, check the store."""
    report = LoadReport(clients=clients)
    proc, base = _start_server(db_url)
    lock = threading.Lock()
    try:
        started = time.monotonic()
        deadline = started + seconds
        threads = [threading.Thread(target=_client, args=(c, base, deadline, report, lock))
                   for c in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=seconds + 120)
        report.seconds = round(time.monotonic() - started, 2)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    store = open_store(db_url)
    try:
        state = check_store(store)
    finally:
        store.dispose()
    report.problems = state.problems
    report.stored_documents = state.documents
    report.lost = sorted(set(report.posted) - set(state.per_document))
    report.wrong_events = sorted(d for d, n in report.posted.items()
                                 if d in state.per_document and state.per_document[d] != n)
    return report
