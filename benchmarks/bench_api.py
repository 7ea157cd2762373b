"""API and web-UI speed at 10,000 stored events (issue 9 and 24 targets).

For each database (a temporary SQLite file; a private schema of PostgreSQL at 127.0.0.1:5432 when
it answers) the benchmark stores 10,000 synthetic events (``sitrep.dedup.scenarios``: war-zone
places, one report each), serves the API with uvicorn on 127.0.0.1 and times

- the list endpoint: first page, a later page, a date range, a bounding box, a country, a
  sub-event type and a text search, 60 requests each after one warm-up: p50 / p95 / max (ms);
- the review queue's order (``sort=queue``) and the charts' aggregates (``/api/events/stats``, top
  actors and admin1, unfiltered and under a country filter), the same way;
- the map's point endpoint (all events);
- first paint of the UI in Debian's headless chromium (skipped without chromium): from navigation
  until the table rows are shown, the Leaflet map has drawn its base layer and holds every event,
  the timeline is drawn and the top-actor list is filled.

    python benchmarks/bench_api.py [--events 10000] [--repeat 60] [--no-pg] [--no-browser]

Targets: list p95 under 100 ms on both databases; first paint under 2 s. Wall times depend on how
busy the machine is (the load average is recorded). Writes benchmarks/results/api.json.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from benchdb import fresh_db

from sitrep.api import create_app
from sitrep.dedup.scenarios import synthetic_events
from sitrep.schema import Doc, Document
from sitrep.store import open_store

RESULTS = Path(__file__).resolve().parent / "results" / "api.json"
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


def pg_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def seed(url: str, n: int, per_doc: int = 100) -> None:
    """``n`` synthetic events, ``per_doc`` to a stored report (what the listing reads is the same)."""
    store = open_store(url)
    events = list(synthetic_events(n))
    for k in range(0, n, per_doc):
        doc_id = f"bulk-{k // per_doc}"
        doc = Doc(document=Document(id=doc_id, text=f"Report {doc_id}.", source="Synthetic"))
        doc.events = [e.model_copy(update={"doc_id": doc_id, "doc_ids": [doc_id]})
                      for e in events[k:k + per_doc]]
        store.add(doc)
    store.dispose()


@contextmanager
def serve(url: str) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    app = create_app(db_url=url, token="bench-token")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


QUERIES = {
    "first page": {"limit": 50},
    "page 20": {"limit": 50, "offset": 1000},
    "date range": {"date_from": "2015-03-01", "date_to": "2015-04-30", "limit": 50},
    "bbox": {"bbox": "36.0,35.5,38.5,37.0", "limit": 50},
    "country": {"country": "Syria", "limit": 50},
    "sub-event type": {"sub_event_type": "Air/drone strike", "limit": 50},
    "text search": {"q": "Douma", "limit": 50},
    "review queue": {"sort": "queue", "limit": 50},
}
STATS = {
    "top actors": {"by": "actor"},
    "top admin1": {"by": "admin1"},
    "top actors, one country": {"by": "actor", "country": "Syria"},
}


def _timed(client: httpx.Client, path: str, params: dict[str, Any], repeat: int) -> tuple[list[float], Any]:
    client.get(path, params=params).raise_for_status()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = client.get(path, params=params)
        times.append((time.perf_counter() - t0) * 1e3)
        r.raise_for_status()
    return times, r.json()


def time_queries(base: str, repeat: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    every: list[float] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, params in QUERIES.items():
            times, body = _timed(client, "/api/events", params, repeat)
            every += times
            out[name] = {"total": body["total"], **summary(times)}
        charts: list[float] = []
        for name, params in STATS.items():
            times, body = _timed(client, "/api/events/stats", params, repeat)
            charts += times
            out[f"stats: {name}"] = {"total": body["total"], **summary(times)}
        out["all stats requests"] = summary(charts)
        t0 = time.perf_counter()
        points = client.get("/api/events/points")
        points.raise_for_status()
        out["points (map, all events)"] = {"rows": len(points.json()["rows"]),
                                           "ms": round((time.perf_counter() - t0) * 1e3, 1)}
    out["all list requests"] = summary(every)
    return out


def summary(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {"p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(round(0.95 * len(times))) - 1)], 1),
            "max_ms": round(times[-1], 1)}


#: the UI has painted: table rows, the Leaflet map with its base layer and every event, the
#: timeline, the top-actor list
_PAINTED = """
const stage = document.querySelector("#view .leaflet-stage");
return !!(document.querySelector("#events-table tr.row") && stage && stage.dataset.ready
  && stage.dataset.basemap === "drawn" && stage.dataset.events === arguments[0]
  && document.querySelector("svg.timeline rect.seg") && document.querySelector("#top-actor li"));
"""


def first_paint(base: str, n: int) -> dict[str, Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        return {"skipped": "needs Debian's chromium and chromium-driver"}
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1400,1100", "--disable-background-networking"):
        opts.add_argument(flag)
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    try:
        browser.get(base + "/about:blank")  # browser started and warm, nothing of the UI loaded yet
        runs = []
        for _ in range(3):
            browser.delete_all_cookies()
            t0 = time.perf_counter()
            browser.get(base + "/?_=" + uuid.uuid4().hex)
            WebDriverWait(browser, 60).until(lambda d: d.execute_script(_PAINTED, str(n)))
            runs.append(round(time.perf_counter() - t0, 2))
        return {"seconds": runs, "best_s": min(runs), "worst_s": max(runs)}
    finally:
        browser.quit()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=60)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    result: dict[str, Any] = {"events": args.events, "cpus": os.cpu_count(),
                              "load_average": [round(x, 1) for x in os.getloadavg()]}
    kinds = ["sqlite"] + ([] if args.no_pg or not pg_available() else ["postgresql"])
    for kind in kinds:
        with fresh_db(PG if kind == "postgresql" else None) as url:
            t0 = time.perf_counter()
            seed(url, args.events)
            print(f"{kind}: stored {args.events} events in {time.perf_counter() - t0:.1f} s", flush=True)
            with serve(url) as base:
                result[kind] = {"list": time_queries(base, args.repeat)}
                if not args.no_browser:
                    result[kind]["first_paint"] = first_paint(base, args.events)
        print(kind, json.dumps(result[kind], indent=1), flush=True)
    result["targets"] = {kind: {
        "list p95 <= 100 ms": result[kind]["list"]["all list requests"]["p95_ms"] <= 100,
        **({"first paint <= 2 s": result[kind]["first_paint"]["best_s"] <= 2}
           if "best_s" in result[kind].get("first_paint", {}) else {}),
    } for kind in kinds}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
